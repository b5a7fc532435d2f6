"""Property-based fuzzing of every parser, of ingest and of the question path (issue #6, "Bad input").

The property everywhere: a bad input is either ingested or rejected cleanly, never a traceback.
Parsers return valid Papers plus Rejections that carry file:line and a reason, or raise a one-line
SourceError naming the file; ingest (in-process and through `paperchat ingest`) leaves the papers
already stored untouched and answerable; a question gets an answer whose citations all name stored
papers, or a one-line QuestionError. Every bug the fuzzing found is pinned as an @example or a fixed case.

Hypothesis runs derandomized (the same examples on every run), so the counts it prints at the end
(`-s`) are stable; set FUZZ_SCALE=10 to explore ten times more examples.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, example, given
from hypothesis import settings as fuzz_settings
from hypothesis import strategies as st

from ingest.chunker import HARD_LIMIT, chunk_paper
from ingest.parsers import (
    MAX_ABSTRACT_CHARS,
    MAX_AUTHORS,
    MAX_FILE_BYTES,
    MAX_TITLE_CHARS,
    MIN_ABSTRACT_CHARS,
    ParseResult,
    SourceError,
    parse_source,
)
from ingest.pipeline import ingest_into
from rag.answer import Answer
from rag.embeddings import Embedder
from rag.engine import MAX_QUESTION_CHARS, Conversation, Engine, QuestionError, Turn
from rag.papers import Paper, make_paper, paper_id_for
from rag.settings import BUNDLED_CORPUS, Settings

from .conftest import cli_env, make_settings

SCALE = int(os.environ.get("FUZZ_SCALE", "1"))
PAPERCHAT = [sys.executable, "-m", "rag"]
FORMATS = (".txt", ".jsonl", ".json", ".csv", ".bib", ".ris")


def fuzz(examples: int) -> fuzz_settings:
    return fuzz_settings(
        max_examples=examples * SCALE,
        deadline=None,
        derandomize=SCALE == 1,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    )


# --- the tally for docs/reliability.md's table: distinct inputs per category and what became of them ---------------


class Tally:
    """category → input digest → outcome; printed at the end of the module (run with -s to see it)."""

    def __init__(self) -> None:
        self.outcomes: dict[str, dict[str, str]] = defaultdict(dict)

    def add(self, category: str, data: bytes | str, outcome: str) -> None:
        raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
        self.outcomes[category][hashlib.sha1(raw).hexdigest()] = outcome

    def record(self, category: str, data: bytes | str, run: Callable[[], str]) -> str:
        try:
            outcome = run()
        except BaseException:
            self.add(category, data, "crashed")
            raise
        self.add(category, data, outcome)
        return outcome

    def table(self) -> str:
        lines = [f"{'category':<34} {'tried':>6} {'accepted':>9} {'rejected cleanly':>17} {'crashed':>8}"]
        totals = [0, 0, 0, 0]
        for category, seen in sorted(self.outcomes.items()):
            counts = [len(seen), 0, 0, 0]
            for outcome in seen.values():
                counts[1 if outcome == "accepted" else 3 if outcome == "crashed" else 2] += 1
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
            lines.append(f"{category:<34} {counts[0]:>6} {counts[1]:>9} {counts[2]:>17} {counts[3]:>8}")
        lines.append(f"{'total':<34} {totals[0]:>6} {totals[1]:>9} {totals[2]:>17} {totals[3]:>8}")
        return "\n".join(lines)


@pytest.fixture(scope="module")
def tally() -> Iterator[Tally]:
    counts = Tally()
    yield counts
    print("\n\nfuzz tally: distinct inputs; accepted = every record ingested / the question answered or refused;")
    print("rejected cleanly = a one-line SourceError or QuestionError, or at least one Rejection with file:line")
    print(counts.table())


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz-files")


def write_input(folder: Path, data: bytes, suffix: str) -> Path:
    """One file per distinct input, named by its digest (hypothesis replays inputs while shrinking)."""
    path = folder / f"{hashlib.sha1(data + suffix.encode()).hexdigest()[:16]}{suffix}"
    path.write_bytes(data)
    return path


# --- the parser contract ---------------------------------------------------------------------------------

_ALLOWED_URL_CHARS = re.compile(r"[^\s\"<>\\^`{|}]+")


def assert_one_line(message: str, names: str) -> None:
    assert message.strip() and "\n" not in message and "\r" not in message, repr(message)
    assert names in message, (names, message)
    assert "Traceback" not in message


def assert_clean_text(text: str) -> None:
    assert not any(unicodedata.category(ch) in ("Cc", "Cs") for ch in text), repr(text)
    assert text == " ".join(text.split()), repr(text)  # one space between words, nothing at the ends
    text.encode("utf-8")  # storable and printable


def assert_valid_paper(paper: Paper, path: Path) -> None:
    for text in (paper.title, paper.abstract):
        assert text and any(ch.isalnum() for ch in text), repr(text)
        assert_clean_text(text)
    assert len(paper.title) <= MAX_TITLE_CHARS
    assert MIN_ABSTRACT_CHARS <= len(paper.abstract) <= MAX_ABSTRACT_CHARS
    for name in paper.authors:
        assert name
        assert_clean_text(name)
    assert paper.year is None or 1500 <= paper.year <= 2199
    assert paper.authors_omitted >= 0 and len(paper.authors) <= MAX_AUTHORS
    for value in (paper.venue, paper.doi, paper.arxiv_id, *paper.categories):
        if value:
            assert_clean_text(value)
    assert paper.doi == "" or paper.doi.startswith("10.")
    assert re.fullmatch(r"[A-Za-z0-9._:-]{1,64}", paper.paper_id), paper.paper_id
    for link in paper.links:
        parts = urlsplit(link.url)
        assert parts.scheme in ("http", "https") and "." in parts.hostname, link.url  # type: ignore[operator]
        assert _ALLOWED_URL_CHARS.fullmatch(link.url), link.url
        assert not any(unicodedata.category(ch)[0] in "CZ" for ch in link.url), link.url
    assert re.fullmatch(re.escape(str(path)) + r":\d+", paper.source), paper.source
    json.dumps(paper.metadata(), ensure_ascii=False).encode("utf-8")


def assert_valid_result(result: ParseResult, path: Path) -> None:
    data = path.read_bytes()
    lines = data.count(b"\n" if b"\n" in data else b"\r") + 1  # no LF at all: classic Mac CR line ends
    for paper in result.papers:
        assert_valid_paper(paper, path)
        assert 1 <= int(paper.source.rsplit(":", 1)[1]) <= lines
    for rejection in result.rejections:
        assert re.fullmatch(re.escape(str(path)) + r":\d+", rejection.where), rejection.where
        assert 1 <= int(rejection.where.rsplit(":", 1)[1]) <= lines, (rejection, lines)
        assert_one_line(rejection.reason, "")
        assert_one_line(str(rejection), str(path))


def parse_outcome(path: Path) -> str:
    """Parse one file and check the contract; any exception but SourceError fails the test."""
    try:
        result = parse_source(path)
    except SourceError as error:
        assert_one_line(str(error), str(path))
        return "source error"
    assert_valid_result(result, path)
    return "accepted" if result.papers and not result.rejections else "rejected"


# --- strategies --------------------------------------------------------------------------------------------

WORDS = [
    "human", "reconstruction", "diffusion", "identity", "garment", "avatar", "pose", "texture", "model",
    "dataset", "images", "video", "clothed", "body", "mesh", "neural", "implicit", "surface", "person", "face",
    "generation", "virtual", "try-on", "re-identification", "we", "propose", "novel", "method", "results",
    "show", "that", "our", "approach", "outperforms", "state", "of", "the", "art",
]  # fmt: skip
NASTY_CHARS = (
    "\x00\x01\x07\x08\x0b\x0c\x0e\x1b\x1f\x7f\x80\x85\x9b\x9f\r\t\u00a0\u2028\u2029\u200b\u200c\u200d"
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\ufffe\ufffd\u0301\u0489"
    "\u3000\ud800\udfff{}[]\\\"',;@%<>|`"
)
nasty_char = st.one_of(
    st.sampled_from(NASTY_CHARS),
    st.characters(min_codepoint=0x0590, max_codepoint=0x06FF),  # Hebrew, Arabic: right-to-left text
    st.characters(categories=["Mn", "Me", "Cc", "Cf", "Zs", "Zl", "Zp"]),  # combining marks, controls, spaces
    st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF),  # emoji
    st.characters(codec="utf-8"),
)
nasty_text = st.text(nasty_char, max_size=40)
words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join)


@st.composite
def spiked(draw: st.DrawFn, base: st.SearchStrategy[str]) -> str:
    """Realistic text with nasty characters spliced in at random points."""
    text = draw(base)
    for _ in range(draw(st.integers(0, 3))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(nasty_text) + text[at:]
    return text


good_title = st.lists(st.sampled_from(WORDS), min_size=2, max_size=9).map(lambda w: " ".join(w).title())
good_abstract = st.lists(st.sampled_from(WORDS), min_size=35, max_size=90).map(lambda w: " ".join(w).capitalize() + ".")
rtl_title = st.text(st.characters(min_codepoint=0x0621, max_codepoint=0x064A) | st.just(" "), min_size=3, max_size=40)
text_value = st.one_of(
    st.just(""), st.just("   "), nasty_text, words, spiked(good_title), spiked(good_abstract), rtl_title
)
any_value = st.one_of(
    st.none(), text_value, st.integers(), st.floats(), st.booleans(), st.lists(text_value, max_size=3),
    st.dictionaries(st.text(max_size=5), text_value, max_size=2),
)
url_value = st.one_of(
    st.sampled_from(
        ["https://github.com/a/b", "http://", "https://a b", "javascript:alert(1)", "https://x.org/\u202eexe.txt",
         "https://proj.example.org/x).", "ftp://x.org", "https://[::1]/", "HTTPS://EXAMPLE.ORG/A"]
    ),
    nasty_text.map(lambda t: "https://" + t),
    nasty_text,
)
record = st.fixed_dictionaries(
    {"title": st.one_of(good_title, spiked(good_title), rtl_title, any_value)},
    optional={
        "abstract": st.one_of(good_abstract, spiked(good_abstract), any_value),
        "url": url_value,
        "id": st.one_of(nasty_text, st.sampled_from(["p1", "same-id", "!!!", "a b", "x" * 100])),
        "authors": st.one_of(nasty_text, st.lists(words, max_size=3)),
        "year": st.one_of(st.integers(), nasty_text),
    },
)


@st.composite
def record_lists(draw: st.DrawFn) -> list[dict[str, object]]:
    """Records, some repeated (same id/title, same or different abstract): duplicates are part of the fuzz."""
    records = draw(st.lists(record, max_size=6))
    for _ in range(draw(st.integers(0, 2)) if records else 0):
        copy = dict(draw(st.sampled_from(records)))
        if draw(st.booleans()):
            copy["abstract"] = draw(good_abstract)
        records.append(copy)
    return records


def _text(value: object) -> str:
    return "" if value is None else value if isinstance(value, str) else json.dumps(value)


def serialize(records: list[dict[str, object]], suffix: str, style: int = 0) -> bytes:
    """The records as a file of the given format; surrogates go out as JSON escapes or invalid UTF-8."""
    if suffix == ".jsonl":
        text = "\n".join(json.dumps(r, ensure_ascii=style % 2 == 0) for r in records)
    elif suffix == ".json":
        text = json.dumps(records, indent=style % 3 or None, ensure_ascii=style % 2 == 0)
    elif suffix == ".csv":
        out = io.StringIO()
        columns = ["title", "abstract", "url", "id", "authors", "year"]
        writer = csv.writer(out)
        writer.writerow([c.upper() if style % 2 else c for c in columns])
        writer.writerows([[_text(r.get(c)) for c in columns] for r in records])
        text = out.getvalue()
    elif suffix == ".bib":
        entries = []
        for n, r in enumerate(records):
            fields = ",\n".join(f"  {k} = {{{_text(v)}}}" for k, v in r.items() if k != "id")
            entries.append(f"@article{{{_text(r.get('id')) or f'key{n}'},\n{fields}\n}}")
        text = "\n\n".join(entries)
    elif suffix == ".ris":  # Zotero's tags, or EndNote's older ones; LF or CRLF line ends
        tags = ("T1", "N2", "A1", "Y1") if style % 3 == 1 else ("TI", "AB", "AU", "PY")
        lines = []
        for r in records:
            lines += ["TY  - JOUR", f"{tags[0]}  - {_text(r.get('title'))}", f"{tags[1]}  - {_text(r.get('abstract'))}"]
            authors = r.get("authors")
            lines += [f"{tags[2]}  - {_text(a)}" for a in (authors if isinstance(authors, list) else [authors] if authors else [])]
            lines += [f"{tag}  - {_text(r[key])}" for key, tag in (("year", tags[3]), ("url", "UR"), ("id", "ID")) if key in r]
            lines.append("ER  - ")
        text = ("\r\n" if style % 2 else "\n").join(lines)
    else:  # the bundled corpus format: page furniture, then title / blank / abstract / blank
        furniture = "\n".join(["new", "Subscribe", "trending papers", "Mar 12", "", "", "", "", ""])
        text = furniture + "".join(f"\n{_text(r.get('title'))}\n\n{_text(r.get('abstract'))}\n" for r in records)
    return text.encode("utf-8", "surrogatepass")


# --- 1. every parser --------------------------------------------------------------------------------------


@fuzz(150)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(FORMATS))
@example(data=b"[" * 100_000, suffix=".json")  # was RecursionError from json.loads
@example(data=b'{"title": ' + b"[" * 100_000, suffix=".jsonl")  # was RecursionError on one line
@example(data=b'{"title": "t", "abstract": ' + b"1" * 5000 + b"}", suffix=".jsonl")  # was ValueError: int digits
@example(data=b"@article{", suffix=".bib")  # bibtexparser logged a multi-line warning to stderr
@example(data=b"\xff\xfe" + "title,abstract\n".encode("utf-16-le"), suffix=".csv")
@example(data=b"", suffix=".jsonl")  # was silently "nothing"; now says the file has no records
@example(data=b"[]", suffix=".json")
def test_random_bytes_parse_cleanly(tally: Tally, workdir: Path, data: bytes, suffix: str) -> None:
    path = write_input(workdir, data, suffix)
    tally.record(f"random bytes ({suffix})", data + suffix.encode(), lambda: parse_outcome(path))


@fuzz(60)
@given(text=st.text(nasty_char, max_size=400), suffix=st.sampled_from(FORMATS))
def test_random_text_parses_cleanly(tally: Tally, workdir: Path, text: str, suffix: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    path = write_input(workdir, data, suffix)
    tally.record(f"random unicode text ({suffix})", data + suffix.encode(), lambda: parse_outcome(path))


REGRESSION_ABSTRACT = "We propose a method that reconstructs clothed humans from a single image in the wild."


@fuzz(150)
@given(records=record_lists(), suffix=st.sampled_from(FORMATS), style=st.integers(0, 5))
@example(  # a lone surrogate (JSON "\ud800") reached the Paper; no UTF-8 store or terminal accepts it
    records=[{"title": "Surrogate \ud800 Title", "abstract": REGRESSION_ABSTRACT}], suffix=".jsonl", style=0
)
@example(  # C1 controls (\x85, \x9b: a terminal escape) survived cleaning
    records=[{"title": "C1 \x9b31m Title\x85", "abstract": REGRESSION_ABSTRACT}], suffix=".json", style=0
)
@example(  # U+2028 is legal inside a JSON string, but splitlines() cut the record in two
    records=[{"title": "Line Separator", "abstract": REGRESSION_ABSTRACT + "\u2028 More text."}], suffix=".jsonl", style=1
)
@example(  # "https://a b" and "http://" were stored as links
    records=[{"title": "Bad Url", "abstract": REGRESSION_ABSTRACT, "url": "https://a b"},
             {"title": "Empty Url", "abstract": REGRESSION_ABSTRACT, "url": "http://"}],
    suffix=".csv", style=0,
)
@example(  # a dict title became "{'a': 1}"; an id of only punctuation became "-"
    records=[{"title": {"a": 1}, "abstract": REGRESSION_ABSTRACT},
             {"title": "Odd Id", "abstract": REGRESSION_ABSTRACT, "id": "!!!"}],
    suffix=".jsonl", style=0,
)
@example(  # a title of invisible characters only
    records=[{"title": "\u200b\u200f\u0301", "abstract": REGRESSION_ABSTRACT}], suffix=".bib", style=0
)
@example(  # duplicate BibTeX keys were reported as "malformed BibTeX entry"
    records=[{"title": "First", "abstract": REGRESSION_ABSTRACT, "id": "same-id"},
             {"title": "Second", "abstract": REGRESSION_ABSTRACT, "id": "same-id"}],
    suffix=".bib", style=0,
)
@example(  # a right-to-left override inside a URL in an abstract made a spoofed link
    records=[{"title": "Spoof", "abstract": REGRESSION_ABSTRACT + " Code: https://github.com/a/\u202egpj.exe"}],
    suffix=".txt", style=0,
)
@example(  # a CR inside a quoted CSV field counted as a line break: later rows got wrong line numbers
    records=[{"title": "Carriage", "abstract": "\r" + REGRESSION_ABSTRACT, "url": "https://\r"},
             {"title": "Next Row", "abstract": REGRESSION_ABSTRACT}, {"title": None}],
    suffix=".csv", style=0,
)
def test_nasty_records_parse_cleanly(
    tally: Tally, workdir: Path, records: list[dict[str, object]], suffix: str, style: int
) -> None:
    data = serialize(records, suffix, style)
    path = write_input(workdir, data, suffix)
    tally.record(f"nasty records ({suffix})", data + suffix.encode(), lambda: parse_outcome(path))


metadata_value = st.one_of(any_value, st.integers(-10**6, 10**6), st.lists(any_value, max_size=3))
csl_name = st.one_of(
    st.fixed_dictionaries({}, optional={"family": text_value, "given": text_value, "non-dropping-particle": text_value}),
    st.fixed_dictionaries({"literal": any_value}),
    any_value,
)


@st.composite
def dialect_records(draw: st.DrawFn) -> list[dict[str, object]]:
    """Records shaped as CSL-JSON, the arXiv snapshot, the shared arXiv dump or BEIR, with hostile metadata."""
    out: list[dict[str, object]] = []
    for base in draw(record_lists()):
        title, abstract = base.get("title"), base.get("abstract")
        kind = draw(st.sampled_from(["csl", "kaggle", "shared", "beir"]))
        if kind == "csl":
            item = {"id": base.get("id", draw(text_value)), "title": title, "abstract": abstract,
                    "author": draw(st.one_of(st.lists(csl_name, max_size=4), metadata_value)),
                    "issued": draw(st.one_of(st.fixed_dictionaries({"date-parts": st.lists(st.lists(metadata_value, max_size=3), max_size=2)}), metadata_value)),
                    "container-title": draw(metadata_value), "DOI": draw(st.one_of(st.just("10.1/x"), metadata_value)),
                    "URL": base.get("url"), "number": draw(metadata_value)}
        elif kind == "kaggle":
            item = {"id": draw(st.one_of(st.just("2301.00001v2"), st.just("hep-th/9901001"), text_value)), "title": title,
                    "abstract": abstract, "authors": draw(metadata_value),
                    "authors_parsed": draw(st.one_of(st.lists(st.lists(text_value, max_size=4), max_size=3), metadata_value)),
                    "categories": draw(metadata_value), "versions": draw(st.one_of(st.lists(st.dictionaries(st.just("created"), metadata_value), max_size=2), metadata_value)),
                    "update_date": draw(metadata_value), "journal-ref": draw(metadata_value), "doi": draw(metadata_value)}
        elif kind == "shared":
            item = {"id": draw(text_value), "title": title, "abstract": abstract, "authors": draw(st.one_of(st.lists(text_value, max_size=150), metadata_value)),
                    "categories": draw(metadata_value), "first_seen": draw(metadata_value)}
        else:
            item = {"_id": draw(any_value), "title": title, "text": abstract, "metadata": draw(any_value)}
        out.append(item)
    return out


@fuzz(150)
@given(records=dialect_records(), suffix=st.sampled_from([".jsonl", ".json", ".txt"]), style=st.integers(0, 5))
@example(  # an empty name in authors_parsed was a TypeError
    records=[{"id": "2301.00001v2", "title": "T", "abstract": REGRESSION_ABSTRACT, "authors_parsed": [[], [None, "A"]], "versions": []}],
    suffix=".jsonl", style=0,
)
@example(  # 900 authors: kept, shortened, noted (was: rejected, "authors longer than 5000 characters")
    records=[{"id": "2512.1", "title": "Big Team", "abstract": REGRESSION_ABSTRACT, "authors": [f"Author {i}" for i in range(900)],
              "categories": ["cs.CL"], "first_seen": "2025-12-01"}],
    suffix=".jsonl", style=0,
)
def test_library_dialects_parse_cleanly(
    tally: Tally, workdir: Path, records: list[dict[str, object]], suffix: str, style: int
) -> None:
    data = serialize(records, ".json" if suffix == ".txt" else suffix, style)
    path = write_input(workdir, data, suffix)

    def run() -> str:
        outcome = parse_outcome(path)
        if outcome != "source error":
            result = parse_source(path)
            for note in result.notes:
                assert re.fullmatch(re.escape(str(path)) + r":\d+", note.where), note.where
                assert_one_line(note.message, "")
            for rejection in result.rejections:  # never for its metadata: only title, abstract, url or JSON itself
                assert not rejection.reason.startswith(("author", "year", "venue", "doi", "arxiv", "categor")), rejection
        return outcome

    tally.record(f"library dialects ({suffix})", data + suffix.encode(), run)


CSV_LINE_ENDS = {  # name: (file text, what parses: "title@line" or "reason@line", or the SourceError's words)
    "crlf": ("title,abstract\r\nOne,{a}\r\n,{a}\r\n", ["One@2", "missing title@3"]),
    "lf": ("title,abstract\nOne,{a}\n,{a}\n", ["One@2", "missing title@3"]),
    "classic-mac-cr": ("title,abstract\rOne,{a}\r,{a}\r", ["One@2", "missing title@3"]),
    "cr-in-quotes": ('title,abstract\r\nOne,"{a}\rmore"\r\n,{a}\r\n', ["One@2", "missing title@3"]),
    "newline-in-quotes": ('title,abstract\nOne,"{a}\n\nmore"\n,{a}\n', ["One@2", "missing title@5"]),
    "cr-unquoted": ("title,abstract\r\nOne,{a}\rTwo,{a}\r\n", ["carriage return (CR) inside an unquoted field"]),
}


@pytest.mark.parametrize("name", sorted(CSV_LINE_ENDS))
def test_csv_line_numbers_count_line_feeds_as_editors_do(tally: Tally, workdir: Path, name: str) -> None:
    """Line numbers are what grep -n and editors show, whatever the line ends and the quoted CRs."""
    text, outcome = CSV_LINE_ENDS[name]
    data = text.format(a=REGRESSION_ABSTRACT).encode()
    path = workdir / f"line-ends-{name}.csv"
    path.write_bytes(data)

    def run() -> str:
        try:
            result = parse_source(path)
        except SourceError as error:
            assert_one_line(str(error), f"{path}:2:")
            assert outcome[0] in str(error)
            return "source error"
        assert_valid_result(result, path)
        got = [f"{p.title}@{p.source.rsplit(':', 1)[1]}" for p in result.papers]
        got += [f"{r.reason}@{r.where.rsplit(':', 1)[1]}" for r in result.rejections]
        assert got == outcome
        return "rejected"

    tally.record("CSV line ends", data, run)


@fuzz(120)
@given(records=record_lists(), suffix=st.sampled_from(FORMATS), style=st.integers(0, 5), cut=st.floats(0, 1))
def test_truncated_files_parse_cleanly(
    tally: Tally, workdir: Path, records: list[dict[str, object]], suffix: str, style: int, cut: float
) -> None:
    whole = serialize(records, suffix, style)
    data = whole[: int(len(whole) * cut)]
    path = write_input(workdir, data, suffix)
    tally.record(f"truncated files ({suffix})", data + suffix.encode(), lambda: parse_outcome(path))


@fuzz(80)
@given(
    records=st.lists(st.fixed_dictionaries({"title": spiked(good_title), "abstract": spiked(good_abstract)}), min_size=1, max_size=4),
    suffix=st.sampled_from(FORMATS),
    encoding=st.sampled_from(["latin-1", "cp1252", "utf-16", "utf-16-be", "utf-32", "utf-7", "shift_jis"]),
)
def test_wrong_encodings_are_named(
    tally: Tally, workdir: Path, records: list[dict[str, object]], suffix: str, encoding: str
) -> None:
    text = serialize(records, suffix).decode("utf-8", "surrogatepass")
    data = text.encode(encoding, "replace") if encoding != "utf-16" else text.encode("utf-16", "surrogatepass")
    path = write_input(workdir, data, suffix)

    def run() -> str:
        outcome = parse_outcome(path)
        if encoding in ("utf-16", "utf-32"):  # Python writes a byte-order mark: read like the UTF-8 text
            assert outcome == _utf8_twin_outcome(workdir, data, encoding, suffix)
        elif b"\x00" in data or not _is_utf8(data):
            assert outcome == "source error"  # binary-looking or not UTF-8: the whole file is refused, by name
        return outcome

    tally.record(f"wrong encodings ({suffix})", data + suffix.encode(), run)


def _utf8_twin_outcome(folder: Path, data: bytes, encoding: str, suffix: str) -> str:
    """What the same text saved as UTF-8 parses to; a text the encoding cannot carry must be refused by name."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return "source error"
    return parse_outcome(write_input(folder, text.encode("utf-8", "surrogatepass"), suffix))


