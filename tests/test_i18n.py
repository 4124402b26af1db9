from lib.i18n import LANGUAGES, STRINGS, t


def test_every_string_exists_in_both_languages():
    for key, entry in STRINGS.items():
        assert set(entry) == set(LANGUAGES), key
        # Separators may be empty in Chinese, which needs no space between sentences.
        assert key.endswith("_sep") or all(entry[lang].strip() for lang in LANGUAGES), key


def test_lookup_fills_placeholders_and_falls_back_to_the_key():
    STRINGS["test.greeting"] = {"zh": "你好，{name}", "en": "Hello, {name}"}
    try:
        assert t("test.greeting", "en", name="Hangzhou") == "Hello, Hangzhou"
        assert t("test.greeting", "zh", name="杭州") == "你好，杭州"
    finally:
        del STRINGS["test.greeting"]
    assert t("no.such.key", "en") == "no.such.key"
