"""Every Redis key pattern and TTL the service uses, in one place.

Redis Cluster: a key's hash slot comes from its hash tag (the part in braces). Keys one Lua script or one
MULTI touches together must share a tag, so every per-caller key is tagged with the caller's meter
(`{guest:...}`, `{user:...}`, `{partner:...}`, `{ip:...}`) and the partner-key registry with `{apikeys}`.
tests/unit/test_redis_slots.py checks that the keys of every script call share one slot.
"""

from __future__ import annotations

PREFIX = "graph-api"


def tag(meter: str) -> str:
    """The hash tag of one caller's keys: everything about one meter lives in one slot."""
    return "{" + meter + "}"


def views(meter: str, slot: str | None = None) -> str:
    """SET of codes viewed in the current period by one meter (guest, user or partner key). TTL: the period.

    A guest's meter lives in the slot of its address's shared meter (`slot`): record_guest_views.lua reads both."""
    if slot is None:
        return f"{PREFIX}:views:{tag(meter)}"
    return f"{PREFIX}:views:{tag(slot)}:{meter}"


def api_key(digest: str) -> str:
    """HASH describing a partner key, found by the SHA-256 of the key. No TTL: revoked by deletion."""
    return f"{PREFIX}:{{apikeys}}:key:{digest}"


def api_key_ids() -> str:
    """HASH key id -> SHA-256 digest, to list and revoke keys by id. No TTL. Same slot as api_key (one MULTI)."""
    return f"{PREFIX}:{{apikeys}}:ids"


def rate(key_id: str, minute: int) -> str:
    """Request counter of one caller (partner key id, user:<sub>, addr:<address>) for one clock minute.
    TTL: RATE_WINDOW_S. Tagged with the caller, like its cost counter (fair_use.lua reads both)."""
    return f"{PREFIX}:rate:{tag(key_id)}:{minute}"


def cost(subject: str, minute: int) -> str:
    """Sum of operation costs one caller spent in one clock minute (same subjects as rate). TTL: RATE_WINDOW_S."""
    return f"{PREFIX}:cost:{tag(subject)}:{minute}"


def address_meter(address: str) -> str:
    """The meter name (for views()) that the guests of one client address share. TTL: the period."""
    return f"addr:{address}"


RATE_WINDOW_S = 60


# Site accounts, their email index and their sessions share one hash slot: registering writes the account and the
# index together, and resolve_session.lua reads a session and then its account in one script.
ACCOUNTS = "{accounts}"


def user(user_id: str) -> str:
    """HASH of one site account: id, email, tier, created, argon2id hash. No TTL: removed by `users delete`."""
    return f"{PREFIX}:{ACCOUNTS}:user:{user_id}"


def user_emails() -> str:
    """HASH lower-cased email -> user id: one account per email, and the list `users list` shows. No TTL."""
    return f"{PREFIX}:{ACCOUNTS}:user-emails"


def session(digest: str) -> str:
    """STRING user id of one signed-in browser, found by the SHA-256 of its session cookie. TTL: SESSION_TTL_S."""
    return f"{PREFIX}:{ACCOUNTS}:session:{digest}"


def login_attempts(scope: str) -> str:
    """Counter of sign-in attempts of one client IP or one email in the current window. TTL: LOGIN_WINDOW_S."""
    return f"{PREFIX}:login:{tag(scope)}"


SESSION_TTL_S = 30 * 86400
LOGIN_WINDOW_S = 15 * 60
