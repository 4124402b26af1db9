"""Strings of presenter mode, sharing, export, saved views and the slideshow (slides page)."""

STRINGS: dict[str, dict[str, str]] = {
    "page.slides": {"zh": "演示幻灯片", "en": "Slides"},
    # Presenter mode
    "presenter.toggle_help": {
        "zh": "隐藏侧栏和控件、放大字号、全屏宽度，图表和地图带标题、图例和来源。"
        "链接中的 ?present=1 也能打开演示模式。",
        "en": "Hides the sidebar and controls, enlarges type and uses the full width; every "
        "chart and map carries a title, legend and source. ?present=1 in a link opens it too.",
    },
    "presenter.exit": {"zh": "退出演示模式", "en": "Exit presenter mode"},
    # Sharing
    "presenter.share_heading": {"zh": "分享此视图", "en": "Share this view"},
    "presenter.copy_link_button": {"zh": "复制链接", "en": "Copy link"},
    "presenter.copy_link": {
        "zh": "点击右侧复制按钮：打开此链接即为当前视图",
        "en": "Use the copy button on the right: this link reopens this exact view",
    },
    "presenter.save_name": {"zh": "视图名称", "en": "Name of the view"},
    "presenter.save_placeholder": {"zh": "例如：杭州研发投入 2024", "en": "e.g. Hangzhou R&D 2024"},
    "presenter.save": {"zh": "保存此视图", "en": "Save this view"},
    "presenter.save_open": {"zh": "保存视图", "en": "Save view"},
    "presenter.saved": {
        "zh": "已保存「{name}」，共 {n} 个视图。在“演示幻灯片”页排序和放映。",
        "en": "Saved “{name}”; {n} views in all. Order and show them on the Slides page.",
    },
    "presenter.save_failed": {"zh": "未能保存：{error}", "en": "Could not save: {error}"},
    # Export
    "presenter.export_label": {"zh": "导出", "en": "Export"},
    "presenter.download_png": {"zh": "PNG 图片", "en": "PNG image"},
    "presenter.download_svg": {"zh": "SVG 图片", "en": "SVG image"},
    "presenter.download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "presenter.download_xlsx": {"zh": "下载 Excel", "en": "Download Excel"},
    "presenter.png_help": {
        "zh": "带标题、图例和来源的图片，适合粘贴到幻灯片（2 倍分辨率）",
        "en": "The picture with its title, legend and source, for slides (2× resolution)",
    },
    "presenter.svg_help": {
        "zh": "矢量图，可无损缩放；文字保留为文字",
        "en": "Vector picture that scales without loss; text stays text",
    },
    "presenter.data_help": {
        "zh": "图表背后的数据；以 =、+、-、@ 开头的单元格已加撇号，不会被当作公式",
        "en": "The data behind the view; cells starting with =, +, - or @ get an apostrophe "
        "so that spreadsheets never run them as formulas",
    },
    "presenter.field_quote": {"zh": "原文", "en": "Quote"},
    # Slideshow bar
    "presenter.slide_of": {"zh": "第 {n} / {total} 页", "en": "Slide {n} of {total}"},
    "presenter.previous": {"zh": "上一页", "en": "Previous"},
    "presenter.next": {"zh": "下一页", "en": "Next"},
    "presenter.end_show": {"zh": "结束放映", "en": "End show"},
    "presenter.keys_hint": {
        "zh": "键盘：← → 翻页，Esc 结束",
        "en": "Keyboard: ← → to step, Esc to end",
    },
    "presenter.slide_missing": {
        "zh": "没有第 {n} 页：已保存的视图共 {total} 个。",
        "en": "There is no slide {n}: {total} views are saved.",
    },
    # Slides page
    "slides.intro": {
        "zh": "在任何页面的侧栏用“保存此视图”收藏当前视图，在这里排序，然后全屏放映："
        "每一页打开保存时的页面和设置，顶部显示标题和翻页按钮。",
        "en": "Save the current view of any page with “Save this view” in its sidebar, order "
        "the views here, then show them full screen: each slide opens its page as it was "
        "saved, with its caption and the previous/next buttons on top.",
    },
    "slides.none": {
        "zh": "还没有保存的视图。打开任一页面，在侧栏填写名称并点击“保存此视图”。",
        "en": "No saved views yet. Open any page, type a name in the sidebar and click "
        "“Save this view”.",
    },
    "slides.start": {"zh": "开始放映", "en": "Start the slideshow"},
    "slides.count": {"zh": "{n} 个已保存的视图", "en": "{n} saved views"},
    "slides.up": {"zh": "上移", "en": "Move up"},
    "slides.down": {"zh": "下移", "en": "Move down"},
    "slides.delete": {"zh": "删除", "en": "Delete"},
    "slides.open": {"zh": "打开", "en": "Open"},
    "slides.present_from": {"zh": "从此页放映", "en": "Show from here"},
    "slides.page_label": {"zh": "页面：{page}", "en": "Page: {page}"},
    "slides.no_settings": {"zh": "（默认设置）", "en": "(default settings)"},
    "slides.exchange": {"zh": "导出与导入", "en": "Export and import"},
    "slides.export": {"zh": "导出为 JSON", "en": "Export as JSON"},
    "slides.import_file": {"zh": "导入 JSON 文件", "en": "Import a JSON file"},
    "slides.import_replace": {
        "zh": "替换现有视图（否则追加到末尾）",
        "en": "Replace the saved views (otherwise add at the end)",
    },
    "slides.import": {"zh": "导入", "en": "Import"},
    "slides.imported": {"zh": "已导入 {n} 个视图。", "en": "Imported {n} views."},
    "slides.import_error": {"zh": "无法导入：{error}", "en": "Could not import: {error}"},
    "slides.import_needs_file": {
        "zh": "请先选择一个 JSON 文件。",
        "en": "Choose a JSON file first.",
    },
    "slides.error.not_json": {"zh": "文件不是 JSON", "en": "the file is not JSON"},
    "slides.error.wrong_format": {
        "zh": "不是本应用导出的视图文件",
        "en": "it is not a views file exported by this app",
    },
    "slides.error.newer_version": {
        "zh": "文件来自更新的版本",
        "en": "the file comes from a newer version of the app",
    },
    "slides.error.file_too_large": {
        "zh": "文件过大（上限 1 MB）",
        "en": "the file is too large (1 MB at most)",
    },
    "slides.error.too_many": {"zh": "视图超过 {limit} 个", "en": "more than {limit} views"},
    "slides.error.bad_view": {
        "zh": "第 {n} 个视图无效（{reason}）",
        "en": "view {n} is invalid ({reason})",
    },
    "slides.error.name_missing": {"zh": "缺少名称", "en": "no name"},
    "slides.error.name_too_long": {
        "zh": "名称超过 {limit} 个字符",
        "en": "name longer than {limit} characters",
    },
    "slides.error.page_unknown": {"zh": "未知页面 {page}", "en": "unknown page {page}"},
    "slides.error.query_invalid": {"zh": "链接参数无效", "en": "invalid link parameters"},
    "slides.error.not_object": {"zh": "不是对象", "en": "not an object"},
}
