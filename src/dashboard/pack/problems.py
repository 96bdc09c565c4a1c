"""A problem found in a pack (file, line, field, message) and the result of loading one."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from dashboard.pack.dataset import PACK_FILES, PACK_FILES_BY_NAME, Dataset
from dashboard.pack.limits import MAX_PROBLEMS_PER_FILE


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    field: str  # dotted field path; "" when it concerns the whole file
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field or '-'}: {self.message}"


@dataclass
class LoadResult:
    dataset: Dataset | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.dataset is not None and not self.problems


def cap_problems(name: str, problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS_PER_FILE problems of one file, and a line saying how many more."""
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    kept = sorted(set(problems))[:MAX_PROBLEMS_PER_FILE]
    more = len(problems) - len(kept)
    return [
        *kept,
        Problem(name, 0, "", f"{more} more problem(s) in this file are not listed"),
    ]


def problem_order(p: Problem) -> tuple:
    order = {pf.name: i for i, pf in enumerate(PACK_FILES)}
    return (order.get(p.file, len(order)), p.file, p.line, p.field, p.message)


def unknown_file_message(name: str | None = None) -> str:
    names = ", ".join(pf.name for pf in PACK_FILES)
    hint = ""
    if name:
        close = difflib.get_close_matches(str(name), list(PACK_FILES_BY_NAME), n=1, cutoff=0.8)
        if close:
            hint = f"did you mean {close[0]}? "
    return f"not a file of the pack ({hint}expected one of: {names})"


def too_big(size: int, limit: int, what: str = "file") -> str:
    return f"{what} is too large: {size:,} bytes, over the limit of {limit:,} bytes ({limit / 1_048_576:g} MB)"
