"""Building the keyword index over real abstracts, in memory (no Chroma): what every ingest into a library pays.

    python -m benchmarks.keyword_build [--n 20000] [--rounds 3] [--dump OUT.pkl]

Ingest rebuilds the whole keyword index (BM25 weights, the names papers introduce, the filter facets) from every
stored paper whenever a paper is added or changed, so adding one paper to a 74,728-paper library costs the whole
build. This times `KeywordIndex.build` on the first `--n` records of ../shared/data/arxiv-cs-2025-2026.jsonl.xz
(parsed as ingest parses them) plus the bundled 79 papers, best of `--rounds`, with the load average.
`--dump` writes the built index's contents, so two versions of the code can be checked to build the same index:

    python -m benchmarks.keyword_build --dump /tmp/new.pkl      # and the same from a worktree of the old commit
    python -c "import pickle; print(pickle.load(open('/tmp/old.pkl','rb')) == pickle.load(open('/tmp/new.pkl','rb')))"
"""

from __future__ import annotations

import argparse
import itertools
import lzma
import os
import pickle
import resource
import time
from pathlib import Path

from ingest.parsers import parse_jsonl, parse_source
from rag.keyword import KeywordIndex
from rag.papers import Paper
from rag.settings import BUNDLED_CORPUS

ARXIV = Path(__file__).resolve().parents[2] / "shared" / "data" / "arxiv-cs-2025-2026.jsonl.xz"


def load_papers(n: int) -> list[Paper]:
    with lzma.open(ARXIV, "rt", encoding="utf-8") as source:
        text = "".join(itertools.islice(source, n))
    papers = parse_jsonl(ARXIV, text).papers + parse_source(BUNDLED_CORPUS).papers
    return papers


def contents(index: KeywordIndex) -> dict[str, object]:
    """Everything a search reads, in comparable form."""
    weights = index.weights.tocsr()
    weights.sort_indices()
    return {
        "paper_ids": index.paper_ids,
        "vocabulary": index.vocabulary,
        "weights": (weights.indptr.tolist(), weights.indices.tolist(), weights.data.tolist()),
        "idf": index.idf.tolist(),
        "title_names": index.title_names,
        "phrases_any_case": index.phrases_any_case,
        "phrases_as_written": index.phrases_as_written,
        "facets": vars(index.facets),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=20_000, help="arXiv records (default 20,000; 74,728 is all)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dump", type=Path, help="write the index's contents here (pickle)")
    args = parser.parse_args(argv)
    papers = load_papers(args.n)
    print(f"{len(papers)} papers; load average {os.getloadavg()[0]:.2f}")
    best = float("inf")
    index = None
    for _ in range(args.rounds):
        started, cpu = time.perf_counter(), time.process_time()
        index = KeywordIndex.build(papers)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        best = min(best, cpu)
        print(f"build: {wall:.2f} s wall, {cpu:.2f} s CPU ({len(papers) / cpu:,.0f} papers per CPU-second)")
    print(
        f"best {best:.2f} s CPU; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6:.2f} GB; "
        f"load average {os.getloadavg()[0]:.2f}"
    )
    if args.dump and index is not None:
        with args.dump.open("wb") as out:
            pickle.dump(contents(index), out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
