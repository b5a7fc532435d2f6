"""Time to the first token and to the whole verified answer, this checkout against another, same questions.

Two workers, one per checkout, each with its own engine, collection and llama.cpp server, ask the same
conversations with the real local model; the order alternates per conversation so load changes hit both alike.
Prints medians and p90 per checkout and their ratio, with the load average. Usage:

    python -m benchmarks.latency_ab --before /path/to/old/checkout [--model 1.5b] [--n 20]

The other checkout needs only `rag.engine.Engine(settings).ask(question, conversation)` and
`Settings.from_env` (true of every version since the first); each worker ingests the bundled corpus into a
fresh home under /tmp, so neither reads the other's collection. The questions (benchmarks/conversations.py) are
held-out style: long and natural, single-paper, multi-paper and follow-ups; none is a dev-set item.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from benchmarks.conversations import CONVERSATIONS

REPO_ROOT = Path(__file__).resolve().parents[1]

WORKER = r"""
import json, os, sys
from rag.engine import Conversation, Engine
from rag.settings import Settings
settings = Settings.from_env(dict(os.environ))
try:
    engine = Engine.from_settings(settings)
except AttributeError:
    engine = Engine(settings)
from rag.settings import BUNDLED_CORPUS
if hasattr(engine, "ingest"):  # older checkouts
    engine.ingest([BUNDLED_CORPUS])
else:
    from ingest.pipeline import ingest_into
    ingest_into(engine, [BUNDLED_CORPUS])
engine.ask("What is ECON?")  # start the server, warm the cache
print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    turns = json.loads(line)
    conversation = Conversation()
    out = []
    for question in turns:
        answer = engine.ask(question, conversation)
        t = answer.timings_ms
        out.append({"first_token": t.get("first_token", t["total"]), "total": t["total"], "refused": answer.refused,
                    "backend": answer.backend, "cited": len(answer.citations)})
    print(json.dumps(out), flush=True)
engine.close()
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def start(checkout: Path, model: str, home: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(checkout),
        "PAPERCHAT_HOME": str(home),
        "PAPERCHAT_BACKEND": "local",
        "PAPERCHAT_LOCAL_MODEL": model,
        "PAPERCHAT_LLM_TIMEOUT": "300",
    }
    process = subprocess.Popen(
        [sys.executable, "-c", WORKER], cwd=checkout, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    ready = process.stdout.readline()
    if not ready.strip():
        raise SystemExit(f"the worker for {checkout} did not start (see its stderr above)")
    return process


def ask(process: subprocess.Popen[str], turns: list[str]) -> list[dict[str, Any]]:
    assert process.stdin is not None and process.stdout is not None
    process.stdin.write(json.dumps(turns) + "\n")
    process.stdin.flush()
    return list(json.loads(process.stdout.readline()))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", type=Path, required=True, help="the other checkout (e.g. a git worktree)")
    parser.add_argument("--model", default="1.5b")
    parser.add_argument("--n", type=int, default=len(CONVERSATIONS), help="conversations to ask (each may be 1–2 turns)")
    args = parser.parse_args()
    conversations = CONVERSATIONS[: args.n]
    names = {"before": args.before.resolve(), "after": REPO_ROOT}
    results: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory(prefix="latency-ab-") as tmp:
        workers = {name: start(path, args.model, Path(tmp) / name) for name, path in names.items()}
        loads = [os.getloadavg()[0]]
        try:
            for i, turns in enumerate(conversations):
                order = list(names) if i % 2 == 0 else list(reversed(names))
                for name in order:
                    results[name].extend(ask(workers[name], turns))
                loads.append(os.getloadavg()[0])
        finally:
            for process in workers.values():
                if process.stdin is not None:
                    process.stdin.close()
                process.wait(timeout=120)
    turns_n = len(results["after"])
    print(f"{turns_n} answers per checkout ({len(conversations)} conversations); model {args.model}; "
          f"load average {min(loads):.2f}–{max(loads):.2f}")
    print(f"{'checkout':<8}{'TTFT p50':>10}{'TTFT p90':>10}{'total p50':>11}{'total p90':>11}{'refused':>9}{'fallback':>10}")
    medians = {}
    for name, rows in results.items():
        first = [r["first_token"] / 1000 for r in rows]
        total = [r["total"] / 1000 for r in rows]
        medians[name] = (statistics.median(first), statistics.median(total))
        refused = sum(bool(r["refused"]) for r in rows)
        fallback = sum(r["backend"] != "local" for r in rows)
        print(f"{name:<8}{medians[name][0]:>9.2f}s{percentile(first, 0.9):>9.2f}s"
              f"{medians[name][1]:>10.2f}s{percentile(total, 0.9):>10.2f}s{refused:>9}{fallback:>10}")
    print(f"after/before: TTFT p50 ×{medians['after'][0] / medians['before'][0]:.2f}, "
          f"total p50 ×{medians['after'][1] / medians['before'][1]:.2f}")


if __name__ == "__main__":
    main()
