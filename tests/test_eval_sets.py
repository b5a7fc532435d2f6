"""The labelled eval sets under eval/ stay consistent with the corpus and with their builders.

A gold title that is not a corpus title can never be retrieved, and a committed file
that differs from what its builder writes means someone edited the output by hand;
both would silently skew every metric measured on these sets.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
EVAL = REPO_ROOT / "eval"
sys.path.insert(0, str(EVAL))
from corpus_titles import load_papers  # noqa: E402


def _rows(name: str) -> list[dict]:
    return [json.loads(line) for line in (EVAL / name).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize(("command", "outputs"), [
    (["build_qa_sets.py", "--out-dir", "{tmp}"], ["refusal_set.jsonl", "followup_set.jsonl", "premise_set.jsonl", "pick_set.jsonl", "yes_no_set.jsonl", "list_set.jsonl", "compare_set.jsonl", "stranger_set.jsonl", "rank_set.jsonl", "listing_set.jsonl"]),
    (["build_verify_set.py", "--out", "{tmp}/verify_set.jsonl"], ["verify_set.jsonl"]),
])
def test_committed_files_match_their_builder(tmp_path: Path, command: list[str], outputs: list[str]) -> None:
    args = [str(EVAL / command[0])] + [a.format(tmp=tmp_path) for a in command[1:]]
    subprocess.run([sys.executable, *args], check=True, capture_output=True)
    for name in outputs:
        assert (tmp_path / name).read_bytes() == (EVAL / name).read_bytes(), name


def test_every_title_is_a_corpus_title() -> None:
    titles = {t for t, _ in load_papers()}
    assert len(titles) == 79
    for name, field in (("refusal_set.jsonl", "gold_titles"), ("followup_set.jsonl", "gold_titles"), ("pick_set.jsonl", "gold_titles"), ("yes_no_set.jsonl", "gold_titles"), ("list_set.jsonl", "gold_titles"), ("compare_set.jsonl", "gold_titles"), ("verify_set.jsonl", "sources")):
        for row in _rows(name):
            assert set(row[field]) <= titles, row["id"]
    for row in _rows("premise_set.jsonl"):
        assert set(row["gold_titles"]) <= titles and row["about"] in titles, row["id"]


def test_sets_are_large_enough_and_split_in_halves() -> None:
    refusal = _rows("refusal_set.jsonl")
    assert len(refusal) >= 160 and sum(not r["answerable"] for r in refusal) >= 70
    assert all(bool(r["gold_titles"]) == r["answerable"] for r in refusal)
    followup = _rows("followup_set.jsonl")
    assert len(followup) >= 60 and all(2 <= len(r["turns"]) <= 3 for r in followup)
    verify = _rows("verify_set.jsonl")
    labels = Counter(r["label"] for r in verify)
    assert labels["supported"] >= 120 and labels["unsupported"] >= 120
    for rows, group in ((refusal, "kind"), (followup, "label"), (verify, "kind")):
        for value in {r[group] for r in rows}:
            splits = Counter(r["split"] for r in rows if r[group] == value)
            assert abs(splits["tune"] - splits["holdout"]) <= max(2, sum(splits.values()) // 5), (group, value, splits)


def test_issue_11_conversation_is_in_the_followup_set() -> None:
    by_turns = {tuple(r["turns"]): r for r in _rows("followup_set.jsonl")}
    first = "Which papers reconstruct clothed 3D humans from a single image?"
    two = by_turns[(first, "How does ECON differ from ICON?")]
    three = by_turns[(first, "How does ECON differ from ICON?", "Which one needs a body model?")]
    assert two["label"] == "new_topic" and three["label"] == "followup"
    assert {t.split(":")[0] for t in three["gold_titles"]} == {"ECON", "ICON"}
