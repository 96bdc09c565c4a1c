"""Shared field types of the pack's records: ids, plain text, web addresses, figures and ranges."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Annotated, Literal
from urllib.parse import urlparse

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)

# --------------------------------------------------------------------------
# Shared field types
# --------------------------------------------------------------------------

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=80),
]
# Markup is a tag opener ("<" directly followed by a letter, "/", "!" or "?": "<b>", "</div>", "<!--")
# or a character reference ("&amp;", "&#60;", "&#x3c;"). A "<" before a space, digit or sign
# ("judge < debater", "p<0.05", "<5%") and a bare "&" ("R&D") are plain text, as HTML reads them too.
_MARKUP = re.compile(r"<[a-zA-Z!/?][a-zA-Z0-9-]*|&#?[a-zA-Z0-9]+;")
# C0/C1 control characters (tab and newlines allowed) and the bidirectional overrides and
# isolates that can make text display in a different order from the one it is stored in.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_UNSAFE = re.compile(f"{_MARKUP.pattern}|{_CONTROL.pattern}")  # one pass for the common, clean case

# Validation context of a validated snapshot (see ``snapshot``): every record in it passed the
# checks written in Python (plain text, web addresses, record shapes) when it was saved, so
# they are not run again; the checks in pydantic's core (types, constraints, patterns) are.
SNAPSHOT = "validated-snapshot"


def _from_snapshot(info: ValidationInfo) -> bool:
    context = info.context
    return isinstance(context, dict) and context.get(SNAPSHOT) is True


def _plain_text(value: str, info: ValidationInfo) -> str:
    """Pack text is shown as plain text; markup in it is a mistake or an attack, so refuse it."""
    if _from_snapshot(info):
        return value
    if _UNSAFE.search(value) is None:
        return value
    found = _MARKUP.search(value)
    if found:
        raise ValueError(f"HTML markup is not allowed in text (found {found.group(0)!r})")
    found = _CONTROL.search(value)
    if found:
        raise ValueError(f"control characters are not allowed in text (found U+{ord(found.group(0)):04X})")
    return value


Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=4000),
    AfterValidator(_plain_text),
]
ShortText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=300),
    AfterValidator(_plain_text),
]


@dataclass(frozen=True)
class Ref:
    """Marks a field as holding the id of a record of another kind; ``load`` checks it resolves."""

    kind: str


ReferenceId = Annotated[Slug, Ref("reference")]
TechniqueId = Annotated[Slug, Ref("technique")]
ClaimId = Annotated[Slug, Ref("claim")]
LabId = Annotated[Slug, Ref("lab")]
RiskId = Annotated[Slug, Ref("risk")]
CruxId = Annotated[Slug, Ref("crux")]
IndexId = Annotated[Slug, Ref("grade-index")]
FlowNodeId = Annotated[Slug, Ref("flow-node")]
Year = Annotated[int, Field(ge=1900, le=2100)]
# A date only as precise as its source gives it: "2025", "2025-12" or "2025-07-17".
PartialDate = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^(19|20)\d{2}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
Credibility = Annotated[int, Field(ge=1, le=5)]


_SPACE = re.compile(r"\s")


def _http_url(value: str, info: ValidationInfo) -> str:
    if _from_snapshot(info):
        return value
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ValueError("must be an http:// or https:// address")
    if _SPACE.search(value):
        raise ValueError("must not contain spaces")
    return value


Url = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=2000),
    AfterValidator(_http_url),
]

# Closed vocabularies. Labels and colours for them live in ``vocab.py``.
Letter = Literal["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F"]
ReferenceKind = Literal["paper", "web", "government", "article"]
Category = Literal["forward", "backward"]
Principle = Literal["robustness", "interpretability", "controllability", "ethicality"]
Maturity = Literal["deployed", "growing", "developing", "research", "early", "limited"]
Confidence = Literal["high", "medium-high", "medium", "medium-low", "low"]
Relevance = Literal["critical", "high", "medium", "low"]
Unit = Literal[
    "percent",  # 0-100
    "percentage-points",  # only where the text says percentage points
    "points",  # "+15 points": points on the source's own scale, not said to be percentage points
    "points-relative",  # "13.8 points relative", as the text words it
    "count",
    "hours",
    "usd",
    "cad",
    "fte",
    "elo",
    "multiplier",  # "2.5x", "8x"
    "year",
    "parameters",
    "f1-percent",  # F1 score expressed as a percentage
    "score",  # a unitless score on the source's own scale (e.g. Agent Score Difference)
    "rate-per-1000-queries",
]
# How a figure is qualified in the text: "3,000+" is at-least, ">80%" more-than,
# "≈$8.9B" approximately, "<20%" less-than, "up to 50%" at-most.
Qualifier = Literal["exact", "approximately", "at-least", "more-than", "at-most", "less-than"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --------------------------------------------------------------------------
# Figures: an exact value, a range, or an explicit unknown
# --------------------------------------------------------------------------


class Figure(Strict):
    """A number as the text gives it. ``unknown: true`` keeps "unknown" unknown (never 0)."""

    value: float | None = Field(
        None, description="the single value, when the text gives one number rather than a range"
    )
    low: float | None = Field(None, description="lower end of the range")
    high: float | None = Field(None, description="upper end of the range")
    unit: Unit = Field(description="the unit of the number")
    qualifier: Qualifier = Field(
        "exact", description="how the text qualifies the number (exact, approximately, at least, ...)"
    )
    unknown: bool = Field(
        False, description="true where the source says the value is unknown (then no numbers are given)"
    )
    open_high: bool = Field(
        default=False,
        description='The range has no upper bound, as the text writes it: "1-50%+" is low 1, high 50, open_high.',
    )

    @model_validator(mode="after")
    def _shape(self, info: ValidationInfo) -> Figure:
        if _from_snapshot(info):
            return self
        has_value = self.value is not None
        has_range = self.low is not None or self.high is not None
        for name in ("value", "low", "high"):
            v = getattr(self, name)
            if v is not None and not math.isfinite(v):
                raise ValueError(f"{name} must be a finite number")
        if self.unknown:
            if has_value or has_range:
                raise ValueError("an unknown figure has no value, low or high")
            return self
        if has_value and has_range:
            raise ValueError("give either value or low/high, not both")
        if not has_value and not has_range:
            raise ValueError("give value, or low and high, or unknown: true")
        if has_range and (self.low is None or self.high is None):
            raise ValueError("a range needs both low and high")
        if self.open_high and not has_range:
            raise ValueError('open_high marks a range ("1-50%+"); a single open value is qualifier at-least')
        if has_range and self.low > self.high:  # type: ignore[operator]
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        if self.unit in ("percent", "f1-percent"):
            for name in ("value", "low", "high"):
                v = getattr(self, name)
                if v is not None and not 0 <= v <= 100:
                    raise ValueError(f"{name} {v:g} is outside 0-100 for a percentage")
        return self

    @property
    def is_range(self) -> bool:
        return self.low is not None

    @property
    def midpoint(self) -> float | None:
        if self.unknown:
            return None
        if self.value is not None:
            return self.value
        return (self.low + self.high) / 2  # type: ignore[operator]


class EstimateRange(Strict):
    """One side (current or superhuman) of an effectiveness estimate, in percent."""

    low: Percent | None = Field(None, description="lower end of the range")
    high: Percent | None = Field(None, description="upper end of the range")
    measure: ShortText | None = Field(None, description='what the percentage measures, e.g. "jailbreak defense"')
    estimate: bool = Field(False, description='true where the page marks the range as an estimate ("(est.)")')
    unknown: bool = Field(False, description="true where the source gives no estimate")

    @model_validator(mode="after")
    def _shape(self, info: ValidationInfo) -> EstimateRange:
        if _from_snapshot(info):
            return self
        if self.unknown:
            if self.low is not None or self.high is not None:
                raise ValueError("an unknown estimate has no low or high")
            return self
        if self.low is None or self.high is None:
            raise ValueError("give low and high, or unknown: true")
        if self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        return self
