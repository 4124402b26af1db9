import subprocess
import sys

from tests.conftest import REPO_ROOT


def _cli(*args: str, database_url: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lib.cli", "--database-url", database_url, *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_init_db_twice_leaves_the_same_database(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    first = _cli("init-db", database_url=url)
    assert first.returncode == 0, first.stderr
    assert "indicators.csv" in first.stdout and "+" in first.stdout
    second = _cli("init-db", database_url=url)
    assert second.returncode == 0, second.stderr
    assert all(line.endswith("unchanged") for line in second.stdout.strip().splitlines())
