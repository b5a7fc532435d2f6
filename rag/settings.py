"""One typed settings object, nested by concern, built from `PAPERCHAT_*` variables.

CLI flags override it with `dataclasses.replace`; nothing else reads the
environment, so a test or a UI session can hold its own settings side by side.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from rag.errors import SettingsError

Backend = Literal["local", "openai", "extractive"]
BACKENDS: tuple[Backend, ...] = ("local", "openai", "extractive")
LocalModel = Literal["0.5b", "1.5b"]

REPO_ROOT = Path(__file__).resolve().parent.parent
BUNDLED_CORPUS = REPO_ROOT / "data" / "corpus" / "papers.txt"


def _default_home() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("paperchat", appauthor=False))


@dataclass(frozen=True)
class StoreSettings:
    home: Path
    collection: str = "papers"
    chroma_host: str | None = None
    chroma_port: int = 8000

    @property
    def server_mode(self) -> bool:
        return self.chroma_host is not None


@dataclass(frozen=True)
class RetrievalSettings:
    top_k: int = 10  # papers returned in "retrieved"
    dense_candidates: int = 60  # chunks fetched from Chroma before grouping to papers
    fusion: Literal["rrf", "score"] = "score"
    rrf_k: int = 20
    max_cited: int = 6  # papers an answer may cite
    evidence_per_paper: int = 2
    # Weights of each ranked list in reciprocal rank fusion (ablation in README: each one helps on the dev set).
    w_dense: float = 1.0
    w_keyword: float = 1.0
    w_names: float = 3.0  # a name the question spells that a paper introduces ("ECON", "Casual Conversations")
    w_carried: float = 1.0  # papers cited in the previous turn, for follow-ups
    # Answerability floor on relevance + 0.5 * keyword of the best paper (rag/answerability.py),
    # chosen on the dev set: answerable questions score >= 0.62, an off-topic one 0.54.
    refuse_below: float = 0.58


@dataclass(frozen=True)
class LLMSettings:
    backend: Backend = "local"
    local_model: LocalModel = "1.5b"  # README "Metrics": the 0.5B cannot judge answerability
    model: str | None = None  # PAPERCHAT_MODEL: the remote model name
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    timeout_s: float = 120.0
    max_tokens: int = 350
    temperature: float = 0.1
    local_port: int = 0  # 0: pick a free port
    local_url: str | None = None  # an already running llama.cpp server


@dataclass(frozen=True)
class Settings:
    home: Path
    models_dir: Path
    store: StoreSettings
    retrieval: RetrievalSettings = RetrievalSettings()
    llm: LLMSettings = LLMSettings()

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        home = Path(env.get("PAPERCHAT_HOME") or _default_home()).expanduser()
        models_dir = Path(env.get("PAPERCHAT_MODELS_DIR") or _default_home() / "models").expanduser()
        port_text = env.get("CHROMA_PORT", "8000")
        if not port_text.isdigit():
            raise SettingsError(f"CHROMA_PORT={port_text!r} is not a port number; set it to e.g. 8000")
        store = StoreSettings(
            home=home,
            collection=env.get("PAPERCHAT_COLLECTION", "papers"),
            chroma_host=env.get("CHROMA_HOST") or None,
            chroma_port=int(port_text),
        )
        api_key = env.get("OPENAI_API_KEY") or None
        backend = env.get("PAPERCHAT_BACKEND") or ("openai" if api_key else "local")
        local_model = env.get("PAPERCHAT_LOCAL_MODEL", "1.5b")
        if local_model not in ("0.5b", "1.5b"):
            raise SettingsError(f"PAPERCHAT_LOCAL_MODEL={local_model!r}: use 0.5b or 1.5b")
        llm = LLMSettings(
            backend=check_backend(backend),
            local_model=local_model,  # type: ignore[arg-type]
            model=env.get("PAPERCHAT_MODEL") or None,
            base_url=env.get("OPENAI_BASE_URL") or None,
            api_key=api_key,
            timeout_s=float(env.get("PAPERCHAT_LLM_TIMEOUT", "120")),
            local_url=env.get("PAPERCHAT_LOCAL_URL") or None,
        )
        return cls(home=home, models_dir=models_dir, store=store, llm=llm)

    def with_backend(self, backend: str | None) -> Settings:
        if backend is None:
            return self
        return replace(self, llm=replace(self.llm, backend=check_backend(backend)))

    def public_view(self) -> dict[str, object]:
        """What may be shown to a user: everything but secrets."""
        return {
            "home": str(self.home),
            "models_dir": str(self.models_dir),
            "chroma": f"{self.store.chroma_host}:{self.store.chroma_port}" if self.store.server_mode else "embedded",
            "collection": self.store.collection,
            "backend": self.llm.backend,
            "local_model": self.llm.local_model,
            "model": self.llm.model,
            "base_url": self.llm.base_url,
            "api_key": "set" if self.llm.api_key else "not set",
            "top_k": self.retrieval.top_k,
        }


def check_backend(name: str) -> Backend:
    if name not in BACKENDS:
        raise SettingsError(f"unknown backend {name!r}; choose one of {', '.join(BACKENDS)}")
    return name  # type: ignore[return-value]
