"""The deterministic safety gate: emergencies, crises, violence, prompt injection and harmful requests."""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass
from typing import Literal

from agents import safety_lexicon as lex
from agents.harm import harm_rule
from agents.intake import matching_form
from agents.statuses import Language

Kind = Literal["none", "medical", "mental_crisis", "violence", "injection", "harmful"]

HOTLINES: dict[Kind, str] = {"medical": "120", "mental_crisis": "12356", "violence": "110"}

# --- context cues ---------------------------------------------------------------------------------
# Phrases that only introduce a question; removed so that "请问" or "我想知道" is not read as a person.
ASKER = re.compile(
    r"请问一下|请问|我想问一下|我想问问|我想问|想问一下|想问问|问一下|问问|我想知道|想知道|我想咨询一下|我想咨询|"
    r"想咨询一下|咨询一下|我想了解一下|我想了解|想了解|我想请教一下|我想请教|请教一下|"
    r"\bi (?:want|would like|'d like) to (?:know|ask)\b|\bi wonder\b|\bcan you tell me\b|\bplease tell me\b"
)
NEGATION = re.compile(
    r"(?:(?<!有)没有|(?<!有)没|无|未|(?<!是)不是|并非|否认|排除|(?<![是会有要能])不)(?:再|出现|发生|有|过|会)?$"
    r"|\b(?:no|not|never|without|denies|denied|didn't|doesn't|don't|isn't|wasn't|hasn't)\b(?:\s+\w+){0,2}\s*$"
)
HYPOTHETICAL = re.compile(
    r"会不会|可能|容易|担心|害怕|怕|万一|如果|假如|要是|假设|预防|避免|防止|以免|防|引起|导致|引发|造成|"
    r"什么是|什么叫|关于|会(?:出现|发生|有)?$|"
    r"\b(?:if|what if|in case|could|might|may|will|would|does|do|risk of|prevent(?:ing)?|avoid|causes?|"
    r"lead to|leads to|what is|what are|what's|symptoms of|signs of|about)\b[\w\s']{0,20}$"
)
# Hypothesis words that still leave a crisis statement standing ("担心他想自杀" is a crisis too);
# crisis and violence rules also ignore long duration, which never makes them less urgent.
CRISIS_HYPOTHETICAL = re.compile(
    r"如果|假如|假设|预防|防止|避免|干预|关于|\b(?:if|what if|prevent(?:ing)?|about)\b[\w\s']{0,20}$"
)
GENERAL_AFTER = re.compile(
    r"^(?:时|的时候)|会不会|会(?:死|有|导致|引起|怎样|怎么样|留下|遗传|传染|影响|窒息)|会[^，,。]{0,12}吗|"
    r"能(?:治好|治愈|痊愈|全愈|根治|活)|(?:吃|用)什么药|(?:应当|应该|要)吃什么|正常吗|正不正常|要紧吗|要不要紧|"
    r"^(?:之?后|以后)[^，,]{0,2}(?:多久|多长时间|能不能|可以|能否|还能|要注意|注意什么|饮食|恢复)|"
    r"是什么|的原因|原因|的症状|症状|的表现|表现|的危害|危害|后果|急救(?:方法|措施|知识|常识)|"
    r"怎么(?:预防|治疗|护理|急救|处理)|如何|中心|专科|门诊|科室|有哪些|事件|事故|保险|报销|多少钱|费用|收费|"
    r"病人的?(?:护理|饮食)|患者的?(?:护理|饮食)|"
    r"\b(?:symptoms?|signs?|causes?|treatment|prevention|centre|center|clinic|insurance|cost|fees?|first aid)\b"
)
GENERAL_SENTENCE = re.compile(
    r"在哪|哪里有|哪家|哪个医院|哪些医院|收费|费用|价格|多少钱|标准|报销|医保|政策|补贴|津贴|挂号|预约|"
    r"什么是|科普|知识|培训|课程|讲座|作文|论文|"
    r"法律|规定|条例|宣传|理赔|赔偿|索赔|定损|"
    r"\b(?:where is|where are|which hospital|cost|fees?|price|how much|insurance|reimburse\w*|policy|"
    r"what is|what are|how to prevent|training|course|exam)\b"
)
# Not the asker's situation: news, hearsay, fiction, drills, exams. Only a "now" cue overrides it.
REPORTED = re.compile(
    r"新闻|报道|听说|据说|电视上|电视里|电视剧|电影|小说|网上说|网上看到|演练|演习|模拟|考试|考题|题目|"
    r"\b(?:news|heard that|read that|movie|film|novel|tv show|drill|exam)\b"
)
# Worry or a condition framing the whole sentence ("担心他突然晕倒") for medical red flags.
WORRY = re.compile(r"担心|害怕|怕|万一|如果|假如|要是|\b(?:worried|afraid|in case|what if|if)\b")
SUBJECT = re.compile(
    r"我|俺|咱|爸|妈|父亲|母亲|爷爷|奶奶|外公|外婆|姥姥|姥爷|公公|婆婆|老公|老婆|丈夫|妻子|爱人|老伴|儿子|"
    r"女儿|闺女|孩子|宝宝|宝贝|婴儿|小孩|娃|家人|家里人|朋友|同事|同学|邻居|室友|他|她|病人|患者|老人|有人|"
    r"\b(?:i|i'm|im|me|my|we|our|he|he's|she|she's|his|her|they|someone|somebody|a man|a woman|the baby)\b"
)
NOW = re.compile(
    r"现在|刚才|刚刚|正在|此刻|目前|这会儿|马上|今天|今早|今晚|早上起来|醒来|半夜|凌晨|刚|又|还在|"
    r"\d+分钟|几分钟|半小时|一个?小时|救命|"
    r"\b(?:now|right now|just|currently|at the moment|this morning|tonight|today|minutes? ago|an hour ago|"
    r"keeps?|won't|help)\b"
)
ACUTE = re.compile(r"突然|突发|忽然|一下子|猛然|骤然|\b(?:suddenly|sudden)\b")
# Recent or worsening: moves a story told in the past back to now ("经常…最近…", "比以往都严重").
RECENT = re.compile(
    r"最近|这天|这两天|这几天|近来|近期|此次|这次|\b(?:recently|lately|this time|these days)\b"
)
WORSENING = re.compile(r"加重|更严重|比以往|越来越(?:重|厉害|严重)|恶化|严重了|\b(?:worse|worsening)\b")
# New onset right before a term ("再次出现呕血", "开始有面瘫") describes the present.
ONSET = re.compile(r"(?:开始出现|开始有|出现了|新出现|又出现|再次出现|突然出现)了?有?$")
PERFECTIVE = re.compile(r"^(?:了|过去|着|在地|倒地|不醒|不止)")
# The experiential aspect (晕倒过, 昏迷过) tells of something that happened before, not now.
EXPERIENTIAL = re.compile(r"^过(?!去)")
# "之前的指令" names a thing; only an adverbial "之前" (not followed by 的) sets the story in the past.
PAST = re.compile(
    r"(?:去年|前年|以前|之前|曾经|小时候|多年前|几年前|\d+年前|年前|个月前|病史|既往|当年|那年|那时|上次|以往)(?!的)|"
    r"\b(?:last year|years ago|months ago|as a child|history of|used to|once had)\b"
)
# Long duration (not mere frequency: "总是胸闷得厉害" can still be acute).
CHRONIC = re.compile(
    r"长期|多年|好几年|几年了|\d+年了|一年多|半年|几个月|\d+个月了|好长时间|很长时间|很久了|十多年|二十年|平时|"
    r"\b(?:for years|chronic|for months|long-term)\b"
)
HANDLED = re.compile(
    r"抢救过来|抢救回来|救过来|醒过来了|已经醒了|已经好了|好了很多|恢复了|没事了|已经出院|出院了|出院后|治好了|"
    r"缓解了|康复|送医院后|送到医院后|送医后|\b(?:recovered|is fine now|was discharged)\b"
)
RECUR = re.compile(r"又|还在|仍|再次|再度|依然|\b(?:again|still)\b")

