"""A real app server and a real headless chromium, shared by every browser test."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--no-first-run",
]
ARTIFACTS = REPO_ROOT / "test-artifacts"
# Deep links ask for these from the page's own path; Streamlit answers 404 and carries on.
HARMLESS_CONSOLE = ("_stcore/health", "_stcore/host-config", "Failed to load resource")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_app(database_url: str) -> Iterator[str]:
    """Start the app as `make run` does (serve.py) on a free localhost port against a
    database; yield its URL."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "serve.py", "--server.port", str(port)]
        + ["--server.address", "127.0.0.1", "--server.headless", "true"]
        + ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=REPO_ROOT,
        env={**os.environ, "DATABASE_URL": database_url},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail("streamlit did not start: " + process.stdout.read().decode()[-2000:])
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="session")
def app_url(app_database) -> Iterator[str]:
    """The app server shared by the browser tests, on the test database."""
    with running_app(app_database) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by Playwright."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def pytest_collection_modifyitems(items):
    """A browser test whose wait timed out runs again, up to twice.

    On this 2-core machine a full run sometimes times out one wait of one browser test
    (four time-outs in two sessions, in three tests; each passed alone and under load).
    A defect that shows every time fails all three runs; only Playwright's time-outs are
    retried, and pytest reports each rerun: a test that needs one often is worth a look.
    """
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.flaky(reruns=2, only_rerun=["TimeoutError"]))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each test's outcome on it, for the page fixture's screenshot of a failure."""
    report = yield
    if report.when == "call":
        item.call_report = report
    return report


@pytest.fixture
def page(browser, request):
    """A fresh browser page that records console errors in page.console_errors; a failed
    test leaves a screenshot of it and its address in test-artifacts/failed-<test>.*"""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    tab.console_errors = []

    def record(message):
        if message.type == "error" and not any(h in message.text for h in HARMLESS_CONSOLE):
            tab.console_errors.append(message.text)

    tab.on("console", record)
    tab.on("pageerror", lambda error: tab.console_errors.append(str(error)))
    yield tab
    report = getattr(request.node, "call_report", None)
    if report is not None and report.failed:
        name = f"failed-{request.node.name}"
        ARTIFACTS.mkdir(exist_ok=True)
        # Best effort: a page that crashed cannot be photographed, and the failure says why.
        with contextlib.suppress(Exception):
            tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
            (ARTIFACTS / f"{name}.txt").write_text(f"{tab.url}\n\n{tab.inner_text('body')}")
    context.close()
