"""A phone in the room, as plain asyncio: it loads a talk's audience page, then follows the talk's
Server-Sent Events as a browser's EventSource does (reconnecting after the server's ``retry``, with
its affinity cookie). Used by the room load test and by the tests of the audience routes.

Nothing here is collected by pytest; every wait is bounded.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import time
import urllib.request
from collections.abc import AsyncIterator, Collection
from dataclasses import dataclass, field
from urllib.parse import urlsplit

SLIDE_HEAD = re.compile(r'\{"seq":(\d+),"slide":(\d+),')


@dataclass
class Reply:
    status: int
    headers: dict[str, list[str]]
    body: bytes = b""

    def header(self, name: str) -> str | None:
        values = self.headers.get(name.lower())
        return values[-1] if values else None


async def _read_head(reader: asyncio.StreamReader) -> tuple[int, dict[str, list[str]]]:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("connection closed before a reply")
    status = int(status_line.split()[1])
    headers: dict[str, list[str]] = {}
    while True:
        line = (await reader.readline()).decode("latin-1").rstrip("\r\n")
        if not line:
            return status, headers
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())


async def _body(reader: asyncio.StreamReader, headers: dict[str, list[str]]) -> AsyncIterator:
    """The body as it arrives: chunked or by length (or until the connection closes)."""
    if "chunked" in ",".join(headers.get("transfer-encoding", [])).lower():
        while True:
            size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
            if size == 0:
                await reader.readline()
                return
            data = await reader.readexactly(size)
            await reader.readexactly(2)
            yield data
    elif "content-length" in headers:
        yield await reader.readexactly(int(headers["content-length"][-1]))
    else:
        while chunk := await reader.read(65536):
            yield chunk


def _request(method: str, url: str, headers: dict[str, str], body: bytes = b"") -> tuple[str, int, bytes]:
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    lines = [f"{method} {path} HTTP/1.1", f"Host: {parts.netloc}", "Connection: close"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    if body:
        lines.append(f"Content-Length: {len(body)}")
    return parts.hostname or "127.0.0.1", parts.port or 80, ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def fetch(url: str, *, method: str = "GET", headers: dict[str, str] | None = None, body: bytes = b"",
                timeout: float = 30) -> Reply:  # fmt: skip
    """One HTTP/1.1 request; the whole reply."""
    host, port, raw = _request(method, url, headers or {}, body)

    async def go() -> Reply:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            writer.write(raw)
            await writer.drain()
            status, head = await _read_head(reader)
            data = b"".join([c async for c in _body(reader, head)])
            return Reply(status, head, data)
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    return await asyncio.wait_for(go(), timeout)


@dataclass
class Phone:
    """One audience phone. ``seen``: (seq, slide, time.monotonic() when it arrived) of each slide event."""

    n: int
    base: str  # http://host:port
    talk: str
    cookie: str = ""
    seen: list[tuple[int, int, float]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    upstreams: list[str] = field(default_factory=list)  # X-Upstream of each reply (through nginx)
    tried: list[str] = field(default_factory=list)  # the whole X-Upstream: "a, b" when a failed first
    connects: int = 0
    gone: bool = False
    retry_s: float = 1.0
    _task: asyncio.Task | None = None
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    def _headers(self, accept: str) -> dict[str, str]:
        h = {"Accept": accept, "User-Agent": f"room-phone/{self.n} (Mobile)"}
        if self.cookie:
            h["Cookie"] = self.cookie
        return h

    def _keep_cookie(self, reply_headers: dict[str, list[str]]) -> None:
        for value in reply_headers.get("set-cookie", []):
            pair = value.split(";", 1)[0]
            if pair.startswith("dashboard_replica="):
                self.cookie = pair
        if up := reply_headers.get("x-upstream"):
            # nginx lists every replica it tried ("a, b" when a was down): the one that answered is last
            self.upstreams.append(up[-1].split(",")[-1].strip())
            self.tried.append(up[-1])

    async def open_page(self, timeout: float = 30) -> Reply:
        reply = await fetch(f"{self.base}/talk/{self.talk}", headers=self._headers("text/html"), timeout=timeout)
        self._keep_cookie(reply.headers)
        if reply.status != 200:
            self.errors.append(f"page: HTTP {reply.status}")
        return reply

    @property
    def slide(self) -> int | None:
        return self.seen[-1][1] if self.seen else None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._follow())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._task

    async def wait_for(self, slide: int, timeout: float) -> float | None:
        """time.monotonic() when ``slide`` (1-based) arrived, None when it did not within ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            for _, s, at in reversed(self.seen):
                if s == slide:
                    return at
            left = deadline - time.monotonic()
            if left <= 0 or self.gone:
                return None
            changed = self._changed
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(changed.wait(), left)

    def _got(self, seq: int, slide: int) -> None:
        self.seen.append((seq, slide, time.monotonic()))
        self._changed.set()
        self._changed = asyncio.Event()

    async def _follow(self) -> None:
        """Like EventSource: connect, read events, reconnect after ``retry`` unless told the talk is gone."""
        while not self.gone:
            try:
                await self._stream_once()
            except asyncio.CancelledError:
                raise
            except Exception as err:
                self.errors.append(f"stream: {type(err).__name__}: {err}"[:200])
            if self.gone:
                return
            await asyncio.sleep(self.retry_s)

    async def _stream_once(self) -> None:
        host, port, raw = _request("GET", f"{self.base}/talk/{self.talk}/events?c=phone-{self.n}",
                                   self._headers("text/event-stream"))  # fmt: skip
        reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 10)
        try:
            writer.write(raw)
            await writer.drain()
            status, head = await asyncio.wait_for(_read_head(reader), 30)
            self._keep_cookie(head)
            self.connects += 1
            if status != 200:
                self.errors.append(f"events: HTTP {status}")
                if status in (400, 404):
                    self.gone = True  # EventSource gives up on these too
                return
            buffer = ""
            async for chunk in _body(reader, head):
                buffer += chunk.decode()
                while "\n\n" in buffer:
                    block, buffer = buffer.split("\n\n", 1)
                    self._event(block)
            raise ConnectionError("stream ended")
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    def _event(self, block: str) -> None:
        kind, data = "message", []
        for line in block.split("\n"):
            if line.startswith("retry:"):
                self.retry_s = int(line[6:].strip()) / 1000
            elif line.startswith("event:"):
                kind = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].lstrip())
        if kind == "slide" and data:
            # seq and slide open the event's JSON; the slide's HTML after them is the browser's to draw.
            head = SLIDE_HEAD.match(data[0])
            d = {"seq": head.group(1), "slide": head.group(2)} if head else json.loads("\n".join(data))
            self._got(int(d["seq"]), int(d["slide"]))
        elif kind == "gone":
            self.gone = True


