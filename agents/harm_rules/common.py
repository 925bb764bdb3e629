"""Shared pieces of the harm rules: regex helpers, request cues, clearing frames and the rule type."""

from __future__ import annotations

import re
from dataclasses import dataclass

S = r"[^，,。！？!?；;\n]"  # one character inside a clause
W = r"[^。！？!?；;\n]"  # one character inside a sentence


def regex(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def any_of(*parts: str) -> str:
    return "(?:" + "|".join(parts) + ")"


def near(first: str, second: str, gap: int = 12) -> str:
    """Either term followed within `gap` characters of the same sentence by the other."""
    return rf"(?:{first}){W}{{0,{gap}}}(?:{second})|(?:{second}){W}{{0,{gap}}}(?:{first})"


# --- request cues -----------------------------------------------------------------------------------
INTENT = regex(
    r"^(?:请|麻烦你?)?(?:伪造|仿造|假造|做|弄|搞|造|整|开|打印|p)(?:一|个|份|张|几|点|些)|"
    r"怎么(?!办|回事|样了|了)|怎样|如何|咋|么样(?:搞|弄|做|才|能|可以)|教我|教教|教一下|方法|办法|技巧|步骤|教程|攻略|秘诀|诀窍|窍门|门路|路子|"
    r"(?<![不没别思理感回梦猜预设联幻])想|不想让|不让|别让|瞒着|渠道|途径|用什么|拿什么|查一下|查查|找一下|搜一下|找谁|找什么人|谁能|自己(?:做|弄|搞|刻|开|写|p)|哪种|"
    r"什么(?:办法|方法|药|东西)|帮我|帮忙|替我|给我|我想|我要|想要|打算|准备|计划|哪里|哪儿|哪有|在哪|哪家|哪个|去哪|能不能|能否|"
    r"可不可以|可以帮|有没有|有吗|送什么|送多少|给多少|塞多少|能让|才能|才可以|有什么(?:办法|方法|技巧|渠道|网站|平台|app|软件)|有什么"
    r"[^，,。！？!?；;\n]{0,8}(?:app|软件|网站|平台)|不想告诉|不告诉|求|需要|写|编|生成|制作|起草|拟一|出个|"
    r"来一?[篇段条个份]|给个|推荐|分享|发我|链接|网址|资源|多少钱|什么价|多少价|价位|行情|价格|收费|联系方式|加微信|代办|出售|收购|购买|买|"
    r"\b(?:how|where|help|teach|show|tell me|ways?|steps|guide|tutorial|instructions|method|tips|tricks|"
    r"i want|i'd like|i need|i'm going|i plan|can you|could you|would you|can i|could i|should i|do i|please|"
    r"write|draft|compose|generate|"
    r"create|make|produce|give me|send|find|get|buy|recommend|list|any way|best way|easiest|for me|look up|"
    r"dig up|"
    r"track down|locate|convince|persuade|what's|what is|is there a way)\b"
)
# Requests to write or justify (the discrimination rules' softer traits need one).
WRITE_OR_JUSTIFY = regex(
    r"写|编|生成|起草|论证|证明|解释为什么|说明为什么|为什么|凭什么|理由|段子|笑话|帖子|文章|文案|口号|标语|发言稿|"
    r"\b(?:write|draft|explain why|why are|why do|justify|argue|prove|jokes?|posts?|essay|speech|reasons why)\b"
)

# Stricter: a request to write or argue, not a question ("为什么乙肝携带者不能当兵" asks a rule).
ADVOCATE = regex(
    r"写|论证|证明|说明|文章|帖子|段子|理由|宣传|发言稿|\b(?:write|argue|justify|essay|post|speech|convince)\b"
)

# A message this short is a search-style request by itself ("办假证", "porn sites").
TERSE_CJK = 12
TERSE_WORDS = 4
QUESTION = regex(
    r"吗|呢|么|什么|怎|如何|为什么|哪|谁|几|多少|是否|能否|可以|能不能|会不会|区别|沟通|[?？]|"
    r"\b(?:what|how|why|who|is|are|can|does|do|should|which|when|difference)\b"
)

# --- what clears a sentence -------------------------------------------------------------------------
REPORT = regex(
    r"(?<![被怕免假])(?<!恶意)(?<!虚假)(?<!小号)(?<!马甲)(?<!水军)(?<!批量)(?<!账号)(?<!小号去)(?<!小号来)(?<!马甲去)(?<!水军去)(?<!水军来)(?:举报|检举|揭发|报警|报案|投诉)|\bhow (?:to|do i|can i|should i) report\b|"
    r"\breport(?:ing)? (?:it|this|them|him|her|someone|somebody|people|a case|fraud|abuse|scams?|to)\b|"
    r"\bwhistle-?blow\w*"
)
EVASION = regex(
    r"不(?:会|能)?被" + S + r"{0,4}?(?:发现|查到|查出来?|抓到?|察觉|识破|怀疑|追查|"
    r"追究|判|处罚|罚|举报|起诉|查处|认出)|不让(?:人|别人|任何人|他|她|对方|警察|家人|老公|老婆)(?:知道|发现|查到|察觉)|"
    r"(?:避免|防止|怕|以免|免得)被(?:发现|查|抓|追究|处罚|识破)|神不知鬼不觉|不留(?:痕迹|证据|记录|把柄|伤|伤痕|疤)|"
    r"逃避(?:检查|监管|追查|审计|核查|处罚|法律)|规避(?:检查|监管|审核|审查|核查|法律)|躲过|绕过(?:检查|监管|审核|核查)|"
    r"蒙混过关|钻(?:法律|政策)?的?空子|风险最小|查不出来?|查不到|发现不了|发现不到|不会发现|看不出来|"
    r"\bwithout (?:getting |being )?(?:caught|detected|noticed|traced)\b|"
    r"\bwithout (?:anyone|them|him|her|the police) (?:knowing|noticing|finding out)\b|"
    r"\bundetected\b|\bget away with\b|\buntraceable\b|\bavoid (?:detection|getting caught|being caught)\b|"
    r"\bnot get caught\b|\bcover (?:my|our) tracks\b"
)
PROTECT = (
    r"防范|防止|预防|防骗|反诈|谨防|提防|警惕|当心|识别|辨别|分辨|鉴别|辨认|区分|真伪|真假|是真是假|是不是真的|是否属实|"
    r"核实|查验|(?<![不被怕免别没])发现(?:了)?(?:有人|可疑|家里|身边|邻居|自己|我|被|孩子|老人|有)|(?:怎么|如何|怎样)(?:看出|看穿|判断|确认|鉴定)|打击|严打|整治|"
    r"反对|抵制(?:谣言|邪教|诈骗|毒品|赌博|黄赌毒|不良|低俗|歧视|盗版|假货|暴力)|揭穿|辟谣|是谣言吗|"
    r"(?:检测|排查|找出|检查)(?:一下)?(?:有没有|是否有)?(?:针孔|摄像头|窃听器|定位器|偷拍|监控|监听)|"
    r"(?:针孔|摄像头|窃听器|定位器|偷拍|监控)" + S + r"{0,4}(?:怎么|如何)?(?:检测|排查|识别|找出)|"
    r"写错|填错|打错|错了|有误|有错|更正|改成正确|改回|变更登记|受骗|上当|受害|维权|起诉|避免被|免受|远离|屏蔽|过滤|拦截|退回|退还|返还|(?<!不)停发|主动(?:上报|申报|注销)|"
    r"(?:骗子|诈骗分子|犯罪分子|不法分子|诈骗团伙)们?(?:一般|通常|常|都|会)?(?:是)?(?:怎么|如何|用什么|常用|利用|通过)|保护(?:自己|父母|老人|家人|孩子|隐私|个人信息|"
    r"消费者|我)|"
    r"是不是歧视|算不算歧视|属于歧视|歧视吗|反歧视|消除歧视|遭遇歧视|偏见|刻板印象|"
    r"(?:不是|并非|并不是)(?:所有|每个|每一个|全部)|不能说|不应该说|不要说|别说|谁说|"
    r"\b(?:legit(?:imate)?|genuine) (?:\w+ )?(?:copy|purchase|licen[cs]e)\b|\bi (?:bought|paid for|"
    r"purchased)\b|"
    r"\b(?:protect|prevent|avoid being|detect|spot|identify|recogni[sz]e|verify|tell if|tell whether|"
    r"warning signs|red flags|fight|combat|stop (?:scams|fraud)|not all)\b"
)
VICTIM = (
    r"(?<![不没怕免])被(?:人)?(?:骗|诈骗|盗|盗用|冒用|冒领|泄露|偷拍|跟踪|监控|监听|定位|人肉|诽谤|造谣|诬陷|诬告|"
    r"抹黑|污蔑|歧视|嘲笑|羞辱|侮辱|贬低|拒|辞退|开除|索要|勒索|威胁|敲诈|侵权|侵犯|曝光|刷|打|伤害|虐待|家暴|性侵|猥亵|强迫|逼|抓|查)|"
    r"\b(?:was|were|been|being|got) (?:scammed|defrauded|doxx?ed|stalked|tracked|harassed|defamed|hacked|"
    r"blackmailed|threatened|discriminated)\b|\bvictims?\b"
)
LEGAL = (
    r"违法吗|合法吗|犯法吗|违规吗|违法不|犯不犯法|是否违法|是否合法|算不算(?:违法|犯罪|行贿|作弊)|属于什么|"
    r"是什么(?:罪|行为|意思)|罪(?=$|[,，。?？吗呢])|构成" + S + r"{0,6}罪|判几年|判多久|怎么判|如何判|判刑|坐牢|(?:怎么|如何|会|什么)(?:处罚|处分|追责)|"
    r"罚款|拘留|追究|刑事责任|法律责任|罪名|量刑|定罪|风险|危害|后果|有什么影响|要不要|需不需要|用不用|该不该|"
    r"应不应该|合适吗|有必要吗|"
    r"\b(?:is it (?:legal|illegal|a crime)|penalt(?:y|ies)|punish\w*|sentence for|against the law|"
    r"consequences)\b"
)
FRAMES = regex(any_of(PROTECT, VICTIM, LEGAL))
# Violence and attacks also pass when the asker refers to a reported case.
EVENT_FRAMES = regex(
    any_of(
        PROTECT,
        VICTIM,
        LEGAL,
        r"新闻|报道|案件|案子|事件|遇到|遭遇|逃生|躲避|应对|疏散|自救|演练|\b(?:news|case|incident|survive|escape)\b",
    )
)
# A claim the asker admits is false turns a report or a "protective" frame into defamation.
FALSITY = regex(
    r"(?:虽然|尽管|其实|但是?|可)(?:我)?(?:没有?证据|不是真的|是编的|瞎编|是假的|没这回事|没有这回事|子虚乌有|没发生过)|"
    r"(?:虽然|尽管|其实|但是?)(?:我)?(?:也)?(?:是)?(?:不确定|不知道是不是真的|没核实过?|是听说的|道听途说|没(?:亲眼)?看到|没见过|"
    r"不知道真假|瞎猜的?|猜的|乱猜的?|编的)|"
    r"(?:其实|但是?|虽然)(?:他|她|他们|对方)?(?:根本)?(?:没有?|不曾)" + S + r"{1,4}过|"
    r"(?:其实|实际上|但是?)(?:他|她|他们)?(?:并|根本)?没有(?:$|[,，])|没有的事|"
    r"(?<!被)诬告|捏造|凭空|(?:伪造|编造|捏造)(?:一份|一些|点|个)?的?(?:证据|材料)|假证据|"
    r"\bwithout (?:any )?(?:proof|evidence)\b|\bi (?:have|'ve got|got) no (?:proof|evidence)\b|"
    r"\b(?:isn't|is not|wasn't|was not) true\b|\bmade[- ]up\b|"
    r"\beven though (?:it|he|she|they) (?:didn't|did not|isn't|is not|wasn't|never)\b"
)


@dataclass(frozen=True)
class HarmRule:
    """One refusal rule: the harmful act, the request cue it needs and the frames that clear it.

    `intent` must also occur near the act (None: the pattern is a request by itself); `frames`
    replaces the shared `FRAMES` when a category needs its own (self-harm, bribery, scams).
    """

    name: str
    category: str
    pattern: re.Pattern[str]
    intent: re.Pattern[str] | None = INTENT
    frames: re.Pattern[str] = FRAMES


def rule(
    name: str,
    category: str,
    pattern: str,
    intent: re.Pattern[str] | None = INTENT,
    frames: re.Pattern[str] = FRAMES,
) -> HarmRule:
    return HarmRule(name, category, regex(pattern), intent, frames)
