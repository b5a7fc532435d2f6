"""One typed settings object, nested by concern, read from `PAPERCHAT_*` variables by pydantic-settings.

Every field has a description (shown in a bad value's error, and the list users read in the README).
Variables: the names paperchat has always read (PAPERCHAT_HOME, PAPERCHAT_BACKEND, OPENAI_API_KEY,
CHROMA_HOST, ... see `FLAT_NAMES`), and for every field the nested form `PAPERCHAT_<GROUP>__<FIELD>`
(`PAPERCHAT_RETRIEVAL__TOP_K=5`, `PAPERCHAT_LLM__N_THREADS=4`). An empty variable counts as unset.

CLI flags override a copy (`with_backend`, `model_copy(update=...)`); nothing else reads the
environment, so a test or a UI session can hold its own settings side by side.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

import pydantic_settings
from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator
from pydantic_settings import BaseSettings, EnvSettingsSource, PydanticBaseSettingsSource, SettingsConfigDict

from rag.errors import SettingsError

Backend = Literal["local", "openai", "extractive"]
BACKENDS: tuple[Backend, ...] = ("local", "openai", "extractive")
LocalModel = Literal["0.5b", "1.5b"]



def package_file(*parts: str) -> Path:
    """A file shipped inside the `rag` package (package data, under rag/data/), found through
    importlib.resources. pip installs wheels unzipped, so it is a file on disk: the parsers and
    `pip download -r` need a path, not a stream."""
    return Path(str(files("rag").joinpath("data", *parts)))


BUNDLED_CORPUS = package_file("corpus", "papers.txt")  # the 79-paper default collection
BUNDLED_DEV_SET = package_file("eval", "dev_qa.jsonl")  # the gold set `paperchat eval` runs by default

ENV_PREFIX = "PAPERCHAT_"
NESTED = "__"
# The variables paperchat read before the nested names existed: (group, field) they set; they win over
# the nested form of the same field.
FLAT_NAMES: dict[str, tuple[str | None, str]] = {
    "PAPERCHAT_HOME": (None, "home"),
    "PAPERCHAT_MODELS_DIR": (None, "models_dir"),
    "PAPERCHAT_COLLECTION": ("store", "collection"),
    "CHROMA_HOST": ("store", "chroma_host"),
    "CHROMA_PORT": ("store", "chroma_port"),
    "PAPERCHAT_BACKEND": ("llm", "backend"),
    "PAPERCHAT_LOCAL_MODEL": ("llm", "local_model"),
    "PAPERCHAT_MODEL": ("llm", "model"),
    "OPENAI_BASE_URL": ("llm", "base_url"),
    "OPENAI_API_KEY": ("llm", "api_key"),
    "PAPERCHAT_LLM_TIMEOUT": ("llm", "timeout_s"),
    "PAPERCHAT_LOCAL_URL": ("llm", "local_url"),
    "PAPERCHAT_API_KEY": ("serve", "api_key"),
    "PAPERCHAT_USERS": (None, "users_file"),
}
SECRETS = {("llm", "api_key"), ("serve", "api_key")}


def _default_home() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("paperchat", appauthor=False))


class StoreSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    home: Path = Field(description="the data folder (filled in from PAPERCHAT_HOME)")
    collection: str = Field(default="papers", description="name of the Chroma collection the papers are stored in")
    chroma_host: str | None = Field(default=None, description="a Chroma server's host (`chroma run`); unset: embedded Chroma")
    chroma_port: int = Field(default=8000, ge=1, le=65535, description="the Chroma server's port number, e.g. 8000")

    @property
    def server_mode(self) -> bool:
        return self.chroma_host is not None


class RetrievalSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    top_k: int = Field(default=10, ge=1, description="papers listed under \"retrieved\" in an answer")
    dense_candidates: int = Field(default=60, ge=1, description="chunks fetched from Chroma before grouping them to papers")
    exact_filter_papers: int = Field(
        default=300,
        ge=0,
        description="a filter keeping at most this many papers ranks their chunks by exact cosine instead of Chroma's "
        "where clause (0: never); benchmarks/filters.py measures both",
    )
    fusion: Literal["rrf", "score"] = Field(
        default="score", description="how the ranked lists are fused: score (weighted sum) or rrf (reciprocal rank)"
    )
    rrf_k: int = Field(default=20, ge=0, description="the k of reciprocal rank fusion (fusion=rrf only)")
    max_cited: int = Field(default=6, ge=1, description="papers an answer may cite")
    evidence_per_paper: int = Field(default=2, ge=1, description="evidence sentences kept per paper")
    # Weights of each signal (ablation in README: each one helps on the dev set).
    w_dense: float = Field(default=1.0, ge=0, description="weight of the dense (MiniLM) score")
    w_keyword: float = Field(default=1.0, ge=0, description="weight of the BM25 score, scaled to 0..1")
    w_names: float = Field(
        default=3.0, ge=0, description="weight of a name the question spells that a paper introduces (\"ECON\")"
    )
    w_carried: float = Field(default=1.0, ge=0, description="weight of the papers cited in the previous turn, for follow-ups")
    name_bonus: float = Field(
        default=0.25, ge=0, description="score fusion: a named paper gains w_names times this (0.75 with the defaults)"
    )
    carried_bonus: float = Field(
        default=0.2, ge=0, description="score fusion: a paper cited in the previous turn gains w_carried times this"
    )
    refuse_below: float = Field(
        default=0.58,
        description="answerability floor on relevance + 0.5 × keyword of the best paper; chosen on the dev set: "
        "answerable questions score >= 0.62, an off-topic one 0.54",
    )
    multi_relevance_margin: float = Field(
        0.12,
        ge=0,
        description="a \"which papers\" answer cites every paper within this relevance of the best one; chosen on the "
        "refusal set's tune lists and the dev lists, 0.1-0.12 best on both and on the holdout lists (benchmarks/README.md)",
    )
    multi_min_score: float = Field(0.3, ge=0, description="... and with at least this fused score (0..1)")
    tie_min_score: float = Field(
        0.9, ge=0, description="a single-paper answer adds a second paper only with this fused score or more"
    )
    tie_relevance_margin: float = Field(
        0.03, ge=0, description="... and only when its evidence is within this relevance of the best paper's"
    )


class LLMSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    backend: Backend = Field(
        default="local", description="local, openai or extractive (default: openai when OPENAI_API_KEY is set, else local)"
    )
    local_model: LocalModel = Field(
        default="1.5b", description="0.5b or 1.5b, the bundled model the local backend runs (README \"Metrics\")"
    )
    model: str | None = Field(default=None, description="the remote model name, e.g. gpt-4o-mini (default) or qwen2.5:7b-instruct")
    base_url: str | None = Field(default=None, description="an OpenAI-compatible endpoint, e.g. http://localhost:11434/v1")
    api_key: SecretStr | None = Field(default=None, description="the endpoint's API key; never printed or shown")
    timeout_s: float = Field(default=120.0, gt=0, description="seconds to wait for the model's next token, e.g. 120")
    connect_timeout_s: float = Field(default=5.0, gt=0, description="seconds to wait for a connection to the endpoint")
    max_tokens: int = Field(default=350, ge=1, description="most tokens an answer may have")
    temperature: float = Field(default=0.1, ge=0, description="sampling temperature of answers")
    local_port: int = Field(
        default=0, ge=0, le=65534, description="port of the local llama.cpp server (its judge server: the next one); 0 picks free ones"
    )
    local_url: str | None = Field(default=None, description="an already running llama.cpp server to use instead of starting one")
    local_idle_timeout_s: float = Field(
        default=0.0,
        ge=0,
        allow_inf_nan=False,
        description="seconds a shared local server outlives the process that started it while no client is "
        "connected, e.g. 600; 0 = it stops with that process (`paperchat models stop` ends it at once)",
    )
    judge_server: bool = Field(
        default=True,
        description="the local model's YES/NO checks run in a second llama.cpp server of the same model (about "
        "+0.8 GB of memory), so the notes' server keeps their prompt prefix cached between questions; "
        "false: one server for every call",
    )
    check_beside_note: bool = Field(
        default=True,
        description="with the judge's server: the question's YES/NO check runs while the first note is written, "
        "which is shown as a draft (first words about 2.4 s sooner; a NO withdraws the draft, about 6 s later than "
        "a check before the notes would have refused); false: the check comes first",
    )
    n_ctx: int = Field(default=4096, ge=512, description="context window of the local llama.cpp server, in tokens")
    n_threads: int = Field(default=2, ge=1, description="CPU threads of the local llama.cpp server")
    local_verbose: bool = Field(
        default=False,
        description="the local llama.cpp server logs its per-request timings and KV-cache reuse to its server.log "
        "(for benchmarks.latency_breakdown; costs log lines, not time)",
    )

    @model_validator(mode="before")
    @classmethod
    def _default_backend(cls, data: Any) -> Any:
        """openai when a key is set, else local: the backend follows what the user configured."""
        if isinstance(data, dict) and not data.get("backend"):
            data = {**data, "backend": "openai" if data.get("api_key") else "local"}
        return data


class ServeSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    api_key: SecretStr | None = Field(
        None,
        description="the key clients of the OpenAI-compatible API (/v1) must send as `Authorization: Bearer <key>`; "
        "unset: no key needed; never printed or shown",
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        frozen=True, env_prefix=ENV_PREFIX, env_nested_delimiter=NESTED, env_ignore_empty=True, extra="ignore"
    )

    home: Path = Field(default_factory=_default_home, description="where the collection, indexes and logs live")
    models_dir: Path = Field(
        default_factory=lambda: _default_home() / "models", description="where the verified offline models live"
    )
    store: StoreSettings
    retrieval: RetrievalSettings = RetrievalSettings()
    llm: LLMSettings = LLMSettings()
    serve: ServeSettings = ServeSettings.model_validate({})
    users_file: Path | None = Field(
        None, description="a file of `user:password` lines; the app then asks for a login and keeps each "
        "user's conversations apart (PAPERCHAT_USERS)"
    )

    @model_validator(mode="before")
    @classmethod
    def _paths(cls, data: Any) -> Any:
        """User folders expanded (`~/papers`), and the store told the home it lives in."""
        if not isinstance(data, dict):
            return data
        data = dict(data)
        for key in ("home", "models_dir", "users_file"):
            if data.get(key):
                data[key] = Path(data[key]).expanduser()
        home = data.setdefault("home", _default_home())
        store = data.get("store") or {}
        if isinstance(store, dict):
            data["store"] = {"home": home, **store}
        return data

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Only the values passed in: the environment is read by `from_env` alone, from the mapping it is
        given, so settings built from a test's dict never pick up the process's own variables."""
        return (init_settings,)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Settings from a mapping of variables (default: os.environ); a bad value is one SettingsError line."""
        env = os.environ if env is None else env
        try:
            return cls.model_validate(_Environment(cls, env)())
        except ValidationError as error:
            raise SettingsError(_explain(error, env)) from None
        except pydantic_settings.SettingsError as error:  # a whole group given as JSON that does not parse
            group = re.search(r'field "(\w+)"', str(error))
            name = ENV_PREFIX + (group.group(1).upper() if group else "...")
            raise SettingsError(
                f"{name} is not a JSON object; unset it and set its fields one by one, e.g. {ENV_PREFIX}LLM{NESTED}TIMEOUT_S=120"
            ) from None

    def with_backend(self, backend: str | None) -> Settings:
        if backend is None:
            return self
        return self.model_copy(update={"llm": self.llm.model_copy(update={"backend": check_backend(backend)})})

    def secrets(self) -> list[str]:
        """Every credential these settings hold (the key, and what the endpoint URLs carry), for `rag.redact`."""
        from rag.redact import url_secrets

        keys = [k.get_secret_value() for k in (self.llm.api_key, self.serve.api_key) if k is not None]
        return [s for s in (*keys, *url_secrets(self.llm.base_url), *url_secrets(self.llm.local_url)) if s]

    def public_view(self) -> dict[str, object]:
        """What may be shown to a user: everything but secrets (endpoint URLs go through `rag.redact`)."""
        from rag.redact import redact

        return {
            "home": str(self.home),
            "models_dir": str(self.models_dir),
            "chroma": f"{self.store.chroma_host}:{self.store.chroma_port}" if self.store.server_mode else "embedded",
            "collection": self.store.collection,
            "backend": self.llm.backend,
            "local_model": self.llm.local_model,
            "model": self.llm.model,
            "base_url": redact(self.llm.base_url, self.secrets()) if self.llm.base_url else None,
            "api_key": "set" if self.llm.api_key else "not set",
            "serve_api_key": "set" if self.serve.api_key else "not set",
            "top_k": self.retrieval.top_k,
        }


class _Environment(EnvSettingsSource):
    """pydantic-settings' reading of `PAPERCHAT_*` (nested names included), from a given mapping rather
    than only os.environ, plus the flat names of `FLAT_NAMES`."""

    def __init__(self, settings_cls: type[BaseSettings], env: Mapping[str, str]) -> None:
        self._env = env
        super().__init__(settings_cls)

    def _load_env_vars(self) -> Mapping[str, str | None]:
        # The one override: pydantic-settings reads os.environ here; tests pass their own mapping.
        return {key.lower(): value for key, value in self._env.items() if value != ""}

    def __call__(self) -> dict[str, Any]:
        data = super().__call__()
        for name, (group, key) in FLAT_NAMES.items():
            value = self._env.get(name)
            if not value:
                continue
            if group is None:
                data[key] = value
            else:
                nested = data.get(group)
                data[group] = {**(nested if isinstance(nested, dict) else {}), key: value}
        return data


def _explain(error: ValidationError, env: Mapping[str, str]) -> str:
    """The first bad value as one line: the variable, its value, what is wrong and what to set."""
    first = error.errors()[0]
    location = [str(part) for part in first["loc"] if isinstance(part, str)]
    flat = {spec: name for name, spec in FLAT_NAMES.items()}
    spec: tuple[str | None, str] = (location[0], location[1]) if len(location) > 1 else (None, location[0] if location else "")
    variable = flat.get(spec)
    if variable is None or variable not in env:
        variable = ENV_PREFIX + NESTED.join(location).upper()
    value = "***" if spec in SECRETS else env.get(variable, first.get("input"))
    if isinstance(value, str):
        from rag.redact import redact

        value = redact(value, url_secrets_of(env))
    model: type[BaseModel] = Settings
    field = None
    for part in location:
        field = model.model_fields.get(part)
        annotation = field.annotation if field else None
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
    what = field.description if field is not None and field.description else "a valid value"
    message = first["msg"][:1].lower() + first["msg"][1:]
    return f"{variable}={value!r}: {message}; set it to {what}"


def url_secrets_of(env: Mapping[str, str]) -> list[str]:
    """The credentials in the endpoint variables, for redacting a message about a bad setting."""
    from rag.redact import url_secrets

    return [s for name in ("OPENAI_BASE_URL", "PAPERCHAT_LOCAL_URL") for s in url_secrets(env.get(name))]


def check_backend(name: str) -> Backend:
    if name not in BACKENDS:
        raise SettingsError(f"unknown backend {name!r}; choose one of {', '.join(BACKENDS)}")
    return name
