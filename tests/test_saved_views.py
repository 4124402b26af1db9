"""Saved views: kept in order in the database, reordered, deleted, and carried as JSON."""

from __future__ import annotations

import json

import pytest

from lib import saved_views as sv


def names(engine) -> list[str]:
    return list(sv.list_views(engine)["name"])


@pytest.fixture
def three(memory_engine):
    for name, page, query in [
        ("杭州研发投入", "hangzhou", "indicator=rd_gdp_share&mode=target"),
        ("三份315方案", "compare", "plans=zj_315_2023,hz_315_2024,jx_315_2023"),
        ("原文：杭州", "sources", "plan=hz_315_2024&q=%E9%AB%98%E6%96%B0"),
    ]:
        sv.save_view(memory_engine, name, page, query)
    return memory_engine


def test_views_are_listed_in_the_order_they_were_saved(three):
    views = sv.list_views(three)
    assert list(views["name"]) == ["杭州研发投入", "三份315方案", "原文：杭州"]
    assert list(views["position"]) == [0, 1, 2]
    assert list(views.columns) == sv.COLUMNS


def test_saving_keeps_the_view_state_and_drops_the_viewers_settings(memory_engine):
    query = sv.view_query(
        {"plans": "zj_315_2023,jx_315_2023", "lang": "en", "present": "1", "slide": "3", "q": ""}
    )
    assert query == "plans=zj_315_2023,jx_315_2023"
    view_id = sv.save_view(memory_engine, "  对比  ", "compare", query + "&lang=en")
    row = sv.list_views(memory_engine).iloc[0]
    assert (row["id"], row["name"], row["query"]) == (view_id, "对比", query)


@pytest.mark.parametrize(
    ("name", "page", "code"),
    [
        ("", "compare", "name_missing"),
        ("   ", "compare", "name_missing"),
        ("x" * (sv.MAX_NAME + 1), "compare", "name_too_long"),
        ("ok", "slides", "page_unknown"),
        ("ok", "../etc", "page_unknown"),
    ],
)
def test_a_view_without_a_name_or_of_an_unknown_page_is_refused(memory_engine, name, page, code):
    with pytest.raises(sv.SavedViewError) as error:
        sv.save_view(memory_engine, name, page, "")
    assert error.value.code == code
    assert sv.list_views(memory_engine).empty


def test_moving_up_and_down_swaps_neighbours_and_stops_at_the_ends(three):
    ids = list(sv.list_views(three)["id"])
    assert sv.move_view(three, ids[2], -1)
    assert names(three) == ["杭州研发投入", "原文：杭州", "三份315方案"]
    assert sv.move_view(three, ids[0], 1)
    assert names(three) == ["原文：杭州", "杭州研发投入", "三份315方案"]
    assert not sv.move_view(three, ids[1], 1)  # already last
    assert not sv.move_view(three, ids[2], -1)  # already first
    assert not sv.move_view(three, 9999, -1)
    assert list(sv.list_views(three)["position"]) == [0, 1, 2]


def test_reorder_puts_the_named_views_first(three):
    ids = list(sv.list_views(three)["id"])
    sv.reorder_views(three, [ids[2], ids[0]])
    assert names(three) == ["原文：杭州", "杭州研发投入", "三份315方案"]


def test_delete_closes_the_gap_and_rename_changes_the_caption(three):
    ids = list(sv.list_views(three)["id"])
    assert sv.delete_view(three, ids[1])
    assert not sv.delete_view(three, ids[1])
    assert names(three) == ["杭州研发投入", "原文：杭州"]
    assert list(sv.list_views(three)["position"]) == [0, 1]
    sv.rename_view(three, ids[0], "杭州 R&D")
    assert names(three)[0] == "杭州 R&D"
    # A new view goes after the last one.
    sv.save_view(three, "总览", "overview", "")
    assert names(three)[-1] == "总览"
    assert list(sv.list_views(three)["position"]) == [0, 1, 2]


def test_export_and_import_round_trip_keeps_names_pages_queries_and_order(three, memory_engine):
    data = sv.export_json(three)
    document = json.loads(data.decode("utf-8"))
    assert document["format"] == sv.FORMAT and document["version"] == 1
    assert document["views"][0] == {
        "name": "杭州研发投入",
        "page": "hangzhou",
        "query": "indicator=rd_gdp_share&mode=target",
    }
    assert "杭州研发投入".encode() in data  # readable, not \\u escapes
    assert sv.import_json(three, data) == 3  # appended
    assert names(three) == ["杭州研发投入", "三份315方案", "原文：杭州"] * 2
    assert sv.import_json(three, data, replace=True) == 3
    assert names(three) == ["杭州研发投入", "三份315方案", "原文：杭州"]
    assert list(sv.list_views(three)["position"]) == [0, 1, 2]


def test_import_accepts_a_bare_list_and_a_bom(memory_engine):
    data = json.dumps([{"name": "总览", "page": "overview"}], ensure_ascii=False)
    assert sv.import_json(memory_engine, b"\xef\xbb\xbf" + data.encode("utf-8")) == 1
    assert sv.list_views(memory_engine).iloc[0]["query"] == ""


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"not json", "not_json"),
        (b"\xff\xfe\x00", "not_json"),
        (b'{"format": "something-else", "views": []}', "wrong_format"),
        (b'{"format": "zj-tracker-saved-views", "version": 9, "views": []}', "newer_version"),
        (b'"a string"', "wrong_format"),
        (b"[1]", "bad_view"),
        (b'[{"name": "ok", "page": "overview"}, {"name": "x", "page": "nowhere"}]', "bad_view"),
        (b'[{"name": "ok", "page": "overview", "query": 5}]', "bad_view"),
        (b" " * (sv.MAX_FILE_BYTES + 1), "file_too_large"),
    ],
)
def test_a_bad_file_is_refused_whole_with_a_reason(three, data, code):
    with pytest.raises(sv.SavedViewError) as error:
        sv.import_json(three, data, replace=True)
    assert error.value.code == code
    assert len(sv.list_views(three)) == 3  # nothing replaced, nothing added


def test_a_bad_view_names_its_number_and_reason():
    with pytest.raises(sv.SavedViewError) as error:
        sv.parse_json('[{"name": "ok", "page": "overview"}, {"name": "x", "page": "nowhere"}]')
    assert error.value.details == {"n": 2, "reason": "page_unknown", "page": "nowhere"}


def test_share_link_puts_the_default_page_at_the_root_and_adds_the_language():
    base = "http://localhost:8501"
    assert sv.share_link(base, "overview", "", "zh") == "http://localhost:8501/"
    assert sv.share_link(base + "/", "compare", "plans=a,b&view=pace", "en") == (
        "http://localhost:8501/compare?plans=a,b&view=pace&lang=en"
    )
    assert sv.query_params("plans=a,b&slide=2&lang=en&q=%E9%AB%98") == {"plans": "a,b", "q": "高"}
    assert sv.describe_query("plan=hz&q=%E9%AB%98%E6%96%B0") == "plan=hz · q=高新"
