"""Saved conversations: one SQLite file under PAPERCHAT_HOME, every row owned by one user.

Each turn keeps the verified answer exactly as it was shown (`Answer.to_json()`),
so reopening a conversation shows what was answered then, not a new answer; the
engine's `Conversation` for follow-ups is rebuilt from those turns. Every query
names the owner in its WHERE clause, so one user can neither list, open, rename
nor delete another's conversations, whatever id a browser sends.

The schema is versioned with `PRAGMA user_version`; `_MIGRATIONS[i]` takes a
database from version i to i + 1, so a newer paperchat upgrades an older file in place.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.answer import Answer, AnswerSentence, Citation, RetrievedRef
from rag.engine import Conversation, Turn
from rag.errors import PaperchatError

LOCAL_USER = "local"  # the one user of an app served without PAPERCHAT_USERS
MAX_TITLE_CHARS = 120

_MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        title TEXT NOT NULL,
        created REAL NOT NULL,
        updated REAL NOT NULL
    );
    CREATE INDEX conversations_by_owner ON conversations (owner, updated DESC);
    CREATE TABLE turns (
        conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        question TEXT NOT NULL,
        answer_json TEXT NOT NULL,
        created REAL NOT NULL,
        PRIMARY KEY (conversation_id, position)
    );
    """,
)
SCHEMA_VERSION = len(_MIGRATIONS)


class HistoryError(PaperchatError, RuntimeError):
    """The history database cannot be used as asked; the message says what to do."""


@dataclass(frozen=True)
class ConversationSummary:
    id: str
    title: str
    updated: float
    turns: int

    def label(self) -> str:
        when = time.strftime("%d %b %H:%M", time.localtime(self.updated))
        return f"{self.title} · {when}"


def answer_from_json(data: dict[str, Any]) -> Answer:
    """The inverse of `Answer.to_json()`; unknown keys (added by a newer engine) are ignored, not fatal."""
    return Answer(
        question=str(data.get("question", "")),
        answer=str(data.get("answer", "")),
        refused=bool(data.get("refused", False)),
        backend=str(data.get("backend", "")),
        citations=[
            Citation(int(c["n"]), str(c["paper_id"]), str(c["title"]), c.get("url"), str(c.get("evidence", "")))
            for c in data.get("citations", [])
        ],
        retrieved=[
            RetrievedRef(str(r["paper_id"]), str(r["title"]), float(r["score"])) for r in data.get("retrieved", [])
        ],
        timings_ms={str(k): float(v) for k, v in (data.get("timings_ms") or {}).items()},
        notice=data.get("notice"),
        unsupported=[str(s) for s in data.get("unsupported") or []],
        query=str(data.get("query") or data.get("question", "")),
        repaired=bool(data.get("repaired", False)),
        sentences=[_sentence(item) for item in data.get("sentences") or [] if isinstance(item, dict)],
    )


def _sentence(data: dict[str, Any]) -> AnswerSentence:
    state = data.get("state")
    return AnswerSentence(
        text=str(data.get("text", "")),
        status=state if state in ("verified", "repaired", "removed") else "verified",
        citations=tuple(int(n) for n in data.get("citations") or []),
        evidence=tuple(str(e) for e in data.get("evidence") or []),
        changes=tuple(str(c) for c in data.get("changes") or []),
        reason=data.get("reason"),
    )


def conversation_of(answers: Sequence[Answer]) -> Conversation:
    """The engine's conversation for follow-ups, rebuilt from saved answers (the query each turn used)."""
    return Conversation(turns=[Turn(a.question, a.query or a.question, a) for a in answers])


