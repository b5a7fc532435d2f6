"""A BEIR collection (SciFact) through paperchat's own retrieval, next to plain BM25 and plain LlamaIndex.

Usage: python -m benchmarks.beir [DIR] [--split train] [--cache /tmp/paperchat-beir] [--only paperchat,bm25,llamaindex]

DIR holds `corpus.jsonl` (`_id`, `title`, `text`), `queries_<split>.jsonl` (or `queries.jsonl`) and
`qrels/<split>.tsv`. The corpus is read by paperchat's own parser (`ingest.parsers`, the BEIR JSONL dialect)
and ingested with the normal pipeline into a home under the cache folder, once: a re-run finds every paper
unchanged and embeds nothing. Each query then goes through `Retriever.ranking`, the dense + keyword + names
fusion that `Engine.plan` uses, taken at depth 100 instead of the answer's top-k; no answer selection, no
refusal. The two baselines read the same parsed papers: BM25 over title + text (bm25s, English stop words,
Snowball stemming, Anserini's k1 0.9 and b 0.4) and llama-index's `VectorStoreIndex` with the same MiniLM
embedder (`benchmarks.baseline`), each paper's best node standing for the paper.

Metrics are trec_eval's (pytrec_eval, as BEIR computes them): nDCG@10 with graded qrels and a log2 discount,
Recall@10 and @100 (relevant found / relevant judged), and MRR@10 (recip_rank of the run cut to 10). Every
judged query counts; one whose run is empty scores 0 (trec_eval alone would skip it).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.parsers import Rejection
from ingest.pipeline import parse_all
from rag.papers import Paper

DEPTH = 100
METRICS = ("ndcg@10", "recall@10", "recall@100", "mrr@10")
# Published nDCG@10 on SciFact's *test* split (BEIR leaderboard / model cards): context only, not comparable.
ANCHORS = {"BM25 (Anserini, flat)": 0.679, "bge-base-en-v1.5": 0.741, "all-MiniLM-L6-v2": 0.645}
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "scifact"

Run = dict[str, list[str]]  # query id -> paper ids, best first
Qrels = dict[str, dict[str, int]]  # query id -> paper id -> graded relevance


@dataclass
class BeirSet:
    corpus: Path
    papers: list[Paper]
    rejected: list[Rejection]
    queries: dict[str, str]  # only the judged ones
    qrels: Qrels


def load(folder: Path, split: str = "train") -> BeirSet:
    """Parse the corpus with paperchat's parser and read the judged queries of `split`."""
    corpus = folder / "corpus.jsonl"
    queries_file = next((p for p in (folder / f"queries_{split}.jsonl", folder / "queries.jsonl") if p.is_file()), None)
    qrels_file = folder / "qrels" / f"{split}.tsv"
    for path in (corpus, queries_file, qrels_file):
        if path is None or not path.is_file():
            raise SystemExit(f"{path or folder / f'queries_{split}.jsonl'} not found; a BEIR folder holds corpus.jsonl, "
                             f"queries_{split}.jsonl (or queries.jsonl) and qrels/{split}.tsv")
    assert queries_file is not None
    papers, rejected = parse_all([corpus])
    qrels = read_qrels(qrels_file)
    queries = {}
    with queries_file.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                if str(row["_id"]) in qrels:
                    queries[str(row["_id"])] = str(row["text"])
    qrels = {qid: rel for qid, rel in qrels.items() if qid in queries}
    return BeirSet(corpus, papers, rejected, queries, qrels)


def read_qrels(path: Path) -> Qrels:
    """BEIR's qrels TSV (header `query-id corpus-id score`); judgments of 0 are kept (they are not relevant)."""
    qrels: Qrels = {}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        header = next(reader, None)
        if header and header[0].strip().isdigit():  # no header line
            qrels.setdefault(header[0], {})[header[1]] = int(header[2])
        for row in reader:
            if len(row) >= 3:
                qrels.setdefault(row[0], {})[row[1]] = int(row[2])
    return qrels


# --- metrics -----------------------------------------------------------------------------------------------


def evaluate(qrels: Qrels, run: Run) -> dict[str, float]:
    """Mean nDCG@10, Recall@10/100 and MRR@10 over every judged query (trec_eval via pytrec_eval)."""
    per_query = evaluate_per_query(qrels, run)
    return {m: statistics.fmean(q[m] for q in per_query.values()) for m in METRICS} if per_query else {}


