"""Side-by-side comparison of 2–3 papers: one cited cell per paper and aspect.

Each cell is the sentence of that paper's abstract that best matches the
aspect's description (by meaning and words), so every cell is a quotation with
its citation; nothing is paraphrased, so nothing can be misattributed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from rag.answer import Citation
from rag.papers import Paper
from rag.retrieval import Retriever

ASPECTS: dict[str, str] = {
    "task": "the problem or task this work addresses and its motivation",
    "key idea": "we propose a novel method, framework or model; our key idea and approach",
    "data": "datasets, training data, benchmarks and input used in the experiments",
    "results": "experiments show results, outperforms state of the art, improvements achieved",
}
MIN_CELL_SCORE = 0.05
# Words that mark a sentence as stating an aspect; MiniLM alone confuses "task" with any description.
CUES: dict[str, tuple[str, ...]] = {
    "task": ("aim", "task", "goal", "problem", "challeng", "address", "focus", "suffer", "difficult", "remain"),
    "key idea": ("we propose", "we present", "we introduce", "novel", "our method", "our approach", "key", "framework"),
    "data": ("dataset", "data", "benchmark", "trained on", "train", "evaluat", "scans", "videos", "images"),
    "results": ("outperform", "state-of-the-art", "state of the art", "superior", "achiev", "improv", "demonstrat", "surpass"),
}
POSITION = {"task": -1.0, "key idea": 0.0, "data": 0.5, "results": 1.0}  # where in an abstract each aspect tends to sit


@dataclass
class CompareTable:
    aspects: list[str]
    citations: list[Citation]  # one per paper, n = column number
    cells: dict[str, list[str]]  # aspect → one sentence per paper ("" when the abstract says nothing)

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


def compare_papers(papers: list[Paper], retriever: Retriever) -> CompareTable:
    aspect_vectors = retriever.embedder.embed(list(ASPECTS.values()))
    citations: list[Citation] = []
    cells: dict[str, list[str]] = {aspect: [] for aspect in ASPECTS}
    for n, paper in enumerate(papers, start=1):
        sentences, vectors = retriever.sentences(paper)
        used: set[int] = set()
        for (aspect, _), aspect_vector in zip(ASPECTS.items(), aspect_vectors, strict=True):
            if not sentences:
                cells[aspect].append("")
                continue
            scores = vectors @ aspect_vector + _cue_scores(aspect, sentences)
            for index in used:
                scores[index] -= 1.0  # one sentence per cell: spread the abstract over the aspects
            best = int(np.argmax(scores))
            if scores[best] < MIN_CELL_SCORE:
                cells[aspect].append("")
                continue
            used.add(best)
            cells[aspect].append(sentences[best])
        evidence = cells["key idea"][-1] or (sentences[0] if sentences else "")
        citations.append(
            Citation(n=n, paper_id=paper.paper_id, title=paper.title, url=paper.url, evidence=evidence, meta=paper.meta)
        )
    return CompareTable(aspects=list(ASPECTS), citations=citations, cells=cells)


def _cue_scores(aspect: str, sentences: list[str]) -> np.ndarray:
    last = max(1, len(sentences) - 1)
    scores = []
    for index, sentence in enumerate(sentences):
        lowered = sentence.lower()
        hits = sum(cue in lowered for cue in CUES[aspect])
        score = 0.15 * min(hits, 3) + 0.1 * POSITION[aspect] * (2 * index / last - 1)
        if "http" in lowered or ("code" in lowered and "available" in lowered):
            score -= 1.0  # a link sentence states no aspect
        scores.append(score)
    return np.array(scores, dtype=np.float32)
