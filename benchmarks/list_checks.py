"""Which papers a list answer keeps after the judge's check of what the question asks, said of each (`Plan.belongs`).

`collect` plans every list question of the gold files that gets the check ("Which papers study bias in T2I
models?" → "CustomContrast studies bias in T2I models.") and writes, per selected paper after the first, the
judge's margin logit(YES) - logit(NO) against its whole abstract (bisected, as `benchmarks.refusal_margins` does)
and whether it is gold. `sweep` prints, per split and per threshold, the selection's precision and recall (the first
paper always stays) against the selection without the check. Needs an ingested PAPERCHAT_HOME and the 1.5B:
    python -m benchmarks.list_checks collect eval/list_set.jsonl eval/refusal_set.jsonl --out lists.jsonl
    python -m benchmarks.list_checks sweep lists.jsonl [--thresholds -0.5,0,0.45]
"""

from __future__ import annotations

import argparse
import json
import os
import time
from collections import defaultdict
from pathlib import Path
from statistics import mean

from benchmarks.baseline import normalize_title
from benchmarks.refusal_margins import bisect
from rag.engine import Engine
from rag.evaluation import load_gold
from rag.plan import Plan
from rag.settings import Settings
from rag.writers import NotesWriter


def margin(writer: NotesWriter, plan: Plan, n: int) -> float:
    """logit(YES) - logit(NO) of selected paper `n`'s check, to within 0.05 (its prompt stays cached)."""
    return bisect(lambda bias: writer.paper_belongs(plan, n, bias))


def collect(args: argparse.Namespace) -> None:
    settings = Settings.from_env({**os.environ, "PAPERCHAT_BACKEND": "local", "PAPERCHAT_LOCAL_MODEL": args.model})
    engine = Engine.from_settings(settings)
    writer = engine.writer("local")
    assert isinstance(writer, NotesWriter) and writer.judge
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    started = time.perf_counter()
    checks = 0
    try:
        with open(args.out, "w", encoding="utf-8") as out:
            for file in args.files:
                for row in load_gold(Path(file)):
                    if row.get("type") != "multi" or len(row["turns"]) != 1:
                        continue
                    plan = engine.plan(row["turns"][0])
                    if not plan.belongs or (args.skip and row["id"] in args.skip):
                        continue
                    gold = {normalize_title(t) for t in row["gold_titles"]}

                    papers = []
                    for n, result in enumerate(plan.selected):
                        checks += n > 0
                        papers.append({
                            "title": result.paper.title,
                            "gold": normalize_title(result.paper.title) in gold,
                            "margin": margin(writer, plan, n) if n else None,
                        })  # fmt: skip
                    record = {"id": row["id"], "split": row.get("split", Path(file).stem), "question": row["turns"][0],
                              "claim": plan.belongs[0], "gold": len(gold), "papers": papers}  # fmt: skip
                    out.write(json.dumps(record, ensure_ascii=False) + "\n")
                    out.flush()
                    shown = " ".join(f"{'G' if p['gold'] else '-'}{p['margin'] if p['margin'] is not None else ''}" for p in papers)
                    print(f"{row['id']} {record['split']}: {shown}  {row['turns'][0][:70]}", flush=True)
    finally:
        engine.close()
    elapsed = time.perf_counter() - started
    print(f"{checks} checks in {elapsed:.0f} s; load average at end: {os.getloadavg()[0]:.2f}")


def sweep(args: argparse.Namespace) -> None:
    records = [json.loads(line) for line in Path(args.file).read_text().splitlines() if line.strip()]
    thresholds: list[float | None] = [None, *(float(t) for t in args.thresholds.split(","))]
    scores: dict[tuple[str, float | None], list[tuple[float, float]]] = defaultdict(list)
    for record in records:
        for threshold in thresholds:
            kept = [p for p in record["papers"] if p["margin"] is None or threshold is None or p["margin"] > threshold]
            hit = sum(p["gold"] for p in kept)
            scores[(record["split"], threshold)].append((hit / len(kept), hit / record["gold"]))
    print(f"{'split':<10} {'threshold':>9} {'n':>3} {'precision':>9} {'recall':>7} {'F1':>6}")
    for (split, threshold), rows in sorted(scores.items(), key=lambda kv: (kv[0][0], -1e9 if kv[0][1] is None else kv[0][1])):
        p, r = mean(x for x, _ in rows), mean(y for _, y in rows)
        name = "no check" if threshold is None else f"{threshold:+.2f}"
        print(f"{split:<10} {name:>9} {len(rows):>3} {p:>9.3f} {r:>7.3f} {2 * p * r / (p + r) if p + r else 0:>6.3f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("collect")
    c.add_argument("files", nargs="+")
    c.add_argument("--out", required=True)
    c.add_argument("--model", default="1.5b")
    c.add_argument("--skip", type=lambda ids: set(ids.split(",")), help="ids not to collect (comma-separated)")
    s = sub.add_parser("sweep")
    s.add_argument("file")
    s.add_argument("--thresholds", default="-1,-0.5,-0.3,0,0.3,0.45,0.6,1,1.5,2")
    args = parser.parse_args()
    collect(args) if args.command == "collect" else sweep(args)


if __name__ == "__main__":
    main()
