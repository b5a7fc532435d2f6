"""The formats research libraries come in, mapped to one canonical record.

RIS (Zotero, Mendeley, EndNote, Scopus, Web of Science), CSL-JSON (Zotero, Pandoc), arXiv
metadata (the shared `arxiv-cs` dump and the public Kaggle snapshot), BEIR corpora and
paperchat's own JSONL/CSV/BibTeX all become the same dict: title, abstract, url, id, authors
(list), year, venue, doi, arxiv_id, categories. `ingest.parsers` validates that dict the same
way whatever the format was, so the file:line rejections and metadata notes read alike.

This module knows formats only: it reads no files and builds no Papers. RIS is read here rather
than with a library because a rejection must name the line its record starts on.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

# "TI  - A title": two capitals/digits, two spaces, a hyphen, a space (the spec); one space is tolerated.
_RIS_TAG = re.compile(r"([A-Z][A-Z0-9]) {1,2}-(?: (.*))?")
_RIS_START = re.compile(r"\A\s*TY {1,2}- ", re.MULTILINE)
_BIBTEX_START = re.compile(r"\A\s*@[A-Za-z]+\s*[{(]")

# arXiv identifiers: 2503.11731 (2007 on), hep-th/9901001 (before); a version suffix is dropped.
_ARXIV_NEW = r"\d{4}\.\d{4,5}"
_ARXIV_OLD = r"[a-z][a-z-]*(?:\.[A-Z]{2})?/\d{7}"
_ARXIV_ID = re.compile(rf"({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?")
_ARXIV_IN_TEXT = re.compile(
    rf"(?:arxiv\.org/(?:abs|pdf)/|arXiv[.:]\s?|10\.48550/arXiv\.)({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?", re.IGNORECASE
)
_DOI = re.compile(r"10\.\d{4,9}/[^\s{}\"<>\\]+")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
# arXiv's own (cs.CV, hep-th) and the ACM and MSC classes its listings carry too (I.2.1, 68T07, 68Txx)
_CATEGORY = re.compile(r"[A-Za-z0-9][A-Za-z0-9.-]*")


def sniff(text: str) -> str:
    """The format of a file whose extension does not say (.txt): "ris", "json", "bibtex" or "text"."""
    text = text.lstrip("\ufeff")
    head = text.lstrip()[:1]
    if _RIS_START.search(text[:4096]):
        return "ris"
    if head in ("{", "["):
        return "json"
    if _BIBTEX_START.match(text):
        return "bibtex"
    return "text"


# --- RIS ---------------------------------------------------------------------------------------------------


def ris_records(lines: Iterator[tuple[int, str]]) -> Iterator[tuple[int, dict[str, list[str]] | None, str | None]]:
    """(line the record starts on, its tags, problem) for each TY … ER record, in order.

    A line without a tag continues the previous tag's value (exporters wrap long abstracts).
    A record cut short (no ER before the next TY or the end of the file) is a problem, not a
    paper: its abstract may be cut too. Text outside any record is reported once per stretch.
    """
    current: dict[str, list[str]] | None = None
    start = 0
    last_tag = ""
    stray = False
    for number, raw in lines:
        line = raw.rstrip()
        match = _RIS_TAG.fullmatch(line)
        if match:
            tag, value = match.group(1), (match.group(2) or "").strip()
            if tag == "TY":
                if current is not None:
                    yield start, None, "RIS record not closed with ER before the next TY"
                current, start, last_tag, stray = {"TY": [value]}, number, "TY", False
            elif current is None:
                if not stray:
                    yield number, None, f"{tag} line outside a TY … ER record; each record starts with TY  - and ends with ER  -"
                stray = True
            elif tag == "ER":
                yield start, current, None
                current, last_tag = None, ""
            else:
                current.setdefault(tag, []).append(value)
                last_tag = tag
        elif line.strip():
            if current is not None and last_tag:
                values = current[last_tag]
                values[-1] = f"{values[-1]} {line.strip()}".strip()
            elif current is None and not stray:
                yield number, None, "text outside a TY … ER record; each record starts with TY  - and ends with ER  -"
                stray = True
    if current is not None:
        yield start, None, "RIS record not closed with ER (is the file cut short?)"


def _first(fields: Mapping[str, list[str]], *tags: str) -> str:
    return next((value for tag in tags for value in fields.get(tag, []) if value.strip()), "")


def ris_record(fields: Mapping[str, list[str]]) -> dict[str, Any]:
    """One RIS record's tags as the canonical record. Zotero writes TI/AB/AU/PY/T2/DO/UR; EndNote and
    older exporters T1/N2/A1/Y1/JO/JF; Scopus and Web of Science the same tags as Zotero."""
    urls = [u for value in fields.get("UR", []) for u in re.split(r"[\s;]+", value) if u.lower().startswith("http")]
    return {
        "title": _first(fields, "TI", "T1", "CT"),
        "abstract": _first(fields, "AB", "N2"),
        "authors": fields.get("AU") or fields.get("A1") or [],
        "year": _first(fields, "PY", "Y1", "DA", "Y2"),
        "venue": _first(fields, "T2", "JF", "JO", "C3", "JA", "J2", "BT"),
        "doi": _first(fields, "DO"),
        "url": urls[0] if urls else _first(fields, "UR"),
        "id": _first(fields, "ID"),
        "arxiv_id": next((m.group(1) for values in fields.values() for v in values for m in [_ARXIV_IN_TEXT.search(v)] if m), ""),
    }


# --- JSON dialects -------------------------------------------------------------------------------------------


def json_record(obj: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON object of any supported dialect as the canonical record (keys of the result are lower case)."""
    if "_id" in obj and "text" in obj and "abstract" not in obj:  # BEIR corpus line
        return {"id": obj.get("_id"), "title": obj.get("title"), "abstract": obj.get("text")}
    if any(key in obj for key in ("authors_parsed", "versions", "update_date", "journal-ref")):
        return _kaggle_arxiv(obj)
    authors = obj.get("author")
    if any(key in obj for key in ("issued", "container-title", "DOI", "URL")) or (
        isinstance(authors, list) and any(isinstance(a, dict) for a in authors)
    ):
        return _csl(obj)
    return generic_record(obj)


