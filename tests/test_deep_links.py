"""The base-address hint in the HTML of a page's own address (lib.deep_links)."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import pytest

from lib.deep_links import BASE_URL_SCRIPT, BaseUrlHint, is_page_address, with_base_url

INDEX = b"<!DOCTYPE html><html><head><title>Streamlit</title></head><body></body></html>"


@pytest.mark.parametrize(
    ("path", "base", "expected"),
    [
        ("/compare", "", True),
        ("/", "", False),  # the main page: the browser's first guess is already right
        ("/compare/more", "", False),
        ("/_stcore/health", "", False),
        ("/static/js/index.js", "", False),
        ("/tracker/compare", "tracker", True),
        ("/tracker", "tracker", False),
        ("/tracker/", "tracker", False),
        ("/compare", "tracker", False),
        ("/tracker/compare", "/tracker/", True),
    ],
)
def test_a_page_address_is_one_segment_below_the_base_path(path, base, expected):
    assert is_page_address(path, base) is expected


def test_the_hint_comes_first_in_the_head_so_it_runs_before_streamlit():
    html = with_base_url(INDEX)
    assert html.startswith(b"<!DOCTYPE html><html><head>" + BASE_URL_SCRIPT.encode())
    assert b"window.__streamlit = {BACKEND_BASE_URL: root, MAIN_PAGE_BASE_URL: root}" in html
    assert html.count(b"__streamlit") == 1
    assert html.endswith(b"<title>Streamlit</title></head><body></body></html>")


def serve(middleware, path, method="GET", content_type=b"text/html; charset=utf-8", chunks=None):
    """Call the middleware as a server would; the messages it sends and the headers the
    wrapped app saw."""
    seen = {}
    chunks = chunks or [INDEX]

    async def inner(scope, receive, send):
        seen["headers"] = dict(scope["headers"])
        length = str(sum(map(len, chunks))).encode()
        headers = [
            (b"content-type", content_type),
            (b"content-length", length),
            (b"set-cookie", b"a=1"),
            (b"set-cookie", b"b=2"),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        for n, chunk in enumerate(chunks):
            more = n < len(chunks) - 1
            await send({"type": "http.response.body", "body": chunk, "more_body": more})

    sent = []

    async def send(message):
        sent.append(message)

    async def receive():
        return {"type": "http.request", "body": b""}

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "headers": [(b"host", b"x"), (b"accept-encoding", b"gzip")],
    }
    # In a thread of its own: after the browser tests this thread has an event loop running.
    with ThreadPoolExecutor(1) as thread:
        thread.submit(asyncio.run, middleware(inner)(scope, receive, send)).result()
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0], body, seen["headers"]


def test_a_page_address_gets_the_hint_uncompressed_with_its_new_length():
    start, body, asked = serve(BaseUrlHint, "/compare", chunks=[INDEX[:20], INDEX[20:]])
    assert BASE_URL_SCRIPT.encode() in body
    assert dict(start["headers"])[b"content-length"] == str(len(body)).encode()
    assert [v for k, v in start["headers"] if k == b"set-cookie"] == [b"a=1", b"b=2"]
    assert b"accept-encoding" not in asked  # so that the HTML can be edited


@pytest.mark.parametrize(
    ("path", "method", "content_type"),
    [
        ("/", "GET", b"text/html"),  # the main page
        ("/compare", "HEAD", b"text/html"),
        ("/compare", "GET", b"application/json"),  # not HTML: left alone
        ("/static/js/index.js", "GET", b"text/javascript"),
    ],
)
def test_everything_else_passes_through_unchanged(path, method, content_type):
    start, body, _ = serve(BaseUrlHint, path, method, content_type)
    assert body == INDEX
    assert dict(start["headers"])[b"content-length"] == str(len(INDEX)).encode()


def test_the_base_path_is_read_when_a_request_comes():
    base = {"path": ""}

    def middleware(app):
        return BaseUrlHint(app, base_path=lambda: base["path"])

    assert BASE_URL_SCRIPT.encode() in serve(middleware, "/compare")[1]
    base["path"] = "tracker"
    assert serve(middleware, "/compare")[1] == INDEX
    assert BASE_URL_SCRIPT.encode() in serve(middleware, "/tracker/compare")[1]
