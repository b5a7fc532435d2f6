"""Adding papers to a library updates the saved keyword index instead of rebuilding it from every stored paper,
and the updated index is the one a full build gives."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from ingest.parsers import parse_source
from ingest.pipeline import delete_papers, ingest_into
from rag.engine import Engine
from rag.keyword import KeywordIndex
from rag.papers import Paper, make_paper
from rag.settings import BUNDLED_CORPUS, Settings
from rag.store import PaperStore

QUERIES = [
    "reconstruct clothed humans from a single image",
    "How does ECON differ from ICON?",
    "face swapping identity disentanglement",
    "societal bias of text-to-image models for occupations",
    "What is the Casual Conversations dataset?",
    "zebra stripes in savanna photographs",
    "diffusion models for 3D avatars with SMPL-X",
]


def assert_same_index(got: KeywordIndex, want: KeywordIndex) -> None:
    """Same papers, terms, BM25 scores, names and facets; rows may be in another order."""
    assert sorted(got.paper_ids) == sorted(want.paper_ids)
    assert set(got.vocabulary) == set(want.vocabulary)
    for term in list(want.vocabulary)[:: max(1, len(want.vocabulary) // 500)]:
        assert got.idf[got.vocabulary[term]] == pytest.approx(want.idf[want.vocabulary[term]], rel=1e-6)
    for query in QUERIES + [paper_title for paper_title in _titles(want)]:
        got_scores, want_scores = dict(got.search(query, 20)), dict(want.search(query, 20))
        common = sorted(set(want_scores) & set(got_scores))
        assert len(common) >= min(len(want_scores), 18), query  # ties at the cut may fall either side
        assert np.allclose([got_scores[p] for p in common], [want_scores[p] for p in common], rtol=1e-5), query
        assert got.max_possible(query) == pytest.approx(want.max_possible(query), rel=1e-6)
        assert got.named_in(query) == want.named_in(query), query
    for table in ("title_names", "phrases_any_case", "phrases_as_written"):
        got_names = {name: sorted(got.paper_ids[r] for r in rows) for name, rows in getattr(got, table).items()}
        want_names = {name: sorted(want.paper_ids[r] for r in rows) for name, rows in getattr(want, table).items()}
        assert got_names == want_names, table
    facets = ("years", "author_keys", "venue_keys", "categories")
    got_rows = {pid: [getattr(got.facets, f)[row] for f in facets] for row, pid in enumerate(got.facets.paper_ids)}
    want_rows = {pid: [getattr(want.facets, f)[row] for f in facets] for row, pid in enumerate(want.facets.paper_ids)}
    assert got_rows == want_rows


def _titles(index: KeywordIndex) -> list[str]:
    names = [name for name in index.title_names if len(name) > 3][:10]
    return [f"What does {name} do?" for name in names]


def corpus_papers() -> list[Paper]:
    return parse_source(BUNDLED_CORPUS).papers


def test_updated_index_equals_a_full_build_after_adds_changes_and_deletes() -> None:
    papers = corpus_papers()
    first, later = papers[:60], papers[60:]
    econ = next(p for p in first if p.title.startswith("ECON:"))
    changed = dataclasses.replace(econ, abstract="We detect zebra stripes in savanna photographs with ECON.")
    deleted = [first[0].paper_id, first[1].paper_id]
    now = [changed if p is econ else p for p in first if p.paper_id not in deleted] + later

    updated = KeywordIndex.build(first, generation="g1").updated([*later, changed], deleted, "g2")

    assert updated.generation == "g2"
    assert_same_index(updated, KeywordIndex.build(now, generation="g2"))
    assert [pid for pid, _ in updated.search("zebra stripes savanna", 3)] == [econ.paper_id]
    # Terms only the deleted and changed texts used are gone, as in a fresh build.
    assert set(updated.vocabulary) == set(KeywordIndex.build(now).vocabulary)


def test_updated_keeps_a_name_only_while_one_paper_claims_it() -> None:
    """Names depend on every paper: a second paper defining "ZBR" makes it nobody's, deleting it restores it."""
    one = make_paper("ZBR: Zebra Body Reconstruction", "We present ZBR, a zebra body model.", source="a:1")
    other = make_paper("Another Study", "We propose Zebra Body Reconstruction (ZBR) for horses.", source="a:2")
    index = KeywordIndex.build([one], generation="g1")
    assert index.names_in("how does ZBR work") == [one.paper_id]
    both = index.updated([other], [], "g2")
    assert_same_index(both, KeywordIndex.build([one, other]))
    assert both.updated([], [other.paper_id], "g3").names_in("how does ZBR work") == [one.paper_id]


