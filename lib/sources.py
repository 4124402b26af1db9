"""Turn the seed documents into clean, quotable source texts (one per plan).

Cleaning only ever makes text easier to quote: full-width digits become ASCII, the
private-use character U+E010 (a decimal point in these PDFs) becomes ".", page-number
lines go, lines broken by the PDF layout are joined back into paragraphs, and spaces
the layout put around numbers and between Chinese characters are dropped. Tab-separated
table rows stay one row per line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

FULLWIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
FULLWIDTH.update({chr(0xFF21 + i): chr(0x41 + i) for i in range(26)})
FULLWIDTH.update({chr(0xFF41 + i): chr(0x61 + i) for i in range(26)})
FULLWIDTH.update({"％": "%", "＋": "+", "．": ".", "／": "/", "\ue010": ".", "\u3000": " "})
_TRANSLATE = str.maketrans(FULLWIDTH)

PAGE_NUMBER = re.compile(r"^\s*[—－\-–]+\s*\d+\s*[—－\-–]+\s*$")
# A paragraph ends at sentence-final punctuation; headings start with a list marker.
PARAGRAPH_END = tuple("。：；！？:;")
HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|"
    r"\d+\.(?!\d)|\d+、|第[一二三四五六七八九十]+|附件|———|——)"
)
_CJK = r"\u3400-\u9fff\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201d\u2014\u2026"
SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}]) +| +(?=[{_CJK}])")
SPACE_IN_NUMBER = re.compile(r"(?<=\d) +(?=[.%])|(?<=\.) +(?=\d)")


def normalise_chars(text: str) -> str:
    """Map full-width digits, letters and signs to ASCII and U+E010 to a decimal point."""
    return text.translate(_TRANSLATE)


def squeeze_spaces(line: str) -> str:
    """Drop layout spaces next to Chinese characters and inside numbers; keep tabs."""
    line = SPACE_NEAR_CJK.sub("", line)
    line = SPACE_IN_NUMBER.sub("", line)
    return re.sub(r" {2,}", " ", line).strip(" ")


def clean_text(raw: str) -> str:
    """Return the cleaned text of one seed document: one paragraph or table row per line."""
    lines = [squeeze_spaces(normalise_chars(line)) for line in raw.splitlines()]
    lines = [line for line in lines if line.strip() and not PAGE_NUMBER.match(line)]
    # A physical line much shorter than the page width ends its paragraph (titles,
    # table rows, signatures), even without final punctuation.
    widths = sorted(len(line) for line in lines) or [0]
    short = 0.6 * widths[len(widths) // 2]
    paragraphs: list[str] = []
    previous_line = ""
    for line in lines:
        previous = paragraphs[-1] if paragraphs else ""
        joins = (
            previous
            and "\t" not in previous + line
            and len(previous_line) >= short
            and not previous.endswith(PARAGRAPH_END)
            and not HEADING_START.match(line)
        )
        if joins:
            paragraphs[-1] = squeeze_spaces(previous + line)
        else:
            paragraphs.append(line)
        previous_line = line
    return "\n".join(paragraphs) + "\n"


@dataclass(frozen=True)
class SourcePart:
    """Which lines of a seed file hold one plan's text."""

    plan_id: str
    seed_file: str
    first_line: int  # 1-based, inclusive
    last_line: int | None  # inclusive; None means to the end


# The 002 seed bundles eight 14th Five-Year sub-plans; the line numbers are where each
# one's title starts in the seed file.
SOURCE_PARTS: tuple[SourcePart, ...] = (
    SourcePart("zj_315_2023", "000_9315b15f60c72beb.txt", 1, None),
    SourcePart("zj_opinions_2018", "001_8a2ffc2fa89f8cfb.txt", 1, None),
    SourcePart("zj_14fyp_basic", "002_5e291068d4062e00.txt", 1, 816),
    SourcePart("zj_14fyp_hitech", "002_5e291068d4062e00.txt", 817, 2101),
    SourcePart("zj_14fyp_agri", "002_5e291068d4062e00.txt", 2102, 3250),
    SourcePart("zj_14fyp_social", "002_5e291068d4062e00.txt", 3251, 3945),
    SourcePart("zj_14fyp_platforms", "002_5e291068d4062e00.txt", 3946, 4919),
    SourcePart("zj_14fyp_transfer", "002_5e291068d4062e00.txt", 4920, 5456),
    SourcePart("zj_14fyp_coop", "002_5e291068d4062e00.txt", 5457, 6175),
    SourcePart("zj_14fyp_talent", "002_5e291068d4062e00.txt", 6176, None),
    SourcePart("hz_315_2024", "003_17dca68396b0e673.txt", 1, None),
    SourcePart("jx_315_2023", "004_f4255f40abb2a1b7.txt", 1, None),
)


def extract_part(raw: str, part: SourcePart) -> str:
    """Cut one plan's lines out of a seed file."""
    lines = raw.splitlines()
    last = part.last_line if part.last_line is not None else len(lines)
    return "\n".join(lines[part.first_line - 1 : last])


def build_sources(seed_dir: Path, out_dir: Path) -> list[Path]:
    """Write data/sources/<plan_id>.txt for every plan and return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for part in SOURCE_PARTS:
        raw = (seed_dir / part.seed_file).read_text(encoding="utf-8")
        path = out_dir / f"{part.plan_id}.txt"
        path.write_text(clean_text(extract_part(raw, part)), encoding="utf-8")
        written.append(path)
    return written
