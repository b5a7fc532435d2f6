"""Building the keyword index over real abstracts, in memory (no Chroma): what every ingest into a library pays.

    python -m benchmarks.keyword_build [--n 20000] [--rounds 3] [--dump OUT.pkl]

The keyword index (BM25 weights, the names papers introduce, the filter facets) is built from every stored paper
when there is no saved index to update (a first ingest, a reset, an index from an older paperchat); an ingest
that adds or changes papers updates the saved one instead (`--add`). This times `KeywordIndex.build` on the first `--n` records of ../shared/data/arxiv-cs-2025-2026.jsonl.xz
(parsed as ingest parses them) plus the bundled 79 papers, best of `--rounds`, with the load average.
`--dump` writes the built index's contents, so two versions of the code can be checked to build the same index:

    python -m benchmarks.keyword_build --dump /tmp/new.pkl      # and the same from a worktree of the old commit
    python -c "import pickle; print(pickle.load(open('/tmp/old.pkl','rb')) == pickle.load(open('/tmp/new.pkl','rb')))"

`--add K` times what an ingest of K papers into the library of the other papers pays for the index: the full
build over all of them against `KeywordIndex.updated` of the library's saved index (its load with rows, the
update and the save included), K = 79 adds the bundled papers to the arXiv records:

    python -m benchmarks.keyword_build --n 74728 --add 79 --rounds 2
"""

from __future__ import annotations

import argparse
import gc
import itertools
import lzma
import os
import pickle
import resource
import tempfile
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
    parser.add_argument("--add", type=int, default=0, help="also time adding the last K papers to the others' index")
    args = parser.parse_args(argv)
    papers = load_papers(args.n)
    if args.add:
        return time_add(papers, args.add, args.rounds)
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


def time_add(papers: list[Paper], k: int, rounds: int) -> int:
    """Full builds first; then, with only the added papers left in memory (as in an ingest process, whose garbage
    collector does not walk 74,728 parsed papers), load with rows + update + save of the library's index."""
    library, added = papers[:-k], papers[-k:]
    print(f"{len(library)} papers in the library, {len(added)} added; load average {os.getloadavg()[0]:.2f}")
    query = "reconstruct clothed humans from a single image"
    full = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        rebuilt = KeywordIndex.build(papers, generation="after")
        full = min(full, time.perf_counter() - started)
        print(f"full build {time.perf_counter() - started:.2f} s")
    want = [pid for pid, _ in rebuilt.search(query, 10)]
    with tempfile.TemporaryDirectory() as folder:
        KeywordIndex.build(library, generation="before").save(Path(folder))
        del papers, library, rebuilt
        gc.collect()
        update = float("inf")
        for _ in range(rounds):
            started = time.perf_counter()
            saved = KeywordIndex.load(Path(folder), rows=True)
            loaded = time.perf_counter() - started
            assert saved is not None
            updated = saved.updated(added, (), "after")
            changed = time.perf_counter() - started - loaded
            with tempfile.TemporaryDirectory() as out:
                updated.save(Path(out))
            update = min(update, time.perf_counter() - started)
            print(f"load with rows {loaded:.2f} s + update {changed:.2f} s + save: {time.perf_counter() - started:.2f} s")
    same = [pid for pid, _ in updated.search(query, 10)] == want
    print(
        f"best: full build {full:.2f} s, update {update:.2f} s (x{full / update:.1f}); same top 10: {same}; "
        f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6:.2f} GB; load average {os.getloadavg()[0]:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
