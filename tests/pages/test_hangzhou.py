"""The Hangzhou allocation page in AppTest: map, indicator switching, selection, checks, modes."""

from __future__ import annotations

import html
import json

import pytest
from sqlalchemy import update

from lib.curated import load_curated
from lib.db import DATA_DIR, make_engine, session_scope
from lib.i18n import t
from lib.maps import hangzhou as hz
from lib.markdown import markdown_text
from lib.models import Actual, Region, UploadBatch
from lib.ui import data
from tests.pages.apptest import deck_specs, open_page, vega_specs

PAYLOAD_BUDGET = 300_000
PLAN_TITLE_ZH = "杭州市落实省“315”科技创新体系建设工程2024年工作计划"
HOSTILE = '<img src=x onerror="alert(1)">**淳安县**'


def widget(elements, label: str):
    """The one widget of a kind with this label."""
    found = [element for element in elements if element.label == label]
    assert len(found) == 1, [element.label for element in elements]
    return found[0]


def markdown_text_of(at) -> str:
    """Everything the page wrote as markdown, captions, alerts, subheaders and text."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [e.value for e in (*at.success, *at.warning, *at.info, *at.subheader, *at.text)]
    return "\n".join(parts)


def legend(at) -> str:
    """The legend's HTML, unescaped (the page escapes every string in it)."""
    return html.unescape(next(m.value for m in at.markdown if 'class="map-legend"' in m.value))


def the_map(at) -> dict:
    specs = deck_specs(at)
    assert len(specs) == 1
    return specs[0]


def layer(spec: dict, layer_id: str) -> dict:
    return next(item for item in spec["layers"] if item["id"] == layer_id)


@pytest.fixture
def fresh_cache():
    """Forget cached query results before and after: the test uses a database of its own."""
    data.clear_after_write()
    yield
    data.clear_after_write()


@pytest.fixture
def own_database(tmp_path, monkeypatch, fresh_cache):
    """A copy of the curated data in a file of its own, set as DATABASE_URL; returns its engine."""
    url = f"sqlite:///{tmp_path / 'hz.db'}"
    engine = make_engine(url)
    load_curated(engine, DATA_DIR)
    monkeypatch.setenv("DATABASE_URL", url)
    return engine


def upload(engine, rows: list[tuple[str, str, int, float]]) -> int:
    """Commit one upload batch of actuals (indicator, region, year, value); its id."""
    with session_scope(engine) as session:
        batch = UploadBatch(file_name="actuals-2024.csv", sha256="0" * 64, rows_total=len(rows))
        session.add(batch)
        session.flush()
        for indicator_id, region, year, value in rows:
            session.add(
                Actual(
                    indicator_id=indicator_id,
                    region_code=region,
                    year=year,
                    value=value,
                    unit="家",
                    batch_id=batch.id,
                )
            )
        return batch.id


def test_default_view_maps_the_first_indicator_with_legend_targets_and_check(app_database):
    at = open_page("hangzhou")
    assert at.query_params["indicator"] == "rd_gdp_share"
    assert at.query_params["mode"] == "target"
    spec = the_map(at)
    polygons = layer(spec, hz.LAYER_ID)
    assert len({r["adcode"] for r in polygons["data"]}) == 13
    assert len({tuple(r["fill_rgba"]) for r in polygons["data"]}) == 5  # five classes drawn
    labels = {r["label"] for r in layer(spec, hz.LABEL_LAYER_ID)["data"]}
    assert {"上城区", "淳安县", "建德市"} <= labels
    assert "研究与试验发展经费支出占地区生产总值比重（%）" in legend(at)
    assert "0.70–1.20" in legend(at) and "4.81–9.75" in legend(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"杭州市目标": "3.95%", "省下达目标": "3.89%"}
    assert "高于全市的6个" in at.info[0].value.replace("\\", "")
    assert t("hangzhou.click_hint", "zh") in markdown_text_of(at)


def test_the_map_payload_stays_under_300_kb(app_database):
    for lang, indicator in (("zh", "rd_gdp_share"), ("en", "major_project_investment")):
        at = open_page("hangzhou", lang, indicator=indicator, district="330108")
        sizes = [len(chart.proto.json.encode("utf-8")) for chart in at.get("deck_gl_json_chart")]
        assert sizes and max(sizes) < PAYLOAD_BUDGET, sizes


