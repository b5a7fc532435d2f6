"""Saved conversations in real SQLite: round trip, per-user isolation, search, rename, delete, schema upgrades."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from rag.answer import Answer, AnswerSentence, Citation, RetrievedRef
from ui.history import SCHEMA_VERSION, HistoryError, HistoryStore, answer_from_json, conversation_of, title_for


def answer(question: str, text: str = "ECON builds on ICON [1].", paper: str = "p-econ") -> Answer:
    return Answer(
        question=question,
        answer=text,
        refused=False,
        backend="extractive",
        citations=[Citation(1, paper, "ECON: Explicit Clothed humans", "https://xiuyuliang.cn/econ/", "ECON does X.")],
        retrieved=[RetrievedRef(paper, "ECON: Explicit Clothed humans", 0.8123)],
        timings_ms={"retrieve": 12.0, "total": 20.0},
        notice="a notice",
        query=f"standalone {question}",
    )


def test_a_turn_reopens_exactly_as_answered(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    first = answer("How does ECON differ from ICON?")
    conversation = store.create("local", first.question)
    assert store.add_turn("local", conversation, first)
    assert store.add_turn("local", conversation, answer("What data does it use?", "It uses THuman [1]."))

    reopened = HistoryStore(tmp_path / "history.sqlite3").answers("local", conversation)  # a restart
    assert reopened is not None and len(reopened) == 2
    assert reopened[0].to_json() == first.to_json()
    assert reopened[1].answer == "It uses THuman [1]."
    rebuilt = conversation_of(reopened)
    assert [t.query for t in rebuilt.turns] == ["standalone How does ECON differ from ICON?", "standalone What data does it use?"]
    assert rebuilt.turns[-1].cited_ids == ["p-econ"]


def test_one_user_cannot_list_open_rename_delete_or_extend_anothers(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    alice = store.create("alice", "Alice's private question")
    store.add_turn("alice", alice, answer("Alice's private question"))
    assert [c.id for c in store.conversations("alice")] == [alice]
    assert store.conversations("bob") == []
    assert store.conversations("bob", "private") == []
    assert store.answers("bob", alice) is None
    assert store.get("bob", alice) is None
    assert not store.rename("bob", alice, "mine now")
    assert not store.delete("bob", alice)
    assert not store.add_turn("bob", alice, answer("bob's question"))
    kept = store.answers("alice", alice)
    assert kept is not None and [a.question for a in kept] == ["Alice's private question"]
    assert store.conversations("alice")[0].title == "Alice's private question"


def test_search_rename_replace_last_and_delete(tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "history.sqlite3")
    econ = store.create("local", "How does ECON differ from ICON?")
    store.add_turn("local", econ, answer("How does ECON differ from ICON?"))
    store.add_turn("local", econ, answer("Which data does it use?"))
    tryon = store.create("local", "Which papers do virtual try-on?")
    store.add_turn("local", tryon, answer("Which papers do virtual try-on?"))

    assert [c.id for c in store.conversations("local")] == [tryon, econ]  # latest first
    assert [c.id for c in store.conversations("local", "icon")] == [econ]
    assert [c.id for c in store.conversations("local", "DATA econ")] == [econ]  # a later question matches too
    assert store.conversations("local", "100%_") == []  # LIKE wildcards are literal

    assert store.rename("local", econ, "  ECON   vs ICON  ")
    assert store.get("local", econ).title == "ECON vs ICON"  # type: ignore[union-attr]
    with pytest.raises(HistoryError, match="empty name"):
        store.rename("local", econ, "   ")

    store.add_turn("local", econ, answer("Which data does it use?", "Regenerated [1]."), replace_last=True)
    answers = store.answers("local", econ)
    assert answers is not None and [a.answer for a in answers] == ["ECON builds on ICON [1].", "Regenerated [1]."]

    assert store.delete("local", econ)
    assert store.answers("local", econ) is None
    with sqlite3.connect(tmp_path / "history.sqlite3") as db:
        assert db.execute("SELECT COUNT(*) FROM turns WHERE conversation_id = ?", (econ,)).fetchone() == (0,)
    assert [c.id for c in store.conversations("local")] == [tryon]


def test_schema_version_and_a_newer_database(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite3"
    HistoryStore(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(HistoryError, match="newer than this paperchat"):
        HistoryStore(path)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database" * 100)
    with pytest.raises(HistoryError, match="move that file away"):
        HistoryStore(garbage)


def test_answer_json_round_trip_keeps_sentence_states_and_ignores_unknown_fields() -> None:
    original = answer("q")
    original.sentences = [
        AnswerSentence("ECON builds on ICON [1].", "repaired", (1,), ("ECON does X.",), ("[2] → [1]",)),
        AnswerSentence("ECON is the best.", "removed", reason="no source supports it"),
    ]
    data = {**original.to_json(), "a_field_from_a_newer_engine": [1, 2]}
    assert answer_from_json(data).to_json() == original.to_json()
    assert title_for("  a\nlong  " + "word " * 60).endswith("…")
    assert len(title_for("word " * 60)) <= 120
