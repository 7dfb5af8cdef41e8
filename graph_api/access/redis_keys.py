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
    """Request counter of one partner key for one clock minute. TTL: RATE_WINDOW_S."""
    return f"{PREFIX}:rate:{key_id}:{minute}"


RATE_WINDOW_S = 60


def user(user_id: str) -> str:
    """HASH of one site account: id, email, tier, created, argon2id hash. No TTL: removed by `users delete`."""
    return f"{PREFIX}:user:{user_id}"


def user_emails() -> str:
    """HASH lower-cased email -> user id: one account per email, and the list `users list` shows. No TTL."""
    return f"{PREFIX}:user-emails"


def session(digest: str) -> str:
    """STRING user id of one signed-in browser, found by the SHA-256 of its session cookie. TTL: SESSION_TTL_S."""
    return f"{PREFIX}:session:{digest}"


def login_attempts(scope: str) -> str:
    """Counter of sign-in attempts of one client IP or one email in the current window. TTL: LOGIN_WINDOW_S."""
    return f"{PREFIX}:login:{scope}"


SESSION_TTL_S = 30 * 86400
LOGIN_WINDOW_S = 15 * 60
