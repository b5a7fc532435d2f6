"""Nothing outlives its owner (issue 16): real processes, killed with SIGKILL, timed until their servers are gone.

The first tests run the watchdog around a stand-in server (`python -m http.server`), so they take seconds;
the `llm` ones do it for real: a `paperchat ask --backend local` or `paperchat serve` that started the 0.5B
llama.cpp server is killed with `kill -9`, and the server (watchdog and llama.cpp child) must be gone within
GONE_WITHIN_S. Measured kill-to-gone times are printed (run with -s) for docs/reliability.md.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from rag.llm_server import free_port, wait_until_serving
from rag.models import LLM_FAST
from rag.watchdog import STOP_GRACE_S, watchdog_command

from .conftest import cli_env, model_available

# The watchdog polls every 0.2 s and gives the server STOP_GRACE_S to exit on SIGTERM before SIGKILL;
# the rest is slack for a loaded 2-core machine.
GONE_WITHIN_S = 10.0
IDLE_TIMEOUT_S = 45.0  # long enough for `paperchat status` and a second run to start on a loaded machine
PAPERCHAT = [sys.executable, "-m", "rag"]
PAPERS = [
    {
        "title": "ZebraNet: Striped Avatars from a Single Photo",
        "abstract": "We present ZebraNet, a method that paints zebra stripes onto 3D human avatars reconstructed "
        "from a single photo. ZebraNet is evaluated on a new dataset of striped clothing and outperforms "
        "texture baselines.",
    },
    {
        "title": "QuietFace: Silent Talking Heads",
        "abstract": "QuietFace generates talking-head videos without audio by predicting lip motion from text. "
        "It preserves the identity of the speaker across frames.",
    },
]
QUESTION = "What does ZebraNet paint onto avatars?"


def wait_gone(pids: list[int], within_s: float) -> float | None:
    """Seconds until every pid has exited (a zombie counts: it holds no port or memory), or None on timeout."""
    started = time.monotonic()
    while time.monotonic() - started < within_s:
        alive = []
        for pid in pids:
            try:
                if psutil.Process(pid).status() != psutil.STATUS_ZOMBIE:
                    alive.append(pid)
            except psutil.NoSuchProcess:
                pass
        if not alive:
            return time.monotonic() - started
        time.sleep(0.05)
    return None


def tree(pid: int) -> list[int]:
    try:
        return [pid, *(child.pid for child in psutil.Process(pid).children(recursive=True))]
    except psutil.NoSuchProcess:
        return []


def measured(label: str, seconds: float | None) -> float:
    assert seconds is not None, f"{label}: still running after {GONE_WITHIN_S} s"
    print(f"\n[lifetimes] {label}: {seconds:.2f} s until gone (loadavg {os.getloadavg()[0]:.2f})")
    return seconds


# --- the mechanism, around a stand-in server -------------------------------------------------------------

STAND_IN = [sys.executable, "-m", "http.server", "--bind", "127.0.0.1"]

OWNER = textwrap.dedent(
    """
    import subprocess, sys, threading, time
    from rag.watchdog import watchdog_command
    port, idle, from_thread = sys.argv[1], float(sys.argv[2]), sys.argv[3] == "thread"
    def start():
        proc = subprocess.Popen(watchdog_command({stand_in} + [port], idle), start_new_session=True)
        print(proc.pid, flush=True)
    if from_thread:  # like the UI: started from a worker thread that then exits
        worker = threading.Thread(target=start)
        worker.start()
        worker.join()
    else:
        start()
    time.sleep(600)
    """
).format(stand_in=STAND_IN)


@pytest.fixture
def owner() -> Iterator[list[subprocess.Popen[str]]]:
    started: list[subprocess.Popen[str]] = []
    yield started
    for proc in started:
        for pid in tree(proc.pid)[::-1]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        proc.wait(timeout=10)


def start_owner(owners: list[subprocess.Popen[str]], idle: float = 0.0, from_thread: bool = False) -> tuple[int, int]:
    """An owner process running a stand-in server under the watchdog; (watchdog pid, port) once it listens."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-c", OWNER, str(port), str(idle), "thread" if from_thread else "main"],
        stdout=subprocess.PIPE,
        text=True,
    )
    owners.append(proc)
    assert proc.stdout is not None
    watchdog = int(proc.stdout.readline())
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return watchdog, port
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the stand-in server did not start")


