"""The Chroma store: one collection of chunks, one of papers, both cosine space.

Embedded (`PersistentClient` under PAPERCHAT_HOME) by default, a `chroma run`
server when CHROMA_HOST is set. Every collection records which embedder built
it; opening it with another is refused, because mixed vectors rank nonsense.
The papers collection's metadata carries a `generation` that changes on every
write, so derived indexes (BM25, names) know when they are stale.
"""

from __future__ import annotations

import errno
import functools
import inspect
import uuid
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any, TypeVar, cast

import numpy as np

from rag.embeddings import pack_vectors, unpack_vectors
from rag.errors import StoreError
from rag.papers import METADATA_SCHEMA, Paper
from rag.settings import StoreSettings

SENTENCE_VECTORS = "sentence_vectors"  # paper metadata: its abstract's sentence vectors, packed


# How a write that found no room shows up: the OS's errno, or the words in Chroma's (sqlite's) wrapped error.
_NO_ROOM_ERRNOS = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
_NO_ROOM_WORDS = ("database or disk is full", "disk i/o error", "no space left on device", "file too large", "quota exceeded")
_Method = TypeVar("_Method", bound=Callable[..., Any])
_Page = tuple[list[Any], list[Any], list[Any]]  # one read's ids, documents and metadatas


def _page(result: Any) -> _Page:
    """A `collection.get` result as (ids, documents, metadatas); what was not included is None / {} per id."""
    ids = result["ids"]
    return ids, result.get("documents") or [None] * len(ids), result.get("metadatas") or [{}] * len(ids)


