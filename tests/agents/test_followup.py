"""Follow-ups made standalone from the thread, without a model."""

from __future__ import annotations

import pytest

from agents.followup import is_follow_up, standalone, topic_of
from knowledge.lexicon import Lexicon


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon()


@pytest.mark.parametrize(
    ("title", "topic"),
    [
        ("武汉市居住证办理指南", "武汉市居住证"),
        ("湖北省退休“一件事”办事指南", "湖北省退休"),
        ("Wuhan Residence Permit: Application Guide", "Wuhan Residence Permit"),
    ],
)
def test_topic_of_a_title(title: str, topic: str) -> None:
    assert topic_of(title) == topic


@pytest.mark.parametrize(
    ("question", "follow"),
    [
        ("那要多少钱？", True),
        ("研究生呢？", True),
        ("在哪里办？", True),
        ("要体检吗？", True),
        ("外地户口也可以吗", True),
        ("How long does it take?", True),
        ("What about a newborn baby?", True),
        ("驾照丢了怎么补？", False),
        ("养老金资格认证怎么做？", False),
        ("How do I apply for a residence permit in Wuhan?", False),
    ],
)
def test_is_follow_up(question: str, follow: bool, lexicon: Lexicon) -> None:
    assert is_follow_up(question, lexicon) is follow


def test_standalone_carries_the_topic_and_answers_a_clarifying_question(lexicon: Lexicon) -> None:
    answered = [{"role": "user", "content": "武汉居住证怎么办？"},
                {"role": "assistant", "content": "…", "status": "answered", "topic": "武汉市居住证办理指南"}]
    assert standalone("那要多少钱？", answered, lexicon) == "武汉市居住证 那要多少钱？"
    assert standalone("驾照丢了怎么补？", answered, lexicon) == "驾照丢了怎么补？"
    clarify = [{"role": "user", "content": "我想办个证"},
               {"role": "assistant", "content": "您想问的是下面哪一项？\n1. 政务服务\n2. 养老服务", "status": "clarify",
                "topic": None}]
    assert standalone("2", clarify, lexicon) == "我想办个证（养老服务）"
    assert standalone("结婚证", clarify, lexicon) == "我想办个证 结婚证"
    assert standalone("结婚证", [], lexicon) == "结婚证"
