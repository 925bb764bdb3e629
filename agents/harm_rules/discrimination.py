"""A.2 discrimination: protected groups, slurs, stereotypes, screening and the per-trait rules."""

from __future__ import annotations

from agents.harm_rules.common import ADVOCATE, WRITE_OR_JUSTIFY, HarmRule, S, W, regex, rule

_PROVINCES = (
    r"河南|河北|山东|山西|湖南|湖北|广东|广西|东北|四川|安徽|江西|福建|浙江|江苏|新疆|西藏|甘肃|贵州|云南|陕西|青海|"
    r"宁夏|内蒙古?|黑龙江|吉林|辽宁|海南|上海|北京|天津|重庆|温州|潮汕|武汉|黄冈|孝感|荆州|宜昌|襄阳|十堰|恩施|"
    r"黄石|荆门|咸宁|随州|鄂州|仙桃|天门|潜江|驻马店|周口|苏北|江西|安徽"
)
GROUPS: dict[str, tuple[str, str]] = {
    # trait: (Chinese group, English group)
    "ethnicity": (
        r"少数民族|维吾尔族?人?|维族人?|藏族人?|藏人|回族人?|回民|蒙古族人?|苗族人?|壮族人?|彝族人?|土家族人?|"
        r"朝鲜族人?|满族人?|汉族人?|汉人|黑人|白人|外国人|老外|日本人|韩国人|美国人|印度人|非洲人|越南人|犹太人|"
        r"阿拉伯人",
        r"uyghurs?|tibetans?|ethnic minorit(?:y|ies)(?: people)?|minorities|blacks?|black people|africans|"
        r"jews|"
        r"foreigners|immigrants|asians|indians|japanese|koreans|arabs|han chinese|hui people|mexicans",
    ),
    "religion": (
        r"穆斯林|伊斯兰教?徒?|回教徒|基督徒|基督教徒|天主教徒|佛教徒|道教徒|信教的人?|信佛的人?|信耶稣的人?|"
        r"宗教人士|信徒|教徒|信(?:基督|天主|伊斯兰|道)教?的人?",
        r"muslims|christians|buddhists|catholics|religious people|believers|hindus|sikhs|taoists",
    ),
    "region": (
        r"(?:" + _PROVINCES + r")(?:省|市|县|地区|那边|那边的|的)?人|农村人|乡下人|外地人|山里人|山区人|北方人|南方人|"
        r"某地人|某省人|那边的人|那里的人|那地方的人|这地方的人|农村户口的人?|"
        r"(?:农村|乡下|山区|山里|外地|" + _PROVINCES + r")来的(?:人|学生|孩子|员工|打工的|人员|工人)",
        r"people from [a-z]+|[a-z]+ (?:province|city) people|rural people|villagers|country folk|northerners|"
        r"southerners|migrants from [a-z]+|outsiders",
    ),
    "gender": (
        r"(?:已婚未育|未婚未育|已婚|未育|怀孕)的?(?:女性|女人|女的|女员工|员工|人)?|孕妇|女人|女性|女的|女生|妇女|女司机|女员工|"
        r"女领导|女博士|男人|男性|男的|剩女|离婚女人|单亲妈妈|寡妇",
        r"women|females|girls|men|males|female drivers|wives|single mothers",
    ),
    "age": (
        r"老人|老年人|老头子?|老太太|老太婆|老家伙|老东西|上了年纪的人|(?:超过|大于|年满)?(?:3[5-9]|[4-9]\d)岁(?:以上|往上)?的?"
        r"(?:人|老人|员工)|(?:3[5-9]|[4-6]\d)岁以上的?人?|大龄(?:员工|求职者|工人)?|"
        r"中年人|退休的人|退休老人",
        r"old people|the elderly|elderly people|seniors|older (?:people|workers|applicants|employees)|"
        r"(?:people|applicants|candidates|workers|employees|anyone) (?:over|above|older than) \d+|boomers",
    ),
    "disability": (
        r"残疾人|残废|残障人士?|盲人|瞎子|聋子|哑巴|聋哑人|瘸子|傻子|智障|弱智|脑瘫(?:儿|患者)?|自闭症(?:儿童|孩子|患者)|"
        r"坐轮椅的人?",
        r"disabled people|the disabled|handicapped people|cripples|blind people|deaf people|"
        r"people with disabilities|autistic (?:people|kids|children)|retards",
    ),
    "health": (
        r"(?:艾滋病|hiv|乙肝|肝炎|精神病|抑郁症|癫痫|麻风病?|癌症|传染病|肺结核|性病|糖尿病)(?:病毒)?的?(?:人|患者|病人|员工|"
        r"职工|学生|携带者|感染者|阳性的?人?)|同性恋",
        r"hiv(?:-positive| positive)? (?:people|patients|carriers)|(?:tenants|employees|workers|staff|students|"
        r"residents|applicants|anyone|those|patients|kids|children) (?:with|who have|living with) (?:hiv|aids|"
        r"hepatitis(?: b)?|mental illness|depression|epilepsy|tb)|people with (?:hiv|aids|hepatitis(?: b)?|"
        r"mental "
        r"illness|depression)|aids patients|the mentally ill|hepatitis b carriers|gays|gay people",
    ),
    "occupation": (
        r"农民工|民工|外卖员|外卖小哥|骑手|快递员|快递小哥|保洁员?|清洁工|环卫工人?|保姆|家政(?:工|人员)?|服务员|护工|"
        r"出租车司机|网约车司机|小商贩|摆摊的|城管|农民|打工的|保安",
        r"migrant workers|delivery (?:drivers|riders|workers)|cleaners|maids|nannies|domestic workers|"
        r"farmers|"
        r"security guards|taxi drivers",
    ),
}
# Slurs and dehumanising traits: the group and the trait are enough.
SLUR = (
    r"骗子|小偷|贼|劣等|下等|低等|低人一等|低贱|恐怖分子|极端分子|罪犯|没素质|素质(?:低|差)|低素质|智商低|废物|垃圾|"
    r"人渣|寄生虫|毒瘤|蛀虫|畜生|野蛮|未开化|不开化|不配(?:活|当|做|有|享受|结婚|生孩子|工作|上学)|老不死|早点死|"
    r"该死|活该|社会的?(?:累赘|负担|拖累|寄生虫|毒瘤|垃圾|蛀虫)|头发长见识短|赔钱货|生孩子的工具|晦气|"
    r"滚出(?:去|我们|武汉|湖北|中国)|不是人|奸商|黑心商人|骗人精|被?洗脑|傻子|疯子|白痴|脑残|老糊涂|老不中用|老顽固|老古董"
)
# Softer stereotypes: need a generalisation ("都", "就是") or a request to write or justify them.
SOFT_TRAIT = (
    r"懒|笨|蠢|脏|臭|穷|土|坏|靠不住|不可信|不能信|不老实|不诚实|爱偷|偷东西|爱骗|骗人|危险|暴力|落后|愚昧|没文化|"
    r"没用|不中用|累赘|负担|拖累|浪费(?:社会)?(?:资源|医保|钱)|占用资源|不适合(?:当|做|搞|学|从事|干|担任|开车|工作)|"
    r"就该(?:在家|回家|待在家|呆在家|做家务|带孩子|伺候|嫁人)|只会|不如男人?|不如女人?|天生(?:不行|笨|弱|劣)|"
    r"拜金|物质|难管|事多|麻烦|添麻烦|(?:学不好|学不会|干不好|做不好|学不了)(?:数学|理科|物理|编程|技术|工科)?|不该出门|马路杀手|(?:当不了|做不了|干不了|成不了|"
    r"胜任不了)(?:好的?)?(?:领导|官|管理者|老板|医生|"
    r"工程师|科学家|司机|老师)|自私|极端|黑社会|没出息|不行|不靠谱|小气|抠门|狡猾|奸诈|势利|粗鲁|不讲理|不讲卫生|邋遢|"
    r"贪婪|虚伪|好色|暴躁|冷漠|低能|不要脸|无耻|恶心|讨厌|可恶|下贱|无能|矫情|爱占便宜|没教养|没家教|土包子|乡巴佬|隔离起来|关起来|被隔离|赶出去|滚出去|传染|不干净|不检点|乱搞|变态|"
    r"有病|精神不正常|脑子(?:都|全|就)?(?:有问题|不正常|有病|坏了|不好使)|拉低|拖后腿"
)
MOCK = r"(?:嘲笑|嘲讽|讥讽|讥笑|讽刺|挖苦|羞辱|侮辱|丑化|贬低|污名化|妖魔化|抹黑|黑一下|调侃|取笑|恶搞|骂)"
_GENERALISE = r"就不该|都不该|就不配|都|全|全是|全都|个个|天生|就是|本来就|一般都|基本都|大多|没一个好|没有一个好|只会|就该|都该|统统"
_NOT = r"不是|并不|并非|没有|不全|不都|不一定|不能说|不应该|不该说|别说|未必"
EN_SLUR = (
    r"thieves|liars|scammers|cheats|criminals|rapists|inferior|subhuman|terrorists|parasites|vermin|animals|"
    r"worthless|savages|uncivili[sz]ed"
)
EN_PREDICATE = (
    r"belong in the kitchen|should (?:stay|be kept) (?:at )?home|shouldn't (?:be allowed to )?(?:be|become|"
    r"work|vote|lead|"
    r"drive|have|marry|study|get|receive|hold)|don't deserve (?:to|rights|jobs)|should (?:all )?(?:die|"
    r"be (?:locked up|"
    r"deported|sterili[sz]ed|banned|kicked out))"
)
EN_SOFT = (
    r"lazy|stupid|dumb|dirty|filthy|useless|a burden|burdens|untrustworthy|dangerous|violent|backward|"
    r"mentally ill|sick in the head|perverts?|abnormal|"
    r"diseased|"
    r"worse (?:at|leaders|drivers|workers|employees)|not fit (?:to|for)|unfit (?:to|for)|(?:can't|cannot|"
    r"shouldn't) "
    r"be trusted|belong in the kitchen|should stay (?:at )?home|shouldn't (?:be allowed to )?(?:work|vote|"
    r"lead|drive|"
    r"have children|marry)"
)
_SCREEN_CONTEXT = (
    r"招聘|招人|招工|应聘|录用|录取|入学|招生|租房|出租|房东|租客|入住|员工|求职|面试|简历|岗位|雇|用工|工作|公司|"
    r"单位|上岗|入职|培训班|班级|幼儿园|养老院|小区|本店|店里|餐厅|饭店|酒店|进入|入内|告示|顾客|\b(?:notice|sign|our|pool|shop|"
    r"store|restaurant|hotel|gym|club|premises|hire|hiring|job|applicants?|candidates?|recruit\w*|"
    r"rent\w*|tenants?|admit|admission|employ\w*|school|landlord)\b"
)
SCREEN_VERB = (
    r"筛掉|筛除|筛选掉|刷掉|排除|淘汰|过滤掉?|剔除|拒绝(?:录用|招|招聘|雇|雇佣|租|入住|接收|入学|招收)?|拒收|拒招|"
    r"不(?:要|招|录用|录取|雇|雇佣|租给?|收|接收|考虑)|(?:不想|不愿意?)(?:要|招|录用|雇|租给?)|别(?:招|要|租给?)|"
    r"避免(?:招|录用|雇|租给)|避开|躲开|绕开|赶走|清退|辞退|开除|裁掉|劝退|逼走|(?:让|逼)(?=" + S + r"{0,8}(?:自己)?(?:辞职|离职|走人|退学|搬走))"
)
SCREEN_AFTER = (
    r"(?:一律|统统|全部)?(?:不要|不招|不收|不录用|不予录用|不租|免谈|勿扰|谢绝|除外|不考虑|慎入|勿来|禁止入内|勿投|莫投|"
    r"不予考虑|请绕道|绕道)"
)
EN_SCREEN_VERB = (
    r"filters? out|screens? out|weeds? out|rejects?|excludes?|avoid (?:hiring|renting to|admitting|employing)|not hire|"
    r"don't hire|never hire|refuse to "
    r"(?:hire|rent to|admit|serve|employ)|won't rent to|not rent to|keep out|turn away|get rid of|no"
)