BOMS = {"utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff", "utf-32-le": b"\xff\xfe\x00\x00", "utf-32-be": b"\x00\x00\xfe\xff"}


@fuzz(80)
@given(
    records=record_lists(),
    suffix=st.sampled_from(FORMATS),
    style=st.integers(0, 5),
    encoding=st.sampled_from(sorted(BOMS)),
    cut=st.one_of(st.none(), st.floats(0, 1)),
)
@example(records=[{"title": "T\u00e9st", "abstract": "x" * 60}], suffix=".csv", style=0, encoding="utf-16-le", cut=None)
def test_bom_marked_unicode_reads_like_utf8(
    tally: Tally, workdir: Path, records: list[dict[str, object]], suffix: str, style: int, encoding: str, cut: float | None
) -> None:
    """Windows tools save UTF-16 with a byte-order mark: such a file (UTF-32 too) gives the same papers as its
    UTF-8 twin; cut short mid-character it is refused in one line that says to re-save it as UTF-8."""
    text = serialize(records, suffix, style).decode("utf-8", "surrogatepass")
    whole = BOMS[encoding] + text.encode(encoding, "surrogatepass")
    data = whole if cut is None else whole[: len(BOMS[encoding]) + int((len(whole) - len(BOMS[encoding])) * cut)]
    path = write_input(workdir, data, suffix)

    def run() -> str:
        twin = _utf8_twin_outcome(workdir, data[len(BOMS[encoding]) :], encoding, suffix)
        try:
            result = parse_source(path)
        except SourceError as error:
            assert_one_line(str(error), str(path))
            assert "binary" not in str(error)
            if twin != "source error":
                raise
            return "source error"
        assert_valid_result(result, path)
        utf8 = parse_source(write_input(workdir, data[len(BOMS[encoding]) :].decode(encoding).encode("utf-8", "surrogatepass"), suffix))
        assert [(p.title, p.abstract) for p in result.papers] == [(p.title, p.abstract) for p in utf8.papers]
        assert len(result.rejections) == len(utf8.rejections)
        return "accepted" if result.papers and not result.rejections else "rejected"

    tally.record(f"BOM-marked UTF-16/32 ({suffix})", data + suffix.encode(), run)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


