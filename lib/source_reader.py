"""Reading the plan texts: find a quote, search a term, and mark matches for display."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from lib.db import DATA_DIR

SOURCES_DIR = DATA_DIR / "sources"


@dataclass(frozen=True)
class QuoteLocation:
    """Where a quote sits in a source text: its line (0-based) and character span."""

    line_no: int
    start: int
    end: int


@lru_cache(maxsize=32)
def read_source(source: str, sources_dir: Path = SOURCES_DIR) -> tuple[str, ...]:
    """The lines of one cleaned source text (source is the file name without .txt)."""
    path = sources_dir / f"{Path(source).stem}.txt"
    return tuple(path.read_text(encoding="utf-8").splitlines())


def locate_quote(lines: tuple[str, ...], quote: str) -> QuoteLocation | None:
    """The first line holding the quote verbatim, or None."""
    if not quote:
        return None
    for line_no, line in enumerate(lines):
        start = line.find(quote)
        if start >= 0:
            return QuoteLocation(line_no, start, start + len(quote))
    return None


def search_lines(lines: tuple[str, ...], term: str) -> pd.DataFrame:
    """Lines containing term (case-insensitive), with their 1-based numbers and hit counts."""
    term = term.strip()
    if not term:
        return pd.DataFrame(columns=["line", "hits", "text"])
    pattern = re.compile(re.escape(term), re.IGNORECASE)
    rows = [
        {"line": n + 1, "hits": len(pattern.findall(line)), "text": line}
        for n, line in enumerate(lines)
        if pattern.search(line)
    ]
    return pd.DataFrame(rows, columns=["line", "hits", "text"])


def marked_html(line: str, spans: list[tuple[int, int]], css_class: str = "quote") -> str:
    """The line as escaped HTML with each span wrapped in <mark>; the text itself is never HTML."""
    pieces, cursor = [], 0
    for start, end in sorted(spans):
        if start < cursor:
            continue
        pieces.append(html.escape(line[cursor:start]))
        pieces.append(f'<mark class="{css_class}">{html.escape(line[start:end])}</mark>')
        cursor = end
    pieces.append(html.escape(line[cursor:]))
    return "".join(pieces)


def term_spans(line: str, term: str) -> list[tuple[int, int]]:
    """Spans of every case-insensitive occurrence of term in line."""
    if not term.strip():
        return []
    return [m.span() for m in re.finditer(re.escape(term.strip()), line, re.IGNORECASE)]
