"""The research-workspace parts of the app in a real browser: honest progress, the cited papers as BibTeX/RIS,
the compare view over the bundled corpus, and keyboard and contrast checks.

Runs on the shared extractive server of tests.conftest_ui; its `openai` backend is an endpoint that never
answers, which holds an answer in its "writing" stage for as long as a test needs.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from rag.bibliography import _bibtex_key
from tests.conftest_ui import ask_in_page

pytest_plugins = ["tests.conftest_ui"]
pytestmark = pytest.mark.browser

ANSWER_TIMEOUT_MS = 60_000
STAGE_ORDER = ["Finding sources…", "Checking the sources…", "Writing…", "Verifying…"]

# Records, in order, every stage line the answer bubble showed and when the sources panel first held the
# early cards and the final ones: a MutationObserver sees each DOM change, however short-lived.
RECORD_JS = """
() => {
  window.paperchatLog = [];
  const log = window.paperchatLog;
  const seen = () => {
    const line = document.querySelector('#chatbot .progress-stage');
    const text = line ? line.textContent.trim() : null;
    const last = [...log].reverse().find(e => e.kind === 'stage');
    if (text && (!last || last.text !== text)) log.push({kind: 'stage', text});
    if (document.querySelector('#sources .sources-pending') && !log.some(e => e.kind === 'early-cards'))
      log.push({kind: 'early-cards', ids: [...document.querySelectorAll('#sources .sources-pending .source-card')]
        .map(c => c.id)});
    if (document.querySelector('#sources .sources-latest') && !log.some(e => e.kind === 'final-cards'))
      log.push({kind: 'final-cards', stageShown: !!line});
  };
  new MutationObserver(seen).observe(document.body, {subtree: true, childList: true, characterData: true});
}
"""


def ask(page: Any, question: str, turn: int) -> Any:
    return ask_in_page(page, question, turn, ANSWER_TIMEOUT_MS)


def open_tab(page: Any, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def choose_backend(page: Any, name: str) -> None:
    open_tab(page, "Settings")
    page.click("#backend input")
    page.get_by_role("option", name=name, exact=True).click()
    expect(page.locator("#backend input")).to_have_value(name)
    page.click("#save-settings")
    expect(page.locator("#settings-status")).to_contain_text("Saved")
    open_tab(page, "Chat")


@pytest.fixture
def stalling_backend(page: Any) -> Iterator[None]:
    """The app answers with the endpoint that never replies; the extractive backend is put back after, even
    when an assertion fails (the backend is app-wide: later tests would stall too)."""
    choose_backend(page, "openai")
    try:
        yield
    finally:
        if page.locator("#stop").is_enabled():
            page.click("#stop")
        choose_backend(page, "extractive")


def stage_names(log: list[dict[str, Any]]) -> list[str]:
    """The stage texts seen, without their seconds, each once, in order."""
    names = [re.sub(r"\s*\d+ s$", "", e["text"]) for e in log if e["kind"] == "stage"]
    return list(dict.fromkeys(names))


def test_progress_shows_each_stage_in_order_and_the_sources_before_the_answer(page: Any) -> None:
    page.click("#clear")
    page.evaluate(RECORD_JS)
    bubble = ask(page, "Which papers use the SMPL-X body model?", turn=1)
    log = page.evaluate("window.paperchatLog")
    assert stage_names(log) == STAGE_ORDER, log
    kinds = [e["kind"] for e in log]
    early, final = kinds.index("early-cards"), kinds.index("final-cards")
    assert early < final, log
    assert [e for e in log if e["kind"] == "early-cards"][0]["ids"][:2] == ["src-1", "src-2"], log
    # The early cards came with the "sources" stage, before writing began.
    writing = next(i for i, e in enumerate(log) if e["kind"] == "stage" and e["text"].startswith("Writing"))
    assert early < writing, log
    # The finished answer carries no stage line, and every [n] leads to a card.
    expect(page.locator("#chatbot .progress-stage")).to_have_count(0)
    for href in bubble.locator("a.cite").evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        expect(page.locator(f"#sources {href}")).to_have_count(1)


def test_a_long_stage_shows_its_elapsed_seconds_and_the_cards_while_it_runs(page: Any, stalling_backend: None) -> None:
    page.click("#clear")
    page.fill("#question textarea", f"Which papers re-identify people who change clothes? (run {uuid.uuid4().hex[:8]})")
    page.click("#ask")
    stage = page.locator("#chatbot .progress-stage")
    expect(stage).to_have_text(re.compile(r"^Writing… \d+ s$"), timeout=ANSWER_TIMEOUT_MS)
    first = int(re.findall(r"\d+", stage.inner_text())[-1])
    expect(stage).not_to_have_text(f"Writing… {first} s", timeout=5_000)  # the seconds tick while it waits
    assert int(re.findall(r"\d+", stage.inner_text())[-1]) > first
    # The sources the model is reading are shown while it writes, as cards [1], [2]…
    cards = page.locator("#sources .sources-pending .source-card")
    expect(cards.first).to_have_id("src-1")
    assert "clothes" in page.locator("#sources").inner_text().lower()
    page.click("#stop")
    expect(page.locator("#chat-notice .notice-stopped")).to_be_visible()
    expect(page.locator("#chatbot .progress-stage")).to_have_count(0)


def download_text(page: Any, selector: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.click(selector)
    download = info.value
    return download.suggested_filename, Path(download.path()).read_text(encoding="utf-8")


def test_cited_papers_download_as_bibtex_and_ris_with_exactly_the_cited_papers(page: Any) -> None:
    page.click("#clear")
    expect(page.locator("#download-bibtex")).to_be_disabled()  # nothing answered yet: nothing to cite
    ask(page, "How does ECON differ from ICON?", turn=1)
    cited = page.locator("#sources .sources-latest .source-card").evaluate_all(
        "cards => cards.map(c => c.getAttribute('data-paper-id'))"
    )
    assert len(cited) >= 2
    titles = page.locator("#sources .sources-latest .source-card .source-title").all_inner_texts()

    name, bib = download_text(page, "#download-bibtex")
    assert name.endswith(".bib")
    keys = re.findall(r"^@\w+\{([^,]+),", bib, flags=re.MULTILINE)
    assert keys == [_bibtex_key(pid) for pid in cited], (keys, cited)  # exactly the cited papers, in citation order
    for title in titles:
        assert title.split(":")[0] in bib

    name, ris = download_text(page, "#download-ris")
    assert name.endswith(".ris")
    assert re.findall(r"^ID  - (.+)$", ris, flags=re.MULTILINE) == cited
    assert ris.count("TY  - ") == ris.count("ER  - ") == len(cited)

    ask(page, "What is the capital of France?", turn=2)  # refused: it cites no paper, so there is no file
    expect(page.locator("#download-bibtex")).to_be_disabled()
    expect(page.locator("#download-ris")).to_be_disabled()


COMPARED = {
    "ECON": "ECON: Explicit Clothed humans Optimized via Normal integration",
    "ICON": "ICON: Implicit Clothed humans Obtained from Normals",
    "TeCH": "TeCH: Text-guided Reconstruction of Lifelike Clothed Humans",
}


def test_compare_rows_hold_the_sentence_that_answers_them_each_cited_to_that_sentence(page: Any) -> None:
    open_tab(page, "Compare")
    options = page.locator("[role=listbox] [role=option]")
    for name, title in COMPARED.items():
        page.click("#compare-pick input")
        page.keyboard.type(name)
        # The exact name first, not the "reconstruction" papers that merely contain the letters.
        expect(options.first).to_have_attribute("aria-label", title)
        options.first.click()
    page.fill("#compare-topic textarea, #compare-topic input", "needs a body model")
    page.click("#compare-run")
    table = page.locator("#compare-table table.compare-table")
    expect(table).to_be_visible(timeout=30_000)
    rows = table.locator("tbody tr")
    names = rows.locator("th").all_inner_texts()
    assert names == ["task", "key idea", "data", "results", "on: needs a body model"], names

    def cell(row: str, column: int) -> Any:
        return rows.nth(names.index(row)).locator("td").nth(column)

    econ, icon, tech = 0, 1, 2
    assert "creation of detailed, clothed, 3D humans" in cell("task", econ).inner_text()
    assert "our goal is to learn an avatar" in cell("task", icon).inner_text()
    assert "unseen regions" in cell("task", tech).inner_text()
    assert "ECON, has three main steps" in cell("key idea", econ).inner_text()
    assert "CAPE and Renderpeople datasets" in cell("data", econ).inner_text()
    assert "AGORA and CAPE datasets" in cell("data", icon).inner_text()
    assert cell("data", tech).inner_text().startswith("not stated")  # TeCH's abstract names no data set
    assert "outperforms the state-of-the-art" in cell("results", tech).inner_text()
    assert "SMPL(-X) body model" in cell("on: needs a body model", icon).inner_text()
    assert cell("on: needs a body model", tech).inner_text().startswith("not stated")

    # Each quoted cell's [n] leads to that very sentence in the references, not to one quote per paper.
    targets: dict[int, set[str]] = {econ: set(), icon: set(), tech: set()}
    texts: dict[int, set[str]] = {econ: set(), icon: set(), tech: set()}
    for r in range(len(names)):
        for column in (econ, icon, tech):
            td = rows.nth(r).locator("td").nth(column)
            link = td.locator("a.cite")
            expect(link).to_have_count(1)
            if td.get_attribute("class") == "not-stated":
                continue
            href = str(link.get_attribute("href"))
            quoted = page.locator(f"#compare-table {href}")
            expect(quoted).to_have_count(1)
            assert quoted.locator("mark").inner_text() in td.inner_text()
            targets[column].add(href)
            texts[column].add(td.inner_text())
    assert all(len(targets[c]) == len(texts[c]) >= 3 for c in targets), (targets, texts)
    link = cell("results", tech).locator("a.cite")
    link.click()
    expect(page.locator(f"#compare-table {link.get_attribute('href')}")).to_have_class(re.compile("flash"))


def tab_to(page: Any, selector: str, key: str = "Tab", limit: int = 60) -> None:
    """Press Tab (or Shift+Tab) until the focus is on `selector`; fail if it never gets there; the focused
    control must show that it is (a visible outline)."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            outline = page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }"
            )
            assert outline[0] != "none" and float(outline[1].rstrip("px")) >= 2, (selector, outline)
            return
    raise AssertionError(f"{key} never reached {selector}")


