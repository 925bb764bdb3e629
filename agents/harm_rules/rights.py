"""A.4 others' rights: doxxing, others' records, covert surveillance, defamation, scams."""

from __future__ import annotations

from agents.harm_rules.common import LEGAL, PROTECT, VICTIM, S, W, any_of, near, regex

_SURNAME = (
    r"[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
    r"崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤]"
)
# A surname before a title names a public role ("张主任的电话"), not a private person.
_TITLE = (
    r"主任|医生|大夫|老师|教授|书记|局长|科长|处长|院长|所长|站长|经理|律师|警官|护士|专家|总|工|队长|组长|馆长|校长|园长|"
    r"村长|镇长|区长|县长|市长|干事|会计"
)
_NAME = (
    r"(?:" + _SURNAME + r"(?!" + _TITLE + r")[\u4e00-\u9fff]{1,2}(?<![市区县省镇村乡局院站所厅处馆委办部])|(?:小|老|阿)"
    + _SURNAME + r")"
)
OTHER_PERSON = (
    r"他|她|别人|他人|某人|对方|前任|前女友|前男友|前妻|前夫|网友|主播|博主|同事|邻居|领导|上司|老板|员工|老师|同学|"
    r"仇人|情敌|这个人|那个人|此人|这人|那人|一个人|某个人|这个女的|那个女的|这个男的|那个男的|这位|那位|陌生人|女孩|"
    r"女生|男生|美女|帅哥|明星|某某|债务人|欠钱的人|老赖|车主|机主|号主|主人|"
    r"\[身份证号\]|\[手机号\]|" + _NAME
)
_PERSONAL_DATA = (
    r"身份证号?码?|住址|家庭住址|家庭地址|家的地址|地址|住在哪|家在哪|住哪|在哪(?:里)?(?:上班|工作|住)|手机号码?|"
    r"电话号码?|联系方式|真名|真实姓名|真实身份|身份信息|个人信息|身份|工作单位|单位|行踪|位置|定位|照片|开房记录|"
    r"户籍信息|户籍|车牌|微信号|家人信息|隐私|老家|家里人|父母是谁|孩子在哪(?:上学|读书)"
)
DOXX_FRAMES = regex(
    any_of(
        PROTECT,
        VICTIM,
        LEGAL,
        r"我的(?:身份证|户籍|社保|医保|手机号|电话|住址|地址|信息|征信|个人|名下|车|公积金)|(?<![他她])本人|我自己|自己的|"
        r"\b(?:my own|myself)\b",
    )
)
DOXXING = (
    r"(?:查|找|找到|查询|查到|查出|获取|搞到|弄到|知道|搜|挖出|扒出|人肉)(?:一下|出)?" + S + r"{0,14}?(?:我的?|我们)?"
    r"(?:" + OTHER_PERSON + r")(?:的|现在|目前|最近|住的|的新|新){0,3}(?:家庭|家|手机|私人|真实|具体)?(?:" + _PERSONAL_DATA + r")|"
    r"(?:根据|通过|用|凭|拿|知道|有)(?:\[身份证号\]|\[手机号\]|身份证号码?|手机号码?|车牌号?|照片|姓名|名字|qq号?|微信号?)"
    + S + r"{0,6}(?:查|找|定位|搜|查询)" + S + r"{0,6}(?:住址|地址|住在哪|家在哪|住哪|在哪(?:里)?(?:上班|工作|住)|"
    r"手机号|电话|身份证号|姓名|真名|单位|行踪|位置|照片|开房记录|户籍|机主)|"
    r"人肉(?:搜索|出|一下|他|她|这个|那个)|开盒(?:他|她|这个|那个|某)|"
    + near(r"(?:" + OTHER_PERSON + r")的?(?:家庭|家|手机|私人|真实)?(?:" + _PERSONAL_DATA + r")",
            r"公开|曝光|发到网上|挂到网上|挂出来|晒出来|公布|发出去", 14) + r"|"
    + near(r"扒一下|扒出|扒扒|起底|开盒|人肉", OTHER_PERSON, 30) + r"|"
    r"(?:\[手机号\]|手机号码?|电话号码?|车牌号?|\[身份证号\]|身份证号码?|微信号|qq号?)" + W + r"{0,16}(?:住在哪|住哪|家在哪|"
    r"家庭住址|住址|真名|真实姓名|真实身份|工作单位|在哪(?:里)?上班|身份证号)|"
    r"\b(?:find|look up|get|track down|dig up|search for|locate|obtain)\b[\w\s]{0,6}\b(?:someone's|"
    r"somebody's|their|"
    r"a person's|his|her|this (?:guy|girl|person|woman|man)'s|my ex'?s?|my neighbou?r'?s|a stranger'?s|"
    r"(?:my |this |that |a |the )?(?:ex-?(?:wife|husband|girlfriend|boyfriend|partner)|girlfriend|boyfriend|"
    r"wife|husband|"
    r"coworker|colleague|boss|classmate|teacher|landlord|tenant|nurse|doctor|girl|guy|woman|man|streamer|"
    r"influencer|"
    r"blogger)'s|[a-z]+ [a-z]+'s)\b[\w\s]{0,6}\b(?:home address|address|phone number|id (?:card )?number|ssn|"
    r"workplace|"
    r"location|whereabouts)\b|\bfrom (?:their|his|her|an|a|someone's) (?:id (?:card )?number|phone number|"
    r"licen[cs]e plate)\b|\bwhere (?:he|she) lives\b|\b(?:home )?(?:address|phone number|id number|"
    r"whereabouts)\b "
    r"(?:of|for) (?:the|this|that|a|my|someone|somebody)\b(?! own)|\bdox+(?:ing|ed)?\b|"
    r"\bwhere (?:this|that|the|my|a) (?:[\w-]+ ){0,2}(?:user|person|guy|girl|woman|man|streamer|influencer|"
    r"account|poster|"
    r"blogger|commenter|reviewer|ex|neighbou?r|coworker|colleague|stranger|nurse|doctor|teacher) (?:lives|"
    r"works|is staying|"
    r"stays)\b|\b(?:phone number|address|home address|id number)(?: and (?:home )?(?:address|"
    r"phone number))? (?:of|for) "
    r"[a-z]+ [a-z]+,? who\b|"
    r"\b(?:find|find out|track down|locate|know)\b (?:out )?where (?:my ex|he|she|they|this (?:guy|girl|"
    r"person|woman|man)|"
    r"someone|my (?:ex-?wife|ex-?husband|ex-?girlfriend|ex-?boyfriend|neighbou?r|coworker|"
    r"colleague)) (?:lives|works|"
    r"is staying)\b"
)
_RECORDS = (
    r"病历|病案|就诊记录|看病记录|检测记录|检测报告|检测结果|化验结果|住院病历|住院记录|诊断记录|诊断结果|体检报告|体检结果|化验单|检查报告|病情|hiv(?:检测)?结果|"
    r"艾滋病?(?:检测)?结果|乙肝(?:检测)?结果|精神病史|病史|医保(?:记录|消费记录|明细|账户|信息)|"
    r"社保(?:记录|缴费记录|信息|明细|账户)|养老金(?:账户|记录|明细)|用药记录|开药记录|心理咨询记录|生育记录"
)
_RECORD_TARGET = (
    r"他|她|别人|他人|某人|对方|前任|前女友|前男友|前妻|前夫|同事|邻居|领导|上司|老板|员工|下属|应聘者|求职者|租客|"
    r"同学|老师|情敌|陌生人|女婿|儿媳|亲家|未婚夫|未婚妻|相亲对象|男朋友|女朋友|"
    r"(?:隔壁床?的?|别的|其他|同病房的?)(?:病人|病友|患者)|" + _NAME
)
_COVERT = (
    r"偷偷|悄悄|秘密|暗中|背着|瞒着|私下|不让(?:他|她|对方|人|别人|老公|老婆|家人|孩子)?(?:知道|发现|察觉)|"
    r"不被(?:他|她|对方)?(?:发现|察觉|知道)|神不知鬼不觉|未经(?:他|她|本人|对方)?(?:同意|允许|授权)|"
    r"(?:他|她|他们|对方|员工|本人|家人|老公|老婆|孩子)?不知情|(?:他|她|对方)不会(?:发现|知道|察觉)|在(?:他|她|他们|对方|员工|家人)?不知道的情况下"
)
# A relative asking for their own records, by proxy or with consent.
RECORDS_FRAMES = regex(
    any_of(
        PROTECT,
        VICTIM,
        LEGAL,
        r"我(?:爸|妈|父亲|母亲|爷爷|奶奶|外公|外婆|姥姥|姥爷|家老人|孩子|儿子|女儿)(?:想|要|让我|叫我|委托)|(?:他|她)本人|委托|授权|"
        r"同意|复印",
    )
)
MEDICAL_RECORDS = (
    r"(?:查|查看|查询|调取|调阅|获取|拿到|看到|看看|看|偷看|打印|弄到|搞到)(?:一下)?" + S + r"{0,4}(?:" + _RECORD_TARGET
    + r")(?:的|有没有|是否有?|是不是有)?(?:" + _RECORDS + r")|"
    r"(?:查|查看|调取|调出|调阅|调一下|调|获取|拿到|看到|偷看|弄到|搞到)" + S + r"{0,4}(?:我的?)?(?:" + _RECORD_TARGET + r")" + S
    + r"{0,6}"
    r"(?:的)(?:" + _RECORDS + r")|"
    r"(?:查|查出|查查|打听|知道)(?:一下)?" + S + r"{0,4}(?:" + _RECORD_TARGET + r")(?:是否|有没有|是不是)(?:患有?|得过|得了|感染了?|有)?"
    r"(?:艾滋病|hiv|乙肝|精神病|抑郁症|传染病|性病|梅毒|癌症)|"
    r"(?:" + _RECORD_TARGET + r")(?:到底)?(?:得了|得的是|患了|患的是|有)(?:什么|啥)(?:病|疾病)" + W + r"{0,8}(?:查|打听|知道)|"
    r"(?:查|打听|"
    r"知道)" + S + r"{0,4}(?:我的?)?(?:" + _RECORD_TARGET + r")(?:有没有|是否有|是不是有)(?:什么)?(?:病|疾病|传染病|遗传病|精神病|"
    r"艾滋病|乙肝)|"
    r"(?:查|打听|知道)" + W + r"{0,6}(?:" + _RECORD_TARGET + r")(?:到底)?(?:得了|得的是|患了|患的是|有)(?:什么|啥)(?:病|疾病)|"
    r"(?:" + _COVERT + r")" + S + r"{0,10}(?:查|查看|查询|调取|看|偷看|获取)" + S + r"{0,8}(?:" + _RECORDS + r")|"
    r"\b(?:find out|check|know|learn|see|tell)\b (?:if|whether) (?:my |a |the |this |an )?(?:employee|"
    r"coworker|colleague|tenant|"
    r"neighbou?r|applicant|candidate|student|classmate|girlfriend|boyfriend|wife|husband|ex|someone|worker|"
    r"staff member)s? "
    r"(?:has|had|have|is|are) (?:hiv|aids|hepatitis(?: b)?|cancer|a disease|an std|mental illness|depression|"
    r"tb|positive)\b|"
    r"\b(?:access|look up|check|see|get|view|pull|read)\b[\w\s]{0,6}\b(?:someone's|somebody's|"
    r"another person's|my neighbou?r'?s|"
    r"my (?:coworker|colleague|employee|neighbou?r|ex|boss|tenant)'?s|an employee's|his|her|a patient's)\b"
    r"[\w\s]{0,6}\b(?:medical (?:records?|history)|hospital records?|health records?|hiv (?:status|"
    r"test results?)|diagnosis|social security "
    r"records?|pension records?|insurance records?|test results)\b"
)
_SPY_TARGET = (
    r"他|她|别人|对方|前任|前女友|前男友|前妻|前夫|老公|老婆|丈夫|妻子|媳妇|女朋友|男朋友|对象|同事|邻居|员工|下属|"
    r"某人|情敌|室友|女生|女孩|儿媳|女婿"
)
SURVEILLANCE = (
    r"(?:" + _COVERT + r")" + S + r"{0,12}(?:看|翻看|偷看|查看)" + S + r"{0,6}(?:手机|微信|聊天|短信|电脑|日记|相册)|"
    r"(?:" + _COVERT + r")" + S + r"{0,12}(?:定位|追踪|跟踪|监控|监视|监听|窃听|录音|拍(?:他|她|别人|对方|人家|" + _SPY_TARGET + r")|"
    r"(?:看|翻看|偷看)(?:" + _SPY_TARGET + r")?的?(?:手机|微信|聊天|短信|电脑)|"
    r"查看|读取|录下|录|偷录|偷听|拍下(?:他|她|别人|对方)|装(?:个)?(?:定位|追踪|摄像|窃听|监控|软件))|"
    r"(?:查看|查|看|获取|知道)(?:" + _SPY_TARGET + r")的?(?:微信|手机|qq)?(?:定位|位置|实时位置|行踪|轨迹)|"
    r"在(?:" + _SPY_TARGET + r")的?(?:家|门口|家门口|房间|宿舍|车上|车里|办公室)" + S + r"{0,4}装(?:个|一个)?(?:摄像头|监控|定位器?|窃听器|"
    r"录音笔)|"
    r"(?:定位|追踪|跟踪|监控|监视|监听|查看|装(?:个|一个)?(?:定位|追踪|摄像|窃听|监控|软件))" + W + r"{0,12}(?:" + _COVERT
    + r")|远程(?:查看|控制|监控|看|读取|操控|开启|打开|激活)" + S + r"{0,6}(?:" + _SPY_TARGET + r")的?(?:手机|电脑|微信|聊天|短信|"
    r"相册|摄像头|麦克风)|"
    r"(?:查看|翻看|偷看|监控|读取)(?:" + _SPY_TARGET + r")的?(?:手机|电脑)(?:内容|里的|上的)|"
    + near(r"(?:他|她|对方)不会(?:发现|知道|察觉)|不被(?:他|她|对方)?(?:发现|察觉)|偷偷|悄悄|背着|瞒着",
            r"聊天记录|微信聊天|通话记录|短信|定位|位置|行踪|手机里|装在(?:他|她)的?手机", 30)
    + r"|偷拍|窃听器|针孔摄像头?|监听(?:" + _SPY_TARGET + r")的?(?:电话|手机|通话)|"
    r"(?:破解|盗)(?:" + _SPY_TARGET + r")的?(?:微信|qq|手机|邮箱|密码|账号|号)|"
    r"(?:在|往|给)(?:" + _SPY_TARGET + r")的?(?:车|手机|包|电动车)(?:上|里)?(?:偷偷)?装(?:个|一个)?(?:定位器?|追踪器|gps|"
    r"窃听器|监听|监控)|"
    r"跟踪(?:" + _SPY_TARGET + r")(?!的?(?:快递|物流|订单))|"
    r"(?:查|看|偷看|翻看)(?:" + _SPY_TARGET + r")的?(?:微信|qq|手机|短信)?的?(?:开房记录|行程轨迹|行踪轨迹|聊天记录|通话记录)|"
    r"偷看(?:" + _SPY_TARGET + r")的?(?:微信|手机|短信|日记|邮件|相册)|"
    r"实时(?:定位|追踪)(?:" + _SPY_TARGET + r")|"
    r"\b(?:listen (?:in )?to|record|tap|intercept|read|monitor|see|check)\b (?:my |his |her |someone's |"
    r"another person's )?"
    r"(?:[\w-]+'s )(?:phone calls|calls|texts|messages|chats|wechat|emails?|whatsapp)\b|"
    r"\b(?:track|spy on|monitor|stalk|follow|read|record|bug|wiretap|tap|see|check|view|watch|access|"
    r"listen to|"
    r"look at|install|put|place|attach|hide)\b[\w\s']{0,50}\b(?:without (?:her|him|them|my \w+) (?:knowing|"
    r"noticing|finding out|realising|"
    r"realizing)|secretly|covertly)\b|\bsecretly (?:track|monitor|record|follow|read|film)\b|\bstalk(?:ing)? "
    r"(?:my|her|him|someone)\b|\bspyware\b|\bspy(?:ing)? on (?:my |a |the )?(?:spouse|wife|husband|partner|"
    r"girlfriend|"
    r"boyfriend|ex|employee|neighbou?r|coworker)\b|\bhidden camera (?:in|at)\b|\bhack (?:into )?(?:her|his|"
    r"someone's|my "
    r"(?:wife|husband|partner|girlfriend|boyfriend|ex)'s) (?:phone|account|email|wechat|whatsapp)\b"
)
_DEFAME_TARGET = OTHER_PERSON + r"|竞争对手|对手|同行|前任|他们家|那家(?:店|公司|医院)|隔壁(?:店|家)?"
_SCANDAL = (
    r"小偷|骗子|出轨|小三|嫖娼|吸毒|有艾滋病?|有性病|强奸|性侵|贪污|受贿|恋童|精神病|坐过牢|偷东西|诈骗犯|传销|家暴|"
    r"卖假货|假货|坑人|宰客|黑心|不卫生|过期|收红包|打老婆|打孩子|"
    r"私生子|包养|虐待|拐卖|黑店|卖假药|地沟油|毒奶粉"
)
DEFAMATION = (
    r"(?:抹黑|诋毁|诽谤|搞臭|污蔑|诬陷|诬告|栽赃|泼脏水|造谣|败坏|编排|中伤)(?:一下)?(?:我的?|我们)?(?:" + _DEFAME_TARGET + r")|"
    r"(?:虚假|恶意|假)举报|"
    r"(?:编造|捏造|编|造|散布|散播|传播|写|发帖|发|曝光|编排)" + S + r"{0,12}(?:" + _DEFAME_TARGET + r")"
    + S + r"{0,10}(?:的?(?:黑料|丑闻|谣言|假消息|绯闻)|(?:" + _SCANDAL + r"))|"
    r"(?:说|称|举报|揭发|揭露|爆料|曝光|发帖|"
    r"发文)" + W + r"{0,20}(?:其实|但|但是|虽然|尽管)(?:我)?(?:也)?(?:是)?(?:瞎猜的?|猜的|乱猜的?|没有?证据|不是真的|是编的|瞎编的|是假的|没这回事|"
    r"没有这回事|子虚乌有|没发生过|"
    r"不确定|没核实过?|是听说的|没(?:亲眼)?看到|没见过|不知道真假|没有(?=$|[,，]))|"
    r"(?:说|称|举报|揭发|曝光|写|发帖)" + W + r"{0,30}(?:其实|但是?|虽然)(?:他|她|他们|对方)?(?:根本)?(?:没有?|不曾)" + S
    + r"{1,4}过|"
    r"(?:让|使)(?:大家|别人|所有人|人们|网友|邻居们?)(?:都)?(?:以为|认为|觉得|相信)" + S + r"{0,6}(?:" + _DEFAME_TARGET + r")"
    + S + r"{0,6}(?:" + _SCANDAL + r")|"
    r"\bmakes? (?:people|everyone|others|them) (?:think|believe) (?:that )?(?:my|his|her|the|"
    r"our) (?:neighbou?r|boss|ex|"
    r"coworker|colleague|teacher|landlord|competitor)\b|"
    r"(?:让|使)(?:" + _DEFAME_TARGET + r")(?:身败名裂|名声扫地|臭名远扬)|"
    r"\b(?:defame|smear|slander|libel)\b|\bspread (?:false |fake )?(?:rumou?rs|lies|stories) (?:about|"
    r"that)\b|"
    r"\baccus\w+\b[\w\s']{0,40}\b(?:never happened|isn't true|is not true|wasn't true|made up)\b|"
    r"\bruin (?:his|her|their|my \w+'s|someone's|a person's) (?:reputation|name|career)\b|"
    r"\bmake up (?:a story|lies"
    r"|stories) about\b|"
    r"\b(?:write|post|draft|spread)\b[\w\s',]{0,80}\b(?:even though|although|but) (?:it|he|she|they|this) "
    r"(?:didn't|did not|isn't|is not|wasn't|was not|never|doesn't|does not)\b|"
    r"\b(?:write|post|draft)\b[\w\s]{0,12}\b(?:post|article|review|story|message)\b[\w\s]{0,4}\b(?:saying|"
    r"claiming)\b"
    r"[\w\s]{0,6}\b(?:my|our|his|her) (?:neighbou?r|boss|ex|coworker|colleague|teacher|landlord)\b[\w\s]{0,6}"
    r"\b(?:is|was|has)\b[\w\s]{0,4}\b(?:a |an )?(?:thief|paedophile|pedophile|rapist|criminal|drug dealer|"
    r"scammer|"
    r"cheat\w*|abus\w+|hiv|aids|an std)\b|\b(?:fake|false) (?:post|story|accusation|"
    r"review)\b[\w\s]{0,20}\b(?:saying|claiming) "
    r"(?:that )?(?:my|his|her|the) (?:neighbou?r|boss|ex|coworker|colleague|teacher)\b"
)
FRAUD = (
    r"(?:写|编|设计|生成|准备|给我)(?:一[段条份个套])?" + S + r"{0,8}(?:诈骗|骗人|骗钱|冒充)" + S + r"{0,14}"
    r"(?:短信|话术|剧本|脚本|文案|电话|信息|邮件|消息)|诈骗话术|杀猪盘(?!是)|"
    r"(?:庞氏骗局|资金盘|传销|套路贷|非法集资)" + S + r"{0,6}(?:方案|怎么做|怎么搞|怎么运作|运作|模式设计|教程|话术)|"
    r"(?:设计|策划|搞|做|运作)(?:一个)?" + S + r"{0,4}(?:庞氏骗局|资金盘|传销|套路贷|非法集资)|"
    + near(r"话术|剧本|脚本|说辞", r"转账|汇款|交钱|掏钱|验证码|治百病|包治百病|保本|稳赚|上当", 20) + r"|"
    r"(?:保健品|产品|神药)" + W + r"{0,10}(?:能治百病|包治百病|能治癌|能根治)|"
    r"(?:冒充|假装(?:是|成)?|伪装成|假扮)(?:社保局|医保局|公安|警察|公检法|法院|检察院|民政局|卫健委|政府|客服|银行|领导|老师|"
    r"医生|快递|老板|上司|总经理|董事长|财务|亲戚|家人|儿子|孙子|女儿|"
    r"朋友)" + W + r"{0,24}(?:骗|转账|转到|转给|汇到|汇款|安全账户|要钱|收钱|验证码|银行卡|密码|点链接|点击链接|扫码|"
    r"下载)|"
    r"(?:假的?|虚假的?)" + S + r"{0,6}(?:短信|电话|中奖|链接|网站|客服|通知|二维码)" + S + r"{0,6}(?:骗钱|骗人|骗取|骗老人|诈骗)|"
    r"(?:怎么|如何|怎样|教我|方法|办法|技巧)" + S + r"{0,12}骗(?:取)?(?:老人|老年人|别人|他人|人家|客户|网友|父母|"
    r"老头|老太太|大爷|大妈)?的?(?:钱|养老金|存款|积蓄|退休金|转账|验证码|银行卡|密码|房子|彩礼)|"
    r"骗(?:老人|老年人|老头|老太太|大爷|大妈)(?:买|交|转|投资|充值)|"
    r"骗" + S + r"{0,6}(?:把|将)?" + S + r"{0,4}(?:钱|存款|积蓄|养老金|退休金|房产|房子)(?:都|全)?(?:转|给|交|过户)|"
    r"套(?:取)?(?:别人|他人|老人)的?(?:验证码|密码|银行卡号?)|"
    r"\b(?:write|draft|create)\b[\w\s]{0,8}\b(?:scam|phishing|fraud(?:ulent)?)\b[\w\s]{0,6}\b(?:text|message|"
    r"email|script|sms|call)\b|\bpretending to be (?:their|a|his|her|your) (?:grandson|granddaughter|son|"
    r"daughter|"
    r"relative|nephew|niece|child|grandchild)\b|\bpretending to be (?:from )?(?:the )?(?:police|bank|"
    r"social security|tax|government|"
    r"health|court|customs|courier|pension)\b[\w\s']{0,40}\b(?:bank details|password|verification code|money|"
    r"transfer|account number|card number|pin)\b|\bimpersonate (?:the )?(?:police|social security|bank|"
    r"health insurance|government)"
    r"[\w\s]{0,20}\b(?:get|obtain|collect|money|transfer)\b|\bhow (?:to|do i|can i) (?:scam|con|defraud) "
    r"(?:old people|the elderly|seniors|someone|people|elderly)\b|\btrick (?:elderly|old people|seniors|"
    r"someone|"
    r"(?:an? )?(?:old|elderly) (?:lady|man|woman|person|people|couple)|grandma|grandpa|"
    r"my \w+) into (?:giving|sending|"
    r"transferring|paying)\b|\b(?:run|do|start|operate|set up|pull off)\b (?:a |an )?(?:[\w-]+ ){0,2}(?:scam|"
    r"con|ponzi scheme|"
    r"pyramid scheme)\b|"
    r"\b(?:convince|persuade|get|pressure)\b (?:my |an? )?(?:grand(?:mother|father|ma|pa)|mother|father|mum|"
    r"mom|dad|"
    r"elderly \w+|old (?:lady|man|woman)|neighbou?r)\b[\w\s']{0,12}\bto (?:transfer|give|sign over|hand over|"
    r"send)\b"
    r"[\w\s']{0,30}\bwithout (?:her|him|them) (?:realising|realizing|knowing|noticing)\b"
)
FRAUD_FRAMES = regex(
    any_of(
        PROTECT,
        VICTIM,
        LEGAL,
        r"骗子(?:是|们|一般|通常|常)?(?:怎么|如何|用什么)|诈骗分子|犯罪分子|不法分子|是骗局|是不是骗局|骗局吗|诈骗(?:手段|套路|手法)",
        r"\b(?:how do|how does|how are) (?:scammers?|fraudsters|criminals)\b|\bscammers? (?:usually |"
        r"often )?(?:use|"
        r"steal|get|target|trick)\b",
    )
)
