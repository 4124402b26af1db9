"""The trajectories page, driven through AppTest: indicator, regions, method, URL and statuses."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

from lib.curated import load_curated
from lib.db import DATA_DIR, make_engine
from lib.i18n import t
from lib.progress import METHODS, STATUS_LABELS, Status
from lib.ui import data
from tests.pages.apptest import open_page

PROVINCE, HANGZHOU, JIAXING = "330000", "330100", "330400"
NOT_ENOUGH = STATUS_LABELS[Status.NOT_ENOUGH_DATA]


def chart_layers(at) -> list[tuple[dict, pd.DataFrame]]:
    """Each layer of the page's chart with the data Streamlit sent for it."""
    (chart,) = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    frames = {
        dataset.name: convert_arrow_bytes_to_pandas_df(dataset.data.data)
        for dataset in chart.proto.datasets
    }
    if chart.proto.data.data:
        frames[None] = convert_arrow_bytes_to_pandas_df(chart.proto.data.data)
    top = (spec.get("data") or {}).get("name")
    layers = spec.get("layer", [spec])
    return [(layer, frames.get((layer.get("data") or {}).get("name", top))) for layer in layers]


def markers(at) -> pd.DataFrame:
    """The plan targets drawn as markers."""
    found = [rows for layer, rows in chart_layers(at) if "shape" in layer["encoding"]]
    assert len(found) == 1
    return found[0]


def lines(at) -> pd.DataFrame:
    """The lines: observed, paths and projections (empty when there are none)."""
    found = [rows for layer, rows in chart_layers(at) if "strokeDash" in layer["encoding"]]
    return found[0] if found else pd.DataFrame(columns=["line", "region"])


def methods_table(at) -> pd.DataFrame:
    """The three methods side by side (a Markdown table), with each badge read as its label."""
    text = next(m.value for m in at.markdown if m.value.startswith("| "))
    header, _, *rows = [line.strip("|").split(" | ") for line in text.splitlines()]
    label = re.compile(r":\w+-badge\[:material/\w+: (.*)\]")

    def plain(cell: str) -> str:
        cell = cell.strip()
        found = label.fullmatch(cell)
        return found.group(1) if found else cell.replace("\\", "")

    return pd.DataFrame(
        [[plain(c) for c in row] for row in rows], columns=[h.strip() for h in header]
    )


def badges(at) -> list[str]:
    """The labels of the status badges, in page order."""
    status_block = [m.value for m in at.markdown if not m.value.startswith("| ")]  # no table
    return [label for text in status_block for label in re.findall(r"-badge\[(.*?)\]", text)]


def widget(elements, label: str):
    """The widget with this label."""
    return next(element for element in elements if element.label == label)


def param(at, name: str) -> str:
    """A query parameter as one string (AppTest may keep it as a list)."""
    value = at.query_params.get(name, "")
    return value[0] if isinstance(value, list) else value


@pytest.fixture
def fresh_cache():
    """Cached query results would hide another database's data from the page."""
    data.clear_after_write()
    yield
    data.clear_after_write()


def test_the_default_view_shows_rd_intensity_targets_for_province_hangzhou_and_jiaxing(
    app_database, fresh_cache
):
    at = open_page("trajectories")
    assert param(at, "indicator") == "rd_gdp_share"
    assert param(at, "regions") == f"{PROVINCE},{HANGZHOU},{JIAXING}"
    # The emptied picker prompts in the page's language, not Streamlit's "Choose options".
    assert widget(at.multiselect, "地区").proto.placeholder == "选择地区"
    assert param(at, "method") == "sdsn"
    assert widget(at.multiselect, "地区").value == [PROVINCE, HANGZHOU, JIAXING]

    drawn = markers(at)
    points = set(zip(drawn["region"], drawn["year"], drawn["value"].round(2), strict=True))
    assert {("浙江省", 2022, 3.0), ("浙江省", 2027, 3.4)} <= points
    assert {("杭州市", 2024, 3.95), ("杭州市", 2025, 4.0), ("杭州市", 2027, 4.2)} <= points
    assert ("嘉兴市", 2027, 3.65) in points
    assert set(drawn["plan_id"]) >= {
        "zj_opinions_2018",
        "zj_315_2023",
        "hz_315_2024",
        "jx_315_2023",
    }
    assert drawn["link"].str.startswith("sources?target=").all()

    # No actuals yet: every quantitative target says so, in words and as a badge.
    labels = badges(at)
    assert labels.count(f":material/help: {NOT_ENOUGH['zh']}") == len(drawn)
    assert any(STATUS_LABELS[Status.QUALITATIVE]["zh"] in label for label in labels)
    assert any("上传实际值" in info.value for info in at.info)
    # The qualitative target is listed beside the chart with a link to its quote.
    assert any(
        "研发投入强度超全国平均" in m.value and "sources?target=" in m.value for m in at.markdown
    )


