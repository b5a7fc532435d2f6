"""Fixtures for the UI tests: one real `paperchat serve` over the ingested bundled corpus, and Debian's chromium.

Loaded by the UI test modules with `pytest_plugins = ["tests.conftest_ui"]`, so the
server starts once per session and is shared by the API and browser tests. The
corpus is ingested by the real CLI in its own process (the same ingest_into
the UI calls), so the test process never opens the Chroma store the server uses.
"""

from __future__ import annotations

import http.server
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from rag.llm_server import free_port, wait_until_serving
from rag.settings import Settings

from .conftest import REPO_ROOT, fake_endpoint

ARTIFACTS = REPO_ROOT / "tests" / "artifacts"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT_S = 120.0
# Given to the server so tests can check it never reaches a page; the extractive backend makes no LLM call.
FAKE_API_KEY = "sk-paperchat-test-secret-0123456789"


def paperchat_command(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("paperchat")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "rag", *args]


class _StallingLLM(http.server.BaseHTTPRequestHandler):
    """An OpenAI-compatible endpoint that accepts a request and never answers: an answer in progress to Stop."""

    released = threading.Event()

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.released.wait(timeout=300)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def stalling_llm() -> Iterator[str]:
    """The base URL of a stalling endpoint (the one fault here that the real llama.cpp server cannot make)."""
    with fake_endpoint(_StallingLLM) as url:
        yield url
        _StallingLLM.released.set()


def ask_in_page(page: Any, question: str, turn: int, timeout_ms: float) -> Any:
    """Type a question, press Ask, wait until turn `turn` is answered and Ask is usable again; its chat bubble."""
    from playwright.sync_api import expect

    page.fill("#question textarea", question)
    page.click("#ask")
    page.wait_for_selector(f'#sources .sources-latest[data-turn="{turn}"]', timeout=timeout_ms)
    bubbles = page.locator("#chatbot .message.bot")
    expect(bubbles).to_have_count(turn)
    expect(page.locator("#ask")).to_be_enabled()
    return bubbles.nth(turn - 1)


def ui_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PAPERCHAT_", "CHROMA_", "OPENAI_", "GRADIO_"))}
    env.update(
        {
            "PAPERCHAT_HOME": str(home),
            "PAPERCHAT_MODELS_DIR": str(Settings.from_env().models_dir),
            "PAPERCHAT_BACKEND": "extractive",
            "OPENAI_API_KEY": FAKE_API_KEY,
            "GRADIO_TEMP_DIR": str(home / "gradio-tmp"),
            # The system temp folder elsewhere, as for a user whose home is not under /tmp: Gradio serves only
            # files under the temp folder, the working directory or `allowed_paths`, and a home under /tmp hid that
            # answer exports in ~/.local/share/paperchat could not be served.
            "TMPDIR": str(_made(home / "tmp")),
        }
    )
    return env


def _made(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass
class AppServer:
    url: str
    home: Path
    process: subprocess.Popen[bytes]
    log: Path
    timings: dict[str, float] = field(default_factory=dict)

    def log_tail(self, lines: int = 30) -> str:
        text = self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


@pytest.fixture(scope="session")
def app_server(tmp_path_factory: pytest.TempPathFactory, stalling_llm: str) -> Iterator[AppServer]:
    """`paperchat ingest` (bundled corpus) then `paperchat serve --backend extractive` on a free localhost port.

    Its `openai` backend points at a stalling endpoint, for the test of Stop during an answer.
    """
    home = tmp_path_factory.mktemp("ui-home")
    env = {**ui_env(home), "OPENAI_BASE_URL": stalling_llm}
    started = time.perf_counter()
    ingest = subprocess.run(
        paperchat_command("ingest"), env=env, capture_output=True, text=True, timeout=300, check=False
    )
    assert ingest.returncode == 0, ingest.stderr
    assert "added 79" in ingest.stdout, ingest.stdout
    ingested = time.perf_counter()
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = home / "serve.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            paperchat_command("serve", "--port", str(port), "--backend", "extractive"),
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    server = AppServer(url, home, process, log)
    try:
        wait_until_serving(url, process, SERVER_START_TIMEOUT_S, log)
        server.timings = {"ingest_s": ingested - started, "serve_start_s": time.perf_counter() - ingested}
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is missing: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@dataclass
class DialogLog:
    messages: list[str] = field(default_factory=list)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Generator[None, Any, Any]:
    report = yield
    setattr(item, f"ui_report_{report.when}", report)
    return report


@pytest.fixture
def dialogs() -> DialogLog:
    """Every alert/confirm the page opened: an executed injected script would show up here."""
    return DialogLog()


@pytest.fixture
def page(browser: Any, app_server: AppServer, dialogs: DialogLog, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh browser context on the app (a new Gradio session); a screenshot lands in tests/artifacts on failure."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(20_000)
    page = context.new_page()

    def on_dialog(dialog: Any) -> None:
        dialogs.messages.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(app_server.url)
    page.wait_for_selector("#question textarea")
    try:
        yield page
    finally:
        report = getattr(request.node, "ui_report_call", None)
        if report is not None and report.failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid)[-150:]
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
        context.close()
