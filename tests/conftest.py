"""Shared fixtures: real models, a real embedded Chroma in temp folders, the bundled corpus."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.settings import BUNDLED_CORPUS, REPO_ROOT, Settings

DEV_SET = REPO_ROOT.parent / "shared" / "eval" / "dev_qa.jsonl"


def make_settings(home: Path, **env: str) -> Settings:
    """Settings for an isolated home; models come from the usual (already fetched) folder."""
    base = {"PAPERCHAT_HOME": str(home), "PAPERCHAT_MODELS_DIR": str(Settings.from_env().models_dir)}
    base.update(env)
    return Settings.from_env(base)


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
    from rag.engine import Engine

    engine = Engine(make_settings(corpus_home, PAPERCHAT_BACKEND="extractive"))
    report = engine.ingest([BUNDLED_CORPUS])
    assert report.added == 79
    yield engine


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "home", PAPERCHAT_BACKEND="extractive")
