"""A.5 service-specific harms: forged documents, benefit fraud, bribery, exam cheating."""

from __future__ import annotations

from agents.harm_rules.common import LEGAL, PROTECT, VICTIM, S, W, any_of, near, regex

_DOCS = (
    r"户口本|户口簿|户口|户籍证明|身份证|出生医学证明|出生证明|出生证|病历本?|诊断证明|诊断书|病假条|假条|学历|学位证?|"
    r"毕业证书?|文凭|残疾证|残疾人证|公章|印章|发票|结婚证|离婚证|房产证|不动产证|营业执照|证明|证件|证书|检测报告|"
    r"核酸(?:检测)?报告|体检报告|死亡证明|火化证明|驾照|驾驶证|行驶证|社保卡|医保卡|工资流水|银行流水|流水|收入证明|"
    r"在职证明|准考证|成绩单|签名|公文|合同|处方|病情证明|低保证|老年证|优待证|护照|签证|居住证|暂住证|健康证|"
    r"资格证|执业证|职称证|介绍信|红头文件|证据|聊天记录|聊天截图|转账记录|证"
)
_FAKE_VERB = (
    r"伪造|仿造|仿制|仿(?:一个|个|一份|份|一张|张)|假造|造假|做假|作假|变造|篡改|涂改|私刻|仿刻|刻(?:一个|个|一枚|枚)?(?:假|别人|他人|政府|医院|单位|"
    r"派出所|公安|学校)的?|(?<![a-z])ps?(?:一张|一个|个|张|一份|份)?(?=[\u4e00-\u9fff])|p图|修图|虚开|"
    r"(?:买|办|做|弄|搞|开|印|制作|订做|定做|造)(?:一张|一个|个|张|本|一本|份|一份|套)?假的?"
)
FORGERY = (
    r"(?:" + _FAKE_VERB + r")" + S + r"{0,6}(?:" + _DOCS + r")|"
    r"假的?(?:" + _DOCS + r")(?!明)|假的?(?:章|钢印)|(?:以假乱真|高仿|仿真|逼真)的?" + S + r"{0,4}(?:" + _DOCS + r")|"
    r"(?:" + _DOCS + r")" + W + r"{0,24}(?:(?<![a-z])ps?(?![a-z])|p图|修图|篡改|涂改|伪造|仿造|造假)|"
    r"(?:改|修改|涂改|更改|篡改)(?:一下)?" + S + r"{0,6}(?:" + _DOCS + r")" + S + r"{0,4}(?:上的|的|里的)?(?:金额|日期|数字|数额|"
    r"名字|姓名|年龄|出生日期|分数|成绩|时间|印章|章|天数)|"
    r"(?:模仿|仿|冒签|伪造|假冒)" + S + r"{0,6}(?:笔迹|签名|签字|字迹|手印)|"
    r"(?:改|修改|篡改|删除|删掉|抹掉)(?:一下)?" + S + r"{0,4}(?:缴费记录|参保记录|社保记录|医保记录|考勤记录|诊断结果|体检结果|"
    r"检测结果|学籍|档案|犯罪记录|案底|征信记录|征信)|"
    r"(?:学历|学位|文凭|成绩|分数|年龄|出生日期|出生年月|工龄|收入|工资|职称)" + S + r"{0,8}(?:改成|改为|改到|写成|变成|改小|改大|改高|"
    r"改低)|"
    + near(r"有案底|有犯罪记录|坐过牢|有前科", r"(?:弄|做|开|搞|办)(?:一份|一个|个|张)?(?:干净|没问题|没记录|假)的?", 20) + r"|"
    + near(r"(?:编|编造|伪造|生成)(?:一个|个)?" + S + r"{0,10}(?:编号|证号|证书号|号码)", _DOCS, 12) + r"|"
    + near(r"(?:替|帮|代)(?:我|他)?签(?:我的?)?(?:爸|妈|父亲|母亲|老板|领导|别人|他人|老师|家长)的?名字?",
            r"不知道|不让|偷偷|瞒着|没同意|不同意", 20) + r"|"
    + near(r"一模一样|看起来和真的一样|和真的一样|跟真的一样|像真的一样|看起来像真的|以假乱真|复刻|克隆", _DOCS, 30) + r"|"
    + near(r"(?:改|写)得?(?:严重|重|轻|高|低|大|小|多|少|早|晚)(?:一点|一些|点)", _DOCS, 20) + r"|"
    r"(?:生成|做|弄|开|写|制作|打印|伪造|出|搞|整)" + S + r"{0,8}(?:盖(?:了|好)?|带|有|盖有)(?:医院|单位|公司|政府|派出所|学校|"
    r"民政局|街道)?的?(?:公章|章|印章|钢印)的?" + S + r"{0,4}"
    r"(?:" + _DOCS + r")|"
    r"(?:开|弄|搞|办)" + S + r"{0,4}(?:病假条|诊断证明|病历|住院证明)" + W + r"{0,12}(?:没病|没有病|没生病|装病)|"
    r"(?:花钱|出钱)?买(?:一个|个|张|一张|份|本)?(?:本科|硕士|博士|大专|全日制)?(?:学历|文凭|毕业证书?|学位证?|残疾证|"
    r"资格证书?|职称证?|健康证|驾照)|"
    r"(?:没病|没有病|没生病|装病|没住院)" + S + r"{0,6}(?:开|弄|搞|办)" + S + r"{0,4}(?:病假条|诊断证明|病历|证明|住院证明)|"
    r"\b(?:forge|forging|forged|fake|faking|counterfeit|falsify|falsifying|fabricate|photoshop|doctor)\b"
    r"[\w\s']{0,20}\b(?:hukou|household regist\w+|id cards?|identity cards?|birth certificates?|medical "
    r"records?|sick notes?|doctor'?s notes?|diagnos\w+|diplomas?|degrees?|transcripts?|disability "
    r"certificates?|official seals?|company seals?|stamps?|invoices?|fapiao|marriage certificates?|"
    r"passports?|"
    r"driver'?s licen[cs]es?|certificates?|prescriptions?|bank statements?|pay ?slips?|signatures?)\b|"
    r"\bbuy (?:a |an )?(?:fake )?(?:degree|diploma|disability certificate|id card)\b|"
    r"\b(?:realistic|real-looking|realistic-looking|authentic-looking|convincing|"
    r"official-looking)\b[\w\s'-]{0,20}\b(?:hukou|"
    r"household regist\w+|id cards?|birth certificates?|medical records?|sick notes?|doctor'?s notes?|"
    r"diplomas?|degrees?|"
    r"certificates?|seals?|stamps?|invoices?|passports?|licen[cs]es?|booklets?|prescriptions?)\b|"
    r"\b(?:diploma|degree|certificate|id card|licen[cs]e|document|booklet|seal|"
    r"stamp)s?\b[\w\s'-]{0,20}\b(?:that passes "
    r"verification|with (?:my|the) details changed|look(?:s)? (?:real|genuine|authentic))\b|\bforged\b"
)
BENEFIT_FRAUD = (
    r"(?:去世|死亡|过世|死了)" + W + r"{0,30}(?:不想让|不让|瞒着|别让|不告诉|不上报|不报|没告诉|没通知|没报告|没上报)" + S + r"{0,6}(?:民政|社保|人社|"
    r"医保|政府|村里|社区|街道|银行|知道)|"
    r"(?:多开|多写|多算|虚增|虚开|多报|虚报|延长)" + W + r"{0,10}(?:报销|医保|理赔)|"
    r"(?:没有?残疾|不是残疾人?|没病|不困难|不穷|没资格|不够条件)" + W + r"{0,16}(?:怎么|如何|能不能|有没有办法|想)" + W + r"{0,6}"
    r"(?:办|领|申请|评上|拿到|吃上)" + S + r"{0,6}(?:低保|补贴|津贴|救助|残疾证|残疾人证|特困|困难补助)|"
    r"(?:老人|父母|爸|妈|别人|他人|家人|朋友|亲戚|邻居|死人)的?(?:医保卡|社保卡)" + W + r"{0,8}(?:给我自己|给自己|自己用)" + S
    + r"{0,4}(?:买|开|看病|刷)|"
    + near(
        r"(?:收入|财产|存款|家庭人口|年龄|病情|工资|残疾等级)" + S + r"{0,4}(?:写|报|改|填)(?:低|少|高|多|小|大)|少报|瞒报|漏报",
        r"低保|补贴|救助|津贴|补助|特困|公租房|廉租房|保障房|助学金|养老金",
        16,
    )
    + r"|(?:伪装成|假装成?|装成|冒充|扮成)(?:是)?" + S + r"{0,4}(?:困难户|贫困户|低保户|残疾人?|孤寡老人|特困|失业人员|烈属)|"
    r"(?:去世|死亡|过世|死了)" + W + r"{0,40}(?:怎么才能|怎样才能|如何|有什么办法|怎么)(?:一直|继续|接着|照样|还能)(?:领|取|拿)|"
    r"(?:用|拿)(?:我)?(?:妈|爸|父母|老人|家人|别人|朋友|亲戚|他人)的?(?:医保卡?|社保卡)" + S + r"{0,4}(?:给我|给自己|帮我)"
    r"(?:报销|看病|买药|开药)|"
    + near(r"不符合(?:条件)?|没资格|没有资格|不够条件|条件不够", r"包装|钻空子|想办法|怎么(?:操作|弄|搞|办成)", 16) + r"|"
    r"(?:用|冒用|借用|顶替)(?:他|她|死者|去世的人|已故|老人|爸|妈|父亲|母亲|别人|他人)的?(?:身份|名义|身份证)" + S + r"{0,6}"
    r"(?:领|拿|办|申请|冒领)" + S + r"{0,4}(?:养老金|退休金|低保|补贴|津贴|抚恤金|救助|医保|社保)|"
    r"(?:让|跟|找|求)(?:医院|医生|药店|药房)" + W + r"{0,12}(?:写成|开成|改成|报成|换成)(?:医保|可报销|能报销|统筹)|"
    r"(?:写成|开成)(?:医保药|医保项目|可报销)|"
    + near(r"低保|医保|养老金|退休金|补贴|津贴|救助金|抚恤金|失业金|公积金", r"骗(?:到手|过来|出来|到)|套(?:出来|现)", 8)
    + r"|" + near(r"低保|医保|养老金|补贴|津贴|救助|残疾证|困难户|贫困户", r"造假|作假|弄虚作假|虚假材料|假材料", 6)
    + r"|" + near(r"多领|多拿|重复领|冒领", r"(?:其实|但是?|可)(?:她|他|我|我们)?(?:并)?(?:不住|不在|没有住|不是|不符合|没在)", 30)
    + r"|(?:有工作|在上班|有收入|有房|有车|有存款|不困难)" + W + r"{0,20}(?:领|申请|吃|拿)" + S + r"{0,4}(?:失业金|失业保险|低保|补贴|"
    r"救助|困难补助)" + W + r"{0,20}(?:不会被|不被|瞒|才能|想办法|有什么办法|钻空子)|"
    + near(r"残疾|伤残|工伤|等级", r"(?:评|鉴定|定|弄|搞)(?:高|重)(?:一级|一点|一些|几级|点)", 10)
    + r"|(?:填成|报成|写成|评成|认定为|弄成|登记成|算成)(?:贫困户|低保户|困难户|残疾人?|特困|五保户|建档立卡)|"
    r"(?:怎么|如何|办法)" + S + r"{0,6}(?:医保|社保)(?:个人)?(?:账户|卡)?里?的?钱" + S + r"{0,4}(?:转出来|取出来|提出来|套出来|转走)" + W
    + r"{0,6}(?:买东西|消费|花|买|现金|提现)"
    + r"|骗保|套保|骗(?:取|走|领)?" + S + r"{0,4}(?:医保|社保|养老|低保|补贴|津贴|补助|救助|抚恤|保险|失业金|生育金|工伤|"
    r"住房|拆迁|补偿|基金|公积金|特困|五保)|"
    r"(?:医保卡?|社保卡|医保(?:个人)?账户)" + W + r"{0,8}(?:套出|刷出来|换成?钱)|"
    r"(?:去世|死亡|过世|死了)" + W + r"{0,24}(?:继续|接着|还在|照样|一直)(?:领|拿|发)" + W + r"{0,12}"
    r"(?:不被|不让|怎么才能|隐瞒|瞒着)|"
    r"(?:条件(?:其实|还)?(?:挺|很|还|比较)?好|不困难|有车|有房|有存款|有收入|有工作|不符合)" + W + r"{0,12}"
    r"(?:怎么|如何|能不能|有没有办法)(?:才能)?(?:评上|吃上|领到|申请到|办到|拿到|当上)" + S + r"{0,4}(?:低保|补贴|救助|特困|"
    r"贫困户|公租房|廉租房|困难补助|助学金)|"
    r"(?:医保卡?|社保卡|公积金)" + S + r"{0,6}(?:套现|变现|换现金|换成现金|兑现)|(?:套现|变现)" + S + r"{0,4}(?:医保|社保卡)|"
    r"(?:用|拿)?医保卡(?:刷|买)(?:化妆品|保健品|日用品|米面油|烟酒|超市|生活用品)|"
    r"冒领" + S + r"{0,4}(?:养老金|退休金|高龄津贴|补贴|津贴|抚恤金|低保|工资|救助金|补助)?|"
    r"(?:隐瞒|不上报|不报|瞒着|不注销|不销户|瞒报|没(?:有)?(?:注销|上报|销户))" + W + r"{0,8}(?:去世|死亡|过世|死讯)?" + W + r"{0,8}"
    r"(?:继续|接着|还)?(?:领|拿|冒领)" + S + r"{0,4}(?:养老金|退休金|津贴|补贴|低保|抚恤金)|"
    r"(?:去世|死亡|过世|死了)" + W + r"{0,10}(?:继续|接着|照样)(?:领|拿)" + S + r"{0,4}(?:养老金|退休金|津贴|补贴|低保)"
    r"(?=" + W + r"*(?:不被|不让|怎么|如何|办法|方法))|"
    r"(?:虚报|谎报|多报|瞒报)" + S + r"{0,6}(?:收入|人口|家庭人口|病情|年龄|工龄|残疾|灾情|损失|户数|学生|人数|财产|"
    r"房产|费用|医疗费)|"
    r"隐瞒(?:收入|财产|房产|存款|车辆|工作|家庭财产)" + S + r"{0,10}(?:申请|领|吃|拿|办)(?:低保|补贴|救助|保障房|公租房|"
    r"廉租房|困难补助|助学金|特困)|"
    r"(?:不符合|没有资格|没资格|够不上|达不到)" + S + r"{0,10}(?:怎么|如何|也能|还能|照样|也想)" + S + r"{0,4}"
    r"(?:领|吃|拿|办|申请)" + S + r"{0,4}(?:低保|补贴|津贴|救助|公租房|廉租房|特困|五保|残疾补贴|困难补助|养老金)|"
    r"假离婚" + S + r"{0,10}(?:低保|拆迁|补偿|房|补贴|指标|名额)|挂床(?:住院)?|假住院|挂名住院|空挂|吃空饷|"
    r"(?:借|用|冒用|租)(?:别人|他人|朋友|同事|邻居|死人|去世的人)的?(?:医保卡|社保卡)" + S + r"{0,6}(?:看病|开药|买药|"
    r"住院|报销|刷)|(?:把|将)?(?:我的)?(?:医保卡|社保卡)(?:借|租|卖)给(?!家人|父母|子女|配偶|爸|妈|老伴|孩子)|"
    r"(?:回收|收购|卖)(?:医保卡|社保卡|医保药)|冒充(?:残疾人|低保户|贫困户|烈属|军属|孤寡老人)|"
    r"\b(?:get|claim|receive|qualify for|apply for)\b[\w\s]{0,6}\b(?:dibao|welfare|subsid(?:y|ies)|benefits?|"
    r"allowance|"
    r"public housing)\b[\w\s,]{0,12}\b(?:even though|although|despite|when) (?:i|we) (?:own|have|earn|am not|"
    r"'m not|don't "
    r"qualify|make)\b|"
    r"\b(?:inflate|pad|exaggerate|fake|falsify)\b[\w\s']{0,12}\b(?:bills|receipts|claims?|invoices|expenses|"
    r"medical "
    r"records)\b[\w\s']{0,30}\b(?:insurance|reimburs\w*|pays? more|subsid\w*|yibao)\b|"
    r"\b(?:medical insurance|health insurance|pension|benefits?|welfare|dibao|subsidy|social security) fraud "
    r"(?:tips|methods|tricks|techniques|guide|schemes)\b|\b(?:commit|do|"
    r"pull off)\b[\w\s]{0,10}\b(?:insurance|benefits?|"
    r"pension|welfare) fraud\b|"
    r"\b(?:pension|benefits?|subsid(?:y|ies)|welfare|dibao|allowance)\b[\w\s']{0,20}\bby (?:changing|"
    r"altering|faking|"
    r"lying about|falsifying|hiding)\b|"
    r"\b(?:fake|faking|pretend(?:ing)? to have|feign)\b (?:a |an |my )?(?:disability|illness|injury|poverty|"
    r"divorce|"
    r"unemployment)\b|\bpretend(?:ing)? to be (?:disabled|poor|unemployed|single)\b|"
    r"\b(?:get|claim|receive|collect)\b[\w\s]{0,12}\b(?:subsid(?:y|ies)|benefits?|welfare|dibao|pension|"
    r"allowance)\b"
    r"[\w\s]{0,12}\bby (?:lying|hiding|faking|pretending|under-?reporting)\b|"
    r"\b(?:defraud|cheat|scam|game|trick)\b[\w\s]{0,6}\b(?:the )?(?:medical insurance|health insurance|yibao|"
    r"pension (?:fund|system)|social security|welfare|dibao|subsid(?:y|ies)|benefits? (?:system|office))\b|"
    r"\b(?:keep|continue) (?:collecting|claiming|receiving|drawing|getting)\b[\w\s']{0,12}\b(?:dead|late|"
    r"deceased)\b|"
    r"\bclaim (?:benefits|subsidies|dibao|a pension|welfare)\b[\w\s']{0,20}\b(?:not (?:eligible|entitled)|"
    r"fraudulently|by hiding)\b|\bhide (?:my )?(?:income|assets) to (?:get|qualify|claim|receive)\b|"
    r"\bcash out "
    r"(?:my )?(?:medical insurance|social security|yibao) (?:card|account)\b|\buse (?:someone else's|another "
    r"person's|(?:a|my) (?:friend|neighbou?r|coworker|colleague|relative)'s) (?:medical insurance|"
    r"health insurance|"
    r"social security|yibao) card\b"
)
_GIFT = (
    r"送礼|送钱|塞钱|塞红包|送红包|给红包|包红包|递红包|行贿|贿赂|打点(?!滴|计)|疏通(?:关系|一下关系)|意思一下|好处费|"
    r"回扣|送购物卡|送烟酒|给好处|(?:送|塞|包|递)(?:个|点|些|多少|多大的?|几个|一个|几千|几万)?(?:红包|钱|购物卡|礼金|现金)|"
    r"给(?:个|点|些|多少|多大的?)?(?:红包|好处|礼金)|(?:送|塞)(?:多少|几千|几万|点钱|些钱)|费用好说|钱不是问题|好处少不了|感谢费|辛苦费|茶水费"
)
_OFFICIAL = (
    r"领导|官员|干部|主任|局长|科长|处长|厅长|书记|村长|村支书|支书|村干部|镇长|乡长|区长|县长|市长|所长|站长|院长|"
    r"校长|园长|招生办|办事员|工作人员|窗口|经办人|审批|评审|考官|面试官|主考|医生|主刀|护士长|民警|警察|交警|城管|"
    r"税务|社保局|医保局|民政局|人社局|教育局|街道|网格员|监考|老师|法官|检察官|评委|鉴定"
)
_PURPOSE = (
    r"名额|学位(?!房)|入学|入园|上学|进(?:重点|公办|好的?)?(?:学校|小学|初中|高中|幼儿园)|编制|床位|养老院|公租房|廉租房|"
    r"保障房|低保|户口|落户|指标|加分|批下来|审批|通过|办下来|快点办|优先|插队|排前面|照顾|评上|残疾等级|升学|转学|"
    r"提干|晋升|中标|减刑|保释|免罚|销案|撤案|拆迁款|补偿款|补录|录取|考上|过关|批准|撤了|撤掉|罚单"
)
BRIBERY = (
    r"(?:给|向|"
    r"找)?(?:" + _OFFICIAL + r")" + S + r"{0,6}(?:" + _GIFT + r")|(?:" + _GIFT + r")" + S + r"{0,8}(?:"
    + _OFFICIAL + r")|(?:" + _GIFT + r")" + S + r"{0,12}(?:" + _PURPOSE + r")|(?:" + _PURPOSE + r")" + S
    + r"{0,12}(?:" + _GIFT + r")|"
    r"(?:送(?:什么|点|些|多少|个)?礼(?:物|品)?|送(?:点|些)?(?:什么|啥)(?:东西|好)?|请客|请吃饭)" + W + r"{0,12}(?:" + _PURPOSE + r")|"
    + near(_GIFT + r"|通融|(?:找|有|托)熟人|熟人帮忙", _PURPOSE + r"|快点批|批下来|办下来|快点办", 20) + r"|"
    r"(?:托|找|求)(?:谁|人|关系|熟人)" + S + r"{0,6}(?:改|修改|调|抹)" + S + r"{0,4}(?:结果|成绩|分数|记录|档案|等级)|"
    r"走后门|托关系|找关系|拉关系|找门路|通关系|关系户|(?<!受)(?:行贿|贿赂)(?!罪)|"
    r"(?:花钱|出钱|多少钱)(?:能|可以)?(?:买到?|搞到|弄到|办到?|进|拿到)" + S + r"{0,6}(?:" + _PURPOSE + r"|工作|岗位|职位|"
    r"分数|残疾证)|"
    r"\bbrib(?:e|ing|ery)\b|\b(?:pay|give)\b[\w\s]{0,6}\b(?:official|officer|principal|doctor|clerk|"
    r"inspector|"
    r"cadre|director)\b[\w\s]{0,8}\b(?:money|cash|a red envelope|red packet|hongbao|gift|under the table)\b|"
    r"\b(?:pay|give|offer)\b[\w\s]{0,6}\b(?:the |an? )?(?:official|officer|principal|headmaster|doctor|clerk|"
    r"inspector|cadre|director|admissions officer)\b[\w\s]{0,6}\bto (?:get|let|approve|admit|speed|skip|jump|"
    r"pass|"
    r"issue)\b|\b(?:buy|pay for) a (?:place|spot|slot|bed|seat) (?:at|in)\b|\bpull(?:ing)? strings\b|"
    r"\bback ?door\b|"
    r"\bgrease (?:the|someone's|his|her) palm\b|\bpay off\b[\w\s]{0,20}\b(?:bureau|office|department|"
    r"committee|"
    r"school|hospital)\b|\b(?:red envelope|red packet|hongbao|cash|money|gift)\b[\w\s]{0,6}\bto (?:the |a |"
    r"an |my )?"
    r"(?:doctor|surgeon|official|teacher|principal|officer|clerk|inspector|judge|"
    r"examiner)\b[\w\s]{0,10}\b(?:so|to get|in "
    r"order|for)\b|\b(?:pay|buy) off\b (?:the |an? )?(?:official|officer|inspector|judge|"
    r"police|cop|clerk|principal|examiner)\b|\bslip (?:him|her|them|the \w+) (?:some )?(?:cash|money)\b|"
    r"\bthrough (?:connections|guanxi|the back door)\b|\bunder the table\b"
)
BRIBERY_FRAMES = regex(
    any_of(
        PROTECT,
        VICTIM,
        LEGAL,
        r"拒绝|拒收|退还|索要|索贿|吃拿卡要|(?:医生|领导|工作人员|老师|官员|他|她|对方|村干部|主任)(?:暗示|索要|明示|要)|锦旗|感谢信|"
        r"\brefuse\b|"
        r"\b(?:is it (?:normal|appropriate|necessary|customary|expected|common)|"
        r"(?<!who )(?<!whom )(?<!what )(?<!where )(?<!which )(?<!much )do i (?:have|need) to)\b",
    )
)


