"""What the corridors page says about a corridor: view state, members, sentences, targets."""

from __future__ import annotations

import pandas as pd
import pytest

from lib import corridors as cor
from lib import queries
from lib.curated import load_curated
from lib.db import DATA_DIR, make_engine
from lib.source_reader import read_source


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    """The curated tables as the page reads them (one in-memory SQLite for the module)."""
    engine = make_engine("sqlite://")
    load_curated(engine, DATA_DIR)
    return {
        "corridors": queries.corridors(engine),
        "members": queries.corridor_members(engine),
        "platforms": queries.platforms(engine),
        "regions": queries.regions(engine),
        "targets": queries.targets(engine),
        "indicators": queries.indicators(engine),
    }


def test_the_queries_return_every_corridor_row(curated_engine):
    assert len(queries.corridors(curated_engine)) == len(pd.read_csv(DATA_DIR / "corridors.csv"))
    members = pd.read_csv(DATA_DIR / "corridor_members.csv")
    assert len(queries.corridor_members(curated_engine)) == len(members)
    platforms = queries.platforms(curated_engine)
    assert len(platforms) == len(pd.read_csv(DATA_DIR / "platforms.csv"))
    assert platforms["lon"].dtype == float


# ---------------------------------------------------------------------------------------
# View state


def test_by_default_the_three_main_corridors_are_on_and_nothing_is_chosen(tables):
    view = cor.read_view(tables["corridors"], None)
    assert view == cor.View(shown=("chengxi", "g60", "yongjiang"), secondary=False, focus="")
    assert cor.view_params(view) == {
        "corridors": "chengxi,g60,yongjiang",
        "focus": None,
        "secondary": None,
    }


def test_the_url_state_round_trips_and_unknown_ids_are_dropped(tables):
    corridors = tables["corridors"]
    view = cor.read_view(corridors, "yongjiang,nowhere,chengxi", "chengxi", "1")
    assert view == cor.View(shown=("chengxi", "yongjiang"), secondary=True, focus="chengxi")
    assert cor.read_view(corridors, **_as_kwargs(cor.view_params(view))) == view
    assert cor.read_view(corridors, "g60", "atlantis").focus == ""


def test_switching_every_corridor_off_survives_the_url(tables):
    corridors = tables["corridors"]
    view = cor.View(shown=(), secondary=False, focus="")
    assert cor.view_params(view)["corridors"] == cor.NONE_SHOWN
    assert cor.read_view(corridors, **_as_kwargs(cor.view_params(view))).shown == ()


def _as_kwargs(params: dict[str, str | None]) -> dict[str, str]:
    return {
        "shown": params["corridors"],
        "focus": params["focus"] or "",
        "secondary": params["secondary"] or "",
    }


def test_secondary_corridors_are_drawn_below_and_the_chosen_one_on_top(tables):
    corridors = tables["corridors"]
    view = cor.View(shown=("chengxi", "g60"), secondary=True, focus="chengxi")
    ids = cor.visible_ids(corridors, view)
    assert ids[-1] == "chengxi"
    assert set(ids[:-2]) == set(cor.secondary_ids(corridors))
    assert "yongjiang" not in ids
    # A chosen corridor is drawn even when it is switched off.
    assert cor.visible_ids(corridors, cor.View((), False, "zhoushan")) == ["zhoushan"]


# ---------------------------------------------------------------------------------------
# A click on the map


def test_a_click_on_a_member_or_platform_chooses_its_corridor():
    member = {"adcode": "330700", "corridor_id": "g60", "polygon": [[[0, 0]]]}
    event = {"selection": {"indices": {"areas~2": [4]}, "objects": {"areas~2": [member]}}}
    assert cor.picked(event) == cor.Pick("areas", "g60", region_code="330700")
    point = {"platform_id": "yongjiang_nbu", "corridor_id": "yongjiang"}
    event = {"selection": {"indices": {"marks": [0]}, "objects": {"marks": [point]}}}
    assert cor.picked(event) == cor.Pick("marks", "yongjiang", platform_id="yongjiang_nbu")


def test_clicks_elsewhere_choose_nothing():
    assert cor.picked(None) is None
    assert cor.picked({"selection": {"indices": {}, "objects": {}}}) is None
    other = {"selection": {"indices": {"base": [1]}, "objects": {"base": [{"corridor_id": "x"}]}}}
    assert cor.picked(other) is None
    city = {
        "selection": {"indices": {"areas": [1]}, "objects": {"areas": [{"tip_name": "衢州市"}]}}
    }
    assert cor.picked(city) is None  # a city of no corridor shown


