"""Credentials in the endpoint URL (userinfo and query) and in the key never reach a page, an answer, a CLI
output or a log (issue 16): `rag.redact` is the one function, and the real CLI, app and browser are searched."""

from __future__ import annotations

import json
import logging
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from benchmarks.load import Served, paperchat_command, served_app, server_env
from rag.redact import MASK, RedactingFilter, redact, url_secrets
from rag.settings import Settings

KEY = "sk-redact-KEYSECRET-0123456789abcdef"
USER, PASSWORD, QUERY_TOKEN, SIG = "alice-USERSECRET", "PASSSECRET-7", "QUERYSECRET-42", "SIGSECRET-99"
# Port 9 (discard) on loopback: nothing listens, so every answer falls back with a notice naming the endpoint.
BASE_URL = f"http://{USER}:{PASSWORD}@127.0.0.1:9/v1?api-key={QUERY_TOKEN}&sig={SIG}&format=json"
SECRETS = [KEY, USER, PASSWORD, QUERY_TOKEN, SIG]
ENV = {"OPENAI_API_KEY": KEY, "OPENAI_BASE_URL": BASE_URL, "PAPERCHAT_BACKEND": "openai", "PAPERCHAT_LLM_TIMEOUT": "10"}
PAPERS = [
    {
        "title": "GarmentNet: Virtual Try-On with Flow Warping",
        "abstract": "GarmentNet transfers a shop garment onto a person photo with a learned flow field. "
        "A diffusion refiner keeps the texture of the garment.",
    }
]
QUESTION = "How does GarmentNet do virtual try-on?"

pytest_plugins = ["tests.conftest_ui"]


MARKERS = ("KEYSECRET", "USERSECRET", "PASSSECRET", "QUERYSECRET", "SIGSECRET")  # one inside each secret


def assert_no_secret(text: str, where: str) -> None:
    lowered = text.lower()
    for marker in MARKERS:
        assert marker.lower() not in lowered, f"{marker} found in {where}"


# --- the function ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("http://bob:hunter22@host:8080/v1", f"http://{MASK}@host:8080/v1"),
        ("https://TOKENONLY@api.example.com/v1", f"https://{MASK}@api.example.com/v1"),
        ("https://x.example/v1?api-key=abc123&format=json", f"https://x.example/v1?api-key={MASK}&format=json"),
        ("https://x/v1?api_key=a&key=b&token=c&access_token=d&sig=e", f"https://x/v1?api_key={MASK}&key={MASK}&token={MASK}&access_token={MASK}&sig={MASK}"),
        ("https://blob/x?sv=2020&Signature=zz&X-Amz-Credential=cc", f"https://blob/x?sv=2020&Signature={MASK}&X-Amz-Credential={MASK}"),
        ("headers: {'Authorization': 'Bearer abc.def-ghi'}", f"headers: {{'Authorization': '{MASK}'}}"),
        ("Authorization: Basic dXNlcjpwYXNz", f"Authorization: {MASK}"),
        ("sent Bearer abcdefgh12345678 to it", f"sent Bearer {MASK} to it"),
        ("Incorrect API key provided: sk-proj-abcdefghijklmnop1234.", f"Incorrect API key provided: {MASK}."),
        ("http://127.0.0.1:9/v1 refused", "http://127.0.0.1:9/v1 refused"),
        ("a keyword=mesh query and a monkey", "a keyword=mesh query and a monkey"),
    ],
)
def test_redact_masks_every_form_of_credential(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_redact_masks_the_known_secrets_wherever_they_appear_also_encoded() -> None:
    secrets = url_secrets("http://u%40corp:p%2Fss@h/v1?token=t%3D12") + ["my-own-key"]
    assert sorted(secrets) == ["my-own-key", "p/ss", "t=12", "u@corp"]
    text = "user u@corp, p%2Fss, value t=12 and my-own-key again"
    assert redact(text, secrets) == f"user {MASK}, {MASK}, value {MASK} and {MASK} again"
    assert redact("", secrets) == ""


def test_public_view_redacts_the_endpoint_and_names_only_whether_a_key_is_set() -> None:
    view = Settings.from_env({**ENV, "PAPERCHAT_HOME": "/tmp/x"}).public_view()
    assert view["base_url"] == f"http://{MASK}@127.0.0.1:9/v1?api-key={MASK}&sig={MASK}&format=json"
    assert view["api_key"] == "set"
    assert_no_secret(json.dumps(view), "public_view")


def test_log_records_are_redacted_with_their_arguments_and_tracebacks() -> None:
    logger = logging.getLogger("test-redact")
    records: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(self.format(record))

    handler = Keep()
    handler.setFormatter(logging.Formatter("%(message)s"))
    handler.addFilter(RedactingFilter([KEY]))
    logger.addHandler(handler)
    try:
        logger.warning("HTTP Request: POST %s %s", BASE_URL, "200 OK")
        try:
            raise RuntimeError(f"bad key {KEY}")
        except RuntimeError:
            logger.exception("failed at %s", BASE_URL)
    finally:
        logger.removeHandler(handler)
    assert len(records) == 2 and "Traceback" in records[1]
    assert_no_secret("\n".join(records), "log records")


# --- the real CLI ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def papers_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("redact-src") / "papers.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in PAPERS), encoding="utf-8")
    return path


def test_cli_status_and_ask_show_no_credentials(tmp_path: Path, papers_file: Path) -> None:
    home = tmp_path / "home"

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        env = server_env(home, **ENV)
        return subprocess.run(paperchat_command(*args), env=env, capture_output=True, text=True, timeout=300)

    ingest = cli("ingest", str(papers_file))
    assert ingest.returncode == 0, ingest.stderr
    status = cli("status")
    assert status.returncode == 0, status.stderr
    assert f"base_url: http://{MASK}@127.0.0.1:9/v1?api-key={MASK}&sig={MASK}" in status.stdout, status.stdout
    assert "api_key: set" in status.stdout
    asked = cli("ask", "--json", QUESTION)
    assert asked.returncode == 0, asked.stderr
    answer = json.loads(asked.stdout)
    assert answer["backend"] == "extractive"
    assert "unreachable at http://127.0.0.1:9/v1;" in answer["notice"], answer["notice"]
    streamed = cli("ask", QUESTION)  # the streamed, readable form prints the notice twice (draft and answer)
    assert streamed.returncode == 0 and "unreachable at http://127.0.0.1:9/v1" in streamed.stdout
    failed = cli("ask", "--json", "x" * 4001)
    assert failed.returncode == 2 and failed.stderr.count("\n") == 1
    for run in (ingest, status, asked, streamed, failed):
        assert_no_secret(run.stdout + run.stderr, " ".join(run.args[-2:]))
        assert "Traceback" not in run.stderr


# --- the real app: /config, the Settings tab in Chromium, answers, the server log ------------------------------


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory, papers_file: Path) -> Iterator[Served]:
    with served_app(tmp_path_factory.mktemp("redact-home"), None, [papers_file], **ENV) as served:
        yield served


