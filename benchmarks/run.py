"""`make bench`: ingest, re-ingest, retrieval and answer latency, cold start and quality, ours vs the plain baseline.

Usage:
    python -m benchmarks.run [--sizes 79,2000] [--quick] [--parts ours,baseline] [--fake-embed-above 5000]
    python -m benchmarks.run --merge results/bench-A.json results/bench-B.json   (one table from several runs)

For each size a collection of that many papers is generated (the 79 real ones
plus synthetic distractors, benchmarks/scale_corpus.py) and ingested from
scratch in a fresh process, by paperchat and by the plain LlamaIndex pipeline
(benchmarks/baseline.py). Sizes above --fake-embed-above store pseudo-random
vectors instead of MiniLM's (benchmarks/phases.py), so the store, the indexes
and query latency are measured for real while the embedding time is projected
from the chunks/s measured with the real model. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.scale_corpus import RESULTS_DIR, generate
from rag.settings import BUNDLED_DEV_SET

REPO_ROOT = Path(__file__).resolve().parents[1]
GOLD = BUNDLED_DEV_SET
HOMES_DIR = RESULTS_DIR / "homes"
# Warm-up queries: not in the dev set, so the measured queries' caches start cold.
WARMUP = ("virtual try-on with diffusion models", "3D human body reconstruction from one image", "bias in face recognition")
CHILD_TIMEOUT_S = 3600.0
Row = dict[str, Any]


# --- helpers ---------------------------------------------------------------------------


def percentiles(values: Sequence[float]) -> dict[str, float]:
    """p50/p95/mean in ms; p95 by linear interpolation (50 samples: between the 47th and 48th)."""
    if not values:
        return {"p50": float("nan"), "p95": float("nan"), "mean": float("nan"), "n": 0}
    ordered = sorted(values)

    def at(q: float) -> float:
        pos = q * (len(ordered) - 1)
        low = int(pos)
        high = min(low + 1, len(ordered) - 1)
        return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)

    return {"p50": at(0.5), "p95": at(0.95), "mean": statistics.fmean(ordered), "n": len(ordered)}


def child(phase: str, home: Path, source: Path, fake_embed: bool, timeout: float) -> Row:
    """Run one phase of benchmarks/phases.py in a fresh interpreter; its JSON plus the wall time."""
    command = [sys.executable, "-m", "benchmarks.phases", phase, "--home", str(home), "--source", str(source)]
    if fake_embed:
        command.append("--fake-embed")
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO_ROOT, capture_output=True, text=True, timeout=timeout)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"phase {phase} failed (exit {done.returncode}):\n{tail}")
    result: Row = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_seconds"] = wall  # interpreter start, imports and model load included
    return result


def paperchat_command() -> list[str]:
    script = Path(sys.executable).with_name("paperchat")
    return [str(script)] if script.exists() else [sys.executable, "-m", "rag"]


def cold_start(home: Path, question: str, repeats: int) -> Row:
    """Wall time of `paperchat ask --backend extractive --json` in a new process, as a user types it."""
    from benchmarks.phases import settings_for

    env = {
        **os.environ,
        "PAPERCHAT_HOME": str(home),
        "PAPERCHAT_MODELS_DIR": str(settings_for(home).models_dir),
    }
    env.pop("OPENAI_API_KEY", None)
    walls = []
    for _ in range(repeats):
        started = time.perf_counter()
        done = subprocess.run(
            [*paperchat_command(), "ask", question, "--backend", "extractive", "--json"],
            cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=600,
        )
        walls.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise RuntimeError(f"paperchat ask failed: {done.stderr.strip()[-500:]}")
    answer = json.loads(done.stdout)
    return {
        "seconds_median": statistics.median(walls),
        "seconds_all": walls,
        "in_process_total_ms": answer["timings_ms"]["total"],
    }


def queries(rows: Sequence[Row], limit: int) -> list[str]:
    """Every turn of the dev set as a standalone query (50 with the shipped set)."""
    return [turn for row in rows for turn in row["turns"]][:limit]


def timed(function: Callable[[str], object], items: Sequence[str]) -> list[float]:
    samples = []
    for item in items:
        started = time.perf_counter()
        function(item)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


# --- phases in this process ----------------------------------------------------------------


def measure_ours(home: Path, measured: Sequence[str], rows: Sequence[Row] | None) -> Row:
    from benchmarks.phases import settings_for
    from rag.engine import Engine

    engine = Engine.from_settings(settings_for(home))
    for query in WARMUP:
        engine.ask(query, backend="extractive")
    engine.retriever.forget()
    retrieve = timed(engine.retriever.retrieve, measured)
    # A fresh cache again: the answer phase pays for sentence embeddings as a new question would.
    engine.retriever.forget()
    stages: dict[str, list[float]] = {"retrieve": [], "generate": []}

    def ask(question: str) -> None:
        answer = engine.ask(question, backend="extractive")
        for stage, samples in stages.items():
            samples.append(answer.timings_ms.get(stage, float("nan")))

    answer_ms = timed(ask, measured)
    result: Row = {
        "retrieve_ms": percentiles(retrieve),
        "answer_ms": percentiles(answer_ms),
        "answer_stage_ms": {stage: percentiles(samples) for stage, samples in stages.items()},
        "local_llm_ttft_ms": None,  # hook: measured by the local-LLM script, not here
    }
    if rows is not None:
        result["quality"] = ours_quality(engine, rows)
    return result


def ours_quality(engine: Any, rows: Sequence[Row]) -> dict[str, Row]:
    from benchmarks.baseline import normalize_title as _norm
    from rag.evaluation import run_eval, summarize

    results = run_eval(engine, rows, backend="extractive")
    table: dict[str, Row] = {kind: dict(values) for kind, values in summarize(results).items()}
    precision: dict[str, list[float]] = {}
    gold_by_id = {row.get("id", ""): {_norm(t) for t in row.get("gold_titles", [])} for row in rows}
    for result in results:
        gold = gold_by_id.get(result.id) or set()
        if not gold:
            continue
        top5 = [_norm(r["title"]) for r in result.answer.get("retrieved", [])[:5]]
        share = len(gold & set(top5)) / len(top5) if top5 else 0.0
        precision.setdefault(result.type, []).append(share)
        precision.setdefault("all answerable", []).append(share)
    for kind, shares in precision.items():
        table[kind]["top5_precision"] = statistics.fmean(shares)
    return table


def measure_baseline(home: Path, measured: Sequence[str], rows: Sequence[Row] | None) -> Row:
    from benchmarks.baseline import Baseline, score_baseline
    from benchmarks.phases import settings_for
    from rag.embeddings import Embedder

    baseline = Baseline(home / "baseline", Embedder(settings_for(home).models_dir))
    for query in WARMUP:
        baseline.retrieve(query)
    result: Row = {"retrieve_ms": percentiles(timed(baseline.retrieve, measured))}
    if rows is not None:
        result["quality_top5"] = score_baseline(baseline, rows, top_k=5)
        result["quality_top10"] = score_baseline(baseline, rows, top_k=10)
    return result


def dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20 if path.exists() else 0.0


PARTS = ("ingest", "query", "baseline-ingest", "baseline-query")
ALIASES = {"ours": ("ingest", "query"), "baseline": ("baseline-ingest", "baseline-query"), "all": PARTS}


def parse_parts(text: str) -> set[str]:
    parts: set[str] = set()
    for name in (p.strip() for p in text.split(",") if p.strip()):
        if name in ALIASES:
            parts.update(ALIASES[name])
        elif name in PARTS:
            parts.add(name)
        else:
            raise ValueError(f"unknown part {name!r}: use {', '.join([*ALIASES, *PARTS])}")
    return parts


def bench_size(size: int, args: argparse.Namespace, rows: Sequence[Row], log: Callable[[str], None]) -> Row:
    """The parts asked for at one size; query parts reuse the home an earlier ingest part left."""
    fake = size > args.fake_embed_above
    source = generate(size, args.seed)
    home = HOMES_DIR / f"n{size}-seed{args.seed}{'-fake' if fake else ''}"
    parts = args.parts
    if "ingest" in parts and home.exists():
        shutil.rmtree(home)  # a cold ingest starts from nothing
    measured = queries(rows, args.queries)
    quality_rows = None if fake else rows
    result: Row = {
        "size": size,
        "embeddings": "fake" if fake else "minilm",
        "env": list(args.env),
        "source": str(source),
        "home": str(home),
    }
    if "ingest" in parts:
        log(f"[{size}] ours: cold ingest")
        result["ingest"] = {**child("ingest", home, source, fake, args.timeout), "load_avg": os.getloadavg()}
        log(f"[{size}] ours: warm re-ingest")
        result["reingest"] = child("ingest", home, source, fake, args.timeout)
        result["store_mb"] = dir_mb(home / "chroma")
        result["keyword_index_mb"] = dir_mb(home / "index")
    if "query" in parts:
        if not (home / "chroma").exists():
            raise RuntimeError(f"no collection at {home}: run the ingest part for size {size} first")
        log(f"[{size}] ours: retrieval and answer latency, quality")
        result["ours"] = {**measure_ours(home, measured, quality_rows), "load_avg": os.getloadavg()}
        log(f"[{size}] ours: cold start of paperchat ask")
        result["cold_start"] = cold_start(home, measured[0], args.cold_repeats)
    if "baseline-ingest" in parts:
        log(f"[{size}] baseline: build")
        result["baseline_ingest"] = {
            **child("baseline-build", home, source, fake, args.timeout),
            "load_avg": os.getloadavg(),
        }
        result["baseline_store_mb"] = dir_mb(home / "baseline")
    if "baseline-query" in parts:
        if not (home / "baseline").exists():
            raise RuntimeError(f"no baseline index at {home}: run the baseline-ingest part for size {size} first")
        log(f"[{size}] baseline: retrieval latency, quality")
        result["baseline"] = {**measure_baseline(home, measured, quality_rows), "load_avg": os.getloadavg()}
    if args.clean_homes:
        shutil.rmtree(home, ignore_errors=True)
    return result


# --- report -----------------------------------------------------------------------------------


def embed_rate(results: Sequence[Row], key: str) -> float | None:
    """Chunks per second of the real model, from the largest real-embedding size measured."""
    real = [r for r in results if r.get("embeddings") == "minilm" and r.get(key, {}).get("embed_seconds")]
    if not real:
        return None
    best = max(real, key=lambda r: r["size"])
    phase = best[key]
    chunks = phase.get("chunks_embedded", phase.get("nodes", 0))
    return float(chunks / phase["embed_seconds"]) if phase["embed_seconds"] else None


def add_projections(results: list[Row]) -> None:
    """For fake-embedding sizes: measured time minus fake embedding plus chunks / real chunks/s."""
    for key, count in (("ingest", "chunks_embedded"), ("baseline_ingest", "nodes")):
        rate = embed_rate(results, key)
        for result in results:
            phase = result.get(key)
            if result.get("embeddings") != "fake" or not phase or not rate:
                continue
            phase["projected_seconds"] = phase["seconds"] - phase.get("embed_seconds", 0.0) + phase[count] / rate
            phase["projected_from_chunks_per_s"] = rate


def _get(row: Row, *path: str) -> Any:
    value: Any = row
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def _cell(value: Any, fmt: str = "{:.1f}", width: int = 9) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return f"{'-':>{width}}"
    return f"{fmt.format(value):>{width}}"


def _ratio(a: Any, b: Any) -> float | None:
    return a / b if isinstance(a, int | float) and isinstance(b, int | float) and b else None


def format_report(results: Sequence[Row]) -> str:
    lines = ["paperchat (ours)"]
    header = (
        f"{'papers':>7} {'emb':>6}{'ingest s':>9}{'(proj)':>8}{'paper/s':>9}{'chunk/s':>9}{'RSS MB':>8}"
        f"{'re-ing s':>9}{'ret p50':>9}{'ret p95':>9}{'ans p50':>9}{'ans p95':>9}{'cold s':>8}{'TTFT':>6}"
    )
    lines += [header, "-" * len(header)]
    for r in results:
        ingest = r.get("ingest") or {}
        seconds = ingest.get("seconds")
        lines.append(
            f"{r['size']:>7} {r['embeddings']:>6}"
            + _cell(seconds)
            + _cell(ingest.get("projected_seconds"), "{:.0f}", 8)
            + _cell(_ratio(ingest.get("added"), seconds))
            + _cell(_ratio(ingest.get("chunks_embedded"), seconds))
            + _cell(ingest.get("peak_rss_mb"), "{:.0f}", 8)
            + _cell(_get(r, "reingest", "seconds"), "{:.2f}")
            + _cell(_get(r, "ours", "retrieve_ms", "p50"))
            + _cell(_get(r, "ours", "retrieve_ms", "p95"))
            + _cell(_get(r, "ours", "answer_ms", "p50"))
            + _cell(_get(r, "ours", "answer_ms", "p95"))
            + _cell(_get(r, "cold_start", "seconds_median"), "{:.1f}", 8)
            + _cell(_get(r, "ours", "local_llm_ttft_ms"), "{:.0f}", 6)
        )
    lines += ["", "baseline (plain LlamaIndex VectorStoreIndex + Chroma, top-k 5) and ratios ours/baseline"]
    header = (
        f"{'papers':>7} {'emb':>6}{'ingest s':>9}{'(proj)':>8}{'RSS MB':>8}{'ret p50':>9}{'ret p95':>9}"
        f"{'ingest×':>9}{'RSS×':>7}{'p50×':>7}{'p95×':>7}"
    )
    lines += [header, "-" * len(header)]
    for r in results:
        base = r.get("baseline_ingest") or {}
        ours_seconds = _get(r, "ingest", "projected_seconds") or _get(r, "ingest", "seconds")
        base_seconds = base.get("projected_seconds") or base.get("seconds")
        lines.append(
            f"{r['size']:>7} {r['embeddings']:>6}"
            + _cell(base.get("seconds"))
            + _cell(base.get("projected_seconds"), "{:.0f}", 8)
            + _cell(base.get("peak_rss_mb"), "{:.0f}", 8)
            + _cell(_get(r, "baseline", "retrieve_ms", "p50"))
            + _cell(_get(r, "baseline", "retrieve_ms", "p95"))
            + _cell(_ratio(ours_seconds, base_seconds), "{:.2f}")
            + _cell(_ratio(_get(r, "ingest", "peak_rss_mb"), base.get("peak_rss_mb")), "{:.2f}", 7)
            + _cell(_ratio(_get(r, "ours", "retrieve_ms", "p50"), _get(r, "baseline", "retrieve_ms", "p50")), "{:.1f}", 7)
            + _cell(_ratio(_get(r, "ours", "retrieve_ms", "p95"), _get(r, "baseline", "retrieve_ms", "p95")), "{:.1f}", 7)
        )
    quality = [r for r in results if _get(r, "ours", "quality") or _get(r, "baseline", "quality_top5")]
    if quality:
        lines += ["", "quality on the dev set (answerable questions; recall = recall@5, @10 for multi; P@5 = gold share of the top 5)"]
        header = f"{'papers':>7}  {'system':<24}{'recall':>8}{'MRR':>8}{'cite P':>8}{'P@5':>8}{'multi R':>9}{'follow R':>9}"
        lines += [header, "-" * len(header)]
        for r in quality:
            systems = (
                ("ours (extractive)", _get(r, "ours", "quality")),
                ("baseline top-k 5", _get(r, "baseline", "quality_top5")),
                ("baseline top-k 10", _get(r, "baseline", "quality_top10")),
            )
            for name, table in systems:
                if not table:
                    continue
                overall = table.get("all answerable", {})
                lines.append(
                    f"{r['size']:>7}  {name:<24}"
                    + _cell(overall.get("recall"), "{:.3f}", 8)
                    + _cell(overall.get("mrr"), "{:.3f}", 8)
                    + _cell(overall.get("cite_p"), "{:.3f}", 8)
                    + _cell(overall.get("top5_precision"), "{:.3f}", 8)
                    + _cell(_get(table, "multi", "recall"), "{:.3f}", 9)
                    + _cell(_get(table, "followup", "recall"), "{:.3f}", 9)
                )
    envs = sorted({" ".join(r.get("env") or []) for r in results} - {""})
    if envs:
        lines += ["", f"environment set for the run: {'; '.join(envs)}"]
    lines += [
        "",
        "ingest s: cold ingest in a fresh process (parse, chunk, embed, store, keyword index); (proj): with MiniLM, "
        "projected for fake-embedding sizes; re-ing s: unchanged corpus again; ret/ans: ms per question after "
        "warm-up; cold s: `paperchat ask --backend extractive` wall time; TTFT: local LLM, measured elsewhere.",
    ]
    return "\n".join(lines)


# --- main ------------------------------------------------------------------------------------


def merge(paths: Sequence[Path]) -> list[Row]:
    """Results by size; a later file's phases fill in or replace an earlier file's."""
    by_size: dict[tuple[int, str], Row] = {}
    for path in paths:
        document = json.loads(path.read_text())
        for result in document["results"]:
            result.setdefault("env", document.get("args", {}).get("env", []))
            key = (result["size"], result["embeddings"])
            row = by_size.setdefault(key, {})
            if row and row.get("env") != result["env"]:
                raise ValueError(f"{path}: size {key[0]} was run with env {result['env']}, another file with {row['env']}")
            row.update(result)
    rows = sorted(by_size.values(), key=lambda r: r["size"])
    add_projections(rows)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="79,2000", help="comma-separated collection sizes (default: 79,2000)")
    parser.add_argument("--quick", action="store_true", help="79 papers only, 20 queries, one cold start")
    parser.add_argument(
        "--parts", default="all",
        help="comma-separated: ours (= ingest,query), baseline (= baseline-ingest,baseline-query), all",
    )
    parser.add_argument("--fake-embed-above", type=int, default=5000, help="sizes above this store fake vectors")
    parser.add_argument("--queries", type=int, default=50, help="latency queries (dev-set turns)")
    parser.add_argument("--cold-repeats", type=int, default=3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=CHILD_TIMEOUT_S, help="seconds per ingest process")
    parser.add_argument("--clean-homes", action="store_true", help="delete benchmarks/results/homes/<size> afterwards")
    parser.add_argument(
        "--env", action="append", default=[], metavar="KEY=VALUE",
        help="set for this run and its child processes (e.g. OMP_WAIT_POLICY=PASSIVE to test a fix)",
    )
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--merge", nargs="+", type=Path, help="print one table from earlier bench-*.json files")
    args = parser.parse_args(argv)

    if args.merge:
        missing = [str(p) for p in args.merge if not p.is_file()]
        if missing:
            parser.error(f"no such file: {missing[0]}")
        try:
            merged = merge(args.merge)
        except ValueError as error:
            parser.error(str(error))
        print(format_report(merged))
        return 0
    if args.quick:
        args = replace_args(args, sizes="79", queries=20, cold_repeats=1)
    try:
        args.parts = parse_parts(args.parts)
    except ValueError as error:
        parser.error(str(error))
    for assignment in args.env:
        key, sep, value = assignment.partition("=")
        if not sep:
            parser.error(f"--env {assignment!r}: use KEY=VALUE")
        os.environ[key] = value  # before torch is imported here, and inherited by every child
    sizes = [int(s) for s in str(args.sizes).split(",") if s.strip()]

    from rag.evaluation import load_gold

    rows = load_gold(args.gold)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = RESULTS_DIR / f"bench-{stamp}.json"
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    results: list[Row] = []
    started = time.perf_counter()

    def log(message: str) -> None:
        print(f"{time.perf_counter() - started:7.1f}s  {message}", file=sys.stderr, flush=True)

    for size in sizes:
        results.append(bench_size(size, args, rows, log))
        add_projections(results)
        document = {"created": stamp, "machine": machine(), "args": {**vars(args), "parts": sorted(args.parts)}}
        out.write_text(json.dumps({**document, "results": results}, indent=2, default=str))
    print(format_report(results))
    print(f"\nwritten: {out}")
    return 0


def replace_args(args: argparse.Namespace, **changes: Any) -> argparse.Namespace:
    return argparse.Namespace(**{**vars(args), **changes})


def machine() -> Row:
    import platform

    import psutil

    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "load_avg": os.getloadavg(),
        "python": platform.python_version(),
    }


if __name__ == "__main__":
    sys.exit(main())

