"""paperchat's stages as LlamaIndex components (the optional extra: `pip install 'paperchat[llamaindex]'`).

Nothing else in paperchat imports this module, so the core never needs llama-index (tests/test_layers.py).
A LlamaIndex user gets the parts of paperchat that a plain `VectorStoreIndex` lacks:

- `PaperchatRetriever`: paperchat's plan stage (hybrid dense + BM25 + name retrieval, evidence selection,
  refusal when the collection cannot answer, follow-ups read from the conversation) behind `BaseRetriever`,
  returning one `NodeWithScore` per paper, whose text is that paper's evidence sentences.
- `PaperchatVerifier` and `VerifyingSynthesizer`: paperchat's citation verifier over a written answer.
  Verification needs the *answer*, which a `BaseNodePostprocessor` never sees (it runs between retrieval and
  synthesis, on nodes only), so the step wraps a response synthesizer: inside `RetrieverQueryEngine` it
  checks what the wrapped synthesizer wrote against the source nodes, sentence by sentence. Chat engines
  build their own synthesizer, so for them `PaperchatVerifier.verify_response` checks the chat response.
- `LlamaIndexWriter`: paperchat's per-paper notes writer with any LlamaIndex `LLM`, for `Engine(writers=…)`.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping, Sequence
from typing import Any

from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.base.llms.types import ChatMessage, MessageRole
from llama_index.core.base.response.schema import (
    RESPONSE_TYPE,
    AsyncStreamingResponse,
    PydanticResponse,
    Response,
    StreamingResponse,
)
from llama_index.core.chat_engine.types import AgentChatResponse
from llama_index.core.llms import LLM
from llama_index.core.prompts.mixin import PromptDictType, PromptMixinType
from llama_index.core.response_synthesizers import BaseSynthesizer
from llama_index.core.schema import NodeWithScore, QueryBundle, QueryType, TextNode
from llama_index.core.types import RESPONSE_TEXT_TYPE

from rag.answer import Answer, Citation
from rag.engine import Engine
from rag.errors import LLMError
from rag.llm import ChatModel
from rag.plan import Conversation, Plan, Planner, Turn
from rag.retrieval import Evidence, RetrievedPaper, Retriever
from rag.settings import Settings
from rag.verify import Verified, Verifier, draft_from_text
from rag.writers import NotesWriter, in_abstract_order

__all__ = ["LlamaIndexWriter", "PaperchatRetriever", "PaperchatVerifier", "VerifyingSynthesizer", "paper_node"]

# Metadata the LLM does not need to read in a node's context (the title is kept: it names the paper).
_NOT_FOR_THE_LLM = ["paper_id", "authors", "year", "url", "evidence", "score"]


def paper_node(result: RetrievedPaper) -> NodeWithScore:
    """One paper as a LlamaIndex node: its evidence sentences (in the authors' order) as text, or the abstract."""
    paper = result.paper
    evidence = [e.sentence for e in result.evidence]
    text = " ".join(in_abstract_order(result, len(evidence))) if evidence else paper.abstract
    metadata: dict[str, Any] = {
        "paper_id": paper.paper_id,
        "title": paper.title,
        "authors": list(paper.meta.authors),
        "evidence": evidence,
        "score": result.score,
    }
    if paper.meta.year is not None:
        metadata["year"] = paper.meta.year
    if paper.url:
        metadata["url"] = paper.url
    node = TextNode(
        id_=paper.paper_id,
        text=text,
        metadata=metadata,
        excluded_llm_metadata_keys=list(_NOT_FOR_THE_LLM),
        excluded_embed_metadata_keys=list(_NOT_FOR_THE_LLM),
    )
    return NodeWithScore(node=node, score=result.score)


class PaperchatRetriever(BaseRetriever):
    """paperchat's plan stage as a retriever: the papers an answer may rest on, one node each, best first.

    A question the collection cannot answer returns no nodes (LlamaIndex then answers "Empty Response"
    without calling the LLM). Given a `Conversation`, each query is a turn of it, so a follow-up ("how fast
    does it run?") is retrieved with the papers of the turn before, by paperchat's rules, without asking an
    LLM to rewrite the question: that suits `ContextChatEngine`, which passes the latest message as is.
    """

    def __init__(self, planner: Planner, conversation: Conversation | None = None) -> None:
        super().__init__()
        self.planner = planner
        self.conversation = conversation
        self.last_plan: Plan | None = None

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        plan = self.planner.plan(query_bundle.query_str, self.conversation)
        self.last_plan = plan
        if self.conversation is not None:
            self.conversation.turns.append(Turn(plan.question, plan.query, _turn_record(plan)))
        return [] if plan.refused else [paper_node(result) for result in plan.selected]


def _turn_record(plan: Plan) -> Answer:
    """What the next turn's follow-up rules read: the papers this turn rests on, as if cited."""
    citations = [
        Citation(n, r.paper.paper_id, r.paper.title, r.paper.url, r.evidence[0].sentence if r.evidence else "")
        for n, r in enumerate([] if plan.refused else plan.selected, start=1)
    ]
    return Answer(question=plan.question, answer="", refused=plan.refused, backend="llamaindex", citations=citations)


class PaperchatVerifier:
    """Checks a written answer against its source nodes: each sentence ends verified, repaired or removed.

    `[n]` in the text refers to the n-th source node; a sentence without one gets the citation of the paper
    that states it, if any does. The nodes must be papers of the collection (a `PaperchatRetriever`'s), since
    the check reads each paper's stored sentences and the collection's names.
    """

    def __init__(self, verifier: Verifier, retriever: Retriever) -> None:
        self.verifier = verifier
        self.retriever = retriever

    def verify(self, text: str, source_nodes: Sequence[NodeWithScore], question: str = "") -> tuple[Verified, list[NodeWithScore]]:
        """The verified answer and the source nodes it cites, in citation order (node n-1 is citation [n])."""
        ids = [str(n.node.metadata.get("paper_id", n.node.node_id)) for n in source_nodes]
        papers = self.retriever.store.get_papers(ids)
        unknown = [pid for pid in ids if pid not in papers]
        if unknown:
            raise ValueError(f"source node {unknown[0]!r} is not a paper of the collection; retrieve with PaperchatRetriever")
        sources = [
            RetrievedPaper(
                paper=papers[pid],
                score=float(node.score or 0.0),
                dense=0.0,
                keyword=0.0,
                named=False,
                evidence=[Evidence(s, 0.0) for s in node.node.metadata.get("evidence", [])],
            )
            for pid, node in zip(ids, source_nodes, strict=True)
        ]
        sentences = {pid: self.retriever.sentences(papers[pid]) for pid in ids}
        verified = self.verifier.verify(draft_from_text(text, sources), sources, sentences, question)
        by_id = dict(zip(ids, source_nodes, strict=True))
        return verified, [by_id[c.paper_id] for c in verified.citations]

    def verify_response(self, response: Response | AgentChatResponse, question: str = "") -> Response:
        """A query engine's or chat engine's response, verified: the checked text, the cited nodes, and in
        `metadata["paperchat"]` each sentence's state, the citations with their evidence, and what was removed."""
        text = response.response or ""
        if not response.source_nodes:  # nothing retrieved (a refusal): nothing to check against
            return Response(text, [], {"paperchat": {"sentences": [], "citations": [], "removed": []}})
        verified, cited = self.verify(text, response.source_nodes, question)
        metadata = {
            "paperchat": {
                "sentences": [s.to_json() for s in verified.sentences],
                "citations": [c.to_json() for c in verified.citations],
                "removed": verified.unsupported,
                "repaired": verified.stats.repaired,
            }
        }
        return Response(verified.text, cited, metadata)

    @classmethod
    def from_engine(cls, engine: Engine) -> PaperchatVerifier:
        """The verifier and retriever of a paperchat `Engine`."""
        return cls(engine.verifier, engine.retriever)


class VerifyingSynthesizer(BaseSynthesizer):
    """Any LlamaIndex synthesizer, followed by paperchat's verification of what it wrote.

    A streaming synthesizer's text is read to the end first: a sentence can only be checked once written.
    """

    def __init__(self, synthesizer: BaseSynthesizer, verifier: PaperchatVerifier) -> None:
        # The wrapped synthesizer's LLM, so LlamaIndex's Settings.llm (OpenAI by default) is never resolved.
        super().__init__(llm=synthesizer._llm, callback_manager=synthesizer.callback_manager)
        self._synthesizer = synthesizer
        self._verifier = verifier

    def _get_prompts(self) -> PromptDictType:
        return {}

    def _update_prompts(self, prompts: PromptDictType) -> None:
        return None

    def _get_prompt_modules(self) -> PromptMixinType:
        return {"synthesizer": self._synthesizer}

    def get_response(self, query_str: str, text_chunks: Sequence[str], **response_kwargs: Any) -> RESPONSE_TEXT_TYPE:
        return self._synthesizer.get_response(query_str, text_chunks, **response_kwargs)

    async def aget_response(self, query_str: str, text_chunks: Sequence[str], **response_kwargs: Any) -> RESPONSE_TEXT_TYPE:
        return await self._synthesizer.aget_response(query_str, text_chunks, **response_kwargs)

    def synthesize(
        self,
        query: QueryType,
        nodes: list[NodeWithScore],
        additional_source_nodes: Sequence[NodeWithScore] | None = None,
        **response_kwargs: Any,
    ) -> RESPONSE_TYPE:
        written = self._synthesizer.synthesize(query, nodes, additional_source_nodes, **response_kwargs)
        return self._checked(written, _query_text(query))

    async def asynthesize(
        self,
        query: QueryType,
        nodes: list[NodeWithScore],
        additional_source_nodes: Sequence[NodeWithScore] | None = None,
        **response_kwargs: Any,
    ) -> RESPONSE_TYPE:
        written = await self._synthesizer.asynthesize(query, nodes, additional_source_nodes, **response_kwargs)
        if isinstance(written, AsyncStreamingResponse):
            written = await written.get_response()
        return self._checked(written, _query_text(query))

    def _checked(self, written: RESPONSE_TYPE, question: str) -> Response:
        if isinstance(written, StreamingResponse):
            written = written.get_response()
        if isinstance(written, AsyncStreamingResponse | PydanticResponse):
            raise TypeError("VerifyingSynthesizer checks text answers; use a synchronous, text-producing synthesizer")
        return self._verifier.verify_response(written, question)


def _query_text(query: QueryType) -> str:
    return query.query_str if isinstance(query, QueryBundle) else str(query)


class _LlamaIndexChat(ChatModel):
    """A LlamaIndex LLM behind paperchat's chat-model interface, so `NotesWriter` writes with it unchanged."""

    def __init__(self, llm: LLM, settings: Settings, name: str) -> None:
        super().__init__(settings, name)
        self.llm = llm

    def stream(
        self,
        messages: list[dict[str, str]],
        max_tokens: int | None = None,
        temperature: float | None = None,
        token_bias: Mapping[str, float] | None = None,
        *,
        turn_while_writing: bool = True,  # no turn to share: a LlamaIndex LLM is not one of the engine's servers
    ) -> Generator[str, None, None]:
        if token_bias:
            raise ValueError("token_bias is only for the local llama.cpp server")
        chat = [ChatMessage(role=MessageRole(m["role"]), content=m["content"]) for m in messages]
        # OpenAI-style LLMs take these per call; the notes are kept short by paperchat's per-kind limits.
        options: dict[str, Any] = {"max_tokens": max_tokens or self.settings.llm.max_tokens}
        if temperature is not None:
            options["temperature"] = temperature
        produced = 0
        try:
            for chunk in self.llm.stream_chat(chat, **options):
                if chunk.delta:
                    produced += len(chunk.delta)
                    yield chunk.delta
        except Exception as error:  # any LLM's failure becomes the engine's extractive fallback, with a notice
            raise LLMError(f"the LlamaIndex LLM {type(self.llm).__name__} failed ({type(error).__name__})") from None
        if produced == 0:
            raise LLMError(f"the LlamaIndex LLM {type(self.llm).__name__} returned an empty answer")


class LlamaIndexWriter(NotesWriter):
    """paperchat's write stage with any LlamaIndex `LLM`: one note per selected paper, from that paper's evidence.

    Pass it to `Engine(..., writers={"openai": LlamaIndexWriter(llm, settings)})`: the `openai` backend (any
    remote model) then writes with that LLM, and the engine verifies the notes and falls back as usual.
    """

    def __init__(self, llm: LLM, settings: Settings, *, name: str = "llamaindex") -> None:
        # The LLM's YES/NO on answerability is not trusted (measured per model: benchmarks/README.md "Refusals").
        super().__init__(_LlamaIndexChat(llm, settings, name), judge=False, temperature=settings.llm.temperature)
