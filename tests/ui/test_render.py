"""Answer rendering, input checks, colour contrast, QR codes and the SSE parser, without a browser."""

from __future__ import annotations

import io
import re
import wave

import pytest

from ui import render
from ui.client import parse_sse
from ui.inputs import problem
from ui.qr import fit, qr_svg
from ui.styles import CSS, ELDERLY_PAIRS, FONTS, MONO, NORMAL_PAIRS, contrast, theme
from ui.text import CITIES, REGIONS, STATUS_CHIPS

CITE = {"id": 1, "doc_id": "life-birth", "doc_version": "2026-01", "title": "湖北省新生儿出生“一件事”联办指南",
        "section": "四、申请材料", "snippet": "1. 父母双方有效居民身份证；", "region": "湖北省",
        "source": "sample_corpus/life_events/life-birth.md", "valid_from": "2026-01-01", "valid_to": None}
ANSWER = "根据《湖北省新生儿出生“一件事”联办指南》（湖北省）：\n四、申请材料\n1. 父母双方有效居民身份证； [1]\n2. 落户地的居民户口簿； [1]"


def result(**kw: object) -> dict[str, object]:
    return {"status": "answered", "grounded": True, "answer": ANSWER, "citations": [CITE],
            "ai_label": "本回答由人工智能生成，请以官方发布的信息为准。", **kw}


@pytest.mark.parametrize(("res", "chip"), [
    (result(), "依据已核实"),
    (result(grounded=False), "未找到依据"),
    (result(downgraded=True), "未找到依据"),
    (result(status="no_basis", grounded=False), "未找到依据"),
    (result(status="emergency", emergency=True), "紧急情况"),
    (result(status="handoff"), "已转人工"),
    (result(status="out_of_scope"), "不在服务范围"),
    (result(status="error_llm"), "暂时无法回答"),
])
def test_status_chip(res: dict[str, object], chip: str) -> None:
    assert re.sub(r"<[^>]+>", "", render.chip(res, "zh")) == chip


def test_answer_has_checklist_sources_and_labels() -> None:
    out = render.answer(result(), "a0", "zh")
    assert out.count('type="checkbox"') == 2
    assert '<label for="a0-item-2">' in out
    assert '<a href="#a0-1" aria-label="来源 1">[1]</a>' in out
    assert 'id="a0-1"' in out and "《湖北省新生儿出生“一件事”联办指南》" in out
    assert "章节：四、申请材料" in out and "有效期：2026-01-01 起施行" in out
    assert "<code>sample_corpus/life_events/life-birth.md</code>" in out
    assert "示例数据" in out and "本回答由人工智能生成" in out
    assert "<h4 class=\"ans-line\">四、申请材料</h4>" in out


def test_elderly_answer_is_numbered_steps_with_sources_folded() -> None:
    out = render.answer(result(), "a0", "zh", elderly=True)
    assert '<ol class="steps"><li>父母双方有效居民身份证；</li><li>落户地的居民户口簿；</li></ol>' in out
    assert "<details class=\"sources\"><summary>依据来源（1）</summary>" in out
    assert "[1]" not in re.sub(r"<details.*</details>", "", out)


def test_emergency_card_puts_the_number_first() -> None:
    res = result(status="emergency", emergency=True, citations=[],
                 answer="请立即拨打120急救电话。\n说清楚：详细地址、病人年龄、现在的症状。")
    out = render.answer(res, "a0", "zh")
    assert out.index('href="tel:120"') < out.index("说清楚")
    assert 'role="alert"' in out and "示例数据" not in out
    crisis = result(status="emergency", emergency=True, citations=[], answer="请拨打心理援助热线12356；……")
    assert 'href="tel:12356"' in render.answer(crisis, "a1", "zh")


def test_everything_from_the_api_is_escaped() -> None:
    nasty = result(answer="<script>alert(1)</script> [1]",
                   citations=[{**CITE, "title": "<img src=x onerror=alert(1)>", "snippet": "<b>x</b>"}])
    out = render.transcript([{"role": "user", "text": "<iframe>"}, {"role": "assistant", "result": nasty}], "zh")
    assert "<script>" not in out and "<img" not in out and "<iframe>" not in out and "<b>x" not in out


