"""Filters on a paper's metadata (year range, author, venue, category), applied before the top-k.

A `Filters` is what the user asked for: from CLI flags (`--year 2024:`), from the API's `filters` object, or
read from the question itself ("since 2025", "papers by Black", "at CVPR", "in cs.CL"; `read_filters`). It
is resolved against the collection's `Facets` (each paper's year, family names, venue and categories, kept
beside the keyword index and rebuilt with it) into a `Scope`: the rows the keyword index may score, the
paper ids names and follow-ups may bring in, and a Chroma `where` clause for the dense search. So every
list is filtered before it is cut to the top-k, and a filter that matches five papers still fills the
answer's sources with those five rather than with nothing.

Venue is a case-insensitive substring ("CVPR" in "2023 IEEE/CVF Conference on … (CVPR)"). Chroma has no
substring operator on metadata, so the substring is resolved here against the collection's distinct
lower-cased venues (`venue_key`, a few hundred strings even at 75k papers) and sent as `venue_key $in
[...]`: the dense search stays a Chroma pre-filter. Authors are matched on family names, ignoring case and
accents ("Muller" finds "Müller"); the stored `author_keys` keep accents, so the name is resolved the same
way into the stored spellings and sent as `$contains` (one per spelling, under `$or`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from rag.errors import UsageError
from rag.papers import Paper, family_name, fold, given_names, same_person
from rag.text import keyword_tokens

YEAR_FORMS = "2025, 2024:, :2023 or 2023:2025"
MIN_YEAR, MAX_YEAR = 1000, 2999
MAX_FILTER_CHARS = 200
FIELDS = ("year", "author", "venue", "category")


class FilterError(UsageError):
    """A filter value paperchat cannot use; the message shows the accepted forms."""


@dataclass(frozen=True)
class Filters:
    """What to keep: papers from `year_from` to `year_to` (both inclusive, either open), by an author of that
    name ("Black": any Black; "Michael J. Black" or "M. Black": a Black whose given names fit, `same_person`), at
    a venue containing `venue`, in arXiv category `category`. Empty means no limit."""

    year_from: int | None = None
    year_to: int | None = None
    author: str = ""
    venue: str = ""
    category: str = ""
    from_question: tuple[str, ...] = ()  # the fields read from the question's own words, not given as filters

    def __bool__(self) -> bool:
        return self.year_from is not None or self.year_to is not None or bool(self.author or self.venue or self.category)

    @property
    def author_family(self) -> str:
        return family_name(self.author) if self.author else ""

    @classmethod
    def parse(
        cls, year: str | int | None = None, author: str | None = None, venue: str | None = None, category: str | None = None
    ) -> Filters:
        """From the CLI's and the app's text forms; a value it cannot use raises a one-line FilterError."""
        year_from, year_to = parse_year_range(year)
        return cls(
            year_from,
            year_to,
            _author(author),
            _text("--venue", venue, "a part of the venue's name, e.g. CVPR"),
            _category(category),
        )

    @classmethod
    def from_json(cls, data: object) -> Filters:
        """The API's `filters` object: {"year": "2024:" | 2025, "author", "venue", "category"} (or year_from/year_to)."""
        if data is None:
            return cls()
        if not isinstance(data, Mapping):
            raise FilterError('filters must be an object like {"year": "2024:", "author": "Black", "venue": "CVPR", "category": "cs.CV"}')
        unknown = sorted(set(data) - {*FIELDS, "year_from", "year_to", "from_question", "summary"})
        if unknown:
            raise FilterError(f"unknown filter {unknown[0]!r}; use year, author, venue or category")
        for key in ("author", "venue", "category"):
            if data.get(key) is not None and not isinstance(data[key], str):
                raise FilterError(f"filter {key!r} takes a string")
        year = data.get("year")
        if year is None and (data.get("year_from") is not None or data.get("year_to") is not None):
            year = f"{_year_text(data.get('year_from'))}:{_year_text(data.get('year_to'))}"
        if year is not None and not isinstance(year, (str, int)) or isinstance(year, bool):
            raise FilterError(f"year takes {YEAR_FORMS}")
        return cls.parse(year, data.get("author"), data.get("venue"), data.get("category"))

    def merged(self, read: Filters) -> Filters:
        """These filters, with the fields they leave open taken from `read` (what the question says)."""
        taken: list[str] = []
        changes: dict[str, Any] = {}
        if self.year_from is None and self.year_to is None and (read.year_from is not None or read.year_to is not None):
            changes.update(year_from=read.year_from, year_to=read.year_to)
            taken.append("year")
        for key in ("author", "venue", "category"):
            if not getattr(self, key) and getattr(read, key):
                changes[key] = getattr(read, key)
                taken.append(key)
        return replace(self, **changes, from_question=tuple(taken)) if changes else self

    def conditions(self) -> list[str]:
        """Each limit in words: "year ≥ 2025", "author Black", "venue containing “CVPR”", "category cs.CV"."""
        out: list[str] = []
        if self.year_from is not None and self.year_to is not None:
            out.append(f"year {self.year_from}" if self.year_from == self.year_to else f"year {self.year_from}–{self.year_to}")
        elif self.year_from is not None:
            out.append(f"year ≥ {self.year_from}")
        elif self.year_to is not None:
            out.append(f"year ≤ {self.year_to}")
        if self.author:
            out.append(f"author {self.author}")
        if self.venue:
            out.append(f"venue containing \u201c{self.venue}\u201d")
        if self.category:
            out.append(f"category {self.category}")
        return out

    def summary(self) -> str:
        """"filtered to 2025–, author Black": the echo shown with an answer."""
        parts: list[str] = []
        if self.year_from is not None or self.year_to is not None:
            start = "" if self.year_from is None else str(self.year_from)
            end = "" if self.year_to is None else str(self.year_to)
            parts.append(start if start == end else f"{start}–{end}")
        if self.author:
            parts.append(f"author {self.author}")
        if self.venue:
            parts.append(f"venue {self.venue}")
        if self.category:
            parts.append(self.category)
        return "filtered to " + ", ".join(parts) if parts else ""

    def no_match_message(self) -> str:
        return f"No paper in the collection matches {' and '.join(self.conditions())} — widen the filter"

    def to_json(self) -> dict[str, Any]:
        """The answer contract's `filters`: the fields applied, which came from the question, and the echo."""
        out: dict[str, Any] = {}
        if self.year_from is not None:
            out["year_from"] = self.year_from
        if self.year_to is not None:
            out["year_to"] = self.year_to
        for key in ("author", "venue", "category"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        out["from_question"] = list(self.from_question)
        out["summary"] = self.summary()
        return out



def keep_papers(papers: list[Paper], filters: Filters | None) -> list[Paper]:
    """The papers `filters` keeps, in their order (the library's list; retrieval uses the index's `Facets`)."""
    if not filters:
        return papers
    rows = Facets.of(papers).scope(filters).rows
    return [paper for paper, kept in zip(papers, rows, strict=True) if kept]


def parse_year_range(value: str | int | None) -> tuple[int | None, int | None]:
    """"2025" → (2025, 2025); "2024:" → (2024, None); ":2023" → (None, 2023); "2023:2025" → (2023, 2025)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    text = str(value).strip().replace("\u2013", ":").replace("..", ":")
    match = re.fullmatch(r"(\d{4})?\s*(:?)\s*(\d{4})?", text)
    start = int(match.group(1)) if match and match.group(1) else None
    end = int(match.group(3)) if match and match.group(3) else None
    colon = bool(match and match.group(2))
    if not match or (start is None and end is None) or (not colon and end is not None):
        raise FilterError(f"--year takes {YEAR_FORMS}, not {str(value)[:40]!r}")
    if not colon:
        end = start
    for year in (start, end):
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            raise FilterError(f"--year {year} is not a year; --year takes {YEAR_FORMS}")
    if start is not None and end is not None and start > end:
        raise FilterError(f"--year {value}: the first year is after the second; write {end}:{start}")
    return start, end


def _year_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise FilterError(f"year takes {YEAR_FORMS}")
    return str(value)


def _text(flag: str, value: str | None, example: str) -> str:
    text = " ".join((value or "").split())
    if value is not None and value.strip() == "" and value != "":
        raise FilterError(f"{flag} is empty; give {example}")
    if len(text) > MAX_FILTER_CHARS:
        raise FilterError(f"{flag} is {len(text)} characters; give {example}")
    if any(not ch.isprintable() for ch in text):
        raise FilterError(f"{flag} has control characters; give {example}")
    return text


def _author(value: str | None) -> str:
    text = _text("--author", value, "a name, e.g. Black or Michael J. Black")
    if text and not re.search(r"[^\W\d_]", family_name(text)):
        raise FilterError(f"--author takes a name such as Black or Michael J. Black, not {text[:40]!r}")
    return text


def _category(value: str | None) -> str:
    text = _text("--category", value, "an arXiv category, e.g. cs.CV")
    if text and not re.fullmatch(r"[A-Za-z][\w.-]*", text):
        raise FilterError(f"--category takes an arXiv category such as cs.CV, not {text[:40]!r}")
    return text


@dataclass(frozen=True)
class Scope:
    """A filter resolved against one collection."""

    rows: np.ndarray  # bool per keyword-index row: the papers that pass
    paper_ids: frozenset[str]
    where: dict[str, Any] | None  # for Chroma (chunks and papers); None when nothing passes

    @property
    def count(self) -> int:
        return len(self.paper_ids)


@dataclass
class Facets:
    """Each paper's filterable fields, by keyword-index row, with inverted lists to resolve a filter."""

    paper_ids: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  # 0: unknown
    author_keys: list[list[str]] = field(default_factory=list)  # as stored in Chroma (lower-cased, accents kept)
    venue_keys: list[str] = field(default_factory=list)  # as stored: the venue lower-cased; "" unknown
    categories: list[list[str]] = field(default_factory=list)
    authors: list[list[str]] = field(default_factory=list)  # the names as stored ("Michael J. Black"), for given names
    _lookup: _Tables | None = field(default=None, init=False, repr=False, compare=False)
    _scopes: dict[Filters, Scope] = field(default_factory=dict, init=False, repr=False, compare=False)

    def add(self, paper: Paper) -> None:
        stored = paper.filter_metadata()
        self.paper_ids.append(paper.paper_id)
        year = stored.get("year")
        self.years.append(year if isinstance(year, int) else 0)
        self.author_keys.append(_strings(stored.get("author_keys")))
        self.venue_keys.append(str(stored.get("venue_key") or ""))
        self.categories.append(_strings(stored.get("categories")))
        self.authors.append(list(paper.authors))

    @classmethod
    def of(cls, papers: Iterable[Paper]) -> Facets:
        facets = cls()
        for paper in papers:
            facets.add(paper)
        return facets

    def subset(self, rows: Iterable[int]) -> Facets:
        """The facets of these rows only, in this order (an index update keeps the rows it does not replace)."""
        rows = list(rows)
        return Facets(
            [self.paper_ids[r] for r in rows],
            [self.years[r] for r in rows],
            [self.author_keys[r] for r in rows],
            [self.venue_keys[r] for r in rows],
            [self.categories[r] for r in rows],
            [self.authors[r] for r in rows],
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "years": self.years, "author_keys": self.author_keys, "venue_keys": self.venue_keys,
            "categories": self.categories, "authors": self.authors,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any], paper_ids: list[str]) -> Facets:
        facets = cls(
            list(paper_ids), list(data["years"]), data["author_keys"], data["venue_keys"], data["categories"], data["authors"]
        )
        columns = (facets.years, facets.author_keys, facets.venue_keys, facets.categories, facets.authors)
        if any(len(column) != len(paper_ids) for column in columns):
            raise ValueError("facets do not line up with the index's papers")
        return facets

    # --- what the collection holds (the question reader only filters on values that exist) ----------

    @property
    def has_years(self) -> bool:
        return any(self.years)

    @property
    def has_authors(self) -> bool:
        return any(self.author_keys)

    def knows_author(self, name: str) -> bool:
        """Whether a paper is by `name`: "Black" any Black, "Michael J. Black" a Black whose given names fit."""
        return bool(self._people(name))

    def _people(self, name: str) -> list[int]:
        """The rows with an author of `name`: its family name, and given names that fit where it has them."""
        tables = self._tables()
        family, given = fold(family_name(name)), given_names(name)
        if not given:
            return tables.authors.get(family, [])
        return list(dict.fromkeys(row for row, stored in tables.people(family) if same_person(given, stored)))

    def venues_with_word(self, word: str) -> bool:
        """Whether a stored venue is `word`'s: has it as a whole word ("CVPR" in "… Recognition (CVPR)"), or,
        for a well-known acronym, its full name ("ECCV" for "European Conference on Computer Vision")."""
        return any(venue_matches(word, venue) for venue in self._tables().venues)

    def knows_category(self, category: str) -> bool:
        return category.casefold() in self._tables().categories

    # --- resolving --------------------------------------------------------------------------------------

    def scope(self, filters: Filters) -> Scope:
        """The papers `filters` keeps, and the Chroma clause that keeps the same ones (cached per filter)."""
        key = replace(filters, from_question=())
        if key not in self._scopes:
            if len(self._scopes) > 64:
                self._scopes.clear()
            self._scopes[key] = self._resolve(key)
        return self._scopes[key]

    def _resolve(self, filters: Filters) -> Scope:
        tables = self._tables()
        rows = np.ones(len(self.paper_ids), dtype=bool)
        clauses: list[dict[str, Any]] = []
        if filters.year_from is not None or filters.year_to is not None:
            years = np.asarray(self.years, dtype=np.int64)
            rows &= years > 0
            if filters.year_from is not None:
                rows &= years >= filters.year_from
            if filters.year_to is not None:
                rows &= years <= filters.year_to
            if filters.year_from is not None and filters.year_from == filters.year_to:
                clauses.append({"year": filters.year_from})
            else:
                if filters.year_from is not None:
                    clauses.append({"year": {"$gte": filters.year_from}})
                if filters.year_to is not None:
                    clauses.append({"year": {"$lte": filters.year_to}})
        narrowed: list[int] | None = None
        if filters.author:
            key = fold(filters.author_family)
            clauses.append(_any_of("author_keys", "$contains", sorted(tables.spellings.get(key, ()))))
            if given_names(filters.author):
                narrowed = self._people(filters.author)  # Chroma sees family names only: the rows go as ids
                rows &= _mask(len(rows), narrowed)
            else:
                rows &= _mask(len(rows), tables.authors.get(key, []))
        if filters.venue:
            matching = sorted(v for v in tables.venues if venue_matches(filters.venue, v))
            rows &= _mask(len(rows), [row for venue in matching for row in tables.venues[venue]])
            clauses.append({"venue_key": {"$in": matching}} if len(matching) != 1 else {"venue_key": matching[0]})
        if filters.category:
            kept = tables.categories.get(filters.category.casefold(), [])
            spelled = sorted({c for row in kept for c in self.categories[row] if c.casefold() == filters.category.casefold()})
            rows &= _mask(len(rows), kept)
            clauses.append(_any_of("categories", "$contains", spelled))
        ids = frozenset(self.paper_ids[i] for i in np.flatnonzero(rows))
        if narrowed is not None and ids:
            clauses.append({"paper_id": {"$in": sorted(ids)}})
        where = None
        if ids:
            where = clauses[0] if len(clauses) == 1 else {"$and": clauses}
        return Scope(rows, ids, where)

    def _tables(self) -> _Tables:
        """folded family name → rows; folded family name → stored spellings; venue_key → rows; category → rows."""
        if self._lookup is None:
            authors: dict[str, list[int]] = defaultdict(list)
            spellings: dict[str, set[str]] = defaultdict(set)
            venues: dict[str, list[int]] = defaultdict(list)
            categories: dict[str, list[int]] = defaultdict(list)
            for row, (keys, venue, cats) in enumerate(zip(self.author_keys, self.venue_keys, self.categories, strict=True)):
                for stored in keys:
                    authors[fold(stored)].append(row)
                    spellings[fold(stored)].add(stored)
                if venue:
                    venues[venue].append(row)
                for category in cats:
                    categories[category.casefold()].append(row)
            self._lookup = _Tables(dict(authors), dict(spellings), dict(venues), dict(categories), self.authors)
        return self._lookup


