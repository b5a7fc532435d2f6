"""The judge's margin on each claim a follow-up that picks among the papers under discussion makes (`Plan.picks`).

"Which of them use diffusion models?" after a list keeps the papers whose whole abstract states "<paper> uses diffusion
models." (`NotesWriter.picked`). For each conversation of a pick set (eval/pick_set.jsonl: a list question, then a
follow-up that picks), this asks the list question with the extractive backend (no model: the papers under discussion
are the ones it cites), plans the follow-up, and finds each claim's margin logit(YES) - logit(NO) by bisection
(`refusal_margins.bisect`), with whether the paper is gold. `--sweep` prints, per threshold on the margin, the picked
papers that are gold and the gold papers picked. Usage (needs the 1.5B):
    python -m benchmarks.pick_margins eval/pick_set.jsonl [--out margins.jsonl]
    python -m benchmarks.pick_margins eval/yes_no_set.jsonl   # "Does it …?" about the paper under discussion
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from benchmarks.refusal_margins import bisect
from rag.engine import Conversation, Engine
from rag.evaluation import load_gold
from rag.plan import Plan
from rag.settings import Settings
from rag.writers import NotesWriter

THRESHOLDS = (-1.0, -0.7, -0.6, -0.3, 0.0, 0.3, 0.45, 0.6, 1.0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("file")
    parser.add_argument("--out")
    args = parser.parse_args()
    settings = Settings.from_env({**os.environ, "PAPERCHAT_BACKEND": "local"})
    engine = Engine.from_settings(settings)
    writer = engine.writer("local")
    assert isinstance(writer, NotesWriter)
    print(
        f"load average at start: {os.getloadavg()[0]:.2f}; picked above {writer.runner_up_bias:+.2f} (runner_up_bias), "
        f"a yes/no question about the paper under discussion above {writer.stated_bias:+.2f} (stated_bias)"
    )
    records = []
    try:
        for row in load_gold(Path(args.file)):
            conversation = Conversation()
            engine.ask(row["turns"][0], conversation, backend="extractive")
            plan = engine.plan(row["turns"][1], conversation)
            if not plan.picks:
                print(f"{row['id']} picks nothing: {row['turns'][1]}")
                continue
            for n, (result, claim) in enumerate(zip(plan.selected, plan.picks, strict=True)):

                def holds(bias: float, n: int = n, plan: Plan = plan) -> bool:
                    return writer.paper_picked(plan, n, bias)

                record = {
                    "id": row["id"],
                    "claim": claim,
                    # a yes/no set (eval/yes_no_set.jsonl) lists the papers under discussion as gold either way
                    "gold": result.paper.title in row.get("stated_titles", row.get("gold_titles", [])),
                    "margin": bisect(holds),
                }
                records.append(record)
                print(f"{row['id']} {record['margin']:+.2f} {'gold' if record['gold'] else '    '} {claim}")
    finally:
        engine.close()
    if args.out:
        Path(args.out).write_text("".join(json.dumps(r) + "\n" for r in records))
    print(f"{'threshold':>9} {'picked':>6} {'gold picked':>11} {'precision':>9} {'recall':>6}")
    gold = sum(r["gold"] for r in records)
    for threshold in THRESHOLDS:
        picked = [r for r in records if r["margin"] > threshold]
        hits = sum(r["gold"] for r in picked)
        precision = hits / len(picked) if picked else 0.0
        print(f"{threshold:>+9.2f} {len(picked):>6} {hits:>11} {precision:>9.3f} {hits / gold if gold else 0.0:>6.3f}")


if __name__ == "__main__":
    main()
