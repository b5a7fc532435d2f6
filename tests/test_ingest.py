from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from ingest.parsers import SourceError
from ingest.pipeline import IngestBusyError, delete_papers, ingest_into
from rag.engine import Engine
from rag.settings import BUNDLED_CORPUS, Settings
from rag.store import PaperStore, StoreError

ABSTRACT = (
    "We study how to make a test paper. It has several sentences that describe a method. "
    "The method is evaluated on a dataset. Results are good."
)


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def chunk_count(engine: Engine, paper_id: str) -> int:
    return len(engine.store.chunks.get(where={"paper_id": paper_id})["ids"])


def test_ingest_is_idempotent_and_updates_changed_abstracts(settings: Settings, tmp_path: Path) -> None:
    engine = Engine.from_settings(settings)
    first = ingest_into(engine, [BUNDLED_CORPUS])
    assert (first.added, first.updated, first.unchanged, len(first.rejected)) == (79, 0, 0, 0)
    chunks_total = engine.store.chunks.count()
    assert first.chunks_embedded == chunks_total > 79

    started = time.perf_counter()
    second = ingest_into(engine, [BUNDLED_CORPUS])
    elapsed = time.perf_counter() - started
    assert (second.added, second.updated, second.unchanged, second.chunks_embedded) == (0, 0, 79, 0)
    assert elapsed < 5.0
    assert engine.store.chunks.count() == chunks_total

    # Same title, new abstract: the same paper is updated and its old chunks are gone.
    econ = next(p for p in engine.papers() if p.title.startswith("ECON:"))
    edited = write_jsonl(tmp_path / "econ.jsonl", [{"title": econ.title, "abstract": ABSTRACT}])
    third = ingest_into(engine, [edited])
    assert (third.added, third.updated, third.unchanged) == (0, 1, 0)
    assert chunk_count(engine, econ.paper_id) == 1
    stored = engine.paper(econ.paper_id)
    assert stored is not None and stored.abstract == ABSTRACT
    assert engine.store.count() == 79
    assert engine.store.chunks.count() < chunks_total


def test_malformed_source_writes_nothing(settings: Settings, tmp_path: Path) -> None:
    engine = Engine.from_settings(settings)
    good = write_jsonl(tmp_path / "good.jsonl", [{"title": "Fresh Paper", "abstract": ABSTRACT}])
    bad = tmp_path / "bad.csv"
    bad.write_text("name,text\nx,y\n")
    with pytest.raises(SourceError):
        ingest_into(engine, [good, bad])
    assert engine.store.count() == 0 and engine.store.chunks.count() == 0


def test_rejections_are_reported_and_the_rest_is_stored(settings: Settings, tmp_path: Path) -> None:
    engine = Engine.from_settings(settings)
    source = write_jsonl(
        tmp_path / "mixed.jsonl",
        [
            {"title": "Paper One", "abstract": ABSTRACT},
            {"title": "", "abstract": ABSTRACT},
            {"title": "Paper One", "abstract": ABSTRACT + " Different."},
        ],
    )
    report = ingest_into(engine, [source])
    assert report.added == 1
    assert [str(r) for r in report.rejected] == [
        f"{source}:2: missing title",
        f"{source}:3: duplicate of {source}:1 (same id {report_id(engine)})",
    ]
    assert "rejected 2" in report.summary() and f"{source}:2: missing title" in report.summary()


def report_id(engine: Engine) -> str:
    return next(iter(engine.store.stored_hashes()))


def test_store_refuses_a_collection_built_by_another_embedder(settings: Settings, tmp_path: Path) -> None:
    engine = Engine.from_settings(settings)
    ingest_into(engine, [write_jsonl(tmp_path / "one.jsonl", [{"title": "Paper One", "abstract": ABSTRACT}])])
    with pytest.raises(StoreError, match="paperchat ingest --reset"):
        PaperStore(settings.store, "some-other-model@123")


