"""/mcp in the API's Starlette app. The MCP SDK is imported, and the server built, on the first /mcp request:
importing the SDK costs about a second (several on a loaded machine), which the API's start-up should not pay."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio
from anyio.abc import TaskGroup, TaskStatus
from starlette.types import Receive, Scope, Send

from graph_api.services import Services


class HttpEndpoint:
    """The ASGI app for /mcp; `running()` is entered by the app's lifespan and holds the SDK's session manager."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self._app: Any = None
        self._tasks: TaskGroup | None = None
        self._starting: anyio.Lock | None = None
        self._stop: anyio.Event | None = None

    @asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        stop = self._stop = anyio.Event()
        self._starting = anyio.Lock()
        async with anyio.create_task_group() as tasks:
            self._tasks = tasks
            try:
                yield
            finally:
                self._tasks = None
                stop.set()  # the session manager's run() ends; the task group waits for it

    async def _serve(self, *, task_status: TaskStatus[None] = anyio.TASK_STATUS_IGNORED) -> None:
        from graph_api.mcp.server import streamable_http_app

        app, manager = streamable_http_app(self.services)
        assert self._stop is not None
        async with manager.run():
            self._app = app
            task_status.started()
            await self._stop.wait()
        self._app = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self._app is None and self._starting is not None:
            async with self._starting:
                if self._app is None and self._tasks is not None:
                    await self._tasks.start(self._serve)
        if self._app is None:
            await _unavailable(send)
            return
        await self._app(scope, receive, send)


async def _unavailable(send: Send) -> None:
    body = b'{"errors": [{"message": "MCP runs within the app\'s lifespan, which is not running", ' \
           b'"extensions": {"code": "SERVICE_UNAVAILABLE"}}]}'  # fmt: skip
    await send({"type": "http.response.start", "status": 503, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": body})
