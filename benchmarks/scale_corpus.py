"""Deterministic synthetic corpora of any size, recombined from the bundled 79 papers.

Scale tests need thousands of abstracts that look like the real ones to the
chunker, the embedder and BM25: the same sentences, the same lengths, the same
vocabulary. Each synthetic abstract takes its opening sentence from the pool of
real opening sentences, its closing one from the real closing ones and the rest
from the middles, until it reaches a length drawn from the real abstracts'
length distribution. Titles join two fragments of real titles and end in a
unique tag, so every paper gets its own id. Synthetic titles never carry a
"NAME:" prefix: a real name shared by thousands of fakes would be a collision
no real collection has.

The file starts with the real papers (unless `include_real=False`), so the dev
set still has its gold papers inside a large collection: quality at scale is
measured against the same questions, with the synthetic papers as distractors.
Distractors reuse real sentences verbatim, which makes them harder than real
neighbours would be: quality numbers at scale are a pessimistic bound.

Usage: python -m benchmarks.scale_corpus N [--seed S]   (prints the JSONL path)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rag.papers import Paper
from rag.settings import BUNDLED_CORPUS
from rag.text import split_sentences

GENERATOR_VERSION = 1  # bump when the recipe changes so cached files are rebuilt
RESULTS_DIR = Path(__file__).resolve().parent / "results"
CORPUS_DIR = RESULTS_DIR / "corpus"

_FRAGMENT_SPLIT = re.compile(r"\s+(?:for|with|via|using|from|in|by|through|towards|and)\s+", re.IGNORECASE)
_CONNECTORS = ("for", "with", "via", "using", "from", "in", "through", "towards")
MAX_ABSTRACT_CHARS = 19_000  # under ingest's 20,000 limit


@dataclass(frozen=True)
class Pools:
    """What synthetic papers are recombined from, taken once from the real corpus."""

    real: tuple[Paper, ...]
    openings: tuple[str, ...]
    middles: tuple[str, ...]
    closings: tuple[str, ...]
    lengths: tuple[int, ...]  # characters per real abstract
    heads: tuple[str, ...]  # title fragments that can start a title
    tails: tuple[str, ...]  # title fragments that can follow a connector


@lru_cache(maxsize=1)
def real_papers() -> tuple[Paper, ...]:
    from ingest.parsers import parse_source

    return tuple(parse_source(BUNDLED_CORPUS).papers)


def build_pools(papers: tuple[Paper, ...]) -> Pools:
    openings: list[str] = []
    middles: list[str] = []
    closings: list[str] = []
    heads: list[str] = []
    tails: list[str] = []
    for paper in papers:
        sentences = split_sentences(paper.abstract)
        if len(sentences) >= 3:
            openings.append(sentences[0])
            closings.append(sentences[-1])
            middles.extend(sentences[1:-1])
        else:
            middles.extend(sentences)
        _, sep, rest = paper.title.partition(":")
        description = rest.strip() if sep and ":" not in rest else paper.title.replace(":", " ")
        fragments = [f.strip(" .,-") for f in _FRAGMENT_SPLIT.split(description) if len(f.split()) >= 2]
        if fragments:
            heads.append(fragments[0])
            tails.extend(fragments[1:] or fragments)
    return Pools(
        real=papers,
        openings=tuple(openings),
        middles=tuple(middles),
        closings=tuple(closings),
        lengths=tuple(len(p.abstract) for p in papers),
        heads=tuple(heads),
        tails=tuple(tails),
    )


def synthetic_paper(pools: Pools, rng: random.Random, number: int) -> dict[str, str]:
    target = rng.choice(pools.lengths)
    parts = [rng.choice(pools.openings)]
    closing = rng.choice(pools.closings)
    length = len(parts[0]) + len(closing) + 1
    while length < target:
        sentence = rng.choice(pools.middles)
        # Stop at the length closest to the target: overshooting by more than half a sentence is worse.
        if length + len(sentence) / 2 > target and len(parts) > 1:
            break
        parts.append(sentence)
        length += len(sentence) + 1
    parts.append(closing)
    abstract = " ".join(parts)[:MAX_ABSTRACT_CHARS]
    head = rng.choice(pools.heads)
    tail = rng.choice(pools.tails)
    title = f"{head} {rng.choice(_CONNECTORS)} {_lower_first(tail)} (S{number:06d})"
    return {"title": title, "abstract": abstract, "url": f"https://example.org/synthetic/{number}"}


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text if first.isupper() or any(c.isupper() for c in first[1:]) else text[:1].lower() + text[1:]


def corpus_digest() -> str:
    return hashlib.sha256(BUNDLED_CORPUS.read_bytes()).hexdigest()[:8]


def generate(n: int, seed: int = 0, *, include_real: bool = True, folder: Path = CORPUS_DIR) -> Path:
    """A JSONL file of `n` papers (the real ones first when `include_real`), cached by its recipe."""
    if n < 1:
        raise ValueError(f"n must be positive, not {n}")
    kind = "mixed" if include_real else "synthetic"
    path = folder / f"{kind}-n{n}-seed{seed}-v{GENERATOR_VERSION}-{corpus_digest()}.jsonl"
    if path.is_file():
        return path
    papers = real_papers()
    pools = build_pools(papers)
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    lines: list[str] = []
    if include_real:
        for paper in papers[:n]:
            lines.append(json.dumps({"title": paper.title, "abstract": paper.abstract, "url": paper.url or ""}))
    for number in range(n - len(lines)):
        lines.append(json.dumps(synthetic_paper(pools, rng, number)))
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--synthetic-only", action="store_true", help="leave out the 79 real papers")
    args = parser.parse_args()
    print(generate(args.n, args.seed, include_real=not args.synthetic_only))


if __name__ == "__main__":
    main()
