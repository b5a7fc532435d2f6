"""Benchmark phases that run in a fresh interpreter, so time and peak memory are the phase's own.

`benchmarks.run` starts one child per phase and reads the JSON line it prints
last. Run one by hand to profile it:

    .venv/bin/pyinstrument -m benchmarks.phases ingest --home H --source S
    .venv/bin/pyinstrument -m benchmarks.phases baseline-build --home H --source S

`--fake-embed` stores deterministic pseudo-random unit vectors instead of
MiniLM's: everything else (parsing, chunking and token counting, Chroma writes
and its HNSW index, the keyword index) runs for real. It is how sizes whose
embedding would take hours are measured: the embedding share is then projected
from the chunks/s measured at the sizes run with the real model.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rag.embeddings import Embedder
from rag.settings import Settings


class FakeEmbedder(Embedder):
    """Unit vectors seeded by each text's hash: the same text always gets the same vector.

    Same `model_id` as the real embedder, so the store accepts the collection
    and queries embedded with the real model can search it.
    """

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.empty((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
            vector = np.random.default_rng(seed).standard_normal(self.dimension).astype(np.float32)
            vectors[row] = vector / np.linalg.norm(vector)
        return vectors

    def embed_with_spans(
        self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]
    ) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
        """Fake vectors for the texts and for each span (its text's fake vector), one "token" per span."""
        sums = [self.embed([text[start:end] for start, end in text_spans]) for text, text_spans in zip(texts, spans, strict=True)]
        counts = [np.ones(len(text_spans), dtype=np.int32) for text_spans in spans]
        return self.embed(texts), sums, counts


def time_calls(obj: object, method: str, totals: dict[str, float], key: str) -> None:
    """Wrap `obj.method` on the instance so the seconds spent inside it add up in `totals[key]`."""
    inner = getattr(obj, method)
    totals.setdefault(key, 0.0)

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return inner(*args, **kwargs)
        finally:
            totals[key] += time.perf_counter() - started

    setattr(obj, method, timed)


def peak_rss_mb() -> float:
    """Peak resident set size of this process (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def settings_for(home: Path) -> Settings:
    defaults = Settings.from_env()
    return Settings.from_env({"PAPERCHAT_HOME": str(home), "PAPERCHAT_MODELS_DIR": str(defaults.models_dir)})


def run_ingest(home: Path, source: Path, fake_embed: bool) -> dict[str, Any]:
    import ingest.pipeline as pipeline
    from rag.store import PaperStore

    started = time.perf_counter()
    settings = settings_for(home)
    embedder: Embedder = (FakeEmbedder if fake_embed else Embedder)(settings.models_dir)
    store = PaperStore(settings.store, embedder.model_id)
    index_dir = settings.home / "index" / settings.store.collection
    opened = time.perf_counter()
    totals: dict[str, float] = {}
    time_calls(embedder, "embed_with_spans", totals, "embed_seconds")  # ingest's only embedding call
    time_calls(embedder, "count_tokens", totals, "count_tokens_seconds")
    time_calls(store, "write_batch", totals, "store_write_seconds")
    time_calls(store, "stored_state", totals, "stored_hashes_seconds")  # what ingest reads to diff
    time_calls(pipeline, "refresh_keyword_index", totals, "keyword_index_seconds")
    time_calls(pipeline, "parse_all", totals, "parse_seconds")
    report = pipeline.ingest([source], store, embedder, index_dir, progress=False)
    return {
        **totals,
        "added": report.added,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "rejected": len(report.rejected),
        "chunks_embedded": report.chunks_embedded,
        "seconds": report.seconds,  # parse, diff, chunk, embed, write, keyword index (and the model's first load)
        # CPU-seconds of all this process's threads: what a busy machine cannot take away, for A/B runs
        "cpu_seconds": time.process_time(),
        "load_avg": os.getloadavg(),
        "open_seconds": opened - started,  # imports excluded; store opening
        "papers_stored": store.count(),
        "chunks_stored": int(store.chunks.count()),
        "peak_rss_mb": peak_rss_mb(),
    }


def run_baseline_build(home: Path, source: Path, fake_embed: bool) -> dict[str, Any]:
    from benchmarks.baseline import Baseline
    from ingest.parsers import parse_source

    settings = settings_for(home)
    embedder: Embedder = (FakeEmbedder if fake_embed else Embedder)(settings.models_dir)
    totals: dict[str, float] = {}
    time_calls(embedder, "embed", totals, "embed_seconds")
    started = time.perf_counter()
    papers = parse_source(source).papers
    parsed = time.perf_counter()
    build = Baseline(home / "baseline", embedder).build(papers)
    return {
        **totals,
        "papers": build.papers,
        "nodes": build.nodes,
        "seconds": build.seconds + (parsed - started),  # same scope as ours: parsing included
        "peak_rss_mb": peak_rss_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="one benchmark phase in a fresh process; prints one JSON line")
    parser.add_argument("phase", choices=["ingest", "baseline-build"])
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--source", type=Path, required=True)
    parser.add_argument("--fake-embed", action="store_true")
    args = parser.parse_args()
    run = run_ingest if args.phase == "ingest" else run_baseline_build
    print(json.dumps(run(args.home, args.source, args.fake_embed)), flush=True)


if __name__ == "__main__":
    main()
