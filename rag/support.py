"""How well a sentence of an abstract supports a piece of text: the one score retrieval and verification share.

Meaning (MiniLM cosine of the stored sentence vector) plus word overlap: cosine
alone rates "ECON infers normals" and "ICON infers normals" the same, and words
alone miss paraphrases. Retrieval ranks evidence sentences by it; verification
checks a written sentence against its cited paper's sentences with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from rag.text import keyword_tokens

LEXICAL_WEIGHT = 0.35  # word overlap next to cosine; measured in benchmarks/README.md "Retrieval ablation"


def word_overlap(terms: set[str], sentence: str) -> float:
    """Share of `terms` (keyword tokens of the text being supported) found in `sentence`."""
    if not terms:
        return 0.0
    return len(terms & set(keyword_tokens(sentence))) / len(terms)


def support_scores(text: str, vector: np.ndarray, sentences: Sequence[str], vectors: np.ndarray) -> np.ndarray:
    """One score per sentence: cosine(vector, sentence vector) + LEXICAL_WEIGHT x word overlap.

    A sentence that only points to code or a project page scores 0 unless the text is about such a link too:
    "Code and models are available at econ.is.tue.mpg.de" shares words with "ECON takes 3D human models as
    input" but states nothing about what ECON does.
    """
    if not len(sentences):
        return np.zeros(0, dtype=np.float32)
    terms = set(keyword_tokens(text))
    cosines: np.ndarray = vectors @ vector
    overlap = np.array([word_overlap(terms, s) for s in sentences], dtype=np.float32)
    scores: np.ndarray = (cosines + LEXICAL_WEIGHT * overlap).astype(np.float32)
    if not link_only(text):
        scores[[i for i, s in enumerate(sentences) if link_only(s)]] = 0.0
    return scores


_LINK_ONLY = re.compile(
    r"\b(?:code|models?|data(?:set)?s?|project page|videos?)\b[^.]{0,60}\b(?:is|are|will be)\s+(?:publicly\s+)?(?:available|released)"
    r"|\bhttps?://|\b[\w-]+\.(?:github\.io|com|org|de|edu)\b",
    re.IGNORECASE,
)


def link_only(sentence: str) -> bool:
    """The sentence points to code, data or a project page ("Code is available at …"): no claim rests on it."""
    return _LINK_ONLY.search(sentence) is not None
