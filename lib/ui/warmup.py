"""Run the app's pages once before a new server opens its port (serve.py), so that the
first visitor after a start finds caches filled and first-use work done."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from lib.ui.layout import PAGES

# Every page's default view, and compare's ambition and pace tabs: their charts and table
# take the longest to build the first time.
WARM_VIEWS = [
    *((key, {}) for key, _, _ in PAGES),
    ("compare", {"view": "ambition"}),
    ("compare", {"view": "pace"}),
]


def warm_views(root: Path, views: list[tuple[str, dict[str, str]]]) -> list[str]:
    """Run each view (page key and URL parameters) once, as a visitor would, so that caches
    are filled before the first visitor comes; what failed, as "page: error" lines (each
    page shows its own error when visited)."""
    scripts = {key: path for key, path, _ in PAGES}
    # One AppTest for all views: each new one scans the installed packages for components.
    app = AppTest.from_file(str(root / "app.py"), default_timeout=300)
    problems = []
    for key, params in views:
        app.switch_page(scripts[key])
        app.query_params.clear()
        app.query_params.update(params)
        try:
            app.run()
        except Exception as error:  # noqa: BLE001  (the server starts all the same)
            problems.append(f"{key}: {error}")
            continue
        problems.extend(f"{key}: {exception.value}" for exception in app.exception)
    return problems