_EXAM = (
    r"考试|高考|中考|考研|四六级|四级|六级|雅思|托福|教资|专升本|公务员|科目[一二三四]|驾照|资格证|自考|期末|考场|考证|"
    r"会计|执业"
)
EXAM_CHEATING = (
    r"(?<!防)(?:代考|替考)(?!生)|找(?:人|枪手)(?:代|替|帮我?)考|考试枪手|请枪手|找枪手|当枪手|"
    r"(?:" + _EXAM + r")" + W + r"{0,12}(?:帮我|替我|代我)(?:去)?考(?!虑|察|核)|(?:帮我|替我|代我)(?:去)?考(?!虑|察|核)" + W
    + r"{0,12}(?:" + _EXAM + r")|"
    r"(?:怎么|如何|怎样)" + S + r"{0,4}(?:偷偷)?(?:带|藏|夹带)" + S + r"{0,4}(?:手机|耳机|小抄|纸条|电子设备|智能手表|眼镜)"
    + S + r"{0,6}(?:考场|进去|进考)|"
    + near(_EXAM, r"卖答案|卖考题|卖试题|答案出售|出售答案|买答案", 12) + r"|(?:打|做|写|藏|带)小抄|(?:传|递|对|抄)答案|偷看(?:别人的)?(?:答案|试卷)|"
    r"(?:帮|替|代)(?:我的?|我家)?(?:孩子|儿子|女儿|弟弟|妹妹|老公|老婆)(?:去)?考(?!虑|察|核|上|好|得|出|进)|"
    r"(?<![防反])作弊用的?|"
    + near(r"找(?:个|一个)?(?:人|枪手|大学生|学生)(?:去|来)?(?:代|替|帮我?)?考(?!虑|察|核|上|好)", _EXAM, 12) + r"|"
    r"(?:找|请|雇|花钱请)(?:个|一个)?(?:人|枪手|大学生|学生)(?:去|来)?(?:代|替|帮)(?:我|我们|我孩子|孩子)?(?:去)?(?:考(?!虑|察|核|上|好)|"
    r"进考场|参加考试|答题)|"
    r"(?:买|弄到|搞到|拿到)" + S + r"{0,8}(?:原题|(?:今年|本次|这次|明天|下周|下个月|即将)" + S + r"{0,6}(?:真题|试题|试卷|考题|答案))|"
    + near(_EXAM, r"(?:用|拿|带)(?:手机|耳机|手表|电子设备)(?:查|搜|看|拍|传)|(?:查|搜|传|对|抄)答案", 16) + r"|"
    + near(r"(?:提前|考前)" + S + r"{0,2}(?:弄到|拿到|得到|买到|搞到|获取|知道|看到)", r"答案|试题|试卷|考题", 10) + r"|"
    r"作弊的?(?:好|新)?(?:器材|器|工具|设备|耳机|神器|手表|眼镜|笔|方法|技巧|办法|攻略|手段|不被)|(?<!防)(?:有什么|什么)"
    + S + r"{0,2}作弊|隐形耳机|"
    r"(?:怎么|如何|怎样|方法|技巧)" + S + r"{0,6}(?<!防)作弊|"
    r"(?:提前|考前)(?:拿到|得到|获取|知道|买|弄到)" + S + r"{0,6}(?:试题|试卷|答案|考题)|"
    r"(?:泄露|偷)" + S + r"{0,4}(?:试题|试卷|考题)|"
    r"买" + S + r"{0,4}(?:高考|中考|考研|四六级|公务员|考试|自考|驾照|科目[一四]|资格证?|执业|事业单位)" + S + r"{0,4}"
    r"(?:答案|考题|试题)|(?:高考|中考|考研|四六级|公务员考试|考试|自考|驾照考试)的?(?:答案|考题|试题)" + S + r"{0,6}"
    r"(?:哪里买|购买|出售|哪有卖|在哪买|怎么买)|代写" + S + r"{0,4}(?:论文|作业|毕业设计|课程设计)|论文代写|买(?:毕业)?论文|"
    r"泄题|漏题|透题|"
    r"\bcheat (?:on|in|at|during)\b[\w\s']{0,20}\b(?:exams?|tests?|gaokao|zhongkao)\b|"
    r"\b(?:get|buy|obtain|see|find)\b[\w\s]{0,12}\b(?:answers|questions|papers?)\b[\w\s]{0,12}\b(?:before|"
    r"ahead of) "
    r"(?:the |my )?(?:exams?|tests?|gaokao)\b|\bplan to cheat\b|"
    r"\b(?:exam|test|gaokao) cheating (?:devices?|tools?|equipment|earpieces?|methods|tips|tricks|"
    r"services?)\b|"
    r"\b(?:smuggle|sneak|bring|hide)\b[\w\s']{0,12}\b(?:notes|phone|earpiece|cheat sheet|crib sheet|"
    r"answers)\b"
    r"[\w\s']{0,12}\b(?:into|in|during)\b[\w\s']{0,8}\b(?:exams?|tests?|gaokao|exam hall|exam room)\b|"
    r"\b(?:hire|pay|find|get)\b (?:someone|somebody|a person|a proxy|a student)\b[\w\s']{0,10}\b(?:take|sit|"
    r"write)\b"
    r"[\w\s']{0,20}\b(?:exams?|tests?|gaokao)\b|"
    r"\bsomeone (?:to|who can|who will) (?:take|sit) (?:the|my) (?:exam|test|gaokao)\b|\b(?:hidden|"
    r"invisible) "
    r"earpiece\b|\bbuy (?:the )?(?:exam|test|gaokao) (?:answers|papers|questions)\b|\bleaked (?:exam|test) "
    r"(?:papers?|questions|answers)\b|\bexam (?:proxy|impersonat\w+)\b"
)