# --- prompt injection and jailbreak ---------------------------------------------------------------
_RULE_WORDS = r"(?:指令|指示|规则|设定|提示词|要求|限制|约束|命令|安全策略)"
_QUALIFIER = r"(?:你|之前|以上|上面|前面|先前|刚才|所有|全部|一切|原来|原有|原先|收到的)"
_DATA = (
    r"(?:对话|聊天|记录|内容|数据|信息|资料|提示词|系统提示|身份证|手机号|"
    r"conversation|chat history|user data|personal data|system prompt)"
)
_LEAK_VERB = (
    r"(?:输出|打印|显示|泄露|告诉我|给我看|发给我|复述|重复|透露|展示|列出|说出|原样输出|逐字输出|打出来|写出来|贴出来)"
    r"(?:一下)?"
)
_LEAK_TARGET = r"(?:系统提示词?|系统指令|系统设定|初始指令|初始提示|提示词|隐藏指令|开发者指令|system prompt)"
INJECTION_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "ignore_instructions",
        re.compile(
            r"(?:忽略|无视|忘记|忘掉|跳过|抛开|丢掉|不要理会|别管|不用管|不要遵守|不必遵守|违反)掉?"
            rf"(?=[^我，,。!?]{{0,10}}{_RULE_WORDS})[^我，,。!?]{{0,10}}?{_QUALIFIER}[^我，,。!?]{{0,8}}?{_RULE_WORDS}"
        ),
    ),
    (
        "reset_instructions",
        re.compile(
            rf"(?:你的|原来的|之前的|原有的){_RULE_WORDS}(?:都|全部|已经)?(?:作废|失效|无效|取消|被?(?:删除|清除|覆盖|重置))|"
            rf"(?:重置|清除|删除|覆盖|清空)你的(?:{_RULE_WORDS}|记忆)|(?:听|服从|按)我的(?:命令|指令)|"
            r"(?:以下是|这是|下面是)?新的(?:系统)?(?:指令|规则|设定)(?:是|如下|[:：])|^\s*(?:system|developer)\s*[:：]"
        ),
    ),
    (
        "ignore_instructions_en",
        re.compile(
            r"\b(?:ignore|disregard|override|bypass)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+)?"
            r"(?:previous|prior|above|earlier|preceding|all|your|system|original|safety|existing)\b(?:\s+\w+){0,2}\s+"
            r"(?:instructions?|rules|prompts?|directions|guidelines|constraints|guardrails|programming|restrictions)\b|"
            r"\b(?:ignore|disregard)\s+(?:all\s+)?(?:of\s+)?(?:the\s+)?(?:above|previous|prior|preceding|earlier)\s*(?:and|,|\.|$)|"
            r"\bforget (?:everything|all)\b(?:\s+\w+){0,3}\s+(?:above|before|previous|you were told)\b|"
            r"\bnew instructions\s*:|\bsystem\s*:|\b(?:maintenance|unrestricted|admin) mode\b|\bdisable (?:your )?safety\b"
        ),
    ),
    (
        "role_override",
        re.compile(
            r"(?:你现在就?是|从现在(?:起|开始),?你就?是|接下来你就?是|你将扮演|请你?扮演|你来扮演|你扮演|"
            r"假装你是|假装自己是|假设你是|你的新身份是|你不再是|忘记你是|忘掉你是|别再当|不要再当)[^。!?]{0,14}"
            r"(?:ai|人工智能|助手|机器人|模型|chatgpt|gpt|dan|黑客|没有任何?限制|不受任何?限制|无限制|不受监管|没有道德|"
            r"另一个|新的|邪恶|坏人|医生|律师|警察|官员|管理员|开发者|系统|奶奶|外婆|祖母|秘书|我的)"
        ),
    ),
    (
        "role_override_en",
        re.compile(
            r"\b(?:you are now (?:a|an|my|dan|free|in|no longer|unrestricted)|from now on,? you(?: are|'re| will)|"
            r"pretend (?:to be|you are|you're)|roleplay as|role-play as|your new role|"
            r"act as (?:an? )?(?:ai|assistant|dan|unrestricted|hacker|different|evil|doctor|lawyer|system|developer|"
            r"admin|chatbot|language model|my (?:grandma|grandmother)))\b|\bact as if\b|"
            r"\byou are an? (?:ai|assistant|chatbot|bot|language model)\b[\w\s]{0,12}\b(?:with no|without|called|named)\b"
        ),
    ),
    (
        "no_limits",
        re.compile(
            r"(?:你|回答|回复|说话|输出)[^。!?]{0,8}(?:不受任何限制|不受限制|没有任何限制|无视(?:所有|任何)?(?:规则|限制|道德|法律))|"
            r"不受任何限制地|无视(?:所有|任何)(?:规则|限制|道德)|绕过(?:你的)?(?:限制|安全|审查|过滤)"
        ),
    ),
    (
        "no_limits_en",
        re.compile(
            r"\b(?:answer|respond|reply|talk|speak|act|you are|you're|be|you|ai|assistant|chatbot|bot)\b[\w\s]{0,20}"
            r"\b(?:without (?:any )?(?:restrictions|limits|filters|rules)|with no (?:restrictions|limits|filters|rules)|"
            r"(?:has|have) no (?:rules|restrictions|limits|filters)|unrestricted|unfiltered|uncensored)\b"
        ),
    ),
    (
        "mode_switch",
        re.compile(
            r"(?:开发者|上帝|越狱|无限制|dan|维护)模式|\b(?:developer|god|dan) mode\b|do anything now"
        ),
    ),
    ("jailbreak", re.compile(r"越狱|\bjailbr(?:eak|oken)\b")),
    ("dan", re.compile(r"(?:你是|扮演|act as|you are|be)\s*\bdan\b|\bdan\b\s*(?:prompt|jailbreak)")),
    (
        "prompt_leak",
        re.compile(
            rf"{_LEAK_VERB}你的?(?:全部|所有|完整的?)?的?(?:{_LEAK_TARGET}|设定|指令)|"
            rf"{_LEAK_VERB}(?:全部|所有|完整的?)?的?{_LEAK_TARGET}|"
            r"(?:重复|复述|原样输出|逐字输出)(?:一下)?你?(?:上面|以上|之前|最开始)的?(?:所有|全部)?的?(?:内容|话|文字|指令)|"
            rf"(?:把|将)你?的?{_LEAK_TARGET}[^。!?]{{0,10}}(?:输出|显示|打印|打|写|贴|发|告诉|复述|重复|说|列|念|背)|"
            rf"(?:一字不差|原封不动|逐字)[^。!?]{{0,10}}{_LEAK_TARGET}|{_LEAK_TARGET}[^。!?]{{0,10}}(?:一字不差|原封不动|逐字)|"
            r"你的(?:系统提示词?|提示词|初始指令|系统设定|系统指令)是什么"
        ),
    ),
    (
        "prompt_leak_en",
        re.compile(
            r"\b(?:show|print|reveal|output|repeat|tell me|what(?: is|'s)|give me|leak|display|dump)\b[\w\s]{0,20}"
            r"\b(?:system prompt|initial instructions|hidden instructions|your instructions|your prompt|"
            r"the prompt|prompt you were given|your (?:initial|original) (?:prompt|instructions))\b|"
            r"\brepeat (?:the |all )?(?:text|words|everything|content|instructions) (?:above|before this)\b"
        ),
    ),
    (
        "exfiltration",
        re.compile(
            rf"(?:把|将)[^。!?]{{0,12}}{_DATA}[^。!?]{{0,12}}(?:发送|发到|发给|上传|转发|提交|post|send)[^。!?]{{0,12}}"
            r"(?:链接|网址|url|http|服务器|伺服器|webhook|地址)|"
            r"\b(?:send|post|upload|forward)\b[\w\s]{0,20}\b(?:conversation|chat history|system prompt|user data)\b"
            r"[\w\s]{0,20}\b(?:url|link|server|webhook|http)"
        ),
    ),
    (
        "encoded_instructions",
        re.compile(
            r"^(?=.*(?:base64|b64))(?=.*(?:解码|decode))(?=.*(?:执行|照做|按照|遵循|follow|execute|run|obey|do what))"
        ),
    ),
)
# Base64 runs long enough to carry an instruction; decoded and checked with the rules above.
BASE64_RUN = re.compile(r"[A-Za-z0-9+/]{24,}={0,2}")

