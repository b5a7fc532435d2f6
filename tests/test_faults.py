"""Faults injected for real, and nothing lost (issue #6).

A `paperchat ingest` SIGKILLed halfway, ingests racing on one home, a write that
hits a full disk (RLIMIT_FSIZE: the OS refuses the write), a `chroma run` server
stopped and restarted under a running app, an LLM endpoint that stalls. Each must
end in a clear one-line error or a fallback that says so, and the stored
collection must come out consistent: the papers a clean ingest stores, each
with its chunks once, a keyword index that agrees with the store.

The killed-LLM-server fallback, a malformed endpoint reply and an unreachable
endpoint are in test_llm_answers.py; a collection built by another embedder in
test_ingest.py. Every test here records what it injected in `ledger`, which the
module writes to tests/artifacts/faults.json (faults injected / survived / papers
lost) for the table in docs/reliability.md.
"""

from __future__ import annotations

import fcntl
import http.server
import json
import os
import pty
import re
import resource
import select
import shutil
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from benchmarks.scale_corpus import generate
from ingest.chunker import chunk_paper
from ingest.parsers import parse_source
from ingest.pipeline import BATCH_PAPERS, ingest_into
from rag.answer import Answer
from rag.engine import Engine
from rag.keyword import KeywordIndex
from rag.llm_server import free_port, wait_until_serving
from rag.settings import BUNDLED_CORPUS
from rag.store import StoreError

from .conftest import REPO_ROOT, cli_env, make_settings
from .conftest_ui import SERVER_START_TIMEOUT_S, paperchat_command, ui_env
from .test_chroma_server import start_chroma

PAPERS = BATCH_PAPERS + 32  # two ingest batches: an ingest can be killed between them
QUESTION = "How does ECON differ from ICON?"  # answered by two of the real papers at the head of the file
CLI_TIMEOUT_S = 600


# --- the tally -------------------------------------------------------------------------------


@dataclass
class FaultLedger:
    """Faults injected, survived, and papers lost, per kind of fault; written out when the module ends."""

    rows: dict[str, dict[str, int]] = field(default_factory=dict)

    def _row(self, fault: str) -> dict[str, int]:
        return self.rows.setdefault(fault, {"injected": 0, "survived": 0, "papers_lost": 0})

    def injected(self, fault: str) -> None:
        self._row(fault)["injected"] += 1

    def lost(self, fault: str, papers: int) -> None:
        self._row(fault)["papers_lost"] += papers

    def survived(self, fault: str) -> None:
        self._row(fault)["survived"] += 1

    def totals(self) -> dict[str, int]:
        return {key: sum(row[key] for row in self.rows.values()) for key in ("injected", "survived", "papers_lost")}


@pytest.fixture(scope="module")
def ledger() -> Iterator[FaultLedger]:
    ledger = FaultLedger()
    yield ledger
    out = REPO_ROOT / "tests" / "artifacts" / "faults.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"faults": ledger.rows, "total": ledger.totals()}, indent=2) + "\n")


# --- helpers -----------------------------------------------------------------------------------


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    def report(self) -> dict[str, object]:
        return dict(json.loads(self.stdout.strip().splitlines()[-1]))