def test_changing_the_indicator_changes_the_chart_the_regions_and_the_url(
    app_database, fresh_cache
):
    at = open_page("trajectories")
    indicator = widget(at.selectbox, t("trajectories.indicator", "zh"))
    indicator.set_value("hitech_va_share").run()
    assert not at.exception
    assert param(at, "indicator") == "hitech_va_share"
    chosen = widget(at.multiselect, "地区").value
    assert chosen and param(at, "regions") == ",".join(chosen)

    targets = pd.read_csv(DATA_DIR / "targets.csv", dtype={"region_code": str})
    expected = targets[
        (targets["indicator_id"] == "hitech_va_share")
        & targets["region_code"].isin(chosen)
        & targets["kind"].isin(["target", "assigned", "annual"])
        & targets["comparator"].isin(["≥", ">", "≈", "=", "≤", "<"])
        & targets["value"].notna()
    ]
    assert set(markers(at)["id"]) == set(expected["id"])


def test_choosing_regions_redraws_the_chart_for_them_and_keeps_them_in_the_url(
    app_database, fresh_cache
):
    at = open_page("trajectories")
    widget(at.multiselect, "地区").set_value([HANGZHOU, "330108"]).run()
    assert param(at, "regions") == f"{HANGZHOU},330108"
    drawn = markers(at)
    assert set(drawn["region"]) == {"杭州市", "滨江区 · 杭州市"}
    assert ("滨江区 · 杭州市", 2024, 9.75) in set(
        zip(drawn["region"], drawn["year"], drawn["value"].round(2), strict=True)
    )
    (layer, _) = next(item for item in chart_layers(at) if "shape" in item[0]["encoding"])
    assert layer["encoding"]["color"]["scale"]["domain"] == ["杭州市", "滨江区 · 杭州市"]


def test_a_copied_link_reopens_the_same_view(app_database, fresh_cache):
    at = open_page(
        "trajectories",
        "en",
        indicator="rd_gdp_share",
        regions=f"{JIAXING},{HANGZHOU}",
        method="de_projection",
        hide="projection",
    )
    assert widget(at.selectbox, t("trajectories.indicator", "en")).value == "rd_gdp_share"
    assert widget(at.multiselect, "Regions").value == [JIAXING, HANGZHOU]
    assert widget(at.radio, t("trajectories.method", "en")).value == "de_projection"
    assert widget(at.toggle, t("trajectories.show_path", "en")).value is True
    assert widget(at.toggle, t("trajectories.show_projection", "en")).value is False
    assert METHODS["de_projection"]["description_en"] in at.info[-1].value
    assert set(markers(at)["region"]) == {"Jiaxing", "Hangzhou"}
    assert param(at, "hide") == "projection"


def test_a_link_with_unknown_values_falls_back_to_the_defaults(app_database, fresh_cache):
    at = open_page("trajectories", indicator="no_such_thing", regions="999999", method="magic")
    assert param(at, "indicator") == "rd_gdp_share"
    assert param(at, "regions") == f"{PROVINCE},{HANGZHOU},{JIAXING}"
    assert param(at, "method") == "sdsn"


def test_switching_the_method_says_it_in_words_and_all_three_sit_side_by_side(
    app_database, fresh_cache
):
    at = open_page("trajectories", "en")
    widget(at.radio, t("trajectories.method", "en")).set_value("sdg_ratio").run()
    assert param(at, "method") == "sdg_ratio"
    assert METHODS["sdg_ratio"]["en"] in at.info[-1].value
    assert METHODS["sdg_ratio"]["description_en"] in at.info[-1].value
    side_by_side = methods_table(at)
    assert [METHODS[m]["en"] for m in METHODS] == list(side_by_side.columns[-3:])
    assert set(side_by_side[METHODS["sdsn"]["en"]]) <= {
        NOT_ENOUGH["en"],
        STATUS_LABELS[Status.QUALITATIVE]["en"],
    }


def test_the_table_lists_every_target_in_view_and_offers_a_csv(app_database, fresh_cache):
    at = open_page("trajectories", "en")
    # The table is drawn once opened; its row count is in the label, its CSV offered already.
    assert not at.dataframe
    (closed,) = [box for box in at.expander if box.label.startswith("Table (")]
    labels = [button.proto.label for button in at.get("download_button")]
    assert labels[-2:] == ["Download CSV", "Download Excel"]
    at.session_state["trajectories_table_open"] = True
    at.run()
    table = at.dataframe[0].value
    assert closed.label == f"Table ({len(table)} rows)"
    drawn = markers(at)
    assert set(drawn["id"]) <= set(table["Target id"])
    assert table["Source"].str.startswith("sources?target=").all()
    labels = [button.proto.label for button in at.get("download_button")]
    # Under the chart its pictures; under the table its data.
    assert labels == ["PNG image", "SVG image", "Download CSV", "Download Excel"]


