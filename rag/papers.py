"""The Paper record that ingest produces and retrieval returns, and how it is stored in Chroma.

Bibliographic metadata (authors, year, venue, DOI, arXiv id, categories) is stored as Chroma
scalars and string arrays (`year` an int, `author_keys` and `categories` string lists), so a
filter can be a Chroma `where` clause (`{"year": {"$gte": 2025}}`, `{"author_keys": {"$contains": "black"}}`)
on the papers collection and on every chunk, rather than a post-filter that empties the top-k.
Records written before the metadata existed (METADATA_SCHEMA absent) still read back as Papers.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rag.text import normalize_space, title_name

METADATA_SCHEMA = 2  # 1 (no "schema" key): authors and year as free text, no venue/doi/arXiv id/categories

CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "huggingface.co", "gitee.com", "codeberg.org")


@dataclass(frozen=True)
class Link:
    url: str
    kind: str  # "code" | "project"


@dataclass(frozen=True)
class PaperMeta:
    """The bibliographic part of a paper, which citations and retrieved papers repeat in the answer JSON."""

    authors: tuple[str, ...] = ()  # as the source wrote them: "Family, Given" or "Given Family"
    authors_omitted: int = 0  # names left out of a list too long to store ("… et al.")
    year: int | None = None
    venue: str = ""
    doi: str = ""  # bare: 10.xxxx/…, no resolver prefix
    arxiv_id: str = ""  # without version: 2503.11731 or hep-th/9901001
    categories: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """Only the fields the paper has: the answer contract's additive extension."""
        out: dict[str, Any] = {}
        if self.authors:
            out["authors"] = list(self.authors)
        if self.authors_omitted:
            out["authors_omitted"] = self.authors_omitted
        if self.year is not None:
            out["year"] = self.year
        for key in ("venue", "doi", "arxiv_id"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        if self.categories:
            out["categories"] = list(self.categories)
        return out

    def author_line(self, limit: int = 3) -> str:
        """"Xiu, Yang, Tzionas et al." for a card or a table cell; "" when no authors are known."""
        if not self.authors:
            return ""
        families = [family_name(name) or name for name in self.authors]
        if len(families) <= limit and not self.authors_omitted:
            return ", ".join(families)
        return ", ".join(families[:limit]) + " et al."


@dataclass(frozen=True)
class Paper:
    paper_id: str
    title: str
    abstract: str
    links: tuple[Link, ...] = ()
    authors: tuple[str, ...] = ()
    year: int | None = None
    source: str = ""  # file:line it came from
    venue: str = ""
    doi: str = ""
    arxiv_id: str = ""
    categories: tuple[str, ...] = ()
    authors_omitted: int = 0  # a list over the stored limit keeps its first names; this counts the rest

    @property
    def url(self) -> str | None:
        """The link a citation points at: the project page if any, else the code, else the arXiv page, else the DOI."""
        for kind in ("project", "code"):
            for link in self.links:
                if link.kind == kind:
                    return link.url
        if self.arxiv_id:
            return f"https://arxiv.org/abs/{self.arxiv_id}"
        return f"https://doi.org/{self.doi}" if self.doi else None

    @property
    def name(self) -> str | None:
        return title_name(self.title)

    @property
    def meta(self) -> PaperMeta:
        return PaperMeta(
            self.authors, self.authors_omitted, self.year, self.venue, self.doi, self.arxiv_id, self.categories
        )

    @property
    def text_hash(self) -> str:
        """Changes when what is embedded changes (title, abstract): a change of metadata alone re-embeds nothing."""
        return hashlib.sha256(json.dumps([self.title, self.abstract]).encode()).hexdigest()[:16]

    @property
    def content_hash(self) -> str:
        """Changes whenever anything stored for the paper changes: drives idempotent upserts."""
        payload = json.dumps(
            [
                self.title,
                self.abstract,
                [(lk.url, lk.kind) for lk in self.links],
                list(self.authors),
                self.authors_omitted,
                self.year,
                self.venue,
                self.doi,
                self.arxiv_id,
                list(self.categories),
            ]
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def filter_metadata(self) -> dict[str, str | int | list[str]]:
        """The fields a filter can match, as Chroma metadata; stored on the paper record and on each chunk.

        Empty values are left out (Chroma refuses empty lists, and a missing key never matches a filter).
        """
        out: dict[str, str | int | list[str]] = {}
        if self.year is not None:
            out["year"] = self.year
        keys = author_keys(self.authors)
        if keys:
            out["author_keys"] = keys
        if self.venue:
            out["venue_key"] = self.venue.casefold()
        if self.categories:
            out["categories"] = list(self.categories)
        if self.arxiv_id:
            out["arxiv_id"] = self.arxiv_id
        return out

    def metadata(self) -> dict[str, str | int | list[str]]:
        out: dict[str, str | int | list[str]] = {
            "paper_id": self.paper_id,
            "title": self.title,
            "links": json.dumps([[lk.url, lk.kind] for lk in self.links]),
            "source": self.source,
            "content_hash": self.content_hash,
            "text_hash": self.text_hash,
            "schema": METADATA_SCHEMA,
            **self.filter_metadata(),
        }
        if self.authors:
            out["authors"] = list(self.authors)
        if self.authors_omitted:
            out["authors_omitted"] = self.authors_omitted
        if self.venue:
            out["venue"] = self.venue
        if self.doi:
            out["doi"] = self.doi
        return out

    @classmethod
    def from_metadata(cls, abstract: str, meta: dict[str, object]) -> Paper:
        links = tuple(Link(url, kind) for url, kind in json.loads(str(meta.get("links") or "[]")))
        return cls(
            paper_id=str(meta["paper_id"]),
            title=str(meta["title"]),
            abstract=abstract,
            links=links,
            authors=_stored_authors(meta.get("authors")),
            year=parse_year(meta.get("year")),
            source=str(meta.get("source") or ""),
            venue=str(meta.get("venue") or ""),
            doi=str(meta.get("doi") or ""),
            arxiv_id=str(meta.get("arxiv_id") or ""),
            categories=_stored_list(meta.get("categories")),
            authors_omitted=int(str(meta.get("authors_omitted") or 0)),
        )


def _stored_list(value: object) -> tuple[str, ...]:
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


def _stored_authors(value: object) -> tuple[str, ...]:
    """A list (schema 2), or schema 1's one free-text string, kept whole rather than guessed apart."""
    if isinstance(value, list):
        return tuple(str(name) for name in value)
    return (str(value),) if value else ()


_YEAR = re.compile(r"(?<!\d)(1[5-9]\d\d|2[01]\d\d)(?!\d)")


def parse_year(value: object) -> int | None:
    """The first plausible year (1500–2199) in an int or a date-like string ("2023", "2023/05/01/", "May 2023")."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value if 1500 <= value <= 2199 else None
    if isinstance(value, float):
        return parse_year(int(value)) if value.is_integer() else None
    match = _YEAR.search(str(value))
    return int(match.group(1)) if match else None


_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_INITIALS = re.compile(r"(?:[A-Z]\.-?)+")


def family_name(name: str) -> str:
    """"Black, Michael J." → "Black"; "Michael J. Black" → "Black"; "Martin Luther King Jr." → "King";
    Scopus's "Kim S.S." (family, then initials) → "Kim"."""
    name = name.strip()
    if "," in name:
        return name.split(",", 1)[0].strip()
    words = name.split()
    while len(words) > 1 and words[-1].casefold() in _NAME_SUFFIXES:
        words.pop()
    if len(words) > 1 and _INITIALS.fullmatch(words[-1]):
        while len(words) > 1 and _INITIALS.fullmatch(words[-1]):
            words.pop()
        return " ".join(words)
    return words[-1] if words else ""


def given_names(name: str) -> tuple[str, ...]:
    """The given names and initials of an author, case- and accent-folded, one per part: "Black, Michael J." →
    ("michael", "j"); "Michael J. Black" → the same; "J.-L. Picard" → ("j", "l"); "Black" → ()."""
    name = name.strip()
    family = family_name(name)
    if "," in name:
        rest = name.split(",", 1)[1]
    else:
        words = name.split()
        while len(words) > 1 and words[-1].casefold() in _NAME_SUFFIXES:
            words.pop()
        text = " ".join(words)
        at = text.rfind(family) if family else -1
        rest = text[:at] + text[at + len(family) :] if at >= 0 else ""
    parts = re.findall(r"[^\W\d_]+", fold(rest))
    return tuple(part for part in parts if part not in _NAME_SUFFIXES)


def same_person(given: Sequence[str], stored: Sequence[str]) -> bool:
    """Whether given names `given` (as `given_names` folds them) can be those of an author stored with `stored`:
    part by part, in order, each the same word or one the other's initial ("michael j" fits "m", "michael" and
    "michael j", not "michael k" or "j"). No given name fits anyone; a stored author without one fits no given
    name, since nothing says who they are. A name written with or without its hyphen or space is the same name
    ("shutao" fits "shu tao", from "Shu-Tao")."""
    if not given:
        return True
    if not stored:
        return False
    if len(given) != len(stored) and "".join(given) == "".join(stored):
        return True
    pairs = zip(given, stored, strict=False)  # a middle name one side leaves out is no contradiction
    return all(a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)) for a, b in pairs)


