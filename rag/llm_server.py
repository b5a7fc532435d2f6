"""Runs the bundled GGUF model behind llama-cpp-python's OpenAI-compatible server.

The model lives in a child process rather than in-process so that a crash or an
out-of-memory kill in llama.cpp costs one answer, not the UI: the next `ensure()`
notices the dead child and starts a fresh one. The child is recorded in
`PAPERCHAT_HOME/llm/server.json` so a second paperchat process (the CLI next to
the UI, a benchmark run) talks to the already loaded model instead of loading
another copy onto a 2-core machine.

With the 1.5B, the model's YES/NO checks (is the question answerable, does the passage state the sentence) go
to a second server of the same model file, role "judge" (`PAPERCHAT_LLM__JUDGE_SERVER`): llama-cpp-python keeps
the KV of one prompt, the last one, so a check between two answers' notes made the notes' system prompt be
evaluated again every time. The price is memory: llama.cpp repacks the weights for the CPU in each process
(about 0.8 GB unique to each, measured with the 1.5B).

Nothing outlives its owner: the server runs under `rag.watchdog`, which stops it
when the process that started it dies, SIGKILL included. A server shared between
CLI runs on purpose (`PAPERCHAT_LLM__LOCAL_IDLE_TIMEOUT_S` > 0) outlives its starter and
stops after that many idle seconds, or at `paperchat models stop`.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import filelock
import httpx
import psutil

from rag.errors import LLMServerError
from rag.models import MODELS, BundledModel, model_path
from rag.redact import redact
from rag.settings import Settings
from rag.watchdog import watchdog_command

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
STARTUP_TIMEOUT_S = 120.0
STOP_GRACE_S = 10.0
POLL_S = 0.25
# A request queued behind a running generation waits for the model lock, so a
# read timeout means "busy", not "dead"; only a refused connection means dead.
PROBE_CONNECT_S = 2.0
PROBE_READ_S = 5.0
LOG_ROTATE_BYTES = 5 * 2**20

Probe = Literal["ok", "busy", "down"]
Role = Literal["notes", "judge"]
ROLES: tuple[Role, ...] = ("notes", "judge")
_ERROR_LINE = re.compile(r"^(ERROR\b|CRITICAL\b|[\w.]*(Error|Exception|Interrupt)\b)")


@dataclass(frozen=True)
class _Record:
    """What server.json holds: enough for another process to find and vet the server."""

    pid: int  # the watchdog's; the llama.cpp server is its child and dies with it
    port: int
    model: str
    owner: int = 0  # the paperchat process that started it; the server stops when it dies unless shared
    idle_timeout_s: float = 0.0  # > 0: shared, outlives its owner until idle this long

    def to_json(self) -> dict[str, object]:
        return {
            "pid": self.pid,
            "port": self.port,
            "model": self.model,
            "owner": self.owner,
            "idle_timeout_s": self.idle_timeout_s,
        }

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}/v1"


def alias_for(model: BundledModel) -> str:
    """The OpenAI `model` name, short and stable across quantisations (e.g. "qwen2.5-coder-0.5b")."""
    return model.target.removesuffix(".gguf").split("-instruct")[0]


def normalise_url(url: str) -> str:
    """Accept a URL with or without the `/v1` suffix, since users copy either from llama.cpp's banner."""
    url = url.rstrip("/")
    return url if url.endswith("/v1") else f"{url}/v1"


def probe(base_url: str, alias: str | None = None) -> Probe:
    """Classify a server as answering, busy behind the model lock, or not there.

    llama-cpp-python serialises every route, /v1/models included, behind the model
    lock, so a long generation makes a health check wait; that must not be taken
    for a dead server, or a busy server would be restarted mid-answer.
    """
    timeout = httpx.Timeout(PROBE_READ_S, connect=PROBE_CONNECT_S)
    try:
        response = httpx.get(f"{base_url}/models", timeout=timeout)
    except httpx.ReadTimeout:
        return "busy"
    except httpx.HTTPError:
        return "down"
    if response.status_code != 200:
        return "down"
    if alias is None:
        return "ok"
    try:
        ids = {str(item.get("id")) for item in response.json().get("data", [])}
    except (ValueError, AttributeError):
        return "down"
    return "ok" if alias in ids else "down"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_serving(url: str, process: subprocess.Popen[bytes], timeout_s: float, log: Path | None = None) -> None:
    """Poll `url` until it answers 200 (a started `paperchat serve`); RuntimeError if `process` dies or time runs out.

    `log`, the process's output file, is quoted when it exits early.
    """
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = f":\n{log.read_text(errors='replace')}" if log is not None else ""
            raise RuntimeError(f"paperchat serve exited with {process.returncode}{output}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - a local server we started
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"paperchat serve did not answer on {url} within {timeout_s:.0f} s")


