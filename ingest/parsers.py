"""One parser per source format. Each returns papers plus per-record rejections.

A record-level problem (a missing abstract, a broken JSON line) rejects that
record with file:line and the reason; a file-level problem (unknown format, not
text, no header, nothing parseable) raises SourceError before anything is stored.
Line numbers count "\\n" only, as editors do: a U+2028 inside a JSON string is text.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.formats import (
    arxiv_id_in,
    generic_record,
    json_record,
    normalize_arxiv_id,
    normalize_doi,
    ris_record,
    ris_records,
    sniff,
    split_authors,
    split_categories,
)
from rag.errors import PaperchatError
from rag.papers import Paper, is_web_url, make_paper, parse_year

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_TITLE_CHARS = 500
MAX_ABSTRACT_CHARS = 20_000  # an abstract, not a full text: longer records are rejected, not cut
MIN_ABSTRACT_CHARS = 40
MAX_FIELD_CHARS = 5_000  # url; an author list longer than this is shortened, not rejected
MAX_AUTHORS = 500  # a longer list, or one over MAX_FIELD_CHARS (real: Gemini 2.5, 3,303 names), keeps its first
# KEPT_AUTHORS and "et al." (measured on the 74,728 arXiv abstracts: 6 lists are over 5,000 characters)
KEPT_AUTHORS = 10
MAX_NAME_CHARS = 200
MAX_VENUE_CHARS = 500
MAX_CATEGORIES = 50
# C0 controls except the whitespace ones (tab, newlines, form feed: they become spaces), DEL, C1 controls
# except NEL, and unpaired surrogates (JSON "\ud800" decodes to one; no UTF-8 store or terminal accepts it).
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff]")
_BAD_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")

# bibtexparser logs each broken block as a multi-line warning; our rejections report them instead, and
# without a handler Python's last-resort handler would print those lines on the CLI's stderr.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())


class SourceError(PaperchatError, ValueError):
    """A whole source cannot be ingested; the message is one line, naming the file and the fix."""


@dataclass(frozen=True)
class Rejection:
    where: str  # file:line
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True)
class Note:
    """A paper kept with a change to its metadata (a list shortened, a value left out): reported, not rejected."""

    where: str  # file:line
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class ParseResult:
    papers: list[Paper] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _looks_like_utf16(sample: bytes) -> bool:
    """Mostly-Latin text in UTF-16: every other byte is zero (binary formats are not that regular)."""
    halves = (sample[0::2], sample[1::2])
    return len(sample) >= 8 and any(half.count(0) >= 0.9 * len(half) for half in halves)


def read_text(path: Path) -> str:
    if not path.exists():
        raise SourceError(f"{path}: no such file")
    if path.is_dir():
        raise SourceError(f"{path}: is a folder; pass the files inside it")
    if not path.is_file():
        raise SourceError(f"{path}: not a regular file; save the papers to a file and pass that")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(
                f"{path}: {size / 2**20:.1f} MiB is over the {MAX_FILE_BYTES // 2**20} MiB limit; split the file"
            )
        data = path.read_bytes()
    except OSError as error:
        raise SourceError(f"{path}: cannot read the file ({error.strerror or error}); check its permissions") from None
    for bom, encoding in _BOMS:  # a byte-order mark names the encoding unambiguously (Windows saves UTF-16 so)
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                line = data[len(bom) : len(bom) + error.start].decode(encoding, "replace").count("\n") + 1
                name = encoding.upper().replace("-LE", "").replace("-BE", "")
                raise SourceError(f"{path}:{line}: not valid {name} text; re-save the file as UTF-8") from None
            if "\x00" in text:
                # A UTF-8 file with a NUL byte is refused as binary; the same text saved as UTF-16 must not pass.
                line = text[: text.index("\x00")].count("\n") + 1
                raise SourceError(f"{path}:{line}: a NUL character, which text does not contain; remove it and re-save the file as UTF-8")
            return text
    if b"\x00" in data[:65536]:
        if _looks_like_utf16(data[:65536]):
            raise SourceError(f"{path}: UTF-16 text without a byte-order mark; re-save the file as UTF-8")
        raise SourceError(f"{path}: binary data, not a text file; export it as JSONL, CSV, BibTeX or text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(f"{path}:{line}: not UTF-8 text; re-save the file as UTF-8") from None


def _lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) split on "\\n" only; str.splitlines also splits on U+2028, \\x1c, \\x85…"""
    for number, line in enumerate(text.split("\n"), start=1):
        yield number, line.removesuffix("\r")


