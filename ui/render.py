"""Pure rendering: answers, source cards, paper details and tables as escaped HTML/Markdown strings.

Everything that comes from a paper, a question or a model is data, never markup:
it is HTML-escaped here, in one place, and only the tags this module writes
itself reach the browser. URLs are linked only when they are plain http(s).
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rag.answer import JUDGED_NONE_PICKED, NO_RECORD, Answer, AnswerSentence, Citation
from rag.papers import Link, Paper, PaperMeta
from rag.text import title_name

if TYPE_CHECKING:
    from rag.compare import CompareTable

# "[3]" and "[1, 2]": the citation markers of the DESIGN.md answer contract.
CITATION_MARKER = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")
# ":" and "@" too: GFM turns `http://…` and `a@b.c` into links *before* it applies backslash escapes, so an
# escaped URL (a notice naming the endpoint) showed, and linked to, `http://127\.0\.0\.1`; escaped, it is text.
_MARKDOWN_PUNCTUATION = set("\\`*_{}[]()#+-.!|~$>:@")
_LINK_LABELS = {"code": "code", "project": "project page"}


def escape(text: object) -> str:
    """HTML-escape any value, quotes included, so it is safe in element text and attribute values."""
    return html.escape("" if text is None else str(text), quote=True)


def escape_markdown(text: str) -> str:
    """Text that must read verbatim inside Markdown (a question, a title): no tags, no formatting, no links."""
    out: list[str] = []
    for ch in text:
        if ch in "<>&\"'":
            out.append(html.escape(ch, quote=True))
        elif ch in _MARKDOWN_PUNCTUATION:
            out.append("\\" + ch)
        else:
            out.append(ch)
    return "".join(out)


def safe_url(url: str | None) -> str | None:
    """The URL if a browser may follow it (http/https, no spaces or quotes); else None, and it is shown as text."""
    if not url:
        return None
    url = url.strip()
    if not re.match(r"(?i)^https?://[^\s\"'<>`]+$", url):
        return None
    return url


def external_link(url: str | None, label: str, css_class: str = "") -> str:
    """An anchor opening in a new tab, or the escaped label alone when the URL is not safe to follow."""
    href = safe_url(url)
    if href is None:
        return f'<span class="{escape(css_class)}">{escape(label)}</span>' if css_class else escape(label)
    cls = f' class="{escape(css_class)}"' if css_class else ""
    return f'<a{cls} href="{escape(href)}" target="_blank" rel="noopener noreferrer">{escape(label)}</a>'


def cite_anchor(n: int, prefix: str = "src") -> str:
    """The clickable `[n]` that scrolls to the element with id `{prefix}-{n}`."""
    return f'<a class="cite" href="#{prefix}-{n}" data-n="{n}">[{n}]</a>'


def card_id(n: int, prefix: str = "src") -> str:
    return f"{prefix}-{n}"


def link_citations(text: str, known: Collection[int] | None = None, prefix: str = "src") -> str:
    """Chat Markdown for an answer: HTML escaped, `[n]` turned into anchors to the source cards.

    `known` limits linking to numbers that have a citation (the final answer);
    None links every marker (text still streaming, before citations exist).
    Markdown emphasis is kept (answers bold paper titles), but brackets outside
    citation markers are escaped so no Markdown link or image can be formed.
    """
    parts: list[str] = []
    position = 0
    for match in CITATION_MARKER.finditer(text):
        parts.append(_answer_text(text[position : match.start()]))
        numbers = [int(x) for x in re.split(r"\s*,\s*", match.group(1))]
        if all(known is None or n in known for n in numbers):
            parts.append("".join(cite_anchor(n, prefix) for n in numbers))
        else:
            parts.append(_answer_text(match.group(0)))
        position = match.end()
    parts.append(_answer_text(text[position:]))
    return "".join(parts)


def _answer_text(text: str) -> str:
    escaped = html.escape(text, quote=True)
    return escaped.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("$", "\\$")


def question_markdown(question: str) -> str:
    return escape_markdown(question)


def highlight(abstract: str, sentences: Iterable[str]) -> tuple[str, list[str]]:
    """The abstract as HTML with each evidence sentence in <mark>; also the sentences that could not be found in it."""
    spans: list[tuple[int, int]] = []
    missing: list[str] = []
    for sentence in dict.fromkeys(s for s in sentences if s and s.strip()):
        span = _find(abstract, sentence)
        if span is None:
            missing.append(sentence)
        elif not any(span[0] < end and start < span[1] for start, end in spans):
            spans.append(span)
    spans.sort()
    out: list[str] = []
    position = 0
    for start, end in spans:
        out.append(escape(abstract[position:start]))
        out.append(f"<mark>{escape(abstract[start:end])}</mark>")
        position = end
    out.append(escape(abstract[position:]))
    return "".join(out), missing


def _find(text: str, sentence: str) -> tuple[int, int] | None:
    start = text.find(sentence)
    if start >= 0:
        return start, start + len(sentence)
    words = sentence.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (match.start(), match.end()) if match else None


def links_html(links: Sequence[Link]) -> str:
    items = [external_link(link.url, _LINK_LABELS.get(link.kind, link.kind), f"link-{link.kind}") for link in links]
    return " · ".join(items)


@dataclass(frozen=True)
class CitedPaper:
    """One source card: a paper and the citation numbers and evidence sentences that point at it."""

    paper_id: str
    title: str
    url: str | None
    numbers: tuple[int, ...]
    evidence: tuple[str, ...]
    meta: PaperMeta = PaperMeta()


def group_citations(citations: Sequence[Citation], sentences: Sequence[AnswerSentence] = ()) -> list[CitedPaper]:
    """One entry per cited paper, in order of first citation (an LLM may cite one paper under several numbers).

    Each card highlights every sentence of the abstract that some answer sentence rests on, not only the first.
    """
    more: dict[int, list[str]] = {}
    for sentence in sentences:
        for n, supporting in zip(sentence.citations, sentence.evidence, strict=False):
            if supporting:
                more.setdefault(n, []).append(supporting)
    grouped: dict[str, CitedPaper] = {}
    for c in citations:
        found = [e for e in (c.evidence, *more.get(c.n, [])) if e]
        seen = grouped.get(c.paper_id)
        evidence = tuple(dict.fromkeys((*(seen.evidence if seen else ()), *found)))
        numbers = (*seen.numbers, c.n) if seen else (c.n,)
        grouped[c.paper_id] = CitedPaper(c.paper_id, c.title, c.url, numbers, evidence, seen.meta if seen else c.meta)
    return list(grouped.values())


def source_card(cited: CitedPaper, paper: Paper | None, score: float | None, prefix: str = "src") -> str:
    first, *others = cited.numbers
    extra_anchors = "".join(f'<span class="anchor" id="{card_id(n, prefix)}"></span>' for n in others)
    numbers = "".join(f"[{n}]" for n in cited.numbers)
    title = external_link(cited.url, cited.title, "source-title")
    score_html = match_html(score) if score is not None else ""
    byline = _byline(paper.meta if paper is not None else cited.meta)
    if paper is None:
        body = "".join(f"<p><mark>{escape(e)}</mark></p>" for e in cited.evidence)
        links = ""
    else:
        abstract, missing = highlight(paper.abstract, cited.evidence)
        quoted = "".join(f'<blockquote class="evidence"><mark>{escape(s)}</mark></blockquote>' for s in missing)
        body = f'{quoted}<p class="source-abstract">{abstract}</p>'
        links = links_html(paper.links)
    links_div = f'<div class="source-links">{links}</div>' if links else ""
    return (
        f'<article class="source-card" id="{card_id(first, prefix)}" data-paper-id="{escape(cited.paper_id)}">'
        f"{extra_anchors}"
        f'<header><span class="source-n">{numbers}</span> {title} {score_html}</header>'
        f"{byline}{links_div}{body}</article>"
    )


def _byline(meta: PaperMeta) -> str:
    """"Xiu, Yang, Tzionas et al. · 2023 · CVPR" under a source card's title; nothing when nothing is known."""
    parts = [meta.author_line(), str(meta.year) if meta.year is not None else "", meta.venue]
    text = " · ".join(part for part in parts if part)
    return f'<div class="source-byline">{escape(text)}</div>' if text else ""


