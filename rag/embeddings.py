"""The bundled all-MiniLM-L6-v2 embedder: its tokenizer and an ONNX export of its weights, run by onnxruntime."""

from __future__ import annotations

import base64
import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rag.errors import ModelMissingError
from rag.models import EMBEDDER, EMBEDDER_ID, EMBEDDER_MAX_TOKENS, FETCH_HINT, ONNX_FILE, ready_path

if TYPE_CHECKING:
    from onnxruntime import InferenceSession
    from tokenizers import Encoding, Tokenizer


class Embedder:
    """MiniLM through onnxruntime; the session and tokenizers load lazily, once.

    The vectors are sentence-transformers' (mean of the token vectors, unit
    norm; tests/test_embeddings.py checks them against it). Texts are embedded
    in batches sorted by token count so that padding (the main waste of a CPU batch)
    stays small; vectors come back in input order.
    """

    model_id = EMBEDDER_ID
    dimension = 384

    # 16 measured 10-15% faster than 64 on 2 cores for chunks, sentences and whole abstracts alike.
    def __init__(self, models_dir: Path, batch_size: int = 16) -> None:
        self.path = ready_path(EMBEDDER, models_dir)  # fails fast, naming the fetch command
        self.batch_size = batch_size
        self._session: InferenceSession | None = None
        self._tokenizer: Tokenizer | None = None
        self._model_tokenizer: Tokenizer | None = None

    @property
    def tokenizer(self) -> Tokenizer:
        """Word pieces of a whole text, untruncated: for counting tokens."""
        if self._tokenizer is None:
            self._tokenizer = self._load_tokenizer(truncate_at=None)
        return self._tokenizer

    @property
    def model_tokenizer(self) -> Tokenizer:
        """Word pieces as the model takes them: truncated at its position limit."""
        if self._model_tokenizer is None:
            self._model_tokenizer = self._load_tokenizer(truncate_at=EMBEDDER_MAX_TOKENS)
        return self._model_tokenizer

    def _load_tokenizer(self, truncate_at: int | None) -> Tokenizer:
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_file(str(self.path / "tokenizer.json"))
        tokenizer.no_padding()
        if truncate_at is None:
            tokenizer.no_truncation()
        else:
            tokenizer.enable_truncation(max_length=truncate_at)
        return tokenizer

    @property
    def session(self) -> InferenceSession:
        if self._session is None:
            import onnxruntime

            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = max(1, os.cpu_count() or 1)
            # Threads that spin while idle slow a local LLM sharing the cores; measured no slower without.
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            try:
                self._session = onnxruntime.InferenceSession(
                    str(self.path / ONNX_FILE), options, providers=["CPUExecutionProvider"]
                )
            except Exception as error:  # onnxruntime raises its own exception types for a damaged file
                raise ModelMissingError(
                    f"{self.path / ONNX_FILE} cannot be loaded ({type(error).__name__}): delete it and "
                    + FETCH_HINT.format(name=EMBEDDER.name)
                ) from error
        return self._session

    def count_tokens(self, text: str) -> int:
        """Word pieces including [CLS] and [SEP], as the model sees them."""
        return len(self.tokenizer.encode(text).ids)

    def token_counter(self, texts: Sequence[str]) -> Callable[[str], int]:
        """`count_tokens`, with `texts` counted up front in one batch."""
        unique = list(dict.fromkeys(texts))
        counts = {text: len(encoding.ids) for text, encoding in zip(unique, self.tokenizer.encode_batch(unique), strict=True)}
        return lambda text: counts[text] if text in counts else self.count_tokens(text)

    def _token_vectors(self, texts: Sequence[str]) -> Iterator[tuple[int, Encoding, np.ndarray]]:
        """(input index, word pieces, token vectors) for every text, shortest texts batched together."""
        session = self.session
        everything = self.model_tokenizer.encode_batch(list(texts)) if texts else []
        # Sorted by word pieces, not characters: a batch is as wide as its longest text, and on real abstracts
        # character order left 15% of the tokens computed as padding against 4.5% (measured, benchmarks/embedder.py).
        order = sorted(range(len(texts)), key=lambda i: len(everything[i].ids))
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            encodings = [everything[i] for i in batch]
            width = max(len(e.ids) for e in encodings)
            ids = np.zeros((len(batch), width), dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            for row, encoding in enumerate(encodings):
                ids[row, : len(encoding.ids)] = encoding.ids
                mask[row, : len(encoding.ids)] = 1
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask})[0]
            for row, (i, encoding) in enumerate(zip(batch, encodings, strict=True)):
                yield i, encoding, hidden[row, : len(encoding.ids)]

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for i, _, tokens in self._token_vectors(texts):
            vectors[i] = _unit(tokens.mean(axis=0))
        return vectors

    def embed_one(self, text: str) -> np.ndarray:
        vector: np.ndarray = self.embed([text])[0]
        return vector

    def embed_with_spans(
        self, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]]
    ) -> tuple[np.ndarray, list[np.ndarray], list[np.ndarray]]:
        """Embed `texts` and, from the same forward pass, pool each character span's tokens ("late chunking").

        Returns the texts' vectors (identical to `embed`: the mean of all token
        vectors, unit norm) and, per text, the sum of each span's token vectors
        and the number of tokens summed, so that a sentence split over two
        chunks can be pooled whole. A span's vector sees its chunk as context,
        and costs nothing beyond the chunk's own embedding. A span past the
        256-token limit gets no tokens.
        """
        vectors = np.zeros((len(texts), self.dimension), dtype=np.float32)
        sums: list[np.ndarray] = [np.empty(0)] * len(texts)
        counts: list[np.ndarray] = [np.empty(0)] * len(texts)
        for i, encoding, tokens in self._token_vectors(texts):
            vectors[i] = _unit(tokens.mean(axis=0))
            starts = np.array([a for a, _ in encoding.offsets])
            ends = np.array([b for _, b in encoding.offsets])
            real = ends > starts  # [CLS]/[SEP] have empty offsets
            span_sums = np.zeros((len(spans[i]), self.dimension), dtype=np.float32)
            span_counts = np.zeros(len(spans[i]), dtype=np.int32)
            for k, (start, end) in enumerate(spans[i]):
                inside = real & (starts >= start) & (ends <= end)
                span_counts[k] = int(inside.sum())
                span_sums[k] = tokens[inside].sum(axis=0)
            sums[i], counts[i] = span_sums, span_counts
        return vectors, sums, counts


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def pack_vectors(vectors: np.ndarray) -> str:
    """Unit vectors as base64 int8 (384 bytes each): small enough for a Chroma metadata field.

    Only directions matter (every use is a cosine), so each vector is scaled to
    its own largest component and re-normalised when unpacked.
    """
    scale = np.maximum(np.abs(vectors).max(axis=1, keepdims=True), 1e-12)
    quantized = np.round(vectors / scale * 127).astype(np.int8)
    return base64.b64encode(quantized.tobytes()).decode("ascii")


def unpack_vectors(packed: str, dimension: int = 384) -> np.ndarray:
    raw = np.frombuffer(base64.b64decode(packed), dtype=np.int8).astype(np.float32).reshape(-1, dimension)
    unit: np.ndarray = raw / np.maximum(np.linalg.norm(raw, axis=1, keepdims=True), 1e-12)
    return unit
