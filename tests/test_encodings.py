"""Byte-order-marked UTF-16/UTF-32 sources (what Excel's "Unicode text" and Windows Notepad save) are read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.parsers import SourceError, parse_source

TITLE = "Café-Net: Identity-Preserving Avatars — 顔"
ABSTRACT = "We present Café-Net, a method that keeps a person's identity while generating avatars from one photo."
SOURCES = {
    ".jsonl": json.dumps({"title": TITLE, "abstract": ABSTRACT}, ensure_ascii=False) + "\n",
    ".csv": f'title,abstract\r\n"{TITLE}","{ABSTRACT}"\r\n',
    ".bib": f"@article{{cafe2024,\n  title = {{{TITLE}}},\n  abstract = {{{ABSTRACT}}},\n  year = {{2024}}\n}}\n",
}
ENCODINGS = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")
BOMS = {"utf-16-le": "\ufeff", "utf-16-be": "\ufeff", "utf-32-le": "\ufeff", "utf-32-be": "\ufeff"}


def encoded(text: str, encoding: str) -> bytes:
    """Python's "utf-16"/"utf-32" write a byte-order mark; the -le/-be codecs need it spelled out."""
    return (BOMS.get(encoding, "") + text).encode(encoding)


@pytest.mark.parametrize("suffix", sorted(SOURCES))
@pytest.mark.parametrize("encoding", ENCODINGS)
def test_bom_marked_unicode_is_read(tmp_path: Path, suffix: str, encoding: str) -> None:
    path = tmp_path / f"papers{suffix}"
    path.write_bytes(encoded(SOURCES[suffix], encoding))
    result = parse_source(path)
    assert [(p.title, p.abstract) for p in result.papers] == [(TITLE, ABSTRACT)]
    assert result.rejections == []


def test_bundled_corpus_format_in_utf16_reads_like_utf8(tmp_path: Path) -> None:
    from rag.settings import BUNDLED_CORPUS

    path = tmp_path / "papers.txt"
    path.write_bytes(BUNDLED_CORPUS.read_text(encoding="utf-8").encode("utf-16"))
    assert [p.title for p in parse_source(path).papers] == [p.title for p in parse_source(BUNDLED_CORPUS).papers]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        # cut mid-character: an odd byte count after the mark
        ("cut.jsonl", encoded(SOURCES[".jsonl"], "utf-16")[:-1], r"cut\.jsonl:1: not valid UTF-16 text; re-save the file as UTF-8"),
        # a lone high surrogate on line 2
        ("lone.csv", b"\xff\xfe" + "title,abstract\n".encode("utf-16-le") + b"\x00\xd8x\x00", r"lone\.csv:2: not valid UTF-16"),
        ("bad32.jsonl", b"\xff\xfe\x00\x00" + b"\x00\x00\x11\x00", r"bad32\.jsonl:1: not valid UTF-32"),
    ],
)
def test_broken_unicode_says_what_to_do_in_one_line(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError, match=message) as info:
        parse_source(path)
    assert "\n" not in str(info.value) and "binary" not in str(info.value)


def test_utf16_without_a_mark_is_still_refused_by_name(tmp_path: Path) -> None:
    """Without a mark the byte order is a guess; the file is refused with a one-line reason, nothing stored."""
    path = tmp_path / "nomark.jsonl"
    path.write_bytes(SOURCES[".jsonl"].encode("utf-16-le"))
    with pytest.raises(SourceError, match="nomark.jsonl") as info:
        parse_source(path)
    assert "\n" not in str(info.value)
    assert "UTF-16 text without a byte-order mark; re-save the file as UTF-8" in str(info.value)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_a_nul_character_is_refused_whatever_the_encoding(tmp_path: Path, encoding: str) -> None:
    """Found by the fuzzer: a NUL in a UTF-8 file was refused as binary while the same text saved as UTF-16
    with a byte-order mark was stored. Both are refused now, with the line."""
    path = tmp_path / "papers.txt"
    path.write_bytes("A title\n\nAn abstract.\n\n\x00Human human.\n".encode(encoding))
    with pytest.raises(SourceError) as raised:
        parse_source(path)
    assert "\n" not in str(raised.value) and str(path) in str(raised.value)
    assert ":5:" in str(raised.value) or "binary" in str(raised.value)
