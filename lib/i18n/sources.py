"""Strings of the source reader page."""

STRINGS: dict[str, dict[str, str]] = {
    "sources.document": {"zh": "文件", "en": "Document"},
    "sources.search": {"zh": "在文中搜索", "en": "Search the text"},
    "sources.search_hits": {
        "zh": "“{term}”出现在 {lines} 行，共 {hits} 处。",
        "en": "“{term}” appears on {lines} lines, {hits} times.",
    },
    "sources.no_hits": {"zh": "未找到“{term}”。", "en": "“{term}” was not found."},
    "sources.target_heading": {"zh": "这个数字的出处", "en": "Where this figure comes from"},
    "sources.target_unknown": {
        "zh": "没有编号为 {id} 的目标。",
        "en": "There is no target with the id {id}.",
    },
    "sources.quote_missing": {
        "zh": "引文在原文中未找到：{quote}",
        "en": "The quote was not found in the text: {quote}",
    },
    "sources.full_text": {"zh": "全文", "en": "Full text"},
    "sources.line": {"zh": "第 {n} 行", "en": "line {n}"},
    "sources.col_line": {"zh": "行", "en": "Line"},
    "sources.col_hits": {"zh": "次数", "en": "Hits"},
    "sources.col_text": {"zh": "内容", "en": "Text"},
    "sources.meta": {
        "zh": "{issuer}，{date}印发，规划期 {period}。来源文件：{seed}",
        "en": "{issuer}, issued {date}, period {period}. Seed file: {seed}",
    },
    "sources.plan_note": {"zh": "关于此文件（英文）：{note}", "en": "About this document: {note}"},
    "sources.date_unknown": {"zh": "（日期未注明）", "en": "(date not stated)"},
    "sources.field_indicator": {"zh": "指标", "en": "Indicator"},
    "sources.field_region": {"zh": "地区", "en": "Region"},
    "sources.field_value": {"zh": "数值", "en": "Value"},
    "sources.field_year": {"zh": "年份", "en": "Year"},
    "sources.field_kind": {"zh": "类型", "en": "Kind"},
    "sources.field_plan": {"zh": "规划", "en": "Plan"},
}
