"""The app as a research workspace, in a real browser: saved conversations (reload, restart, per-user),
Markdown exports, regenerate, the Settings form, and the Stop/Ask buttons' states.

The shared server (tests.conftest_ui) serves the single-user tests; the per-user
test starts its own server with a PAPERCHAT_USERS file over a three-paper library,
and restarts it on the same home.
"""

from __future__ import annotations

import json
import re
import stat
import subprocess
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

from rag.llm_server import free_port, wait_until_serving
from tests.conftest_ui import SERVER_START_TIMEOUT_S, ask_in_page, paperchat_command, ui_env

if TYPE_CHECKING:
    from tests.conftest_ui import AppServer

pytest_plugins = ["tests.conftest_ui"]
pytestmark = pytest.mark.browser

ANSWER_TIMEOUT_MS = 60_000


@pytest.fixture(autouse=True)
def patient_expect() -> Iterator[None]:
    """Reopening a conversation on load reads SQLite and Chroma; on a busy 2-core machine that can take
    longer than Playwright's default 5 s, so these tests wait up to 20 s (then put the default back)."""
    expect.set_options(timeout=20_000)
    try:
        yield
    finally:
        expect.set_options(timeout=5_000)


def ask(page: Any, question: str, turn: int) -> Any:
    return ask_in_page(page, question, turn, ANSWER_TIMEOUT_MS)


def history_items(page: Any) -> Any:
    return page.locator("#history-list label")


def test_history_survives_reload_new_chat_keeps_it_and_it_can_be_renamed_searched_deleted(page: Any) -> None:
    expect(page.locator("#stop")).to_be_disabled()  # nothing runs: Stop is greyed out, not a red button
    first = ask(page, "How does ECON differ from ICON, in short?", turn=1)
    answer_text = first.inner_text()
    ask(page, "What data does it use?", turn=2)
    expect(history_items(page).filter(has_text="How does ECON differ from ICON, in short?")).to_have_count(1)
    expect(page.locator("#history-list input:checked")).to_have_count(1)
    # The app server is shared with the other browser tests, whose conversations are in the same history.
    before = history_items(page).count() - 1

    page.reload()  # the open conversation comes back exactly as answered, sources included
    expect(page.locator("#chatbot .message.bot")).to_have_count(2)
    assert page.locator("#chatbot .message.bot").first.inner_text() == answer_text
    expect(page.locator('#sources .sources-latest[data-turn="2"] .source-card').first).to_be_visible()
    follow = ask(page, "Which of them needs a body model?", turn=3)  # follow-ups continue the restored one
    expect(follow).not_to_be_empty()

    page.click("#clear")  # New chat: blank, and the old conversation is one click away
    expect(page.locator("#chatbot .message")).to_have_count(0)
    expect(page.locator("#chat-notice .notice-info")).to_contain_text("is saved in the history")
    ask(page, "Which papers do virtual try-on of garments with diffusion models?", turn=1)
    expect(history_items(page)).to_have_count(before + 2)
    history_items(page).filter(has_text="How does ECON differ from ICON, in short?").click()
    expect(page.locator("#chatbot .message.bot")).to_have_count(3)

    page.get_by_text("Rename or delete").click()
    rename_box = page.locator("#rename-box input, #rename-box textarea")
    # The opened conversation's name must be in the box before typing: in CI the name typed was once replaced by
    # the old one before Rename was pressed, and the conversation kept its name
    expect(rename_box).to_have_value("How does ECON differ from ICON, in short?")
    rename_box.fill("ECON versus ICON notes")
    expect(rename_box).to_have_value("ECON versus ICON notes")
    page.click("#rename")
    expect(history_items(page).filter(has_text="ECON versus ICON notes")).to_have_count(1)
    page.fill("#history-search input, #history-search textarea", "try-on of garments")
    expect(history_items(page)).to_have_count(1)
    expect(history_items(page).first).to_contain_text("virtual try-on")
    page.fill("#history-search input, #history-search textarea", "")
    expect(history_items(page)).to_have_count(before + 2)

    page.click("#delete-conversation")
    expect(page.locator("#chat-notice .notice-info")).to_contain_text("Deleted “ECON versus ICON notes”")
    expect(page.locator("#chatbot .message")).to_have_count(0)
    expect(history_items(page)).to_have_count(before + 1)
    page.reload()
    expect(history_items(page)).to_have_count(before + 1)
    expect(page.locator("#chatbot .message")).to_have_count(0)  # the deleted conversation is not restored


