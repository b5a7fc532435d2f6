from __future__ import annotations

import pytest

from ingest.chunker import HARD_LIMIT, chunk_paper
from ingest.parsers import parse_source
from rag.embeddings import Embedder
from rag.papers import make_paper
from rag.settings import BUNDLED_CORPUS, Settings
from rag.text import split_sentences


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder(Settings.from_env().models_dir)


def test_every_chunk_fits_the_embedder_and_keeps_sentences_whole(embedder: Embedder) -> None:
    papers = parse_source(BUNDLED_CORPUS).papers
    longest_abstract = max(embedder.count_tokens(p.abstract) for p in papers)
    assert longest_abstract > HARD_LIMIT  # chunking is needed at all
    for paper in papers:
        chunks = chunk_paper(paper, embedder.count_tokens)
        sentences = split_sentences(paper.abstract)
        rebuilt = []
        for chunk in chunks:
            assert embedder.count_tokens(chunk.text) <= HARD_LIMIT
            assert chunk.text.startswith(paper.title + ". ")
            body = chunk.text[len(paper.title) + 2 :]
            rebuilt.append(body)
        # Each body is a run of consecutive whole sentences; together they are the abstract, in order.
        position = 0
        for body in rebuilt:
            end = position + 1
            while " ".join(sentences[position:end]) != body:
                end += 1
                assert end <= len(sentences), f"chunk does not end on a sentence boundary: {body[-60:]!r}"
            position = end
        assert position == len(sentences)
        assert [c.chunk_id for c in chunks] == [f"{paper.paper_id}:{i}" for i in range(len(chunks))]


def test_a_sentence_longer_than_the_limit_is_cut_at_words(embedder: Embedder) -> None:
    giant = " ".join(f"token{i}" for i in range(600)) + "."
    paper = make_paper("A Title", f"Short opening sentence here. {giant}", source="x:1")
    chunks = chunk_paper(paper, embedder.count_tokens)
    assert len(chunks) >= 3
    assert all(embedder.count_tokens(c.text) <= HARD_LIMIT for c in chunks)
    words = " ".join(c.text[len("A Title. ") :] for c in chunks).split()
    assert words == f"Short opening sentence here. {giant}".split()


def test_text_without_spaces_is_cut_between_characters_to_fit(embedder: Embedder) -> None:
    """Chinese or Japanese runs with no spaces and no sentence end still make chunks the embedder sees whole."""
    run = "基于扩散模型的人体视频生成方法在多个基准上取得了显著的效果并且保持身份一致性" * 40
    paper = make_paper(title="长文本测试", abstract=run, source="t.jsonl:1")
    chunks = chunk_paper(paper, embedder.count_tokens)
    assert len(chunks) > 1
    assert all(embedder.count_tokens(c.text) <= HARD_LIMIT for c in chunks)
    assert "".join(c.text[len("长文本测试. ") :].replace(" ", "") for c in chunks) == run
