"""The hardware's own limit: llama.cpp's prompt-processing and generation speed for a model on this machine.

The model runs in this process through llama-cpp-python (no server, no HTTP, no chat template), at the thread
count the server uses, on a fixed prompt of about 600 tokens (abstracts of the bundled corpus) and then 100
generated tokens, greedy, EOS ignored. Speeds come from llama.cpp's own counters (`llama_perf_context`), the
median of `--repeats` runs. `latency_breakdown` divides each stage by these speeds ("× the limit").

    python -m benchmarks.llama_limit [--model 1.5b] [--threads 2] [--json] [--lookup 10]

`--lookup N` also measures generation with prompt-lookup (n-gram) speculative decoding
(`LlamaPromptLookupDecoding(num_pred_tokens=N)`) against without, on an answer-like prompt (the answer restates
the passages), and the resident memory it costs: a draft model makes llama-cpp-python keep logits for every
token (`logits_all`).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

import psutil

from rag.models import MODELS, model_path
from rag.settings import BUNDLED_CORPUS, Settings

PROMPT_TOKENS = 600
GEN_TOKENS = 100
N_CTX = 2048


def corpus_text() -> str:
    """The bundled corpus without its 9 lines of page furniture: a fixed, realistic prompt text."""
    return "\n".join(BUNDLED_CORPUS.read_text(encoding="utf-8").splitlines()[9:])


def load(gguf: Path, threads: int, **kwargs: Any) -> Any:
    from llama_cpp import Llama

    return Llama(
        model_path=str(gguf), n_ctx=N_CTX, n_threads=threads, n_threads_batch=threads, verbose=False, **kwargs
    )


def one_run(llm: Any, prompt: list[int], gen_tokens: int) -> tuple[float, float]:
    """(prompt tok/s, generation tok/s) by llama.cpp's counters, from an empty KV cache.

    Multi-token decodes count as prompt, single-token ones as generation; the counters are read once llama.cpp
    has finished decoding (it is asynchronous: read before, the last decode was missing)."""
    import llama_cpp

    llm.reset()
    llm._ctx.kv_cache_clear()
    llama_cpp.llama_perf_context_reset(llm.ctx)
    llm.eval(prompt)
    llama_cpp.llama_synchronize(llm.ctx)  # decoding is asynchronous: the counters move when it is done
    pp = llama_cpp.llama_perf_context(llm.ctx)
    for _ in range(gen_tokens):
        token = llm.sample(temp=0.0)
        llm.eval([token])
    llama_cpp.llama_synchronize(llm.ctx)
    gen = llama_cpp.llama_perf_context(llm.ctx)
    if pp.n_p_eval != len(prompt) or gen.n_eval != gen_tokens:
        raise RuntimeError(f"llama.cpp counted {pp.n_p_eval} prompt / {gen.n_eval} generated tokens")
    return pp.n_p_eval / pp.t_p_eval_ms * 1000, gen.n_eval / gen.t_eval_ms * 1000


def measure_limit(gguf: Path, threads: int, repeats: int = 3) -> dict[str, Any]:
    llm = load(gguf, threads)
    try:
        prompt = llm.tokenize(corpus_text().encode())[:PROMPT_TOKENS]
        one_run(llm, prompt[:32], 4)  # warm-up: page the weights in
        runs = [one_run(llm, prompt, GEN_TOKENS) for _ in range(repeats)]
    finally:
        llm.close()
    return {
        "prompt_tokens": float(len(prompt)),
        "gen_tokens": float(GEN_TOKENS),
        "pp_tps": statistics.median(r[0] for r in runs),
        "gen_tps": statistics.median(r[1] for r in runs),
        "pp_tps_runs": [r[0] for r in runs],
        "gen_tps_runs": [r[1] for r in runs],
    }


def answer_like_messages() -> list[dict[str, str]]:
    """A note's shape: one abstract as the passages, and the instruction to restate what the paper does."""
    abstract = corpus_text().split("\n\n")[1]
    return [
        {"role": "system", "content": "You write short notes on research papers. Use only the passages."},
        {"role": "user", "content": f"Passages: {abstract}\n\nSay in 4 sentences what the paper does and how, "
         "with the key terms of the passages."},
    ]


