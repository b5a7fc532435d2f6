"""Paper-level BM25 and an exact method-name index, persisted and rebuilt only when stale.

Dense search misses rare names ("ECON", "FaceChain-FACT", "Human3.6M"): their
word pieces mean little to MiniLM. BM25 over title + abstract catches them, and
the name index makes a name the question spells out find the paper that
introduces it, not just any paper that mentions it.

The index is derived from the papers collection, tagged with the store's
generation, and saved under PAPERCHAT_HOME; a query never rebuilds it.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
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
# abbreviates it.
INDEX_FORMAT = 3


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
    _row_of: dict[str, int] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def build(cls, papers: Iterable[Paper], generation: str = "") -> KeywordIndex:
        paper_ids: list[str] = []
        counts: list[Counter[str]] = []
        title_names: dict[str, list[int]] = defaultdict(list)
        phrases_any: dict[str, list[int]] = defaultdict(list)
        phrases_cs: dict[str, list[int]] = defaultdict(list)
        defined: dict[str, list[int]] = defaultdict(list)
        abbreviated: dict[str, set[int]] = defaultdict(set)
        written: dict[str, list[int]] = defaultdict(list)
        facets = Facets()
        for row, paper in enumerate(papers):
            paper_ids.append(paper.paper_id)
            facets.add(paper)
            # The title is counted twice: it is the paper's own summary of itself.
            counts.append(Counter(keyword_tokens(f"{paper.title} {paper.title} {paper.abstract}")))
            if paper.name and " " in paper.name:
                phrases_any[paper.name.lower()].append(row)
            elif paper.name:
                title_names[paper.name.lower()].append(row)
            for name in defined_names(paper.abstract, paper.title):
                defined[name].append(row)
            for name in abbreviations(paper.abstract):
                abbreviated[name].add(row)
            for phrase in title_phrases(paper.title):
                written[phrase].append(row)
        # A name or phrase several papers claim ("T2I", "Diffusion Models") names none of them; nor does a name
        # one paper introduces that others abbreviate too (an established term, not the paper's own name).
        for name, rows in defined.items():
            if len(rows) == 1 and abbreviated[name] <= set(rows) and name not in title_names:
                title_names[name] = rows
        for phrase, rows in written.items():
            if len(rows) == 1:
                phrases_cs[phrase] = rows
        vocabulary: dict[str, int] = {}
        rows, cols, tfs = [], [], []
        for row, counter in enumerate(counts):
            for term, tf in counter.items():
                col = vocabulary.setdefault(term, len(vocabulary))
                rows.append(row)
                cols.append(col)
                tfs.append(tf)
        n_docs = max(1, len(paper_ids))
        lengths = np.array([sum(c.values()) for c in counts] or [0], dtype=np.float32)
        avg = float(lengths.mean()) or 1.0
        tf_arr = np.array(tfs, dtype=np.float32)
        row_arr = np.array(rows, dtype=np.int64)
        col_arr = np.array(cols, dtype=np.int64)
        df = np.bincount(col_arr, minlength=len(vocabulary)).astype(np.float32) if tfs else np.zeros(0, np.float32)
        idf = np.log(1.0 + (n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
        norm = K1 * (1 - B + B * lengths[row_arr] / avg) if tfs else np.zeros(0, np.float32)
        values = tf_arr * (K1 + 1) / (tf_arr + norm) * (idf[col_arr] if tfs else 1)
        weights = sparse.csc_matrix((values, (row_arr, col_arr)), shape=(len(paper_ids), len(vocabulary)), dtype=np.float32)
        return cls(
            paper_ids, vocabulary, weights, idf, dict(title_names), dict(phrases_any), dict(phrases_cs), generation, facets
        )

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
        introduced: list[str] = []
        for owners in self.named_in(query).values():
            introduced.extend(pid for pid in owners if pid not in introduced)
        return introduced

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

    # --- persistence ---------------------------------------------------------------

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / "keyword.tmp.npz"
        sparse.save_npz(tmp, self.weights.tocsr())
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
        tmp_meta = folder / "keyword.tmp.json"
        tmp_meta.write_text(json.dumps(meta))
        tmp_meta.replace(folder / "keyword.json")

    @classmethod
    def load(cls, folder: Path) -> KeywordIndex | None:
        try:
            meta = json.loads((folder / "keyword.json").read_text())
            weights = sparse.load_npz(folder / "keyword.npz").tocsc()
            facets = Facets.from_json(meta["facets"], meta["paper_ids"])  # an index saved before filters: rebuilt
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if weights.shape[0] != len(meta["paper_ids"]) or meta.get("format") != INDEX_FORMAT:
            return None  # saved by another version of the rules below (e.g. what a name is): rebuilt
        return cls(
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


def refresh_keyword_index(store: PaperStore, index_dir: Path, force: bool = False) -> KeywordIndex:
    """Load the saved index if it matches the store's generation; otherwise rebuild and save it.

    Here rather than in `ingest`: a reader (the engine) must rebuild a stale index too, and `rag`
    never imports `ingest`.
    """
    generation = store.generation()
    if not force:
        saved = KeywordIndex.load(index_dir)
        if saved is not None and saved.generation == generation:
            return saved
    index = KeywordIndex.build(store.iter_papers(), generation=generation)
    try:
        index.save(index_dir)
    except OSError as error:  # numpy's writer does not say where: a full disk must name the folder to clear
        raise OSError(error.errno, error.strerror, str(index_dir)) from error
    return index


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

