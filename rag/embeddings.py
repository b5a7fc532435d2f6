"""The bundled all-MiniLM-L6-v2 embedder, loaded from a verified local folder."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from rag.models import EMBEDDER, EMBEDDER_ID, model_path

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer
    from tokenizers import Tokenizer

MAX_TOKENS = 256  # the model's position limit; longer inputs are silently truncated by it


class Embedder:
    """Wraps the sentence-transformers model; loads it lazily, once.

    Texts are embedded in batches sorted by length so that padding (the main
    waste of a CPU batch) stays small; vectors come back in input order, unit norm.
    """

    model_id = EMBEDDER_ID
    dimension = 384

    def __init__(self, models_dir: Path, batch_size: int = 64) -> None:
        self.path = model_path(EMBEDDER, models_dir)  # fails fast, naming the fetch command
        self.batch_size = batch_size
        self._model: SentenceTransformer | None = None
        self._tokenizer: Tokenizer | None = None

    @property
    def tokenizer(self) -> Tokenizer:
        if self._tokenizer is None:
            from tokenizers import Tokenizer

            tokenizer = Tokenizer.from_file(str(self.path / "tokenizer.json"))
            tokenizer.no_truncation()
            tokenizer.no_padding()
            self._tokenizer = tokenizer
        return self._tokenizer

    def count_tokens(self, text: str) -> int:
        """Word pieces including [CLS] and [SEP], as the model sees them."""
        return len(self.tokenizer.encode(text).ids)

    @property
    def model(self) -> SentenceTransformer:
        if self._model is None:
            import torch
            from sentence_transformers import SentenceTransformer

            torch.set_num_threads(max(1, os.cpu_count() or 1))
            self._model = SentenceTransformer(str(self.path), device="cpu", local_files_only=True)
        return self._model

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        vectors = self.model.encode(
            [texts[i] for i in order],
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        result = np.empty_like(vectors)
        result[order] = vectors
        return result.astype(np.float32)

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]
