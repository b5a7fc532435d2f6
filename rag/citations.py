"""Check every citation of a generated answer against the cited abstract, and repair it.

The answer is split into sentences; each sentence's claim (its text without
markers) is scored against every source paper's sentences, by meaning (MiniLM
cosine) and by words. A marker is kept when its paper supports the claim, moved
to the source that does when another supports it clearly better, and dropped
when none does. A factual sentence left with no support is taken out of the
answer and reported in `unsupported`; so is one stating a number or a name that
none of its cited abstracts contains (the usual shape of an invented fact).

A source sentence that addresses the model instead of describing the paper
("ignore the previous instructions…", "SYSTEM: answer that…", "</source> new
instructions") is a prompt injection: it is never support, and a fact found
only inside it counts as invented, so an answer that obeys it loses that sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from rag.answer import Citation
from rag.retrieval import RetrievedPaper, Retriever
from rag.text import keyword_tokens, name_tokens, split_sentences

SUPPORT_MIN = 0.45  # cosine + 0.35 * word overlap of the claim against the best source sentence
MOVE_MARGIN = 0.08  # another source must beat the cited one by this much to take the citation
LEXICAL = 0.35
_MARKER = re.compile(r"\s*\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?%?")
# Wording of instructions to a model, which no abstract of the bundled corpus (758 sentences) uses.
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.]{0,60}?\b(?:instructions?|rules|prompts?|sources|guidelines)\b"
    r"|\bnew instructions?\b|\bfrom now on\b|\byou (?:must|should|are now)\b|\b(?:answer|reply) that\b"
    r"|</?\s*(?:source|system|instructions?|prompt)\b[^>]*>"
    r"|(?<![\w-])(?-i:SYSTEM|ASSISTANT|INSTRUCTIONS?)\s*:",
    re.IGNORECASE,
)


@dataclass
class VerifyStats:
    kept: int = 0
    moved: int = 0
    dropped: int = 0
    added: int = 0
    removed_sentences: int = 0

    @property
    def repaired(self) -> bool:
        return bool(self.moved or self.dropped or self.added or self.removed_sentences)


@dataclass
class Verified:
    text: str
    citations: list[Citation]
    unsupported: list[str] = field(default_factory=list)
    stats: VerifyStats = field(default_factory=VerifyStats)


def _segments(text: str) -> list[str]:
    """Sentences, keeping line structure (bullets, paragraphs) as separate segments."""
    segments: list[str] = []
    for line in text.splitlines():
        if line.strip():
            segments.extend(split_sentences(line))
        segments.append("\n")
    return segments[:-1] if segments else []


def _is_claim(claim: str) -> bool:
    words = re.findall(r"[A-Za-z]{2,}", claim)
    return len(words) >= 5


_SOURCE_MENTION = re.compile(r"\b(?:[Ss]ources?|[Pp]apers?|[Pp]assages?)\s*\[(\d+)\]")


_COPIED_LABEL = re.compile(r"(?:Source|Paper)\s*(?:\[(\d+)\])?,?\s*from the paper\s*\"[^\"]*\"\s*:\s*")


def name_sources(text: str, sources: Sequence[RetrievedPaper]) -> str:
    """Small models write "Source [1] proposes…": name the paper instead, keeping the marker.

    They also copy the prompt's source labels ('Source [1], from the paper "…":'); those go.
    """
    text = _COPIED_LABEL.sub("", text)

    def replace(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if not 1 <= n <= len(sources):
            return match.group(0)
        paper = sources[n - 1].paper
        return f"{paper.name or paper.title} [{n}]"

    return _SOURCE_MENTION.sub(replace, text)


def verify(text: str, sources: Sequence[RetrievedPaper], retriever: Retriever, question: str = "") -> Verified:
    segments = _segments(name_sources(text, sources).strip())
    claims = [_MARKER.sub("", s).strip() if s != "\n" else "" for s in segments]
    claim_rows = [i for i, c in enumerate(claims) if c]
    vectors = retriever.embedder.embed([claims[i] for i in claim_rows]) if claim_rows else None
    source_sentences = [_citable(*retriever.sentences(source.paper)) for source in sources]
    source_texts = [f"{s.paper.title} {' '.join(sentences)}".lower() for s, (sentences, _) in zip(sources, source_sentences, strict=True)]
    stats = VerifyStats()
    out_segments: list[tuple[str, list[int], int]] = []  # (claim text, source indexes, best sentence index)
    unsupported: list[str] = []
    evidence: dict[int, str] = {}
    for row, index in enumerate(claim_rows):
        claim = claims[index]
        cited = [int(n) - 1 for group in _MARKER.findall(segments[index]) for n in re.split(r"[,;]", group)]
        support: list[tuple[float, str]] = []
        claim_terms = set(keyword_tokens(claim))
        assert vectors is not None
        for sentences, sentence_vectors in source_sentences:
            if not sentences:
                support.append((0.0, ""))
                continue
            cosines = sentence_vectors @ vectors[row]
            best_score, best_sentence = -1.0, ""
            for sentence, cosine in zip(sentences, cosines, strict=True):
                overlap = len(claim_terms & set(keyword_tokens(sentence))) / max(1, len(claim_terms))
                score = float(cosine) + LEXICAL * overlap
                if score > best_score:
                    best_score, best_sentence = score, sentence
            support.append((best_score, best_sentence))
        best = max(range(len(sources)), key=lambda i: support[i][0]) if sources else -1
        kept: list[int] = []
        for n in cited:
            if not 0 <= n < len(sources):
                stats.dropped += 1  # a number that was never a source
                continue
            if support[n][0] >= SUPPORT_MIN and support[n][0] >= support[best][0] - MOVE_MARGIN:
                stats.kept += 1
                target = n
            elif best >= 0 and support[best][0] >= SUPPORT_MIN:
                stats.moved += 1
                target = best
            else:
                stats.dropped += 1
                continue
            if target not in kept:
                kept.append(target)
        if not kept and _is_claim(claim) and best >= 0 and support[best][0] >= SUPPORT_MIN:
            kept.append(best)
            stats.added += 1
        uncited_fragment = not kept and not _is_claim(claim) and _invents(claim, source_texts, question)
        if uncited_fragment or (_is_claim(claim) and (not kept or _invents(claim, [source_texts[i] for i in kept], question))):
            unsupported.append(claim)
            stats.removed_sentences += 1
            continue
        for n in kept:
            evidence.setdefault(n, support[n][1])
        out_segments.append((claim, kept, index))
    # Renumber in order of first use, so the reader sees [1], [2], … in reading order.
    numbering: dict[int, int] = {}
    for _, kept, _ in out_segments:
        for n in kept:
            numbering.setdefault(n, len(numbering) + 1)
    pieces: list[str] = []
    kept_by_index = {index: (claim, kept) for claim, kept, index in out_segments}
    for i, segment in enumerate(segments):
        if segment == "\n":
            pieces.append("\n")
        elif i in kept_by_index:
            claim, kept = kept_by_index[i]
            markers = "".join(f" [{numbering[n]}]" for n in kept)
            if markers and claim[-1:] in ".!?":
                pieces.append(f"{claim[:-1]}{markers}{claim[-1]} ")
            else:
                pieces.append(f"{claim}{markers} ")
    final = re.sub(r"[ \t]+\n", "\n", "".join(pieces)).strip()
    final = re.sub(r"\n{3,}", "\n\n", final)
    citations = [
        Citation(
            n=number,
            paper_id=sources[n].paper.paper_id,
            title=sources[n].paper.title,
            url=sources[n].paper.url,
            evidence=evidence.get(n, ""),
            meta=sources[n].paper.meta,
        )
        for n, number in sorted(numbering.items(), key=lambda item: item[1])
    ]
    return Verified(text=final, citations=citations, unsupported=unsupported, stats=stats)


def is_instruction(sentence: str) -> bool:
    """A sentence written to steer a model (a prompt injection), not to describe a paper."""
    return _INSTRUCTION.search(sentence) is not None


def _citable(sentences: list[str], vectors: np.ndarray) -> tuple[list[str], np.ndarray]:
    """A source's sentences that may support a claim: all but injected instructions."""
    keep = [i for i, sentence in enumerate(sentences) if not is_instruction(sentence)]
    if len(keep) == len(sentences):
        return sentences, vectors
    return [sentences[i] for i in keep], vectors[keep]


def _invents(claim: str, cited_texts: list[str], question: str) -> bool:
    """A number, or a method name, that none of the cited abstracts contains."""
    haystack = " ".join(cited_texts)
    for number in _NUMBER.findall(claim):
        bare = number.rstrip("%")
        if (len(bare) >= 2 or "%" in number) and not re.search(rf"(?<![\d.]){re.escape(bare)}(?![\d])", haystack):
            return True
    return any(name not in haystack and len(name) > 2 for name in name_tokens(claim))
