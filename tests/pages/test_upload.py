"""The upload page in AppTest: template, upload, problems, preview, commit, history, undo."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from lib.actuals import importer
from lib.db import make_engine
from lib.i18n import t
from lib.models import UploadBatch
from tests.dbtools import snapshot
from tests.pages.apptest import open_page
from tests.test_actuals_validation import BAD_DIR

FIRST = (
    "indicator_id,region_code,year,value,unit,source,note\n"
    "rd_gdp_share,330000,2019,2.83,%,统计公报,\n"
    "rd_gdp_share,杭州,2019,3.45,,,\n"
    "new_hitech_enterprises,330100,2019,1200,家,,\n"
).encode()
REVISED = (
    "指标代码,地区代码,年份,数值\nrd_gdp_share,330000,2019,2.9\nrd_gdp_share,330100,2019,3.45\n"
).encode()


@pytest.fixture
def engine(app_database, monkeypatch):
    """The app's database; batches a test commits are undone afterwards (newest first)."""
    monkeypatch.delenv("EDITOR_PASSPHRASE", raising=False)
    engine = make_engine(app_database)
    with engine.connect() as connection:
        last = connection.execute(select(UploadBatch.id).order_by(UploadBatch.id.desc())).first()
    first_new = (last[0] if last else 0) + 1
    yield engine
    for batch in importer.history(engine).itertuples():
        if batch.id >= first_new and batch.status == "committed":
            importer.undo(engine, batch.id)
    engine.dispose()


