"""Opening pages and checking what the browser drew."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from tests.browser.conftest import ARTIFACTS

IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def open_url(page, app_url: str, path: str = "", **params: str) -> None:
    """Navigate to a page by URL path and wait until its script has finished."""
    query = f"?{urlencode(params)}" if params else ""
    page.goto(f"{app_url}/{path}{query}")
    wait_idle(page)


def wait_idle(page, timeout: float = 30_000) -> None:
    """Wait for the app to render and for the script run to finish."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_timeout(300)
    page.wait_for_selector(IDLE, timeout=timeout)


def assert_healthy(page) -> None:
    """No Streamlit exception box and no browser console error."""
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, exceptions.first.inner_text()
    assert page.console_errors == []


def screenshot(page, name: str) -> str:
    """Save a full-page screenshot under test-artifacts/ and return its path."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return str(path)


def grid_rows(page, nth: int = 0, until=bool, timeout: float = 15) -> list[list[str]]:
    """The rows the data grid draws (its accessible table), as lists of cell texts; read again
    until `until(rows)` holds or the time is up (the grid fills its table in steps)."""
    grid = page.locator('[data-testid="stDataFrame"]').nth(nth)
    # The grid paints a canvas; its cells live in a hidden table for assistive technology.
    grid.locator('[role="gridcell"]').first.wait_for(state="attached")
    deadline = time.monotonic() + timeout
    while True:
        rows = [
            [cell.inner_text() for cell in row.locator('[role="gridcell"]').all()]
            for row in grid.locator('[role="row"]').all()
            if row.locator('[role="gridcell"]').count()
        ]
        if until(rows) or time.monotonic() > deadline:
            return rows
        page.wait_for_timeout(300)
