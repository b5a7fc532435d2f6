"""Paper-level BM25 and an exact method-name index, persisted and rebuilt only when stale.

Dense search misses rare names ("ECON", "FaceChain-FACT", "Human3.6M"): their
word pieces mean little to MiniLM. BM25 over title + abstract catches them, and
the name index makes a name the question spells out find the paper that
introduces it, not just any paper that mentions it.

The index is derived from the papers collection, tagged with the store's
generation, and saved under PAPERCHAT_HOME; a query never rebuilds it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from scipy import sparse

from rag.filters import Facets
from rag.papers import Paper
from rag.text import abbreviations, defined_names, keyword_tokens, name_tokens, title_phrases

if TYPE_CHECKING:
    from rag.store import PaperStore

K1 = 1.2
B = 0.75


# Bumped when what `build` derives from the same papers changes, so a saved index is rebuilt: 2 = an acronym in
# parentheses names a paper only where the paper introduces it (`defined_names`); 3 = and no other paper
# abbreviates it; 4 = each paper's term counts and names are saved beside it (keyword-rows.*), for `updated`;
# 5 = a name several papers introduce (by title or abstract) names each of them, "we also curate MENTOR" defines
# a name, and capitalized words ("Spatio-Temporal") do not; 6 = the facets keep each paper's author names, for
# given names in an author filter ("Michael J. Black"); 7 = the repository an abstract links names its paper
# ("github.com/…/HR-VITON"), and so does "called Dual-Pivot Tuning" when the title says it; 8 = "W_+" is the term
# "w+" a reader types.
INDEX_FORMAT = 8


@dataclass
class KeywordIndex:
    paper_ids: list[str]
    vocabulary: dict[str, int]
    weights: sparse.csc_matrix  # papers × terms, BM25 weight of each (paper, term)
    idf: np.ndarray
    # Names a paper introduces: its title's "NAME:" prefix and names its abstract defines, lower-cased.
    title_names: dict[str, list[int]] = field(default_factory=dict)
    # Multi-word ways to name a paper: "embodied hands" (any case), "Casual Conversations" (as capitalized).
    phrases_any_case: dict[str, list[int]] = field(default_factory=dict)
    phrases_as_written: dict[str, list[int]] = field(default_factory=dict)
    generation: str = ""
    # Each paper's year, family names, venue and categories: what a filter is resolved against.
    facets: Facets = field(default_factory=Facets)
    # Phrases grouped by their first word, so a question checks only the phrases that can start in it.
    _by_first_word: tuple[dict[str, list[str]], dict[str, list[str]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    # Each paper's term counts and names as `build` read them: what `updated` reuses (None when loaded for queries).
    rows: _Rows | None = field(default=None, repr=False, compare=False)
    _row_of: dict[str, int] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def build(cls, papers: Iterable[Paper], generation: str = "") -> KeywordIndex:
        """The index of these papers, read from their titles and abstracts."""
        return cls._assemble(_Rows.empty(), {}, Facets(), papers, generation)

    def updated(self, papers: Iterable[Paper], removed: Iterable[str], generation: str) -> KeywordIndex:
        """This index with `papers` (added, or changed) read afresh and `removed` dropped: the index `build` gives
        over the same papers (rows in another order), at the cost of reading the changed papers only. Needs the
        per-paper rows `build` keeps (`load(..., rows=True)`)."""
        if self.rows is None:
            raise ValueError("this index was loaded without its per-paper rows: load it with rows=True")
        papers = list(papers)
        replaced = {paper.paper_id for paper in papers} | set(removed)
        keep = [row for row, pid in enumerate(self.paper_ids) if pid not in replaced]
        kept = _Rows([self.paper_ids[r] for r in keep], [self.rows.names[r] for r in keep], self.rows.counts[keep])
        return self._assemble(kept, dict(self.vocabulary), self.facets.subset(keep), papers, generation)

    @classmethod
    def _assemble(
        cls, kept: _Rows, vocabulary: dict[str, int], facets: Facets, papers: Iterable[Paper], generation: str
    ) -> KeywordIndex:
        """`kept` rows (term counts over `vocabulary`, names) followed by `papers`, read now; then BM25 weights
        and the names, which depend on every paper."""
        paper_ids, names = list(kept.paper_ids), list(kept.names)
        rows, cols, tfs = [], [], []
        for row, paper in enumerate(papers):
            paper_ids.append(paper.paper_id)
            facets.add(paper)
            names.append(_paper_names(paper))
            # The title is counted twice: it is the paper's own summary of itself.
            for term, tf in Counter(keyword_tokens(f"{paper.title} {paper.title} {paper.abstract}")).items():
                rows.append(row)
                cols.append(vocabulary.setdefault(term, len(vocabulary)))
                tfs.append(tf)
        added = sparse.csr_matrix(
            (np.array(tfs, dtype=np.float32), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
            shape=(len(paper_ids) - len(kept.paper_ids), len(vocabulary)),
        )
        old = kept.counts.tocsr()
        old.resize((old.shape[0], len(vocabulary)))
        counts = sparse.vstack([old, added], format="csr", dtype=np.float32)
        # Terms only removed papers used leave the vocabulary, as if the index had been built afresh.
        df = np.bincount(counts.indices, minlength=len(vocabulary)).astype(np.float32)
        if (df == 0).any():
            used = np.flatnonzero(df)
            terms = sorted(vocabulary, key=vocabulary.__getitem__)  # column order
            vocabulary = {terms[col]: new for new, col in enumerate(used)}
            counts, df = counts[:, used], df[used]
        n_docs = max(1, len(paper_ids))
        idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        lengths = np.asarray(counts.sum(axis=1), dtype=np.float32).ravel()
        avg = float(lengths.mean()) if len(lengths) else 1.0
        coo = counts.tocoo()
        norm = K1 * (1 - B + B * lengths[coo.row] / (avg or 1.0))
        values = coo.data * (K1 + 1) / (coo.data + norm) * idf[coo.col]
        weights = sparse.csc_matrix((values, (coo.row, coo.col)), shape=counts.shape, dtype=np.float32)
        title_names, phrases_any, phrases_cs = _names_by_row(names)
        return cls(
            paper_ids, vocabulary, weights, idf, title_names, phrases_any, phrases_cs, generation, facets,
            rows=_Rows(paper_ids, names, counts),
        )  # fmt: skip

    def search(self, query: str, limit: int, allowed: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Papers by BM25 score, best first; repeated query terms count once. `allowed` (a bool per paper,
        from a filter's `Scope.rows`) zeroes the others before the top `limit` are taken."""
        scores = self._scores(query)
        if scores is None:
            return []
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        limit = min(limit, int((scores > 0).sum()))
        if limit <= 0:
            return []
        top = np.argpartition(-scores, limit - 1)[:limit]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.paper_ids[i], float(scores[i])) for i in top]

    def scores_of(self, query: str, paper_ids: Iterable[str]) -> dict[str, float]:
        """The BM25 score `search` gives each of these papers (0 for a paper without the query's words or not
        indexed), however far down the ranking it is."""
        scores = self._scores(query)
        if scores is None:
            return {}
        rows_of = self._rows()
        wanted = [(pid, rows_of[pid]) for pid in paper_ids if pid in rows_of]
        return {pid: float(scores[row]) for pid, row in wanted if scores[row] > 0}

    def _scores(self, query: str) -> np.ndarray | None:
        """Every paper's BM25 score for the query (None when no query term is indexed). Summing the query's
        columns of the column-major matrix is cheaper than converting them to rows to pick a few papers."""
        columns = sorted({self.vocabulary[t] for t in keyword_tokens(query) if t in self.vocabulary})
        if not columns or not self.paper_ids:
            return None
        return np.asarray(self.weights[:, columns].sum(axis=1)).ravel()

    def _rows(self) -> dict[str, int]:
        if self._row_of is None:
            self._row_of = {pid: row for row, pid in enumerate(self.paper_ids)}
        return self._row_of

    def max_possible(self, query: str) -> float:
        """Score of a paper that contained every query term once: scales BM25 to 0..1-ish."""
        terms = set(keyword_tokens(query))
        # A term no paper contains counts at the rarest idf: a question about "banana bread" that
        # matches only "good" must not score as a perfect keyword match.
        unseen = float(np.log(1.0 + (len(self.paper_ids) + 0.5) / 0.5))
        return float(sum(self.idf[self.vocabulary[t]] if t in self.vocabulary else unseen for t in terms))

    def names_in(self, query: str) -> list[str]:
        """Papers that introduce a name the query spells ("ECON", "WSC-swap", "Casual Conversations")."""
        return introducing(self.named_in(query))

    def named_in(self, text: str) -> dict[str, list[str]]:
        """Each name of the collection that `text` spells, with the papers that introduce it (in text order)."""
        lowered = text.lower()
        found: dict[str, list[int]] = {}
        for name in sorted(name_tokens(text), key=lowered.find):
            if name in self.title_names:
                found[name] = self.title_names[name]
        if self._by_first_word is None:
            self._by_first_word = (_group_by_first_word(self.phrases_any_case), _group_by_first_word(self.phrases_as_written))
        any_case, as_written = self._by_first_word
        for haystack, phrases, groups in ((lowered, self.phrases_any_case, any_case), (text, self.phrases_as_written, as_written)):
            for word in ["", *dict.fromkeys(_words(haystack))]:
                for phrase in groups.get(word, ()):
                    if _contains_name(haystack, phrase):
                        found.setdefault(phrase, phrases[phrase])
        return {name: [self.paper_ids[row] for row in rows] for name, rows in found.items()}

    def spelled_by(self, word: str) -> list[str]:
        """The papers whose text has `word` as one keyword term ("CAMOUFLaGE" in "CAMOUFLaGE-Base", "MyTalk")."""
        terms = keyword_tokens(word)[:1]
        if not terms or terms[0] not in self.vocabulary:
            return []
        return [self.paper_ids[row] for row in self.weights[:, self.vocabulary[terms[0]]].nonzero()[0]]

    # --- persistence ---------------------------------------------------------------

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / "keyword.tmp.npz"
        # Uncompressed: zlib took 4.5 s of a 74,728-paper save, for a file 1.5x smaller.
        sparse.save_npz(tmp, self.weights.tocsr(), compressed=False)
        tmp.replace(folder / "keyword.npz")
        meta = {
            "format": INDEX_FORMAT,
            "generation": self.generation,
            "paper_ids": self.paper_ids,
            "vocabulary": self.vocabulary,
            "idf": self.idf.tolist(),
            "title_names": self.title_names,
            "phrases_any_case": self.phrases_any_case,
            "phrases_as_written": self.phrases_as_written,
            "facets": self.facets.to_json(),
        }
        if self.rows is not None:
            # Written before keyword.json: a save cut short leaves rows whose papers (in order) are not the
            # index's, which `load` rejects.
            tmp = folder / "keyword-rows.tmp.npz"
            sparse.save_npz(tmp, self.rows.counts, compressed=False)
            tmp.replace(folder / "keyword-rows.npz")
            tmp_rows = folder / "keyword-rows.tmp.json"
            tmp_rows.write_text(json.dumps({"generation": self.generation, "papers": _fingerprint(self.paper_ids), "names": self.rows.names}))
            tmp_rows.replace(folder / "keyword-rows.json")
        tmp_meta = folder / "keyword.tmp.json"
        tmp_meta.write_text(json.dumps(meta))
        tmp_meta.replace(folder / "keyword.json")

    @classmethod
    def load(cls, folder: Path, rows: bool = False) -> KeywordIndex | None:
        """The saved index, or None if there is none or it is unreadable or of another format. With `rows`, also
        each paper's term counts and names (what `updated` needs; a query never does), or None without them."""
        try:
            meta = json.loads((folder / "keyword.json").read_text())
            weights = sparse.load_npz(folder / "keyword.npz").tocsc()
            facets = Facets.from_json(meta["facets"], meta["paper_ids"])  # an index saved before filters: rebuilt
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if weights.shape[0] != len(meta["paper_ids"]) or meta.get("format") != INDEX_FORMAT:
            return None  # saved by another version of the rules below (e.g. what a name is): rebuilt
        saved_rows = None
        if rows:
            try:
                names = json.loads((folder / "keyword-rows.json").read_text())
                counts = sparse.load_npz(folder / "keyword-rows.npz").tocsr()
            except (OSError, ValueError):
                return None
            # Rows saved by another writer (another app instance rebuilding the same generation lists the papers
            # in another order) must not be paired with this index's papers.
            current = names.get("generation") == meta["generation"] and names.get("papers") == _fingerprint(meta["paper_ids"])
            if not current or counts.shape != weights.shape:
                return None
            saved_rows = _Rows(meta["paper_ids"], [tuple(row) for row in names["names"]], counts)
        return cls(
            rows=saved_rows,
            paper_ids=meta["paper_ids"],
            vocabulary=meta["vocabulary"],
            weights=weights,
            idf=np.array(meta["idf"], dtype=np.float32),
            title_names=meta["title_names"],
            phrases_any_case=meta["phrases_any_case"],
            phrases_as_written=meta["phrases_as_written"],
            generation=meta["generation"],
            facets=facets,
        )