def test_keyboard_only_chat_citations_history_and_library(page: Any) -> None:
    question = f"Which papers use the SMPL-X body model? ({uuid.uuid4().hex[:6]})"
    tab_to(page, "#question textarea")
    page.keyboard.type(question)
    page.keyboard.press("Enter")  # Enter asks
    page.wait_for_selector('#sources .sources-latest[data-turn="1"]', timeout=ANSWER_TIMEOUT_MS)
    expect(page.locator("#ask")).to_be_enabled()
    page.focus("#question textarea")  # where Enter left the focus
    tab_to(page, "#sources .source-card a")  # forward: the sources panel's links
    tab_to(page, "#chatbot a.cite", key="Shift+Tab")  # back: the answer's citations
    href = page.evaluate("() => document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    expect(page.locator(f"#sources {href}").locator("xpath=ancestor-or-self::article")).to_have_class(
        re.compile("flash")
    )

    tab_to(page, "#clear", key="Shift+Tab")
    page.keyboard.press("Enter")  # New chat
    expect(page.locator("#chatbot .message")).to_have_count(0)
    tab_to(page, "#history-list input")
    saved = page.locator("#history-list label").filter(has_text=question)
    while not page.evaluate("() => document.activeElement.closest('label').textContent").strip().startswith(
        question[:40]
    ):
        page.keyboard.press("ArrowDown")  # arrows move through the saved conversations and open each
    if not saved.locator("input").is_checked():
        page.keyboard.press("Space")  # the first one is focused, not yet chosen
    expect(saved.locator("input")).to_be_checked()
    expect(page.locator("#chatbot .message.bot")).to_have_count(1)
    expect(page.locator("#chatbot .message.user")).to_contain_text(question[:30])

    tab_to(page, "#tab-library-button", key="Shift+Tab")
    page.keyboard.press("Enter")
    tab_to(page, "#library-search textarea")
    page.keyboard.type("ECON")
    page.keyboard.press("Enter")  # opens the first match: the table's rows take no keyboard selection
    expect(page.locator("#paper-detail")).to_contain_text("ECON: Explicit Clothed humans")
    tab_to(page, "#ask-about")
    page.keyboard.press("Enter")
    expect(page.locator("#question textarea")).to_have_value(re.compile("ECON"))


