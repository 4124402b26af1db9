"""Start the app: `python serve.py [options]` is `streamlit run app.py [options]`, with the
modules the app's scripts import loaded before the server opens its port, so that the first
page after a start is as quick as the ones after it (`make run` starts the app this way)."""

import sys
from pathlib import Path

from lib.preload import import_app_modules

ROOT = Path(__file__).resolve().parent


def main() -> None:
    """Import the app's modules, then hand over to `streamlit run app.py`."""
    import_app_modules(ROOT)
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *sys.argv[1:]]
    cli.main()


if __name__ == "__main__":
    main()
