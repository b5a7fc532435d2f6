"""Retrieval latency with and without filters, warm, on an ingested collection (issue 14: ≤ 1.5× unfiltered).

    python -m benchmarks.filters --home /tmp/hfilt-10k/home            # a collection of real arXiv abstracts
    python -m benchmarks.filters --home DIR --queries 50 --json out.json

Build the collection once with `paperchat ingest FILE` (PAPERCHAT_HOME=DIR), e.g. 10,000 records of
../shared/data/arxiv-cs-2025-2026.jsonl.xz (every 7th: `benchmarks/filters.py --sample OUT.jsonl` writes it).
The filters are chosen from the collection itself: a broad and a narrow year range, the most common and a
rare category, the most common and a rare family name, the most common author's full name (its given names
narrow the family's papers), and a combination. Each query runs once per
filter to warm caches, then the measured rounds interleave the filters query by query, so drift in the
machine's load hits every filter alike. A filter keeping at most `exact_filter_papers` papers is also
measured with that path off ("… via where": Chroma's `where` clause, as before it), in the same rounds.
Also checked per filtered retrieval: every paper passes the filter, and the top-k is full whenever the
filter keeps at least k papers, and both paths retrieve the same papers.
"""

from __future__ import annotations

import argparse
import json
import lzma
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.run import GOLD, percentiles, queries
from rag.engine import Engine
from rag.evaluation import load_gold
from rag.filters import Filters
from rag.retrieval import Retriever
from rag.settings import Settings

ARXIV = Path(__file__).resolve().parents[2] / "shared" / "data" / "arxiv-cs-2025-2026.jsonl.xz"


def write_sample(out: Path, size: int = 10_000, step: int = 7) -> None:
    """Every `step`-th record of the shared arXiv file, `size` of them, as JSONL (the file to ingest)."""
    with lzma.open(ARXIV, "rt", encoding="utf-8") as source:
        records = [line for index, line in enumerate(source) if index % step == 0][:size]
    out.write_text("".join(records), encoding="utf-8")


def chosen_filters(engine: Engine) -> dict[str, Filters]:
    facets = engine.retriever.keyword_index().facets
    years = Counter(y for y in facets.years if y)
    categories = Counter(c for cats in facets.categories for c in cats)
    authors = Counter(a for keys in facets.author_keys for a in keys)
    common_year = years.most_common(1)[0][0]
    # Rare, but not so rare that the top-k check says nothing: the least common with 20 (3) papers or more.
    rare_category = next((c for c, n in reversed(categories.most_common()) if n >= 20), categories.most_common(1)[0][0])
    rare_author = next((a for a, n in reversed(authors.most_common()) if n >= 3), authors.most_common(1)[0][0])
    person = Counter(name for names in facets.authors for name in names if " " in name.strip()).most_common(1)
    return {
        "none": Filters(),
        f"year {common_year}": Filters(common_year, common_year),
        f"year ≤ {min(years)}": Filters(None, min(years)),
        f"category {categories.most_common(1)[0][0]}": Filters(category=categories.most_common(1)[0][0]),
        f"category {rare_category}": Filters(category=rare_category),
        f"author {authors.most_common(1)[0][0]}": Filters(author=authors.most_common(1)[0][0]),
        f"author {rare_author}": Filters(author=rare_author),
        **({f"author {person[0][0]}": Filters(author=person[0][0])} if person else {}),
        f"year {common_year} + {categories.most_common(1)[0][0]}": Filters(
            common_year, common_year, category=categories.most_common(1)[0][0]
        ),
    }


