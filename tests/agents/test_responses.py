import re

import pytest

from agents.responses import (
    MESSAGE_KEYS,
    clarify_message,
    domain_off_message,
    emergency_card,
    message,
)
from agents.statuses import DOMAINS, EMERGENCY_KINDS, ROUTES, AnswerStatus

ALLOWED_NUMBERS = {"120", "110", "119", "12345", "12320", "12356", "12333", "12393", "2000"}


def test_statuses_and_routes_are_the_closed_sets():
    assert [status.value for status in AnswerStatus] == [
        "answered",
        "emergency",
        "refused",
        "out_of_scope",
        "no_basis",
        "handoff",
        "clarify",
        "domain_off",
        "error_llm",
        "error_retrieval",
    ]
    assert ROUTES == (
        "government",
        "healthcare",
        "education",
        "eldercare",
        "smalltalk",
        "out_of_scope",
        "handoff",
    )
    assert DOMAINS == ("government", "healthcare", "education", "eldercare")


@pytest.mark.parametrize("language", ["zh", "en"])
def test_every_message_exists_in_both_languages(language):
    for key in MESSAGE_KEYS:
        assert message(key, language).strip()


def test_fixed_labels_are_exact():
    assert message("health_disclaimer", "zh") == (
        "本回答仅供参考，不构成诊断或治疗建议，不能代替医生面诊，用药请遵医嘱。如有不适请及时就医，紧急情况请拨打120。"
    )
    assert message("ai_label", "zh") == "本回答由人工智能生成，请以官方发布的信息为准。"
    assert message("ai_label", "en") == "AI-generated. Official published information takes precedence."
    assert message("sample_data_label", "zh").startswith("示例数据")


def test_no_basis_offers_a_handoff():
    assert "12345" in message("no_basis", "zh")
    assert "政务服务大厅" in message("no_basis", "zh")
    assert "转人工" in message("no_basis", "zh")
    assert "12345" in message("no_basis", "en")


def test_unknown_key_or_language_fails_loudly():
    with pytest.raises(KeyError):
        message("nonexistent", "zh")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown language"):
        message("refused", "fr")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("domain", "numbers"),
    [
        ("government", ["12345"]),
        ("healthcare", ["12320", "12393", "120"]),
        ("education", ["12345"]),
        ("eldercare", ["12345"]),
    ],
)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_domain_off_notice_names_the_domain_hotline(domain, numbers, language):
    text = domain_off_message(domain, language)
    assert text == message(f"domain_off_{domain}", language)  # type: ignore[arg-type]
    for number in numbers:
        assert number in text


def test_domain_off_rejects_unknown_domain():
    with pytest.raises(ValueError, match="unknown domain"):
        domain_off_message("smalltalk", "zh")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kind", "language", "first_line"),
    [
        ("medical", "zh", "请立即拨打120急救电话。"),
        ("medical", "en", "Call 120 for an ambulance now."),
        (
            "mental_crisis",
            "zh",
            "请拨打心理援助热线12356；如果已经伤害了自己或有生命危险，请马上拨打120或110。",
        ),
        ("violence", "zh", "如果您正处于危险中，请立即拨打110报警。"),
        ("violence", "en", "If you are in danger, call the police on 110 now."),
    ],
)
def test_emergency_card_opens_with_the_number_to_call(kind, language, first_line):
    lines = emergency_card(kind, language).split("\n")
    assert lines[0] == first_line
    assert 3 <= len(lines) <= 5


@pytest.mark.parametrize("kind", EMERGENCY_KINDS)
@pytest.mark.parametrize("language", ["zh", "en"])
def test_emergency_cards_give_no_dosing(kind, language):
    card = emergency_card(kind, language)
    assert not re.search(r"\d+\s*(?:mg|毫克|片|粒|ml|毫升)", card)


def test_emergency_card_rejects_unknown_kind():
    with pytest.raises(ValueError, match="no emergency card"):
        emergency_card("injection", "zh")  # type: ignore[arg-type]


def test_clarify_lists_numbered_options():
    assert clarify_message(["办理居住证", "居住证续签"], "zh") == (
        "您想问的是下面哪一项？\n1. 办理居住证\n2. 居住证续签\n请回复序号，或换个说法再问一次。"
    )
    assert clarify_message([], "en") == message("clarify", "en")


def test_only_national_hotlines_appear_in_any_fixed_text():
    texts = [message(key, language) for key in MESSAGE_KEYS for language in ("zh", "en")]
    texts += [emergency_card(kind, language) for kind in EMERGENCY_KINDS for language in ("zh", "en")]
    numbers = {number for text in texts for number in re.findall(r"\d{3,}", text.replace(",", ""))}
    assert numbers <= ALLOWED_NUMBERS
