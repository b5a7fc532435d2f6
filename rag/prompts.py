"""Prompt templates, kept as plain text files in the top-level `prompts` package and loaded by name.

They are package data: read through importlib.resources, they are found the same way from a
checkout and from an installed wheel.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

PROMPTS_PACKAGE = "prompts"


@cache
def load(name: str) -> str:
    return files(PROMPTS_PACKAGE).joinpath(f"{name}.txt").read_text(encoding="utf-8").strip()


def render(name: str, **values: str) -> str:
    return load(name).format(**values)