def test_hiding_paths_and_projection_is_kept_in_the_url(app_database, fresh_cache):
    at = open_page("trajectories")
    widget(at.toggle, t("trajectories.show_path", "zh")).set_value(False).run()
    assert param(at, "hide") == "path"
    widget(at.toggle, t("trajectories.show_projection", "zh")).set_value(False).run()
    assert param(at, "hide") == "path,projection"


# ---------------------------------------------------------------------------------------
# Loading actuals through the upload path


ACTUALS_CSV = """indicator_id,region_code,year,value,unit,source,note
rd_gdp_share,330000,2019,2.68,%,test,
rd_gdp_share,330000,2020,2.88,%,test,
rd_gdp_share,330000,2021,2.94,%,test,
rd_gdp_share,330000,2022,3.11,%,test,
rd_gdp_share,330000,2023,3.20,%,test,
rd_gdp_share,330100,2021,3.68,%,test,
rd_gdp_share,330100,2022,3.86,%,test,
rd_gdp_share,330100,2023,3.90,%,test,
rd_gdp_share,330400,2021,3.27,%,test,
rd_gdp_share,330400,2023,3.20,%,test,
"""


def _load_actuals(url: str, csv: str) -> None:
    """Commit a CSV of actuals as one batch, the way the upload page and CLI do."""
    from lib.actuals import importer

    engine = make_engine(url)
    prepared = importer.prepare(engine, csv.encode("utf-8"), "actuals.csv")
    assert prepared.ok and prepared.writable, [str(p) for p in prepared.problems]
    importer.commit(engine, prepared)
    engine.dispose()


@pytest.fixture
def uploaded_database(app_database, tmp_path, monkeypatch, fresh_cache) -> str:
    """A database of its own (the shared one stays without actuals) for the page to read."""
    url = f"sqlite:///{tmp_path / 'uploaded.db'}"
    load_curated(make_engine(url), DATA_DIR)
    monkeypatch.setenv("DATABASE_URL", url)
    return url


def _statuses(at) -> dict[str, str]:
    """Status labels of the side-by-side table by region and year, for the default method."""
    table = methods_table(at)
    column = METHODS["sdsn"]["en"]
    return {
        f"{row['Region']} {row['Year']} {row['As stated']}": row[column]
        for _, row in table.iterrows()
    }


def test_loading_actuals_changes_the_statuses_and_draws_the_trend(uploaded_database):
    before = open_page("trajectories", "en")
    statuses = _statuses(before)
    assert set(statuses.values()) <= {NOT_ENOUGH["en"], STATUS_LABELS[Status.QUALITATIVE]["en"]}
    assert lines(before).empty

    _load_actuals(uploaded_database, ACTUALS_CSV)
    data.clear_after_write()  # what the upload page does after a commit
    after = open_page("trajectories", "en")
    statuses = _statuses(after)
    # 3.11% in 2022 meets the 2018 opinions' 3% for 2022.
    assert statuses["Zhejiang 2022 3%"] == STATUS_LABELS[Status.MET]["en"]
    # From 2.68% (2019) to 3.20% (2023) is 0.13 points a year; 3.4% by 2027 needs about 0.09.
    assert statuses["Zhejiang 2027 超过3.4%"] == STATUS_LABELS[Status.ON_TRACK]["en"]
    # Jiaxing fell from 3.27% to 3.20%: moving away from its 3.65%.
    assert statuses["Jiaxing 2027 超过3.65%"] == STATUS_LABELS[Status.DETERIORATING]["en"]
    assert NOT_ENOUGH["en"] not in {
        v for k, v in statuses.items() if k.startswith(("Zhejiang", "Jiaxing"))
    }

    drawn = lines(after)
    observed = drawn[drawn["line"] == "observed"]
    assert len(observed) == 10
    assert {"path", "projection"} <= set(drawn["line"])
    projection = drawn[(drawn["line"] == "projection") & (drawn["region"] == "Zhejiang")]
    assert projection["year"].max() == 2027
    assert not any("upload" in info.value.lower() for info in after.info)
    # The badges follow: the province's 2027 target is on track under the default method.
    assert any(STATUS_LABELS[Status.ON_TRACK]["en"] in label for label in badges(after))


def test_removing_every_region_asks_for_one_and_keeps_the_last_choice_in_the_url(
    app_database, fresh_cache
):
    at = open_page("trajectories")
    widget(at.multiselect, "地区").set_value([]).run()
    assert any(t("trajectories.choose_regions", "zh") in info.value for info in at.info)
    assert not at.get("vega_lite_chart")
    assert param(at, "regions") == f"{PROVINCE},{HANGZHOU},{JIAXING}"