def test_kill_9_of_the_owner_stops_the_server(owner: list[subprocess.Popen[str]]) -> None:
    watchdog, _ = start_owner(owner)
    pids = tree(watchdog)
    assert len(pids) == 2, "the watchdog and its server"
    os.kill(owner[0].pid, signal.SIGKILL)
    measured("stand-in server, owner killed", wait_gone(pids, GONE_WITHIN_S))


def test_kill_9_of_the_watchdog_takes_the_server_along(owner: list[subprocess.Popen[str]]) -> None:
    watchdog, _ = start_owner(owner)
    pids = tree(watchdog)
    os.kill(watchdog, signal.SIGKILL)
    measured("stand-in server, watchdog killed", wait_gone(pids, GONE_WITHIN_S))
    assert owner[0].poll() is None, "the owner is untouched"


def test_a_server_started_from_a_worker_thread_lives_as_long_as_the_owner(owner: list[subprocess.Popen[str]]) -> None:
    """The UI starts the server from a worker thread the pool retires; only the owner's death may stop it."""
    watchdog, port = start_owner(owner, from_thread=True)
    time.sleep(1.5)  # the starting thread has exited
    assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).status_code == 200
    pids = tree(watchdog)
    os.kill(owner[0].pid, signal.SIGKILL)
    measured("stand-in server started from a thread, owner killed", wait_gone(pids, GONE_WITHIN_S))


def test_parent_death_signal_alone_fires_when_the_spawning_thread_exits() -> None:
    """Why the owner is watched by pid and PR_SET_PDEATHSIG is only set by the single-threaded watchdog:
    set in a child spawned from a worker thread, it kills the child when that *thread* ends, owner alive."""
    if sys.platform != "linux":
        pytest.skip("PR_SET_PDEATHSIG is Linux-only")
    script = textwrap.dedent(
        """
        import ctypes, signal, subprocess, sys, threading, time
        libc = ctypes.CDLL(None)
        box = []
        def spawn():
            box.append(subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"],
                                        preexec_fn=lambda: libc.prctl(1, signal.SIGKILL, 0, 0, 0)))
        worker = threading.Thread(target=spawn)
        worker.start()
        worker.join()
        print(box[0].wait(timeout=30), flush=True)  # the owner is alive the whole time
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == str(-signal.SIGKILL), result.stderr


def test_shared_server_stops_after_its_idle_timeout_not_before(owner: list[subprocess.Popen[str]]) -> None:
    idle = 2.0
    watchdog, port = start_owner(owner, idle=idle)
    pids = tree(watchdog)
    os.kill(owner[0].pid, signal.SIGKILL)
    # A client holding a connection is activity: the server stays while it is connected.
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        time.sleep(idle * 2)
        assert wait_gone(pids, 0.1) is None, "stopped while a client was connected"
    started = time.monotonic()
    gone = wait_gone(pids, idle + GONE_WITHIN_S)
    assert gone is not None and gone >= idle * 0.5, f"stopped {gone} s after the last client; timeout {idle} s"
    print(f"\n[lifetimes] stand-in shared server: gone {time.monotonic() - started:.2f} s after its last client (idle timeout {idle:g} s)")


def test_watchdog_refuses_to_start_for_an_owner_already_gone(tmp_path: Path) -> None:
    marker = tmp_path / "started"
    command = watchdog_command([sys.executable, "-c", f"open({str(marker)!r}, 'w')"])
    command[command.index("--owner") + 1] = "1"  # not our parent: as if the owner died before we ran
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0 and "owner pid 1 is gone; not starting" in result.stderr
    assert not marker.exists()


# --- the real thing: paperchat and the 0.5B llama.cpp server ------------------------------------------------

needs_model = pytest.mark.skipif(not model_available(LLM_FAST), reason="the 0.5B model is not fetched")


@pytest.fixture(scope="module")
def papers_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("lifetimes-home")
    source = home / "papers.jsonl"
    source.write_text("".join(json.dumps(p) + "\n" for p in PAPERS))
    result = subprocess.run([*PAPERCHAT, "ingest", str(source)], env=llm_env(home), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return home


def llm_env(home: Path, **extra: str) -> dict[str, str]:
    return cli_env(home, PAPERCHAT_LOCAL_MODEL="0.5b", PAPERCHAT_BACKEND="local", **extra)


def recorded_server(home: Path, within_s: float = 180.0, proc: subprocess.Popen[bytes] | None = None) -> dict[str, int]:
    """The server record once the server answers (it is written then), with the watchdog's process tree."""
    record_path = home / "llm" / "server.json"
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        try:
            record = json.loads(record_path.read_text())
            if psutil.pid_exists(record["pid"]):
                return record
        except (OSError, ValueError, KeyError):
            pass
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"exited with {proc.returncode} before the LLM server was up")
        time.sleep(0.2)
    raise AssertionError("no LLM server was recorded")


