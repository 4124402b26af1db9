"""Strings of the plan comparison page."""

STRINGS: dict[str, dict[str, str]] = {
    "compare.intro": {
        "zh": "选择二至四份规划并排比较：同一指标在各规划中的目标值、年份和地区，"
        "隐含的年均速度，各自独有的内容，以及科创高地、战略领域和六大行动的逐项对照。",
        "en": "Put two to four plans side by side: the same indicator's target, year and "
        "region in each plan, the annual pace it implies, what each plan has that the others "
        "lack, and the highlands, strategic fields and six actions item by item.",
    },
    "compare.plans": {"zh": "规划（二至四份）", "en": "Plans (two to four)"},
    "compare.plans_placeholder": {"zh": "选择规划", "en": "Choose plans"},
    "compare.pick_two": {
        "zh": "请至少选择两份规划进行比较。",
        "en": "Choose at least two plans to compare.",
    },
    "compare.presets": {"zh": "常用组合：", "en": "Useful sets:"},
    "compare.preset_315": {
        "zh": "省、杭州、嘉兴三个“315”方案",
        "en": "The province's, Hangzhou's and Jiaxing's 315 plans",
    },
    "compare.preset_2018": {
        "zh": "2018年若干意见 对比 省“315”方案",
        "en": "The 2018 opinions against the 315 plan",
    },
    "compare.plan_line": {
        "zh": "{plan}：{region}，规划期 {period}",
        "en": "{plan}: {region}, period {period}",
    },
    "compare.categories": {"zh": "指标类别", "en": "Indicator categories"},
    "compare.categories_placeholder": {"zh": "全部类别", "en": "All categories"},
    "compare.categories_help": {
        "zh": "不选即显示全部类别。",
        "en": "Leave empty to show every category.",
    },
    "compare.rows": {"zh": "显示哪些指标", "en": "Which indicators"},
    "compare.rows_all": {"zh": "全部", "en": "All"},
    "compare.rows_shared": {"zh": "共有的", "en": "Shared"},
    "compare.rows_differs": {"zh": "共有但不同的", "en": "Shared, and they differ"},
    "compare.rows_only": {"zh": "仅一份规划有的", "en": "In one plan only"},
    "compare.tab_aligned": {"zh": "指标对齐", "en": "Aligned indicators"},
    "compare.tab_ambition": {"zh": "目标力度", "en": "Ambition"},
    "compare.tab_pace": {"zh": "隐含速度", "en": "Pace"},
    "compare.tab_themes": {"zh": "高地、领域与行动", "en": "Highlands, fields and actions"},
    "compare.summary": {
        "zh": "共 {total} 个指标：{shared} 个为多份规划共有（其中 {differs} 个目标不同），"
        "{only} 个仅一份规划有。",
        "en": "{total} indicators: {shared} shared by more than one plan ({differs} of them "
        "differ), {only} in one plan only.",
    },
    "compare.excluded": {
        "zh": "{plan}：另有 {other} 条针对其他地区的目标（如分区县分解）和 {assigned} 条省下达目标"
        "未纳入对齐，只比较规划对本地区的目标。",
        "en": "{plan}: {other} figures for other regions (such as district allocations) and "
        "{assigned} province-assigned figures are left out; only each plan's targets for its "
        "own region are aligned.",
    },
    "compare.how_to_read": {
        "zh": "每格为该规划对本地区的目标：最新目标年在前，其他年份列在同一格中。"
        "“差异”列用文字和颜色标出不同之处（黄色 ≠ 及不同的方面：目标值、年份、"
        "表述如“以上”“左右”、口径如累计或每年；绿色 = 相同；灰色 仅 某规划）。"
        "点击数字查看它所在的句子。",
        "en": "Each cell is the plan's target for its own region: the latest target year first, "
        "other years in the same cell. The “Differs” column says in words and colour what "
        "differs (yellow ≠ and what differs: value, year, qualifier such as 以上 or 左右, "
        "basis such as cumulative or yearly; green = same; grey: only in a plan). "
        "Click a figure to read the sentence it comes from.",
    },
    "compare.col_indicator": {"zh": "指标", "en": "Indicator"},
    "compare.col_category": {"zh": "类别", "en": "Category"},
    "compare.col_unit": {"zh": "单位", "en": "Unit"},
    "compare.col_differs": {"zh": "差异", "en": "Differs"},
    "compare.col_quote": {"zh": "{plan} 原文", "en": "{plan} quote"},
    "compare.col_target_id": {"zh": "{plan} 目标编号", "en": "{plan} target id"},
    "compare.col_plan_region": {"zh": "{plan}（{region}）", "en": "{plan} ({region})"},
    "compare.col_plan": {"zh": "规划", "en": "Plan"},
    "compare.col_region": {"zh": "地区", "en": "Region"},
    "compare.col_target": {"zh": "目标（年份）", "en": "Target (year)"},
    "compare.col_baseline": {"zh": "基期值（年份）", "en": "Baseline (year)"},
    "compare.col_pace": {"zh": "隐含年均速度", "en": "Implied annual pace"},
    "compare.col_status": {"zh": "对照", "en": "Match"},
    "compare.quote": {"zh": "原文", "en": "quote"},
    "compare.no_rows": {
        "zh": "所选类别中没有符合条件的指标。",
        "en": "No indicator in the chosen categories matches.",
    },
    "compare.download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "compare.download_xlsx": {"zh": "下载 Excel", "en": "Download Excel"},
    "compare.marker_only": {"zh": "仅 {plan}", "en": "only {plan}"},
    "compare.marker_same": {"zh": "= 相同", "en": "= same"},
    "compare.marker_differs": {"zh": "≠ {aspects}不同", "en": "≠ {aspects}"},
    "compare.marker_of": {"zh": "（{n}/{k} 份）", "en": " ({n} of {k})"},
    "compare.list_sep": {"zh": "、", "en": ", "},
    "compare.aspect_value": {"zh": "目标值", "en": "value"},
    "compare.aspect_year": {"zh": "年份", "en": "year"},
    "compare.aspect_comparator": {"zh": "表述", "en": "qualifier"},
    "compare.aspect_kind": {"zh": "口径", "en": "basis"},
    "compare.pace_heading": {"zh": "共有指标的隐含年均速度", "en": "Implied annual pace"},
    "compare.pace_method": {
        "zh": "从规划开始前该地区最新的基期值（规划原文所述或已上传的实际值）到目标：比重和增速按"
        "每年增加的百分点计算，总量和数量按复合年增长率计算。原文没有基期值时如实说明，不作推算。",
        "en": "From the latest baseline for the plan's region known before the plan starts "
        "(stated in a plan, or an uploaded actual) to the target: points a year for shares "
        "and rates, compound growth for levels and counts. Where the documents state no "
        "baseline, the page says so and does not invent one.",
    },
    "compare.pace_points": {"zh": "{pace} 个百分点/年", "en": "{pace} points a year"},
    "compare.pace_linear": {"zh": "{pace} {unit}/年", "en": "{pace} {unit} a year"},
    "compare.pace_compound": {"zh": "年均 {pace}%", "en": "{pace}% a year"},
    "compare.pace_no_number": {
        "zh": "区间或定性目标，不计速度",
        "en": "no pace: a range or qualitative target",
    },
    "compare.pace_not_a_level": {
        "zh": "累计/每年/单项数额，不计速度",
        "en": "no pace: cumulative, yearly or per item",
    },
    "compare.pace_no_baseline": {"zh": "—", "en": "—"},
    "compare.no_baseline": {"zh": "原文无基期值", "en": "no baseline in the documents"},
    "compare.actual_suffix": {"zh": "，实际值", "en": ", actual"},
    "compare.no_shared": {
        "zh": "所选规划在所选类别中没有共有指标。",
        "en": "The chosen plans share no indicator in the chosen categories.",
    },
    "compare.charts_all": {
        "zh": "显示全部 {n} 个图（至少两份规划给出数值的共有指标）",
        "en": "Show all {n} charts (shared indicators with figures in at least two plans)",
    },
    "compare.charts_heading": {"zh": "逐个共有指标", "en": "Each shared indicator"},
    "compare.charts_title": {
        "zh": "共有指标：各规划的数值（按年份）",
        "en": "Shared indicators: each plan's figures by year",
    },
    "compare.download_chart": {"zh": "下载其中一张图", "en": "Download one of the charts"},
    "compare.ambition_item": {"zh": "{plan} {value}（{year}）", "en": "{plan} {value} ({year})"},
    "compare.ambition_ranked": {
        "zh": "力度从高到低：{items}。",
        "en": "Most ambitious first: {items}.",
    },
    "compare.ambition_years_differ": {
        "zh": "目标年份不同，宜同时比较年均速度。",
        "en": "The target years differ: compare the paces too.",
    },
    "compare.ambition_levels": {
        "zh": "各规划地区不同，总量不能直接比较，请看年均速度。",
        "en": "The plans cover different regions, so the levels do not compare directly: "
        "compare the paces.",
    },
    "compare.ambition_moved": {
        "zh": "同一地区：{before} → {after}，{pace}。",
        "en": "Same region: {before} → {after}, {pace}.",
    },
    "compare.ambition_too_few": {
        "zh": "可比的数值目标不足两个。",
        "en": "Fewer than two numeric targets to compare.",
    },
    "compare.chart_year": {"zh": "年份", "en": "Year"},
    "compare.chart_value": {"zh": "数值", "en": "Value"},
    "compare.chart_plan": {"zh": "规划", "en": "Plan"},
    "compare.chart_kind": {"zh": "类型", "en": "Kind"},
    "compare.chart_label": {"zh": "原文表述", "en": "As stated"},
    "compare.chart_unit": {
        "zh": "单位：{unit} · 来源：各规划原文",
        "en": "Unit: {unit} · Source: the plans",
    },
    "compare.ambition_of": {"zh": "**{name}**：{ambition}", "en": "**{name}**: {ambition}"},
    "compare.charts_source": {"zh": "来源：各规划原文", "en": "Source: the plans"},
    "compare.kind_target": {"zh": "目标", "en": "target"},
    "compare.kind_cumulative": {"zh": "累计", "en": "cumulative"},
    "compare.kind_annual": {"zh": "每年", "en": "each year"},
    "compare.kind_funding": {"zh": "单项资助", "en": "per item"},
    "compare.kind_baseline": {"zh": "基期值", "en": "baseline"},
    "compare.highlands": {"zh": "三大科创高地", "en": "The three innovation highlands"},
    "compare.fields": {"zh": "战略领域", "en": "Strategic fields"},
    "compare.actions": {"zh": "六大行动及其任务", "en": "The six actions and their tasks"},
    "compare.not_listed": {
        "zh": "未列出此类内容的规划：{plans}。",
        "en": "Plans that list none of these: {plans}.",
    },
    "compare.none_listed": {
        "zh": "所选规划都没有列出此类内容。",
        "en": "None of the chosen plans lists these.",
    },
    "compare.fields_note": {
        "zh": "只列出原文点名的领域（原文称“15大战略领域”但未全部列出）。",
        "en": "Only the fields the texts name are listed (the texts speak of 15 strategic "
        "fields but do not name them all).",
    },
    "compare.theme_same": {"zh": "= 相同", "en": "= same"},
    "compare.theme_renamed": {"zh": "≈ 同项异名", "en": "≈ renamed"},
    "compare.theme_partial": {"zh": "部分共有（{k} 份中 {n} 份）", "en": "in {n} of {k} plans"},
    "compare.task_targets_none": {"zh": "（本任务无量化目标）", "en": "(no figures in this task)"},
    "compare.task_absent": {"zh": "—", "en": "—"},
    "compare.category_input": {"zh": "投入", "en": "Input"},
    "compare.category_output": {"zh": "产出", "en": "Output"},
    "compare.category_industry": {"zh": "产业", "en": "Industry"},
    "compare.category_enterprise": {"zh": "企业", "en": "Enterprises"},
    "compare.category_platform": {"zh": "平台", "en": "Platforms"},
    "compare.category_talent": {"zh": "人才", "en": "Talent"},
    "compare.category_agriculture": {"zh": "农业", "en": "Agriculture"},
    "compare.category_social": {"zh": "社会发展", "en": "Social development"},
    "compare.category_cooperation": {"zh": "合作", "en": "Cooperation"},
    "compare.category_transfer": {"zh": "成果转化", "en": "Technology transfer"},
    "compare.category_finance": {"zh": "资金", "en": "Finance"},
    "compare.export_sheet": {"zh": "指标对齐", "en": "aligned"},
}
