"""Uploaded text is shown as text (issue #12): HTML, script and Markdown in the sources and notes
of a file, in its name and in the editor's name appear as letters on the upload page (preview,
history, undo) and on the trajectories page (chart tooltips); no element is injected and
no script runs.

Each payload sets window.__xss to its own number if it ever runs, so a failure says which one.
The app runs on a private database (the shared test database is left alone) with an editor
passphrase, so that the editor's name is asked for and shown.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from lib.curated import load_curated
from lib.db import DATA_DIR, make_engine
from tests.browser.conftest import running_app
from tests.browser.helpers import assert_healthy, open_url, screenshot, wait_idle

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSPHRASE = "test passphrase"
CHART = '[data-testid="stVegaLiteChart"]'
CELLS = '[data-testid="stDataFrame"] [role="gridcell"]'


def img(n: int) -> str:
    """An image that runs script when it fails to load (src=x always fails)."""
    return f'<img src=x onerror="window.__xss={n}">'


def script(n: int) -> str:
    return f"<script>window.__xss={n}</script>"


BOLD = "<b>bold</b>"
LINK = "[x](javascript:alert(1))"  # Markdown: a link that would run script when clicked
STRONG = "**strong**"  # Markdown: bold

# indicator rd_gdp_share (%), region, year, value, source, note
ROWS = [
    ("330000", 2019, "2.68", f"{img(1)}统计公报", script(2)),
    ("330100", 2019, "3.45", f"{BOLD}年鉴", LINK),
    ("330400", 2019, "3.1", LINK, f"{img(3)}{BOLD}"),
    ("330000", 2020, "2.8", f"{script(4)}{STRONG}", STRONG),
]
SOURCES = [row[3] for row in ROWS]
NOTES = [row[4] for row in ROWS]
EDITOR = f"{img(5)}王敏"
# Browsers send " in a file name as %22 (multipart form data): single quotes here. (Unquoted,
# onerror=window.__xss=6 would not even be HTML to Markdown, since = may not appear unquoted.)
FILE_NAME = "<img src=x onerror='window.__xss=6'>actuals.csv"


def _csv(rows, extra_header: str | None = None) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    header = ["indicator_id", "region_code", "year", "value", "unit", "source", "note"]
    writer.writerow(header + ([extra_header] if extra_header else []))
    for code, year, value, source, note in rows:
        writer.writerow(
            ["rd_gdp_share", code, year, value, "%", source, note] + (["x"] if extra_header else [])
        )
    return buffer.getvalue()


@pytest.fixture(scope="module")
def safety_app(tmp_path_factory):
    """A private app server on its own database, with an editor passphrase."""
    url = f"sqlite:///{tmp_path_factory.mktemp('upload-safety') / 'app.db'}"
    engine = make_engine(url)
    load_curated(engine, DATA_DIR)
    engine.dispose()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EDITOR_PASSPHRASE", PASSPHRASE)  # running_app passes os.environ on
        with running_app(url) as base:
            yield base


def _assert_inert(page) -> None:
    """No element made from uploaded text, and no uploaded script ran."""
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("script", has_text="__xss").count() == 0
    assert page.locator("b", has_text="bold").count() == 0
    assert page.locator("strong", has_text="strong").count() == 0
    assert page.locator("a[href*='javascript' i]").count() == 0
    assert page.evaluate("window.__xss") is None
    assert_healthy(page)


def _cells(page) -> list[str]:
    """The texts of every table cell drawn (the grid's accessible table holds them)."""
    return [text.strip() for text in page.locator(CELLS).all_inner_texts()]


def _unlock(page, app: str, name: str) -> None:
    open_url(page, app, "upload", lang="en")
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Editor passphrase").fill(PASSPHRASE)
    page.get_by_role("button", name="Start editing").click()
    wait_idle(page)
    page.get_by_text("Editing as").wait_for()


def _upload(page, path) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
    wait_idle(page)


def _commit(page) -> None:
    page.get_by_text("I have checked the preview").click()
    wait_idle(page)
    page.get_by_role("button", name="Import", exact=True).click()
    wait_idle(page)
    page.get_by_text("Imported batch #").wait_for()
    page.locator('[data-testid="stDataFrame"]').last.wait_for()
    wait_idle(page)


def test_sources_notes_file_and_editor_names_with_html_are_shown_as_text(
    page, safety_app, tmp_path
):
    _unlock(page, safety_app, EDITOR)
    assert page.get_by_text(f"Editing as {EDITOR}", exact=True).count() == 1
    _assert_inert(page)

    # The preview: every source and note, letter for letter, in the table of new values.
    path = tmp_path / FILE_NAME
    path.write_text(_csv(ROWS), encoding="utf-8")
    _upload(page, path)
    page.get_by_text("Preview: nothing is written until you confirm.").wait_for()
    page.get_by_role("tab", name="New (4)").wait_for()
    page.locator(CELLS).first.wait_for(state="attached")
    cells = _cells(page)
    for text in SOURCES + NOTES:
        assert text in cells, text
    _assert_inert(page)
    page.get_by_text("I have checked the preview").scroll_into_view_if_needed()
    screenshot(page, "upload-safety-preview")

    # After the commit: the history names the file and the editor as written.
    _commit(page)
    cells = _cells(page)
    assert FILE_NAME in cells and EDITOR in cells, cells
    undo = page.get_by_role("button", name=f"Undo #1 · {FILE_NAME}", exact=True)
    assert undo.count() == 1
    _assert_inert(page)
    undo.click()
    wait_idle(page)
    page.get_by_text("This removes 4 inserted value(s)").wait_for()
    _assert_inert(page)
    assert page.get_by_text(f"Undo batch #1 ({FILE_NAME})?").count() == 1
    screenshot(page, "upload-safety-history")
    page.get_by_role("button", name="Cancel").click()
    wait_idle(page)

    # The trajectories page: each actual's source in its point's tooltip (its only text there).
    open_url(
        page, safety_app, "trajectories", indicator="rd_gdp_share", regions="330000,330100,330400"
    )
    page.wait_for_selector(f"{CHART} svg path[aria-label]", state="attached", timeout=30_000)
    labels = page.locator(f"{CHART} [aria-label]").evaluate_all(
        "marks => marks.map(mark => mark.getAttribute('aria-label'))"
    )
    for source in SOURCES:
        assert any(source in label for label in labels), source
    point = page.locator(f'{CHART} path[aria-label*="统计公报"]').first
    point.hover()
    tooltip = page.locator("#vg-tooltip-element")
    tooltip.wait_for(state="visible")
    assert SOURCES[0] in tooltip.inner_text()
    assert tooltip.locator("img").count() == 0
    _assert_inert(page)
    screenshot(page, "upload-safety-trajectories")


MARKDOWN_FILE_NAME = f"{STRONG}{LINK}.csv"
MARKDOWN_HEADER = f"{STRONG}{LINK}"
MARKDOWN_EDITOR = f"{STRONG}王敏"


def _made_from_markdown(page) -> int:
    """Bold text and links drawn from the Markdown payloads (the link's href is dropped, but
    the link is there)."""
    bold = page.locator("strong", has_text="strong").count()
    return bold + page.locator("a", has_text=re.compile(r"^x$")).count()


def test_markdown_in_the_file_name_a_column_header_and_the_editor_name_is_shown_as_text(
    page, safety_app, tmp_path
):
    _unlock(page, safety_app, MARKDOWN_EDITOR)
    rows = [("330100", 2021, "3.9", "年鉴", "")]
    path = tmp_path / MARKDOWN_FILE_NAME
    path.write_text(_csv(rows, extra_header=MARKDOWN_HEADER), encoding="utf-8")
    _upload(page, path)
    page.get_by_role("tab", name="New (1)").wait_for()
    screenshot(page, "upload-safety-markdown-preview")
    # The letters, with their asterisks and brackets, wherever they are shown.
    shown = {
        "editor": page.get_by_text(f"Editing as {MARKDOWN_EDITOR}", exact=True).count(),
        "header": page.get_by_text(f"“{MARKDOWN_HEADER}”").count(),
    }
    made = {"preview": _made_from_markdown(page)}
    _commit(page)
    page.get_by_role("button", name=re.compile(r"^Undo #\d+ · ")).first.click()
    wait_idle(page)
    page.get_by_text("This removes 1 inserted value(s)").wait_for()
    screenshot(page, "upload-safety-markdown-undo")
    shown["undo question"] = page.get_by_text(f"({MARKDOWN_FILE_NAME})?").count()
    page.get_by_role("button", name="Cancel").click()
    # On a busy machine the rerun may start after wait_idle's pause: wait for the question
    # to go, then for the history it returns to.
    page.get_by_text("This removes 1 inserted value(s)").wait_for(state="detached")
    wait_idle(page)
    shown["undo button"] = page.get_by_role("button", name=MARKDOWN_FILE_NAME).count()
    made["history"] = _made_from_markdown(page)
    assert [where for where, count in shown.items() if not count] == []
    assert made == {"preview": 0, "history": 0}
    _assert_inert(page)