# Contrast of each notice's text on its own background, from the colours Chromium computed for the app's CSS.
CONTRAST_JS = """
kinds => {
  const host = document.querySelector('#chat-notice');
  const parse = c => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const background = el => { for (; el; el = el.parentElement) { const c = parse(getComputedStyle(el).backgroundColor);
    if (c.length < 4 || c[3] > 0) return c.slice(0, 3); } return [255, 255, 255]; };
  const out = {};
  for (const kind of kinds) {
    const el = document.createElement('div');
    el.className = kind.startsWith('notice-') ? 'notice ' + kind : kind;
    el.textContent = 'text';
    host.appendChild(el);
    out[kind] = ratio(parse(getComputedStyle(el).color), background(el));
    el.remove();
  }
  return out;
}
"""
NOTICE_KINDS = [f"notice-{k}" for k in ("info", "stopped", "refused", "fallback", "unsupported", "error", "drafting")]
# Secondary text a researcher must still read: the progress line, placeholders, match scores, bylines.
SUBDUED = ["progress-stage", "placeholder", "source-score", "source-byline", "history-empty", "sources-pending-note"]


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_notices_and_secondary_text_contrast_at_least_4_5_in_both_themes(page: Any, app_server: Any, theme: str) -> None:
    page.goto(f"{app_server.url}?__theme={theme}")
    page.wait_for_selector("#question textarea")
    assert page.evaluate("() => document.body.classList.contains('dark')") == (theme == "dark")
    ratios = page.evaluate(CONTRAST_JS, NOTICE_KINDS + SUBDUED)
    low = {kind: round(ratio, 2) for kind, ratio in ratios.items() if ratio < 4.5}
    assert not low, low
    # A real notice, too: the empty-question error as the app renders it.
    page.fill("#question textarea", "   ")
    page.click("#ask")
    error = page.locator("#chat-notice .notice-error")
    expect(error).to_be_visible()
    shown = error.evaluate("el => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]")
    assert shown[1] != "rgba(0, 0, 0, 0)", shown
