"""The plain LlamaIndex pipeline, as the baseline paperchat has to beat.

`VectorStoreIndex` over a `ChromaVectorStore`, one `Document` per paper (title +
abstract, the title as metadata), the default `SentenceSplitter`, dense top-k
only: no keyword search, no names, no paper grouping beyond de-duplicating
titles, no evidence selection, no verification. The embedder is the same
all-MiniLM-L6-v2 as paperchat's (our `Embedder`, wrapped), so differences come
from the pipeline, not the model.

llama-index's global `Settings` are set explicitly before anything is built:
left unset, `embed_model` resolves to OpenAI embeddings (silent network calls
when OPENAI_API_KEY is set) and `llm` to OpenAI; here the LLM is a MockLLM,
which retrieval never calls.
"""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rag.embeddings import Embedder
from rag.papers import Paper

COLLECTION = "baseline"


def normalize_title(title: str) -> str:
    """The title key rag.evaluation matches gold titles on."""
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


def make_embed_model(embedder: Embedder) -> Any:
    """A llama-index `BaseEmbedding` that delegates to paperchat's MiniLM embedder."""
    from llama_index.core.bridge.pydantic import PrivateAttr
    from llama_index.core.embeddings import BaseEmbedding

    class MiniLMEmbedding(BaseEmbedding):
        _embedder: Embedder = PrivateAttr()

        def __init__(self, inner: Embedder, **kwargs: Any) -> None:
            super().__init__(model_name=inner.model_id, embed_batch_size=inner.batch_size, **kwargs)
            self._embedder = inner

        def _get_query_embedding(self, query: str) -> list[float]:
            return [float(x) for x in self._embedder.embed_one(query)]

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return [float(x) for x in self._embedder.embed_one(text)]

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            return [[float(x) for x in row] for row in self._embedder.embed(texts)]

    return MiniLMEmbedding(embedder)


def configure_llama_index(embedder: Embedder) -> Any:
    """Pin llama-index's globals: our embedder, a mock LLM. Returns the embed model."""
    from llama_index.core import Settings as LlamaSettings
    from llama_index.core.llms import MockLLM

    embed_model = make_embed_model(embedder)
    LlamaSettings.embed_model = embed_model
    LlamaSettings.llm = MockLLM()
    return embed_model


def _collection(path: Path, reset: bool) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    path.mkdir(parents=True, exist_ok=True)
    client = chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))
    if reset and COLLECTION in [c.name for c in client.list_collections()]:
        client.delete_collection(COLLECTION)
    # embedding_function=None: Chroma's default one downloads a model; llama-index always passes vectors.
    return client.get_or_create_collection(
        COLLECTION, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
    )


@dataclass
class BaselineBuild:
    papers: int
    nodes: int
    seconds: float


class Baseline:
    """A persisted baseline index: build it once, then retrieve from it."""

    def __init__(self, path: Path, embedder: Embedder) -> None:
        self.path = path
        self.embedder = embedder
        self.embed_model = configure_llama_index(embedder)
        self._index: Any = None

    def build(self, papers: Iterable[Paper]) -> BaselineBuild:
        from llama_index.core import Document, StorageContext, VectorStoreIndex
        from llama_index.core.node_parser import SentenceSplitter
        from llama_index.vector_stores.chroma import ChromaVectorStore

        started = time.perf_counter()
        documents = [
            Document(text=f"{paper.title}\n\n{paper.abstract}", metadata={"title": paper.title}, id_=paper.paper_id)
            for paper in papers
        ]
        collection = _collection(self.path, reset=True)
        vector_store = ChromaVectorStore(chroma_collection=collection)
        storage = StorageContext.from_defaults(vector_store=vector_store)
        self._index = VectorStoreIndex.from_documents(
            documents, storage_context=storage, embed_model=self.embed_model, transformations=[SentenceSplitter()]
        )
        nodes = int(collection.count())
        return BaselineBuild(len(documents), nodes, time.perf_counter() - started)

    @property
    def index(self) -> Any:
        if self._index is None:
            from llama_index.core import VectorStoreIndex
            from llama_index.vector_stores.chroma import ChromaVectorStore

            vector_store = ChromaVectorStore(chroma_collection=_collection(self.path, reset=False))
            self._index = VectorStoreIndex.from_vector_store(vector_store, embed_model=self.embed_model)
        return self._index

    def retrieve(self, query: str, top_k: int = 5) -> list[str]:
        """Titles of the top-k nodes' papers, best first, each once."""
        nodes = self.index.as_retriever(similarity_top_k=top_k).retrieve(query)
        titles: list[str] = []
        for node in nodes:
            title = str(node.node.metadata.get("title", ""))
            if title not in titles:
                titles.append(title)
        return titles


def score_baseline(baseline: Baseline, rows: Sequence[dict[str, Any]], top_k: int = 5) -> dict[str, dict[str, float | int | None]]:
    """recall@5 (@10 for multi, capped by top_k), MRR and top-5 precision on a gold set, per question type.

    The plain pipeline has no conversation memory, so a multi-turn item is
    retrieved with its last turn alone, as a stateless retriever would see it.
    """
    per_type: dict[str, list[tuple[float, float, float]]] = {}
    for row in rows:
        gold = {normalize_title(t) for t in row.get("gold_titles", [])}
        if not gold:
            continue
        kind = str(row.get("type", "single"))
        titles = [normalize_title(t) for t in baseline.retrieve(row["turns"][-1], top_k=top_k)]
        k = 10 if kind == "multi" else 5
        recall = len(gold & set(titles[:k])) / len(gold)
        rr = next((1.0 / (i + 1) for i, t in enumerate(titles) if t in gold), 0.0)
        top5 = titles[:5]
        precision = len(gold & set(top5)) / len(top5) if top5 else 0.0
        per_type.setdefault(kind, []).append((recall, rr, precision))
    per_type["all answerable"] = [v for values in per_type.values() for v in values]
    return {
        kind: {
            "n": len(values),
            "recall": statistics.fmean(v[0] for v in values),
            "mrr": statistics.fmean(v[1] for v in values),
            "top5_precision": statistics.fmean(v[2] for v in values),
        }
        for kind, values in per_type.items()
        if values
    }