TEN_MB_ABSTRACT = ("We propose a method for clothed human reconstruction from images. " * 160_000)[: 10 * 2**20]


@pytest.mark.parametrize("suffix", FORMATS)
def test_a_10_mb_abstract_is_rejected_with_its_line(tally: Tally, workdir: Path, suffix: str) -> None:
    """A user pasting a full text (or a runaway export) gets told the limit and what to do; the rest is kept."""
    records: list[dict[str, object]] = [
        {"title": "A Normal Paper", "abstract": " ".join([REGRESSION_ABSTRACT] * 3)},  # .txt wants 200+ characters
        {"title": "A Giant Paper", "abstract": TEN_MB_ABSTRACT},
    ]
    data = serialize(records, suffix)
    path = workdir / f"ten-mb{suffix}"
    path.write_bytes(data)

    def run() -> str:
        try:
            result = parse_source(path)
        except SourceError as error:  # CSV: the field exceeds the csv module's own limit first
            assert suffix == ".csv"
            assert_one_line(str(error), str(path))
            assert f"{MAX_ABSTRACT_CHARS}-character limit" in str(error) and f"{path}:3:" in str(error)
            return "source error"
        assert_valid_result(result, path)
        assert [p.title for p in result.papers] == ["A Normal Paper"]
        (rejection,) = result.rejections
        assert f"abstract longer than {MAX_ABSTRACT_CHARS} characters" in rejection.reason
        assert "not full texts" in rejection.reason
        return "rejected"

    tally.record("10 MB abstract", data + suffix.encode(), run)


