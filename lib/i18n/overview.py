"""Strings of the overview page."""

STRINGS: dict[str, dict[str, str]] = {
    "overview.intro": {
        "zh": "追踪浙江省“315”科技创新体系建设工程及其前后规划、杭州和嘉兴的落实方案："
        "每个数字都能一键追溯到原文。",
        "en": "Tracks Zhejiang's “315” innovation-system plan, the plans before it, and the "
        "Hangzhou and Jiaxing plans that carry it out: every figure is one click from "
        "the sentence it came from.",
    },
    "overview.metric_plans": {"zh": "规划", "en": "Plans"},
    "overview.metric_targets": {"zh": "目标", "en": "Targets"},
    "overview.metric_baselines": {"zh": "基期值", "en": "Baselines"},
    "overview.metric_indicators": {"zh": "指标", "en": "Indicators"},
    "overview.metric_actuals": {"zh": "已上传实际值", "en": "Uploaded actuals"},
    "overview.plans": {"zh": "规划一览", "en": "The plans"},
    "overview.period": {"zh": "规划期 {start}–{end}", "en": "Period {start}–{end}"},
    "overview.issued": {"zh": "{date} 印发", "en": "Issued {date}"},
    "overview.issued_unknown": {"zh": "印发日期未注明", "en": "Issue date not stated"},
    "overview.counts": {
        "zh": "{targets} 个目标 · {baselines} 个基期值",
        "en": "{targets} targets · {baselines} baselines",
    },
    "overview.read": {"zh": "阅读原文", "en": "Read the text"},
    "overview.headline": {"zh": "主要目标", "en": "Headline targets"},
    "overview.level_province": {"zh": "省级", "en": "Province"},
    "overview.level_city": {"zh": "市级", "en": "City"},
    "overview.explore": {"zh": "深入查看", "en": "Explore"},
}
