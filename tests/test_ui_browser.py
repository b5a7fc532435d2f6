"""The app in a real browser (Debian's chromium through Playwright) against a real `paperchat serve`.

Tests run in file order on one server; the ones that upload papers come last,
so the questions before them see only the bundled corpus.
"""

from __future__ import annotations

import json
import re
import urllib.request
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

from tests.conftest_ui import ask_in_page

if TYPE_CHECKING:
    from tests.conftest_ui import AppServer, DialogLog

pytest_plugins = ["tests.conftest_ui"]
pytestmark = pytest.mark.browser

ANSWER_TIMEOUT_MS = 60_000  # the first question of a fresh server also warms the sentence index
XSS_TITLE = "<img src=x onerror=alert(1)>: Pineapple Pizza Reasoning"
XSS_ABSTRACT = (
    "<script>alert(2)</script> We study whether <b>pineapple</b> belongs on pizza <img src=y onerror=alert(3)> "
    "and find that pineapple pizza divides kitchens across every country we surveyed."
)


def ask(page: Any, question: str, turn: int) -> Any:
    return ask_in_page(page, question, turn, ANSWER_TIMEOUT_MS)


def open_tab(page: Any, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def citation_targets(bubble: Any) -> list[str]:
    return list(dict.fromkeys(bubble.locator("a.cite").evaluate_all("els => els.map(e => e.getAttribute('href'))")))


def test_chat_answer_citations_sources_and_follow_up(page: Any, dialogs: DialogLog) -> None:
    first = ask(page, "Which papers use the SMPL-X body model?", turn=1)
    expect(page.locator("#question textarea")).to_have_value("")
    expect(first).to_contain_text("SMPL-X")
    targets = citation_targets(first)
    assert len(targets) >= 3 and all(re.fullmatch(r"#src-\d+", t) for t in targets), targets

    cards = page.locator("#sources .sources-latest .source-card")
    assert cards.count() == len(targets)
    for target in targets:  # every [n] leads to a card that shows its evidence inside the abstract
        card = page.locator(f"#sources {target}")
        expect(card).to_have_count(1)
        expect(card.locator(".source-abstract mark").first).to_be_visible()
        expect(card.locator(".source-score")).to_contain_text("match")
    expect(page.locator("#sources details.other-retrieved summary")).to_contain_text("Other retrieved papers")

    last_target = targets[-1]
    last_card = page.locator(f"#sources {last_target}")
    expect(last_card).not_to_be_in_viewport()
    first.locator(f'a.cite[href="{last_target}"]').first.click()
    expect(last_card).to_be_in_viewport()

    second = ask(page, "What data does it use?", turn=2)
    expect(page.locator("#chatbot .message.user")).to_have_count(2)
    assert citation_targets(second)
    # The first answer's citations now point at that turn's own cards, kept in a collapsed section.
    earlier_targets = citation_targets(first)
    assert earlier_targets and all(t.startswith("#t1-src-") for t in earlier_targets), earlier_targets
    earlier_card = page.locator(f"#sources {earlier_targets[0]}")
    expect(earlier_card).to_be_hidden()
    first.locator("a.cite").first.click()
    expect(earlier_card).to_be_in_viewport()
    assert dialogs.messages == []


def test_examples_refusal_empty_question_and_stop(page: Any) -> None:
    # The chat's own example, not a saved conversation of the same title in the history list (the server is
    # shared with earlier test files that asked it: clicking that opened the conversation, the box stayed empty)
    page.locator("#chatbot").get_by_text("How does ECON differ from ICON?").click()
    expect(page.locator("#question textarea")).to_have_value("How does ECON differ from ICON?")

    page.fill("#question textarea", "   ")
    page.click("#ask")
    expect(page.locator("#chat-notice .notice-error")).to_contain_text("empty question")

    ask(page, "What is the capital of France?", turn=1)
    expect(page.locator("#chat-notice .notice-refused")).to_be_visible()
    expect(page.locator("#sources")).to_contain_text("No sources: the question was refused")

    # The `openai` backend of the test server is an endpoint that never answers: the answer is in progress at Stop.
    # The backend is an app-wide setting: put back even if an assertion fails, or later tests would stall too.
    choose_backend(page, "openai")
    try:
        expect(page.locator("#stop")).to_be_disabled()  # nothing runs yet
        asked = f"Which papers re-identify people who change clothes? (run {uuid.uuid4().hex[:8]})"
        page.fill("#question textarea", asked)
        page.click("#ask")
        expect(page.locator("#chatbot .progress-stage")).to_be_visible()  # the stage it is in, from the engine
        expect(page.locator("#ask")).to_be_disabled()  # no second question while one is answered
        expect(page.locator("#stop")).to_be_enabled()
        expect(page.locator("#question textarea")).to_have_value("")
        # Only the chat shows that it is busy: Gradio's pending outline is not drawn on the other outputs.
        for other in ("#question", "#history-search", "#sources"):
            expect(page.locator(f"{other} .wrap.full").first).to_have_class(re.compile(r"\bhide\b"))
        page.click("#stop")
        expect(page.locator("#chat-notice .notice-stopped")).to_be_visible()
        expect(page.locator("#chatbot .message.bot")).to_have_count(1)  # the stopped answer was not kept
        expect(page.locator("#question textarea")).to_have_value(asked)  # the question is back, to edit or resend
        expect(page.locator("#stop")).to_be_disabled()
        expect(page.locator("#ask")).to_be_enabled()
    finally:
        choose_backend(page, "extractive")
    ask(page, "How does ECON differ from ICON?", turn=2)  # and the session still answers


def choose_backend(page: Any, name: str) -> None:
    """The app's backend, saved on the Settings tab; back to the Chat tab after."""
    open_tab(page, "Settings")
    page.click("#backend input")
    page.get_by_role("option", name=name, exact=True).click()
    expect(page.locator("#backend input")).to_have_value(name)
    page.click("#save-settings")
    expect(page.locator("#settings-status")).to_contain_text("Saved")
    open_tab(page, "Chat")


def test_library_search_detail_and_ask_about(page: Any) -> None:
    open_tab(page, "Library")
    titles = page.locator("#library-table [role=gridcell][data-col='0']")
    expect(titles.first).to_be_visible()
    page.fill("#library-search textarea", "no paper has this zqxj word")
    expect(titles).to_have_count(0)
    page.fill("#library-search textarea", "bedlam")
    expect(titles).to_have_count(1)
    expect(titles.first).to_contain_text("BEDLAM: A Synthetic Dataset")
    expect(page.locator("#library-table [role=gridcell][data-col='4'] a.link-project")).to_have_attribute(
        "href", "https://bedlam.is.tue.mpg.de/"
    )
    titles.first.click()
    detail = page.locator("#paper-detail")
    expect(detail.locator(".paper-title")).to_have_text(
        "BEDLAM: A Synthetic Dataset of Bodies Exhibiting Detailed Lifelike Animated Motion"
    )
    expect(detail.locator(".paper-abstract")).to_contain_text("synthetic data")
    page.click("#ask-about")
    expect(page.locator("#question textarea")).to_be_visible()
    expect(page.locator("#question textarea")).to_have_value(re.compile(r"^What does BEDLAM propose"))
    bubble = ask(page, page.input_value("#question textarea"), turn=1)
    expect(bubble).to_contain_text("BEDLAM")


def test_compare_table_cites_every_cell(page: Any) -> None:
    open_tab(page, "Compare")
    for title in (
        "ECON: Explicit Clothed humans Optimized via Normal integration",
        "ICON: Implicit Clothed humans Obtained from Normals",
    ):
        page.click("#compare-pick input")
        page.keyboard.type(title.split(":")[0] + ":")
        page.get_by_role("option", name=title).click()
    page.click("#compare-run")
    table = page.locator("#compare-table table.compare-table")
    expect(table).to_be_visible(timeout=30_000)
    headers = table.locator("thead th")
    expect(headers).to_have_count(3)
    expect(headers.nth(1)).to_contain_text("ECON: Explicit Clothed humans")
    expect(headers.nth(2)).to_contain_text("ICON: Implicit Clothed humans")
    cells = table.locator("tbody td")
    assert cells.count() >= 6
    for i in range(cells.count()):
        expect(cells.nth(i).locator("a.cite")).to_have_count(1)
    expect(page.locator("#compare-table #cmp-1")).to_contain_text("ECON")


def test_settings_show_data_but_never_the_api_key(page: Any, app_server: AppServer) -> None:
    from tests.conftest_ui import FAKE_API_KEY

    open_tab(page, "Settings")
    view = page.locator("#settings-view")
    expect(view).to_contain_text("api_key")
    expect(view).to_contain_text("embedded")
    expect(page.locator("#backend input")).to_have_value("extractive")
    assert FAKE_API_KEY not in page.content()
    with urllib.request.urlopen(app_server.url + "config", timeout=10) as response:  # noqa: S310 - local server
        assert FAKE_API_KEY not in response.read().decode()


def upload(page: Any, path: Path) -> Any:
    page.set_input_files("#upload input[type=file]", str(path))
    result = page.locator("#upload-result .notice-error, #upload-result #upload-summary")
    expect(result).to_have_count(1, timeout=60_000)
    expect(result).to_be_visible(timeout=60_000)
    return result


def test_malformed_uploads_show_a_one_line_rejection(page: Any, tmp_path: Path) -> None:
    open_tab(page, "Library")
    no_abstract = tmp_path / "no abstract.csv"
    no_abstract.write_text(
        "title,summary\nA paper,Some text that is long enough to be an abstract.\n", encoding="utf-8"
    )
    result = upload(page, no_abstract)
    expect(result).to_have_text(re.compile(r"^no_abstract\.csv:1: CSV header lacks abstract"))
    assert "\n" not in result.inner_text().strip()
    assert "/" not in result.inner_text()  # the server's upload folder is not shown

    unknown = tmp_path / "papers.xyz"
    unknown.write_text("whatever\n", encoding="utf-8")
    result = upload(page, unknown)
    expect(result).to_contain_text("papers.xyz: unknown format '.xyz'")
    expect(page.locator("#header")).to_contain_text("79 papers")  # nothing was stored


def test_uploaded_markup_is_shown_as_text_and_never_runs(page: Any, dialogs: DialogLog, tmp_path: Path) -> None:
    source = tmp_path / "evil.jsonl"
    records = [
        {"title": XSS_TITLE, "abstract": XSS_ABSTRACT, "authors": "<b>Mallory</b>"},
        {"title": "A paper without its abstract"},
        {"title": "Script link", "abstract": XSS_ABSTRACT, "url": "javascript:alert(4)"},
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    open_tab(page, "Library")
    summary = upload(page, source)
    expect(summary).to_contain_text("evil.jsonl: 1 added, 2 rejected. The library now holds 80 papers.")
    expect(summary.locator("ul.upload-added li")).to_have_text([XSS_TITLE])  # the new title, as text
    rejected = summary.locator("ul.upload-rejected li")
    expect(rejected).to_have_text(["evil.jsonl:2 missing abstract", "evil.jsonl:3 url must start with http:// or https://"])
    assert "/" not in rejected.first.inner_text().split(" ")[0]  # the server's upload folder is not shown
    expect(page.locator("#header")).to_contain_text("80 papers")
    expect(page.locator("#library-count")).to_contain_text("80 papers")

    page.fill("#library-search textarea", "pineapple")
    title_cell = page.locator("#library-table [role=gridcell][data-col='0']")
    expect(title_cell).to_have_count(1)
    expect(title_cell.first).to_have_text(XSS_TITLE)
    expect(page.locator("#library-table [role=gridcell][data-col='3']").first).to_have_text(
        "<img src=x onerror=alert(1)>"
    )
    expect(page.locator("#library-table [role=gridcell][data-col='1']").first).to_have_text("<b>Mallory</b>")
    title_cell.first.click()
    detail = page.locator("#paper-detail")
    expect(detail.locator(".paper-title")).to_have_text(XSS_TITLE)
    expect(detail.locator(".paper-abstract")).to_contain_text("<script>alert(2)</script>")
    expect(detail).to_contain_text("<b>Mallory</b>")
    expect(detail.locator("a")).to_have_count(0)  # no link: the javascript: URL was rejected at ingest

    open_tab(page, "Chat")
    question = "<img src=q onerror=alert(5)> Does pineapple belong on pizza?"
    bubble = ask(page, question, turn=1)
    expect(page.locator("#chatbot .message.user").first).to_contain_text(question)
    expect(bubble).to_contain_text("pineapple")
    card = page.locator("#sources .sources-latest .source-card").first
    expect(card).to_contain_text(XSS_TITLE)
    expect(card.locator(".source-abstract")).to_contain_text("<img src=y onerror=alert(3)>")

    assert page.locator("img[src='x'], img[src='y'], img[src='q'], script:text('alert')").count() == 0
    page.wait_for_timeout(300)  # let any onerror handler fire if one had been created
    assert dialogs.messages == []


def test_delete_a_paper_from_the_library(page: Any) -> None:
    open_tab(page, "Library")
    page.fill("#library-search textarea", "pineapple")
    expect(page.locator("#library-count")).to_contain_text("1 of 80 papers match")
    page.locator("#library-table [role=gridcell][data-col='0']").first.click()
    expect(page.locator("#paper-detail .paper-title")).to_have_text(XSS_TITLE)
    page.click("#delete-paper")
    expect(page.locator("#paper-notice")).to_contain_text("Delete this paper from the library?")
    page.click("#cancel-delete-paper")  # nothing happens without the confirmation
    expect(page.locator("#confirm-delete-paper")).to_be_hidden()
    expect(page.locator("#header")).to_contain_text("80 papers")
    page.click("#delete-paper")
    page.click("#confirm-delete-paper")
    expect(page.locator("#paper-notice .notice-info")).to_contain_text("Deleted")
    expect(page.locator("#header")).to_contain_text("79 papers")
    expect(page.locator("#library-count")).to_contain_text("0 of 79 papers match")
    expect(page.locator("#delete-paper")).to_be_disabled()
    open_tab(page, "Chat")
    page.fill("#question textarea", "Does pineapple belong on pizza?")
    page.click("#ask")
    expect(page.locator("#chat-notice .notice-refused")).to_be_visible(timeout=ANSWER_TIMEOUT_MS)