def evaluate_per_query(qrels: Qrels, run: Run) -> dict[str, dict[str, float]]:
    import pytrec_eval

    # trec_eval orders a run by score (ties by doc id): give strictly decreasing scores so our order is kept.
    as_scores = {qid: {pid: float(len(ranked) - i) for i, pid in enumerate(dict.fromkeys(ranked))} for qid, ranked in run.items()}
    deep = pytrec_eval.RelevanceEvaluator(qrels, {"ndcg_cut.10", "recall.10,100"}).evaluate(as_scores)
    cut = {qid: dict(list(scores.items())[:10]) for qid, scores in as_scores.items()}
    shallow = pytrec_eval.RelevanceEvaluator(qrels, {"recip_rank"}).evaluate(cut)
    zero = dict.fromkeys(METRICS, 0.0)
    out: dict[str, dict[str, float]] = {}
    for qid, judged in qrels.items():
        if not any(v > 0 for v in judged.values()):
            continue  # nothing relevant: no metric is defined
        if qid not in deep:
            out[qid] = dict(zero)
            continue
        out[qid] = {
            "ndcg@10": deep[qid]["ndcg_cut_10"],
            "recall@10": deep[qid]["recall_10"],
            "recall@100": deep[qid]["recall_100"],
            "mrr@10": shallow.get(qid, {}).get("recip_rank", 0.0),
        }
    return out


# --- the three systems ---------------------------------------------------------------------------------------


def corpus_key(papers: Sequence[Paper]) -> str:
    """Identifies a parsed corpus (ids and texts): a cached index built from another one is rebuilt."""
    digest = hashlib.sha256()
    for paper in papers:
        digest.update(f"{paper.paper_id}\x00{paper.title}\x00{paper.abstract}\x01".encode())
    return digest.hexdigest()[:16]


def paperchat_engine(data: BeirSet, home: Path) -> tuple[Any, dict[str, Any]]:
    """An engine over the corpus ingested into `home` (once; a re-run finds everything unchanged)."""
    from ingest.pipeline import ingest_into
    from rag.engine import Engine
    from rag.settings import Settings

    settings = Settings.from_env({**os.environ, "PAPERCHAT_HOME": str(home)})
    engine = Engine.from_settings(settings)
    load_before = _loadavg()
    report = ingest_into(engine, [data.corpus], progress=False)
    info = {
        "home": str(home),
        "added": report.added,
        "unchanged": report.unchanged,
        "rejected": len(report.rejected),
        "chunks_embedded": report.chunks_embedded,
        "seconds": round(report.seconds, 1),
        "papers_per_s": round(report.added / report.seconds, 2) if report.added and report.seconds else None,
        "loadavg_before": load_before,
        "loadavg_after": _loadavg(),
    }
    return engine, info


def paperchat_run(engine: Any, queries: Mapping[str, str], depth: int = DEPTH) -> Run:
    """Each query through the retriever `Engine.plan` uses (filters read from the query, as plan does)."""
    retriever = engine.retriever
    run: Run = {}
    for qid, text in queries.items():
        filters = retriever.filters_for(text)
        run[qid] = [p.paper.paper_id for p in retriever.ranking(text, depth, filters=filters)]
    return run


def bm25_run(papers: Sequence[Paper], queries: Mapping[str, str], depth: int = DEPTH) -> Run:
    """Plain BM25 over title + text, Anserini-like (lower case, English stop words, Snowball stemmer, k1 0.9, b 0.4)."""
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("english")
    corpus_tokens = bm25s.tokenize([f"{p.title} {p.abstract}" for p in papers], stopwords="en", stemmer=stemmer, show_progress=False)
    retriever = bm25s.BM25(k1=0.9, b=0.4)
    retriever.index(corpus_tokens, show_progress=False)
    ids = list(queries)
    query_tokens = bm25s.tokenize([queries[q] for q in ids], stopwords="en", stemmer=stemmer, show_progress=False)
    k = min(depth, len(papers))
    results, scores = retriever.retrieve(query_tokens, k=k, show_progress=False, n_threads=1)
    return {
        qid: [papers[int(doc)].paper_id for doc, score in zip(results[i], scores[i], strict=True) if score > 0]
        for i, qid in enumerate(ids)
    }


def llamaindex_baseline(papers: Sequence[Paper], folder: Path, embedder: Any) -> tuple[Any, dict[str, Any]]:
    """`benchmarks.baseline.Baseline` built over the corpus once (rebuilt only when the corpus changed)."""
    from benchmarks.baseline import Baseline

    baseline = Baseline(folder, embedder)
    marker = folder / "built.json"
    key = corpus_key(papers)
    if marker.is_file() and json.loads(marker.read_text()).get("corpus") == key:
        return baseline, {"built": "cached"}
    load_before = _loadavg()
    built = baseline.build(papers)
    marker.write_text(json.dumps({"corpus": key, "papers": built.papers, "nodes": built.nodes}))
    return baseline, {"built": round(built.seconds, 1), "nodes": built.nodes, "loadavg_before": load_before, "loadavg_after": _loadavg()}


