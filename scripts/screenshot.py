"""Take the README screenshot: the app answering an example question, sources beside it.

    .venv/bin/python scripts/screenshot.py                  # temp home: ingest the bundled corpus, serve, shoot
    .venv/bin/python scripts/screenshot.py --url http://127.0.0.1:7860/   # an app that is already running

Uses Playwright with Debian's chromium (/usr/bin/chromium); never downloads a browser.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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


def shoot(url: str, out: Path, question: str) -> None:
    from playwright.sync_api import sync_playwright

    out.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(url)
            page.fill("#question textarea", question)
            page.click("#ask")
            page.wait_for_selector('#sources .sources-latest[data-turn="1"]', timeout=120_000)
            page.locator("#chatbot .message.bot a.cite").first.hover()
            page.screenshot(path=str(out))
        finally:
            browser.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an already running app (default: start one on a temp home)")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "screenshot.png")
    parser.add_argument("--question", default="How does ECON differ from ICON?")
    args = parser.parse_args()
    if args.url:
        shoot(args.url, args.out, args.question)
    else:
        with temporary_app() as url:
            shoot(url, args.out, args.question)
    sys.stderr.write(f"screenshot: wrote {args.out}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
