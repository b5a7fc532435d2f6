from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.parsers import SourceError, parse_source
from rag.papers import clean_url, extract_links, paper_id_for
from rag.settings import BUNDLED_CORPUS


@pytest.fixture(scope="module")
def corpus():
    return parse_source(BUNDLED_CORPUS)


def test_bundled_corpus_has_79_papers_with_exact_titles(corpus) -> None:
    assert len(corpus.papers) == 79
    assert corpus.rejections == []
    titles = [p.title for p in corpus.papers]
    assert titles[0] == "Masked Attribute Description Embedding for Cloth-Changing Person Re-identification"
    assert titles[-1] == "WOUAF: Weight Modulation for User Attribution and Fingerprinting in Text-to-Image Diffusion Models"
    assert "ECON: Explicit Clothed humans Optimized via Normal integration" in titles
    assert not any(t in {"new", "Subscribe", "Mar 12"} or "trending papers" in t for t in titles)
    assert len(set(p.paper_id for p in corpus.papers)) == 79
    assert all(len(p.abstract) > 500 for p in corpus.papers)


def test_corpus_urls_are_clean_and_classified(corpus) -> None:
    links = [link for paper in corpus.papers for link in paper.links]
    assert len(links) >= 28
    for link in links:
        assert link.url.startswith(("http://", "https://"))
        assert not link.url.endswith((".", ",", ")", "}", ";"))
        assert "{" not in link.url and "}" not in link.url
    by_title = {p.title.split(":")[0]: p for p in corpus.papers}
    naisr = by_title["NAISR"]
    assert [lk.url for lk in naisr.links] == ["https://github.com/uncbiag/NAISR"]
    assert naisr.links[0].kind == "code"
    ncho = by_title["NCHO"]
    assert ncho.links[0].url == "https://taeksuu.github.io/ncho/" and ncho.links[0].kind == "project"
    econ = by_title["ECON"]
    assert econ.url == "https://econ.is.tue.mpg.de"  # written without a scheme in the abstract


def test_clean_url_strips_punctuation_and_latex() -> None:
    assert clean_url("https://x.io/a).") == "https://x.io/a"
    assert clean_url("https://github.com/u/NAISR{https://github.com/u/NAISR}.") == "https://github.com/u/NAISR"
    assert [lk.kind for lk in extract_links("see https://github.com/a/b, and https://a.github.io/p/.")] == [
        "code",
        "project",
    ]


def test_paper_ids_are_stable_across_abstract_edits() -> None:
    assert paper_id_for("ECON: Explicit Clothed humans") == paper_id_for("ECON:  explicit clothed HUMANS")
    assert paper_id_for("ECON") != paper_id_for("ICON")


ABSTRACT = "We propose a method that does a thing. " * 5


def test_jsonl_records_and_rejections_with_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "papers.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"title": "Good Paper", "abstract": ABSTRACT, "url": "https://github.com/a/b", "year": 2024}),
                json.dumps({"title": "No Abstract"}),
                '{"title": "Truncated", "abstr',
                json.dumps(["not", "an", "object"]),
                json.dumps({"title": "Listed Authors", "abstract": ABSTRACT, "authors": ["A. One", "B. Two"]}),
                json.dumps({"title": "Script Link", "abstract": ABSTRACT, "url": "javascript:alert(1)"}),
            ]
        )
    )
    result = parse_source(path)
    assert [p.title for p in result.papers] == ["Good Paper", "Listed Authors"]
    assert result.papers[0].links[0].kind == "code" and result.papers[0].year == 2024
    assert result.papers[1].authors == ("A. One", "B. Two")
    reasons = {r.where.rsplit(":", 1)[1]: r.reason for r in result.rejections}
    assert reasons == {
        "2": "missing abstract",
        "3": "invalid JSON (Unterminated string starting at)",
        "4": "not a JSON object",
        "6": "url must start with http:// or https://",
    }


def test_csv_with_optional_columns_and_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "papers.csv"
    path.write_text(
        "Title,Abstract,url,id\n"
        f'"A, quoted title","{ABSTRACT}",https://proj.example.org/x,my-id-1\n'
        ",missing title row,,\n"
        f'Third,"{ABSTRACT}",,\n'
    )
    result = parse_source(path)
    assert [p.title for p in result.papers] == ["A, quoted title", "Third"]
    assert result.papers[0].paper_id == "my-id-1"
    assert result.papers[0].url == "https://proj.example.org/x"
    assert [str(r) for r in result.rejections] == [f"{path}:3: missing title"]


def test_csv_without_abstract_column_is_rejected_whole(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("title,summary\nA,B\n")
    with pytest.raises(SourceError, match=r"bad.csv:1: CSV header lacks abstract"):
        parse_source(path)


def test_bibtex_entries(tmp_path: Path) -> None:
    path = tmp_path / "refs.bib"
    path.write_text(
        "@article{econ2023,\n  title = {{ECON}: Explicit Clothed humans},\n"
        f"  abstract = {{{ABSTRACT} Code at \\url{{https://github.com/YuliangXiu/ECON}}.}},\n"
        "  author = {Xiu, Yuliang and Yang, Jinlong},\n  year = {2023}\n}\n\n"
        "@inproceedings{noabs,\n  title = {Only a Title}\n}\n"
    )
    result = parse_source(path)
    assert [p.title for p in result.papers] == ["ECON: Explicit Clothed humans"]
    paper = result.papers[0]
    assert paper.year == 2023 and paper.authors == ("Xiu, Yuliang", "Yang, Jinlong")
    assert paper.paper_id == "econ2023"
    assert [lk.url for lk in paper.links] == ["https://github.com/YuliangXiu/ECON"]
    assert [(r.where.rsplit(":", 1)[1], r.reason) for r in result.rejections] == [("8", "missing abstract")]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.xyz", b"hello", "unknown format '.xyz'"),
        ("blob.jsonl", b"\x00\x01\x02binary", "binary data"),
        ("latin1.csv", "title,abstract\nCaf\xe9,x\n".encode("latin-1"), "not UTF-8"),
        ("random.txt", b"just a short note\nwith two lines\n", "no papers found"),
        ("empty.bib", b"", "no BibTeX entries"),
        ("broken.json", b'[{"title": "x", ', "invalid JSON"),
    ],
)
def test_file_level_errors_are_one_line(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError, match=message) as info:
        parse_source(path)
    assert "\n" not in str(info.value) and str(path) in str(info.value)


def test_oversized_abstract_is_rejected_not_ingested(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"title": "Huge", "abstract": "word " * 10_000}) + "\n")
    result = parse_source(path)
    assert result.papers == [] and "longer than" in result.rejections[0].reason
