"""Take the README screenshots: the app answering an example question (sources beside it, saved conversations
in the history sidebar), and the compare view of three papers.

    .venv/bin/python scripts/screenshot.py                  # temp home: ingest the bundled corpus, serve, shoot
    .venv/bin/python scripts/screenshot.py --backend local --local-model 0.5b   # an LLM-written answer
    .venv/bin/python scripts/screenshot.py --url http://127.0.0.1:7860/   # an app that is already running

The earlier conversation in the sidebar is answered by the extractive backend (instant); the shown answer by
`--backend` (default extractive; `local` runs the bundled model: on a 2-core CPU the 1.5B takes minutes).

Uses Playwright with Debian's chromium (/usr/bin/chromium); never downloads a browser.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rag.llm_server import free_port, wait_until_serving

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _paperchat(*args: str) -> list[str]:
    script = Path(sys.executable).with_name("paperchat")
    return [str(script), *args] if script.exists() else [sys.executable, "-m", "rag", *args]


@contextmanager
def temporary_app() -> Iterator[str]:
    """Ingest the bundled corpus into a temp home and serve it (extractive backend) on a free port."""
    with tempfile.TemporaryDirectory(prefix="paperchat-shot-") as home:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PAPERCHAT_", "CHROMA_", "OPENAI_"))}
        env["PAPERCHAT_HOME"] = home
        if os.environ.get("PAPERCHAT_MODELS_DIR"):
            env["PAPERCHAT_MODELS_DIR"] = os.environ["PAPERCHAT_MODELS_DIR"]
        subprocess.run(_paperchat("ingest"), env=env, check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        process = subprocess.Popen(
            _paperchat("serve", "--port", str(port), "--backend", "extractive"),
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}/"
            try:
                wait_until_serving(url, process, 120.0)
            except RuntimeError as error:
                raise SystemExit(f"screenshot: {error}") from None
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()


SEED_QUESTION = "Which papers do virtual try-on with diffusion models?"
COMPARED = ("ECON", "ICON", "TeCH")
COMPARE_TOPIC = "needs a body model"


def choose_backend(page: Any, backend: str, local_model: str | None) -> None:
    """Save the answer backend (and local model) on the Settings tab, as a user would; back to Chat."""
    from playwright.sync_api import expect

    page.get_by_role("tab", name="Settings").click()
    page.click("#backend input")
    page.get_by_role("option", name=backend, exact=True).click()
    if local_model:
        page.locator("#local-model").get_by_label(local_model, exact=True).check()
    page.click("#save-settings")
    expect(page.locator("#settings-status")).to_contain_text("Saved", timeout=30_000)
    page.get_by_role("tab", name="Chat").click()


def ask(page: Any, question: str, turn: int, timeout_ms: float) -> None:
    page.fill("#question textarea", question)
    page.click("#ask")
    page.wait_for_selector(f'#sources .sources-latest[data-turn="{turn}"]', timeout=timeout_ms)


def shoot(url: str, out: Path, question: str, backend: str, local_model: str | None) -> list[Path]:
    """The chat shot at `out`, the compare shot beside it (`<out>-compare.png`); the paths written."""
    from playwright.sync_api import expect, sync_playwright

    out.parent.mkdir(parents=True, exist_ok=True)
    compare_out = out.with_name(out.stem + "-compare" + out.suffix)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(url)
            page.wait_for_selector("#question textarea")
            choose_backend(page, "extractive", None)
            ask(page, SEED_QUESTION, 1, 120_000)  # a saved conversation for the history sidebar
            page.click("#clear")
            if backend != "extractive":
                choose_backend(page, backend, local_model)
            ask(page, question, 1, 1_800_000)
            page.locator("#chatbot .message.bot a.cite").first.hover()
            page.screenshot(path=str(out))

            page.get_by_role("tab", name="Compare").click()
            options = page.locator("[role=listbox] [role=option]")
            for name in COMPARED:
                page.click("#compare-pick input")
                page.keyboard.type(name)
                # The picker re-orders its options for what was typed: click once the named paper is first.
                expect(options.first).to_have_attribute("aria-label", re.compile(f"^{name}:"), timeout=30_000)
                options.first.click()
            page.keyboard.press("Escape")
            page.fill("#compare-topic textarea, #compare-topic input", COMPARE_TOPIC)
            page.click("#compare-run")
            page.wait_for_selector("#compare-table table.compare-table", timeout=60_000)
            page.screenshot(path=str(compare_out))
            if backend != "extractive":
                choose_backend(page, "extractive", None)  # leave a running app as it was
        finally:
            browser.close()
    return [out, compare_out]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an already running app (default: start one on a temp home)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "screenshot.png")
    parser.add_argument("--question", default="How does ECON differ from ICON?")
    parser.add_argument("--backend", default="extractive", choices=["extractive", "local", "openai"])
    parser.add_argument("--local-model", choices=["0.5b", "1.5b"], help="with --backend local (default: the app's)")
    args = parser.parse_args()
    if args.url:
        written = shoot(args.url, args.out, args.question, args.backend, args.local_model)
    else:
        with temporary_app() as url:
            written = shoot(url, args.out, args.question, args.backend, args.local_model)
    for path in written:
        sys.stderr.write(f"screenshot: wrote {path}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
