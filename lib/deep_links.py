"""Deep links without a wasted round trip: where the app's root is, told to the browser.

Opened at a page's own address (/compare?plans=...), Streamlit's browser code does not know
whether "compare" is a page or the path the app is served under, so it first asks
/compare/_stcore/health, gets a 404, waits 100 ms and only then asks /_stcore/health
(Streamlit's frontend, `getPossibleBaseUris` and its ping retries; its maintainers note the
wasted request in streamlit/streamlit#11537). Its code reads the app's base address from
`window.__streamlit` when a page sets one, so this ASGI middleware adds that setting to the
HTML of a page's address: the directory of the address, as the browser sees it (so a
proxy's path prefix stays in it).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Run before Streamlit's own code (a module script, so it runs after this inline one).
BASE_URL_SCRIPT = (
    "<script>(() => { const root = new URL('.', location.href).href; "
    "window.__streamlit = {BACKEND_BASE_URL: root, MAIN_PAGE_BASE_URL: root}; })();</script>"
)


def is_page_address(path: str, base_path: str) -> bool:
    """Whether path is one segment below the app's base path: a page's own address."""
    base = base_path.strip("/")
    prefix = f"/{base}/" if base else "/"
    rest = path.removeprefix(prefix)
    return path.startswith(prefix) and bool(rest) and "/" not in rest and rest != "_stcore"


def with_base_url(html: bytes) -> bytes:
    """The page's HTML with the base-address setting as the first thing in its head."""
    return html.replace(b"<head>", b"<head>" + BASE_URL_SCRIPT.encode(), 1)


class BaseUrlHint:
    """ASGI middleware: the HTML served at a page's address says where the app's root is."""

    def __init__(self, app: ASGIApp, base_path: Callable[[], str] = lambda: "") -> None:
        self.app = app
        self.base_path = base_path  # read per request: the server's config, once loaded

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope.get("method") != "GET"
            or not is_page_address(scope.get("path", ""), self.base_path())
        ):
            await self.app(scope, receive, send)
            return
        # Ask for the HTML uncompressed: it is edited, and it is 2 kB.
        scope = dict(scope)
        scope["headers"] = [(k, v) for k, v in scope["headers"] if k != b"accept-encoding"]
        start: Message | None = None
        body = b""

        async def edit(message: Message) -> None:
            nonlocal start, body
            if message["type"] == "http.response.start":
                start = message
                return
            body += message.get("body", b"")
            if message.get("more_body"):
                return
            assert start is not None
            # A list, not a dict: a response may repeat a header (several Set-Cookie).
            headers = [(k, v) for k, v in start.get("headers", []) if k != b"content-length"]
            if any(k == b"content-type" and v.startswith(b"text/html") for k, v in headers):
                body = with_base_url(body)
            length = (b"content-length", str(len(body)).encode())
            await send({**start, "headers": [*headers, length]})
            await send({"type": "http.response.body", "body": body})

        await self.app(scope, receive, edit)
