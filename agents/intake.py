"""Turns a citizen's raw message into clean, masked text with its language, before anything else sees it."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from agents.pii import PiiKind, mask
from agents.responses import MessageKey, message
from agents.statuses import Language

MAX_CHARS = 2000
GARBAGE_RATIO = 0.10

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_WHITESPACE = re.compile(r"\s+")
_CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
_ALLOWED_CONTROLS = frozenset("\t\n\r")


class BadInput(ValueError):
    """The message cannot be processed; `str(error)` is a citizen-readable Chinese explanation."""

    def __init__(self, key: MessageKey) -> None:
        """Keep the message key so callers can show the English text instead."""
        super().__init__(message(key, "zh"))
        self.key: MessageKey = key


@dataclass(frozen=True)
class Intake:
    """A message ready for the safety gate and the graph: normalised, masked, language known."""

    text: str
    matching_text: str
    language: Language
    masked_kinds: tuple[PiiKind, ...]


_TRADITIONAL = (
    "國爲為這個來會時學說説們於後發對長過業裏裡經門動進區開產軍還種現機體與當兩實麼關從內沒將員東頭間無見戰點場數樣問並萬級應資務氣漢總電聲設義統處馬兒領隊計別權話報"
    "給變書幾華議稱決張導術結師達題條規縣風運組聽濟黨論強黃選記卻職號類傳帶幹農邊據聯廣質陽難歷專認車臺遊舉線團備爭衆眾連調轉該爾讓較際親單紅價約亞則屬積圖準極裝許參"
    "喫觀魚辦復遠羣構隨劃勢熱網語鐵斷愛紀況證編滿覺雙樂標確織項飛節龍響藥輕擊請離顯羅營視護創餘興佔雖費試寶識維採宮環鬥鄉責嚴橋僅勝殺圍態楊負層須續狀銀範終錢賽獨細衝"
    "獲習醫盡臉彈樓藝陸協鎮檢寫蘇驗緊勞戶優財養適陳衛衞雲傷絕階劉剛億聞審壓監敵蘭溫園樹徵詞島預繼執誰驚畫輯劍談禮願築亂講臨揮歐葉簡擔歲荊貴轄幫塊額錯劇歡夠孫陣銷堅練"
    "腳讀測吳寧換異顧順鮮敗貨礦歸買險評嗎廠遺筆輸漸頂訓錄畢豐獻爺納鍾腦飯擴齊趕訴詩礎屆靜盤賣灣減祕靈雜澤側慶媽館補舊輪婦載懷軟槍牆惡頓穩諸綠榮針託寬庫罷謝頁擁聖戲獎"
    "巖幣圓燒討煙誤療閉脫尋崗麗橫駐紙奪燈壞絲徑購陰牀擇憲峯魯廟艦課奧虛隱糧絡搖潛莊廳趙訪韋噸揚縱紛貿匯滅儀緩蓋跡釋潤嶺慮鋼碼壇錛損稅綜倫掛韓競烏鋪脈純謀劑謂頻壯騎雞"
    "蟲紹銅擺籤縮廢訂績鹽薩貼觸蓮搶鬧紡訊譽夢夥峽殘閃賊傾貧諾麥淚輩鏡貢緣貝罵嶽飲奮躍贊啓啟閣勁晉溝鋒膽憑闖湯遷嘆儲貫徹鳳賞遼詢毀淨棄畝屍偉覽齡繞濃緒藍蕩閱閲鴻慣鳥辭"
    "窮鍵遞隸厲閒襲災漲溼濕鄭譯鄧腸詔冊鍋闊趨錦顏懸誠曉蔣攝罰輛騰繪撲頒違貸飾滾遲汙輔煩盜涼岡駕肅撫煉綱傑憂掃暫漁賓壽豬湧鄰勸踐頃賦萊擬賢憤轟陝臘猶輝頗淺喪慘驅塗牽鹹"
    "詳纖檔豈繡嚇賴盧顆郵凱帥鎖帳膠殼髒彎擋籌腫兇債賈譜夾塵鑽叢賀擾錫爐紋虧鑑齒獸礙辯撥恆勵鳴償攔脅紐爛嘗闢艱薦釐喬軸噴軌暢霧丟諮窩潔飄膚磚贏擠獅診籃喚俠樞欄糾鏈戀懼"
    "籠彌敘敍剝騙獵倆縫攜灘禍馳獄緯蹤渾繩頸遙鬱憶閥暈嘔臟癇癲痺嬰悶瘡癒簽"
)
_SIMPLIFIED = (
    "国为为这个来会时学说说们于后发对长过业里里经门动进区开产军还种现机体与当两实么关从内没将员东头间无见战点场数样问并万级应资务气汉总电声设义统处马儿领队计别权话报"
    "给变书几华议称决张导术结师达题条规县风运组听济党论强黄选记却职号类传带干农边据联广质阳难历专认车台游举线团备争众众连调转该尔让较际亲单红价约亚则属积图准极装许参"
    "吃观鱼办复远群构随划势热网语铁断爱纪况证编满觉双乐标确织项飞节龙响药轻击请离显罗营视护创余兴占虽费试宝识维采宫环斗乡责严桥仅胜杀围态杨负层须续状银范终钱赛独细冲"
    "获习医尽脸弹楼艺陆协镇检写苏验紧劳户优财养适陈卫卫云伤绝阶刘刚亿闻审压监敌兰温园树征词岛预继执谁惊画辑剑谈礼愿筑乱讲临挥欧叶简担岁荆贵辖帮块额错剧欢够孙阵销坚练"
    "脚读测吴宁换异顾顺鲜败货矿归买险评吗厂遗笔输渐顶训录毕丰献爷纳钟脑饭扩齐赶诉诗础届静盘卖湾减秘灵杂泽侧庆妈馆补旧轮妇载怀软枪墙恶顿稳诸绿荣针托宽库罢谢页拥圣戏奖"
    "岩币圆烧讨烟误疗闭脱寻岗丽横驻纸夺灯坏丝径购阴床择宪峰鲁庙舰课奥虚隐粮络摇潜庄厅赵访韦吨扬纵纷贸汇灭仪缓盖迹释润岭虑钢码坛锛损税综伦挂韩竞乌铺脉纯谋剂谓频壮骑鸡"
    "虫绍铜摆签缩废订绩盐萨贴触莲抢闹纺讯誉梦伙峡残闪贼倾贫诺麦泪辈镜贡缘贝骂岳饮奋跃赞启启阁劲晋沟锋胆凭闯汤迁叹储贯彻凤赏辽询毁净弃亩尸伟览龄绕浓绪蓝荡阅阅鸿惯鸟辞"
    "穷键递隶厉闲袭灾涨湿湿郑译邓肠诏册锅阔趋锦颜悬诚晓蒋摄罚辆腾绘扑颁违贷饰滚迟污辅烦盗凉冈驾肃抚炼纲杰忧扫暂渔宾寿猪涌邻劝践顷赋莱拟贤愤轰陕腊犹辉颇浅丧惨驱涂牵咸"
    "详纤档岂绣吓赖卢颗邮凯帅锁帐胶壳脏弯挡筹肿凶债贾谱夹尘钻丛贺扰锡炉纹亏鉴齿兽碍辩拨恒励鸣偿拦胁纽烂尝辟艰荐厘乔轴喷轨畅雾丢咨窝洁飘肤砖赢挤狮诊篮唤侠枢栏纠链恋惧"
    "笼弥叙叙剥骗猎俩缝携滩祸驰狱纬踪浑绳颈遥郁忆阀晕呕脏痫癫痹婴闷疮愈签"
)
_TABLE = str.maketrans(_TRADITIONAL, _SIMPLIFIED)


def table_simplify(text: str) -> str:
    """Traditional to Simplified with the built-in table of common characters (no dependency)."""
    return text.translate(_TABLE)


def _converter() -> Callable[[str], str]:
    try:
        import zhconv
    except ImportError:  # the table covers the common characters when zhconv is not installed
        return table_simplify

    def convert(text: str) -> str:
        return str(zhconv.convert(text, "zh-hans"))

    return convert


to_simplified: Callable[[str], str] = _converter()


def _is_garbage(char: str) -> bool:
    if char in _ALLOWED_CONTROLS:
        return False
    return char == "\ufffd" or unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"}


def normalise(text: str) -> str:
    """NFKC (full width to half width), drop control and zero-width characters, collapse whitespace."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(
        " " if unicodedata.category(char) == "Cc" else char
        for char in text
        if char != "\ufffd" and unicodedata.category(char) not in {"Cf", "Cs", "Co", "Cn"}
    )
    return _WHITESPACE.sub(" ", text).strip()


