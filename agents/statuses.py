"""The closed sets every turn is described by: routes, domains, languages and answer statuses."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, get_args

Route = Literal["government", "healthcare", "education", "eldercare", "smalltalk", "out_of_scope", "handoff"]
ROUTES: tuple[Route, ...] = get_args(Route)

Domain = Literal["government", "healthcare", "education", "eldercare"]
DOMAINS: tuple[Route, ...] = ("government", "healthcare", "education", "eldercare")

Language = Literal["zh", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)

EmergencyKind = Literal["medical", "mental_crisis", "violence"]
EMERGENCY_KINDS: tuple[EmergencyKind, ...] = get_args(EmergencyKind)


class AnswerStatus(StrEnum):
    """How a turn ended; every run ends with exactly one."""

    ANSWERED = "answered"
    EMERGENCY = "emergency"
    REFUSED = "refused"
    OUT_OF_SCOPE = "out_of_scope"
    NO_BASIS = "no_basis"
    HANDOFF = "handoff"
    CLARIFY = "clarify"
    DOMAIN_OFF = "domain_off"
    ERROR_LLM = "error_llm"
    ERROR_RETRIEVAL = "error_retrieval"