def fold(text: str) -> str:
    """Case- and accent-insensitive key: "Müller" → "muller", "ÉCOLE" → "ecole"."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


def author_keys(authors: Sequence[str]) -> list[str]:
    """Lower-cased family names, each once, in order: what `--author Black` matches (Chroma `$contains`)."""
    keys: list[str] = []
    for name in authors:
        key = unicodedata.normalize("NFKC", family_name(name)).casefold()
        if key and key not in keys:
            keys.append(key)
    return keys


def paper_id_for(title: str) -> str:
    """Stable across edits of the abstract, so a corrected abstract updates the same paper.

    The key is the title's words in any script (an ASCII-only key made every Arabic or
    Chinese title the same paper); for ASCII titles it is unchanged: lower-cased a-z0-9 words.
    """
    key = " ".join(re.findall(r"[^\W_]+", unicodedata.normalize("NFKC", title).casefold()))
    return "p" + hashlib.sha1(key.encode()).hexdigest()[:12]


_URL_IN_TEXT = re.compile(
    r"https?://[^\s{}<>\"]+|(?<![\w@/.-])(?:[a-z0-9-]+\.)+(?:de|com|org|io|edu|net|ai|fr|uk|cn|ch)(?:/[^\s{}<>\"]*)?",
    re.IGNORECASE,
)


def clean_url(raw: str) -> str:
    """Strip sentence punctuation and LaTeX residue: 'x/NAISR{https://…}.' → 'x/NAISR'."""
    url = raw.split("{", 1)[0].split("}", 1)[0]
    url = url.rstrip(".,;:!?)]}'\"")
    if url.count("(") < url.count(")"):
        url = url.rstrip(")")
    return url


_WEB_URL = re.compile(r"https?://[\w-]+(?:\.[\w-]+)+(?::\d{1,5})?(?:[/?#][^\s\"<>\\^`{|}]*)?", re.IGNORECASE)


def is_web_url(url: str) -> bool:
    """http(s), a dotted host, and nothing that could break out of a link: no spaces, quotes, braces or
    control/format characters (a right-to-left override in a URL makes it read as another address)."""
    return bool(_WEB_URL.fullmatch(url)) and not any(unicodedata.category(ch)[0] in "CZ" for ch in url)


def extract_links(text: str) -> tuple[Link, ...]:
    links: list[Link] = []
    seen: set[str] = set()
    for match in _URL_IN_TEXT.findall(text):
        url = clean_url(match if "://" in match else f"https://{match}")
        if not is_web_url(url) or url in seen:
            continue
        host = url.split("/")[2].lower()
        seen.add(url)
        links.append(Link(url, "code" if host.endswith(CODE_HOSTS) else "project"))
    return tuple(links)


def make_paper(
    title: str,
    abstract: str,
    *,
    source: str,
    url: str | None = None,
    authors: Sequence[str] = (),
    year: int | None = None,
    paper_id: str | None = None,
    venue: str = "",
    doi: str = "",
    arxiv_id: str = "",
    categories: Sequence[str] = (),
    authors_omitted: int = 0,
) -> Paper:
    title = normalize_space(title)
    abstract = normalize_space(abstract)
    links = list(extract_links(abstract))
    if url:
        explicit = extract_links(url)  # a url that is not a web address (parsers reject it first) adds no link
        links = [lk for lk in explicit if lk.url not in {x.url for x in links}] + links
    if isinstance(authors, str):  # one free-text string is one entry, not a list of letters
        authors = [authors]
    return Paper(
        paper_id=paper_id or paper_id_for(title),
        title=title,
        abstract=abstract,
        links=tuple(links),
        authors=tuple(n for n in (normalize_space(a) for a in authors) if n),
        year=year,
        source=source,
        venue=normalize_space(venue),
        doi=doi.strip(),
        arxiv_id=arxiv_id.strip(),
        categories=tuple(c for c in (normalize_space(c) for c in categories) if c),
        authors_omitted=authors_omitted,
    )
