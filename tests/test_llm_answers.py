"""The LLM path with the real llama.cpp server and the bundled 0.5B model; faults injected for real."""

from __future__ import annotations

import http.server
import json
import os
import re
import signal
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ingest.pipeline import ingest_into
from rag.answer import Answer
from rag.engine import (
    JUDGED_FALSE_PREMISE,
    JUDGED_NAMED_NOT_STATED,
    JUDGED_NONE_PICKED,
    JUDGED_NOT_STATED,
    JUDGED_UNANSWERABLE,
    Conversation,
    Engine,
)
from rag.llm import ChatModel
from rag.models import LLM_FAST, LLM_QUALITY
from rag.prompts import render
from rag.settings import BUNDLED_CORPUS
from rag.text import split_sentences
from rag.verify import Draft, DraftSentence
from rag.writers import NotesWriter, WriteStats, verdict_decides

from .conftest import fake_endpoint, gone, make_settings, model_available

pytestmark = pytest.mark.llm


if not model_available(LLM_FAST):  # `make test` fetches it; a bare pytest run without it skips loudly
    pytest.skip("the 0.5B GGUF is not fetched: run `make models`", allow_module_level=True)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    home = tmp_path_factory.mktemp("llm-home")
    engine = Engine.from_settings(make_settings(home, PAPERCHAT_BACKEND="local", PAPERCHAT_LOCAL_MODEL="0.5b", PAPERCHAT_LLM_TIMEOUT="90"))
    ingest_into(engine, [BUNDLED_CORPUS])
    yield engine
    engine.close()


def check_citations(engine: Engine, answer: Answer) -> None:
    known = {p.paper_id for p in engine.store.iter_papers()}
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers == {c.n for c in answer.citations}
    for citation in answer.citations:
        assert citation.paper_id in known
        paper = engine.paper(citation.paper_id)
        assert paper is not None and citation.title == paper.title
        assert citation.evidence and citation.evidence in paper.abstract


@pytest.mark.parametrize(
    "question",
    [
        "Which face generation model is conditioned only on a face-recognition identity embedding, with no text prompt?",
        "How does ECON differ from ICON?",
        "Which papers use a 3D morphable face model (3DMM)?",
    ],
)
def test_local_answers_carry_valid_verified_citations(engine: Engine, question: str) -> None:
    answer = engine.ask(question)
    assert answer.backend in ("local", "extractive")  # extractive only with a notice saying why
    if answer.backend == "extractive":
        assert answer.notice
    assert not answer.refused
    assert answer.citations
    check_citations(engine, answer)
    assert "first_token" in answer.timings_ms or answer.notice


def test_unanswerable_question_is_refused_without_citations(engine: Engine) -> None:
    answer = engine.ask("What FID does PhotoVerse report, and on which benchmark?")
    assert answer.refused and answer.citations == []


def test_the_small_models_verdict_is_not_trusted(engine: Engine) -> None:
    """Measured: the 0.5B answers NO to "does this paper do what is asked?" for nearly every answerable question."""
    writer = engine.writer("local")
    assert isinstance(writer, NotesWriter) and not writer.judge
    answer = engine.ask("Which paper generates face images from an ArcFace identity embedding alone?")
    assert not answer.refused


def test_notes_share_a_cacheable_prefix(engine: Engine) -> None:
    """Each paper's note repeats the system rules and the question before the paper, so llama.cpp keeps that
    prefix cached from note to note (and question to question for the rules); only the paper part is new."""
    plan = engine.plan("Which papers use the SMPL-X body model?")
    assert len(plan.selected) >= 2
    writer = engine.writer("local")
    assert isinstance(writer, NotesWriter)
    first, second = (writer.messages(plan, result) for result in plan.selected[:2])
    assert first[0] == second[0]
    head = f"Question: \u00ab{plan.question}\u00bb\n\nPaper: "
    assert first[1]["content"].startswith(head) and second[1]["content"].startswith(head)
    assert plan.selected[0].paper.title in first[1]["content"] and plan.selected[1].paper.title not in first[1]["content"]


def test_followup_keeps_the_paper(engine: Engine) -> None:
    conversation = Conversation()
    engine.ask("Which paper claims to be the first to estimate whole-body 3D human poses in the wild?", conversation)
    answer = engine.ask("How fast does it run?", conversation)
    assert answer.retrieved[0].title.startswith("DOPE")
    check_citations(engine, answer)


def test_killed_server_falls_back_then_restarts(engine: Engine) -> None:
    model = engine.chat_model("local")
    assert model.server is not None
    model.server.ensure()
    pid = model.server.pid
    assert pid is not None
    events = engine.stream("How does ECON reconstruct clothed humans?")
    first = next(events)  # the first token has arrived: the server is mid-answer
    assert isinstance(first, str)
    os.kill(pid, signal.SIGKILL)
    rest = list(events)
    final = rest[-1]
    assert isinstance(final, Answer)
    assert final.backend == "extractive" and final.notice and "extractive" in final.notice
    assert final.citations
    # The next question starts a new server and is answered by the model again.
    again = engine.ask("Which paper introduced MultiPly?")
    assert model.server.pid not in (None, pid)
    assert again.backend == "local" or again.notice