def test_updating_needs_the_rows_a_query_never_loads(tmp_path: Path) -> None:
    papers = corpus_papers()[:5]
    KeywordIndex.build(papers, generation="g1").save(tmp_path)
    for_queries = KeywordIndex.load(tmp_path)
    assert for_queries is not None and for_queries.rows is None
    with pytest.raises(ValueError, match="rows=True"):
        for_queries.updated([], [papers[0].paper_id], "g2")
    with_rows = KeywordIndex.load(tmp_path, rows=True)
    assert with_rows is not None and with_rows.rows is not None
    assert_same_index(with_rows.updated([], [papers[0].paper_id], "g2"), KeywordIndex.build(papers[1:]))


def test_rows_of_another_index_are_not_paired_with_this_one(tmp_path: Path) -> None:
    """Two writers saving the same generation with the papers in another order: the rows must not be taken."""
    papers = corpus_papers()[:6]
    KeywordIndex.build(papers[::-1], generation="g1").save(tmp_path / "other")
    KeywordIndex.build(papers, generation="g1").save(tmp_path)
    for name in ("keyword-rows.json", "keyword-rows.npz"):
        (tmp_path / name).write_bytes((tmp_path / "other" / name).read_bytes())
    assert KeywordIndex.load(tmp_path) is not None  # queries do not need the rows
    assert KeywordIndex.load(tmp_path, rows=True) is None


def write_jsonl(path: Path, records: Sequence[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_ingest_and_delete_update_the_index_without_reading_the_library(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = Engine.from_settings(settings)
    ingest_into(engine, [BUNDLED_CORPUS])
    econ = next(p for p in engine.papers() if p.title.startswith("ECON:"))
    reads: list[int] = []
    iter_papers = PaperStore.iter_papers

    def counted(store: PaperStore):  # type: ignore[no-untyped-def]
        reads.append(1)
        return iter_papers(store)

    monkeypatch.setattr(PaperStore, "iter_papers", counted)

    def full_build() -> KeywordIndex:
        return KeywordIndex.build(iter_papers(engine.store), generation=engine.store.generation())

    added = write_jsonl(
        tmp_path / "new.jsonl",
        [
            {"title": "Zebra Stripe Detection", "abstract": "We detect zebra stripes in savanna photographs.", "year": 2025},
            {"title": econ.title, "abstract": econ.abstract + " It also runs on zebras."},  # changed text
        ],
    )
    report = ingest_into(engine, [added])
    assert (report.added, report.updated) == (1, 1)
    assert reads == []  # the 79 stored papers were not read back
    saved = KeywordIndex.load(engine.index_dir)
    assert saved is not None and saved.generation == engine.store.generation()
    assert_same_index(saved, full_build())
    top = engine.paper(engine.retriever.keyword_index().search("zebra stripes savanna", 1)[0][0])
    assert top is not None and top.title == "Zebra Stripe Detection" and top.year == 2025

    deleted = delete_papers(engine, [econ.paper_id])
    assert deleted == [econ.paper_id] and reads == []
    saved = KeywordIndex.load(engine.index_dir)
    assert saved is not None and econ.paper_id not in saved.paper_ids
    assert_same_index(saved, full_build())

    # Rows cut short (or from an older paperchat): the next ingest rebuilds from the store, and the result holds.
    (engine.index_dir / "keyword-rows.json").write_text("{")
    okapi = "We count okapis in forest camera traps. A detector and a tracker are trained on 4,000 labelled frames."
    write_jsonl(tmp_path / "more.jsonl", [{"title": "Okapi Counting", "abstract": okapi}])
    assert ingest_into(engine, [tmp_path / "more.jsonl"]).added == 1
    assert reads == [1]
    saved = KeywordIndex.load(engine.index_dir, rows=True)
    assert saved is not None and saved.rows is not None
    assert_same_index(saved, full_build())
