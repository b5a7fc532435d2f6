"""Filters (issue 14) on a real Chroma with the real MiniLM: year range, author, venue, category.

The collection is the bundled corpus (no metadata) with Zotero's and Scopus's exports of six of its papers
(authors, years, venues) and 28 real arXiv abstracts (authors, year, categories) imported over it.
A filter must hold before the top-k (Chroma `where` for the dense list, an allowed-row mask for the keyword
index, and the names/follow-up lists): a paper it excludes is never retrieved, even as the best match, and
a filter that keeps enough papers still fills the top-k.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.parsers import parse_source
from ingest.pipeline import ingest_into
from rag.engine import Conversation, Engine
from rag.errors import UsageError
from rag.filters import FilterError, Filters, keep_papers, read_filters
from rag.keyword import KeywordIndex
from rag.papers import Paper, make_paper
from rag.settings import BUNDLED_CORPUS

from .conftest import cli_env, make_settings

DATA = Path(__file__).parent / "data"
PAPERCHAT = [sys.executable, "-m", "rag"]
ECON_ICON = "How does ECON differ from ICON?"


def run(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PAPERCHAT, *args], capture_output=True, text=True, env=cli_env(home), timeout=300, input=stdin
    )


def short(paper: Paper) -> str:
    return paper.title.split(":")[0]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Engine]:
    home = tmp_path_factory.mktemp("filters-home")
    engine = Engine.from_settings(make_settings(home, PAPERCHAT_BACKEND="extractive"))
    assert ingest_into(engine, [BUNDLED_CORPUS]).added == 79
    report = ingest_into(engine, [DATA / "zotero.ris", DATA / "zotero-csl.json", DATA / "scopus.ris", DATA / "arxiv-filters.jsonl"])
    assert report.added == 28 and engine.paper_count() == 107  # the six exported corpus papers get their metadata
    return home, engine


# --- the value and its forms -------------------------------------------------------------------------


def test_year_forms_and_their_errors() -> None:
    assert Filters.parse(year="2025") == Filters(2025, 2025)
    assert Filters.parse(year="2024:") == Filters(2024, None)
    assert Filters.parse(year=":2023") == Filters(None, 2023)
    assert Filters.parse(year="2023:2025") == Filters(2023, 2025)
    assert not Filters.parse() and not Filters.parse("", "", "", "")
    for bad, says in (
        ("20x5", "--year takes 2025, 2024:, :2023 or 2023:2025"),
        ("2025:2023", "the first year is after the second; write 2023:2025"),
        ("20232025", "--year takes"),
        ("0999", "is not a year"),
        (":", "--year takes"),
    ):
        with pytest.raises(FilterError, match=says) as caught:
            Filters.parse(year=bad)
        assert "\n" not in str(caught.value) and isinstance(caught.value, UsageError)
    with pytest.raises(FilterError, match="--category takes an arXiv category such as cs.CV"):
        Filters.parse(category="computer vision!")
    with pytest.raises(FilterError, match="--author is empty"):
        Filters.parse(author="   ")


def test_author_is_a_name_as_given_and_the_json_form_matches_the_flags() -> None:
    assert Filters.parse(author=" Michael  J. Black ").author == "Michael J. Black"
    assert Filters.parse(author="Black, Michael J.").author_family == "Black"
    with pytest.raises(FilterError, match="--author takes a name such as Black or Michael J. Black"):
        Filters.parse(author="2025")
    given = {"year": "2024:", "author": "Black", "venue": "CVPR", "category": "cs.CV"}
    assert Filters.from_json(given) == Filters.parse("2024:", "Black", "CVPR", "cs.CV")
    assert Filters.from_json({"year_from": 2023, "year_to": 2025}) == Filters(2023, 2025)
    assert Filters.from_json({"year": 2025}) == Filters(2025, 2025)
    with pytest.raises(FilterError, match="unknown filter 'yaer'"):
        Filters.from_json({"yaer": "2025"})
    with pytest.raises(FilterError, match="filters must be an object"):
        Filters.from_json(["2025"])
    with pytest.raises(FilterError, match="filter 'author' takes a string"):
        Filters.from_json({"author": 3})


def test_echo_and_no_match_message() -> None:
    assert Filters(2025, None).summary() == "filtered to 2025–"
    assert Filters(None, 2023, author="Black").summary() == "filtered to –2023, author Black"
    assert Filters(2030, None).no_match_message() == "No paper in the collection matches year ≥ 2030 — widen the filter"
    both = Filters(2023, 2025, venue="CVPR").no_match_message()
    assert both == "No paper in the collection matches year 2023–2025 and venue containing \u201cCVPR\u201d — widen the filter"
    data = Filters(2025, 2025, category="cs.CL", from_question=("year",)).to_json()
    assert data == {
        "year_from": 2025, "year_to": 2025, "category": "cs.CL", "from_question": ["year"], "summary": "filtered to 2025, cs.CL",
    }  # fmt: skip


def test_flags_win_over_what_the_question_says() -> None:
    given = Filters.parse(year="2023")
    read = Filters(2025, None, author="Black", from_question=("year", "author"))
    merged = given.merged(read)
    assert (merged.year_from, merged.year_to, merged.author, merged.from_question) == (2023, 2023, "Black", ("author",))


def test_given_names_keep_the_authors_they_fit_and_no_other_of_the_family() -> None:
    """Among the 74,728 arXiv papers "Black" keeps 52 papers by 16 Blacks and "Wang" 14,921: a researcher who types
    "Michael J. Black" means one of them. Given names fit part by part, in order, a word or its initial."""
    papers = [
        make_paper("Avatars", "a", source="t", authors=["Black, Michael J.", "Yuliang Xiu"]),
        make_paper("Hands", "b", source="t", authors=["M. Black"]),
        make_paper("Fairness", "c", source="t", authors=["Kat Black"]),
        make_paper("Speech", "d", source="t", authors=["Alan W Black"]),
        make_paper("Unknown", "e", source="t", authors=["Black"]),  # no given name: nothing says which Black
        make_paper("Other", "f", source="t", authors=["Michael K. Black"]),
        make_paper("Remote sensing", "g", source="t", authors=["Shu-Tao Li"]),
        make_paper("Segmentation", "h", source="t", authors=["Shutao Li", "Hao Li"]),
    ]

    def kept(author: str) -> list[str]:
        return [paper.title for paper in keep_papers(papers, Filters.parse(author=author))]

    assert kept("Black") == ["Avatars", "Hands", "Fairness", "Speech", "Unknown", "Other"]
    assert kept("Michael J. Black") == kept("Black, Michael J.") == kept("M. J. Black") == ["Avatars", "Hands"]
    assert kept("Michael Black") == ["Avatars", "Hands", "Other"]  # no middle initial said: both Michaels
    assert kept("Kat Black") == ["Fairness"] and kept("A. W. Black") == ["Speech"]
    assert kept("MICHAEL J. BLACK") == kept("Michael J. Black")
    assert kept("John Black") == []
    assert kept("Shutao Li") == kept("Shu-Tao Li") == kept("S.-T. Li") == kept("Shu Tao Li") == ["Remote sensing", "Segmentation"]
    assert kept("S. Li") == ["Remote sensing", "Segmentation"] and kept("H. Li") == ["Segmentation"]
    assert Filters.parse(author="John Black").no_match_message() == (
        "No paper in the collection matches author John Black — widen the filter"
    )


# --- reading the question ----------------------------------------------------------------------------

COLLECTION = [
    make_paper("A", "a", source="t", authors=["Black, Michael J.", "José Pérez"], year=2023,
               venue="2023 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)", categories=["cs.CV"]),
    make_paper("B", "b", source="t", authors=["Yi Song", "Ana Long"], year=2025, categories=["cs.CL", "stat.ML"]),
]  # fmt: skip


def test_the_question_reader_filters_only_on_stated_values_the_collection_has() -> None:
    from rag.filters import Facets

    facets = Facets.of(COLLECTION)
    cases = {
        "What has Black done on hands since 2024?": Filters(2024, None, author="Black"),
        "Perez et al. on avatars": Filters(author="Perez"),  # accents optional
        "What has Michael J. Black done on hands?": Filters(author="Michael J. Black"),
        "papers by M. Black since 2023": Filters(2023, None, author="M. Black"),
        "Summarize José Pérez et al. on avatars": Filters(author="José Pérez"),  # "Summarize" is no given name
        "Summarize Pérez et al. on avatars": Filters(author="Pérez"),
        "papers by John Black": Filters(),  # a Black the collection does not have (said: see below)
        "Which CVPR papers reconstruct hands?": Filters(venue="CVPR"),
        "What appeared at CVPR 2023 about hands?": Filters(2023, 2023, venue="CVPR"),
        "Topic modelling in stat.ML before 2026": Filters(None, 2025, category="stat.ML"),
        "between 2022 and 2024, what changed?": Filters(2022, 2024),
        # No constraint: a family name without a cue, a venue-like prefix, a decade, a venue not in the collection.
        "Long context and Song lyrics in black-box models": Filters(),
        "CVPR-style benchmarks for the 2010s": Filters(),
        "What was published at NeurIPS?": Filters(),
        "Works by Smith et al. on hands": Filters(),  # no Smith in the collection
        "Which cs.RO papers plan grasps?": Filters(),  # no cs.RO paper
    }
    for question, expected in cases.items():
        read = read_filters(question, facets)
        assert (read.year_from, read.year_to, read.author, read.venue, read.category) == (
            expected.year_from, expected.year_to, expected.author, expected.venue, expected.category,
        ), question  # fmt: skip
    without_years = Facets.of([make_paper("C", "c", source="t")])
    assert not read_filters("What changed since 2024?", without_years)  # no stored years: nothing to filter on


def test_a_limit_the_collection_cannot_apply_is_said_not_dropped() -> None:
    """The bundled corpus has no years or authors: "from 2024" was silently ignored, and the answer came from
    every paper. Now the answer says which limit was not applied and why."""
    from rag.filters import Facets, unapplied

    bare = Facets.of([make_paper("C", "c", source="t")])
    assert unapplied("Are there any papers from 2024 on virtual try-on?", bare) == [
        "\u201cfrom 2024\u201d was not applied: no paper in this collection has a year"
    ]
    assert unapplied("What papers by Black et al. estimate 3D human pose?", bare) == [
        "\u201cBlack et al.\u201d was not applied: no paper in this collection lists its authors"
    ]
    described = Facets.of(COLLECTION)
    assert unapplied("Works by Smith et al. on hands", described) == [
        "\u201cSmith et al.\u201d was not applied: no paper in this collection is by Smith"
    ]
    assert unapplied("Summarize Xiu et al. on normal integration", bare) == [
        "\u201cXiu et al.\u201d was not applied: no paper in this collection lists its authors"
    ]
    assert unapplied("papers by John Black", described) == [
        "\u201cpapers by John Black\u201d was not applied: no paper in this collection is by John Black"
    ]
    for applied in ("What has Black done on hands since 2024?", "Perez et al. on avatars", "papers by Michael Black"):
        assert unapplied(applied, described) == [], applied
    # Not a limit: a name's possessive, a year in a title-like phrase without a cue, a paper's own name.
    for question in ("How does ECON's method work?", "What is ICON?", "Which papers use the SMPL-X body model?"):
        assert unapplied(question, bare) == [], question


# --- real Chroma ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filters",
    [
        Filters(2024, None),
        Filters(None, 2023),
        Filters(2023, 2023),
        Filters(author="Black"),
        Filters(author="Michael J. Black"),
        Filters(author="MULLER"),
        Filters(author="Lei Wang"),
        Filters(2025, None, author="J. Wang"),
        Filters(venue="cvpr"),
        Filters(venue="3dv"),
        Filters(venue="ECCV"),
        Filters(venue="European Conference on Computer Vision"),
        Filters(category="cs.CL"),
        Filters(2026, None, category="cs.CL"),
        Filters(2021, 2024, author="Xiu", venue="Computer Vision"),
    ],
    ids=lambda f: f.summary(),
)
def test_the_chroma_clause_keeps_exactly_the_papers_the_index_keeps(library: tuple[Path, Engine], filters: Filters) -> None:
    _, engine = library
    scope = engine.retriever.keyword_index().facets.scope(filters)
    assert scope.count and scope.where is not None
    papers = engine.store.papers.get(where=scope.where, include=[])
    assert set(papers["ids"]) == scope.paper_ids
    chunks = engine.store.chunks.get(where=scope.where, include=["metadatas"])
    assert {m["paper_id"] for m in chunks["metadatas"]} == scope.paper_ids
    assert scope.paper_ids == {p.paper_id for p in keep_papers(engine.papers(), filters)}


def test_a_venue_acronym_finds_papers_stored_under_the_full_name_and_back(library: tuple[Path, Engine]) -> None:
    """Zotero stores "European Conference on Computer Vision", Scopus "ECCV"; a researcher types either."""
    _, engine = library
    facets = engine.retriever.keyword_index().facets
    by_acronym = facets.scope(Filters(venue="ECCV")).paper_ids
    by_name = facets.scope(Filters(venue="european conference on computer vision")).paper_ids
    (arc2face,) = [p for p in engine.papers() if p.paper_id in by_acronym]
    assert by_acronym == by_name and arc2face.venue == "European Conference on Computer Vision"
    # CVPR as Scopus spells it, with no acronym in the stored name, is a CVPR paper too.
    venues = {p.venue for p in engine.papers() if p.paper_id in facets.scope(Filters(venue="CVPR")).paper_ids}
    assert "Proceedings of the IEEE Computer Society Conference on Computer Vision and Pattern Recognition" in venues
    assert read_filters("What appeared at ECCV about clothed humans?", facets).venue == "ECCV"
    assert not read_filters("What appeared at ICCV about clothed humans?", facets)  # no ICCV paper stored


def test_a_paper_outside_the_filter_is_never_retrieved_even_as_the_best_match(library: tuple[Path, Engine]) -> None:
    _, engine = library
    unfiltered = [short(p.paper) for p in engine.retriever.retrieve(ECON_ICON).papers[:2]]
    assert sorted(unfiltered) == ["ECON", "ICON"]
    recent = engine.retriever.retrieve(ECON_ICON, filters=Filters(2024, None))
    assert recent.papers and all(p.paper.year is not None and p.paper.year >= 2024 for p in recent.papers)
    assert not {"ECON", "ICON"} & {short(p.paper) for p in recent.papers}
    answer = engine.ask(ECON_ICON, filters=Filters(category="cs.CL"))
    assert not {"ECON", "ICON"} & {c.title.split(":")[0] for c in answer.citations}
    assert not {"ECON", "ICON"} & {r.title.split(":")[0] for r in answer.retrieved}
    # A follow-up carries the papers cited before; under a filter that excludes them, they stay out.
    from rag.engine import Conversation

    conversation = Conversation()
    engine.ask(ECON_ICON, conversation)
    followup = engine.ask("How does it handle loose clothing?", conversation, filters=Filters(category="cs.CV"))
    assert not {"ECON", "ICON"} & {r.title.split(":")[0] for r in followup.retrieved}


def test_top_k_stays_full_when_enough_papers_match(library: tuple[Path, Engine]) -> None:
    _, engine = library
    question = "reconstructing clothed 3D humans from a single image"
    cs_cl = Filters(category="cs.CL")
    scope = engine.retriever.keyword_index().facets.scope(cs_cl)
    assert scope.count >= 10
    unfiltered = engine.retriever.retrieve(question).papers[:10]
    assert len([p for p in unfiltered if p.paper.paper_id in scope.paper_ids]) < 3  # a post-filter would leave this
    filtered = engine.retriever.retrieve(question, filters=cs_cl).papers
    assert len(filtered) == 10 and {p.paper.paper_id for p in filtered} <= scope.paper_ids
    answer = engine.ask(question, filters=cs_cl)
    assert len(answer.retrieved) == 10


def test_the_keyword_and_name_lists_respect_the_filter(library: tuple[Path, Engine]) -> None:
    _, engine = library
    index = engine.retriever.keyword_index()
    scope = index.facets.scope(Filters(2024, None))
    econ = next(p.paper_id for p in engine.papers() if p.title.startswith("ECON"))
    assert econ in [pid for pid, _ in index.search("ECON clothed humans normal integration", 50)]
    kept = index.search("ECON clothed humans normal integration", 50, allowed=scope.rows)
    assert kept and {pid for pid, _ in kept} <= scope.paper_ids and econ not in {pid for pid, _ in kept}
    assert econ in index.names_in("How does ECON work?")
    named = engine.retriever.retrieve("How does ECON work?", filters=Filters(2024, None))
    assert econ not in {p.paper.paper_id for p in named.papers} and not named.named


def test_no_filter_is_the_unfiltered_retrieval(library: tuple[Path, Engine]) -> None:
    _, engine = library
    for question in (ECON_ICON, "Which papers jailbreak vision-language models?"):
        plain = engine.retriever.retrieve(question)
        empty = engine.retriever.retrieve(question, filters=None)
        assert [(p.paper.paper_id, p.score) for p in plain.papers] == [(p.paper.paper_id, p.score) for p in empty.papers]
    assert "filters" not in engine.ask(ECON_ICON).to_json()  # the contract as it was


def test_a_filter_that_matches_nothing_says_so(library: tuple[Path, Engine]) -> None:
    _, engine = library
    answer = engine.ask(ECON_ICON, filters=Filters(2030, None))
    assert answer.refused and answer.answer == "No paper in the collection matches year ≥ 2030 — widen the filter."
    assert answer.to_json()["filters"]["summary"] == "filtered to 2030–" and answer.retrieved == []
    nobody = engine.ask(ECON_ICON, filters=Filters(author="Nobody"))
    assert nobody.answer == "No paper in the collection matches author Nobody — widen the filter."


def test_a_limit_that_matches_no_author_is_said_with_the_answer(library: tuple[Path, Engine]) -> None:
    _, engine = library
    answer = engine.ask("Works by Smith et al. on hand pose", backend="extractive")
    assert not answer.refused and answer.filters is None
    assert answer.notice == "\u201cSmith et al.\u201d was not applied: no paper in this collection is by Smith"


def test_constraints_in_the_question_are_applied_and_echoed(library: tuple[Path, Engine]) -> None:
    _, engine = library
    answer = engine.ask("What has Black et al. proposed for clothed humans?").to_json()
    assert answer["filters"] == {"author": "Black", "from_question": ["author"], "summary": "filtered to author Black"}
    assert answer["citations"] and {c["title"].split(":")[0] for c in answer["citations"]} <= {"ECON", "ICON"}
    assert all("Black, Michael J." in r["authors"] for r in answer["retrieved"])
    recent = engine.ask("Which cs.CL papers since 2026 build benchmarks?").to_json()
    assert recent["filters"]["from_question"] == ["year", "category"]
    assert all(r["year"] >= 2026 and "cs.CL" in r["categories"] for r in recent["retrieved"])
    plain = engine.ask("How do black-box jailbreak attacks work?").to_json()
    assert "filters" not in plain


def test_the_index_keeps_its_facets_and_an_index_saved_before_them_is_rebuilt(library: tuple[Path, Engine], tmp_path: Path) -> None:
    _, engine = library
    index = engine.retriever.keyword_index()
    index.save(tmp_path)
    loaded = KeywordIndex.load(tmp_path)
    assert loaded is not None and loaded.facets.to_json() == index.facets.to_json()
    meta = json.loads((tmp_path / "keyword.json").read_text())
    del meta["facets"]
    (tmp_path / "keyword.json").write_text(json.dumps(meta))
    assert KeywordIndex.load(tmp_path) is None


# --- front-ends ---------------------------------------------------------------------------------------


def test_cli_flags(library: tuple[Path, Engine]) -> None:
    home, _ = library
    result = run(home, "ask", ECON_ICON, "--backend", "extractive", "--json", "--year", "2024:", "--category", "cs.CV")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert answer["filters"] == {"year_from": 2024, "category": "cs.CV", "from_question": [], "summary": "filtered to 2024–, cs.CV"}
    assert answer["retrieved"] and all(r["year"] >= 2024 and "cs.CV" in r["categories"] for r in answer["retrieved"])
    text = run(home, "ask", ECON_ICON, "--backend", "extractive", "--author", "xiu", "--venue", "cvpr")
    assert text.returncode == 0 and "(filtered to author xiu, venue cvpr)" in text.stdout
    assert "ECON" in text.stdout.split("References:")[1] and "ICON:" not in text.stdout.split("References:")[1]
    bad = run(home, "ask", ECON_ICON, "--year", "20x5")
    assert bad.returncode == 2 and bad.stderr == "paperchat: error: --year takes 2025, 2024:, :2023 or 2023:2025, not '20x5'\n"
    none = run(home, "ask", ECON_ICON, "--backend", "extractive", "--year", "2030:")
    assert none.returncode == 0 and "No paper in the collection matches year ≥ 2030 — widen the filter" in none.stdout
    batch = run(home, "batch", "--backend", "extractive", "--author", "Black", stdin=json.dumps({"id": "b", "turns": [ECON_ICON]}) + "\n")
    assert batch.returncode == 0, batch.stderr
    turn = json.loads(batch.stdout)["turns"][0]
    assert turn["filters"]["author"] == "Black" and all("Black, Michael J." in r["authors"] for r in turn["retrieved"])
    chat = run(home, "chat", "--backend", "extractive", "--year", "2026", stdin="Which papers build benchmarks?\n\n")
    assert chat.returncode == 0 and "(filtered to 2026)" in chat.stdout


def test_import_ask_with_a_filter_export_reimport_unchanged(library: tuple[Path, Engine], tmp_path: Path) -> None:
    home, engine = library
    out = tmp_path / "cited.ris"
    result = run(home, "ask", ECON_ICON, "--backend", "extractive", "--author", "Black", "--export", "ris", "--out", str(out))
    assert result.returncode == 0, result.stderr
    exported = parse_source(out).papers
    assert sorted(p.title.split(":")[0] for p in exported) == ["ECON", "ICON"]
    originals = {p.paper_id: p for p in engine.papers()}
    fresh = Engine.from_settings(make_settings(tmp_path / "fresh", PAPERCHAT_BACKEND="extractive"))
    report = ingest_into(fresh, [out])
    assert (report.added, report.rejected) == (2, [])
    for paper in fresh.papers():
        original = originals[paper.paper_id]
        assert (paper.title, paper.abstract, paper.authors, paper.year, paper.venue, paper.doi) == (
            original.title, original.abstract, original.authors, original.year, original.venue, original.doi,
        )  # fmt: skip
    # The re-imported library answers the same filter the same way.
    again = fresh.ask(ECON_ICON, filters=Filters(author="Black"))
    assert sorted(c.title.split(":")[0] for c in again.citations) == ["ECON", "ICON"]


def test_over_fetching_ids_finds_the_chunks_the_where_query_finds(library: tuple[Path, Engine]) -> None:
    """A broad filter over-fetches unfiltered chunk ids and keeps the matching ones (rag/retrieval.py
    `_dense_hits`): the same nearest chunks, in the same order, as Chroma's `where`."""
    _, engine = library
    vector = engine.embedder.embed_one("reconstructing clothed 3D humans from a single image")
    for limits in (Filters(2025, None), Filters(category="cs.CV"), Filters(author="Wang")):
        scope = engine.retriever.keyword_index().facets.scope(limits)
        fetched = engine.store.query_chunk_ids(vector, engine.store.chunks.count())
        kept = [hit for hit in fetched if hit.paper_id in scope.paper_ids]
        where = engine.store.query_chunks(vector, len(kept), scope.where)
        assert [h.paper_id for h in kept] == [h.paper_id for h in where]
        assert [round(h.similarity, 5) for h in kept] == [round(h.similarity, 5) for h in where]
        assert [h.paper_id for h in engine.retriever._dense_hits(vector, scope)] == [h.paper_id for h in where][:60]