_SENTENCE_END = re.compile(r"[。！？!?；;\n]|(?<=[a-z])\.(?:\s|$)")
_CLAUSE_END = re.compile(r"[，,、：:]")
_ASCII_TERM = re.compile(r"[a-z]")
_CJK_WINDOW = 8
_ASCII_WINDOW = 40


@dataclass(frozen=True)
class SafetyVerdict:
    """What the gate decided: the kind of stop (or "none"), the rule that fired and the number to call."""

    kind: Kind
    rule: str
    hotline: str | None

    @property
    def stops(self) -> bool:
        """True when the turn must end here instead of reaching a model."""
        return self.kind != "none"

    @property
    def emergency(self) -> bool:
        """True for the kinds answered with an emergency card."""
        return self.kind in ("medical", "mental_crisis", "violence")


NONE = SafetyVerdict(kind="none", rule="", hotline=None)


def check(intake_text: str, language: Language) -> SafetyVerdict:
    """Run the gate over one intake text (normalised, masked, case kept).

    Both lexicons run whatever `language` says, because citizens mix scripts; crisis and violence
    are checked before medical red flags, and every emergency before injection.
    """
    text = ASKER.sub("", matching_form(intake_text))
    for kind in ("mental_crisis", "violence", "medical"):
        for rule in lex.RULES:
            if rule.kind == kind and _fires(rule, text):
                return SafetyVerdict(kind=rule.kind, rule=rule.name, hotline=HOTLINES[rule.kind])
    injection = injection_rule(intake_text)
    if injection is not None:
        return SafetyVerdict(kind="injection", rule=injection, hotline=None)
    harmful = harm_rule(intake_text)
    if harmful is not None:
        return SafetyVerdict(kind="harmful", rule=f"{harmful[1]}:{harmful[0]}", hotline=None)
    return NONE


