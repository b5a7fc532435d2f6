"""The app's filter rows in a real browser (Debian's chromium through Playwright) against a real `paperchat serve`.

The shared server holds the bundled corpus, whose papers carry no year, author, venue or category: every
filter keeps nothing there, which is the case the rows must explain (the kept-papers case is covered
through the API in tests/test_filters_api.py and on the engine in tests/test_filters.py).
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

pytest_plugins = ["tests.conftest_ui"]
pytestmark = pytest.mark.browser

NO_MATCH = "No paper in the collection matches year ≥ 2030 — widen the filter"


def test_chat_filter_row_explains_a_filter_that_keeps_nothing(page: Any) -> None:
    page.fill("#chat-year-from textarea, #chat-year-from input", "2030")
    expect(page.locator("#chat-filter-notice")).to_contain_text(NO_MATCH)
    page.fill("#question textarea", "How does ECON differ from ICON?")
    page.click("#ask")
    bubble = page.locator("#chatbot .message.bot").first
    expect(bubble).to_contain_text(NO_MATCH, timeout=60_000)
    expect(page.locator("#chat-notice")).to_contain_text("Not answered: " + NO_MATCH)
    expect(page.locator("#chat-notice")).not_to_contain_text("do not cover this question")
    expect(page.locator("#chat-notice")).to_contain_text("filtered to 2030–")
    # A value the row cannot use is shown, and a question asked meanwhile is not answered unfiltered.
    page.fill("#chat-year-from textarea, #chat-year-from input", "20x")
    expect(page.locator("#chat-filter-notice")).to_contain_text("the years take 2025, 2024:, :2023 or 2023:2025")
    page.fill("#question textarea", "Which papers use the SMPL-X body model?")
    page.click("#ask")
    expect(page.locator("#chat-notice")).to_contain_text("filter: the years take")
    expect(page.locator("#chatbot .message.bot")).to_have_count(1)
    page.fill("#chat-year-from textarea, #chat-year-from input", "")
    expect(page.locator("#chat-filter-notice")).to_be_empty()


def test_library_filter_row_narrows_the_list(page: Any) -> None:
    page.get_by_role("tab", name="Library").click()
    expect(page.locator("#library-count")).to_contain_text("79 papers")
    page.fill("#library-category textarea, #library-category input", "cs.CV")
    expect(page.locator("#library-filter-notice")).to_contain_text(
        "No paper in the collection matches category cs.CV — widen the filter"
    )
    expect(page.locator("#library-count")).to_contain_text("0 of 79 papers match")
    page.fill("#library-category textarea, #library-category input", "")
    expect(page.locator("#library-count")).to_contain_text("79 papers")
    expect(page.locator("#library-filter-notice")).to_be_empty()