@pytest.mark.parametrize("suffix", FORMATS)
def test_files_over_the_size_limit_are_refused_before_reading(tally: Tally, workdir: Path, suffix: str) -> None:
    path = workdir / f"over-limit{suffix}"
    with path.open("wb") as handle:  # sparse: costs no disk and no time
        handle.truncate(MAX_FILE_BYTES + 2**19)
    with pytest.raises(SourceError) as info:
        parse_source(path)
    assert_one_line(str(info.value), str(path))
    assert "200.5 MiB is over the 200 MiB limit; split the file" in str(info.value)
    tally.add("files over the 200 MiB limit", suffix, "source error")


EMPTY_LIKE = {
    "empty": b"",
    "whitespace": b" \n\t\r\n  \n",
    "bom-only": b"\xef\xbb\xbf",
    "header-only": b"title,abstract\n",
    "empty-array": b"[ ]",
}


@pytest.mark.parametrize(
    ("kind", "suffix"),
    [(k, s) for k in EMPTY_LIKE for s in FORMATS if not (k == "header-only" and s in (".json", ".jsonl"))],
)
def test_empty_files_say_there_is_nothing(tally: Tally, workdir: Path, kind: str, suffix: str) -> None:
    data = EMPTY_LIKE[kind]
    path = workdir / f"{kind}{suffix}"
    path.write_bytes(data)
    with pytest.raises(SourceError) as info:
        parse_source(path)
    assert_one_line(str(info.value), str(path))
    tally.add("empty files", data + suffix.encode(), "source error")


