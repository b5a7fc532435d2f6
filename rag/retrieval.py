"""Hybrid retrieval: dense chunks + paper-level BM25 + exact names, fused, grouped to papers.

Each signal scores papers on its own 0..1 scale and a weighted sum fuses them
(reciprocal rank fusion is the alternative setting). A name the question spells out that a paper's
title introduces ("ECON", "FaceChain-FACT") is the strongest list, because a
user who names a method means that paper. Every returned paper carries its best
evidence sentences, scored against the question by meaning and by words; the
sentence vectors are computed at ingest (see `Embedder.embed_with_spans`), so
a question costs one embedding of its own text.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from rag.embeddings import Embedder
from rag.filters import Filters, Scope, read_filters, unapplied
from rag.keyword import KeywordIndex, refresh_keyword_index
from rag.papers import Paper
from rag.settings import RetrievalSettings
from rag.store import ChunkHit, PaperStore
from rag.support import PRIOR_WORK_MARGIN, asks_for_link, earlier_work, link_only, support_scores
from rag.text import split_sentences

BROAD_FILTER_SHARE = 0.15  # a filter keeping this share of the papers or more over-fetches instead of `where`,
MAX_OVERFETCH = 10  # ... fetching at most this many times `dense_candidates`


@dataclass(frozen=True)
class Evidence:
    sentence: str
    score: float
    earlier: bool = False  # about earlier work, not the paper itself (`earlier_work`)


@dataclass
class RetrievedPaper:
    paper: Paper
    score: float  # fused, 0..1 relative to the best paper
    dense: float  # best chunk cosine similarity
    keyword: float  # BM25, scaled 0..1 by the query's best possible score
    named: bool  # the question spells the name this paper's title introduces
    evidence: list[Evidence] = field(default_factory=list)
    best_support: float | None = None  # the best sentence's score, one about earlier work included (`_attach_evidence`)

    @property
    def relevance(self) -> float:
        """How well the best sentence of the abstract answers the question (cosine + word overlap), whatever it is
        about: "Existing methods for text-to-3D head generation struggle …" says the paper is on that topic."""
        if self.best_support is not None:
            return self.best_support
        return max((e.score for e in self.evidence), default=0.0)


@dataclass
class Retrieval:
    query: str
    papers: list[RetrievedPaper]

    @property
    def named(self) -> list[RetrievedPaper]:
        return [p for p in self.papers if p.named]


EVERY_CHUNK = 1 << 30  # nearest_chunks_of's limit when every chunk of the papers is wanted


class Retriever:
    """Owns what it searches besides Chroma: the keyword index (kept current with the store) and its caches.

    The index is derived from the store and saved under `index_dir`; every search first compares its
    generation with the store's, so an ingest by this or another process is seen on the next question.
    """

    def __init__(self, store: PaperStore, embedder: Embedder, index_dir: Path, settings: RetrievalSettings) -> None:
        self.store = store
        self.embedder = embedder
        self.index_dir = index_dir
        self.settings = settings
        self._keyword: KeywordIndex | None = None
        self._sentence_cache: OrderedDict[str, tuple[list[str], np.ndarray]] = OrderedDict()
        self._paper_cache: OrderedDict[str, Paper] = OrderedDict()

    def retrieve(
        self,
        query: str,
        *,
        carried: Sequence[str] = (),
        limit: int | None = None,
        evidence_query: str | None = None,
        filters: Filters | None = None,
        evidence: bool = True,
    ) -> Retrieval:
        """Rank papers for `query`; `carried` are paper ids from earlier turns of the conversation.

        With `filters`, every list (dense, keyword, names, carried) holds only the papers they keep, before
        any list is cut: the top-k is the best of those papers, never what is left of the unfiltered top-k.
        A `limit` past the usual top-k also fetches more dense chunks (two per paper asked for), so a deep
        ranking is not only keyword matches below the dense candidates.
        """
        limit = limit or max(self.settings.top_k, 10)
        index = self.keyword_index()
        scope = index.facets.scope(filters) if filters else None
        if scope is not None and not scope.count:
            return Retrieval(query=query, papers=[])
        query_vector = self.embedder.embed_one(query)
        wanted = max(self.settings.dense_candidates, 2 * limit)
        hits = self._dense_hits(query_vector, scope, wanted)
        dense: dict[str, float] = {}
        for hit in hits:
            dense[hit.paper_id] = max(dense.get(hit.paper_id, -1.0), hit.similarity)
        dense_rank = sorted(dense, key=lambda pid: -dense[pid])
        keyword = index.search(query, limit=max(50, limit), allowed=scope.rows if scope else None)
        best_possible = index.max_possible(query) or 1.0
        # Fused unclipped: a paper using the query's words more often than once can pass "best possible", and
        # clipping at 1 tied the strongest keyword matches (SciFact train nDCG@10 0.718 -> 0.723, benchmarks/README.md).
        keyword_fused = {pid: score / best_possible for pid, score in keyword}
        introduced = index.names_in(query)
        if scope is not None:
            introduced = [pid for pid in introduced if pid in scope.paper_ids]
            carried = [pid for pid in carried if pid in scope.paper_ids]

        fused: dict[str, float] = {}
        k = self.settings.rrf_k
        weights = self.settings
        if weights.fusion == "score":

            def mix(pid: str) -> float:
                """Convex mix of the two scores on their own 0..1 scales, names and history as bonuses."""
                return (
                    weights.w_dense * max(0.0, dense.get(pid, 0.0))
                    + weights.w_keyword * keyword_fused.get(pid, 0.0)
                    + weights.w_names * weights.name_bonus * (pid in introduced)
                    + weights.w_carried * weights.carried_bonus * (pid in carried)
                )

            # A paper only one list found scored 0 on the other: on 74,807 papers the paper ranked first by
            # keywords fell out of the top 60 (none of its chunks among the 60 nearest), and the nearest paper
            # fell to 9th (its keyword score ranked 96th). Every candidate that can still reach the top `limit`
            # now gets both scores.
            for pid, score in index.scores_of(query, [pid for pid in dense if pid not in keyword_fused]).items():
                keyword_fused[pid] = score / best_possible
            candidates = list(dict.fromkeys([*dense, *keyword_fused, *introduced, *carried]))
            # Chunks not fetched are no nearer than the farthest fetched one (when as many came as were asked for).
            ceiling = max(0.0, min(hit.similarity for hit in hits)) if len(hits) >= wanted else 0.0
            self._add_dense_scores(query_vector, dense, candidates, mix, weights.w_dense * ceiling, limit)
            fused = {pid: mix(pid) for pid in candidates}
        for weight, ranking in (
            (weights.w_dense, dense_rank),
            (weights.w_keyword, [pid for pid, _ in keyword]),
            (weights.w_names, introduced),
            (weights.w_carried, list(carried)),
        ):
            if weight <= 0 or weights.fusion == "score":
                continue
            for rank, paper_id in enumerate(ranking):
                fused[paper_id] = fused.get(paper_id, 0.0) + weight / (k + rank + 1)
        ranked = sorted(fused, key=lambda pid: -fused[pid])[:limit]
        papers = self._papers(ranked)
        ranked = [pid for pid in ranked if pid in papers]  # chunks of a paper whose record is gone
        top = (fused[ranked[0]] if ranked else 0.0) or 1.0
        keyword_scores = {pid: min(1.0, value) for pid, value in keyword_fused.items()}
        results = [
            RetrievedPaper(
                paper=papers[pid],
                score=fused[pid] / top,
                dense=dense.get(pid, 0.0),
                keyword=keyword_scores.get(pid, 0.0),
                named=pid in introduced,
            )
            for pid in ranked
        ]
        if evidence:
            evidence_vector = query_vector if evidence_query is None else self.embedder.embed_one(evidence_query)
            # Evidence only for the papers an answer may cite: embedding sentences is most of retrieval's time.
            self._attach_evidence(evidence_query or query, evidence_vector, results[: self.settings.max_cited])
        return Retrieval(query=query, papers=results)

    def _add_dense_scores(
        self,
        query_vector: np.ndarray,
        dense: dict[str, float],
        candidates: Sequence[str],
        mix: Callable[[str], float],
        most_gained: float,
        limit: int,
    ) -> None:
        """Read the chunk cosine of the candidates without one (found by keywords, names or history), in place;
        only of those that can reach the top `limit`: with their dense score, a candidate gains at most
        `most_gained`, so one whose mix plus that stays below the `limit`-th best mix so far cannot get in.
        Scoring all of them cost 1.8x the whole retrieval on 74,807 papers; this ranks the same (benchmarks/README.md)."""
        missing = [pid for pid in candidates if pid not in dense]
        if not missing:
            return
        so_far = sorted((mix(pid) for pid in candidates), reverse=True)
        bar = so_far[limit - 1] if len(so_far) > limit else float("-inf")
        reachable = [pid for pid in missing if mix(pid) + most_gained >= bar]
        for hit in self.store.nearest_chunks_of(query_vector, EVERY_CHUNK, reachable):
            dense[hit.paper_id] = max(dense.get(hit.paper_id, -1.0), hit.similarity)

    def ranking(self, query: str, depth: int, *, filters: Filters | None = None) -> list[RetrievedPaper]:
        """The fused ranking `retrieve` makes, `depth` papers deep and without evidence sentences: what a
        retrieval benchmark scores (nDCG@10, recall@100), before selection and answerability cut it down."""
        return self.retrieve(query, limit=depth, filters=filters, evidence=False).papers

    def newest(self, filters: Filters, count: int) -> tuple[list[RetrievedPaper], int]:
        """The `count` newest papers `filters` keeps, and how many it keeps: what a question that asks for nothing but
        its limits ("What has Black proposed since 2025?") lists. No topic ranks them. Within a year the last added
        come first: a stored year has no month, and libraries and arXiv listings grow by the newest papers."""
        index = self.keyword_index()
        scope = index.facets.scope(filters)
        rows = np.flatnonzero(scope.rows)
        years = np.asarray(index.facets.years, dtype=np.int64)[rows]
        chosen = [index.paper_ids[row] for row in rows[np.lexsort((-rows, -years))][:count]]
        papers = self._papers(chosen)
        return [RetrievedPaper(papers[pid], 1.0, 0.0, 0.0, False) for pid in chosen if pid in papers], scope.count

    def _papers(self, paper_ids: Sequence[str]) -> dict[str, Paper]:
        missing = [pid for pid in paper_ids if pid not in self._paper_cache]
        if missing:
            for pid, (paper, vectors) in self.store.get_papers_with_vectors(missing).items():
                self._paper_cache[pid] = paper
                self._remember_stored(paper, vectors)
            while len(self._paper_cache) > 4096:
                self._paper_cache.popitem(last=False)
        return {pid: self._paper_cache[pid] for pid in paper_ids if pid in self._paper_cache}

    def _dense_hits(self, vector: np.ndarray, scope: Scope | None, wanted: int | None = None) -> list[ChunkHit]:
        """The nearest `wanted` (default `dense_candidates`) chunks of the papers `scope` keeps (all without one).

        Chroma's `where` costs in proportion to the chunks it keeps (10,000 arXiv abstracts: 2.5× the unfiltered
        query when 58% pass). A filter keeping a large share instead over-fetches unfiltered chunk ids (no
        metadata read, so hundreds cost less than 60 with metadata) and drops the other papers' chunks: the same
        nearest matching chunks whenever enough are among those fetched; otherwise the `where` query runs. A
        filter keeping a few papers reads their chunk vectors by paper id and ranks them exactly.
        """
        wanted = wanted or self.settings.dense_candidates
        if scope is None:
            return self.store.query_chunks(vector, wanted)
        if scope.count <= self.settings.exact_filter_papers:
            return self.store.nearest_chunks_of(vector, wanted, scope.paper_ids)
        share = scope.count / max(1, len(scope.rows))
        if share >= BROAD_FILTER_SHARE:
            fetched = self.store.query_chunk_ids(vector, min(MAX_OVERFETCH * wanted, math.ceil(wanted / share * 3)))
            kept = [hit for hit in fetched if hit.paper_id in scope.paper_ids]
            if len(kept) >= wanted:
                return kept[:wanted]
        return self.store.query_chunks(vector, wanted, scope.where)

    def filters_for(self, question: str, filters: Filters | None = None) -> Filters | None:
        """`filters` with the fields they leave open filled from what the question says ("since 2025", "by
        Black"), where the collection holds that value; None when neither limits anything."""
        return self.question_limits(question, filters)[0]

    def question_limits(self, question: str, filters: Filters | None = None) -> tuple[Filters | None, list[str]]:
        """(`filters_for`, the limits the question states that this collection cannot filter on
        (`filters.unapplied`)), from one read of the collection's facets."""
        facets = self.keyword_index().facets
        merged = (filters or Filters()).merged(read_filters(question, facets))
        return merged or None, unapplied(question, facets)

    def keyword_index(self) -> KeywordIndex:
        """The BM25/name index of the store's current generation (reloaded, and the caches dropped, when stale)."""
        generation = self.store.generation()
        if self._keyword is None or self._keyword.generation != generation:
            self._keyword = refresh_keyword_index(self.store, self.index_dir)
            self.forget()
        return self._keyword

    def names_in(self, text: str) -> list[str]:
        """Papers that introduce a name `text` spells ("ECON", "the Casual Conversations dataset")."""
        return self.keyword_index().names_in(text)

    def named_in(self, text: str) -> dict[str, list[str]]:
        """Each collection name `text` spells, with the papers that introduce it."""
        return self.keyword_index().named_in(text)

    def knows(self, term: str) -> bool:
        """Whether a keyword token (as `keyword_tokens` makes them) occurs in any stored paper."""
        return term in self.keyword_index().vocabulary

    def forget(self) -> None:
        """Drop cached papers and sentence vectors (after an ingest changed the store)."""
        self._paper_cache.clear()
        self._sentence_cache.clear()

    def sentences(self, paper: Paper) -> tuple[list[str], np.ndarray]:
        """A paper's sentences and their vectors: stored at ingest, else embedded once and cached."""
        self.cache_sentences([paper])
        return self._sentence_cache[_sentence_key(paper)]

    def cache_sentences(self, papers: Sequence[Paper]) -> None:
        """Load the uncached papers' stored sentence vectors; embed (one batch) only those without."""
        pending = [p for p in papers if _sentence_key(p) not in self._sentence_cache]
        if not pending:
            return
        stored = self.store.get_papers_with_vectors([p.paper_id for p in pending])
        for paper in pending:
            record, vectors = stored.get(paper.paper_id, (None, None))
            if record is not None and record.content_hash == paper.content_hash:
                self._remember_stored(paper, vectors)
        pending = [p for p in pending if _sentence_key(p) not in self._sentence_cache]
        if not pending:
            return
        per_paper = [split_sentences(p.abstract) for p in pending]
        vectors = self.embedder.embed([s for sentences in per_paper for s in sentences])
        offset = 0
        for paper, sentences in zip(pending, per_paper, strict=True):
            self._remember(paper, sentences, vectors[offset : offset + len(sentences)])
            offset += len(sentences)

    def _remember_stored(self, paper: Paper, vectors: np.ndarray | None) -> None:
        """Cache the sentence vectors stored at ingest, if they line up with the abstract's sentences."""
        sentences = split_sentences(paper.abstract)
        if vectors is not None and len(vectors) == len(sentences):
            self._remember(paper, sentences, vectors)

    def _remember(self, paper: Paper, sentences: list[str], vectors: np.ndarray) -> None:
        self._sentence_cache[_sentence_key(paper)] = (sentences, vectors)
        while len(self._sentence_cache) > 2048:
            self._sentence_cache.popitem(last=False)

    def rank_evidence(self, query: str, results: list[RetrievedPaper]) -> None:
        """Re-rank the papers' evidence sentences for another query (a comparison asks for each paper's approach)."""
        self._attach_evidence(query, self.embedder.embed_one(query), results)

    def _attach_evidence(self, query: str, query_vector: np.ndarray, results: list[RetrievedPaper]) -> None:
        self.cache_sentences([r.paper for r in results])
        wants_link = asks_for_link(query)
        for result in results:
            sentences, vectors = self.sentences(result.paper)
            if not sentences:
                continue
            scores = support_scores(query, query_vector, sentences, vectors)
            # What the abstract says of earlier work ("However, existing methods struggle to generate 3D heads …")
            # shares the question's words and says nothing the paper does: it ranks PRIOR_WORK_MARGIN lower, so a
            # note is written from the paper's own sentences (HeadSculpt's three best were all about earlier work).
            earlier = set(earlier_work(sentences))
            scored = sorted(
                (Evidence(s, float(v), s in earlier) for s, v in zip(sentences, scores, strict=True)),
                key=lambda e: -(e.score - PRIOR_WORK_MARGIN * e.earlier),
            )
            # A sentence that only points to code or a project page states nothing the answer could rest on, unless
            # the question asks for that ("Where can I find the code for ECON?").
            if not wants_link:
                scored = [e for e in scored if not link_only(e.sentence)] or scored
            result.evidence = scored[: max(1, self.settings.evidence_per_paper + 1)]
            result.best_support = max(e.score for e in scored)


def _sentence_key(paper: Paper) -> str:
    return f"{paper.paper_id}:{paper.content_hash}"
