"""The conversation that showed misattribution, replayed in a real browser with the default local model (1.5B).

"Which papers reconstruct clothed 3D humans from a single image?" → "How does ECON differ from ICON?" →
"Which one needs a body model?". The second question names papers, so it is a new topic (ECON and ICON,
not the previous turn's papers); every sentence that names ECON, ICON or TeCH must cite that paper; the
third question is about ECON and ICON only.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from rag.llm_server import free_port, wait_until_serving
from rag.models import LLM_QUALITY
from tests.conftest import model_available
from tests.conftest_ui import SERVER_START_TIMEOUT_S, AppServer, ask_in_page, paperchat_command, ui_env

pytest_plugins = ["tests.conftest_ui"]
pytestmark = [pytest.mark.browser, pytest.mark.llm]

ANSWER_TIMEOUT_MS = 600_000  # the 1.5B on 2 shared cores, server start included
NAMES = {"ECON": "ECON:", "ICON": "ICON:", "TeCH": "TeCH:"}


@pytest.fixture(scope="module")
def local_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    if not model_available(LLM_QUALITY):
        pytest.skip("the 1.5B GGUF is not fetched: run `make models`")
    home = tmp_path_factory.mktemp("ui-local-home")
    env = {**ui_env(home), "PAPERCHAT_BACKEND": "local", "PAPERCHAT_LOCAL_MODEL": "1.5b", "PAPERCHAT_LLM_TIMEOUT": "300"}
    env.pop("OPENAI_API_KEY", None)
    ingest = subprocess.run(paperchat_command("ingest"), env=env, capture_output=True, text=True, timeout=600, check=False)
    assert ingest.returncode == 0, ingest.stderr
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    log = home / "serve.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(paperchat_command("serve", "--port", str(port)), env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        wait_until_serving(url, process, SERVER_START_TIMEOUT_S, log)
        yield AppServer(url, home, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def ask(page: Any, question: str, turn: int) -> Any:
    bubble = ask_in_page(page, question, turn, ANSWER_TIMEOUT_MS)
    # The 1.5B wrote it: a crashed server or a wholly unsupported draft falls back to the extractive answer,
    # which would pass every check below without testing the model's attributions.
    expect(page.locator("#chat-notice")).not_to_contain_text("extractive answer")
    return bubble


def cited_titles(page: Any) -> dict[int, str]:
    """[n] → the title on the latest answer's source card for n."""
    titles: dict[int, str] = {}
    for card in page.locator("#sources .sources-latest .source-card").all():
        numbers = [int(n) for n in re.findall(r"\[(\d+)\]", card.locator(".source-n").inner_text())]
        title = card.locator("header").inner_text()
        for n in numbers:
            titles[n] = title
    return titles


def claims(bubble: Any) -> list[tuple[str, list[int]]]:
    """Each sentence of the answer text (the verification details excluded) with its [n] markers."""
    text = bubble.locator(".prose, .md").first.inner_text() if bubble.locator(".prose, .md").count() else bubble.inner_text()
    text = text.split("How each sentence was checked")[0]
    out = []
    for sentence in re.split(r"(?<=[.!?\]])\s+(?=[A-Z\u201c-])", text):
        numbers = [int(n) for n in re.findall(r"\[(\d+)\]", sentence)]
        if numbers:
            out.append((sentence, numbers))
    return out


def assert_each_claim_cites_the_papers_it_names(page: Any, bubble: Any, allowed: set[str]) -> set[str]:
    titles = cited_titles(page)
    cited = set()
    found = claims(bubble)
    assert found, bubble.inner_text()
    for sentence, numbers in found:
        cards = [titles[n] for n in numbers if n in titles]
        assert len(cards) == len(numbers), (sentence, titles)
        for name, prefix in NAMES.items():
            if re.search(rf"\b{name}\b", sentence):
                assert any(card.lstrip("[]0-9 ").startswith(prefix) or prefix in card for card in cards), (sentence, cards)
        for card in cards:
            paper = next((name for name, prefix in NAMES.items() if prefix in card), card)
            cited.add(paper)
    assert cited <= allowed, (cited, bubble.inner_text())
    return cited


def test_econ_icon_conversation_cites_the_right_paper_for_every_claim(browser: Any, local_app: AppServer) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(30_000)
    page = context.new_page()
    try:
        page.goto(local_app.url)
        page.wait_for_selector("#question textarea")
        ask(page, "Which papers reconstruct clothed 3D humans from a single image?", turn=1)
        second = ask(page, "How does ECON differ from ICON?", turn=2)
        cited = assert_each_claim_cites_the_papers_it_names(page, second, allowed={"ECON", "ICON"})
        assert cited == {"ECON", "ICON"}, second.inner_text()
        third = ask(page, "Which one needs a body model?", turn=3)
        assert_each_claim_cites_the_papers_it_names(page, third, allowed={"ECON", "ICON"})
        expect(third).to_contain_text("SMPL")
    except Exception:
        Path("tests/artifacts").mkdir(parents=True, exist_ok=True)
        page.screenshot(path="tests/artifacts/econ_icon_conversation.png", full_page=True)
        raise
    finally:
        context.close()
