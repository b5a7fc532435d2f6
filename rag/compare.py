"""Side-by-side comparison of 2–3 papers: one cited cell per paper and row.

Each cell is the sentence of that paper's abstract that answers the row (by meaning, and by the words that
state such a thing), or nothing ("not stated") when no sentence does: a row is never filled with the
closest-sounding sentence for its own sake. Every cell is a quotation with its own citation, so nothing is
paraphrased and nothing can be misattributed. Besides the fixed rows, a free-text row ("compare on: body
model") holds each paper's sentence about that topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

from rag.answer import Citation
from rag.papers import Paper
from rag.retrieval import Retriever
from rag.text import keyword_tokens

ASPECTS: dict[str, str] = {
    "task": "the problem this work addresses: what it reconstructs, generates or predicts, and from which input",
    "key idea": "we propose a novel method, framework or model; our key idea and approach",
    "data": "datasets, training data, benchmarks and input used in the experiments",
    "results": "experiments show results, outperforms state of the art, improvements achieved",
}
# The words that state each row. A sentence without any of them does not answer the row (MiniLM alone rates
# "However, existing methods are far from perfect." as a task and an "outperforms" sentence as data); "task"
# may instead be stated by an abstract's first sentence, which sets out the problem in most papers.
CUES: dict[str, re.Pattern[str]] = {
    "task": re.compile(
        r"\b(aims?|task|goal|problem|challeng\w*|address\w*|focus\w*|tackl\w*|we study|remains?|unsolved|"
        r"enabl\w+ the creation|need)\b"
    ),
    "key idea": re.compile(
        r"\b(we (propose|present|introduce|develop)|novel|our (method|approach|model|framework|key)|key (idea|insight|observation)s?|"
        r"framework|to this end|main (steps|modules))\b"
    ),
    "data": re.compile(r"\b(datasets?|benchmarks?|training data|trained on|train(ed|ing)? (on|with)|corpus|captured|collected)\b"),
    "results": re.compile(
        r"\b(outperform\w*|state[- ]of[- ]the[- ]art|superior|surpass\w*|better|beyond previous|improv\w*|"
        r"achiev\w*|experiments? (show|demonstrate)\w*|results? (show|demonstrate)\w*|robust)\b"
    ),
}
# A task stated outright ("our goal is", "we address") outweighs one implied by "the problem is that …".
TASK_STATED = re.compile(
    r"\b(our goal|we aim|aims? to|goal is|the task of|this (paper|work) (address|stud|tackl|focus)\w*|"
    r"we (study|address|tackle|focus on)|in this (paper|work), we (study|address|tackle))\b"
)
# A sentence about earlier work ("existing work uses an explicit parametric body model …") does not say what
# this paper does: it may set out the task, never fill another row unless nothing else does.
PRIOR_WORK = re.compile(
    r"\b(existing|previous|prior|current|recent) (work|works|methods?|approaches|techniques)\b(?! (and|or))"
)
POSITION = {"task": -1.0, "key idea": 0.0, "data": 0.5, "results": 1.0}  # where in an abstract each row tends to sit
MIN_TOPIC_SIMILARITY = 0.45  # a free-text row's cell: below this, and sharing under two of the topic's words, "not stated"
REUSED = 0.35  # a sentence already in another row of the same paper counts this much less
MAX_TOPIC_CHARS = 200


@dataclass
class Cell:
    """A row's sentence for one paper and its position in the abstract (the [n] leads to that sentence)."""

    text: str
    index: int


@dataclass
class CompareTable:
    aspects: list[str]
    citations: list[Citation]  # one per paper, n = column number
    cells: dict[str, list[str]]  # row → one sentence per paper ("" when the abstract says nothing)
    sentence_index: dict[str, list[int]] = field(default_factory=dict)  # row → the cell's sentence index, -1 if none
    sentences: list[list[str]] = field(default_factory=list)  # each paper's abstract sentences (for the references)

    def to_json(self) -> dict[str, object]:
        return {"aspects": self.aspects, "citations": [c.to_json() for c in self.citations], "cells": self.cells}

    def to_markdown(self) -> str:
        header = "| aspect | " + " | ".join(f"{c.title} [{c.n}]" for c in self.citations) + " |"
        lines = [header, "|" + "---|" * (len(self.citations) + 1)]
        for aspect in self.aspects:
            cells = [
                (f"{text} [{c.n}]" if text else "not stated in the abstract").replace("|", "\\|")
                for text, c in zip(self.cells[aspect], self.citations, strict=True)
            ]
            lines.append(f"| {aspect} | " + " | ".join(cells) + " |")
        return "\n".join(lines)