def _clean_field(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return _CONTROL_CHARS.sub("", str(value))


def _record(result: ParseResult, where: str, fields: Mapping[str, object]) -> None:
    """Validate one canonical record (ingest.formats) and append a Paper or a Rejection.

    Title and abstract decide whether the paper is kept; metadata never does (issue 14: a paper is
    never lost for its metadata). A metadata value that cannot be stored as it is gets shortened or
    left out, with a Note; only a url that is not a web address rejects the record, as before.
    """
    for name in ("title", "abstract"):
        if isinstance(fields.get(name), dict | list | bool):
            result.rejections.append(Rejection(where, f"{name} is not text"))
            return
    title = _clean_field(fields.get("title")).strip()
    abstract = _clean_field(fields.get("abstract")).strip()
    if not title:
        result.rejections.append(Rejection(where, "missing title"))
        return
    if not abstract:
        result.rejections.append(Rejection(where, "missing abstract"))
        return
    if len(title) > MAX_TITLE_CHARS:
        result.rejections.append(Rejection(where, f"title longer than {MAX_TITLE_CHARS} characters"))
        return
    if len(abstract) > MAX_ABSTRACT_CHARS:
        result.rejections.append(
            Rejection(
                where,
                f"abstract longer than {MAX_ABSTRACT_CHARS} characters ({len(abstract)}); "
                "paperchat indexes abstracts, not full texts: shorten it to the abstract",
            )
        )
        return
    if len(abstract) < MIN_ABSTRACT_CHARS:
        result.rejections.append(Rejection(where, f"abstract shorter than {MIN_ABSTRACT_CHARS} characters"))
        return
    for name, text in (("title", title), ("abstract", abstract)):
        if not any(ch.isalnum() for ch in text):
            result.rejections.append(Rejection(where, f"{name} has no letters or digits"))
            return
    url = _clean_field(fields.get("url")).strip()
    if len(url) > MAX_FIELD_CHARS:
        result.rejections.append(Rejection(where, f"url longer than {MAX_FIELD_CHARS} characters"))
        return
    if url and not url.lower().startswith(("http://", "https://")):
        result.rejections.append(Rejection(where, "url must start with http:// or https://"))
        return
    if url and not is_web_url(url):
        result.rejections.append(Rejection(where, "url is not a web address (http(s)://host.domain/path, no spaces)"))
        return
    notes: list[str] = []
    meta = _metadata(fields, url, notes)
    result.notes.extend(Note(where, note) for note in notes)
    if url and _derived_url(url, meta["arxiv_id"], meta["doi"]):
        url = ""  # the arXiv page or the DOI link: Paper.url derives it, so an export re-imports unchanged
    raw_id = _clean_field(fields.get("id")).strip()
    result.papers.append(
        make_paper(
            title,
            abstract,
            source=where,
            url=url or None,
            paper_id=re.sub(r"[^A-Za-z0-9._:-]+", "-", raw_id).strip("-.:")[:64] or None,
            **meta,
        )
    )


def _metadata(fields: Mapping[str, object], url: str, notes: list[str]) -> dict[str, Any]:
    """authors, year, venue, doi, arxiv_id, categories: each one kept, shortened or left out with a note."""
    authors = [" ".join(_clean_field(name).split()) for name in split_authors(fields.get("authors"))]
    authors = [name for name in authors if name]
    too_long = [name for name in authors if len(name) > MAX_NAME_CHARS]
    if too_long:
        authors = [name for name in authors if len(name) <= MAX_NAME_CHARS]
        notes.append(f"{len(too_long)} author name(s) over {MAX_NAME_CHARS} characters left out")
    omitted = 0
    if len(authors) > MAX_AUTHORS or len(", ".join(authors)) > MAX_FIELD_CHARS:
        omitted = len(authors) - KEPT_AUTHORS
        notes.append(
            f"{len(authors)} authors is over the limit ({MAX_FIELD_CHARS} characters or {MAX_AUTHORS} names); "
            f"stored the first {KEPT_AUTHORS} and \u201cet al.\u201d ({omitted} more)"
        )
        authors = authors[:KEPT_AUTHORS]
    raw_year = fields.get("year")
    year = parse_year(raw_year if isinstance(raw_year, int | float) else _clean_field(raw_year))
    if year is None and _clean_field(raw_year).strip():
        notes.append(f"year {_shown(raw_year)} is not a year (1500\u20132199); left out")
    venue = " ".join(_clean_field(fields.get("venue")).split())
    if len(venue) > MAX_VENUE_CHARS:
        notes.append(f"venue longer than {MAX_VENUE_CHARS} characters; left out")
        venue = ""
    raw_doi = _clean_field(fields.get("doi")).strip()
    doi = (normalize_doi(raw_doi) or "") if raw_doi else ""
    if raw_doi and not doi:
        notes.append(f"doi {_shown(raw_doi)} is not a DOI (10.prefix/suffix); left out")
    raw_arxiv = _clean_field(fields.get("arxiv_id")).strip()
    given_arxiv = normalize_arxiv_id(raw_arxiv) if raw_arxiv else None
    arxiv_id = given_arxiv or arxiv_id_in(doi, url) or ""
    if raw_arxiv and not given_arxiv:
        notes.append(f"arXiv id {_shown(raw_arxiv)} is not one (2503.11731 or hep-th/9901001); left out")
    raw_categories = fields.get("categories")
    categories, bad = split_categories(
        [_clean_field(c) for c in raw_categories] if isinstance(raw_categories, list) else _clean_field(raw_categories)
    )
    if bad:
        notes.append(f"{len(bad)} categor{'y' if len(bad) == 1 else 'ies'} not of the form cs.CV or I.2.1 left out")
    if len(categories) > MAX_CATEGORIES:
        notes.append(f"{len(categories)} categories; stored the first {MAX_CATEGORIES}")
        categories = categories[:MAX_CATEGORIES]
    return {
        "authors": authors,
        "authors_omitted": omitted,
        "year": year,
        "venue": venue,
        "doi": doi,
        "arxiv_id": arxiv_id,
        "categories": categories,
    }


def _derived_url(url: str, arxiv_id: str, doi: str) -> bool:
    bare = re.sub(r"^https?://(?:www\.|dx\.)?", "", url.rstrip("/"), flags=re.IGNORECASE)
    if arxiv_id and re.fullmatch(rf"arxiv\.org/abs/{re.escape(arxiv_id)}(?:v\d+)?", bare, flags=re.IGNORECASE):
        return True
    return bool(doi) and bare.lower() == f"doi.org/{doi}".lower()


def _shown(value: object) -> str:
    text = " ".join(_clean_field(value).split())
    return repr(text if len(text) <= 40 else text[:40] + "\u2026")


def parse_corpus_text(path: Path, text: str) -> ParseResult:
    """The bundled corpus format: page furniture, then title / blank / abstract / blank blocks."""
    result = ParseResult()
    lines = [(n, line.strip()) for n, line in _lines(text) if line.strip()]
    started = False
    i = 0
    while i < len(lines):
        number, line = lines[i]
        following = lines[i + 1][1] if i + 1 < len(lines) else ""
        if _looks_like_title(line) and _looks_like_abstract(following):
            started = True
            _record(result, f"{path}:{number}", {"title": line, "abstract": following})
            i += 2
            continue
        if started:
            reason = "abstract without a title" if _looks_like_abstract(line) else "title without an abstract"
            result.rejections.append(Rejection(f"{path}:{number}", reason))
        i += 1
    if not result.papers and not result.rejections:
        raise SourceError(
            f"{path}: no papers found; a text source needs blocks of a title line, a blank line and an abstract paragraph"
        )
    return result


def _looks_like_title(line: str) -> bool:
    return 0 < len(line) <= MAX_TITLE_CHARS and not line.endswith((".", ",", ";"))


def _looks_like_abstract(line: str) -> bool:
    return len(line) >= 200 and line.count(" ") >= 25


def _json_problem(error: Exception) -> str:
    """A short reason for any way json.loads fails (it raises more than JSONDecodeError)."""
    if isinstance(error, json.JSONDecodeError):
        return f"invalid JSON ({error.msg})"
    if isinstance(error, RecursionError):
        return "invalid JSON (nested too deeply)"
    return "invalid JSON (a number too long to read)"  # ValueError: int over sys.get_int_max_str_digits()


_JSON_SPACE = re.compile(r"[ \t\n\r]*")


def _json_array(path: Path, text: str) -> Iterator[tuple[int, object]]:
    """The elements of a top-level JSON array with the line each starts on, decoded one at a time."""
    decoder = json.JSONDecoder()
    pos = _JSON_SPACE.match(text, text.index("[") + 1).end()  # type: ignore[union-attr]
    line, counted = 1, 0
    if text.startswith("]", pos):
        pos += 1
    else:
        while True:
            line += text.count("\n", counted, pos)
            counted = pos
            try:
                value, pos = decoder.raw_decode(text, pos)
            except (ValueError, RecursionError) as error:
                at = error.lineno if isinstance(error, json.JSONDecodeError) else line
                raise SourceError(f"{path}:{at}: {_json_problem(error)}; fix the file or write one object per line") from None
            yield line, value
            pos = _JSON_SPACE.match(text, pos).end()  # type: ignore[union-attr]
            if text.startswith(",", pos):
                pos = _JSON_SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]
                continue
            if text.startswith("]", pos):
                pos += 1
                break
            at = line + text.count("\n", counted, pos)
            raise SourceError(f"{path}:{at}: invalid JSON (expected ',' or ']'); fix the file or write one object per line")
    if text[pos:].strip():
        at = text.count("\n", 0, pos) + 1
        raise SourceError(f"{path}:{at}: invalid JSON (text after the closing ']'); fix the file")