def llama_tree(record: dict[str, int]) -> list[int]:
    pids = tree(record["pid"])
    names = [" ".join(psutil.Process(pid).cmdline()) for pid in pids]
    assert any("llama_cpp.server" in name and "rag.watchdog" not in name for name in names), names
    return pids


@pytest.mark.llm
@needs_model
def test_kill_9_of_paperchat_ask_stops_its_llm_server(papers_home: Path) -> None:
    ask = subprocess.Popen(
        [*PAPERCHAT, "ask", "--backend", "local", QUESTION], env=llm_env(papers_home), stdout=subprocess.DEVNULL
    )
    try:
        record = recorded_server(papers_home, proc=ask)
        assert record["owner"] == ask.pid and record["idle_timeout_s"] == 0
        pids = llama_tree(record)
        os.kill(ask.pid, signal.SIGKILL)
        measured("llama.cpp 0.5B, `paperchat ask` killed", wait_gone(pids, GONE_WITHIN_S))
    finally:
        ask.kill()
        ask.wait()
    assert not (papers_home / "llm" / "server.json").exists(), "the watchdog removes the record of a stopped server"


@pytest.mark.llm
@needs_model
def test_kill_9_of_paperchat_serve_stops_its_llm_server(papers_home: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = papers_home / "serve-lifetime.log"
    with log.open("wb") as sink:
        serve = subprocess.Popen(
            [*PAPERCHAT, "serve", "--port", str(port), "--backend", "local"],
            env=llm_env(papers_home),
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_until_serving(url, serve, 180, log)
        # The /ask API answers with the local model: that starts the server, from one of Gradio's worker threads.
        event = httpx.post(f"{url}gradio_api/call/ask", json={"data": [QUESTION, "local"]}, timeout=30)
        assert event.status_code == 200, event.text
        record = recorded_server(papers_home, proc=serve)  # type: ignore[arg-type]
        assert record["owner"] == serve.pid
        pids = llama_tree(record)
        os.kill(serve.pid, signal.SIGKILL)
        measured("llama.cpp 0.5B, `paperchat serve` killed", wait_gone(pids, GONE_WITHIN_S))
    finally:
        serve.kill()
        serve.wait()


@pytest.mark.llm
@needs_model
def test_shared_server_is_reused_then_stops_after_its_idle_timeout(papers_home: Path) -> None:
    env = llm_env(papers_home, PAPERCHAT_LLM__LOCAL_IDLE_TIMEOUT_S=f"{IDLE_TIMEOUT_S:g}")
    first = subprocess.run([*PAPERCHAT, "ask", "--json", QUESTION], env=env, capture_output=True, text=True, timeout=300)
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["backend"] == "local", "answered by the model, not a fallback"
    record = recorded_server(papers_home, within_s=1)
    assert record["idle_timeout_s"] == IDLE_TIMEOUT_S
    pids = llama_tree(record)  # outlived its owner on purpose
    status = subprocess.run([*PAPERCHAT, "status"], env=env, capture_output=True, text=True, timeout=120)
    assert "no owner, shared, stops after 45 s idle" in status.stdout, status.stdout

    second = subprocess.run([*PAPERCHAT, "ask", "--json", QUESTION], env=env, capture_output=True, text=True, timeout=300)
    assert second.returncode == 0 and json.loads(second.stdout)["backend"] == "local", second.stderr
    assert recorded_server(papers_home, within_s=1)["pid"] == record["pid"], "the second run reused it"
    ended = time.monotonic()
    gone = wait_gone(pids, IDLE_TIMEOUT_S + GONE_WITHIN_S)
    assert gone is not None, "the shared server did not stop after its idle timeout"
    print(f"\n[lifetimes] llama.cpp 0.5B shared: gone {time.monotonic() - ended:.2f} s after the last run exited "
          f"(idle timeout {IDLE_TIMEOUT_S:g} s, loadavg {os.getloadavg()[0]:.2f})")
    assert not (papers_home / "llm" / "server.json").exists()


@pytest.mark.llm
@needs_model
def test_models_stop_ends_a_shared_server(papers_home: Path) -> None:
    env = llm_env(papers_home, PAPERCHAT_LLM__LOCAL_IDLE_TIMEOUT_S="3600")
    ask = subprocess.run([*PAPERCHAT, "ask", "--json", QUESTION], env=env, capture_output=True, text=True, timeout=300)
    assert ask.returncode == 0, ask.stderr
    pids = llama_tree(recorded_server(papers_home, within_s=1))
    started = time.monotonic()
    stop = subprocess.run([*PAPERCHAT, "models", "stop"], env=env, capture_output=True, text=True, timeout=120)
    assert stop.returncode == 0 and f"stopped local LLM server pid {pids[0]}" in stop.stdout, stop.stdout + stop.stderr
    assert wait_gone(pids, 1.0) is not None, "`models stop` returned before the server was gone"
    measured("llama.cpp 0.5B shared, `paperchat models stop` (whole command)", time.monotonic() - started)
    assert not (papers_home / "llm" / "server.json").exists()
    again = subprocess.run([*PAPERCHAT, "models", "stop"], env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "no local LLM server running" in again.stdout


def test_stop_grace_is_short() -> None:
    """The bound above relies on it: a server that ignores SIGTERM is killed after a few seconds."""
    assert STOP_GRACE_S <= 5


# --- the Chroma servers the tests start --------------------------------------------------------------------


@pytest.mark.chroma_server
def test_a_test_chroma_server_dies_with_the_test_process(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from tests.test_chroma_server import start_chroma
        proc = start_chroma(Path({str(tmp_path / "data")!r}), int(sys.argv[1]))
        print(proc.pid, flush=True)
        time.sleep(600)
        """
    )
    port = free_port()
    owner_proc = subprocess.Popen([sys.executable, "-c", script, str(port)], stdout=subprocess.PIPE, text=True)
    try:
        assert owner_proc.stdout is not None
        pids = tree(int(owner_proc.stdout.readline()))
        assert len(pids) >= 2, "the watchdog and `chroma run`"
        assert httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=5).status_code == 200
        os.kill(owner_proc.pid, signal.SIGKILL)
        measured("chroma run, test process killed", wait_gone(pids, GONE_WITHIN_S))
    finally:
        owner_proc.kill()
        owner_proc.wait()


@contextlib.contextmanager
def silent_endpoint() -> Iterator[str]:
    """An OpenAI-compatible base URL that accepts connections and never answers (a real socket, held open)."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def accept() -> None:
        with contextlib.suppress(OSError):
            while True:
                held.append(listener.accept()[0])

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
    finally:
        listener.close()
        for connection in held:
            connection.close()


def post_ignoring_errors(client: httpx.Client, url: str, body: dict[str, object]) -> None:
    with contextlib.suppress(httpx.HTTPError):
        client.post(url, json=body)


def test_sigterm_ends_serve_at_once_while_an_answer_waits_on_a_silent_endpoint(papers_home: Path) -> None:
    """Python joins the threads answers run in before it exits: without leaving at once, SIGTERM took the model
    timeout (117 s of 120, measured) to end a serve whose answer waited on an endpoint that never replies."""
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = papers_home / "serve-sigterm.log"
    with silent_endpoint() as endpoint, log.open("wb") as sink:
        env = cli_env(papers_home, OPENAI_API_KEY="test-key", OPENAI_BASE_URL=endpoint, PAPERCHAT_BACKEND="openai")
        serve = subprocess.Popen([*PAPERCHAT, "serve", "--port", str(port)], env=env, stdout=sink, stderr=subprocess.STDOUT)
        try:
            wait_until_serving(url, serve, 180, log)
            body = {"model": "paperchat", "messages": [{"role": "user", "content": QUESTION}]}
            with httpx.Client(timeout=300) as client:
                waiting = threading.Thread(
                    target=post_ignoring_errors, args=(client, f"{url}v1/chat/completions", body), daemon=True
                )
                waiting.start()
                time.sleep(3)  # the answer is now waiting on the endpoint
                assert waiting.is_alive(), "the answer did not wait on the silent endpoint"
                started = time.monotonic()
                serve.send_signal(signal.SIGTERM)
                serve.wait(timeout=60)
                measured("`paperchat serve`, SIGTERM while an answer waits on a silent endpoint", time.monotonic() - started)
            assert serve.returncode == 0
        finally:
            serve.kill()
            serve.wait()