# ---------------------------------------------------------------------------------------
# Members, platforms, sentences


def test_members_come_by_role_with_names(tables):
    own = cor.members_of(tables["members"], tables["regions"], "chengxi")
    assert own["role"].tolist() == ["core"] * 3 + ["wing"] * 3
    assert set(own.loc[own["role"] == "core", "name_zh"]) == {"西湖区", "余杭区", "临安区"}
    g60 = cor.members_of(tables["members"], tables["regions"], "g60")
    core = g60[g60["role"] == "core"]
    assert set(core["region_code"]) == {"330402", "330411"}
    assert set(g60.loc[g60["role"] == "intended", "name_zh"]) == {"绍兴市", "衢州市", "丽水市"}


def test_platforms_carry_the_name_of_their_district(tables):
    own = cor.platforms_of(tables["platforms"], tables["regions"], "yongjiang")
    assert dict(zip(own["name_zh"], own["region_name_zh"], strict=True)) == {
        "宁波大学": "江北区",
        "中科院宁波材料所": "镇海区",
        "宁波软件园": "鄞州区",
    }


def test_a_snippet_is_short_unique_in_its_text_and_part_of_the_quote():
    text = "甲乙丙丁戊己庚辛壬癸。甲乙丙丁戊己庚辛子丑寅卯。"
    assert cor.unique_snippet(text, "甲乙丙丁戊己庚辛壬癸") == "甲乙丙丁戊己庚辛壬"
    # Stated twice in the text: no piece is unique, so the whole quote.
    quote = "同一句话出现了两次而已"
    assert cor.unique_snippet(f"{quote}。{quote}。", quote) == quote


def test_each_sentence_about_chengxi_links_to_a_search_hit_only_it_has(tables):
    members = cor.members_of(tables["members"], tables["regions"], "chengxi")
    platforms = cor.platforms_of(tables["platforms"], tables["regions"], "chengxi")
    corridor = tables["corridors"].set_index("id").loc["chengxi"]
    texts = cor.source_texts([corridor["source"], *members["source"], *platforms["source"]])
    said = cor.statements(corridor, members, platforms, texts)
    assert "形成“一廊两翼”联动发展格局" in said["quote"].tolist()
    main = said[said["quote"].str.startswith("以云城、紫金港科技城")].iloc[0]
    assert main["about"].split("、")[:3] == ["西湖区", "余杭区", "临安区"]
    assert "紫金港科技城" in main["about"]
    assert said["quote"].is_unique
    for row in said.itertuples():
        text = "\n".join(read_source(row.source))
        assert row.snippet in row.quote
        assert text.count(row.snippet) == 1, row.snippet
        assert cor.sources_query(row.source, row.snippet) == {"plan": row.source, "q": row.snippet}


def test_general_knowledge_members_bring_no_sentence(tables):
    members = cor.members_of(tables["members"], tables["regions"], "yongjiang")
    platforms = cor.platforms_of(tables["platforms"], tables["regions"], "yongjiang")
    corridor = tables["corridors"].set_index("id").loc["yongjiang"]
    said = cor.statements(corridor, members, platforms, {})
    assert not any("江北区" in about for about in said["about"])
    assert any("宁波市" in about for about in said["about"])


# ---------------------------------------------------------------------------------------
# Targets


@pytest.mark.parametrize(
    ("note", "ids"),
    [
        ("corridor: chengxi", ["chengxi"]),
        ("corridor: chengxi; the corridor, not all of Hangzhou", ["chengxi"]),
        ("corridor: zhoushan (滨海科创大走廊); no year stated", ["zhoushan"]),
        ("corridors: shaoxing, taizhouwan, zhoushan (and Lishui, which has no key)", None),
        ("the corridor system", []),
        (None, []),
        (float("nan"), []),
    ],
)
def test_a_targets_note_names_its_corridors(note, ids):
    expected = ["shaoxing", "taizhouwan", "zhoushan"] if ids is None else ids
    assert cor.corridors_in_note(note) == expected


def test_chengxi_has_the_2022_goals_of_the_2018_opinions(tables):
    own = cor.corridor_targets(tables["targets"], "chengxi", tables["corridors"]["id"].tolist())
    opinions = own[(own["plan_id"] == "zj_opinions_2018") & (own["year"] == 2022)]
    values = dict(zip(opinions["indicator_id"], opinions["value_text"], strict=True))
    assert values["hi_level_research_institutes"] == "100家"
    assert values["innovation_teams"] == "100个"
    assert values["hitech_enterprises"] == "1000家"
    assert values["strategic_emerging_output_share"] == "70%以上"
    # Every row names chengxi in its note; none is another corridor's.
    assert own["note"].str.contains("chengxi").all()


