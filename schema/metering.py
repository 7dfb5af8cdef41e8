"""Code page views are metered: what the schema asks of a meter, and the viewer's account of it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import strawberry

from schema.errors import CodedError
from schema.records import CodeKey

UPGRADE_HINT = {
    "guest": "Sign in with a free account to see 5 more code pages, or subscribe for unlimited pages.",
    "registered": "Subscribe to premium for unlimited code pages; the allowance renews at resetsAt.",
    "partner": "The API key's quota is used up; ask us to raise it, or wait until resetsAt.",
}


@dataclass(frozen=True, slots=True)
class SharedStatus:
    """A budget several callers draw on: the code pages of all the guests of one client address."""

    limit: int | None  # None: unlimited
    used: int
    resets_at: datetime | None

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.used, 0)


@dataclass(frozen=True, slots=True)
class MeterStatus:
    tier: str
    limit: int | None  # None: unlimited
    used: int
    resets_at: datetime | None
    shared: SharedStatus | None = None  # a guest's address budget; None for everyone else

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(self.limit - self.used, 0)

    def as_extension(self) -> dict[str, object]:
        return {
            "tier": self.tier,
            "limit": self.limit,
            "used": self.used,
            "remaining": self.remaining,
            "resetsAt": self.resets_at.isoformat() if self.resets_at else None,
        }


class Meter(Protocol):
    """Admits code page views for the caller of one request."""

    async def admit(self, keys: Sequence[CodeKey]) -> list[bool]: ...

    async def status(self) -> MeterStatus: ...

    @property
    def last_status(self) -> MeterStatus | None: ...


class ViewLimitReached(CodedError):
    code = "VIEW_LIMIT_REACHED"

    def __init__(self, status: MeterStatus) -> None:
        super().__init__(
            f"The {status.tier} allowance of {status.limit} code pages is used up",
            **{**status.as_extension(), "remaining": 0},
            hint=UPGRADE_HINT.get(status.tier, ""),
        )


class ViewLimitUnavailable(CodedError):
    code = "VIEW_LIMIT_UNAVAILABLE"


@strawberry.type(
    description="The code pages all the guests of one client address share per period: clearing cookies gives a "
    "guest a fresh allowance of its own, never a fresh address allowance."
)
class AddressAllowance:
    shared: strawberry.Private[SharedStatus]

    @strawberry.field(description="Code pages per period for the address; null when unlimited.")
    def limit(self) -> int | None:
        return self.shared.limit

    @strawberry.field(description="Distinct code pages the address's guests viewed this period.")
    def used(self) -> int:
        return self.shared.used

    @strawberry.field
    def remaining(self) -> int | None:
        return self.shared.remaining

    @strawberry.field(description="When the address's period ends; null before its first view.")
    def resets_at(self) -> datetime | None:
        return self.shared.resets_at


@strawberry.type(description="The caller's code page allowance. Reading it consumes nothing.")
class Viewer:
    meter: strawberry.Private[MeterStatus]

    @strawberry.field(description="guest, registered, premium or partner")
    def tier(self) -> str:
        return self.meter.tier

    @strawberry.field(description="Code pages per period; null when unlimited.")
    def limit(self) -> int | None:
        return self.meter.limit

    @strawberry.field
    def used(self) -> int:
        return self.meter.used

    @strawberry.field
    def remaining(self) -> int | None:
        return self.meter.remaining

    @strawberry.field(description="When the period ends; null before the first view.")
    def resets_at(self) -> datetime | None:
        return self.meter.resets_at

    @strawberry.field(
        description="A guest's share of its client address's allowance (null for signed-in callers and partners). "
        "A guest views a new code page only while both remaining and addressAllowance.remaining are above 0; "
        "a page another guest of the address viewed costs the guest a page, not the address."
    )
    def address_allowance(self) -> AddressAllowance | None:
        return AddressAllowance(shared=self.meter.shared) if self.meter.shared else None