def _json_records(path: Path, text: str) -> Iterator[tuple[int, object, str | None]]:
    """(line, decoded value, problem) for JSON Lines, a JSON array, or one pretty-printed object.

    A JSON Lines line that does not decode gives its problem instead of a value; a broken
    array cannot be split into records, so it raises SourceError for the whole file.
    """
    stripped = text.lstrip()
    if stripped.startswith("["):  # a JSON array of records is accepted too
        for number, value in _json_array(path, text):
            yield number, value, None
        return
    if stripped.startswith("{") and "\n" in stripped.rstrip():  # one pretty-printed object rather than JSON Lines?
        try:
            whole = json.loads(text)
        except (ValueError, RecursionError):
            whole = None
        if isinstance(whole, dict):
            yield text.count("\n", 0, text.index("{")) + 1, whole, None
            return
    for number, line in _lines(text):
        if line.strip():
            try:
                yield number, json.loads(line), None
            except (ValueError, RecursionError) as error:
                yield number, None, _json_problem(error)


def parse_jsonl(path: Path, text: str) -> ParseResult:
    result = ParseResult()
    for line, record, problem in _json_records(path, text):
        where = f"{path}:{line}"
        if problem is not None:
            result.rejections.append(Rejection(where, problem))
        elif isinstance(record, dict):
            _record(result, where, json_record(record))
        else:
            result.rejections.append(Rejection(where, "not a JSON object"))
    if not result.papers and not result.rejections:
        raise SourceError(f"{path}: no records found; write one JSON object per line, or a JSON array of objects")
    return result