def run_cli(home: Path, *args: str, **env: str) -> Run:
    done = subprocess.run(
        paperchat_command(*args),
        env=cli_env(home, PAPERCHAT_BACKEND="extractive", **env),
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT_S,
        check=False,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def assert_one_line_error(run: Run, *words: str) -> str:
    """Exit 2, one line `paperchat: error: ...` on stderr, no traceback; the line names each of `words`."""
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 2, (run.returncode, run.stderr[-3000:])
    assert len(lines) == 1 and lines[0].startswith("paperchat: error: "), run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    for word in words:
        assert word in lines[0].lower(), (word, lines[0])
    return lines[0]


def engine_for(home: Path, **env: str) -> Engine:
    return Engine.from_settings(make_settings(home, PAPERCHAT_BACKEND="extractive", **env))


@dataclass(frozen=True)
class Snapshot:
    """What a collection holds, read straight from Chroma."""

    papers: dict[str, str]  # paper_id -> content_hash
    chunks: dict[str, tuple[str, int]]  # chunk_id -> (paper_id, index)
    vectors: dict[str, np.ndarray]  # chunk_id -> its stored embedding

    def keeps(self, other: Snapshot) -> bool:
        """Every paper and chunk of `other` is here, unchanged (vectors up to float noise: batch padding differs)."""
        return all(self.papers.get(pid) == content for pid, content in other.papers.items()) and all(
            self.chunks.get(cid) == slot and float(np.dot(self.vectors[cid], other.vectors[cid])) > 0.999
            for cid, slot in other.chunks.items()
        )


def snapshot(engine: Engine) -> Snapshot:
    papers = engine.store.papers.get(include=["metadatas"])
    chunks = engine.store.chunks.get(include=["metadatas", "embeddings"])
    return Snapshot(
        papers={pid: str(meta["content_hash"]) for pid, meta in zip(papers["ids"], papers["metadatas"], strict=True)},
        chunks={
            cid: (str(meta["paper_id"]), int(meta["index"]))
            for cid, meta in zip(chunks["ids"], chunks["metadatas"], strict=True)
        },
        vectors={cid: np.asarray(vector) for cid, vector in zip(chunks["ids"], chunks["embeddings"], strict=True)},
    )


def check_consistent(engine: Engine) -> Snapshot:
    """Every chunk slot once, every paper with its chunks, and a saved keyword index of exactly the stored papers."""
    state = snapshot(engine)
    assert len(set(state.chunks.values())) == len(state.chunks), "duplicate chunks"
    assert {paper_id for paper_id, _ in state.chunks.values()} == set(state.papers), "papers and chunks disagree"
    saved = KeywordIndex.load(engine.index_dir)
    assert saved is not None, "no saved keyword index"
    assert saved.generation == engine.store.generation()
    assert sorted(saved.paper_ids) == sorted(state.papers)
    return state


def check_answer(engine: Engine, question: str = QUESTION) -> Answer:
    """Answered (extractive: deterministic) with citations that name stored papers and quote their abstracts."""
    answer = engine.ask(question, backend="extractive")
    assert not answer.refused and answer.citations
    assert {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)} == {c.n for c in answer.citations}
    for citation in answer.citations:
        paper = engine.paper(citation.paper_id)
        assert paper is not None and citation.title == paper.title
        assert citation.evidence and citation.evidence in paper.abstract
    return answer


def write_jsonl(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(record) + "\n" for record in records))
    return path


# --- the shared collection: a clean ingest won by one of two racing processes -------------------