@dataclass(frozen=True)
class _Tables:
    """The inverted lists a filter is resolved with (`Facets._tables`)."""

    authors: dict[str, list[int]]  # folded family name → rows
    spellings: dict[str, set[str]]  # folded family name → the stored spellings of `author_keys`
    venues: dict[str, list[int]]  # venue_key → rows
    categories: dict[str, list[int]]  # folded category → rows
    names: list[list[str]]  # each row's authors as stored
    _people: dict[str, list[tuple[int, tuple[str, ...]]]] = field(default_factory=dict)

    def people(self, family: str) -> list[tuple[int, tuple[str, ...]]]:
        """(row, given names) of each stored author whose family name folds to `family`; read once per family (the
        20,000 Wang authors of 74,807 papers take 0.3 s), since every question that names one asks again."""
        if family not in self._people:
            rows = dict.fromkeys(self.authors.get(family, []))
            self._people[family] = [
                (row, given_names(name)) for row in rows for name in self.names[row] if fold(family_name(name)) == family
            ]
        return self._people[family]


# Acronym → full name of the venues researchers name most in computer science. Zotero's CSL-JSON and most
# RIS exports store the full name ("European Conference on Computer Vision") and people type the acronym
# ("at ECCV"), or the reverse. Written here because no maintained package maps venue acronyms; a venue not
# listed still matches on any part of its stored name.
VENUE_NAMES = {
    "aaai": "aaai conference on artificial intelligence",
    "acl": "annual meeting of the association for computational linguistics",
    "aistats": "international conference on artificial intelligence and statistics",
    "bmvc": "british machine vision conference",
    "chi": "conference on human factors in computing systems",
    "corl": "conference on robot learning",
    "cvpr": "conference on computer vision and pattern recognition",
    "eccv": "european conference on computer vision",
    "emnlp": "conference on empirical methods in natural language processing",
    "iccv": "international conference on computer vision",
    "iclr": "international conference on learning representations",
    "icml": "international conference on machine learning",
    "icra": "international conference on robotics and automation",
    "ijcv": "international journal of computer vision",
    "iros": "international conference on intelligent robots and systems",
    "kdd": "conference on knowledge discovery and data mining",
    "miccai": "medical image computing and computer assisted intervention",
    "naacl": "north american chapter of the association for computational linguistics",
    "neurips": "neural information processing systems",
    "nips": "neural information processing systems",
    "sigir": "conference on research and development in information retrieval",
    "tmlr": "transactions on machine learning research",
    "tog": "acm transactions on graphics",
    "tpami": "transactions on pattern analysis and machine intelligence",
    "wacv": "winter conference on applications of computer vision",
}