def _upload(at, data: bytes, name: str = "actuals.csv"):
    at.file_uploader[0].set_value((name, data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _button(at, label: str):
    matches = [b for b in at.button if b.label == label or b.label.startswith(label)]
    assert matches, (label, [b.label for b in at.button])
    return matches[0]


def _texts(elements) -> list[str]:
    return [element.value for element in elements]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_open_editing_is_said_and_the_templates_are_offered(engine, lang):
    at = open_page("upload", lang)
    assert t("upload.open_editing", lang) in _texts(at.warning)
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels[:2] == [t("upload.template_csv", lang), t("upload.template_xlsx", lang)]
    assert len(at.file_uploader) == 1
    assert at.subheader[0].value == t("upload.step_template", lang)


def test_upload_preview_commit_history_and_undo(engine):
    at = open_page("upload", "en")
    _upload(at, FIRST)
    assert [m.label for m in at.metric] == ["New", "Change a stored value", "Identical to stored"]
    assert [m.value for m in at.metric] == ["3", "0", "0"]
    assert [tab.label for tab in at.tabs] == ["New (3)", "Changes (0)", "Identical (0)"]
    preview = at.dataframe[0].value
    assert preview["Region"].tolist() == ["Zhejiang", "Hangzhou", "Hangzhou"]
    assert preview["Value"].tolist() == [2.83, 3.45, 1200.0]
    assert snapshot(engine)["actual"] == []  # nothing written before confirming

    commit = _button(at, "Import")
    assert commit.disabled  # the steward confirms first
    at.checkbox[0].check().run()
    _button(at, "Import").click().run()
    assert not at.exception
    [message] = _texts(at.success)
    assert message.startswith("Imported batch #") and "3 new, 0 changed, 0 identical" in message
    assert len(snapshot(engine)["actual"]) == 3
    history = at.dataframe[0].value
    assert history.iloc[0]["File"] == "actuals.csv" and history.iloc[0]["Status"] == "committed"
    assert history.iloc[0]["New"] == 3
    assert len(at.file_uploader) == 1 and not at.file_uploader[0].value  # ready for the next

    batch = int(history.iloc[0]["Batch"].lstrip("#"))
    _button(at, f"Undo #{batch}").click().run()
    # The file name is escaped for Markdown (the browser shows it as written).
    warnings = [w.replace("\\", "") for w in _texts(at.warning)]
    assert any(f"Undo batch #{batch} (actuals.csv)?" in w for w in warnings)
    _button(at, "Yes, undo").click().run()
    assert _texts(at.success) == [f"Batch #{batch} undone: 3 value(s) removed, 0 restored."]
    assert at.dataframe[0].value.iloc[0]["Status"] == "undone"
    assert snapshot(engine)["actual"] == []


def test_every_page_shows_the_new_data_after_a_commit(engine):
    label = t("overview.metric_actuals", "en")
    overview = open_page("overview", "en")
    before = int([m.value for m in overview.metric if m.label == label][0])
    at = open_page("upload", "en")
    _upload(at, FIRST)
    at.checkbox[0].check().run()
    _button(at, "Import").click().run()
    at.switch_page("app_pages/overview.py").run()
    assert int([m.value for m in at.metric if m.label == label][0]) == before + 3


def test_changes_show_old_and_new_side_by_side(engine):
    at = open_page("upload", "en")
    _upload(at, FIRST)
    at.checkbox[0].check().run()
    _button(at, "Import").click().run()
    _upload(at, REVISED, "revised.csv")
    assert [m.value for m in at.metric] == ["0", "1", "1"]
    assert any("1 stored value(s) will change" in w for w in _texts(at.warning))
    [changes] = [f.value for f in at.dataframe if "Old value" in f.value.columns]
    assert list(changes.columns[:6]) == ["Row", "Indicator", "Region", "Year", "Old value"] + [
        "New value"
    ]
    assert changes.iloc[0][["Row", "Region", "Old value", "New value"]].tolist() == [
        2,
        "Zhejiang",
        2.83,
        2.9,
    ]
    assert changes.iloc[0]["Old source"] == "统计公报" and changes.iloc[0]["Old batch"].startswith(
        "#"
    )


def test_a_bad_file_lists_every_problem_and_writes_nothing(engine):
    before = snapshot(engine)
    at = open_page("upload", "en")
    _upload(at, (BAD_DIR / "many_problems.csv").read_bytes(), "many_problems.csv")
    assert _texts(at.error)[0].startswith("The file was not accepted: 6 problem(s) found.")
    problems = at.table[0].value
    assert problems.index.tolist() == [3, 3, 3, 3, 5, 6]
    assert problems["Column"].tolist()[:4] == ["region_code", "year", "value", "unit"]
    assert problems["Problem"].iloc[1] == ("The year 1900 is outside the sensible range 1990–2035.")
    assert not [b for b in at.button if b.label == "Import"] and not at.checkbox
    assert snapshot(engine) == before


def test_problems_are_in_chinese_by_default(engine):
    at = open_page("upload")
    _upload(at, (BAD_DIR / "negative_count.csv").read_bytes(), "负数.csv")
    assert _texts(at.error)[0].startswith("文件未被接受：发现 1 个问题。数据库没有任何改动。")
    problems = at.table[0].value
    assert problems.index.tolist() == [2]
    assert problems.iloc[0].tolist() == [
        "数值",
        "数值 -5 是负数，但指标“新增高新技术企业数”不可能为负。",
    ]


def test_the_same_file_twice_changes_nothing(engine):
    at = open_page("upload", "en")
    _upload(at, FIRST)
    at.checkbox[0].check().run()
    _button(at, "Import").click().run()
    before = snapshot(engine)
    _upload(at, FIRST, "copy of actuals.csv")
    [info] = _texts(at.info)
    assert info.startswith("This file was already imported as batch #")
    assert not [b for b in at.button if b.label == "Import"]
    assert snapshot(engine) == before


def test_undo_is_refused_while_a_later_batch_changed_the_same_values(engine):
    at = open_page("upload", "en")
    _upload(at, FIRST)
    at.checkbox[0].check().run()
    _button(at, "Import").click().run()
    _upload(at, REVISED, "revised.csv")
    at.checkbox[0].check().run()
    _button(at, "Import").click().run()
    batches = at.dataframe[0].value["Batch"].tolist()
    later, earlier = (int(b.lstrip("#")) for b in batches[:2])
    before = snapshot(engine)
    _button(at, f"Undo #{earlier}").click().run()
    _button(at, "Yes, undo").click().run()
    assert _texts(at.error) == [
        f"Batch #{earlier} cannot be undone: 1 of its values were changed again by later batch "
        f"#{later}. Undo #{later} first, so that the later changes are not overwritten."
    ]
    assert snapshot(engine) == before


def test_with_a_passphrase_only_an_editor_who_gives_it_may_upload(engine, monkeypatch):
    monkeypatch.setenv("EDITOR_PASSPHRASE", "correct horse")
    at = open_page("upload", "en")
    assert t("upload.protected", "en") in _texts(at.info)
    assert not at.file_uploader and t("upload.open_editing", "en") not in _texts(at.warning)
    at.text_input[0].input("李华")
    at.text_input[1].input("wrong")
    at.button[0].click().run()  # the form's submit button
    assert _texts(at.error) == [t("upload.wrong_passphrase", "en")]
    assert not at.file_uploader

    at.text_input[1].input("correct horse")
    at.button[0].click().run()
    assert "Editing as 李华" in [c.value for c in at.caption]
    _upload(at, FIRST)
    at.checkbox[0].check().run()
    _button(at, "Import").click().run()
    assert at.dataframe[0].value.iloc[0]["By"] == "李华"

    monkeypatch.setenv("EDITOR_PASSPHRASE", "a new one")  # changed: ask again
    at.run()
    assert t("upload.protected", "en") in _texts(at.info) and not at.file_uploader


def test_with_a_passphrase_in_the_secrets(engine):
    at = open_page("upload", "en")
    at.secrets["editor_passphrase"] = "from secrets"
    at.run()
    assert t("upload.protected", "en") in _texts(at.info)
    assert not at.file_uploader


def test_a_preview_overtaken_by_another_upload_is_checked_again_not_committed(engine):
    at = open_page("upload", "en")
    _upload(at, FIRST)
    assert [m.value for m in at.metric] == ["3", "0", "0"]
    elsewhere = importer.prepare(engine, REVISED, "meanwhile.csv")  # another steward, meanwhile
    importer.commit(engine, elsewhere)
    at.checkbox[0].check().run()
    _button(at, "Import").click().run()
    assert _texts(at.warning)[-2:] == [
        "The database changed after the preview; check the preview again.",
        "1 stored value(s) will change (old and new side by side). Undoing this batch brings "
        "the old values back.",
    ]
    assert [m.value for m in at.metric] == ["1", "1", "1"]  # the same file, checked afresh
    assert importer.history(engine).iloc[0]["file_name"] == "meanwhile.csv"
