"""The interface in Chinese and English: every user-visible string is looked up here."""

from __future__ import annotations

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

# One entry per string, both languages side by side so that neither can be forgotten.
STRINGS: dict[str, dict[str, str]] = {
    "app.title": {"zh": "浙江科技创新规划追踪", "en": "Zhejiang Innovation Plan Tracker"},
    "sidebar.language": {"zh": "语言", "en": "Language"},
    "sidebar.presenter": {"zh": "演示模式", "en": "Presenter mode"},
    "language.zh": {"zh": "中文", "en": "中文"},
    "language.en": {"zh": "English", "en": "English"},
    "page.overview": {"zh": "总览", "en": "Overview"},
    "page.trajectories": {"zh": "指标轨迹", "en": "Trajectories"},
    "page.hangzhou": {"zh": "杭州分解地图", "en": "Hangzhou allocation"},
    "page.corridors": {"zh": "科创走廊", "en": "Corridors"},
    "page.compare": {"zh": "规划对比", "en": "Compare plans"},
    "page.upload": {"zh": "上传实际值", "en": "Upload actuals"},
    "page.sources": {"zh": "原文", "en": "Sources"},
    "common.not_built": {
        "zh": "此页面尚未建成：对应功能仍在开发中，这里不显示任何占位数据。",
        "en": "This page is not built yet: its feature is still in development, "
        "so it shows no placeholder data.",
    },
    "common.no_data": {
        "zh": "数据库中还没有数据。请运行 `python -m lib.cli init-db`。",
        "en": "The database holds no data yet. Run `python -m lib.cli init-db`.",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    """The string for key in lang, with {placeholders} filled; the key itself if unknown."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def name_column(lang: str) -> str:
    """The column holding names in lang (name_zh or name_en)."""
    return "name_en" if lang == "en" else "name_zh"
