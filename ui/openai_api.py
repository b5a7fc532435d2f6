"""An OpenAI-compatible API on the app's own port: `POST /v1/chat/completions` and `GET /v1/models`.

Many people already chat in Open WebUI, LibreChat or their editor through an OpenAI-compatible endpoint;
these routes let them get paperchat's cited, verified answers there. They are handed to the FastAPI app
Gradio builds (`launch(app_kwargs={"routes": ...})`), so they sit before Gradio's own routes, on the same
host and port (127.0.0.1 unless told otherwise).

What a client sees:
- "model" picks the backend: `paperchat` (the server's default backend) or `paperchat-<backend>`.
- The reply is the verified answer, then a "References:" list of `[n] Title (url)`, one per citation, so
  any client shows its sources; the whole answer JSON of DESIGN.md (citations with evidence, retrieved
  papers, refused, backend, timings) rides along as a top-level `paperchat` object (in the last chunk when
  streaming) for clients that read it. A refusal is an ordinary assistant message, with `refused: true`.
- Only verified text is ever sent: the engine streams the model's draft, which verification may change, so
  the draft stays on the server.
- The conversation is rebuilt from `messages` on every request (the API keeps no state): see
  `rebuild_conversation`. System messages are ignored: paperchat's own rules decide how it answers.
- Filters ride in the same top-level object a reply carries: `"paperchat": {"filters": {"year": "2024:",
  "author": "Black", "venue": "CVPR", "category": "cs.CV"}}` (the `openai` client's `extra_body`); they
  limit this question's retrieval, and the reply says "(filtered to 2024–, author Black)".
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import re
import time
import uuid
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import BaseRoute

from rag.answer import Answer, Citation
from rag.engine import Conversation, Turn, check_question
from rag.errors import PaperchatError, QuestionError, SettingsError
from rag.extractive import REFUSAL
from rag.filters import FilterError, Filters
from rag.papers import Paper
from rag.settings import BACKENDS, Backend
from ui.config import CONFIG
from ui.render import one_line

if TYPE_CHECKING:
    from rag.engine import Engine

log = logging.getLogger("paperchat.api")

MODEL_PREFIX = "paperchat"
# A whole conversation of extractive answers is about 2 KB a turn: 1 MiB is hundreds of turns, and a
# pasted book is refused before it is parsed.
MAX_BODY_BYTES = 1024 * 1024
# Earlier turns rebuilt at most (the most recent ones): a follow-up is planned from the turn before it, whose
# own query may build on the one before; older turns change nothing, and the cap bounds a long chat's cost.
MAX_REBUILT_TURNS = 20
_BODY_LIMIT = f"the limit is {MAX_BODY_BYTES:,} bytes: send the question and a shorter history"
REFERENCES_HEADING = "References:"
_REFERENCE_LINE = re.compile(r"^\s*(?:[-*]\s+)?\[(\d+)\]\s+(.+?)\s*$")
_TRAILING_URL = re.compile(r"^(.*?)\s+\(([a-zA-Z][a-zA-Z0-9+.-]*://\S+)\)$")
_IGNORED_ROLES = frozenset({"system", "developer", "tool", "function"})


Handler = Callable[[Request], Coroutine[Any, Any, Response]]


class APIError(Exception):
    """A request the API refuses; becomes OpenAI's error JSON, so clients show `message` as they would OpenAI's."""

    def __init__(self, status: int, message: str, kind: str = "invalid_request_error", code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.kind = kind
        self.code = code

    def body(self) -> dict[str, Any]:
        return {"error": {"message": self.message, "type": self.kind, "param": None, "code": self.code}}

    def response(self) -> JSONResponse:
        return JSONResponse(self.body(), status_code=self.status)


@dataclass(frozen=True)
class ChatRequest:
    """A parsed `/v1/chat/completions` body: what to answer, with which backend, after which earlier turns."""

    model: str
    backend: Backend
    question: str
    earlier: list[tuple[str, str | None]]  # each earlier user message with the assistant reply after it (None: none)
    stream: bool
    filters: Filters | None = None  # body["paperchat"]["filters"]: limits this question's retrieval


# --- models --------------------------------------------------------------------------------------------


def model_names() -> list[str]:
    return [MODEL_PREFIX, *(f"{MODEL_PREFIX}-{backend}" for backend in BACKENDS)]


def backend_for(model: str, default: Backend) -> Backend:
    """`paperchat` is the server's default backend; `paperchat-local` (or plain `local`) names one."""
    name = model.strip()
    if name == MODEL_PREFIX:
        return default
    backend = name.removeprefix(f"{MODEL_PREFIX}-")
    for known in BACKENDS:
        if backend == known:
            return known
    raise APIError(
        404,
        f"model {model[:80]!r} does not exist; use one of {', '.join(model_names())} (GET /v1/models lists them)",
        code="model_not_found",
    )


def model_json(name: str, created: int) -> dict[str, Any]:
    return {"id": name, "object": "model", "created": created, "owned_by": MODEL_PREFIX}


# --- requests ------------------------------------------------------------------------------------------


def _bad(message: str) -> APIError:
    return APIError(400, message)


def _content_text(content: object, index: int) -> str:
    """A message's text: a string, or the text parts of OpenAI's list form (images and other parts ignored)."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        texts = [p.get("text") for p in content if isinstance(p, dict) and p.get("type") == "text"]
        if all(isinstance(t, str) for t in texts):
            return "\n".join(t for t in texts if isinstance(t, str))
    raise _bad(f"messages[{index}].content must be a string or a list of text parts")


def parse_chat_request(body: object, default_backend: Backend) -> ChatRequest:
    """Check a request body; every refusal is a one-line message that says what to send instead."""
    if not isinstance(body, dict):
        raise _bad('the request body must be a JSON object with "model" and "messages"')
    model = body.get("model")
    if not isinstance(model, str) or not model.strip():
        raise _bad(f'"model" is missing; use one of {", ".join(model_names())}')
    backend = backend_for(model, default_backend)
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise _bad('"messages" must be a non-empty list of {"role": ..., "content": ...} objects')
    stream = body.get("stream", False)
    if stream is not None and not isinstance(stream, bool):
        raise _bad('"stream" must be true or false')
    dialogue: list[tuple[str, str]] = []
    for index, message in enumerate(messages):
        role = message.get("role") if isinstance(message, dict) else None
        if not isinstance(role, str):
            raise _bad(f'messages[{index}] must be an object with a "role" and a "content"')
        if role in _IGNORED_ROLES:  # paperchat's own rules decide how to answer; a client's system prompt does not
            continue
        if role not in ("user", "assistant"):
            raise _bad(f"messages[{index}] has role {role[:40]!r}; use user, assistant or system")
        dialogue.append((role, _content_text(message.get("content"), index)))
    if not dialogue or dialogue[-1][0] != "user":
        raise _bad('the last message must be the question, with role "user"')
    try:
        question = check_question(dialogue[-1][1])
    except QuestionError as error:
        raise _bad(one_line(error)) from None
    return ChatRequest(model.strip(), backend, question, _pair_turns(dialogue[:-1]), bool(stream), _filters(body))


def _filters(body: dict[str, Any]) -> Filters | None:
    """`"paperchat": {"filters": {...}}`, checked like the CLI's flags; None when absent or empty."""
    extra = body.get(MODEL_PREFIX)
    if extra is None:
        return None
    if not isinstance(extra, dict):
        raise _bad(f'"{MODEL_PREFIX}" must be an object, e.g. {{"filters": {{"year": "2024:"}}}}')
    try:
        return Filters.from_json(extra.get("filters")) or None
    except FilterError as error:
        raise _bad(one_line(error)) from None


def _pair_turns(dialogue: Sequence[tuple[str, str]]) -> list[tuple[str, str | None]]:
    """Each user message with the assistant reply that follows it; a reply without a question is dropped."""
    turns: list[tuple[str, str | None]] = []
    for role, text in dialogue:
        if role == "user":
            turns.append((text, None))
        elif turns and turns[-1][1] is None:
            turns[-1] = (turns[-1][0], text)
    return turns


