"""Yes/no follow-ups about the paper under discussion ("Does it also move the hands?"), answered in full.

For each conversation of eval/yes_no_set.jsonl the first turn is answered by the extractive backend (no model: the paper
under discussion is the one it cites, the same every run), the follow-up by the local model. Counts, by whether the
paper's abstract states the follow-up's claim (`stated`, `not_stated`, `opposite`), the answers that say first that the
abstract does not say it (`JUDGED_NOT_STATED`), the answers that cite the paper, and the follow-up's time. Usage (needs
the 1.5B):
    python -m benchmarks.yes_no eval/yes_no_set.jsonl [--split tune|holdout]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections import Counter
from pathlib import Path

from rag.engine import JUDGED_NOT_STATED, Conversation, Engine
from rag.evaluation import load_gold
from rag.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--split", choices=["tune", "holdout"])
    parser.add_argument("--backend", default="local")
    args = parser.parse_args()
    rows = [r for r in load_gold(Path(args.file)) if args.split in (None, r.get("split"))]
    engine = Engine.from_settings(Settings.from_env({**os.environ, "PAPERCHAT_BACKEND": args.backend}))
    print(f"load average at start: {os.getloadavg()[0]:.2f}; {len(rows)} conversations")
    said: Counter[str] = Counter()
    cited: Counter[str] = Counter()
    total: Counter[str] = Counter()
    seconds = []
    try:
        for row in rows:
            conversation = Conversation()
            engine.ask(row["turns"][0], conversation, backend="extractive")
            started = time.perf_counter()
            answer = engine.ask(row["turns"][1], conversation, backend=args.backend)
            seconds.append(time.perf_counter() - started)
            says_not = JUDGED_NOT_STATED in (answer.notice or "")
            kind = row["kind"]
            total[kind] += 1
            said[kind] += says_not
            cited[kind] += any(c.title in row["gold_titles"] for c in answer.citations)
            first = answer.answer.strip().splitlines()[0] if answer.answer.strip() else ""
            print(f"{row['id']}\t{kind}\t{'SAYS NOT' if says_not else '-'}\t{row['turns'][1]}\t{first[:140]}", flush=True)
    finally:
        engine.close()
    for kind in sorted(total):
        print(f"{kind:<11} n={total[kind]:<3} said 'does not say': {said[kind]}/{total[kind]}   paper cited: {cited[kind]}/{total[kind]}")
    print(f"follow-up, whole answer: median {statistics.median(seconds):.1f} s; load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