def generic_record(fields: Mapping[Any, Any]) -> dict[str, Any]:
    """paperchat's own JSONL/CSV columns, BibTeX fields and the shared arXiv dump (any letter case)."""
    lowered = {str(k).strip().lower(): v for k, v in fields.items()}

    def pick(*names: str) -> Any:
        return next((lowered[n] for n in names if lowered.get(n) not in (None, "", [])), None)

    record: dict[str, Any] = {
        "title": lowered.get("title"),
        "abstract": lowered.get("abstract"),
        "url": lowered.get("url"),
        "id": lowered.get("id"),
        "authors": pick("authors", "author"),
        "year": pick("year", "date", "first_seen", "published"),
        "venue": pick("venue", "journal", "booktitle", "container-title"),
        "doi": pick("doi"),
        "arxiv_id": pick("arxiv_id"),
        "categories": pick("categories", "primaryclass"),
    }
    if record["arxiv_id"] is None and str(lowered.get("archiveprefix", "")).lower() == "arxiv":
        record["arxiv_id"] = lowered.get("eprint")
    if record["arxiv_id"] is None and isinstance(record["categories"], list) and _ARXIV_ID.fullmatch(str(record["id"])):
        record["arxiv_id"] = record["id"]  # the shared arxiv-cs dump: id is the arXiv id
    return record


def _kaggle_arxiv(obj: Mapping[str, Any]) -> dict[str, Any]:
    """The public arXiv metadata snapshot: authors as one string plus `authors_parsed` [[family, given, suffix]],
    categories space-separated, the first version's date as the year."""
    parsed = obj.get("authors_parsed")
    authors: Any = obj.get("authors")
    if isinstance(parsed, list) and parsed and all(isinstance(p, list) for p in parsed):
        parts = [["" if part is None else str(part) for part in p[:3]] for p in parsed]
        authors = [_joined_name(*p) for p in parts if p and p[0].strip()]
    versions = obj.get("versions")
    first_version = versions[0].get("created") if isinstance(versions, list) and versions and isinstance(versions[0], dict) else None
    arxiv_id = obj.get("id")
    return {
        "id": arxiv_id,
        "title": obj.get("title"),
        "abstract": obj.get("abstract"),
        "authors": authors,
        "year": first_version or _year_of_arxiv_id(str(arxiv_id)) or obj.get("update_date"),
        "venue": obj.get("journal-ref"),
        "doi": obj.get("doi"),
        "arxiv_id": arxiv_id,
        "categories": obj.get("categories"),
    }


def _year_of_arxiv_id(arxiv_id: str) -> str | None:
    match = re.fullmatch(r"(\d\d)(\d\d)\.\d{4,5}(?:v\d+)?", arxiv_id)
    return f"20{match.group(1)}" if match else None


def _joined_name(family: str, given: str = "", suffix: str = "") -> str:
    family, given, suffix = family.strip(), given.strip(), suffix.strip()
    name = f"{family}, {given}" if given else family
    return f"{name}, {suffix}" if suffix else name