def venue_matches(wanted: str, venue: str) -> bool:
    """`wanted` names `venue`: a part of its name ("CVPR" in "… (CVPR)"), or a listed acronym and its full
    name either way round ("ECCV" / "European Conference on Computer Vision"). A listed acronym matches as a
    whole word only: "ACL" is not NAACL."""
    wanted, venue = fold(wanted), fold(venue)
    words = re.sub(r"[^\w&]+", " ", wanted).strip()
    if wanted in VENUE_NAMES:
        return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", venue) is not None or VENUE_NAMES[wanted] in venue
    if wanted in venue:
        return True
    return any(
        name in words and re.search(rf"(?<!\w){acronym}(?!\w)", venue) is not None for acronym, name in VENUE_NAMES.items()
    )


def _strings(value: object) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def _mask(size: int, rows: list[int]) -> np.ndarray:
    mask = np.zeros(size, dtype=bool)
    mask[rows] = True
    return mask


def _any_of(key: str, operator: str, values: list[str]) -> dict[str, Any]:
    clauses = [{key: {operator: value}} for value in values]
    return clauses[0] if len(clauses) == 1 else {"$or": clauses}


# --- constraints written in the question -------------------------------------------------------------

_YEAR = r"((?:19|20)\d\d)"
_YEAR_CUES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), form)
    for pattern, form in (
        (rf"\bbetween\s+{_YEAR}\s+and\s+{_YEAR}\b", "range"),
        (rf"\bfrom\s+{_YEAR}\s*(?:to|until|through|[-–])\s*{_YEAR}\b", "range"),
        (rf"\b{_YEAR}\s*[–-]\s*{_YEAR}\b", "range"),
        (rf"\b(?:since|from|after|starting(?:\s+in)?)\s+{_YEAR}(?:\s+on(?:ward)?s?)?\b(?!\s*[–-]\s*\d)", "from"),
        (rf"\b{_YEAR}\s+(?:and|or)\s+(?:later|after|newer|onwards?)\b", "from"),
        (rf"\b(?:before|prior\s+to)\s+{_YEAR}\b", "before"),
        (rf"\b(?:until|up\s+to|through|no\s+later\s+than)\s+{_YEAR}\b", "to"),
        (rf"\b{_YEAR}\s+(?:and|or)\s+(?:earlier|before|older)\b", "to"),
        (rf"\b(?:in|during|of|published\s+in|from\s+the\s+year)\s+{_YEAR}\b(?!\s*[–-]\s*\d)", "in"),
        (rf"\b{_YEAR}(?:'s)?\s+(?:papers?|works?|publications?|articles?|studies|methods)\b", "in"),
    )
)
_WORD = r"[A-Z][\w'’\-]*[^\W\d_]"
_NAME = rf"((?:[A-Z]\.\s*)*{_WORD}(?:\s+(?:[A-Z]\.\s*)*{_WORD}){{0,2}})"
_AUTHOR_CUES = tuple(
    re.compile(pattern)
    for pattern in (
        rf"\b{_NAME}\s+et\s+al\b",
        rf"\b(?i:papers?|works?|publications?|articles?|research|methods?|studies|anything)\s+(?i:(?:are|were|is)\s+)?(?i:(?:written|authored|published)\s+)?(?i:by)\s+{_NAME}",
        rf"\b(?i:written|authored|co-?authored|proposed|introduced|published)\s+(?i:by)\s+{_NAME}",
        rf"\b{_NAME}['’]s\s+(?:\w+\s+)?(?i:papers?|work|works|research|methods?|group|lab|team|publications?)\b",
        rf"\b(?i:work|papers?|research|publications?)\s+of\s+{_NAME}\b",
        rf"\b(?i:has|have|did|does)\s+{_NAME}\s+(?i:propos\w*|publish\w*|writ\w*|wrote|introduc\w*|d[oi]n?e?|work\w*)\b",
    )
)
_VENUE = r"([A-Za-z0-9][A-Za-z0-9&\-]*[A-Z][A-Za-z0-9&\-]*)"
_VENUE_CUES = tuple(
    re.compile(pattern)
    for pattern in (
        rf"\b(?i:at|in|from|to)\s+(?i:the\s+)?{_VENUE}(?:\s+{_YEAR})?(?![\w\-])",
        rf"(?<![\w\-]){_VENUE}\s+(?:{_YEAR}\s+)?(?i:papers?|publications?|proceedings|submissions?)\b",
    )
)
_CATEGORY = re.compile(r"(?<![\w.])([a-zA-Z]+(?:-[a-zA-Z]+)?\.[A-Za-z]{2})(?!\w)(?!\.\w)")


