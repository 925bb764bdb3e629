"""Every fixed message a citizen can see, in Chinese and English, kept in this one module."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, get_args

from agents.statuses import Domain, EmergencyKind, Language

MessageKey = Literal[
    "refused",
    "refused_harmful",
    "out_of_scope",
    "no_basis",
    "handoff",
    "clarify",
    "domain_off_government",
    "domain_off_healthcare",
    "domain_off_education",
    "domain_off_eldercare",
    "bad_input_empty",
    "bad_input_too_long",
    "bad_input_garbage",
    "health_disclaimer",
    "ai_label",
    "sample_data_label",
    "error_llm",
    "error_retrieval",
]
MESSAGE_KEYS: tuple[MessageKey, ...] = get_args(MessageKey)


_ZH: dict[MessageKey, str] = {
    "refused": "抱歉，这个请求我不能处理。我可以帮您查询湖北的政务服务、看病就医、教育和养老方面的问题。",
    "refused_harmful": (
        "抱歉，这个请求涉及违法或可能伤害他人的内容，我不能提供帮助。"
        "如果您发现违法行为，可以拨打110报警或向有关部门举报；政务问题可拨打12345政务服务便民热线。"
    ),
    "out_of_scope": (
        "这个问题不在我的服务范围内。我可以帮您查询湖北的政务服务、看病就医、教育和养老服务，"
        "其他问题建议咨询相关部门。"
    ),
    "no_basis": (
        "抱歉，我没有找到能回答这个问题的官方依据，不能凭猜测回答。"
        "您可以拨打12345政务服务便民热线，或到就近的政务服务大厅咨询；需要的话，我可以为您转人工。"
    ),
    "handoff": (
        "已为您转接人工服务，请稍候，工作人员会看到您刚才的问题（个人信息已隐去）。"
        "您也可以拨打12345政务服务便民热线咨询。"
    ),
    "clarify": "为了给您准确的答复，请再说具体一点：您想办理或了解的是哪一项？在湖北哪个市、县？",
    "domain_off_government": (
        "政务服务问答暂时关闭。请拨打12345政务服务便民热线，或通过鄂汇办、湖北政务服务网办理。"
    ),
    "domain_off_healthcare": (
        "医疗健康问答暂时关闭。卫生健康问题请拨打12320卫生健康热线，医保问题请拨打12393医保服务热线；"
        "紧急情况请拨打120。"
    ),
    "domain_off_education": "教育问答暂时关闭。请拨打12345政务服务便民热线，或咨询当地教育部门。",
    "domain_off_eldercare": "养老服务问答暂时关闭。请拨打12345政务服务便民热线，或咨询所在社区、街道。",
    "bad_input_empty": "您还没有输入问题，请输入您想咨询的内容。",
    "bad_input_too_long": "您的问题太长了（超过2000字），请精简后分几次提问。",
    "bad_input_garbage": "没有看懂您输入的内容，里面可能有乱码，请用文字重新描述您的问题。",
    "health_disclaimer": (
        "本回答仅供参考，不构成诊断或治疗建议，不能代替医生面诊，用药请遵医嘱。"
        "如有不适请及时就医，紧急情况请拨打120。"
    ),
    "ai_label": "本回答由人工智能生成，请以官方发布的信息为准。",
    "sample_data_label": "示例数据：本条信息仅用于演示，不是官方信息，请勿据此办事。",
    "error_llm": "系统暂时繁忙，请稍后再试，或拨打12345政务服务便民热线咨询。",
    "error_retrieval": "暂时无法查询政策文件，请稍后再试，或拨打12345政务服务便民热线咨询。",
}

_EN: dict[MessageKey, str] = {
    "refused_harmful": (
        "Sorry, this request involves something unlawful or harmful to others, and I can't help with it. "
        "To report a crime, call 110; for government services, call the 12345 hotline."
    ),
    "refused": (
        "Sorry, I can't help with that request. I can answer questions about government services, "
        "healthcare, education and elder care in Hubei."
    ),
    "out_of_scope": (
        "That question is outside what I can help with. I can answer questions about government "
        "services, healthcare, education and elder care in Hubei."
    ),
    "no_basis": (
        "Sorry, I could not find an official source that answers this, and I won't guess. "
        "You can call the 12345 government service hotline or ask at your nearest service hall; "
        "I can also pass you to a member of staff."
    ),
    "handoff": (
        "You are being connected to a member of staff; please wait. They will see your question "
        "(personal details hidden). You can also call the 12345 government service hotline."
    ),
    "clarify": (
        "To give you an accurate answer, please tell me a little more: which service do you mean, "
        "and in which city or county of Hubei?"
    ),
    "domain_off_government": (
        "Questions about government services are switched off for now. Please call the 12345 hotline, "
        "or use the 鄂汇办 app or 湖北政务服务网."
    ),
    "domain_off_healthcare": (
        "Health questions are switched off for now. Call 12320 for health services and 12393 for "
        "medical insurance; in an emergency call 120."
    ),
    "domain_off_education": (
        "Education questions are switched off for now. Please call the 12345 hotline or your local "
        "education bureau."
    ),
    "domain_off_eldercare": (
        "Elder-care questions are switched off for now. Please call the 12345 hotline or your "
        "community or street office."
    ),
    "bad_input_empty": "You haven't typed a question yet. Please tell me what you would like to ask.",
    "bad_input_too_long": "Your message is too long (over 2,000 characters). Please shorten it or ask in parts.",
    "bad_input_garbage": "I couldn't read your message; it may contain garbled characters. Please type it again.",
    "health_disclaimer": (
        "This answer is for reference only. It is not a diagnosis or treatment advice and does not "
        "replace seeing a doctor; take medicines only as prescribed. If you feel unwell, see a doctor; "
        "in an emergency call 120."
    ),
    "ai_label": "AI-generated. Official published information takes precedence.",
    "sample_data_label": "Sample data: shown for demonstration only, not official information.",
    "error_llm": "The service is busy right now. Please try again later or call the 12345 hotline.",
    "error_retrieval": (
        "Policy documents can't be searched right now. Please try again later or call the 12345 hotline."
    ),
}

_CARDS: dict[tuple[EmergencyKind, Language], tuple[str, ...]] = {
    ("medical", "zh"): (
        "请立即拨打120急救电话。",
        "说清楚：详细地址、病人年龄、现在的症状。",
        "等待时：让病人就地保持安静，不要随意搬动；意识不清的让他侧躺，保持呼吸通畅。",
        "不要给病人吃喝东西或自行用药；派人到楼下或路口接救护车。",
        "如果病人没有反应、没有呼吸，请按120调度员的指导做胸外按压。",
    ),
    ("medical", "en"): (
        "Call 120 for an ambulance now.",
        "Tell them the exact address, the person's age and what is happening.",
        "While you wait: keep the person still; if they are not fully awake, lay them on their side.",
        "Give nothing to eat, drink or take; send someone to meet the ambulance.",
        "If they stop responding or breathing, follow the 120 dispatcher's CPR instructions.",
    ),
    ("mental_crisis", "zh"): (
        "请拨打心理援助热线12356；如果已经伤害了自己或有生命危险，请马上拨打120或110。",
        "您并不孤单，您的感受很重要，专业人员愿意听您说。",
        "请尽量不要一个人待着，联系一位信任的人陪在身边。",
        "把可能伤害自己的药物、刀具等放远一些。",
    ),
    ("mental_crisis", "en"): (
        "Call the 12356 psychological support hotline; if you have hurt yourself or are in danger, call 120 or 110 now.",
        "You are not alone, and what you feel matters; trained people want to listen.",
        "Try not to stay alone: ask someone you trust to be with you.",
        "Put medicines, knives or anything you could hurt yourself with out of reach.",
    ),
    ("violence", "zh"): (
        "如果您正处于危险中，请立即拨打110报警。",
        "尽快到安全的地方，或到人多的地方；受了伤请拨打120。",
        "保留伤情照片、就诊记录等证据。",
        "遭受家庭暴力可以向公安机关报案，也可以向人民法院申请人身安全保护令。",
    ),
    ("violence", "en"): (
        "If you are in danger, call the police on 110 now.",
        "Get to a safe place or somewhere with other people; if you are hurt, call 120.",
        "Keep evidence such as photos of injuries and medical records.",
        "Domestic violence can be reported to the police, and a court can issue a personal safety protection order.",
    ),
}

_CLARIFY_LEAD: dict[Language, str] = {"zh": "您想问的是下面哪一项？", "en": "Which of these do you mean?"}
_CLARIFY_TAIL: dict[Language, str] = {
    "zh": "请回复序号，或换个说法再问一次。",
    "en": "Reply with a number, or ask again in other words.",
}


def _table(language: Language) -> dict[MessageKey, str]:
    if language == "zh":
        return _ZH
    if language == "en":
        return _EN
    raise ValueError(f"unknown language: {language!r}")


def message(key: MessageKey, language: Language) -> str:
    """The fixed message for `key` in `language`.

    Raises:
        KeyError: `key` is not a known message.
        ValueError: `language` is neither "zh" nor "en".

    """
    table = _table(language)
    if key not in table:
        raise KeyError(f"unknown message key: {key!r}")
    return table[key]


def domain_off_message(domain: Domain, language: Language) -> str:
    """The notice shown when `domain` has been switched off, with that domain's hotline."""
    key: MessageKey
    if domain == "government":
        key = "domain_off_government"
    elif domain == "healthcare":
        key = "domain_off_healthcare"
    elif domain == "education":
        key = "domain_off_education"
    elif domain == "eldercare":
        key = "domain_off_eldercare"
    else:
        raise ValueError(f"unknown domain: {domain!r}")
    return message(key, language)


def clarify_message(options: Sequence[str], language: Language) -> str:
    """A clarifying question listing `options` as numbered choices; the plain clarify text when empty."""
    _table(language)
    if not options:
        return message("clarify", language)
    lines = [_CLARIFY_LEAD[language]]
    lines += [f"{number}. {option}" for number, option in enumerate(options, start=1)]
    lines.append(_CLARIFY_TAIL[language])
    return "\n".join(lines)


def emergency_card(kind: EmergencyKind, language: Language) -> str:
    """The emergency card for `kind`; its first line names the number to call.

    Raises:
        ValueError: `kind` has no card, or `language` is unknown.

    """
    _table(language)
    card = _CARDS.get((kind, language))
    if card is None:
        raise ValueError(f"no emergency card for kind {kind!r}")
    return "\n".join(card)
