"""Strings of the upload page, of the validation messages and of the import command line."""

STRINGS: dict[str, dict[str, str]] = {
    # The page, top to bottom.
    "upload.intro": {
        "zh": "在这里添加每年的实际值：下载模板、填好后上传，检查预览，确认后一次性写入。"
        "每次上传都记录为一个批次，可以整批撤销；任何已有数值都不会被悄悄覆盖。",
        "en": "Add each year's actual values here: download the template, fill it in, upload "
        "it, check the preview and confirm. Every upload is recorded as one batch that can "
        "be undone as a whole; no stored value is ever overwritten without you seeing it.",
    },
    "upload.open_editing": {
        "zh": "未设置编辑口令：任何能访问本应用的人都可以上传或撤销数据。"
        "如需保护，请设置环境变量 EDITOR_PASSPHRASE 或 Streamlit secrets 中的 "
        "editor_passphrase。",
        "en": "No editor passphrase is configured: anyone who can reach this app can upload "
        "or undo data. To protect editing, set the EDITOR_PASSPHRASE environment variable or "
        "editor_passphrase in the Streamlit secrets.",
    },
    "upload.protected": {
        "zh": "编辑受口令保护。请输入您的姓名和编辑口令。",
        "en": "Editing is protected. Enter your name and the editor passphrase.",
    },
    "upload.editor_name": {"zh": "您的姓名", "en": "Your name"},
    "upload.passphrase": {"zh": "编辑口令", "en": "Editor passphrase"},
    "upload.unlock": {"zh": "开始编辑", "en": "Start editing"},
    "upload.wrong_passphrase": {
        "zh": "口令不正确，或未填写姓名。",
        "en": "The passphrase is wrong, or the name is empty.",
    },
    "upload.editing_as": {"zh": "当前编辑人：{who}", "en": "Editing as {who}"},
    "upload.step_template": {"zh": "1. 下载模板", "en": "1. Download the template"},
    "upload.template_help": {
        "zh": "必填列：指标代码、地区代码、年份、数值；可选列：单位、来源、备注。"
        "指标可以写代码、中文名、英文名或别名；地区可以写行政区划代码或名称（如 杭州、杭州市、"
        "Hangzhou）。数值按指标的单位填写（单位可留空）；百分比可写 3.4 或 3.4%。"
        "Excel 模板另附指标和地区清单。",
        "en": "Required columns: indicator_id, region_code, year, value; optional: unit, "
        "source, note. An indicator may be given by its code, Chinese or English name or an "
        "alias; a region by its adcode or name (杭州, 杭州市, Hangzhou). Values are in the "
        "indicator's unit (the unit may be left empty); a percentage may be written 3.4 or "
        "3.4%. The Excel template also lists every indicator and region.",
    },
    "upload.template_csv": {"zh": "下载 CSV 模板", "en": "Download the CSV template"},
    "upload.template_xlsx": {"zh": "下载 Excel 模板", "en": "Download the Excel template"},
    "upload.step_file": {"zh": "2. 上传文件", "en": "2. Upload the file"},
    "upload.file_label": {
        "zh": "CSV（UTF-8 或 GB18030）或 Excel（.xlsx）文件",
        "en": "CSV (UTF-8 or GB18030) or Excel (.xlsx) file",
    },
    "upload.limits": {
        "zh": "上限：{size}，{rows} 行。",
        "en": "Limits: {size}, {rows} rows.",
    },
    "upload.step_check": {"zh": "3. 检查", "en": "3. Check"},
    "upload.rejected": {
        "zh": "文件未被接受：发现 {count} 个问题。数据库没有任何改动。请修改文件后重新上传。",
        "en": "The file was not accepted: {count} problem(s) found. Nothing in the database "
        "was changed. Correct the file and upload it again.",
    },
    "upload.problems_shown": {
        "zh": "显示前 {shown} 个问题，共 {count} 个；完整清单可下载。",
        "en": "Showing the first {shown} of {count} problems; download the full list.",
    },
    "upload.problems_download": {"zh": "下载问题清单（CSV）", "en": "Download the problems (CSV)"},
    "upload.already_imported": {
        "zh": "这个文件已于 {time} 作为批次 #{batch} 导入，无需再次导入，数据库没有改动。",
        "en": "This file was already imported as batch #{batch} on {time}; nothing was changed.",
    },
    "upload.nothing_to_change": {
        "zh": "文件中的 {count} 行与数据库中已有的数值完全相同，没有需要写入的内容。",
        "en": "All {count} rows are identical to what is stored; there is nothing to write.",
    },
    "upload.preview": {
        "zh": "预览：确认前数据库不会有任何改动。",
        "en": "Preview: nothing is written until you confirm.",
    },
    "upload.metric_insert": {"zh": "新增", "en": "New"},
    "upload.metric_change": {"zh": "修改已有值", "en": "Change a stored value"},
    "upload.metric_same": {"zh": "与已有值相同", "en": "Identical to stored"},
    "upload.tab_insert": {"zh": "新增 ({count})", "en": "New ({count})"},
    "upload.tab_change": {"zh": "修改 ({count})", "en": "Changes ({count})"},
    "upload.tab_same": {"zh": "相同 ({count})", "en": "Identical ({count})"},
    "upload.rows_shown": {
        "zh": "显示前 {shown} 行，共 {count} 行。",
        "en": "Showing the first {shown} of {count} rows.",
    },
    "upload.none": {"zh": "无。", "en": "None."},
    "upload.changes_warning": {
        "zh": "{count} 个已有数值将被修改（旧值与新值并列显示）。撤销此批次可以恢复旧值。",
        "en": "{count} stored value(s) will change (old and new side by side). Undoing this "
        "batch brings the old values back.",
    },
    "upload.confirm": {
        "zh": "我已检查预览，确认写入 {inserts} 个新值并修改 {changes} 个已有值",
        "en": "I have checked the preview: write {inserts} new and change {changes} stored "
        "value(s)",
    },
    "upload.commit": {"zh": "确认导入", "en": "Import"},
    "upload.committed": {
        "zh": "已导入批次 #{batch}：新增 {inserted}，修改 {updated}，相同 {unchanged}。"
        "所有页面现在显示新数据。",
        "en": "Imported batch #{batch}: {inserted} new, {updated} changed, {unchanged} "
        "identical. Every page now shows the new data.",
    },
    "upload.step_history": {"zh": "4. 上传历史", "en": "4. Upload history"},
    "upload.history_empty": {"zh": "还没有上传过数据。", "en": "Nothing has been uploaded yet."},
    "upload.history_undo_help": {
        "zh": "撤销一个批次会完全恢复它之前的状态：它修改的数值恢复为旧值，它新增的数值被删除。"
        "如果之后的批次又修改了同样的数据，需要先撤销之后的批次。",
        "en": "Undoing a batch restores exactly what was there before it: values it changed "
        "come back, values it inserted go. If a later batch changed the same data again, "
        "undo the later batch first.",
    },
    "upload.undo": {"zh": "撤销 #{batch}", "en": "Undo #{batch}"},
    "upload.undo_confirm": {
        "zh": "确定撤销批次 #{batch}（{file}）吗？将删除 {inserted} 个新增值并恢复 {updated} "
        "个旧值。",
        "en": "Undo batch #{batch} ({file})? This removes {inserted} inserted value(s) and "
        "restores {updated} old value(s).",
    },
    "upload.undo_yes": {"zh": "确定撤销", "en": "Yes, undo"},
    "upload.undo_cancel": {"zh": "取消", "en": "Cancel"},
    "upload.undone": {
        "zh": "批次 #{batch} 已撤销：删除 {removed} 个值，恢复 {restored} 个旧值。",
        "en": "Batch #{batch} undone: {removed} value(s) removed, {restored} restored.",
    },
    # Column headers of the tables the page shows.
    "upload.col.batch": {"zh": "批次", "en": "Batch"},
    "upload.col.file": {"zh": "文件", "en": "File"},
    "upload.col.time": {"zh": "时间（UTC）", "en": "Time (UTC)"},
    "upload.col.who": {"zh": "操作人", "en": "By"},
    "upload.col.total": {"zh": "行数", "en": "Rows"},
    "upload.col.inserted": {"zh": "新增", "en": "New"},
    "upload.col.updated": {"zh": "修改", "en": "Changed"},
    "upload.col.unchanged": {"zh": "相同", "en": "Identical"},
    "upload.col.status": {"zh": "状态", "en": "Status"},
    "upload.col.sha256": {"zh": "SHA-256", "en": "SHA-256"},
    "upload.col.row": {"zh": "行", "en": "Row"},
    "upload.col.column": {"zh": "列", "en": "Column"},
    "upload.col.problem": {"zh": "问题", "en": "Problem"},
    "upload.col.code": {"zh": "代码", "en": "Code"},
    "upload.col.indicator": {"zh": "指标", "en": "Indicator"},
    "upload.col.region": {"zh": "地区", "en": "Region"},
    "upload.col.year": {"zh": "年份", "en": "Year"},
    "upload.col.value": {"zh": "数值", "en": "Value"},
    "upload.col.old_value": {"zh": "原值", "en": "Old value"},
    "upload.col.new_value": {"zh": "新值", "en": "New value"},
    "upload.col.unit": {"zh": "单位", "en": "Unit"},
    "upload.col.source": {"zh": "来源", "en": "Source"},
    "upload.col.old_source": {"zh": "原来源", "en": "Old source"},
    "upload.col.note": {"zh": "备注", "en": "Note"},
    "upload.col.old_note": {"zh": "原备注", "en": "Old note"},
    "upload.col.old_batch": {"zh": "原批次", "en": "Old batch"},
    "upload.status.committed": {"zh": "已导入", "en": "committed"},
    "upload.status.undone": {"zh": "已撤销", "en": "undone"},
    # The columns of an upload file, as the steward sees them in messages.
    "upload.column.indicator_id": {"zh": "指标代码", "en": "indicator_id"},
    "upload.column.region_code": {"zh": "地区代码", "en": "region_code"},
    "upload.column.year": {"zh": "年份", "en": "year"},
    "upload.column.value": {"zh": "数值", "en": "value"},
    "upload.column.unit": {"zh": "单位", "en": "unit"},
    "upload.column.source": {"zh": "来源", "en": "source"},
    "upload.column.note": {"zh": "备注", "en": "note"},
    "upload.template_sheet": {"zh": "实际值", "en": "actuals"},
    "upload.template_indicators": {"zh": "指标清单", "en": "indicators"},
    "upload.template_regions": {"zh": "地区清单", "en": "regions"},
    # Where a problem is: "Row 5, value: ..." / file-level problems have no place.
    "upload.at_row_column": {
        "zh": "第 {row} 行，{column}：{message}",
        "en": "Row {row}, {column}: {message}",
    },
    "upload.at_row": {"zh": "第 {row} 行：{message}", "en": "Row {row}: {message}"},
    "upload.list_sep": {"zh": "、", "en": ", "},
    "upload.did_you_mean": {"zh": "您是不是要找：{options}？", "en": "Did you mean: {options}?"},
    "upload.no_suggestion": {
        "zh": "没有相近的名称，请查看模板中的清单。",
        "en": "No close match; see the lists in the template.",
    },
    # Problems found in a file (lib.actuals.validation); {placeholders} are the params.
    "upload.problem.file_empty": {
        "zh": "文件是空的，没有任何内容。",
        "en": "The file is empty.",
    },
    "upload.problem.file_too_large": {
        "zh": "文件太大：{size}，上限为 {limit}。请拆分成几个文件上传。",
        "en": "The file is too large: {size}, the limit is {limit}. Split it into several files.",
    },
    "upload.problem.too_many_rows": {
        "zh": "文件行数太多：超过 {limit} 行的上限。请拆分成几个文件上传。",
        "en": "The file has too many rows: more than the limit of {limit}. Split it into "
        "several files.",
    },
    "upload.problem.file_type": {
        "zh": "无法读取“{name}”：只接受 CSV 和 Excel（.xlsx）文件。",
        "en": "Cannot read “{name}”: only CSV and Excel (.xlsx) files are accepted.",
    },
    "upload.problem.old_excel": {
        "zh": "这是旧版 Excel（.xls）文件。请在 Excel 中另存为 .xlsx 或 CSV 后再上传。",
        "en": "This is an old Excel (.xls) file. Save it as .xlsx or CSV in Excel and upload "
        "it again.",
    },
    "upload.problem.encoding": {
        "zh": "无法识别文件的文字编码。请将 CSV 保存为 UTF-8 或 GB18030 编码。",
        "en": "The text encoding of the file could not be recognised. Save the CSV as UTF-8 "
        "or GB18030.",
    },
    "upload.problem.xlsx_unreadable": {
        "zh": "无法打开这个 Excel 文件（可能已损坏或被加密）：{detail}",
        "en": "This Excel file cannot be opened (it may be damaged or encrypted): {detail}",
    },
    "upload.problem.csv_malformed": {
        "zh": "CSV 格式有误，无法读取：{detail}",
        "en": "The CSV is malformed and cannot be read: {detail}",
    },
    "upload.problem.csv_unclosed_quote": {
        "zh": '这一行的引号（"）没有配对，之后的所有内容都被当成了同一个单元格。请补上或删除引号。',
        "en": 'a quotation mark (") opens here and is never closed, so everything after it '
        "reads as one cell. Close the quote or remove it.",
    },
    "upload.problem.no_data_rows": {
        "zh": "文件只有表头，没有数据行。",
        "en": "The file has a header row but no data rows.",
    },
    "upload.problem.missing_columns": {
        "zh": "缺少必填列：{columns}。表头（第 1 个非空行）中找到的是：{found}。",
        "en": "Required column(s) missing: {columns}. The header (the first non-empty row) "
        "has: {found}.",
    },
    "upload.problem.duplicate_column": {
        "zh": "列“{column}”出现了不止一次（表头：{headers}）。请只保留一列。",
        "en": "The column “{column}” appears more than once (headers: {headers}). Keep only one.",
    },
    "upload.problem.unknown_column": {
        "zh": "列“{header}”不是模板中的列，已忽略。",
        "en": "The column “{header}” is not a template column and is ignored.",
    },
    "upload.problem.extra_cells": {
        "zh": "表头以外的列还有内容（{values}）。请检查单元格是否错位。",
        "en": "there is content beyond the header's columns ({values}). Check that the "
        "cells are not shifted.",
    },
    "upload.problem.required_missing": {
        "zh": "必填，但是空的。",
        "en": "required, but empty.",
    },
    "upload.problem.unknown_indicator": {
        "zh": "未知指标“{value}”。{hint}",
        "en": "unknown indicator “{value}”. {hint}",
    },
    "upload.problem.ambiguous_indicator": {
        "zh": "“{value}”可以指多个指标：{options}。请写指标代码。",
        "en": "“{value}” could be several indicators: {options}. Write the indicator code.",
    },
    "upload.problem.unknown_region": {
        "zh": "未知地区“{value}”。{hint}",
        "en": "unknown region “{value}”. {hint}",
    },
    "upload.problem.ambiguous_region": {
        "zh": "“{value}”可以指多个地区：{options}。请写行政区划代码。",
        "en": "“{value}” could be several regions: {options}. Write the adcode.",
    },
    "upload.problem.unit_mismatch": {
        "zh": "单位“{given}”与指标“{indicator}”的单位“{expected}”不符。"
        "请换算成“{expected}”，或将单位留空。",
        "en": "the unit “{given}” does not match the unit “{expected}” of the indicator "
        "“{indicator}”. Convert the value to “{expected}” or leave the unit empty.",
    },
    "upload.problem.year_invalid": {
        "zh": "“{value}”不是年份。请写四位数字，如 2023。",
        "en": "“{value}” is not a year. Write four digits, such as 2023.",
    },
    "upload.problem.year_out_of_range": {
        "zh": "年份 {year} 不在合理范围 {min}–{max} 之内。",
        "en": "the year {year} is outside the sensible range {min}–{max}.",
    },
    "upload.problem.value_not_number": {
        "zh": "“{value}”不是数字。请写如 3.4、1,234 或 3.4% 这样的数值。",
        "en": "“{value}” is not a number. Write a number such as 3.4, 1,234 or 3.4%.",
    },
    "upload.problem.value_negative": {
        "zh": "数值 {value} 是负数，但指标“{indicator}”不可能为负。",
        "en": "the value {value} is negative, but the indicator “{indicator}” cannot be negative.",
    },
    "upload.problem.share_over_100": {
        "zh": "数值 {value} 超过 100，但指标“{indicator}”是比重（%），不可能超过 100。",
        "en": "the value {value} is above 100, but the indicator “{indicator}” is a share (%) "
        "and cannot exceed 100.",
    },
    "upload.problem.count_not_whole": {
        "zh": "数值 {value} 不是整数，但指标“{indicator}”是计数（{unit}）。",
        "en": "the value {value} is not a whole number, but the indicator “{indicator}” is a "
        "count ({unit}).",
    },
    "upload.problem.duplicate_row": {
        "zh": "与第 {first_row} 行重复：同一指标、地区和年份只能出现一次。",
        "en": "duplicates row {first_row}: the same indicator, region and year may appear "
        "only once.",
    },
    "upload.problem.text_too_long": {
        "zh": "内容太长（{length} 个字符，上限 {limit}）。",
        "en": "too long ({length} characters, the limit is {limit}).",
    },
    # Refusals of a commit or an undo.
    "upload.problem.rejected": {
        "zh": "文件有 {count} 个问题，未导入。",
        "en": "The file has {count} problem(s) and was not imported.",
    },
    "upload.problem.already_imported": {
        "zh": "这个文件已于 {time} 作为批次 #{batch} 导入，没有任何改动。",
        "en": "This file was already imported as batch #{batch} on {time}; nothing changed.",
    },
    "upload.problem.nothing_to_change": {
        "zh": "所有行都与数据库中已有的数值相同，没有需要写入的内容。",
        "en": "Every row is identical to what is stored; there is nothing to write.",
    },
    "upload.problem.stale_preview": {
        "zh": "预览之后数据库已被改动，请重新检查预览。",
        "en": "The database changed after the preview; check the preview again.",
    },
    "upload.problem.busy": {
        "zh": "数据库正忙（另一个上传或撤销正在进行），本次没有写入任何内容。请稍后重试。",
        "en": "The database is busy with another upload or undo; nothing was written. Try "
        "again in a moment.",
    },
    "upload.problem.batch_not_found": {
        "zh": "没有批次 #{batch}。",
        "en": "There is no batch #{batch}.",
    },
    "upload.problem.batch_already_undone": {
        "zh": "批次 #{batch} 已经撤销过了。",
        "en": "Batch #{batch} has already been undone.",
    },
    "upload.problem.undo_blocked": {
        "zh": "不能撤销批次 #{batch}：它的 {rows} 个数值后来又被批次 {later} 修改过。"
        "请先撤销 {later}，以免覆盖之后的修改。",
        "en": "Batch #{batch} cannot be undone: {rows} of its values were changed again by "
        "later batch {later}. Undo {later} first, so that the later changes are not "
        "overwritten.",
    },
    # The command line.
    "upload.cli.checked": {
        "zh": "检查通过（未写入）：将新增 {inserts}，修改 {changes}，相同 {same}。",
        "en": "Checked (dry run, nothing written): {inserts} to insert, {changes} to change, "
        "{same} identical.",
    },
    "upload.cli.committed": {
        "zh": "已导入批次 #{batch}：新增 {inserted}，修改 {updated}，相同 {unchanged}。",
        "en": "Imported batch #{batch}: {inserted} inserted, {updated} changed, "
        "{unchanged} identical.",
    },
    "upload.cli.rejected": {
        "zh": "已拒绝：{count} 个问题，数据库没有改动。",
        "en": "Rejected: {count} problem(s), the database is unchanged.",
    },
    "upload.cli.not_found": {"zh": "找不到文件：{path}", "en": "No such file: {path}"},
    "upload.cli.no_batches": {"zh": "还没有批次。", "en": "No batches yet."},
}
