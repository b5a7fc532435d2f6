"""The one error tree: every failure a user can act on is a `PaperchatError`.

Front-ends (the CLI, the app, the API) catch the base and show `str(error)`: one line that says
what went wrong and what to do. Anything else is a bug and keeps its traceback.

    PaperchatError
    ├── QuestionError        the question or the papers to compare cannot be used as given
    ├── SettingsError        a setting (environment variable, flag) has a value paperchat cannot use
    ├── UsageError           a command was given a file or name it cannot use
    ├── StoreError           the store cannot be used as asked (empty, other embedder, server down, disk full)
    ├── ModelMissingError    a bundled model is absent or fails its checksum
    ├── LLMError             the model gave no usable answer (the engine falls back to the extractive answer)
    │   └── LLMServerError   the local llama.cpp server cannot be reached or started
    ├── ingest.parsers.SourceError       a file cannot be read as papers
    └── ingest.pipeline.IngestBusyError  another ingest holds this collection

Each class also keeps the built-in base it had (ValueError or RuntimeError), so code that caught
those still does. The classes are importable from the modules that raise them, as before.
"""

from __future__ import annotations


class PaperchatError(Exception):
    """A failure the user can act on; the message is one line saying what to do."""


class QuestionError(PaperchatError, ValueError):
    """The question cannot be asked as given; the message says how to fix it."""


class SettingsError(PaperchatError, ValueError):
    """A setting has a value paperchat cannot use; the message says which and how to fix it."""


class UsageError(PaperchatError, ValueError):
    """A command was given a file or a name it cannot use; the message says what to pass instead."""


class StoreError(PaperchatError, RuntimeError):
    """The store cannot be used as asked; the message says what to do."""


class ModelMissingError(PaperchatError, RuntimeError):
    """A bundled model is absent or fails its checksum; the message names the command to run."""


class LLMError(PaperchatError, RuntimeError):
    """The model could not give a usable answer; the message is shown in the fallback notice."""


class LLMServerError(LLMError):
    """The local LLM server cannot be reached or started; the message says what to do."""
