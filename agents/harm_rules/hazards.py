"""A.5 dangerous means: controlled drugs, weapons, self-harm methods, medical misinformation."""

from __future__ import annotations

from agents.harm_rules.common import INTENT, S, W, near, regex

_CONTROLLED = (
    r"安眠药|助眠药|镇静药|地西泮|安定片?|艾司唑仑|阿普唑仑|劳拉西泮|氯硝西泮|三唑仑|佐匹克隆|唑吡坦|思诺思|曲马多|"
    r"吗啡|芬太尼|羟考酮|奥施康定|可待因|止咳水|右美沙芬|强效止痛药|阿片类?药物?|杜冷丁|哌替啶|氯胺酮|丁丙诺啡|精神(?:类)?药品?|麻醉药品?|"
    r"处方药|抗生素|阿莫西林|头孢|西地那非|伟哥|米非司酮|堕胎药|打胎药|利他林|哌甲酯|莫达非尼|聪明药|"
    r"\b(?:xanax|valium|oxycodone|oxycontin|fentanyl|tramadol|codeine|morphine|ketamine|adderall|ritalin|"
    r"sleeping pills|benzos?|diazepam|alprazolam|zolpidem|ambien|opioids?|antibiotics|abortion pills)\b"
)
_SCHEDULED = (
    r"安眠药|地西泮|安定片?|艾司唑仑|阿普唑仑|劳拉西泮|氯硝西泮|三唑仑|佐匹克隆|唑吡坦|思诺思|曲马多|吗啡|芬太尼|羟考酮|"
    r"奥施康定|可待因|止咳水|杜冷丁|哌替啶|氯胺酮|精神(?:类)?药品?|麻醉药品?|利他林|哌甲酯|强效止痛药|阿片类?药物?"
)
_ILLICIT = (
    r"冰毒|海洛因|大麻|摇头丸|k粉|氯胺酮|止咳水|西布曲明|芬氟拉明|ketamine|fentanyl|麻古|可卡因|迷幻蘑菇|毒品|白粉|笑气|神仙水|听话水|迷药|迷幻药|蒙汗药|催情药|春药|"
    r"γ-?羟基丁酸|甲基苯丙胺|\b(?:ghb|meth|heroin|cocaine|weed|marijuana|cannabis|mdma|ecstasy|lsd|crack cocaine|"
    r"date rape drugs?|roofies|rohypnol)\b"
)
_NO_RX = (
    r"不要处方|不用处方|没有?处方|无处方|免处方|不需要处方|不凭处方|不经(?:过)?医生|不看医生|不去医院|不想去医院|"
    r"不想看医生|不想挂号|不挂号|不去看病|不想看病|"
    r"without (?:a )?prescription|no prescription|no rx|without (?:seeing )?a doctor"
)
_ACQUIRE = r"买|购买|弄到|搞到|拿到|开到|开|囤|网购|代购|卖|渠道|货源|buy|get|order|obtain|source|purchase|get hold of"
_HOW_WHERE = (
    r"怎么|怎样|如何|咋|哪里|哪儿|在哪|哪家|哪个|渠道|途径|门路|方法|办法|教我|帮我|有什么办法|有没有(?:办法|渠道|地方|人|"
    r"药店|网站)|有没有|网店|求购|价格好商量|价钱好说|looking for|去哪|哪能|卖给我|代购|联系|微信|多少钱|\b(?:how|where|help me|any way|ways? to|"
    r"can i get|i want|"
    r"i need|sell me)\b"
)
CONTROLLED_DRUGS = (
    r"(?:" + _NO_RX + r")" + W + r"{0,10}(?:" + _ACQUIRE + r")" + W + r"{0,8}(?:" + _CONTROLLED + r")|"
    r"(?:" + _ACQUIRE + r")" + W + r"{0,8}(?:" + _CONTROLLED + r")" + W + r"{0,12}(?:" + _NO_RX + r")|"
    r"(?:" + _CONTROLLED + r")" + W + r"{0,8}(?:" + _NO_RX + r")|"
    r"(?:网上|网购|私下|黑市|代购|外网)" + S + r"{0,8}(?:买|购买|弄到|搞到)" + S + r"{0,4}(?:" + _SCHEDULED + r")|"
    r"(?:求购|求一|收购|私下买|私人出|出售)" + S + r"{0,4}(?:" + _SCHEDULED + r")|(?:" + _SCHEDULED + r")" + S
    + r"{0,6}(?:价格好商量|价钱好说|有货吗|出货|货源)|"
    r"(?:能|可以)?让人(?:听话|昏迷|晕倒|失去意识|任人摆布|睡死)的?(?:水|药|东西|粉|药水)|"
    + near(r"黑诊所|地下诊所|黑市|黑医|私人医生|不正规的?诊所", _CONTROLLED, 12) + r"|"
    + near(r"放进|放到|加到|下到|加进|倒进", r"让人(?:听话|昏迷|晕倒|失去意识|任人摆布|睡死)", 16) + r"|"
    r"\b(?:dealer|plug|supplier|seller)s?\b[\w\s']{0,20}(?:" + _ILLICIT + r")|(?:" + _ILLICIT
    + r")[\w\s']{0,20}\b(?:dealer|plug|supplier)s?\b|"
    r"(?:多开|大量(?:买|开|囤)|一次(?:买|开)(?:很多|一大?瓶|几瓶|几盒)|囤)" + S + r"{0,4}(?:点|些|一些)?" + S + r"{0,4}"
    r"(?:" + _CONTROLLED + r")|(?:骗|忽悠)(?:医生|药店|药师)" + S + r"{0,8}(?:开|卖)|"
    r"(?:买|购买|弄到|搞到|网购|代购|卖|制作|自制|合成|提炼|制造|种植?|配制|吸|溜|做|熬|煮|提取)" + S + r"{0,6}(?:"
    + _ILLICIT + r")|"
    r"(?:" + _ILLICIT + r")" + S + r"{0,6}(?:哪里|哪儿|在哪|怎么|如何)(?:能|可以|才能)?(?:买|弄|搞|做|制作|合成|种)|"
    r"(?:" + _ILLICIT + r")" + S + r"{0,4}(?:购买|买卖|货源|渠道|哪里有卖|卖家|出售|代购)|"
    r"\b(?:make|cook|synthesi[sz]e|grow|buy|get|order)\b[\w\s]{0,6}(?:" + _ILLICIT + r")|"
    r"\bscore (?:some )?(?:coke|weed|meth|heroin|molly|acid|ketamine|pills|drugs|blow)\b|"
    r"\b(?:buy|get|order|obtain|"
    r"purchase)\b[\w\s]{0,12}(?:" + _CONTROLLED + r")[\w\s]{0,12}(?:" + _NO_RX + r")"
)
CONTROLLED_INTENT = regex(_HOW_WHERE)
# The cues a keyword-style message stands in for; other rules' cues (a hiring context, a request to
# write) are conditions of the act itself and are never waived.
REQUEST_CUES = (INTENT, CONTROLLED_INTENT)
_WEAPON = (
    r"枪支|手枪|步枪|猎枪|气枪|火药枪|土枪|仿真枪|钢珠枪|霰弹枪|冲锋枪|狙击枪|机枪|真枪|子弹|弹药|枪弹|炸药|炸弹|雷管|"
    r"导火索|土炸弹|燃烧瓶|燃烧弹|汽油弹|爆炸物|爆炸装置|tnt|黑火药|硝铵炸药|毒药|剧毒|氰化物|氰化钾|氰化钠|砒霜|"
    r"三氧化二砷|毒鼠强|百草枯|铊盐?|蓖麻毒素|沙林|神经毒剂|芥子气|毒气弹|管制刀具|弓弩|电击枪|消音器"
)
_MAKE_OR_GET = (
    r"买|购买|弄到|搞到|弄|搞|哪里有卖|哪有卖|渠道|货源|自制|制作|制造|做|造|合成|提炼|提取|配制|组装|改装|3d打印|打印|"
    r"私藏|网购"
)
WEAPONS = (
    r"(?:" + _MAKE_OR_GET + r")(?:一把|把|个|一个|支|一支|点|些|一些|一瓶|瓶|一颗|颗)?" + S + r"{0,8}(?:" + _WEAPON + r")|"
    r"(?:制造|制作|配制|做|弄|搞出|产生)" + S + r"{0,4}(?:毒气|有毒气体|神经毒剂)" + W + r"{0,6}(?:害人|杀人|毒死|对付)|"
    r"(?:毒药|毒物|毒)" + S + r"{0,6}(?:无色无味|查不出|验不出|不留痕迹|尸检查不出)|"
    r"(?:买|弄|搞|做|造|改装|组装|打印)(?:一把|把|个|支)?枪(?![手法战])|"
    r"(?:" + _WEAPON + r")" + S + r"{0,4}(?:怎么|如何|怎样)(?:做|制作|制造|买|配|合成|组装|改装|弄到|搞到)|"
    r"(?:" + _WEAPON + r")的?(?:制作|制造|配方|做法|合成)(?:方法|教程|步骤|过程)?|"
    r"(?:" + _WEAPON + r")" + S + r"{0,4}(?:购买|买卖|出售|货源|渠道|哪里买|网购|代购|卖家)|"
    r"(?:把|"
    r"将)(?:" + _WEAPON + r")(?:改装|改造|改)|"
    r"(?:" + _WEAPON + r")" + S + r"{0,4}(?:改装|改造)" + S + r"{0,6}(?:威力|射程|杀伤力|"
    r"能打|能发射)|"
    r"\b(?:bomb|pipe bomb|explosive|molotov|ied|gun|firearm|silencer)s? (?:instructions|recipe|tutorial|"
    r"guide|blueprints?|"
    r"plans|how-to)\b|"
    r"\b(?:make|build|assemble|construct|3d print)\b[\w\s]{0,6}\b(?:a |an )?(?:bomb|pipe bomb|molotov|"
    r"explosives?|"
    r"ied|gun|firearm|silencer|suppressor|nerve agent|ricin|poison gas|toxic gas|chlorine gas|mustard gas|"
    r"thermite|"
    r"napalm|nitroglycerin|tnt|gunpowder|black powder|detonator)\b|\b(?:poison|"
    r"toxin)s?\b[\w\s']{0,10}\bto make\b|"
    r"\bhomemade (?:poison|toxin|explosive|bomb|gun)s?\b|\b(?:buy|get|obtain|order|acquire|get hold of)\b"
    r"[\w\s]{0,8}\b(?:a |an |some )?(?:gun|handgun|shotgun|revolver|assault rifle|ar-15|ak-47|grenade|"
    r"machine gun|"
    r"firearm|pistol|rifle|ammunition|ammo|explosives|dynamite|cyanide|"
    r"ricin|arsenic|thallium|untraceable poison|poison)\b(?! licen[cs]e| permit)|\bghost gun\b|"
    r"\b(?:buy|get|obtain|order|acquire)\b[\w\s]{0,8}\b(?:an? )?(?:illegal|unregistered|untraceable|"
    r"black[- ]market)\b "
    r"(?:gun|firearm|pistol|rifle|weapon|explosives?)\b"
)
_DEATH = (
    r"会死|能死|才(?:会|能)死|就死|必死|一定(?:会)?死|死掉|致死|致命|毙命|送命|没命|死得(?:了|掉|快)|一命呜呼|"
    r"结束生命|死人|保证死|确保死|肯定(?:会)?死|稳死|死透|(?:会|能|就会|才会)" + S + r"{0,6}死亡|睡过去不醒|一睡不醒|再也不醒|永远(?:睡|醒不)|醒不过来|不再醒来"
)
SELF_HARM = (
    r"(?:多少|几片|几粒|几颗|几瓶|几盒|多大(?:的)?剂量|什么剂量|多少剂量|多少量|多高|几楼|几层|哪个楼层|哪层|多深|多久|"
    r"多长时间)"
    + W + r"{0,10}(?:" + _DEATH + r")|致死(?:量|剂量)|"
    r"(?:怎么|怎样|如何|用什么|哪种|什么|最)" + S + r"{0,8}(?:死法|自杀|自尽|轻生|结束(?:自己的)?生命|了结自己|"
    r"(?:才能|能)?死得?(?:最)?(?:快|痛快|干脆|不痛苦|无痛|没有痛苦)|(?:不痛苦|无痛|安静|安详)地?死)|"
    r"(?:自杀|自尽|轻生|寻死|死)的?(?:方法|方式|办法|手段|技巧|教程|攻略)|"
    r"割腕(?:要|应该)?(?:割|切)?(?:多深|哪里|哪儿|哪个位置)|上吊(?:的方法|怎么打结|用什么绳|怎么上)|"
    r"(?:哪里|哪个|什么地方)(?:跳楼|跳河|跳桥|跳江|跳下去)" + S + r"{0,6}(?:死|没人)|"
    r"(?:哪|怎么|怎样|如何|什么|多少)" + W + r"{0,12}死得(?:最)?(?:快|痛快|干脆|不痛苦|没有痛苦|舒服|轻松)|"
    r"(?:割|切|划)(?:哪里|哪儿|哪根|哪个|什么)" + S + r"{0,8}(?:死|致命|血流)|"
    + near(r"自杀|想死|不想活|寻死|轻生|结束(?:自己的)?生命|了结自己", r"(?:什么|哪种|哪些)(?:药|方法|办法|方式)" + S
            + r"{0,6}(?:最快|最不痛苦|不痛苦|能死|会死|致命|有效)|(?:有什么|什么|哪种)" + S + r"{0,4}(?:不痛苦|无痛|没有痛苦|快)的?(?:方法|"
            r"办法|方式)", 16) + r"|"
    r"(?:怎么|怎样|如何|什么方法|哪种方式|有什么办法)" + W + r"{0,8}(?:无痛|不痛苦|安静|安详|体面|悄悄)?地?(?:离开这个世界|离开人世|"
    r"离开人间|解脱|了结|一了百了|去另一个世界|结束这一切)|"
    r"(?:跳下去|跳下来|跳河|跳江|跳湖|跳海|跳楼(?!机|价)|跳桥)" + W + r"{0,12}(?:没人拦|没人管|没人看见|不会被救|救不回来)|"
    r"(?:跳下去|跳河|跳江|跳湖|跳海|跳楼(?!机|价)|跳桥)" + W + r"{0,8}(?:哪里|哪儿|哪个|多深|多高|几楼|水深|几层)|"
    r"(?:烧炭|开煤气)(?:自杀)?(?:要|需要)?(?:多久|多长时间|怎么)|"
    r"\bhow (?:many|much)\b[\w\s]{0,25}\b(?:to (?:die|kill (?:me|myself|a person|someone))|would (?:kill|be "
    r"(?:fatal|lethal))|will (?:kill|be (?:fatal|lethal))|is (?:fatal|lethal)|does it take to die|"
    r"to overdose)\b|"
    r"\blethal dose\b|\bhow long does it take to die\b|\b(?:way|ways|how) to end (?:it all|it|things|"
    r"everything|my "
    r"life)\b|\b(?:which|what) (?:pills|drugs|medicines?|medications?|tablets)\b[\w\s']{0,20}\b(?:overdose|"
    r"kill (?:me|myself|you)|die|lethal|fatal)\b|\b(?:painless|quickest|quick|easiest|best|surest|"
    r"fastest) (?:way|method)s? to (?:die|kill "
    r"myself|end my life|commit suicide)\b|\bhow (?:to|do i|can i) (?:kill myself|commit suicide|hang myself|"
    r"slit my wrists|end my life|overdose)\b|\bsuicide methods?\b|\bhow (?:high|far) (?:do i need to|to|"
    r"should i) "
    r"(?:jump|fall)\b|\bhow deep (?:to|should i) cut\b"
)
SELF_HARM_FRAMES = regex(
    r"预防|防止|干预|劝|阻止|急救|误服|误食|误吞|抢救|救治|怎么办|危害|征兆|热线|求助|帮助(?:他|她|朋友|家人)|临终|安宁|关怀|"
    r"让(?:老人|他|她|病人|患者|爸|妈|家人)|"
    r"狗|猫|宠物|鸟|鱼|兔|\b(?:prevent\w*|help (?:a|my) friend|hotline|signs of|accidental\w*|warning signs|dogs?|"
    r"cats?|pets?)\b"
)
_STOP = r"停用|停掉|停了|停药|不打|不用|不吃|别吃|别打|断掉|戒掉|扔掉|放弃|停止"
_ESSENTIAL = (
    r"胰岛素|降压药|降糖药|二甲双胍|抗癫痫药|抗凝药|华法林|抗病毒药|抗艾滋病药|抗逆转录病毒|抗结核药|化疗|放疗|透析|"
    r"激素|免疫抑制剂|抗抑郁药|精神科药物|疫苗|药"
)
_ALT = r"偏方|食疗|中药|草药|断食|辟谷|喝尿|尿疗|气功|保健品|祈祷|拍打|拉筋|生酮|酵素|根治|治好|治愈|靠|改用|换成|代替|替代"
PROMOTE = (
    r"写|编|生成|宣传|告诉(?:大家|老人|老年人|他们|人们|病人|患者|粉丝|读者)|发(?:朋友圈|公众号|微博|抖音|文章|帖子)|"
    r"转发|公众号|文章|帖子|说服|劝|\b(?:write|post|blog|article|tell (?:people|everyone|readers|seniors))\b"
)
STOP_MEDICINE_CLAIM = (
    r"(?:吃|用|喝|买)" + S + r"{0,8}(?:就|就能|就可以|可以)(?:不用?|不再|不必|停)(?:吃|打|用)?(?:药|降压药|降糖药|胰岛素|化疗|抗病毒药)"
)
DRUG_SCARE_CLAIM = (
    r"(?:劝|让|号召|告诉|呼吁)(?:大家|家长|人们|别人|老人|粉丝)(?:都)?(?:别|不要|不用|拒绝|千万别)" + S + r"{0,4}(?:打|接种|吃|用)"
    + S + r"{0,2}(?:疫苗|药|降压药|胰岛素|降糖药)|"
    r"(?:" + _ESSENTIAL + r"|疫苗|西药|抗生素)(?:都|全)?(?:是)?(?:毒药|骗局|有毒|害人|伤肝|伤肾|致癌|没用)" + W + r"{0,12}"
    r"(?:不要|别|千万别|不能|停)(?:吃|打|用)?|"
    r"(?:感染者|病人|患者|老人|糖尿病人|高血压患者)(?:千万)?(?:不要|别|不能)(?:吃药|打针|打胰岛素|吃降压药|吃降糖药|化疗)"
)
NO_TREATMENT_CLAIM = (
    r"(?:高血压|糖尿病|癌症|艾滋病|乙肝|冠心病|心脏病|哮喘|癫痫|抑郁症|精神分裂|肺结核)" + S + r"{0,4}(?:根本)?(?:不用|不需要|不必|别)"
    r"(?:吃药|打针|治疗|看医生|打胰岛素|化疗|住院)"
)
MEDICAL_MISINFO = (
    r"(?:" + _STOP + r")" + S + r"{0,4}(?:" + _ESSENTIAL + r")" + W + r"{0,12}(?:" + _ALT + r")|"
    r"(?:" + _ALT + r")" + W + r"{0,8}(?:代替|替代|取代|不用|停掉|停用)" + S + r"{0,2}(?:" + _ESSENTIAL + r")|"
    r"(?:说服|劝|让)(?:我的?)?(?:妈|爸|母亲|父亲|老人|爸妈|父母|病人|患者|他|她|奶奶|爷爷|外婆|外公|姥姥|姥爷|"
    r"孩子)" + S + r"{0,4}(?:" + _STOP + r")"
    + S + r"{0,2}(?:" + _ESSENTIAL + r")|"
    r"(?:写|编|生成|宣传|发|证明|论证|转发)" + W + r"{0,12}(?:疫苗(?:会)?(?:导致|引起|致)(?:自闭症|不孕|不育|癌症|死亡|痴呆)|疫苗(?:有毒|有害|是骗局|"
    r"害人|致癌)|新冠疫苗(?:会)?(?:致死|致癌|改变基因)|(?:癌症|糖尿病|高血压|艾滋病|乙肝|白血病|尿毒症)" + S + r"{0,6}"
    r"(?:可以|能|都能|就能)" + S + r"{0,6}(?:根治|治愈|治好)|不用(?:吃药|打针|看医生|治疗)(?:也能|就能)?(?:治好|痊愈)|喝(?:尿|碱性水|醋|"
    r"酒|消毒液|漂白剂)" + S + r"{0,4}(?:治|能治|可以治)|胰岛素(?:有毒|有害|会上瘾|是骗局)|降压药(?:有毒|伤肾|是骗局))|"
    r"\b(?:write|draft|create|post)\b[\w\s]{0,30}\b(?:saying|claiming|arguing|proving|explaining|"
    r"that)\b[\w\s]{0,6}"
    r"\b(?:(?:covid )?vaccines? (?:cause|causes|causing) (?:autism|infertility|sterility|cancer|death|aids|"
    r"dementia)|insulin is (?:unnecessary|poison|dangerous|a scam)|diabetes can be cured|cancer "
    r"can be cured|vaccines are (?:poison|dangerous|a scam)|bleach cures|(?:cancer|diabetes|hiv|"
    r"aids) can be cured with)\b|"
    r"\bhow (?:to|do i|can i) (?:stop|quit|come off) (?:taking )?(?:insulin|blood pressure (?:pills|"
    r"medication)|"
    r"(?:my |his |her )?chemo(?:therapy)?)\b[\w\s]{0,20}\b(?:cure|treat|instead|herbs|naturally|diet)\b|"
    r"\b(?:stop|quit|give up|throw away)\b (?:taking |using )?(?:their |your |his |her )?(?:insulin|"
    r"blood pressure (?:pills|"
    r"medication|medicine)|chemo(?:therapy)?|medication|meds|hiv (?:drugs|medication)|"
    r"antiretrovirals)\b[\w\s',]{0,30}"
    r"\b(?:instead|cure|herbs?|natural(?:ly)?|diet|bitter melon|vinegar|prayer|supplements?)\b|"
    r"\bconvince my (?:mum|mom|dad|mother|father|grandma|grandpa|grandmother|"
    r"grandfather) to stop (?:taking )?"
    r"(?:insulin|(?:her|his) (?:insulin|medication|pills|blood pressure))\b|\bcure (?:diabetes|cancer|hiv)\b"
    r"[\w\s]{0,10}\bwithout (?:insulin|medication|medicine|chemo|doctors)\b"
)
