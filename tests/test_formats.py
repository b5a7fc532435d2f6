"""Research-library formats (issue 14): RIS, CSL-JSON, arXiv metadata, BEIR; metadata notes; export and round trip.

The files under tests/data/ are written by hand to each format's spec and the shape of a real export:
Zotero 7 and Scopus RIS, an EndNote-style RIS saved as .txt with CRLF line ends and wrapped lines,
Zotero's and Pandoc's CSL-JSON, the public arXiv snapshot (Kaggle), the shared arxiv-cs dump, BEIR.
Their abstracts are the bundled corpus's; their bibliographic details are illustrative.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.formats import normalize_arxiv_id, normalize_doi, sniff, split_authors
from ingest.parsers import KEPT_AUTHORS, SourceError, parse_source
from rag.answer import Answer, Citation
from rag.bibliography import answer_markdown, export_answer, export_papers, select_papers, to_bibtex
from rag.papers import Paper, author_keys, make_paper, parse_year

DATA = Path(__file__).parent / "data"
ECON = "ECON: Explicit Clothed humans Optimized via Normal integration"
ICON = "ICON: Implicit Clothed humans Obtained from Normals"


def by_title(path: Path) -> dict[str, Paper]:
    return {p.title.split(":")[0]: p for p in parse_source(path).papers}


def test_zotero_ris() -> None:
    result = parse_source(DATA / "zotero.ris")
    assert [p.title.split(":")[0] for p in result.papers] == ["ECON", "ICON", "Arc2Face"]
    econ, icon, arc = result.papers
    assert econ.authors == ("Xiu, Yuliang", "Yang, Jinlong", "Cao, Xu", "Tzionas, Dimitrios", "Black, Michael J.")
    assert econ.year == 2023 and econ.doi == "10.1109/CVPR52729.2023.00057"
    assert econ.venue == "2023 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)"
    assert econ.url == "https://ieeexplore.ieee.org/document/10204515/"
    assert econ.abstract.startswith("The combination of deep learning")
    assert icon.arxiv_id == "2112.09127" and icon.year == 2021 and icon.venue == ""  # a preprint: no T2
    assert arc.venue == "European Conference on Computer Vision" and arc.year == 2024 and arc.doi == ""
    assert [(r.where, r.reason) for r in result.rejections] == [(f"{DATA / 'zotero.ris'}:40", "missing abstract")]
    assert result.notes == []
    assert econ.source == f"{DATA / 'zotero.ris'}:1"


def test_scopus_ris_names_dois_and_links() -> None:
    papers = by_title(DATA / "scopus.ris")
    tech, gala = papers["TeCH"], papers["GALA"]
    assert tech.authors[:3] == ("Huang Y.", "Yi H.", "Xiu Y.") and len(tech.authors) == 7
    assert tech.venue.startswith("Proceedings - 2024 International Conference on 3D Vision")
    assert tech.doi == "10.1109/3DV62453.2024.00152" and tech.year == 2024
    assert gala.doi == "10.1109/CVPR52733.2024.00150"  # written as a doi.org link
    assert author_keys(tech.authors)[:3] == ["huang", "yi", "xiu"]


def test_endnote_ris_in_a_txt_file_with_wrapped_lines_and_a_cut_record() -> None:
    path = DATA / "endnote-export.txt"
    assert sniff(path.read_text()) == "ris"
    result = parse_source(path)
    [ncho] = result.papers
    assert ncho.title.startswith("NCHO") and ncho.year == 2023
    assert ncho.authors == ("Kim, Taeksoo", "Saito, Shunsuke", "Joo, Hanbyul")
    assert ncho.venue.endswith("(ICCV)")
    assert "  " not in ncho.abstract and "\r" not in ncho.abstract
    assert ncho.abstract.startswith("Deep generative models have been recently extended to synthesizing 3D digital humans.")
    second_record = path.read_text().splitlines().index("TY  - JOUR", 1) + 1
    assert [str(r) for r in result.rejections] == [f"{path}:{second_record}: RIS record not closed with ER (is the file cut short?)"]


def test_zotero_csl_json() -> None:
    path = DATA / "zotero-csl.json"
    result = parse_source(path)
    econ, vivid = result.papers
    assert econ.title == ECON and econ.year == 2023 and econ.authors[-1] == "Black, Michael J."
    assert econ.paper_id == make_paper(ECON, econ.abstract, source="x").paper_id  # a Zotero item URI is not an id
    assert vivid.authors == ("Wang, Qilin", "Jiang, Zhengkai", "Van Gool, Luc", "The VividPose Team")
    assert vivid.arxiv_id == "2405.18156" and vivid.doi == "10.48550/arXiv.2405.18156" and vivid.year == 2024
    [rejection] = result.rejections
    assert rejection.reason == "missing abstract" and rejection.where.endswith(":94")
    assert json.loads(path.read_text())[2]["title"] == "A saved web page without an abstract"


def test_pandoc_csl_json_keeps_the_citation_key() -> None:
    [icon] = parse_source(DATA / "pandoc-csl.json").papers
    assert (icon.paper_id, icon.title, icon.year) == ("xiu2022icon", ICON, 2022)
    assert icon.venue.startswith("Proceedings of the IEEE/CVF") and icon.doi == "10.1109/CVPR52688.2022.01294"


def test_arxiv_kaggle_snapshot() -> None:
    result = parse_source(DATA / "arxiv-kaggle.jsonl")
    econ, old = result.papers
    assert econ.title == ECON  # "Normal\n  integration" folded
    assert econ.authors == ("Xiu, Yuliang", "Yang, Jinlong", "Cao, Xu", "Tzionas, Dimitrios", "Black, Michael J.")
    assert econ.categories == ("cs.CV", "cs.GR") and econ.arxiv_id == "2212.07422"
    assert econ.year == 2022  # the first version's date, not update_date
    assert old.arxiv_id == "hep-th/9901001" and old.paper_id == "hep-th-9901001"
    assert old.authors == ("Physicist, J. Q.", "Nother, A., Jr")  # authors_parsed, not the LaTeX string
    assert old.venue == "Phys.Lett. B450 (1999) 1-10" and old.doi == "10.1016/S0370-2693(99)00001-1"
    assert old.year == 1999 and result.rejections == [] and result.notes == []


def test_shared_arxiv_dump_and_the_900_author_report() -> None:
    path = DATA / "arxiv-cs-sample.jsonl"
    result = parse_source(path)
    vivid, report = result.papers
    assert vivid.arxiv_id == "2405.18156" and vivid.year == 2024 and vivid.categories == ("cs.CV",)
    assert vivid.authors == ("Qilin Wang", "Zhengkai Jiang", "Chengming Xu")
    # Kept, shortened, and said so: a note, not a rejection.
    assert result.rejections == []
    assert len(report.authors) == KEPT_AUTHORS and report.authors_omitted == 900 - KEPT_AUTHORS
    assert report.authors[0] == "Author Number1"
    [note] = result.notes
    assert note.where == f"{path}:2" and "900 authors" in note.message and "et al." in note.message
    assert report.meta.author_line() == "Number1, Number2, Number3 et al."
    assert report.meta.to_json()["authors_omitted"] == 890


def test_beir_corpus() -> None:
    result = parse_source(DATA / "beir-corpus.jsonl")
    assert [(p.paper_id, p.title.split(":")[0]) for p in result.papers] == [("4983", "Arc2Face"), ("5836", "GALA")]
    assert [(r.where.rsplit(":", 1)[1], r.reason) for r in result.rejections] == [("3", "missing title")]


def test_metadata_problems_are_notes_not_rejections(tmp_path: Path) -> None:
    abstract = "We propose a method that does a thing, and we test it on many things. " * 2
    path = tmp_path / "odd.jsonl"
    records = [
        {"title": "Odd Year", "abstract": abstract, "year": "n.d.", "doi": "not-a-doi", "arxiv_id": "xyz"},
        {"title": "Odd Categories", "abstract": abstract, "categories": ["cs.CV", "!!", "cs.CV"], "venue": "V" * 600},
        {"title": "Long Name", "abstract": abstract, "authors": ["Ok, Name", "x" * 300]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records))
    result = parse_source(path)
    assert len(result.papers) == 3 and result.rejections == []
    odd, cats, long_name = result.papers
    assert (odd.year, odd.doi, odd.arxiv_id) == (None, "", "")
    assert cats.categories == ("cs.CV",) and cats.venue == ""
    assert long_name.authors == ("Ok, Name",)
    notes = [(n.where.rsplit(":", 1)[1], n.message) for n in result.notes]
    assert [line for line, _ in notes] == ["1", "1", "1", "2", "2", "3"]
    assert "year 'n.d.' is not a year" in notes[0][1]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("TY  - JOUR\nTI  - x\nER  - \n", "ris"),
        ("\ufeff\n\nTY  - JOUR\n", "ris"),
        ('[{"title": "x"}]', "json"),
        ('{"title": "x"}\n', "json"),
        ("@article{key,\n title={x}}", "bibtex"),
        ("Some Title\n\nAn abstract.", "text"),
    ],
)
def test_sniff(text: str, kind: str) -> None:
    assert sniff(text) == kind


def test_txt_that_is_json_or_bibtex_is_read_as_such(tmp_path: Path) -> None:
    abstract = "We propose a method that does a thing, and we test it on many things."
    as_json = tmp_path / "library.txt"
    as_json.write_text(json.dumps([{"title": "From A JSON Txt", "abstract": abstract, "issued": {"date-parts": [[2021]]}}]))
    [paper] = parse_source(as_json).papers
    assert paper.year == 2021
    as_bib = tmp_path / "refs.txt"
    as_bib.write_text(f"@article{{k1, title={{From A BibTeX Txt}}, abstract={{{abstract}}}, year={{2019}}}}\n")
    assert [(p.title, p.year, p.paper_id) for p in parse_source(as_bib).papers] == [("From A BibTeX Txt", 2019, "k1")]


def test_ris_structure_errors(tmp_path: Path) -> None:
    path = tmp_path / "broken.ris"
    abstract = "A" + " word" * 20
    path.write_text(
        "stray text before any record\n"
        f"TY  - JOUR\nTI  - First\nAB  - {abstract}\n"  # no ER: the next TY starts another record
        f"TY  - JOUR\nTI  - Second\nAB  - {abstract}\nER  - \n"
        "AU  - Orphan, Tag\n"
    )
    result = parse_source(path)
    assert [p.title for p in result.papers] == ["Second"]
    assert [(r.where.rsplit(":", 1)[1], r.reason.split(";")[0]) for r in result.rejections] == [
        ("1", "text outside a TY … ER record"),
        ("2", "RIS record not closed with ER before the next TY"),
        ("9", "AU line outside a TY … ER record"),
    ]
    empty = tmp_path / "empty.ris"
    empty.write_text("\n\n")
    with pytest.raises(SourceError, match="no RIS records found"):
        parse_source(empty)


def test_field_helpers() -> None:
    assert split_authors("Xiu, Yuliang and Yang, Jinlong and others") == ["Xiu, Yuliang", "Yang, Jinlong"]
    assert split_authors("A. One, B. Two") == ["A. One", "B. Two"]
    assert split_authors("Xiu, Yuliang") == ["Xiu, Yuliang"]
    assert split_authors("One, A; Two, B") == ["One, A", "Two, B"]
    assert normalize_doi("https://doi.org/10.1109/X.1") == "10.1109/X.1" and normalize_doi("doi: 10.1/x") is None
    assert normalize_arxiv_id("arXiv:2503.11731v2") == "2503.11731" and normalize_arxiv_id("2503.1") is None
    assert parse_year("2023/06//") == 2023 and parse_year("Mon, 2 Apr 2007 19:18:42 GMT") == 2007
    assert parse_year(12345) is None and parse_year(True) is None and parse_year("n.d.") is None
    assert author_keys(["Black, Michael J.", "Luc Van Gool", "Martin Luther King Jr.", "Black, M."]) == ["black", "gool", "king"]


# --- export -------------------------------------------------------------------------------------------------


def library() -> list[Paper]:
    papers: dict[str, Paper] = {}
    for name in ("zotero.ris", "scopus.ris", "pandoc-csl.json", "arxiv-kaggle.jsonl", "arxiv-cs-sample.jsonl"):
        for paper in parse_source(DATA / name).papers:
            papers.setdefault(paper.paper_id, paper)
    papers["odd"] = make_paper(
        "Braces {and} 100% & $x_1$ #tag ~tilde^ back\\slash",
        "We test that NAISR{https://github.com/a/b} and 50% of {weird} chars \\ survive ~ ^ _ # $ & in every format.",
        source="x:1",
        paper_id="odd",
        authors=["O'Brien, Seán", "Zoë Ünal", "{Brace} Name"],
        year=2020,
        doi="10.1000/xyz_1~2",
        venue="Journal of {Things} & Stuff",
    )
    return list(papers.values())


def same_record(paper: Paper) -> tuple[object, ...]:
    return (paper.paper_id, paper.title, paper.abstract, paper.authors, paper.year, paper.doi, paper.venue, paper.arxiv_id, paper.links)


@pytest.mark.parametrize("fmt", ["bibtex", "ris", "csljson"])
def test_export_then_import_is_unchanged(tmp_path: Path, fmt: str) -> None:
    papers = library()
    path = tmp_path / {"bibtex": "out.bib", "ris": "out.ris", "csljson": "out.json"}[fmt]
    path.write_text(export_papers(papers, fmt))  # type: ignore[arg-type]
    result = parse_source(path)
    assert result.rejections == []
    shortened = [p for p in papers if p.authors_omitted]
    assert len(shortened) == 1
    back = {p.paper_id: p for p in result.papers}
    for paper in papers:
        assert same_record(back[paper.paper_id]) == same_record(paper), fmt
    assert len(result.papers) == len(papers)


def test_bibtex_shape_for_reference_managers() -> None:
    text = to_bibtex([p for p in library() if p.arxiv_id == "2212.07422"])
    assert text.startswith("@misc{2212.07422,\n  title = {{ECON: Explicit Clothed humans Optimized via Normal integration}},")
    assert "  author = {Xiu, Yuliang and Yang, Jinlong and Cao, Xu and Tzionas, Dimitrios and Black, Michael J.}," in text
    assert "eprint = {2212.07422},\n  archiveprefix = {arXiv},\n  primaryclass = {cs.CV}" in text
    report = next(p for p in library() if p.authors_omitted)
    assert "Author Number10 and others}" in to_bibtex([report])


def test_csl_json_shape() -> None:
    items = json.loads(export_papers(library(), "csljson"))
    econ = next(item for item in items if item["title"] == ECON and "DOI" in item)
    assert econ["author"][0] == {"family": "Xiu", "given": "Yuliang"}
    assert econ["issued"] == {"date-parts": [[2023]]} and econ["type"] == "article-journal"
    vivid = next(item for item in items if item.get("number") == "arXiv:2405.18156")
    assert vivid["author"][0] == {"literal": "Qilin Wang"} and vivid["URL"] == "https://arxiv.org/abs/2405.18156"


def test_answer_markdown_has_numbered_references() -> None:
    papers = {p.title.split(":")[0]: p for p in parse_source(DATA / "zotero.ris").papers}
    econ, icon = papers["ECON"], papers["ICON"]
    answer = Answer(
        question="How does ECON differ from *ICON*?",
        answer="ECON integrates normals [1]. ICON regresses an implicit surface [2].",
        refused=False,
        backend="extractive",
        citations=[
            Citation(1, econ.paper_id, econ.title, econ.url, "e1", econ.meta),
            Citation(2, icon.paper_id, icon.title, icon.url, "e2", icon.meta),
        ],
    )
    text = answer_markdown(answer)
    assert text.startswith("## How does ECON differ from \\*ICON\\*?\n\nECON integrates normals [1].")
    refs = text.split("### References\n\n", 1)[1].splitlines()
    assert refs[0].startswith("[1] Xiu, Yuliang; Yang, Jinlong; Cao, Xu; Tzionas, Dimitrios; Black, Michael J. (2023). *ECON")
    assert "doi:10.1109/CVPR52729.2023.00057 <https://ieeexplore.ieee.org/document/10204515/>" in refs[0]
    assert refs[1].startswith("[2] Xiu, Yuliang") and len(refs) == 2
    ris = export_answer(answer, [icon, econ], "ris")
    assert ris.index("ECON") < ris.index("ICON")  # citation order, not the order given


def test_citation_json_repeats_metadata_additively() -> None:
    paper = next(p for p in library() if p.arxiv_id == "2212.07422")
    data = Citation(1, paper.paper_id, paper.title, paper.url, "e", paper.meta).to_json()
    assert list(data)[:5] == ["n", "paper_id", "title", "url", "evidence"]
    assert data["authors"][0] == "Xiu, Yuliang" and data["year"] == 2022 and data["categories"] == ["cs.CV", "cs.GR"]
    assert "venue" not in data and "doi" not in data  # only what the paper has
    assert Citation(1, "p", "T", None, "e").to_json() == {"n": 1, "paper_id": "p", "title": "T", "url": None, "evidence": "e"}


def test_select_papers_by_words() -> None:
    chosen = select_papers(library(), "xiu 2023")
    assert [p.title.split(":")[0] for p in chosen] == ["ECON"]
