"""Mounts the two web pages on the API's FastAPI app: the citizen chat at `/`, the staff console at `/staff`."""

from __future__ import annotations

import os

import gradio as gr
from fastapi import FastAPI

from ui.citizen import build_citizen_ui
from ui.staff import build_staff_ui
from ui.styles import CSS, theme

__all__ = ["build_citizen_ui", "build_staff_ui", "mount_ui"]

# Mount only: never share, no footer links to outside sites, no usage analytics.
_MOUNT: dict[str, object] = {"footer_links": [], "ssr_mode": False, "mcp_server": False}


def mount_ui(app: FastAPI, api_base: str, sample_data: bool | None = None) -> None:
    """Mount the staff console at `/staff` and the citizen chat at `/`, both calling the API at `api_base`.

    Args:
        app: the API's FastAPI app (its own routes keep priority: they are registered first).
        api_base: where the pages reach the API, e.g. "http://127.0.0.1:8000".
        sample_data: the sample-data banner: True always, None (default) once an answer cites sample
            documents, False never.

    """
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    gr.mount_gradio_app(app, build_staff_ui(api_base), path="/staff", theme=theme(), css=CSS, **_MOUNT)  # type: ignore[arg-type]
    gr.mount_gradio_app(app, build_citizen_ui(api_base, sample_data), path="/", theme=theme(), css=CSS, **_MOUNT)  # type: ignore[arg-type]
