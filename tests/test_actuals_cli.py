"""The command line, end to end: import-actuals [--dry-run], batches, undo-batch."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from lib.cli import main
from lib.db import make_engine
from tests.conftest import REPO_ROOT
from tests.dbtools import cli, snapshot
from tests.test_actuals_validation import BAD, BAD_DIR, GOOD

GOOD_EN = GOOD / "actuals_en.csv"  # 7 rows
GOOD_ZH = GOOD / "actuals_zh_bom.csv"  # 2 rows


def test_import_dry_run_batches_and_undo_from_the_command_line(curated_url, tmp_path):
    engine = make_engine(curated_url)
    before = snapshot(engine)

    checked = cli("import-actuals", str(GOOD_EN), "--dry-run", url=curated_url)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.strip() == (
        "Checked (dry run, nothing written): 7 to insert, 0 to change, 0 identical."
    )
    assert snapshot(engine) == before

    imported = cli("import-actuals", str(GOOD_EN), "--who", "王敏", url=curated_url)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == "Imported batch #1: 7 inserted, 0 changed, 0 identical."

    changed = tmp_path / "revised.csv"
    changed.write_text(
        "指标代码,地区代码,年份,数值\nrd_gdp_share,330000,2022,3.2\nrd_gdp_share,330100,2022,3.86\n",
        encoding="utf-8",
    )
    second = cli("import-actuals", str(changed), url=curated_url)
    assert second.stdout.strip() == "Imported batch #2: 0 inserted, 1 changed, 1 identical."

    again = cli("import-actuals", str(GOOD_EN), url=curated_url)
    assert again.returncode == 0
    assert again.stdout.startswith("This file was already imported as batch #1 on ")

    listed = cli("batches", url=curated_url)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.strip().splitlines()
    assert [line.split()[0] for line in lines] == ["#2", "#1"]
    assert "committed" in lines[1] and "+7 ~0 =0" in lines[1] and "王敏" in lines[1]
    assert "actuals_en.csv" in lines[1] and "revised.csv" in lines[0]

    refused = cli("undo-batch", "1", url=curated_url)
    assert refused.returncode == 1
    assert refused.stderr.strip() == (
        "Batch #1 cannot be undone: 1 of its values were changed again by later batch #2. "
        "Undo #2 first, so that the later changes are not overwritten."
    )
    assert cli("undo-batch", "2", url=curated_url).stdout.strip() == (
        "Batch #2 undone: 0 value(s) removed, 1 restored."
    )
    assert cli("undo-batch", "1", url=curated_url).returncode == 0
    twice = cli("undo-batch", "1", url=curated_url)
    assert twice.returncode == 1 and twice.stderr.strip() == "Batch #1 has already been undone."
    assert "undone" in cli("batches", url=curated_url).stdout


def test_a_rejected_import_exits_1_with_one_line_per_problem_and_changes_nothing(curated_url):
    engine = make_engine(curated_url)
    assert cli("import-actuals", str(GOOD_ZH), url=curated_url).returncode == 0
    before = snapshot(engine)
    rejected = cli("import-actuals", str(BAD_DIR / "many_problems.csv"), url=curated_url)
    assert rejected.returncode == 1
    assert rejected.stdout.splitlines() == BAD["many_problems.csv"]
    assert rejected.stderr.strip() == "Rejected: 6 problem(s), the database is unchanged."
    assert snapshot(engine) == before


def test_messages_in_chinese_with_lang_zh(curated_url):
    rejected = cli(
        "import-actuals", str(BAD_DIR / "share_over_100.csv"), "--lang", "zh", url=curated_url
    )
    assert rejected.returncode == 1
    assert rejected.stdout.strip() == (
        "第 2 行，数值：数值 120 超过 100，但指标“研究与试验发展经费支出占地区生产总值比重”"
        "是比重（%），不可能超过 100。"
    )
    assert rejected.stderr.strip() == "已拒绝：1 个问题，数据库没有改动。"
    imported = cli("import-actuals", str(GOOD_ZH), "--lang", "zh", url=curated_url)
    assert imported.stdout.strip() == "已导入批次 #1：新增 2，修改 0，相同 0。"


def test_database_url_selects_the_database(curated_url):
    done = subprocess.run(
        [sys.executable, "-m", "lib.cli", "import-actuals", str(GOOD_ZH)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "DATABASE_URL": curated_url},
    )
    assert done.returncode == 0, done.stderr
    assert len(snapshot(make_engine(curated_url))["actual"]) == 2


def test_a_missing_file_or_an_empty_database_is_said_plainly(tmp_path, curated_url):
    missing = cli("import-actuals", str(tmp_path / "nope.csv"), url=curated_url)
    assert missing.returncode == 1 and missing.stderr.startswith("No such file: ")
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    for args in (("import-actuals", str(GOOD_ZH)), ("batches",), ("undo-batch", "1")):
        done = cli(*args, url=empty)
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert "init-db" in done.stderr


def _main(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


@pytest.fixture
def sqlite_url(curated_sqlite_file, tmp_path) -> str:
    """A copy of the curated SQLite file (the CLI in-process, once per bad file, stays quick)."""
    path = tmp_path / "cli.db"
    path.write_bytes(curated_sqlite_file.read_bytes())
    return f"sqlite:///{path}"


def test_every_bad_file_is_rejected_by_the_command_line_with_its_messages(capsys, sqlite_url):
    engine = make_engine(sqlite_url)
    assert _main(capsys, "--database-url", sqlite_url, "import-actuals", str(GOOD_EN))[0] == 0
    before = snapshot(engine)
    limits = {"too_large.csv": ["--max-bytes", "2048"], "too_many_rows.csv": ["--max-rows", "5"]}
    for name, messages in sorted(BAD.items()):
        path = str(BAD_DIR / name)
        args = ["--database-url", sqlite_url, "import-actuals", path, *limits.get(name, [])]
        code, lines, err = _main(capsys, *args)
        assert (code, lines) == (1, messages), name
        assert err.strip().endswith("the database is unchanged."), name
        assert snapshot(engine) == before, name