def test_a_narrow_filter_ranks_its_papers_chunks_exactly_as_the_where_query_does(library: tuple[Path, Engine]) -> None:
    """A filter keeping a few papers reads their chunk vectors by paper id and ranks them by exact cosine
    (rag/store.py `nearest_chunks_of`): the same chunks, in the same order, with the same similarities as
    Chroma's `where` over the filter's own fields."""
    _, engine = library
    vector = engine.embedder.embed_one("reconstructing clothed 3D humans from a single image")
    for limits in (Filters(author="Black"), Filters(venue="ECCV"), Filters(2026, None, category="cs.CL")):
        scope = engine.retriever.keyword_index().facets.scope(limits)
        assert 0 < scope.count <= engine.settings.retrieval.exact_filter_papers
        where = engine.store.query_chunks(vector, 60, scope.where)
        exact = engine.retriever._dense_hits(vector, scope, 60)
        assert [h.paper_id for h in exact] == [h.paper_id for h in where]
        assert [round(h.similarity, 5) for h in exact] == [round(h.similarity, 5) for h in where]
    assert engine.store.nearest_chunks_of(vector, 5, []) == []
    assert engine.store.nearest_chunks_of(vector, 5, ["no-such-paper"]) == []


def test_chunks_read_by_id_include_every_chunk_of_a_long_abstract(tmp_path: Path) -> None:
    """`nearest_chunks_of` reads chunks by id, four per paper at a time, asking again for the papers that had
    all four: a long abstract's ninth chunk is found, as Chroma's `where` on the paper finds it."""
    engine = Engine.from_settings(make_settings(tmp_path, PAPERCHAT_BACKEND="extractive"))
    try:
        topics = ["hands", "faces", "bodies", "clothing", "hair", "shoes", "glasses", "hats", "bags", "gloves"]
        sentences = [
            f"We study the reconstruction of {topic} from monocular video with a learned prior number {n} and "
            f"report results on benchmark {n} where the method improves accuracy over earlier {topic} models."
            for n, topic in enumerate(topics * 7)
        ]
        source = tmp_path / "long.jsonl"
        source.write_text(
            json.dumps({"title": "A Long Abstract", "abstract": " ".join(sentences)}) + "\n"
            + json.dumps({"title": "A Short Abstract", "abstract": sentences[0]}) + "\n"
        )
        assert ingest_into(engine, [source]).added == 2
        ids = {p.title: p.paper_id for p in engine.papers()}
        long_id, short_id = ids["A Long Abstract"], ids["A Short Abstract"]
        stored = engine.store.chunks.get(where={"paper_id": long_id}, include=[])["ids"]
        assert len(stored) >= 9
        vector = engine.embedder.embed_one("reconstructing gloves from video")
        hits = engine.store.nearest_chunks_of(vector, 100, {long_id, short_id})
        assert len(hits) == len(stored) + 1
        where = engine.store.query_chunks(vector, len(hits), {"paper_id": {"$in": [long_id, short_id]}})
        assert [h.paper_id for h in hits] == [h.paper_id for h in where]
        assert [h.similarity for h in hits] == pytest.approx([h.similarity for h in where], abs=1e-4)
    finally:
        engine.close()


