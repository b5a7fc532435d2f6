"""Shared fixtures: real models, a real embedded Chroma in temp folders, the bundled corpus."""

from __future__ import annotations

import http.server
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil
import pytest

from rag.models import BundledModel, ModelMissingError, model_path
from rag.settings import BUNDLED_CORPUS, Settings

REPO_ROOT = Path(__file__).resolve().parents[1]  # the checkout (tests run from it; the package needs no such root)


def make_settings(home: Path, **env: str) -> Settings:
    """Settings for an isolated home; models come from the usual (already fetched) folder."""
    base = {"PAPERCHAT_HOME": str(home), "PAPERCHAT_MODELS_DIR": str(Settings.from_env().models_dir)}
    base.update(env)
    return Settings.from_env(base)


def model_available(model: BundledModel) -> bool:
    """Whether a bundled model is fetched (`make test` fetches them; a bare pytest run may not have)."""
    try:
        model_path(model, Settings.from_env().models_dir)
    except ModelMissingError:
        return False
    return True


def gone(pid: int, within_s: float = 15.0) -> bool:
    """True once `pid` no longer runs (looked at least once, then until `within_s` has passed); a zombie counts as
    gone since it holds no port or memory."""
    deadline = time.monotonic() + within_s
    while True:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.1)


@contextmanager
def fake_endpoint(handler: type[http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """A local OpenAI-style base URL served by `handler`: for the LLM faults the real server cannot make."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PAPERCHAT_", "CHROMA_", "OPENAI_"))}
    env.update({"PAPERCHAT_HOME": str(home), "PAPERCHAT_MODELS_DIR": str(Settings.from_env().models_dir)})
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def corpus_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("corpus-home")


@pytest.fixture(scope="session")
def corpus_engine(corpus_home: Path) -> Iterator[object]:
    """One engine over the ingested bundled corpus, shared by read-only tests."""
    from ingest.pipeline import ingest_into
    from rag.engine import Engine

    engine = Engine.from_settings(make_settings(corpus_home, PAPERCHAT_BACKEND="extractive"))
    report = ingest_into(engine, [BUNDLED_CORPUS])
    assert report.added == 79
    yield engine


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "home", PAPERCHAT_BACKEND="extractive")
