"""Prompt templates, kept as plain text files in prompts/ and loaded by name."""

from __future__ import annotations

from functools import cache

from rag.settings import REPO_ROOT

PROMPTS_DIR = REPO_ROOT / "prompts"


@cache
def load(name: str) -> str:
    path = PROMPTS_DIR / f"{name}.txt"
    return path.read_text(encoding="utf-8").strip()


def render(name: str, **values: str) -> str:
    return load(name).format(**values)