def test_config_and_pages_carry_no_credentials(app: Served) -> None:
    for path in ("", "config", "gradio_api/info", "gradio_api/openapi.json"):
        with urllib.request.urlopen(app.url + path, timeout=30) as response:  # noqa: S310 - local server
            page = response.read().decode("utf-8", errors="replace")
        assert_no_secret(page, f"GET /{path}")
    with urllib.request.urlopen(app.url + "config", timeout=30) as response:  # noqa: S310 - local server
        config = response.read().decode()
    assert f"127.0.0.1:9/v1?api-key={MASK}" in config  # the settings view is there, redacted


def test_answers_through_the_app_carry_no_credentials(app: Served) -> None:
    from gradio_client import Client

    client = Client(app.url, verbose=False)
    answer = client.predict(QUESTION, None, api_name="/ask")
    assert answer["backend"] == "extractive" and "unreachable at http://127.0.0.1:9/v1" in answer["notice"]
    assert_no_secret(json.dumps(answer), "/ask answer")
    chat, sources, notice = client.predict(QUESTION, "openai", api_name="/chat")[:3]
    assert "unreachable at http://127.0.0.1:9/v1" in notice
    assert_no_secret(json.dumps([chat, sources, notice]), "/chat reply")


@pytest.mark.browser
def test_settings_tab_and_chat_in_a_real_browser_show_no_credentials(app: Served, browser: Any) -> None:
    from playwright.sync_api import expect
    # The session's one browser (tests/conftest_ui.py): a second sync_playwright() inside the session's running
    # Playwright loop is refused.
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(app.url)
        page.wait_for_selector("#question textarea")
        page.fill("#question textarea", QUESTION)
        page.click("#ask")
        page.wait_for_selector('#sources .sources-latest[data-turn="1"]', timeout=120_000)  # the final answer
        notice = page.locator("#chatbot .message.bot").last
        expect(notice).to_contain_text("unreachable at http://127.0.0.1:9/v1")
        # Markdown escaping must not show: the notice in the chat reads as plain text, no stray backslashes.
        assert "\\" not in notice.inner_text(), notice.inner_text()
        page.get_by_role("tab", name="Settings").click()
        view = page.locator("#settings-view")
        expect(view).to_contain_text("127.0.0.1:9")
        # The endpoint field shows the URL with its key masked (an input's value is not in page.content()).
        expect(page.locator("#base-url input, #base-url textarea")).to_have_value(str(_settings().public_view()["base_url"]))
        html = page.content()
        assert_no_secret(html, "the page after the Settings tab opened")
        assert_no_secret(_storage(page), "browser storage")
    finally:
        context.close()


def _settings() -> Settings:
    return Settings.from_env({**ENV, "PAPERCHAT_HOME": "/tmp/x"})


def test_saving_the_settings_form_unedited_keeps_the_real_endpoint() -> None:
    from ui.app import _kept_url, _shown_url

    settings = _settings()
    shown = _shown_url(settings)
    assert QUERY_TOKEN not in shown and PASSWORD not in shown and "127.0.0.1:9" in shown
    assert _kept_url(settings, shown) == BASE_URL  # the mask sent back means "unchanged"
    assert _kept_url(settings, " http://localhost:8080/v1 ") == "http://localhost:8080/v1"
    assert _kept_url(settings, "") is None


def _storage(page: Any) -> str:
    return str(page.evaluate("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"))


def test_the_server_log_carries_no_credentials(app: Served) -> None:
    """Last in the module: every request above has been logged by now."""
    time.sleep(0.5)
    log = app.log.read_text(encoding="utf-8", errors="replace")
    assert log.strip(), "the server wrote a log"
    assert_no_secret(log, "the server log")
    llm_log = app.home / "llm" / "server.log"
    if llm_log.exists():
        assert_no_secret(llm_log.read_text(errors="replace"), "the LLM server log")