def read_filters(question: str, facets: Facets) -> Filters:
    """The year range, author, venue and category the question states in words, where the collection has them.

    Deterministic and conservative: a cue word is needed ("since 2025", "by Black", "Black et al.", "at
    CVPR"), and an author, venue or category counts only if the collection stores it, so "Black-box
    attacks" and "CVPR-style benchmarks" filter nothing. A year needs only that the collection stores years.
    """
    year_from, year_to = _read_years(question) if facets.has_years else (None, None)
    author, _ = _read_author(question, facets)
    venue_match = next(
        (match for cue in _VENUE_CUES for match in cue.finditer(question)
         if _looks_like_acronym(match.group(1)) and facets.venues_with_word(match.group(1))),
        None,
    )  # fmt: skip
    venue = venue_match.group(1) if venue_match else ""
    if venue_match and venue_match.group(2) and year_from is None and year_to is None and facets.has_years:
        year_from = year_to = int(venue_match.group(2))  # "at CVPR 2023": that year's edition
    category = next((m.group(1) for m in _CATEGORY.finditer(question) if facets.knows_category(m.group(1))), "")
    read = Filters(year_from, year_to, author, venue, category)
    return replace(read, from_question=tuple(f for f in FIELDS if _has(read, f))) if read else read


# Words that ask for papers without saying what about: "What has Black proposed since 2025?", "papers by Black".
_ASKING = frozenset(
    keyword_tokens(
        "propose proposed published publish wrote written write introduced introduce done did work worked author "
        "authored recent recently latest newest new list show find give everything anything papers publications "
        "articles research studies contributions contributed appeared released came out"
    )
)


