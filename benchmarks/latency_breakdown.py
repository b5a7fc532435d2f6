"""Where an answer's time goes, stage by stage, next to what the hardware allows.

Each held-out-style question (benchmarks/conversations.py) goes through the real pipeline (`Engine.events`,
local backend) and is split into: retrieval, the answerability check (the model's YES/NO over all sources),
the per-paper notes, the per-sentence claim checks ("judge", `NotesWriter.states`), verification; plus the time
to the first token the reader sees and to the whole verified answer. Every model call is also split the way
llama.cpp itself timed it (its verbose server log, `benchmarks.llama_log`): prompt tokens evaluated anew vs
reused from the KV cache of the previous request, prompt-processing time, generated tokens and their time.

The limit (`benchmarks.llama_limit`, run first, alone, at the same thread count) gives llama.cpp's own
prompt-processing and generation speed; each stage is also reported as "× the limit", e.g. prompt-processing
time ÷ (new prompt tokens ÷ the limit's prompt tok/s).

    python -m benchmarks.latency_breakdown                      # the default local model, every question
    python -m benchmarks.latency_breakdown --model 0.5b --n 2   # a smoke run
    python -m benchmarks.latency_breakdown --judge-server off   # the checks on the notes' server, as before 2026-12-04
    python -m benchmarks.latency_breakdown --check-prefill both # with and without the next check's prefix after each answer

The collection is the one in PAPERCHAT_HOME (read only: ingest it first). The llama.cpp servers are the
benchmark's own, started verbose under a temporary home and stopped at the end: one for the notes and, with the
model's checks on and `--judge-server on` (the app's default, `PAPERCHAT_LLM__JUDGE_SERVER`), one for the checks. JSON with every answer and every
call goes to benchmarks/results/latency-breakdown-*.json.

Columns: `n` answers that had the stage; p50/p90 of its wall time per answer; then medians per answer of the
stage's calls, prompt tokens evaluated anew (`new tok`) and taken from the KV cache (`reused`), llama.cpp's
prompt-processing ms, its single-token decode runs (`gen runs`: the generated tokens, less the last one when
a reply is cut at max_tokens) and their ms; `× lim` is that time over the limit's time for the same tokens.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Generator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.conversations import CONVERSATIONS, question_count
from benchmarks.llama_log import LogTail, RequestTiming
from rag.answer import Answer
from rag.engine import ANSWERABILITY_JUDGES, Conversation, Engine
from rag.llm import ChatModel, Turns
from rag.llm_server import LocalLLMServer, Role
from rag.models import MODELS
from rag.prompts import render
from rag.settings import Settings
from rag.writers import NotesWriter

RESULTS = Path(__file__).resolve().parent / "results"
# The model calls, named by their system prompt; "prefill" is a call that only evaluates a prompt prefix for the
# calls after it (max_tokens=1): the claim checks' per paper during its note, the next check's after the answer.
STAGES = ("check", "note", "claim", "prefill")
PROMPT_KINDS = {"check": "check", "note": "note", "claim": "claim", "recheck": "claim"}


@dataclass
class Call:
    """One model call as the client saw it; `server` is llama.cpp's own account of it."""

    kind: str
    started: float
    server_role: str = "notes"  # which server answered it
    first_delta: float | None = None
    ended: float | None = None
    server: RequestTiming | None = None

    @property
    def wall_ms(self) -> float:
        return ((self.ended or self.started) - self.started) * 1000


def claim_first(messages: list[dict[str, str]]) -> list[dict[str, str]]:
    """A claim check as it was laid out before 2026-12-04, for `--claim-layout both`: the claim before the question
    about it (so each check evaluated the 75-token question anew), and a paper's shared prefix ending at "Claim:"."""
    head, question, claim = messages[-1]["content"].split("\n\n")
    question = question.replace("state the claim below", "state this claim").replace("the claim below,", "the claim,")
    if not claim.startswith("Claim:"):
        raise ValueError(f"not a claim check: {claim[:40]!r}")
    user = f"{head}\n\nClaim:" if claim == "Claim:" else f"{head}\n\n{claim}\n\n{question}"
    return [*messages[:-1], {"role": "user", "content": user}]


