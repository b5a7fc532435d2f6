"""The ONNX embedder against sentence-transformers (the reference), and its failures."""

from __future__ import annotations

import lzma
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ingest.chunker import chunk_paper
from ingest.parsers import parse_source
from ingest.pipeline import BATCH_PAPERS
from rag.embeddings import Embedder
from rag.models import EMBEDDER, ONNX_FILE, ModelMissingError, fetch
from rag.settings import BUNDLED_CORPUS, Settings
from rag.text import split_sentences

from .conftest import REPO_ROOT, cli_env

ARXIV = REPO_ROOT.parent / "shared" / "data" / "arxiv-cs-2025-2026.jsonl.xz"


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder(Settings.from_env().models_dir)


@pytest.fixture(scope="module")
def chunks(embedder: Embedder) -> list[tuple[str, list[tuple[int, int]]]]:
    papers = parse_source(BUNDLED_CORPUS).papers[:25]
    return [(chunk.text, [(start, end) for _, start, end in chunk.spans]) for paper in papers for chunk in chunk_paper(paper, embedder.count_tokens)]


def test_vectors_match_sentence_transformers(embedder: Embedder, chunks: list[tuple[str, list[tuple[int, int]]]]) -> None:
    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(str(embedder.path), device="cpu", local_files_only=True)
    texts = [text for text, _ in chunks] + [
        "short",
        "A question about 3D human avatars?",
        "word " * 600,  # past the 256-token limit: both truncate
        "",
    ]
    ours = embedder.embed(texts)
    theirs = reference.encode(texts, batch_size=16, normalize_embeddings=True, convert_to_numpy=True)
    cosines = (ours * theirs).sum(axis=1)
    assert ours.shape == (len(texts), 384) and ours.dtype == np.float32
    assert cosines.min() > 0.99999, f"lowest cosine {cosines.min():.6f} for {texts[int(cosines.argmin())][:60]!r}"
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    # Order and batching do not change a vector.
    assert np.allclose(embedder.embed(texts[::-1])[::-1], ours, atol=1e-5)
    assert np.allclose(embedder.embed_one(texts[3]), ours[3], atol=1e-5)
    assert embedder.embed([]).shape == (0, 384)


def test_span_pooling_comes_from_the_same_pass(embedder: Embedder, chunks: list[tuple[str, list[tuple[int, int]]]]) -> None:
    texts = [text for text, _ in chunks]
    spans = [span for _, span in chunks]
    vectors, sums, counts = embedder.embed_with_spans(texts, spans)
    assert np.allclose(vectors, embedder.embed(texts), atol=1e-5)
    for text, text_spans, span_sums, span_counts in zip(texts, spans, sums, counts, strict=True):
        assert span_sums.shape == (len(text_spans), 384)
        for (start, end), total, count in zip(text_spans, span_sums, span_counts, strict=True):
            # every word piece of the sentence, and only those ([CLS]/[SEP] excluded)
            assert count == embedder.count_tokens(text[start:end]) - 2
            assert np.linalg.norm(total) > 0
        # All the spans' tokens plus the title's make up the chunk: the pooled chunk vector is their mean.
        title_tokens = embedder.count_tokens(text) - 2 - int(span_counts.sum())
        assert title_tokens > 0


def test_batched_vectors_of_real_abstracts_are_each_texts_own(embedder: Embedder, tmp_path: Path) -> None:
    """Batching (sorted by word pieces, padded to the widest) must not move a stored vector.

    Over 500 chunks of real arXiv abstracts, chunked as ingest chunks them, through ingest's own call:
    each vector against the same text embedded alone (a batch of one has no padding, so it is the
    text's vector whatever the batching policy), chunk vectors and pooled sentence spans alike.
    """
    with lzma.open(ARXIV, "rt", encoding="utf-8") as handle:
        lines = [line for line, _ in zip(handle, range(BATCH_PAPERS * 2 + 64), strict=False)]
    source = tmp_path / "arxiv.jsonl"
    source.write_text("".join(lines), encoding="utf-8")
    papers = parse_source(source).papers
    count = embedder.token_counter([t for p in papers for t in (p.title + ".", *split_sentences(p.abstract))])
    chunks = [chunk for paper in papers for chunk in chunk_paper(paper, count)]
    texts = [chunk.text for chunk in chunks]
    spans = [[(start, end) for _, start, end in chunk.spans] for chunk in chunks]
    assert len(texts) >= 500 and len({len(e.ids) for e in embedder.model_tokenizer.encode_batch(texts)}) > 50
    alone = Embedder(Settings.from_env().models_dir, batch_size=1)
    vectors, sums, _ = embedder.embed_with_spans(texts, spans)
    own_vectors, own_sums, _ = alone.embed_with_spans(texts, spans)
    cosines = (vectors * own_vectors).sum(axis=1)
    assert cosines.min() > 0.99999, f"lowest cosine {cosines.min():.6f} for {texts[int(cosines.argmin())][:60]!r}"
    batched, own = np.concatenate(sums), np.concatenate(own_sums)
    span_cosines = (batched * own).sum(axis=1) / np.linalg.norm(batched, axis=1) / np.linalg.norm(own, axis=1)
    assert span_cosines.min() > 0.99999


def models_without_export(embedder: Embedder, tmp_path: Path) -> Path:
    """A models folder holding the verified embedder without its ONNX export."""
    models_dir = tmp_path / "models"
    shutil.copytree(embedder.path, models_dir / EMBEDDER.target, ignore=shutil.ignore_patterns(ONNX_FILE))
    return models_dir


def test_missing_onnx_export_names_the_fetch_command_which_makes_it(embedder: Embedder, tmp_path: Path) -> None:
    models_dir = models_without_export(embedder, tmp_path)
    with pytest.raises(ModelMissingError, match="make models"):
        Embedder(models_dir)
    env = cli_env(tmp_path / "home", PAPERCHAT_MODELS_DIR=str(models_dir))
    check = subprocess.run([sys.executable, "-m", "rag", "models", "check"], env=env, capture_output=True, text=True)
    # no usable model at all: exit 2 (README "exit status"; 1 is for some models missing)
    assert check.returncode == 2 and "embed: " in check.stdout and "make models" in check.stdout
    ask = subprocess.run([sys.executable, "-m", "rag", "ask", "What is ICON?"], env=env, capture_output=True, text=True)
    assert ask.returncode != 0 and "Traceback" not in ask.stderr
    assert len(ask.stderr.strip().splitlines()) == 1 and "make models" in ask.stderr
    said: list[str] = []
    fetch(EMBEDDER, models_dir, log=said.append)  # the weights are verified already: only the export runs
    assert (models_dir / EMBEDDER.target / ONNX_FILE).is_file()
    assert any("cosine with torch 1.0000" in line for line in said), said
    assert not list((models_dir / EMBEDDER.target).glob(".onnx-*"))  # no staging folder left behind
    text = ["Late chunking pools each sentence's tokens in the chunk's context."]
    assert float(Embedder(models_dir).embed(text)[0] @ embedder.embed(text)[0]) > 0.99999


def test_damaged_onnx_export_is_a_clear_error(embedder: Embedder, tmp_path: Path) -> None:
    models_dir = models_without_export(embedder, tmp_path)
    onnx = models_dir / EMBEDDER.target / ONNX_FILE
    onnx.write_bytes((embedder.path / ONNX_FILE).read_bytes()[:100_000])  # a truncated copy
    damaged = Embedder(models_dir)
    with pytest.raises(ModelMissingError, match="delete it and run `make models`"):
        damaged.embed(["a sentence"])
