"""A real `paperchat serve` leaves no litter and logs like a good citizen (issue 16).

- Uploads: a file stays under PAPERCHAT_HOME/uploads only if something from it was stored; a file whose
  records were all rejected, or were all stored already, is removed with its folder.
- Log hygiene: a user's mistake (a 4,001-character question, malformed /ask input) is one line in the
  server log, never a traceback; tracebacks are for bugs.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from benchmarks.load import Served, served_app
from rag.engine import MAX_QUESTION_CHARS

PAPERS = [
    {
        "title": "GarmentNet: Virtual Try-On with Flow Warping",
        "abstract": "GarmentNet transfers a shop garment onto a person photo with a learned flow field. "
        "A diffusion refiner keeps the texture of the garment.",
    }
]
NEW_PAPER = {
    "title": "ZebraNet: Striped Avatars from a Single Photo",
    "abstract": "We present ZebraNet, a method that paints zebra stripes onto 3D human avatars reconstructed from a "
    "single photo, evaluated on a new dataset of striped clothing.",
}

pytest_plugins = ["tests.conftest_ui"]


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    source = tmp_path_factory.mktemp("hygiene-src") / "papers.jsonl"
    source.write_text("".join(json.dumps(p) + "\n" for p in PAPERS), encoding="utf-8")
    with served_app(tmp_path_factory.mktemp("hygiene-home"), "extractive", [source]) as served:
        yield served


def uploaded_files(home: Path) -> list[str]:
    uploads = home / "uploads"
    return sorted(p.name for p in uploads.rglob("*") if p.is_file()) if uploads.exists() else []


def upload_folders(home: Path) -> int:
    uploads = home / "uploads"
    return sum(1 for p in uploads.iterdir()) if uploads.exists() else 0


# --- uploads, through a real browser ---------------------------------------------------------------------


@pytest.mark.browser
def test_an_upload_is_kept_only_if_something_from_it_was_stored(app: Served, browser: Any, tmp_path: Path) -> None:
    from playwright.sync_api import expect
    files = {
        "all-rejected.jsonl": '{"title": "No abstract here"}\n{"abstract": "An abstract without its title, long enough."}\n',
        "already-stored.jsonl": json.dumps(PAPERS[0]) + "\n",
        "not-a-format.xyz": "whatever\n",
        "utf16.jsonl": "\ufeff" + json.dumps(NEW_PAPER) + "\n",  # written as UTF-16 below: read, stored, kept
    }
    # The session's one browser (tests/conftest_ui.py): a second sync_playwright() inside the session's running
    # Playwright loop is refused.
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(app.url)
        page.get_by_role("tab", name="Library").click()

        def upload(name: str, expected: str) -> str:
            path = tmp_path / name
            encoding = "utf-16-le" if name.startswith("utf16") else "utf-8"
            path.write_bytes(files[name].encode(encoding))
            page.set_input_files("#upload input[type=file]", str(path))
            result = page.locator("#upload-result .notice-error, #upload-result #upload-summary")
            expect(result).to_contain_text(expected, timeout=60_000)  # each expected text is new
            return result.inner_text()

        assert not re.search(r"\d+ added", upload("all-rejected.jsonl", "2 rejected"))
        assert uploaded_files(app.home) == [] and upload_folders(app.home) == 0

        assert not re.search(r"\d+ added", upload("already-stored.jsonl", "1 already in the library"))
        assert uploaded_files(app.home) == [] and upload_folders(app.home) == 0

        upload("not-a-format.xyz", "unknown format")
        assert upload_folders(app.home) == 0

        upload("utf16.jsonl", "1 added")
        assert uploaded_files(app.home) == ["utf16.jsonl"] and upload_folders(app.home) == 1
        expect(page.locator("#header")).to_contain_text("2 papers")
    finally:
        context.close()


# --- log hygiene: the real server log ----------------------------------------------------------------------


def call(app: Served, api: str, payload: Any) -> tuple[int, str]:
    """Gradio's REST protocol: POST starts the event, GET streams its outcome (an `error` event for ours)."""
    started = httpx.post(f"{app.url}gradio_api/call/{api}", json=payload, timeout=30)
    if started.status_code != 200:
        return started.status_code, started.text
    event_id = started.json()["event_id"]
    outcome = httpx.get(f"{app.url}gradio_api/call/{api}/{event_id}", timeout=60)
    return outcome.status_code, outcome.text


def test_user_errors_are_one_line_in_the_server_log(app: Served) -> None:
    before = app.log.read_text(errors="replace")
    long_question = "Which papers do virtual try-on? " + "x" * MAX_QUESTION_CHARS
    cases = {
        "too long": ("ask", {"data": [long_question[: MAX_QUESTION_CHARS + 1], None]}),
        "unknown backend": ("ask", {"data": ["How does GarmentNet work?", "bogus-backend"]}),
        "question not text": ("ask", {"data": [{"not": "text"}, None]}),
        "no arguments": ("ask", {"data": []}),
        "data not a list": ("ask", {"data": "How does GarmentNet work?"}),
        "not JSON": ("ask", "{broken"),
    }
    outcomes = {}
    for name, (api, payload) in cases.items():
        if isinstance(payload, str):
            response = httpx.post(f"{app.url}gradio_api/call/{api}", content=payload, timeout=30)
            outcomes[name] = (response.status_code, response.text)
        else:
            outcomes[name] = call(app, api, payload)
    assert "the limit is 4000" in outcomes["too long"][1], outcomes["too long"]
    assert "unknown backend 'bogus-backend'" in outcomes["unknown backend"][1], outcomes["unknown backend"]
    for name, (status, text) in outcomes.items():
        assert "Traceback" not in text, name
        assert status in (200, 422, 400), (name, status, text)
    # The chat route (what the page uses) shows the error in the page and logs nothing at all.
    from gradio_client import Client

    chat = Client(app.url, verbose=False).predict(long_question, None, api_name="/chat")
    assert "the limit is 4000" in chat[2]

    time.sleep(1.0)  # let the server flush
    new = app.log.read_text(errors="replace")[len(before) :]
    assert "Traceback" not in new, new
    assert not re.search(r'^\s+File "', new, re.MULTILINE), new
    lines = [line for line in new.splitlines() if line.strip()]
    print(f"\n[hygiene] the server log for {len(cases) + 1} user mistakes:\n" + "\n".join(lines))
    assert len(lines) <= len(cases), new  # at most one line per mistake
    for line in lines:
        assert len(line) < 400, line  # the 4,001 characters are not copied into the log
