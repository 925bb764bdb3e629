"""Who is calling a tool: a citizen, hall staff, another service, or an anonymous visitor."""

from __future__ import annotations

from typing import Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

CallerKind = Literal["citizen", "staff", "service", "anonymous"]


class Caller(BaseModel):
    """The authenticated identity a tool call runs as; set by serving, never by a model.

    - citizen: `user_id` required; sees only their own bookings and work orders.
    - staff: `user_id` and `hall_id` required; sees the work-order queue of that hall.
    - service: another system; with `user_id` it acts for that citizen, without it only looks up.
    - anonymous: neither; only read-only lookups.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: CallerKind
    user_id: str | None = Field(default=None, min_length=1, max_length=128)
    hall_id: int | None = None

    @model_validator(mode="after")
    def _check_kind(self) -> Self:
        if self.kind == "citizen" and self.user_id is None:
            raise ValueError("a citizen caller needs user_id")
        if self.kind == "staff" and (self.user_id is None or self.hall_id is None):
            raise ValueError("a staff caller needs user_id and hall_id")
        if self.kind == "anonymous" and (self.user_id is not None or self.hall_id is not None):
            raise ValueError("an anonymous caller has no user_id or hall_id")
        if self.kind in ("citizen", "service") and self.hall_id is not None:
            raise ValueError("only staff callers carry hall_id")
        return self

    @classmethod
    def anonymous(cls) -> Caller:
        """A visitor who has not logged in."""
        return cls(kind="anonymous")

    @classmethod
    def citizen(cls, user_id: str) -> Caller:
        """A logged-in, real-name citizen."""
        return cls(kind="citizen", user_id=user_id)

    @classmethod
    def staff(cls, user_id: str, hall_id: int) -> Caller:
        """A member of staff at one service hall."""
        return cls(kind="staff", user_id=user_id, hall_id=hall_id)

    @classmethod
    def service(cls, user_id: str | None = None) -> Caller:
        """Another system; with `user_id` it acts for that citizen."""
        return cls(kind="service", user_id=user_id)

    @property
    def acts_for_citizen(self) -> bool:
        """True when the call is made by or for one identified citizen."""
        return self.kind in ("citizen", "service") and self.user_id is not None