def _is_our_kind_of_server(pid: int, alias: str) -> bool:
    """Guard against pid reuse: a recorded pid must still be a llama_cpp.server serving our alias."""
    try:
        proc = psutil.Process(pid)
        if proc.status() == psutil.STATUS_ZOMBIE:
            return False
        cmdline = proc.cmdline()
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False
    return "llama_cpp.server" in cmdline and alias in cmdline


def _telling_line(path: Path, offset: int) -> str:
    """The log line that best explains a failed start, from this attempt's part of the log only.

    Uvicorn logs its shutdown after the real error (e.g. a port already in use), so
    the last error-looking line beats the last line; a Python traceback ends in one.
    """
    try:
        with path.open("rb") as handle:
            size = handle.seek(0, os.SEEK_END)
            handle.seek(max(offset, size - 16384))
            text = handle.read().decode("utf-8", errors="replace")
    except OSError:
        return "(no log)"
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "(the server wrote nothing)"
    errors = [line for line in lines if _ERROR_LINE.match(line)]
    return " ".join((errors or lines)[-1].split())[:300]


class LocalLLMServer:
    """One paperchat process's handle on the local llama.cpp server.

    Cheap to call `ensure()` before every question: it only probes a running
    server, and starts one only when none is usable. Only a server this object
    started is ever stopped by it.
    """

    def __init__(self, settings: Settings, startup_timeout_s: float = STARTUP_TIMEOUT_S, role: Role = "notes") -> None:
        self._settings = settings
        self._model = MODELS[settings.llm.local_model]
        self._alias = alias_for(self._model)
        self._startup_timeout_s = startup_timeout_s
        self._role = role
        self._dir = settings.home / "llm"
        self._record_path = record_path(settings, role)
        self._log_path = self._dir / f"{_PREFIX[role]}server.log"
        self._lock_path = self._dir / f"{_PREFIX[role]}start.lock"
        self._proc: subprocess.Popen[bytes] | None = None
        self._url: str | None = None
        # Whether the last request to self._url worked: then the next one goes straight to it. A health check
        # (GET /v1/models, which waits behind the model lock) runs only after a failure or on first use.
        self._trusted: str | None = None
        self._guard = threading.Lock()  # the UI calls ensure() from several worker threads
        self._atexit_registered = False
        self._owner_pid = os.getpid()
        self._idle_timeout_s = settings.llm.local_idle_timeout_s

    @property
    def model_name(self) -> str:
        return self._alias

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    @property
    def log_path(self) -> Path:
        return self._log_path

    @property
    def started(self) -> bool:
        """Whether this handle has a server (its own, another process's, or PAPERCHAT_LOCAL_URL's) to talk to."""
        return self._current_url() is not None

    def is_healthy(self) -> bool:
        url = self._current_url()
        return url is not None and probe(url) != "down"

    def ensure(self) -> str:
        """Called before every question, so a crashed or killed server costs one slow answer, not the session."""
        local_url = self._settings.llm.local_url
        if local_url:
            return self._check_external(normalise_url(local_url))
        with self._guard:
            url = self._usable_own_or_known()
            if url is not None:
                return url
            self._dir.mkdir(parents=True, exist_ok=True)
            lock = filelock.FileLock(str(self._lock_path), timeout=self._startup_timeout_s + 30)
            try:
                with lock:
                    # Another process may have started one while we waited for the lock.
                    record = self._read_record()
                    if record is not None and self._record_usable(record):
                        log.info("reusing local LLM server pid %d on port %d", record.pid, record.port)
                        self._url = record.url
                        return record.url
                    return self._start()
            except filelock.Timeout as exc:
                raise LLMServerError(
                    f"another paperchat process holds {self._lock_path} for over {lock.timeout:.0f} s while starting "
                    "the LLM server; wait for it, or remove the lock file if no paperchat process is running"
                ) from exc

    def mark_failed(self) -> None:
        """A request to the server failed (unreachable, timed out): check its health before the next one."""
        self._trusted = None

    def mark_working(self) -> None:
        """A request to the server got an answer: the next one goes straight to it."""
        self._trusted = self._current_url()

    def stop(self) -> None:
        """Stop the server if this object started it; a reused server belongs to its starter."""
        with self._guard:
            self._stop_locked()

    def _at_exit(self) -> None:
        """On a normal exit: stop our server, unless it is shared, in which case it runs on until idle."""
        if self._idle_timeout_s > 0 and self._proc is not None and self._proc.poll() is None:
            log.info(
                "leaving shared LLM server pid %d running; it stops after %g s idle or at `paperchat models stop`",
                self._proc.pid,
                self._idle_timeout_s,
            )
            return
        self.stop()

    # -- internals -------------------------------------------------------------

    def _current_url(self) -> str | None:
        local_url = self._settings.llm.local_url
        return normalise_url(local_url) if local_url else self._url

    def _check_external(self, url: str) -> str:
        if self._trusted != url and probe(url) == "down":
            raise LLMServerError(
                f"no OpenAI-compatible server answers GET {redact(url, self._settings.secrets())}/models "
                "(PAPERCHAT_LOCAL_URL); "
                "start it, fix the URL, or unset PAPERCHAT_LOCAL_URL to let paperchat start its own"
            )
        return url

    def _usable_own_or_known(self) -> str | None:
        """The URL of the server we already use, if it still works; clears what no longer does."""
        if self._proc is not None:
            code = self._proc.poll()
            if code is None and self._url is not None and (self._trusted == self._url or probe(self._url, self._alias) != "down"):
                return self._url
            if code is None:
                log.warning("LLM server pid %d stopped answering; replacing it", self._proc.pid)
            else:
                log.warning("LLM server pid %d exited with code %s; starting a new one", self._proc.pid, code)
            self._stop_locked()
            return None
        if self._url is not None:  # a server another process started
            record = self._read_record()
            if record is not None and record.url == self._url:
                if self._trusted == self._url and _is_our_kind_of_server(record.pid, self._alias):  # alive: a /proc read
                    return self._url
                if self._record_usable(record):
                    return self._url
            self._url = None
        return None

    def _stop_locked(self) -> None:
        if os.getpid() != self._owner_pid:
            # A forked worker inherits this object and its atexit hook; the server is its parent's.
            self._proc = None
            return
        proc, self._proc = self._proc, None
        self._url = None
        if self._atexit_registered:
            atexit.unregister(self._at_exit)
            self._atexit_registered = False
        if proc is None:
            return
        if proc.poll() is None:
            log.info("stopping local LLM server pid %d", proc.pid)
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=STOP_GRACE_S)
            except subprocess.TimeoutExpired:
                log.warning("LLM server pid %d ignored SIGTERM for %.0f s; killing it", proc.pid, STOP_GRACE_S)
                proc.kill()
                proc.wait()
        self._forget_record(proc.pid)

    def _record_usable(self, record: _Record) -> bool:
        return (
            record.model == self._alias
            and _is_our_kind_of_server(record.pid, self._alias)
            and probe(record.url, self._alias) != "down"
        )

    def _read_record(self) -> _Record | None:
        return _read_record(self._record_path)

    def _write_record(self, record: _Record) -> None:
        tmp = self._record_path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(record.to_json()))
        tmp.replace(self._record_path)

    def _forget_record(self, pid: int) -> None:
        record = self._read_record()
        if record is not None and record.pid == pid:
            with contextlib.suppress(FileNotFoundError):
                self._record_path.unlink()

    def command(self, gguf: Path, port: int) -> list[str]:
        """The server command line; each flag is there for a measured reason on a 2-core CPU box."""
        return [
            sys.executable, "-m", "llama_cpp.server",
            "--model", str(gguf),
            "--model_alias", self._alias,
            "--host", HOST,
            "--port", str(port),
            "--n_ctx", str(self._settings.llm.n_ctx),
            "--n_threads", str(self._settings.llm.n_threads),
            "--n_threads_batch", str(self._settings.llm.n_threads),
            "--chat_format", "chatml",
            # The server default keeps logits for every prompt token: an n_ctx x 152k-vocab
            # float array (2.5 GB) and a full output projection per prompt token. Nothing
            # here asks for logprobs, so only the last token's logits are kept.
            "--logits_all", "false",
            # A health check or a second client must queue, not cut off a streaming answer.
            "--interrupt_requests", "false",
            # mlock needs a memlock limit ordinary users lack, and buys nothing without swap pressure.
            "--use_mlock", "false",
            # Verbose logs each request's prefix-match hit and llama.cpp's timings (benchmarks read them).
            "--verbose", "true" if self._settings.llm.local_verbose else "false",
            # No "--cache true": llama-cpp-python already keeps the KV of the longest common
            # prefix with the previous prompt, which covers a fixed system prompt. Its RAM cache
            # also copies the 311 MB logits buffer per saved prompt without counting it against
            # --cache_size (measured: +311 MB RSS per question), and the saves cost seconds.
        ]  # fmt: skip

    def _start(self) -> str:
        gguf = model_path(self._model, self._settings.models_dir)  # ModelMissingError says what to run
        fixed = self._settings.llm.local_port
        port = fixed + ROLES.index(self._role) if fixed else free_port()
        self._rotate_log()
        with self._log_path.open("ab") as log_file:
            log_file.write(f"\n--- paperchat starting {self._alias} ({self._role}) on port {port} at {time.ctime()}\n".encode())
            log_file.flush()
            offset = log_file.tell()
            started = time.monotonic()
            proc = subprocess.Popen(
                watchdog_command(self.command(gguf, port), self._idle_timeout_s, self._record_path),
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                # A Ctrl-C in the terminal must not kill it mid-answer; atexit or the watchdog stops it.
                start_new_session=True,
            )
        self._proc = proc
        if not self._atexit_registered:
            atexit.register(self._at_exit)
            self._atexit_registered = True
        url = f"http://{HOST}:{port}/v1"
        try:
            self._wait_healthy(proc, url, offset)
        except BaseException:
            self._stop_locked()
            raise
        self._url = url
        self._write_record(
            _Record(pid=proc.pid, port=port, model=self._alias, owner=os.getpid(), idle_timeout_s=self._idle_timeout_s)
        )
        log.info(
            "local LLM server %s (%s) pid %d ready on %s in %.1f s",
            self._alias, self._role, proc.pid, url, time.monotonic() - started,
        )  # fmt: skip
        return url

    def _wait_healthy(self, proc: subprocess.Popen[bytes], url: str, log_offset: int) -> None:
        deadline = time.monotonic() + self._startup_timeout_s
        while True:
            code = proc.poll()
            if code is not None:
                raise LLMServerError(
                    f"the local LLM server exited with code {code} while starting: "
                    f"{_telling_line(self._log_path, log_offset)} (full log: {self._log_path}); "
                    "fix the cause, or use --backend extractive or set PAPERCHAT_LOCAL_URL"
                )
            if probe(url, self._alias) == "ok":
                return
            if time.monotonic() > deadline:
                raise LLMServerError(
                    f"the local LLM server did not answer within {self._startup_timeout_s:.0f} s: "
                    f"{_telling_line(self._log_path, log_offset)} (full log: {self._log_path}); "
                    "retry on a less loaded machine, or use --backend extractive"
                )
            time.sleep(POLL_S)

    def _rotate_log(self) -> None:
        """Keep one old log: the server appends forever otherwise."""
        with contextlib.suppress(OSError):
            if self._log_path.stat().st_size > LOG_ROTATE_BYTES:
                self._log_path.replace(self._log_path.with_suffix(".log.1"))