def test_switching_the_indicator_changes_map_legend_url_and_check(app_database):
    at = open_page("hangzhou")
    before = layer(the_map(at), hz.LAYER_ID)["data"]
    picker = widget(at.selectbox, t("hangzhou.indicator", "zh"))
    picker.select("new_hitech_enterprises").run()
    assert not at.exception
    assert at.query_params["indicator"] == "new_hitech_enterprises"
    assert "新增高新技术企业数（家）" in legend(at)
    after = layer(the_map(at), hz.LAYER_ID)["data"]
    assert [r["value_label"] for r in after] != [r["value_label"] for r in before]
    binjiang = next(r for r in after if r["adcode"] == "330108")
    assert binjiang["rank_label"] == "区县排名：第2/13位"
    # The sum check, on the page in plain words.
    warning = at.warning[0].value.replace("\\", "")
    assert warning == "13个区县目标合计1,999家，比杭州市目标2,000家少1家。省下达目标为1,870家。"
    assert {m.label: m.value for m in at.metric} == {
        "杭州市目标": "2,000家",
        "省下达目标": "1,870家",
    }
    # Investment: the sum matches, four districts have no target and are drawn as such.
    widget(at.selectbox, t("hangzhou.indicator", "zh")).select("major_project_investment").run()
    success = at.success[0].value.replace("\\", "")
    assert "有目标的9个区县合计56.7亿元" in success and "等于杭州市目标56.7亿元" in success
    assert "无目标（表中为“-”）" in legend(at)
    blank = [r for r in layer(the_map(at), hz.LAYER_ID)["data"] if r["fill_rgba"][:3] == [255] * 3]
    assert {r["adcode"] for r in blank} == {"330105", "330122", "330127", "330182"}
    # The qualitative row is shown as text.
    widget(at.selectbox, t("hangzhou.indicator", "zh")).select("hitech_investment_growth").run()
    assert "定性目标：快于面上投资增速" in legend(at)
    assert {m.label: m.value for m in at.metric} == {
        "杭州市目标": "20%",
        "省下达目标": "快于面上投资增速",
    }


def test_a_map_selection_opens_the_district_detail_and_goes_into_the_url(app_database):
    at = open_page("hangzhou", indicator="new_hitech_enterprises")
    at.session_state["hz_map"] = {
        "selection": {
            "indices": {hz.LAYER_ID: [11]},
            "objects": {hz.LAYER_ID: [{"adcode": "330127", "name": "淳安县"}]},
        }
    }
    at.run()
    assert not at.exception
    assert at.query_params["district"] == "330127"
    assert at.subheader[0].value == "淳安县"
    detail = markdown_text_of(at).replace("\\", "")
    assert "7家 · 区县第13/13位 · 占全市目标0.4% · 2024年实际值未上传" in detail
    assert "(sources?target=hz_315_2024-" in detail
    ring = layer(the_map(at), hz.SELECTED_LAYER_ID)
    assert {r["adcode"] for r in ring["data"]} == {"330127"}
    # The click renamed the pickable layers (dropping Streamlit's highlight of it), once.
    renamed = [hz.LAYER_ID + "~1", hz.LABEL_LAYER_ID + "~1"]
    assert [item["id"] for item in the_map(at)["layers"] if item.get("pickable")] == renamed
    at.run()
    assert [item["id"] for item in the_map(at)["layers"] if item.get("pickable")] == renamed
    # Picking another district in the list wins over the (unchanged) map selection.
    widget(at.selectbox, t("hangzhou.district", "zh")).select("330108").run()
    assert at.query_params["district"] == "330108"
    assert at.subheader[0].value == "滨江区"
    # Clicking the first district again (on the renamed layer) chooses it again.
    at.session_state["hz_map"] = {
        "selection": {
            "indices": {hz.LAYER_ID + "~1": [11]},
            "objects": {hz.LAYER_ID + "~1": [{"adcode": "330127", "name": "淳安县"}]},
        }
    }
    at.run()
    assert at.query_params["district"] == "330127"
    assert at.subheader[0].value == "淳安县"


