"""Server mode: a real `chroma run` on 127.0.0.1; ingest and answers must match embedded mode."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ingest.pipeline import ingest_into
from rag.engine import Engine
from rag.llm_server import free_port
from rag.settings import BUNDLED_CORPUS
from rag.store import StoreError
from rag.watchdog import watchdog_command

from .conftest import make_settings

pytestmark = pytest.mark.chroma_server

QUESTIONS = [
    "How does ECON differ from ICON?",
    "Which papers use the SMPL-X body model?",
    "What is the Casual Conversations dataset?",
]


def start_chroma(path: Path, port: int) -> subprocess.Popen[bytes]:
    chroma = shutil.which("chroma", path=str(Path(sys.executable).parent)) or "chroma"
    # Under the watchdog: the server stops when the test process dies, even by SIGKILL (tests/test_lifetimes.py).
    proc = subprocess.Popen(
        watchdog_command([chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)]),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.25)
    proc.kill()
    raise RuntimeError("chroma run did not start")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, int]]:
    path = tmp_path_factory.mktemp("chroma-data")
    port = free_port()
    proc = start_chroma(path, port)
    yield path, port
    proc.terminate()
    proc.wait(timeout=20)


def test_server_mode_matches_embedded_mode(server: tuple[Path, int], corpus_engine: Engine, tmp_path: Path) -> None:
    _, port = server
    settings = make_settings(tmp_path / "home", CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(port), PAPERCHAT_BACKEND="extractive")
    remote = Engine.from_settings(settings)
    report = ingest_into(remote, [BUNDLED_CORPUS])
    assert report.added == 79
    assert ingest_into(remote, [BUNDLED_CORPUS]).unchanged == 79
    assert remote.store.count() == corpus_engine.store.count() == 79
    for question in QUESTIONS:
        ours = remote.ask(question)
        embedded = corpus_engine.ask(question)
        assert [r.paper_id for r in ours.retrieved[:5]] == [r.paper_id for r in embedded.retrieved[:5]]
        assert [c.paper_id for c in ours.citations] == [c.paper_id for c in embedded.citations]


def test_a_second_app_instance_sees_the_first_ones_ingest(server: tuple[Path, int], tmp_path: Path) -> None:
    """Two homes (two machines' worth of local state) share one server; the keyword index follows it."""
    _, port = server
    env = {"CHROMA_HOST": "127.0.0.1", "CHROMA_PORT": str(port), "PAPERCHAT_COLLECTION": "shared-test"}
    first = Engine.from_settings(make_settings(tmp_path / "a", **env))
    second = Engine.from_settings(make_settings(tmp_path / "b", **env))
    source = tmp_path / "one.jsonl"
    source.write_text(
        '{"title": "ZebraNet: Striped Avatars", "abstract": "We present ZebraNet, a method that paints zebra stripes '
        'onto 3D human avatars from a single photo. It is evaluated on a new dataset of striped clothing."}\n'
    )
    ingest_into(first, [source])
    answer = second.ask("What does ZebraNet do?", backend="extractive")
    assert answer.citations and answer.citations[0].title == "ZebraNet: Striped Avatars"


def test_stopped_server_is_a_clear_error_and_recovers(tmp_path: Path) -> None:
    port = free_port()
    proc = start_chroma(tmp_path / "data", port)
    settings = make_settings(tmp_path / "home", CHROMA_HOST="127.0.0.1", CHROMA_PORT=str(port))
    engine = Engine.from_settings(settings)
    source = tmp_path / "one.jsonl"
    source.write_text('{"title": "Some Paper", "abstract": "' + "A sentence about avatars and faces. " * 4 + '"}\n')
    ingest_into(engine, [source])
    proc.terminate()
    proc.wait(timeout=20)
    with pytest.raises(StoreError, match="chroma run"):
        Engine.from_settings(settings)
    proc = start_chroma(tmp_path / "data", port)
    try:
        assert Engine.from_settings(settings).store.count() == 1  # nothing lost
    finally:
        proc.terminate()
        proc.wait(timeout=20)