def asks_only_for_limits(question: str, filters: Filters) -> bool:
    """Whether the question says nothing but the limits `filters` were read from: with the year, author, venue and
    category cues taken out, no word of a topic is left ("What did Michael J. Black publish in 2025?")."""
    rest = question
    cues: list[re.Pattern[str]] = []
    if filters.year_from is not None or filters.year_to is not None:
        cues += [cue for cue, _ in _YEAR_CUES]
    if filters.author:
        cues += list(_AUTHOR_CUES)
    if filters.venue:
        cues += list(_VENUE_CUES)
    if filters.category:
        cues.append(_CATEGORY)
    for cue in cues:
        rest = cue.sub(" ", rest)
    return not [term for term in keyword_tokens(rest) if term not in _ASKING]


def unapplied(question: str, facets: Facets) -> list[str]:
    """What the question limits in words that this collection cannot filter on, said back to the reader:
    "since 2025" where no paper has a year, "papers by Smith" where no paper is by Smith. Without this the
    answer came from every paper and said nothing of the limit it left out. Only unmistakable cues count
    ("ECON's method" is not an author's work)."""
    notes = []
    year = None if facets.has_years else _year_cue(question)
    if year is not None:
        said = re.sub(r"\s+on$", "", year[0].group(0))  # "from 2024 on virtual try-on": the "on" is the topic's
        notes.append(f"\u201c{said}\u201d was not applied: no paper in this collection has a year")
    et_al = next(_AUTHOR_CUES[0].finditer(question), None)  # "Xiu et al.": the capture may hold the word before
    by = next(_AUTHOR_CUES[1].finditer(question), None)  # "papers by Black"
    author = et_al or by
    stranger = _read_author(question, facets)[1]
    if author is not None and not any(facets.knows_author(name) for name in _family_names(author.group(1))):
        name = author.group(1).split()[-1] if author is et_al else author.group(1)
        said = f"{name} et al." if author is et_al else author.group(0)
        why = f"no paper in this collection is by {name}" if facets.has_authors else "no paper in this collection lists its authors"
        notes.append(f"\u201c{said}\u201d was not applied: {why}")
    elif stranger is not None:
        notes.append(f"\u201c{stranger.group(0)}\u201d was not applied: no paper in this collection is by {_person(stranger.group(1))}")
    return notes