def matching_form(text: str) -> str:
    """The form rules match against: Simplified, lower case, no spaces between Chinese characters."""
    return _CJK_GAP.sub("", to_simplified(text).lower())


def detect_language(text: str) -> Language:
    """'zh' when Chinese characters outnumber Latin words, else 'en'; 'zh' when there are neither."""
    chinese = len(_CJK.findall(text))
    words = len(_LATIN_WORD.findall(text))
    if chinese == 0 and words == 0:
        return "zh"
    return "zh" if chinese > words else "en"


def intake(text: str) -> Intake:
    """Validate, normalise, detect the language of and mask one message.

    Raises:
        BadInput: the message is empty, longer than 2,000 characters, or mostly non-printable.

    """
    if not isinstance(text, str):
        raise BadInput("bad_input_garbage")
    if len(text) > MAX_CHARS * 10:
        raise BadInput("bad_input_too_long")
    visible = [char for char in text if not char.isspace()]
    if visible and sum(_is_garbage(char) for char in visible) / len(visible) > GARBAGE_RATIO:
        raise BadInput("bad_input_garbage")
    clean = normalise(text)
    if not clean:
        raise BadInput("bad_input_empty")
    if len(clean) > MAX_CHARS:
        raise BadInput("bad_input_too_long")
    language = detect_language(clean)
    masked, kinds = mask(clean)
    return Intake(text=masked, matching_text=matching_form(masked), language=language, masked_kinds=kinds)
