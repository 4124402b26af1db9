"""Data text cannot become Markdown, HTML, links or LaTeX where a page shows it."""

from lib.markdown import markdown_text


def test_markup_links_html_and_latex_are_shown_literally():
    text = "**bold** <b>x</b> [link](javascript:alert(1)) $x$ :red[x] a=b & c"
    escaped = markdown_text(text)
    assert "**" not in escaped and "[link]" not in escaped and ":red[" not in escaped
    assert "\\<b\\>" in escaped and "\\$x\\$" in escaped
    assert escaped.replace("\\", "") == text


def test_a_value_stays_on_one_line_and_numbers_keep_their_digits():
    assert markdown_text("line one\nline two") == "line one line two"
    assert markdown_text(2046) == "2046"
    assert markdown_text(3.5) == "3\\.5"
