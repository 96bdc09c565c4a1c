"""A catalogue of bad inputs: each breaks one thing in a copy of the minimal pack.

Every case asserts the exact problem the loader reports: file, line, field and
the message (whole, or a precise part of it). A case that raised, pointed at the
wrong line, or gave an unclear message was a loader defect, fixed in load.py.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard.pack.limits import MAX_PROBLEMS_PER_FILE
from dashboard.pack.load import load_pack
from dashboard.pack.problems import Problem

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"
FIVE_MB = 5 * 1024 * 1024

Edit = Callable[[bytes], bytes]


def sub(old: str, new: str) -> Edit:
    """Replace the first ``old`` (which must be there) with ``new``."""

    def edit(raw: bytes) -> bytes:
        text = raw.decode("utf-8")
        assert old in text, f"fixture changed: {old!r} not found"
        return text.replace(old, new, 1).encode("utf-8")

    return edit


def sub_bytes(old: bytes, new: bytes) -> Edit:
    def edit(raw: bytes) -> bytes:
        assert old in raw, f"fixture changed: {old!r} not found"
        return raw.replace(old, new, 1)

    return edit


def whole(content: bytes) -> Edit:
    return lambda _raw: content


def append(extra: str) -> Edit:
    return lambda raw: raw + extra.encode("utf-8")


@dataclass(frozen=True)
class Expect:
    file: str
    line: int
    field: str
    message: str
    exact: bool = True  # False: ``message`` is a substring of the reported message

    def matches(self, p: Problem) -> bool:
        same_place = (p.file, p.line, p.field) == (self.file, self.line, self.field)
        return same_place and (p.message == self.message if self.exact else self.message in p.message)


@dataclass(frozen=True)
class Case:
    id: str
    file: str
    edit: Edit | None  # None deletes the file
    expect: Expect


def part(file: str, line: int, field: str, message: str) -> Expect:
    return Expect(file, line, field, message, exact=False)


REFS = "references.yaml"
DEEP_FLOW = b"[" * 10_000 + b"]" * 10_000
BILLION_LAUGHS = b"""\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
"""
GRADES_HEADER = "index,lab,domain,grade\n"

CASES: list[Case] = [
    # ---- YAML syntax and document shape -------------------------------------------------
    Case(
        "yaml-syntax-error",
        REFS,
        sub("title: A paper on debate", "title: [unclosed"),
        part(REFS, 9, "", "YAML syntax error: while parsing a flow sequence"),
    ),
    Case(
        "yaml-tab-indent",
        REFS,
        sub("  publisher: arXiv", "\tpublisher: arXiv"),
        part(REFS, 14, "", "found a tab character that violates indentation"),
    ),
    Case(
        "yaml-multiple-documents",
        REFS,
        append("---\n- id: extra\n"),
        part(REFS, 25, "", "expected a single document in the stream but found another document"),
    ),
    Case(
        "top-level-mapping-for-list",
        REFS,
        whole(b"id: ref-wiki\ntitle: Source\n"),
        Expect(
            REFS,
            1,
            "references",
            "the file must hold a list of records (- id: ...), but holds a mapping (key: value lines)",
        ),
    ),
    Case(
        "top-level-list-for-mapping",
        "pack.yaml",
        whole(b"- title: x\n- version: 1.0.0\n"),
        Expect("pack.yaml", 1, "", "the file must hold a mapping of fields (key: value), but holds a list"),
    ),
    Case(
        "top-level-scalar",
        "techniques.yaml",
        whole(b"just some text\n"),
        Expect("techniques.yaml", 1, "techniques", "the file must hold a list of records (- id: ...), but holds text"),
    ),
    Case(
        "top-level-null",
        "claims.yaml",
        whole(b"~\n"),
        Expect(
            "claims.yaml", 1, "claims", "the file must hold a list of records (- id: ...), but holds nothing (null)"
        ),
    ),
    Case(
        "duplicate-yaml-key",
        REFS,
        sub("  publisher: arXiv\n", "  publisher: arXiv\n  publisher: Other\n"),
        Expect(REFS, 15, "references[1].publisher", "duplicate key"),
    ),
    Case("empty-file", REFS, whole(b""), Expect(REFS, 0, "", "file is empty")),
    Case("whitespace-only-file", REFS, whole(b"  \n\n\t\n   "), Expect(REFS, 0, "", "file is empty")),
    Case("comment-only-file", REFS, whole(b"# nothing yet\n"), Expect(REFS, 0, "", "file is empty")),
    Case(
        "deep-nesting-flow",
        REFS,
        whole(DEEP_FLOW),
        Expect(REFS, 1, "", "lists and mappings are nested more than 32 deep"),
    ),
    Case(
        "deep-nesting-block",
        REFS,
        whole(b"- " * 10_000 + b"x\n"),
        Expect(REFS, 1, "", "lists and mappings are nested more than 32 deep"),
    ),
    Case(
        "deep-nesting-mappings",
        REFS,
        whole("".join(" " * i + "a:\n" for i in range(2000)).encode()),
        Expect(REFS, 33, "", "lists and mappings are nested more than 32 deep"),
    ),
    Case(
        "very-long-line",
        REFS,
        sub("title: A paper on debate", "title: " + "x" * 1_000_000),
        part(REFS, 8, "references[1].title", "String should have at most 300 characters"),
    ),
    Case(
        "oversized-file",
        REFS,
        lambda raw: raw + b"#" * (FIVE_MB + 1 - len(raw)),
        Expect(REFS, 0, "", "file is too large: 5,242,881 bytes, over the limit of 5,242,880 bytes (5 MB)"),
    ),
    # ---- encoding -----------------------------------------------------------------------
    Case(
        "non-utf8-latin1",
        REFS,
        sub_bytes(b"A paper on debate", b"Caf\xe9 paper"),
        part(REFS, 8, "", "is not valid UTF-8 (byte 0xe9 at offset"),
    ),
    Case(
        "utf16-file",
        REFS,
        lambda raw: raw.decode().encode("utf-16"),
        Expect(REFS, 1, "", "is not valid UTF-8 (byte 0xff at offset 0); save the file as UTF-8"),
    ),
    Case(
        "nul-byte",
        REFS,
        sub("A paper on debate", "A paper\x00on debate"),
        Expect(REFS, 8, "", "contains a NUL byte; is this a binary file?"),
    ),
    Case(
        "raw-control-character",
        REFS,
        sub("A paper on debate", "A paper\x07on debate"),
        Expect(REFS, 8, "", "character U+0007 is not allowed in YAML (control characters are not allowed)"),
    ),
    Case(
        "escaped-control-character",
        REFS,
        sub("title: A paper on debate", 'title: "A paper\\aon debate"'),
        Expect(REFS, 8, "references[1].title", "control characters are not allowed in text (found U+0007)"),
    ),
    Case(
        "c1-control-character",
        REFS,
        sub("title: A paper on debate", 'title: "A paper\\u0090on debate"'),
        Expect(REFS, 8, "references[1].title", "control characters are not allowed in text (found U+0090)"),
    ),
    Case(
        "bidi-override",
        REFS,
        sub("title: A paper on debate", 'title: "A paper \\u202eetabed no"'),
        Expect(REFS, 8, "references[1].title", "control characters are not allowed in text (found U+202E)"),
    ),
    # ---- tags, anchors, aliases ---------------------------------------------------------
    Case(
        "python-object-apply-tag",
        REFS,
        whole(b"- !!python/object/apply:os.system ['echo pwned']\n"),
        Expect(REFS, 1, "", "YAML tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed"),
    ),
    Case(
        "python-name-tag",
        REFS,
        sub("title: A paper on debate", "title: !!python/name:os.system ''"),
        Expect(REFS, 8, "", "YAML tags (tag:yaml.org,2002:python/name:os.system) are not allowed"),
    ),
    Case(
        "binary-tag",
        REFS,
        sub("title: A paper on debate", "title: !!binary aGVsbG8="),
        Expect(REFS, 8, "", "YAML tags (tag:yaml.org,2002:binary) are not allowed"),
    ),
    Case(
        "set-tag",
        REFS,
        whole(b"!!set {a, b}\n"),
        Expect(REFS, 1, "", "YAML tags (tag:yaml.org,2002:set) are not allowed"),
    ),
    Case(
        "str-tag",
        REFS,
        sub("year: 2023", "year: !!str 2023"),
        Expect(REFS, 12, "", "YAML tags (tag:yaml.org,2002:str) are not allowed"),
    ),
    Case(
        "custom-tag",
        REFS,
        sub("title: A paper on debate", "title: !foo bar"),
        Expect(REFS, 8, "", "YAML tags (!foo) are not allowed"),
    ),
    Case(
        "anchor",
        REFS,
        sub("title: A paper on debate", "title: &t A paper on debate"),
        Expect(REFS, 8, "", "YAML anchors (&t) are not allowed"),
    ),
    Case(
        "alias",
        REFS,
        sub("title: A government report", "title: *t"),
        Expect(REFS, 19, "", "YAML aliases (*t) are not allowed"),
    ),
    Case(
        "merge-key",
        REFS,
        sub("  publisher: arXiv\n", "  <<: {publisher: arXiv}\n"),
        Expect(REFS, 14, "references[1]", "YAML merge keys (<<) are not allowed"),
    ),
    # ---- keys ---------------------------------------------------------------------------
    Case(
        "boolean-key",
        REFS,
        sub("  publisher: arXiv\n", "  yes: arXiv\n"),
        Expect(REFS, 14, "references[1].yes", "key 'yes' is read as a true/false value; put it in quotes"),
    ),
    Case(
        "null-key",
        REFS,
        sub("  publisher: arXiv\n", "  ~: arXiv\n"),
        Expect(REFS, 14, "references[1].~", "key '~' is read as null; put it in quotes"),
    ),
    Case(
        "number-key",
        REFS,
        sub("  publisher: arXiv\n", "  2023: arXiv\n"),
        Expect(REFS, 14, "references[1].2023", "key '2023' is read as a number; put it in quotes"),
    ),
    Case(
        "complex-key",
        REFS,
        sub("  publisher: arXiv\n", "  ? [a, b]\n  : arXiv\n"),
        Expect(REFS, 14, "references[1]", "a key must be plain text, not a list or mapping"),
    ),
    # ---- schema: fields and types -------------------------------------------------------
    Case(
        "unknown-field",
        REFS,
        sub("  publisher: arXiv\n", "  publisher: arXiv\n  colour: red\n"),
        Expect(REFS, 15, "references[1].colour", "unknown field (not in the schema)"),
    ),
    Case(
        "missing-required-field",
        REFS,
        sub("  kind: paper\n", ""),
        Expect(REFS, 7, "references[1].kind", "required field is missing"),
    ),
    Case(
        "wrong-type-integer",
        REFS,
        sub("year: 2023", "year: soon"),
        Expect(
            REFS,
            12,
            "references[1].year",
            "Input should be a valid integer, unable to parse string as an integer (got 'soon')",
        ),
    ),
    Case(
        "wrong-type-list",
        REFS,
        sub("  authors:\n    - A. Author\n    - B. Author\n", "  authors: A. Author\n"),
        Expect(REFS, 9, "references[1].authors", "must be a list, not text"),
    ),
    Case(
        "wrong-type-mapping",
        "estimates.yaml",
        sub("  superhuman:\n    unknown: true\n", "  superhuman: unknown\n"),
        Expect("estimates.yaml", 7, "estimates[0].superhuman", "must be a mapping of fields (key: value), not text"),
    ),
    Case(
        "unquoted-number-as-text",
        REFS,
        sub("title: A paper on debate", "title: 12"),
        Expect(REFS, 8, "references[1].title", "must be text, not a number (got 12); put it in quotes"),
    ),
    Case(
        "unquoted-date-as-text",
        REFS,
        sub("title: A paper on debate", "title: 2024-01-01"),
        Expect(REFS, 8, "references[1].title", "must be text, not a date (got 2024-01-01); put it in quotes"),
    ),
    Case(
        "bad-slug-id",
        REFS,
        sub("id: ref-paper", "id: Ref Paper"),
        Expect(
            REFS,
            7,
            "references[1].id",
            "must be an id of lowercase letters, digits and single hyphens (got 'Ref Paper')",
        ),
    ),
    Case(
        "bad-enum-value",
        REFS,
        sub("kind: paper", "kind: blog"),
        Expect(
            REFS, 13, "references[1].kind", "Input should be 'paper', 'web', 'government' or 'article' (got 'blog')"
        ),
    ),
    Case(
        "bad-version",
        "pack.yaml",
        sub("version: 0.1.0", "version: v1"),
        Expect("pack.yaml", 3, "version", "must be a version number like 1.2.0 (got 'v1')"),
    ),
    Case(
        "empty-required-list",
        "claims.yaml",
        sub("  references:\n    - ref-paper\n", "  references: []\n"),
        part("claims.yaml", 9, "claims[0].references", "List should have at least 1 item"),
    ),
    Case(
        "text-too-long",
        REFS,
        sub("summary: Reports a debate", "summary: " + "word " * 1000 + "Reports a debate"),
        part(REFS, 17, "references[1].summary", "String should have at most 4000 characters"),
    ),
    # ---- numbers ------------------------------------------------------------------------
    Case(
        "credibility-6",
        REFS,
        sub("credibility: 4", "credibility: 6"),
        Expect(REFS, 15, "references[1].credibility", "Input should be less than or equal to 5 (got 6)"),
    ),
    Case(
        "credibility-0",
        REFS,
        sub("credibility: 4", "credibility: 0"),
        Expect(REFS, 15, "references[1].credibility", "Input should be greater than or equal to 1 (got 0)"),
    ),
    Case(
        "year-out-of-range",
        REFS,
        sub("year: 2023", "year: 1800"),
        Expect(REFS, 12, "references[1].year", "Input should be greater than or equal to 1900 (got 1800)"),
    ),
    Case(
        "estimate-percent-120",
        "estimates.yaml",
        sub("high: 60", "high: 120"),
        Expect("estimates.yaml", 5, "estimates[0].current.high", "Input should be less than or equal to 100 (got 120)"),
    ),
    Case(
        "figure-percent-120",
        "claims.yaml",
        sub("value: 76", "value: 120"),
        Expect("claims.yaml", 4, "claims[0].figure", "value 120 is outside 0-100 for a percentage"),
    ),
    Case(
        "estimate-low-above-high",
        "estimates.yaml",
        sub("low: 40", "low: 70"),
        Expect("estimates.yaml", 3, "estimates[0].current", "low (70) is above high (60)"),
    ),
    Case(
        "figure-low-above-high",
        "scalability.yaml",
        sub("low: 20", "low: 50"),
        Expect("scalability.yaml", 8, "scalability[0].success_probability", "low (50) is above high (40)"),
    ),
    Case(
        "figure-value-and-range",
        "claims.yaml",
        sub("    value: 76\n", "    value: 76\n    low: 70\n    high: 80\n"),
        Expect("claims.yaml", 4, "claims[0].figure", "give either value or low/high, not both"),
    ),
    Case(
        "unknown-figure-with-value",
        "claims.yaml",
        sub("    value: 76\n", "    value: 76\n    unknown: true\n"),
        Expect("claims.yaml", 4, "claims[0].figure", "an unknown figure has no value, low or high"),
    ),
    Case(
        "nan-figure",
        "claims.yaml",
        sub("value: 76", "value: .nan"),
        Expect("claims.yaml", 4, "claims[0].figure", "value must be a finite number"),
    ),
    Case(
        "inf-figure",
        "claims.yaml",
        sub("value: 76", "value: .inf"),
        Expect("claims.yaml", 4, "claims[0].figure", "value must be a finite number"),
    ),
    Case(
        "float-overflow-to-inf",
        "labs.yaml",
        sub("value: 100000000", "value: 1e400"),
        Expect("labs.yaml", 11, "labs[0].investment.figure", "value must be a finite number"),
    ),
    Case(
        "nan-percent",
        "estimates.yaml",
        sub("low: 40", "low: .nan"),
        Expect("estimates.yaml", 4, "estimates[0].current.low", "Input should be a finite number (got nan)"),
    ),
    Case(
        "huge-integer",
        REFS,
        sub("year: 2023", "year: " + "9" * 5000),
        Expect(REFS, 12, "references[1].year", "number has more than 30 digits"),
    ),
    Case(
        "huge-integer-in-figure",
        "labs.yaml",
        sub("value: 100000000", "value: 1" + "0" * 400),
        Expect("labs.yaml", 12, "labs[0].investment.figure.value", "number has more than 30 digits"),
    ),
    # ---- grades, dates, urls ------------------------------------------------------------
    Case(
        "bad-grade-letter-yaml",
        "assessments.yaml",
        sub("grade: B", "grade: E"),
        part("assessments.yaml", 10, "assessments[0].rows[0].grade", "Input should be 'A+', 'A', 'A-'"),
    ),
    Case(
        "bad-date-feb-30",
        "outlook.yaml",
        sub("date: 2023-07-01", "date: 2025-02-30"),
        Expect(
            "outlook.yaml", 38, "events[0].date", "'2025-02-30' is not a valid date (day is out of range for month)"
        ),
    ),
    Case(
        "bad-date-month-13",
        "outlook.yaml",
        sub("date: 2023-07-01", "date: 2025-13-01"),
        Expect("outlook.yaml", 38, "events[0].date", "'2025-13-01' is not a valid date (month must be in 1..12)"),
    ),
    Case(
        "bad-date-format",
        "outlook.yaml",
        sub("date: 2023-07-01", "date: 01/07/2023"),
        part("outlook.yaml", 38, "events[0].date", "Input should be a valid date"),
    ),
    Case(
        "url-javascript",
        REFS,
        sub("https://arxiv.org/abs/0000.00000", "javascript:alert(1)"),
        Expect(REFS, 16, "references[1].url", "must be an http:// or https:// address"),
    ),
    Case(
        "url-ftp",
        REFS,
        sub("https://arxiv.org/abs/0000.00000", "ftp://arxiv.org/abs"),
        Expect(REFS, 16, "references[1].url", "must be an http:// or https:// address"),
    ),
    Case(
        "url-data",
        REFS,
        sub("https://arxiv.org/abs/0000.00000", "'data:text/html,<b>x</b>'"),
        Expect(REFS, 16, "references[1].url", "must be an http:// or https:// address"),
    ),
    Case(
        "url-no-host",
        REFS,
        sub("https://arxiv.org/abs/0000.00000", "https:///abs/0000"),
        Expect(REFS, 16, "references[1].url", "must be an http:// or https:// address"),
    ),
    Case(
        "url-spaces",
        REFS,
        sub("https://arxiv.org/abs/0000.00000", "https://arxiv.org/abs/a b"),
        Expect(REFS, 16, "references[1].url", "must not contain spaces"),
    ),
    # ---- markup in text -----------------------------------------------------------------
    Case(
        "html-script",
        REFS,
        sub("summary: Reports a debate", "summary: <script>alert(1)</script> Reports a debate"),
        Expect(REFS, 17, "references[1].summary", "HTML markup is not allowed in text (found '<script')"),
    ),
    Case(
        "html-img-onerror",
        REFS,
        sub("title: A paper on debate", "title: '<img src=x onerror=alert(1)>'"),
        Expect(REFS, 8, "references[1].title", "HTML markup is not allowed in text (found '<img')"),
    ),
    Case(
        "html-entity-hex",
        REFS,
        sub("title: A paper on debate", "title: A paper &#x3C;script on debate"),
        Expect(REFS, 8, "references[1].title", "HTML markup is not allowed in text (found '&#x3C;')"),
    ),
    Case(
        "html-entity-named",
        REFS,
        sub("title: A paper on debate", "title: A &lt;paper"),
        Expect(REFS, 8, "references[1].title", "HTML markup is not allowed in text (found '&lt;')"),
    ),
    Case(
        "html-end-tag",
        REFS,
        sub("title: A paper on debate", "title: A paper on debate</div>"),
        Expect(REFS, 8, "references[1].title", "HTML markup is not allowed in text (found '</div')"),
    ),
    Case(
        "html-bold",
        REFS,
        sub("title: A paper on debate", "title: A <b>paper</b> on debate"),
        Expect(REFS, 8, "references[1].title", "HTML markup is not allowed in text (found '<b')"),
    ),
    Case(
        "html-entity-decimal",
        REFS,
        sub("title: A paper on debate", "title: A paper &#60;on debate"),
        Expect(REFS, 8, "references[1].title", "HTML markup is not allowed in text (found '&#60;')"),
    ),
    Case(
        "html-entity-amp",
        REFS,
        sub("title: A paper on debate", "title: Debate &amp; oversight"),
        Expect(REFS, 8, "references[1].title", "HTML markup is not allowed in text (found '&amp;')"),
    ),
    # ---- cross-references (every kind) and uniqueness -----------------------------------
    Case(
        "dangling-reference",
        "claims.yaml",
        sub("stated_in: ref-wiki", "stated_in: ref-nowhere"),
        Expect("claims.yaml", 11, "claims[0].stated_in", "unknown reference id 'ref-nowhere'"),
    ),
    Case(
        "dangling-reference-in-pack",
        "pack.yaml",
        sub("reference: ref-wiki", "reference: ref-nowhere"),
        Expect("pack.yaml", 13, "sources[0].reference", "unknown reference id 'ref-nowhere'"),
    ),
    Case(
        "dangling-technique",
        "estimates.yaml",
        sub("technique: debate", "technique: telepathy"),
        Expect("estimates.yaml", 2, "estimates[0].technique", "unknown technique id 'telepathy'"),
    ),
    Case(
        "dangling-claim",
        "labs.yaml",
        sub("    - debate-accuracy\n", "    - no-such-claim\n"),
        Expect("labs.yaml", 8, "labs[0].results[0]", "unknown claim id 'no-such-claim'"),
    ),
    Case(
        "dangling-lab",
        "techniques.yaml",
        sub("  labs:\n    - lab-one\n", "  labs:\n    - lab-nowhere\n"),
        Expect("techniques.yaml", 11, "techniques[0].labs[0]", "unknown lab id 'lab-nowhere'"),
    ),
    Case(
        "dangling-risk",
        "techniques.yaml",
        sub("    - deception\n", "    - boredom\n"),
        Expect("techniques.yaml", 9, "techniques[0].risks[0]", "unknown risk id 'boredom'"),
    ),
    Case(
        "dangling-crux",
        "approaches.yaml",
        sub("crux: debate-works", "crux: no-crux"),
        Expect("approaches.yaml", 12, "approaches[0].favoured_when[0].crux", "unknown crux id 'no-crux'"),
    ),
    Case(
        "dangling-grade-index",
        "grades.csv",
        sub("safety-index,lab-one,governance,C", "no-index,lab-one,governance,C"),
        Expect("grades.csv", 3, "index", "unknown grade-index id 'no-index'"),
    ),
    Case(
        "dangling-flow-node",
        "outlook.yaml",
        sub("    target: future\n", "    target: nowhere\n"),
        Expect("outlook.yaml", 21, "flow_edges[1].target", "unknown flow-node id 'nowhere'"),
    ),
    Case(
        "dangling-lab-in-csv",
        "scores.csv",
        sub("lab-watch,lab-two,overall", "lab-watch,lab-three,overall"),
        Expect("scores.csv", 3, "lab", "unknown lab id 'lab-three'"),
    ),
    Case(
        "duplicate-id",
        "risks.yaml",
        append(
            "- id: misuse\n  name: Misuse again\n  relevance: low\n  how_alignment_helps: Twice.\n  references:\n    - ref-gov\n"
        ),
        Expect("risks.yaml", 19, "risks[2].id", "duplicate id 'misuse'"),
    ),
    Case(
        "unknown-crux-position",
        "cruxes.yaml",
        sub("low_position: fails", "low_position: undecided"),
        Expect("cruxes.yaml", 7, "cruxes[0].low_position", "'undecided' is not a position of this crux"),
    ),
    Case(
        "second-estimate-for-technique",
        "estimates.yaml",
        sub("technique: rlhf", "technique: debate"),
        Expect("estimates.yaml", 14, "estimates[1].technique", "a second estimate for 'debate'"),
    ),
    Case(
        "review-of-unknown-file",
        "pack.yaml",
        sub("  claims.yaml:\n", "  claim.yaml:\n"),
        part("pack.yaml", 21, "files.claim.yaml", "not a file of the pack (did you mean claims.yaml?"),
    ),
    # ---- CSV ----------------------------------------------------------------------------
    Case(
        "csv-row-too-wide",
        "grades.csv",
        sub("lab-one,governance,C", "lab-one,governance,C,extra"),
        Expect("grades.csv", 3, "", "row has 5 fields; the header has 4"),
    ),
    Case(
        "csv-row-too-short",
        "grades.csv",
        sub("lab-one,governance,C", "lab-one,C"),
        Expect("grades.csv", 3, "", "row has 3 fields; the header has 4"),
    ),
    Case(
        "csv-missing-column",
        "grades.csv",
        whole(b"index,lab,grade\nsafety-index,lab-one,B\n"),
        Expect(
            "grades.csv",
            1,
            "",
            "missing column(s) domain (expected: index,lab,domain,grade; optional: score,reference,found_at)",
        ),
    ),
    Case(
        "csv-extra-column",
        "grades.csv",
        whole(b"index,lab,domain,grade,note\nsafety-index,lab-one,governance,B,x\n"),
        Expect(
            "grades.csv",
            1,
            "",
            "unknown column(s) 'note' (expected: index,lab,domain,grade; optional: score,reference,found_at)",
        ),
    ),
    Case(
        "csv-repeated-column",
        "grades.csv",
        whole(b"index,lab,domain,grade,grade\nsafety-index,lab-one,governance,B,C\n"),
        Expect(
            "grades.csv",
            1,
            "",
            "repeated column(s) grade (expected: index,lab,domain,grade; optional: score,reference,found_at)",
        ),
    ),
    Case(
        "csv-semicolons",
        "scores.csv",
        whole(b"index;lab;domain;percent\nlab-watch;lab-one;overall;42\n"),
        part("scores.csv", 1, "", "; columns must be separated by commas"),
    ),
    Case(
        "csv-unknown-grade",
        "grades.csv",
        sub("lab-one,governance,C", "lab-one,governance,Z"),
        part(
            "grades.csv",
            3,
            "grade",
            "Input should be 'A+', 'A', 'A-', 'B+', 'B', 'B-', 'C+', 'C', 'C-', 'D+', 'D', 'D-' or 'F' (got 'Z')",
        ),
    ),
    Case(
        "csv-duplicate-row",
        "grades.csv",
        append("safety-index,lab-one,governance,A\n"),
        Expect("grades.csv", 6, "", "duplicate row for safety-index, lab-one, governance"),
    ),
    Case(
        "csv-domain-not-in-index",
        "grades.csv",
        sub("lab-one,governance,C", "lab-one,honesty,C"),
        Expect("grades.csv", 3, "domain", "'honesty' is not a domain of 'safety-index' (risk-assessment, governance)"),
    ),
    Case(
        "csv-index-of-wrong-kind",
        "grades.csv",
        append("lab-watch,lab-one,overall,B\n"),
        Expect("grades.csv", 6, "index", "index 'lab-watch' is a percent index"),
    ),
    Case(
        "csv-percent-120",
        "scores.csv",
        sub("overall,42", "overall,120"),
        Expect("scores.csv", 2, "percent", "Input should be less than or equal to 100 (got '120')"),
    ),
    Case(
        "csv-percent-nan",
        "scores.csv",
        sub("overall,42", "overall,nan"),
        Expect("scores.csv", 2, "percent", "Input should be a finite number (got 'nan')"),
    ),
    Case(
        "csv-percent-not-a-number",
        "scores.csv",
        sub("overall,42", "overall,about 40"),
        part("scores.csv", 2, "percent", "Input should be a valid number"),
    ),
    Case(
        "csv-unclosed-quote",
        "scores.csv",
        append('lab-watch,lab-one,"overall\n'),
        Expect("scores.csv", 4, "", "CSV syntax error: a quoted field is not closed before the end of the file"),
    ),
    Case(
        "csv-text-after-quote",
        "scores.csv",
        sub("lab-watch,lab-two,overall", 'lab-watch,"lab-two"x,overall'),
        part("scores.csv", 3, "", "CSV syntax error:"),
    ),
    Case(
        "csv-huge-field",
        "scores.csv",
        sub("overall,42", "overall," + "4" * 200_000),
        Expect("scores.csv", 2, "", "CSV syntax error: a field is longer than 131,072 characters"),
    ),
    Case(
        "csv-latin1",
        "grades.csv",
        sub_bytes(b"governance,C", b"governanc\xe9,C"),
        part("grades.csv", 3, "", "is not valid UTF-8 (byte 0xe9"),
    ),
    Case("csv-header-only-wrong", "grades.csv", whole(b"\n"), Expect("grades.csv", 0, "", "file is empty")),
    # ---- files of the pack --------------------------------------------------------------
    Case("missing-required-file", "outlook.yaml", None, Expect("outlook.yaml", 0, "", "required file is missing")),
]

# Unknown files are added beside the pack's files rather than replacing one.
EXTRA_FILE_CASES = [
    (
        "unknown-yaml-file",
        "notes.yaml",
        b"a: 1\n",
        part("notes.yaml", 0, "", "not a file of the pack (expected one of: pack.yaml, references.yaml"),
    ),
    (
        "misspelt-file",
        "reference.yaml",
        b"[]\n",
        part("reference.yaml", 0, "", "not a file of the pack (did you mean references.yaml?"),
    ),
    ("unknown-csv-file", "extra.csv", b"a,b\n1,2\n", part("extra.csv", 0, "", "not a file of the pack")),
]


def copy_pack(tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(FIXTURE, target)
    return target


def break_one(tmp_path: Path, case: Case) -> Path:
    pack = copy_pack(tmp_path)
    path = pack / case.file
    if case.edit is None:
        path.unlink()
    else:
        path.write_bytes(case.edit(path.read_bytes()))
    return pack


def test_fixture_pack_is_valid():
    result = load_pack(FIXTURE)
    assert result.ok, "\n".join(map(str, result.problems))


@pytest.mark.parametrize(
    "text",
    ["judge < debater", "p<0.05", "<5%", "R&D", "accuracy <20% of weights, >80% recall", "A & B; C", "x <= y"],
)
def test_comparisons_and_ampersands_are_plain_text(tmp_path: Path, text: str):
    """A "<" before a space, digit or sign and a bare "&" are text, not markup: the pack loads."""
    pack = copy_pack(tmp_path)
    refs = pack / REFS
    refs.write_text(refs.read_text().replace("title: A paper on debate", f"title: '{text}'"))
    result = load_pack(pack)
    assert result.ok, "\n".join(map(str, result.problems))
    assert text in {r.title for r in result.dataset.references}


def test_catalogue_size_and_unique_ids():
    ids = [c.id for c in CASES] + [c[0] for c in EXTRA_FILE_CASES]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 40


@pytest.mark.timeout(20)
@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(tmp_path: Path, case: Case):
    pack = break_one(tmp_path, case)
    result = load_pack(pack)
    assert not result.ok
    assert result.dataset is None
    problems = result.problems
    assert [p for p in problems if case.expect.matches(p)], f"expected {case.expect}\ngot:\n" + "\n".join(
        map(str, problems)
    )
    # One thing was broken, so one problem is reported (no cascade of follow-on errors).
    assert len(problems) == 1, "\n".join(map(str, problems))


@pytest.mark.parametrize(
    "name, content, expect", [c[1:] for c in EXTRA_FILE_CASES], ids=[c[0] for c in EXTRA_FILE_CASES]
)
def test_unknown_file_in_pack_dir(tmp_path: Path, name: str, content: bytes, expect: Expect):
    pack = copy_pack(tmp_path)
    (pack / name).write_bytes(content)
    result = load_pack(pack)
    assert [expect.matches(p) for p in result.problems] == [True]


def test_other_files_beside_the_pack_are_ignored(tmp_path: Path):
    pack = copy_pack(tmp_path)
    (pack / "README.md").write_text("# notes\n")
    (pack / ".hidden.yaml").write_text("x: 1\n")
    (pack / "LICENCE").write_text("CC BY 4.0\n")
    assert load_pack(pack).ok


def test_directory_named_like_a_pack_file(tmp_path: Path):
    pack = copy_pack(tmp_path)
    (pack / "talk.yaml").unlink()
    (pack / "talk.yaml").mkdir()
    result = load_pack(pack)
    assert result.problems == [Problem("talk.yaml", 0, "", "is not a regular file")]


def test_yml_extension_is_reported_with_the_right_name(tmp_path: Path):
    pack = copy_pack(tmp_path)
    (pack / "references.yaml").rename(pack / "references.yml")
    result = load_pack(pack)
    # The renamed file is named in the problem, and the expected name is reported missing.
    assert [str(p) for p in result.problems[:1]] == ["references.yaml:0: -: required file is missing"]
    assert any(p.file == "references.yml" and "did you mean references.yaml?" in p.message for p in result.problems)


# --------------------------------------------------------------------------
# Dangerous YAML does nothing and stays small
# --------------------------------------------------------------------------


def test_python_tag_executes_nothing(tmp_path: Path):
    marker = tmp_path / "pwned"
    pack = copy_pack(tmp_path)
    (pack / REFS).write_text(f"- !!python/object/apply:os.system ['touch {marker}']\n")
    result = load_pack(pack)
    assert not result.ok
    assert not marker.exists()


@pytest.mark.timeout(10)
def test_billion_laughs_is_refused_fast_and_small(tmp_path: Path):
    pack = copy_pack(tmp_path)
    (pack / REFS).write_bytes(BILLION_LAUGHS)
    started = time.process_time()
    result = load_pack(pack)
    cpu = time.process_time() - started
    refs = [p for p in result.problems if p.file == REFS]
    assert refs[0] == Problem(REFS, 1, "", "YAML anchors (&a) are not allowed")
    assert Problem(REFS, 2, "", "YAML aliases (*a) are not allowed") in refs
    assert len(refs) <= 20  # bounded, whatever the number of aliases
    assert sum(len(str(p)) for p in result.problems) < 10_000
    assert cpu < 5, "the alias bomb was expanded"


def test_deep_nesting_raises_no_recursion_error(tmp_path: Path):
    pack = copy_pack(tmp_path)
    # 200,000 levels crashed the C composer outright before the nesting limit.
    (pack / REFS).write_bytes(b"[" * 200_000 + b"]" * 200_000)
    result = load_pack(pack)
    assert result.problems == [Problem(REFS, 1, "", "lists and mappings are nested more than 32 deep")]


# --------------------------------------------------------------------------
# Accepted variations: BOM, CRLF, CR
# --------------------------------------------------------------------------


def _rewrite_all(pack: Path, fn: Callable[[bytes], bytes]) -> None:
    for path in pack.iterdir():
        path.write_bytes(fn(path.read_bytes()))


@pytest.mark.parametrize(
    "variant, fn",
    [
        ("bom", lambda b: b"\xef\xbb\xbf" + b),
        ("crlf", lambda b: b.replace(b"\n", b"\r\n")),
        ("bom-crlf", lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n")),
        ("no-final-newline", lambda b: b.rstrip(b"\n")),
    ],
)
def test_bom_and_line_endings_are_accepted(tmp_path: Path, variant: str, fn):
    reference = load_pack(FIXTURE).dataset
    pack = copy_pack(tmp_path)
    _rewrite_all(pack, fn)
    result = load_pack(pack)
    assert result.ok, "\n".join(map(str, result.problems))
    assert result.dataset.counts() == reference.counts()
    assert result.dataset.references == reference.references
    assert result.dataset.grades == reference.grades


def test_crlf_keeps_line_numbers(tmp_path: Path):
    pack = copy_pack(tmp_path)
    _rewrite_all(pack, lambda b: b.replace(b"\n", b"\r\n"))
    (pack / REFS).write_bytes((pack / REFS).read_bytes().replace(b"credibility: 4", b"credibility: 6"))
    (pack / "scores.csv").write_bytes((pack / "scores.csv").read_bytes().replace(b"overall,42", b"overall,420"))
    result = load_pack(pack)
    assert [(p.file, p.line, p.field) for p in result.problems] == [
        (REFS, 15, "references[1].credibility"),
        ("scores.csv", 2, "percent"),
    ]


def test_csv_header_cells_may_be_padded(tmp_path: Path):
    pack = copy_pack(tmp_path)
    (pack / "scores.csv").write_text("index, lab, domain, percent\nlab-watch, lab-one, overall, 42\n")
    assert load_pack(pack).ok


# --------------------------------------------------------------------------
# All problems at once
# --------------------------------------------------------------------------


def test_three_problems_in_one_yaml_file_are_all_reported(tmp_path: Path):
    pack = copy_pack(tmp_path)
    path = pack / REFS
    text = path.read_text()
    text = text.replace("  publisher: Test Wiki\n", "  publisher: Test Wiki\n  colour: red\n")
    text = text.replace("credibility: 4", "credibility: 6")
    text = text.replace("http://example.gov/report", "javascript:alert(1)")
    path.write_text(text)
    result = load_pack(pack)
    assert result.problems == [
        Problem(REFS, 6, "references[0].colour", "unknown field (not in the schema)"),
        Problem(REFS, 16, "references[1].credibility", "Input should be less than or equal to 5 (got 6)"),
        Problem(REFS, 24, "references[2].url", "must be an http:// or https:// address"),
    ]


def test_three_problems_in_one_csv_file_are_all_reported(tmp_path: Path):
    pack = copy_pack(tmp_path)
    (pack / "grades.csv").write_text(
        GRADES_HEADER
        + "safety-index,lab-one,risk-assessment,Z\n"  # unknown grade
        + "safety-index,lab-x,governance,B\n"  # dangling lab
        + "safety-index,lab-two,governance,B,9\n"  # wrong width
    )
    result = load_pack(pack)
    assert [(p.line, p.field) for p in result.problems] == [(2, "grade"), (3, "lab"), (4, "")]
    assert result.problems[1].message == "unknown lab id 'lab-x'"
    assert result.problems[2].message == "row has 5 fields; the header has 4"


def test_problems_in_several_files_are_reported_in_one_pass(tmp_path: Path):
    pack = copy_pack(tmp_path)
    (pack / "claims.yaml").write_text("- id: [unclosed\n")
    est = pack / "estimates.yaml"
    est.write_text(est.read_text().replace("technique: debate", "technique: telepathy"))
    (pack / "talk.yaml").unlink()  # optional: not a problem
    (pack / "risks.yaml").unlink()
    result = load_pack(pack)
    assert [(p.file, p.field) for p in result.problems] == [
        ("estimates.yaml", "estimates[0].technique"),
        ("claims.yaml", ""),
        ("risks.yaml", ""),
    ]


def test_references_to_a_broken_file_are_not_reported_as_dangling(tmp_path: Path):
    pack = copy_pack(tmp_path)
    refs = pack / REFS
    refs.write_text(refs.read_text().replace("credibility: 4", "credibility: 9"))
    result = load_pack(pack)
    # Every other file cites references; none of those citations is blamed.
    assert [p.file for p in result.problems] == [REFS]


def test_problem_count_per_file_is_capped(tmp_path: Path):
    pack = copy_pack(tmp_path)
    bad = "".join(f"- id: Bad {i}\n" for i in range(400))
    (pack / REFS).write_text(bad)
    result = load_pack(pack)
    refs = [p for p in result.problems if p.file == REFS]
    assert len(refs) == MAX_PROBLEMS_PER_FILE + 1
    assert (
        Problem(REFS, 0, "", f"{400 * 4 - MAX_PROBLEMS_PER_FILE} more problem(s) in this file are not listed") in refs
    )


def test_problem_prints_as_file_line_field_message():
    assert str(Problem("claims.yaml", 12, "claims[3].figure.low", "low (5) is above high (3)")) == (
        "claims.yaml:12: claims[3].figure.low: low (5) is above high (3)"
    )
    assert (
        str(Problem("outlook.yaml", 0, "", "required file is missing")) == "outlook.yaml:0: -: required file is missing"
    )