def sources_html(
    answer: Answer,
    papers: Mapping[str, Paper],
    prefix: str = "src",
    show_retrieved: bool = True,
) -> str:
    """The sources panel of one answer: a card per cited paper, then the other retrieved papers, collapsed."""
    scores = {r.paper_id: r.score for r in answer.retrieved}
    cited = group_citations(answer.citations, answer.sentences)
    cards = [source_card(c, papers.get(c.paper_id), scores.get(c.paper_id), prefix) for c in cited]
    if not cards:
        reason = "the question was refused" if answer.refused else "the answer cites no paper"
        cards.append(f'<p class="sources-none">No sources: {reason}.</p>')
    cited_ids = {c.paper_id for c in cited}
    others = [r for r in answer.retrieved if r.paper_id not in cited_ids]
    if show_retrieved and others:
        items = "".join(
            f'<li><a href="#question" class="retrieved-title ask-paper" data-question="{escape(_about(r.title))}" '
            f'title="Put a question about this paper in the box">{escape(r.title)}</a> {match_html(r.score)}</li>'
            for r in others
        )
        cards.append(
            f'<details class="other-retrieved"><summary>Other retrieved papers ({len(others)}): '
            f"click one to ask about it</summary><ol>{items}</ol></details>"
        )
    return "".join(cards)


