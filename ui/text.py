"""Every label and fixed line the two web pages show, in Chinese and English, plus regions and quick starts."""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]

PROVINCE = "湖北省"
CITIES: tuple[str, ...] = (
    "武汉市", "黄石市", "十堰市", "宜昌市", "襄阳市", "鄂州市", "荆门市", "孝感市", "荆州市",
    "黄冈市", "咸宁市", "随州市", "恩施土家族苗族自治州", "仙桃市", "潜江市", "天门市", "神农架林区",
)
REGIONS: tuple[str, ...] = (PROVINCE, *CITIES)

DOMAINS: tuple[str, ...] = ("government", "healthcare", "education", "eldercare")
DOMAIN_NAMES: dict[str, dict[Lang, str]] = {
    "government": {"zh": "政务服务", "en": "Government services"},
    "healthcare": {"zh": "看病就医", "en": "Healthcare"},
    "education": {"zh": "教育入学", "en": "Education"},
    "eldercare": {"zh": "养老服务", "en": "Elder care"},
}

# (button label, the question it asks), per language; one per domain, then one per life event.
DOMAIN_STARTS: dict[Lang, tuple[tuple[str, str], ...]] = {
    "zh": (
        ("政务服务", "居民身份证丢了怎么补办？"),
        ("看病就医", "异地就医备案怎么办理？"),
        ("教育入学", "小学入学报名要准备哪些材料？"),
        ("养老服务", "高龄津贴怎么申请？"),
    ),
    "en": (
        ("Government services", "How do I replace a lost resident ID card?"),
        ("Healthcare", "How do I register for medical treatment in another city?"),
        ("Education", "What do I need to enrol my child in primary school?"),
        ("Elder care", "How do I apply for the longevity allowance?"),
    ),
}
LIFE_EVENT_STARTS: dict[Lang, tuple[tuple[str, str], ...]] = {
    "zh": (
        ("新生儿出生", "新生儿出生一件事怎么办理？要准备哪些材料？"),
        ("孩子上学", "孩子上小学要办哪些事？"),
        ("迁居湖北", "搬到武汉居住要办哪些手续？"),
        ("退休", "办理退休要准备什么？"),
        ("父母满80岁", "父母满80岁可以领高龄津贴吗？怎么申请？"),
        ("身后事", "家人去世后要办哪些事？"),
    ),
    "en": (
        ("A new baby", "What do I need to do after my baby is born?"),
        ("Starting school", "What do I need to do when my child starts primary school?"),
        ("Moving to Hubei", "What do I need to do after moving to Wuhan?"),
        ("Retiring", "What do I need to prepare to retire?"),
        ("Parent turns 80", "My parent is turning 80: can they get the longevity allowance?"),
        ("After a death", "What needs to be done after a family member dies?"),
    ),
}

MAX_CHARS = 2000

