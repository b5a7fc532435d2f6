"""What an answer is doing right now, from the engine's own Progress events: in the app and on a terminal.

The stage shown is always the stage the engine last reported (`Engine.events`), never a guess from a
timer; only the elapsed seconds tick between events, so a long local draft still shows that it is alive.
The source cards are shown as soon as retrieval is done, numbered as the writer numbers its sources
(plan order, from 1), so a `[n]` in the streaming draft already leads to its paper.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import AsyncGenerator, Iterator
from typing import TYPE_CHECKING, TextIO

from ui import render

if TYPE_CHECKING:
    from rag.engine import Event, Plan

STAGE_LABELS: dict[str, str] = {
    "retrieving": "Finding sources…",
    "sources": "Checking the sources…",
    "picking": "Checking whether the abstracts say so…",
    "writing": "Writing…",
    "verifying": "Verifying…",
}
TICK_S = 1.0  # how often the elapsed seconds are refreshed while the engine is busy
EARLY_EVIDENCE = 2  # sentences highlighted on a card before the answer says which ones it rests on


def stage_label(stage: str, elapsed_s: float) -> str:
    """`Writing… 12 s`: the stage the engine reported and the seconds since the question was asked."""
    return f"{STAGE_LABELS.get(stage, stage)} {int(elapsed_s)} s"


def stage_html(stage: str, elapsed_s: float) -> str:
    """The stage line under the answer bubble's text; role=status: screen readers announce it politely (the
    chat's sanitizer keeps `class` and `role`, not data- or aria- attributes)."""
    return f'<span class="progress-stage" role="status">{render.escape(stage_label(stage, elapsed_s))}</span>'



def early_sources_html(plan: Plan) -> str:
    """The sources the answer is being written from, before it is written: one card per selected paper with
    ids `src-1`… in plan order (the numbers the draft's `[n]` use). The verified answer's panel replaces it."""
    if plan.refused or not plan.selected:
        return render.placeholder_html("No paper in the library matches this question well; see the answer.")
    cards = []
    for n, result in enumerate(plan.selected, start=1):
        paper = result.paper
        evidence = tuple(e.sentence for e in result.evidence[:EARLY_EVIDENCE])
        cited = render.CitedPaper(paper.paper_id, paper.title, paper.url, (n,), evidence, paper.meta)
        cards.append(render.source_card(cited, paper, result.score))
    note = (
        '<p class="sources-pending-note">The answer is being written from these papers; when it is complete '
        "the cards show the sentences it rests on.</p>"
    )
    return f'<section class="sources-pending" data-count="{len(cards)}">{note}{"".join(cards)}</section>'


async def ticking(events: Iterator[Event], every_s: float = TICK_S) -> AsyncGenerator[Event | None, None]:
    """The engine's events, each computed in a worker thread (so Stop is seen within a tick), with a None every
    `every_s` seconds while the next one is still being computed: the caller refreshes the elapsed time."""
    pending: asyncio.Future[Event | None] | None = None
    try:
        while True:
            if pending is None:
                pending = asyncio.ensure_future(asyncio.to_thread(next, events, None))
            done, _ = await asyncio.wait({pending}, timeout=every_s)
            if not done:
                yield None
                continue
            event, pending = pending.result(), None
            if event is None:
                return
            yield event
    finally:
        if pending is not None:
            pending.cancel()  # the worker thread finishes its step on its own; nothing waits for it


class TerminalProgress:
    """One updating stage line on a terminal's stderr (`\\r`, cleared before anything else is printed);
    does nothing when the stream is not a terminal, so pipes and logs get only the answer."""

    def __init__(self, stream: TextIO, every_s: float = TICK_S) -> None:
        self.stream = stream
        self.enabled = _isatty(stream)
        self.every_s = every_s
        self._started = time.perf_counter()
        self._stage: str | None = None
        self._shown = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __enter__(self) -> TerminalProgress:
        if self.enabled:
            self._ticker = threading.Thread(target=self._tick, name="paperchat-progress", daemon=True)
            self._ticker.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(timeout=2)
        self.clear()

    def stage(self, stage: str) -> None:
        """The engine reported a new stage: show it now."""
        with self._lock:
            self._stage = stage
            self._draw()

    def clear(self) -> None:
        """Erase the line and stop showing it until the next stage (the caller is about to print)."""
        with self._lock:
            self._stage = None
            if self._shown:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
                self._shown = False

    def _tick(self) -> None:
        while not self._stop.wait(self.every_s):
            with self._lock:
                self._draw()

    def _draw(self) -> None:
        if not self.enabled or self._stage is None:
            return
        self.stream.write("\r\x1b[K" + stage_label(self._stage, time.perf_counter() - self._started))
        self.stream.flush()
        self._shown = True


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


CSS = """
.progress-stage { display: inline-block; font-size: .9em; color: var(--body-text-color-subdued); font-style: italic; }
.progress-stage::before { content: ""; display: inline-block; width: .6em; height: .6em; margin-right: .45em;
  border-radius: 50%; background: var(--color-accent); animation: paperchat-pulse 1.2s ease-in-out infinite; }
@keyframes paperchat-pulse { 50% { opacity: .25; } }
@media (prefers-reduced-motion: reduce) { .progress-stage::before { animation: none; } }
.sources-pending-note { font-size: .88em; color: var(--body-text-color-subdued); margin: 0 0 8px; }
"""
