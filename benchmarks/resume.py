"""Resumable ingest at scale: kill an ingest halfway, rerun it, check nothing is duplicated or lost.

    python -m benchmarks.resume                      # 100,000 papers, fake vectors, SIGKILL after 40% stored
    python -m benchmarks.resume --size 10000 --real  # the bundled MiniLM model (about 10 minutes idle)
    python -m benchmarks.resume --signal INT         # Ctrl-C instead of kill -9

The ingest runs as `benchmarks.phases ingest` in a child process (the same code
path as `paperchat ingest`) and is killed after a set time (an embedded
Chroma cannot be watched from a second process while it writes); the rerun
reports how many papers it found already stored (`unchanged`).

Checks after the rerun, against the source file itself:
- exactly one record per source paper, each with the source's content hash
  and sentence vectors (nothing lost, nothing half-written);
- exactly as many chunks as chunking the source gives (nothing duplicated:
  a paper rewritten by the rerun replaced its chunks instead of adding to them);
- the keyword index covers every paper and matches the store's generation.

The collection is left in `results/homes/n{size}-seed{seed}[-fake]`, the home
`benchmarks.run --sizes N --parts query` measures latency on.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.run import HOMES_DIR, REPO_ROOT, child, dir_mb
from benchmarks.scale_corpus import RESULTS_DIR, generate


def kill_partway(home: Path, source: Path, fake: bool, after: float, signum: int) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.phases", "ingest", "--home", str(home), "--source", str(source)]
    if fake:
        command.append("--fake-embed")
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        process.wait(timeout=after)
        finished = True  # the ingest beat the timer: nothing was interrupted
    except subprocess.TimeoutExpired:
        process.send_signal(signum)
        process.wait(timeout=120)
        finished = False
    return {"killed_after_seconds": round(time.perf_counter() - started, 1), "finished_before_kill": finished,
            "exit": process.returncode, "signal": signal.Signals(signum).name}


def verify(home: Path, source: Path) -> dict[str, Any]:
    """Compare the stored collection with the source file; raises nothing, reports every count."""
    from benchmarks.phases import settings_for
    from ingest.chunker import chunk_paper
    from ingest.parsers import parse_source
    from ingest.pipeline import refresh_keyword_index
    from rag.embeddings import Embedder
    from rag.store import PaperStore
    from rag.text import split_sentences

    settings = settings_for(home)
    embedder = Embedder(settings.models_dir)
    papers = parse_source(source).papers
    expected_chunks = 0
    for start in range(0, len(papers), 2048):
        batch = papers[start : start + 2048]
        counter = embedder.token_counter([t for p in batch for t in (p.title + ".", *split_sentences(p.abstract))])
        expected_chunks += sum(len(chunk_paper(p, counter)) for p in batch)
    store = PaperStore(settings.store, embedder.model_id)
    stored = store.stored_hashes()  # "" for a record without sentence vectors
    source_hashes = {p.paper_id: p.content_hash for p in papers}
    index = refresh_keyword_index(store, settings.home / "index" / settings.store.collection)
    return {
        "source_papers": len(source_hashes),
        "stored_papers": len(stored),
        "missing_papers": len(source_hashes.keys() - stored.keys()),
        "extra_papers": len(stored.keys() - source_hashes.keys()),
        "stale_or_incomplete_records": sum(1 for pid, h in stored.items() if source_hashes.get(pid) != h),
        "expected_chunks": expected_chunks,
        "stored_chunks": int(store.chunks.count()),
        "keyword_index_papers": len(index.paper_ids),
        "keyword_index_current": index.generation == store.generation(),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="kill an ingest partway, rerun it, check the collection")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--real", action="store_true", help="embed with MiniLM (default: fake vectors above 5000)")
    parser.add_argument("--signal", choices=["KILL", "INT", "TERM"], default="KILL")
    parser.add_argument("--kill-after", type=float, default=None,
                        help="seconds before the kill (default: 40%% of a 70 papers/s ingest, at least 20 s)")
    parser.add_argument("--timeout", type=float, default=6 * 3600)
    args = parser.parse_args()

    fake = not args.real and args.size > 5000
    source = generate(args.size, args.seed)
    home = HOMES_DIR / f"n{args.size}-seed{args.seed}{'-fake' if fake else ''}"
    shutil.rmtree(home, ignore_errors=True)
    after = args.kill_after if args.kill_after is not None else max(20.0, 0.4 * args.size / 70)
    print(f"[{args.size}] ingest, {args.signal} after {after:.0f} s", flush=True)
    first = kill_partway(home, source, fake, after, getattr(signal, f"SIG{args.signal}"))
    print(f"[{args.size}] rerun", flush=True)
    rerun = child("ingest", home, source, fake, args.timeout)
    print(f"[{args.size}] verify", flush=True)
    checks = verify(home, source)
    consistent = (
        checks["missing_papers"] == checks["extra_papers"] == checks["stale_or_incomplete_records"] == 0
        and checks["stored_chunks"] == checks["expected_chunks"]
        and checks["keyword_index_papers"] == checks["source_papers"]
        and checks["keyword_index_current"]
    )
    result = {
        "size": args.size, "embeddings": "fake" if fake else "minilm", "first_run": first,
        "rerun": {k: rerun.get(k) for k in ("added", "updated", "unchanged", "seconds", "wall_seconds", "peak_rss_mb")},
        "checks": checks, "consistent": consistent, "store_mb": dir_mb(home / "chroma"), "load_avg": os.getloadavg(),
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"resume-n{args.size}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(result, indent=1))
    print(json.dumps(result, indent=1))
    print(f"{'consistent' if consistent else 'INCONSISTENT'}: papers stored before the kill "
          f"{rerun.get('unchanged')}, written by the rerun {rerun.get('added', 0) + rerun.get('updated', 0)}; "
          f"written: {out}")
    return 0 if consistent else 1


if __name__ == "__main__":
    raise SystemExit(main())