def match_html(score: float) -> str:
    """Retrieval scores are relative to the best paper of the question, so the top one is always 1.00: say so,
    rather than print a "relevance 1.00" that reads like certainty."""
    label = "best match" if score >= 0.995 else f"match {score:.0%} of best"
    return (
        f'<span class="source-score" title="How well retrieval matched this paper to the question, '
        f'relative to the best-matching paper">{label}</span>'
    )


def _about(title: str) -> str:
    name = title_name(title)
    return f"What does {name} propose, and how does it work?" if name else f"What does “{title}” propose?"


def history_sources_html(turns: Sequence[tuple[Answer, Mapping[str, Paper]]]) -> str:
    """The panel for a conversation: the latest answer's cards (ids src-N), earlier answers' cards collapsed.

    Earlier turns use ids `t{turn}-src-N`, so an old message's `[n]` still leads to
    the paper it cited, not to whatever the latest answer numbered n.
    """
    if not turns:
        return ""
    *earlier, (latest, latest_papers) = turns
    html_parts = [
        f'<section class="sources-latest" data-turn="{len(turns)}">{sources_html(latest, latest_papers)}</section>'
    ]
    if earlier:
        blocks = []
        for index, (answer, papers) in enumerate(earlier, start=1):
            blocks.append(
                f'<div class="earlier-turn"><p class="earlier-question">Q{index}: {escape(answer.question)}</p>'
                f"{sources_html(answer, papers, prefix=turn_prefix(index), show_retrieved=False)}</div>"
            )
        html_parts.append(
            f'<details class="earlier-sources"><summary>Sources of earlier answers ({len(earlier)})</summary>'
            f"{''.join(blocks)}</details>"
        )
    return "".join(html_parts)


def turn_prefix(turn: int) -> str:
    return f"t{turn}-src"


def notice_html(kind: str, text: str) -> str:
    """A one-line status above the chat input: refused, fallback, unsupported or error."""
    role = "alert" if kind == "error" else "status"
    return f'<div class="notice notice-{escape(kind)}" role="{role}">{escape(text)}</div>'


def refusal_scope(answer: Answer) -> str:
    """What a refusal says was not found: a follow-up that picks among the papers under discussion looked only at them;
    "Who wrote ECON?" looked at the library's records."""
    if answer.notice == JUDGED_NONE_PICKED:
        return "the papers under discussion do not state it"
    if answer.notice in {NO_RECORD.format(field) for field in ("authors", "year", "venue")}:
        return "the library's records do not hold it"
    return "the collection's abstracts do not cover this question"


