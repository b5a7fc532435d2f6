"""Time to the first token and to the whole verified answer of the local model, through the real pipeline.

Each question is asked through `Engine.ask` (plan → per-paper notes → verification) with the local backend;
medians and p90 are printed with the load average. Usage:
    python -m benchmarks.llm_latency [--models 0.5b,1.5b] [--n 12]
Needs an ingested collection (PAPERCHAT_HOME) and the models (`make models`).
"""

from __future__ import annotations

import argparse
import os
import statistics

from rag.engine import Engine
from rag.settings import Settings

QUESTIONS = [
    "How does ECON differ from ICON?",
    "Which face generation model is conditioned only on a face-recognition identity embedding?",
    "How does MultiPly get reliable per-person masks when people interact closely?",
    "What does BEDLAM show about training data for 3D body regression?",
    "Which method removes implicit concepts like watermarks from diffusion models?",
    "How does PersonalVideo keep a person's identity in text-to-video generation?",
    "Is there a method that separates a scanned person from the backpack they carry without manual labels?",
    "Which papers do virtual try-on with diffusion models?",
    "How can a face recognition model be trained on synthetic identities only?",
    "Which papers generate talking-head or talking-body videos from audio?",
    "How does DOPE estimate whole-body 3D pose in the wild?",
    "What does TeCH use to reconstruct the unseen back of a person?",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", default="1.5b")
    parser.add_argument("--n", type=int, default=len(QUESTIONS))
    args = parser.parse_args()
    questions = QUESTIONS[: args.n]
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    print(f"{'model':<6}{'TTFT p50':>10}{'TTFT p90':>10}{'total p50':>11}{'total p90':>11}{'refused':>9}   (n={len(questions)})")
    for model_name in args.models.split(","):
        base = Settings.from_env({**os.environ, "PAPERCHAT_LOCAL_MODEL": model_name, "PAPERCHAT_BACKEND": "local"})
        engine = Engine.from_settings(base)
        try:
            engine.ask("What is ECON?")  # start the server and warm the cache
            first, total, refused = [], [], 0
            for question in questions:
                answer = engine.ask(question)
                refused += answer.refused
                total.append(answer.timings_ms["total"] / 1000)
                first.append(answer.timings_ms.get("first_token", answer.timings_ms["total"]) / 1000)
            print(
                f"{model_name:<6}{statistics.median(first):>9.2f}s{percentile(first, 0.9):>9.2f}s"
                f"{statistics.median(total):>10.2f}s{percentile(total, 0.9):>10.2f}s{refused:>9}"
            )
        finally:
            engine.close()
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
