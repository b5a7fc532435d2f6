"""The local LLM server against the real llama-cpp-python server and the bundled 0.5B model.

One server is started for the module and the tests run in file order on it, so
the module loads the model only a few times on a 2-core machine.
"""

from __future__ import annotations

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

import openai
import pytest

from rag.llm_server import LLMServerError, LocalLLMServer
from rag.models import LLM_FAST, ModelMissingError, model_path
from rag.settings import Settings

from .conftest import gone

pytestmark = pytest.mark.llm

MODELS_DIR = Settings.from_env().models_dir


def settings_for(home: Path, models_dir: Path = MODELS_DIR) -> Settings:
    env = {"PAPERCHAT_HOME": str(home), "PAPERCHAT_MODELS_DIR": str(models_dir), "PAPERCHAT_LOCAL_MODEL": "0.5b"}
    return Settings.from_env(env)


def require_model() -> None:
    try:
        model_path(LLM_FAST, MODELS_DIR)
    except ModelMissingError as exc:
        pytest.skip(str(exc))


def ask(url: str, model: str) -> str:
    client = openai.OpenAI(base_url=url, api_key="none", timeout=120)
    reply = client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": "Say hello."}],
        max_tokens=8,
        temperature=0,
    )
    return reply.choices[0].message.content or ""


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("paperchat-home")


@pytest.fixture(scope="module")
def server(home: Path) -> Iterator[LocalLLMServer]:
    require_model()
    srv = LocalLLMServer(settings_for(home))
    yield srv
    srv.stop()


def test_starts_and_answers_a_chat_completion(server: LocalLLMServer, home: Path) -> None:
    url = server.ensure()
    assert url.startswith("http://127.0.0.1:") and url.endswith("/v1")
    assert server.pid is not None and server.is_healthy()
    assert server.model_name == "qwen2.5-coder-0.5b"
    record = json.loads((home / "llm" / "server.json").read_text())
    port = int(url.rsplit(":", 1)[1].split("/")[0])
    assert record == {"pid": server.pid, "port": port, "model": server.model_name, "owner": os.getpid(), "idle_timeout_s": 0.0}
    assert ask(url, server.model_name).strip()
    assert server.ensure() == url, "a healthy server is reused, not restarted"


def test_a_working_server_is_not_health_checked_before_every_request(server: LocalLLMServer, home: Path) -> None:
    """One client per endpoint, kept alive; GET /v1/models (which waits behind the model lock) only on first use
    and after a failure, not before every question."""
    from rag.llm import ChatModel

    model = ChatModel(settings_for(home), "local", server)
    log = home / "llm" / "server.log"

    def health_checks() -> int:
        return log.read_text(errors="replace").count("GET /v1/models")

    assert "".join(model.stream([{"role": "user", "content": "Say hello."}], max_tokens=4))
    client = model._client(*model._endpoint()[:2])
    before = health_checks()
    for _ in range(2):
        assert "".join(model.stream([{"role": "user", "content": "Say hello."}], max_tokens=4))
    assert health_checks() == before, "a server that just answered was checked again"
    assert model._client(*model._endpoint()[:2]) is client, "the client (and its connection pool) is reused"
    server.mark_failed()
    assert "".join(model.stream([{"role": "user", "content": "Say hello."}], max_tokens=4))
    assert health_checks() == before + 1, "after a failure the next request checks the server first"
    model.close()


def test_a_kept_connection_is_dropped_before_the_server_drops_it(server: LocalLLMServer, home: Path) -> None:
    """uvicorn closes a connection idle for 5 s, and a request sent on it just then fails (RemoteProtocolError, seen
    once in a 222-question benchmark run). The client reuses a connection only while it has been idle for less than
    KEEPALIVE_S. (A streamed reply's connection is rarely reused at all: the openai client closes the response at
    "data: [DONE]", often before the end of the chunked body; the models list is read whole, so it shows the pool.)"""
    import re
    import time

    from rag.llm import KEEPALIVE_S, ChatModel

    model = ChatModel(settings_for(home), "local", server)
    log = home / "llm" / "server.log"
    client = model._client(*model._endpoint()[:2])

    def last_client_port() -> str:
        return re.findall(r"127\.0\.0\.1:(\d+) - \"GET /v1/models", log.read_text(errors="replace"))[-1]

    client.models.list()
    first = last_client_port()
    client.models.list()
    assert last_client_port() == first, "back-to-back requests reuse the kept connection"
    assert KEEPALIVE_S + 0.5 < 5.0
    time.sleep(KEEPALIVE_S + 0.5)
    client.models.list()
    assert last_client_port() != first, "a connection idle past KEEPALIVE_S was reused; the server may be closing it"
    assert "".join(model.stream([{"role": "user", "content": "Say hello."}], max_tokens=2))
    model.close()


