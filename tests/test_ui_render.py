"""ui.render and ui.uploads: escaping, citation linking, source cards, upload names. Pure functions, no server."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rag.answer import JUDGED_NONE_PICKED, NO_RECORD, Answer, Citation, RetrievedRef
from rag.compare import CompareTable
from rag.papers import Link, Paper
from ui import render
from ui.uploads import discard_upload, safe_basename, store_upload

XSS = "<img src=x onerror=alert(1)>"


def paper(
    pid: str = "p1", title: str = "ECON: Explicit Clothed humans", abstract: str | None = None, **kw: object
) -> Paper:
    text = abstract if abstract is not None else "We reconstruct people. ECON infers normals from one image. It works."
    return Paper(paper_id=pid, title=title, abstract=text, **kw)  # type: ignore[arg-type]


def answer(text: str, citations: list[Citation], **kw: object) -> Answer:
    return Answer(question="q?", answer=text, refused=False, backend="extractive", citations=citations, **kw)  # type: ignore[arg-type]


def no_raw_tags(html: str, allowed: set[str]) -> None:
    """Every tag in the output is one the renderer writes itself."""
    tags = set(re.findall(r"<\s*/?\s*([a-zA-Z][\w-]*)", html))
    assert tags <= allowed, tags - allowed


# --- escaping ------------------------------------------------------------------------


def test_escape_neutralises_markup_and_attribute_quotes() -> None:
    assert render.escape(XSS) == "&lt;img src=x onerror=alert(1)&gt;"
    assert render.escape('a" onmouseover="x') == "a&quot; onmouseover=&quot;x"
    assert render.escape(None) == ""


def test_escape_markdown_leaves_no_formatting_link_or_tag() -> None:
    out = render.escape_markdown(f"**bold** [x](javascript:alert(1)) {XSS} `code` $$a$$")
    assert "<" not in out and ">" not in out
    assert "\\*\\*bold\\*\\*" in out
    assert "\\[x\\]\\(javascript\\:alert\\(1\\)\\)" in out
    assert "\\$\\$" in out
    # GFM autolinks a URL before applying escapes: "://" and "@" are escaped so none forms (issue 16).
    assert render.escape_markdown("at http://127.0.0.1:9/v1 or a@b.io") == "at http\\://127\\.0\\.0\\.1\\:9/v1 or a\\@b\\.io"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://econ.is.tue.mpg.de", "https://econ.is.tue.mpg.de"),
        ("  http://x.org/a?b=1  ", "http://x.org/a?b=1"),
        ("javascript:alert(1)", None),
        ("JaVaScRiPt:alert(1)", None),
        ("data:text/html,<script>", None),
        ('https://x.org/" onclick="alert(1)', None),
        ("", None),
        (None, None),
    ],
)
def test_safe_url_only_follows_plain_http(url: str | None, expected: str | None) -> None:
    assert render.safe_url(url) == expected


def test_external_link_with_unsafe_url_is_text() -> None:
    assert render.external_link("javascript:alert(1)", XSS) == render.escape(XSS)
    link = render.external_link("https://x.org/?a=1&b=2", "code", "link-code")
    assert link == (
        '<a class="link-code" href="https://x.org/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">code</a>'
    )


# --- citation linking ----------------------------------------------------------------


def test_link_citations_turns_known_markers_into_anchors() -> None:
    out = render.link_citations("ECON infers normals [1]. ICON too [2].", {1, 2})
    assert '<a class="cite" href="#src-1" data-n="1">[1]</a>' in out
    assert '<a class="cite" href="#src-2" data-n="2">[2]</a>' in out


def test_link_citations_handles_grouped_markers_and_prefix() -> None:
    out = render.link_citations("Both do [1, 2].", {1, 2}, prefix="t1-src")
    assert out.count('class="cite"') == 2
    assert 'href="#t1-src-1"' in out and 'href="#t1-src-2"' in out


def test_link_citations_leaves_unknown_numbers_unlinked() -> None:
    out = render.link_citations("Claim [7].", {1})
    assert "cite" not in out
    assert "\\[7\\]" in out  # escaped, so Markdown renders the literal text


def test_link_citations_links_everything_while_streaming() -> None:
    assert 'href="#src-3"' in render.link_citations("partial [3] and [", None)


def test_link_citations_escapes_html_and_markdown_links_but_keeps_emphasis() -> None:
    out = render.link_citations(f"**Title** [1]: {XSS} see [here](javascript:alert(1)) ![i](http://x/i.png)", {1})
    no_raw_tags(out, {"a"})
    assert "&lt;img src=x onerror=alert(1)&gt;" in out
    assert "\\[here\\](javascript" in out and "!\\[i\\]" in out
    assert out.startswith("**Title** ")


# --- highlighting and source cards -------------------------------------------------


def test_highlight_marks_the_evidence_inside_the_escaped_abstract() -> None:
    abstract = f"We study {XSS} people. ECON infers   normals from one image. It works."
    html, missing = render.highlight(abstract, ["ECON infers normals from one image."])
    assert missing == []
    assert "<mark>ECON infers   normals from one image.</mark>" in html  # whitespace-insensitive match
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    no_raw_tags(html, {"mark"})


def test_highlight_reports_sentences_not_in_the_abstract() -> None:
    html, missing = render.highlight("One. Two.", ["Three."])
    assert missing == ["Three."] and "<mark>" not in html


def test_source_cards_have_ids_links_scores_and_escaped_text() -> None:
    evil = paper(
        "p2",
        title=XSS,
        abstract=f"Intro {XSS}. The key sentence is here. End.",
        links=(Link("https://github.com/a/b", "code"), Link("javascript:alert(1)", "project")),
    )
    good = paper("p1")
    cited = [
        Citation(1, "p1", good.title, None, "ECON infers normals from one image."),
        Citation(2, "p2", evil.title, "javascript:alert(1)", "The key sentence is here."),
    ]
    ans = answer(
        "x [1] y [2]",
        cited,
        retrieved=[
            RetrievedRef("p1", good.title, 1.0),
            RetrievedRef("p2", XSS, 0.75),
            RetrievedRef("p3", f"Other {XSS}", 0.2),
        ],
    )
    html = render.sources_html(ans, {"p1": good, "p2": evil})
    assert 'id="src-1"' in html and 'id="src-2"' in html
    assert "<mark>ECON infers normals from one image.</mark>" in html
    assert "best match" in html and "match 75% of best" in html
    assert 'href="https://github.com/a/b"' in html and "javascript:" not in html
    assert "<details" in html and "Other retrieved papers (1)" in html
    assert "Other &lt;img" in html
    no_raw_tags(html, {"article", "header", "span", "a", "div", "p", "mark", "details", "summary", "ol", "li"})
    assert "<img" not in html


def test_one_card_per_paper_even_when_cited_under_two_numbers() -> None:
    cited = [Citation(1, "p1", "T", None, "A."), Citation(2, "p1", "T", None, "B."), Citation(3, "p2", "U", None, "C.")]
    html = render.sources_html(answer("[1] [2] [3]", cited), {})
    assert html.count('class="source-card"') == 2
    assert 'id="src-2"' in html  # the second number still has a scroll target


def test_refused_answer_has_no_cards_and_a_notice() -> None:
    ans = Answer(
        question="?", answer="The collection's abstracts do not answer this question.", refused=True, backend="x"
    )
    assert "No sources: the question was refused" in render.sources_html(ans, {})
    assert "notice-refused" in render.answer_notices(ans)
    assert "do not cover this question" in render.answer_notices(ans)
    # a follow-up that picked none of the papers under discussion looked only at them, not at the whole collection
    none_picked = Answer(question="Which of them handle shoes?", answer="None of …", refused=True, backend="local", notice=JUDGED_NONE_PICKED)
    assert "Not answered: the papers under discussion do not state it." in render.answer_notices(none_picked)
    # "Who wrote BEDLAM?" looked at the library's records, which the bundled corpus has none of
    no_authors = Answer(question="Who wrote BEDLAM?", answer="The collection has no authors for …", refused=True, backend="x", notice=NO_RECORD.format("authors"))
    assert "Not answered: the library&#x27;s records do not hold it." in render.answer_notices(no_authors)
    fallback = answer("x", [], notice=f"the local model was unreachable {XSS}")
    assert "notice-fallback" in render.answer_notices(fallback)
    assert "<img" not in render.answer_notices(fallback)


def test_history_panel_keeps_earlier_turns_under_their_own_ids() -> None:
    first = answer("a [1]", [Citation(1, "p1", "T1", None, "")])
    second = answer("b [1]", [Citation(1, "p2", "T2", None, "")])
    html = render.history_sources_html([(first, {}), (second, {})])
    latest, earlier = html.split('<details class="earlier-sources">')
    assert 'id="src-1"' in latest and 'data-paper-id="p2"' in latest
    assert 'id="t1-src-1"' in earlier and 'data-paper-id="p1"' in earlier


# --- library, detail, compare --------------------------------------------------------


def test_paper_detail_and_library_row_escape_everything() -> None:
    p = paper(
        title=f"{XSS}: Cooking", abstract=f"Abstract {XSS}.", authors=(XSS, "Black, Michael J."), year=2023,
        venue=XSS, links=(Link("javascript:x()", "code"),)
    )
    detail = render.paper_detail_html(p)
    assert "<img" not in detail and "&lt;img src=x onerror=alert(1)&gt;: Cooking" in detail
    assert "href=" not in detail and "javascript" not in detail  # an unsafe link keeps only its label
    assert "<dt>Authors</dt><dd>&lt;img src=x onerror=alert(1)&gt;; Black, Michael J.</dd>" in detail
    assert "<dt>Year</dt><dd>2023</dd>" in detail and "<dt>Venue</dt><dd>&lt;img" in detail
    row = render.library_row(p)
    assert row[0] == p.title  # plain-text cell: Gradio renders str cells as text
    assert row[1:3] == ["onerror=alert(1)>, Black", "2023"]  # authors (family names) and year, plain text too
    assert "<a" not in row[4]
    card = render.source_card(render.group_citations([Citation(1, p.paper_id, p.title, None, "e", p.meta)])[0], p, 0.5)
    assert f'<div class="source-byline">onerror=alert(1)&gt;, Black · 2023 · {render.escape(XSS)}</div>' in card
    assert "<img" not in card


def test_search_papers_matches_all_words_title_first() -> None:
    a = paper("a", title="ECON: Explicit", abstract="mentions ICON here.")
    b = paper("b", title="ICON: Implicit", abstract="Nothing.")
    assert [p.paper_id for p in render.search_papers([a, b], "icon")] == ["b", "a"]
    assert render.search_papers([a, b], "") == [a, b]
    assert render.search_papers([a, b], "icon nothing") == [b]


def test_ask_about_question_names_the_method_or_quotes_the_title() -> None:
    assert "ECON" in render.ask_about_question(paper())
    assert "“A study”" in render.ask_about_question(paper(title="A study"))


def test_compare_html_cites_every_cell_and_heads_columns_with_titles() -> None:
    table = CompareTable(
        aspects=["task", "data"],
        citations=[Citation(1, "p1", XSS, None, "e1"), Citation(2, "p2", "ICON", "https://icon.is.tue.mpg.de", "e2")],
        cells={"task": ["Do <b>x</b>.", "Do y."], "data": ["", "CAPE."]},
    )
    html = render.compare_html(table)
    body = html.split("<tbody>")[1].split("</tbody>")[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", body)
    assert len(cells) == 4 and all(re.search(r'class="cite" href="#cmp-\d"', c) for c in cells)
    assert "Do &lt;b&gt;x&lt;/b&gt;." in html and "not stated in the abstract" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img" not in html
    assert 'id="cmp-1"' in html and 'id="cmp-2"' in html


def test_error_html_is_one_escaped_line() -> None:
    out = render.error_html(f"bad.csv:1: CSV header lacks abstract {XSS}\nTraceback ...")
    assert "Traceback" not in out and "<img" not in out and 'role="alert"' in out


# --- uploads -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("papers.jsonl", "papers.jsonl"),
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\evil.csv", "evil.csv"),
        ("my papers (v2).csv", "my_papers_v2_.csv"),
        (".bashrc", "bashrc"),
        ("..", "upload"),
        ("", "upload"),
        ("/", "upload"),
        ("x" * 300 + ".bib", "x" * 116 + ".bib"),
        ("naïve<script>.bib", "na_ve_script_.bib"),
    ],
)
def test_safe_basename(name: str, expected: str) -> None:
    assert safe_basename(name) == expected


def test_store_upload_stays_inside_the_uploads_folder(tmp_path: Path) -> None:
    source = tmp_path / "src.jsonl"
    source.write_text('{"title": "t"}\n', encoding="utf-8")
    uploads = tmp_path / "home" / "uploads"
    first = store_upload(source, uploads, "../../../escape.jsonl")
    second = store_upload(source, uploads, "../../../escape.jsonl")
    for stored in (first, second):
        assert stored.name == "escape.jsonl"
        assert stored.resolve().parent.parent == uploads.resolve()
        assert stored.read_text(encoding="utf-8") == source.read_text(encoding="utf-8")
    assert first != second  # each upload gets its own folder
    assert not (tmp_path / "escape.jsonl").exists()
    discard_upload(first, uploads)
    assert not first.parent.exists() and second.exists()
    discard_upload(source, uploads)  # outside the uploads folder: left alone
    assert source.exists()
