"""Sentence-whole chunks that fit the embedder, with the paper's title in each.

all-MiniLM-L6-v2 silently truncates past 256 word pieces and was trained on
short passages, so a chunk is the title plus as many whole sentences as fit
`target_tokens`; a single sentence longer than the hard limit is cut at word
boundaries (the only case where a sentence is split).
"""

from __future__ import annotations

from collections.abc import Callable

from rag.papers import Paper
from rag.store import Chunk
from rag.text import split_sentences

HARD_LIMIT = 256


def chunk_text(title: str, body: str) -> str:
    return f"{title}. {body}"


def chunk_paper(
    paper: Paper,
    count_tokens: Callable[[str], int],
    target_tokens: int = 160,
) -> list[Chunk]:
    title_cost = count_tokens(paper.title + ".")  # includes [CLS]/[SEP]
    budget = max(32, min(target_tokens, HARD_LIMIT) - title_cost)
    pieces: list[tuple[str, int]] = []
    for sentence in split_sentences(paper.abstract):
        cost = count_tokens(sentence) - 2
        if cost <= HARD_LIMIT - title_cost - 2:
            pieces.append((sentence, cost))
        else:
            pieces.extend(_split_long(sentence, count_tokens, budget))
    bodies: list[str] = []
    current: list[str] = []
    used = 0
    for sentence, cost in pieces:
        if current and used + cost > budget:
            bodies.append(" ".join(current))
            current, used = [], 0
        current.append(sentence)
        used += cost
    if current:
        bodies.append(" ".join(current))
    return [
        Chunk(chunk_id=f"{paper.paper_id}:{i}", paper_id=paper.paper_id, index=i, text=chunk_text(paper.title, body))
        for i, body in enumerate(bodies)
    ]


def _split_long(sentence: str, count_tokens: Callable[[str], int], budget: int) -> list[tuple[str, int]]:
    parts: list[tuple[str, int]] = []
    words = sentence.split()
    current: list[str] = []
    for word in words:
        candidate = " ".join([*current, word])
        if current and count_tokens(candidate) - 2 > budget:
            text = " ".join(current)
            parts.append((text, count_tokens(text) - 2))
            current = [word]
        else:
            current.append(word)
    if current:
        text = " ".join(current)
        parts.append((text, count_tokens(text) - 2))
    return parts
