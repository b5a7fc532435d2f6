"""Text the engine writes without a model: refusals, and abstracts' own reference markers made safe to quote."""

from __future__ import annotations

import re

from rag.answer import Answer
from rag.plan import Plan
from rag.questions import asked_of_the_collection, picked_claim

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


def not_stated_line(plan: Plan) -> str:
    """What a yes/no question about the paper under discussion ("Does it also move the hands?") is told first when its
    abstract does not state it: "The abstract of MyTalk does not say that it moves the hands. To look for a paper
    that does, ask “Which papers move the hands?”". The note on the paper follows: what it does state (VLOGGER's "does
    not rely on face detection") is the rest of the answer."""
    said = picked_claim(plan.question, "it")
    assert said is not None, "a plan with picks is asked by a question that picks"
    paper = plan.selected[0].paper
    name = paper.name or f"\u201c{paper.title}\u201d"
    return (
        f"The abstract of {name} does not say that {said.rstrip('.')}. To look for a paper that does, ask "
        f"\u201c{asked_of_the_collection(plan.question)}\u201d"
    )


def premise_refusal(plan: Plan, reason: str, backend: str) -> Answer:
    """A refusal of a question whose premise the named paper's abstract does not state: that reason, then the
    other papers nearest the question (a researcher may have the right idea and the wrong paper)."""
    named = plan.selected[plan.presupposes[0]].paper.paper_id if plan.presupposes else None
    others = [p.paper.title for p in plan.retrieval.papers if p.paper.paper_id != named][:2]
    listed = ", ".join(f"\u201c{title}\u201d" for title in others)
    text = reason + (f" The other papers closest to the question: {listed}." if others else "")
    return Answer(question=plan.question, answer=text, refused=True, backend=backend)
