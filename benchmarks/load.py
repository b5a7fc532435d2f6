"""`python -m benchmarks.load`: concurrent conversations against a real `paperchat serve`, through gradio_client.

A temp PAPERCHAT_HOME gets the bundled corpus (`paperchat ingest`), then
`paperchat serve` starts on a free 127.0.0.1 port. Each conversation is its own
`gradio_client.Client` (its own Gradio session) calling the chat turn `/chat`:
a question naming one paper, then follow-ups that only make sense with that
session's own history ("What data is it trained or evaluated on?"). Every
conversation is about a different paper, so an answer or a history turn that
crossed sessions shows up as a foreign paper in the sources panel or a foreign
question in the chat. First 20 conversations with the extractive backend, then
4 with the local model (0.5B); per backend: sessions, requests, errors, leaks,
p50/p95 latency. Bounded: a per-request timeout and an overall deadline, and
the server (with any llama.cpp server it started) is always stopped.

Usage:
    python -m benchmarks.load [--sessions 20] [--local-sessions 4] [--turns 3] [--deadline 1800]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.run import percentiles
from rag.llm_server import free_port, wait_until_serving
from rag.settings import BUNDLED_CORPUS, Settings

RESULTS_DIR = Path(__file__).resolve().parent / "results"
SERVER_START_TIMEOUT_S = 180.0
# One paper per conversation, named in its first question. Chosen because a follow-up asked in a fresh
# session (no history) resolves to a different paper, so a lost or mixed-up history cannot pass unnoticed.
SUBJECTS = (
    "ECON", "ICON", "BEDLAM", "DOPE", "InstantID", "PhotoVerse", "VLOGGER", "TeCH", "NCHO", "HeadSculpt",
    "DrawingSpinUp", "Vec2Face", "WOUAF", "NAISR", "AiOS", "GeneMAN", "MagicDance", "VividFace", "StoryMaker",
    "EchoVideo", "DisenBooth", "MagiCapture", "TryOn-Adapter", "VividPose",
)  # fmt: skip
FOLLOW_UPS = ("What data is it trained or evaluated on?", "How does it work?")
_PAPER_ID = re.compile(r'data-paper-id="([^"]+)"')


@dataclass(frozen=True)
class Plan:
    """One conversation: its questions, and the paper every answer of it must cite first."""

    session: int
    subject: str
    paper_id: str
    questions: tuple[str, ...]


@dataclass
class Turn:
    question: str
    seconds: float | None = None
    error: str | None = None
    cited: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # leaks and wrong papers
    refused: bool = False
    fallback: bool = False  # the LLM failed and the answer says it is the extractive one


@dataclass
class Session:
    plan: Plan
    turns: list[Turn] = field(default_factory=list)


def plans(count: int, turns: int, offset: int = 0) -> list[Plan]:
    """`count` conversations about different papers, `turns` questions each (1 + follow-ups)."""
    from ingest.parsers import parse_source

    if not 1 <= turns <= 1 + len(FOLLOW_UPS):
        raise ValueError(f"turns must be 1 to {1 + len(FOLLOW_UPS)}")
    if offset + count > len(SUBJECTS):
        raise ValueError(f"at most {len(SUBJECTS) - offset} conversations from offset {offset}")
    ids = {p.name: p.paper_id for p in parse_source(BUNDLED_CORPUS).papers if p.name}
    return [
        Plan(i, name, ids[name], (f"What does {name} propose?", *FOLLOW_UPS[: turns - 1]))
        for i, name in enumerate(SUBJECTS[offset : offset + count])
    ]


# --- one conversation -------------------------------------------------------------------------


def _texts(message: dict[str, Any]) -> str:
    """A chatbot message's text, whichever shape gradio_client returns (a string or a list of parts)."""
    content = message.get("content")
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return ""


def check_turn(plan: Plan, asked: Sequence[str], output: Sequence[Any], others: set[str]) -> Turn:
    """What one `/chat` reply says about isolation: this session's history, this session's paper."""
    from ui.render import question_markdown

    chat, sources, notice = output[0], str(output[1] or ""), str(output[2] or "")
    turn = Turn(asked[-1])
    if "notice-error" in notice:
        turn.error = re.sub(r"<[^>]+>", "", notice).strip() or "error notice"
        return turn
    users = [_texts(m) for m in chat if m.get("role") == "user"]
    expected = [question_markdown(q) for q in asked]
    if users != expected:
        turn.problems.append(f"leak: the chat history is {users!r}, this session asked {expected!r}")
    latest = sources.split('<details class="earlier-sources">')[0]
    turn.cited = list(dict.fromkeys(_PAPER_ID.findall(latest)))
    turn.refused = "notice-refused" in notice
    # The same notice style also reports sentences verification removed; every other such notice is a fallback.
    turn.fallback = "notice-fallback" in notice and "without support in the sources removed" not in notice
    foreign = [pid for pid in turn.cited if pid in others]
    if foreign:
        turn.problems.append(f"leak: cites {foreign}, papers of other sessions' questions")
    if not turn.refused and turn.cited[:1] != [plan.paper_id]:
        turn.problems.append(f"wrong paper: cites {turn.cited}, expected {plan.paper_id} ({plan.subject}) first")
    return turn