def test_a_deep_link_reopens_the_same_view_in_english(app_database):
    at = open_page(
        "hangzhou", "en", indicator="major_project_investment", district="330108", mode="target"
    )
    assert widget(at.selectbox, "Indicator").value == "major_project_investment"
    assert widget(at.selectbox, "District details").value == "330108"
    assert at.subheader[0].value == "Binjiang"
    detail = markdown_text_of(at).replace("\\", "")
    assert "4.1 RMB 100 million · rank 7 of 9 · 7.2% of the city target" in detail
    assert "No target ('-' in the table)" in legend(at)
    assert {r["label"] for r in layer(the_map(at), hz.LABEL_LAYER_ID)["data"]} >= {"Chun'an"}


def test_all_checks_and_the_table_are_below_the_map_with_its_downloads(app_database):
    at = open_page("hangzhou")
    texts = [element.value for element in at.text]
    assert "13个区县目标合计1,999家，比杭州市目标2,000家少1家。省下达目标为1,870家。" in texts
    assert any("有目标的9个区县合计56.7亿元，等于杭州市目标56.7亿元" in text for text in texts)
    assert "全部一致性检查（5项指标）" in [box.label for box in at.expander]
    # The table is drawn once opened; its size is in the label.
    assert not at.dataframe
    assert "分解表（13个区县 × 5项指标）" in [box.label for box in at.expander]
    at.session_state["hz_table_open"] = True
    at.run()
    table = at.dataframe[0].value
    assert len(table) == 13 and table.columns[0] == "区县"
    assert len(table.columns) == 1 + 5  # the district, then each indicator
    assert table.iloc[:, 1].max() == pytest.approx(9.75)
    city = at.dataframe[1].value
    assert list(city.iloc[:, 0]) == ["省下达目标", "杭州市目标"]
    labels = [button.proto.label for button in at.get("download_button")]
    # Under the map: the static map as PNG and SVG, its districts' targets as CSV and Excel.
    assert labels[:4] == ["PNG 图片", "SVG 图片", "下载 CSV", "下载 Excel"]
    assert vega_specs(at) == []  # no static map drawn on the page itself


def test_attainment_mode_maps_status_once_2024_actuals_are_uploaded(own_database):
    at = open_page("hangzhou", indicator="new_hitech_enterprises")
    assert widget(at.radio, t("hangzhou.mode", "zh")).disabled  # nothing uploaded yet
    batch = upload(
        own_database,
        [
            ("new_hitech_enterprises", "330108", 2024, 350),  # target 329: met
            ("new_hitech_enterprises", "330110", 2024, 300),  # target 388: missed
            ("new_hitech_enterprises", "330100", 2024, 2050),  # the city itself
        ],
    )
    data.clear_after_write()  # as an upload does
    at = open_page("hangzhou", indicator="new_hitech_enterprises", district="330108")
    mode = widget(at.radio, t("hangzhou.mode", "zh"))
    assert not mode.disabled
    mode.set_value("attainment").run()
    assert at.query_params["mode"] == "attainment"
    assert "新增高新技术企业数：2024年目标完成情况" in legend(at)
    assert "已达成" in legend(at) and "未达成" in legend(at) and "数据不足" in legend(at)
    fills = {r["adcode"]: r["fill_rgba"] for r in layer(the_map(at), hz.LAYER_ID)["data"]}
    assert fills["330108"] != fills["330110"] != fills["330127"]
    binjiang = next(r for r in layer(the_map(at), hz.LAYER_ID)["data"] if r["adcode"] == "330108")
    assert binjiang["value_label"] == "2024年实际350家，目标329家，完成106%"
    assert {m.label: m.value for m in at.metric}["杭州市2024年实际"] == "2,050"
    detail = markdown_text_of(at).replace("\\", "")
    assert f"2024年实际350家（批次#{batch}） · 已达成" in detail


def test_names_containing_html_or_markdown_are_shown_as_text(own_database):
    with session_scope(own_database) as session:
        session.execute(update(Region).where(Region.adcode == "330127").values(name_zh=HOSTILE))
    at = open_page("hangzhou", district="330127")
    assert at.subheader[0].value == markdown_text(HOSTILE)  # every markup character escaped
    spec = the_map(at)
    tooltip = json.loads(at.get("deck_gl_json_chart")[0].proto.tooltip)
    assert tooltip["html"] == hz.TOOLTIP_HTML and "<img" not in tooltip["html"]
    assert HOSTILE in {r["name"] for r in layer(spec, hz.LAYER_ID)["data"]}
    for element in at.markdown:
        if element.allow_html:  # the legend: built from escaped strings only
            assert "<img" not in element.value
    assert "<img" not in at.info[0].value.replace("\\<img", "")
