"""Settings saved from the app: validated, applied over the environment, the key in a 0600 file."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from rag import user_settings
from rag.settings import Settings, SettingsError
from rag.user_settings import SavedSettings


def test_saved_settings_apply_over_the_environment_and_survive_a_restart(tmp_path: Path) -> None:
    started = Settings.from_env({"PAPERCHAT_HOME": str(tmp_path), "PAPERCHAT_BACKEND": "extractive"})
    assert user_settings.effective(started) == started  # nothing saved yet
    user_settings.save(tmp_path, SavedSettings(backend="openai", local_model="0.5b",
                                               base_url=" http://127.0.0.1:9/v1 ", model="m", top_k=4))
    user_settings.save_key(tmp_path, "sk-saved-0123")
    after = user_settings.effective(started)
    assert (after.llm.backend, after.llm.local_model, after.llm.base_url, after.llm.model) == (
        "openai", "0.5b", "http://127.0.0.1:9/v1", "m")
    assert after.retrieval.top_k == 4 and after.llm.api_key is not None
    assert after.llm.api_key.get_secret_value() == "sk-saved-0123"
    assert stat.S_IMODE((tmp_path / "api_key").stat().st_mode) == 0o600
    assert "sk-saved" not in (tmp_path / "settings.json").read_text()
    assert user_settings.key_status(tmp_path, started) == "set (saved in the app)"
    user_settings.forget_key(tmp_path)
    assert user_settings.key_status(tmp_path, started) == "not set"
    assert user_settings.effective(started).llm.api_key is None


@pytest.mark.parametrize(
    ("saved", "message"),
    [
        (SavedSettings(backend="gpt"), "unknown backend"),
        (SavedSettings(local_model="7b"), "choose 0.5b or 1.5b"),
        (SavedSettings(base_url="ftp://x"), "must start with http"),
        (SavedSettings(top_k=0), "whole number from 1 to 50"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(tmp_path: Path, saved: SavedSettings, message: str) -> None:
    user_settings.save(tmp_path, SavedSettings(backend="local"))
    with pytest.raises(SettingsError, match=message):
        user_settings.save(tmp_path, saved)
    assert user_settings.load(tmp_path) == SavedSettings(backend="local")
    with pytest.raises(SettingsError, match="without spaces"):
        user_settings.save_key(tmp_path, "two words")
    (tmp_path / "settings.json").write_text("{not json")
    assert user_settings.load(tmp_path) == SavedSettings()  # unreadable: as if nothing was saved
