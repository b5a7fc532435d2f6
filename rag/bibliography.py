"""Papers out as BibTeX, RIS and CSL-JSON, and an answer as Markdown with a numbered reference list.

What these write, paperchat's parsers read back unchanged (title, abstract, authors, year, venue,
DOI, arXiv id, and the paper id as BibTeX key / RIS ID / CSL id), and reference managers read as
they read their own exports: Zotero's RIS tags (TI, AU, PY, T2, DO, UR, AB), CSL-JSON as Zotero and
Pandoc write it. Names keep the form they were stored in: "Family, Given" becomes a CSL
{family, given}; "Given Family" (arXiv's form) a CSL literal, so nothing is split by guesswork.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any, Literal

from rag.answer import Answer
from rag.papers import Paper, PaperMeta

ExportFormat = Literal["bibtex", "ris", "csljson", "markdown"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("bibtex", "ris", "csljson", "markdown")
FILE_SUFFIX = {"bibtex": ".bib", "ris": ".ris", "csljson": ".json", "markdown": ".md"}


def arxiv_url(arxiv_id: str) -> str:
    return f"https://arxiv.org/abs/{arxiv_id}"


def paper_url(paper: Paper) -> str | None:
    """The link to cite (Paper.url: its own link, else its arXiv page, else its DOI)."""
    return paper.url


# --- BibTeX ----------------------------------------------------------------------------------------------------

_BIBTEX_SPECIALS = re.compile(r"[\\{}&%$#_~^]")
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


_VERBATIM = frozenset({"author", "doi", "url", "eprint"})  # author: its names are escaped one by one


def _bibtex_escape(text: str) -> str:
    return _BIBTEX_SPECIALS.sub(lambda m: _BIBTEX_ESCAPES.get(m.group(0), "\\" + m.group(0)), text)


def to_bibtex(papers: Sequence[Paper]) -> str:
    """One entry per paper, keyed by its paper id: @article with a venue, else @misc (arXiv: eprint fields)."""
    entries = []
    for paper in papers:
        fields: list[tuple[str, str]] = [("title", paper.title)]  # braced twice below: LaTeX keeps its capitals
        if paper.authors:
            names = [_bibtex_escape(name) for name in paper.authors]
            fields.append(("author", " and ".join(names + (["others"] if paper.authors_omitted else []))))
        if paper.year is not None:
            fields.append(("year", str(paper.year)))
        if paper.venue:
            fields.append(("journal", paper.venue))
        if paper.doi:
            fields.append(("doi", paper.doi))
        if paper.arxiv_id:
            fields += [("eprint", paper.arxiv_id), ("archiveprefix", "arXiv")]
            if paper.categories:
                fields.append(("primaryclass", paper.categories[0]))
        url = paper_url(paper)
        if url:
            fields.append(("url", url))
        fields.append(("abstract", paper.abstract))
        body = ",\n".join(
            f"  {key} = {{{{{_bibtex_escape(value)}}}}}" if key == "title"
            else f"  {key} = {{{value if key in _VERBATIM else _bibtex_escape(value)}}}"
            for key, value in fields
        )
        kind = "article" if paper.venue else "misc"
        entries.append(f"@{kind}{{{_bibtex_key(paper.paper_id)},\n{body}\n}}\n")
    return "\n".join(entries)


def _bibtex_key(paper_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9._:-]", "-", paper_id) or "paper"


# --- RIS -------------------------------------------------------------------------------------------------------


def to_ris(papers: Sequence[Paper]) -> str:
    """RIS with Zotero's tags; JOUR with a venue, else UNPB (an unpublished work: a preprint)."""
    lines: list[str] = []
    for paper in papers:
        lines.append(f"TY  - {'JOUR' if paper.venue else 'UNPB'}")
        lines.append(f"TI  - {paper.title}")
        lines += [f"AU  - {name}" for name in paper.authors]
        if paper.year is not None:
            lines.append(f"PY  - {paper.year}")
        if paper.venue:
            lines.append(f"T2  - {paper.venue}")
        if paper.doi:
            lines.append(f"DO  - {paper.doi}")
        url = paper_url(paper)
        if url:
            lines.append(f"UR  - {url}")
        if paper.arxiv_id:
            lines.append(f"M3  - arXiv:{paper.arxiv_id}")
        lines.append(f"ID  - {paper.paper_id}")
        lines.append(f"AB  - {paper.abstract}")
        lines += ["ER  - ", ""]
    return "\n".join(lines)