_NAME_BEFORE_CUE = (0, 3)  # "Summarize Xiu et al.", "Xiu's papers": the capture may start with a word of the sentence


def _read_author(question: str, facets: Facets) -> tuple[str, re.Match[str] | None]:
    """(the author the question names, as the collection can filter on it, or ""; the cue's match when it names
    a person the collection does not have, though it has others of the family name: "papers by John Black").

    A name with given names ("Michael J. Black", "M. Black") is kept whole when a stored author fits it, so the
    filter keeps that Black only; a bare family name keeps every author of it."""
    for index, cue in enumerate(_AUTHOR_CUES):
        for match in cue.finditer(question):
            said = _person(match.group(1))
            words = said.split()
            whole = [" ".join(words[start:]) for start in range(len(words))] if index in _NAME_BEFORE_CUE else [said]
            for name in whole:
                if given_names(name) and facets.knows_author(name):
                    return name, None
            if index not in _NAME_BEFORE_CUE and given_names(said) and facets.knows_author(family_name(said)):
                return "", match
            for name in _family_names(said):
                if facets.knows_author(name):
                    return name, None
    return "", None


def _person(captured: str) -> str:
    """The name in a cue's capture, without quotes and the capitalized words that are no name ("The", "What")."""
    words = [w.strip("'’") for w in captured.split()]
    while words and words[0].lower() in _NOT_NAMES:
        words.pop(0)
    return " ".join(w for w in words if w)


