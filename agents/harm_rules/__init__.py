"""Pattern tables for the harmful-request gate (GB/T 45654-2025 appendix A risk categories)."""

# Every rule pairs a harmful act with its object ("伪造" + "户口本", "骗取" + "医保"), never a bare
# keyword, so that a citizen asking how to replace a lost ID card or how to report benefit fraud is
# answered. Rules that need a request cue take the shared `INTENT` near the act (see agents/harm.py); the
# shared `FRAMES` (reporting, protection, legal consequences, being a victim) clear a sentence unless
# `EVASION` ("不被发现", "without getting caught") shows the frame is cover for the harm itself.
# Text is matched in `matching_form`: Simplified, lower case, half width.

from agents.harm_rules.common import (
    EVASION,
    FALSITY,
    FRAMES,
    INTENT,
    QUESTION,
    REPORT,
    TERSE_CJK,
    TERSE_WORDS,
    HarmRule,
)
from agents.harm_rules.hazards import REQUEST_CUES
from agents.harm_rules.table import RULES

__all__ = [
    "EVASION",
    "FALSITY",
    "FRAMES",
    "INTENT",
    "QUESTION",
    "REPORT",
    "REQUEST_CUES",
    "RULES",
    "TERSE_CJK",
    "TERSE_WORDS",
    "HarmRule",
]