# --- replies -------------------------------------------------------------------------------------------


def reply_text(answer: Answer) -> str:
    """The answer as a chat message: verified text, the notice if any, then the numbered references."""
    parts = [answer_body(answer)]
    if answer.citations:
        parts.append(references_text(answer.citations))
    return "\n\n".join(parts)


def answer_body(answer: Answer) -> str:
    body = answer.answer.strip()
    if answer.filters:
        body = f"{body}\n\n*({answer.filters.summary()})*"
    return f"{body}\n\n*({answer.notice})*" if answer.notice else body


def references_text(citations: Sequence[Citation]) -> str:
    lines = []
    for citation in citations:
        title = " ".join(citation.title.split())
        lines.append(f"- [{citation.n}] {title}" + (f" ({citation.url})" if citation.url else ""))
    return "\n".join([REFERENCES_HEADING, *lines])


def parse_references(reply: str) -> list[tuple[int, str, str | None]]:
    """(n, title, url) of each line of the last "References:" list in an earlier reply; [] if it has none."""
    lines = reply.splitlines()
    starts = [i for i, line in enumerate(lines) if line.strip().strip("*_").strip() == REFERENCES_HEADING]
    if not starts:
        return []
    references: list[tuple[int, str, str | None]] = []
    for line in lines[starts[-1] + 1 :]:
        match = _REFERENCE_LINE.match(line)
        if match is None:
            if line.strip():
                break
            continue
        title, url = match.group(2), None
        if with_url := _TRAILING_URL.match(title):
            title, url = with_url.group(1), with_url.group(2)
        references.append((int(match.group(1)), title, url))
    return references


# --- conversation --------------------------------------------------------------------------------------


def rebuild_conversation(engine: Engine, earlier: Sequence[tuple[str, str | None]]) -> Conversation:
    """The engine's Conversation for a `messages` history, as the app or the CLI would have built it.

    A reply paperchat wrote names its papers in its references: their titles map back to paper ids (a
    metadata lookup) and the turn's retrieval query is rebuilt from the turn before (no search, no model),
    so a follow-up carries the papers the reader saw. A reply it cannot read that way (another model's, an
    edited one, a client that dropped the references) is replaced by answering that question again with
    the extractive backend: deterministic, no model, and the papers retrieval would pick (a few times
    slower than reading references, and each replayed follow-up searches with its growing query).
    """
    conversation = Conversation()
    for question, reply in earlier[-MAX_REBUILT_TURNS:]:
        try:
            cleaned = check_question(question)
        except QuestionError:  # an empty or oversized earlier message was never answered
            continue
        answer = _answer_from_reply(engine, cleaned, reply) if reply is not None else None
        if answer is None:
            engine.ask(cleaned, conversation, "extractive")  # records the turn in `conversation`
            continue
        answer.query, _, _ = engine.planner.standalone_query(cleaned, conversation)
        conversation.turns.append(Turn(cleaned, answer.query, answer))
    return conversation


def _answer_from_reply(engine: Engine, question: str, reply: str) -> Answer | None:
    """The earlier Answer as far as a follow-up needs it (its cited papers, in order), or None if unreadable."""
    references = parse_references(reply)
    if not references:
        if reply.strip().startswith(REFUSAL):
            return Answer(question=question, answer=reply, refused=True, backend="")
        return None
    found: dict[str, list[Paper]] = {}
    for paper in engine.store.papers_titled([title for _, title, _ in references]):
        found.setdefault(paper.title, []).append(paper)
    citations: list[Citation] = []
    for n, title, url in references:
        candidates = found.get(title)
        if not candidates:
            return None
        paper = next((p for p in candidates if url and p.url == url), candidates[0])
        citations.append(Citation(n=n, paper_id=paper.paper_id, title=paper.title, url=paper.url, evidence=""))
    return Answer(question=question, answer=reply, refused=False, backend="", citations=citations)