def _year_cue(question: str) -> tuple[re.Match[str], str] | None:
    """The first year cue the question has, and its form ("range", "from", "before", "to", "in")."""
    for cue, form in _YEAR_CUES:
        match = cue.search(question)
        if match:
            return match, form
    return None


def _read_years(question: str) -> tuple[int | None, int | None]:
    found = _year_cue(question)
    if found is None:
        return (None, None)
    match, form = found
    first = int(match.group(1))
    if form == "range":
        second = int(match.group(2))
        return (min(first, second), max(first, second))
    if form == "from":
        after = re.match(r"after", match.group(0), re.IGNORECASE)
        return (first + 1 if after else first, None)
    if form == "before":
        return (None, first - 1)
    if form == "to":
        return (None, first)
    return (first, first)


def _family_names(name: str) -> list[str]:
    """Candidates for the family name in "Michael J. Black" or "Black": the last word first, then the first."""
    words = [w.strip("'’") for w in name.split()]
    words = [w for w in words if w]
    candidates = [family_name(" ".join(words))] if words else []
    candidates += [w for w in (words[-1:] + words[:1]) if w not in candidates]
    return [c for c in candidates if c and c.lower() not in _NOT_NAMES]


# Capitalized words a cue can catch that are never a family name a question means ("by The", "at Scale").
_NOT_NAMES = frozenset(
    ["the", "a", "an", "this", "that", "these", "those", "which", "what", "who", "whom", "whose", "how", "why", "when", "where", "it", "its", "their", "our", "his", "her", "using", "means", "way", "ways", "contrast", "comparison", "default", "design"]
)


def _looks_like_acronym(word: str) -> bool:
    """"CVPR", "NeurIPS", "3DV", "ICLR": two capitals at least (a venue named by a common word is too risky)."""
    return sum(ch.isupper() for ch in word) >= 2 and len(word) >= 3


def _has(filters: Filters, name: str) -> bool:
    if name == "year":
        return filters.year_from is not None or filters.year_to is not None
    return bool(getattr(filters, name))
