"""Time to first token and total answer time of the local models, before and after the context budget.

"before" sends whole abstracts of the selected papers; "after" (what paperchat does) sends only
their best evidence sentences. Each model answers the same questions in both modes; medians are
printed with the prompt size. Usage: python -m benchmarks.llm_latency [--models 0.5b,1.5b] [--n 5]
Needs an ingested collection (PAPERCHAT_HOME) and the models (`make models`, plus `paperchat models fetch 1.5b`).
"""

from __future__ import annotations

import argparse
import statistics
import time

from rag.engine import Engine, build_messages
from rag.settings import Settings

QUESTIONS = [
    "How does ECON differ from ICON?",
    "Which face generation model is conditioned only on a face-recognition identity embedding?",
    "How does MultiPly get reliable per-person masks when people interact closely?",
    "What does BEDLAM show about training data for 3D body regression?",
    "Which method removes implicit concepts like watermarks from diffusion models?",
    "How does PersonalVideo keep a person's identity in text-to-video generation?",
]


def measure(engine: Engine, model_name: str, context: str, questions: list[str]) -> dict[str, float]:
    chat = engine.chat_model("local")
    first_tokens, totals, prompt_chars = [], [], []
    for question in questions:
        messages = build_messages(engine.plan(question), context=context)
        prompt_chars.append(sum(len(m["content"]) for m in messages))
        started = time.perf_counter()
        first = None
        for _ in chat.stream(messages, max_tokens=100):
            if first is None:
                first = time.perf_counter() - started
        totals.append(time.perf_counter() - started)
        first_tokens.append(first or totals[-1])
    return {
        "ttft_s": statistics.median(first_tokens),
        "total_s": statistics.median(totals),
        "prompt_chars": statistics.median(prompt_chars),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", default="0.5b,1.5b")
    parser.add_argument("--n", type=int, default=5)
    args = parser.parse_args()
    questions = QUESTIONS[: args.n]
    print(f"{'model':<6}{'context':<11}{'prompt chars':>13}{'TTFT s':>9}{'total s':>9}   (median of {len(questions)})")
    for model_name in args.models.split(","):
        base = Settings.from_env()
        settings = base.model_copy(update={"llm": base.llm.model_copy(update={"local_model": model_name})})
        engine = Engine(settings)
        engine.chat_model("local").stream([{"role": "user", "content": "hi"}], max_tokens=1).__next__()  # load
        try:
            for context in ("abstracts", "evidence"):
                row = measure(engine, model_name, context, questions)
                label = "before" if context == "abstracts" else "after"
                print(
                    f"{model_name:<6}{label + ' ':<11}{row['prompt_chars']:>13.0f}{row['ttft_s']:>9.1f}{row['total_s']:>9.1f}",
                    flush=True,
                )
        finally:
            engine.close()


if __name__ == "__main__":
    main()
