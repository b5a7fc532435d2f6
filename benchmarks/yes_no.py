"""Yes/no follow-ups about the papers under discussion ("Does it also move the hands?", "Do they need training?"),
answered in full.

For each conversation of eval/yes_no_set.jsonl the first turn is answered by the extractive backend (no model: the
papers under discussion are the ones it cites, the same every run), the follow-up by the local model. For each paper
under discussion, by whether its abstract states the follow-up's claim (`stated_titles`; a single paper's row also says
`opposite` when the abstract says it does not), counts the answers that say first that its abstract does not say it
(named in the opening line, with notice `JUDGED_NOT_STATED`), the answers that cite it, and the follow-up's time.
Usage (needs the 1.5B):
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
            first = engine.ask(row["turns"][0], conversation, backend="extractive")
            started = time.perf_counter()
            answer = engine.ask(row["turns"][1], conversation, backend=args.backend)
            seconds.append(time.perf_counter() - started)
            opening = answer.answer.strip().split("\n\n")[0] if JUDGED_NOT_STATED in (answer.notice or "") else ""
            names = {c.title: c.title.split(":")[0] for c in first.citations}
            marks = []
            for title in row["gold_titles"]:
                group = "stated" if title in row["stated_titles"] else row["kind"] if row["kind"] == "opposite" else "not_stated"
                group = f"{'two' if len(row['gold_titles']) > 1 else 'one'} paper: {group}"
                says_not = any(name in opening for name in (title, names.get(title, "\0")))
                total[group] += 1
                said[group] += says_not
                cited[group] += any(c.title == title for c in answer.citations)
                marks.append(f"{names.get(title, title)[:20]}:{'SAYS NOT' if says_not else '-'}")
            print(f"{row['id']}\t{row['kind']}\t{' '.join(marks)}\t{row['turns'][1]}\t{answer.answer.strip()[:120]!r}", flush=True)
    finally:
        engine.close()
    for group in sorted(total):
        print(f"{group:<24} n={total[group]:<3} said 'does not say': {said[group]}/{total[group]}   cited: {cited[group]}/{total[group]}")
    print(f"follow-up, whole answer: median {statistics.median(seconds):.1f} s; load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