def injection_rule(text: str) -> str | None:
    """The name of the first injection rule matching `text` or a base64 payload inside it, else None."""
    folded = matching_form(text)
    for name, pattern in INJECTION_RULES:
        if pattern.search(folded):
            return name
    for run in BASE64_RUN.findall(text):
        decoded = _decode_base64(run)
        if decoded is None:
            continue
        folded_payload = matching_form(decoded)
        if any(pattern.search(folded_payload) for _, pattern in INJECTION_RULES):
            return "base64_payload"
    return None


def _decode_base64(run: str) -> str | None:
    try:
        raw = base64.b64decode(run + "=" * (-len(run) % 4), validate=True)
        decoded = raw.decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return decoded if decoded.isprintable() else None


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE_END.split(text) if part and part.strip()]


def _clause(sentence: str, start: int, end: int) -> tuple[str, str]:
    """The part of the term's clause before it and after it."""
    starts = [match.end() for match in _CLAUSE_END.finditer(sentence, 0, start)]
    stop = _CLAUSE_END.search(sentence, end)
    return sentence[starts[-1] if starts else 0 : start], sentence[
        end : stop.start() if stop else len(sentence)
    ]


def _window(term: str) -> int:
    return _ASCII_WINDOW if _ASCII_TERM.match(term) else _CJK_WINDOW