def llamaindex_run(baseline: Any, queries: Mapping[str, str], depth: int = DEPTH) -> Run:
    """The top nodes' papers, each once, best first: a paper ranks where its best node does."""
    retriever = baseline.index.as_retriever(similarity_top_k=depth * 2)
    run: Run = {}
    for qid, text in queries.items():
        ranked: list[str] = []
        for node in retriever.retrieve(text):
            pid = node.node.ref_doc_id
            if pid and pid not in ranked:
                ranked.append(pid)
        run[qid] = ranked[:depth]
    return run


# --- report --------------------------------------------------------------------------------------------------


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "n/a"


def timed(fn: Callable[[], Run]) -> tuple[Run, float]:
    started = time.perf_counter()
    run = fn()
    return run, time.perf_counter() - started


def format_table(rows: Mapping[str, Mapping[str, float]], timings: Mapping[str, float], n_queries: int) -> str:
    lines = [f"{'system':<28}" + "".join(f"{m:>12}" for m in METRICS) + f"{'ms/query':>10}"]
    for name, metrics in rows.items():
        ms = timings.get(name, 0.0) * 1000 / max(1, n_queries)
        lines.append(f"{name:<28}" + "".join(f"{metrics[m]:>12.3f}" for m in METRICS) + f"{ms:>10.1f}")
    lines.append("published nDCG@10 on the TEST split (context only, not comparable): "
                 + ", ".join(f"{name} {value:.3f}" for name, value in ANCHORS.items()))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.beir", description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR, help="a BEIR folder (default: ../shared/eval/scifact)")
    parser.add_argument("--split", default="train", help="which qrels/queries split (default train; never the held-out test)")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/paperchat-beir"), help="where the ingested home and baseline index live")
    parser.add_argument("--only", default="paperchat,bm25,llamaindex", help="systems to run, comma-separated")
    parser.add_argument("--json", type=Path, help="also write the numbers (and per-query nDCG@10) here")
    args = parser.parse_args(argv)
    systems = [s.strip() for s in args.only.split(",") if s.strip()]

    data = load(args.folder, args.split)
    print(f"{args.folder}: {len(data.papers)} papers ({len(data.rejected)} rejected), {len(data.queries)} judged {args.split} queries")
    cache = args.cache / corpus_key(data.papers)
    rows: dict[str, dict[str, float]] = {}
    timings: dict[str, float] = {}
    info: dict[str, Any] = {"loadavg_start": _loadavg()}
    runs: dict[str, Run] = {}
    engine: Any = None
    if "paperchat" in systems or "llamaindex" in systems:
        engine, info["ingest"] = paperchat_engine(data, cache / "home")
        print(f"paperchat home: {info['ingest']}", flush=True)
        engine.warm()
    if "paperchat" in systems:
        runs["paperchat (hybrid)"], timings["paperchat (hybrid)"] = timed(lambda: paperchat_run(engine, data.queries))
    if "bm25" in systems:
        runs["BM25 (bm25s, Anserini-like)"], timings["BM25 (bm25s, Anserini-like)"] = timed(lambda: bm25_run(data.papers, data.queries))
    if "llamaindex" in systems:
        baseline, info["llamaindex"] = llamaindex_baseline(data.papers, cache / "llamaindex", engine.embedder)
        print(f"llamaindex baseline: {info['llamaindex']}", flush=True)
        runs["LlamaIndex VectorStoreIndex"], timings["LlamaIndex VectorStoreIndex"] = timed(lambda: llamaindex_run(baseline, data.queries))
    for name, run in runs.items():
        rows[name] = evaluate(data.qrels, run)
    info["loadavg_end"] = _loadavg()
    print(format_table(rows, timings, len(data.queries)))
    print(f"load average: start {info['loadavg_start']}, end {info['loadavg_end']}")
    if args.json:
        per_query = {name: {q: m["ndcg@10"] for q, m in evaluate_per_query(data.qrels, run).items()} for name, run in runs.items()}
        args.json.write_text(json.dumps({"metrics": rows, "timings_s": timings, "info": info, "ndcg@10_per_query": per_query}, indent=1))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    sys.exit(main())