def parse_csv(path: Path, text: str) -> ParseResult:
    result = ParseResult()
    if "\n" not in text:  # classic Mac line ends: a lone CR ends each line
        text = text.replace("\r", "\n")
    # Lines end at "\n" only, so a CR inside a quoted field is text and line numbers match grep -n;
    # csv still reads "\r\n" as a line end.
    reader = csv.DictReader(io.StringIO(text, newline="\n"))
    start = 1
    try:
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
        missing = [column for column in ("title", "abstract") if column not in header]
        if missing:
            raise SourceError(
                f"{path}:1: CSV header lacks {' and '.join(missing)}; the header must name title and abstract columns"
            )
        start = reader.line_num + 1
        for row in reader:
            where = f"{path}:{start}"
            start = reader.line_num + 1
            if None in row:
                result.rejections.append(Rejection(where, "more fields than the header has"))
                continue
            _record(result, where, generic_record(row))
    except csv.Error as error:
        if "new-line character seen in unquoted field" in str(error):
            raise SourceError(
                f"{path}:{start}: a carriage return (CR) inside an unquoted field; "
                "quote that field, or save the file with one kind of line end"
            ) from None
        if "field larger than field limit" in str(error):
            raise SourceError(
                f"{path}:{start}: a field is over {csv.field_size_limit()} characters: an unclosed quote, "
                f"or an abstract far over the {MAX_ABSTRACT_CHARS}-character limit; check the quoting"
            ) from None
        raise SourceError(f"{path}:{start}: malformed CSV ({error}); check the quoting") from None
    if not result.papers and not result.rejections:
        raise SourceError(f"{path}: no rows after the CSV header; nothing to ingest")
    return result


