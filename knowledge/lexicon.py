"""Chinese-first lexical analysis for BM25: jieba with a Hubei service dictionary, synonyms, bigram fallback."""

from __future__ import annotations

import logging
import math
import re
import zlib
from collections import Counter
from functools import cached_property
from importlib import resources

import jieba
import jieba.posseg

jieba.setLogLevel(logging.WARNING)

_HAN = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[a-z0-9]+")
# Saturation parameters of BM25; the IDF half is applied by Qdrant (sparse vector modifier IDF).
_K1 = 1.2
_B = 0.75
_AVG_TOKENS = 140.0


def _data(name: str) -> str:
    return resources.files("knowledge").joinpath("data", name).read_text(encoding="utf-8")


def token_id(token: str) -> int:
    """A stable 31-bit index for a token (the sparse vector's dimension)."""
    return zlib.crc32(token.encode("utf-8")) & 0x7FFFFFFF


class Lexicon:
    """Turns text into canonical tokens and BM25-weighted sparse vectors, identically for documents and queries."""

    def __init__(self) -> None:
        self._tok = jieba.Tokenizer()
        self._tok.initialize()
        self._pos: jieba.posseg.POSTokenizer | None = None
        self.terms: set[str] = set()
        for line in _data("hubei_terms.txt").splitlines():
            parts = line.split()
            if parts:
                self._tok.add_word(parts[0], freq=int(parts[1]) if len(parts) > 1 else None)
                self.terms.add(parts[0])
        self.synonyms: dict[str, str] = {}
        for line in _data("synonyms.txt").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            group = line.split()
            for term in group:
                self.synonyms[term.lower()] = group[0].lower()
                if _HAN.search(term):
                    self._tok.add_word(term, freq=100000)
                    self.terms.add(term)
        self.stopwords = set(_data("stopwords.txt").split())

    @cached_property
    def _known(self) -> set[str]:
        return {w for w, f in self._tok.FREQ.items() if f}

    @property
    def frequencies(self) -> dict[str, int]:
        """General-language word frequencies of the segmenter's dictionary (project terms included)."""
        return self._tok.FREQ  # type: ignore[no-any-return]

    def surface_tokens(self, text: str) -> list[str]:
        """Words as segmented, before synonyms, sub-words and bigrams."""
        return [w.strip() for w in self._tok.cut(text.lower(), HMM=True) if w.strip()]

    def tagged_tokens(self, text: str) -> list[tuple[str, str]]:
        """Words with their part-of-speech tags (jieba's ICTCLAS-style tags: n, v, vn, …)."""
        if self._pos is None:
            self._pos = jieba.posseg.POSTokenizer(self._tok)
        return [(w.word.strip(), w.flag) for w in self._pos.cut(text.lower()) if w.word.strip()]

    def tokens(self, text: str) -> list[str]:
        """Canonical tokens of `text`: dictionary terms kept whole, unknown Chinese words also as bigrams."""
        out: list[str] = []
        for raw in self._tok.cut(text.lower(), HMM=True):
            word = raw.strip()
            if not word or word in self.stopwords:
                continue
            if _HAN.search(word):
                out.append(self.synonyms.get(word, word))
                if len(word) >= 3:
                    # Sub-words let "异地就医" match "异地就医备案"; the whole term stays a token too.
                    for sub in self._tok.cut_for_search(word):
                        if sub != word and len(sub) > 1 and sub not in self.stopwords:
                            out.append(self.synonyms.get(sub, sub))
                    out.extend(self.synonyms.get(t, t) for t in self.terms if t != word and t in word)
                    if word not in self._known:
                        out.extend(word[i : i + 2] for i in range(len(word) - 1))
            else:
                for latin in _LATIN.findall(word):
                    if latin in self.stopwords:
                        continue
                    if len(latin) > 3 and latin.endswith("s") and not latin.isdigit():
                        latin = latin[:-1]
                    out.append(self.synonyms.get(latin, latin))
        return out

    def document_vector(self, text: str) -> tuple[list[int], list[float]]:
        """BM25 term weights (tf saturation with length norm) as a sparse vector for a passage."""
        counts = Counter(self.tokens(text))
        length = sum(counts.values()) or 1
        norm = _K1 * (1 - _B + _B * length / _AVG_TOKENS)
        weights: dict[int, float] = {}
        for tok, tf in counts.items():
            idx = token_id(tok)
            weights[idx] = weights.get(idx, 0.0) + tf * (_K1 + 1) / (tf + norm)
        return list(weights), [round(w, 5) for w in weights.values()]

    def query_vector(self, text: str) -> tuple[list[int], list[float]]:
        """Query-side sparse vector: each distinct token once (a repeated word counts a little more)."""
        counts = Counter(self.tokens(text))
        weights: dict[int, float] = {}
        for tok, tf in counts.items():
            idx = token_id(tok)
            weights[idx] = weights.get(idx, 0.0) + 1.0 + math.log(tf)
        return list(weights), list(weights.values())