# --- CSL-JSON --------------------------------------------------------------------------------------------------


def csl_name(name: str) -> dict[str, str]:
    if "," in name:
        family, given = (part.strip() for part in name.split(",", 1))
        return {"family": family, "given": given} if given else {"family": family}
    return {"literal": name}


def csl_item(paper: Paper) -> dict[str, Any]:
    item: dict[str, Any] = {"id": paper.paper_id, "type": "article-journal" if paper.venue else "article"}
    item["title"] = paper.title
    if paper.authors:
        item["author"] = [csl_name(name) for name in paper.authors]
    if paper.year is not None:
        item["issued"] = {"date-parts": [[paper.year]]}
    if paper.venue:
        item["container-title"] = paper.venue
    if paper.doi:
        item["DOI"] = paper.doi
    url = paper_url(paper)
    if url:
        item["URL"] = url
    if paper.arxiv_id:
        item["number"] = f"arXiv:{paper.arxiv_id}"
        if not paper.venue:
            item["publisher"] = "arXiv"
    item["abstract"] = paper.abstract
    return item


def to_csl_json(papers: Sequence[Paper]) -> str:
    return json.dumps([csl_item(paper) for paper in papers], ensure_ascii=False, indent=2) + "\n"


def export_papers(papers: Sequence[Paper], fmt: ExportFormat) -> str:
    if fmt == "bibtex":
        return to_bibtex(papers)
    if fmt == "ris":
        return to_ris(papers)
    if fmt == "csljson":
        return to_csl_json(papers)
    return "\n".join(reference_line(n, paper.title, paper_url(paper), paper.meta) for n, paper in enumerate(papers, 1)) + "\n"


def select_papers(papers: Sequence[Paper], query: str) -> list[Paper]:
    """Library papers whose title, authors, venue, year or abstract contain every word of `query` (case-insensitive)."""
    words = query.casefold().split()
    selected = []
    for paper in papers:
        text = " ".join([paper.title, *paper.authors, paper.venue, str(paper.year or ""), paper.abstract]).casefold()
        if all(word in text for word in words):
            selected.append(paper)
    return selected


# --- Markdown --------------------------------------------------------------------------------------------------


def reference_line(n: int, title: str, url: str | None, meta: PaperMeta) -> str:
    """"1. Xiu, Y., Yang, J. et al. (2023). *ECON: …*. CVPR. doi:… <url>" from what is known."""
    parts = []
    if meta.authors:
        names = ("; " if any("," in name for name in meta.authors) else ", ").join(meta.authors[:6])
        more = " et al." if meta.authors_omitted or len(meta.authors) > 6 else ""
        parts.append(f"{_md(names)}{more}")
    if meta.year is not None:
        parts.append(f"({meta.year})")
    head = " ".join(parts)
    line = f"{n}. {head + '. ' if head else ''}*{_md(title)}*."
    if meta.venue:
        line += f" {_md(meta.venue)}."
    if meta.doi:
        line += f" doi:{meta.doi}"
    if meta.arxiv_id:
        line += f" arXiv:{meta.arxiv_id}"
    if url:
        line += f" <{url}>"
    return line


def _md(text: str) -> str:
    """Text that Markdown shows as written: its emphasis and link characters escaped."""
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text)


def answer_markdown(answer: Answer) -> str:
    """The question, the answer with its [n] markers, and the numbered references those markers point to."""
    lines = [f"## {_md(answer.question)}", "", answer.answer.strip(), ""]
    if answer.notice:
        lines += [f"_({_md(answer.notice)})_", ""]
    if answer.citations:
        lines += ["### References", ""]
        seen: set[int] = set()
        for citation in answer.citations:
            if citation.n in seen:
                continue
            seen.add(citation.n)
            url = citation.url or (arxiv_url(citation.meta.arxiv_id) if citation.meta.arxiv_id else None)
            line = reference_line(citation.n, citation.title, url, citation.meta)
            lines.append(line.replace(f"{citation.n}. ", f"[{citation.n}] ", 1))
    return "\n".join(lines).rstrip() + "\n"


def export_answer(answer: Answer, cited: Sequence[Paper], fmt: ExportFormat) -> str:
    """An answer in `fmt`: Markdown is the answer itself; the others are its cited papers, in citation order."""
    if fmt == "markdown":
        return answer_markdown(answer)
    order = {c.paper_id: i for i, c in reversed(list(enumerate(answer.citations)))}
    return export_papers(sorted(cited, key=lambda p: order.get(p.paper_id, len(order))), fmt)