def answer_request(engine: Engine, request: ChatRequest) -> Iterator[str | Answer]:
    """The engine's events for this request, after rebuilding its history (runs in a worker thread)."""
    started = time.perf_counter()
    conversation = rebuild_conversation(engine, request.earlier)
    rebuilt_ms = (time.perf_counter() - started) * 1000
    for event in engine.stream(request.question, conversation, request.backend, request.filters):
        if isinstance(event, Answer):
            event.timings_ms["history"] = rebuilt_ms
        yield event


# --- responses -----------------------------------------------------------------------------------------


def completion_json(request: ChatRequest, answer: Answer, completion_id: str, created: int) -> dict[str, Any]:
    return {
        "id": completion_id,
        "object": "chat.completion",
        "created": created,
        "model": request.model,
        "choices": [
            {"index": 0, "message": {"role": "assistant", "content": reply_text(answer)}, "finish_reason": "stop"}
        ],
        MODEL_PREFIX: answer.to_json(),
    }


def chunk_json(
    request: ChatRequest, completion_id: str, created: int, delta: dict[str, str], finish: str | None = None
) -> dict[str, Any]:
    return {
        "id": completion_id,
        "object": "chat.completion.chunk",
        "created": created,
        "model": request.model,
        "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
    }


def sse(payload: dict[str, Any] | str) -> str:
    data = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
    return f"data: {data}\n\n"


# --- routes --------------------------------------------------------------------------------------------


def api_routes(engine: Engine) -> list[BaseRoute]:
    """The `/v1` routes over one engine; pass them to the FastAPI app before Gradio adds its own."""
    secret = engine.settings.serve.api_key
    api_key = secret.get_secret_value().encode() if secret is not None else None
    default_backend = engine.settings.llm.backend
    created = int(time.time())
    # Answers run in worker threads, at most this many at once, like the app's own queue.
    slots = asyncio.Semaphore(CONFIG.concurrency_limit)
    router = APIRouter(prefix="/v1")

    def refuse(request: Request, error: APIError) -> JSONResponse:
        # One line, no traceback; it never holds the key or what the messages say.
        log.warning("paperchat api: %s %s -> %d %s", request.method, request.url.path, error.status, error.message)
        return error.response()

    def unauthorised(request: Request) -> APIError | None:
        if api_key is None:
            return None
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            return APIError(401, "missing API key: send the header `Authorization: Bearer <PAPERCHAT_API_KEY>`", code="invalid_api_key")
        if not hmac.compare_digest(given.strip().encode(), api_key):
            return APIError(401, "invalid API key: use the server's PAPERCHAT_API_KEY", code="invalid_api_key")
        return None

    def guarded(handler: Handler) -> Handler:
        """Auth first, then the handler; any failure becomes OpenAI's error JSON and one log line."""

        async def run(request: Request) -> Response:
            try:
                if (error := unauthorised(request)) is not None:
                    raise error
                return await handler(request)
            except APIError as error:
                return refuse(request, error)
            except (QuestionError, SettingsError) as error:
                return refuse(request, _bad(one_line(error)))
            except Exception as error:  # the engine failed: a one-line reason, as the app and CLI give
                _log_bug(error)
                return refuse(request, _server_error(error))

        return run

    async def list_models(request: Request) -> Response:
        return JSONResponse({"object": "list", "data": [model_json(name, created) for name in model_names()]})

    async def get_model(request: Request) -> Response:
        name = request.path_params["model"]
        backend_for(name, default_backend)
        return JSONResponse(model_json(name, created))

    async def chat_completions(request: Request) -> Response:
        chat = parse_chat_request(await _json_body(request), default_backend)
        completion_id = f"chatcmpl-{uuid.uuid4().hex}"
        if chat.stream:
            chunks = _stream_reply(engine, chat, slots, completion_id, int(time.time()))
            return StreamingResponse(chunks, media_type="text/event-stream", headers={"Cache-Control": "no-cache"})
        async with slots:
            answer = await asyncio.to_thread(_final_answer, answer_request(engine, chat))
        return JSONResponse(completion_json(chat, answer, completion_id, int(time.time())))

    router.add_api_route("/models", guarded(list_models), methods=["GET"])
    router.add_api_route("/models/{model}", guarded(get_model), methods=["GET"])
    router.add_api_route("/chat/completions", guarded(chat_completions), methods=["POST"])
    return list(router.routes)