def csl_name(name: Mapping[str, Any]) -> str:
    """A CSL name object as "Family, Given" ({"literal": …} as written): particles kept with the part CSL puts them in."""
    if name.get("literal"):
        return str(name["literal"])
    family = " ".join(str(name[k]) for k in ("non-dropping-particle", "family") if name.get(k))
    given = " ".join(str(name[k]) for k in ("given", "dropping-particle") if name.get(k))
    return _joined_name(family, given, str(name.get("suffix") or "")) if family else given


def _csl(obj: Mapping[str, Any]) -> dict[str, Any]:
    """CSL-JSON as Zotero and Pandoc write it."""
    authors = obj.get("author")
    if isinstance(authors, list):
        authors = [csl_name(a) if isinstance(a, dict) else a for a in authors]
    issued = obj.get("issued")
    year: Any = issued
    if isinstance(issued, dict):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            year = parts[0][0]
        else:
            year = issued.get("raw") or issued.get("literal")
    venue = obj.get("container-title")
    if isinstance(venue, list):
        venue = venue[0] if venue else None
    number = str(obj.get("number") or "")
    arxiv = _ARXIV_IN_TEXT.search(number)
    item_id = obj.get("id")
    return {
        # Zotero's ids are item URIs (http://zotero.org/users/…/items/KEY): not a paper id, so the title gives it,
        # as for the same paper read from RIS; Pandoc's and Better BibTeX's citation keys are kept.
        "id": None if "://" in str(item_id) else item_id,
        "title": obj.get("title"),
        "abstract": obj.get("abstract"),
        "authors": authors,
        "year": year,
        "venue": venue,
        "doi": obj.get("DOI"),
        "url": obj.get("URL"),
        "arxiv_id": arxiv.group(1) if arxiv else None,
    }


# --- field values ----------------------------------------------------------------------------------------------


def split_authors(value: object) -> list[str]:
    """Author names from a list, or from one string: "A and B" (BibTeX), "A; B", or "A. One, B. Two".

    A comma-separated string splits only when every piece has a space ("Jane Doe, John Roe");
    "Xiu, Yuliang" is one name written family first. BibTeX's "and others" is dropped.
    """
    if isinstance(value, list):
        names = [csl_name(v) if isinstance(v, dict) else str(v) for v in value if v is not None]
    elif value is None:
        names = []
    else:
        text = str(value).strip()
        if re.search(r"\s+and\s+", text):
            names = re.split(r"\s+and\s+", text)
        elif ";" in text:
            names = text.split(";")
        else:
            pieces = [p.strip() for p in text.split(",")]
            names = pieces if len(pieces) > 1 and all(" " in p for p in pieces) else [text]
    cleaned = [name.strip() for name in names]
    if cleaned and cleaned[-1].lower() == "others":
        cleaned.pop()
    return [name for name in cleaned if name]


def normalize_doi(value: str) -> str | None:
    """A bare DOI ("10.1109/CVPR.2023.00057") from a DOI, a doi.org link or "doi:…"; None if it is none of those."""
    text = _DOI_PREFIX.sub("", value.strip())
    return text if _DOI.fullmatch(text) else None


def normalize_arxiv_id(value: str) -> str | None:
    text = re.sub(r"^(?:arxiv:|https?://arxiv\.org/(?:abs|pdf)/)", "", value.strip(), flags=re.IGNORECASE)
    match = _ARXIV_ID.fullmatch(text.removesuffix(".pdf"))
    return match.group(1) if match else None


def arxiv_id_in(*texts: str) -> str | None:
    """An arXiv id named in a DOI (10.48550/arXiv.…) or a link (arxiv.org/abs/…)."""
    for text in texts:
        match = _ARXIV_IN_TEXT.search(text)
        if match:
            return match.group(1)
    return None


def split_categories(value: object) -> tuple[list[str], list[str]]:
    """(categories, rejected pieces) from a list or a space/comma-separated string ("cs.CV cs.AI")."""
    items = [str(v) for v in value] if isinstance(value, list) else [str(value or "")]
    # "68T05, 68T07" is two classes; MSC's "(Primary)" and "(Image processing)" are labels, not classes
    pieces = [piece for item in items for piece in re.split(r"[\s,;]+", re.sub(r"\([^()]*\)", " ", item))]
    good: list[str] = []
    bad: list[str] = []
    for piece in (p.strip() for p in pieces):
        if not piece:
            continue
        if _CATEGORY.fullmatch(piece) and len(piece) <= 40:
            if piece not in good:
                good.append(piece)
        else:
            bad.append(piece)
    return good, bad
