"""Every Redis key pattern and TTL the service uses, in one place."""

from __future__ import annotations

PREFIX = "graph-api"


def views(meter: str) -> str:
    """SET of codes viewed in the current period by one meter (guest, user or partner key). TTL: the period."""
    return f"{PREFIX}:views:{meter}"


def api_key(digest: str) -> str:
    """HASH describing a partner key, found by the SHA-256 of the key. No TTL: revoked by deletion."""
    return f"{PREFIX}:apikey:{digest}"


def api_key_ids() -> str:
    """HASH key id -> SHA-256 digest, to list and revoke keys by id. No TTL."""
    return f"{PREFIX}:apikey-ids"


def rate(key_id: str, minute: int) -> str:
    """Request counter of one caller (partner key id, user:<sub>, addr:<address>) for one clock minute.
    TTL: RATE_WINDOW_S."""
    return f"{PREFIX}:rate:{key_id}:{minute}"


def cost(subject: str, minute: int) -> str:
    """Sum of operation costs one caller spent in one clock minute (same subjects as rate). TTL: RATE_WINDOW_S."""
    return f"{PREFIX}:cost:{subject}:{minute}"


def address_meter(address: str) -> str:
    """The meter name (for views()) that the guests of one client address share. TTL: the period."""
    return f"addr:{address}"


RATE_WINDOW_S = 60
