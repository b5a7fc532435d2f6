"""What rebuilding a client's `messages` history costs the OpenAI-compatible API (ui/openai_api.py).

The API keeps no state, so every request rebuilds the engine's Conversation from the earlier turns: from
the references of paperchat's own replies (titles → papers, no search), or, for a reply it cannot read,
by answering that question again with the extractive backend. This checks that both give the very
conversation the engine itself built (query and cited papers of every turn) and times them.

    python -m benchmarks.api_history      # uses PAPERCHAT_HOME; ingests the bundled corpus if it is empty
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from ingest.pipeline import ingest_into
from rag.engine import Conversation, Engine
from rag.settings import BUNDLED_CORPUS, Settings
from ui.openai_api import rebuild_conversation, reply_text

TURNS = (
    "How does ECON reconstruct clothed humans from a single image?",
    "How does it handle loose clothing?",
    "Which papers do virtual try-on with diffusion models?",
    "Which of them needs a body model?",
)


def median_ms(run: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    engine = Engine.from_settings(Settings.from_env())
    if engine.paper_count() == 0:
        ingest_into(engine, [BUNDLED_CORPUS])
    engine.warm()
    conversation = Conversation()
    history: list[tuple[str, str | None]] = []
    for _ in range(5):  # 20 turns
        for question in TURNS:
            history.append((question, reply_text(engine.ask(question, conversation, "extractive"))))
    foreign: list[tuple[str, str | None]] = [(q, "Sure.") for q, _ in history]  # replies it cannot read

    def same(rebuilt: Conversation) -> bool:
        return [(t.query, t.cited_ids) for t in rebuilt.turns] == [(t.query, t.cited_ids) for t in conversation.turns]

    print(f"20 turns rebuilt as the engine built them: from references {same(rebuild_conversation(engine, history))}, "
          f"by replay {same(rebuild_conversation(engine, foreign))}")
    one_ref = median_ms(lambda: rebuild_conversation(engine, history[:1]), 30)
    one_replay = median_ms(lambda: rebuild_conversation(engine, foreign[:1]), 30)
    all_ref = median_ms(lambda: rebuild_conversation(engine, history), 5)
    all_replay = median_ms(lambda: rebuild_conversation(engine, foreign), 3)
    ask = median_ms(lambda: engine.ask(TURNS[0], None, "extractive"), 30)
    print(f"median ms: 1 turn from references {one_ref:.1f}, by replay {one_replay:.1f}; "
          f"20 turns from references {all_ref:.1f}, by replay {all_replay:.1f}; one extractive answer {ask:.1f}")


if __name__ == "__main__":
    main()