def test_second_concurrent_ingest_is_refused_clearly(settings: Settings, tmp_path: Path) -> None:
    from filelock import FileLock

    engine = Engine.from_settings(settings)
    source = write_jsonl(tmp_path / "one.jsonl", [{"title": "Paper One", "abstract": ABSTRACT}])
    with FileLock(str(engine.index_dir / "ingest.lock")), pytest.raises(IngestBusyError, match="another ingest"):
        ingest_into(engine, [source])
    assert engine.store.count() == 0


def test_reset_rebuilds_from_scratch(settings: Settings, tmp_path: Path) -> None:
    engine = Engine.from_settings(settings)
    ingest_into(engine, [write_jsonl(tmp_path / "one.jsonl", [{"title": "Paper One", "abstract": ABSTRACT}])])
    report = ingest_into(engine, [write_jsonl(tmp_path / "two.jsonl", [{"title": "Paper Two", "abstract": ABSTRACT}])], reset=True)
    assert report.added == 1
    assert [p.title for p in engine.papers()] == ["Paper Two"]


def test_interrupted_write_is_completed_by_the_rerun(settings: Settings, tmp_path: Path) -> None:
    """Chunks written without their paper record (a kill between the two) are redone, not duplicated."""
    from ingest.chunker import chunk_paper
    from ingest.parsers import parse_source
    from rag.text import split_sentences

    engine = Engine.from_settings(settings)
    papers = parse_source(BUNDLED_CORPUS).papers
    half = papers[:40]
    engine.store.write_batch(
        (p, chunks, engine.embedder.embed([c.text for c in chunks]), engine.embedder.embed(split_sentences(p.abstract)))
        for p in half
        for chunks in [chunk_paper(p, engine.embedder.count_tokens)]
    )
    victim = papers[40]
    victim_chunks = chunk_paper(victim, engine.embedder.count_tokens)
    engine.store.chunks.upsert(  # the kill: chunks landed, the paper record did not
        ids=[c.chunk_id for c in victim_chunks],
        documents=[c.text for c in victim_chunks],
        embeddings=engine.embedder.embed([c.text for c in victim_chunks]).tolist(),
        metadatas=[{"paper_id": victim.paper_id, "index": c.index} for c in victim_chunks],
    )
    report = ingest_into(engine, [BUNDLED_CORPUS])
    assert (report.added, report.unchanged) == (39, 40)
    assert engine.store.count() == 79
    expected = sum(len(chunk_paper(p, engine.embedder.count_tokens)) for p in papers)
    assert engine.store.chunks.count() == expected


def test_delete_a_paper_removes_its_record_chunks_and_keyword_entries(settings: Settings, tmp_path: Path) -> None:
    engine = Engine.from_settings(settings)
    zebra_abstract = "We detect zebra stripes in savanna photographs. Our stripe detector is accurate on zebras."
    source = write_jsonl(
        tmp_path / "two.jsonl",
        [{"title": "Zebra Stripe Detection", "abstract": zebra_abstract}, {"title": "Fresh Paper", "abstract": ABSTRACT}],
    )
    report = ingest_into(engine, [source])
    assert report.added_titles == ["Zebra Stripe Detection", "Fresh Paper"]
    zebra = next(p for p in engine.papers() if p.title.startswith("Zebra"))
    assert [pid for pid, _ in engine.retriever.keyword_index().search("zebra stripes", 5)] == [zebra.paper_id]
    generation = engine.store.generation()

    assert delete_papers(engine, [zebra.paper_id, "no-such-paper"]) == [zebra.paper_id]
    assert engine.paper(zebra.paper_id) is None
    assert chunk_count(engine, zebra.paper_id) == 0
    assert engine.store.count() == 1 and engine.store.generation() != generation
    assert engine.retriever.keyword_index().search("zebra stripes", 5) == []
    answer = engine.ask("Which paper detects zebra stripes?", backend="extractive")
    assert zebra.paper_id not in {r.paper_id for r in answer.retrieved}
    assert delete_papers(engine, [zebra.paper_id]) == []  # deleting again changes nothing
    again = ingest_into(engine, [source])  # and the paper can be added back
    assert (again.added, again.unchanged) == (1, 1) and again.added_titles == ["Zebra Stripe Detection"]
