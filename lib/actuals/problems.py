"""Problems found in an upload, the limits an upload must respect, and refusals."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 2_000_000
YEAR_MIN, YEAR_MAX = 1990, 2035
MAX_TEXT = 500  # characters in a source or note cell


@dataclass(frozen=True)
class Limits:
    """How large an upload may be; tests pass smaller limits."""

    max_bytes: int = MAX_BYTES
    max_rows: int = MAX_ROWS


@dataclass(frozen=True)
class Problem:
    """One problem: where it is (spreadsheet row, header is row 1; column), what, and details.

    `row` and `column` are None for problems with the whole file. `params` fill the message
    `upload.problem.<code>`; see lib.actuals.messages.
    """

    code: str
    row: int | None = None
    column: str | None = None
    params: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    severity: str = "error"  # error | warning (warnings never block an upload)

    @property
    def is_error(self) -> bool:
        """Whether this problem rejects the file."""
        return self.severity == "error"


class Refusal(Exception):  # noqa: N818  (a refusal is an expected outcome, not a bug)
    """A commit or undo that was refused; nothing was written."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem
