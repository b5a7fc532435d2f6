"""A researcher's library end to end (issue 14), on a real Chroma and the real MiniLM embedder.

Import Zotero's RIS and CSL-JSON over the bundled corpus → ask (extractive) → export what was cited
through the CLI as RIS, BibTeX and CSL-JSON → import each into a fresh home → every field unchanged.
Also: a collection written before the metadata fields existed reads fine and is migrated by the
next ingest without re-embedding, and the stored fields answer Chroma `where` filters.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.parsers import parse_source
from ingest.pipeline import ingest_into
from rag.engine import Engine
from rag.papers import Paper
from rag.settings import BUNDLED_CORPUS

from .conftest import cli_env, make_settings

DATA = Path(__file__).parent / "data"
PAPERCHAT = [sys.executable, "-m", "rag"]
QUESTION = "How does ECON differ from ICON?"


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PAPERCHAT, *args], capture_output=True, text=True, env=cli_env(home), timeout=300)


def fields(paper: Paper) -> tuple[object, ...]:
    return (
        paper.paper_id, paper.title, paper.abstract, paper.authors, paper.authors_omitted, paper.year,
        paper.venue, paper.doi, paper.arxiv_id, paper.links,
    )  # fmt: skip


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Engine]:
    home = tmp_path_factory.mktemp("library-home")
    engine = Engine.from_settings(make_settings(home, PAPERCHAT_BACKEND="extractive"))
    assert ingest_into(engine, [BUNDLED_CORPUS]).added == 79
    return home, engine


def test_zotero_exports_add_metadata_to_the_corpus_without_re_embedding(library: tuple[Path, Engine]) -> None:
    _, engine = library
    report = ingest_into(engine, [DATA / "zotero.ris", DATA / "zotero-csl.json"])
    # ECON, ICON, Arc2Face, VividPose are corpus papers (same titles, same abstracts): metadata added in place.
    assert (report.added, report.updated, report.metadata_only, report.chunks_embedded) == (0, 4, 4, 0)
    reasons = sorted(r.reason.split(" (")[0] for r in report.rejected)
    assert reasons == ["duplicate of " + str(DATA / "zotero.ris") + ":1", "missing abstract", "missing abstract"]
    econ = next(p for p in engine.papers() if p.title.startswith("ECON"))
    assert econ.authors[-1] == "Black, Michael J." and econ.year == 2023 and econ.doi.startswith("10.1109/")
    assert engine.paper_count() == 79


def test_metadata_answers_chroma_where_filters(library: tuple[Path, Engine]) -> None:
    """The fields a later filter needs are Chroma scalars/arrays on papers and chunks, not a post-filter."""
    _, engine = library
    by_author = engine.store.papers.get(where={"author_keys": {"$contains": "black"}}, include=["metadatas"])
    assert {m["title"].split(":")[0] for m in by_author["metadatas"]} == {"ECON", "ICON"}
    recent = engine.store.papers.get(where={"year": {"$gte": 2024}}, include=["metadatas"])
    assert {m["title"].split(":")[0] for m in recent["metadatas"]} == {"Arc2Face", "VividPose"}
    econ_id = next(p.paper_id for p in engine.papers() if p.title.startswith("ECON"))
    chunks = engine.store.chunks.get(where={"$and": [{"year": 2023}, {"author_keys": {"$contains": "xiu"}}]})
    assert chunks["ids"] and {m["paper_id"] for m in chunks["metadatas"]} == {econ_id}


def test_answer_json_repeats_the_metadata(library: tuple[Path, Engine]) -> None:
    _, engine = library
    answer = engine.ask(QUESTION).to_json()
    cited = {c["title"].split(":")[0]: c for c in answer["citations"]}
    assert set(cited) == {"ECON", "ICON"}
    assert cited["ECON"]["year"] == 2023 and cited["ECON"]["authors"][0] == "Xiu, Yuliang"
    assert cited["ICON"]["arxiv_id"] == "2112.09127" and cited["ICON"]["doi"] == "10.48550/arXiv.2112.09127"
    retrieved = {r["title"].split(":")[0]: r for r in answer["retrieved"]}
    assert retrieved["ECON"]["venue"].endswith("(CVPR)")
    plain = next(r for r in answer["retrieved"] if r["title"].split(":")[0] not in ("ECON", "ICON", "Arc2Face", "VividPose"))
    assert set(plain) == {"paper_id", "title", "score"}  # a corpus paper without metadata: the contract as it was


@pytest.mark.parametrize("fmt", ["ris", "bibtex", "csljson"])
def test_ask_export_reimport_unchanged(library: tuple[Path, Engine], tmp_path: Path, fmt: str) -> None:
    home, engine = library
    out = tmp_path / {"ris": "cited.ris", "bibtex": "cited.bib", "csljson": "cited.json"}[fmt]
    result = run(home, "ask", QUESTION, "--backend", "extractive", "--export", fmt, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "References:" in result.stdout and f"wrote 2 cited papers as {fmt}" in result.stderr
    originals = {p.paper_id: p for p in engine.papers() if p.title.split(":")[0] in ("ECON", "ICON")}
    fresh = Engine.from_settings(make_settings(tmp_path / "fresh", PAPERCHAT_BACKEND="extractive"))
    report = ingest_into(fresh, [out])
    assert (report.added, report.rejected, report.notes) == (2, [], [])
    for paper in fresh.papers():
        assert fields(paper) == fields(originals[paper.paper_id])
    again = ingest_into(fresh, [out])
    assert (again.unchanged, again.updated, again.chunks_embedded) == (2, 0, 0)


def test_ask_export_markdown_and_library_export(library: tuple[Path, Engine]) -> None:
    home, _ = library
    result = run(home, "ask", QUESTION, "--backend", "extractive", "--export", "markdown")
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith(f"## {QUESTION}\n\n") and "### References" in text
    refs = text.split("### References\n\n", 1)[1].splitlines()
    assert [line.split("] ", 1)[0] for line in refs] == ["[1", "[2"]
    assert all("Xiu, Yuliang" in line for line in refs)
    listing = run(home, "export", "--format", "csljson", "--query", "xiu black")
    assert listing.returncode == 0, listing.stderr
    titles = sorted(item["title"].split(":")[0] for item in json.loads(listing.stdout))
    assert titles == ["ECON", "ICON"]
    refused = run(home, "ask", "What FID does PhotoVerse report?", "--backend", "extractive", "--export", "bibtex")
    assert refused.returncode == 0 and refused.stdout == ""
    assert "the answer cites no paper (refused); nothing to export" in refused.stderr
    missing = run(home, "export", "--ids", "no-such-id")
    assert missing.returncode == 2 and "no paper with id 'no-such-id'" in missing.stderr
    assert missing.stderr.count("\n") == 1


def test_a_collection_from_before_the_metadata_fields_is_read_then_migrated(tmp_path: Path) -> None:
    """Schema 1 records (authors and year as free text, no text hash) keep answering; the next ingest of
    their source rewrites the metadata in place, re-embedding nothing, and says so."""
    source = tmp_path / "old.jsonl"
    papers = parse_source(BUNDLED_CORPUS).papers[:3]
    source.write_text(
        "".join(
            json.dumps({"title": p.title, "abstract": p.abstract, "authors": "A. One, B. Two", "year": "2021"}) + "\n"
            for p in papers
        )
    )
    engine = Engine.from_settings(make_settings(tmp_path / "home", PAPERCHAT_BACKEND="extractive"))
    ingest_into(engine, [source, BUNDLED_CORPUS])  # the corpus's copies of the three are rejected as duplicates
    # Write every record back the way an older paperchat stored it.
    store = engine.store
    stored = store.papers.get(include=["metadatas"])
    new_keys = ("schema", "text_hash", "author_keys", "venue_key", "categories", "authors_omitted", "arxiv_id")
    old = [
        {**dict.fromkeys(new_keys), "authors": "A. One, B. Two" if m.get("authors") else "",
         "year": str(m.get("year") or ""), "content_hash": "0123456789abcdef"}
        for m in stored["metadatas"]
    ]  # fmt: skip
    store.papers.update(ids=stored["ids"], metadatas=old)
    chunk_ids = store.chunks.get()["ids"]
    store.chunks.update(ids=chunk_ids, metadatas=[{"year": None, "author_keys": None} for _ in chunk_ids])

    reread = {p.title: p for p in engine.papers()}
    assert reread[papers[0].title].authors == ("A. One, B. Two",) and reread[papers[0].title].year == 2021
    assert engine.ask(QUESTION).citations  # still answers

    report = ingest_into(engine, [source])
    assert (report.updated, report.migrated, report.metadata_only, report.chunks_embedded) == (3, 3, 3, 0)
    assert report.old_schema_left == 76
    summary = report.summary()
    assert "3 stored papers from an older paperchat now carry authors, year" in summary
    assert "76 stored papers predate the metadata fields" in summary and "ingest their source files again" in summary
    migrated = engine.store.get_papers([p.paper_id for p in papers])
    assert all(p.authors == ("A. One", "B. Two") and p.year == 2021 for p in migrated.values())
    assert len(engine.store.chunks.get(where={"year": 2021})["ids"]) >= 3
    assert ingest_into(engine, [source]).unchanged == 3
