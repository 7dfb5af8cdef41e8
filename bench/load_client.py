"""A lean HTTP/1.1 keep-alive client for load generators (loopback only).

httpx spends a few milliseconds of CPU per request; on two shared cores a soak at 200 requests/s then measures
its own client (the server sat at 10 % CPU while requests queued in the client for seconds). This one writes a
prepared request on a pooled connection and reads the status line, the headers and Content-Length bytes: tens
of microseconds per request. Only what the benches need: POST of a JSON body, responses with Content-Length.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any


class LoadClient:
    def __init__(self, port: int, connections: int, headers: dict[str, str] | None = None, wait_s: float = 30) -> None:
        self.port = port
        self.wait_s = wait_s
        self.extra = "".join(f"{k}: {v}\r\n" for k, v in (headers or {}).items())
        self._idle: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter] | None] = asyncio.Queue()
        for _ in range(connections):
            self._idle.put_nowait(None)  # a free slot: connected on first use

    async def post_json(self, path: str, payload: dict[str, Any]) -> tuple[int, bytes]:
        """(status, body); raises OSError or TimeoutError when the server does not answer."""
        body = json.dumps(payload).encode()
        head = (
            f"POST {path} HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
            f"content-length: {len(body)}\r\n{self.extra}\r\n"
        ).encode()
        conn = await self._idle.get()
        try:
            if conn is None:
                conn = await asyncio.open_connection("127.0.0.1", self.port)
            reader, writer = conn
            writer.write(head + body)
            async with asyncio.timeout(self.wait_s):
                status, answer = await _response(reader)
        except BaseException:
            if conn is not None:
                conn[1].close()
            self._idle.put_nowait(None)
            raise
        self._idle.put_nowait(conn)
        return status, answer

    async def close(self) -> None:
        while not self._idle.empty():
            conn = self._idle.get_nowait()
            if conn is not None:
                conn[1].close()


async def _response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionResetError("the server closed the connection")
    status = int(status_line.split(b" ", 2)[1])
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    return status, await reader.readexactly(length)