@dataclass(frozen=True)
class IndexChanges:
    """What one write did to the store: the generation it started from, the papers it wrote (added, or changed in
    text or metadata) and the ids it deleted."""

    since: str
    written: Sequence[Paper] = ()
    deleted: Sequence[str] = ()


def introducing(named: Mapping[str, Sequence[str]]) -> list[str]:
    """The papers that introduce the names of `named_in`'s answer, each once, in the order the names come."""
    return list(dict.fromkeys(pid for owners in named.values() for pid in owners))


def refresh_keyword_index(
    store: PaperStore, index_dir: Path, force: bool = False, changes: IndexChanges | None = None
) -> KeywordIndex:
    """Load the saved index if it matches the store's generation; otherwise rebuild and save it.

    With `changes` (from the writer, under the ingest lock), an index saved at `changes.since` is updated with
    them instead of rebuilt from every stored paper: adding a few papers to a large library reads those papers,
    not the library. Any other saved index (older, cut short, of another format) means a full rebuild.

    Here rather than in `ingest`: a reader (the engine) must rebuild a stale index too, and `rag`
    never imports `ingest`.
    """
    generation = store.generation()
    # Read once: with its rows when there are changes to apply to it.
    saved = None if force and changes is None else KeywordIndex.load(index_dir, rows=changes is not None)
    if saved is not None and not force and saved.generation == generation:
        saved.rows = None
        return saved
    if changes is not None and saved is not None and saved.generation == changes.since:
        index = saved.updated(changes.written, changes.deleted, generation)
    else:
        index = KeywordIndex.build(store.iter_papers(), generation=generation)
    try:
        index.save(index_dir)
    except OSError as error:  # numpy's writer does not say where: a full disk must name the folder to clear
        raise OSError(error.errno, error.strerror, str(index_dir)) from error
    index.rows = None  # on disk for the next update; a reader answering questions never needs them (~80 MB at 74k)
    return index


