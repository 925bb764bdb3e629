"""What every tool receives besides its arguments: the database and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone

from sqlalchemy.orm import Session, sessionmaker

# China keeps one time zone without daylight saving, so a fixed offset is exact.
BEIJING = timezone(timedelta(hours=8), name="Asia/Shanghai")
Clock = Callable[[], datetime]


def beijing_now() -> datetime:
    """The current time in Beijing, timezone-aware."""
    return datetime.now(BEIJING)


@dataclass(frozen=True)
class ToolContext:
    """The session factory and clock the tools run with (the clock is injectable for tests)."""

    session_factory: sessionmaker[Session]
    clock: Clock = field(default=beijing_now)

    def now(self) -> datetime:
        """Now, in Beijing time (naive clocks are taken as Beijing time)."""
        current = self.clock()
        if current.tzinfo is None:
            return current.replace(tzinfo=BEIJING)
        return current.astimezone(BEIJING)

    def today(self) -> date:
        """Today's date in Beijing."""
        return self.now().date()

    def now_utc_naive(self) -> datetime:
        """Now as naive UTC, the form timestamps are stored in."""
        return self.now().astimezone(UTC).replace(tzinfo=None)


def to_beijing(stored: datetime) -> datetime:
    """A stored naive-UTC timestamp as timezone-aware Beijing time."""
    return stored.replace(tzinfo=UTC).astimezone(BEIJING)
