"""What llama-cpp-python's server says about each request, read from its verbose log.

Why the log and not the HTTP reply: the streamed OpenAI reply of llama-cpp-python's server carries no `usage`
(measured: `stream_options={"include_usage": True}` is ignored), and `usage.prompt_tokens` would count the
whole prompt anyway, not the part evaluated after the KV cache was reused. Started with `--verbose true`
(`PAPERCHAT_LLM__LOCAL_VERBOSE=true`), the server writes per request, to the log `rag.llm_server` keeps:

    Llama.generate: 71 prefix-match hit, remaining 7 prompt tokens to eval     (absent: nothing reused)
    llama_perf_context_print: prompt eval time =  200.47 ms /     7 tokens (...)
    llama_perf_context_print:        eval time = 1157.40 ms /    14 runs   (...)
    llama_perf_context_print:       total time = 1425.95 ms /    21 tokens

llama.cpp resets these counters at the start of each completion, so each block is that request's own. The
server handles one request at a time, so the blocks come in the order the requests were sent.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

_PREFIX_HIT = re.compile(r"Llama\.generate: (\d+) prefix-match hit, remaining (\d+) prompt tokens to eval")
_FULLY_CACHED = re.compile(r"Llama\.generate: full prompt already cached")
_NO_PARTIAL = re.compile(r"Llama\.generate: (\d+) prefix-match found but partial kv removal not supported")
_PROMPT_EVAL = re.compile(r"llama_perf_context_print: prompt eval time =\s*([\d.]+) ms /\s*(\d+) tokens")
_EVAL = re.compile(r"llama_perf_context_print:\s+eval time =\s*([\d.]+) ms /\s*(\d+) runs")
_TOTAL = re.compile(r"llama_perf_context_print:\s+total time =\s*([\d.]+) ms /\s*(\d+) tokens")


@dataclass(frozen=True)
class RequestTiming:
    """One completion as llama.cpp timed it."""

    reused_tokens: int  # prompt tokens whose KV came from the previous request (the prefix-match hit)
    new_tokens: int  # prompt tokens evaluated for this request
    prompt_ms: float  # llama.cpp's prompt eval time
    gen_runs: int  # single-token decode runs: the generated tokens
    gen_ms: float  # llama.cpp's eval time
    total_ms: float  # llama.cpp's total time for the request (prompt, generation, sampling)

    @property
    def prompt_tokens(self) -> int:
        return self.reused_tokens + self.new_tokens


def parse_requests(text: str) -> list[RequestTiming]:
    """Every completed request in a stretch of server log, in order; an unfinished block at the end is left out."""
    requests: list[RequestTiming] = []
    hit: tuple[int, int | None] | None = None  # (reused, new) from the Llama.generate line, if any
    prompt: tuple[float, int] | None = None
    gen: tuple[float, int] | None = None
    for line in text.splitlines():
        if match := _PREFIX_HIT.search(line):
            hit = (int(match.group(1)), int(match.group(2)))
        elif _FULLY_CACHED.search(line):
            hit = (-1, 0)  # reused: the whole prompt, counted below
        elif match := _NO_PARTIAL.search(line):
            hit = (0, None)
        elif match := _PROMPT_EVAL.search(line):
            prompt = (float(match.group(1)), int(match.group(2)))
        elif match := _EVAL.search(line):
            gen = (float(match.group(1)), int(match.group(2)))
        elif (match := _TOTAL.search(line)) and prompt is not None and gen is not None:
            total_ms, total_tokens = float(match.group(1)), int(match.group(2))
            prompt_ms, evaluated = prompt
            reused, new = 0, evaluated  # no prefix-match line: the whole prompt was evaluated
            if hit is not None and hit[1] is not None:
                reused, new = (max(total_tokens - gen[1], 0), 0) if hit[0] < 0 else (hit[0], hit[1])
            requests.append(RequestTiming(reused, new, prompt_ms, gen[1], gen[0], total_ms))
            hit = prompt = gen = None
    return requests


class LogTail:
    """Reads what a growing log file gained since the last `mark()`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.offset = 0

    def mark(self) -> None:
        self.offset = self.path.stat().st_size

    def requests_since_mark(self, expected: int, wait_s: float = 5.0) -> list[RequestTiming]:
        """The requests logged since `mark()`; waits up to `wait_s` for `expected` of them (the server flushes its
        timings just after the last token is sent)."""
        deadline = time.monotonic() + wait_s
        while True:
            with self.path.open("rb") as handle:
                handle.seek(self.offset)
                found = parse_requests(handle.read().decode("utf-8", errors="replace"))
            if len(found) >= expected or time.monotonic() > deadline:
                return found
            time.sleep(0.05)