def test_a_question_that_asks_only_for_its_limits_lists_the_newest_papers_they_keep(library: tuple[Path, Engine]) -> None:
    """"Which papers are by Black?" has no topic to rank by or to refuse for: it was refused ("papers by Black")
    or answered about black-box models (the cue missed "are by"). It lists the newest papers the limits keep."""
    _, engine = library
    facets = engine.retriever.keyword_index().facets
    for question, limits in (
        ("Which papers are by Black?", Filters(author="Black")),
        ("What has Black proposed since 2021?", Filters(2021, None, author="Black")),
        ("What did Michael J. Black publish in 2023?", Filters(2023, 2023, author="Black")),
        ("Which papers appeared in 2026?", Filters(2026, 2026)),  # more than an answer cites
    ):
        answer = engine.ask(question).to_json()
        total = facets.scope(limits).count
        assert total >= 1 and not answer["refused"], question
        cited = answer["citations"]
        assert len(cited) == min(total, engine.settings.retrieval.max_cited), question
        assert all("Black, Michael J." in c["authors"] for c in cited) or not limits.author, question
        years = [c["year"] for c in cited]
        assert years == sorted(years, reverse=True) and all((limits.year_from or 0) <= y for y in years), question
        more = f"{total} papers match; the {len(cited)} newest are listed"
        assert (answer["notice"] or "").startswith(more) == (total > len(cited)), question
    assert facets.scope(Filters(2026, 2026)).count > engine.settings.retrieval.max_cited  # the notice was asserted
    # Within a year the last added come first: the arXiv file lists its 2026 papers oldest first.
    newest = [c["arxiv_id"] for c in engine.ask("Which papers appeared in 2026?").to_json()["citations"]]
    assert newest[0] == "2512.24532" and newest == sorted(newest, reverse=True)
    # With a topic, the question is ranked by it as before.
    topic = engine.ask("What has Black done on clothed humans since 2021?").to_json()
    assert "newest are listed" not in (topic["notice"] or "")
    assert topic["citations"] and all("Black, Michael J." in c["authors"] for c in topic["citations"])


