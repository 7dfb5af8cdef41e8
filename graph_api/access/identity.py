"""Who is calling: a user (JWT), a partner (API key) or a guest (signed cookie, else client IP).

Pure ASGI middleware: refuses bad credentials with 401, partners over their rate with 429, and
sets or clears the guest cookie on the way out.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any

import jwt
from redis.asyncio import Redis
from redis.exceptions import RedisError

from graph_api.access import redis_keys
from graph_api.access.scripts import Scripts
from graph_api.settings import Settings

COOKIE = "guest_id"
USER_TIERS = ("registered", "premium")


@dataclass(frozen=True, slots=True)
class Identity:
    tier: str  # guest, registered, premium, partner
    meter: str  # the meter this caller's views count against
    limit: int  # -1: unlimited


class IdentityError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


def sign(settings: Settings, value: str) -> str:
    key = settings.graph_api_secret.get_secret_value().encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:32]


def guest_cookie_value(settings: Settings, guest: str) -> str:
    return f"{guest}.{sign(settings, guest)}"


def _guest_from_cookie(settings: Settings, raw: str | None) -> str | None:
    if not raw or "." not in raw:
        return None
    guest, signature = raw.rsplit(".", 1)
    return guest if hmac.compare_digest(signature, sign(settings, guest)) else None


def issue_token(settings: Settings, user: str, tier: str, days: float = 7) -> str:
    claims = {"sub": user, "tier": tier, "exp": int(time.time() + days * 86400)}
    return jwt.encode(claims, settings.graph_api_secret.get_secret_value(), algorithm="HS256")


def _verify(settings: Settings, token: str) -> dict[str, Any]:
    key, algorithm = (
        (settings.jwt_public_key, "RS256") if settings.jwt_public_key
        else (settings.graph_api_secret.get_secret_value(), "HS256")
    )  # fmt: skip
    try:
        claims: dict[str, Any] = jwt.decode(
            token, key, algorithms=[algorithm], options={"require": ["exp", "sub", "tier"]}
        )
    except jwt.ExpiredSignatureError as exc:
        raise IdentityError(401, "The bearer token has expired; sign in again.") from exc
    except jwt.InvalidTokenError as exc:
        raise IdentityError(401, f"The bearer token is not valid: {exc}") from exc
    if claims["tier"] not in USER_TIERS:
        raise IdentityError(401, f"The bearer token's tier must be one of {', '.join(USER_TIERS)}")
    return claims


def decoded(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else value


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class Resolver:
    """Resolves one request's identity; owns nothing but references to the process's clients."""

    def __init__(self, settings: Settings, redis: Redis, scripts: Scripts) -> None:
        self.settings = settings
        self.redis = redis
        self.scripts = scripts
        self.period_s = settings.view_period_days * 86400

    def _limit(self, tier: str) -> int:
        s = self.settings
        return {"guest": s.guest_view_limit, "registered": s.registered_view_limit,
                "premium": s.premium_view_limit}[tier]  # fmt: skip

    async def _carry(self, source: str, target: str, fresh_only: bool) -> None:
        # Redis down: the meter answers VIEW_LIMIT_UNAVAILABLE for page fields; other fields go on.
        with contextlib.suppress(RedisError, OSError):
            await self.scripts["carry_views"](
                keys=[redis_keys.views(source), redis_keys.views(target)],
                args=[self.period_s, "1" if fresh_only else "0"],
                client=self.redis,
            )

    async def _partner(self, key: str) -> tuple[Identity, dict[str, str]]:
        try:
            found = await self.redis.hgetall(redis_keys.api_key(key_digest(key)))
        except (RedisError, OSError) as exc:
            raise IdentityError(503, "API keys cannot be verified right now; retry shortly.") from exc
        if not found:
            raise IdentityError(401, "Unknown or revoked API key.")
        fields = {decoded(k): decoded(v) for k, v in found.items()}
        key_id, rpm = fields["id"], int(fields["rpm"])
        minute = int(time.time() // redis_keys.RATE_WINDOW_S)
        try:
            count, ttl = await self.scripts["count_request"](
                keys=[redis_keys.rate(key_id, minute)], args=[redis_keys.RATE_WINDOW_S], client=self.redis
            )
        except (RedisError, OSError) as exc:
            raise IdentityError(503, "API keys cannot be verified right now; retry shortly.") from exc
        reset = max(int(ttl), 1)
        headers = {"RateLimit-Limit": str(rpm), "RateLimit-Remaining": str(max(rpm - int(count), 0)),
                   "RateLimit-Reset": str(reset)}  # fmt: skip
        if int(count) > rpm:
            raise IdentityError(
                429,
                f"Rate limit of {rpm} requests per minute reached for this API key.",
                {**headers, "Retry-After": str(reset)},
            )
        return Identity("partner", f"partner:{key_id}", int(fields["quota"])), headers

    async def resolve(self, headers: dict[str, str], client_ip: str) -> tuple[Identity, dict[str, str], str | None]:
        """(identity, extra response headers, Set-Cookie value or None)."""
        cookies = SimpleCookie(headers.get("cookie", ""))
        guest = _guest_from_cookie(self.settings, cookies[COOKIE].value if COOKIE in cookies else None)
        if key := headers.get("x-api-key"):
            identity, extra = await self._partner(key)
            return identity, extra, None
        auth = headers.get("authorization", "")
        if auth:
            scheme, _, token = auth.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise IdentityError(401, "Authorization must be 'Bearer <token>'.")
            claims = _verify(self.settings, token.strip())
            identity = Identity(claims["tier"], f"user:{claims['sub']}", self._limit(claims["tier"]))
            if guest:  # signing in: the guest's pages are not charged twice; the cookie has done its work
                await self._carry(f"guest:{guest}", identity.meter, fresh_only=False)
                return identity, {}, f"{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
            return identity, {}, None
        if guest:
            identity = Identity("guest", f"guest:{guest}", self._limit("guest"))
            await self._carry(f"ip:{client_ip}", identity.meter, fresh_only=True)
            return identity, {}, None
        minted = secrets.token_urlsafe(12)
        secure = "; Secure" if self.settings.cookie_secure else ""
        cookie = (f"{COOKIE}={guest_cookie_value(self.settings, minted)}; Path=/; Max-Age={self.period_s}; "
                  f"HttpOnly; SameSite=Lax{secure}")  # fmt: skip
        return Identity("guest", f"ip:{client_ip}", self._limit("guest")), {}, cookie


class IdentityMiddleware:
    """Resolves the caller of each GraphQL request (and of paths under `prefixes`: exports) into
    scope['state']['identity']."""

    def __init__(self, app: Any, resolver: Resolver, path: str = "/graphql", prefixes: tuple[str, ...] = ()) -> None:
        self.app = app
        self.resolver = resolver
        self.path = path
        self.prefixes = prefixes

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or (scope["path"] != self.path and not scope["path"].startswith(self.prefixes)):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        client = (scope.get("client") or ("unknown", 0))[0]
        try:
            identity, extra, cookie = await self.resolver.resolve(headers, client)
        except IdentityError as exc:
            await _refuse(send, exc)
            return
        scope.setdefault("state", {})["identity"] = identity

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                added = [(k.lower().encode(), v.encode()) for k, v in extra.items()]
                if cookie:
                    added.append((b"set-cookie", cookie.encode()))
                message = {**message, "headers": [*message.get("headers", []), *added]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _refuse(send: Any, error: IdentityError) -> None:
    code = {401: "UNAUTHENTICATED", 429: "RATE_LIMITED"}.get(error.status, "SERVICE_UNAVAILABLE")
    body = json.dumps({"errors": [{"message": str(error), "extensions": {"code": code}}]})
    headers = [
        (b"content-type", b"application/json"),
        *((k.lower().encode(), v.encode()) for k, v in error.headers.items()),
    ]
    await send({"type": "http.response.start", "status": error.status, "headers": headers})
    await send({"type": "http.response.body", "body": body.encode()})
