"""The error tree: every failure a user can act on is a PaperchatError, importable where it is raised."""

from __future__ import annotations

import pytest

from ingest.parsers import SourceError
from ingest.pipeline import IngestBusyError
from rag import engine, llm, llm_server, models, settings, store
from rag.errors import (
    LLMError,
    LLMServerError,
    ModelMissingError,
    PaperchatError,
    QuestionError,
    SettingsError,
    StoreError,
    UsageError,
)


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (QuestionError, ValueError),
        (SettingsError, ValueError),
        (UsageError, ValueError),
        (SourceError, ValueError),
        (StoreError, RuntimeError),
        (ModelMissingError, RuntimeError),
        (LLMError, RuntimeError),
        (LLMServerError, LLMError),
        (IngestBusyError, RuntimeError),
    ],
)
def test_every_error_is_a_paperchat_error_and_keeps_its_builtin_base(error: type[Exception], builtin: type) -> None:
    assert issubclass(error, PaperchatError) and issubclass(error, builtin)
    assert error.__doc__ and error.__doc__.strip()


def test_the_errors_are_still_importable_from_the_modules_that_raise_them() -> None:
    assert engine.QuestionError is QuestionError
    assert settings.SettingsError is SettingsError
    assert store.StoreError is StoreError
    assert models.ModelMissingError is ModelMissingError
    assert llm.LLMError is LLMError
    assert llm_server.LLMServerError is LLMServerError


def test_a_bad_question_is_caught_by_the_base() -> None:
    with pytest.raises(PaperchatError, match="empty question"):
        engine.check_question("   ")