def timed_generation(llm: Any, messages: list[dict[str, str]], repeats: int) -> tuple[float, int, str]:
    """(median generation tok/s by wall clock, tokens, text); a first call caches the prompt, so the timed
    calls pay (almost) only generation. Wall clock, because speculative decoding verifies drafts in
    multi-token batches that llama.cpp counts as prompt evaluation."""
    llm.create_chat_completion(messages, max_tokens=1, temperature=0.0)
    speeds = []
    text, tokens = "", 0
    for _ in range(repeats):
        started = time.perf_counter()
        out = llm.create_chat_completion(messages, max_tokens=GEN_TOKENS, temperature=0.0)
        elapsed = time.perf_counter() - started
        tokens = int(out["usage"]["completion_tokens"])
        text = str(out["choices"][0]["message"]["content"])
        speeds.append(tokens / elapsed)
    return statistics.median(speeds), tokens, text


def measure_lookup(gguf: Path, threads: int, num_pred_tokens: int, repeats: int = 3) -> dict[str, object]:
    from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

    process = psutil.Process()
    result: dict[str, object] = {"num_pred_tokens": num_pred_tokens}
    for name, kwargs in (
        ("plain", {}),
        ("lookup", {"draft_model": LlamaPromptLookupDecoding(num_pred_tokens=num_pred_tokens)}),
    ):
        before = process.memory_info().rss
        llm = load(gguf, threads, **kwargs)
        try:
            tps, tokens, text = timed_generation(llm, answer_like_messages(), repeats)
            result[name] = {
                "gen_tps": tps,
                "tokens": tokens,
                "rss_added_mb": (process.memory_info().rss - before) / 2**20,
                "text": text,
            }
        finally:
            llm.close()
            del llm
    plain, lookup = result["plain"], result["lookup"]
    assert isinstance(plain, dict) and isinstance(lookup, dict)
    result["speedup"] = lookup["gen_tps"] / plain["gen_tps"]
    result["same_text"] = lookup["text"] == plain["text"]
    return result


def main() -> None:
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=settings.llm.local_model, choices=sorted(MODELS))
    parser.add_argument("--threads", type=int, default=settings.llm.n_threads)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--lookup", type=int, default=0, metavar="N", help="also measure prompt-lookup decoding")
    parser.add_argument("--json", action="store_true", help="print one JSON object (for latency_breakdown)")
    args = parser.parse_args()
    gguf = model_path(MODELS[args.model], settings.models_dir)
    load_start = os.getloadavg()[0]
    result: dict[str, Any] = {"model": args.model, "threads": args.threads, "load_start": load_start}
    result.update(measure_limit(gguf, args.threads, args.repeats))
    if args.lookup:
        result["prompt_lookup"] = measure_lookup(gguf, args.threads, args.lookup, args.repeats)
    result["load_end"] = os.getloadavg()[0]
    if args.json:
        print(json.dumps(result))
        return
    print(f"{args.model}, {args.threads} threads, load average {load_start:.2f} → {result['load_end']:.2f}")
    print(f"prompt processing {result['pp_tps']:.1f} tok/s ({result['prompt_tokens']:.0f} tokens), "
          f"generation {result['gen_tps']:.1f} tok/s ({GEN_TOKENS} tokens), median of {args.repeats}")
    lookup = result.get("prompt_lookup")
    if isinstance(lookup, dict):
        plain, spec = lookup["plain"], lookup["lookup"]
        print(f"prompt lookup (num_pred_tokens={args.lookup}): {spec['gen_tps']:.1f} vs {plain['gen_tps']:.1f} tok/s "
              f"(×{lookup['speedup']:.2f}), same text: {lookup['same_text']}, "
              f"RSS +{spec['rss_added_mb']:.0f} MB vs +{plain['rss_added_mb']:.0f} MB")


if __name__ == "__main__":
    main()