def converse(url: str, plan: Plan, backend: str, others: set[str], timeout_s: float, deadline: float) -> Session:
    """One Gradio session asking its questions in order; never raises (errors are recorded per turn)."""
    from gradio_client import Client

    session = Session(plan)
    try:
        client = Client(url, verbose=False)
    except Exception as error:  # the server refused the session: every turn is an error
        session.turns = [Turn(q, error=f"connect: {_one_line(error)}") for q in plan.questions]
        return session
    try:
        for index, question in enumerate(plan.questions):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                session.turns.append(Turn(question, error="overall deadline reached before this turn"))
                continue
            started = time.perf_counter()
            job = client.submit(question, backend, api_name="/chat")
            try:
                output = job.result(timeout=min(timeout_s, remaining))
            except TimeoutError:
                job.cancel()
                session.turns.append(
                    Turn(question, time.perf_counter() - started, f"no reply within {timeout_s:.0f} s")
                )
                continue
            except Exception as error:
                session.turns.append(Turn(question, time.perf_counter() - started, _one_line(error)))
                continue
            turn = check_turn(plan, plan.questions[: index + 1], output, others - {plan.paper_id})
            turn.seconds = time.perf_counter() - started
            session.turns.append(turn)
    finally:
        with contextlib.suppress(Exception):
            client.close()
    return session


def _one_line(error: BaseException) -> str:
    text = str(error).strip()
    return f"{type(error).__name__}: {text.splitlines()[0] if text else ''}"


def run_sessions(
    url: str, conversation_plans: Sequence[Plan], backend: str, timeout_s: float, deadline: float
) -> list[Session]:
    """All conversations at once, one thread (and one gradio_client session) each."""
    others = {p.paper_id for p in conversation_plans}
    with ThreadPoolExecutor(max_workers=len(conversation_plans), thread_name_prefix="load") as pool:
        futures = [pool.submit(converse, url, p, backend, others, timeout_s, deadline) for p in conversation_plans]
        return [f.result() for f in futures]


def summarize(backend: str, sessions: Sequence[Session], wall_s: float) -> dict[str, Any]:
    turns = [t for s in sessions for t in s.turns]
    latencies = [t.seconds * 1000 for t in turns if t.seconds is not None and t.error is None]
    stats = percentiles(latencies)
    return {
        "backend": backend,
        "sessions": len(sessions),
        "requests": len(turns),
        "errors": sum(t.error is not None for t in turns),
        "leaks": sum(any(p.startswith("leak") for p in t.problems) for t in turns),
        "wrong_paper": sum(any(p.startswith("wrong") for p in t.problems) for t in turns),
        "refused": sum(t.refused for t in turns),
        "fallbacks": sum(t.fallback for t in turns),
        "p50_ms": stats["p50"],
        "p95_ms": stats["p95"],
        "max_ms": max(latencies) if latencies else float("nan"),
        "wall_s": wall_s,
        "problems": [f"session {s.plan.session} ({s.plan.subject}): {p}" for s in sessions for t in s.turns for p in t.problems],
        "error_messages": [f"session {s.plan.session} ({s.plan.subject}): {t.error}" for s in sessions for t in s.turns if t.error],
    }  # fmt: skip


# --- the served app ---------------------------------------------------------------------------


@dataclass
class Served:
    url: str
    home: Path
    process: subprocess.Popen[bytes]
    log: Path


def paperchat_command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("paperchat")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "rag", *args]


def server_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a paperchat process on `home`: nothing inherited that points elsewhere."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PAPERCHAT_", "CHROMA_", "OPENAI_", "GRADIO_"))}
    env.update(
        {
            "PAPERCHAT_HOME": str(home),
            "PAPERCHAT_MODELS_DIR": str(Settings.from_env().models_dir),
            "PAPERCHAT_LOCAL_MODEL": "0.5b",
            "GRADIO_TEMP_DIR": str(home / "gradio-tmp"),
            "GRADIO_ANALYTICS_ENABLED": "False",
        }
    )
    env.update(extra)
    return env