def topic_row(topic: str) -> str:
    """The free-text row's label: "compare on: …" (the user's words, one line)."""
    return "on: " + " ".join(topic.split())[:MAX_TOPIC_CHARS]


def compare_papers(papers: list[Paper], retriever: Retriever, topic: str | None = None) -> CompareTable:
    """Fill each row for each paper: the rows' best sentences are assigned most-confident first, so a sentence
    that states results outright goes to "results" even if it also names an evaluation set."""
    topic = " ".join((topic or "").split())[:MAX_TOPIC_CHARS]
    queries = dict(ASPECTS)
    rows = list(ASPECTS)
    if topic:
        rows.append(topic_row(topic))
        queries[rows[-1]] = topic
    query_vectors = dict(zip(rows, retriever.embedder.embed([queries[r] for r in rows]), strict=True))
    citations: list[Citation] = []
    cells: dict[str, list[str]] = {row: [] for row in rows}
    indexes: dict[str, list[int]] = {row: [] for row in rows}
    all_sentences: list[list[str]] = []
    for n, paper in enumerate(papers, start=1):
        sentences, vectors = retriever.sentences(paper)
        all_sentences.append(list(sentences))
        chosen = _fill(rows, sentences, vectors, query_vectors, topic)
        for row in rows:
            cell = chosen.get(row)
            cells[row].append(cell.text if cell else "")
            indexes[row].append(cell.index if cell else -1)
        key = chosen.get("key idea")
        evidence = key.text if key else (sentences[0] if sentences else "")
        citations.append(
            Citation(n=n, paper_id=paper.paper_id, title=paper.title, url=paper.url, evidence=evidence, meta=paper.meta)
        )
    return CompareTable(aspects=rows, citations=citations, cells=cells, sentence_index=indexes, sentences=all_sentences)


def _fill(
    rows: list[str], sentences: list[str], vectors: np.ndarray, query_vectors: dict[str, np.ndarray], topic: str
) -> dict[str, Cell]:
    if not sentences:
        return {}
    scores = {row: _row_scores(row, sentences, vectors @ query_vectors[row], topic) for row in rows}
    chosen: dict[str, Cell] = {}
    used: set[int] = set()
    open_rows = set(rows)
    while open_rows:
        # The most confident (row, sentence) pair left decides first; a sentence in another row counts less.
        best: tuple[float, str, int] | None = None
        for row in open_rows:
            adjusted = scores[row] - np.array([REUSED if i in used else 0.0 for i in range(len(sentences))])
            index = int(np.argmax(adjusted))
            if best is None or adjusted[index] > best[0]:
                best = (float(adjusted[index]), row, index)
        assert best is not None
        score, row, index = best
        open_rows.discard(row)
        if score == -np.inf:
            continue  # no sentence states this row: "not stated"
        chosen[row] = Cell(sentences[index], index)
        used.add(index)
    return chosen


def _row_scores(row: str, sentences: list[str], similarity: np.ndarray, topic: str) -> np.ndarray:
    """Each sentence's fit to the row; -inf for a sentence that does not state it."""
    last = max(1, len(sentences) - 1)
    topic_words = set(keyword_tokens(topic)) if row not in ASPECTS else set()
    scores = []
    for index, sentence in enumerate(sentences):
        lowered = sentence.lower()
        link = "http" in lowered or ("code" in lowered and "available" in lowered)
        if row in ASPECTS:
            hits = len(CUES[row].findall(lowered))
            states = hits > 0 or (row == "task" and index == 0)
            score = float(similarity[index]) + 0.15 * min(hits, 3) + 0.1 * POSITION[row] * (2 * index / last - 1)
            if row == "task":
                score += 0.3 * bool(TASK_STATED.search(lowered)) + 0.2 * (index == 0) - 0.1 * min(hits, 3)
            if row != "task" and _about_prior_work(lowered):
                score -= 0.3
            if len(sentence.split()) < 10:
                score -= 0.2  # "However, existing methods are far from perfect." says too little to answer a row
        else:
            shared = topic_words & set(keyword_tokens(sentence))
            states = len(shared) >= min(2, len(topic_words)) or similarity[index] >= MIN_TOPIC_SIMILARITY
            score = float(similarity[index]) + 0.1 * len(shared) - 0.3 * _about_prior_work(lowered)
        scores.append(score if states and not link else -np.inf)
    return np.array(scores, dtype=np.float64)


def _about_prior_work(lowered: str) -> bool:
    """The sentence's subject is earlier work, not this paper ("beyond previous methods" is about this one)."""
    return any(not lowered[max(0, m.start() - 8) : m.start()].endswith(("beyond ", "than ")) for m in PRIOR_WORK.finditer(lowered))
