"""The answer contract of DESIGN.md, as typed records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from rag.filters import Filters
from rag.papers import PaperMeta

# The notice of a follow-up that picks among the papers under discussion when none of them states what it picks by
# (`Engine` says the others; this one lives here because the app's rendering tells it apart from a refusal).
JUDGED_NONE_PICKED = "the model found that no paper under discussion states what the question picks them by"
# The notice of a question the library's records answer ("Who wrote ECON?") when no record holds it: "no authors in the
# library's records" (the app says the records, not the abstracts, lacked it).
NO_RECORD = "no {} in the library's records"


@dataclass(frozen=True)
class Citation:
    n: int
    paper_id: str
    title: str
    url: str | None
    evidence: str
    meta: PaperMeta = PaperMeta()  # the paper's authors, year, venue, …: repeated in the JSON when known

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "paper_id": self.paper_id,
            "title": self.title,
            "url": self.url,
            "evidence": self.evidence,
            **self.meta.to_json(),
        }


SentenceStatus = Literal["verified", "repaired", "removed"]


@dataclass(frozen=True)
class AnswerSentence:
    """One sentence of a written answer and what verification did with it, so a reader sees what rests on what.

    `citations` are the answer's [n] numbers (empty for a removed sentence); `evidence` is, per citation, the
    sentence of that paper's abstract that supports it; `changes` says what a repair changed and `reason`
    why a removed sentence went.
    """

    text: str
    status: SentenceStatus
    citations: tuple[int, ...] = ()
    evidence: tuple[str, ...] = ()
    changes: tuple[str, ...] = ()
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text": self.text,
            "citations": list(self.citations),
            "state": self.status,
            "evidence": list(self.evidence),
        }
        if self.changes:
            data["changes"] = list(self.changes)
        if self.reason:
            data["reason"] = self.reason
        return data


@dataclass(frozen=True)
class RetrievedRef:
    paper_id: str
    title: str
    score: float
    meta: PaperMeta = PaperMeta()

    def to_json(self) -> dict[str, Any]:
        return {"paper_id": self.paper_id, "title": self.title, "score": round(self.score, 4), **self.meta.to_json()}


@dataclass
class Answer:
    question: str
    answer: str
    refused: bool
    backend: str
    citations: list[Citation] = field(default_factory=list)
    retrieved: list[RetrievedRef] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    notice: str | None = None  # e.g. "the local model was unreachable; this is the extractive answer"
    unsupported: list[str] = field(default_factory=list)  # sentences with a claim no source supports
    query: str = ""  # the standalone retrieval query actually used
    repaired: bool = False  # verification moved, dropped or added a citation
    sentences: list[AnswerSentence] = field(default_factory=list)  # kept and removed, in reading order
    filters: Filters | None = None  # what retrieval was limited to; None: the whole collection

    def to_json(self) -> dict[str, Any]:
        data = self._contract()
        if self.filters:  # additive: an unfiltered answer is the contract as it was
            data["filters"] = self.filters.to_json()
        return data

    def _contract(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.answer,
            "refused": self.refused,
            "backend": self.backend,
            "citations": [c.to_json() for c in self.citations],
            "retrieved": [r.to_json() for r in self.retrieved],
            "timings_ms": {k: round(v, 1) for k, v in self.timings_ms.items()},
            "notice": self.notice,
            "unsupported": self.unsupported,
            "query": self.query,
            "repaired": self.repaired,
            "sentences": [s.to_json() for s in self.sentences],
        }
