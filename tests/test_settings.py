"""Settings from variables: the names users already set, the nested names, clear errors, a secret key.

No models, no store: these run in well under a second.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from rag.errors import SettingsError
from rag.settings import FLAT_NAMES, Settings

from .conftest import cli_env

SECRET = "sk-settings-test-0123456789"


def test_the_variables_users_already_set_keep_working(tmp_path: Path) -> None:
    settings = Settings.from_env({
        "PAPERCHAT_HOME": str(tmp_path / "home"),
        "PAPERCHAT_MODELS_DIR": str(tmp_path / "models"),
        "PAPERCHAT_COLLECTION": "mine",
        "CHROMA_HOST": "127.0.0.1",
        "CHROMA_PORT": "8123",
        "PAPERCHAT_BACKEND": "extractive",
        "PAPERCHAT_LOCAL_MODEL": "0.5b",
        "PAPERCHAT_MODEL": "qwen2.5:7b-instruct",
        "OPENAI_BASE_URL": "http://127.0.0.1:11434/v1",
        "OPENAI_API_KEY": SECRET,
        "PAPERCHAT_LLM_TIMEOUT": "30",
        "PAPERCHAT_LOCAL_URL": "http://127.0.0.1:8081",
        "PAPERCHAT_API_KEY": SECRET + "-serve",
    })
    assert settings.home == settings.store.home == tmp_path / "home"
    assert settings.models_dir == tmp_path / "models"
    assert (settings.store.collection, settings.store.chroma_host, settings.store.chroma_port) == ("mine", "127.0.0.1", 8123)
    assert settings.store.server_mode
    llm = settings.llm
    assert (llm.backend, llm.local_model, llm.model, llm.timeout_s) == ("extractive", "0.5b", "qwen2.5:7b-instruct", 30.0)
    assert (llm.base_url, llm.local_url) == ("http://127.0.0.1:11434/v1", "http://127.0.0.1:8081")
    assert llm.api_key is not None and llm.api_key.get_secret_value() == SECRET
    assert settings.serve.api_key is not None and settings.serve.api_key.get_secret_value() == SECRET + "-serve"
    assert len(FLAT_NAMES) == 14  # these 12, PAPERCHAT_API_KEY and PAPERCHAT_USERS


def test_users_file_for_the_app_login(tmp_path: Path) -> None:
    assert Settings.from_env({"PAPERCHAT_HOME": str(tmp_path)}).users_file is None
    settings = Settings.from_env({"PAPERCHAT_HOME": str(tmp_path), "PAPERCHAT_USERS": "~/paperchat-users.txt"})
    assert settings.users_file == Path("~/paperchat-users.txt").expanduser()


def test_every_field_can_be_set_by_its_nested_name_and_the_flat_name_wins() -> None:
    settings = Settings.from_env({
        "PAPERCHAT_RETRIEVAL__TOP_K": "5",
        "PAPERCHAT_RETRIEVAL__NAME_BONUS": "0.5",
        "PAPERCHAT_LLM__N_THREADS": "4",
        "PAPERCHAT_LLM__N_CTX": "2048",
        "PAPERCHAT_LLM__TIMEOUT_S": "10",
        "PAPERCHAT_LLM_TIMEOUT": "20",
        "PAPERCHAT_STORE__COLLECTION": "nested",
    })
    assert (settings.retrieval.top_k, settings.retrieval.name_bonus) == (5, 0.5)
    assert (settings.llm.n_threads, settings.llm.n_ctx, settings.llm.timeout_s) == (4, 2048, 20.0)
    assert settings.store.collection == "nested"
    assert settings.retrieval.w_dense == 1.0  # untouched fields keep their defaults


def test_defaults_an_empty_variable_and_the_backend_that_follows_the_key(tmp_path: Path) -> None:
    defaults = Settings.from_env({})
    assert defaults.llm.backend == "local" and defaults.llm.api_key is None
    assert defaults.models_dir == defaults.home / "models" and defaults.store.home == defaults.home
    empty = Settings.from_env({"PAPERCHAT_MODEL": "", "CHROMA_HOST": "", "PAPERCHAT_HOME": ""})
    assert empty.llm.model is None and not empty.store.server_mode and empty.home == defaults.home
    assert Settings.from_env({"OPENAI_API_KEY": SECRET}).llm.backend == "openai"
    assert Settings.from_env({"OPENAI_API_KEY": SECRET, "PAPERCHAT_BACKEND": "local"}).llm.backend == "local"
    assert Settings.from_env({"PAPERCHAT_HOME": "~/papers"}).home == Path.home() / "papers"


def test_settings_built_from_a_mapping_never_read_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    monkeypatch.setenv("PAPERCHAT_LLM__N_THREADS", "7")
    assert Settings.from_env({}).llm.api_key is None
    assert Settings.from_env({}).llm.n_threads == 2
    assert Settings.from_env().llm.n_threads == 7  # no mapping: the process's variables


@pytest.mark.parametrize(
    ("env", "variable", "hint"),
    [
        ({"PAPERCHAT_LLM_TIMEOUT": "abc"}, "PAPERCHAT_LLM_TIMEOUT='abc'", "seconds"),
        ({"PAPERCHAT_LLM__TIMEOUT_S": "-3"}, "PAPERCHAT_LLM__TIMEOUT_S='-3'", "seconds"),
        ({"CHROMA_PORT": "eighty"}, "CHROMA_PORT='eighty'", "port number"),
        ({"PAPERCHAT_LOCAL_MODEL": "7b"}, "PAPERCHAT_LOCAL_MODEL='7b'", "0.5b or 1.5b"),
        ({"PAPERCHAT_BACKEND": "gpt"}, "PAPERCHAT_BACKEND='gpt'", "local, openai or extractive"),
        ({"PAPERCHAT_RETRIEVAL__FUSION": "rank"}, "PAPERCHAT_RETRIEVAL__FUSION='rank'", "rrf"),
        ({"PAPERCHAT_LLM": "not json"}, "PAPERCHAT_LLM is not a JSON object", "PAPERCHAT_LLM__TIMEOUT_S"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_variable_and_what_to_set(env: dict[str, str], variable: str, hint: str) -> None:
    with pytest.raises(SettingsError) as raised:
        Settings.from_env(env)
    message = str(raised.value)
    assert "\n" not in message and message.startswith(variable) and hint in message


def test_the_api_key_is_a_secret_everywhere_it_could_be_shown() -> None:
    settings = Settings.from_env({"OPENAI_API_KEY": SECRET, "PAPERCHAT_API_KEY": SECRET})
    for shown in (repr(settings), str(settings), settings.model_dump_json(), str(settings.public_view())):
        assert SECRET not in shown
    assert settings.public_view()["api_key"] == settings.public_view()["serve_api_key"] == "set"


def test_with_backend_is_a_copy_and_checks_the_name() -> None:
    settings = Settings.from_env({})
    changed = settings.with_backend("extractive")
    assert changed.llm.backend == "extractive" and settings.llm.backend == "local"
    assert settings.with_backend(None) is settings
    with pytest.raises(SettingsError, match="unknown backend 'gpt'"):
        settings.with_backend("gpt")


def _fields(model: type[BaseModel], prefix: str = "") -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            out += _fields(annotation, f"{prefix}{name}.")
        else:
            out.append((prefix + name, field.description))
    return out


def test_every_field_says_what_it_is() -> None:
    fields = _fields(Settings)
    assert len(fields) > 30
    assert [name for name, description in fields if not description] == []


def test_the_cli_reports_a_bad_setting_in_one_line_with_exit_2(tmp_path: Path) -> None:
    env = cli_env(tmp_path, PAPERCHAT_LLM_TIMEOUT="abc")
    result = subprocess.run([sys.executable, "-m", "rag", "status"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "paperchat: error: PAPERCHAT_LLM_TIMEOUT='abc': input should be a valid number, unable to parse string as a "
        "number; set it to seconds to wait for the model's next token, e.g. 120"
    ]
