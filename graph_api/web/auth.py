"""/register, /login, /logout: free accounts (graph_api/access/accounts.py) behind CSRF-checked forms.

Messages never say whether an email has an account: a wrong email and a wrong password read the same.
"""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from redis.exceptions import RedisError
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from graph_api.access import accounts, redis_keys
from graph_api.access.identity import SESSION_COOKIE
from graph_api.services import Services
from graph_api.web.render import CSRF_FIELD, csrf_ok, form_fields, page

WRONG = "The email or password is wrong."
TAKEN = "No account was created with these details. If you already have an account, sign in instead."
EXPIRED = "The form has expired. Please try again."
TOO_MANY = "Too many attempts. Please wait 15 minutes and try again."
UNAVAILABLE = "Accounts are unavailable right now. Please try again shortly."


def _next(raw: object) -> str:
    """Only a path on this site: no scheme, no host, no '//' (an open redirect otherwise)."""
    target = raw if isinstance(raw, str) else ""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


class Forms:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.secure = services.settings.cookie_secure

    def _form(
        self, request: Request, name: str, message: str = "", status: int = 200, fields: dict[str, str] | None = None
    ) -> Response:
        """The form, again with the email and the page to go back to when it is a refused submission."""
        title = {"register": "Create a free account", "login": "Sign in"}[name]
        alert = f'<p class="alert" role="alert">{escape(message)}</p>' if message else ""
        fields = fields or {}
        target = _next(fields.get("next", request.query_params.get("next", "/")))
        return page(
            request, name, title, status, self.secure,
            alert=alert, next=escape(target), next_q=escape(quote(target)), email=escape(fields.get("email", "")),
        )  # fmt: skip

    def _signed_in(self, token: str, target: str) -> Response:
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(
            SESSION_COOKIE, token, max_age=redis_keys.SESSION_TTL_S, httponly=True, samesite="lax",
            secure=self.secure, path="/",
        )  # fmt: skip
        return response

    async def _checked(self, request: Request, name: str) -> tuple[dict[str, str], Response | None]:
        """The form's fields, or the response refusing it (bad CSRF token, too many attempts)."""
        fields = await form_fields(request)
        if not csrf_ok(request, fields.get(CSRF_FIELD)):
            return fields, self._form(request, name, EXPIRED, 403, fields)
        client = request.client.host if request.client else "unknown"
        try:
            allowed = await accounts.login_allowed(
                self.services.redis, self.services.scripts, client, fields.get("email", "")
            )
        except (RedisError, OSError):
            return fields, self._form(request, name, UNAVAILABLE, 503, fields)
        if not allowed:
            return fields, self._form(request, name, TOO_MANY, 429, fields)
        return fields, None

    async def login(self, request: Request) -> Response:
        if request.method == "GET":
            return self._form(request, "login")
        fields, refused = await self._checked(request, "login")
        if refused:
            return refused
        email, password = fields.get("email", ""), fields.get("password", "")
        redis = self.services.redis
        try:
            user = await accounts.authenticate(redis, email, password)
            if user is None:
                return self._form(request, "login", WRONG, 401, fields)
            token = await accounts.start_session(redis, user.id)
        except (RedisError, OSError):
            return self._form(request, "login", UNAVAILABLE, 503, fields)
        return self._signed_in(token, _next(fields.get("next")))

    async def register(self, request: Request) -> Response:
        if request.method == "GET":
            return self._form(request, "register")
        fields, refused = await self._checked(request, "register")
        if refused:
            return refused
        email, password = fields.get("email", ""), fields.get("password", "")
        redis = self.services.redis
        try:
            user = await accounts.register(redis, email, password)
            # The email has an account: its owner (right password) is signed in like a new account;
            # anyone else gets a message that does not say the email is taken.
            user = user or await accounts.authenticate(redis, email, password)
            if user is None:
                return self._form(request, "register", TAKEN, 400, fields)
            token = await accounts.start_session(redis, user.id)
        except accounts.AccountError as exc:
            return self._form(request, "register", str(exc), 400, fields)
        except (RedisError, OSError):
            return self._form(request, "register", UNAVAILABLE, 503, fields)
        return self._signed_in(token, _next(fields.get("next")))

    async def logout(self, request: Request) -> Response:
        # GET signs out too: the worst a forged sign-out does is sign someone out.
        if request.method == "POST" and not csrf_ok(request, (await form_fields(request)).get(CSRF_FIELD)):
            return page(request, "logout", "Sign out", 403, self.secure)
        token = request.cookies.get(SESSION_COOKIE)
        if token:
            try:
                await accounts.end_session(self.services.redis, token)
            except (RedisError, OSError):
                return page(request, "logout", "Sign out", 503, self.secure)
        response = RedirectResponse("/", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=self.secure)
        return response
