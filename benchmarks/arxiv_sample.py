"""Real arXiv metadata through the real ingest: is any paper lost, and what metadata comes through?

    python -m benchmarks.arxiv_sample                  # 2,000 papers: an even spread plus every over-long author list
    python -m benchmarks.arxiv_sample --size 500 --parse-all

Reads ../shared/data/arxiv-cs-2025-2026.jsonl.xz with lzma, writes the sample as JSONL (the file a user
would pass), ingests it into a fresh home with the bundled MiniLM, then checks every sampled paper is
stored with its authors, year, arXiv id and categories. `--parse-all` also parses all 74,728 records
(no embedding) and counts rejections and notes.
"""

from __future__ import annotations

import argparse
import json
import lzma
import tempfile
import time
from pathlib import Path

from ingest.parsers import MAX_FIELD_CHARS, parse_source
from ingest.pipeline import ingest_into
from rag.engine import Engine
from rag.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[1]
ARXIV = REPO_ROOT.parent / "shared" / "data" / "arxiv-cs-2025-2026.jsonl.xz"


def sample(size: int) -> list[dict[str, object]]:
    """Every over-long author list (the papers an older ingest rejected), then an even spread of the rest."""
    with lzma.open(ARXIV, "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    long_lists = [r for r in records if len(", ".join(r["authors"])) > MAX_FIELD_CHARS]
    rest = [r for r in records if r not in long_lists]
    step = max(1, len(rest) // (size - len(long_lists)))
    return long_lists + rest[::step][: size - len(long_lists)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--parse-all", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        if args.parse_all:
            whole = work / "all.jsonl"
            with lzma.open(ARXIV, "rb") as source, whole.open("wb") as target:
                target.write(source.read())
            started = time.perf_counter()
            result = parse_source(whole)
            print(
                f"parse all: {len(result.papers)} papers, {len(result.rejections)} rejected, "
                f"{len(result.notes)} notes in {time.perf_counter() - started:.1f} s"
            )
            for note in result.notes:
                print(f"  note {note}")
            whole.unlink()
        records = sample(args.size)
        path = work / "arxiv-sample.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
        env = {"PAPERCHAT_HOME": str(work / "home"), "PAPERCHAT_MODELS_DIR": str(Settings.from_env().models_dir)}
        engine = Engine.from_settings(Settings.from_env(env))
        report = ingest_into(engine, [path])
        print(report.summary())
        stored = {p.paper_id: p for p in engine.papers()}
        lost = [r["id"] for r in records if r["id"] not in stored]
        shortened = [p for p in stored.values() if p.authors_omitted]
        complete = sum(1 for p in stored.values() if p.authors and p.year and p.arxiv_id and p.categories)
        print(f"sampled {len(records)}, stored {len(stored)}, lost {len(lost)} {lost[:5]}")
        print(f"with authors, year, arXiv id and categories: {complete}; author lists shortened: {len(shortened)}")
        for paper in shortened:
            print(f"  {paper.arxiv_id} {paper.title[:60]!r}: {len(paper.authors)} kept, {paper.authors_omitted} more")
        print(f"ingest {report.seconds:.1f} s, {len(records) / report.seconds:.1f} papers/s")


if __name__ == "__main__":
    main()
