"""The query-time hot paths in isolation, for a profiler to look at.

    .venv/bin/pyinstrument -m benchmarks.hotpaths retrieve --home benchmarks/results/homes/n2000-seed0
    .venv/bin/pyinstrument -m benchmarks.hotpaths ask --home ... --queries 20
    .venv/bin/python -m benchmarks.hotpaths breakdown --home ...     (ms per retrieval stage, no profiler)

The engine loads and answers the warm-up questions before the measured loop,
so a profile of the loop shows per-question costs, not start-up. Ingest is
profiled through benchmarks.phases (see its docstring).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from benchmarks.phases import settings_for
from benchmarks.run import GOLD, WARMUP, percentiles, queries
from rag.evaluation import load_gold


def breakdown(engine: Any, measured: list[str]) -> dict[str, Any]:
    """Milliseconds per stage of Retriever.retrieve, timed by wrapping what it calls."""
    from benchmarks.phases import time_calls

    retriever = engine.retriever
    index = engine.retriever.keyword_index()
    totals: dict[str, float] = {}
    per_query: dict[str, list[float]] = {}
    # Private seams of rag/retrieval.py and rag/keyword.py: a stage that was renamed is skipped, not fatal.
    stages = (
        (retriever, "keyword_index", "keyword_index (generation check)"),
        (retriever.embedder, "embed_one", "embed query"),
        (retriever.store, "query_chunks", "chroma query_chunks"),
        (retriever, "_papers", "chroma get_papers"),
        (retriever, "_attach_evidence", "evidence (embed sentences + score)"),
        (index, "search", "bm25 search"),
        (index, "names_in", "names_in"),
        (index, "max_possible", "bm25 max_possible"),
    )
    for owner, method, label in stages:
        if callable(getattr(owner, method, None)):
            time_calls(owner, method, totals, label)
    totals["total"] = 0.0
    for query in measured:
        before = dict(totals)
        started = time.perf_counter()
        retriever.retrieve(query)
        totals["total"] += time.perf_counter() - started
        for key, value in totals.items():
            per_query.setdefault(key, []).append((value - before.get(key, 0.0)) * 1000)
    return {key: percentiles(samples) for key, samples in per_query.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description="run one query-time hot path, for profiling")
    parser.add_argument("path", choices=["retrieve", "ask", "breakdown"])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--warm-cache", action="store_true", help="keep the sentence-vector cache from warm-up")
    args = parser.parse_args()

    from rag.engine import Engine

    engine = Engine.from_settings(settings_for(args.home))
    measured = queries(load_gold(GOLD), args.queries)
    for query in WARMUP:
        engine.ask(query, backend="extractive")
    if not args.warm_cache:
        engine.retriever.forget()
    if args.path == "breakdown":
        for stage, stats in breakdown(engine, measured).items():
            print(f"{stage:<40} p50 {stats['p50']:8.1f} ms   p95 {stats['p95']:8.1f} ms   mean {stats['mean']:8.1f} ms")
        return
    started = time.perf_counter()
    for query in measured:
        if args.path == "retrieve":
            engine.retriever.retrieve(query)
        else:
            engine.ask(query, backend="extractive")
    seconds = time.perf_counter() - started
    print(json.dumps({"path": args.path, "queries": len(measured), "ms_per_query": seconds * 1000 / len(measured)}))


if __name__ == "__main__":
    main()