def answer_notices(answer: Answer) -> str:
    notes: list[str] = []
    if answer.filters and answer.refused and not answer.retrieved:  # the filter left nothing: not the question's fault
        notes.append(notice_html("refused", f"Not answered: {answer.answer}"))
    elif answer.refused:
        notes.append(notice_html("refused", f"Not answered: {refusal_scope(answer)}."))
    if answer.filters:
        notes.append(notice_html("info", answer.filters.summary()))
    if answer.notice:
        notes.append(notice_html("fallback", answer.notice))
    removed = [s for s in answer.sentences if s.status == "removed"]
    if removed:
        shown = " / ".join(f"\u201c{s.text}\u201d ({s.reason})" for s in removed)
        notes.append(notice_html("unsupported", f"Removed by verification: {shown}"))
    elif answer.unsupported:
        notes.append(notice_html("unsupported", "Left out, no source supports it: " + " / ".join(answer.unsupported)))
    return "".join(notes)


_STATE_MARK = {"verified": "\u2713", "repaired": "\u270e", "removed": "\u2717"}
_MARKDOWN_SYNTAX = str.maketrans({"[": "&#91;", "]": "&#93;", "(": "&#40;", ")": "&#41;", "*": "&#42;", "_": "&#95;", "`": "&#96;"})


def _inert(text: str) -> str:
    """HTML-escaped and with Markdown's link and emphasis characters as entities: the chat renders Markdown
    even inside an HTML block, so "[click](javascript:…)" in a sentence must not become a link."""
    return escape(text).translate(_MARKDOWN_SYNTAX)


def verification_html(answer: Answer) -> str:
    """Under an answer, collapsed: each sentence's state, with the evidence it rests on or what changed."""
    if not answer.sentences or answer.refused:
        return ""
    counts = {state: sum(s.status == state for s in answer.sentences) for state in _STATE_MARK}
    items = []
    for s in answer.sentences:
        detail = ""
        if s.status == "removed":
            detail = f" <em>removed: {_inert(s.reason or '')}</em>"
        else:
            refs = "; ".join(f"&#91;{n}&#93; \u201c{_inert(e)}\u201d" for n, e in zip(s.citations, s.evidence, strict=False) if e and e not in s.text)
            detail = f" <span class=\"check-evidence\">{refs}</span>" if refs else ""
            if s.changes:
                detail += f" <em>({_inert('; '.join(s.changes))})</em>"
        items.append(
            f'<li class="check-{s.status}"><span class="check-mark" title="{s.status}">{_STATE_MARK[s.status]}</span> '
            f"{_inert(s.text)}{detail}</li>"
        )
    summary = ", ".join(f"{counts[state]} {state}" for state in _STATE_MARK if counts[state])
    return (
        f'<details class="verification"><summary>How each sentence was checked: {summary}</summary>'
        f"<ul>{''.join(items)}</ul></details>"
    )


def paper_detail_html(paper: Paper) -> str:
    meta = [f"<dt>Method</dt><dd>{escape(paper.name)}</dd>"] if paper.name else []
    if paper.authors:
        more = f" and {paper.authors_omitted} more" if paper.authors_omitted else ""
        meta.append(f"<dt>Authors</dt><dd>{escape('; '.join(paper.authors) + more)}</dd>")
    for label, value in (("Year", paper.year), ("Venue", paper.venue), ("DOI", paper.doi), ("arXiv", paper.arxiv_id)):
        if value:
            meta.append(f"<dt>{label}</dt><dd>{escape(value)}</dd>")
    if paper.categories:
        meta.append(f"<dt>Categories</dt><dd>{escape(' '.join(paper.categories))}</dd>")
    if paper.links:
        meta.append(f"<dt>Links</dt><dd>{links_html(paper.links)}</dd>")
    meta_html = f"<dl>{''.join(meta)}</dl>" if meta else ""
    return (
        f'<article class="paper-detail" data-paper-id="{escape(paper.paper_id)}">'
        f'<h3 class="paper-title">{escape(paper.title)}</h3>{meta_html}'
        f'<p class="paper-abstract">{escape(paper.abstract)}</p></article>'
    )