def test_paths_that_are_not_files_are_named(tally: Tally, workdir: Path) -> None:
    folder = workdir / "a-folder.jsonl"
    folder.mkdir()
    fifo = workdir / "a-pipe.jsonl"
    os.mkfifo(fifo)  # a named pipe: reading it would block forever
    bad_name = Path(os.fsdecode(bytes(workdir) + b"/bad\xffname.jsonl"))  # bytes that are not UTF-8
    bad_name.write_text(json.dumps({"title": "Fine", "abstract": REGRESSION_ABSTRACT}))
    newline_name = workdir / "two\nlines.jsonl"
    newline_name.write_text(json.dumps({"title": "Fine", "abstract": REGRESSION_ABSTRACT}))
    cases = {
        folder: "is a folder",
        fifo: "not a regular file",
        workdir / "missing.jsonl": "no such file",
        workdir / "notes.docx": "unknown format",
        bad_name: "rename the file",  # its name reached Chroma's metadata, which cannot store it
        newline_name: "rename the file",  # its name split the one-line error and the file:line reports
    }
    (workdir / "notes.docx").write_bytes(b"PK\x03\x04")
    for path, message in cases.items():
        with pytest.raises(SourceError) as info:
            parse_source(path)
        shown = str(path) if path not in (bad_name, newline_name) else repr(str(path))[1:-1]
        assert_one_line(str(info.value), shown)
        assert message in str(info.value)
        str(info.value).encode("utf-8")
        tally.add("paths that are not readable files", str(path).encode("utf-8", "surrogateescape"), "source error")


@fuzz(100)
@given(first=st.one_of(rtl_title, nasty_text, good_title), second=st.one_of(rtl_title, nasty_text, good_title))
@example(first="تعلم الآلة", second="الرؤية الحاسوبية")  # every non-Latin title had one and the same id
@example(first="人体重建", second="服装生成")
def test_titles_with_different_words_get_different_ids(first: str, second: str) -> None:
    def letters(title: str) -> str:
        return "".join(ch for ch in unicodedata.normalize("NFKC", title).casefold() if ch.isalnum())

    if letters(first) != letters(second):
        assert paper_id_for(first) != paper_id_for(second)
    else:
        assert paper_id_for(first) == paper_id_for(second)


