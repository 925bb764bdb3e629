"""Resident ID numbers (GB 11643-1999): check digit, birth date, masking, hashing."""

from __future__ import annotations

import hashlib
from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def validate_id_number(value: str, today: date | None = None) -> str:
    """Return the normalised 18-character ID number, or raise ValueError with a Chinese message."""
    text = "".join(value.split()).upper()
    if len(text) == 15 and text.isdigit():
        raise ValueError("身份证号码应为18位，请使用第二代居民身份证号码")
    if len(text) != 18:
        raise ValueError(f"身份证号码应为18位，当前为{len(text)}位")
    if not text[:17].isdigit() or not (text[17].isdigit() or text[17] == "X"):
        raise ValueError("身份证号码格式不正确：前17位应为数字，最后一位为数字或X")
    if text[0] not in "12345678":
        raise ValueError("身份证号码格式不正确：地区代码无效")
    born = birth_date(text)
    if born is None:
        raise ValueError("身份证号码中的出生日期无效，请核对后重新输入")
    if born > (today or date.today()) or born.year < 1880:
        raise ValueError("身份证号码中的出生日期无效，请核对后重新输入")
    if check_char(text[:17]) != text[17]:
        raise ValueError("身份证号码校验位不正确，请核对后重新输入")
    return text


def birth_date(id_number: str) -> date | None:
    """The birth date encoded in an 18-digit ID number, or None when it is not a real date."""
    try:
        return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError:
        return None


def mask(id_number: str) -> str:
    """Keep the first 3 and last 4 characters: 420***********123X."""
    return id_number[:3] + "*" * (len(id_number) - 7) + id_number[-4:]


def digest(id_number: str) -> str:
    """A SHA-256 hex digest, so bookings can be matched without storing the number."""
    return hashlib.sha256(("hubei-id:" + id_number).encode()).hexdigest()


def age_on(born: date, today: date) -> int:
    """Full years of age (周岁) on `today`."""
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))
