"""QR codes made offline (segno), so a visitor can carry a checklist away on their phone."""

from __future__ import annotations

import html

import segno

# A QR code holds about 2,900 bytes at its largest; Chinese takes 3 bytes a character in UTF-8.
MAX_BYTES = 1200


def fit(text: str, limit: int = MAX_BYTES) -> str:
    """`text` cut at a line boundary so that it fits in a phone-readable QR code."""
    if len(text.encode()) <= limit:
        return text
    kept: list[str] = []
    size = 0
    for line in text.splitlines():
        size += len(line.encode()) + 1
        if size > limit - 6:
            break
        kept.append(line)
    return "\n".join(kept) + "\n……"


def qr_svg(text: str, title: str = "办事清单二维码") -> str:
    """An inline SVG QR code of `text` (plain text, no link), with an accessible title."""
    code = segno.make(fit(text), error="m", micro=False)
    svg = code.svg_inline(scale=4, border=2, title=title, dark="#000000", light="#ffffff")
    return f'<figure class="qr" role="img" aria-label="{html.escape(title)}">{svg}</figure>'
