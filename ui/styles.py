"""Theme (system fonts only, nothing fetched from a network), page CSS, and the colour contrast rule."""

from __future__ import annotations

import gradio as gr

# Local fonts only: Gradio's default theme would fetch web fonts, and the product runs on offline networks.
FONTS = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "sans-serif"]
MONO = ["Noto Sans Mono CJK SC", "DejaVu Sans Mono", "monospace"]

# Colours named once; the CSS below is built from them and the tests check every pair's contrast.
INK = "#111111"
PAPER = "#ffffff"
BLUE = "#0a3d8f"
RED = "#a4000f"
GREEN = "#0b5d1e"
AMBER_INK = "#5c3a00"
AMBER_BG = "#fff1cc"
INFO_BG = "#e3ecfa"
MUTED = "#3d3d3d"
YELLOW = "#ffd200"
BLACK = "#000000"

# (foreground, background, where): what elderly mode draws, checked against WCAG AA (4.5:1) in tests.
ELDERLY_PAIRS: tuple[tuple[str, str, str], ...] = (
    (BLACK, PAPER, "正文"),
    (PAPER, BLUE, "主要按钮"),
    (BLACK, YELLOW, "次要按钮与焦点"),
    (PAPER, RED, "紧急卡片"),
    (PAPER, GREEN, "依据已核实"),
    (AMBER_INK, AMBER_BG, "未找到依据"),
    (BLUE, INFO_BG, "已转人工"),
    (MUTED, PAPER, "说明文字"),
    (BLUE, PAPER, "链接"),
)
NORMAL_PAIRS: tuple[tuple[str, str, str], ...] = (
    (INK, PAPER, "正文"),
    (PAPER, RED, "紧急卡片"),
    (PAPER, GREEN, "依据已核实"),
    (AMBER_INK, AMBER_BG, "未找到依据"),
    (BLUE, INFO_BG, "已转人工"),
    (MUTED, PAPER, "说明文字"),
)


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance of `#rrggbb`."""
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(fg: str, bg: str) -> float:
    """WCAG contrast ratio between two `#rrggbb` colours (1 to 21)."""
    a, b = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def theme() -> gr.themes.Base:
    """Gradio's default look with system fonts instead of web fonts."""
    return gr.themes.Default(primary_hue="blue", font=FONTS, font_mono=MONO).set(
        button_primary_background_fill=BLUE, button_primary_background_fill_hover="#082f6e",
        button_primary_text_color=PAPER, button_primary_border_color=BLUE,
        button_cancel_background_fill=RED, button_cancel_background_fill_hover="#7a000b",
        button_cancel_text_color=PAPER, button_cancel_border_color=RED,
    )


