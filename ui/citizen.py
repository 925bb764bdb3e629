"""The citizen chat page: streaming answers with sources, quick starts, region, language and elderly mode."""

from __future__ import annotations

import html
import io
import wave
from collections.abc import AsyncIterator, Callable
from typing import Any

import gradio as gr
import numpy as np

from ui import conversation, render
from ui.client import ApiClient
from ui.speech import speaker
from ui.text import DOMAIN_STARTS, LIFE_EVENT_STARTS, PROVINCE, REGIONS, Lang, lang_of, t

ELDERLY_JS = "(on) => { document.body.classList.toggle('elderly-mode', !!on); }"
POLL_S = 3.0


def _banner(lang: str, show: bool) -> Any:
    text = html.escape(t("sample_banner", lang_of(lang)))
    return gr.update(value=f'<div class="banner-sample" role="note">⚠ {text}</div>', visible=show)


def build_citizen_ui(api_base: str, sample_data: bool | None = None) -> gr.Blocks:
    """The citizen chat as a Gradio Blocks app talking to the API at `api_base`.

    Args:
        api_base: the API's root URL (the page calls `{api_base}/api/v1/...`).
        sample_data: True shows the banner saying the knowledge base is illustrative sample data from the
            start; None (default) shows it once an answer stands on sample documents; False never.

    """
    client = ApiClient(api_base)
    with gr.Blocks(title=t("title", "zh"), analytics_enabled=False) as demo:
        session = gr.State(conversation.new_session)
        with gr.Column(elem_id="citizen-root"):
            title = gr.Markdown(f"# {t('title', 'zh')}\n{t('subtitle', 'zh')}", elem_id="title")
            banner = gr.HTML(visible=bool(sample_data), elem_id="sample-banner", js_on_load=None)
            with gr.Row(equal_height=True):
                region = gr.Dropdown(list(REGIONS), value=PROVINCE, label=t("region", "zh"), elem_id="region",
                                     interactive=True)
                lang = gr.Radio(["中文", "English"], value="中文", label=t("language", "zh"), elem_id="language")
                elderly = gr.Checkbox(value=False, label=t("elderly", "zh"), elem_id="elderly")
            chat = gr.HTML(elem_id="transcript", js_on_load=None)
            with gr.Row(equal_height=True):
                question = gr.Textbox(label=t("question", "zh"), placeholder=t("question_hint", "zh"),
                                      lines=1, max_lines=6, scale=5, elem_id="question")
                send_btn = gr.Button(t("send", "zh"), variant="primary", scale=1, elem_id="send")
            with gr.Row():
                handoff_btn = gr.Button(t("handoff", "zh"), variant="secondary", elem_id="handoff")
                speak_btn = gr.Button(t("read_aloud", "zh"), variant="secondary", elem_id="read-aloud",
                                      visible=speaker() is not None)
                new_btn = gr.Button(t("new_chat", "zh"), variant="secondary", elem_id="new-chat")
            audio = gr.Audio(label=t("audio", "zh"), autoplay=True, visible=False, elem_id="audio",
                             interactive=False)
            domain_head = gr.Markdown(f"### {t('domain_starts', 'zh')}")
            with gr.Row():
                domain_btns = [gr.Button(label, variant="secondary", elem_id=f"start-domain-{i}")
                               for i, (label, _) in enumerate(DOMAIN_STARTS["zh"])]
            with gr.Column() as events_box:
                event_head = gr.Markdown(f"### {t('event_starts', 'zh')}")
                with gr.Row():
                    event_btns = [gr.Button(label, variant="secondary", elem_id=f"start-event-{i}")
                                  for i, (label, _) in enumerate(LIFE_EVENT_STARTS["zh"])]
            with gr.Group():
                feedback_head = gr.Markdown(t("feedback", "zh"))
                with gr.Row():
                    up_btn = gr.Button(t("thumb_up", "zh"), elem_id="thumb-up")
                    down_btn = gr.Button(t("thumb_down", "zh"), elem_id="thumb-down")
                reason = gr.Textbox(label=t("reason", "zh"), max_lines=2, elem_id="feedback-reason")
                feedback_note = gr.Markdown(elem_id="feedback-note")
        timer = gr.Timer(POLL_S, active=False)

        def shown(sess: dict[str, Any]) -> bool:
            return bool(sample_data) or (sample_data is None and sess["sample"])

        def view(sess: dict[str, Any], lang_v: str, old: bool) -> tuple[str, Any]:
            return conversation.html(sess, lang_of(lang_v), old), gr.update(visible=shown(sess))

        async def send(sess: dict[str, Any], text: str, region_v: str, lang_v: str,
                       old: bool) -> AsyncIterator[tuple[Any, ...]]:
            async for s in conversation.send(client, sess, text, region_v, lang_of(lang_v)):
                page, shown = view(s, lang_v, old)
                yield s, page, "", shown, gr.Timer(active=s["waiting"])

        send_inputs = [session, question, region, lang, elderly]
        send_outputs = [session, chat, question, banner, timer]
        gr.on([send_btn.click, question.submit], send, send_inputs, send_outputs)

        def starter(table: dict[Lang, tuple[tuple[str, str], ...]], i: int) -> Callable[[str], str]:
            return lambda lang_v: table[lang_of(lang_v)][i][1]

        for i, btn in enumerate(domain_btns):
            btn.click(starter(DOMAIN_STARTS, i), lang, question).then(send, send_inputs, send_outputs)
        for i, btn in enumerate(event_btns):
            btn.click(starter(LIFE_EVENT_STARTS, i), lang, question).then(send, send_inputs, send_outputs)

        async def ask_person(sess: dict[str, Any], region_v: str, lang_v: str, old: bool) -> tuple[Any, ...]:
            s = await conversation.handoff(client, sess, region_v, lang_of(lang_v))
            return s, conversation.html(s, lang_of(lang_v), old), gr.Timer(active=s["waiting"])

        handoff_btn.click(ask_person, [session, region, lang, elderly], [session, chat, timer])

        async def tick(sess: dict[str, Any], lang_v: str, old: bool) -> tuple[Any, ...]:
            s, changed = await conversation.poll(client, sess)
            page = conversation.html(s, lang_of(lang_v), old) if changed else gr.skip()
            return s, page, gr.Timer(active=s["waiting"])

        timer.tick(tick, [session, lang, elderly], [session, chat, timer])

        def fresh(lang_v: str, old: bool) -> tuple[Any, ...]:
            s = conversation.new_session()
            return s, conversation.html(s, lang_of(lang_v), old), "", gr.Timer(active=False)

        new_btn.click(fresh, [lang, elderly], [session, chat, feedback_note, timer])

        async def thumbs_up(sess: dict[str, Any], lang_v: str) -> str:
            return await conversation.rate(client, sess, "up", "", lang_of(lang_v))

        async def thumbs_down(sess: dict[str, Any], why: str, lang_v: str) -> tuple[str, str]:
            return await conversation.rate(client, sess, "down", why, lang_of(lang_v)), ""

        up_btn.click(thumbs_up, [session, lang], feedback_note)
        down_btn.click(thumbs_down, [session, reason, lang], [feedback_note, reason])

        def read_aloud(sess: dict[str, Any], lang_v: str) -> tuple[Any, Any]:
            voice = speaker()
            last = sess.get("last")
            if voice is None or not last:
                return gr.update(visible=False), t("nothing_to_read", lang_of(lang_v))
            with wave.open(io.BytesIO(voice.wav(render.plain(last), str(last.get("language") or "zh")))) as w:
                pcm = np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16)
                return gr.update(value=(w.getframerate(), pcm), visible=True), ""

        speak_btn.click(read_aloud, [session, lang], [audio, feedback_note])

        elderly.change(None, elderly, None, js=ELDERLY_JS)

        def layout(sess: dict[str, Any], lang_v: str, old: bool) -> tuple[Any, ...]:
            # Fewer things on screen in elderly mode: no life-event row, no language switch, no reason box.
            return (conversation.html(sess, lang_of(lang_v), old), gr.update(visible=not old),
                    gr.update(visible=not old), gr.update(visible=not old))

        elderly.change(layout, [session, lang, elderly], [chat, events_box, lang, reason])

        def relabel(sess: dict[str, Any], lang_v: str, old: bool) -> list[Any]:
            lg = lang_of(lang_v)
            return [
                gr.update(value=f"# {t('title', lg)}\n{t('subtitle', lg)}"),
                _banner(lang_v, shown(sess)),
                gr.update(label=t("region", lg)), gr.update(label=t("language", lg)),
                gr.update(label=t("elderly", lg)), conversation.html(sess, lg, old),
                gr.update(label=t("question", lg), placeholder=t("question_hint", lg)),
                gr.update(value=t("send", lg)), gr.update(value=t("handoff", lg)),
                gr.update(value=t("read_aloud", lg)), gr.update(value=t("new_chat", lg)),
                gr.update(label=t("audio", lg)), gr.update(value=f"### {t('domain_starts', lg)}"),
                gr.update(value=f"### {t('event_starts', lg)}"), gr.update(value=t("feedback", lg)),
                gr.update(value=t("thumb_up", lg)), gr.update(value=t("thumb_down", lg)),
                gr.update(label=t("reason", lg)),
                *[gr.update(value=label) for label, _ in DOMAIN_STARTS[lg]],
                *[gr.update(value=label) for label, _ in LIFE_EVENT_STARTS[lg]],
            ]

        labelled = [title, banner, region, lang, elderly, chat, question, send_btn, handoff_btn, speak_btn,
                    new_btn, audio, domain_head, event_head, feedback_head, up_btn, down_btn, reason,
                    *domain_btns, *event_btns]
        lang.change(relabel, [session, lang, elderly], labelled)
        demo.load(relabel, [session, lang, elderly], labelled)
    return demo
