"""The interface in Chinese and English: every user-visible string is looked up here.

Strings live in one small module per page (lib/i18n/<page>.py, each a STRINGS dict with
both languages side by side); this package merges them and refuses duplicate keys.
"""

from __future__ import annotations

import importlib
import pkgutil

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


def _merge_string_modules() -> dict[str, dict[str, str]]:
    merged: dict[str, dict[str, str]] = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        duplicates = merged.keys() & module.STRINGS.keys()
        if duplicates:
            raise ValueError(f"{module_info.name} redefines strings: {sorted(duplicates)}")
        merged.update(module.STRINGS)
    return merged


STRINGS: dict[str, dict[str, str]] = _merge_string_modules()


def t(key: str, lang: str, **values: object) -> str:
    """The string for key in lang, with {placeholders} filled; the key itself if unknown."""
    entry = STRINGS.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text


def name_column(lang: str) -> str:
    """The column holding names in lang (name_zh or name_en)."""
    return "name_en" if lang == "en" else "name_zh"