@pytest.fixture(scope="module")
def big_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 79 real papers, then synthetic ones recombined from their sentences."""
    return generate(PAPERS, seed=6, folder=tmp_path_factory.mktemp("fault-corpus"))


@dataclass
class Race:
    home: Path
    runs: list[Run]


@pytest.fixture(scope="module")
def race(big_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Race:
    """Two `paperchat ingest` processes started together on one new home, each ingesting the same papers."""
    home = tmp_path_factory.mktemp("race-home")
    return Race(home, ingest_at_once(home, big_source, 2))


def ingest_at_once(home: Path, source: Path, processes: int) -> list[Run]:
    """`processes` real `paperchat ingest` runs of `source`, started together on `home`; each one's outcome."""
    env = cli_env(home, PAPERCHAT_BACKEND="extractive")
    procs = [
        subprocess.Popen(
            paperchat_command("ingest", "--json", str(source)),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    outputs = [proc.communicate(timeout=CLI_TIMEOUT_S) for proc in procs]
    return [Run(proc.returncode, out, err) for proc, (out, err) in zip(procs, outputs, strict=True)]


@pytest.fixture(scope="module")
def reference(race: Race) -> Engine:
    """The race's home, opened after both processes ended: the clean result every faulted ingest must reach."""
    winners = [run for run in race.runs if run.returncode == 0]
    assert winners, [run.stderr for run in race.runs]
    return engine_for(race.home)


# --- 1. two ingests at once -------------------------------------------------------------------


@pytest.mark.timeout(900)
def test_two_ingests_at_once_one_runs_the_other_refuses(
    race: Race, reference: Engine, big_source: Path, ledger: FaultLedger
) -> None:
    fault = "two ingests at once"
    ledger.injected(fault)
    ok = [run for run in race.runs if run.returncode == 0]
    refused = [run for run in race.runs if run.returncode != 0]
    assert len(ok) == 1 and len(refused) == 1, [(run.returncode, run.stderr[-500:]) for run in race.runs]
    assert ok[0].report()["added"] == PAPERS
    assert_one_line_error(refused[0], "another ingest is running", "wait for it to finish")

    papers = parse_source(big_source).papers
    state = check_consistent(reference)
    ledger.lost(fault, len({p.paper_id for p in papers} - set(state.papers)))
    assert state.papers == {p.paper_id: p.content_hash for p in papers}
    count_tokens = reference.embedder.count_tokens
    assert len(state.chunks) == sum(len(chunk_paper(p, count_tokens)) for p in papers)
    check_answer(reference)
    ledger.survived(fault)


@pytest.mark.timeout(600)
def test_ingests_racing_on_a_new_home_never_crash(tmp_path: Path, ledger: FaultLedger) -> None:
    """Three processes opening one brand-new store at once (Chroma creates its tables on first open)."""
    fault = "ingests racing on a new home"
    real = parse_source(BUNDLED_CORPUS).papers[:3]
    source = write_jsonl(tmp_path / "three.jsonl", [{"title": p.title, "abstract": p.abstract} for p in real])
    for round_number in range(2):
        ledger.injected(fault)
        home = tmp_path / f"home-{round_number}"
        runs = ingest_at_once(home, source, 3)
        assert any(run.returncode == 0 for run in runs), [run.stderr[-800:] for run in runs]
        for run in runs:
            if run.returncode != 0:  # refused, never crashed
                assert_one_line_error(run, "another ingest is running")
        state = check_consistent(engine_for(home))
        ledger.lost(fault, len({p.paper_id for p in real} - set(state.papers)))
        assert sorted(state.papers) == sorted(p.paper_id for p in real)
        ledger.survived(fault)


# --- 2. SIGKILL halfway -----------------------------------------------------------------------


def wait_for_partial_progress(master: int, proc: subprocess.Popen[bytes], timeout: float) -> tuple[int, int]:
    """Read the ingest's progress bar (it draws one on a terminal) until some but not all papers are written."""
    shown = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the ingest ended (exit {proc.returncode}) before it was killed:\n{shown[-2000:]}")
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            continue
        try:
            shown += os.read(master, 65536).decode("utf-8", errors="replace")
        except OSError:
            continue
        for done, total in re.findall(r"(\d+)/(\d+) \[", shown):
            if 0 < int(done) < int(total):
                return int(done), int(total)
    raise AssertionError(f"no partial progress within {timeout:.0f} s:\n{shown[-2000:]}")


@pytest.mark.timeout(900)
def test_sigkilled_ingest_reruns_to_the_clean_result(
    big_source: Path, reference: Engine, tmp_path: Path, ledger: FaultLedger
) -> None:
    fault = "ingest SIGKILLed halfway"
    home = tmp_path / "killed"
    # The home already holds a collection with a saved keyword index: the killed ingest adds to it.
    head = tmp_path / "head.jsonl"
    head.write_text("".join(big_source.read_text().splitlines(keepends=True)[:3]))
    assert run_cli(home, "ingest", str(head)).returncode == 0

    master, terminal = pty.openpty()  # a terminal on stderr makes the ingest draw its progress bar
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # 0 columns: an empty bar
    proc = subprocess.Popen(
        paperchat_command("ingest", str(big_source)),
        env=cli_env(home, PAPERCHAT_BACKEND="extractive"),
        stdout=subprocess.DEVNULL,
        stderr=terminal,
    )
    os.close(terminal)
    try:
        done, total = wait_for_partial_progress(master, proc, timeout=600)
        os.kill(proc.pid, signal.SIGKILL)
        ledger.injected(fault)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)
    assert proc.returncode == -signal.SIGKILL
    assert (home / "index" / "papers" / "ingest.lock").exists()  # left behind by the killed process

    # Between the kill and the rerun, a reader (the app, `paperchat ask`) sees the papers written so far, and a
    # keyword index of exactly those. Read from a copy, so this process never opens the store the rerun writes.
    between_home = tmp_path / "between"
    shutil.copytree(home, between_home)
    between = engine_for(between_home)
    written = set(snapshot(between).papers)
    assert 3 < len(written) < PAPERS, (done, total, len(written))
    assert sorted(between.retriever.keyword_index().paper_ids) == sorted(written)
    check_answer(between)

    rerun = run_cli(home, "ingest", "--json", str(big_source))  # the stale lock file does not block it
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    report = rerun.report()
    assert (report["unchanged"], report["added"], report["updated"]) == (len(written), PAPERS - len(written), 0)

    after = engine_for(home)
    state = check_consistent(after)
    expected = snapshot(reference)
    ledger.lost(fault, len(set(expected.papers) - set(state.papers)))
    assert state.papers == expected.papers
    assert state.chunks == expected.chunks  # the same chunks as a clean ingest: none twice, none missing
    assert state.keeps(expected)  # ... with the same vectors
    saved, clean = KeywordIndex.load(after.index_dir), KeywordIndex.load(reference.index_dir)
    assert saved is not None and clean is not None and saved.vocabulary.keys() == clean.vocabulary.keys()
    answer = check_answer(after)
    assert [c.paper_id for c in answer.citations] == [c.paper_id for c in check_answer(reference).citations]
    ledger.survived(fault)


# --- 3. disk full on write --------------------------------------------------------------------


def file_size_limit(limit: int) -> Callable[[], None]:
    """For `preexec_fn`: writes past `limit` bytes fail with EFBIG (SIGXFSZ ignored, so the write returns an error)."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


@pytest.mark.timeout(900)
def test_disk_full_write_is_a_clear_error_and_keeps_the_collection(
    race: Race, reference: Engine, tmp_path: Path, ledger: FaultLedger
) -> None:
    fault = "disk full during ingest"
    home = tmp_path / "full"
    shutil.copytree(race.home, home)
    before = snapshot(reference)
    # 40 new papers (new titles over real abstracts): far more than the free pages inside the store's files.
    probe = write_jsonl(
        tmp_path / "probe.jsonl",
        [{"title": f"Disk probe {n}: {p.title}", "abstract": p.abstract} for n, p in enumerate(parse_source(BUNDLED_CORPUS).papers[:40])],
    )
    # No file may grow past the largest one in the store: the first write that needs room fails, as on a full disk.
    limit = max(path.stat().st_size for path in (home / "chroma").rglob("*") if path.is_file())
    ledger.injected(fault)
    done = subprocess.run(
        paperchat_command("ingest", str(probe)),
        env=cli_env(home, PAPERCHAT_BACKEND="extractive"),
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT_S,
        check=False,
        preexec_fn=file_size_limit(limit),
    )
    line = assert_one_line_error(Run(done.returncode, done.stdout, done.stderr), "free some space")
    assert "disk is full" in line or "no space" in line

    engine = engine_for(home)
    state = snapshot(engine)
    ledger.lost(fault, len(set(before.papers) - set(state.papers)))
    assert state.papers == before.papers  # the old papers, unchanged, and none of the new ones
    assert state.keeps(before)
    # A write cut short may leave chunks of a new paper without its record: never shown, redone by the rerun.
    assert not {state.chunks[cid][0] for cid in set(state.chunks) - set(before.chunks)} & set(before.papers)
    assert sorted(engine.retriever.keyword_index().paper_ids) == sorted(state.papers)
    answer = check_answer(engine)
    assert [c.paper_id for c in answer.citations] == [c.paper_id for c in check_answer(reference).citations]

    # Space freed: the same ingest goes through and the collection stays consistent.
    report = ingest_into(engine, [probe])
    assert (report.added, report.unchanged) == (40, 0)
    assert len(check_consistent(engine).papers) == len(before.papers) + 40
    ledger.survived(fault)


def real_papers_as_jsonl(path: Path, start: int, stop: int) -> Path:
    papers = parse_source(BUNDLED_CORPUS).papers[start:stop]
    return write_jsonl(path, [{"title": p.title, "abstract": p.abstract} for p in papers])


@pytest.mark.chroma_server
@pytest.mark.timeout(600)
def test_disk_full_writing_the_local_index_is_a_clear_error(tmp_path: Path, ledger: FaultLedger) -> None:
    """Server mode: the vectors go to the `chroma run` server, so the only file the ingest writes itself is
    the keyword index under PAPERCHAT_HOME. It cannot grow past 1 KB: the write fails, the papers do not."""
    fault = "disk full writing the keyword index"
    data, port = tmp_path / "chroma-data", free_port()
    chroma_env = {"CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(port)}
    home = tmp_path / "home"
    first, second = real_papers_as_jsonl(tmp_path / "a.jsonl", 0, 3), real_papers_as_jsonl(tmp_path / "b.jsonl", 3, 6)
    chroma = start_chroma(data, port)
    try:
        engine = engine_for(home, **chroma_env)
        ingest_into(engine, [first])
        before = snapshot(engine)
        ledger.injected(fault)
        done = subprocess.run(
            paperchat_command("ingest", str(second)),
            env=cli_env(home, PAPERCHAT_BACKEND="extractive", **chroma_env),
            capture_output=True,
            text=True,
            timeout=CLI_TIMEOUT_S,
            check=False,
            preexec_fn=file_size_limit(1024),
        )
        line = assert_one_line_error(Run(done.returncode, done.stdout, done.stderr), "free some space")
        assert str(home / "index") in line

        # The store took the papers; a reader never uses the index the failed write left behind.
        state = snapshot(engine)
        ledger.lost(fault, len(set(before.papers) - set(state.papers)))
        assert set(before.papers) < set(state.papers) and len(state.papers) == 6
        assert sorted(engine.retriever.keyword_index().paper_ids) == sorted(state.papers)
        assert check_answer(engine, "What is VividPose?").citations[0].title.startswith("VividPose")
        # With room again, the rerun has nothing to embed and leaves a saved index that matches the store.
        rerun = run_cli(home, "ingest", "--json", str(second), **chroma_env)
        assert rerun.returncode == 0, rerun.stderr[-3000:]
        assert rerun.report()["unchanged"] == 3
        assert check_consistent(engine).papers == state.papers
        ledger.survived(fault)
    finally:
        chroma.terminate()
        chroma.wait(timeout=30)


# --- 4. Chroma server stopped and restarted mid-session ---------------------------------------


@pytest.mark.chroma_server
@pytest.mark.timeout(900)
def test_chroma_server_restart_mid_session(tmp_path: Path, ledger: FaultLedger) -> None:
    """One engine in this process and one `paperchat serve` keep running while the Chroma server stops and
    comes back on the same port and path: errors meanwhile are one line, then both answer again unrecreated."""
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    fault = "Chroma server stopped and restarted"
    data, port = tmp_path / "chroma-data", free_port()
    chroma_env = {"CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(port)}
    question = "What does ZebraNet do?"
    source = write_jsonl(
        tmp_path / "zebra.jsonl",
        [
            {
                "title": "ZebraNet: Striped Avatars",
                "abstract": "We present ZebraNet, a method that paints zebra stripes onto 3D human avatars from a "
                "single photo. It is evaluated on a new dataset of striped clothing.",
            }
        ],
    )
    chroma = start_chroma(data, port)
    app: subprocess.Popen[bytes] | None = None
    try:
        engine = engine_for(tmp_path / "home", **chroma_env)
        ingest_into(engine, [source])
        assert check_answer(engine, question).citations[0].title == "ZebraNet: Striped Avatars"

        app_home = tmp_path / "app-home"
        app_port = free_port()
        log = tmp_path / "serve.log"
        with log.open("wb") as sink:
            app = subprocess.Popen(
                paperchat_command("serve", "--port", str(app_port), "--backend", "extractive"),
                env={**ui_env(app_home), **chroma_env},
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        url = f"http://127.0.0.1:{app_port}/"
        wait_until_serving(url, app, SERVER_START_TIMEOUT_S, log)
        client = Client(url, verbose=False)
        assert client.predict(question, "extractive", api_name="/ask")["citations"]

        chroma.terminate()
        chroma.wait(timeout=30)
        ledger.injected(fault)
        with pytest.raises(StoreError, match="chroma run") as stopped:
            engine.ask(question)
        assert "\n" not in str(stopped.value)
        with pytest.raises(AppError, match="chroma run") as in_ui:
            client.predict(question, "extractive", api_name="/ask")
        assert "\n" not in str(in_ui.value).strip() and "Traceback" not in str(in_ui.value)
        assert_one_line_error(run_cli(tmp_path / "cli-home", "ask", question, **chroma_env), "chroma run")

        chroma = start_chroma(data, port)  # same port, same data
        again = check_answer(engine, question)  # the same engine object, not recreated
        ledger.lost(fault, 1 - engine.paper_count())
        assert again.citations[0].title == "ZebraNet: Striped Avatars"
        assert client.predict(question, "extractive", api_name="/ask")["citations"][0]["title"] == again.citations[0].title
        assert app.poll() is None  # the app was never restarted
        ledger.survived(fault)
    finally:
        if app is not None:
            app.terminate()
            try:
                app.wait(timeout=30)
            except subprocess.TimeoutExpired:
                app.kill()
                app.wait()
        chroma.terminate()
        chroma.wait(timeout=30)


# --- 5. a slow LLM endpoint -------------------------------------------------------------------

LLM_TIMEOUT_S = 3


class _StallingHandler(http.server.BaseHTTPRequestHandler):
    """An OpenAI-compatible endpoint that accepts the request and then stalls in the way `server.mode` says."""

    server: _StallingServer

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        release = self.server.release
        if self.server.mode == "no reply":  # connection accepted, request read, not a byte back
            release.wait(300)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        chunk = {"id": "x", "object": "chat.completion.chunk", "created": 0, "model": "m",
                 "choices": [{"index": 0, "delta": {"content": "ZebraNet "}, "finish_reason": None}]}
        line = f"data: {json.dumps(chunk)}\n\n".encode()
        self.wfile.write(line)
        self.wfile.flush()
        if self.server.mode == "stalls mid-answer":  # one token, then silence
            release.wait(300)
            return
        while not release.wait(LLM_TIMEOUT_S * 0.6):  # "drips": a token just often enough to beat the read timeout
            try:
                self.wfile.write(line)
                self.wfile.flush()
            except OSError:
                return

    def log_message(self, *args: object) -> None:
        pass


class _StallingServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, mode: str) -> None:
        super().__init__(("127.0.0.1", 0), _StallingHandler)
        self.mode = mode
        self.release = threading.Event()


@pytest.mark.timeout(300)
@pytest.mark.parametrize(
    ("mode", "notice"),
    [
        ("no reply", f"did not answer within {LLM_TIMEOUT_S} s"),
        ("stalls mid-answer", f"went silent mid-answer for {LLM_TIMEOUT_S} s"),
        ("drips forever", f"took longer than {2 * LLM_TIMEOUT_S} s"),  # the total deadline
    ],
)
def test_slow_llm_endpoint_falls_back_within_the_timeout(
    mode: str, notice: str, race: Race, reference: Engine, ledger: FaultLedger
) -> None:
    fault = "LLM endpoint stalls"
    server = _StallingServer(mode)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        engine = Engine.from_settings(
            make_settings(
                race.home,
                OPENAI_API_KEY="sk-test",
                OPENAI_BASE_URL=f"http://127.0.0.1:{server.server_address[1]}/v1",
                PAPERCHAT_MODEL="stalling",
                PAPERCHAT_LLM_TIMEOUT=str(LLM_TIMEOUT_S),
            )
        )
        ledger.injected(fault)
        answer = engine.ask(QUESTION)
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
    assert answer.backend == "extractive"
    assert answer.notice and notice in answer.notice and "extractive" in answer.notice
    # The endpoint would stall for 300 s; the answer came within the total deadline (2 x timeout) plus a margin.
    assert answer.timings_ms["generate"] < (2 * LLM_TIMEOUT_S + 30) * 1000, answer.timings_ms
    assert [c.paper_id for c in check_answer(engine).citations] == [c.paper_id for c in check_answer(reference).citations]
    ledger.survived(fault)
