"""Runs a server command that cannot outlive the process that owns it: `python -m rag.watchdog --owner PID -- CMD`.

Why a separate little process: the owner may die by SIGKILL, which runs no atexit
hook, and the server is started in its own session (so a Ctrl-C in the terminal
does not kill it mid-answer), so nothing would ever stop it. Two kernel-level
facts make this watchdog reliable where the alternatives are not:

- It notices its owner's death by polling `os.getppid()`: the kernel reparents a
  process only when its parent *process* exits, by any means, and a reparented
  process never gets its old parent back, so a reused pid cannot fool it.
- The server is its child with PR_SET_PDEATHSIG=SIGKILL, set here, where the
  spawning thread is the watchdog's only thread and lives as long as it does.
  In the owner itself that signal is unreliable: it fires when the *thread* that
  spawned the child exits, and the UI starts the server from a worker thread the
  thread pool retires after a few idle seconds (measured: see README).

A server shared on purpose (`--idle-timeout` > 0) keeps running after its owner
is gone and stops once no client has been connected for that many seconds.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType

import psutil

POLL_S = 0.2
STOP_GRACE_S = 3.0  # SIGTERM first (uvicorn closes its socket), SIGKILL after this
PR_SET_PDEATHSIG = 1


def _die_with_parent_hook() -> Callable[[], None] | None:
    """What the child runs between fork and exec: ask for SIGKILL when the watchdog dies, even by SIGKILL."""
    if sys.platform != "linux":
        return None  # elsewhere only the owner check below applies
    libc = ctypes.CDLL(None, use_errno=True)  # loaded before the fork, so the child only makes a system call
    watchdog = os.getpid()

    def hook() -> None:
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != watchdog:  # the watchdog died before prctl took effect
            os._exit(1)

    return hook


def _has_clients(child: psutil.Process) -> bool:
    """A connected client is activity: uvicorn drops idle keep-alive connections after 5 s, so this is a request."""
    try:
        return any(c.status == psutil.CONN_ESTABLISHED for c in child.net_connections(kind="tcp"))
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False


def _forget_record(record: Path | None) -> None:
    """Remove the owner's server record if it names this watchdog, so nobody tries to reuse a stopped server."""
    if record is None:
        return
    try:
        if json.loads(record.read_text()).get("pid") == os.getpid():
            record.unlink()
    except (OSError, ValueError, AttributeError):
        pass


class Watchdog:
    def __init__(self, owner: int, idle_timeout_s: float, command: Sequence[str], record: Path | None) -> None:
        self.owner = owner
        self.idle_timeout_s = idle_timeout_s
        self.command = list(command)
        self.record = record
        self.stop_requested = False

    def run(self) -> int:
        if os.getppid() != self.owner and self.idle_timeout_s <= 0:
            print(f"paperchat watchdog: owner pid {self.owner} is gone; not starting", file=sys.stderr, flush=True)
            return 0
        # preexec_fn is safe here: the watchdog has one thread.
        child = subprocess.Popen(self.command, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent_hook())  # noqa: PLW1509
        for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(signum, self._on_signal)
        try:
            return self._watch(child)
        finally:
            _forget_record(self.record)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.stop_requested = True

    def _watch(self, child: subprocess.Popen[bytes]) -> int:
        watched = psutil.Process(child.pid)
        last_active = time.monotonic()
        owner_gone_at: float | None = None
        while True:
            code = child.poll()
            if code is not None:
                return code
            now = time.monotonic()
            if owner_gone_at is None and os.getppid() != self.owner:
                owner_gone_at = now
                print(f"paperchat watchdog: owner pid {self.owner} is gone", file=sys.stderr, flush=True)
            if self.stop_requested:
                return self._stop(child, "asked to stop")
            if owner_gone_at is not None:
                if self.idle_timeout_s <= 0:
                    return self._stop(child, "its owner is gone")
                if _has_clients(watched):
                    last_active = now
                if now - max(last_active, owner_gone_at) >= self.idle_timeout_s:
                    return self._stop(child, f"no owner and no client for {self.idle_timeout_s:g} s")
            time.sleep(POLL_S)

    def _stop(self, child: subprocess.Popen[bytes], why: str) -> int:
        print(f"paperchat watchdog: stopping pid {child.pid}: {why}", file=sys.stderr, flush=True)
        child.terminate()
        try:
            child.wait(timeout=STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        return 0


def watchdog_command(command: Sequence[str], idle_timeout_s: float = 0.0, record: Path | None = None) -> list[str]:
    """`command` wrapped so that it stops when the calling process dies (or, shared, after `idle_timeout_s` idle)."""
    wrapper = [sys.executable, "-m", "rag.watchdog", "--owner", str(os.getpid()), "--idle-timeout", f"{idle_timeout_s:g}"]
    if record is not None:
        wrapper += ["--record", str(record)]
    return [*wrapper, "--", *command]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rag.watchdog", description=__doc__.splitlines()[0])
    parser.add_argument("--owner", type=int, required=True, help="pid of the process the command belongs to")
    parser.add_argument("--idle-timeout", type=float, default=0.0, help="0: stop with the owner; N: shared, stop N s idle")
    parser.add_argument("--record", type=Path, help="server record to remove on exit if it names this watchdog")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- then the server command")
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command after --")
    return Watchdog(args.owner, args.idle_timeout, command, args.record).run()


if __name__ == "__main__":
    sys.exit(main())