def test_checklist_and_plain_text() -> None:
    assert render.checklist(ANSWER + "\n1. 父母双方有效居民身份证； [2]") == ["父母双方有效居民身份证；", "落户地的居民户口簿；"]
    assert "[1]" not in render.plain(result())


def test_transcript_shows_tools_used() -> None:
    res = result(tools=[{"name": "find_service_halls", "ok": True, "source": "服务数据库", "summary": "找到2个大厅"}])
    assert "find_service_halls" in render.answer(res, "a0", "zh")
    assert "find_service_halls" not in render.answer(res, "a0", "zh", elderly=True)


@pytest.mark.parametrize(("text", "key"), [
    ("", "empty"), ("   \n ", "empty"), (None, "empty"), ("办" * 2001, "too_long"),
    ("\x00\x01\x02abc", "garbage"), ("\ufffd" * 5 + "社保卡", "garbage"), ("社保卡怎么办？\n谢谢", None),
    ("How do I get a social security card?", None),
])
def test_bad_input(text: str | None, key: str | None) -> None:
    assert problem(text) == key


def test_regions_are_hubei_and_its_17_cities() -> None:
    assert REGIONS[0] == "湖北省" and len(CITIES) == 17 and "恩施土家族苗族自治州" in CITIES and "神农架林区" in CITIES
    assert set(STATUS_CHIPS) >= {"verified", "no_basis", "emergency", "handoff"}
    assert [STATUS_CHIPS[k]["zh"] for k in ("verified", "no_basis", "emergency", "handoff")] == [
        "依据已核实", "未找到依据", "紧急情况", "已转人工"]


@pytest.mark.parametrize(("fg", "bg", "where"), ELDERLY_PAIRS + NORMAL_PAIRS)
def test_colours_meet_wcag_aa(fg: str, bg: str, where: str) -> None:
    assert contrast(fg, bg) >= 4.5, where


def test_elderly_css_uses_only_checked_colours() -> None:
    checked = {c.lower() for pair in ELDERLY_PAIRS for c in pair[:2]}
    elderly_rules = "\n".join(line for line in CSS.splitlines() if line.startswith("body.elderly-mode"))
    assert set(re.findall(r"#[0-9a-fA-F]{6}", elderly_rules)) <= checked


def test_contrast_formula() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


def test_theme_uses_local_fonts_only() -> None:
    assert all(isinstance(f, str) for f in FONTS + MONO)
    css = theme()._get_theme_css()
    assert "googleapis" not in css and "@import" not in css and not re.search(r"url\(['\"]?https?:", css)


def test_qr_code_fits_and_is_labelled() -> None:
    long = "\n".join(f"{i}. 请携带居民身份证原件及复印件" for i in range(200))
    assert len(fit(long).encode()) <= 1200 and fit("短清单") == "短清单"
    svg = qr_svg(long)
    assert svg.startswith('<figure class="qr" role="img" aria-label="办事清单二维码"><svg') and "http" not in svg.split("<svg", 1)[1].split(">", 1)[1]


def test_parse_sse() -> None:
    assert parse_sse(["event: token", 'data: {"text": "你好"}']) == ("token", {"text": "你好"})
    assert parse_sse([": keep-alive"]) is None
    assert parse_sse(["data: plain"]) == ("message", "plain")


def test_speech_reads_chinese_offline() -> None:
    from ui.speech import speaker

    voice = speaker()
    if voice is None:
        pytest.skip("离线语音（espeakng-loader）不可用")
    data = voice.wav("请立即拨打120急救电话[1]。", "zh")
    with wave.open(io.BytesIO(data)) as w:
        seconds = w.getnframes() / w.getframerate()
        frames = w.readframes(w.getnframes())
    assert 1.0 < seconds < 20
    assert max(abs(int.from_bytes(frames[i:i + 2], "little", signed=True)) for i in range(0, len(frames), 2)) > 1000
