"""A small load run in the test suite: concurrent conversations against a real served app, no crossed sessions.

The full run (20 extractive + 4 local conversations, p50/p95) is `python -m benchmarks.load`
(`make bench`); this one uses the same code with 6 extractive conversations of 3 turns on the
shared `paperchat serve` of the UI tests.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from benchmarks.load import check_turn, plans, run_sessions, summarize

if TYPE_CHECKING:
    from tests.conftest_ui import AppServer

pytest_plugins = ["tests.conftest_ui"]

SESSIONS = 6
TURNS = 3
REQUEST_TIMEOUT_S = 300.0  # a loaded 2-core machine; the deadline only stops a hung run
DEADLINE_S = 900.0


def test_concurrent_conversations_keep_their_own_history_and_papers(app_server: AppServer) -> None:
    conversation_plans = plans(SESSIONS, TURNS)
    assert len({p.paper_id for p in conversation_plans}) == SESSIONS  # one paper per conversation
    log_offset = app_server.log.stat().st_size  # the server is shared: only this run's part of its log counts
    started = time.perf_counter()
    sessions = run_sessions(
        app_server.url, conversation_plans, "extractive", REQUEST_TIMEOUT_S, time.monotonic() + DEADLINE_S
    )
    summary = summarize("extractive", sessions, time.perf_counter() - started)
    assert summary["requests"] == SESSIONS * TURNS
    assert summary["errors"] == 0, summary["error_messages"]
    assert summary["leaks"] == 0 and summary["wrong_paper"] == 0, summary["problems"]
    for session in sessions:
        assert [t.question for t in session.turns] == list(session.plan.questions)
        first = session.turns[0]  # names its paper: always answered, from that paper
        assert not first.refused and first.cited[:1] == [session.plan.paper_id]
    # Follow-ups resolve only through the session's own history; a refusal would prove nothing about it.
    assert sum(not t.refused for s in sessions for t in s.turns[1:]) >= SESSIONS
    with app_server.log.open("rb") as log:
        log.seek(log_offset)
        assert b"Traceback" not in log.read(), app_server.log_tail()


def test_the_leak_check_sees_a_foreign_history_and_a_foreign_paper() -> None:
    """The checks the load run relies on, fed a reply that crossed sessions (not producible on purpose)."""
    mine, other = plans(2, 2)
    asked = mine.questions
    history = [
        {"role": "user", "content": [{"type": "text", "text": other.questions[0]}]},
        {"role": "assistant", "content": "…"},
        {"role": "user", "content": [{"type": "text", "text": asked[1]}]},
        {"role": "assistant", "content": "…"},
    ]
    sources = f'<section class="sources-latest"><article data-paper-id="{other.paper_id}"></article></section>'
    turn = check_turn(mine, asked, (history, sources, "", ""), {other.paper_id})
    assert len(turn.problems) == 3  # foreign history, foreign paper, own paper missing
    assert sum(p.startswith("leak") for p in turn.problems) == 2
    clean = check_turn(
        mine,
        asked[:1],
        ([{"role": "user", "content": asked[0]}], sources.replace(other.paper_id, mine.paper_id), "", ""),
        {other.paper_id},
    )
    assert clean.problems == [] and clean.cited == [mine.paper_id]
