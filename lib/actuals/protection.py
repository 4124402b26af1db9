"""Editing protection: an optional editor passphrase, from the environment or the secrets."""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping

PASSPHRASE_ENV = "EDITOR_PASSPHRASE"
PASSPHRASE_SECRET = "editor_passphrase"


def editor_passphrase(
    secrets: Mapping | None = None, environ: Mapping[str, str] | None = None
) -> str | None:
    """EDITOR_PASSPHRASE, else secrets["editor_passphrase"], else None (editing is open)."""
    environ = os.environ if environ is None else environ
    if environ.get(PASSPHRASE_ENV, "").strip():
        return environ[PASSPHRASE_ENV].strip()
    try:
        # Streamlit's secrets raise (not return None) when no secrets file exists at all.
        value = secrets.get(PASSPHRASE_SECRET) if secrets is not None else None
    except Exception:
        value = None
    text = str(value).strip() if value else ""
    return text or None


def passphrase_matches(given: str, configured: str) -> bool:
    """Compare in constant time, so that timing reveals nothing about the passphrase."""
    return hmac.compare_digest(given.strip().encode(), configured.encode())


def digest(passphrase: str) -> str:
    """A stand-in for the passphrase to keep in a session (never the passphrase itself)."""
    return hashlib.sha256(passphrase.encode()).hexdigest()
