"""Settings a user changes in the app, saved under PAPERCHAT_HOME so they survive a reload and a restart.

Two files: `settings.json` (backend, local model, endpoint URL, remote model name,
top-k; readable) and `api_key` (the key alone, created with mode 0600 so only its
owner can read it). The key is read only to build the LLM client; it is never
returned to a page — callers get `key_status()`, which says "set" or "not set".
Saved values override the PAPERCHAT_* environment they were started with: they
are the later, explicit choice.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from rag.errors import SettingsError
from rag.settings import BACKENDS, Settings, check_backend

SETTINGS_FILE = "settings.json"
KEY_FILE = "api_key"
LOCAL_MODELS = ("0.5b", "1.5b")
TOP_K_RANGE = (1, 50)
_URL = re.compile(r"^https?://[^\s\"'<>`]+$", re.IGNORECASE)


@dataclass(frozen=True)
class SavedSettings:
    """What the Settings tab saves; None means "as started" (environment or default)."""

    backend: str | None = None
    local_model: str | None = None
    base_url: str | None = None
    model: str | None = None
    top_k: int | None = None


def check(saved: SavedSettings) -> SavedSettings:
    """Each value usable, or a SettingsError that names the field and what to enter."""
    if saved.backend is not None:
        check_backend(saved.backend)
    if saved.local_model is not None and saved.local_model not in LOCAL_MODELS:
        raise SettingsError(f"local model {saved.local_model!r}: choose {' or '.join(LOCAL_MODELS)}")
    base_url = (saved.base_url or "").strip() or None
    if base_url is not None and not _URL.match(base_url):
        raise SettingsError(f"endpoint URL {base_url!r} must start with http:// or https://, e.g. http://127.0.0.1:8080/v1")
    model = (saved.model or "").strip() or None
    top_k = saved.top_k
    if top_k is not None and not (isinstance(top_k, int) and TOP_K_RANGE[0] <= top_k <= TOP_K_RANGE[1]):
        raise SettingsError(f"top-k {top_k!r}: enter a whole number from {TOP_K_RANGE[0]} to {TOP_K_RANGE[1]}")
    return replace(saved, base_url=base_url, model=model)


def load(home: Path) -> SavedSettings:
    """The saved settings; an unreadable or invalid file counts as none saved (it is rewritten on the next save)."""
    path = home / SETTINGS_FILE
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        known = {k: data[k] for k in asdict(SavedSettings()) if k in data} if isinstance(data, dict) else {}
        return check(SavedSettings(**known))
    except (OSError, ValueError, TypeError):
        return SavedSettings()


def save(home: Path, saved: SavedSettings) -> SavedSettings:
    saved = check(saved)
    home.mkdir(parents=True, exist_ok=True)
    path = home / SETTINGS_FILE
    temporary = path.with_suffix(".json.tmp")
    temporary.write_text(json.dumps(asdict(saved), indent=2) + "\n", encoding="utf-8")
    os.replace(temporary, path)  # a crash mid-write leaves the previous file whole
    return saved


def save_key(home: Path, key: str) -> None:
    """Store the API key readable by its owner only (0600 from creation, so it is never briefly world-readable)."""
    key = key.strip()
    if not key or any(ch.isspace() for ch in key):
        raise SettingsError("API key: paste the key alone, without spaces or line breaks")
    home.mkdir(parents=True, exist_ok=True)
    path = home / KEY_FILE
    temporary = path.with_name(KEY_FILE + ".tmp")
    temporary.unlink(missing_ok=True)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(key + "\n")
    os.replace(temporary, path)


def forget_key(home: Path) -> None:
    (home / KEY_FILE).unlink(missing_ok=True)


def read_key(home: Path) -> str | None:
    try:
        return (home / KEY_FILE).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def key_status(home: Path, settings: Settings) -> str:
    """What a page may show about the key: where it comes from, never its value."""
    if read_key(home):
        return "set (saved in the app)"
    return "set (from OPENAI_API_KEY)" if settings.llm.api_key else "not set"


def apply(settings: Settings, saved: SavedSettings, key: str | None) -> Settings:
    """`settings` with the saved values (and key) on top."""
    llm = settings.llm
    llm = llm.model_copy(
        update={
            "backend": check_backend(saved.backend) if saved.backend else llm.backend,
            "local_model": saved.local_model or llm.local_model,
            "base_url": saved.base_url or llm.base_url,
            "model": saved.model or llm.model,
            "api_key": SecretStr(key) if key else llm.api_key,
        }
    )
    retrieval = settings.retrieval.model_copy(update={"top_k": saved.top_k}) if saved.top_k else settings.retrieval
    return settings.model_copy(update={"llm": llm, "retrieval": retrieval})


def effective(settings: Settings) -> Settings:
    """The settings the app runs with: as started, plus what was saved under their home."""
    return apply(settings, load(settings.home), read_key(settings.home))


__all__ = ["BACKENDS", "LOCAL_MODELS", "SavedSettings", "apply", "effective", "forget_key", "key_status", "load",
           "read_key", "save", "save_key"]
