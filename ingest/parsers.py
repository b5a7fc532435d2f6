"""One parser per source format. Each returns papers plus per-record rejections.

A record-level problem (a missing abstract, a broken JSON line) rejects that
record with file:line and the reason; a file-level problem (unknown format, not
text, no header, nothing parseable) raises SourceError before anything is stored.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from rag.papers import Paper, make_paper

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_TITLE_CHARS = 500
MAX_ABSTRACT_CHARS = 20_000
MIN_ABSTRACT_CHARS = 40
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class SourceError(ValueError):
    """A whole source cannot be ingested; the message is one line, naming the file and the fix."""


@dataclass(frozen=True)
class Rejection:
    where: str  # file:line
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass
class ParseResult:
    papers: list[Paper] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


def read_text(path: Path) -> str:
    if not path.is_file():
        raise SourceError(f"{path}: no such file")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise SourceError(f"{path}: {size // 2**20} MiB is over the {MAX_FILE_BYTES // 2**20} MiB limit; split the file")
    data = path.read_bytes()
    if b"\x00" in data[:65536]:
        raise SourceError(f"{path}: binary data, not a text file; export it as JSONL, CSV, BibTeX or text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(f"{path}:{line}: not UTF-8 text; re-save the file as UTF-8") from None


def _clean_field(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value)
    return _CONTROL_CHARS.sub("", str(value))


def _record(result: ParseResult, where: str, fields: Mapping[str, object]) -> None:
    """Validate one record's fields and append a Paper or a Rejection."""
    lowered = {str(k).strip().lower(): v for k, v in fields.items()}
    title = _clean_field(lowered.get("title")).strip()
    abstract = _clean_field(lowered.get("abstract")).strip()
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
        result.rejections.append(Rejection(where, f"abstract longer than {MAX_ABSTRACT_CHARS} characters"))
        return
    if len(abstract) < MIN_ABSTRACT_CHARS:
        result.rejections.append(Rejection(where, f"abstract shorter than {MIN_ABSTRACT_CHARS} characters"))
        return
    url = _clean_field(lowered.get("url")).strip()
    if url and not url.lower().startswith(("http://", "https://")):
        result.rejections.append(Rejection(where, "url must start with http:// or https://"))
        return
    authors = lowered.get("authors", lowered.get("author"))
    raw_id = _clean_field(lowered.get("id")).strip()
    result.papers.append(
        make_paper(
            title,
            abstract,
            source=where,
            url=url or None,
            authors=_clean_field(authors),
            year=_clean_field(lowered.get("year")),
            paper_id=re.sub(r"[^A-Za-z0-9._:-]+", "-", raw_id)[:64] or None,
        )
    )


def parse_corpus_text(path: Path, text: str) -> ParseResult:
    """The bundled corpus format: page furniture, then title / blank / abstract / blank blocks."""
    result = ParseResult()
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
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
    if not result.papers:
        raise SourceError(
            f"{path}: no papers found; a text source needs blocks of a title line, a blank line and an abstract paragraph"
        )
    return result


def _looks_like_title(line: str) -> bool:
    return 0 < len(line) <= MAX_TITLE_CHARS and not line.endswith((".", ",", ";"))


def _looks_like_abstract(line: str) -> bool:
    return len(line) >= 200 and line.count(" ") >= 25


def parse_jsonl(path: Path, text: str) -> ParseResult:
    result = ParseResult()
    stripped = text.lstrip()
    if stripped.startswith("["):  # a JSON array of records is accepted too
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as error:
            raise SourceError(f"{path}:{error.lineno}: invalid JSON ({error.msg}); fix the file or write one object per line") from None
        for index, record in enumerate(records, start=1):
            where = f"{path}:record {index}"
            if isinstance(record, dict):
                _record(result, where, record)
            else:
                result.rejections.append(Rejection(where, "not a JSON object"))
        return result
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            result.rejections.append(Rejection(where, f"invalid JSON ({error.msg})"))
            continue
        if not isinstance(record, dict):
            result.rejections.append(Rejection(where, "not a JSON object"))
            continue
        _record(result, where, record)
    return result


def parse_csv(path: Path, text: str) -> ParseResult:
    result = ParseResult()
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [column for column in ("title", "abstract") if column not in header]
    if missing:
        raise SourceError(f"{path}:1: CSV header lacks {' and '.join(missing)}; the header must name title and abstract columns")
    start = 2
    try:
        for row in reader:
            where = f"{path}:{start}"
            start = reader.line_num + 1
            if None in row:
                result.rejections.append(Rejection(where, "more fields than the header has"))
                continue
            _record(result, where, row)  # type: ignore[arg-type]
    except csv.Error as error:
        raise SourceError(f"{path}:{reader.line_num}: malformed CSV ({error}); check the quoting") from None
    return result


_LATEX_COMMAND = re.compile(r"\\[a-zA-Z]+\s*")


def _bibtex_value(value: object) -> str:
    text = str(value)
    text = _LATEX_COMMAND.sub("", text)
    return text.replace("{", "").replace("}", "").replace("~", " ").replace("\\&", "&")


def parse_bibtex(path: Path, text: str) -> ParseResult:
    import bibtexparser

    result = ParseResult()
    try:
        library = bibtexparser.parse_string(text)
    except Exception as error:  # the parser's own errors carry no stable type
        raise SourceError(f"{path}: malformed BibTeX ({str(error).splitlines()[0][:120]})") from None
    for block in library.failed_blocks:
        line = getattr(block, "start_line", 0) + 1
        result.rejections.append(Rejection(f"{path}:{line}", "malformed BibTeX entry"))
    for entry in library.entries:
        where = f"{path}:{(entry.start_line or 0) + 1}"
        fields = {f.key.lower(): _bibtex_value(f.value) for f in entry.fields}
        fields.setdefault("id", entry.key)
        _record(result, where, fields)
    if not library.entries and not library.failed_blocks:
        raise SourceError(f"{path}: no BibTeX entries found")
    return result


PARSERS: dict[str, Callable[[Path, str], ParseResult]] = {
    ".txt": parse_corpus_text,
    ".jsonl": parse_jsonl,
    ".ndjson": parse_jsonl,
    ".json": parse_jsonl,
    ".csv": parse_csv,
    ".bib": parse_bibtex,
    ".bibtex": parse_bibtex,
}


def parse_source(path: Path) -> ParseResult:
    parser = PARSERS.get(path.suffix.lower())
    if parser is None:
        known = ", ".join(sorted(PARSERS))
        raise SourceError(f"{path}: unknown format {path.suffix or '(no extension)'!r}; use one of {known}")
    return parser(path, read_text(path))
