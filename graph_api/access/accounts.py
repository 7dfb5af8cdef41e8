"""Free site accounts in Redis: email + argon2id hash, browser sessions, and the sign-in rate limit.

Keys and TTLs: graph_api/access/redis_keys.py. A session cookie is a random token; Redis keeps only its SHA-256,
so signing out, deleting an account or changing its tier takes effect on the next request.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from graph_api.access import redis_keys
from graph_api.access.identity import USER_TIERS, decoded, key_digest
from graph_api.access.redis_client import RedisClient
from graph_api.access.scripts import Scripts

MIN_PASSWORD = 8
MAX_PASSWORD = 1024
# Per window (redis_keys.LOGIN_WINDOW_S): attempts from one client IP, and attempts at one email.
LOGIN_LIMIT_IP = 30
LOGIN_LIMIT_EMAIL = 10

_hasher = PasswordHasher()  # argon2id, RFC 9106 low-memory profile (t=3, m=64 MiB, p=4)
# Verified against when the email is unknown, so a wrong email costs the same time as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class AccountError(Exception):
    """Input the user can fix; the message is safe to show."""


@dataclass(frozen=True, slots=True)
class User:
    id: str
    email: str
    tier: str
    created: str


def normalize_email(raw: str) -> str:
    email = raw.strip().lower()
    local, _, domain = email.partition("@")
    if not local or "." not in domain or len(email) > 254 or any(c.isspace() for c in email):
        raise AccountError("Enter an email address such as name@example.org.")
    return email


def check_password(password: str) -> None:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise AccountError(f"Choose a password of at least {MIN_PASSWORD} characters.")


async def _hash_of(redis: RedisClient, key: str) -> dict[str, str]:
    pending: Any = redis.hgetall(key)  # redis-py types this as sync-or-async; the client is async
    return {decoded(k): decoded(v) for k, v in (await pending).items()}


def _user(fields: dict[str, str]) -> User:
    return User(fields["id"], fields["email"], fields["tier"], fields["created"])


async def register(redis: RedisClient, email: str, password: str) -> User | None:
    """The new account, or None when the email already has one (the caller must not say so)."""
    email = normalize_email(email)
    check_password(password)
    user_id = secrets.token_hex(8)
    if not await redis.hsetnx(redis_keys.user_emails(), email, user_id):
        return None
    digest = await asyncio.to_thread(_hasher.hash, password)
    user = User(user_id, email, "registered", datetime.now(UTC).isoformat(timespec="seconds"))
    fields = {"id": user.id, "email": email, "tier": user.tier, "created": user.created, "hash": digest}
    await redis.hset(redis_keys.user(user_id), mapping=fields)  # type: ignore[arg-type]
    return user


async def authenticate(redis: RedisClient, email: str, password: str) -> User | None:
    """The account when email and password match; None otherwise (never says which one was wrong)."""
    with contextlib.suppress(AccountError):
        email = normalize_email(email)
    user_id = await redis.hget(redis_keys.user_emails(), email)
    fields = await _hash_of(redis, redis_keys.user(decoded(user_id))) if user_id else {}
    stored = fields.get("hash", _DUMMY_HASH)
    try:
        await asyncio.to_thread(_hasher.verify, stored, password[:MAX_PASSWORD])
    except (VerificationError, InvalidHashError):
        return None
    return _user(fields) if fields else None


async def login_allowed(redis: RedisClient, scripts: Scripts, client_ip: str, email: str) -> bool:
    """Counts one sign-in attempt against the client IP and the email; False once either is over its limit."""
    allowed = True
    for scope, limit in (
        (f"ip:{client_ip}", LOGIN_LIMIT_IP),
        (f"email:{key_digest(email.strip().lower())}", LOGIN_LIMIT_EMAIL),
    ):
        count, _ttl = await scripts["count_request"](
            keys=[redis_keys.login_attempts(scope)], args=[redis_keys.LOGIN_WINDOW_S], client=redis
        )
        allowed = allowed and int(count) <= limit
    return allowed


async def start_session(redis: RedisClient, user_id: str) -> str:
    token = secrets.token_urlsafe(32)
    await redis.set(redis_keys.session(key_digest(token)), user_id, ex=redis_keys.SESSION_TTL_S)
    return token


async def end_session(redis: RedisClient, token: str) -> None:
    await redis.delete(redis_keys.session(key_digest(token)))


async def listed(redis: RedisClient) -> list[User]:
    users = []
    for user_id in (await _hash_of(redis, redis_keys.user_emails())).values():
        fields = await _hash_of(redis, redis_keys.user(user_id))
        if fields:
            users.append(_user(fields))
    return sorted(users, key=lambda u: u.created)


async def find(redis: RedisClient, email: str) -> User | None:
    user_id = await redis.hget(redis_keys.user_emails(), normalize_email(email))
    fields = await _hash_of(redis, redis_keys.user(decoded(user_id))) if user_id else {}
    return _user(fields) if fields else None


async def set_tier(redis: RedisClient, email: str, tier: str) -> User | None:
    if tier not in USER_TIERS:
        raise AccountError(f"tier must be one of {', '.join(USER_TIERS)}")
    user = await find(redis, email)
    if user is None:
        return None
    await redis.hset(redis_keys.user(user.id), "tier", tier)
    return User(user.id, user.email, tier, user.created)


async def delete(redis: RedisClient, email: str) -> User | None:
    """Removes the account, its email and its view meter; its sessions stop resolving at once."""
    user = await find(redis, email)
    if user is None:
        return None
    async with redis.pipeline(transaction=True) as pipe:  # one slot: the account and its email
        pipe.delete(redis_keys.user(user.id))
        pipe.hdel(redis_keys.user_emails(), user.email)
        await pipe.execute()
    await redis.delete(redis_keys.views(f"user:{user.id}"))  # the meter lives in the caller's own slot
    return user
