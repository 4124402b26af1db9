"""The upload page (not built yet)."""

from lib.ui.layout import not_built, page_title
from lib.ui.state import current_language

lang = current_language()
page_title("upload", lang)
not_built(lang)
