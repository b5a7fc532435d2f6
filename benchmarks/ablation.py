"""Which retrieval signals earn their place? Runs the dev set with each one switched off.

Usage: python -m benchmarks.ablation [GOLD.jsonl]   (needs an ingested collection)
Prints one row per variant: recall (recall@10 for multi), MRR, the extractive refusal rate on
unanswerable questions, and how many of ten questions naming a method get its paper first.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rag.engine import Engine
from rag.evaluation import load_gold, run_eval, summarize
from rag.settings import BUNDLED_DEV_SET, RetrievalSettings, Settings

VARIANTS: dict[str, dict[str, object]] = {
    "hybrid (default)": {},
    "dense weight 0.5": {"w_dense": 0.5},
    "dense weight 2": {"w_dense": 2.0},
    "dense only": {"w_keyword": 0.0, "w_names": 0.0},
    "bm25 only": {"w_dense": 0.0, "w_names": 0.0},
    "no names": {"w_names": 0.0},
    "no carried papers": {"w_carried": 0.0},
    "rrf fusion (k=20)": {"fusion": "rrf"},
    "rrf fusion (k=60)": {"fusion": "rrf", "rrf_k": 60},
}


# Questions that name a method or dataset; the paper introducing it should come first.
NAMED = [
    ("What does FaceChain-FACT change compared to FaceChain?", "FaceChain-FACT"),
    ("Tell me about FaceChain", "FaceChain: A Playground"),
    ("ECON", "ECON:"),
    ("how does ICON use normals?", "ICON:"),
    ("What is the Casual Conversations dataset?", "Towards Measuring Fairness"),
    ("What is WSC-swap?", "Reinforced Disentanglement"),
    ("Which paper introduced DELTA?", "Learning Disentangled Avatars"),
    ("What does MultiPly do?", "MultiPly"),
    ("How does TECA edit avatars?", "Text-Guided Generation"),
    ("What is MADE?", "Masked Attribute"),
]


def main() -> None:
    gold = Path(sys.argv[1]) if len(sys.argv) > 1 else BUNDLED_DEV_SET
    rows = load_gold(gold)
    base = Settings.from_env().with_backend("extractive")
    kinds = ["single", "detail", "multi", "compare", "followup"]
    print(f"{'variant':<20}" + "".join(f"{k[:8]:>9}" for k in kinds) + f"{'MRR':>9}{'refuse':>9}{'names@1':>9}")
    for name, overrides in VARIANTS.items():
        retrieval: RetrievalSettings = base.retrieval.model_copy(update=overrides)
        engine = Engine.from_settings(base.model_copy(update={"retrieval": retrieval}))
        table = summarize(run_eval(engine, rows, backend="extractive"))
        cells = "".join(f"{table[k]['recall']:>9.3f}" for k in kinds)
        mrr = table["all answerable"]["mrr"]
        refuse = table["unanswerable"]["refused"]
        named = sum(engine.retriever.retrieve(q).papers[0].paper.title.startswith(t) for q, t in NAMED)
        print(f"{name:<20}{cells}{mrr:>9.3f}{refuse:>9.2f}{named:>6d}/{len(NAMED)}", flush=True)


if __name__ == "__main__":
    main()
