"""Property tests: whatever the bytes, the loader answers with a Dataset or with problems.

Each example puts generated content in one file of the minimal pack and loads
it through ``load_files``. It must never raise, never return both nothing and no
problems, and finish within the hypothesis deadline.
"""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.pack.dataset import PACK_FILES
from dashboard.pack.load import load_files
from dashboard.pack.problems import LoadResult, Problem

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"
BASE: dict[str, bytes] = {p.name: p.read_bytes() for p in FIXTURE.iterdir()}
NAMES = [pf.name for pf in PACK_FILES]
YAML_NAMES = [pf.name for pf in PACK_FILES if pf.format == "yaml"]
CSV_NAMES = [pf.name for pf in PACK_FILES if pf.format == "csv"]

FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "120")),  # raise it for a longer hunt
    deadline=2000,  # ms per example
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def check(files: dict[str, bytes]) -> LoadResult:
    result = load_files(files)
    assert isinstance(result, LoadResult)
    if result.dataset is None:
        assert result.problems, "no dataset and no problems"
    else:
        assert result.problems == [] and result.ok
    for p in result.problems:
        assert isinstance(p, Problem)
        assert isinstance(p.file, str) and p.file
        assert isinstance(p.line, int) and p.line >= 0
        assert isinstance(p.field, str)
        assert isinstance(p.message, str) and p.message
        assert "Traceback" not in p.message
    return result


def with_file(name: str, content: bytes) -> dict[str, bytes]:
    files = dict(BASE)
    files[name] = content
    return files


def test_the_base_pack_is_valid():
    assert check(dict(BASE)).ok


# --------------------------------------------------------------------------
# Raw bytes
# --------------------------------------------------------------------------


@FUZZ
@given(name=st.sampled_from(NAMES + ["notes.yaml", "x.csv"]), content=st.binary(max_size=2000))
def test_any_bytes_as_any_file(name: str, content: bytes):
    check(with_file(name, content))


YAMLISH = st.sampled_from(
    [
        b"[",
        b"]",
        b"{",
        b"}",
        b":",
        b"- ",
        b"\n",
        b"  ",
        b"\t",
        b"&a ",
        b"*a",
        b"!!str ",
        b"!x ",
        b"? ",
        b"---\n",
        b"...\n",
        b"#",
        b"'",
        b'"',
        b"|\n",
        b">\n",
        b"<<: ",
        b"~",
        b"yes",
        b".nan",
        b"1e999",
        b"2025-02-30",
        b"\xef\xbb\xbf",
        b"\r\n",
        b"\x00",
        b"\xff",
        b",",
        b"\\",
        b"%YAML 1.1\n",
        b"%TAG ! tag:x,2000:\n",
        b"9" * 50,
    ]
)


@st.composite
def mutated(draw, names: list[str]) -> tuple[str, bytes]:
    """A fixture file with a few byte-level edits: insertions of YAML/CSV syntax, deletions, cuts."""
    name = draw(st.sampled_from(names))
    data = bytearray(BASE[name])
    for _ in range(draw(st.integers(1, 4))):
        pos = draw(st.integers(0, len(data)))
        op = draw(st.sampled_from(["insert", "delete", "truncate", "random"]))
        if op == "insert":
            data[pos:pos] = draw(YAMLISH)
        elif op == "delete":
            del data[pos : pos + draw(st.integers(1, 20))]
        elif op == "truncate":
            del data[pos:]
        else:
            data[pos:pos] = draw(st.binary(min_size=1, max_size=8))
    return name, bytes(data)


@FUZZ
@given(edit=mutated(NAMES))
def test_byte_edits_of_pack_files(edit: tuple[str, bytes]):
    name, content = edit
    check(with_file(name, content))


# --------------------------------------------------------------------------
# Generated YAML documents
# --------------------------------------------------------------------------

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**40), max_value=10**40),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(
        [
            "ref-wiki",
            "debate",
            "lab-one",
            "debate-accuracy",
            "deception",
            "debate-works",
            "today",
            "percent",
            "usd",
            "A+",
            "B",
            "paper",
            "high",
            "<script>",
            "javascript:x",
            "https://a.b/c",
        ]
    ),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
)
KEYS = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "id",
            "title",
            "kind",
            "summary",
            "references",
            "figure",
            "value",
            "low",
            "high",
            "unit",
            "technique",
            "labs",
            "claims",
            "positions",
            "unknown",
            "current",
            "superhuman",
            "rows",
        ]
    ),
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda children: st.one_of(st.lists(children, max_size=6), st.dictionaries(KEYS, children, max_size=6)),
    max_leaves=40,
)


def dump(doc: Any) -> bytes:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False).encode("utf-8", "surrogatepass")


