"""How well a sentence of an abstract supports a piece of text: the one score retrieval and verification share.

Meaning (MiniLM cosine of the stored sentence vector) plus word overlap: cosine
alone rates "ECON infers normals" and "ICON infers normals" the same, and words
alone miss paraphrases. Retrieval ranks evidence sentences by it; verification
checks a written sentence against its cited paper's sentences with it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from rag.text import keyword_tokens

LEXICAL_WEIGHT = 0.35  # word overlap next to cosine; measured in README "Retrieval ablation"


def word_overlap(terms: set[str], sentence: str) -> float:
    """Share of `terms` (keyword tokens of the text being supported) found in `sentence`."""
    if not terms:
        return 0.0
    return len(terms & set(keyword_tokens(sentence))) / len(terms)


def support_scores(text: str, vector: np.ndarray, sentences: Sequence[str], vectors: np.ndarray) -> np.ndarray:
    """One score per sentence: cosine(vector, sentence vector) + LEXICAL_WEIGHT x word overlap."""
    if not len(sentences):
        return np.zeros(0, dtype=np.float32)
    terms = set(keyword_tokens(text))
    cosines: np.ndarray = vectors @ vector
    overlap = np.array([word_overlap(terms, s) for s in sentences], dtype=np.float32)
    scores: np.ndarray = (cosines + LEXICAL_WEIGHT * overlap).astype(np.float32)
    return scores