def test_markdown_exports_copy_and_regenerate(page: Any) -> None:
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("#clear")
    bubble = ask(page, "Which papers use the SMPL-X body model?", turn=1)
    cited = bubble.locator("a.cite").count()
    assert cited >= 2

    with page.expect_download() as download_info:
        page.click("#download-conversation")
    text = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert text.startswith("# Which papers use the SMPL-X body model?")
    body, references = text.split("## References\n", 1)
    markers = set(re.findall(r"\[(\d+)\]", body))
    numbered = re.findall(r"^(\d+)\. ", references, flags=re.MULTILINE)
    assert markers and markers == set(numbered), (markers, numbered)
    assert "<a " not in text and "&#x27;" not in text and "&amp;" not in text
    assert "> " in references  # each reference quotes its evidence

    with page.expect_download() as download_info:
        page.click("#download-answer")
    assert Path(download_info.value.path()).read_text(encoding="utf-8").count("## References") == 1

    page.click("#copy-markdown")
    expect(page.locator("#chat-notice .notice-info")).to_contain_text("Copied the answer as Markdown")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert "## References" in copied and "<a " not in copied

    bubble.hover()
    page.locator("#chatbot button[aria-label='Retry']").click()  # regenerate: the same question, answered again
    page.wait_for_selector('#sources .sources-latest[data-turn="1"]', timeout=ANSWER_TIMEOUT_MS)
    expect(page.locator("#ask")).to_be_enabled()
    expect(page.locator("#chatbot .message.user")).to_have_count(1)
    expect(page.locator("#chatbot .message.bot")).to_have_count(1)

    # Edit and resend: the question is changed in place and answered anew; the saved turn is replaced.
    edited = "Which papers do virtual try-on with diffusion models?"
    page.locator("#chatbot .message.user").first.hover()
    page.locator("#chatbot button[aria-label='Edit']").first.click()
    page.locator("#chatbot textarea").first.fill(edited)
    page.locator("#chatbot button[aria-label='Submit']").first.click()
    expect(page.locator("#chatbot .message.bot").first).to_contain_text("try-on", timeout=ANSWER_TIMEOUT_MS)
    expect(page.locator("#ask")).to_be_enabled()
    page.reload()
    expect(page.locator("#chatbot .message.user")).to_have_text([edited])
    expect(page.locator("#chatbot .message.bot")).to_have_count(1)


def open_settings(page: Any) -> None:
    page.get_by_role("tab", name="Settings").click()


def test_settings_are_saved_survive_reload_and_never_show_the_key(page: Any, app_server: AppServer) -> None:
    typed_key = "sk-typed-in-the-page-9876543210"
    open_settings(page)
    expect(page.locator("#api-key-state")).to_contain_text("set (from OPENAI_API_KEY)")
    page.fill("#base-url input, #base-url textarea", "ftp://nowhere")
    page.click("#save-settings")
    expect(page.locator("#settings-status .notice-error")).to_contain_text("must start with http")

    page.fill("#base-url input, #base-url textarea", "http://127.0.0.1:9/v1")
    page.fill("#api-key input", typed_key)
    page.locator("#top-k input[type=number]").fill("3")
    page.locator("#local-model input[value='0.5b']").check()
    page.click("#save-settings")
    expect(page.locator("#settings-status .notice-info")).to_contain_text("Saved")
    expect(page.locator("#api-key input")).to_have_value("")
    expect(page.locator("#api-key-state")).to_contain_text("set (saved in the app)")
    key_file = app_server.home / "api_key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600 and typed_key in key_file.read_text()

    page.reload()
    open_settings(page)
    expect(page.locator("#base-url input, #base-url textarea")).to_have_value("http://127.0.0.1:9/v1")
    expect(page.locator("#top-k input[type=number]")).to_have_value("3")
    expect(page.locator("#local-model input[value='0.5b']")).to_be_checked()
    assert typed_key not in page.content()
    with urllib.request.urlopen(app_server.url + "config", timeout=10) as response:  # noqa: S310 - local server
        assert typed_key not in response.read().decode()

    page.get_by_role("tab", name="Chat").click()  # top-k took effect: the answer lists at most 3 papers
    page.click("#clear")
    ask(page, "Which papers reconstruct clothed humans from one photo?", turn=1)
    cards = page.locator("#sources .sources-latest .source-card").count()
    others = page.locator("#sources .other-retrieved li").count()
    assert cards + others <= 3, (cards, others)

    open_settings(page)  # put the shared server back as it was
    page.fill("#base-url input, #base-url textarea", "")
    page.locator("#top-k input[type=number]").fill("10")
    page.locator("#local-model input[value='1.5b']").check()
    page.check("#forget-key input")
    page.click("#save-settings")
    expect(page.locator("#api-key-state")).to_contain_text("set (from OPENAI_API_KEY)")
    assert not key_file.exists()


