"""Is there an official basis for an answer? The question's specific terms must be found in the passages.

Dense similarity alone cannot tell "狂犬疫苗多少钱" from a vaccination guide that never mentions rabies:
both are about vaccines. A rare, specific word of the question (狂犬, 年检, 婚假) that no retrieved
passage contains means the documents do not answer it; the answer becomes `no_basis`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from knowledge.embedding import Embedder
from knowledge.lexicon import Lexicon
from knowledge.regions import CITIES

# Common in citizens' questions, rare in documents, and carrying no topic: never decisive.
_COLLOQUIAL = frozenset(
    ["我妈", "我爸", "老妈", "老爸", "孩子", "小孩", "宝宝", "老人", "家里", "咋整", "咋办", "怎么弄", "多少钱", "大概", "一般", "现在", "今年", "明年", "去年", "下个月", "上个月", "这个", "那个", "办事", "办理", "手续", "东西", "哪些", "什么样", "需不需要", "能不能", "可不可以", "有没有", "是不是", "外地人", "本地人", "老家", "户口", "单位", "公司", "麻烦", "谢谢", "你好", "请问", "咨询", "具体", "需要", "要求", "规定", "按规定", "以后", "之前", "时候", "地方", "网上", "线上", "线下", "现场", "跑腿", "一趟", "几次", "几天", "多久", "多长时间", "什么时候", "百分之几"]
)
_HAN = re.compile(r"^[\u4e00-\u9fff]+$")
# A word glued to a function character by the segmenter (那要, 能领) is phrasing, not topic.
_FUNCTION_CHARS = frozenset("那这哪要吗呢吧的了是有个能会在和就都还也么啥咋怎我你他她它们给让把被从到得过着几多少")
_RARE = 300  # jieba dictionary frequency below which a word is "specific"


def specific_terms(question: str, lexicon: Lexicon) -> list[str]:
    """The question's rare, topic-bearing Chinese words (not colloquial, not place names)."""
    freq = lexicon.frequencies
    out: list[str] = []
    for tok, pos in lexicon.tagged_tokens(question):
        # Only nouns name a topic; unknown words the segmenter made up (交满, 天出) are phrasing.
        if not (pos.startswith("n") or pos == "vn") or tok not in freq:
            continue
        if len(tok) < 2 or not _HAN.match(tok) or tok in _COLLOQUIAL or tok in lexicon.stopwords:
            continue
        if any(ch in _FUNCTION_CHARS for ch in tok):
            continue
        if any(tok in c or c.startswith(tok) for c in CITIES):
            continue
        if tok in lexicon.terms or (freq.get(tok) or 0) >= _RARE:
            continue
        out.append(tok)
    return list(dict.fromkeys(out))


_VAGUE_NOUNS = frozenset(["问题", "事情", "事儿", "东西", "情况", "业务", "服务", "信息", "帮助", "外地", "本地", "这边", "那边"])


def topic_nouns(question: str, lexicon: Lexicon) -> list[str]:
    """The things the question names (个体户, 年度报告, 救护车), not its errand words ("办个事")."""
    out: list[str] = []
    for tok, pos in lexicon.tagged_tokens(question):
        if not (pos.startswith("n") or pos in ("vn", "eng") or tok in lexicon.terms) or len(tok) < 2:
            continue
        if tok in _COLLOQUIAL or tok in _VAGUE_NOUNS or tok in lexicon.stopwords:
            continue
        if tok not in lexicon.terms and any(ch in _FUNCTION_CHARS or ch == "最" for ch in tok):
            continue  # phrasing glued by the segmenter: 能管, 最长
        if any(tok in c or c.startswith(tok) for c in CITIES):
            continue
        out.append(tok)
    return out


def has_topic(question: str, lexicon: Lexicon) -> bool:
    """True when the question names a thing (个体户年报, 救护车), not only an errand ("我想办个事")."""
    return bool(topic_nouns(question, lexicon))


def _present(term: str, texts: Iterable[str]) -> bool:
    joined = "\n".join(texts)
    if term in joined:
        return True
    # Three or more characters: a two-character part of it is enough (外地人 ~ 外地人员).
    return len(term) >= 3 and any(term[i : i + 2] in joined for i in range(len(term) - 1))


def missing_terms(question: str, passages: Iterable[str], lexicon: Lexicon) -> list[str]:
    """Specific terms of the question that none of the passages contain."""
    texts = list(passages)
    return [t for t in specific_terms(question, lexicon) if not _present(t, texts)]


class AnswerMatcher:
    """How close in meaning the question is to the sentences that would answer it.

    Near the topic is not on it: a guide to marriage registration is near "离婚冷静期多少天" but
    none of its sentences says anything about a cooling-off period. The best candidate sentence
    (with its title and heading) must be about as close to the question as an answer is.
    Sentence vectors are cached by text: the same guides answer many questions.
    """

    def __init__(self, embedder: Embedder, max_cached: int = 50_000) -> None:
        self._embedder = embedder
        self._cache: dict[str, npt.NDArray[np.float32]] = {}
        self._max = max_cached
        self._last_question = ""
        self._last_query: npt.NDArray[np.float32] = np.zeros(0, dtype=np.float32)

    def best(self, question: str, candidates: list[str]) -> float:
        """The highest cosine similarity between the question and any candidate sentence."""
        if not candidates:
            return 0.0
        new = [c for c in dict.fromkeys(candidates) if c not in self._cache]
        if new:
            if len(self._cache) + len(new) > self._max:
                self._cache.clear()
            self._cache.update(zip(new, self._embedder.embed_passages(new), strict=True))
        if question != self._last_question:
            # A turn asks twice when its domain has no basis and all domains are searched.
            self._last_question, self._last_query = question, self._embedder.embed_queries([question])[0]
        return max(float(np.dot(self._cache[c], self._last_query)) for c in candidates)