def test_who_wrote_when_and_which_is_newest_are_answered_from_the_library_records(library: tuple[Path, Engine]) -> None:
    """"Who wrote ECON?" was refused ("the collection's abstracts do not answer this question", closest: ECON and Stable
    Bias), though the library's record (tests/data/zotero.ris) lists its authors. The records answer such questions,
    cite the paper with the record as evidence, and say what no record holds."""
    _, engine = library
    authors = engine.ask("Who wrote ECON?")
    assert not authors.refused and [c.title.split(":")[0] for c in authors.citations] == ["ECON"], authors.answer
    assert authors.answer == (
        "\u201cECON: Explicit Clothed humans Optimized via Normal integration\u201d is by Yuliang Xiu, Jinlong Yang, Xu Cao, "
        "Dimitrios Tzionas and Michael J. Black [1]."
    )
    assert authors.citations[0].evidence.startswith("Library record: authors: Yuliang Xiu") and authors.sentences[0].status == "verified"
    conversation = Conversation()
    engine.ask("How does ECON differ from ICON?", conversation)
    year = engine.ask("When were they published?", conversation)
    assert not year.refused and "Normal integration\u201d is from 2023 [1]" in year.answer, year.answer
    assert "Obtained from Normals\u201d is from 2021 [2]." in year.answer
    # After a list, "Who wrote them?" is about every paper the list cited, not the first one.
    listed = Conversation()
    papers = engine.ask("Which papers reconstruct clothed 3D humans from a single image?", listed).citations
    assert len(papers) >= 2, [c.title for c in papers]
    both = engine.ask("Who wrote them?", listed)
    assert all(f"\u201c{c.title}\u201d" in both.answer for c in papers), both.answer  # by whom, or that no record says
    assert "\u201cICON: Implicit Clothed humans Obtained from Normals\u201d is by Yuliang Xiu" in both.answer, both.answer
    newest = engine.ask("Which one is the most recent?", conversation)
    assert newest.answer.startswith("Of the papers under discussion, the most recent is \u201cECON: "), newest.answer
    assert "Then \u201cICON: Implicit Clothed humans Obtained from Normals\u201d (2021, arXiv 2112.09127) [2]." in newest.answer
    # A paper whose record has no authors (the bundled corpus has none) is said to have none, and refused as such.
    bundled = engine.ask("Who wrote BEDLAM?")
    assert bundled.refused and bundled.citations == [], bundled.answer
    assert bundled.answer.startswith("The collection has no authors for \u201cBEDLAM: "), bundled.answer
    assert engine.plan("Who wrote about virtual try-on?").record is None  # a topic, not a paper: answered as any question
