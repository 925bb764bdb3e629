"""End to end in headless Chromium: the citizen chat and the staff console over a running API."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from tests.ui.conftest import Site, shot
from ui.styles import contrast

EMERGENCY_Q = "我爸突然说话不清楚，嘴巴歪了，一边手抬不起来"


def ask(page: Any, text: str) -> Any:
    """Type a question, send it, and return the locator of the new answer once it has finished."""
    before = page.locator("#transcript .answer").count()
    page.locator("#question textarea").fill(text)
    page.locator("#send").click()
    page.wait_for_function(f"document.querySelectorAll('#transcript .answer').length > {before}", timeout=180_000)
    return page.locator("#transcript .answer").last


def open_citizen(new_page: Any, site: Site) -> Any:
    page = new_page()
    page.goto(site.base + "/")
    page.locator("#transcript").wait_for()
    return page


def staff_login(new_page: Any, site: Site) -> Any:
    page = new_page(1400, 1000)
    page.goto(site.base + "/staff/")
    page.locator("#staff-username textarea, #staff-username input").first.fill(site.username)
    page.locator("#staff-password input").fill(site.password)
    page.locator("#staff-login").click()
    page.locator("#console").wait_for(state="visible")
    return page


def rgb_hex(css: str) -> str:
    nums = [int(float(n)) for n in re.findall(r"[\d.]+", css)[:3]]
    return "#" + "".join(f"{n:02x}" for n in nums)


COLOURS_JS = """(sel) => {
  const el = document.querySelector(sel);
  const fg = getComputedStyle(el).color;
  let node = el, bg = 'rgba(0, 0, 0, 0)';
  while (node) {
    const c = getComputedStyle(node).backgroundColor;
    if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') { bg = c; break; }
    node = node.parentElement;
  }
  return [fg, bg === 'rgba(0, 0, 0, 0)' ? 'rgb(255, 255, 255)' : bg, parseFloat(getComputedStyle(el).fontSize)];
}"""


def test_question_answered_with_sources(new_page: Any, site: Site, answerable: str) -> None:
    page = open_citizen(new_page, site)
    shot(page, "citizen-home")
    answer = ask(page, answerable)
    assert answer.locator(".chip").inner_text() == "依据已核实"
    source = answer.locator(".sources .source").first
    assert source.locator(".source-title").inner_text().startswith("[1] 《")
    meta = source.locator(".source-meta").inner_text()
    assert "章节" in meta and "有效期" in meta
    assert source.locator(".source-file code").inner_text().endswith(".md")
    assert source.locator(".source-snippet").inner_text().strip()
    assert answer.locator(".checklist input[type=checkbox]").count() >= 2
    assert "人工智能生成" in answer.locator(".ai-label").inner_text()
    assert page.locator("#sample-banner").inner_text().startswith("⚠ 示例数据")
    shot(page, "citizen-answer")


def test_emergency_card(new_page: Any, site: Site) -> None:
    page = open_citizen(new_page, site)
    answer = ask(page, EMERGENCY_Q)
    card = answer.locator(".emergency-card")
    assert card.get_attribute("role") == "alert"
    assert card.locator(".emergency-number").inner_text() == "120"
    assert card.locator(".emergency-number").get_attribute("href") == "tel:120"
    assert answer.locator(".chip").inner_text() == "紧急情况"
    fg, bg, size = page.evaluate(COLOURS_JS, "#transcript .emergency-call")
    assert rgb_hex(bg) == "#a4000f" and contrast(rgb_hex(fg), rgb_hex(bg)) >= 4.5
    fg, bg, _ = page.evaluate(COLOURS_JS, "#transcript .emergency-steps li")
    assert contrast(rgb_hex(fg), rgb_hex(bg)) >= 4.5
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('#transcript .emergency-number')).fontSize)") >= 40
    assert size >= 20
    shot(page, "citizen-emergency")


def test_elderly_mode_changes_layout(new_page: Any, site: Site, answerable: str) -> None:
    page = open_citizen(new_page, site)
    page.locator("#start-event-0").wait_for(state="visible")
    normal_size = page.evaluate(COLOURS_JS, "#send")[2]
    page.locator("#elderly input[type=checkbox]").check()
    page.wait_for_function("document.body.classList.contains('elderly-mode')")
    page.locator("#start-event-0").wait_for(state="hidden")
    assert not page.locator("#language").is_visible()
    page.wait_for_function("parseFloat(getComputedStyle(document.querySelector('#send')).fontSize) >= 24")
    assert page.evaluate(COLOURS_JS, "#send")[2] >= normal_size + 6
    answer = ask(page, answerable)
    assert answer.locator(".elderly-steps ol.steps li").count() >= 2
    page.locator("#read-aloud").click()
    page.locator("#audio audio[src]").first.wait_for(state="attached", timeout=120_000)
    assert answer.locator("details.sources").count() == 1
    height = page.locator("#send").bounding_box()["height"]
    assert height >= 64
    ratios = {}
    for sel in ("#transcript .msg", "#send", "#handoff", "#transcript .ai-label", "#transcript .chip"):
        fg, bg, _ = page.evaluate(COLOURS_JS, sel)
        ratios[sel] = contrast(rgb_hex(fg), rgb_hex(bg))
    assert min(ratios.values()) >= 4.5, ratios
    shot(page, "citizen-elderly")


def test_every_control_labelled_and_keyboard_reachable(new_page: Any, site: Site, answerable: str) -> None:
    page = open_citizen(new_page, site)
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('button, input, textarea, select, [role=listbox]')]
      .filter(e => e.offsetParent !== null && e.type !== 'hidden' && e.type !== 'file')
      .filter(e => {
        const name = (e.getAttribute('aria-label') || e.getAttribute('aria-labelledby') || e.title ||
                      (e.labels && [...e.labels].map(l => l.innerText).join('')) || e.innerText || '').trim();
        const wrapped = e.closest('label') && e.closest('label').innerText.trim();
        return !name && !wrapped;
      }).map(e => e.outerHTML.slice(0, 120))""")
    assert unlabelled == []
    reached = set()
    page.locator("body").focus()
    for _ in range(80):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("document.activeElement.id || (document.activeElement.closest('[id]') || {}).id"))
    assert {"send", "handoff", "new-chat", "start-domain-0", "start-event-0", "thumb-up"} <= reached
    assert reached & {"question", "component-question"} or any(r and "question" in r for r in reached)
    page.locator("#question textarea").focus()
    page.keyboard.type(answerable)
    page.keyboard.press("Enter")
    page.locator("#transcript .answer").first.wait_for(timeout=180_000)


