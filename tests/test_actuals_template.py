"""The template, the messages and editing protection."""

from __future__ import annotations

import io

import openpyxl
import pytest

from lib.actuals.messages import describe, problems_frame
from lib.actuals.problems import Problem
from lib.actuals.protection import editor_passphrase, passphrase_matches
from lib.actuals.reference import load_reference
from lib.actuals.template import headers, template_csv, template_xlsx
from lib.actuals.validation import check_file
from lib.i18n import STRINGS
from lib.queries import indicators, regions


def test_csv_template_has_a_bom_and_the_headers_in_each_language():
    assert template_csv("zh") == "\ufeff指标代码,地区代码,年份,数值,单位,来源,备注\r\n".encode()
    assert template_csv("en").decode("utf-8-sig").strip() == (
        "indicator_id,region_code,year,value,unit,source,note"
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_empty_template_is_not_an_upload_and_the_filled_one_is(curated_engine, lang):
    reference = load_reference(curated_engine)
    empty = check_file(template_csv(lang), "template.csv", reference)
    assert [p.code for p in empty.errors] == ["no_data_rows"]
    filled = template_csv(lang) + "rd_gdp_share,杭州,2023,3.9,%,,\r\n".encode()
    assert check_file(filled, "template.csv", reference).ok


def test_xlsx_template_lists_indicators_and_regions_and_reads_back(curated_engine):
    data = template_xlsx("zh", indicators(curated_engine), regions(curated_engine))
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    assert workbook.sheetnames == ["实际值", "指标清单", "地区清单"]
    sheet = workbook["实际值"]
    assert [c.value for c in sheet[1]] == headers("zh")
    listed = {row[0] for row in workbook["指标清单"].iter_rows(min_row=2, values_only=True)}
    assert "rd_gdp_share" in listed and len(listed) == len(indicators(curated_engine))
    places = {row[0] for row in workbook["地区清单"].iter_rows(min_row=2, values_only=True)}
    assert {"330000", "330100"} <= places

    sheet.append(["new_hitech_enterprises", "330100", 2023, 2046])
    buffer = io.BytesIO()
    workbook.save(buffer)
    checked = check_file(buffer.getvalue(), "filled.xlsx", load_reference(curated_engine))
    assert checked.ok and checked.rows["value"].tolist() == [2046.0]


def test_every_problem_code_has_a_message_in_both_languages():
    codes = {key.removeprefix("upload.problem.") for key in STRINGS if "upload.problem." in key}
    assert {"file_empty", "unknown_indicator", "undo_blocked", "busy"} <= codes
    for code in codes:
        for lang in ("zh", "en"):
            params = {
                "suggestions": [],
                **dict.fromkeys(
                    ["value", "size", "limit", "name", "detail", "columns", "found", "headers"]
                    + ["header", "values", "options", "given", "expected", "indicator", "year"]
                    + ["min", "max", "unit", "first_row", "length", "count", "time", "batch"]
                    + ["rows", "later"],
                    "x",
                ),
            }
            if code == "missing_columns":
                params["columns"] = ["year"]
            text = describe(Problem(code, 3, "value", params), lang)
            assert "{" not in text and text.strip(), (code, lang)


def test_a_place_is_named_the_way_the_steward_sees_it():
    problem = Problem("required_missing", 7, "region_code")
    assert describe(problem, "en") == "Row 7, region_code: required, but empty."
    assert describe(problem, "zh") == "第 7 行，地区代码：必填，但是空的。"
    frame = problems_frame([problem], "en")
    assert frame.to_dict("records") == [
        {
            "Row": 7,
            "Column": "region_code",
            "Problem": "Required, but empty.",
            "Code": "required_missing",
        }
    ]


class _NoSecretsFile(dict):
    def get(self, key, default=None):
        raise FileNotFoundError("no secrets.toml")


@pytest.mark.parametrize(
    ("environ", "secrets", "expected"),
    [
        ({}, {}, None),
        ({"EDITOR_PASSPHRASE": "  "}, {}, None),
        ({"EDITOR_PASSPHRASE": "s3cret"}, {"editor_passphrase": "other"}, "s3cret"),
        ({}, {"editor_passphrase": "from-secrets"}, "from-secrets"),
        ({}, _NoSecretsFile(), None),
        ({}, None, None),
    ],
)
def test_the_passphrase_comes_from_the_environment_or_the_secrets(environ, secrets, expected):
    assert editor_passphrase(secrets, environ) == expected


def test_passphrases_are_compared_exactly():
    assert passphrase_matches(" s3cret ", "s3cret")
    assert not passphrase_matches("s3cre", "s3cret")
    assert not passphrase_matches("", "s3cret")
