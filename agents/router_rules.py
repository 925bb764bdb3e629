"""Deterministic routing rules: handoff words, greetings, life events ("一件事") and 12345-style complaints."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

Domain = Literal["government", "healthcare", "education", "eldercare"]
LifeEventName = Literal["出生", "入学", "迁居落户", "退休", "开办企业", "身后事", "高龄"]

MAX_EVENT_CHARS = 80

_SPACES = re.compile(r"\s+")
# Letters from citizens to officials open with a salutation that says nothing about the topic.
_SALUTATION = re.compile(
    r"^(尊敬的[^，,。！!：:\s]{0,16}|[^，,。！!：:\s]{0,12}(领导|书记|市长|区长|县长|局长|主任|同志|工作人员)(们)?(你们|您)?好"
    r"|(您|你们|你)好)[，,：:！!。\s]*((您|你们|你)好[，,：:！!。\s]*)?"
)

_HANDOFF = re.compile(
    r"转人工|转接人工|接人工|换人工|要人工|找人工|人工客服|人工服务|人工坐席|人工座席|人工窗口"
    r"|(找|要|换|来)(个|一个)?真人|真人客服|真人服务|和真人|跟真人|(找|要)(个|一个)?活人"
    r"|(找|叫|要|让|换)(你们)?(的)?(工作人员|客服人员|客服|值班人员|接线员)(来|接|跟我|和我|帮我|处理|回复|说)"
    r"|不(想|要)(跟|和)(机器人?|ai|智能客服)"
    r"|talk to (a |an )?(human|person|agent|real person)|speak (to|with) (a |an )?(human|person|agent|real person)"
    r"|human agent|real person|live agent|customer service agent"
)

_GREETING = re.compile(
    r"^(hi|hello|hey|嗨|哈喽|你好|您好|你们好|大家好|在吗|在不在|有人吗|早上好|上午好|中午好|下午好|晚上好|早安|晚安|早"
    r"|谢谢|谢谢你|谢谢您|多谢|感谢|非常感谢|太感谢了|辛苦了|好的|好的谢谢|知道了|明白了|收到|ok|okay|thanks|thank you"
    r"|再见|拜拜|bye|你是谁|你是什么|你叫什么|你叫什么名字|你是机器人吗|你是真人吗|你能做什么|你会什么|你有什么功能"
    r"|你是谁呀|介绍一下你自己|你好呀|你好啊|您好呀|哈哈|哈哈哈|嗯|嗯嗯|哦|好吧)"
    r"[\s,，.。!！?？~～呀啊呢吧哈]*$"
)

_COMPLAINT_CUE = re.compile(
    r"投诉|举报|反映|没人管|无人管|没人修|无人修|没人处理|无人处理|不作为|乱收费|至今未|至今没|多次(打电话|反映|投诉|找)"
    r"|强烈要求|恳请|请求(政府|有关部门|相关部门|领导)|希望(有关部门|相关部门|政府|领导)|严重影响|一直没有(解决|处理)"
    r"|拖欠|欠薪|不发工资|克扣|强制|推诿|扯皮"
)
# Problems in public space that 12345 hands to urban management, housing, environment or traffic.
_CIVIC_PROBLEM = re.compile(
    r"路灯.{0,6}(坏|不亮|没亮|没有亮|黑)|占道|噪音|噪声|扰民|(?<!膝盖)(?<!关节)(?<![膝胸腹肺肾脑腔包节囊])积水|内涝|违建|违章建筑|违章搭建"
    r"|私搭乱建|乱搭乱建"
    r"|乱停|乱摆|乱倒|油烟.{0,6}(大|重|熏|扰|排|呛)|(饭店|餐馆|烧烤|排烟).{0,8}油烟|渣土|扬尘|井盖|下水道.{0,6}(堵|冒|溢)|污水.{0,4}(横流|外溢|直排)|偷排|排污"
    r"|垃圾.{0,6}(成堆|堆积|没人|无人|乱|不清|不收|臭)|广场舞|黑车|拒载|烂尾|停水|停电|断水|断电"
    r"|物业.{0,12}(不|没|乱|差|强制|拒|纠纷|问题|欺负|霸道)|开发商.{0,12}(不|没|拖|违|欺|逾期|延期)"
    r"|小区.{0,10}(漏水|停水|停电|电梯.{0,4}(坏|故障|停))|施工.{0,12}(夜|扰|吵|噪)"
    r"|(厂|河|沟|塘|湖|垃圾|下水道|化粪池|养殖|猪场|小区|楼道).{0,10}(臭味|恶臭|异味|臭气)"
)
_PROCEDURAL = re.compile(
    r"办|手续|证|户口|落户|医保|社保|参保|需要|哪些|什么|流程|材料|登记|申领|申请|补贴|津贴|享受|待遇|政策|怎么|如何"
    r"|准备|注意|领|去哪|哪里|福利|优待"
)
_DOCUMENTS = re.compile(
    r"材料|手续|户口|户籍|居住证|房产|证明|证件|准备|需要办|要办|哪些证|接种|社保|条件|流程|步骤|一件事|办什么|办哪些"
)
_ENTITLEMENT = re.compile(r"补贴|津贴|待遇|享受|政策|福利|优待|办|申请|领|手续|哪些|一件事")
_PERSON = re.compile(
    r"父亲|母亲|爸|妈|老人|爷爷|奶奶|外公|外婆|姥姥|姥爷|老伴|丈夫|老公|妻子|老婆|家人|亲人|公公|婆婆|岳父|岳母|长辈|家里"
)
_HUBEI_PLACE = r"(武汉|湖北|宜昌|襄阳|荆州|十堰|黄石|孝感|黄冈|咸宁|荆门|鄂州|随州|恩施|仙桃|潜江|天门|神农架|这边|本地|本市|这里)"
_NEWBORN_MEDICAL = re.compile(
    r"黄疸|发烧|发热|吐奶|湿疹|哭闹|腹泻|拉肚子|咳嗽|体重|喂奶|母乳|奶粉|睡觉|便秘|红屁股|肺炎"
)
_TRAVEL = re.compile(r"旅游|玩|景点|天气|机票|航班|高铁票|火车票|攻略|美食|酒店")


@dataclass(frozen=True)
class LifeEvent:
    """A life event pattern ("一件事") and the domains it spans."""

    name: LifeEventName
    trigger: re.Pattern[str]
    base: tuple[Domain, ...]
    extras: tuple[tuple[Domain, re.Pattern[str]], ...] = ()
    exclude: re.Pattern[str] | None = None
    needs: re.Pattern[str] | None = _PROCEDURAL
    needs_person: bool = False


LIFE_EVENTS: tuple[LifeEvent, ...] = (
    LifeEvent(
        name="身后事",
        trigger=re.compile(
            r"去世|过世|病逝|离世|逝世|亡故|身故|丧事|丧葬|殡葬|火化|后事|死亡证明|死亡医学证明|遗属|抚恤金"
        ),
        base=("government", "eldercare"),
        extras=(("healthcare", re.compile(r"死亡(医学)?证明|医保|医疗保险")),),
        exclude=re.compile(r"会不会死|会死吗|致死|死亡率"),
    ),
    LifeEvent(
        name="出生",
        trigger=re.compile(
            r"新生儿|刚出生|出生了|宝宝出生|孩子出生|小孩出生|婴儿出生|刚生了|生了(个|一个)|生完孩子|刚生完|生了二胎|生了三胎"
            r"|刚当(上)?(爸爸|妈妈)"
        ),
        base=("healthcare", "government"),
        extras=(("education", re.compile(r"幼儿园|托育|入园")),),
        exclude=_NEWBORN_MEDICAL,
    ),
    LifeEvent(
        name="高龄",
        trigger=re.compile(
            r"(满|年满|到|到了|过|过了|快|快到|今年|明年|已经|刚)\s*(六十|七十|八十|九十|一百|百|60|65|70|80|90|100)\s*(岁|周岁|了)"
            r"|(六十|七十|八十|九十|60|65|70|80|90|100)\s*(大寿|岁生日)|高龄老人"
        ),
        base=("eldercare", "healthcare"),
        needs=_ENTITLEMENT,
        needs_person=True,
    ),
    LifeEvent(
        name="退休",
        trigger=re.compile(
            r"办(理)?退休|退休手续|(快|快要|就要|马上|即将|刚刚|刚|明年|今年|下个月|下月|年底)(就)?(要)?退休"
            r"|到(了)?退休年龄|退休年龄(到|快到)|到龄退休"
        ),
        base=("eldercare", "government"),
        extras=(("healthcare", re.compile(r"医保|医疗保险|看病")),),
        needs=None,
    ),
    LifeEvent(
        name="入学",
        trigger=re.compile(
            r"(上|读|进)(小学|幼儿园|初中|一年级)|幼升小|小升初|入园|新生报名|报名上学|上学报名"
            r"|(小学|初中|幼儿园|孩子|小孩|儿子|女儿|子女|娃).{0,6}入学"
        ),
        base=("education", "government"),
        extras=(("healthcare", re.compile(r"接种|疫苗|体检")),),
        needs=_DOCUMENTS,
    ),
    LifeEvent(
        name="迁居落户",
        trigger=re.compile(
            rf"(搬到|搬来|搬去|迁到|迁来|迁入|迁回|调到|调来|落户到|定居|安家)(了)?{_HUBEI_PLACE}"
            rf"|(来|回|到){_HUBEI_PLACE}(工作|定居|安家|落户|生活)|户口迁移|迁户口|户口(迁|转)(到|入|过来|回)"
            rf"|从外地(搬|迁|来)|外地(搬|迁)(来|过来)|新市民|人才落户|投靠落户"
        ),
        base=("government", "healthcare"),
        extras=(("education", re.compile(r"孩子|小孩|子女|上学|入学|转学|读书")),),
        exclude=_TRAVEL,
    ),
    LifeEvent(
        name="开办企业",
        trigger=re.compile(
            r"开(一|个|一个|一家|家|间|一间)?[^，,。!?！？]{0,4}(公司|店|饭店|餐馆|餐厅|超市|奶茶店|小吃店|门面|工作室|网店|便利店|药店|诊所|幼儿园)"
            r"|注册(一家|一个|个)?(公司|企业|个体户)|办(理)?营业执照|开办企业|企业开办|创业|个体户|个体工商户|成立(一家)?公司"
        ),
        base=("government",),
        exclude=re.compile(r"创业板|股票|基金"),
        extras=(
            ("healthcare", re.compile(r"餐饮|饭店|餐馆|餐厅|小吃|食品|奶茶|健康证|医保|药店|诊所")),
            ("education", re.compile(r"幼儿园|托育|培训机构|培训班")),
        ),
    ),
)


def normalise(text: str) -> str:
    """NFKC-fold (full-width to half-width), lowercase and collapse whitespace."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().lower()