class _GarbageHandler(http.server.BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"choices": [ this is not json')

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def garbage_url() -> Iterator[str]:
    with fake_endpoint(_GarbageHandler) as url:
        yield url


def _openai_engine(engine: Engine, tmp_path: Path, base_url: str, key: str = "sk-test-SECRET-123") -> Engine:
    settings = make_settings(
        engine.settings.home,
        OPENAI_API_KEY=key,
        OPENAI_BASE_URL=base_url,
        PAPERCHAT_MODEL="qwen2.5-coder-0.5b",
        PAPERCHAT_LLM_TIMEOUT="20",
    )
    assert settings.llm.backend == "openai"
    return Engine.from_settings(settings)


def test_malformed_endpoint_reply_falls_back(engine: Engine, tmp_path: Path, garbage_url: str) -> None:
    remote = _openai_engine(engine, tmp_path, garbage_url)
    answer = remote.ask("What is BEDLAM?")
    assert answer.backend == "extractive" and "malformed" in (answer.notice or "")
    assert "SECRET" not in json.dumps(answer.to_json())


def _stream(handler: http.server.BaseHTTPRequestHandler, text: str) -> None:
    """Reply to a chat completion request with `text`, streamed as one chunk."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/event-stream")
    handler.end_headers()
    chunk = {"id": "c", "object": "chat.completion.chunk", "created": 0, "model": "m",
             "choices": [{"index": 0, "delta": {"role": "assistant", "content": text}, "finish_reason": None}]}  # fmt: skip
    done = {**chunk, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
    handler.wfile.write(f"data: {json.dumps(chunk)}\n\ndata: {json.dumps(done)}\n\ndata: [DONE]\n\n".encode())


class _UnsupportedNoteHandler(http.server.BaseHTTPRequestHandler):
    """A model whose every sentence is invented: what verification removes whole (the 1.5B did so for 7 of 114
    refusal-set answers, nondeterministically)."""

    NOTE = "BEDLAM was recorded on the Moon with 40 astronauts wearing motion-capture suits."

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        _stream(self, self.NOTE)

    def log_message(self, *args: object) -> None:
        pass


def test_an_answer_whose_every_sentence_is_removed_falls_back_and_still_shows_them(engine: Engine, tmp_path: Path) -> None:
    """The fall-back to quoted evidence used to drop what the model wrote: the reader (and eval's results) could not
    see why the model's answer was not used."""
    with fake_endpoint(_UnsupportedNoteHandler) as url:
        answer = _openai_engine(engine, tmp_path, url).ask("What is BEDLAM?")
    assert answer.backend == "extractive" and "no claim the sources support" in (answer.notice or "")
    assert answer.citations and _UnsupportedNoteHandler.NOTE[:20] not in answer.answer
    (removed,) = [s for s in answer.sentences if s.status == "removed"]
    assert removed.text == _UnsupportedNoteHandler.NOTE and removed.reason, removed
    assert any(s["text"] == removed.text and s["state"] == "removed" for s in answer.to_json()["sentences"])


class _TalkingNoteHandler(_UnsupportedNoteHandler):
    """A model that talks about its task before the claim, as the 1.5B did in 7 of 114 held-out-style answers."""

    NOTE = "BEDLAM addresses the question by presenting monocular RGB videos with ground-truth 3D bodies in SMPL-X format."


def test_a_note_that_talks_about_the_question_keeps_its_claim(engine: Engine, tmp_path: Path) -> None:
    """Such a sentence was removed whole ("talks about the question or the passages, not the paper"), and a list
    answer lost the paper it had described correctly."""
    with fake_endpoint(_TalkingNoteHandler) as url:
        answer = _openai_engine(engine, tmp_path, url).ask("What is BEDLAM?")
    assert answer.backend == "openai", answer.notice
    (sentence,) = answer.sentences
    assert sentence.text == "BEDLAM presents monocular RGB videos with ground-truth 3D bodies in SMPL-X format."
    assert sentence.status == "repaired" and [c.title[:6] for c in answer.citations] == ["BEDLAM"]
    assert "\u201caddresses the question by\u201d left out" in sentence.changes[0]


class _JudgeHandler(http.server.BaseHTTPRequestHandler):
    """A judge that says NO to any claim holding the question's "appears" (which the paper never says), YES to the
    rest; it records the claims it was asked about."""

    asked: list[str] = []

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        claim = body["messages"][-1]["content"].rsplit("Claim:", 1)[-1].strip()
        _JudgeHandler.asked.append(claim)
        _stream(self, "NO" if "appears" in claim else "YES")

    def log_message(self, *args: object) -> None:
        pass


def test_after_a_no_the_judge_is_asked_again_without_a_closing_clause_of_the_questions_words(
    engine: Engine, tmp_path: Path
) -> None:
    """The 1.5B ends list notes with the question said back ("…, which replaces or hides who appears in an image or
    video …"); a NO for the whole sentence removed what it said of the paper before that clause."""
    question = (
        "Which papers replace or hide who appears in an image or video, through face swapping or anonymization, "
        "while keeping the rest such as pose and background?"
    )
    head = "This paper presents the first approach to image anonymization based on Latent Diffusion Models (LDMs)."
    note = head[:-1] + ", which replaces or hides who appears in an image or video through face swapping or anonymization."
    with fake_endpoint(_JudgeHandler) as url:
        remote = _openai_engine(engine, tmp_path, url)
        plan = remote.plan(question)
        (n,) = [i for i, p in enumerate(plan.selected) if p.paper.title.startswith("Latent Diffusion Models for Attribute")]
        writer = NotesWriter(remote.chat_model("openai"), judge=True)
        judged = writer._judged(plan, DraftSentence(note, (n,), paragraph=n))
    assert _JudgeHandler.asked == [note, note, head]  # the claim, its recheck, then what the paper does alone
    assert judged.judged is True and judged.text == head
    assert judged.changes and "left out: the question's words" in judged.changes[0] and "\u201cappears\u201d" in judged.changes[0]


def test_unreachable_endpoint_falls_back_fast_and_hides_the_key(engine: Engine, tmp_path: Path) -> None:
    remote = _openai_engine(engine, tmp_path, "http://127.0.0.1:9/v1")
    answer = remote.ask("What is BEDLAM?")
    assert answer.backend == "extractive" and "unreachable" in (answer.notice or "")
    assert answer.timings_ms["generate"] < 10_000  # refused connection: no waiting for timeouts
    assert "SECRET" not in json.dumps(answer.to_json())


def test_openai_backend_against_the_local_server(engine: Engine, tmp_path: Path) -> None:
    """The same client code path serves any OpenAI-compatible endpoint: here, llama.cpp's."""
    model = engine.chat_model("local")
    assert model.server is not None
    remote = _openai_engine(engine, tmp_path, model.server.ensure())
    answer = remote.ask("Which face generation model is conditioned only on an ArcFace identity embedding?")
    assert answer.backend in ("openai", "extractive")
    assert answer.citations
    check_citations(remote, answer)



# --- the 1.5B judges answerability before it writes ---------------------------------------


@pytest.fixture(scope="module")
def judge(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    if not model_available(LLM_QUALITY):
        pytest.skip("the 1.5B GGUF is not fetched: run `paperchat models fetch 1.5b`")
    home = tmp_path_factory.mktemp("llm-judge-home")
    engine = Engine.from_settings(make_settings(home, PAPERCHAT_BACKEND="local", PAPERCHAT_LOCAL_MODEL="1.5b", PAPERCHAT_LLM_TIMEOUT="120"))
    ingest_into(engine, [BUNDLED_CORPUS])
    yield engine
    engine.close()


def test_the_checks_run_on_their_own_server_so_the_notes_prompt_stays_cached(tmp_path: Path) -> None:
    """llama-cpp-python keeps the KV of one prompt, the last one. With the 1.5B's checks on a second server of the
    same model, the next question's first note finds the notes' system prompt still cached (on one server the
    claim checks in between replaced it, and each answer evaluated it again)."""
    from benchmarks.llama_log import LogTail

    if not model_available(LLM_QUALITY):
        pytest.skip("the 1.5B GGUF is not fetched: run `paperchat models fetch 1.5b`")
    home = tmp_path / "home"
    engine = Engine.from_settings(
        make_settings(home, PAPERCHAT_BACKEND="local", PAPERCHAT_LOCAL_MODEL="1.5b", PAPERCHAT_LLM__LOCAL_VERBOSE="true")
    )
    try:
        ingest_into(engine, [BUNDLED_CORPUS])
        notes, checks = engine.chat_model("local"), engine.judge_model("local")
        assert notes is not checks and notes.server is not None and checks.server is not None
        first = engine.ask("Is there a method that animates a child's drawing of a character in 3D?")
        assert not first.refused and "check" in first.timings_ms and "judge" in first.timings_ms
        assert notes.server.pid is not None and checks.server.pid is not None and notes.server.pid != checks.server.pid
        writer = engine.writer("local")
        assert isinstance(writer, NotesWriter)
        writer.settle()  # the next check's prefix, evaluated on the judge's server after the answer
        notes_log, checks_log = LogTail(notes.server.log_path), LogTail(checks.server.log_path)
        notes_log.mark()
        checks_log.mark()
        note_calls, check_calls = record_calls(notes), record_calls(checks)
        second = engine.ask("Which paper turns a voice recording and a single picture of someone into a video of that person talking?")
        assert not second.refused, second.answer  # answered from notes (or their evidence, if none survived verification)
        pids = [notes.server.pid, checks.server.pid]
        note_requests = notes_log.requests_since_mark(expected=1)
        check_requests = checks_log.requests_since_mark(expected=len(check_calls))
        assert note_requests and check_requests, "each server answered its own calls"
        assert note_requests[0].reused_tokens >= 150, note_requests[0]  # the notes' system prompt: 187 tokens
        # After the first answer's claim checks, the judge's server evaluated the check's own prefix (its system
        # prompt, 51 tokens), so this question's check found it cached (after a claim check alone: 5 tokens).
        assert check_calls[0].system == render("check_system") and check_calls[0].claim is None
        assert check_requests[0].reused_tokens >= 45, check_requests[0]
        # While the note was written, the judge's server evaluated the prefix this paper's claim checks share (up to
        # "Claim:"), so the first sentence's check found it cached and evaluated little more than its words.
        note = note_calls[0]
        claims = [c for c in check_calls if c.system == render("claim_system")]
        assert claims and claims[0].claim is None, [c.claim for c in claims]
        # The prefix is queued on the judge's one worker when the note's first words come, behind the decision
        # whether to answer; it starts while the note is written, or (on a loaded machine, where that decision takes
        # longer than the note) as soon as the decision ends.
        before = check_calls[check_calls.index(claims[0]) - 1]
        assert note.first_delta is not None and note.first_delta <= claims[0].started, (note, claims[0])
        assert claims[0].started < note.ended or claims[0].started - before.ended < 1.0, (note, before, claims[0])
        timing = check_requests[check_calls.index(next(c for c in claims if c.claim))]
        assert timing.reused_tokens >= 150, timing  # system, title, passages and the question: cached (after the check: 5)
    finally:
        engine.close()  # the second answer's check prefix may still be on its way: close waits for it
    assert not writer._idle, "no background call outlives the engine"
    for pid in pids:
        assert pid is not None and gone(pid, within_s=0), "both servers stop with the engine"
    assert not notes.server.started and not checks.server.started, "nothing started a server again after close"


@dataclass
class RecordedCall:
    system: str
    claim: str | None  # a claim check's claim; None for the prefix alone
    started: float
    first_delta: float | None = None
    ended: float = 0.0


def record_calls(model: ChatModel) -> list[RecordedCall]:
    """Note when each of this real client's calls starts, first streams and ends (the calls go through unchanged)."""
    calls: list[RecordedCall] = []
    stream = model.stream

    def recorded(messages: list[dict[str, str]], *args: Any, **kwargs: Any) -> Iterator[str]:
        found = re.search(r"\nClaim: (.+)$", messages[-1]["content"])  # the claim comes last; a prefix ends at "Claim:"
        call = RecordedCall(messages[0]["content"], found.group(1) if found else None, time.monotonic())
        calls.append(call)
        for delta in stream(messages, *args, **kwargs):
            call.first_delta = call.first_delta or time.monotonic()
            yield delta
        call.ended = time.monotonic()

    model.stream = recorded  # type: ignore[method-assign,assignment]
    return calls


def ask_recording_checks(
    engine: Engine, question: str, conversation: Conversation | None = None
) -> tuple[Answer, list[RecordedCall]]:
    """`engine.ask(question)` with the judge's calls recorded (`record_calls`), its client as it was afterwards."""
    checks = engine.judge_model("local")
    calls = record_calls(checks)
    try:
        return engine.ask(question, conversation), calls
    finally:
        del checks.stream  # the client's own method again


# Retrieval finds a close paper for each (a dance-video model, a multi-view body reconstruction), but the
# input or output the question requires (music, a piano recording, radar) is in no abstract.
ABSENT_CONDITION = [
    "Which paper generates dance videos directly from a music track?",
    "Which paper turns a piano recording into a video of a dancing person?",
    "Is there a paper that generates music-driven dance animation?",
    "Which paper reconstructs 3D human bodies from radar signals?",
]

# Answerable, in words the abstracts do not use ("voice recording", "child's drawing"), one of them about
# the same dance-video paper the questions above retrieve, and a multi-paper question.
ANSWERABLE_PARAPHRASES = [
    "Which paper turns a voice recording and a single picture of someone into a video of that person talking?",
    "Is there a method that animates a child's drawing of a character in 3D?",
    "Is there work on generating human dance videos driven by pose sequences?",
    "Our text-to-image model keeps stamping watermark-like marks into its outputs. Is there an approach aimed at this?",
    "Which papers make use of a 3D morphable face model (3DMM)?",
]


@pytest.mark.parametrize("question", ABSENT_CONDITION)
def test_judge_refuses_when_no_source_does_what_is_asked(judge: Engine, question: str) -> None:
    answer = judge.ask(question)
    assert answer.refused and answer.citations == [], answer.answer
    assert answer.answer.startswith("The collection's abstracts do not answer this question.")


def test_the_music_refusal_comes_from_the_model_check(judge: Engine) -> None:
    """"… from a music track?" is refused before any model: no selected abstract says "music". "… from a piano
    recording?" names no medium retrieval knows: retrieval alone does not refuse it (a dance-video paper matches
    well); the model's verdict does. The judge decides on its own server while the first note is written and shown
    as a draft; its NO stops the note (the connection is closed, so the notes' server stops writing) and the refusal
    replaces the draft."""
    assert judge.plan(ABSENT_CONDITION[0]).refusal_reason == "the abstracts do not mention music"
    question = ABSENT_CONDITION[1]
    assert not judge.plan(question).refused
    events = list(judge.stream(question))
    answer = events[-1]
    assert isinstance(answer, Answer)
    assert answer.refused and answer.backend == "local" and answer.notice == JUDGED_UNANSWERABLE
    assert answer.citations == [] and not answer.sentences
    drafted = "".join(e for e in events if isinstance(e, str))
    assert "check" in answer.timings_ms and "first_token" in answer.timings_ms  # the first note was being written
    assert drafted.strip() and answer.answer not in drafted, "the refusal replaces the draft, it does not follow it"
    after = judge.ask(ANSWERABLE_PARAPHRASES[0])  # the notes' server, cut off mid-note, answers the next question
    assert not after.refused and after.citations, after.answer


def test_with_the_check_before_the_notes_a_refusal_writes_no_note(judge: Engine) -> None:
    """`PAPERCHAT_LLM__CHECK_BESIDE_NOTE=false`: the check comes first, and a refusal shows no draft."""
    default = judge.writer("local")
    assert isinstance(default, NotesWriter) and default.check_beside_note
    judge.reconfigure(judge.settings.model_copy(update={"llm": judge.settings.llm.model_copy(update={"check_beside_note": False})}))
    try:
        writer = judge.writer("local")
        assert isinstance(writer, NotesWriter) and not writer.check_beside_note
        events = list(judge.stream(ABSENT_CONDITION[1]))
    finally:
        judge.reconfigure(judge.settings.model_copy(update={"llm": judge.settings.llm.model_copy(update={"check_beside_note": True})}))
    answer = events[-1]
    assert isinstance(answer, Answer) and answer.refused and answer.notice == JUDGED_UNANSWERABLE
    assert "check" in answer.timings_ms and "first_token" not in answer.timings_ms  # no note was written
    assert "".join(e for e in events if isinstance(e, str)).strip() == answer.answer.strip()


@pytest.mark.parametrize("question", ANSWERABLE_PARAPHRASES)
def test_judge_answers_paraphrased_answerable_questions(judge: Engine, question: str) -> None:
    answer = judge.ask(question)
    assert not answer.refused, answer.answer
    assert "check" in answer.timings_ms
    assert answer.backend == "local" or answer.notice  # extractive only with a notice saying why
    assert answer.citations
    check_citations(judge, answer)


def test_a_bias_on_no_is_a_threshold_on_the_checks_confidence(judge: Engine) -> None:
    """The bias added to NO's logit (how `benchmarks.refusal_margins` measures the check's confidence) moves the real server's greedy verdict: a large
    one turns an answerable question's YES into NO, a large negative one an absent condition's NO into YES."""
    writer = judge.writer("local")
    assert isinstance(writer, NotesWriter)
    answerable = judge.plan(ANSWERABLE_PARAPHRASES[2])
    assert writer.sources_answer(answerable, WriteStats(), bias=0.0)
    assert not writer.sources_answer(answerable, WriteStats(), bias=12.0)
    absent = judge.plan(ABSENT_CONDITION[1])
    assert not writer.sources_answer(absent, WriteStats(), bias=0.0)
    assert writer.sources_answer(absent, WriteStats(), bias=-12.0)
    with pytest.raises(ValueError, match="only for the local"):
        list(judge.chat_model("openai").stream([{"role": "user", "content": "hi"}], token_bias={"NO": 1.0}))


def test_a_false_claim_a_question_takes_for_granted_about_a_named_paper_is_refused_with_the_reason(judge: Engine) -> None:
    """"How does DOPE generate virtual try-on images?": DOPE estimates whole-body poses. The answerability check
    said YES (a try-on paper is among the sources); the premise check reads DOPE's whole abstract for the claim the
    question takes for granted and says NO, and the refusal says which claim (eval/premise_set.jsonl p039). A
    premise that shares most of its words with what the paper does is refused too: "TeCH reconstructs humans from
    multi-view videos." (p048: +0.02 against the note's passages, -1.20 against the whole abstract, threshold -0.6)
    now before any model, since TeCH's abstract never says "video"; "BEDLAM captures real people with motion-capture
    suits." (p049) by the premise check."""
    question = "How does DOPE generate virtual try-on images?"
    assert judge.plan(question).presupposes is not None
    answer = judge.ask(question)
    assert answer.refused and answer.citations == [], answer.answer
    assert answer.answer.startswith("The abstract of \u201cDOPE"), answer.answer
    assert "does not say that DOPE generates virtual try-on images, which the question takes for granted." in answer.answer
    assert answer.notice == JUDGED_FALSE_PREMISE
    # the other papers nearest the question are named, not the one whose abstract was just read
    assert "The other papers closest to the question: \u201c" in answer.answer
    assert answer.answer.count("\u201cDOPE") == 1, answer.answer
    # "… from multi-view videos?" of TeCH, whose abstract never says "video", is refused before the premise is read
    near = judge.ask("How does TeCH reconstruct humans from multi-view videos?")
    suits = judge.ask("How does BEDLAM capture real people with motion-capture suits?")
    assert suits.refused and suits.notice == JUDGED_FALSE_PREMISE, suits.answer
    assert near.refused and near.answer.endswith("\u201cTeCH: Text-guided Reconstruction of Lifelike Clothed Humans\u201d does not mention video."), near.answer
    # a premise the paper's abstract states is answered from that paper
    held = judge.ask("How does ECON combine normal maps with a body model?")
    assert not held.refused and any(c.title.startswith("ECON") for c in held.citations), held.answer


def test_a_yes_no_question_about_a_named_paper_is_answered_only_if_its_abstract_states_the_claim(judge: Engine) -> None:
    """"Can MultiPly reconstruct multiple people from a single still image?": MultiPly works from video. The question
    asks whether the claim "MultiPly can reconstruct multiple people from a single still image." holds; its check
    against MultiPly's whole abstract measured -2.46 against the threshold +0.2 (eval/refusal_set.jsonl r472, let
    through before by the answerability check), so it is refused, saying which claim the abstract does not state, not
    that the question took it for granted. One the abstract states is answered from that paper (r578, +2.51)."""
    question = "Can MultiPly reconstruct multiple people from a single still image?"
    assert judge.plan(question).presupposes == (0, "MultiPly can reconstruct multiple people from a single still image.")
    refused = judge.ask(question)
    assert refused.refused and refused.citations == [], refused.answer
    assert refused.answer.startswith("The abstract of \u201cMultiPly"), refused.answer
    assert "does not say that MultiPly can reconstruct multiple people from a single still image." in refused.answer
    assert "takes for granted" not in refused.answer
    assert refused.notice == JUDGED_NAMED_NOT_STATED
    stated = judge.ask("Can InstantID personalize generated images from just one picture of someone's face?")
    assert not stated.refused and any(c.title.startswith("InstantID") for c in stated.citations), stated.answer


def test_a_question_asking_for_a_condition_no_paper_states_is_refused(judge: Engine) -> None:
    """"Can any lip-sync method here dub singing in music videos?": the answerability check says YES (a lip-sync
    paper is among the sources), but such a question is decided by the check of what it asks for, and no selected
    paper's abstract says it dubs singing, so the question is refused (eval/refusal_set.jsonl r151, measured margin
    -1.2 against the threshold -0.3). A question whose paper does what it asks is answered from that paper (r017,
    margin +1.8)."""
    question = "Can any lip-sync method here dub singing in music videos?"
    assert judge.plan(question).wanted
    # asked as a first turn picks from the collection, "any of these methods" is the same question
    assert judge.plan("Can any of these methods dub singing in music videos?").wanted
    # a list question that asks whether there are any gets them for the papers it lists
    listed = judge.plan("Are there papers that dub singing in music videos?")
    assert listed.kind == "multi" and listed.wanted and len(listed.wanted) == len(listed.selected)
    # no selected abstract says "music": refused before any model; without the music videos, the judge decides
    assert judge.plan(question).refusal_reason == "the abstracts do not mention music"
    refused, calls = ask_recording_checks(judge, "Can any lip-sync method here dub singing?")
    assert refused.refused and refused.citations == [], refused.answer
    assert refused.notice == JUDGED_UNANSWERABLE
    # decided by the check of what it asks for alone, against whole abstracts: the answerability check is not asked
    assert calls and calls[0].system == render("recheck_system"), [c.system[:60] for c in calls]
    assert all(c.system != render("check_system") for c in calls), [c.system[:60] for c in calls]
    answered = judge.ask(
        "I want personalization from one selfie with no per-user optimization and results in seconds. "
        "Is there a method that conditions on the prompt and on the photo through two parallel branches?"
    )
    assert not answered.refused and any(c.title.startswith("PhotoVerse") for c in answered.citations), answered.answer


def test_a_condition_set_in_a_scene_clause_is_checked_on_its_own(judge: Engine) -> None:
    """"For sign-language videos, is there a model that tracks the signer's fine hand articulation jointly with the
    body?": the hand-and-body model's abstract matches everything but the condition, and the asked-for claim with the
    condition said last passed (eval/refusal_set.jsonl r217, margin +0.45). The condition alone ("Embodied Hands works
    for sign-language videos.", margin -1.62 against the threshold -0.5) is not in its abstract: refused. Since its
    abstract never says "video", that question is now refused before any model; asked of sign-language footage, the
    judge still decides it. A scene the paper does state ("In crowded photos, …", r022) is answered."""
    videos = "For sign-language videos, is there a model that tracks the signer's fine hand articulation jointly with the body?"
    assert judge.plan(videos).refusal_reason == "the abstracts do not mention video"
    question = videos.replace("videos", "footage")
    plan = judge.plan(question)
    assert plan.wanted and plan.scene and all(c.endswith("works for sign-language footage.") for c in plan.scene), plan.scene
    refused, calls = ask_recording_checks(judge, question)
    assert refused.refused and refused.citations == [], refused.answer
    # the asked-for claim first, then the scene's condition, each against the whole abstract
    claims = [c.claim for c in calls if c.claim]
    assert claims[:2] == [plan.wanted[0], plan.scene[0]], claims
    answered = judge.ask(
        "In crowded photos, is there a whole-body mesh estimator that skips the separate person-detection step "
        "and predicts everyone's body, hands and face in one pass?"
    )
    assert not answered.refused and any(c.title.startswith("AiOS") for c in answered.citations), answered.answer


def test_a_paper_ranked_just_below_the_selected_one_is_checked_before_refusing(judge: Engine) -> None:
    """"Which speech-driven video generator animates a whole person from a single photo?" (eval/refusal_set.jsonl
    r282): a single-paper question keeps a second paper only at a fused score of 0.9, so only Make Your Actor Talk was
    selected; its abstract does not state the claim (margin −1.10) and the question was refused. VLOGGER, retrieved
    just below it, states it (+1.06 against the runners-up's threshold +0.45): the answer is VLOGGER's. A question no
    paper answers ("… for children's hands?", r307: every runner-up at −1.10 or lower) is still refused."""
    question = "Which speech-driven video generator animates a whole person from a single photo?"
    plan = judge.plan(question)
    assert plan.wanted and not any(r.paper.title.startswith("VLOGGER") for r in plan.selected)
    assert any(r.paper.title.startswith("VLOGGER") for r in plan.runners_up)
    answered = judge.ask(question)
    assert not answered.refused, answered.answer
    assert [c.title.split(":")[0] for c in answered.citations] == ["VLOGGER"], answered.answer
    check_citations(judge, answered)
    refused = judge.ask("Is there a parametric hand model built for children's hands?")
    assert refused.refused and refused.citations == [] and refused.notice == JUDGED_UNANSWERABLE, refused.answer
    # refused before any model for a medium no selected abstract names ("text-to-video", r159), the papers ranked
    # below that name it are checked the same way: none states it
    video = "Is there a method that removes unwanted concepts like watermarks from text-to-video models?"
    plan = judge.plan(video)
    assert plan.refusal_reason == "the abstracts do not mention video" and plan.runners_up
    refused = judge.ask(video)
    assert refused.refused and refused.citations == [] and "check" in refused.timings_ms, refused.answer


def test_a_follow_up_that_picks_among_the_papers_keeps_those_whose_abstract_states_it(judge: Engine) -> None:
    """After a list of single-photo personalization papers, "Which of them work with SDXL?" keeps the ones whose
    abstract says so (ID-Aligner and InstantID name SD1.5 and SDXL), and "Which of them also handle several people in
    one image?", which none of their abstracts says, is answered with that instead of a note on each paper that reads
    as if all of them did (eval/pick_set.jsonl c13, c04)."""
    conversation = Conversation()
    question = "Which papers personalize text-to-image models with only one reference photo without fine-tuning?"
    listed = judge.ask(question, conversation, backend="extractive")  # the list, the same every run
    assert {"ID-Aligner", "InstantID"} <= {c.title.split(":")[0] for c in listed.citations}, listed.answer
    writer = judge.writer("local")
    assert isinstance(writer, NotesWriter)
    sdxl = judge.plan("Which of them work with SDXL?", conversation)
    assert sdxl.followup and len(sdxl.picks) == len(sdxl.selected) >= 3
    picked = writer.picked(sdxl, WriteStats())
    assert picked is not None and picked.selected, [r.paper.title for r in sdxl.selected]
    assert {r.paper.title.split(":")[0] for r in picked.selected} <= {"ID-Aligner", "InstantID"}
    several = judge.ask("Which of them also handle several people in one image?", conversation)
    assert several.refused and several.citations == [] and several.notice == JUDGED_NONE_PICKED, several.answer
    assert several.answer.startswith("None of the") and "several people in one image" in several.answer
    assert several.answer.endswith("To search the whole collection, ask \u201cWhich papers handle several people in one image?\u201d")


def test_a_list_keeps_the_papers_whose_abstract_states_what_the_question_asks(judge: Engine) -> None:
    """"Which papers study bias in T2I models?" listed the abstracts that say "T2I" (Social Biases, CustomContrast,
    SeFi-IDE, TeCH, WOUAF, MasterWeaver), each with a true note on what it does, so the answer read as if they studied
    bias (seen in use). Each paper after the first is now kept only if its whole abstract states the question's claim
    said of it (−1.06 SeFi-IDE, −1.95 TeCH, −0.73 WOUAF and MasterWeaver against −0.4; CustomContrast's "over-represented
    or under-represented" attributes pass at −0.12, a miss of the 1.5B's); a list whose papers all state it keeps them
    (eval/refusal_set.jsonl r079: both speech-driven video generators)."""
    writer = judge.writer("local")
    assert isinstance(writer, NotesWriter)
    plan = judge.plan("Which papers study bias in T2I models?")
    assert plan.belongs and len(plan.selected) >= 3, [r.paper.title for r in plan.selected]  # the papers that say "T2I"
    assert plan.belongs[1].endswith(" studies bias in T2I models.")
    assert plan.selected[0].paper.title.startswith("Social Biases")
    off_topic = ("SeFi-IDE", "TeCH", "WOUAF", "MasterWeaver")
    kept = [r.paper.title for n, r in enumerate(plan.selected) if n and writer.paper_belongs(plan, n)]
    assert not [t for t in kept if t.startswith(off_topic)], kept
    speech = judge.plan("Which papers generate video of a person driven by speech?")
    assert len(speech.belongs) == len(speech.selected) >= 2
    assert all(writer.paper_belongs(speech, n) for n in range(1, len(speech.selected)))
    # The answer: the first paper's note comes while the others are checked; no note on a paper the judge left out.
    answer = judge.ask("Which papers study bias in T2I models?")
    assert not answer.refused and answer.citations[0].title.startswith("Social Biases"), answer.answer
    assert not [c.title for c in answer.citations if c.title.startswith(off_topic)], answer.answer


def test_a_yes_no_question_about_the_papers_under_discussion_says_first_which_abstracts_do_not_state_it(
    judge: Engine,
) -> None:
    """"Does it also move the hands?" after a turn about Make Your Actor Talk (lip movements only) got the previous
    note again, which never said whether it does (seen in use). Its claim is checked against the whole abstract as a
    premise is: the answer now opens with what the abstract does not say, then the note on the paper. A claim the
    abstract states gets no such line (eval/yes_no_set.jsonl y13, y14)."""
    conversation = Conversation()
    first = judge.ask("What is Make Your Actor Talk about?", conversation, backend="extractive")  # the same every run
    assert [c.title.split(":")[0] for c in first.citations] == ["Make Your Actor Talk"], first.answer
    hands = judge.ask("Does it also move the hands?", conversation)
    assert not hands.refused and JUDGED_NOT_STATED in (hands.notice or ""), hands.answer
    assert hands.answer.startswith(
        "The abstract of Make Your Actor Talk does not say that it moves the hands. To look for a paper that does, ask "
        "\u201cWhich papers move the hands?\u201d"
    ), hands.answer
    assert [c.title.split(":")[0] for c in hands.citations] == ["Make Your Actor Talk"], hands.answer
    identity = judge.ask("Does it preserve the person's identity?", conversation)
    assert not identity.refused and JUDGED_NOT_STATED not in (identity.notice or ""), identity.answer
    assert not identity.answer.startswith("The abstract of"), identity.answer
    # Asked of two papers just compared, each is checked: HeadSculpt works from text prompts, Portrait3D from one image
    # (eval/yes_no_set.jsonl y37).
    compared = Conversation()
    judge.ask("Compare HeadSculpt and Portrait3D.", compared, backend="extractive")
    both = judge.ask("Do both work from a single photo?", compared)
    assert both.answer.startswith(
        "The abstract of HeadSculpt does not say that it works from a single photo. To look for a paper that does, ask "
        "\u201cWhich papers work from a single photo?\u201d"
    ), both.answer
    assert {c.title.split(":")[0] for c in both.citations} == {"HeadSculpt", "Portrait3D"}, both.answer
    # A medium the paper's abstract never names is not stated, without asking the judge: "DOPE tracks people across
    # video frames." scored +0.54 and passed (y16); the follow-up is still answered, not refused as a new question
    dope = Conversation()
    judge.ask("What does DOPE estimate?", dope, backend="extractive")
    plan = judge.plan("Does it track people across video frames?", dope)
    assert not plan.refused and plan.picks, plan.refusal_reason
    video, calls = ask_recording_checks(judge, "Does it track people across video frames?", dope)
    assert not video.refused and JUDGED_NOT_STATED in (video.notice or ""), video.answer
    assert video.answer.startswith("The abstract of DOPE does not say that it tracks people across video frames."), video.answer
    assert plan.picks[0] not in [c.claim for c in calls], [c.claim for c in calls]


def test_compare_and_followup_skip_the_check(judge: Engine) -> None:
    """Named papers and a follow-up about the cited paper are answerable by construction."""
    assert not verdict_decides(judge.plan("How does ECON differ from ICON?"))
    compared = judge.ask("How does ECON differ from ICON?")
    assert not compared.refused
    conversation = Conversation()
    judge.ask("Which paper reconstructs multiple people from a single in-the-wild video?", conversation)
    assert not verdict_decides(judge.plan("How does it get its masks?", conversation))
    followup = judge.ask("How does it get its masks?", conversation)
    assert not followup.refused
    check_citations(judge, followup)


def test_the_1_5b_checks_each_note_sentence_against_the_passages_it_was_written_from(judge: Engine) -> None:
    """The sentence check the verifier uses: YES to what the passages state, NO to its reversal (which shares
    nearly every word with the abstract, so the rules alone keep it)."""
    writer = judge.writer("local")
    assert isinstance(writer, NotesWriter)
    plan = judge.plan("How does Pivotal Tuning Inversion edit real images?")
    result = next(r for r in plan.selected if r.paper.title.startswith("Pivotal Tuning"))
    wanted = ("slightly alters the generator", "serves as a pivot", "regularization term")
    passages = [s for s in split_sentences(result.paper.abstract) if any(w in s for w in wanted)]
    assert len(passages) == 3
    stated = "Pivotal Tuning Inversion slightly alters the generator so that an out-of-domain image maps into an in-domain latent code."
    reversed_ = "Pivotal Tuning Inversion keeps the generator frozen and only optimizes the latent code."
    assert writer.states(result.paper, passages, stated)
    assert not writer.states(result.paper, passages, reversed_)
    answer = judge.ask(plan.question)
    assert "judge" in answer.timings_ms  # every note sentence was put to the model


def test_the_1_5b_is_asked_again_about_a_claim_made_of_the_questions_words(judge: Engine) -> None:
    """Near misses and false premises, as the 1.5B answered them (2026-12-04): the question's claim, then the
    paper's real method, and a YES to the whole sentence. Asked about the claim alone, the model says NO: the
    sentence keeps only how the paper works, with the change said, or goes. A claim the passages state stays."""
    writer = judge.writer("local")
    assert isinstance(writer, NotesWriter)
    written = [
        (
            "Which paper proposes a better facial landmark detector?",
            "EmojiDiff",
            "EmojiDiff proposes a better facial landmark detector by using an innovative decoupled scheme to disentangle"
            " expression features from other extraneous information.",
        ),
        (
            "Has anyone analysed social bias in text-to-video generators?",
            "Social Biases",
            "This paper investigates social biases in text-to-video generators by analyzing how occupations, personality"
            " traits, and everyday situations are depicted across representations of (perceived) gender, age, race, and"
            " geographical location.",
        ),
    ]
    for question, title, sentence in written:
        plan = judge.plan(question)
        n = next(i for i, r in enumerate(plan.selected) if r.paper.title.startswith(title))
        judged = writer._judged(plan, DraftSentence(sentence, (n,)))
        head, how = sentence.split(" by ", 1)
        if judged.judged:  # the whole sentence was a YES (as in the app): the claim alone was not
            assert judged.text.endswith(f"works by {how}"), judged
            assert judged.changes and head in judged.changes[0] and "the question's words" in judged.changes[0]
            (kept,) = judge.verifier.verify(Draft([judged]), plan.selected, plan.sentences, question).sentences
            assert head not in kept.text
        assert not (judged.judged and judged.text == sentence)

    plan = judge.plan("Which papers re-identify persons who changed clothes?")
    n = next(i for i, r in enumerate(plan.selected) if r.paper.title.startswith("Masked Attribute"))
    stated = "MADE re-identifies persons who change clothes by masking clothing and color information in personal attribute descriptions."
    assert writer._judged(plan, DraftSentence(stated, (n,))).text == stated