async def move(base: str, talk: str, secret: str, slide: int, timeout: float = 30) -> Reply:
    """The presenter's move over HTTP (slide is 1-based)."""
    return await fetch(f"{base}/talk/{talk}/move", method="POST", timeout=timeout,
                       headers={"Authorization": f"Bearer {secret}", "Content-Type": "application/json"},
                       body=json.dumps({"slide": slide}).encode())  # fmt: skip


def affinity_cookies(url: str, replicas: Collection[str], n: int, most: int = 400) -> list[dict[str, str]]:
    """``n`` cookie jars of new viewers of ``url`` (a load balancer), each pinned to one of ``replicas``
    (as its X-Upstream names them), the replicas in turn."""
    share = -(-n // len(replicas))
    by_replica: dict[str, list[dict[str, str]]] = {r: [] for r in replicas}
    for _ in range(most):
        if all(len(jars) >= share for jars in by_replica.values()):
            return [jar for turn in zip(*by_replica.values(), strict=True) for jar in turn][:n]
        with urllib.request.urlopen(url + "/_stcore/health", timeout=30) as resp:
            resp.read()
            answered = (resp.headers.get("X-Upstream") or "").split(",")[-1].strip()
            jar = dict(c.split(";", 1)[0].strip().split("=", 1) for c in resp.headers.get_all("Set-Cookie") or [])
        if answered in by_replica and len(by_replica[answered]) < share:
            by_replica[answered].append(jar)
    raise RuntimeError(f"{most} new viewers and not {share} on each of {sorted(replicas)}: {by_replica}")


async def phones_on_every_replica(base: str, talk: str, replicas: Collection[str], n: int) -> list[Phone]:
    """``n`` phones that have opened the talk's page through nginx, as many on each replica (``n`` a multiple
    of their number), in turn (a, b, a, b, ...: any leading slice of two or more covers two replicas).

    nginx puts a new viewer on a replica by the hash of a random cookie, and the split is not even (about
    44 to 56 for some port pairs): ten phones opened blindly all land on one replica a few times in a
    thousand. Each phone gets the affinity cookie of a replica in turn (``affinity_cookies``).
    """
    jars = await asyncio.to_thread(affinity_cookies, base, replicas, n)
    phones = [Phone(i, base, talk, cookie="; ".join(f"{k}={v}" for k, v in jar.items())) for i, jar in enumerate(jars)]
    for phone in phones:
        reply = await phone.open_page()
        assert reply.status == 200, phone.errors
    return phones


async def server_events(url: str, into: list[tuple[float, str, str]]) -> None:
    """Read ``url``'s Server-Sent Events into ``into`` as (time.monotonic(), event, data) until cancelled."""
    host, port, raw = _request("GET", url, {"Accept": "text/event-stream"})
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 10)
    try:
        writer.write(raw)
        await writer.drain()
        status, head = await asyncio.wait_for(_read_head(reader), 30)
        if status != 200:
            raise ConnectionError(f"{url}: HTTP {status}")
        buffer = ""
        async for chunk in _body(reader, head):
            buffer += chunk.decode()
            while "\n\n" in buffer:
                block, buffer = buffer.split("\n\n", 1)
                fields = dict(line.split(": ", 1) for line in block.split("\n") if ": " in line and line[0] != ":")
                if "event" in fields:
                    into.append((time.monotonic(), fields["event"], fields.get("data", "")))
    finally:
        writer.close()
