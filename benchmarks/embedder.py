"""The embedder against what this CPU can do: its peak on fixed-length batches, and its rate on real chunks.

    python -m benchmarks.embedder --source SAMPLE.jsonl [--papers 300] [--rounds 3]

1. Peak: the same ONNX graph on fixed-length batches (no padding, no tokenizer), in word pieces per
   CPU-second and per wall second, next to numpy's sgemm in GFLOP per CPU-second.
2. Padding: the chunks ingest makes of SAMPLE (in its 128-paper windows), and the share of computed
   tokens that are padding when batches are sorted by characters (before) or by word pieces (now).
3. Real chunks: `Embedder.embed_with_spans` (ingest's call) on those chunks at several batch sizes,
   alternated round by round, in chunks/s and word pieces per CPU-second (the ratio to the peak is
   how much of the CPU the embedder uses; CPU-seconds are what a busy machine cannot take away).

Print the load average with every figure: the machine is shared.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from ingest.chunker import chunk_paper
from ingest.parsers import parse_source
from ingest.pipeline import BATCH_PAPERS
from rag.embeddings import Embedder
from rag.settings import Settings
from rag.text import split_sentences

Chunks = list[tuple[str, list[tuple[int, int]]]]


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def windows(source: Path, papers: int, embedder: Embedder) -> list[Chunks]:
    """The chunk texts and sentence spans ingest embeds, one list per 128-paper write batch."""
    parsed = parse_source(source).papers[:papers]
    out: list[Chunks] = []
    for start in range(0, len(parsed), BATCH_PAPERS):
        batch = parsed[start : start + BATCH_PAPERS]
        count = embedder.token_counter([t for p in batch for t in (p.title + ".", *split_sentences(p.abstract))])
        out.append([(c.text, [(a, b) for _, a, b in c.spans]) for p in batch for c in chunk_paper(p, count)])
    return out


def peak(embedder: Embedder) -> float:
    """Word pieces per CPU-second of the graph on full batches; returns the best."""
    session, best = embedder.session, 0.0
    for size, width in ((16, 256), (16, 128), (64, 64)):
        ids = np.full((size, width), 1000, dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": np.ones_like(ids)}
        session.run(None, feed)
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(4):
            session.run(None, feed)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        best = max(best, 4 * size * width / cpu)
        print(f"peak {size}x{width}: {4 * size * width / wall:6.0f} tokens/s, {4 * size * width / cpu:6.0f} tokens/CPU-s  load {load()}")
    a = np.random.default_rng(0).random((4096, 384), dtype=np.float32)
    b = np.random.default_rng(1).random((384, 1536), dtype=np.float32)
    cpu = time.process_time()
    for _ in range(10):
        a @ b
    print(f"numpy sgemm 4096x384x1536: {10 * 2 * 4096 * 384 * 1536 / (time.process_time() - cpu) / 1e9:.1f} GFLOP/CPU-s")
    return best


def padding(chunk_windows: list[Chunks], embedder: Embedder) -> None:
    for name in ("characters", "word pieces"):
        for size in (8, 16, 32):
            real = computed = 0
            for chunks in chunk_windows:
                lengths = [len(e.ids) for e in embedder.model_tokenizer.encode_batch([t for t, _ in chunks])]
                keys = [len(text) for text, _ in chunks] if name == "characters" else lengths
                order = sorted(range(len(chunks)), key=keys.__getitem__)
                for start in range(0, len(order), size):
                    batch = order[start : start + size]
                    computed += len(batch) * max(lengths[i] for i in batch)
                real += sum(lengths)
            print(f"sorted by {name:11s}, batch {size:2d}: {100 * (computed / real - 1):4.1f}% of the tokens computed are padding")


def real_rate(chunk_windows: list[Chunks], models_dir: Path, sizes: list[int], rounds: int, best: float) -> None:
    embedders = {size: Embedder(models_dir, batch_size=size) for size in sizes}
    tokens = sum(len(e.ids) for chunks in chunk_windows for e in embedders[sizes[0]].model_tokenizer.encode_batch([t for t, _ in chunks]))
    count = sum(len(chunks) for chunks in chunk_windows)
    seconds: dict[int, list[tuple[float, float]]] = {size: [] for size in sizes}
    for round_ in range(rounds):
        for size in sizes if round_ % 2 == 0 else sizes[::-1]:
            wall, cpu = time.perf_counter(), time.process_time()
            for chunks in chunk_windows:
                embedders[size].embed_with_spans([t for t, _ in chunks], [s for _, s in chunks])
            seconds[size].append((time.perf_counter() - wall, time.process_time() - cpu))
    for size in sizes:
        wall = float(np.median([w for w, _ in seconds[size]]))
        cpu = float(np.median([c for _, c in seconds[size]]))
        print(
            f"real chunks, batch {size:2d}: {count / wall:5.1f} chunks/s, {tokens / wall:6.0f} tokens/s, "
            f"{tokens / cpu:6.0f} tokens/CPU-s ({100 * tokens / cpu / best:.0f}% of peak)  load {load()}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, required=True, help="papers in any format ingest reads")
    parser.add_argument("--papers", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", default="8,16,32", help="batch sizes to compare, comma-separated")
    args = parser.parse_args()
    models_dir = Settings.from_env().models_dir
    embedder = Embedder(models_dir)
    best = peak(embedder)
    chunk_windows = windows(args.source, args.papers, embedder)
    padding(chunk_windows, embedder)
    real_rate(chunk_windows, models_dir, [int(s) for s in args.sizes.split(",")], args.rounds, best)


if __name__ == "__main__":
    main()
