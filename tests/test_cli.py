"""The CLI contract of DESIGN.md, through real subprocesses on a temp home."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import cli_env

PAPERCHAT = [sys.executable, "-m", "rag"]


def run(home: Path, *args: str, stdin: str | None = None, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*PAPERCHAT, *args], input=stdin, capture_output=True, text=True, env=cli_env(home), timeout=timeout
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("cli-home")
    result = run(home, "ingest")
    assert result.returncode == 0, result.stderr
    assert "added 79, updated 0, unchanged 0, rejected 0" in result.stdout
    return home


def check_answer_contract(answer: dict) -> None:
    assert set(answer) >= {"question", "answer", "refused", "backend", "citations", "retrieved", "timings_ms"}
    assert isinstance(answer["answer"], str) and isinstance(answer["refused"], bool)
    for citation in answer["citations"]:
        assert set(citation) >= {"n", "paper_id", "title", "url", "evidence"}
        assert isinstance(citation["n"], int) and citation["url"] is None or isinstance(citation["url"], str)
    for paper in answer["retrieved"]:
        assert set(paper) >= {"paper_id", "title", "score"} and isinstance(paper["score"], float)
    assert len({p["paper_id"] for p in answer["retrieved"]}) == len(answer["retrieved"])
    assert set(answer["timings_ms"]) >= {"retrieve", "generate", "total"}
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer["answer"])}
    assert markers <= {c["n"] for c in answer["citations"]}


def test_help_is_instant_and_lists_commands() -> None:
    result = subprocess.run([*PAPERCHAT, "--help"], capture_output=True, text=True, timeout=30)
    assert result.returncode == 0
    for command in ("ingest", "ask", "batch", "serve", "eval"):
        assert command in result.stdout


def test_reingest_is_unchanged(home: Path) -> None:
    result = run(home, "ingest", "--json")
    assert result.returncode == 0
    report = json.loads(result.stdout)
    assert (report["added"], report["unchanged"], report["chunks_embedded"]) == (0, 79, 0)


def test_ask_json_contract(home: Path) -> None:
    result = run(home, "ask", "How does ECON differ from ICON?", "--json", "--backend", "extractive")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    check_answer_contract(answer)
    assert not answer["refused"] and answer["backend"] == "extractive"
    assert {c["title"].split(":")[0] for c in answer["citations"]} == {"ECON", "ICON"}


def test_ask_readable_has_numbered_references(home: Path) -> None:
    result = run(home, "ask", "Which model is conditioned only on an ArcFace identity embedding?", "--backend", "extractive")
    assert result.returncode == 0
    assert "References:" in result.stdout and "[1] Arc2Face" in result.stdout


def test_unanswerable_is_refused(home: Path) -> None:
    result = run(home, "ask", "What FID does PhotoVerse report?", "--json", "--backend", "extractive")
    answer = json.loads(result.stdout)
    assert answer["refused"] and answer["citations"] == []


def test_batch_answers_conversations_turn_by_turn(home: Path, tmp_path: Path) -> None:
    lines = [
        {"id": "c1", "turns": ["Which paper reconstructs multiple people from a single in-the-wild video?",
                               "How does it get reliable masks when people interact closely?"]},
        {"id": "c2", "turns": ["What is ECON?"]},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(x) + "\n" for x in lines) + "not json\n")
    out = tmp_path / "out.jsonl"
    result = run(home, "batch", "--in", str(source), "--out", str(out), "--backend", "extractive")
    assert result.returncode == 1  # the bad line is reported, the good ones answered
    assert "line 3: invalid JSON" in result.stderr
    records = [json.loads(x) for x in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["c1", "c2", None]
    first, second = records[0]["turns"]
    for answer in (first, second):
        check_answer_contract(answer)
    assert first["citations"][0]["title"].startswith("MultiPly")
    assert second["citations"][0]["title"].startswith("MultiPly")
    assert records[2]["error"].startswith("invalid JSON")


def test_batch_reads_stdin_and_writes_stdout(home: Path) -> None:
    result = run(home, "batch", "--backend", "extractive", stdin=json.dumps({"id": 7, "turns": ["What is BEDLAM?"]}) + "\n")
    assert result.returncode == 0
    record = json.loads(result.stdout)
    assert record["id"] == 7 and record["turns"][0]["citations"][0]["title"].startswith("BEDLAM")


def test_eval_runs_the_bundled_dev_set_by_default(home: Path) -> None:
    result = run(home, "eval", "--backend", "extractive")
    assert result.returncode == 0, result.stderr
    assert "questions: 45" in result.stdout and "dev_qa.jsonl" in result.stdout
    for column in ("recall", "mrr", "cite_p", "cite_r", "refused", "unanswerable", "multi"):
        assert column in result.stdout


def test_eval_verify_scores_the_labelled_sentences_with_the_rules(home: Path, tmp_path: Path) -> None:
    """`eval --verify` on a slice of eval/verify_set.jsonl: the rules alone (the extractive backend has no judge)."""
    rows = [json.loads(line) for line in (Path(__file__).parents[1] / "eval" / "verify_set.jsonl").open()]
    picked = [r for r in rows if r["kind"] in ("name_swap", "wrong_number")][:6] + [r for r in rows if r["kind"] == "paraphrase"][:4]
    sample = tmp_path / "verify.jsonl"
    sample.write_text("".join(json.dumps(r) + "\n" for r in picked))
    results = tmp_path / "results.jsonl"
    result = run(home, "eval", "--verify", str(sample), "--backend", "extractive", "--results", str(results))
    assert result.returncode == 0, result.stderr
    assert "verifier on 10 labelled sentences" in result.stdout and "(model judge: none)" in result.stdout
    by_id = {r["id"]: r for r in map(json.loads, results.read_text().splitlines())}
    assert set(by_id) == {r["id"] for r in picked}
    assert all(by_id[r["id"]]["state"] in ("removed", "moved") for r in picked if r["label"] == "unsupported")
    assert all(by_id[r["id"]]["state"] != "removed" for r in picked if r["label"] == "supported")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("ask", "   "), "empty question"),
        (("ask", "x" * 5000), "limit is 4000"),
        (("ingest", "/nonexistent/file.jsonl"), "no such file"),
        (("ingest", "notes.xyz"), "unknown format"),
        (("eval", "/nonexistent/gold.jsonl"), "not found"),
        (("models", "fetch", "7b"), "unknown model"),
    ],
)
def test_errors_are_one_line_with_exit_2(home: Path, args: tuple[str, ...], message: str) -> None:
    if args[:2] == ("ingest", "notes.xyz"):
        path = home / "notes.xyz"
        path.write_text("hello")
        args = ("ingest", str(path))
    result = run(home, *args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("paperchat: error:") and message in lines[0]


def test_ask_on_an_empty_home_says_to_ingest(tmp_path: Path) -> None:
    result = run(tmp_path, "ask", "anything?")
    assert result.returncode == 2 and "run `paperchat ingest` first" in result.stderr


def test_missing_embedding_model_names_the_fetch_command(tmp_path: Path) -> None:
    env = cli_env(tmp_path, PAPERCHAT_MODELS_DIR=str(tmp_path / "no-models"))
    result = subprocess.run([*PAPERCHAT, "ingest"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2 and "make models" in result.stderr and "paperchat models fetch embed" in result.stderr


# --- exit statuses scripts can rely on (0 all, 1 some rejected, 2 nothing usable or failed) --------------

ABSTRACT = (
    "We study how to make a test paper for the command line. It has several sentences that describe a method. "
    "The method is evaluated on a dataset of examples. Results are good."
)


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_ingest_exits_1_when_some_records_are_rejected_and_2_when_all_are(tmp_path: Path) -> None:
    partial = write_jsonl(tmp_path / "partial.jsonl", [{"title": "A Paper About Tests", "abstract": ABSTRACT}, {"title": "No abstract"}])
    result = run(tmp_path / "home", "ingest", str(partial))
    assert result.returncode == 1, result.stderr
    assert "added 1, updated 0, unchanged 0, rejected 1" in result.stdout and "partial.jsonl:2" in result.stdout
    assert result.stderr == ""

    rejected = write_jsonl(tmp_path / "rejected.jsonl", [{"title": "Only a title"}, {"abstract": ABSTRACT}])
    result = run(tmp_path / "home", "ingest", str(rejected), "--json")
    assert result.returncode == 2
    report = json.loads(result.stdout)
    assert (report["added"], len(report["rejected"])) == (0, 2)
    assert result.stderr.strip().splitlines() == [
        "paperchat: error: nothing stored: every record was rejected (reasons above); fix them and ingest again"
    ]
    status = run(tmp_path / "home", "status", "--json")
    assert status.returncode == 0 and json.loads(status.stdout)["papers"] == 1  # what was stored stays

    again = run(tmp_path / "home", "ingest", str(partial), "--json")
    assert again.returncode == 1 and json.loads(again.stdout)["unchanged"] == 1


def test_batch_exits_2_when_no_line_is_usable(home: Path) -> None:
    result = run(home, "batch", "--backend", "extractive", stdin="not json\n{\"id\": 1}\n")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1] == "paperchat: error: no conversation answered: every line was rejected (reasons above)"
    assert [json.loads(line)["line"] for line in result.stdout.splitlines()] == [1, 2]
    empty = run(home, "batch", "--backend", "extractive", stdin="")
    assert empty.returncode == 2 and "no conversations in the input" in empty.stderr


def test_models_check_exits_2_when_no_model_is_present(tmp_path: Path) -> None:
    env = cli_env(tmp_path, PAPERCHAT_MODELS_DIR=str(tmp_path / "no-models"))
    result = subprocess.run([*PAPERCHAT, "models", "check"], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 2 and result.stdout.count("not found") == 3
    assert result.stderr.strip().splitlines() == [
        "paperchat: error: no model is present; run `make models` (or `paperchat models fetch embed 1.5b`)"
    ]


def test_help_documents_the_exit_statuses() -> None:
    for args in ((), ("ingest",), ("batch",)):
        result = subprocess.run([*PAPERCHAT, *args, "--help"], capture_output=True, text=True, timeout=30)
        assert result.returncode == 0
        assert "exit status:" in result.stdout and "\n  1    some records" in result.stdout


def test_subcommands_dispatch_through_set_defaults_and_share_their_flags() -> None:
    from rag.settings import BACKENDS as SETTINGS_BACKENDS
    from ui import cli

    assert cli.BACKENDS == SETTINGS_BACKENDS
    parser = cli.build_parser()
    handlers = {
        ("ingest",): cli._ingest, ("ask", "q"): cli._ask, ("batch",): cli._batch, ("serve",): cli._serve,
        ("eval",): cli._eval, ("chat",): cli._chat, ("status",): cli._status,
        ("models", "fetch"): cli._models_fetch, ("models", "check"): cli._models_check,
    }
    for args, handler in handlers.items():
        assert parser.parse_args(list(args)).func is handler
    for command in (("ask", "q"), ("batch",), ("serve",), ("eval",), ("chat",)):
        assert parser.parse_args([*command, "--backend", "extractive"]).backend == "extractive"
    for command in (("ingest",), ("ask", "q"), ("eval",), ("status",)):
        assert parser.parse_args([*command, "--json"]).json is True
    with pytest.raises(SystemExit) as raised:
        parser.parse_args(["ask", "q", "--backend", "gpt"])
    assert raised.value.code == 2