@contextlib.contextmanager
def served_app(
    home: Path, backend: str | None = "extractive", sources: Sequence[Path] = (), **extra_env: str
) -> Iterator[Served]:
    """`paperchat ingest` (the bundled corpus unless `sources`) then `paperchat serve` on a free port, with no
    --host (the default, localhost) and --backend only when given; always stopped."""
    env = server_env(home, **extra_env)
    ingest = subprocess.run(
        paperchat_command("ingest", *map(str, sources)),
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if ingest.returncode != 0:
        raise RuntimeError(f"paperchat ingest failed: {ingest.stderr.strip()}")
    port = free_port()
    log = home / "serve.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            paperchat_command("serve", "--port", str(port), *(["--backend", backend] if backend else [])),
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    served = Served(f"http://127.0.0.1:{port}/", home, process, log)
    try:
        wait_until_serving(served.url, served.process, SERVER_START_TIMEOUT_S, served.log)
        yield served
    finally:
        stop(served)


def stop(served: Served) -> None:
    """SIGTERM (the app then stops the llama.cpp server it started), then make sure that server is gone too."""
    process = served.process
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
    record = served.home / "llm" / "server.json"  # written by the app when it started a llama.cpp server
    with contextlib.suppress(OSError, ValueError, KeyError, ProcessLookupError):
        pid = int(json.loads(record.read_text())["pid"])
        if "llama_cpp.server" in Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace"):
            os.kill(pid, signal.SIGTERM)


def warm_local(url: str, timeout_s: float) -> float:
    """Start the app's llama.cpp server with one untimed `/ask`, so the sessions measure answers, not its start."""
    from gradio_client import Client

    started = time.perf_counter()
    client = Client(url, verbose=False)
    try:
        client.submit("What does ECON propose?", "local", api_name="/ask").result(timeout=timeout_s)
    finally:
        with contextlib.suppress(Exception):
            client.close()
    return time.perf_counter() - started


# --- report -----------------------------------------------------------------------------------


def table(rows: Sequence[dict[str, Any]]) -> str:
    head = ("backend", "sessions", "requests", "errors", "leaks", "wrong", "refused", "fallback", "p50 ms", "p95 ms", "max ms", "wall s")  # fmt: skip
    lines = [" | ".join(head), " | ".join("---" for _ in head)]
    for r in rows:
        values = (
            r["backend"], r["sessions"], r["requests"], r["errors"], r["leaks"], r["wrong_paper"], r["refused"],
            r["fallbacks"], f"{r['p50_ms']:.0f}", f"{r['p95_ms']:.0f}", f"{r['max_ms']:.0f}", f"{r['wall_s']:.1f}",
        )  # fmt: skip
        lines.append(" | ".join(str(v) for v in values))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.load", description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20, help="concurrent extractive conversations")
    parser.add_argument("--local-sessions", type=int, default=4, help="concurrent local-model conversations (0: none)")
    parser.add_argument("--turns", type=int, default=3, help="questions per extractive conversation (1-3)")
    parser.add_argument("--local-turns", type=int, default=2, help="questions per local conversation (1-3)")
    parser.add_argument("--request-timeout", type=float, default=180.0, help="seconds per extractive request")
    parser.add_argument("--local-request-timeout", type=float, default=600.0, help="seconds per local request")
    parser.add_argument("--deadline", type=float, default=1800.0, help="seconds for the whole run")
    args = parser.parse_args(argv)
    if args.sessions + args.local_sessions > len(SUBJECTS):
        parser.error(f"at most {len(SUBJECTS)} conversations in all (one paper each)")
    deadline = time.monotonic() + args.deadline
    rows: list[dict[str, Any]] = []
    result: dict[str, Any] = {"started": datetime.now().isoformat(timespec="seconds"), "args": vars(args)}
    with tempfile.TemporaryDirectory(prefix="paperchat-load-") as tmp, served_app(Path(tmp)) as served:
        result["load_average_start"] = os.getloadavg()
        runs = [("extractive", args.sessions, args.turns, 0, args.request_timeout)]
        if args.local_sessions:
            runs.append(("local", args.local_sessions, args.local_turns, args.sessions, args.local_request_timeout))
        for backend, count, turns, offset, timeout_s in runs:
            if count <= 0:
                continue
            if backend == "local":
                result["local_warmup_s"] = warm_local(served.url, min(timeout_s, max(1.0, deadline - time.monotonic())))
            started = time.perf_counter()
            sessions = run_sessions(served.url, plans(count, turns, offset), backend, timeout_s, deadline)
            rows.append(summarize(backend, sessions, time.perf_counter() - started))
            result[f"sessions_{backend}"] = [asdict(s) for s in sessions]
            print(f"{backend}: {count} sessions done", file=sys.stderr)
        result["load_average_end"] = os.getloadavg()
        log_text = served.log.read_text(errors="replace")
        result["server_log_tracebacks"] = log_text.count("Traceback")
    result["summary"] = rows
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    out = RESULTS_DIR / f"load-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(json.dumps(result, indent=2, default=str), encoding="utf-8")
    print(table(rows))
    for row in rows:
        for line in row["error_messages"] + row["problems"]:
            print(f"  {row['backend']}: {line}")
    print(f"server log tracebacks: {result['server_log_tracebacks']}; load average {result['load_average_end']}")
    print(f"results: {out}")
    failed = any(r["errors"] or r["leaks"] for r in rows) or result["server_log_tracebacks"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
