"""Strings of the trajectories page: controls, chart, status and table."""

STRINGS: dict[str, dict[str, str]] = {
    "trajectories.intro": {
        "zh": "是否按期推进？选择一个指标和若干地区，对照各规划的目标、基期值和实际值。",
        "en": "Are we on track? Pick an indicator and some regions to set every plan's "
        "targets against the baselines and the actuals.",
    },
    # Controls
    "trajectories.category": {"zh": "指标类别", "en": "Category"},
    "trajectories.category_all": {"zh": "全部类别", "en": "All categories"},
    "trajectories.indicator": {
        "zh": "指标（可输入中文或英文搜索）",
        "en": "Indicator (type to search, Chinese or English)",
    },
    "trajectories.regions": {"zh": "地区", "en": "Regions"},
    "trajectories.regions_placeholder": {"zh": "选择地区", "en": "Choose regions"},
    "trajectories.regions_help": {
        "zh": "只列出有该指标目标或实际值的地区：省、设区市、杭州各区县。最多 {n} 个。",
        "en": "Only regions with a target or an actual for this indicator: the province, "
        "cities and Hangzhou's districts. At most {n}.",
    },
    "trajectories.method": {"zh": "进度判断方法", "en": "Status method"},
    "trajectories.show_path": {
        "zh": "显示到目标的直线路径",
        "en": "Show the straight path to each target",
    },
    "trajectories.show_projection": {
        "zh": "显示趋势外推（虚线）",
        "en": "Show the trend projection (dashed)",
    },
    "trajectories.indicator_facts": {
        "zh": "单位：{unit} · {direction} · {pace}",
        "en": "Unit: {unit} · {direction} · {pace}",
    },
    "trajectories.direction.up": {"zh": "越高越好", "en": "higher is better"},
    "trajectories.direction.down": {"zh": "越低越好", "en": "lower is better"},
    "trajectories.pace.linear": {
        "zh": "按线性速度（百分点/年）判断",
        "en": "judged by straight-line pace (points a year)",
    },
    "trajectories.pace.compound": {
        "zh": "按复合增长率判断",
        "en": "judged by compound growth",
    },
    # Chart
    "trajectories.chart_source": {
        "zh": "来源：规划原文（目标、基期值）；上传的实际值",
        "en": "Source: plan documents (targets, baselines); uploaded actuals",
    },
    "trajectories.chart_hint": {
        "zh": "将鼠标移到标记上可看到规划、表述和原文；点击目标标记可打开原文。",
        "en": "Hover over a marker for its plan, wording and quote; click a target marker "
        "to open the quote.",
    },
    "trajectories.axis.year": {"zh": "年份", "en": "Year"},
    "trajectories.legend.region": {"zh": "地区", "en": "Region"},
    "trajectories.legend.comparator": {"zh": "目标（形状）", "en": "Target (shape)"},
    "trajectories.legend.line": {"zh": "线条", "en": "Line"},
    "trajectories.line.observed": {"zh": "实际值与基期值", "en": "Actuals and baselines"},
    "trajectories.line.path": {"zh": "到目标的直线路径", "en": "Path to target"},
    "trajectories.line.projection": {"zh": "趋势外推", "en": "Trend projection"},
    "trajectories.tooltip.region": {"zh": "地区", "en": "Region"},
    "trajectories.tooltip.year": {"zh": "年份", "en": "Year"},
    "trajectories.tooltip.value": {"zh": "数值", "en": "Value"},
    "trajectories.tooltip.target": {"zh": "目标", "en": "Target"},
    "trajectories.tooltip.plan": {"zh": "规划", "en": "Plan"},
    "trajectories.tooltip.kind": {"zh": "类型", "en": "Kind"},
    "trajectories.tooltip.comparator": {"zh": "比较", "en": "Comparator"},
    "trajectories.tooltip.status": {"zh": "状态", "en": "Status"},
    "trajectories.tooltip.quote": {"zh": "原文", "en": "Quote"},
    "trajectories.tooltip.source": {"zh": "来源", "en": "Source"},
    "trajectories.tooltip.line": {"zh": "线条", "en": "Line"},
    "trajectories.tooltip.low": {"zh": "下限", "en": "Low"},
    "trajectories.tooltip.high": {"zh": "上限", "en": "High"},
    "trajectories.source.baseline": {"zh": "规划所述基期值", "en": "Baseline stated by a plan"},
    "trajectories.source.actual": {
        "zh": "实际值（上传批次 {batch}）",
        "en": "Actual (upload batch {batch})",
    },
    "trajectories.no_observations": {
        "zh": "所选地区还没有该指标的实际值或基期值，所以图中只有目标，进度状态为“数据不足”。"
        "请在“上传实际值”页面上传年度数据。",
        "en": "The selected regions have no actuals or baselines for this indicator yet, so "
        "the chart shows only targets and every status is “not enough data”. Upload yearly "
        "figures on the upload page.",
    },
    "trajectories.no_regions": {
        "zh": "该指标没有任何地区的数据。",
        "en": "No region has data for this indicator.",
    },
    "trajectories.choose_regions": {
        "zh": "请至少选择一个地区。",
        "en": "Choose at least one region.",
    },
    # Beside the chart
    "trajectories.targets_heading": {"zh": "图中的目标", "en": "Targets on the chart"},
    "trajectories.listed_heading": {
        "zh": "其他目标（定性、区间、期间累计）",
        "en": "Other targets (qualitative, ranges, totals)",
    },
    "trajectories.listed_help": {
        "zh": "定性目标、期间累计目标和单项资助标准无法与年度数值画在同一坐标上，列在这里；"
        "区间目标在图中画为竖条，也列在这里。",
        "en": "Qualitative targets, totals over a period and per-item funding cannot share "
        "the chart's axis with yearly values, so they are listed here; ranges are drawn as "
        "bars and listed here too.",
    },
    "trajectories.listed_none": {
        "zh": "没有，所有目标都在图中。",
        "en": "None: every target is on the chart.",
    },
    "trajectories.year_none": {"zh": "未注明年份", "en": "no year stated"},
    "trajectories.open_quote": {"zh": "原文", "en": "quote"},
    # Status
    "trajectories.status_heading": {"zh": "进度状态", "en": "Status"},
    "trajectories.method_in_words": {
        "zh": "判断方法：{name}。{description}",
        "en": "Method: {name}. {description}",
    },
    "trajectories.methods_heading": {"zh": "三种方法对照", "en": "The three methods side by side"},
    "trajectories.methods_help": {
        "zh": "同一目标在三种方法下的状态。方法说明见 docs/progress-methods.md。",
        "en": "Each target's status under the three methods. The methods are described in "
        "docs/progress-methods.md.",
    },
    "trajectories.no_targets": {
        "zh": "所选地区没有该指标的目标。",
        "en": "The selected regions have no targets for this indicator.",
    },
    # Table
    "trajectories.table_heading": {
        "zh": "目标与实际值明细",
        "en": "Every target and actual in view",
    },
    "trajectories.table_open": {
        "zh": "表格（{rows} 行）",
        "en": "Table ({rows} rows)",
    },
    "trajectories.col.region": {"zh": "地区", "en": "Region"},
    "trajectories.col.kind": {"zh": "类型", "en": "Kind"},
    "trajectories.col.year": {"zh": "年份", "en": "Year"},
    "trajectories.col.value": {"zh": "数值", "en": "Value"},
    "trajectories.col.value_text": {"zh": "原文表述", "en": "As stated"},
    "trajectories.col.comparator": {"zh": "比较", "en": "Comparator"},
    "trajectories.col.unit": {"zh": "单位", "en": "Unit"},
    "trajectories.col.plan": {"zh": "规划", "en": "Plan"},
    "trajectories.col.status": {"zh": "状态", "en": "Status"},
    "trajectories.col.explanation": {"zh": "判断依据", "en": "Why"},
    "trajectories.col.quote": {"zh": "原文", "en": "Quote"},
    "trajectories.col.target_id": {"zh": "目标编号", "en": "Target id"},
    "trajectories.col.upload_batch": {"zh": "上传批次", "en": "Upload batch"},
    "trajectories.col.link": {"zh": "出处", "en": "Source"},
    "trajectories.link_text": {"zh": "查看原文", "en": "Read the quote"},
    # Kinds of rows
    "trajectories.kind.target": {"zh": "目标", "en": "Target"},
    "trajectories.kind.assigned": {"zh": "省下达目标", "en": "Assigned by the province"},
    "trajectories.kind.annual": {"zh": "年度目标", "en": "Yearly target"},
    "trajectories.kind.cumulative": {"zh": "期间累计目标", "en": "Total over the period"},
    "trajectories.kind.funding": {"zh": "单项资助标准", "en": "Per-item funding"},
    "trajectories.kind.baseline": {"zh": "基期值", "en": "Baseline"},
    "trajectories.kind.actual": {"zh": "实际值", "en": "Actual"},
    # Comparators
    "trajectories.comparator.≥": {"zh": "≥ 不低于", "en": "≥ at least"},
    "trajectories.comparator.>": {"zh": "> 超过", "en": "> more than"},
    "trajectories.comparator.≈": {"zh": "≈ 左右", "en": "≈ about"},
    "trajectories.comparator.=": {"zh": "= 达到", "en": "= reach"},
    "trajectories.comparator.≤": {"zh": "≤ 不超过", "en": "≤ at most"},
    "trajectories.comparator.<": {"zh": "< 低于", "en": "< less than"},
    "trajectories.comparator.range": {"zh": "区间", "en": "range"},
    "trajectories.comparator.text": {"zh": "定性", "en": "qualitative"},
    # Categories (data/README.md)
    "trajectories.category.input": {"zh": "研发投入", "en": "R&D input"},
    "trajectories.category.output": {"zh": "创新产出", "en": "Output"},
    "trajectories.category.industry": {"zh": "产业", "en": "Industry"},
    "trajectories.category.enterprise": {"zh": "企业", "en": "Enterprises"},
    "trajectories.category.platform": {"zh": "平台", "en": "Platforms"},
    "trajectories.category.talent": {"zh": "人才", "en": "Talent"},
    "trajectories.category.agriculture": {"zh": "农业", "en": "Agriculture"},
    "trajectories.category.social": {"zh": "社会发展", "en": "Social development"},
    "trajectories.category.cooperation": {"zh": "科技合作", "en": "Cooperation"},
    "trajectories.category.transfer": {"zh": "成果转化", "en": "Technology transfer"},
    "trajectories.category.finance": {"zh": "科技金融", "en": "Finance"},
}