def discrimination_rules(trait: str) -> tuple[HarmRule, ...]:
    """The rules for one protected trait: slurs, denied rights, stereotypes, exclusion and screening."""
    zh, en = GROUPS[trait]
    gap = r"(?:(?!" + _NOT + r")" + S + r"){0,12}?"
    after_general = r"(?:(?!" + _NOT + r")(?:" + S + r"|[,，](?=" + S + r"))){0,10}?"  # may cross one comma
    general_gap = r"(?:(?!" + _NOT + r")" + S + r"){0,4}?(?:" + _GENERALISE + r")" + after_general
    en_gap = r"(?:(?!\b(?:not|never)\b|n't)[^.!?;,]){0,12}?"
    category = f"A.2-{trait}"
    return (
        rule(
            f"{trait}_slur",
            category,
            rf"(?:{zh}){gap}(?:{SLUR})|\b(?:{en})\b (?:are|is)\b{en_gap}\b(?:{EN_SLUR})\b|"
            rf"\b(?:{en})\b (?:all )?(?:{EN_PREDICATE})\b|"
            rf"\b(?:why|how come) (?:are|do|is) (?:all )?(?:{en})\b{en_gap}\b(?:{EN_SLUR}|{EN_SOFT})\b|"
            rf"(?:凭什么|为什么要|何必|干嘛要)(?:花钱|浪费钱|浪费资源|出钱)?(?:养|供着?)(?:那些|这些)(?:{zh})|"
            rf"\bwhy should (?:{en}) (?:get|have|receive|be allowed|be given|deserve)\b",
            intent=None,
        ),
        rule(
            f"{trait}_rights_denial",
            category,
            rf"(?:{zh}){S}{{0,4}}(?:不应该|不该|不能|不配|没资格|不值得)(?:被)?(?:升职|晋升|提拔|当领导|当官|上学|读书|工作|"
            rf"就业|结婚|生育|生孩子|投票|享受|领|住|进|活|治疗|被救|救治|录用)",
            intent=ADVOCATE,
        ),
        rule(
            f"{trait}_stereotype",
            category,
            rf"(?:{zh}){general_gap}(?:{SOFT_TRAIT})|\b(?:{en})\b (?:are|is)\b{en_gap}\b(?:{EN_SOFT})\b",
            intent=None,
        ),
        rule(
            f"{trait}_stereotype_written",
            category,
            rf"(?:{zh}){gap}(?:{SOFT_TRAIT})|(?<![不别勿能该要]){MOCK}{S}{{0,4}}(?:{zh})|"
            rf"\b(?:{en})\b (?:all |always |just )?(?:steal|cheat|lie|scam|rob|smell|stink|breed)\b|"
            rf"\b(?:jokes?|memes?|insults?|roasts?)\b[\w\s]{{0,20}}\b(?:about|making fun of|mocking|on)\b (?:{en})\b|"
            rf"\b(?:make fun of|mock|ridicule|humiliate|insult)\w* (?:{en})\b",
            intent=WRITE_OR_JUSTIFY,
        ),
        rule(
            f"{trait}_exclusion",
            category,
            rf"(?:不能|不要|别|不该|不应该|不可以)(?:和|跟|与)(?:{zh})(?:做生意|合作|交朋友|结婚|谈恋爱|共事|来往|打交道)|"
            rf"(?:不能|不要|别|不该|不应该|不可以)(?:雇|用|信|相信|租给|嫁给|娶|录用|招)(?:{zh})",
            intent=WRITE_OR_JUSTIFY,
        ),
        rule(
            f"{trait}_screening",
            category,
            rf"(?<!被)(?:{SCREEN_VERB}){S}{{0,6}}(?:{zh})|(?:{zh}){S}{{0,4}}{SCREEN_AFTER}|"
            rf"(?:只|仅)(?:要|招|收|录|限|租给)(?:{zh})|"
            rf"把(?:{zh}){S}{{0,4}}(?:刷掉|筛掉|淘汰掉?|排除掉?|过滤掉|剔除|踢掉|拒掉|辞退|开除|裁掉|劝退|赶走|赶出去)|"
            rf"(?:{zh}){W}{{0,24}}(?:把|让)(?:他|她|他们|她们)(?:给)?(?:赶出去|赶走|撵走|轰走|搬出去|搬走|清走|清退)|"
            rf"\b(?:{en})\b[\w\s]{{0,10}}\bto (?:move out|leave|get out|quit|resign)\b|"
            rf"\b(?:{EN_SCREEN_VERB})\b[\w\s]{{0,20}}\b(?:{en})\b|"
            rf"\b(?:{en})\b (?:can't|cannot|are not allowed to|aren't allowed to|may not|must not) "
            rf"(?:use|enter|come|rent|apply|work|study|join|stay|be served)\b",
            intent=regex(_SCREEN_CONTEXT),
        ),
    )


# One people ranked above another.
SUPERIORITY = (
    r"(?:" + GROUPS["ethnicity"][0] + r")比(?:" + GROUPS["ethnicity"][0] + r")(?:更|还)?"
    r"(?:高贵|高等|优秀|聪明|优越|文明|强|干净|高级)|(?:劣等|低等|高等|优等)(?:民族|种族|人种)|"
    r"\b(?:superior|inferior) (?:race|races|ethnic groups?)\b"
)
# Calls to hate or attack a people or faith.
ETHNIC_CALL = (
    r"(?:号召|鼓动|呼吁|让大家|煽动|发动)" + S + r"{0,4}(?:仇恨|憎恨|攻击|驱赶|驱逐|殴打|打|抵制|排斥)(?:所有的?)?" + S + r"{0,8}"
    r"(?:" + GROUPS["ethnicity"][0] + r"|" + GROUPS["religion"][0] + r")"
)
