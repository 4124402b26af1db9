"""Start the app: `python serve.py [options]` is `streamlit run asgi.py [options]` (app.py as
Streamlit serves it, with deep links answered at once: lib.deep_links), with the modules the
app's scripts import loaded and every page run once before the server opens its port, so
that the first page after a start is as quick as the ones after it (`make run` starts the
app this way)."""

import sys
import time
from pathlib import Path

from lib.preload import import_app_modules
from lib.ui.warmup import WARM_VIEWS, warm_views

ROOT = Path(__file__).resolve().parent


def main() -> None:
    """Import the app's modules and run its pages once, then hand over to `streamlit run`."""
    import_app_modules(ROOT)
    started = time.perf_counter()
    problems = warm_views(ROOT, WARM_VIEWS)
    took = time.perf_counter() - started
    print(f"ran {len(WARM_VIEWS)} views once in {took:.1f} s", file=sys.stderr)
    for problem in problems:
        print(f"  not warmed: {problem}", file=sys.stderr)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(ROOT / "asgi.py"), *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
