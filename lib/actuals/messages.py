"""Problems as sentences a steward understands, in Chinese or English."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from lib.actuals.problems import Problem
from lib.i18n import t


def column_label(column: str, lang: str) -> str:
    """A template column as the steward knows it (指标代码 / indicator_id)."""
    return t(f"upload.column.{column}", lang)


def _text(value: object, lang: str) -> str:
    """One parameter in lang: {"zh", "en"} names pick a language, lists are joined."""
    if isinstance(value, dict) and "zh" in value:
        name = value.get(lang) or value["zh"]
        if "code" not in value:
            return name
        return f"{value['code']}（{name}）" if lang == "zh" else f"{value['code']} ({name})"
    if isinstance(value, list | tuple):
        return t("upload.list_sep", lang).join(_text(item, lang) for item in value)
    return str(value)


def message(problem: Problem, lang: str) -> str:
    """What is wrong, without the place (row and column)."""
    params = {name: _text(value, lang) for name, value in problem.params.items()}
    if problem.column:
        params.setdefault("column", column_label(problem.column, lang))
    if problem.code == "missing_columns":
        params["columns"] = _text([column_label(c, lang) for c in problem.params["columns"]], lang)
    if "suggestions" in problem.params:
        options = problem.params["suggestions"]
        params["hint"] = (
            t("upload.did_you_mean", lang, options=_text(options, lang))
            if options
            else t("upload.no_suggestion", lang)
        )
    return t(f"upload.problem.{problem.code}", lang, **params)


def describe(problem: Problem, lang: str) -> str:
    """The whole sentence: where (row as in a spreadsheet, column) and what."""
    text = message(problem, lang)
    if problem.row is None:
        return text
    if problem.column:
        column = column_label(problem.column, lang)
        return t("upload.at_row_column", lang, row=problem.row, column=column, message=text)
    return t("upload.at_row", lang, row=problem.row, message=text)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def problems_frame(problems: Iterable[Problem], lang: str) -> pd.DataFrame:
    """Problems as a table: row, column, message and code, for the page and for download."""
    records = [
        {
            t("upload.col.row", lang): problem.row,
            t("upload.col.column", lang): column_label(problem.column, lang)
            if problem.column
            else "",
            t("upload.col.problem", lang): _capitalised(message(problem, lang)),
            t("upload.col.code", lang): problem.code,
        }
        for problem in problems
    ]
    columns = [t(f"upload.col.{c}", lang) for c in ("row", "column", "problem", "code")]
    frame = pd.DataFrame(records, columns=columns)
    frame[columns[0]] = frame[columns[0]].astype("Int64")
    return frame