def test_language_switch(new_page: Any, site: Site) -> None:
    page = open_citizen(new_page, site)
    page.get_by_label("English").check()
    page.locator("#send", has_text="Send").wait_for()
    assert page.locator("#handoff").inner_text() == "Talk to a person"
    assert page.locator("#start-event-0").inner_text() == "A new baby"
    assert "Hello!" in page.locator("#transcript").inner_text()
    page.get_by_label("中文").check()
    page.locator("#send", has_text="发送").wait_for()


def test_bad_input_gets_a_polite_message(new_page: Any, site: Site) -> None:
    page = open_citizen(new_page, site)
    page.locator("#send").click()
    page.locator("#transcript .msg-assistant", has_text="您还没有输入问题").wait_for()
    page.locator("#question textarea").fill("\x00\x01\x02\ufffd\ufffd\x03\x04\x05")
    page.locator("#send").click()
    page.locator("#transcript .msg-assistant", has_text="乱码").wait_for()
    page.locator("#question textarea").fill("办" * 2100)
    page.locator("#send").click()
    page.locator("#transcript .msg-assistant", has_text="太长").wait_for()
    assert page.locator(".error, .toast-body").count() == 0


def test_staff_picks_up_handoff_and_citizen_sees_reply(new_page: Any, site: Site, answerable: str) -> None:
    citizen = open_citizen(new_page, site)
    ask(citizen, answerable)
    citizen.locator("#handoff").click()
    citizen.locator("#transcript .chip", has_text="已转人工").wait_for()
    thread_id = citizen.locator("#transcript .waiting").get_attribute("data-thread")
    assert thread_id and thread_id[:8] in citizen.locator("#transcript .waiting").inner_text()
    staff = staff_login(new_page, site)
    staff.locator("#queue").wait_for()
    staff.locator("#refresh-queue").click()
    staff.locator("#pick-thread input").click()
    option = staff.get_by_role("option").filter(has_text=thread_id[:8])
    option.wait_for()
    option.click()
    staff.locator("#open-thread").click()
    staff.locator("#thread-view .msg-user").first.wait_for()
    shot(staff, "staff-queue")
    staff.locator("#take-over").click()
    staff.locator("#thread-note", has_text="您已接管").wait_for()
    staff.locator("#make-draft").click()
    staff.wait_for_function("document.querySelector('#reply textarea').value.length > 0", timeout=180_000)
    staff.locator("#make-qr").click()
    staff.locator("#print-area svg").wait_for()
    shot(staff, "staff-thread")
    reply = f"您好，我是大厅工作人员，请带上身份证到一号窗口办理。（{uuid.uuid4().hex[:6]}）"
    staff.locator("#reply textarea").fill(reply)
    staff.locator("#send-reply").click()
    staff.locator("#thread-note", has_text="回复已发送").wait_for()
    citizen.locator("#transcript .msg-staff", has_text=reply[:12]).wait_for(timeout=30_000)
    shot(citizen, "citizen-staff-reply")
    staff.locator("#gap-note textarea").fill("缺少一号窗口的办理时间")
    staff.locator("#mark-wrong").click()
    staff.locator("#gaps", has_text="缺少一号窗口的办理时间").wait_for()


def test_uploaded_document_becomes_answerable(new_page: Any, site: Site, tmp_path: Path) -> None:
    topic = "萤火虫夜间观察许可"
    doc = tmp_path / "firefly-permit.md"
    doc.write_text(
        f"# 神农架林区{topic}办事指南\n\n## 一、申请材料\n"
        f"申请{topic}，需要提交：\n1. 申请人居民身份证；\n2. 观察路线说明；\n3. 安全承诺书。\n\n"
        f"## 二、办理地点\n{topic}在神农架林区政务服务中心窗口受理，办理时限为3个工作日。\n",
        encoding="utf-8",
    )
    staff = staff_login(new_page, site)
    staff.locator("#admin-key input").fill(site.admin_key)
    staff.locator("#admin-key input").blur()
    staff.get_by_role("tab", name="知识库").click()
    staff.locator("#upload-file input[type=file]").set_input_files(str(doc))
    staff.locator("#upload-go").click()
    staff.locator("#upload-progress", has_text="导入完成").wait_for(timeout=180_000)
    assert topic in staff.locator("#upload-progress").inner_text()
    staff.locator("#documents", has_text=topic).wait_for()
    shot(staff, "staff-knowledge")
    staff.get_by_role("tab", name="管理").click()
    staff.locator("#refresh-domains").click()
    staff.locator("#domain-note", has_text="已读取当前状态").wait_for()
    assert staff.locator("#domain-healthcare input[type=checkbox]").is_checked()
    shot(staff, "staff-admin")
    citizen = open_citizen(new_page, site)
    answer = ask(citizen, f"神农架林区{topic}在哪里办理？")
    assert topic in answer.locator(".sources").inner_text()
    assert answer.locator(".chip").inner_text() == "依据已核实"
