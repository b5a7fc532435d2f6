"""Defects a reader would see in a written answer, counted per sentence for `paperchat eval`.

The definitions are the issue's: misattributed (names a method of the collection whose paper is not cited
and which no cited abstract mentions), copied first person ("we", "our" outside quotes), fragments
("It is.", a sentence cut off), duplicates (a sentence repeating an earlier one), and restatements (a sentence
that says the question back beside a real answer on the same paper). They reuse the
verifier's primitives, so what eval counts is exactly what verification is meant to prevent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rag.answer import Answer
from rag.text import occurs_as_word
from rag.verify import NamesFn, first_person, is_fragment, repeats, restates

DEFECTS = ("misattributed", "first_person", "fragment", "duplicate", "restates")


@dataclass
class DefectCount:
    sentences: int = 0
    misattributed: int = 0
    first_person: int = 0
    fragment: int = 0
    duplicate: int = 0
    restates: int = 0  # says the question back and nothing else, beside another sentence on the same paper

    def add(self, other: DefectCount) -> None:
        for name in ("sentences", *DEFECTS):
            setattr(self, name, getattr(self, name) + getattr(other, name))


def answer_defects(answer: Answer, names: NamesFn, abstract_of: Callable[[str], str]) -> DefectCount:
    """Count the defects of the sentences shown to the reader (refusals have none)."""
    count = DefectCount()
    if answer.refused:
        return count
    by_number = {c.n: c for c in answer.citations}
    shown = [s for s in answer.sentences if s.status != "removed"]
    earlier: list[str] = []
    for sentence in shown:
        text = sentence.text
        quoted = text.startswith("\u201c")
        count.sentences += 1
        if not quoted and first_person(text):
            count.first_person += 1
        if not quoted and is_fragment(text):
            count.fragment += 1
        if repeats(text, earlier):
            count.duplicate += 1
        earlier.append(text)
        cited = [by_number[n] for n in sentence.citations if n in by_number]
        names_of_cited = [c.title for c in cited]
        same_paper = [o for o in shown if o is not sentence and set(o.citations) & set(sentence.citations)]
        if not quoted and restates(text, answer.question, names_of_cited) and any(
            not restates(o.text, answer.question, names_of_cited) for o in same_paper
        ):
            count.restates += 1
        cited_ids = {c.paper_id for c in cited}
        cited_text = " ".join(f"{c.title} {abstract_of(c.paper_id)}" for c in cited).lower()
        for name, owners in names(text).items():
            if cited_ids & set(owners):
                continue
            if not occurs_as_word(name.lower(), cited_text):
                count.misattributed += 1
                break
    return count
