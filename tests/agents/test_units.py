"""Passages split into answer units, and the units an extractive answer picks."""

from __future__ import annotations

from agents.compose import select_units
from agents.units import table_row_text, units_of
from knowledge.lexicon import Lexicon
from knowledge.retrieval import Hit


def _hit(text: str, *, section: str = "", doc_id: str = "d1", title: str = "测试指南") -> Hit:
    return Hit(doc_id=doc_id, doc_version="1", title=title, section=section, domain=["government"],
               region="湖北省", valid_from=None, valid_to=None, source="t.md", score=1.0, text=text,
               relevance=0.9, language="zh", sample=True, chunk_id=f"{doc_id}-c")


def test_table_rows_become_sentences_with_their_header() -> None:
    text = "四、就餐补贴标准\n| 对象 | 每餐补贴 |\n|---|---|\n| 80周岁以上老年人 | 3元 |\n| 其他老年人 | 1元 |\n"
    units = units_of(_hit(text), 0)
    assert [u.text for u in units] == ["80周岁以上老年人：每餐补贴 3元", "其他老年人：每餐补贴 1元"]
    assert units[0].heading == "四、就餐补贴标准"
    assert table_row_text(["a"], ["x", "y"]) == "x，y"


def test_faq_answers_carry_their_question_as_heading() -> None:
    zh = units_of(_hit("**问：要本人去吗？**\n答：不需要，可以委托他人。\n"), 0)
    en = units_of(_hit("**Do I have to go in person?**\nNo. Someone else can go for you.\n"), 0)
    assert (zh[0].heading, zh[0].text) == ("要本人去吗？", "不需要，可以委托他人。")
    assert (en[0].heading, en[0].text) == ("Do I have to go in person?", "No. Someone else can go for you.")


def test_english_numbered_headings_and_list_items_are_told_apart() -> None:
    units = units_of(_hit("7. Fees\n\n1. First application: 20 yuan per card;\n2. Reissue: 40 yuan per card;\n"), 0)
    assert [u.heading for u in units] == ["7. Fees", "7. Fees"] and all(u.is_item for u in units)


def test_a_fact_question_gets_the_sentence_that_states_the_fact() -> None:
    lexicon = Lexicon()
    text = (
        "一、事项名称\n居住证申领。\n居住证有效期为一年。\n"
        "六、办理时限\n首次申领：自受理之日起 10 个工作日内制作发放。\n"
    )
    units = select_units("交了材料多少天能拿到居住证？", [_hit(text)], lexicon)
    assert any("10 个工作日" in u.text for u in units)
    assert not any(u.text == "居住证申领。" for u in units)