def test_yongjiang_has_its_30_institutions_and_60_percent_share(tables):
    own = cor.corridor_targets(tables["targets"], "yongjiang")
    by_indicator = own.set_index("indicator_id")
    assert by_indicator.loc["provincial_rd_innovation_centers", "value_text"] == "30家左右"
    assert by_indicator.loc["provincial_rd_innovation_centers", "comparator"] == "≈"
    assert by_indicator.loc["hitech_va_share", "value_text"] == "60%以上"


def test_a_target_shared_by_several_corridors_is_listed_for_each(tables):
    for corridor_id in ("shaoxing", "taizhouwan", "zhoushan"):
        own = cor.corridor_targets(tables["targets"], corridor_id)
        assert "zj_14fyp_platforms-046" in own["id"].tolist()


def _hitech_actuals(note: str | None) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator_id": ["hitech_enterprises"] * 2,
            "region_code": ["330100"] * 2,
            "year": [2019, 2022],
            "value": [700.0, 1100.0],
            "unit": ["家"] * 2,
            "note": [note] * 2,
        }
    )


def test_the_host_citys_actuals_are_not_the_corridors(tables):
    own = cor.corridor_targets(tables["targets"], "chengxi")
    city_wide = _hitech_actuals(None)  # Hangzhou's own count, not the corridor's
    assert cor.corridor_actuals(city_wide, "chengxi").empty
    assessed = cor.assessed_targets(
        own, cor.corridor_actuals(city_wide, "chengxi"), tables["indicators"]
    )
    row = assessed.set_index("id").loc["zj_opinions_2018-026"]
    assert row["status"] == "not_enough_data"
    assert row["quote"].startswith("到2022年，力争集聚高水平科研院所100家")
    assert row["name_zh"]  # the indicator's name comes along for the panel
    assert "baseline" not in set(assessed["kind"])


def test_actuals_uploaded_for_the_corridor_give_its_targets_a_status(tables):
    own = cor.corridor_targets(tables["targets"], "chengxi")
    measured = cor.corridor_actuals(_hitech_actuals("corridor: chengxi"), "chengxi")
    assert len(measured) == 2
    assessed = cor.assessed_targets(own, measured, tables["indicators"]).set_index("id")
    row = assessed.loc["zj_opinions_2018-026"]
    assert row["status"] == "met"
    assert row["latest_value"] == 1100
    # Targets for other indicators stay without data.
    assert assessed.loc["zj_opinions_2018-024", "status"] == "not_enough_data"


def test_baselines_are_listed_apart_from_targets(tables):
    own = cor.corridor_targets(tables["targets"], "chengxi")
    past = cor.baselines(own, tables["indicators"])
    assert set(past["kind"]) == {"baseline"}
    assert "24.4" in " ".join(past["value_text"])


def test_figure_labels_say_year_indicator_and_value():
    row = {"year": 2022, "name_zh": "高新技术企业数", "value_text": "1000家", "indicator_id": "x"}
    assert cor.figure_label(row, "zh") == "2022年 · 高新技术企业数：1000家"
    row = {"year": None, "name_en": "Teams", "value_text": "100个", "indicator_id": "x"}
    assert cor.figure_label(row, "en") == "year not stated · Teams: 100个"


def test_the_summary_counts_what_each_corridor_has(tables):
    table = cor.summary(
        tables["corridors"],
        tables["members"],
        tables["platforms"],
        tables["targets"],
        ["chengxi", "zhedong"],
    ).set_index("id")
    assert table.loc["chengxi", "members"] == 6
    assert table.loc["chengxi", "platforms"] == 13
    assert table.loc["chengxi", "targets"] >= 9
    assert table.loc["zhedong", "platforms"] == 0


def test_the_map_rows_list_each_member_and_platform_drawn_with_its_basis(tables):
    rows = cor.map_rows(tables["members"], tables["platforms"], tables["regions"], ["chengxi"])
    assert (rows["corridor_id"] == "chengxi").all()
    assert (rows["kind"] == "member").sum() == 6
    platforms = rows[rows["kind"] == "platform"]
    assert len(platforms) == 13
    assert platforms[["lon", "lat", "precision"]].notna().all().all()
    members = rows[rows["kind"] == "member"]
    assert members["name_zh"].notna().all() and members[["lon", "lat"]].isna().all().all()
    assert rows["basis"].notna().all()
