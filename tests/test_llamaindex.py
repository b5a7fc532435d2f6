"""paperchat's retriever, verifier and writer inside LlamaIndex's own query and chat engines.

Real parts throughout: the bundled corpus in Chroma with MiniLM (the shared `corpus_engine`), and as the
LLM the bundled 0.5B on the real llama.cpp server, reached through llama-index's `OpenAILike`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("llama_index.core", reason="the LlamaIndex components need `pip install -e '.[llamaindex]'`")
OpenAILike = pytest.importorskip("llama_index.llms.openai_like", reason="the tests' LLM client").OpenAILike

from llama_index.core.base.response.schema import Response  # noqa: E402
from llama_index.core.chat_engine import CondensePlusContextChatEngine, ContextChatEngine  # noqa: E402
from llama_index.core.llms import LLM  # noqa: E402
from llama_index.core.query_engine import RetrieverQueryEngine  # noqa: E402
from llama_index.core.response_synthesizers import get_response_synthesizer  # noqa: E402
from llama_index.core.schema import MetadataMode, NodeWithScore  # noqa: E402

from rag.engine import Engine  # noqa: E402
from rag.llamaindex import LlamaIndexWriter, PaperchatRetriever, PaperchatVerifier, VerifyingSynthesizer  # noqa: E402
from rag.llm_server import LocalLLMServer  # noqa: E402
from rag.models import LLM_FAST  # noqa: E402
from rag.plan import Conversation  # noqa: E402

from .conftest import REPO_ROOT, make_settings, model_available  # noqa: E402

STATES = {"verified", "repaired", "removed"}


@pytest.fixture(scope="module")
def llm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LLM]:
    """The 0.5B on llama.cpp's OpenAI-compatible server, as a LlamaIndex LLM."""
    if not model_available(LLM_FAST):
        pytest.skip("the 0.5B GGUF is not fetched: run `make test-models`")
    settings = make_settings(tmp_path_factory.mktemp("li-llm"), PAPERCHAT_LOCAL_MODEL="0.5b")
    server = LocalLLMServer(settings)
    try:
        url = server.ensure()
        yield OpenAILike(
            model=server.model_name, api_base=url, api_key="local", is_chat_model=True,
            context_window=4096, max_tokens=200, temperature=0.0, timeout=120, max_retries=0,
        )
    finally:
        server.stop()


def titles(nodes: list[NodeWithScore]) -> list[str]:
    return [n.node.metadata["title"] for n in nodes]


def check_verified(engine: Engine, response: Response) -> dict[str, Any]:
    """Every [n] of the text is a citation whose node is source_nodes[n-1], resting on a sentence of that abstract."""
    assert response.metadata is not None
    info: dict[str, Any] = response.metadata["paperchat"]
    assert info["sentences"] and {s["state"] for s in info["sentences"]} <= STATES
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", response.response or "")}
    assert markers == {c["n"] for c in info["citations"]}
    for citation in info["citations"]:
        node = response.source_nodes[citation["n"] - 1].node
        assert node.metadata["paper_id"] == citation["paper_id"]
        paper = engine.paper(citation["paper_id"])
        assert paper is not None and citation["evidence"] in paper.abstract
    for sentence in info["sentences"]:
        assert sentence["state"] == "removed" or sentence["citations"]
    return info


def test_the_retriever_returns_papers_with_their_evidence(corpus_engine: Engine) -> None:
    nodes = PaperchatRetriever(corpus_engine.planner).retrieve("How does ECON differ from ICON?")
    assert sorted(t.split(":")[0] for t in titles(nodes)) == ["ECON", "ICON"]
    for node in nodes:
        paper = corpus_engine.paper(node.node.metadata["paper_id"])
        assert paper is not None and node.node.node_id == paper.paper_id
        evidence = node.node.metadata["evidence"]
        assert evidence and all(sentence in paper.abstract and sentence in node.node.get_content() for sentence in evidence)
        assert node.score is not None and 0 < node.score <= 1 and node.node.metadata["score"] == node.score
        assert node.node.metadata["authors"] == list(paper.meta.authors)
        llm_view = node.node.get_content(metadata_mode=MetadataMode.LLM)
        assert paper.title in llm_view and paper.paper_id not in llm_view