# One pass over a BibTeX value: escaped specials (\\&, \\%, \\{ … as rag.bibliography writes them) become the
# character, other LaTeX commands and grouping braces go, ~ is a space.
_BIBTEX_TOKEN = re.compile(r"\\([&%$#_{}])|\\(textbackslash|textasciitilde|textasciicircum)(?:\{\}|\s*)|\\[a-zA-Z]+\s*|[{}]|~")
_BIBTEX_NAMED = {"textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^"}


def _bibtex_token(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1)
    if match.group(2):
        return _BIBTEX_NAMED[match.group(2)]
    return " " if match.group(0) == "~" else ""


_BIBTEX_VERBATIM = frozenset({"url", "doi", "eprint"})  # as biblatex reads them: a ~ in a url is a ~


def _bibtex_value(value: object, key: str = "") -> str:
    if key in _BIBTEX_VERBATIM:
        return re.sub(r"\\([&%$#_{}~])", r"\1", str(value))
    return _BIBTEX_TOKEN.sub(_bibtex_token, str(value))


def _failed_block_reason(block: object) -> str:
    from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock

    if isinstance(block, DuplicateBlockKeyBlock):
        return f"duplicate BibTeX key {block.key!r}"
    if isinstance(block, DuplicateFieldKeyBlock):
        return f"duplicate field {', '.join(sorted(block.duplicate_keys))} in one entry"
    return "malformed BibTeX entry; check its braces and commas"


def parse_bibtex(path: Path, text: str) -> ParseResult:
    from bibtexparser.entrypoint import parse_string  # the package re-exports it without `__all__`

    result = ParseResult()
    try:
        library = parse_string(text)
    except Exception as error:  # the parser's own errors carry no stable type
        detail = (str(error).strip().splitlines() or [type(error).__name__])[0][:120]
        raise SourceError(f"{path}: malformed BibTeX ({detail})") from None
    for block in library.failed_blocks:
        line = (getattr(block, "start_line", 0) or 0) + 1
        result.rejections.append(Rejection(f"{path}:{line}", _failed_block_reason(block)))
    for entry in library.entries:
        where = f"{path}:{(entry.start_line or 0) + 1}"
        fields = {f.key.lower(): _bibtex_value(f.value, f.key.lower()) for f in entry.fields}
        fields.setdefault("id", entry.key)
        _record(result, where, generic_record(fields))
    if not library.entries and not library.failed_blocks:
        raise SourceError(f"{path}: no BibTeX entries found")
    return result


def parse_ris(path: Path, text: str) -> ParseResult:
    """RIS as Zotero, Mendeley, EndNote, Scopus and Web of Science export it (ingest.formats.ris_records)."""
    if not re.search(r"^TY {1,2}-", text, re.MULTILINE):
        raise SourceError(f"{path}: no RIS records found; a record starts with a line `TY  - JOUR` and ends with `ER  - `")
    result = ParseResult()
    for line, fields, problem in ris_records(_lines(text)):
        where = f"{path}:{line}"
        if fields is None:
            result.rejections.append(Rejection(where, problem or "unreadable RIS record"))
        else:
            _record(result, where, ris_record(fields))
    return result


def parse_sniffed(path: Path, text: str) -> ParseResult:
    """A .txt file: RIS, JSON, BibTeX or the bundled corpus format, told apart by what the text starts with."""
    parser = {"ris": parse_ris, "json": parse_jsonl, "bibtex": parse_bibtex}.get(sniff(text), parse_corpus_text)
    return parser(path, text)


PARSERS: dict[str, Callable[[Path, str], ParseResult]] = {
    ".txt": parse_sniffed,
    ".jsonl": parse_jsonl,
    ".ndjson": parse_jsonl,
    ".json": parse_jsonl,
    ".csv": parse_csv,
    ".bib": parse_bibtex,
    ".bibtex": parse_bibtex,
    ".ris": parse_ris,
}


def parse_source(path: Path) -> ParseResult:
    if _BAD_NAME_CHARS.search(str(path)):
        shown = repr(str(path))[1:-1]
        raise SourceError(f"{shown}: the file name has control characters or bytes that are not UTF-8; rename the file")
    parser = PARSERS.get(path.suffix.lower())
    if parser is None:
        known = ", ".join(sorted(PARSERS))
        raise SourceError(f"{path}: unknown format {path.suffix or '(no extension)'!r}; use one of {known}")
    return parser(path, read_text(path))
