"""The compare tab's paper picker: what was typed ranks the papers, exact method names first.

Gradio's dropdown filters its choices by substring in the order it was given, so "ECON" listed every
"reconstruction" paper (alphabetically first) before ECON. On each key press the choices are re-ordered
here; the dropdown's own filter then keeps that order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.papers import Paper


def rank(paper: Paper, typed: str) -> tuple[int, str]:
    """Smaller is better: the exact name, a name that starts with it, a title word equal to it, a title that
    starts with it, any other title containing it, then the rest (alphabetically within each)."""
    wanted = typed.strip().casefold()
    title = paper.title.casefold()
    name = (paper.name or "").casefold()
    if not wanted:
        return (5, title)
    if name == wanted:
        return (0, title)
    if name.startswith(wanted):
        return (1, title)
    if wanted in re.findall(r"[\w+-]+", title) or wanted in title.split(":")[0].split():
        return (2, title)
    if title.startswith(wanted):
        return (3, title)
    if wanted in title:
        return (4, title)
    return (5, title)


def ranked_choices(papers: Sequence[Paper], typed: str | None) -> list[tuple[str, str]]:
    """(label, paper id) for the dropdown, best matches for `typed` first."""
    return [(p.title, p.paper_id) for p in sorted(papers, key=lambda p: rank(p, typed or ""))]