def library_row(paper: Paper) -> list[str]:
    """Title, authors, year and method are plain-text cells; the links cell is HTML written here."""
    year = str(paper.year) if paper.year is not None else ""
    return [paper.title, paper.meta.author_line(), year, paper.name or "", links_html(paper.links)]


def search_papers(papers: Sequence[Paper], query: str) -> list[Paper]:
    """Papers matching every word of the query; the paper the query names exactly first ("ECON", not the
    "reconstruction" papers), then matches in the title or method name."""
    words = query.lower().split()
    if not words:
        return list(papers)
    head: list[Paper] = []
    tail: list[Paper] = []
    for paper in papers:
        title = f"{paper.title} {paper.name or ''}".lower()
        text = f"{title} {' '.join(paper.authors)} {paper.year or ''} {paper.abstract}".lower()
        if all(w in text for w in words):
            (head if all(w in title for w in words) else tail).append(paper)
    named = [p for p in head if (p.name or "").lower() == query.strip().lower()]
    return named + [p for p in head if p not in named] + tail


def ask_about_question(paper: Paper) -> str:
    subject = paper.name or f"“{paper.title}”"
    return f"What does {subject} propose, and how does it work?"


def compare_html(table: CompareTable, prefix: str = "cmp") -> str:
    """The compare table: titles as column headers, every cell a quotation whose `[n]` leads to that very
    sentence in the references below (`cmp-{n}-{i}`, sentence i of paper n); "not stated" leads to the paper."""
    head = "".join(
        f'<th scope="col">{external_link(c.url, c.title, "compare-title")} {cite_anchor(c.n, prefix)}</th>'
        for c in table.citations
    )
    rows = []
    quoted: dict[int, dict[int, list[str]]] = {c.n: {} for c in table.citations}  # paper n → sentence → its rows
    for aspect in table.aspects:
        cells = []
        indexes = table.sentence_index.get(aspect) or [-1] * len(table.citations)
        for text, c, index in zip(table.cells[aspect], table.citations, indexes, strict=True):
            if not text:
                cells.append(f'<td class="not-stated">not stated in the abstract {cite_anchor(c.n, prefix)}</td>')
                continue
            if index >= 0:
                quoted[c.n].setdefault(index, []).append(aspect)
            target = f"{prefix}-{c.n}-{index}" if index >= 0 else card_id(c.n, prefix)
            link = f'<a class="cite" href="#{target}" data-n="{c.n}">[{c.n}]</a>'
            cells.append(f"<td>{escape(text)} {link}</td>")
        rows.append(f'<tr><th scope="row">{escape(aspect)}</th>{"".join(cells)}</tr>')
    refs = []
    for position, c in enumerate(table.citations):
        sentences = table.sentences[position] if position < len(table.sentences) else []
        quotes = "".join(
            f'<blockquote class="evidence" id="{prefix}-{c.n}-{index}"><mark>{escape(sentences[index])}</mark> '
            f'<span class="compare-rows">({escape(", ".join(aspects))})</span></blockquote>'
            for index, aspects in sorted(quoted[c.n].items())
            if index < len(sentences)
        )
        if not quotes and c.evidence:
            quotes = f'<blockquote class="evidence"><mark>{escape(c.evidence)}</mark></blockquote>'
        refs.append(
            f'<li id="{card_id(c.n, prefix)}"><span class="source-n">[{c.n}]</span> '
            f"{external_link(c.url, c.title, 'source-title')}{quotes}</li>"
        )
    return (
        f'<table class="compare-table"><thead><tr><th scope="col">aspect</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
        f'<ul class="compare-refs">{"".join(refs)}</ul>'
    )


def error_html(message: str) -> str:
    return notice_html("error", one_line(message))


def one_line(message: object) -> str:
    text = str(message).strip()
    return text.splitlines()[0] if text else "unknown error"


def placeholder_html(text: str) -> str:
    return f'<p class="placeholder">{escape(text)}</p>'
