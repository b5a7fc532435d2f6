"""The BEIR harness (benchmarks/beir.py): its metrics on hand-worked cases, and a real SciFact slice end to end."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path

import pytest

from benchmarks import beir
from tests.conftest import REPO_ROOT

SCIFACT = REPO_ROOT.parent / "shared" / "eval" / "scifact"
SLICE_DOCS = 120


def test_metrics_match_hand_computed_values() -> None:
    qrels = {
        "graded": {"a": 1, "b": 2, "z": 0},  # z is judged not relevant
        "first": {"c": 1},
        "deep": {"d": 1},  # found at rank 11: counts for recall@100 only
        "missed": {"e": 1},  # the system returned nothing
    }
    run = {
        "graded": ["x", "b", "z", "a"],
        "first": ["c", "x"],
        "deep": [f"n{i}" for i in range(10)] + ["d"],
        "missed": [],
    }
    per_query = beir.evaluate_per_query(qrels, run)
    # nDCG@10 with linear gains and a log2(rank + 1) discount, as trec_eval (and so BEIR) computes it.
    dcg = 2 / math.log2(3) + 1 / math.log2(5)
    ideal = 2 / math.log2(2) + 1 / math.log2(3)
    assert per_query["graded"]["ndcg@10"] == pytest.approx(dcg / ideal, abs=1e-4)
    assert per_query["graded"]["mrr@10"] == pytest.approx(0.5)
    assert per_query["graded"]["recall@10"] == 1.0
    assert per_query["first"] == {"ndcg@10": 1.0, "recall@10": 1.0, "recall@100": 1.0, "mrr@10": 1.0}
    assert per_query["deep"] == {"ndcg@10": 0.0, "recall@10": 0.0, "recall@100": 1.0, "mrr@10": 0.0}
    assert per_query["missed"] == dict.fromkeys(beir.METRICS, 0.0)  # trec_eval alone would drop it
    means = beir.evaluate(qrels, run)
    assert means["recall@100"] == pytest.approx(3 / 4)
    assert means["mrr@10"] == pytest.approx((0.5 + 1.0) / 4)


def test_qrels_read_with_and_without_header(tmp_path: Path) -> None:
    with_header = tmp_path / "a.tsv"
    with_header.write_text("query-id\tcorpus-id\tscore\n1\t10\t1\n1\t11\t2\n2\t12\t1\n")
    bare = tmp_path / "b.tsv"
    bare.write_text("1\t10\t1\n1\t11\t2\n2\t12\t1\n")
    assert beir.read_qrels(with_header) == beir.read_qrels(bare) == {"1": {"10": 1, "11": 2}, "2": {"12": 1}}


def _write_slice(folder: Path) -> tuple[int, int]:
    """The first train queries (by id) with every document they cite, filled with other documents to SLICE_DOCS."""
    qrels = beir.read_qrels(SCIFACT / "qrels" / "train.tsv")
    corpus = [json.loads(line) for line in (SCIFACT / "corpus.jsonl").read_text(encoding="utf-8").splitlines() if line]
    kept_docs: set[str] = set()
    kept_queries: list[str] = []
    for qid in sorted(qrels, key=int):
        wanted = set(qrels[qid])
        if len(kept_docs | wanted) > SLICE_DOCS // 2:
            break
        kept_docs |= wanted
        kept_queries.append(qid)
    docs = [d for d in corpus if d["_id"] in kept_docs]
    docs += [d for d in corpus if d["_id"] not in kept_docs][: SLICE_DOCS - len(docs)]
    (folder / "qrels").mkdir(parents=True)
    (folder / "corpus.jsonl").write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    queries = [json.loads(line) for line in (SCIFACT / "queries_train.jsonl").read_text(encoding="utf-8").splitlines() if line]
    (folder / "queries_train.jsonl").write_text(
        "".join(json.dumps(q) + "\n" for q in queries if q["_id"] in kept_queries), encoding="utf-8"
    )
    (folder / "qrels" / "train.tsv").write_text(
        "query-id\tcorpus-id\tscore\n" + "".join(f"{q}\t{d}\t{s}\n" for q in kept_queries for d, s in qrels[q].items())
    )
    return len(docs), len(kept_queries)


@pytest.mark.skipif(not (SCIFACT / "corpus.jsonl").is_file(), reason="../shared/eval/scifact is not beside the checkout")
def test_scifact_slice_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "scifact-slice"
    n_docs, n_queries = _write_slice(folder)
    assert n_docs == SLICE_DOCS and n_queries >= 30
    out = tmp_path / "result.json"
    argv = [str(folder), "--cache", str(tmp_path / "cache"), "--only", "paperchat,bm25", "--json", str(out)]
    assert beir.main(argv) == 0
    first = json.loads(out.read_text())
    assert first["info"]["ingest"]["added"] == n_docs
    printed = capsys.readouterr().out
    assert "paperchat (hybrid)" in printed and "0.679" in printed  # the table and the published anchors

    ours = first["metrics"]["paperchat (hybrid)"]
    bm25 = first["metrics"]["BM25 (bm25s, Anserini-like)"]
    # 120 documents, the relevant ones among them: both systems find most; neither is perfect by construction.
    assert 0.6 < ours["ndcg@10"] <= 1.0 and ours["recall@100"] == 1.0
    assert 0.5 < bm25["ndcg@10"] <= 1.0
    assert ours["recall@10"] >= ours["ndcg@10"] - 0.2

    # The order is what is scored: the same papers shuffled (seeded) score far lower.
    data = beir.load(folder)
    engine, info = beir.paperchat_engine(data, tmp_path / "cache" / beir.corpus_key(data.papers) / "home")
    assert info["added"] == 0 and info["unchanged"] == n_docs  # the cached home is reused, nothing re-embedded
    run = beir.paperchat_run(engine, data.queries)
    assert beir.evaluate(data.qrels, run)["ndcg@10"] == pytest.approx(ours["ndcg@10"])
    shuffled = {qid: random.Random(qid).sample(ranked, len(ranked)) for qid, ranked in run.items()}
    assert beir.evaluate(data.qrels, shuffled)["ndcg@10"] < ours["ndcg@10"] - 0.4
    ids = list(run)

    # The ranking scored is the one an answer starts from: its top 10 is `retrieve`'s, in order.
    query = data.queries[ids[0]]
    assert [p.paper.paper_id for p in engine.retriever.ranking(query, 10)] == [
        p.paper.paper_id for p in engine.retriever.retrieve(query).papers
    ]
    assert len(engine.retriever.ranking(query, 100)) == 100
