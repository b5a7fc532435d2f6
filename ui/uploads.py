"""Uploaded source files: copied under PAPERCHAT_HOME/uploads, named so they can never land elsewhere.

The browser chooses the file name, so it is untrusted: only its last path
component survives, reduced to a safe character set. Each upload gets its own
folder, so two sessions uploading `papers.csv` at once never overwrite each other.
"""

from __future__ import annotations

import re
import secrets
import shutil
import time
from pathlib import Path

MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_basename(name: str) -> str:
    """`../../etc/passwd` → `passwd`; `C:\\x\\my papers.csv` → `my_papers.csv`; never empty, never hidden."""
    base = name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip("._-") or "upload"
    if len(base) > MAX_NAME_CHARS:
        stem, dot, suffix = base.rpartition(".")
        base = (
            (stem[: MAX_NAME_CHARS - len(suffix) - 1] + dot + suffix)
            if dot and len(suffix) <= 10
            else base[:MAX_NAME_CHARS]
        )
    return base


def store_upload(source: Path, uploads_dir: Path, original_name: str | None = None) -> Path:
    """Copy one uploaded file into a fresh folder under `uploads_dir`; return the copy's path."""
    uploads_dir.mkdir(parents=True, exist_ok=True)
    folder = uploads_dir / f"{time.strftime('%Y%m%d-%H%M%S')}-{secrets.token_hex(4)}"
    folder.mkdir()
    target = folder / safe_basename(original_name or source.name)
    if target.resolve().parent != folder.resolve():  # belt and braces: safe_basename already forbids separators
        raise ValueError(f"refusing upload name {original_name!r}")
    shutil.copyfile(source, target)
    return target


def discard_upload(path: Path, uploads_dir: Path) -> None:
    """Remove a copy that was not ingested (its whole per-upload folder), and nothing outside `uploads_dir`."""
    folder = path.parent.resolve()
    if folder.parent == uploads_dir.resolve():
        shutil.rmtree(folder, ignore_errors=True)
