"""Strings of the Hangzhou allocation page, its map, legend, tooltips and checks."""

STRINGS: dict[str, dict[str, str]] = {
    # Controls
    "hangzhou.intro": {
        "zh": "杭州市“315”科技创新体系建设工程2024年工作推进方案附件表（二）：各区、县（市）"
        "2024年度主要指标目标分解。点击地图上的区县查看详情。",
        "en": "Appendix table (二) of Hangzhou's 2024 work plan for the 315 project: the 2024 "
        "targets allocated to the 13 districts and counties. Click a district for its details.",
    },
    "hangzhou.indicator": {"zh": "指标", "en": "Indicator"},
    "hangzhou.mode": {"zh": "地图显示", "en": "Map shows"},
    "hangzhou.mode.target": {"zh": "2024年目标", "en": "2024 target"},
    "hangzhou.mode.attainment": {"zh": "目标完成情况", "en": "Attainment"},
    "hangzhou.mode.help": {
        "zh": "上传2024年实际值后，可按轨迹页的状态规则显示各区县的目标完成情况。",
        "en": "Once 2024 actuals are uploaded, the map can show each district's attainment, "
        "with the status rules of the trajectories page.",
    },
    "hangzhou.mode.unavailable": {
        "zh": "尚未上传本表指标的2024年实际值，目前只能显示目标。",
        "en": "No 2024 actuals for this table's indicators have been uploaded yet, so the map "
        "shows targets only.",
    },
    "hangzhou.mode.no_actuals_for_indicator": {
        "zh": "此指标尚无任何区县的2024年实际值。",
        "en": "No district has a 2024 actual for this indicator yet.",
    },
    "hangzhou.district": {"zh": "区县详情", "en": "District details"},
    "hangzhou.district.none": {"zh": "（未选择）", "en": "(none)"},
    "hangzhou.basemap": {"zh": "底图", "en": "Basemap"},
    "hangzhou.basemap.help": {
        "zh": "在线底图（Carto）。离线时底图不显示，区县仍正常绘制。",
        "en": "An online basemap (Carto). Offline it simply does not appear; the districts "
        "are drawn all the same.",
    },
    "hangzhou.no_table": {
        "zh": "数据库中没有杭州2024年目标分解表。请运行 `python -m lib.cli init-db`。",
        "en": "The database has no Hangzhou 2024 allocation table. Run "
        "`python -m lib.cli init-db`.",
    },
    "hangzhou.click_hint": {
        "zh": "点击地图上的区县（或在上方选择），在此查看其全部2024年目标、占全市比重和实际值。",
        "en": "Click a district on the map (or pick one above) to see all its 2024 targets, "
        "its share of the city total and its actuals here.",
    },
    "hangzhou.source": {
        "zh": "来源：{plan}，附件（二）各区、县（市）主要指标2024年度目标分解表。",
        "en": "Source: {plan}, appendix table (二), 2024 targets by district and county.",
    },
    "hangzhou.map_alt": {
        "zh": "杭州市13个区、县（市）地图，按“{name}”着色。",
        "en": "Map of Hangzhou's 13 districts and counties, coloured by {name}.",
    },
    # Sections
    "hangzhou.section.city": {"zh": "全市与省下达目标", "en": "City and province targets"},
    "hangzhou.section.check": {"zh": "一致性检查", "en": "Consistency check"},
    "hangzhou.table_open": {
        "zh": "分解表（{districts}个区县 × {indicators}项指标）",
        "en": "Allocation table ({districts} districts × {indicators} indicators)",
    },
    "hangzhou.checks_open": {
        "zh": "全部一致性检查（{n}项指标）",
        "en": "All consistency checks ({n} indicators)",
    },
    "hangzhou.table.caption": {
        "zh": "点击列标题排序。空白表示表中为“-”（无目标）。",
        "en": "Click a column header to sort. Blank means '-' in the table (no target).",
    },
    "hangzhou.static.title": {
        "zh": "杭州市2024年度目标分解：{name}",
        "en": "Hangzhou 2024 allocation: {name}",
    },
    "hangzhou.static.subtitle.target": {
        "zh": "各区、县（市）2024年目标",
        "en": "2024 targets of the districts and counties",
    },
    "hangzhou.static.subtitle.attainment": {
        "zh": "各区、县（市）2024年目标完成情况",
        "en": "Attainment of the 2024 targets by district and county",
    },
    # Detail
    "hangzhou.detail.targets": {"zh": "2024年全部目标", "en": "All 2024 targets"},
    "hangzhou.detail.rank": {"zh": "区县第{rank}/{n}位", "en": "rank {rank} of {n}"},
    "hangzhou.detail.share": {"zh": "占全市目标{share}%", "en": "{share}% of the city target"},
    "hangzhou.detail.actual": {
        "zh": "2024年实际{value}（批次#{batch}）",
        "en": "2024 actual {value} (upload #{batch})",
    },
    "hangzhou.city_actual": {"zh": "杭州市2024年实际", "en": "City actual 2024"},
    "hangzhou.city_actual.batch": {"zh": "上传批次#{batch}", "en": "upload #{batch}"},
    "hangzhou.detail.no_actual": {"zh": "2024年实际值未上传", "en": "no 2024 actual uploaded"},
    "hangzhou.col.district": {"zh": "区县", "en": "District"},
    "hangzhou.col.level": {"zh": "层级", "en": "Level"},
    "hangzhou.open_source": {"zh": "原文", "en": "source"},
    "hangzhou.level.city": {"zh": "杭州市目标", "en": "City target"},
    "hangzhou.level.province": {"zh": "省下达目标", "en": "Province-assigned"},
    "hangzhou.name_unit": {"zh": "{name}（{unit}）", "en": "{name} ({unit})"},
    "hangzhou.list_sep": {"zh": "、", "en": ", "},
    # Units and glosses
    "hangzhou.unit.%": {"zh": "%", "en": "%"},
    "hangzhou.unit.家": {"zh": "家", "en": "enterprises"},
    "hangzhou.unit.亿元": {"zh": "亿元", "en": "RMB 100 million"},
    "hangzhou.gloss.快于面上投资增速": {
        "zh": "快于面上投资增速",
        "en": "faster than overall investment growth",
    },
    # Legend
    "hangzhou.legend.title": {"zh": "{name}（{unit}）", "en": "{name} ({unit})"},
    "hangzhou.legend.attainment_title": {
        "zh": "{name}：2024年目标完成情况",
        "en": "{name}: attainment of the 2024 target",
    },
    "hangzhou.legend.no_target": {
        "zh": "无目标（表中为“-”）",
        "en": "No target ('-' in the table)",
    },
    "hangzhou.legend.qualitative": {"zh": "定性目标：{text}", "en": "Qualitative: {text}"},
    "hangzhou.legend.count": {"zh": "{n}个", "en": "{n}"},
    "hangzhou.legend.classes_note": {
        "zh": "分级：按分位数分为约等数量的组，区间含上限。",
        "en": "Classes hold about equal numbers of districts (quantiles); upper bounds included.",
    },
    "hangzhou.legend.attainment_note": {
        "zh": "状态规则同指标轨迹页：实际值达到目标为“已达成”，目标年未达到为“未达成”。",
        "en": "Status rules as on the trajectories page: a 2024 actual that reaches the target "
        "is met, one that falls short is missed.",
    },
    # Tooltip lines
    "hangzhou.tip.no_target": {"zh": "无目标（表中为“-”）", "en": "No target ('-' in the table)"},
    "hangzhou.tip.target": {"zh": "2024年目标：{value}", "en": "2024 target: {value}"},
    "hangzhou.tip.target_text": {"zh": "2024年目标：{text}", "en": "2024 target: {text}"},
    "hangzhou.tip.city": {"zh": "（全市{value}）", "en": " (city {value})"},
    "hangzhou.tip.share": {"zh": "，占全市目标{share}%", "en": ", {share}% of the city target"},
    "hangzhou.tip.rank": {
        "zh": "区县排名：第{rank}/{n}位",
        "en": "Rank among districts: {rank} of {n}",
    },
    "hangzhou.tip.rank_short": {
        "zh": "（完成率第{rank}/{n}位）",
        "en": " (attainment {rank} of {n})",
    },
    "hangzhou.tip.not_ranked": {"zh": "定性目标，不排名", "en": "Qualitative target, not ranked"},
    "hangzhou.tip.no_actual": {
        "zh": "目标{target}，尚无2024年实际值",
        "en": "Target {target}; no 2024 actual yet",
    },
    "hangzhou.tip.actual_vs_target": {
        "zh": "2024年实际{actual}，目标{target}",
        "en": "2024 actual {actual} against a target of {target}",
    },
    "hangzhou.tip.actual_vs_text": {
        "zh": "2024年实际{actual}，目标为定性表述：{text}",
        "en": "2024 actual {actual}; the target is qualitative: {text}",
    },
    "hangzhou.tip.ratio": {"zh": "，完成{ratio}%", "en": " ({ratio}%)"},
    # Checks
    "hangzhou.check.sum_all": {
        "zh": "{n}个区县目标合计{total}，",
        "en": "The {n} district targets sum to {total},",
    },
    "hangzhou.check.sum_some": {
        "zh": "有目标的{n}个区县合计{total}，",
        "en": "The {n} districts with a target sum to {total},",
    },
    "hangzhou.check.sum_equal": {
        "zh": "等于杭州市目标{city}。",
        "en": "equal to the city target of {city}.",
    },
    "hangzhou.check.sum_short": {
        "zh": "比杭州市目标{city}少{gap}。",
        "en": "{gap} short of the city target of {city}.",
    },
    "hangzhou.check.sum_over": {
        "zh": "比杭州市目标{city}多{gap}。",
        "en": "{gap} more than the city target of {city}.",
    },
    "hangzhou.check.no_city": {
        "zh": "表中没有杭州市目标可供对照。",
        "en": "The table gives no city target to compare with.",
    },
    "hangzhou.check.missing": {
        "zh": "{n}个区县无目标（表中为“-”）：{names}。",
        "en": "{n} districts have no target ('-' in the table): {names}.",
    },
    "hangzhou.check.province": {
        "zh": "省下达目标为{value}。",
        "en": "The province assigned {value}.",
    },
    "hangzhou.check.spread_city": {
        "zh": "杭州市目标为{city}。",
        "en": "The city target is {city}.",
    },
    "hangzhou.check.spread_above": {
        "zh": "高于全市的{n}个：{names}。",
        "en": "Above it, {n}: {names}.",
    },
    "hangzhou.check.spread_equal": {
        "zh": "等于全市的{n}个：{names}。",
        "en": "Equal to it, {n}: {names}.",
    },
    "hangzhou.check.spread_below": {
        "zh": "低于全市的{n}个：{names}。",
        "en": "Below it, {n}: {names}.",
    },
    "hangzhou.check.spread_note": {
        "zh": "比重不能相加：全市数值是各区县按规模加权的结果，不是简单平均。",
        "en": "Shares do not add up: the city figure is weighted by each district's size, "
        "not a plain average.",
    },
    "hangzhou.check.text": {
        "zh": "各区县目标为定性表述，无法核对合计；杭州市目标为{city}。",
        "en": "The district targets are qualitative, so there is nothing to add up; "
        "the city target is {city}.",
    },
}
