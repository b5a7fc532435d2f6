"""The app's compact filter row (year from/to, author, venue, category), used in the chat and the library.

The row's values are read into a `Filters` on every change and kept in a `gr.State`: the chat passes it to
the engine with each question, the library applies it to its list. A value the row cannot use is kept as
its one-line error (a string), so a question asked while the row is wrong is not silently answered
unfiltered; `current` raises it. The line under the row says how many papers the filter keeps, and when it
keeps none, says so before anything is asked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import gradio as gr

from rag.errors import PaperchatError
from rag.filters import FilterError, Filters
from ui import render

if TYPE_CHECKING:
    from rag.engine import Engine

Limits = Filters | str | None  # what the state holds: filters, a row's error, or nothing


def build(prefix: str) -> tuple[list[gr.Textbox], gr.HTML]:
    """The five boxes (ids `{prefix}-year-from`, …) and the line under them."""
    boxes: list[gr.Textbox] = []
    with gr.Row(elem_id=f"{prefix}-filters", equal_height=True):
        for name, label, placeholder in (
            ("year-from", "Year from", "2024"),
            ("year-to", "Year to", "2025"),
            ("author", "Author", "M. J. Black"),
            ("venue", "Venue", "CVPR"),
            ("category", "Category", "cs.CV"),
        ):
            boxes.append(
                gr.Textbox(
                    label=label, placeholder=placeholder, elem_id=f"{prefix}-{name}", max_lines=1, min_width=90, scale=1
                )
            )
    return boxes, gr.HTML("", elem_id=f"{prefix}-filter-notice")


def read(year_from: str | None, year_to: str | None, author: str | None, venue: str | None, category: str | None) -> Limits:
    """The row as Filters (None when empty), or its one-line error."""
    start, end = (year_from or "").strip(), (year_to or "").strip()
    years = f"{start}:{end}" if start != end else start
    try:
        return Filters.parse(years if start or end else None, author or None, venue or None, category or None) or None
    except FilterError as error:
        return str(error).replace("--year takes", "the years take").replace("--", "")


def current(limits: object) -> Filters | None:
    """The filters to apply; a row with an error raises it (shown in place of an answer)."""
    if isinstance(limits, str):
        raise FilterError(f"filter: {limits}")
    return limits if isinstance(limits, Filters) else None


def notice(engine: Engine, limits: Limits) -> str:
    """"Only papers with year ≥ 2024 (12 of 107)", the row's error, or the no-match message."""
    if isinstance(limits, str):
        return render.error_html(limits)
    if not limits:
        return ""
    try:
        kept = engine.retriever.keyword_index().facets.scope(limits).count if engine.paper_count() else 0
    except PaperchatError as error:
        return render.error_html(render.one_line(error))
    if not kept:
        return render.notice_html("stopped", limits.no_match_message())
    return render.notice_html("info", f"Only papers with {' and '.join(limits.conditions())} ({kept} of {engine.paper_count()})")
