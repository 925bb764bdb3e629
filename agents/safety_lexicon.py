"""Red-flag rules (Chinese and English): each names a class of emergency from first-aid practice.

Terms are matched on the matching form (Simplified, lower case); `agents.safety` then reads the context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from agents.statuses import EmergencyKind

Level = Literal["any", "acute", "situated"]


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# --- co-occurring classes -----------------------------------------------------------------------
SWEAT = r"大汗|冷汗|出汗|虚汗|满头(?:是)?汗|浑身(?:是)?汗|一身汗|冒汗|汗流|\b(?:sweat\w*|clammy)\b"
BREATH = (
    r"喘不上气|喘不过气|上不来气|透不过气|吸不上气|呼吸困难|呼吸急促|气短|气促|气急|憋气|憋得|喘|呼吸不畅|"
    r"\b(?:short(?:ness)? of breath|breathless\w*|can't breathe|cannot breathe|struggling to breathe)\b"
)
RADIATE = (
    r"放射|左(?:臂|胳膊|肩|手)|后背|下巴|下颌|濒死|脸色(?:苍白|发白|发青|难看)|面色苍白|\b(?:left arm|jaw)\b"
)
CHILD = r"宝宝|孩子|婴儿|小孩|娃|儿子|女儿|新生儿|幼儿|宝贝|小朋友|\d+个月|\b(?:baby|infant|toddler|child|son|daughter|kid)\b"
INFANT = r"宝宝|婴儿|新生儿|\d+个月|满月|月子|小宝|\b(?:baby|infant|newborn)\b"
FEVER = r"发烧|发热|高烧|高热|烧到|烧得|体温|\d+(?:\.\d)?度|\b(?:fever|temperature)\b"
ELDER = (
    r"老人|老年人|老太太|老爷子|大爷|大妈|爸|妈|父亲|母亲|爷爷|奶奶|外公|外婆|姥姥|姥爷|老伴|公公|婆婆|[6-9]\d岁|"
    r"\b(?:elderly|grand(?:ma|pa|mother|father)|my (?:mum|mom|dad|father|mother))\b"
)
FALL = (
    r"摔倒|跌倒|摔了|摔伤|滑倒|绊倒|摔下|跌下|掉下来|磕到头|撞到头|头着地|后脑勺着地|撞了头|"
    r"\b(?:fell|fallen|slipped|fall)\b"
)
PREGNANT = r"怀孕|孕期|孕妇|孕\d+周|怀了|\b(?:pregnant)\b"
QUANTITY = r"大量|很多|好多|一直|不止|不停|全是|一马桶|一大摊|头晕|晕倒|心慌|脸色(?:苍白|发白)|\b(?:a lot|lots|heavy|heavily)\b"
CYANOSIS = r"(?:嘴唇|口唇|脸|脸色|面色|嘴)(?:都|已经|有点|有些|开始)?(?:发紫|青紫|发青|发绀|紫了|乌青|发黑)"
AIRWAY = CYANOSIS + r"|喘不上气|说不出话|憋得|呼吸困难|咳不出|\b(?:can't breathe|turning blue)\b"


@dataclass(frozen=True)
class RedFlagRule:
    """One red-flag class: its terms, how much context it needs, and what must co-occur with it."""

    name: str
    kind: EmergencyKind
    terms: re.Pattern[str]
    level: Level = "any"
    requires: tuple[re.Pattern[str], ...] = ()
    exclude_before: re.Pattern[str] | None = None
    exclude_after: re.Pattern[str] | None = None


def _rule(
    name: str,
    kind: EmergencyKind,
    terms: str,
    level: Level = "any",
    *,
    requires: tuple[str, ...] = (),
    exclude_before: str | None = None,
    exclude_after: str | None = None,
) -> RedFlagRule:
    before = _re(exclude_before) if exclude_before else None
    after = _re(exclude_after) if exclude_after else None
    return RedFlagRule(name, kind, _re(terms), level, tuple(map(_re, requires)), before, after)


_BODY_PART_TWITCH = (
    r"(?:眼皮|眼睛|眼角|嘴角|脸部|面部|面肌|肌肉|小腿|腿|脚|手指|胃|肚子|肠)(?:一直|经常|老是|有点|有些)?$"
)

RULES: tuple[RedFlagRule, ...] = (
    # crisis and violence first: their cards also carry 120 for anyone already hurt
    _rule(
        "suicidal_intent",
        "mental_crisis",
        r"不想活了|不想活下去|不想再活|活不下去|活着(?:没意思|没有意思|没意义|没有意义|太累)|(?:想要?|要|准备|打算|去)自杀|"
        r"自杀|想死|想去死|一死了之|不如死了|死了算了|轻生|寻死|寻短见|结束(?:自己的)?(?:生命|一切)|了结(?:自己|生命)|"
        r"自我了断|跳楼|跳河|跳江|割腕|上吊|遗书|自残|伤害自己|结束这一切|活着(?:就是|只是)?(?:拖累|累赘|多余)|"
        r"不想再?醒(?:过来|来)|永远睡(?:过去|下去)|"
        r"\b(?:wants?|wanted|wanting|wanna|going|plan(?:s|ning)?) to (?:die|end it|end (?:my|his|her) life)\b|\bkill(?:ing)? myself\b|"
        r"\bend my life\b|\btake my (?:own )?life\b|\bsuicid(?:e|al)\b|\bdon't want to (?:live|be alive)\b|"
        r"\bno reason to live\b|\bbetter off dead\b|\bhurt(?:ing)? myself\b|\bself[- ]harm\b|\bcut(?:ting)? myself\b",
        exclude_after=r"^(?:你|我了|他了|她了|了你|价|甩卖|大甩卖|机|式|率|干预|热线)",
    ),
    _rule(
        "violence_threat",
        "violence",
        r"要杀了?我|杀了我|要?把我打死|打死我|弄死我|砍我|捅我|拿着?刀(?:砍|捅|追|威胁|对着)|持刀|被砍|被捅|被刺|"
        r"被绑架|被劫持|被(?:人)?拐(?:走|卖)|被强奸|被性侵|被猥亵|强奸|性侵|闯进(?:我)?家|入室抢劫|被抢劫|"
        r"有人(?:撬门|砸门|在撬)|(?:掐|勒)(?:着|住)?(?:我|她|他|孩子)的?脖子|(?:跟踪|尾随|一直跟着)我|被人?(?:跟踪|尾随)|(?:拉|拽|拖|抱)我上车|强行把我|(?:砸|撬|踹)(?:我家)?的?门|拿着?(?:刀|菜刀|斧头|棍子|铁棍)(?:在|要|冲|追|堵)|"
        r"\b(?:going|trying|wants?|threaten(?:ed|ing|s)?) to kill (?:me|us)\b|\bbeing (?:attacked|beaten|stabbed)\b|"
        r"\b(?:attacking|stabbing|choking|strangling) (?:me|us)\b|\bkidnapp?ed\b|\braped\b|\bsexually assaulted\b|"
        r"\b(?:broke|broken|breaking) into (?:my|our) (?:house|home|flat|apartment)\b|\b(?:man|woman|someone|somebody|person|guy|he|she|they|intruder)(?:\s+\w+){0,2}\s+(?:has|with|holding|carrying|is holding) an? (?:knife|gun|weapon)\b",
        exclude_after=r"^(?:罪|案|犯)",
    ),
    _rule(
        "domestic_violence",
        "violence",
        r"家暴|家庭暴力|被(?:人)?打(?![扰折卡电针包印开通回款假分败入算听造])|挨打|挨揍|被(?:殴打|揍|踢|掐)|"
        r"打我(?![的电手卡号钱账])|(?:老公|丈夫|老婆|妻子|男朋友|男友|前夫|继父|继母)(?:又|经常|总是|天天|一直)?"
        r"(?:打|殴打|掐|踹|揍|勒)着?(?:我|孩子)|"
        r"\b(?:domestic (?:violence|abuse))\b|\b(?:hits|hitting|beats|beating) (?:me|us|my)\b",
        level="situated",
        exclude_before=r"反$|anti-?$",
    ),
    # stroke signs (face, arm, speech, vision, sudden worst headache)
    _rule(
        "stroke_face",
        "medical",
        r"口角歪斜|口眼歪斜|嘴角?歪|嘴巴歪|脸歪|面部歪斜|(?:嘴角|嘴巴|一边脸|半边脸)[^，,]{0,3}(?:耷拉|下垂|歪)|"
        r"半边脸(?:麻|木|不能动|动不了|没知觉|僵)|"
        r"一侧(?:面部|脸)(?:麻|木|下垂|歪)|(?:嘴部|嘴巴|嘴唇|口周|口角|半边脸|面部|脸)发?麻木|半边脸发?麻|面瘫",
        level="acute",
    ),
    _rule(
        "stroke_limb",
        "medical",
        r"(?:一侧|单侧|半边|半侧|左侧|右侧|左边|右边|一边|左|右)的?(?:身子|身体|肢体|手脚|胳膊|手臂|手|腿|脚)(?:突然)?"
        r"(?:无力|没力|没劲|没有力气|使不上劲|使不上力|用不上力|麻木|发麻|麻|不能动|动不了|不听使唤|抬不起)|(?:手|胳膊|手臂)抬不起来|"
        r"抬不起手|半身不遂|偏瘫|拿不住(?:东西|筷子|碗)",
        level="acute",
    ),
    _rule(
        "stroke_speech",
        "medical",
        r"说话不清|口齿不清|吐字不清|言语不清|讲话不清|(?:说话|讲话|口齿|说得)?含含?糊糊?|说不出话|说不了话|不会说话了|舌头发硬|舌头不灵|大舌头|"
        r"听不懂别人说话|答非所问",
        level="acute",
    ),
    # English speakers describe what they see now ("his face is drooping"); no aspect marker to read.
    _rule(
        "stroke_signs_en",
        "medical",
        r"\bface (?:is )?droop\w*|\bdrooping (?:face|mouth)\b|\bslurr(?:ed|ing)\b|\bcan't (?:speak|talk) properly\b|"
        r"\b(?:arm|leg|one side|side of (?:his|her|my) body) (?:is |went |has gone |feels )?(?:weak|numb)\b|"
        r"\bcan't (?:lift|raise|move) (?:his|her|my) (?:\w+ )?(?:arm|leg)\b",
        level="situated",
    ),
    _rule(
        "stroke_vision",
        "medical",
        r"突然(?:看不清|看不见|失明|眼前一黑|视物模糊|重影)|一只眼睛?(?:突然)?(?:看不见|看不清|失明)|视力突然(?:下降|模糊)|"
        r"\bsudden (?:vision loss|blindness|loss of vision)\b",
    ),
    _rule(
        "stroke_named",
        "medical",
        r"脑?中风|脑卒中|卒中|脑梗塞?|脑出血|脑溢血|\bhaving a stroke\b|\bhad a stroke\b",
        level="acute",
    ),
    _rule(
        "thunderclap_headache",
        "medical",
        r"(?:突然|突发)的?(?:剧烈|炸裂|爆炸)[样般性]?头痛|头痛欲裂|这辈子最(?:痛|疼)的头痛|头[^，,]{0,4}炸(?:开|裂)|"
        r"\bworst headache of (?:my|his|her) life\b|\bsudden severe headache\b",
        level="acute",
    ),
    _rule(
        "headache_with_numbness",
        "medical",
        r"头痛|头疼|头晕|头胀|\bheadache\b",
        level="acute",
        requires=(
            ELDER + r"|高血压|\bblood pressure\b",
            r"(?:手|腿|脚|肢体|半边|胳膊|身体|手脚|四肢)发?(?:麻|无力|没劲)|\b(?:numb|numbness)\b",
        ),
    ),
    _rule(
        "hypertensive_crisis",
        "medical",
        r"(?:血压|高压)\S{0,4}?(?:1[89]\d|2\d\d)(?!\d)",
        requires=(r"头痛|头疼|头晕|呕吐|吐了|看不清|胸痛|胸闷|说话不清|麻|\bheadache\b|\bvomit",),
    ),
    # heart and lungs
    _rule(
        "chest_pain_red_flag",
        "medical",
        r"胸痛|(?:胸口|胸部|心口|胸前区?|左胸|前胸|胸骨后|心前区|心脏部位|心脏)[^，,。!?]{0,10}?(?:疼|痛)|胸口像压|"
        r"胸部压迫感|心绞痛|胸口?(?:压榨|压迫)|"
        r"\bchest (?:pain|pains|tightness|pressure|hurts)\b|\bpain in (?:my|his|her) chest\b|\bcrushing pain\b",
        requires=(f"{SWEAT}|{BREATH}|{RADIATE}|晕|\\bdizzy\\b|\\bfaint\\b",),
    ),
    _rule(
        "chest_tightness_breathless",
        "medical",
        r"胸闷|胸口闷|心口闷|胸口发?堵|胸口?憋|憋闷|胸口难受",
        requires=(f"{BREATH}|{SWEAT}",),
    ),
    _rule("heart_attack_named", "medical", r"心梗|心肌梗死|心肌梗塞|\bheart attack\b", level="acute"),
    _rule(
        "cardiac_arrest",
        "medical",
        r"心跳(?:停了|停止|骤停|没了)|心脏骤停|没有?了?心跳|没有?了?呼吸|呼吸(?:停了|停止|没了)|不喘气了|"
        r"摸不到(?:脉搏|心跳)|\bno pulse\b|\bnot breathing\b|\bstopped breathing\b|\bno heartbeat\b",
    ),
    _rule(
        "breathing_difficulty",
        "medical",
        r"喘不上气|喘不过气|上不来气|透不过气|吸不上气|呼吸困难|呼吸急促|憋得(?:慌|难受|说不出话)|憋气|"
        + CYANOSIS
        + r"|窒息|喘得(?:很)?(?:厉害|说不出话)|"
        r"\b(?:can't|cannot|can not|unable to|struggling to) breathe\b|\bgasping for (?:air|breath)\b|"
        r"\b(?:lips|face) (?:are |is )?(?:turning |turned )?(?:blue|purple)\b|\bdifficulty breathing\b",
        level="situated",
        exclude_before=r"(?:鼻塞|鼻子|鼻|打鼾|打呼|游泳|潜水|睡觉|跑步)[^，,]{0,4}$|"
        r"(?:压力|压得|累得|忙得|工作|负担|债|贷款|房贷|作业|学业|本来就)[^。]{0,6}$",
    ),
    # bleeding
    _rule(
        "heavy_bleeding",
        "medical",
        r"大出血|血流不止|流血不止|出血不止|止不住血|血止不住|血怎么也止不住|喷血|血喷|大量出血|大量流血|"
        r"流了(?:很多|好多|一地|一大摊)血|出了(?:很多|好多)血|血流了一地|满地是?血|"
        r"\bbleeding (?:heavily|a lot|badly|profusely)\b|\bwon't stop bleeding\b|\bcan't stop (?:the )?bleeding\b",
    ),
    _rule(
        "bleeding_uncontrolled",
        "medical",
        r"(?:止|按|捂)不住|(?:一直|不停地?)在?(?:往外)?(?:冒|流|涌|喷)",
        requires=(r"血(?!压|糖|脂|常规|型|管|栓|液检查)",),
    ),
    _rule(
        "vomiting_blood",
        "medical",
        r"吐血|呕血|吐了(?:很多|好多|一大?口|一大?摊|大量)?鲜?血|吐出来?鲜?血|大口(?:吐|咳|咯)血|"
        r"\b(?:vomiting|throwing up|coughing up) blood\b|\bblood in (?:his|her|my) vomit\b",
        exclude_before=r"(?:气|亏|累|贵|郁闷|烦|急)(?:得|到)(?:我|人|他|她)?(?:都|要|快)?$|(?:让|叫|使)(?:人|我)$",
    ),
    _rule("coughing_blood", "medical", r"咯血|咳血|咳出鲜?血", requires=(QUANTITY,)),
    _rule(
        "gi_bleeding",
        "medical",
        r"便血|拉血|黑便|柏油样?便|大便(?:全是|都是)?(?:带)?血|(?:大便|拉的)(?:全是|都是|是)?黑(?:的|色)|"
        r"黑色?的?(?:大便|稀便|便)",
        requires=(QUANTITY,),
    ),
    _rule(
        "pregnancy_bleeding",
        "medical",
        r"出血|流血|见红|肚子(?:剧痛|疼得厉害)|剧烈腹痛",
        requires=(PREGNANT, QUANTITY + r"|剧痛|疼得厉害|晕"),
    ),
    # consciousness and seizures
    _rule(
        "unconscious",
        "medical",
        r"昏迷|晕迷|叫不醒|喊不醒|叫不应|不省人事|人事不省|失去了?意识|意识(?:不清|模糊|丧失)|神志不清|没有?了?意识|"
        r"昏过去|昏死过去|晕死过去|休克|没有?知觉|(?:叫|喊|摇|拍)(?:他|她)?(?:也|都)?没有?反应|"
        r"\bunconscious\b|\bunresponsive\b|\bnot responding\b|\bwon't wake up\b|\bcan't wake (?:him|her)\b",
    ),
    _rule(
        "collapse",
        "medical",
        r"晕倒|昏倒|晕过去|晕厥|倒地不起|突然倒下|栽倒|倒在地上?|躺在地上(?:不动|起不来)|\bpassed out\b|\bfainted\b|\bcollapsed\b",
        level="situated",
    ),
    _rule(
        "seizure",
        "medical",
        r"抽搐|抽风|惊厥|癫痫(?:大)?发作|羊癫疯|羊角风|[口头]吐白沫|四肢抽|手脚抽|牙关紧闭|"
        r"(?:手|手部|手脚|四肢|胳膊|全身|身体|半边身子?)(?:一直|不停|突然)?抽动|"
        r"\b(?:having|had|has) a (?:seizure|fit|convulsion)\b|\bseizing\b|\bconvuls\w+\b",
        exclude_before=_BODY_PART_TWITCH,
        exclude_after=r"^(?:的?药|服药|用药|吃药|治疗|病人|患者|病史|史)",
    ),
    _rule(
        "child_fever_convulsion",
        "medical",
        r"抽(?![血烟查签奖空屉水取样出调象时])|翻白眼|眼睛上翻|眼球上翻|手脚发?僵|发抖不停|打颤|"
        r"\b(?:seizure|fitting|shaking|eyes rolling)\b",
        requires=(CHILD, FEVER),
    ),
    _rule(
        "infant_distress",
        "medical",
        r"呼吸(?:很|特别|非常)?(?:快|急促|困难)|喘得?(?:厉害|很快)|鼻翼扇动|三凹征|胸口凹陷|心率(?:只有)?[2-9]\d(?!\d)|"
        r"心跳(?:只有)?[2-9]\d(?!\d)|嘴唇发紫|脸色发青|\bbreathing (?:very )?fast\b|\bgrunting\b",
        requires=(INFANT,),
    ),
    _rule(
        "elderly_fall",
        "medical",
        r"昏迷|叫不醒|喊不醒|没有?反应|不说话|说不出话|起不来|站不起来|动不了|不能动|意识不清|迷迷糊糊|迷糊|呕吐|"
        r"吐了|一直吐|不停地?吐|吐个不停|头(?:上|部)?(?:流血|出血|破了)|流血|大小便失禁|"
        r"\b(?:not responding|unresponsive|can't get up|hit (?:his|her) head|won't wake)\b",
        requires=(ELDER, FALL),
    ),
    # poisoning, allergy, injuries
    _rule(
        "poisoning_ingestion",
        "medical",
        r"误服|误食|误喝|误吞|喝了?农药|吃了农药|敌敌畏|百草枯|老鼠药|鼠药|喝了(?:消毒液|84|洗洁精|汽油|煤油|洁厕灵)|"
        r"吞了(?:电池|纽扣电池|磁铁|磁珠|一瓶)|吃了(?:一整?瓶|一大?把|一板|一盒|很多|好多|半瓶|整瓶)的?\S{0,4}药|"
        r"(?:一整?瓶|整瓶|一大?把|一板|一盒|半瓶)的?\S{0,4}药片?(?:都|全)?(?:吃|吞|喝)了|"
        r"药片?(?:都|全)?(?:吃|吞)了(?:一整?[瓶板盒把]|很多|好多|半瓶|一大?把|几十[片粒]|\d{2,}[片粒])|"
        r"(?:安眠药|降压药|降糖药|退烧药|止痛药|感冒药)吃了?(?:一整?瓶|一把|很多|好多|一板|一盒|过量)|"
        r"服药过量|吃药过量|药物过量|过量服用?|\boverdos\w*\b|"
        r"\btook (?:a whole|the whole|all|too many|lots of|a bottle of)\b[\w\s]{0,20}\b(?:pills|tablets|medicine|medication)\b|"
        r"\bswallowed (?:a |some )?(?:button )?(?:battery|batteries|magnets?|bleach|poison|pesticide|pills)\b|"
        r"\bdrank (?:bleach|pesticide|poison|weed ?killer|antifreeze)\b",
    ),
    _rule(
        "poisoning_named",
        "medical",
        r"(?:煤气|一氧化碳|食物|酒精|农药|药物|蘑菇|野生菌|亚硝酸盐)中毒|中毒了|煤气泄漏|"
        r"(?:吸了?|吸入)(?:很多|好多|大量)?的?(?:煤气|一氧化碳|毒气|天然气|沼气|氯气)|\bpoison(?:ed|ing)\b|\bcarbon monoxide\b",
        level="situated",
    ),
    _rule(
        "anaphylaxis",
        "medical",
        r"过敏性休克|(?:喉咙|嗓子|喉头|舌头)(?:肿|水肿|发紧|堵)|"
        r"(?:打完?|接种|注射|打了)(?:疫苗|针|青霉素|头孢|药)(?:后|之后|以后)?[^。!?]{0,10}"
        r"(?:休克|昏迷|晕倒|晕过去|呼吸困难|喘不上气|喘不过气|抽搐|嘴唇发紫|全身起(?:疹子|红疹|风团))|"
        r"\banaphyla(?:xis|ctic)\b|\bthroat (?:is )?(?:closing|swelling|swollen)\b",
    ),
    _rule(
        "choking",
        "medical",
        r"噎住|噎着|卡住|卡在(?:喉咙|嗓子|气管)|异物卡|气管异物|异物(?:进了?|吸入)?气管|呛(?:到|住|奶)|\bchoking\b",
        requires=(AIRWAY,),
    ),
    _rule(
        "severe_burn",
        "medical",
        r"(?:大面积|全身|整个身子|整条(?:腿|胳膊)|一大片|脸上)都?(?:烧伤|烫伤|起泡|起水泡|起了泡|烫|烧)|"
        r"\b(?:badly|severely) burn(?:ed|t)\b|\bburns? (?:all )?over (?:his|her|my) body\b",
        requires=(r"烫|烧|火|开水|热油|\bburn",),
    ),
    _rule(
        "drowning", "medical", r"溺水|落水|掉(?:进|到)(?:水|河|湖|塘|池|井)|\bdrown\w*\b", level="situated"
    ),
    _rule("electric_shock", "medical", r"触电|被电(?:到|击|了)|\belectrocuted\b", level="situated"),
    _rule(
        "snake_bite", "medical", r"被毒?蛇咬|毒蛇咬|\bbitten by a snake\b|\bsnake ?bite\b", level="situated"
    ),
    _rule(
        "serious_injury",
        "medical",
        r"车祸|被车(?:撞|碾|压)|从\S{1,6}(?:上)?(?:摔|掉|跌)下来?|高处坠落|\bhit by a car\b|\bcar crash\b",
        level="situated",
        requires=(
            r"流血|出血|昏迷|叫不醒|不能动|动不了|骨头露|伤得很重|重伤|起不来|\bbleeding\b|\bunconscious\b",
        ),
    ),
)
