"""Turns answers (the API's TurnResult) into safe HTML: status chip, checklists, sources, emergency card."""

from __future__ import annotations

import html
import re
from typing import Any

from ui.text import STATUS_CHIPS, Lang, t

CITE = re.compile(r"\s*\[(\d{1,3})\]")
NUMBERED = re.compile(r"^\s*(\d{1,2})\s*[.、．)）]\s*(.+)$")
HEADING = re.compile(r"^\s*([一二三四五六七八九十]+、.+|[^。；;]{2,60}[：:])\s*$")
HOTLINE = re.compile(r"(12356|12345|12320|12393|12333|120|110|119)")
SAMPLE_PREFIX = "sample_corpus/"

CHIP_CLASS = {
    "verified": "ok", "no_basis": "warn", "emergency": "danger", "handoff": "info", "out_of_scope": "muted",
    "refused": "muted", "clarify": "info", "domain_off": "muted", "error": "warn",
}


def chip_key(result: dict[str, Any]) -> str:
    """Which status chip an answer gets."""
    status = str(result.get("status") or "")
    if result.get("emergency") or status == "emergency":
        return "emergency"
    if status == "handoff":
        return "handoff"
    if status == "answered":
        return "verified" if result.get("grounded") and not result.get("downgraded") else "no_basis"
    if status in ("out_of_scope", "refused", "clarify", "domain_off", "no_basis"):
        return status
    return "error"


def chip(result: dict[str, Any], lang: Lang) -> str:
    """The status chip as HTML."""
    key = chip_key(result)
    return f'<span class="chip chip-{CHIP_CLASS[key]}" role="status">{html.escape(STATUS_CHIPS[key][lang])}</span>'


def _cites(text: str, anchor: str) -> str:
    """Escape a line and turn its [n] markers into links to the matching source."""
    out, last = [], 0
    for m in CITE.finditer(text):
        out.append(html.escape(text[last:m.start()]))
        n = m.group(1)
        out.append(f'<sup class="cite"><a href="#{anchor}-{n}" aria-label="来源 {n}">[{n}]</a></sup>')
        last = m.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def answer_body(answer: str, anchor: str, elderly: bool = False) -> str:
    """The answer's lines: headings, paragraphs, and numbered lines as tick-box checklists."""
    if elderly:
        return _steps(answer, anchor)
    parts: list[str] = []
    items: list[str] = []

    def close() -> None:
        if items:
            parts.append('<ul class="checklist">' + "".join(items) + "</ul>")
            items.clear()

    for i, raw in enumerate(answer.splitlines()):
        line = raw.strip()
        m = NUMBERED.match(line)
        if m:
            box = f"{anchor}-item-{i}"
            items.append(
                f'<li><input type="checkbox" id="{box}"> <label for="{box}">'
                f'<span class="num">{html.escape(m.group(1))}.</span> {_cites(m.group(2), anchor)}</label></li>'
            )
            continue
        close()
        if not line:
            continue
        tag = "h4" if HEADING.match(CITE.sub("", line)) else "p"
        parts.append(f'<{tag} class="ans-line">{_cites(line, anchor)}</{tag}>')
    close()
    return '<div class="answer-body">' + "".join(parts) + "</div>"


def _steps(answer: str, anchor: str) -> str:
    """Elderly mode: every line a short numbered step, headings in bold between them."""
    parts: list[str] = []
    steps: list[str] = []
    for raw in answer.splitlines():
        line = CITE.sub("", raw).strip()
        if not line:
            continue
        m = NUMBERED.match(line)
        if HEADING.match(line) and not m:
            if steps:
                parts.append('<ol class="steps">' + "".join(steps) + "</ol>")
                steps = []
            parts.append(f'<p class="step-head">{html.escape(line)}</p>')
            continue
        steps.append(f"<li>{html.escape(m.group(2) if m else line)}</li>")
    if steps:
        parts.append('<ol class="steps">' + "".join(steps) + "</ol>")
    return '<div class="answer-body elderly-steps">' + "".join(parts) + "</div>"


def emergency_card(result: dict[str, Any], lang: Lang) -> str:
    """The emergency card: red, large, the number to call first."""
    lines = [ln.strip() for ln in str(result.get("answer", "")).splitlines() if ln.strip()]
    m = HOTLINE.search(lines[0]) if lines else None
    number = m.group(1) if m else "120"
    steps = "".join(f"<li>{html.escape(ln)}</li>" for ln in lines)
    return (
        f'<div class="emergency-card" role="alert" aria-live="assertive">'
        f'<p class="emergency-call">{html.escape(t("emergency_call", lang))} '
        f'<a class="emergency-number" href="tel:{number}">{number}</a></p>'
        f'<ol class="emergency-steps">{steps}</ol></div>'
    )


def _validity(c: dict[str, Any], lang: Lang) -> str:
    start, end = c.get("valid_from") or "", c.get("valid_to") or ""
    if start and end:
        return f"{start} ~ {end}"
    if start:
        return f"{start} {t('valid_since', lang)}"
    return f"~ {end}" if end else "—"