def test_an_unanswerable_question_retrieves_nothing(corpus_engine: Engine) -> None:
    assert PaperchatRetriever(corpus_engine.planner).retrieve("What is the best recipe for banana bread?") == []


def test_query_engine_answers_from_econ_and_icon_with_verified_citations(corpus_engine: Engine, llm: LLM) -> None:
    verifier = PaperchatVerifier.from_engine(corpus_engine)
    query_engine = RetrieverQueryEngine(
        PaperchatRetriever(corpus_engine.planner), VerifyingSynthesizer(get_response_synthesizer(llm=llm), verifier)
    )
    response = query_engine.query("How does ECON differ from ICON?")
    assert isinstance(response, Response)
    info = check_verified(corpus_engine, response)
    kept = [s for s in info["sentences"] if s["state"] != "removed"]
    cited = {t.split(":")[0] for t in titles(response.source_nodes)}
    assert (kept and cited <= {"ECON", "ICON"} and cited) or (not kept and not info["citations"])


def test_the_async_query_path_is_verified_too(corpus_engine: Engine, llm: LLM) -> None:
    import asyncio
    import concurrent.futures

    verifier = PaperchatVerifier.from_engine(corpus_engine)
    synthesizer = VerifyingSynthesizer(get_response_synthesizer(llm=llm, use_async=True), verifier)
    query_engine = RetrieverQueryEngine(PaperchatRetriever(corpus_engine.planner), synthesizer)
    question = "Which paper generates face images from an ArcFace identity embedding alone?"
    # In its own thread: the session's Playwright (browser tests) keeps an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        response = pool.submit(asyncio.run, query_engine.aquery(question)).result()
    assert isinstance(response, Response)
    info = check_verified(corpus_engine, response)
    assert all(c["title"].startswith("Arc2Face") for c in info["citations"])


def test_the_verifier_step_removes_econs_name_put_on_techs_sentence(corpus_engine: Engine) -> None:
    """TeCH's sentence with ECON as its subject, cited to TeCH: similarity alone scores it near 1.0."""
    nodes = PaperchatRetriever(corpus_engine.planner).retrieve("How does ECON differ from TeCH?")
    names = [t.split(":")[0] for t in titles(nodes)]
    assert sorted(names) == ["ECON", "TeCH"]
    tech = names.index("TeCH") + 1
    econ = names.index("ECON") + 1
    written = Response(
        f"ECON infers detailed 2D normal maps for the front and back side of a clothed person [{econ}]. "
        "ECON reconstructs the 3D human by leveraging descriptive text prompts and a personalized fine-tuned "
        f"Text-to-Image diffusion model [{tech}].",
        nodes,
    )
    checked = PaperchatVerifier.from_engine(corpus_engine).verify_response(written, "How does ECON differ from TeCH?")
    info = check_verified(corpus_engine, checked)
    first, swapped = info["sentences"]
    assert first["state"] == "verified" and titles(checked.source_nodes)[first["citations"][0] - 1].startswith("ECON")
    assert swapped["state"] == "removed" and "ECON" in swapped["reason"]
    assert "text prompts" not in (checked.response or "")


