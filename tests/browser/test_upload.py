"""A data steward in a real browser: template, upload, preview, confirm, history, undo."""

from __future__ import annotations

import openpyxl
import pytest
from sqlalchemy import select

from lib.actuals import importer
from lib.db import make_engine
from lib.models import UploadBatch
from tests.browser.helpers import assert_healthy, open_url, screenshot, wait_idle
from tests.dbtools import snapshot
from tests.test_actuals_validation import BAD_DIR

pytestmark = [pytest.mark.browser, pytest.mark.slow]

FILE = (
    "指标代码,地区代码,年份,数值,单位,来源,备注\n"
    "rd_gdp_share,浙江,2018,2.57,%,统计公报,\n"
    "研发投入强度,杭州市,2018,3.39,,,\n"
    'new_hitech_enterprises,Hangzhou,2018,"1,094",家,,\n'
)


@pytest.fixture
def engine(app_database):
    """The app's database; batches the test commits are undone afterwards (newest first)."""
    engine = make_engine(app_database)
    with engine.connect() as connection:
        last = connection.execute(select(UploadBatch.id).order_by(UploadBatch.id.desc())).first()
    first_new = (last[0] if last else 0) + 1
    yield engine
    for batch in importer.history(engine).itertuples():
        if batch.id >= first_new and batch.status == "committed":
            importer.undo(engine, batch.id)
    engine.dispose()


def _upload(page, path) -> None:
    page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(path))
    wait_idle(page)


def test_upload_preview_confirm_history_and_undo(page, app_url, engine, tmp_path):
    open_url(page, app_url, "upload", lang="en")
    assert page.get_by_text("anyone who can reach this app can upload").is_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the CSV template").click()
    template = tmp_path / "template.csv"
    download.value.save_as(template)
    assert template.read_bytes().startswith("\ufeffindicator_id,".encode())
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the Excel template").click()
    assert download.value.suggested_filename == "actuals_template.xlsx"
    download.value.save_as(tmp_path / "template.xlsx")
    workbook = openpyxl.load_workbook(tmp_path / "template.xlsx")
    assert workbook.sheetnames == ["actuals", "indicators", "regions"]

    path = tmp_path / "actuals 2018.csv"
    path.write_text(FILE, encoding="gb18030")
    _upload(page, path)
    page.get_by_text("Preview: nothing is written until you confirm.").wait_for()
    page.get_by_role("tab", name="New (3)").wait_for()  # drawn after the metrics
    wait_idle(page)
    metrics = page.locator('[data-testid="stMetricValue"]').all_inner_texts()
    assert metrics == ["3", "0", "0"]
    page.get_by_text("I have checked the preview").scroll_into_view_if_needed()
    screenshot(page, "upload-preview")
    assert snapshot(engine)["actual"] == []

    import_button = page.get_by_role("button", name="Import", exact=True)
    assert import_button.is_disabled()
    page.get_by_text("I have checked the preview").click()
    wait_idle(page)
    import_button.click()
    wait_idle(page)
    page.get_by_text("Imported batch #").wait_for()
    assert len(snapshot(engine)["actual"]) == 3
    history = page.locator('[data-testid="stDataFrame"]').last
    history.wait_for()
    history.scroll_into_view_if_needed()
    screenshot(page, "upload-committed")

    batch = importer.history(engine).iloc[0]["id"]
    page.get_by_role("button", name=f"Undo #{batch}").click()
    wait_idle(page)
    page.get_by_text(f"Undo batch #{batch} (actuals 2018.csv)?").wait_for()
    page.get_by_role("button", name="Yes, undo").click()
    wait_idle(page)
    page.get_by_text(f"Batch #{batch} undone: 3 value(s) removed, 0 restored.").wait_for()
    assert snapshot(engine)["actual"] == []
    assert importer.history(engine).iloc[0]["status"] == "undone"
    assert_healthy(page)


def test_a_bad_file_shows_its_problems_in_chinese_and_writes_nothing(page, app_url, engine):
    before = snapshot(engine)
    open_url(page, app_url, "upload")
    _upload(page, BAD_DIR / "many_problems.csv")
    page.get_by_text("文件未被接受：发现 6 个问题").wait_for()
    page.locator('[data-testid="stTable"]').first.wait_for()
    page.locator('[data-testid="stTable"]').first.scroll_into_view_if_needed()
    assert page.get_by_role("button", name="确认导入").count() == 0
    screenshot(page, "upload-problems-zh")
    assert snapshot(engine) == before
    assert_healthy(page)
