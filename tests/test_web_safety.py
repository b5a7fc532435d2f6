"""Web safety of the served app and the CLI: localhost binding, hostile upload names, no leaked API key,
markup shown as text over the API.

What the other UI tests already prove is not repeated here: escaping in every renderer
(test_ui_render.py), no executed script and no key in the settings tab of a real browser
(test_ui_browser.py), no key in fallback answers (test_llm_answers.py). This module adds
property tests of the upload names, a real server started with an API key and an
OpenAI-compatible endpoint that answers 401 and echoes the key back (as OpenAI's does),
and the CLI under the same key.
"""

from __future__ import annotations

import http.server
import json
import re
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import psutil
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.load import Served, paperchat_command, served_app, server_env
from ui.render import question_markdown
from ui.uploads import MAX_NAME_CHARS, discard_upload, safe_basename, store_upload

from .conftest import fake_endpoint

SECRET = "sk-web-safety-SECRET-9f8e7d6c5b4a"
XSS_TITLE = "Pineapple <img src=x onerror=alert(1)>: Rendering <script>alert(2)</script> Humans"
PAPERS = [
    {
        "title": XSS_TITLE,
        "abstract": "We render pineapple humans <b>boldly</b> [click](javascript:alert(3)) with a diffusion model. "
        "The pineapple renderer runs in real time on a phone.",
    },
    {
        "title": "GarmentNet: Virtual Try-On with Flow Warping",
        "abstract": "GarmentNet transfers a shop garment onto a person photo with a learned flow field. "
        "A diffusion refiner keeps the texture of the garment.",
    },
]

# --- upload names (property tests) ------------------------------------------------------

HOSTILE_PARTS = ["..", ".", "/", "\\", "C:", "~", "\x00", "%2e%2e%2f", " ", "évil", "名前", "\u202e", "\n", "-", "."]
hostile_names = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from([*HOSTILE_PARTS, "etc", "passwd", "papers.jsonl", ".bashrc"]), max_size=30).map("".join),
    st.builds(lambda n: "a" * n + ".jsonl", st.integers(100, 400)),
    st.builds(lambda n: "../" * n + "escape.jsonl", st.integers(1, 40)),
)
SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


@given(hostile_names)
@settings(max_examples=400, deadline=None)
def test_safe_basename_is_one_plain_visible_name(name: str) -> None:
    base = safe_basename(name)
    assert SAFE_NAME.fullmatch(base), base  # no separator, NUL, space, unicode trick; not hidden, not "-x"
    assert base not in (".", "..") and len(base) <= MAX_NAME_CHARS


@given(hostile_names)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_store_upload_never_writes_outside_its_folder(name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        source = root / "incoming.jsonl"
        source.write_bytes(b'{"title": "t", "abstract": "a"}\n')
        uploads = root / "home" / "uploads"
        stored = store_upload(source, uploads, name)
        assert stored.resolve().parent.parent == uploads.resolve()
        assert stored.read_bytes() == source.read_bytes()
        outside = {p for p in root.rglob("*") if uploads not in p.parents and p != uploads}
        assert outside == {source, root / "home"}
        discard_upload(stored, uploads)
        assert list(uploads.iterdir()) == []


# --- a served app with a key ----------------------------------------------------------------


class _EchoKeyEndpoint(http.server.BaseHTTPRequestHandler):
    """An OpenAI-compatible endpoint that rejects the key and quotes it back in the error body."""

    seen_keys: list[str] = []

    def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
        key = self.headers.get("Authorization", "").removeprefix("Bearer ")
        self.seen_keys.append(key)
        body = json.dumps({"error": {"message": f"Incorrect API key provided: {key}.", "code": "invalid_api_key"}})
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with fake_endpoint(_EchoKeyEndpoint) as url:
        yield url


@pytest.fixture(scope="module")
def papers_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web-safety-src") / "papers.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in PAPERS), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def keyed_app(tmp_path_factory: pytest.TempPathFactory, endpoint: str, papers_file: Path) -> Iterator[Served]:
    """`paperchat serve` with no --host and no --backend: OPENAI_API_KEY set makes `openai` the default."""
    home = tmp_path_factory.mktemp("web-safety-home")
    with served_app(
        home, None, [papers_file], OPENAI_API_KEY=SECRET, OPENAI_BASE_URL=endpoint, PAPERCHAT_LLM_TIMEOUT="30"
    ) as served:
        yield served


def test_serve_binds_localhost_only_by_default(keyed_app: Served) -> None:
    port = int(keyed_app.url.rsplit(":", 1)[1].strip("/"))
    listening = [
        c.laddr.ip
        for c in psutil.Process(keyed_app.process.pid).net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN and c.laddr.port == port
    ]
    assert listening == ["127.0.0.1"]
    for address in _non_loopback_addresses():  # the machine's other addresses do not answer
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"http://{address}:{port}/", timeout=5)


def _non_loopback_addresses() -> list[str]:
    return [
        a.address
        for addresses in psutil.net_if_addrs().values()
        for a in addresses
        if a.family.name == "AF_INET" and not a.address.startswith("127.")
    ]


