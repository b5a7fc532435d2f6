"""The answerability check beside the first note, against the check before it, on whole answers and refusals.

`latency_breakdown` measures answered questions stage by stage; this one asks first-turn questions of a gold set
(the refusal set holds both kinds) through the app's own engine and servers, in two passes over the questions:
the settings alternate from question to question, and each question gets the other setting in the second pass
(asked twice in a row, a question would find its first note's prompt still cached). It reports per setting and
per outcome (answered / refused by the model's checks / refused by retrieval) the median time to the first text
shown and to the final answer, and how often the two settings decided differently. Usage (an ingested PAPERCHAT_HOME, the 1.5B fetched):
    python -m benchmarks.check_beside eval/refusal_set.jsonl [--split tune] [--n 40] [--only unanswerable]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import defaultdict
from pathlib import Path

from benchmarks.refusals import is_answerable
from rag.answer import Answer
from rag.engine import JUDGED_FALSE_PREMISE, JUDGED_NAMED_NOT_STATED, JUDGED_UNANSWERABLE, Engine
from rag.evaluation import load_gold
from rag.settings import Settings
from rag.writers import NotesWriter


def timed(engine: Engine, question: str) -> tuple[Answer, float | None, float]:
    """(answer, ms to the first text shown or None, ms to the answer)."""
    started = time.perf_counter()
    first: float | None = None
    answer: Answer | None = None
    for event in engine.stream(question, backend="local"):
        if isinstance(event, Answer):
            answer = event
        elif first is None and event.strip():
            first = (time.perf_counter() - started) * 1000
    assert answer is not None
    return answer, first, (time.perf_counter() - started) * 1000


def outcome(answer: Answer) -> str:
    if not answer.refused:
        return "answered"
    return "refused by the model" if answer.notice in (JUDGED_UNANSWERABLE, JUDGED_FALSE_PREMISE, JUDGED_NAMED_NOT_STATED) else "refused by retrieval"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--split")
    parser.add_argument("--n", type=int, default=40, help="questions, spread evenly over the file's first turns")
    parser.add_argument("--only", choices=["answerable", "unanswerable"], help="keep one side of the gold labels")
    args = parser.parse_args()
    rows = [r for r in load_gold(args.file) if len(r["turns"]) == 1 and r.get("type") != "injection"]
    rows = [r for r in rows if not args.split or r.get("split") == args.split]
    rows = [r for r in rows if not args.only or is_answerable(r) == (args.only == "answerable")]
    step = max(len(rows) / args.n, 1.0)
    rows = [rows[int(i * step)] for i in range(min(args.n, len(rows)))]
    settings = Settings.from_env({**os.environ, "PAPERCHAT_BACKEND": "local", "PAPERCHAT_LOCAL_MODEL": "1.5b"})
    engine = Engine.from_settings(settings)
    writer = engine.writer("local")
    assert isinstance(writer, NotesWriter)
    load_start = os.getloadavg()[0]
    print(f"load average at start: {load_start:.2f}; {len(rows)} questions, each with the check beside and before the first note")
    samples: dict[tuple[str, str], list[tuple[float | None, float]]] = defaultdict(list)
    try:
        timed(engine, "What is ECON?")  # warm-up, untimed: both servers up, indexes loaded
        writer.settle()
        decided: list[dict[str, str]] = [{} for _ in rows]
        for second_pass in (False, True):
            for i, row in enumerate(rows):
                beside = (i % 2 == 0) != second_pass
                writer.check_beside_note = beside
                answer, first, total = timed(engine, row["turns"][-1])
                writer.settle()  # the next check's prefix, evaluated after an answer, is not the next question's time
                setting = "beside" if beside else "before"
                decided[i][setting] = outcome(answer)
                samples[(setting, decided[i][setting])].append((first, total))
                first_s = f"{first / 1000:5.1f}" if first is not None else "    -"
                print(f"{row.get('id', i)}\t{setting}\t{decided[i][setting]}\tfirst {first_s} s\ttotal {total / 1000:5.1f} s", flush=True)
        differ = sum(d["beside"] != d["before"] for d in decided)
    finally:
        writer.check_beside_note = True
        engine.close()
    print(f"\n{'setting':<8}{'outcome':<24}{'n':>4}{'first text p50':>16}{'answer p50':>12}{'answer p90':>12}")
    for (setting, kind), values in sorted(samples.items(), key=lambda item: (item[0][1], item[0][0])):
        firsts = [f for f, _ in values if f is not None]
        totals = sorted(t for _, t in values)
        first_p50 = f"{statistics.median(firsts) / 1000:.2f} s" if firsts else "-"
        p90 = totals[min(len(totals) - 1, int(0.9 * len(totals)))]
        print(f"{setting:<8}{kind:<24}{len(values):>4}{first_p50:>16}{statistics.median(totals) / 1000:>10.2f} s{p90 / 1000:>10.2f} s")
    print(f"decided differently: {differ} of {len(rows)}")
    print(f"load average: {load_start:.2f} at the start, {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