@FUZZ
@given(name=st.sampled_from(YAML_NAMES), doc=DOCUMENTS)
def test_any_yaml_document_as_any_yaml_file(name: str, doc: Any):
    check(with_file(name, dump(doc)))


def _paths(obj: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(obj, dict):
        for k, v in obj.items():
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            out.extend(_paths(v, (*prefix, i)))
    return out


def _replace(obj: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(obj, dict):
        return {k: (_replace(v, rest, value) if k == head else v) for k, v in obj.items()}
    return [(_replace(v, rest, value) if i == head else v) for i, v in enumerate(obj)]


PARSED = {name: yaml.safe_load(BASE[name]) for name in YAML_NAMES}


@st.composite
def record_edit(draw) -> tuple[str, Any]:
    """A fixture YAML file with one value (a field, a record, a list) replaced by generated data."""
    name = draw(st.sampled_from(YAML_NAMES))
    doc = PARSED[name]
    path = draw(st.sampled_from(_paths(doc)))
    return name, _replace(doc, path, draw(DOCUMENTS))


@FUZZ
@given(edit=record_edit())
def test_one_value_of_a_record_replaced(edit: tuple[str, Any]):
    name, doc = edit
    check(with_file(name, dump(doc)))


@st.composite
def csv_rows(draw) -> tuple[str, bytes]:
    name = draw(st.sampled_from(CSV_NAMES))
    header = BASE[name].decode().splitlines()[0]
    cell = st.one_of(
        st.text(max_size=15),
        st.sampled_from(
            [
                "safety-index",
                "lab-watch",
                "lab-one",
                "lab-two",
                "governance",
                "overall",
                "B",
                "Z",
                "42",
                "nan",
                "inf",
                "-1",
                "1e400",
                '"',
                '""',
                "\r",
                "\n",
            ]
        ),
    )
    rows = draw(st.lists(st.lists(cell, min_size=0, max_size=6), max_size=8))
    body = "\n".join(",".join(r) for r in rows)
    return name, (header + "\n" + body).encode("utf-8", "surrogatepass")


@FUZZ
@given(edit=csv_rows())
def test_any_csv_rows(edit: tuple[str, bytes]):
    name, content = edit
    check(with_file(name, content))


def test_generated_floats_are_never_accepted_as_non_finite():
    """A spot check that a value the fuzzers generate (nan) is refused, not silently kept."""
    doc = [dict(PARSED["claims.yaml"][0])]
    doc[0]["figure"] = {"value": math.nan, "unit": "percent"}
    result = check(with_file("claims.yaml", dump(doc)))
    assert [p.field for p in result.problems] == ["claims[0].figure"]


# --------------------------------------------------------------------------
# The fast reading of clean YAML agrees with the safe loader
# --------------------------------------------------------------------------

from dashboard.pack import reading as _load  # noqa: E402

YAML_SNIPPETS = st.sampled_from(
    [
        "yes",
        "no",
        "on",
        "~",
        "null",
        "1_000",
        "0x1F",
        "0o17",
        "1:30",
        "1e3",
        ".inf",
        "-.nan",
        "2025-01-31",
        "2025-02-30",
        "2001-12-14t21:59:43.10-05:00",
        "'quoted'",
        '"dq \\u00e9"',
        "=",
        "<<",
        "!!str x",
        "! x",
        "&a x",
        "*a",
        "|\n  block\n",
        ">-\n  folded\n",
        "[a, b]",
        "{a: 1}",
        "9" * 40,
        "",
        "- x",
        "? k\n: v",
    ]
)


@st.composite
def yaml_texts(draw) -> str:
    """YAML text built from snippets as keys and values, plus generated documents."""
    if draw(st.booleans()):
        return dump(draw(DOCUMENTS)).decode("utf-8", "surrogatepass")
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        key = draw(st.one_of(YAML_SNIPPETS, st.sampled_from(["id", "title", "a", "b"])))
        value = draw(YAML_SNIPPETS)
        lines.append(f"{key}: {value}")
    return "\n".join(lines) + "\n"


def _safe_load(text: str):
    try:
        return yaml.load(text, Loader=_load.YamlLoader)
    except Exception:
        return _load._SLOW


@FUZZ
@given(text=yaml_texts())
def test_fast_yaml_reading_agrees_with_the_safe_loader(text: str):
    """Where the one-pass reader accepts a document, it gives exactly what the safe loader gives;
    whatever it declines goes to the checked path."""
    fast = _load._fast_parse(text)
    if fast is _load._SLOW:
        return
    expected = _safe_load(text)
    assert expected is not _load._SLOW, "the fast path accepted what the safe loader refuses"

    def same(a, b) -> bool:
        if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
            return True
        if type(a) is not type(b):
            return False
        if isinstance(a, dict):
            return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
        if isinstance(a, list):
            return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
        return a == b

    assert same(fast, expected)