# --- several users -----------------------------------------------------------------------------------------

PAPERS = [
    {"title": "ZebraNet: Detecting Zebra Stripes", "abstract": "We detect zebra stripes in savanna photographs "
     "with a convolutional network. ZebraNet is accurate on wild zebras and on zoo photographs."},
    {"title": "GiraffeGAN: Generating Giraffe Necks", "abstract": "We generate images of giraffe necks with "
     "a generative adversarial network. GiraffeGAN produces long and realistic necks."},
    {"title": "OkapiSeg: Segmenting Okapis", "abstract": "We segment okapis in forest camera-trap images. "
     "OkapiSeg outperforms earlier segmenters on rare forest animals."},
]


class UsersServer:
    def __init__(self, home: Path) -> None:
        self.home = home
        users = home / "users.txt"
        users.write_text("# user:password\nalice:alice-pass-1\nbob:bob-pass-2\n", encoding="utf-8")
        users.chmod(0o600)
        self.env = {**ui_env(home), "PAPERCHAT_USERS": str(users)}
        corpus = home / "animals.jsonl"
        corpus.write_text("".join(json.dumps(p) + "\n" for p in PAPERS), encoding="utf-8")
        done = subprocess.run(paperchat_command("ingest", str(corpus)), env=self.env, capture_output=True,
                              text=True, timeout=300, check=False)
        assert done.returncode == 0, done.stderr
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = self.home / "serve.log"
        with log.open("ab") as sink:
            self.process = subprocess.Popen(
                paperchat_command("serve", "--port", str(self.port), "--backend", "extractive"),
                env=self.env, stdout=sink, stderr=subprocess.STDOUT,
            )
        wait_until_serving(self.url, self.process, SERVER_START_TIMEOUT_S, log)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
            self.process = None


@pytest.fixture(scope="module")
def users_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[UsersServer]:
    server = UsersServer(tmp_path_factory.mktemp("users-home"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def signed_in(browser: Any, server: UsersServer, user: str, password: str, context: Any = None) -> Any:
    context = context or browser.new_context(viewport={"width": 1400, "height": 900})
    context.set_default_timeout(20_000)
    response = context.request.post(server.url + "login", form={"username": user, "password": password})
    assert response.ok, response.status
    page = context.new_page()
    page.goto(server.url)
    page.wait_for_selector("#question textarea")
    return page


def test_two_users_never_see_each_others_conversations_and_history_survives_a_restart(
    browser: Any, users_server: UsersServer
) -> None:
    anonymous = browser.new_context()
    try:
        anonymous_page = anonymous.new_page()
        anonymous_page.goto(users_server.url)
        expect(anonymous_page.locator("#question textarea")).to_have_count(0)  # a login form, not the app
    finally:
        anonymous.close()
    wrong = browser.new_context()
    try:
        assert not wrong.request.post(users_server.url + "login",
                                      form={"username": "alice", "password": "bob-pass-2"}).ok
    finally:
        wrong.close()

    alice = signed_in(browser, users_server, "alice", "alice-pass-1")
    bob = signed_in(browser, users_server, "bob", "bob-pass-2")
    try:
        ask(alice, "Which paper detects zebra stripes?", turn=1)
        expect(history_items(alice).filter(has_text="zebra stripes")).to_have_count(1)
        ask(bob, "Which paper generates giraffe necks?", turn=1)
        expect(history_items(bob)).to_have_count(1)
        expect(history_items(bob).first).to_contain_text("giraffe")
        bob.fill("#history-search input, #history-search textarea", "zebra")
        expect(history_items(bob)).to_have_count(0)
        bob.reload()
        expect(history_items(bob)).to_have_count(1)
        assert "zebra stripes?" not in bob.content()
        alice.reload()
        expect(history_items(alice)).to_have_count(1)
        assert "giraffe necks?" not in alice.content()

        users_server.stop()  # a restart: the history is in SQLite, the open conversation in alice's browser
        users_server.start()
        alice_again = signed_in(browser, users_server, "alice", "alice-pass-1", context=alice.context)
        expect(alice_again.locator("#chatbot .message.user")).to_have_count(1)
        expect(alice_again.locator("#chatbot .message.user").first).to_contain_text("zebra stripes")
        expect(history_items(alice_again)).to_have_count(1)
    finally:
        alice.context.close()
        bob.context.close()
