"""Text the engine writes without a model: refusals, and abstracts' own reference markers made safe to quote."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.answer import NO_RECORD, Answer, AnswerSentence, Citation
from rag.answerability import what_abstracts_lack
from rag.papers import Paper
from rag.plan import Plan
from rag.questions import asked_of_the_collection, picked_claim
from rag.retrieval import RetrievedPaper
from rag.text import listed

REFUSAL = "The collection's abstracts do not answer this question."
_BRACKETED_REFERENCE = re.compile(r"\[(\d+(?:\s*[,;\u2013-]\s*\d+)*)\]")


def quote(text: str) -> str:
    """An abstract's own reference markers ("prior work [12]") as "(ref. 12)": in an answer `[n]` is a citation."""
    return _BRACKETED_REFERENCE.sub(r"(ref. \1)", text)


def refusal_answer(plan: Plan, backend: str) -> Answer:
    """A refusal names the closest papers, so the reader can check them, and cites nothing. When a filter
    kept no paper, it says so (and how to widen it) rather than blaming the question."""
    if plan.filters and not plan.retrieval.papers and plan.refusal_reason:
        return Answer(question=plan.question, answer=plan.refusal_reason + ".", refused=True, backend=backend, filters=plan.filters)
    missing = what_abstracts_lack(plan.refusal_reason)
    if missing and plan.selected:
        # "Which dataset was InstantID evaluated on?": say what InstantID's abstract lacks, not which two papers
        # ranked closest (the second, the Casual Conversations dataset, has nothing to do with it)
        titles = [f"\u201c{p.paper.title}\u201d" for p in plan.selected]
        whose = f"The abstract of {titles[0]} does" if len(titles) == 1 else f"The abstracts of {listed(titles)} do"
        return Answer(question=plan.question, answer=f"{REFUSAL} {whose} not {missing}.", refused=True, backend=backend)
    closest = ", ".join(f"\u201c{p.paper.title}\u201d" for p in plan.retrieval.papers[:2])
    text = REFUSAL + (f" The closest papers are {closest}, but they don't cover it." if closest else "")
    return Answer(question=plan.question, answer=text, refused=True, backend=backend)


def none_picked_refusal(plan: Plan, backend: str) -> Answer:
    """A follow-up that picks among the papers under discussion ("Which of them handle several people?") when no
    abstract of theirs states what it picks by: that, naming them, so the reader knows which papers were looked at."""
    said = picked_claim(plan.question, "it")  # "it works with SDXL."
    assert said is not None, "a plan with picks is asked by a question that picks"
    said = said.rstrip(".")
    names = ", ".join(r.paper.name or f"\u201c{r.paper.title}\u201d" for r in plan.selected)
    if len(plan.selected) == 1:
        text = f"The paper under discussion, {names}, does not say in its abstract that {said}."
    else:
        text = f"None of the {len(plan.selected)} papers under discussion ({names}) says in its abstract that {said}."
    text += f" To search the whole collection, ask \u201c{asked_of_the_collection(plan.question)}\u201d"
    return Answer(question=plan.question, answer=text, refused=True, backend=backend)


def not_stated_line(plan: Plan, unsaid: Sequence[RetrievedPaper]) -> str:
    """What a yes/no question about the papers under discussion ("Does it also move the hands?", "Do they need
    training?") is told first about those whose abstract does not state it: "The abstract of MyTalk does not say that
    it moves the hands. To look for a paper that does, ask “Which papers move the hands?”". The notes on the papers
    follow: what an abstract does state (VLOGGER's "does not rely on face detection") is the rest of the answer."""
    names = [r.paper.name or f"\u201c{r.paper.title}\u201d" for r in unsaid]
    asked = asked_of_the_collection(plan.question)  # "Which papers move the hands?"
    if len(names) == 1:
        said = picked_claim(plan.question, "it")
        assert said is not None, "a plan with picks is asked by a question that picks"
        opening = f"The abstract of {names[0]} does not say that {said.rstrip('.')}"
    else:
        opening = f"The abstracts of {listed(names)} do not say that they {asked.removeprefix('Which papers ').rstrip('?')}"
    return f"{opening}. To look for a paper that does, ask \u201c{asked}\u201d"


def no_limits_line(unsaid: Sequence[RetrievedPaper]) -> str:
    """What a question about papers' limitations ("What are the limitations of ICON?") is told first about those whose
    abstract names none: "The abstract of ICON does not state a limitation of ICON; what it says ICON does follows."
    Without it, the 1.5B's note answered with a strength ("ICON uses local features …, which allows it to reconstruct
    more accurately")."""
    names = [r.paper.name or f"\u201c{r.paper.title}\u201d" for r in unsaid]
    if len(names) == 1:
        name = unsaid[0].paper.name or "the paper"
        return f"The abstract of {names[0]} does not state a limitation of {name}; what it says {name} does follows."
    return f"The abstracts of {listed(names)} do not state their limitations; what they say the papers do follows."


