"""Answers and conversations as Markdown a researcher can paste into notes: plain `[n]` markers and one
numbered reference list, not the chat's HTML.

A conversation's answers each number their own citations from 1; in the export
every cited paper gets one number across the whole conversation (in order of
first citation) and each answer's markers are rewritten to it, so one reference
list serves every answer. `cited_papers` returns the papers in that same order:
it is the hook for the bibliography export (BibTeX/RIS/CSL-JSON, `rag.bibliography`
on its own branch), which should number its entries the same way.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from rag.answer import Answer
from rag.papers import Paper
from ui import render

CITATION_MARKER = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")

TurnRecord = tuple[Answer, Mapping[str, Paper]]  # an answer and the stored papers it cites, by id


@dataclass(frozen=True)
class Reference:
    number: int
    paper_id: str
    title: str
    url: str | None
    evidence: tuple[str, ...]
    paper: Paper | None


def references(turns: Sequence[TurnRecord]) -> tuple[list[Reference], list[dict[int, int]]]:
    """One reference per cited paper across the turns, and per turn its citation number → reference number."""
    by_paper: dict[str, Reference] = {}
    renumber: list[dict[int, int]] = []
    for answer, papers in turns:
        mapping: dict[int, int] = {}
        for citation in answer.citations:
            ref = by_paper.get(citation.paper_id)
            if ref is None:
                ref = Reference(
                    len(by_paper) + 1,
                    citation.paper_id,
                    citation.title,
                    citation.url,
                    (),
                    papers.get(citation.paper_id),
                )
            if citation.evidence and citation.evidence not in ref.evidence:
                ref = Reference(ref.number, ref.paper_id, ref.title, ref.url, (*ref.evidence, citation.evidence), ref.paper)
            by_paper[citation.paper_id] = ref
            mapping[citation.n] = ref.number
        renumber.append(mapping)
    return list(by_paper.values()), renumber


def renumbered(text: str, mapping: Mapping[int, int]) -> str:
    """`[2, 3]` → `[5][6]` by `mapping`; a marker with a number the answer did not cite is left as written."""

    def replace(match: re.Match[str]) -> str:
        numbers = [int(x) for x in re.split(r"\s*,\s*", match.group(1))]
        if not all(n in mapping for n in numbers):
            return match.group(0)
        return "".join(f"[{mapping[n]}]" for n in numbers)

    return CITATION_MARKER.sub(replace, text)


def cited_papers(turns: Sequence[TurnRecord]) -> list[Paper]:
    """The stored papers the turns cite, in reference-list order (papers no longer stored are left out)."""
    return [ref.paper for ref in references(turns)[0] if ref.paper is not None]


def conversation_markdown(turns: Sequence[TurnRecord], title: str | None = None) -> str:
    """The whole conversation: each question as a heading, its answer, then one numbered reference list."""
    refs, renumber = references(turns)
    lines: list[str] = [f"# {_one_line(title or 'paperchat conversation')}", ""]
    lines.append(f"_Exported from paperchat on {time.strftime('%Y-%m-%d %H:%M')}. Answers are written from the "
                 "papers' abstracts; each [n] refers to the reference list at the end._")
    for index, ((answer, _), mapping) in enumerate(zip(turns, renumber, strict=True), start=1):
        lines += ["", f"## {index}. {_one_line(answer.question)}" if len(turns) > 1 else f"## {_one_line(answer.question)}", ""]
        lines.append(renumbered(answer.answer.strip(), mapping))
        if answer.refused:
            lines += ["", f"_Not answered: {render.refusal_scope(answer)}._"]
        if answer.notice:
            lines += ["", f"_Note: {_one_line(answer.notice)}_"]
    lines += ["", "## References", ""]
    if not refs:
        lines.append("_No paper was cited._")
    for ref in refs:
        lines.append(f"{ref.number}. {_reference_line(ref)}")
        lines += [f"   > {_one_line(sentence)}" for sentence in ref.evidence]
    return "\n".join(lines).rstrip() + "\n"


def answer_markdown(answer: Answer, papers: Mapping[str, Paper]) -> str:
    """One answer on its own, with its references."""
    return conversation_markdown([(answer, papers)], title=answer.question)


def _reference_line(ref: Reference) -> str:
    parts = [ref.title.strip()]
    if ref.paper is not None and ref.paper.authors:
        more = " et al." if ref.paper.authors_omitted else ""
        parts.append(", ".join(a.strip() for a in ref.paper.authors) + more)
    if ref.paper is not None and ref.paper.year:
        parts.append(str(ref.paper.year))
    text = ". ".join(_one_line(p).rstrip(".") for p in parts if p) + "."
    return f"{text} <{ref.url}>" if ref.url else text


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def write_export(folder: Path, name: str, text: str) -> Path:
    """Write an export where the download button can serve it; the name is a fixed, safe file name."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def export_name(title: str, suffix: str = ".md") -> str:
    """`How does ECON differ from ICON?` → `how-does-econ-differ-from-icon.md` (a file name every OS accepts)."""
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60].rstrip("-")
    return (slug or "paperchat") + suffix


BIBLIOGRAPHY_FORMATS: dict[str, str] = {"bibtex": ".bib", "ris": ".ris"}


def cited_bibliography(answer: Answer, papers: Mapping[str, Paper], fmt: str) -> str | None:
    """The papers one answer cites, as BibTeX or RIS entries in citation order (`rag.bibliography`, the
    library export's writer); None when it cites none (a refusal), so there is nothing to download."""
    from rag.bibliography import export_answer

    cited = cited_papers([(answer, papers)])
    if not cited:
        return None
    return export_answer(answer, cited, "bibtex" if fmt == "bibtex" else "ris")
