from pathlib import Path

from lib.sources import build_sources, clean_text
from tests.conftest import REPO_ROOT


def test_fullwidth_digits_and_private_decimal_point_become_a_plain_number():
    raw = "比重超过 ３\ue010４％，规上工业\n"
    assert clean_text(raw) == "比重超过3.4%，规上工业\n"


def test_page_number_lines_are_dropped_and_layout_breaks_joined():
    raw = "全社会研究与试验发展经费支出占地区生产总值比重超过\n\n—９—\n\n３\ue010４％。\n"
    assert clean_text(raw) == "全社会研究与试验发展经费支出占地区生产总值比重超过3.4%。\n"


def test_spaced_out_table_headers_are_closed_up_and_tabs_kept():
    raw = "序号\t指标名称\t上 城 区\t拱 墅 区\n1\tR&D 经费\t0.77\t1.2\n"
    assert clean_text(raw) == "序号\t指标名称\t上城区\t拱墅区\n1\tR&D经费\t0.77\t1.2\n"


def test_headings_start_new_paragraphs():
    raw = "这是一段没有句号的很长很长很长很长很长的正文内容\n（二）发展目标。到2027年\n"
    assert clean_text(raw).splitlines()[1].startswith("（二）发展目标")


def test_committed_sources_are_exactly_what_the_build_makes(tmp_path: Path):
    for path in build_sources(REPO_ROOT / "data" / "seeds", tmp_path):
        committed = REPO_ROOT / "data" / "sources" / path.name
        assert path.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")


def test_province_plan_states_its_headline_target_in_one_findable_line():
    text = (REPO_ROOT / "data" / "sources" / "zj_315_2023.txt").read_text(encoding="utf-8")
    assert "全社会研究与试验发展经费支出占地区生产总值比重超过3.4%" in text