def premise_refusal(plan: Plan, reason: str, backend: str) -> Answer:
    """A refusal of a question whose premise the named paper's abstract does not state: that reason, then the
    other papers nearest the question (a researcher may have the right idea and the wrong paper)."""
    named = plan.selected[plan.presupposes[0]].paper.paper_id if plan.presupposes else None
    others = [p.paper.title for p in plan.retrieval.papers if p.paper.paper_id != named][:2]
    listed = ", ".join(f"\u201c{title}\u201d" for title in others)
    text = reason + (f" The other papers closest to the question: {listed}." if others else "")
    return Answer(question=plan.question, answer=text, refused=True, backend=backend)


_RECORD_FIELDS = {"authors": "authors", "year": "year", "venue": "venue", "newest": "year", "oldest": "year"}
_FROM_RECORDS = "answered from the library's records ({}), not from the abstracts"


def record_answer(plan: Plan, backend: str) -> Answer:
    """A question the library's records answer ("Who wrote ECON?", "When was it published?", "Which one is the most
    recent?"), from the metadata of the papers it is about; each line cites its paper, with the record as evidence.
    What no record holds (the bundled corpus has no authors or years) is said, and a question nothing answers is
    refused with that, not with "the abstracts do not answer"."""
    assert plan.record is not None, "a plan that asks the records"
    field = _RECORD_FIELDS[plan.record]
    ranks = plan.record in ("newest", "oldest")
    papers = [r.paper for r in plan.selected]
    known = [p for p in papers if _value(p, field)]
    missing = [p for p in papers if not _value(p, field)]
    if ranks:
        known.sort(key=lambda p: (p.meta.year or 0, p.meta.arxiv_id), reverse=plan.record == "newest")
    lacking = ""
    if missing:
        titles = ", ".join(f"\u201c{p.title}\u201d" for p in missing)
        records = "their records came" if len(missing) > 1 else "its record came"
        lacking = f"The collection has no {field} for {titles}: {records} without {'them' if field == 'authors' else 'it'}."
    if len(known) < (2 if ranks else 1):
        which = f", so which is the {'most recent' if plan.record == 'newest' else 'oldest'} cannot be told from them" if ranks else ""
        text = f"{lacking[:-1]}{which}." if lacking else "The collection's records do not say."
        return Answer(question=plan.question, answer=text, refused=True, backend=backend, notice=NO_RECORD.format(field))
    lines, sentences, citations = [], [], []
    for n, paper in enumerate(known, 1):
        text = f"{_record_sentence(plan, paper, n == 1, bool(missing))} [{n}]."
        lines.append(text)
        sentences.append(AnswerSentence(text, "verified", (n,), (_record_line(paper),)))
        citations.append(Citation(n, paper.paper_id, paper.title, paper.url, _record_line(paper), paper.meta))
    return Answer(
        question=plan.question,
        answer=" ".join([*lines, *([lacking] if lacking else [])]),
        refused=False,
        backend=backend,
        citations=citations,
        sentences=sentences,
        notice=_FROM_RECORDS.format(field),
    )


def _value(paper: Paper, field: str) -> str:
    meta = paper.meta
    if field == "authors":
        # "Black, Michael J." (RIS, Zotero) is said "Michael J. Black": a list of "Family, Given" reads as twice as many
        written = [" ".join(reversed([part.strip() for part in a.split(",", 1)])) if "," in a else a for a in meta.authors]
        names = [*written, *([f"{meta.authors_omitted} more"] if meta.authors_omitted else [])]
        return listed(names)
    if field == "year":
        return str(meta.year) if meta.year is not None else ""
    return meta.venue


def _record_sentence(plan: Plan, paper: Paper, first: bool, some_missing: bool) -> str:
    title = f"\u201c{paper.title}\u201d"
    if plan.record == "authors":
        return f"{title} is by {_value(paper, 'authors')}"
    if plan.record == "year":
        return f"{title} is from {_value(paper, 'year')}"
    if plan.record == "venue":
        return f"{title} appeared in {_value(paper, 'venue')}"
    arxiv = f", arXiv {paper.meta.arxiv_id}" if paper.meta.arxiv_id else ""
    said = f"{title} ({paper.meta.year}{arxiv})"
    if not first:
        return f"Then {said}"
    which = "most recent" if plan.record == "newest" else "oldest"
    return f"Of the papers under discussion{' with a year' if some_missing else ''}, the {which} is {said}"


def _record_line(paper: Paper) -> str:
    """The evidence a line from the records rests on: the record itself, as a source card shows it."""
    meta = paper.meta
    parts = [
        "authors: " + _value(paper, "authors") if meta.authors else "",
        f"year: {meta.year}" if meta.year is not None else "",
        f"venue: {meta.venue}" if meta.venue else "",
        f"arXiv: {meta.arxiv_id}" if meta.arxiv_id else "",
    ]
    return "Library record: " + "; ".join(p for p in parts if p) + "."