class TimedChatModel(ChatModel):
    """The pipeline's own client, noting when each call starts, streams and ends, and which prompt it used."""

    def __init__(
        self, settings: Settings, server: LocalLLMServer, role: str, tail: LogTail, turn: Turns, *, claims_first: bool = False
    ) -> None:
        super().__init__(settings, "local", server, turn, first=role == "notes")
        # a claim's second question ("recheck") is part of its check
        self.kinds = {render(f"{prompt}_system"): kind for prompt, kind in PROMPT_KINDS.items()}
        self.calls: list[Call] = []
        self.role = role
        self.tail = tail  # the verbose log of the server this client talks to
        self.claims_first = claims_first  # send claim checks in the layout before 2026-12-04 (`claim_first`)

    def stream(
        self,
        messages: list[dict[str, str]],
        max_tokens: int | None = None,
        temperature: float | None = None,
        token_bias: Mapping[str, float] | None = None,
        *,
        turn_while_writing: bool = True,
    ) -> Generator[str, None, None]:
        kind = "prefill" if max_tokens == 1 else self.kinds.get(messages[0]["content"], "other")
        if self.claims_first and self.kinds.get(messages[0]["content"]) == "claim":
            messages = claim_first(messages)
        call = Call(kind, time.perf_counter(), self.role)
        self.calls.append(call)
        for delta in super().stream(messages, max_tokens, temperature, token_bias, turn_while_writing=turn_while_writing):
            if call.first_delta is None:
                call.first_delta = time.perf_counter()
            yield delta
        call.ended = time.perf_counter()


@dataclass
class Measured:
    """One answered question."""

    conversation: int
    turn: int
    question: str
    backend: str
    refused: bool
    notice: str | None
    load: float
    first_token_ms: float
    total_ms: float
    retrieve_ms: float
    verify_ms: float
    calls: list[Call] = field(default_factory=list)

    def stage(self, kind: str) -> dict[str, float]:
        """Totals over this answer's calls of one kind."""
        calls = [c for c in self.calls if c.kind == kind]
        timed = [c.server for c in calls if c.server is not None]
        return {
            "calls": len(calls),
            "wall_ms": sum(c.wall_ms for c in calls),
            "new_tokens": sum(t.new_tokens for t in timed),
            "reused_tokens": sum(t.reused_tokens for t in timed),
            "prompt_ms": sum(t.prompt_ms for t in timed),
            "gen_tokens": sum(t.gen_runs for t in timed),
            "gen_ms": sum(t.gen_ms for t in timed),
        }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def times_limit(spent_ms: float, tokens: float, tokens_per_s: float) -> float | None:
    """How many times the hardware's own time for these tokens `spent_ms` is; None without tokens."""
    ideal_ms = tokens / tokens_per_s * 1000
    return spent_ms / ideal_ms if ideal_ms > 0 else None


