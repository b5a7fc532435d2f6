"""The refusal decision alone, with the real local judge: retrieval's checks, then the model's YES/NO check.

Writes no answer, so a 198-question set takes minutes instead of an hour on 2 cores. When the check of what an
"Is there …?" question asks for refuses, the papers ranked just below the selected ones are checked as the app checks
them (`NotesWriter.runner_up`); an answer from one is counted as answered and printed with its title. Prints the confusion
matrix per split and per kind. With `--answer`, each question the checks let through is also answered in full
(local backend, verified) and the outcome is counted: the model's verified sentences, or a fall-back to quoted
evidence because verification removed every sentence the model wrote. `--only unanswerable|answerable` keeps
one side. Usage (needs an ingested PAPERCHAT_HOME and the 1.5B):
    python -m benchmarks.refusals eval/refusal_set.jsonl [--split holdout] [--model 1.5b] [--answer] [--only K]
"""

from __future__ import annotations

import argparse
import os
from collections import Counter, defaultdict
from pathlib import Path

from rag.engine import Engine
from rag.evaluation import load_gold
from rag.settings import Settings
from rag.writers import NotesWriter, WriteStats, verdict_decides


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--split")
    parser.add_argument("--model", default="1.5b")
    parser.add_argument("--answer", action="store_true", help="also answer what the checks let through")
    parser.add_argument("--only", choices=["answerable", "unanswerable"])
    args = parser.parse_args()
    rows = [r for r in load_gold(Path(args.file)) if not args.split or r.get("split") == args.split]
    if args.only:
        rows = [r for r in rows if is_answerable(r) == (args.only == "answerable")]
    settings = Settings.from_env({**os.environ, "PAPERCHAT_BACKEND": "local", "PAPERCHAT_LOCAL_MODEL": args.model})
    engine = Engine.from_settings(settings)
    writer = engine.writer("local")
    assert isinstance(writer, NotesWriter)
    print(f"load average at start: {os.getloadavg()[0]:.2f}; {len(rows)} questions; judge={writer.judge}")
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    try:
        for row in rows:
            answerable = is_answerable(row)
            if row.get("type") == "injection":
                continue
            plan = engine.plan(row["turns"][-1])
            refused, by = plan.refused, "retrieval"
            if not refused and writer.judge and verdict_decides(plan):
                by = "premise" if plan.presupposes is not None else "asked-for check" if plan.wanted else "model"
                refused = not writer.answers(plan, WriteStats())[0]
            # a plan refused for a medium no selected abstract names keeps only the runners-up that name it (`Engine.events`)
            looks_below = by == "asked-for check" or (by == "retrieval" and bool(plan.runners_up))
            chosen = writer.runner_up(plan, WriteStats()) if refused and looks_below else None
            kind = row.get("kind") or row.get("type") or "?"
            outcome = ("refused" if refused else "answered") + (f" ({by})" if refused else "")
            if chosen is not None:  # the app answers from a paper ranked just below the selected ones
                refused = False
                gold = chosen.selected[0].paper.title in row.get("gold_titles", [])
                outcome = f"answered (runner-up{', gold' if gold else ''}: {chosen.selected[0].paper.title[:40]})"
            if args.answer and not refused:
                answer = engine.ask(row["turns"][-1], backend="local")
                kept = sum(1 for s in answer.sentences if s.status != "removed")
                outcome = (
                    "answered: refused when written"
                    if answer.refused
                    else f"answered: quotes, every model sentence removed ({kept} quoted)"
                    if answer.backend == "extractive"
                    else f"answered: {kept} verified sentences"
                )
                by_kind["all model sentences removed" if answer.backend == "extractive" else "model kept some"][
                    "answerable" if answerable else "unanswerable"
                ] += 1
            by_kind[kind][outcome] += 1
            print(f"{row.get('id', '?')}\t{kind}\t{outcome}\t{row['turns'][-1][:90]}", flush=True)  # kept if cut short
            by_kind["answerable" if answerable else "unanswerable"]["refused" if refused else "answered"] += 1
            if row.get("split"):
                by_kind[f"{row['split']}: " + ("answerable" if answerable else "unanswerable")]["refused" if refused else "answered"] += 1
    finally:
        engine.close()
    for kind in sorted(by_kind):
        print(f"{kind:<22} {dict(by_kind[kind])}")
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


def is_answerable(row: dict[str, object]) -> bool:
    """A gold row's label: `answerable` where the set has it (the refusal set), else not of type unanswerable (dev)."""
    return bool(row["answerable"]) if "answerable" in row else row.get("type") != "unanswerable"


if __name__ == "__main__":
    main()
