"""Masks personal data (ID, phone, bank card, social-security and e-mail) with typed placeholders."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Literal, get_args

PiiKind = Literal["id_card", "social_security", "bank_card", "mobile", "landline", "email"]
PII_KINDS: tuple[PiiKind, ...] = get_args(PiiKind)

PLACEHOLDERS: dict[PiiKind, str] = {
    "id_card": "[身份证号]",
    "social_security": "[社保号]",
    "bank_card": "[银行卡号]",
    "mobile": "[手机号]",
    "landline": "[固定电话]",
    "email": "[电子邮箱]",
}

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
# A number announced as a social-security / medical-insurance card number, whatever its local format.
_SOCIAL_SECURITY = re.compile(
    r"(?P<label>(?:社会保障|社保|医保)卡?(?:卡号|号码|编号|号)|social[ -]security(?:[ -]card)?"
    r"[ -]?(?:no\.?|number|#))(?P<sep>\s*(?:[:：]|是|为)?\s*)(?P<value>[A-Za-z0-9]{6,20})(?![A-Za-z0-9])",
    re.IGNORECASE,
)
_ID18 = re.compile(r"(?<!\d)\d{17}[\dXx](?![\dXx])")
_ID15 = re.compile(r"(?<!\d)\d{15}(?![\dXx])")
# Bank cards: 13-19 digits in one run, or groups of four separated by single spaces or dashes.
_CARD = re.compile(r"(?<![\d-])(?:\d{13,19}|\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,3})?)(?![\d-])")
_MOBILE = re.compile(r"(?<![\d+])(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:\d{8}|[ -]\d{4}[ -]\d{4})(?!\d)")
_LANDLINE = re.compile(
    r"(?<![\d-])(?:\(0\d{2,3}\)\s?|0\d{2,3}[ -]|0[1-9]\d{1,2}(?=\d{7,8}(?!\d)))[2-9]\d{6,7}(?:-\d{1,5})?(?![\d-])"
)


def id_check_digit(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits of a resident ID."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("need exactly 17 digits")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        born = date(year, month, day)
    except ValueError:
        return False
    return date(1890, 1, 1) <= born <= date.today()


def is_resident_id(number: str) -> bool:
    """True for an 18-digit ID with a real birth date and a correct GB 11643 check digit, or a 15-digit old ID."""
    if len(number) == 18:
        if not number[:17].isdigit() or number[0] == "0":
            return False
        birth_ok = _valid_date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        return birth_ok and id_check_digit(number[:17]) == number[17].upper()
    if len(number) == 15 and number.isdigit() and number[0] != "0":
        return _valid_date(1900 + int(number[6:8]), int(number[8:10]), int(number[10:12]))
    return False


def luhn_valid(number: str) -> bool:
    """True when a digit string passes the Luhn checksum used by bank cards."""
    if not number.isdigit() or not number:
        return False
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def _is_card(raw: str) -> bool:
    digits = re.sub(r"[ -]", "", raw)
    if not 13 <= len(digits) <= 19 or not luhn_valid(digits):
        return False
    # "86" followed by a mobile number is a phone in international form, not a card.
    return not re.fullmatch(r"861[3-9]\d{9}", digits)


def _masker(kind: PiiKind, accept: Callable[[str], bool] | None = None) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        if accept is not None and not accept(match.group(0)):
            return match.group(0)
        return PLACEHOLDERS[kind]

    return replace


def _mask_social_security(match: re.Match[str]) -> str:
    value = match.group("value")
    if not any(char.isdigit() for char in value):
        return match.group(0)
    return f"{match.group('label')}{match.group('sep')}{PLACEHOLDERS['social_security']}"


def mask(text: str) -> tuple[str, tuple[PiiKind, ...]]:
    """Replace personal data in `text` with typed placeholders.

    Returns:
        The masked text and the kinds that were masked, in `PII_KINDS` order. Hotlines (120, 12345, ...),
        dates, years and amounts are never touched: every pattern needs at least 7 digits or an @.

    """
    found: set[PiiKind] = set()
    steps: tuple[tuple[PiiKind, re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
        ("email", _EMAIL, _masker("email")),
        ("social_security", _SOCIAL_SECURITY, _mask_social_security),
        ("id_card", _ID18, _masker("id_card", is_resident_id)),
        ("id_card", _ID15, _masker("id_card", is_resident_id)),
        ("bank_card", _CARD, _masker("bank_card", _is_card)),
        ("mobile", _MOBILE, _masker("mobile")),
        ("landline", _LANDLINE, _masker("landline")),
    )
    for kind, pattern, replace in steps:
        text, count = _substitute(pattern, replace, text)
        if count:
            found.add(kind)
    return text, tuple(kind for kind in PII_KINDS if kind in found)


def _substitute(
    pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str], text: str
) -> tuple[str, int]:
    changed = 0

    def counted(match: re.Match[str]) -> str:
        nonlocal changed
        result = replace(match)
        if result != match.group(0):
            changed += 1
        return result

    return pattern.sub(counted, text), changed