def run_limit(model: str, threads: int) -> dict[str, Any]:
    """`benchmarks.llama_limit` in its own process, before the server starts: nothing else holds the model."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.llama_limit", "--model", model, "--threads", str(threads), "--json"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def build_engine(
    settings: Settings, judge: bool, servers: Mapping[Role, tuple[str, LogTail]], overlap: bool = True,
    prefill_check: bool = True, claims_first: bool = False, check_beside: bool = True,
) -> tuple[Engine, list[TimedChatModel]]:
    """The default engine, its local writer built around timed clients of `servers` (role → URL, log): the notes go
    to "notes", the checks (judge on or off as asked) to "judge" when there is one, as `Engine.judge_model` does;
    the clients take turns as the engine's do. `overlap`: sentences checked while the next is written;
    `prefill_check`: the next question's check prefix evaluated after each answer; `claims_first`: claim checks
    laid out as before 2026-12-04 (`claim_first`); `check_beside`: the answerability check while the first note is
    written (after 2026-12-05) or before it."""
    base = Engine.from_settings(settings)
    models = []
    turn = Turns()
    for role, (url, tail) in servers.items():
        role_settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"local_url": url})})
        models.append(
            TimedChatModel(role_settings, LocalLLMServer(role_settings), role, tail, turn, claims_first=claims_first)
        )
    writer = NotesWriter(
        models[0], judge=judge, judge_model=models[-1], temperature=settings.llm.temperature, overlap=overlap,
        prefill_check=prefill_check, check_beside_note=check_beside,
    )
    engine = Engine(
        settings, embedder=base.embedder, store=base.store, retriever=base.retriever, planner=base.planner,
        verifier=base.verifier, writers={"local": writer},
    )  # fmt: skip
    return engine, models


def answer_one(
    engine: Engine, models: list[TimedChatModel], question: str, conversation: Conversation
) -> tuple[Answer, float, float, list[Call]]:
    """(answer, first token ms, total ms, calls with llama.cpp's timings, in the order they started) for one question."""
    first_calls = [len(model.calls) for model in models]
    for model in models:
        model.tail.mark()
    started = time.perf_counter()
    first_token: float | None = None
    answer: Answer | None = None
    for event in engine.events(question, conversation, "local"):
        if isinstance(event, str) and event.strip() and first_token is None:
            first_token = time.perf_counter()
        elif isinstance(event, Answer):
            answer = event
    ended = time.perf_counter()
    assert answer is not None
    writer = engine.writer("local")
    if isinstance(writer, NotesWriter):
        writer.settle()  # what the answer left running (the next check's prefix) is counted with it, after its end
    calls: list[Call] = []
    for model, first_call in zip(models, first_calls, strict=True):
        own = model.calls[first_call:]
        timings = model.tail.requests_since_mark(len(own))
        if len(timings) != len(own):
            raise RuntimeError(f"{len(own)} model calls but {len(timings)} requests in {model.tail.path}; is the server verbose?")
        for call, timing in zip(own, timings, strict=True):
            call.server = timing
        calls += own
    calls.sort(key=lambda call: call.started)
    total_ms = (ended - started) * 1000
    return answer, ((first_token or ended) - started) * 1000, total_ms, calls


def summarize(rows: list[Measured], limit: dict[str, Any] | None) -> list[str]:
    pp_tps = float(limit["pp_tps"]) if limit else 0.0
    gen_tps = float(limit["gen_tps"]) if limit else 0.0
    lines = [
        f"{'stage':<12}{'n':>4}{'p50 ms':>9}{'p90 ms':>9}{'calls':>7}{'new tok':>9}{'reused':>8}"
        f"{'pp ms':>8}{'gen runs':>9}{'gen ms':>8}{'pp ×lim':>9}{'gen ×lim':>9}"
    ]

    def row(name: str, values: list[float], stage: list[dict[str, float]] | None = None) -> None:
        if not values:
            return
        text = f"{name:<12}{len(values):>4}{statistics.median(values):>9.0f}{percentile(values, 0.9):>9.0f}"
        if stage:
            med = {key: statistics.median(s[key] for s in stage) for key in stage[0]}
            pp = [times_limit(s["prompt_ms"], s["new_tokens"], pp_tps) for s in stage] if pp_tps else []
            gen = [times_limit(s["gen_ms"], s["gen_tokens"], gen_tps) for s in stage] if gen_tps else []
            pp_x = [x for x in pp if x is not None]
            gen_x = [x for x in gen if x is not None]
            text += (
                f"{med['calls']:>7.0f}{med['new_tokens']:>9.0f}{med['reused_tokens']:>8.0f}{med['prompt_ms']:>8.0f}"
                f"{med['gen_tokens']:>9.0f}{med['gen_ms']:>8.0f}"
                f"{(f'{statistics.median(pp_x):.2f}' if pp_x else '-'):>9}{(f'{statistics.median(gen_x):.2f}' if gen_x else '-'):>9}"
            )
        lines.append(text)

    row("retrieve", [r.retrieve_ms for r in rows])
    for kind, name in (("check", "check"), ("note", "notes"), ("claim", "judge"), ("prefill", "prefills")):
        stages = [r.stage(kind) for r in rows if r.stage(kind)["calls"]]
        row(name, [s["wall_ms"] for s in stages], stages)
    row("verify", [r.verify_ms for r in rows if not r.refused])
    all_llm = [
        {key: sum(r.stage(k)[key] for k in STAGES) for key in r.stage("note")} for r in rows if r.calls
    ]
    row("all LLM", [s["wall_ms"] for s in all_llm], all_llm)
    row("first token", [r.first_token_ms for r in rows])
    row("total", [r.total_ms for r in rows])
    if pp_tps and gen_tps:
        # The whole answer against its floor on this machine: retrieval and verification as measured, every
        # model call's new prompt tokens and generated tokens at the limit's speeds.
        ratios = []
        for r in rows:
            llm = {key: sum(r.stage(k)[key] for k in STAGES) for key in ("new_tokens", "gen_tokens")}
            floor_ms = r.retrieve_ms + r.verify_ms + (llm["new_tokens"] / pp_tps + llm["gen_tokens"] / gen_tps) * 1000
            ratios.append(r.total_ms / floor_ms)
        lines.append(f"total ÷ its floor (retrieval + verification + the model's tokens at the limit): "
                     f"p50 ×{statistics.median(ratios):.2f}, p90 ×{percentile(ratios, 0.9):.2f}")
        # What the answer's text alone needs: its notes' new prompt tokens and written tokens at the limit, no
        # check and no verification. A target for the whole answer below this is below what the hardware does
        # for answers of today's length.
        notes = [(r.retrieve_ms, r.stage("note")) for r in rows]
        notes = [(retrieve_ms, stage) for retrieve_ms, stage in notes if stage["calls"]]
        written = [ms + (s["new_tokens"] / pp_tps + s["gen_tokens"] / gen_tps) * 1000 for ms, s in notes]
        if written:
            lines.append(f"the notes alone at the limit (their new prompt tokens and written tokens, nothing checked): "
                         f"p50 {statistics.median(written):.0f} ms, p90 {percentile(written, 0.9):.0f} ms, "
                         f"{statistics.median(s['gen_tokens'] for _, s in notes):.0f} tokens written per answer (p50)")
    return lines


def transitions(rows: list[Measured], previous: dict[str, str] | None = None) -> list[str]:
    """KV reuse by what came before on the same server: the prompt share each kind of call got from the previous
    call's cache (llama-cpp-python keeps the KV of one sequence, the last request's, and reuses its longest common
    prefix). `previous`: the last kind of call each server answered before `rows`."""
    previous = dict(previous or {})
    pairs: dict[tuple[str, str], list[RequestTiming]] = {}
    for row in rows:
        for call in row.calls:
            before = previous.get(call.server_role, "start")
            if call.server is not None:
                pairs.setdefault((before, call.kind), []).append(call.server)
            previous[call.server_role] = call.kind
    lines = [f"{'previous → this call':<22}{'n':>5}{'prompt tok':>12}{'reused':>8}{'new':>6}{'reused %':>10}"]
    for (before, kind), timings in sorted(pairs.items()):
        prompt = statistics.median(t.prompt_tokens for t in timings)
        reused = statistics.median(t.reused_tokens for t in timings)
        new = statistics.median(t.new_tokens for t in timings)
        share = sum(t.reused_tokens for t in timings) / max(sum(t.prompt_tokens for t in timings), 1) * 100
        lines.append(f"{before + ' → ' + kind:<22}{len(timings):>5}{prompt:>12.0f}{reused:>8.0f}{new:>6.0f}{share:>9.0f}%")
    return lines


@dataclass
class Setup:
    """One configuration under test: its own servers (under its own temporary home), engine and answers."""

    name: str
    roles: tuple[Role, ...]
    overlap: bool = True
    prefill_check: bool = True
    claims_first: bool = False
    check_beside: bool = True
    servers: dict[Role, LocalLLMServer] = field(default_factory=dict)
    engine: Engine | None = None
    models: list[TimedChatModel] = field(default_factory=list)
    rows: list[Measured] = field(default_factory=list)
    warm_calls: list[Call] = field(default_factory=list)

    def start(self, env_settings: Settings, llm: Any, home: Path, judge: bool) -> None:
        server_settings = env_settings.model_copy(update={"home": home, "llm": llm.model_copy(update={"local_verbose": True})})
        self.servers = {role: LocalLLMServer(server_settings, role=role) for role in self.roles}
        urls = {role: (server.ensure(), LogTail(server.log_path)) for role, server in self.servers.items()}
        self.engine, self.models = build_engine(
            env_settings.model_copy(update={"llm": llm}), judge, urls, self.overlap, self.prefill_check, self.claims_first,
            self.check_beside,
        )
        if not self.engine.paper_count():
            raise SystemExit(f"no papers in {env_settings.home}; run `paperchat ingest` first")
        # Warm-up, untimed: the weights paged in, the embedder and indexes loaded.
        _, _, _, self.warm_calls = answer_one(self.engine, self.models, "What is ECON?", Conversation())

    def ask(self, c: int, t: int, question: str, conversation: Conversation) -> Measured:
        assert self.engine is not None
        load = os.getloadavg()[0]
        answer, first_ms, total_ms, calls = answer_one(self.engine, self.models, question, conversation)
        row = Measured(
            c, t, question, answer.backend, answer.refused, answer.notice, load, first_ms, total_ms,
            answer.timings_ms.get("retrieve", 0.0), answer.timings_ms.get("verify", 0.0), calls,
        )  # fmt: skip
        self.rows.append(row)
        return row

    def stop(self, keep_log: Path | None) -> None:
        if self.engine is not None:
            self.engine.close()
        for model in self.models:
            model.close()
        for role, server in self.servers.items():
            server.stop()
            if keep_log and server.log_path.exists():
                shutil.copyfile(server.log_path, keep_log.with_name(f"{self.name}-{role}-{keep_log.name}"))


def main() -> None:
    env_settings = Settings.from_env()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=env_settings.llm.local_model, choices=sorted(MODELS))
    parser.add_argument("--n", type=int, default=len(CONVERSATIONS), help="conversations to ask (1-2 turns each)")
    parser.add_argument("--judge", choices=("auto", "on", "off"), default="auto",
                        help="the model's YES/NO checks; auto: as the app does for this model (only the 1.5B)")
    parser.add_argument("--judge-server", choices=("on", "off", "both"), default="on" if env_settings.llm.judge_server else "off",
                        help="the checks on a second server of the same model (the app's default), on the notes' one, "
                        "or both configurations, conversation by conversation in alternating order, with their ratios")
    parser.add_argument("--overlap", choices=("on", "off", "both"), default="on",
                        help="with the checks on their own server: check each sentence while the next is written (the "
                        "app's default), after all notes, or both configurations alternately, with their ratios")
    parser.add_argument("--check-prefill", choices=("on", "off", "both"), default="on",
                        help="after each answer, the judge's server evaluates the next check's prefix (the app's "
                        "default), or not, or both configurations alternately, with their ratios")
    parser.add_argument("--claim-layout", choices=("question-first", "claim-first", "both"), default="question-first",
                        help="claim checks with the question about the claim before it, in the cached prefix (the app's "
                        "prompts), or after it (as before 2026-12-04), or both configurations alternately, with their ratios")
    parser.add_argument("--check-beside", choices=("on", "off", "both"), default="on",
                        help="the answerability check while the first note is written (the app's default), before it, "
                        "or both configurations alternately, with their ratios")
    parser.add_argument("--threads", type=int, default=env_settings.llm.n_threads)
    parser.add_argument("--no-limit", action="store_true", help="skip the hardware-limit measurement")
    parser.add_argument("--keep-log", type=Path, help="copy the llama.cpp server logs here at the end (prefixed by setup and role)")
    args = parser.parse_args()
    judge = args.model in ANSWERABILITY_JUDGES if args.judge == "auto" else args.judge == "on"
    conversations = CONVERSATIONS[: args.n]
    load_start = os.getloadavg()
    limit = None if args.no_limit else run_limit(args.model, args.threads)
    if limit:
        print(f"limit: prompt {limit['pp_tps']:.1f} tok/s, generation {limit['gen_tps']:.1f} tok/s "
              f"(llama.cpp direct, {args.threads} threads, load {limit['load_start']:.2f} → {limit['load_end']:.2f})", flush=True)
    if [args.judge_server, args.overlap, args.check_prefill, args.claim_layout, args.check_beside].count("both") > 1:
        parser.error("compare one thing at a time: --judge-server, --overlap, --check-prefill, --claim-layout or --check-beside both")
    wanted = ("off", "on") if args.judge_server == "both" else (args.judge_server,)
    overlaps = (False, True) if args.overlap == "both" else (args.overlap == "on",)
    prefills = (False, True) if args.check_prefill == "both" else (args.check_prefill == "on",)
    layouts = (True, False) if args.claim_layout == "both" else (args.claim_layout == "claim-first",)
    besides = (False, True) if args.check_beside == "both" else (args.check_beside == "on",)

    def name(which: str, overlap: bool, prefill: bool, first: bool, beside: bool) -> str:
        if len(overlaps) == 2:
            return f"checks-{'while-writing' if overlap else 'after-notes'}"
        if len(prefills) == 2:
            return f"check-prefill-{'on' if prefill else 'off'}"
        if len(layouts) == 2:
            return "claim-first" if first else "question-first"
        if len(besides) == 2:
            return f"check-{'beside-note' if beside else 'before-note'}"
        return f"judge-server-{which}"

    setups = [
        Setup(
            name(which, overlap, prefill, first, beside), ("notes", "judge") if judge and which == "on" else ("notes",),
            overlap, prefill, first, beside,
        )
        for which in wanted
        for overlap in overlaps
        for prefill in prefills
        for first in layouts
        for beside in besides
    ]
    llm = env_settings.llm.model_copy(
        update={"backend": "local", "local_model": args.model, "n_threads": args.threads, "local_url": None}
    )
    total = question_count(conversations) * len(setups)
    with tempfile.TemporaryDirectory(prefix="latency-breakdown-") as tmp:
        try:
            for setup in setups:
                setup.start(env_settings, llm, Path(tmp) / setup.name, judge)
            done = 0
            for c, turns in enumerate(conversations):
                # Alternating which setup goes first cancels a drift in the machine's load between them.
                for setup in setups if c % 2 == 0 else setups[::-1]:
                    conversation = Conversation()
                    for t, question in enumerate(turns):
                        row = setup.ask(c, t, question, conversation)
                        done += 1
                        print(f"[{done}/{total}] {setup.name}: {row.total_ms / 1000:.1f} s, {len(row.calls)} calls, "
                              f"{row.backend}{', refused' if row.refused else ''}"
                              f"{f' ({row.notice})' if row.notice else ''}: {question[:60]}", flush=True)
        finally:
            for setup in setups:
                setup.stop(args.keep_log)
    load_end = os.getloadavg()
    for setup in setups:
        rows = setup.rows
        fallbacks = sum(r.backend != "local" for r in rows)
        refused = sum(r.refused for r in rows)
        print(f"\n{setup.name}: {len(rows)} answers ({len(conversations)} conversations), model {args.model}, "
              f"judge {'on' if judge else 'off'}, servers: {', '.join(setup.roles)}, {args.threads} threads; "
              f"load average {load_start[0]:.2f} at start, {load_end[0]:.2f} at end; {refused} refused, {fallbacks} extractive fallbacks")
        if limit:
            print(f"limit: prompt processing {limit['pp_tps']:.1f} tok/s, generation {limit['gen_tps']:.1f} tok/s")
        print("\n".join(summarize(rows, limit)))
        print("\nKV-cache reuse by the call before on the same server (llama.cpp's prefix-match hits):")
        print("\n".join(transitions(rows, {call.server_role: call.kind for call in setup.warm_calls})))
    if len(setups) == 2:
        print("\n" + "\n".join(compare(*setups)))
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"latency-breakdown-{args.model}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps({
        "model": args.model, "judge": judge, "threads": args.threads, "load_start": load_start, "load_end": load_end,
        "limit": limit, "setups": {setup.name: {"servers": list(setup.roles), "answers": [asdict(r) for r in setup.rows]}
                                   for setup in setups},
    }, indent=1, default=str))  # fmt: skip
    print(f"\nJSON: {out}")


def compare(before: Setup, after: Setup) -> list[str]:
    """The second setup against the first, question by question (the same questions, asked alternately)."""

    def new_tokens(row: Measured) -> float:
        return float(sum(row.stage(kind)["new_tokens"] for kind in STAGES))

    lines = [f"{after.name} ÷ {before.name}, same questions:", f"{'':<22}{'before p50':>12}{'after p50':>12}{'ratio of p50':>14}{'p50 of ratios':>15}"]
    for name, value in (
        ("first token ms", lambda r: r.first_token_ms), ("total ms", lambda r: r.total_ms), ("new prompt tokens", new_tokens),
    ):  # fmt: skip
        a = [value(r) for r in before.rows]
        b = [value(r) for r in after.rows]
        paired = [y / x for x, y in zip(a, b, strict=True) if x > 0]
        lines.append(f"{name:<22}{statistics.median(a):>12.0f}{statistics.median(b):>12.0f}"
                     f"{statistics.median(b) / statistics.median(a):>14.2f}{statistics.median(paired):>15.2f}")
    return lines


if __name__ == "__main__":
    main()