@pytest.mark.parametrize("kind", ["context", "condense_plus_context"])
def test_chat_engine_follow_up_retrieves_the_paper_under_discussion(corpus_engine: Engine, llm: LLM, kind: str) -> None:
    """Measured: the 0.5B's condensing step returns "How fast does it run?" unchanged, which alone retrieves
    nothing; the retriever's conversation is what keeps DOPE, in either chat engine."""
    retriever = PaperchatRetriever(corpus_engine.planner, conversation=Conversation())
    chat: ContextChatEngine | CondensePlusContextChatEngine
    if kind == "context":
        chat = ContextChatEngine.from_defaults(retriever=retriever, llm=llm)
    else:
        chat = CondensePlusContextChatEngine.from_defaults(retriever=retriever, llm=llm)
    first = chat.chat("Which paper claims to be the first to estimate whole-body 3D human poses in the wild?")
    assert titles(first.source_nodes)[0].startswith("DOPE")
    follow_up = chat.chat("How fast does it run?")
    assert titles(follow_up.source_nodes)[0].startswith("DOPE")
    assert retriever.last_plan is not None
    assert retriever.last_plan.followup or kind != "context"  # a condensed question may name DOPE itself
    # Alone, the same words find other papers: the conversation is what found DOPE.
    alone = PaperchatRetriever(corpus_engine.planner).retrieve("How fast does it run?")
    assert not alone or not titles(alone)[0].startswith("DOPE")
    checked = PaperchatVerifier.from_engine(corpus_engine).verify_response(follow_up, "How fast does it run?")
    check_verified(corpus_engine, checked)
    assert len(chat.chat_history) == 4


def _writing_with(corpus_engine: Engine, llm: LLM) -> Engine:
    """The corpus engine's parts, with a LlamaIndex LLM as the `openai` writer."""
    return Engine(
        corpus_engine.settings,
        embedder=corpus_engine.embedder,
        store=corpus_engine.store,
        retriever=corpus_engine.retriever,
        planner=corpus_engine.planner,
        verifier=corpus_engine.verifier,
        writers={"openai": LlamaIndexWriter(llm, corpus_engine.settings)},
    )


def test_a_llamaindex_llm_writes_paperchats_notes(corpus_engine: Engine, llm: LLM) -> None:
    engine = _writing_with(corpus_engine, llm)
    drafted: list[str] = []
    answer = None
    for event in engine.stream("How does ECON differ from ICON?", backend="openai"):
        if isinstance(event, str):
            drafted.append(event)
        else:
            answer = event
    assert answer is not None and not answer.refused
    assert answer.backend == "openai"  # written by the LlamaIndex LLM, not the extractive fallback
    assert answer.notice is None or "without support" in answer.notice
    assert "first_token" in answer.timings_ms and "".join(drafted).strip()
    assert {c.title.split(":")[0] for c in answer.citations} <= {"ECON", "ICON"} and answer.citations
    for citation in answer.citations:
        paper = engine.paper(citation.paper_id)
        assert paper is not None and citation.evidence in paper.abstract


def test_a_failing_llamaindex_llm_falls_back_to_the_extractive_answer(corpus_engine: Engine) -> None:
    """An LLM whose server is gone: the writer's error is the engine's usual fallback, with a notice."""
    dead = OpenAILike(model="none", api_base="http://127.0.0.1:9/v1", api_key="x", is_chat_model=True, max_retries=0, timeout=5)
    engine = _writing_with(corpus_engine, dead)
    answer = engine.ask("How does ECON differ from ICON?", backend="openai")
    assert answer.backend == "extractive" and "OpenAILike failed" in (answer.notice or "")
    assert answer.citations


def test_the_readme_example_runs(corpus_home: Path, corpus_engine: Engine, llm: LLM, monkeypatch: pytest.MonkeyPatch,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    """The "Use from LlamaIndex" block of the README, run as written against the test's server and collection."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use from LlamaIndex", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert code is not None
    source = code.group(1)
    assert len(source.strip().splitlines()) <= 14
    assert isinstance(llm, OpenAILike)
    server_url, model = llm.api_base, llm.model
    source = source.replace('"http://127.0.0.1:8080/v1"', repr(server_url)).replace('"my-model"', repr(model))
    monkeypatch.setenv("PAPERCHAT_HOME", str(corpus_home))
    monkeypatch.setenv("PAPERCHAT_MODELS_DIR", str(corpus_engine.settings.models_dir))
    namespace: dict[str, object] = {}
    exec(compile(source, "README.md", "exec"), namespace)  # noqa: S102 - the project's own README
    response = namespace["response"]
    assert isinstance(response, Response)
    printed = capsys.readouterr().out
    assert printed.startswith(response.response or "")
    assert {t.split(":")[0] for t in titles(response.source_nodes)} <= {"ECON", "ICON"}
    check_verified(corpus_engine, response)
