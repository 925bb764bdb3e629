"""Checks on what a citizen typed, before anything is sent: empty, too long, or pasted binary."""

from __future__ import annotations

import unicodedata

from ui.text import MAX_CHARS

_BAD_CATEGORIES = {"Cc", "Cs", "Co", "Cn"}


def problem(text: str | None) -> str | None:
    """The text key of the polite message for unusable input ("empty", "too_long", "garbage"), or None."""
    value = (text or "").strip()
    if not value:
        return "empty"
    if len(value) > MAX_CHARS:
        return "too_long"
    bad = sum(
        1 for ch in value
        if ch == "\ufffd" or (ch not in "\n\r\t" and unicodedata.category(ch) in _BAD_CATEGORIES)
    )
    if "\x00" in value or bad > max(2, len(value) // 10):
        return "garbage"
    return None