def test_the_api_key_reaches_the_endpoint_but_no_page_answer_or_log(keyed_app: Served) -> None:
    from gradio_client import Client

    client = Client(keyed_app.url, verbose=False)
    answer = client.predict("How does GarmentNet do virtual try-on?", None, api_name="/ask")
    assert answer["backend"] == "extractive" and "HTTP 401" in (answer["notice"] or "")
    assert SECRET in _EchoKeyEndpoint.seen_keys  # the key was really sent, and really echoed back
    assert SECRET not in json.dumps(answer)
    notice = client.predict("How does GarmentNet do virtual try-on?", "openai", api_name="/chat")[2]
    assert "HTTP 401" in notice and SECRET not in notice
    for path in ("", "config", "gradio_api/info", "gradio_api/openapi.json"):
        with urllib.request.urlopen(keyed_app.url + path, timeout=30) as response:  # noqa: S310 - local server
            page = response.read().decode("utf-8", errors="replace")
        assert SECRET not in page, path
    with urllib.request.urlopen(keyed_app.url + "config", timeout=30) as response:  # noqa: S310 - local server
        config = response.read().decode()
    assert "API key: <strong>set (from OPENAI_API_KEY)</strong>" in config  # says a key is set, not which
    time.sleep(0.5)  # let the server flush its log
    log = keyed_app.log.read_text(errors="replace")
    assert SECRET not in log and SECRET[-12:] not in log


def test_markup_in_titles_abstracts_and_questions_comes_back_as_text(keyed_app: Served) -> None:
    from gradio_client import Client

    client = Client(keyed_app.url, verbose=False)
    question = "<img src=q onerror=alert(5)> How does the pineapple renderer work?"
    chat, sources, notice = client.predict(question, "extractive", api_name="/chat")[:3]
    texts = [_text(m) for m in chat]
    assert "pineapple" in texts[1] and "Pineapple" in sources  # the paper was found and cited
    for html in [*texts, sources, notice]:
        assert not re.search(r"<(img|script|b)\b", html, re.IGNORECASE), html  # tags arrive escaped
        assert 'href="javascript' not in html.lower()
    for markdown in texts:  # the chat renders Markdown: no [text](url) may survive unescaped
        assert not re.search(r"(?<!\\)\[[^\]]*(?<!\\)\]\(", markdown), markdown
    assert "&lt;img src=x onerror=alert(1)&gt;" in sources  # the title is shown, escaped
    assert texts[0] == question_markdown(question) and texts[0].startswith("&lt;img src=q")  # so is the question


def _text(message: dict[str, Any]) -> str:
    content = message.get("content")
    if isinstance(content, list):
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return str(content)


def test_hostile_upload_file_names_stay_in_the_upload_folder(keyed_app: Served) -> None:
    """Gradio's upload route is the first to see a browser-chosen name; the app's copy goes through store_upload."""
    marker = f"escape-{time.monotonic_ns()}.jsonl"
    names = [f"../../../../{marker}", f"/tmp/{marker}", f"..\\..\\{marker}", f"a\x00/../{marker}"]
    files = [("files", (name, b'{"title": "t"}\n', "application/json")) for name in names]
    response = httpx.post(keyed_app.url + "gradio_api/upload", files=files, timeout=60)
    assert response.status_code == 200, response.text
    temp_dir = (keyed_app.home / "gradio-tmp").resolve()
    stored = [Path(p).resolve() for p in response.json()]
    assert len(stored) == len(names)
    assert all(temp_dir in p.parents for p in stored), stored
    time.sleep(1)  # gradio moves uploads into its cache in a background task
    found = [p for p in keyed_app.home.parent.rglob(f"*{marker}*") if temp_dir not in p.resolve().parents]
    assert found == [] and not Path("/tmp", marker).exists()


# --- the CLI under a key ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_home(tmp_path_factory: pytest.TempPathFactory, papers_file: Path) -> Path:
    home = tmp_path_factory.mktemp("web-safety-cli")
    done = subprocess.run(
        paperchat_command("ingest", str(papers_file)), env=server_env(home), capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr
    return home


def _cli(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        paperchat_command(*args), env=server_env(home, **env), capture_output=True, text=True, timeout=300
    )


def test_the_api_key_never_appears_in_cli_output(cli_home: Path, endpoint: str, tmp_path: Path) -> None:
    key = {"OPENAI_API_KEY": SECRET, "OPENAI_BASE_URL": endpoint, "PAPERCHAT_LLM_TIMEOUT": "30"}
    status = _cli(cli_home, "status", **key)
    assert status.returncode == 0 and re.search(r"api_key: set", status.stdout), status.stdout

    rejected = _cli(cli_home, "ask", "--json", "How does GarmentNet do virtual try-on?", **key)
    answer = json.loads(rejected.stdout)
    assert answer["backend"] == "extractive" and "HTTP 401" in answer["notice"]

    # A key pasted into the endpoint URL (user:key@host, ?api_key=) is not repeated in the fallback notice.
    in_url = f"http://user:{SECRET}@127.0.0.1:9/v1?api_key={SECRET}"
    unreachable = _cli(
        cli_home, "ask", "--json", "How does GarmentNet work?", OPENAI_API_KEY=SECRET, OPENAI_BASE_URL=in_url
    )
    assert "unreachable at http://127.0.0.1:9/v1" in json.loads(unreachable.stdout)["notice"]

    empty = _cli(tmp_path / "empty-home", "ask", "--json", "How does GarmentNet work?", **key)
    assert empty.returncode == 2 and empty.stderr.startswith("paperchat: error: no papers stored")
    blank = _cli(cli_home, "ask", "--json", "   ", **key)
    assert blank.returncode == 2 and "empty question" in blank.stderr
    for run in (status, rejected, unreachable, empty, blank):
        assert SECRET not in run.stdout + run.stderr, run.args
        assert "Traceback" not in run.stderr
