"""Strings shared by the whole interface: app title, navigation, empty states."""

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
