"""Opening hours of a hall as data: is it open now, today's hours, the week in words."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")

Ranges = list[tuple[time, time]]


def _parse_range(text: str) -> tuple[time, time]:
    start, end = text.split("-")
    return time.fromisoformat(start), time.fromisoformat(end)


def day_ranges(hours: dict[str, Any], weekday: int) -> Ranges:
    """The opening ranges for a weekday (0 = Monday); empty when closed."""
    return [_parse_range(r) for r in hours.get(DAY_KEYS[weekday], [])]


def is_open(hours: dict[str, Any], when: datetime) -> bool:
    """True when `when` (Beijing time) falls inside an opening range."""
    now = when.time()
    return any(start <= now < end for start, end in day_ranges(hours, when.weekday()))


def closing_time(hours: dict[str, Any], when: datetime) -> str | None:
    """When the current opening range ends (HH:MM), or None when closed at `when`."""
    now = when.time()
    for start, end in day_ranges(hours, when.weekday()):
        if start <= now < end:
            return end.strftime("%H:%M")
    return None


def today_text(hours: dict[str, Any], when: datetime) -> str:
    """Today's hours, e.g. 09:00-12:00、13:30-17:00, or 今日休息."""
    ranges = hours.get(DAY_KEYS[when.weekday()], [])
    return "、".join(ranges) if ranges else "今日休息"


def next_opening(hours: dict[str, Any], when: datetime) -> datetime | None:
    """The next moment the hall opens after `when` within a week, or None."""
    for offset in range(8):
        day = when + timedelta(days=offset)
        for start, _end in day_ranges(hours, day.weekday()):
            candidate = datetime.combine(day.date(), start, tzinfo=when.tzinfo)
            if candidate > when:
                return candidate
    return None


def week_text(hours: dict[str, Any]) -> str:
    """The weekly schedule in words, grouping equal consecutive days (周一至周五 09:00-17:30；周日休息)."""
    parts: list[str] = []
    index = 0
    while index < 7:
        ranges = hours.get(DAY_KEYS[index], [])
        end = index
        while end + 1 < 7 and hours.get(DAY_KEYS[end + 1], []) == ranges:
            end += 1
        days = DAY_NAMES[index] if end == index else f"{DAY_NAMES[index]}至{DAY_NAMES[end]}"
        parts.append(f"{days} {'、'.join(ranges)}" if ranges else f"{days}休息")
        index = end + 1
    return "；".join(parts)


def when_text(moment: datetime, now: datetime) -> str:
    """A moment relative to now: 今天 14:00, 明天 09:00, or 周一（6月15日） 09:00."""
    delta = (moment.date() - now.date()).days
    clock = moment.strftime("%H:%M")
    if delta == 0:
        return f"今天 {clock}"
    if delta == 1:
        return f"明天 {clock}"
    return f"{DAY_NAMES[moment.weekday()]}（{moment.month}月{moment.day}日） {clock}"