_TEXT: dict[str, dict[Lang, str]] = {
    "title": {"zh": "湖北政务民生服务助手", "en": "Hubei Citizen Service Assistant"},
    "subtitle": {
        "zh": "政务服务、看病就医、教育入学、养老服务：答案来自官方文件，并注明出处。",
        "en": "Government services, healthcare, education and elder care: answers come from official documents, with sources.",
    },
    "sample_banner": {
        "zh": "示例数据：当前知识库是演示用的示例数据，内容仅作展示，不是官方信息，请勿据此办事。",
        "en": "Sample data: the knowledge base holds illustrative documents only. It is not official information.",
    },
    "region": {"zh": "所在地区", "en": "Region"},
    "language": {"zh": "界面语言", "en": "Language"},
    "elderly": {"zh": "适老模式（大字、简洁）", "en": "Elderly mode (large text)"},
    "question": {"zh": "您的问题", "en": "Your question"},
    "question_hint": {"zh": "请输入您想咨询的问题，例如：社保卡怎么申领？", "en": "Type your question, e.g. how do I get a social security card?"},
    "send": {"zh": "发送", "en": "Send"},
    "handoff": {"zh": "转人工", "en": "Talk to a person"},
    "new_chat": {"zh": "新的对话", "en": "New conversation"},
    "domain_starts": {"zh": "按领域提问", "en": "Ask by topic"},
    "event_starts": {"zh": "按人生大事提问（一件事）", "en": "Ask by life event"},
    "conversation": {"zh": "对话记录", "en": "Conversation"},
    "feedback": {"zh": "这个回答对您有帮助吗？", "en": "Was this answer helpful?"},
    "thumb_up": {"zh": "有帮助", "en": "Helpful"},
    "thumb_down": {"zh": "没帮助", "en": "Not helpful"},
    "reason": {"zh": "没帮助的原因（选填）", "en": "What was wrong? (optional)"},
    "feedback_thanks": {"zh": "感谢您的反馈。", "en": "Thank you for your feedback."},
    "feedback_none": {"zh": "请先提一个问题，再评价回答。", "en": "Ask a question first, then rate the answer."},
    "read_aloud": {"zh": "朗读回答", "en": "Read the answer aloud"},
    "audio": {"zh": "语音朗读", "en": "Spoken answer"},
    "nothing_to_read": {"zh": "还没有可以朗读的回答。", "en": "There is no answer to read yet."},
    "welcome": {
        "zh": "您好！请直接输入问题，或点击下面的按钮提问。涉及生命危险请立即拨打120或110。",
        "en": "Hello! Type a question or tap a button below. If a life is in danger, call 120 or 110 now.",
    },
    "you": {"zh": "您", "en": "You"},
    "assistant": {"zh": "助手", "en": "Assistant"},
    "staff": {"zh": "工作人员", "en": "Staff"},
    "sources": {"zh": "依据来源", "en": "Sources"},
    "section": {"zh": "章节", "en": "Section"},
    "validity": {"zh": "有效期", "en": "Valid"},
    "valid_since": {"zh": "起施行", "en": "onwards"},
    "file": {"zh": "来源文件", "en": "Source file"},
    "tools": {"zh": "查询的服务数据", "en": "Service data used"},
    "thinking": {"zh": "正在查找官方依据……", "en": "Looking up official documents…"},
    "waiting_staff": {"zh": "已转人工，工作人员回复后会显示在这里", "en": "Passed to staff; their reply will appear here"},
    "emergency_call": {"zh": "请立即拨打", "en": "Call now"},
    "empty": {"zh": "您还没有输入问题，请输入您想咨询的内容。", "en": "You haven't typed a question yet. Please tell me what you would like to ask."},
    "too_long": {
        "zh": f"您的问题太长了（超过{MAX_CHARS}字），请精简后分几次提问。",
        "en": f"Your message is too long (over {MAX_CHARS:,} characters). Please shorten it or ask in parts.",
    },
    "garbage": {
        "zh": "没有看懂您输入的内容，里面可能有乱码，请用文字重新描述您的问题。",
        "en": "I couldn't read your message; it may contain garbled characters. Please type it again.",
    },
    "unavailable": {
        "zh": "系统暂时繁忙，请稍后再试，或拨打12345政务服务便民热线咨询。",
        "en": "The service is busy right now. Please try again later or call the 12345 hotline.",
    },
    "handoff_need_thread": {"zh": "请先说说您要咨询的问题，再转人工。", "en": "Please ask your question first, then ask for a person."},
    "thread_no": {"zh": "（会话编号：{}）", "en": " (conversation no. {})"},
}

STATUS_CHIPS: dict[str, dict[Lang, str]] = {
    "verified": {"zh": "依据已核实", "en": "Sources verified"},
    "no_basis": {"zh": "未找到依据", "en": "No official source found"},
    "emergency": {"zh": "紧急情况", "en": "Emergency"},
    "handoff": {"zh": "已转人工", "en": "Passed to staff"},
    "out_of_scope": {"zh": "不在服务范围", "en": "Outside what I cover"},
    "refused": {"zh": "无法处理", "en": "Can't help with that"},
    "clarify": {"zh": "请补充信息", "en": "Need more detail"},
    "domain_off": {"zh": "暂停服务", "en": "Temporarily off"},
    "error": {"zh": "暂时无法回答", "en": "Temporarily unavailable"},
}


def t(key: str, lang: Lang) -> str:
    """The text for `key` in `lang`; raises KeyError for an unknown key."""
    return _TEXT[key][lang]


def lang_of(value: str | None) -> Lang:
    """The page language from the switch's value ("中文" / "English")."""
    return "en" if value == "English" else "zh"