_PREFIX: dict[Role, str] = {"notes": "", "judge": "judge-"}  # the notes' server keeps the original file names


def record_path(settings: Settings, role: Role = "notes") -> Path:
    """Where the server of this role records itself (`server.json`, `judge-server.json`)."""
    return settings.home / "llm" / f"{_PREFIX[role]}server.json"


def _read_record(path: Path) -> _Record | None:
    try:
        data = json.loads(path.read_text())
        return _Record(
            pid=int(data["pid"]),
            port=int(data["port"]),
            model=str(data["model"]),
            owner=int(data.get("owner", 0)),
            idle_timeout_s=float(data.get("idle_timeout_s", 0.0)),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _servers_of(record_path: Path) -> list[psutil.Process]:
    """Watchdogs started for this home (their command line names its record), whether or not the record
    still names them: two starts racing with different models leave one server unrecorded."""
    found = []
    for proc in psutil.process_iter(["cmdline"]):
        cmdline = proc.info.get("cmdline") or []
        if "rag.watchdog" in cmdline and str(record_path) in cmdline and "llama_cpp.server" in cmdline:
            found.append(proc)
    return found


def stop_servers(settings: Settings) -> list[int]:
    """`paperchat models stop`: end every local LLM server started for this PAPERCHAT_HOME; returns their pids."""
    records = [record_path(settings, role) for role in ROLES]
    procs = [proc for path in records for proc in _servers_of(path)]
    for proc in procs:
        with contextlib.suppress(psutil.NoSuchProcess):
            proc.terminate()  # the watchdog stops its llama.cpp child, then exits
    _, alive = psutil.wait_procs(procs, timeout=STOP_GRACE_S)
    for proc in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            proc.kill()  # the child dies with it (parent-death signal)
    psutil.wait_procs(alive, timeout=STOP_GRACE_S)
    for path in records:
        record = _read_record(path)
        if record is not None and not psutil.pid_exists(record.pid):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    return [proc.pid for proc in procs]


def describe_server(settings: Settings) -> str:
    """One line for `paperchat status`: the recorded local servers, their owner and how they will end."""
    described = [_describe(record_path(settings, role), role) for role in ROLES]
    running = [line for line in described if line]
    return "; ".join(running) if running else "not running"


def _describe(path: Path, role: Role) -> str | None:
    record = _read_record(path)
    if record is None or not _is_our_kind_of_server(record.pid, record.model):
        return None
    owner = f"owner pid {record.owner}" if record.owner and psutil.pid_exists(record.owner) else "no owner"
    ends = (
        f"shared, stops after {record.idle_timeout_s:g} s idle without its owner"
        if record.idle_timeout_s > 0
        else "stops with its owner"
    )
    return f"{record.model} ({role}) pid {record.pid} on port {record.port}, {owner}, {ends}; `paperchat models stop` ends it"