def sources(citations: list[dict[str, Any]], anchor: str, lang: Lang, collapsed: bool = False) -> str:
    """The documents behind an answer: title, section, region, validity, snippet and source file."""
    if not citations:
        return ""
    items = []
    for c in citations:
        n = html.escape(str(c.get("id", "")))
        snippet = str(c.get("snippet") or "").strip().replace("\n", " ")
        if len(snippet) > 160:
            snippet = snippet[:160] + "…"
        items.append(
            f'<li id="{anchor}-{n}" class="source"><p class="source-title">[{n}] 《{html.escape(str(c.get("title", "")))}》</p>'
            f'<p class="source-meta">{html.escape(t("section", lang))}：{html.escape(str(c.get("section") or "—"))}'
            f" ｜ {html.escape(str(c.get('region') or '—'))}"
            f" ｜ {html.escape(t('validity', lang))}：{html.escape(_validity(c, lang))}</p>"
            f'<blockquote class="source-snippet">{html.escape(snippet)}</blockquote>'
            f'<p class="source-file">{html.escape(t("file", lang))}：<code>{html.escape(str(c.get("source", "")))}</code></p></li>'
        )
    head = html.escape(t("sources", lang))
    body = f'<ol class="sources-list">{"".join(items)}</ol>'
    if collapsed:
        return f'<details class="sources"><summary>{head}（{len(citations)}）</summary>{body}</details>'
    return f'<section class="sources" aria-label="{head}"><h4>{head}</h4>{body}</section>'


def tools(used: list[dict[str, Any]], lang: Lang) -> str:
    """The service-database lookups an answer used."""
    if not used:
        return ""
    rows = "".join(
        f'<li>{"成功" if u.get("ok") else "失败"}：<code>{html.escape(str(u.get("name", "")))}</code> '
        f'{html.escape(str(u.get("summary", "")))} <span class="muted">{html.escape(str(u.get("source", "")))}</span></li>'
        for u in used
    )
    return f'<section class="tools"><h4>{html.escape(t("tools", lang))}</h4><ul>{rows}</ul></section>'


def is_sample(citations: list[dict[str, Any]]) -> bool:
    """Whether an answer stands on the illustrative sample corpus."""
    return any(c.get("sample") or str(c.get("source", "")).startswith(SAMPLE_PREFIX) for c in citations)


def answer(result: dict[str, Any], anchor: str, lang: Lang, elderly: bool = False) -> str:
    """One whole answer: chip, card or body, tool lookups, sources, sample-data and AI labels."""
    cites = list(result.get("citations") or [])
    if chip_key(result) == "emergency":
        body = emergency_card(result, lang)
    else:
        body = answer_body(str(result.get("answer", "")), anchor, elderly)
    extra = "" if elderly else tools(list(result.get("tools") or []), lang)
    sample = f'<p class="sample-label">{html.escape(t("sample_banner", lang))}</p>' if is_sample(cites) else ""
    label = html.escape(str(result.get("ai_label") or _ai_label(lang)))
    return (
        f'<div class="answer" data-status="{html.escape(str(result.get("status", "")))}">{chip(result, lang)}{body}{extra}'
        f"{sources(cites, anchor, lang, collapsed=elderly)}{sample}"
        f'<p class="ai-label"><span class="ai-tag">AI</span> {label}</p></div>'
    )


def _ai_label(lang: Lang) -> str:
    return "本回答由人工智能生成，请以官方发布的信息为准。" if lang == "zh" else "AI-generated. Official published information takes precedence."


def transcript(entries: list[dict[str, Any]], lang: Lang, elderly: bool = False) -> str:
    """The whole conversation; entries are {role, text} with `result` for finished assistant turns."""
    rows = []
    for i, e in enumerate(entries):
        role = str(e.get("role", "assistant"))
        who = html.escape(t({"user": "you", "staff": "staff"}.get(role, "assistant"), lang))
        if role == "assistant" and e.get("result"):
            inner = answer(e["result"], f"a{i}", lang, elderly)
        else:
            text = str(e.get("text", ""))
            inner = "".join(f"<p>{html.escape(ln)}</p>" for ln in text.splitlines() if ln.strip())
        rows.append(f'<div class="msg msg-{html.escape(role)}"><p class="who">{who}</p>{inner}</div>')
    return (
        f'<div class="transcript" role="log" aria-live="polite" aria-label="{html.escape(t("conversation", lang))}" '
        f'tabindex="0">{"".join(rows)}</div>'
    )


def plain(result: dict[str, Any]) -> str:
    """The answer as plain text without citation markers (read aloud, printed, or put in a QR code)."""
    return "\n".join(CITE.sub("", ln).strip() for ln in str(result.get("answer", "")).splitlines() if ln.strip())


def checklist(answer_text: str) -> list[str]:
    """The numbered lines of an answer (materials and steps), without markers, duplicates removed."""
    seen: list[str] = []
    for raw in answer_text.splitlines():
        m = NUMBERED.match(CITE.sub("", raw).strip())
        if m and m.group(2).strip() not in seen:
            seen.append(m.group(2).strip())
    return seen
