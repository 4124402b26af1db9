from lib.source_reader import locate_quote, marked_html, read_source, search_lines, term_spans


def test_a_quote_is_found_on_its_line_with_its_span():
    lines = ("第一行", "全社会研发投入强度超过3.4%，其他内容")
    location = locate_quote(lines, "超过3.4%")
    assert (location.line_no, location.start, location.end) == (1, 9, 15)
    assert locate_quote(lines, "不存在") is None
    assert locate_quote(lines, "") is None


def test_marked_html_escapes_the_text_and_marks_only_the_span():
    line = "<b>名称</b> 超过3.4%"
    marked = marked_html(line, [(line.index("超过"), len(line))])
    assert marked == '&lt;b&gt;名称&lt;/b&gt; <mark class="quote">超过3.4%</mark>'


def test_search_counts_hits_per_line_ignoring_case():
    lines = ("R&D经费 r&d 强度", "无关", "R&D")
    found = search_lines(lines, "r&d")
    assert found["line"].tolist() == [1, 3]
    assert found["hits"].tolist() == [2, 1]
    assert term_spans("aXa", "x") == [(1, 2)]


def test_real_source_holds_the_province_headline_target():
    lines = read_source("zj_315_2023")
    assert locate_quote(lines, "比重超过3.4%") is not None