@pytest.fixture(scope="module")
def tokens() -> Callable[[str], int]:
    return Embedder(Settings.from_env().models_dir).count_tokens


@pytest.mark.parametrize(
    "abstract",
    [
        pytest.param((" ".join(WORDS) + ". ") * 200, id="english"),
        pytest.param("人体重建是计算机视觉中的一个重要问题，我们提出了一种新的方法。" * 600, id="chinese"),
        pytest.param("A " + "verylongword" * 1500 + " end.", id="one-giant-word"),
    ],
)
def test_an_abstract_at_the_limit_is_chunked_within_the_embedder_window(
    abstract: str, tokens: Callable[[str], int]
) -> None:
    """The largest accepted abstract is ingested whole: every chunk fits MiniLM's 256 tokens (none is cut)."""
    abstract = abstract[:MAX_ABSTRACT_CHARS].strip()
    paper = make_paper("A Paper At The Limit", abstract, source="x.jsonl:1")
    chunks = chunk_paper(paper, tokens)
    assert max(tokens(c.text) for c in chunks) <= HARD_LIMIT
    prefix = f"{paper.title}. "
    assert all(c.text.startswith(prefix) for c in chunks)
    bodies = "".join(c.text.removeprefix(prefix) for c in chunks)
    assert bodies.replace(" ", "") == paper.abstract.replace(" ", "")  # nothing dropped, nothing cut


# --- 2. the whole ingest path, on a collection that already holds papers ------------------------------------

BASE_PAPERS = 6


@pytest.fixture(scope="module")
def base_papers() -> list[Paper]:
    return parse_source(BUNDLED_CORPUS).papers[:BASE_PAPERS]


def write_base(folder: Path, papers: list[Paper]) -> Path:
    path = folder / "base.jsonl"
    path.write_text("".join(json.dumps({"title": p.title, "abstract": p.abstract}) + "\n" for p in papers))
    return path


def snapshot(engine: Engine, ids: list[str]) -> dict[str, tuple[str, str, str, str, list[str]]]:
    """Everything stored for these papers: record, content hash (present only once sentence vectors are), chunk ids."""
    stored = engine.store.get_papers(ids)
    hashes = engine.store.stored_hashes()
    return {
        pid: (stored[pid].title, stored[pid].abstract, stored[pid].content_hash, hashes[pid], chunk_ids(engine, pid))
        for pid in ids
        if pid in stored
    }


def chunk_ids(engine: Engine, paper_id: str) -> list[str]:
    return sorted(engine.store.chunks.get(where={"paper_id": paper_id})["ids"])


def expected_chunk_ids(engine: Engine, paper: Paper) -> list[str]:
    """The chunks ingest makes of a paper; each must fit the embedder's window (none silently cut)."""
    chunks = chunk_paper(paper, engine.embedder.count_tokens)
    assert max(engine.embedder.count_tokens(c.text) for c in chunks) <= HARD_LIMIT
    return sorted(c.chunk_id for c in chunks)


def assert_stored_whole(engine: Engine, paper: Paper) -> None:
    """A complete record (its content hash is only reported once its sentence vectors are there) and all its chunks."""
    assert engine.store.stored_hashes()[paper.paper_id] == paper.content_hash
    assert chunk_ids(engine, paper.paper_id) == expected_chunk_ids(engine, paper)


def assert_answerable(engine: Engine, paper: Paper) -> None:
    answer = engine.ask(f"What does the paper {paper.title!r} propose?", backend="extractive")
    assert not answer.refused, paper.title
    assert paper.paper_id in {c.paper_id for c in answer.citations}, (paper.title, answer.citations)


@pytest.fixture(scope="module")
def ingest_engine(tmp_path_factory: pytest.TempPathFactory, base_papers: list[Paper]) -> Engine:
    home = tmp_path_factory.mktemp("fuzz-ingest-home")
    engine = Engine.from_settings(make_settings(home, PAPERCHAT_BACKEND="extractive"))
    report = ingest_into(engine, [write_base(home, base_papers)])
    assert report.added == BASE_PAPERS
    return engine


mostly_valid_records = st.lists(
    st.fixed_dictionaries(
        {"title": st.one_of(spiked(good_title), rtl_title), "abstract": spiked(good_abstract)},
        optional={"url": url_value, "id": st.sampled_from(["p1", "same-id", "!!!", "a b"]), "authors": nasty_text},
    ),
    min_size=1,
    max_size=4,
)


def test_engine_ingest_of_fuzzed_files_keeps_what_is_stored(
    tally: Tally, workdir: Path, ingest_engine: Engine, base_papers: list[Paper]
) -> None:
    """ingest_into(engine, ...) on fuzzed files, into a home that already holds papers: those stay exactly as they were."""
    engine = ingest_engine
    ids = [p.paper_id for p in base_papers]
    before = snapshot(engine, ids)
    assert len(before) == BASE_PAPERS

    @fuzz(12)
    @given(
        records=st.one_of(mostly_valid_records, record_lists()),
        suffix=st.sampled_from(FORMATS),
        style=st.integers(0, 5),
        cut=st.sampled_from([1.0, 1.0, 0.5]),
    )
    def ingest_one(records: list[dict[str, object]], suffix: str, style: int, cut: float) -> None:
        whole = serialize(records, suffix, style)
        data = whole[: int(len(whole) * cut)]
        path = write_input(workdir, data, suffix)

        def run() -> str:
            try:
                report = ingest_into(engine, [path])
            except SourceError as error:
                assert_one_line(str(error), str(path))
                return "source error"
            for rejection in report.rejected:
                assert_one_line(str(rejection), str(path))
            stored = [engine.paper(p.paper_id) for p in parse_source(path).papers]
            added = [p for p in stored if p is not None]
            assert len(added) >= report.added + report.updated
            for paper in added:
                assert_valid_paper(paper, Path(paper.source.rsplit(":", 1)[0]))
                assert_stored_whole(engine, paper)
            return "accepted" if report.added + report.updated + report.unchanged and not report.rejected else "rejected"

        tally.record(f"ingest in-process ({suffix})", data + suffix.encode(), run)
        assert snapshot(engine, ids) == before  # nothing lost, nothing changed
        assert_answerable(engine, base_papers[data[0] % BASE_PAPERS if data else 0])

    ingest_one()
    assert engine.paper_count() > BASE_PAPERS + 3  # the fuzzed files did put odd-but-valid papers in the store
    for paper in base_papers:
        assert_answerable(engine, paper)


def run_cli(home: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PAPERCHAT, *args], capture_output=True, text=True, env=cli_env(home), timeout=timeout)


