"""Two llama.cpp processes at once: how much a prompt evaluated beside a generation costs each of them.

Why the claim checks may run while a note is written (benchmarks/README.md "Checks while the note is
written"): generation is bound by memory bandwidth, so it leaves a core for the other server's prompt.
Each configuration runs a generator (G threads, 120 greedy tokens after a cached prompt) and a prompt
evaluator (P threads, three 250-token prompts from the bundled corpus) in two processes that start together;
either may be 0 (alone). Speeds are wall clock over each process's own work.

    python -m benchmarks.llama_concurrent                 # the default local model, the table of the README
    python -m benchmarks.llama_concurrent --model 0.5b --configs 1:0 0:2 1:1
    python -m benchmarks.llama_concurrent --configs 2:0 1:0:1 2:0:2   # two notes written at once
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import time
from pathlib import Path
from typing import Any

from benchmarks.llama_limit import corpus_text, load
from rag.models import MODELS, model_path
from rag.settings import Settings

GEN_TOKENS = 120
PROMPT_TOKENS = 250
PROMPT_ROUNDS = 3
CONFIGS = ("1:0", "2:0", "0:1", "0:2", "2:2", "1:1", "1:2")


def generate(gguf: Path, threads: int, start: Any, out: Any, key: str = "gen_tps") -> None:
    llm = load(gguf, threads)
    prompt = llm.tokenize(corpus_text()[:400].encode())
    llm.eval(prompt)
    start.wait()
    began, produced = time.perf_counter(), 0
    for _ in llm.generate(prompt, temp=0.0, reset=False):
        produced += 1
        if produced >= GEN_TOKENS:
            break
    out[key] = produced / (time.perf_counter() - began)


def evaluate(gguf: Path, threads: int, start: Any, out: Any) -> None:
    llm = load(gguf, threads)
    tokens = llm.tokenize(corpus_text()[:4000].encode())[:PROMPT_TOKENS]
    start.wait()
    began = time.perf_counter()
    for _ in range(PROMPT_ROUNDS):
        llm.reset()
        llm.eval(tokens)
    out["pp_tps"] = PROMPT_ROUNDS * len(tokens) / (time.perf_counter() - began)


def run(gguf: Path, gen_threads: int, pp_threads: int, gen2_threads: int = 0) -> dict[str, float]:
    jobs = [(generate, gen_threads, ()), (evaluate, pp_threads, ()), (generate, gen2_threads, ("gen2_tps",))]
    jobs = [job for job in jobs if job[1]]
    with mp.Manager() as manager:
        out = manager.dict()
        start = manager.Barrier(len(jobs))
        processes = [mp.Process(target=job, args=(gguf, threads, start, out, *extra)) for job, threads, extra in jobs]
        for process in processes:
            process.start()
        for process in processes:
            process.join()
        return dict(out)


def main() -> None:
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=settings.llm.local_model, choices=sorted(MODELS))
    parser.add_argument("--configs", nargs="+", default=list(CONFIGS), metavar="G:P[:G2]",
                        help="generator threads : prompt threads [: a second generator's threads] (0: not run)")  # fmt: skip
    args = parser.parse_args()
    gguf = model_path(MODELS[args.model], settings.models_dir)
    print(f"{args.model}: load average {os.getloadavg()[0]:.2f} at the start")
    print(f"{'generator threads':>18}{'prompt threads':>16}{'gen tok/s':>11}{'prompt tok/s':>14}{'2nd gen tok/s':>15}")
    for config in args.configs:
        gen_threads, pp_threads, gen2_threads = ([int(part) for part in config.split(":")] + [0])[:3]
        result = run(gguf, gen_threads, pp_threads, gen2_threads)
        gen, pp, gen2 = (f"{result[key]:.1f}" if key in result else "-" for key in ("gen_tps", "pp_tps", "gen2_tps"))
        threads = f"{gen_threads}+{gen2_threads}" if gen2_threads else str(gen_threads)
        print(f"{threads:>18}{pp_threads:>16}{gen:>11}{pp:>14}{gen2:>15}", flush=True)
    print(f"load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
