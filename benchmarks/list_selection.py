"""Which papers a list question cites, before any model writes: selection precision / recall per margin.

A "which papers …" answer cites every retrieved paper whose evidence is within `multi_relevance_margin` of the
best one's (and scores at least `multi_min_score`), at most `max_cited`; a list asked by a name rests on the
papers that say the name instead, whatever the margin. This runs the real planner on every list question of the
gold files (`type` "multi") and prints, per split and per margin, the share of selected papers that are gold and
the share of gold papers selected. No model is called: seconds on 2 cores. Usage (needs an ingested
PAPERCHAT_HOME):
    python -m benchmarks.list_selection eval/refusal_set.jsonl ../shared/eval/dev_qa.jsonl [--margins 0.1,0.12,0.2]
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path
from statistics import mean

from benchmarks.baseline import normalize_title
from rag.engine import Engine
from rag.evaluation import load_gold
from rag.plan import select_papers
from rag.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="+")
    parser.add_argument("--margins", default="0.05,0.08,0.1,0.12,0.15,0.2")
    args = parser.parse_args()
    margins = [float(m) for m in args.margins.split(",")]
    engine = Engine.from_settings(Settings.from_env())
    base = engine.settings.retrieval
    print(f"today's margin {base.multi_relevance_margin}, min score {base.multi_min_score}, at most {base.max_cited} papers")
    scores: dict[tuple[str, float], list[tuple[float, float]]] = defaultdict(list)
    for file in args.files:
        for row in load_gold(Path(file)):
            if row.get("type") != "multi":
                continue
            split = row.get("split") or Path(file).stem
            gold = {normalize_title(t) for t in row["gold_titles"]}
            plan = engine.plan(row["turns"][-1])
            by_name = engine.planner.papers_naming(plan.question, plan.query, plan.filters) if plan.kind == "multi" else []
            for margin in margins:
                settings = base.model_copy(update={"multi_relevance_margin": margin})
                chosen = by_name or select_papers(plan.retrieval, plan.kind, [], settings)
                titles = {normalize_title(p.paper.title) for p in chosen}
                hit = len(titles & gold)
                scores[(split, margin)].append((hit / len(titles) if titles else 0.0, hit / len(gold)))
    print(f"{'split':<12} {'margin':>6} {'n':>3} {'precision':>9} {'recall':>7} {'F1':>6}")
    for (split, margin), rows in sorted(scores.items()):
        p, r = mean(x for x, _ in rows), mean(y for _, y in rows)
        print(f"{split:<12} {margin:>6.2f} {len(rows):>3} {p:>9.3f} {r:>7.3f} {2 * p * r / (p + r) if p + r else 0:>6.3f}")


if __name__ == "__main__":
    main()
