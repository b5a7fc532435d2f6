"""Installable anywhere: the wheel, installed in a fresh venv outside the checkout, answers a question.

`pip wheel . --no-deps` builds it; a new venv gets it with `pip install --no-deps`. The dependencies
(chromadb, onnxruntime, ...) are borrowed from the venv running the tests through a `.pth` line
rather than installed again (gigabytes; no network needed): a `.pth` line only appends that folder to
sys.path, after the new venv's own site-packages and without running its .pth files, so an editable
install of the checkout there stays inactive. Every command runs from a temporary folder with no
PYTHONPATH, and `rag.__file__` must be inside the new venv.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO_ROOT, cli_env

pytestmark = pytest.mark.slow


def run(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{command} exited {result.returncode}:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built from a copy of the sources: setuptools' build/ folder would otherwise sit in the checkout,
    and a module deleted since an earlier build could linger there and end up in the wheel."""
    source = tmp_path_factory.mktemp("source") / "paperchat"
    shutil.copytree(REPO_ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis", "artifacts", "results"
    ))
    out = tmp_path_factory.mktemp("wheelhouse")
    run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--quiet", "-w", str(out)], out, dict(os.environ))
    (built,) = out.glob("paperchat-*.whl")
    return built


def test_the_wheel_carries_prompts_model_locks_corpus_dev_set_and_license(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    prompts = {p.name for p in (REPO_ROOT / "prompts").glob("*.txt")}
    assert prompts and {f"prompts/{name}" for name in prompts} <= names
    assert {
        "rag/data/corpus/papers.txt",
        "rag/data/eval/dev_qa.jsonl",
        "rag/data/models/embed.txt",
        "rag/data/models/llm-0.5b.txt",
        "rag/data/models/llm-1.5b.txt",
        "paperchat-0.1.0.dist-info/licenses/LICENSE",
    } <= names
    metadata = zipfile.ZipFile(wheel).read("paperchat-0.1.0.dist-info/METADATA").decode()
    assert "License-Expression: MIT" in metadata
    entry_points = zipfile.ZipFile(wheel).read("paperchat-0.1.0.dist-info/entry_points.txt").decode()
    assert "paperchat = ui.cli:main" in entry_points


def test_the_installed_wheel_answers_a_question_from_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = {k: v for k, v in cli_env(tmp_path / "home").items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], workdir, env)
    python = venv / "bin" / "python"
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], workdir, env).stdout.strip())
    borrowed = dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]])
    (site / "borrowed-dependencies.pth").write_text("".join(f"{path}\n" for path in borrowed))
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--quiet", str(wheel)], workdir, env)

    where = run([str(python), "-c", "import rag, ingest, ui, prompts; print(rag.__file__, prompts.__file__)"], workdir, env)
    for module_file in where.stdout.split():
        assert Path(module_file).is_relative_to(venv), where.stdout

    paperchat = str(venv / "bin" / "paperchat")
    ingest = run([paperchat, "ingest", "--json"], workdir, env)
    assert json.loads(ingest.stdout.strip().splitlines()[-1])["added"] == 79
    asked = run([paperchat, "ask", "How does ECON differ from ICON?", "--json", "--backend", "extractive"], workdir, env)
    answer = json.loads(asked.stdout)
    assert not answer["refused"]
    assert {c["title"].split(":")[0] for c in answer["citations"]} == {"ECON", "ICON"}

    evaluated = run([paperchat, "eval", "--backend", "extractive", "--types", "single"], workdir, env)
    assert "questions: 15" in evaluated.stdout and str(venv) in evaluated.stdout  # the dev set shipped in the wheel
    names = sorted(path.stem for path in (REPO_ROOT / "prompts").glob("*.txt"))  # every prompt the checkout has
    prompt = run([str(python), "-c", f"from rag.prompts import load; print(all(load(n) for n in {names!r}))"], workdir, env)
    assert names and prompt.stdout.strip() == "True"
    lock = run([str(python), "-c", "from rag.models import EMBEDDER; from rag.settings import package_file; "
                "print(package_file('models', EMBEDDER.lock_file).read_text().count('--hash'))"], workdir, env)
    assert int(lock.stdout) >= 1
