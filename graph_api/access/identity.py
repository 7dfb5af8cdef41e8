"""Who is calling: a user (JWT), a partner (API key) or a guest (signed cookie, and its client address).

Pure ASGI middleware: refuses bad credentials with 401, any caller over its fair use with 429, and
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

from graph_api.access import redis_keys
from graph_api.access.client_address import bucket, client_address, trusted_networks
from graph_api.access.fair_use import FairUse, RateLimited
from graph_api.access.redis_client import REDIS_ERRORS, RedisClient
from graph_api.access.scripts import Scripts
from graph_api.settings import Settings

COOKIE = "guest_id"
SESSION_COOKIE = "session"  # a signed-in site browser (graph_api/access/accounts.py)
USER_TIERS = ("registered", "premium")


@dataclass(frozen=True, slots=True)
class Identity:
    tier: str  # guest, registered, premium, partner
    meter: str  # the meter this caller's views count against
    limit: int  # -1: unlimited
    shared: str | None = None  # a second meter this caller shares with others (a guest's address)
    shared_limit: int = -1
    subject: str = ""  # who fair use counts: a key id, user:<sub>, addr:<address>
    rpm: int = 0  # requests per minute (0: unlimited)


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


def credential_headers(api_key: str | None, token: str | None) -> dict[str, str]:
    """The request headers that present these credentials, for callers outside HTTP (MCP over stdio)."""
    headers = {"x-api-key": api_key} if api_key else {}
    return {**headers, "authorization": f"Bearer {token}"} if token else headers


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class Resolver:
    """Resolves one request's identity; owns nothing but references to the process's clients."""

    def __init__(self, settings: Settings, redis: RedisClient, scripts: Scripts) -> None:
        self.settings = settings
        self.redis = redis
        self.scripts = scripts
        self.period_s = settings.view_period_days * 86400
        self.trusted = trusted_networks(settings.trusted_proxies)
        self.fair_use = FairUse(redis, scripts, settings.cost_per_minute)
        self._verified: dict[str, tuple[Identity, float]] = {}  # key digest -> (identity, when verified)

    def _limit(self, tier: str) -> int:
        s = self.settings
        return {"guest": s.guest_view_limit, "registered": s.registered_view_limit,
                "premium": s.premium_view_limit}[tier]  # fmt: skip

    async def _carry(self, source: str, target: str, fresh_only: bool, source_slot: str | None = None) -> None:
        # Redis down: the meter answers VIEW_LIMIT_UNAVAILABLE for page fields; other fields go on.
        # Two steps, one key each: the meters of two callers live in different Redis Cluster slots.
        with contextlib.suppress(*REDIS_ERRORS):
            source_key = redis_keys.views(source, source_slot)
            codes: Any = await self.redis.smembers(source_key)  # typed sync-or-async; it is async
            if codes:
                ttl = await self.redis.ttl(source_key)
                await self.scripts["carry_views"](
                    keys=[redis_keys.views(target)],
                    args=[self.period_s, "1" if fresh_only else "0", int(ttl), *sorted(codes)],
                    client=self.redis,
                )

    async def _session(self, token: str) -> dict[str, Any] | None:
        """The account of a site session cookie; None (a guest) when signed out, deleted or Redis is down."""
        with contextlib.suppress(*REDIS_ERRORS):
            found = await self.scripts["resolve_session"](
                keys=[redis_keys.session(key_digest(token))], args=[redis_keys.user("")], client=self.redis
            )
            if found and decoded(found[1]) in USER_TIERS:
                return {"sub": decoded(found[0]), "tier": decoded(found[1])}
        return None

    async def _partner(self, key: str) -> Identity:
        digest = key_digest(key)
        try:
            found = await self.redis.hgetall(redis_keys.api_key(digest))
        except REDIS_ERRORS as exc:
            # Redis down: a key verified moments ago still answers free fields (revocation is seen within
            # API_KEY_MEMORY_S); an unknown one cannot be verified.
            remembered = self._verified.get(digest)
            if remembered and time.monotonic() - remembered[1] < self.settings.api_key_memory_s:
                return remembered[0]
            raise IdentityError(503, "API keys cannot be verified right now; retry shortly.") from exc
        if not found:
            self._verified.pop(digest, None)
            raise IdentityError(401, "Unknown or revoked API key.")
        fields = {decoded(k): decoded(v) for k, v in found.items()}
        key_id = fields["id"]
        identity = Identity("partner", f"partner:{key_id}", int(fields["quota"]), subject=key_id,
                            rpm=int(fields["rpm"]))  # fmt: skip
        if len(self._verified) > 10_000:
            self._verified.clear()
        self._verified[digest] = (identity, time.monotonic())
        return identity

    async def _fair_use(self, identity: Identity) -> dict[str, str]:
        try:
            return await self.fair_use.admit(identity.subject, identity.rpm)
        except RateLimited as exc:
            raise IdentityError(429, str(exc), exc.headers) from exc
        except REDIS_ERRORS:
            return {}  # not expected: FairUse counts in-process while Redis is down

    async def resolve(self, headers: dict[str, str], peer: str) -> tuple[Identity, dict[str, str], str | None]:
        """(identity, extra response headers, Set-Cookie value or None)."""
        identity, cookie = await self._identity(headers, peer)
        return identity, await self._fair_use(identity), cookie

    async def _identity(self, headers: dict[str, str], peer: str) -> tuple[Identity, str | None]:
        cookies = SimpleCookie(headers.get("cookie", ""))
        guest = _guest_from_cookie(self.settings, cookies[COOKIE].value if COOKIE in cookies else None)
        if key := headers.get("x-api-key"):
            return await self._partner(key), None
        rpm = self.settings.requests_per_minute
        auth = headers.get("authorization", "")
        session = cookies[SESSION_COOKIE].value if SESSION_COOKIE in cookies else None
        claims = await self._session(session) if session and not auth else None
        if auth or claims:
            scheme, _, token = auth.partition(" ")
            if not claims and (scheme.lower() != "bearer" or not token.strip()):
                raise IdentityError(401, "Authorization must be 'Bearer <token>'.")
            claims = claims or _verify(self.settings, token.strip())
            user = f"user:{claims['sub']}"
            identity = Identity(claims["tier"], user, self._limit(claims["tier"]), subject=user, rpm=rpm)
            if guest:  # signing in: the guest's pages are not charged twice; the cookie has done its work
                address = bucket(client_address(peer, headers.get("x-forwarded-for"), self.trusted))
                slot = redis_keys.address_meter(address)  # where that guest's meter lives
                await self._carry(f"guest:{guest}", identity.meter, fresh_only=False, source_slot=slot)
                return identity, f"{COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax"
            return identity, None
        # A guest is metered by its cookie AND its address: fresh cookies never mean fresh pages.
        address = bucket(client_address(peer, headers.get("x-forwarded-for"), self.trusted))
        shared = redis_keys.address_meter(address)
        cookie = None
        if not guest:
            guest = secrets.token_urlsafe(12)
            secure = "; Secure" if self.settings.cookie_secure or self.settings.production else ""
            cookie = (f"{COOKIE}={guest_cookie_value(self.settings, guest)}; Path=/; Max-Age={self.period_s}; "
                      f"HttpOnly; SameSite=Lax{secure}")  # fmt: skip
        identity = Identity("guest", f"guest:{guest}", self._limit("guest"), shared=shared,
                            shared_limit=self.settings.guest_address_view_limit, subject=shared, rpm=rpm)  # fmt: skip
        return identity, cookie


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