async def _json_body(request: Request) -> object:
    """The body parsed as JSON, read up to MAX_BODY_BYTES (the length header alone can be absent or wrong)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise _bad(f"request body is {int(declared):,} bytes; {_BODY_LIMIT}")
    body = bytearray()
    async for piece in request.stream():
        body += piece
        if len(body) > MAX_BODY_BYTES:
            raise _bad(f"request body is too long; {_BODY_LIMIT}")
    try:
        return json.loads(body)
    except (ValueError, UnicodeDecodeError):
        raise _bad("the request body is not valid JSON") from None


def _final_answer(events: Iterator[str | Answer]) -> Answer:
    answer: Answer | None = None
    for event in events:
        if isinstance(event, Answer):
            answer = event
    if answer is None:
        raise RuntimeError("the engine ended without an answer")
    return answer


def _server_error(error: Exception) -> APIError:
    """A PaperchatError's message says what to do; anything else is a bug, named by its type (and logged)."""
    reason = one_line(error) if isinstance(error, PaperchatError) else f"{type(error).__name__}: {one_line(error)}"
    return APIError(500, f"paperchat could not answer: {reason}", kind="server_error")


async def _stream_reply(
    engine: Engine, chat: ChatRequest, slots: asyncio.Semaphore, completion_id: str, created: int
) -> AsyncIterator[str]:
    """Server-sent events: the role at once (clients show activity), the verified answer when it is ready,
    then its references, then a last chunk with finish_reason "stop" and the `paperchat` object, then [DONE].

    The engine's str events are the model's unverified draft and are not sent. When the engine yields
    verified sentences as they are checked, send each here as it comes and add it to `sent`: at the end
    only the part of the answer not sent yet follows, then the references.
    """

    def chunk(delta: dict[str, str], finish: str | None = None) -> str:
        return sse(chunk_json(chat, completion_id, created, delta, finish))

    yield chunk({"role": "assistant", "content": ""})
    sent = ""
    answer: Answer | None = None
    try:
        async with slots:
            events = answer_request(engine, chat)
            try:
                while (event := await asyncio.to_thread(next, events, None)) is not None:
                    if isinstance(event, Answer):
                        answer = event
            finally:
                _close(events)
    except (QuestionError, SettingsError) as error:
        yield _stream_error(_bad(one_line(error)))
        return
    except Exception as error:
        _log_bug(error)
        yield _stream_error(_server_error(error))
        return
    if answer is None:
        yield _stream_error(_server_error(RuntimeError("the engine ended without an answer")))
        return
    body = answer_body(answer)
    if len(body) > len(sent):  # verified sentences already sent are not repeated (see the docstring)
        yield chunk({"content": body[len(sent) :]})
    if answer.citations:
        yield chunk({"content": f"\n\n{references_text(answer.citations)}"})
    final = chunk_json(chat, completion_id, created, {}, "stop")
    final[MODEL_PREFIX] = answer.to_json()
    yield sse(final)
    yield sse("[DONE]")


def _log_bug(error: Exception) -> None:
    """A failure that is not a PaperchatError is a bug: its traceback goes to the log (rag/errors.py)."""
    if not isinstance(error, PaperchatError):
        log.error("paperchat api: unexpected %s", type(error).__name__, exc_info=error)


def _stream_error(error: APIError) -> str:
    """A failure after the stream started: OpenAI's error event (the openai client raises it as APIError)."""
    log.warning("paperchat api: POST /v1/chat/completions (stream) -> %d %s", error.status, error.message)
    return sse(error.body())


def _close(events: Iterator[str | Answer]) -> None:
    """Stop the engine's generator (a disconnected client); if a worker thread is still inside it, that
    step finishes on its own and the abandoned generator is closed when it is collected."""
    close = getattr(events, "close", None)
    if close is not None:
        with contextlib.suppress(ValueError):  # "generator already executing"
            close()