def test_second_object_reuses_the_running_server_and_leaves_it_running(server: LocalLLMServer, home: Path) -> None:
    url = server.ensure()
    pid = server.pid
    other = LocalLLMServer(settings_for(home))
    assert other.ensure() == url
    assert other.pid is None and other.is_healthy()
    other.stop()
    other.stop()
    assert server.pid == pid and server.is_healthy()
    assert (home / "llm" / "server.json").is_file(), "only the starter may remove the record"
    assert ask(url, server.model_name).strip()


def test_restarts_after_the_server_is_killed(server: LocalLLMServer) -> None:
    server.ensure()
    old_pid = server.pid
    assert old_pid is not None
    os.kill(old_pid, signal.SIGKILL)
    assert gone(old_pid)
    assert not server.is_healthy()
    url = server.ensure()
    assert server.pid is not None and server.pid != old_pid
    assert ask(url, server.model_name).strip()


def test_stop_ends_the_process_and_is_idempotent(server: LocalLLMServer, home: Path) -> None:
    server.ensure()
    pid = server.pid
    assert pid is not None
    server.stop()
    assert gone(pid)
    assert server.pid is None and not server.is_healthy()
    assert not (home / "llm" / "server.json").exists()
    server.stop()


def test_server_is_stopped_when_the_python_process_exits(tmp_path: Path) -> None:
    require_model()
    script = textwrap.dedent(
        f"""
        from rag.llm_server import LocalLLMServer
        from rag.settings import Settings
        settings = Settings.from_env({{"PAPERCHAT_HOME": {str(tmp_path)!r}, "PAPERCHAT_MODELS_DIR": {str(MODELS_DIR)!r},
                                      "PAPERCHAT_LOCAL_MODEL": "0.5b"}})
        server = LocalLLMServer(settings)
        server.ensure()
        print(server.pid)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    assert gone(int(result.stdout.strip()))


def test_start_failure_names_the_log_line_and_what_to_do(tmp_path: Path) -> None:
    require_model()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        settings = settings_for(tmp_path)
        settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"local_port": port})})
        server = LocalLLMServer(settings)
        with pytest.raises(LLMServerError) as info:
            server.ensure()
    message = str(info.value)
    assert "\n" not in message
    assert "address already in use" in message.lower() or "errno 98" in message.lower()
    assert "server.log" in message and "--backend extractive" in message
    assert server.pid is None


def test_local_url_that_does_not_answer_fails_fast(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again on exit: nothing listens there
    settings = settings_for(tmp_path, tmp_path / "no-models")
    settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"local_url": f"http://127.0.0.1:{port}"})})
    started = time.monotonic()
    with pytest.raises(LLMServerError, match="PAPERCHAT_LOCAL_URL") as info:
        LocalLLMServer(settings).ensure()
    assert time.monotonic() - started < 15
    assert f"127.0.0.1:{port}/v1" in str(info.value)
    assert not (tmp_path / "llm").exists(), "an external server must never make us start one"


def test_missing_model_says_how_to_fetch_it(tmp_path: Path) -> None:
    empty = tmp_path / "models"
    empty.mkdir()
    server = LocalLLMServer(settings_for(tmp_path / "home", empty))
    with pytest.raises(ModelMissingError) as info:
        server.ensure()
    assert "paperchat models fetch" in str(info.value) or "make models" in str(info.value)
    assert server.pid is None


def test_the_judge_server_has_its_own_record_log_and_port_and_models_stop_ends_both(tmp_path: Path) -> None:
    """The 1.5B's checks run in a second server of the same model (role "judge"): its own record, log and lock
    beside the notes' server's, the next port when the port is fixed; `status` names both, `models stop` ends both."""
    from rag.llm_server import describe_server, record_path, stop_servers

    require_model()
    settings = settings_for(tmp_path)
    settings = settings.model_copy(update={"llm": settings.llm.model_copy(update={"local_port": 0})})
    notes, judge = LocalLLMServer(settings), LocalLLMServer(settings, role="judge")
    try:
        notes_url, judge_url = notes.ensure(), judge.ensure()
        assert notes_url != judge_url and notes.pid != judge.pid
        assert judge.log_path.name == "judge-server.log" and judge.log_path.is_file()
        assert record_path(settings, "judge").name == "judge-server.json"
        recorded = {role: json.loads(record_path(settings, role).read_text())["pid"] for role in ("notes", "judge")}
        assert recorded == {"notes": notes.pid, "judge": judge.pid}
        assert ask(judge_url, judge.model_name).strip() and ask(notes_url, notes.model_name).strip()
        # Two answers at once in the app: the clients of the two servers take turns evaluating prompts, as one
        # server's requests do; a call that gives its turn back once it writes lets the other server work meanwhile.
        from rag.llm import ChatModel, Turns

        turns = Turns()
        spans: dict[str, tuple[float, float]] = {}  # name → (first delta, end)
        long_prompt = "Count from 1 to 60, comma-separated. " + "Numbers are listed one after the other. " * 40

        def count(name: str, server: LocalLLMServer, prompt: str, tokens: int, share: bool, after: float = 0.0) -> None:
            time.sleep(after)
            model = ChatModel(settings, "local", server, turns, first=name == "notes")
            deltas = model.stream([{"role": "user", "content": prompt}], max_tokens=tokens, turn_while_writing=not share)
            first = next(deltas)
            began = time.monotonic()
            "".join([first, *deltas])
            spans[name] = (began, time.monotonic())
            model.close()

        def run(*jobs: tuple[str, LocalLLMServer, str, int, bool, float]) -> None:
            spans.clear()
            threads = [threading.Thread(target=count, args=job) for job in jobs]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)

        run(("notes", notes, "Count from 1 to 30, comma-separated.", 40, False, 0.0),
            ("judge", judge, "Count from 1 to 30, comma-separated.", 40, False, 0.0))  # fmt: skip
        (a_start, a_end), (b_start, b_end) = sorted(spans.values())
        assert b_start >= a_end, f"the two servers generated at once: {spans}"
        # The notes' call holds the turn while its (long) prompt is evaluated, then gives it back and writes:
        # the judge's call, made meanwhile, waits for the notes' first token and is answered before they end.
        run(("notes", notes, long_prompt, 120, True, 0.0), ("judge", judge, "Say hello.", 4, False, 0.3))
        (notes_first, notes_end), (judge_first, judge_end) = spans["notes"], spans["judge"]
        assert judge_first >= notes_first, f"the judge's prompt was evaluated with the notes' prompt: {spans}"
        assert judge_end < notes_end, f"the judge's call waited for the whole note: {spans}"
        described = describe_server(settings)
        assert "(notes)" in described and "(judge)" in described and str(judge.pid) in described
        pids = sorted(pid for pid in (notes.pid, judge.pid) if pid is not None)
        assert sorted(stop_servers(settings)) == pids
        assert all(gone(pid) for pid in pids)
        assert not record_path(settings, "notes").exists() and not record_path(settings, "judge").exists()
        assert describe_server(settings) == "not running"
    finally:
        notes.stop()
        judge.stop()


def test_turns_let_the_first_client_go_before_calls_already_waiting() -> None:
    """A claim check queued behind a note must not delay the note: when the turn is given back, a waiting call of
    the `first` client (the notes) gets it before calls of the other client that were waiting longer."""
    from rag.llm import Turns

    turns = Turns()
    order: list[str] = []
    assert turns.acquire(first=False, timeout_s=1)

    def wait(name: str, first: bool) -> None:
        assert turns.acquire(first=first, timeout_s=10)
        order.append(name)
        turns.release()

    waiting = [threading.Thread(target=wait, args=("check 1", False)), threading.Thread(target=wait, args=("check 2", False))]
    for thread in waiting:
        thread.start()
    time.sleep(0.2)
    note = threading.Thread(target=wait, args=("note", True))
    note.start()
    time.sleep(0.2)
    assert order == [], "nobody gets a turn that is held"
    turns.release()
    for thread in [*waiting, note]:
        thread.join(timeout=10)
    assert order[0] == "note" and sorted(order[1:]) == ["check 1", "check 2"], order
    assert turns.acquire(first=False, timeout_s=0), "the turn is free again"