# What a paper's title and abstract name: (its title's name, lower-cased, or ""; the names its abstract defines;
# the abbreviations it uses; its title's phrases as written). JSON lists, as saved.
_Names = tuple[str, list[str], list[str], list[str]]


@dataclass
class _Rows:
    """Per paper, what `build` read from its text: term counts (papers × vocabulary) and names."""

    paper_ids: list[str]
    names: list[_Names]
    counts: sparse.csr_matrix

    @classmethod
    def empty(cls) -> _Rows:
        return cls([], [], sparse.csr_matrix((0, 0), dtype=np.float32))


def _fingerprint(paper_ids: list[str]) -> str:
    """The index's papers, in row order."""
    return hashlib.sha256("\n".join(paper_ids).encode()).hexdigest()


def _paper_names(paper: Paper) -> _Names:
    return (
        (paper.name or "").lower(),
        list(defined_names(paper.abstract, paper.title)),
        list(abbreviations(paper.abstract)),
        list(title_phrases(paper.title)),
    )


def _names_by_row(names: list[_Names]) -> tuple[dict[str, list[int]], dict[str, list[int]], dict[str, list[int]]]:
    """The names that name one paper (title names, phrases in any case, phrases as written), with their rows."""
    title_names: dict[str, list[int]] = defaultdict(list)
    phrases_any: dict[str, list[int]] = defaultdict(list)
    phrases_cs: dict[str, list[int]] = {}
    defined: dict[str, list[int]] = defaultdict(list)
    abbreviated: dict[str, set[int]] = defaultdict(set)
    written: dict[str, list[int]] = defaultdict(list)
    for row, (name, defines, abbreviates, phrases) in enumerate(names):
        if " " in name:
            phrases_any[name].append(row)
        elif name:
            title_names[name].append(row)
        for term in defines:
            defined[term].append(row)
        for term in abbreviates:
            abbreviated[term].add(row)
        for phrase in phrases:
            written[phrase].append(row)
    # A name or phrase several papers claim ("T2I", "Diffusion Models") names none of them; nor does a name
    # one paper introduces that others abbreviate too (an established term, not the paper's own name).
    # A name other papers' titles carry ("DELTA: …") also names the paper whose abstract introduces it: among
    # 74,807 papers, "What is DELTA?" lost the bundled DELTA to three real papers titled with the name.
    for term, rows in defined.items():
        titled = title_names.get(term, [])
        if not abbreviated[term] <= set(rows) | set(titled):
            continue
        if titled:
            titled.extend(row for row in rows if row not in titled)
        elif len(rows) == 1:
            title_names[term] = rows
    for phrase, rows in written.items():
        if len(rows) == 1:
            phrases_cs[phrase] = rows
    return dict(title_names), dict(phrases_any), phrases_cs


def _words(text: str) -> list[str]:
    """Maximal runs of letters and digits: the only places a name can start (see `_contains_name`)."""
    return ["".join(run) for is_word, run in groupby(text, key=str.isalnum) if is_word]


def _group_by_first_word(phrases: Iterable[str]) -> dict[str, list[str]]:
    """A phrase matches only where the query has its first word as a whole run ("" if it starts with a symbol)."""
    groups: dict[str, list[str]] = defaultdict(list)
    for phrase in phrases:
        first = next(iter(_words(phrase)), "") if phrase[:1].isalnum() else ""
        groups[first].append(phrase)
    return dict(groups)


def _contains_name(lowered_query: str, name: str) -> bool:
    """Whole-word match of a (possibly multi-word or hyphenated) name."""
    start = 0
    while (index := lowered_query.find(name, start)) >= 0:
        before = lowered_query[index - 1] if index > 0 else " "
        after_index = index + len(name)
        after = lowered_query[after_index] if after_index < len(lowered_query) else " "
        if not (before.isalnum() or before == "-") and not (after.isalnum() or after == "-"):
            return True
        start = index + 1
    return False