def title_for(question: str) -> str:
    """A conversation's first title: its first question on one line, shortened at a word."""
    text = " ".join(question.split())
    if len(text) <= MAX_TITLE_CHARS:
        return text
    return text[: MAX_TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"


class HistoryStore:
    """The conversations database. Opens a connection per call: Gradio runs handlers on many threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():  # conversations are private: readable by the app's own user only
                path.touch(mode=0o600)
            with self._connect() as db:
                self._migrate(db)
        except sqlite3.DatabaseError as error:
            raise HistoryError(
                f"cannot open the conversation history {path} ({error}); move that file away to start a new one"
            ) from None

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=10)
        try:
            db.execute("PRAGMA foreign_keys = ON")
            with db:  # one transaction: committed on success, rolled back on error
                yield db
        finally:
            db.close()

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = int(db.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise HistoryError(
                f"the conversation history {self.path} has schema version {version}, newer than this paperchat's "
                f"{SCHEMA_VERSION}; upgrade paperchat"
            )
        for step in range(version, SCHEMA_VERSION):
            db.executescript(_MIGRATIONS[step])
            db.execute(f"PRAGMA user_version = {step + 1}")

    # --- reading ---------------------------------------------------------------------

    def conversations(self, owner: str, query: str = "") -> list[ConversationSummary]:
        """The owner's conversations, latest first; `query` keeps those whose title or questions contain
        every word of it (case-insensitive)."""
        sql = (
            "SELECT c.id, c.title, c.updated, (SELECT COUNT(*) FROM turns t WHERE t.conversation_id = c.id) "
            "FROM conversations c WHERE c.owner = ?"
        )
        params: list[Any] = [owner]
        for word in query.lower().split():
            pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            sql += (
                " AND (lower(c.title) LIKE ? ESCAPE '\\' OR EXISTS (SELECT 1 FROM turns t WHERE "
                "t.conversation_id = c.id AND lower(t.question) LIKE ? ESCAPE '\\'))"
            )
            params += [pattern, pattern]
        sql += " ORDER BY c.updated DESC"
        with self._connect() as db:
            rows = db.execute(sql, params).fetchall()
        return [ConversationSummary(str(i), str(t), float(u), int(n)) for i, t, u, n in rows]

    def get(self, owner: str, conversation_id: str) -> ConversationSummary | None:
        return next((c for c in self.conversations(owner) if c.id == conversation_id), None)

    def answers(self, owner: str, conversation_id: str) -> list[Answer] | None:
        """The saved answers in order, or None when the owner has no conversation with that id."""
        with self._connect() as db:
            if not self._owns(db, owner, conversation_id):
                return None
            rows = db.execute(
                "SELECT answer_json FROM turns WHERE conversation_id = ? ORDER BY position", (conversation_id,)
            ).fetchall()
        return [answer_from_json(json.loads(text)) for (text,) in rows]

    # --- writing ---------------------------------------------------------------------

    def create(self, owner: str, title: str) -> str:
        conversation_id = uuid.uuid4().hex
        now = time.time()
        with self._connect() as db:
            db.execute(
                "INSERT INTO conversations (id, owner, title, created, updated) VALUES (?, ?, ?, ?, ?)",
                (conversation_id, owner, title_for(title) or "Untitled", now, now),
            )
        return conversation_id

    def add_turn(self, owner: str, conversation_id: str, answer: Answer, *, replace_last: bool = False) -> bool:
        """Append the answer (or replace the last turn's, for a regenerated or edited question).
        False when the owner has no such conversation (deleted meanwhile, or not theirs)."""
        now = time.time()
        with self._connect() as db:
            if not self._owns(db, owner, conversation_id):
                return False
            (last,) = db.execute(
                "SELECT COALESCE(MAX(position), -1) FROM turns WHERE conversation_id = ?", (conversation_id,)
            ).fetchone()
            if replace_last and last >= 0:
                db.execute("DELETE FROM turns WHERE conversation_id = ? AND position = ?", (conversation_id, last))
                last -= 1
            db.execute(
                "INSERT INTO turns (conversation_id, position, question, answer_json, created) VALUES (?, ?, ?, ?, ?)",
                (conversation_id, last + 1, answer.question, json.dumps(answer.to_json(), ensure_ascii=False), now),
            )
            db.execute("UPDATE conversations SET updated = ? WHERE id = ?", (now, conversation_id))
        return True

    def rename(self, owner: str, conversation_id: str, title: str) -> bool:
        title = title_for(title)
        if not title:
            raise HistoryError("empty name: type a name for the conversation")
        with self._connect() as db:
            changed = db.execute(
                "UPDATE conversations SET title = ? WHERE id = ? AND owner = ?", (title, conversation_id, owner)
            ).rowcount
        return bool(changed)

    def delete(self, owner: str, conversation_id: str) -> bool:
        with self._connect() as db:
            deleted = db.execute(
                "DELETE FROM conversations WHERE id = ? AND owner = ?", (conversation_id, owner)
            ).rowcount
        return bool(deleted)

    @staticmethod
    def _owns(db: sqlite3.Connection, owner: str, conversation_id: str) -> bool:
        row = db.execute(
            "SELECT 1 FROM conversations WHERE id = ? AND owner = ?", (conversation_id, owner)
        ).fetchone()
        return row is not None


def browser_secret(home: Path) -> str:
    """The key that encrypts what the app keeps in the browser (which conversation is open). Kept in a 0600 file,
    so the browser's copy still decrypts after a restart; Gradio's default is a new random key per process."""
    import os
    import secrets

    path = home / "browser_secret"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        pass
    home.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(24)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it first: use theirs
        return path.read_text(encoding="utf-8").strip()
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(secret + "\n")
    return secret
