"""`paperchat ask` on a terminal: one updating stage line on stderr (a real pseudo-terminal), and nothing
of it in a pipe or with --json."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import cli_env

PAPERCHAT = [sys.executable, "-m", "rag"]
QUESTION = "Which papers use the SMPL-X body model?"


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("cli-progress-home")
    result = subprocess.run([*PAPERCHAT, "ingest"], capture_output=True, text=True, env=cli_env(home), timeout=600)
    assert result.returncode == 0, result.stderr
    return home


def run_with_tty_stderr(home: Path, *args: str) -> tuple[str, str]:
    """Run the CLI with stderr on a pseudo-terminal (stdout a pipe); what each received."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [*PAPERCHAT, *args], stdout=subprocess.PIPE, stderr=follower, env=cli_env(home), stdin=subprocess.DEVNULL
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # EIO: the child closed its end
            break
        if not chunk:
            break
        seen += chunk
    stdout = process.communicate(timeout=300)[0]
    os.close(leader)
    assert process.returncode == 0, seen
    return stdout.decode(), seen.decode(errors="replace")


def test_a_terminal_sees_each_stage_on_one_updating_line(home: Path) -> None:
    stdout, stderr = run_with_tty_stderr(home, "ask", "--backend", "extractive", QUESTION)
    shown = [part for part in stderr.split("\r\x1b[K") if part]
    stages = list(dict.fromkeys(part.rsplit(" ", 2)[0] for part in shown))
    assert stages == ["Finding sources…", "Checking the sources…", "Writing…", "Verifying…"], shown
    assert all(part.endswith(" s") for part in shown), shown
    assert "\n" not in stderr.replace("\r\n", ""), stderr  # one line, rewritten in place
    assert stderr.endswith("\r\x1b[K")  # erased before the answer is printed
    assert "SMPL-X" in stdout and "…" not in stdout.split("\n", 1)[0]


def test_no_stage_line_in_a_pipe_or_with_json(home: Path) -> None:
    piped = subprocess.run(
        [*PAPERCHAT, "ask", "--backend", "extractive", QUESTION], capture_output=True, text=True, env=cli_env(home),
        timeout=300,
    )
    assert piped.returncode == 0 and "[1]" in piped.stdout
    assert "Finding sources" not in piped.stderr + piped.stdout
    stdout, stderr = run_with_tty_stderr(home, "ask", "--json", "--backend", "extractive", QUESTION)
    assert stdout.startswith("{") and stderr == ""