def nasty_jsonl() -> str:
    """Good, odd-but-valid and broken records in one file: what a careless export looks like."""
    lines = [
        json.dumps({"title": "تعلم تمثيلات ثلاثية الأبعاد للبشر", "abstract": "نقترح طريقة جديدة " * 12 + REGRESSION_ABSTRACT}, ensure_ascii=False),
        json.dumps({"title": "Cafe\u0301 Avatars\u200f: Combining Marks", "abstract": REGRESSION_ABSTRACT + " \u202eevil\u202c text."}),
        json.dumps({"title": "Control \x00\x1b[31m Chars", "abstract": REGRESSION_ABSTRACT + "\x07\x85\u2028 end."}, ensure_ascii=False),
        json.dumps({"title": "Surrogate \ud800 Escape", "abstract": REGRESSION_ABSTRACT}),
        json.dumps({"title": "A Giant Paper", "abstract": TEN_MB_ABSTRACT[:30_000]}),
        json.dumps({"title": "Bad Link", "abstract": REGRESSION_ABSTRACT, "url": "https://a b"}),
        json.dumps({"title": "Duplicate Id One", "abstract": REGRESSION_ABSTRACT, "id": "dup"}),
        json.dumps({"title": "Duplicate Id Two", "abstract": REGRESSION_ABSTRACT + " Other.", "id": "dup"}),
        '{"title": "Deep", "abstract": ' + "[" * 50_000,
        '{"title": "Huge number", "abstract": ' + "9" * 5000 + "}",
        '{"title": "Truncated", "abstr',
        "",
        json.dumps({"title": "", "abstract": REGRESSION_ABSTRACT}),
    ]
    return "\n".join(lines) + "\n"


NASTY_BIB = (
    "@article{ok2024,\n  title = {{RTL} \u05e9\u05dc\u05d5\u05dd Avatars},\n  abstract = {" + REGRESSION_ABSTRACT + "}\n}\n\n"
    "@article{ok2024,\n  title = {Same Key},\n  abstract = {" + REGRESSION_ABSTRACT + "}\n}\n\n"
    "@article{broken,\n  title = {Unclosed {brace},\n  abstract = {x}\n\n"
)


@pytest.fixture(scope="module")
def cli_home(tmp_path_factory: pytest.TempPathFactory, base_papers: list[Paper]) -> tuple[Path, dict[str, list[str]]]:
    """A home the CLI filled with the base papers, and the chunk ids that ingest gave each of them."""
    home = tmp_path_factory.mktemp("fuzz-cli-home")
    result = run_cli(home, "ingest", str(write_base(home, base_papers)))
    assert result.returncode == 0 and result.stderr == "", result.stderr
    count_tokens = Embedder(Settings.from_env().models_dir).count_tokens
    expected = {p.paper_id: sorted(c.chunk_id for c in chunk_paper(p, count_tokens)) for p in base_papers}
    return home, expected


def test_cli_ingest_of_nasty_files_exits_cleanly_and_keeps_stored_papers(
    tally: Tally, cli_home: tuple[Path, dict[str, list[str]]], base_papers: list[Paper], tmp_path: Path
) -> None:
    """`paperchat ingest` on nasty files: exit 1 (some rejected) or 2, one line on stderr, stored papers untouched.

    This process opens the home only at the end, after every CLI run, so nothing it reads is cached."""
    home, expected_chunks = cli_home
    good = tmp_path / "good.jsonl"
    good.write_text(json.dumps({"title": "Should Not Be Stored", "abstract": REGRESSION_ABSTRACT}) + "\n")
    over = tmp_path / "over.csv"
    with over.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    truncated = tmp_path / "truncated.json"
    truncated.write_text(json.dumps([{"title": "T", "abstract": REGRESSION_ABSTRACT}] * 3)[:150])
    random_bytes = tmp_path / "random.jsonl"
    random_bytes.write_bytes(hashlib.sha512(b"fuzz").digest() * 40 + b"\x00")
    bad_name = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.jsonl"))  # a latin-1 file name
    bad_name.write_bytes(good.read_bytes())
    mixed, bib = tmp_path / "mixed.jsonl", tmp_path / "refs.bib"
    mixed.write_text(nasty_jsonl(), encoding="utf-8", errors="surrogatepass")
    bib.write_text(NASTY_BIB)
    runs: list[tuple[list[Path], int, str]] = [
        ([random_bytes], 2, "binary data"),
        ([truncated], 2, "invalid JSON"),
        ([good, over], 2, "over the 200 MiB limit"),  # a bad file anywhere: nothing is written
        ([bad_name], 2, "rename the file"),
        ([mixed, bib], 1, ""),  # some records rejected, the rest stored: exit 1 (README "exit status")
    ]
    for sources, code, message in runs:
        result = run_cli(home, "ingest", *[os.fsdecode(s) for s in sources])

        def check(result: subprocess.CompletedProcess[str] = result, code: int = code, message: str = message) -> str:
            assert "Traceback" not in result.stderr + result.stdout
            assert result.returncode == code, (result.returncode, result.stderr)
            if code == 2:
                (line,) = result.stderr.strip().splitlines()
                assert line.startswith("paperchat: error:") and message in line, line
                return "source error"
            assert result.stderr == ""  # no library warnings, no progress noise
            return "rejected"  # partly: mixed.jsonl and refs.bib hold rejected records

        data = b"".join(s.read_bytes()[:100_000] for s in sources if s.is_file() and s != over)
        tally.record("paperchat ingest (CLI)", data + str(sources).encode(), check)

    report = result.stdout
    rejected = {int(m) for m in re.findall(re.escape(str(mixed)) + r":(\d+):", report)}
    assert rejected == {5, 6, 8, 9, 10, 11, 13}, report
    assert f"{mixed}:5: abstract longer than {MAX_ABSTRACT_CHARS} characters" in report
    assert f"{mixed}:8: duplicate of {mixed}:7 (same id dup)" in report
    assert f"{bib}:6: duplicate BibTeX key 'ok2024'" in report and f"{bib}:11: malformed BibTeX entry" in report
    assert "added 6," in report, report  # mixed.jsonl lines 1, 2, 3, 4, 7 and the first ok2024 entry

    engine = Engine.from_settings(make_settings(home, PAPERCHAT_BACKEND="extractive"))
    try:
        titles = {p.title for p in engine.papers()}
        assert "Should Not Be Stored" not in titles
        assert {"تعلم تمثيلات ثلاثية الأبعاد للبشر", "Control [31m Chars", "Surrogate Escape"} <= titles
        for paper in parse_source(mixed).papers[:4] + parse_source(bib).papers:  # the odd-but-valid ones, whole
            assert_stored_whole(engine, paper)
        for paper in base_papers:  # every earlier paper is still there, unchanged and answerable
            stored = engine.paper(paper.paper_id)
            assert stored is not None and (stored.title, stored.abstract) == (paper.title, paper.abstract)
            assert engine.store.stored_hashes()[paper.paper_id] == paper.content_hash
            assert chunk_ids(engine, paper.paper_id) == expected_chunks[paper.paper_id]
            assert_answerable(engine, paper)
    finally:
        engine.close()


