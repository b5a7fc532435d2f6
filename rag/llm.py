"""LLM backends behind one OpenAI-compatible client: the bundled local model or any remote endpoint.

The local backend starts (or reuses) llama.cpp's server and talks to it exactly
as to OpenAI, vLLM, Ollama or LM Studio, so there is one code path to test.
Every call has a connect timeout, a between-tokens timeout and a total deadline:
a stuck server turns into an LLMError (and an extractive fallback), never a hang.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Generator, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from rag.errors import LLMError
from rag.settings import Settings

if TYPE_CHECKING:
    from rag.llm_server import LocalLLMServer

# Seconds an idle kept connection may be reused: below the 5 s after which uvicorn (llama-cpp-python's server, and
# most Python servers) closes it. Remote servers keep connections longer; a new one after 2 s idle costs little.
KEEPALIVE_S = 2.0


class ChatModel:
    def __init__(
        self,
        settings: Settings,
        backend: str,
        server: LocalLLMServer | None = None,
        turn: Turns | None = None,
        *,
        first: bool = False,
    ) -> None:
        self.settings = settings
        self.backend = backend
        self.server = server
        # Held for each call when given: clients of two local servers sharing the CPU take turns, as one server's
        # requests do (two llama.cpp processes evaluating prompts at once put 4 threads on 2 cores). `first`: this
        # client's calls go before the other's that wait with them (the notes, which the reader is waiting for).
        self._turn = turn
        self._first = first
        # One client per endpoint, kept (a new client per call paid its set-up and a health check each time). Its
        # pool rarely keeps a streamed reply's connection: the openai client closes the response at "data: [DONE]",
        # often before the chunked body's end, and httpx then drops the connection (a new one on 127.0.0.1 costs
        # well under a millisecond).
        self._clients: dict[tuple[str, str], Any] = {}

    def _client(self, base_url: str, api_key: str) -> Any:
        import httpx
        import openai

        client = self._clients.get((base_url, api_key))
        if client is None:
            timeout = httpx.Timeout(self.settings.llm.timeout_s, connect=self.settings.llm.connect_timeout_s)
            # A kept connection is dropped after KEEPALIVE_S idle, before the server drops it: llama-cpp-python's
            # uvicorn closes an idle connection after 5 s, httpx kept it 5 s too, and a request sent on it as the
            # server closed it failed with RemoteProtocolError (seen once in a 222-question refusal run).
            limits = httpx.Limits(max_connections=1000, max_keepalive_connections=100, keepalive_expiry=KEEPALIVE_S)
            client = openai.OpenAI(
                base_url=base_url,
                api_key=api_key,
                max_retries=0,
                timeout=timeout,
                http_client=openai.DefaultHttpxClient(timeout=timeout, limits=limits),
            )
            self._clients = {(base_url, api_key): client}  # a changed endpoint or key replaces the old client
        return client

    @contextlib.contextmanager
    def _taking_turns(self) -> Iterator[_Turn]:
        """The turn, waited for at most one call's timeout: a stream its reader abandoned must not hold every
        later answer (past the wait, the call runs alongside, as it would without the turn)."""
        turn = _Turn(self._turn, self._first, self.settings.llm.timeout_s)
        try:
            yield turn
        finally:
            turn.release()

    def prepare(self) -> None:
        """Start the local server in the background if it is not up yet, so that its load (3-4 s) overlaps the
        other server's work instead of following it; a failure here is left to the first real call to report."""
        if self.server is not None and not self.server.started:
            threading.Thread(target=self._ensure_quietly, name="llm-server-start", daemon=True).start()

    def _ensure_quietly(self) -> None:
        assert self.server is not None
        try:
            self.server.ensure()
        except Exception:  # noqa: BLE001 - the next call to this server starts it again and reports why it failed
            return

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients = {}

    def _endpoint(self) -> tuple[str, str, str]:
        """(base_url, api_key, model) for this backend."""
        llm = self.settings.llm
        if self.backend == "local":
            if self.server is None:
                raise LLMError("no local server configured")
            try:
                return self.server.ensure(), "local", self.server.model_name
            except Exception as error:  # missing model, failed start: both become a fallback notice
                raise LLMError(str(error).splitlines()[0] if str(error) else type(error).__name__) from None
        if not llm.api_key and not llm.base_url:
            raise LLMError("OPENAI_API_KEY is not set; set it (and OPENAI_BASE_URL for another server)")
        api_key = llm.api_key.get_secret_value() if llm.api_key else "none"
        return llm.base_url or "https://api.openai.com/v1", api_key, llm.model or "gpt-4o-mini"

    def stream(
        self,
        messages: list[dict[str, str]],
        max_tokens: int | None = None,
        temperature: float | None = None,
        token_bias: Mapping[str, float] | None = None,
        *,
        turn_while_writing: bool = True,
    ) -> Generator[str, None, None]:
        """The reply's text deltas. A failure makes the local server's health be checked before the next call;
        a success lets the next call skip that check.

        `turn_while_writing=False` gives the turn back at the first delta: the prompt is evaluated, and writing
        is bound by memory bandwidth, not by the cores (the 1.5B writes as fast on 1 thread as on 2), so the
        other server may evaluate a prompt meanwhile (benchmarks/README.md "Checks while the note is written").

        `token_bias` adds to the logits of the tokens a string is made of (llama-cpp-python's
        `logit_bias_type="tokens"`), so only the local backend takes it: OpenAI's logit_bias wants the ids of
        its own tokenizer."""
        if token_bias and self.backend != "local":
            raise ValueError("token_bias is only for the local llama.cpp server")
        try:
            with self._taking_turns() as turn:
                for delta in self._stream(messages, max_tokens, temperature, token_bias):
                    if not turn_while_writing:
                        turn.release()
                    yield delta
        except LLMError:
            if self.server is not None:
                self.server.mark_failed()
            raise
        if self.server is not None:
            self.server.mark_working()

    def _stream(
        self,
        messages: list[dict[str, str]],
        max_tokens: int | None,
        temperature: float | None,
        token_bias: Mapping[str, float] | None,
    ) -> Iterator[str]:
        import httpx
        import openai

        base_url, api_key, model = self._endpoint()
        timeout_s = self.settings.llm.timeout_s
        client = self._client(base_url, api_key)
        deadline = time.monotonic() + 2 * timeout_s
        produced = 0
        response: Any = None
        try:
            response = client.chat.completions.create(
                model=model,
                messages=messages,
                max_tokens=max_tokens or self.settings.llm.max_tokens,
                temperature=self.settings.llm.temperature if temperature is None else temperature,
                stream=True,
                extra_body={"logit_bias": dict(token_bias), "logit_bias_type": "tokens"} if token_bias else None,
            )
            for chunk in response:
                if time.monotonic() > deadline:
                    response.close()
                    raise LLMError(f"the {self.backend} model took longer than {2 * timeout_s:.0f} s")
                if not getattr(chunk, "choices", None):
                    continue
                delta = chunk.choices[0].delta.content or ""
                if delta:
                    produced += len(delta)
                    yield delta
        except LLMError:
            raise
        except (openai.APITimeoutError, httpx.TimeoutException):  # mid-stream, httpx's timeout comes unwrapped
            silent = "went silent mid-answer for" if produced else "did not answer within"
            raise LLMError(f"the {self.backend} model {silent} {timeout_s:.0f} s") from None
        except openai.APIConnectionError:
            raise LLMError(f"the {self.backend} model is unreachable at {_safe_url(base_url, self.settings.secrets())}") from None
        except openai.APIStatusError as error:
            raise LLMError(f"the {self.backend} endpoint answered HTTP {error.status_code}") from None
        except (openai.OpenAIError, httpx.HTTPError, ValueError) as error:
            raise LLMError(f"the {self.backend} endpoint sent a malformed reply ({type(error).__name__})") from None
        finally:
            if response is not None:  # a reader that stops early (a refusal mid-note) closes the connection:
                response.close()  # llama.cpp's server then stops writing instead of finishing the reply
        if produced == 0:
            raise LLMError(f"the {self.backend} model returned an empty or malformed answer")