def _unnegated(pattern: re.Pattern[str], text: str) -> bool:
    """True when `pattern` occurs at least once without a negation right before it."""
    for sentence in _sentences(text):
        for match in pattern.finditer(sentence):
            before, _ = _clause(sentence, match.start(), match.end())
            if not NEGATION.search(before[-_window(match.group(0)) :]):
                return True
    return False


def _fires(rule: lex.RedFlagRule, text: str) -> bool:
    if not all(_unnegated(required, text) for required in rule.requires):
        return False
    handled = bool(HANDLED.search(text))
    for sentence in _sentences(text):
        for match in rule.terms.finditer(sentence):
            if _occurrence_fires(rule, sentence, match, handled):
                return True
    return False


def _told_as_past(rule: lex.RedFlagRule, sentence: str, start: int, clause_start: int, clause: str) -> bool:
    """True when the term sits in a story of the past or of a long-standing condition, not a new event.

    Cues in the term's own clause decide first; otherwise the latest cue before the clause does.
    A worsening mentioned anywhere after the term makes an old condition current again.
    """
    fresh = (NOW, RECENT, WORSENING)
    old = (PAST, CHRONIC) if rule.kind == "medical" else (PAST,)
    if any(cue.search(clause) for cue in fresh) or WORSENING.search(sentence[start:]):
        return False
    if any(cue.search(clause) for cue in old):
        return True
    earlier = sentence[:clause_start]
    last_old = max((m.end() for cue in old for m in cue.finditer(earlier)), default=-1)
    last_fresh = max((m.end() for cue in fresh for m in cue.finditer(earlier)), default=-1)
    return last_old > last_fresh


