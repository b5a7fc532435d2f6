"""Ingest: parse every source, then embed and store only what changed.

All sources are parsed and validated before the first write, so a malformed
file leaves the stored collection exactly as it was. Writes go in batches whose
paper records land after their chunks, which makes an interrupted ingest
resumable: the rerun sees the finished batches as unchanged and redoes the rest.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from filelock import FileLock, Timeout

from ingest.chunker import chunk_paper
from ingest.parsers import Note, Rejection, SourceError, parse_source
from rag.embeddings import Embedder
from rag.errors import PaperchatError
from rag.keyword import IndexChanges, refresh_keyword_index
from rag.papers import METADATA_SCHEMA, Paper
from rag.store import Chunk, PaperStore
from rag.text import split_sentences

if TYPE_CHECKING:
    from rag.engine import Engine

BATCH_PAPERS = 128


@dataclass
class IngestReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    chunks_embedded: int = 0
    seconds: float = 0.0
    notes: list[Note] = field(default_factory=list)  # papers kept with their metadata shortened or left out
    metadata_only: int = 0  # of `updated`: only metadata changed, nothing re-embedded
    migrated: int = 0  # records from an older paperchat (no metadata fields) brought to METADATA_SCHEMA
    old_schema_left: int = 0  # such records this ingest's sources did not include
    added_titles: list[str] = field(default_factory=list)  # titles added or updated, in source order

    def summary(self) -> str:
        lines = [
            f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
            f"rejected {len(self.rejected)} ({self.chunks_embedded} chunks embedded in {self.seconds:.1f} s)"
        ]
        lines += [f"  rejected {r}" for r in self.rejected]
        lines += [f"  note {n}" for n in self.notes]
        if self.migrated:
            lines.append(
                f"  {self.migrated} stored papers from an older paperchat now carry authors, year, venue, DOI, "
                "arXiv id and categories (metadata rewritten, nothing re-embedded)"
            )
        if self.old_schema_left:
            lines.append(
                f"  {self.old_schema_left} stored papers predate the metadata fields (authors, year, venue, …) and "
                "still answer as before; ingest their source files again to add them"
            )
        return "\n".join(lines)

    def to_json(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [{"where": r.where, "reason": r.reason} for r in self.rejected],
            "notes": [{"where": n.where, "note": n.message} for n in self.notes],
            "metadata_only": self.metadata_only,
            "migrated": self.migrated,
            "old_schema_left": self.old_schema_left,
            "chunks_embedded": self.chunks_embedded,
            "seconds": round(self.seconds, 3),
        }


class IngestBusyError(PaperchatError, RuntimeError):
    """Another ingest holds the lock on this PAPERCHAT_HOME."""


def parse_all(sources: Sequence[Path], notes: list[Note] | None = None) -> tuple[list[Paper], list[Rejection]]:
    """Parse every source; duplicates within the batch are rejected, naming the first copy.

    `notes`, when given, collects the papers kept with their metadata shortened or left out.
    """
    papers: dict[str, Paper] = {}
    rejections: list[Rejection] = []
    for source in sources:
        result = parse_source(source)  # SourceError propagates: nothing has been written
        rejections.extend(result.rejections)
        if notes is not None:
            notes.extend(result.notes)
        for paper in result.papers:
            first = papers.get(paper.paper_id)
            if first is None:
                papers[paper.paper_id] = paper
            elif first.content_hash != paper.content_hash or first.source != paper.source:
                rejections.append(Rejection(paper.source, f"duplicate of {first.source} (same id {paper.paper_id})"))
    return list(papers.values()), rejections


def ingest(
    sources: Sequence[Path],
    store: PaperStore,
    embedder: Embedder,
    index_dir: Path,
    *,
    reset: bool = False,
    progress: bool | None = None,
    lock_timeout: float = 0.0,
) -> IngestReport:
    started = time.perf_counter()
    notes: list[Note] = []
    papers, rejections = parse_all(sources, notes)
    report = IngestReport(rejected=rejections, notes=notes)
    lock = FileLock(str(index_dir / "ingest.lock"))
    index_dir.mkdir(parents=True, exist_ok=True)
    try:
        lock.acquire(timeout=lock_timeout)
    except Timeout:
        raise IngestBusyError(
            f"another ingest is running on {index_dir}; wait for it to finish, then run this again"
        ) from None
    try:
        if reset:
            store.reset()
        since = store.generation()
        stored = store.stored_state([paper.paper_id for paper in papers])
        pending: list[Paper] = []
        relabel: list[Paper] = []
        for paper in papers:
            known = stored.get(paper.paper_id)
            if known is None:
                report.added += 1
                report.added_titles.append(paper.title)
                pending.append(paper)
                continue
            if known.content_hash == paper.content_hash:
                report.unchanged += 1
                continue
            report.updated += 1
            report.added_titles.append(paper.title)
            report.migrated += known.schema < METADATA_SCHEMA
            if known.text_hash == paper.text_hash:
                relabel.append(paper)  # same title and abstract: the vectors hold, only the metadata changes
            else:
                pending.append(paper)
        ingested = {paper.paper_id for paper in papers}
        report.old_schema_left = 0 if reset else len(store.outdated_ids() - ingested)
        report.metadata_only = len(relabel)
        if pending or relabel:
            # Bumped before the first write as well as after the last: an ingest killed in between leaves a
            # generation no saved keyword index matches, so the next reader rebuilds it from what was stored.
            store.bump_generation()
            for start in range(0, len(relabel), BATCH_PAPERS * 8):
                store.update_metadata(relabel[start : start + BATCH_PAPERS * 8])
            report.chunks_embedded = _write(pending, store, embedder, progress)
            store.bump_generation()
        changed = bool(pending or relabel)
        refresh_keyword_index(
            store, index_dir, force=changed or reset, changes=IndexChanges(since, [*pending, *relabel]) if changed and not reset else None
        )
    finally:
        lock.release()
    report.seconds = time.perf_counter() - started
    return report


def ingest_into(
    engine: Engine, sources: Sequence[Path], *, reset: bool = False, progress: bool | None = None
) -> IngestReport:
    """Ingest into the collection an engine serves (its store, embedder and index folder).

    Afterwards the retriever's keyword index is asked for once: the ingest moved the store's generation, so
    the retriever reloads the index and drops its cached papers now, not on its next question.
    """
    report = ingest(sources, engine.store, engine.embedder, engine.index_dir, reset=reset, progress=progress)
    engine.retriever.keyword_index()
    return report


def delete_papers(engine: Engine, paper_ids: Sequence[str]) -> list[str]:
    """Remove papers and their chunks from the collection an engine serves, under the ingest lock, and rebuild
    the keyword index without them. Returns the ids that were stored; unknown ids are ignored."""
    lock = FileLock(str(engine.index_dir / "ingest.lock"))
    engine.index_dir.mkdir(parents=True, exist_ok=True)
    try:
        lock.acquire(timeout=0.0)
    except Timeout:
        raise IngestBusyError(
            f"an ingest is running on {engine.index_dir}; wait for it to finish, then delete again"
        ) from None
    try:
        since = engine.store.generation()
        engine.store.bump_generation()  # as in ingest: a delete cut short leaves a generation no index matches
        deleted = engine.store.delete_papers(paper_ids)
        engine.store.bump_generation()
        refresh_keyword_index(engine.store, engine.index_dir, force=True, changes=IndexChanges(since, deleted=deleted))
    finally:
        lock.release()
    engine.retriever.keyword_index()  # the retriever reloads the index and drops its cached papers now
    return deleted


def _write(pending: list[Paper], store: PaperStore, embedder: Embedder, progress: bool | None) -> int:
    from tqdm import tqdm

    show = progress if progress is not None else (sys.stderr.isatty() and len(pending) > BATCH_PAPERS)
    bar = tqdm(total=len(pending), unit="paper", desc="ingest", disable=not show, file=sys.stderr)
    embedded = 0
    try:
        for start in range(0, len(pending), BATCH_PAPERS):
            batch = pending[start : start + BATCH_PAPERS]
            count_tokens = embedder.token_counter(
                [text for paper in batch for text in (paper.title + ".", *split_sentences(paper.abstract))]
            )
            chunked = [chunk_paper(paper, count_tokens) for paper in batch]
            flat = [c for chunks in chunked for c in chunks]
            vectors, span_sums, span_counts = embedder.embed_with_spans(
                [c.text for c in flat], [[(start, end) for _, start, end in c.spans] for c in flat]
            )
            items, offset = [], 0
            for paper, chunks in zip(batch, chunked, strict=True):
                end = offset + len(chunks)
                sentences = _sentence_vectors(chunks, vectors[offset:end], span_sums[offset:end], span_counts[offset:end])
                items.append((paper, chunks, vectors[offset:end], sentences))
                offset = end
            store.write_batch(items)
            embedded += offset
            bar.update(len(batch))
    finally:
        bar.close()
    return embedded


def _sentence_vectors(
    chunks: Sequence[Chunk], vectors: np.ndarray, sums: Sequence[np.ndarray], counts: Sequence[np.ndarray]
) -> np.ndarray:
    """One unit vector per abstract sentence, pooled from its tokens in the chunk(s) that hold it."""
    total = 1 + max((number for chunk in chunks for number, _, _ in chunk.spans), default=-1)
    pooled = np.zeros((total, vectors.shape[1]), dtype=np.float32)
    tokens = np.zeros(total, dtype=np.int64)
    for chunk, chunk_vector, span_sums, span_counts in zip(chunks, vectors, sums, counts, strict=True):
        for (number, _, _), span_sum, count in zip(chunk.spans, span_sums, span_counts, strict=True):
            if count:
                pooled[number] += span_sum
                tokens[number] += count
            elif not tokens[number]:
                pooled[number] = chunk_vector  # no word piece of its own (cannot happen for real text)
    unit: np.ndarray = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
    return unit


__all__ = ["IngestBusyError", "IngestReport", "SourceError", "delete_papers", "ingest", "ingest_into", "parse_all", "refresh_keyword_index"]