def strip_salutation(text: str) -> str:
    """Drop a leading letter salutation such as "尊敬的市长您好：" (keeps the text if nothing would remain)."""
    rest = _SALUTATION.sub("", text, count=1)
    return rest if len(rest) >= 4 else text


def is_handoff(text: str) -> bool:
    """True when the citizen explicitly asks for a person (转人工, 找真人, talk to a human)."""
    return _HANDOFF.search(text) is not None


def is_greeting(text: str) -> bool:
    """True for a bare greeting, thanks, goodbye or a question about the assistant itself."""
    return len(text) <= 16 and _GREETING.match(text) is not None


def is_civic_complaint(text: str) -> bool:
    """True for a 12345-style problem in public space (street lights, noise, flooding, property management)."""
    return _CIVIC_PROBLEM.search(text) is not None


def has_complaint_cue(text: str) -> bool:
    """True when the text complains or reports (投诉, 举报, 没人管, 拖欠工资)."""
    return _COMPLAINT_CUE.search(text) is not None or is_civic_complaint(text)


def detect_life_event(text: str) -> tuple[LifeEvent, tuple[Domain, ...]] | None:
    """The first life event whose pattern matches, with its domains (base plus triggered extras), or None."""
    # A life event is a short planning question; in a long letter it is background to a grievance.
    if len(text) > MAX_EVENT_CHARS or has_complaint_cue(text):
        return None
    for event in LIFE_EVENTS:
        if event.trigger.search(text) is None:
            continue
        if event.exclude is not None and event.exclude.search(text) is not None:
            continue
        if event.needs is not None and event.needs.search(text) is None:
            continue
        if event.needs_person and _PERSON.search(text) is None:
            continue
        domains = list(event.base)
        domains += [d for d, pattern in event.extras if d not in domains and pattern.search(text)]
        return event, tuple(domains)
    return None