def _occurrence_fires(rule: lex.RedFlagRule, sentence: str, match: re.Match[str], handled: bool) -> bool:
    """Whether one occurrence of a term describes a current situation, by the rule's level."""
    term = match.group(0)
    clause_before, clause_after = _clause(sentence, match.start(), match.end())
    window = _window(term)
    before, after = clause_before[-window:], clause_after[: window + 2]
    # exclusions may look past a comma ("学习压力大，喘不过气"); each pattern says how far
    if rule.exclude_before is not None and rule.exclude_before.search(
        sentence[: match.start()][-(window + 6) :]
    ):
        return False
    if rule.exclude_after is not None and rule.exclude_after.search(after):
        return False
    if NEGATION.search(before):
        return False
    onset = bool(ONSET.search(before))
    perfective = onset or term.endswith("了") or bool(PERFECTIVE.search(after))
    now = bool(NOW.search(sentence))
    situated = now or perfective or bool(SUBJECT.search(sentence[: match.start()]))
    hypothetical = CRISIS_HYPOTHETICAL if rule.kind == "mental_crisis" else HYPOTHETICAL
    if hypothetical.search(before) and not perfective:
        return False
    if rule.kind == "medical" and WORRY.search(sentence[: match.start()]) and not (now or perfective):
        return False
    if REPORTED.search(sentence[: match.start()]) and not NOW.search(clause_before):
        return False
    if GENERAL_AFTER.search(after) and not (now or perfective):
        return False
    if GENERAL_SENTENCE.search(sentence) and not situated:
        return False
    clause = clause_before + term + clause_after
    if EXPERIENTIAL.search(after) and not NOW.search(clause):
        return False
    clause_start = match.start() - len(clause_before)
    if not onset and _told_as_past(rule, sentence, match.start(), clause_start, clause):
        return False
    if handled and not RECUR.search(sentence):
        return False
    acute = now or perfective or bool(ACUTE.search(sentence) or WORSENING.search(sentence))
    if rule.level == "acute":
        return acute
    if rule.level == "situated":
        return situated
    return True
