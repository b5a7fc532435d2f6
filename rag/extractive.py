"""The `extractive` backend: an answer assembled from evidence sentences, no LLM.

Instant and deterministic, it is also the fallback whenever an LLM fails: every
sentence it shows is a sentence of the cited abstract, so its citations cannot
be wrong about what the paper says.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rag.answer import Answer, Citation
from rag.text import split_sentences

if TYPE_CHECKING:
    from rag.engine import Plan

REFUSAL = "The collection's abstracts do not answer this question."
_BRACKETED_REFERENCE = re.compile(r"\[(\d+(?:\s*[,;\u2013-]\s*\d+)*)\]")


def quote(text: str) -> str:
    """An abstract's own reference markers ("prior work [12]") as "(ref. 12)": in an answer `[n]` is a citation."""
    return _BRACKETED_REFERENCE.sub(r"(ref. \1)", text)


def extractive_answer(plan: Plan, evidence_per_paper: int = 2) -> Answer:
    if plan.refused:
        closest = ", ".join(f"\u201c{p.paper.title}\u201d" for p in plan.retrieval.papers[:2])
        text = REFUSAL + (f" The closest papers are {closest}, but they don't cover it." if closest else "")
        return Answer(question=plan.question, answer=text, refused=True, backend="extractive")
    blocks: list[str] = []
    citations: list[Citation] = []
    for n, result in enumerate(plan.selected, start=1):
        sentences = [e.sentence for e in result.evidence[:evidence_per_paper]]
        # Keep the abstract's order: the sentences read as the authors wrote them.
        order = {s: i for i, s in enumerate(split_sentences(result.paper.abstract))}
        sentences.sort(key=lambda s: order.get(s, 0))
        body = " ".join(f"{quote(s)} [{n}]" for s in sentences)
        blocks.append(f"**{quote(result.paper.title)}** [{n}]: {body}")
        citations.append(
            Citation(
                n=n,
                paper_id=result.paper.paper_id,
                title=result.paper.title,
                url=result.paper.url,
                evidence=result.evidence[0].sentence if result.evidence else "",
                meta=result.paper.meta,
            )
        )
    return Answer(question=plan.question, answer="\n\n".join(blocks), refused=False, backend="extractive", citations=citations)