def _explained(method: _Method) -> _Method:
    """Re-raise the two failures a user can fix, a lost Chroma server and a full disk, as a StoreError saying how."""
    if inspect.isgeneratorfunction(method):

        @functools.wraps(method)
        def generator(self: PaperStore, *args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                yield from method(self, *args, **kwargs)
            except Exception as error:
                explained = self._explain(error)
                if explained is None:
                    raise
                raise explained from error

        return cast(_Method, generator)

    @functools.wraps(method)
    def call(self: PaperStore, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception as error:
            explained = self._explain(error)
            if explained is None:
                raise
            raise explained from error

    return cast(_Method, call)


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    paper_id: str
    index: int
    text: str  # what was embedded (title + sentences)
    spans: tuple[tuple[int, int, int], ...] = ()  # (sentence number in the abstract, start, end) in `text`


@dataclass(frozen=True)
class StoredState:
    """What ingest needs to know of a stored paper to decide between skip, metadata update and re-embed."""

    content_hash: str  # "" when the record must be rewritten whole
    text_hash: str  # of the stored title and abstract: equal to the new paper's means its vectors still hold
    schema: int  # METADATA_SCHEMA of the record; 1 for records written before metadata was stored


# Keys a schema-2 record may carry; a metadata update sets the ones a paper lacks to None (Chroma deletes them),
# so a stale value from an older record (schema 1's free-text authors) never survives next to the new ones.
_METADATA_KEYS = ("authors", "authors_omitted", "year", "venue", "venue_key", "doi", "arxiv_id", "categories", "author_keys")


@dataclass(frozen=True)
class ChunkHit:
    paper_id: str
    similarity: float


class PaperStore:
    def __init__(self, settings: StoreSettings, embedder_id: str) -> None:
        self.settings = settings
        self.embedder_id = embedder_id
        with self._opening():
            self._client = self._connect()
            self.chunks = self._collection(f"{settings.collection}-chunks")
            self.papers = self._collection(f"{settings.collection}-papers")

    def _opening(self) -> AbstractContextManager[object]:
        """Processes that open one new embedded store at once race on Chroma's first-open set-up
        ("table collections already exists"); they take turns. A server sets itself up before it listens."""
        if self.settings.server_mode:
            return nullcontext()
        from filelock import FileLock

        self.settings.home.mkdir(parents=True, exist_ok=True)
        return FileLock(str(self.settings.home / "chroma.lock"))

    def _explain(self, error: Exception) -> StoreError | None:
        """Both faults leave the stored data as it was; the message says how to carry on."""
        import httpx

        if isinstance(error, StoreError):
            return None
        host, port = self.settings.chroma_host, self.settings.chroma_port
        if self.settings.server_mode and isinstance(error, httpx.TransportError):
            return StoreError(
                f"lost the Chroma server at {host}:{port} ({type(error).__name__}); start it again with "
                f"`chroma run --path DIR --host {host} --port {port}` (the same DIR), then retry: no restart needed"
            )
        text = str(error).lower()
        no_room = next((word for word in _NO_ROOM_WORDS if word in text), None)
        if isinstance(error, OSError) and error.errno in _NO_ROOM_ERRNOS:
            no_room = error.strerror.lower() if error.strerror else "no room"
        if no_room is None:
            return None
        where = f"the Chroma server at {host}:{port}" if self.settings.server_mode else str(self.settings.home / "chroma")
        return StoreError(
            f"could not write to {where}: the disk is full or refused the write ({no_room}); "
            "free some space, then run the command again (papers stored before are kept)"
        )

    def _connect(self) -> Any:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=True)
        if self.settings.server_mode:
            host, port = self.settings.chroma_host or "127.0.0.1", self.settings.chroma_port
            try:
                return chromadb.HttpClient(host=host, port=port, settings=chroma_settings)
            except Exception as error:
                raise StoreError(
                    f"cannot reach the Chroma server at {host}:{port} ({type(error).__name__}); "
                    f"start it with `chroma run --path DIR --host {host} --port {port}` or unset CHROMA_HOST"
                ) from None
        path = self.settings.home / "chroma"
        path.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(path), settings=chroma_settings)

    def _collection(self, name: str) -> Any:
        collection = self._client.get_or_create_collection(
            name,
            configuration={"hnsw": {"space": "cosine"}},
            metadata={"embedder": self.embedder_id, "generation": "0"},
            embedding_function=None,
        )
        built_with = (collection.metadata or {}).get("embedder")
        if built_with != self.embedder_id:
            raise StoreError(
                f"collection {name!r} was built with embedder {built_with!r}, but this paperchat uses "
                f"{self.embedder_id!r}; rebuild it with `paperchat ingest --reset`"
            )
        return collection

    # --- reading -----------------------------------------------------------------

    @_explained
    def count(self) -> int:
        return int(self.papers.count())

    @_explained
    def generation(self) -> str:
        metadata = self._client.get_collection(self.papers.name, embedding_function=None).metadata or {}
        return str(metadata.get("generation", "0"))

    @_explained
    def stored_hashes(self) -> dict[str, str]:
        """paper_id → content_hash of every stored paper, read in pages.

        A record without sentence vectors (written by an older paperchat) gets
        an empty hash, so the next ingest rewrites it whole.
        """
        return {pid: state.content_hash for pid, state in self.stored_state().items()}

    @_explained
    def stored_state(self, paper_ids: Sequence[str] | None = None) -> dict[str, StoredState]:
        """paper_id → StoredState of these papers (those stored; every stored paper when None). Records from
        before the text hash was stored (schema 1) get it computed from their stored title and abstract, read
        for those records only.

        A record's metadata carries its sentence vectors, so reading every record costs seconds per 10,000
        papers (3.0 s on 10,079): an ingest asks only for the papers it brings."""
        states: dict[str, StoredState] = {}
        missing: list[str] = []
        pages = (
            self._pages(self.papers, include=["metadatas"])
            if paper_ids is None
            else self._pages_of(self.papers, paper_ids, include=["metadatas"])
        )
        for ids, _, metadatas in pages:
            for paper_id, meta in zip(ids, metadatas, strict=True):
                complete = SENTENCE_VECTORS in meta
                schema = int(meta.get("schema") or 1)
                states[paper_id] = StoredState(
                    str(meta.get("content_hash", "")) if complete else "",
                    str(meta.get("text_hash", "")) if complete else "",
                    schema,
                )
                if complete and "text_hash" not in meta:
                    missing.append(paper_id)
        for paper_id, paper in self.get_papers(missing).items():
            states[paper_id] = StoredState(states[paper_id].content_hash, paper.text_hash, states[paper_id].schema)
        return states

    @_explained
    def iter_papers(self) -> Iterator[Paper]:
        for _, documents, metadatas in self._pages(self.papers, include=["documents", "metadatas"]):
            for document, meta in zip(documents, metadatas, strict=True):
                yield Paper.from_metadata(document or "", meta)

    @_explained
    def get_papers(self, paper_ids: Sequence[str]) -> dict[str, Paper]:
        return {pid: paper for pid, (paper, _) in self.get_papers_with_vectors(paper_ids).items()}

    @_explained
    def get_papers_with_vectors(self, paper_ids: Sequence[str]) -> dict[str, tuple[Paper, np.ndarray | None]]:
        """The papers' records with their sentence vectors (None when the record has none), read in pages."""
        found: dict[str, tuple[Paper, np.ndarray | None]] = {}
        for ids, documents, metadatas in self._pages_of(self.papers, paper_ids, include=["documents", "metadatas"]):
            for pid, doc, meta in zip(ids, documents, metadatas, strict=True):
                packed = meta.get(SENTENCE_VECTORS)
                found[pid] = (Paper.from_metadata(doc or "", meta), unpack_vectors(str(packed)) if packed else None)
        return found

    @_explained
    def papers_titled(self, titles: Sequence[str]) -> list[Paper]:
        """Stored papers whose title is one of `titles` (exact match), in no particular order.

        For a chat client that sends back an earlier answer's references by title: the title is what
        the reader saw, and it is kept verbatim in each paper's metadata, so no model is needed.
        """
        wanted = list(dict.fromkeys(titles))
        if not wanted:
            return []
        where = {"title": wanted[0]} if len(wanted) == 1 else {"title": {"$in": wanted}}
        result = self.papers.get(where=where, include=["documents", "metadatas"])
        return [Paper.from_metadata(doc or "", meta) for doc, meta in zip(result["documents"], result["metadatas"], strict=True)]

    @_explained
    def outdated_ids(self) -> set[str]:
        """Ids of the records written under an older METADATA_SCHEMA, found from ids alone (no record is read)."""
        stored = {pid for ids, _, _ in self._pages(self.papers, include=[]) for pid in ids}
        current = {pid for ids, _, _ in self._pages(self.papers, include=[], where={"schema": METADATA_SCHEMA}) for pid in ids}
        return stored - current

    def _pages_of(
        self, collection: Any, paper_ids: Sequence[str], include: list[str], page: int = 5000
    ) -> Iterator[_Page]:
        """The records of these ids (those stored), `page` ids per read."""
        for start in range(0, len(paper_ids), page):
            ids, documents, metadatas = _page(collection.get(ids=list(paper_ids[start : start + page]), include=include))
            if ids:
                yield ids, documents, metadatas

    def _pages(
        self, collection: Any, include: list[str], page: int = 5000, where: dict[str, Any] | None = None
    ) -> Iterator[_Page]:
        """Every record (matching `where`), `page` records per read."""
        offset = 0
        while True:
            ids, documents, metadatas = _page(collection.get(include=include, limit=page, offset=offset, where=where))
            if not ids:
                return
            yield ids, documents, metadatas
            offset += len(ids)

    @_explained
    def query_chunks(self, vector: np.ndarray, limit: int, where: dict[str, Any] | None = None) -> list[ChunkHit]:
        """The `limit` nearest chunks (fewer if the store holds fewer; none if it is empty); with `where`
        (a filter's clause, see rag/filters.py), the nearest among the chunks that match it."""
        filtered = {"where": where} if where else {}
        result = self.chunks.query(
            query_embeddings=[vector.tolist()], n_results=limit, include=["metadatas", "distances"], **filtered
        )
        return [
            ChunkHit(paper_id=str(meta["paper_id"]), similarity=1.0 - float(dist))
            for meta, dist in zip(result["metadatas"][0], result["distances"][0], strict=True)
        ]

    @_explained
    def query_chunk_ids(self, vector: np.ndarray, limit: int) -> list[ChunkHit]:
        """As `query_chunks` without a filter, reading no metadata (the paper id is the chunk id's prefix,
        `{paper_id}:{index}`): a query over-fetching hundreds of chunks costs about what 60 with metadata do."""
        result = self.chunks.query(query_embeddings=[vector.tolist()], n_results=limit, include=["distances"])
        return [
            ChunkHit(paper_id=chunk_id.rsplit(":", 1)[0], similarity=1.0 - float(dist))
            for chunk_id, dist in zip(result["ids"][0], result["distances"][0], strict=True)
        ]

    @_explained
    def nearest_chunks_of(self, vector: np.ndarray, limit: int, paper_ids: Collection[str]) -> list[ChunkHit]:
        """The `limit` nearest chunks of these papers, by exact cosine over all of their stored vectors.

        For a filter that keeps a few papers, and for papers keyword search found that dense search did not.
        The chunks are read by id (`paper_id:0`, `:1`, … as ingest writes them, contiguous): any `where`, even
        on the `paper_id` key, reads chunk metadata in proportion to the collection (74,807 papers: 23 ms for
        one paper or fifty, against 1–5 ms by id).
        """
        ids, vectors = self._chunks_of(sorted(paper_ids))  # one order for any set: the same query, the same chunks
        if not ids:
            return []
        matrix = np.asarray(vectors, dtype=np.float32)
        query = np.asarray(vector, dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1) * max(float(np.linalg.norm(query)), 1e-12)
        similarity = (matrix @ query) / np.maximum(norms, 1e-12)
        order = np.argsort(-similarity, kind="stable")[:limit]
        return [ChunkHit(paper_id=ids[i].rsplit(":", 1)[0], similarity=float(similarity[i])) for i in order]

    def _chunks_of(self, paper_ids: Sequence[str], step: int = 4) -> tuple[list[str], list[Any]]:
        """Every stored chunk id and vector of these papers, in paper then chunk order: `step` ids per paper at a
        time, asking again only for the papers that had all of them (most abstracts are 1–3 chunks)."""
        found: dict[str, Any] = {}
        pending, start = list(paper_ids), 0
        while pending:
            result = self.chunks.get(
                ids=[f"{pid}:{n}" for pid in pending for n in range(start, start + step)], include=["embeddings"]
            )
            found.update(zip(result["ids"], result["embeddings"], strict=True))
            pending = [pid for pid in pending if f"{pid}:{start + step - 1}" in found]
            start += step
        ordered: list[str] = []
        for pid in paper_ids:
            n = 0
            while (chunk_id := f"{pid}:{n}") in found:
                ordered.append(chunk_id)
                n += 1
        return ordered, [found[chunk_id] for chunk_id in ordered]

    # --- writing -----------------------------------------------------------------

    @_explained
    def write_batch(self, items: Iterable[tuple[Paper, Sequence[Chunk], np.ndarray, np.ndarray]]) -> None:
        """Replace the papers' chunks, then write their records, one round-trip per collection.

        The paper records go last: a write cut short leaves chunks without a
        record, which the next ingest sees as "not stored" and rewrites whole.
        Chunks are stored as vectors and metadata only: nothing reads their text
        back, and Chroma's full-text index of documents costs write time.
        A paper record carries its abstract and its sentences' vectors.
        """
        items = list(items)
        if not items:
            return
        paper_ids = [paper.paper_id for paper, _, _, _ in items]
        self.chunks.delete(where={"paper_id": {"$in": paper_ids}})
        chunk_ids, embeddings, metadatas = [], [], []
        centroids = []
        for paper, chunks, vectors, _ in items:
            for chunk, vector in zip(chunks, vectors, strict=True):
                chunk_ids.append(chunk.chunk_id)
                embeddings.append(vector.tolist())
                metadatas.append({"paper_id": paper.paper_id, "index": chunk.index, **paper.filter_metadata()})
            centroid = vectors.mean(axis=0)
            centroids.append((centroid / max(float(np.linalg.norm(centroid)), 1e-9)).tolist())
        limit = max(1, int(self._client.get_max_batch_size()))
        for start in range(0, len(chunk_ids), limit):
            end = start + limit
            self.chunks.upsert(
                ids=chunk_ids[start:end],
                embeddings=embeddings[start:end],
                metadatas=metadatas[start:end],
            )
        self.papers.upsert(
            ids=paper_ids,
            documents=[paper.abstract for paper, _, _, _ in items],
            embeddings=centroids,
            metadatas=[{**paper.metadata(), SENTENCE_VECTORS: pack_vectors(sentences)} for paper, _, _, sentences in items],
        )

    @_explained
    def update_metadata(self, papers: Sequence[Paper]) -> None:
        """Rewrite the papers' metadata, and their chunks' filter fields, without re-embedding anything.

        For papers whose title and abstract are unchanged: a corrected year, or a record from before
        the metadata fields existed (schema 1) migrated to METADATA_SCHEMA in place.
        """
        if not papers:
            return
        by_id = {paper.paper_id: paper for paper in papers}
        cleared = dict.fromkeys(_METADATA_KEYS)
        self.papers.update(ids=list(by_id), metadatas=[{**cleared, **paper.metadata()} for paper in by_id.values()])
        chunks = self.chunks.get(where={"paper_id": {"$in": list(by_id)}}, include=["metadatas"])
        limit = max(1, int(self._client.get_max_batch_size()))
        ids = chunks["ids"]
        metadatas = [
            {**cleared, **by_id[str(meta["paper_id"])].filter_metadata(), "paper_id": meta["paper_id"], "index": meta["index"]}
            for meta in chunks["metadatas"]
        ]
        for start in range(0, len(ids), limit):
            self.chunks.update(ids=ids[start : start + limit], metadatas=metadatas[start : start + limit])

    @_explained
    def delete_papers(self, paper_ids: Sequence[str]) -> list[str]:
        """Remove papers and their chunks; returns the ids that were stored. The record goes first: a delete cut
        short leaves chunks without a record, the state an interrupted ingest leaves and the next one repairs."""
        present = list(self.papers.get(ids=list(paper_ids), include=[])["ids"]) if paper_ids else []
        if present:
            self.papers.delete(ids=present)
            self.chunks.delete(where={"paper_id": {"$in": present}})
        return present

    @_explained
    def bump_generation(self) -> None:
        self.papers.modify(metadata={"embedder": self.embedder_id, "generation": uuid.uuid4().hex})

    @_explained
    def reset(self) -> None:
        for collection in (self.chunks, self.papers):
            self._client.delete_collection(collection.name)
        self.chunks = self._collection(f"{self.settings.collection}-chunks")
        self.papers = self._collection(f"{self.settings.collection}-papers")
