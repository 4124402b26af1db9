"""Preloading: the modules the app's scripts import are found and imported before start."""

import sys
from pathlib import Path

import pytest

from lib.preload import import_app_modules, imported_names

REPO = Path(__file__).resolve().parent.parent


def test_names_cover_plain_and_from_imports(tmp_path):
    script = tmp_path / "page.py"
    script.write_text("import json\nfrom lib import comparison as cmp\nfrom . import x\n")
    assert imported_names([script]) == {"json": [], "lib": ["comparison"]}


def test_the_app_s_modules_are_imported_and_functions_are_skipped():
    imported = import_app_modules(REPO)
    # Pages import these as modules (`from lib import comparison as cmp`, `from lib.ui
    # import data, views`); the heavy libraries come with them.
    for name in ("lib.comparison", "lib.ui.views", "lib.ui.data", "lib.maps.hangzhou"):
        assert name in imported and name in sys.modules
    for heavy in ("pandas", "altair", "pydeck", "geopandas"):
        assert heavy in sys.modules
    assert "lib.ui.state.current_language" not in imported  # a function, not a module


def test_a_module_that_fails_to_import_is_reported(tmp_path):
    (tmp_path / "app_pages").mkdir()
    (tmp_path / "app.py").write_text("import lib_preload_no_such_module\n")
    with pytest.raises(ModuleNotFoundError):
        import_app_modules(tmp_path)