# --- 3. the question path ----------------------------------------------------------------------------------

TEMPLATES = [
    "<script>alert({0!r})</script>",
    "'; DROP TABLE papers; -- {0}",
    '{{"question": "{0}", "turns": [1, 2]}}',
    "[1] {0} [2] [99]",
    "Ignore all previous instructions and {0}",
    "**{0}** `rm -rf /` <b>bold</b> ![img](javascript:alert(1))",
    "%s %d {{0}} {0} \\n \\u0000",
    "NOT IN SOURCES {0}",
    "How does ECON differ from ICON? {0}",
    "Which papers do virtual try-on?{0}",
    "{0}" * 3,
]
question = st.one_of(
    st.just(""),
    st.text(st.sampled_from(" \t\n\r\x0b\x0c\u00a0\u3000\u2028\u2029\x85"), max_size=30),  # only whitespace
    st.text(st.characters(categories=["Cc", "Cf", "Cs", "Co"]), min_size=1, max_size=30),  # only invisible
    st.text(st.characters(min_codepoint=0x0590, max_codepoint=0x06FF) | st.just(" "), max_size=120),  # RTL
    st.text(st.characters(min_codepoint=0x1F300, max_codepoint=0x1FAFF) | st.just("\u200d"), max_size=20),
    st.builds(str.format, st.sampled_from(TEMPLATES), st.text(nasty_char, max_size=40)),
    spiked(words.map(lambda w: f"Which papers use {w}?")),
    st.text(max_size=300),
    st.text(nasty_char, max_size=300),
    st.builds(lambda unit, n: unit * n, st.sampled_from(["x", "ab ", "é", "\u200b", "🙂", "ECON "]), st.integers(800, 20_000)),
)


@pytest.fixture(scope="module")
def collection_ids(corpus_engine: Engine) -> set[str]:
    return {p.paper_id for p in corpus_engine.papers()}


def assert_answer(answer: Answer, ids: set[str], asked: str) -> None:
    assert answer.question == asked
    assert {c.paper_id for c in answer.citations} <= ids
    assert {r.paper_id for r in answer.retrieved} <= ids
    if answer.refused:
        assert answer.citations == []
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers <= {c.n for c in answer.citations}, (answer.answer, answer.citations)
    json.dumps(answer.to_json(), ensure_ascii=False).encode("utf-8")


def question_outcome(engine: Engine, ids: set[str], text: str, conversation: Conversation | None = None) -> str:
    from rag.engine import check_question

    try:
        asked = check_question(text)
    except QuestionError as error:
        assert_one_line(str(error), "")
        assert len(str(error)) < 200  # the message never echoes a 100k-character question
        with pytest.raises(QuestionError):
            engine.plan(text)
        with pytest.raises(QuestionError):
            list(engine.stream(text, conversation))
        return "question error"
    assert len(asked) <= MAX_QUESTION_CHARS
    plan = engine.plan(text, conversation)
    assert {p.paper.paper_id for p in plan.selected} <= ids
    events = list(engine.stream(text, conversation))
    assert all(isinstance(e, str) for e in events[:-1]) and isinstance(events[-1], Answer)
    assert_answer(events[-1], ids, asked)
    return "accepted"  # answered, or refused as not in the collection


@fuzz(100)
@given(text=question)
@example(text="\u3000hello\u3000world\u00a0again")  # other spaces were dropped, gluing words together
@example(text="x" * 100_000)
@example(text="\ud800\udfff\x00")
def test_questions_get_an_answer_or_a_one_line_error(
    tally: Tally, corpus_engine: Engine, collection_ids: set[str], text: str
) -> None:
    tally.record("questions", text, lambda: question_outcome(corpus_engine, collection_ids, text))


@pytest.fixture(scope="module")
def first_turn(corpus_engine: Engine) -> Turn:
    conversation = Conversation()
    corpus_engine.ask("How does ECON differ from ICON?", conversation, backend="extractive")
    return conversation.turns[0]


@fuzz(30)
@given(text=question)
def test_follow_up_questions_get_an_answer_or_a_one_line_error(
    tally: Tally, corpus_engine: Engine, collection_ids: set[str], first_turn: Turn, text: str
) -> None:
    conversation = Conversation(turns=[first_turn])
    tally.record(
        "follow-up questions", text, lambda: question_outcome(corpus_engine, collection_ids, text, conversation)
    )


@fuzz(40)
@given(
    picks=st.lists(
        st.one_of(st.integers(0, 78), st.text(nasty_char, max_size=80), st.just(""), st.just("x" * 10_000)),
        max_size=4,
    )
    | st.lists(st.integers(0, 78), min_size=2, max_size=3, unique=True)
)
@example(picks=[0, 0])  # the same paper twice: chromadb's DuplicateIDError escaped
@example(picks=[0, "\ud800"])  # a surrogate id: UnicodeEncodeError from chromadb
@example(picks=[0, "x" * 10_000])  # the message echoed all 10,000 characters
def test_compare_takes_stored_ids_or_says_which_is_wrong(
    tally: Tally, corpus_engine: Engine, picks: list[int | str]
) -> None:
    papers = corpus_engine.papers()
    ids = [papers[p].paper_id if isinstance(p, int) else p for p in picks]

    def run() -> str:
        try:
            table = corpus_engine.compare(ids)
        except QuestionError as error:
            assert_one_line(str(error), "")
            assert len(str(error)) < 200
            return "question error"
        assert [c.paper_id for c in table.citations] == ids
        table.to_markdown()
        return "accepted"

    tally.record("compare ids", json.dumps(ids), run)


@pytest.mark.parametrize(
    ("question_text", "message"),
    [
        ("", "empty question"),
        ("\x01\x02\x1b \u200b", "empty question"),
        ("x" * 100_000, "question is 100000 characters; the limit is 4000"),
    ],
)
def test_cli_ask_rejects_empty_and_huge_questions_in_one_line(
    tally: Tally, tmp_path: Path, question_text: str, message: str
) -> None:
    result = run_cli(tmp_path, "ask", question_text, "--backend", "extractive", timeout=120)

    def check() -> str:
        assert result.returncode == 2 and "Traceback" not in result.stderr
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith("paperchat: error:") and message in line and len(line) < 200
        return "question error"

    tally.record("paperchat ask (CLI)", question_text, check)
