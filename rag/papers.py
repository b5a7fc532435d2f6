"""The Paper record that ingest produces and retrieval returns."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass

from rag.text import normalize_space, title_name

CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "huggingface.co", "gitee.com", "codeberg.org")


@dataclass(frozen=True)
class Link:
    url: str
    kind: str  # "code" | "project"


@dataclass(frozen=True)
class Paper:
    paper_id: str
    title: str
    abstract: str
    links: tuple[Link, ...] = ()
    authors: str = ""
    year: str = ""
    source: str = ""  # file:line it came from

    @property
    def url(self) -> str | None:
        """The link a citation points at: the project page if any, else the code."""
        for kind in ("project", "code"):
            for link in self.links:
                if link.kind == kind:
                    return link.url
        return None

    @property
    def name(self) -> str | None:
        return title_name(self.title)

    @property
    def content_hash(self) -> str:
        """Changes whenever anything stored for the paper changes: drives idempotent upserts."""
        payload = json.dumps([self.title, self.abstract, [(lk.url, lk.kind) for lk in self.links], self.authors, self.year])
        return hashlib.sha256(payload.encode()).hexdigest()[:16]

    def metadata(self) -> dict[str, str]:
        return {
            "paper_id": self.paper_id,
            "title": self.title,
            "links": json.dumps([[lk.url, lk.kind] for lk in self.links]),
            "authors": self.authors,
            "year": self.year,
            "source": self.source,
            "content_hash": self.content_hash,
        }

    @classmethod
    def from_metadata(cls, abstract: str, meta: dict[str, object]) -> Paper:
        links = tuple(Link(url, kind) for url, kind in json.loads(str(meta.get("links") or "[]")))
        return cls(
            paper_id=str(meta["paper_id"]),
            title=str(meta["title"]),
            abstract=abstract,
            links=links,
            authors=str(meta.get("authors") or ""),
            year=str(meta.get("year") or ""),
            source=str(meta.get("source") or ""),
        )


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
    authors: str = "",
    year: str = "",
    paper_id: str | None = None,
) -> Paper:
    title = normalize_space(title)
    abstract = normalize_space(abstract)
    links = list(extract_links(abstract))
    if url:
        explicit = extract_links(url)  # a url that is not a web address (parsers reject it first) adds no link
        links = [lk for lk in explicit if lk.url not in {x.url for x in links}] + links
    return Paper(
        paper_id=paper_id or paper_id_for(title),
        title=title,
        abstract=abstract,
        links=tuple(links),
        authors=normalize_space(authors),
        year=normalize_space(str(year)),
        source=source,
    )