CSS = f"""
.banner-sample {{ background: {AMBER_BG}; color: {AMBER_INK}; border: 2px solid {AMBER_INK};
  padding: 8px 12px; border-radius: 8px; font-weight: 600; }}
.transcript {{ display: flex; flex-direction: column; gap: 12px; padding: 4px; }}
.msg {{ border-radius: 10px; padding: 10px 14px; color: {INK}; background: {PAPER}; border: 1px solid #c8c8c8; }}
.msg-user {{ align-self: flex-end; background: {INFO_BG}; max-width: 85%; }}
.msg-staff {{ border-left: 6px solid {GREEN}; }}
.msg .who {{ font-size: 0.85em; color: {MUTED}; margin: 0 0 4px 0; font-weight: 600; }}
.chip {{ display: inline-block; padding: 2px 10px; border-radius: 999px; font-weight: 700; font-size: 0.9em; }}
.chip-ok {{ background: {GREEN}; color: {PAPER}; }}
.chip-warn {{ background: {AMBER_BG}; color: {AMBER_INK}; border: 1px solid {AMBER_INK}; }}
.chip-danger {{ background: {RED}; color: {PAPER}; }}
.chip-info {{ background: {INFO_BG}; color: {BLUE}; border: 1px solid {BLUE}; }}
.chip-muted {{ background: #eeeeee; color: {MUTED}; }}
.answer-body h4 {{ margin: 10px 0 4px 0; font-size: 1em; }}
.answer-body p {{ margin: 4px 0; }}
.checklist {{ list-style: none; padding-left: 0; margin: 4px 0; }}
.checklist li {{ margin: 4px 0; }}
.checklist input {{ width: 1.1em; height: 1.1em; vertical-align: middle; }}
.cite a {{ color: {BLUE}; text-decoration: none; }}
.sources {{ margin-top: 8px; border-top: 1px solid #d0d0d0; padding-top: 6px; font-size: 0.92em; }}
.sources h4 {{ margin: 4px 0; }}
.sources-list {{ padding-left: 1.2em; margin: 0; }}
.source p {{ margin: 2px 0; }}
.source-title {{ font-weight: 700; }}
.source-meta, .source-file, .muted {{ color: {MUTED}; }}
.source-snippet {{ margin: 4px 0; padding: 4px 8px; border-left: 3px solid #b0b0b0; color: {INK}; }}
.ai-tag {{ display: inline-block; border: 1px solid {MUTED}; border-radius: 4px; padding: 0 4px; font-weight: 700; }}
.ai-label, .sample-label {{ font-size: 0.85em; color: {MUTED}; margin: 6px 0 0 0; }}
.sample-label {{ color: {AMBER_INK}; }}
.emergency-card {{ background: {RED}; color: {PAPER}; border-radius: 12px; padding: 16px 20px; margin: 8px 0;
  border: 4px solid {BLACK}; }}
.emergency-call {{ font-size: 1.6em; font-weight: 800; margin: 0 0 8px 0; color: {PAPER}; }}
.emergency-number {{ font-size: 2.2em; font-weight: 900; color: {PAPER} !important; text-decoration: underline; }}
.emergency-steps {{ font-size: 1.15em; margin: 0; padding-left: 1.4em; color: {PAPER}; }}
.emergency-steps li, .emergency-card p, .emergency-card li::marker {{ margin: 4px 0; color: {PAPER} !important; }}
#citizen-root :focus-visible, #staff-root :focus-visible {{ outline: 3px solid {BLUE} !important; outline-offset: 2px; }}

/* elderly mode: large type, high contrast, big buttons, fewer things on screen */
body.elderly-mode .gradio-container {{ font-size: 22px !important; background: {PAPER} !important; color: {BLACK} !important; }}
body.elderly-mode .gradio-container * {{ font-size: inherit; }}
body.elderly-mode .gradio-container h1 {{ font-size: 34px !important; }}
body.elderly-mode .gradio-container h3 {{ font-size: 26px !important; }}
body.elderly-mode input[type=checkbox] {{ width: 30px !important; height: 30px !important; }}
body.elderly-mode .transcript {{ font-size: 24px; line-height: 1.7; }}
body.elderly-mode .msg {{ color: {BLACK}; background: {PAPER}; border: 2px solid {BLACK}; }}
body.elderly-mode .msg-user {{ background: {PAPER}; }}
body.elderly-mode .msg .who {{ color: {MUTED}; }}
body.elderly-mode button {{ min-height: 64px !important; font-size: 24px !important; font-weight: 700 !important; }}
body.elderly-mode button.primary {{ background: {BLUE} !important; color: {PAPER} !important; border: 2px solid {BLACK} !important; }}
body.elderly-mode button.secondary {{ background: {YELLOW} !important; color: {BLACK} !important; border: 2px solid {BLACK} !important; }}
body.elderly-mode textarea, body.elderly-mode input {{ font-size: 24px !important; color: {BLACK} !important; background: {PAPER} !important; }}
body.elderly-mode label, body.elderly-mode span {{ color: {BLACK}; }}
body.elderly-mode .steps {{ padding-left: 1.6em; }}
body.elderly-mode .steps li {{ margin: 8px 0; }}
body.elderly-mode .step-head {{ font-weight: 800; margin: 10px 0 2px 0; }}
body.elderly-mode .emergency-call {{ font-size: 1.8em; }}
body.elderly-mode .cite a, body.elderly-mode a {{ color: {BLUE}; }}
body.elderly-mode .emergency-card a {{ color: {PAPER} !important; }}
body.elderly-mode .chip-muted {{ background: {PAPER}; color: {BLACK}; border: 2px solid {BLACK}; }}
body.elderly-mode :focus-visible {{ outline: 4px solid {YELLOW} !important; box-shadow: 0 0 0 7px {BLACK} !important; }}

/* printing from the staff console: the checklist only */
@media print {{
  body * {{ visibility: hidden; }}
  #print-area, #print-area * {{ visibility: visible; }}
  #print-area {{ position: absolute; left: 0; top: 0; width: 100%; }}
}}
"""
