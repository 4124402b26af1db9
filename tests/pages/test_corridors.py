"""The corridors page under AppTest: toggles, choosing a corridor, the panel, the URL."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest

from lib.maps import corridors as cm
from tests.pages.apptest import deck_specs, open_page
from tests.test_maps_corridors import corridor_names, map_members

TIMEOUT = 90  # the first run loads and simplifies the boundaries


def _deck(at) -> dict:
    (spec,) = deck_specs(at)
    return spec


def _corridors_drawn(at) -> set[str]:
    return {r["corridor_id"] for r in map_members(_deck(at))}


def _param(at, name: str) -> str | None:
    value = at.query_params.get(name)
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _links(at) -> list[tuple[str, dict[str, list[str]]]]:
    return [(link.proto.label, parse_qs(link.proto.query_string)) for link in at.get("page_link")]


def _checkbox(at, name: str):
    return next(box for box in at.checkbox if box.label == name)


@pytest.fixture
def default_page(app_database):
    return open_page("corridors", timeout=TIMEOUT)


def test_the_three_main_corridors_are_on_by_default(default_page):
    at = default_page
    assert [box.label for box in at.checkbox] == [
        "杭州城西科创大走廊",
        "G60科创走廊（浙江段）",
        "宁波甬江科创大走廊",
    ]
    assert all(box.value for box in at.checkbox)
    assert at.toggle[0].value is False
    assert at.selectbox[0].value == ""
    assert _corridors_drawn(at) == {"chengxi", "g60", "yongjiang"}
    assert _param(at, "corridors") == "chengxi,g60,yongjiang"
    assert len(at.get("deck_gl_json_chart")[0].proto.json.encode()) < 300_000


def test_the_overview_of_the_corridors_shown_is_drawn_once_opened(default_page):
    at = default_page
    assert not at.dataframe
    assert [box.label for box in at.expander] == ["地图上的走廊：成员、平台与目标"]
    at.session_state["corridors_overview_open"] = True
    at.run()
    overview = at.dataframe[0].value
    assert list(overview["走廊"]) == [
        "杭州城西科创大走廊",
        "G60科创走廊（浙江段）",
        "宁波甬江科创大走廊",
    ]
    assert (overview["成员"] > 0).all()
    _checkbox(at, "G60科创走廊（浙江段）").uncheck().run()  # stays open, without G60
    assert list(at.dataframe[0].value["走廊"]) == ["杭州城西科创大走廊", "宁波甬江科创大走廊"]


def test_switching_corridors_off_and_the_secondary_layer_on(default_page):
    at = default_page
    _checkbox(at, "G60科创走廊（浙江段）").uncheck().run()
    assert _corridors_drawn(at) == {"chengxi", "yongjiang"}
    assert _param(at, "corridors") == "chengxi,yongjiang"
    at.toggle[0].set_value(True).run()
    drawn = _corridors_drawn(at)
    assert {"zhedong", "zhezhong", "daluoshan", "shaoxing", "taizhouwan", "zhoushan"} <= drawn
    assert "g60" not in drawn
    assert _param(at, "secondary") == "1"
    assert "浙东沿海科创大走廊" in corridor_names(_deck(at))
    for box in at.checkbox:
        box.uncheck()
    at.toggle[0].set_value(False).run()
    assert _param(at, "corridors") == "none"
    assert map_members(_deck(at)) == [] and corridor_names(_deck(at)) == []


def test_choosing_chengxi_flies_there_and_fills_the_panel(default_page):
    at = default_page
    zoom_before = _deck(at)["initialViewState"]["zoom"]
    at.selectbox[0].set_value("chengxi").run()
    assert _param(at, "focus") == "chengxi"
    assert _deck(at)["initialViewState"]["zoom"] > zoom_before + 1.5
    assert any(h.value == "杭州城西科创大走廊" for h in at.subheader)
    links = _links(at)
    statements = [(label, q) for label, q in links if "plan" in q]
    assert ("形成“一廊两翼”联动发展格局", "zj_14fyp_platforms") in {
        (label, q["plan"][0]) for label, q in statements
    }
    assert all(q["q"][0] and q["q"][0] in label.replace("\\", "") for label, q in statements)
    targets = {q["target"][0]: label for label, q in links if "target" in q}
    assert "高水平科研院所：100家" in targets["zj_opinions_2018-024"]
    assert "科创团队：100个" in targets["zj_opinions_2018-025"]
    assert "1000家" in targets["zj_opinions_2018-026"]
    assert "70%以上" in targets["zj_opinions_2018-027"]
    assert all(label.startswith("2022年") for t, label in targets.items() if "opinions" in t)
    members, platforms = (frame.value for frame in at.dataframe)
    assert members.iloc[:, 1].tolist()[:3] == ["西湖区", "余杭区", "临安区"]
    assert len(platforms) == 13
    assert set(platforms["位置"]) == {"≈ 大致位置（常识）"}
    captions = " ".join(c.value for c in at.caption)
    assert "数据不足" in captions  # attainment stated, honestly, where no actuals exist


def test_a_deep_link_to_yongjiang_shows_its_30_institutions_and_60_percent(app_database):
    at = open_page("corridors", timeout=TIMEOUT, focus="yongjiang", secondary="1")
    assert at.selectbox[0].value == "yongjiang"
    assert at.toggle[0].value is True
    targets = {q["target"][0]: label for label, q in _links(at) if "target" in q}
    assert "30家左右" in targets["zj_opinions_2018-031"]
    assert "60%以上" in targets["zj_opinions_2018-032"]
    members = at.dataframe[0].value
    assert "常识" in set(members.iloc[:, 3])  # general-knowledge members are marked


def test_a_click_on_the_map_chooses_the_corridor_of_what_was_clicked(default_page):
    at = default_page
    jinhua = {"adcode": "330700", "corridor_id": "g60", "tip_name": "金华市"}
    at.session_state["corridor_map"] = {
        "selection": {"indices": {"areas~0": [9]}, "objects": {"areas~0": [jinhua]}}
    }
    at.run()
    assert _param(at, "focus") == "g60"
    assert at.selectbox[0].value == "g60"
    assert any("已选中：金华市（成员）" in text.value for text in at.text)
    spec = _deck(at)
    # The pickable layers were renamed, which drops Streamlit's greying of the other objects.
    assert {layer["id"] for layer in spec["layers"] if layer.get("pickable")} == {
        "areas~1",
        "marks~1",
    }
    assert any(layer["id"].startswith(cm.LAYER_PICKED) for layer in spec["layers"])
    # Choosing another corridor in the list is not undone by the old click.
    at.selectbox[0].set_value("yongjiang").run()
    assert _param(at, "focus") == "yongjiang"
    assert not any("金华市" in text.value for text in at.text)


def test_a_click_on_a_platform_shows_it_as_approximate(default_page):
    at = default_page
    point = {"platform_id": "yongjiang_nimte", "corridor_id": "yongjiang"}
    at.session_state["corridor_map"] = {
        "selection": {"indices": {"marks~0": [1]}, "objects": {"marks~0": [point]}}
    }
    at.run()
    assert _param(at, "focus") == "yongjiang"
    assert any("中科院宁波材料所（科研院所，≈ 大致位置（常识））" in text.value for text in at.text)


def test_the_page_in_english(app_database):
    at = open_page("corridors", "en", timeout=TIMEOUT, focus="g60")
    # Names are escaped so that markdown shows them literally.
    headings = [h.value.replace("\\", "") for h in at.subheader]
    assert "G60 Sci-Tech Innovation Corridor (Zhejiang section)" in headings
    labels = [label for label, _ in _links(at)]
    assert any(label.startswith("2025 · ") for label in labels)
    assert all(q.get("lang") == ["en"] for _, q in _links(at))
    assert "Jiaxing" in {r["tip_name"] for r in map_members(_deck(at))}