def run(home: Path, n_queries: int, rounds: int) -> dict[str, Any]:
    settings = Settings.from_env({"PAPERCHAT_HOME": str(home), "PAPERCHAT_MODELS_DIR": str(Settings.from_env().models_dir)})
    engine = Engine.from_settings(settings)
    engine.warm()
    filters = chosen_filters(engine)
    measured = queries(load_gold(GOLD), n_queries)
    facets = engine.retriever.keyword_index().facets
    top_k = max(settings.retrieval.top_k, 10)
    # The same collection with the exact path off: what a narrow filter cost through Chroma's `where`.
    where_only = Retriever(
        engine.store,
        engine.embedder,
        engine.retriever.index_dir,
        settings.retrieval.model_copy(update={"exact_filter_papers": 0}),
    )
    runs: dict[str, tuple[Filters, Retriever]] = {}
    for name, limits in filters.items():
        runs[name] = (limits, engine.retriever)
        if limits and facets.scope(limits).count <= settings.retrieval.exact_filter_papers:
            runs[f"{name} via where"] = (limits, where_only)
    problems: list[str] = []
    for name, (limits, retriever) in runs.items():  # warm-up, and the checks
        kept = facets.scope(limits).paper_ids if limits else None
        for query in measured:
            papers = retriever.retrieve(query, filters=limits or None).papers
            if kept is not None and any(p.paper.paper_id not in kept for p in papers):
                problems.append(f"{name}: {query!r} retrieved a paper outside the filter")
            if kept is not None and len(kept) >= top_k and len(papers) < top_k:
                problems.append(f"{name}: {query!r} returned {len(papers)} < {top_k} papers")
            if retriever is where_only:
                exact = engine.retriever.retrieve(query, filters=limits).papers
                if [p.paper.paper_id for p in exact] != [p.paper.paper_id for p in papers]:
                    problems.append(f"{name}: {query!r} ranked other papers than the exact path")
    samples: dict[str, list[float]] = {name: [] for name in runs}
    load_before = Path("/proc/loadavg").read_text().split()[:3]
    for _ in range(rounds):
        for query in measured:
            for name, (limits, retriever) in runs.items():
                started = time.perf_counter()
                retriever.retrieve(query, filters=limits or None)
                samples[name].append((time.perf_counter() - started) * 1000)
    load_after = Path("/proc/loadavg").read_text().split()[:3]
    stats = {name: percentiles(values) for name, values in samples.items()}
    base = stats["none"]
    return {
        "papers": engine.paper_count(),
        "queries": len(measured),
        "rounds": rounds,
        "loadavg_before": load_before,
        "loadavg_after": load_after,
        "filters": {
            name: {
                "kept": facets.scope(limits).count if limits else engine.paper_count(),
                "p50_ms": round(s["p50"], 1),
                "p95_ms": round(s["p95"], 1),
                "p50_ratio": round(s["p50"] / base["p50"], 2),
                "p95_ratio": round(s["p95"] / base["p95"], 2),
            }
            for (name, (limits, _)), s in zip(runs.items(), stats.values(), strict=True)
        },
        "problems": problems,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", type=Path, help="PAPERCHAT_HOME of the ingested collection")
    parser.add_argument("--queries", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", type=Path, help="also write the result here")
    parser.add_argument("--sample", type=Path, help="only write the 10,000-record arXiv sample to this JSONL file")
    args = parser.parse_args()
    if args.sample:
        write_sample(args.sample)
        return
    if args.home is None:
        parser.error("--home is required (or --sample OUT)")
    result = run(args.home, args.queries, args.rounds)
    print(f"{result['papers']} papers, {result['queries']} queries × {result['rounds']} rounds, "
          f"load average {' '.join(result['loadavg_before'])} → {' '.join(result['loadavg_after'])}")  # fmt: skip
    print(f"{'filter':<38}{'kept':>7}{'p50 ms':>9}{'p95 ms':>9}{'p50 ×':>7}{'p95 ×':>7}")
    for name, row in result["filters"].items():
        print(f"{name:<38}{row['kept']:>7}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}{row['p50_ratio']:>7.2f}{row['p95_ratio']:>7.2f}")
    for problem in result["problems"]:
        print(f"PROBLEM {problem}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
