"""The dev questions over a haystack collection: paperchat's retrieval against plain BM25 and plain dense search.

    PAPERCHAT_HOME=/tmp/hay74k/home python -m benchmarks.haystack [--json OUT]
    PAPERCHAT_HOME=/tmp/hay74k/home python -m benchmarks.haystack --dev eval/refusal_set.jsonl --split tune

The home holds the bundled 79 papers mixed into real arXiv abstracts (benchmarks/README.md "Haystack" shows how it is
built). Each first-turn dev question (single, detail, compare, multi; follow-ups need a conversation and
unanswerable ones have no gold) is ranked 10 deep by:
- paperchat: `Retriever.ranking`, the dense + keyword + names fusion `Engine.plan` uses;
- BM25: bm25s over every stored paper's title + abstract (Anserini-like, as `benchmarks.beir`);
- dense: the same stored MiniLM chunk vectors, nearest chunks first, a paper where its best chunk ranks
  (what LlamaIndex's `VectorStoreIndex` over the same embedder returns, without building a second index of
  74,728 papers for an hour).
Reports recall@5, recall@10 and MRR@10 per question type, and whether any gold title is missing from the home.
Answers, citations and refusals over the same home come from `paperchat eval --backend extractive`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.beir import bm25_run
from rag.engine import Engine
from rag.evaluation import load_gold
from rag.papers import Paper
from rag.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "rag" / "data" / "eval" / "dev_qa.jsonl"
JUDGMENTS = ROOT / "eval" / "haystack_judgments.json"
TYPES = ("single", "detail", "compare", "multi")
DEPTH = 10


def scores(ranked: Sequence[str], gold: set[str]) -> dict[str, float]:
    first = next((i for i, pid in enumerate(ranked[:DEPTH]) if pid in gold), None)
    return {
        "recall@5": len(gold & set(ranked[:5])) / len(gold),
        "recall@10": len(gold & set(ranked[:10])) / len(gold),
        "mrr@10": 0.0 if first is None else 1.0 / (first + 1),
    }


def judged(
    ranked: Sequence[str], gold: set[str], judgment: dict[str, Any], papers: dict[str, Paper]
) -> tuple[float, float, list[str]]:
    """Precision@10 and MRR@10 over gold plus the judged-relevant distractors, and the titles among the 10 nobody
    judged (printed, so a larger haystack's new candidates can be read and judged)."""
    relevant = set(judgment.get("relevant", []))
    not_relevant = set(judgment.get("not_relevant", []))
    pattern = judgment.get("mentions")
    hits = 0
    first: int | None = None
    unjudged: list[str] = []
    for rank, pid in enumerate(ranked[:DEPTH]):
        paper = papers[pid]
        if (
            pid in gold
            or paper.title in relevant
            or (pattern and re.search(str(pattern), f"{paper.title} {paper.abstract}"))
        ):
            hits += 1
            first = rank if first is None else first
        elif not pattern and paper.title not in not_relevant:
            unjudged.append(paper.title)
    return hits / DEPTH, 0.0 if first is None else 1.0 / (first + 1), unjudged


def is_relevant(pid: str, gold: set[str], judgment: dict[str, Any], paper: Paper) -> bool | None:
    """Gold or judged relevant: True; judged not relevant (or not matching the question's `mentions`): False;
    nobody judged it: None."""
    pattern = judgment.get("mentions")
    if pid in gold or paper.title in judgment.get("relevant", []):
        return True
    if pattern:
        return re.search(str(pattern), f"{paper.title} {paper.abstract}") is not None
    return False if paper.title in judgment.get("not_relevant", []) else None


def dense_ranking(engine: Engine, question: str) -> list[str]:
    hits = engine.retriever.store.query_chunks(engine.retriever.embedder.embed_one(question), DEPTH * 4)
    return list(dict.fromkeys(hit.paper_id for hit in hits))[:DEPTH]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev", type=Path, default=DEV, help="the gold questions (also: eval/refusal_set.jsonl)")
    parser.add_argument("--split", choices=["tune", "holdout"], help="only this half of a set split in two")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    rows = [
        r for r in load_gold(args.dev)
        if r.get("type") in TYPES and len(r["turns"]) == 1 and args.split in (None, r.get("split"))
    ]  # fmt: skip
    engine = Engine.from_settings(Settings.from_env(dict(os.environ)))
    try:
        load_start = os.getloadavg()
        started = time.perf_counter()
        papers = list(engine.store.iter_papers())
        read_s = time.perf_counter() - started
        by_title = {p.title: p.paper_id for p in papers}
        by_id = {p.paper_id: p for p in papers}
        judgments = {k: v for k, v in json.loads(JUDGMENTS.read_text(encoding="utf-8")).items() if k.startswith("d")}
        golds = {r["id"]: {by_title[t] for t in r["gold_titles"] if t in by_title} for r in rows}
        missing = sorted({t for r in rows for t in r["gold_titles"] if t not in by_title})
        queries = {r["id"]: r["turns"][0] for r in rows}
        systems: dict[str, Callable[[], dict[str, list[str]]]] = {
            "paperchat": lambda: {
                qid: [
                    p.paper.paper_id
                    for p in engine.retriever.ranking(q, DEPTH, filters=engine.retriever.filters_for(q))
                ]
                for qid, q in queries.items()
            },
            "BM25": lambda: bm25_run(papers, queries, DEPTH),
            "dense (same vectors)": lambda: {qid: dense_ranking(engine, q) for qid, q in queries.items()},
        }
        engine.retriever.ranking("warm-up", DEPTH)
        table: dict[str, dict[str, dict[str, float]]] = {}
        unjudged: dict[str, dict[str, list[str]]] = {}
        seconds: dict[str, float] = {}
        for name, run_of in systems.items():
            started = time.perf_counter()
            run = run_of()
            seconds[name] = time.perf_counter() - started
            table[name] = {}
            per_id = {r["id"]: scores(run.get(r["id"], []), golds[r["id"]]) for r in rows if golds[r["id"]]}
            for kind in (*TYPES, "all"):
                per = [per_id[r["id"]] for r in rows if kind in ("all", r["type"]) and r["id"] in per_id]
                if per:  # a set of its own may have no question of a type
                    table[name][kind] = {m: statistics.fmean(s[m] for s in per) for m in per[0]} | {"n": len(per)}
            lists = [r for r in rows if r["id"] in judgments]
            if not lists:
                continue
            pairs = [judged(run.get(r["id"], []), golds[r["id"]], judgments[r["id"]], by_id) for r in lists]
            table[name]["multi"] |= {
                "p@10 judged": statistics.fmean(p for p, _, _ in pairs),
                "mrr@10 judged": statistics.fmean(m for _, m, _ in pairs),
                "unjudged": sum(len(u) for _, _, u in pairs),
            }
            # MRR over every question with the list questions' judged MRR in place of their gold-only one: the
            # gold of a list names bundled papers only, and among real distractors many more answer it.
            judged_mrr = dict(zip((r["id"] for r in lists), (m for _, m, _ in pairs), strict=True))
            table[name]["all"]["mrr@10 judged lists"] = statistics.fmean(
                judged_mrr.get(qid, s["mrr@10"]) for qid, s in per_id.items()
            )
            unjudged[name] = {r["id"]: u for r, (_, _, u) in zip(lists, pairs, strict=True) if u}
        # What a list answer rests on: the papers `Engine.plan` selects (the ranking above, cut by selection).
        selections = []
        for r in (r for r in rows if r["id"] in judgments):
            chosen = [p.paper.paper_id for p in engine.plan(r["turns"][0]).selected]
            verdicts = [is_relevant(pid, golds[r["id"]], judgments[r["id"]], by_id[pid]) for pid in chosen]
            selections.append((r["id"], chosen, verdicts))
        load_end = os.getloadavg()
    finally:
        engine.close()
    print(
        f"{len(papers)} papers in {os.environ.get('PAPERCHAT_HOME', 'the default home')} (read in {read_s:.1f} s); "
        f"load average {load_start[0]:.2f} at start, {load_end[0]:.2f} at end"
    )
    if missing:
        print(f"gold titles not in the collection: {missing}")
    print("| system | type | n | recall@5 | recall@10 | MRR@10 |\n|---|---|---|---|---|---|")
    for name, kinds in table.items():
        for kind, m in kinds.items():
            print(
                f"| {name} | {kind} | {m['n']:.0f} | {m['recall@5']:.3f} | {m['recall@10']:.3f} | {m['mrr@10']:.3f} |"
            )
    if selections:  # the dev set's list questions, which have judgments
        print_judged(table, unjudged, selections, golds, by_id)
    print(" ".join(f"{name}: {1000 * s / len(queries):.0f} ms/query;" for name, s in seconds.items()))
    if args.json:
        args.json.write_text(
            json.dumps(
                {"papers": len(papers), "table": table, "unjudged": unjudged, "seconds": seconds, "missing": missing},
                indent=1,
            )
        )
    return 0


def print_judged(
    table: dict[str, dict[str, dict[str, float]]],
    unjudged: dict[str, dict[str, list[str]]],
    selections: list[tuple[str, list[str], list[bool | None]]],
    golds: dict[str, set[str]],
    by_id: dict[str, Paper],
) -> None:
    """The list questions against the judged distractors, and the papers a list answer rests on."""
    print("\nList questions, judged (gold + distractors judged relevant, eval/haystack_judgments.json):")
    for name, kinds in table.items():
        m = kinds["multi"]
        print(
            f"  {name}: precision@10 {m['p@10 judged']:.3f}, MRR@10 {m['mrr@10 judged']:.3f} ({m['unjudged']:.0f} of the "
            f"top 10s unjudged); MRR@10 of all {kinds['all']['n']:.0f} questions with the lists judged "
            f"{kinds['all']['mrr@10 judged lists']:.3f}"
        )
        for qid, titles in unjudged[name].items():
            print(f"    unjudged in {qid}'s top 10: " + " | ".join(titles))
    judged_picks = [v for _, _, verdicts in selections for v in verdicts if v is not None]
    print(
        f"\nList answers (the papers Engine.plan selects for the {len(selections)} list questions): "
        f"{sum(len(c) for _, c, _ in selections) / max(1, len(selections)):.1f} papers per answer, judged precision "
        f"{sum(judged_picks) / max(1, len(judged_picks)):.3f}, gold recall "
        f"{statistics.fmean(len(golds[q] & set(c)) / max(1, len(golds[q])) for q, c, _ in selections):.3f}, "
        f"{sum(v is None for _, _, verdicts in selections for v in verdicts)} unjudged"
    )
    for qid, chosen, verdicts in selections:
        marks = " | ".join(f"{'+' if v else '-' if v is False else '?'} {by_id[pid].title[:60]}" for pid, v in zip(chosen, verdicts, strict=True))
        print(f"    {qid}: {marks}")


if __name__ == "__main__":
    raise SystemExit(main())
