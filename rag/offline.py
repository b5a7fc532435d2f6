"""Process-wide environment that keeps every library offline and quiet.

Set before chromadb, gradio, transformers or onnxruntime are imported: several of
them start telemetry or hub look-ups at import time, and on this machine (no
internet) those calls hang or keep the interpreter alive after the app exits.
"""

from __future__ import annotations

import os

OFFLINE_ENV = {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "ORT_DISABLE_TELEMETRY": "1",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "TRANSFORMERS_NO_ADVISORY_WARNINGS": "1",
    # OpenMP threads otherwise spin while waiting: with the other core busy (a shared 2-core machine),
    # one torch query embedding took 300-1000 ms instead of ~20 ms (benchmarks/README.md); kept for
    # any OpenMP library in the process or its children.
    "OMP_WAIT_POLICY": "PASSIVE",
}


def apply_offline_env() -> None:
    """Force the offline variables; a user cannot opt back into telemetry by accident."""
    for key, value in OFFLINE_ENV.items():
        os.environ[key] = value