class Turns:
    """The CPU's prompt evaluation, one call at a time across the clients that share it; a waiting call of a
    `first` client goes before the others (a claim check queued behind a note does not delay the note)."""

    def __init__(self) -> None:
        self._free = threading.Condition()
        self._busy = False
        self._first_waiting = 0

    def acquire(self, first: bool, timeout_s: float) -> bool:
        with self._free:
            self._first_waiting += first
            try:
                got = self._free.wait_for(lambda: not self._busy and (first or not self._first_waiting), timeout_s)
                if got:
                    self._busy = True
                return got
            finally:
                if first:
                    self._first_waiting -= 1
                    self._free.notify_all()  # the others may go if no `first` call waits any more

    def release(self) -> None:
        with self._free:
            self._busy = False
            self._free.notify_all()


class _Turn:
    """One hold of the turn, released once (at the end of the call, or earlier when the call allows it)."""

    def __init__(self, turns: Turns | None, first: bool, timeout_s: float) -> None:
        self._turns = turns
        self._held = turns.acquire(first, timeout_s) if turns is not None else False

    def release(self) -> None:
        if self._held and self._turns is not None:
            self._held = False
            self._turns.release()


def _safe_url(url: str, secrets: list[str]) -> str:
    """The endpoint as a notice shows it: scheme, host, port and path; no credentials, no query."""
    from urllib.parse import urlsplit

    from rag.redact import redact

    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return redact(f"{parts.scheme}://{host}{port}{parts.path}", secrets)
