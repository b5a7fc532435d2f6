"""Would an int8 or a fused MiniLM keep today's vectors, and how much faster is it? The embedder's ONNX graph, varied.

    python -m benchmarks.embedder_int8 [--papers 300] [--source FILE] [--only fused]

SAMPLE: an even spread of the real arXiv abstracts in ../shared/data (as `benchmarks.arxiv_sample`), or FILE.

Issue 14 allows quantization only where the vectors stay within cosine 0.99 of today's. For each variant
(onnxruntime's `quantize_dynamic`, int8 weights per channel, MatMul only, some MatMuls left in float; and
`quantize_static` with activation ranges calibrated on real sentences), it embeds SAMPLE's abstracts (title +
abstract, as one text) and the sentences of half of them with today's float graph and the quantized one, and
prints the lowest cosine between the two and the speed ratio, alternated in the same run (the float graph right
after each variant). It also embeds 150 sentences one at a time, as a question is: dynamic quantization scales
a MatMul's input by its largest value in the whole batch, so an int8 vector depends on what it was batched with.
A last variant stays in float: onnxruntime's transformer optimizer (`onnxruntime.transformers.optimizer`, model
type "bert") fuses each layer's attention into one `Attention` kernel, the residual adds into
`SkipLayerNormalization` and the embeddings into `EmbedLayerNormalization`, which the session's own graph
optimizations do not (they leave 42 MatMuls, 51 Adds and 13 LayerNormalizations). `--only TEXT` runs the variants
whose name contains TEXT. Nothing in the app changes: the graphs are written to a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import numpy as np
from onnxruntime.quantization import CalibrationDataReader

from benchmarks.arxiv_sample import sample
from ingest.parsers import parse_source
from rag.embeddings import Embedder
from rag.models import EMBEDDER, ONNX_FILE, model_path
from rag.settings import Settings
from rag.text import split_sentences


def timed(embedder: Embedder, texts: list[str]) -> tuple[np.ndarray, float]:
    started = time.perf_counter()
    vectors = np.asarray(embedder.embed(texts))
    return vectors, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="papers in any format ingest reads (default: real arXiv)")
    parser.add_argument("--papers", type=int, default=300)
    parser.add_argument("--only", default="", help="only the variants whose name contains this")
    args = parser.parse_args()
    models_dir = Settings.from_env().models_dir
    with tempfile.TemporaryDirectory(prefix="paperchat-int8-") as tmp:
        if args.source is None:
            args.source = Path(tmp) / "arxiv.jsonl"
            args.source.write_text("".join(json.dumps(r) + "\n" for r in sample(args.papers + 10)[10:]), "utf-8")
        compare(args.source, args.papers, models_dir, Path(tmp), args.only)


class _Calibration(CalibrationDataReader):  # type: ignore[misc]
    """Batches of 8 real sentences for `quantize_static`'s activation ranges (onnxruntime's CalibrationDataReader)."""

    def __init__(self, model_folder: Path, sentences: list[str]) -> None:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(model_folder / "tokenizer.json"))
        tokenizer.enable_truncation(max_length=256)
        tokenizer.enable_padding()
        self._batches = iter([tokenizer.encode_batch(sentences[i : i + 8]) for i in range(0, len(sentences), 8)])

    def get_next(self) -> dict[str, np.ndarray] | None:
        batch = next(self._batches, None)
        if batch is None:
            return None
        return {
            "input_ids": np.array([e.ids for e in batch], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in batch], dtype=np.int64),
        }


def compare(sample_file: Path, size: int, models_dir: Path, tmp: Path, only: str = "") -> None:
    import onnx
    from onnxruntime.quantization import QuantFormat, QuantType, quantize_dynamic, quantize_static
    from onnxruntime.transformers import optimizer

    source = model_path(EMBEDDER, models_dir)
    papers = parse_source(sample_file).papers[:size]
    texts = [f"{paper.title}. {paper.abstract}" for paper in papers]
    sentences = [s for paper in papers[: len(papers) // 2] for s in split_sentences(paper.abstract)]
    today = Embedder(models_dir)
    today_texts, _ = timed(today, texts)
    today_sentences, _ = timed(today, sentences)
    matmuls = [node.name for node in onnx.load(str(source / ONNX_FILE)).graph.node if node.op_type == "MatMul"]
    ffn_out = [name for name in matmuls if "/output/dense/" in name and "/attention/" not in name]
    variants = {
        "every MatMul int8": [],
        "FFN output MatMuls float": ffn_out,
        "FFN output + last layer float": ffn_out + [name for name in matmuls if "/layer.5/" in name],
        # the FFN outputs of the first layers are where int8 strays most (measured one layer at a time, 2026-12-05)
        "FFN outputs of layers 0-1 float": [name for name in ffn_out if "/layer.0/" in name or "/layer.1/" in name],
        "FFN outputs of layers 0-2 float": [name for name in ffn_out if any(f"/layer.{i}/" in name for i in range(3))],
    }
    print(f"{len(texts)} abstracts, {len(sentences)} sentences from {sample_file}; load {os.getloadavg()[0]:.2f}")
    folder = tmp / "models" / source.name
    folder.mkdir(parents=True)
    for item in source.iterdir():
        if item.name != ONNX_FILE:
            (folder / item.name).symlink_to(item)
    alone_n = min(150, len(sentences))  # a question is embedded alone: these sentences are, too
    extra = [("static (calibrated), FFN output float", ffn_out), ("fused float (transformer optimizer)", [])]
    for name, excluded in [(n, e) for n, e in [*variants.items(), *extra] if only in n]:
        target = folder / ONNX_FILE
        target.unlink(missing_ok=True)
        if name.startswith("fused"):
            fused = optimizer.optimize_model(str(source / ONNX_FILE), model_type="bert", num_heads=12, hidden_size=384)
            fusions = {op: n for op, n in fused.get_fused_operator_statistics().items() if n}
            print(f"fused: {fusions}")
            fused.save_model_to_file(str(target))
        elif name.startswith("static"):
            quantize_static(
                str(source / ONNX_FILE), str(target), _Calibration(source, sentences[alone_n:][:400]),
                quant_format=QuantFormat.QDQ, per_channel=True, op_types_to_quantize=["MatMul"],
                nodes_to_exclude=excluded, activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
            )  # fmt: skip
        else:
            quantize_dynamic(
                str(source / ONNX_FILE), str(target), weight_type=QuantType.QInt8, per_channel=True,
                op_types_to_quantize=["MatMul"], nodes_to_exclude=excluded,
            )  # fmt: skip
        int8 = Embedder(tmp / "models")
        int8.embed(texts[:8])  # load the session outside the timing
        int8_s = float_s = float("inf")
        for _ in range(3):  # alternated, best of 3 each: the machine is shared
            got, seconds = timed(int8, texts)
            int8_s = min(int8_s, seconds)
            float_s = min(float_s, timed(today, texts)[1])
        got_sentences, _ = timed(int8, sentences)
        text_cos = (got * today_texts).sum(axis=1)
        sentence_cos = (got_sentences * today_sentences).sum(axis=1)
        alone = np.stack([int8.embed_one(s) for s in sentences[:alone_n]])
        alone_cos = (alone * today_sentences[:alone_n]).sum(axis=1)
        batch_cos = (alone * got_sentences[:alone_n]).sum(axis=1)
        below = int((sentence_cos < 0.99).sum())
        print(
            f"{name:32s} cosine with today's: abstracts min {text_cos.min():.4f} mean {text_cos.mean():.4f}, "
            f"sentences min {sentence_cos.min():.4f} p1 {np.percentile(sentence_cos, 1):.4f} ({below} under 0.99), "
            f"{alone_n} sentences embedded alone min {alone_cos.min():.4f}; the same sentence alone vs batched "
            f"min {batch_cos.min():.4f} | "
            f"{float_s / int8_s:.2f}x today's speed, best of 3 ({len(texts) / int8_s:.1f} vs {len(texts) / float_s:.1f} "
            f"abstracts/s) | size {target.stat().st_size / 1e6:.0f} MB | load {os.getloadavg()[0]:.2f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
