"""The loader's one-pass reading of clean YAML gives exactly what the safe loader constructs."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from dashboard.pack import reading as load
from dashboard.pack.locations import line_of

SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SCALARS = [
    "yes", "No", "on", "OFF", "true", "False", "~", "null", "", "0", "-12", "+7", "0x1A", "0o17", "017",
    "1_000", "1:30", "3.25", "-1.5e+3", ".5", "1.", ".inf", "-.Inf", ".nan", "2024-01-31",
    "2024-01-31 10:20:30", "2024-01-31T10:20:30Z", "1e3", "12abc", "'quoted 12'", '"2024-01-01"',
    "A sentence; with a semicolon.", "'<<'", "y", "n", "- not a list",
]  # fmt: skip


@pytest.mark.parametrize("scalar", SCALARS)
def test_scalars_read_as_the_safe_loader_reads_them(scalar):
    text = (
        f"key: {scalar}\nlist:\n  - {scalar}\n  - [{scalar!s}]\n"
        if not scalar.startswith("-")
        else f"key: '{scalar}'\n"
    )
    expected = yaml.load(text, Loader=SAFE)
    got = load._fast_parse(text)
    assert got is not load._SLOW
    assert got == expected
    assert [type(v) for v in _leaves(got)] == [type(v) for v in _leaves(expected)]


def _leaves(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from _leaves(v)
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v)
    else:
        yield value


def test_block_scalars_flow_collections_and_nesting():
    text = (
        "a: |\n  line one\n  line two\n"
        "b: >-\n  folded\n  text\n"
        "c: {x: 1, y: [1, 2, {z: null}]}\n"
        "d:\n  - - 1\n    - 2\n  - e: 2020-02-29\n"
        '"quoted key": 1\n'
    )
    expected = yaml.load(text, Loader=SAFE)
    assert load._fast_parse(text) == expected
    assert expected["d"][1]["e"] == dt.date(2020, 2, 29)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",  # duplicate key
        "a: &x 1\nb: *x\n",  # anchor and alias
        "a: !!str 1\n",  # explicit tag
        "1: one\n",  # key read as a number
        "? [a]\n: 1\n",  # key that is a list
        "<<: {a: 1}\n",  # merge key
        "a: 2023-02-30\n",  # impossible date
        f"a: {'9' * 40}\n",  # over-long integer
        "a: [1, 2\n",  # syntax error
        "a: 1\n---\nb: 2\n",  # two documents
        "a: =\n",  # the YAML value tag, which the safe loader cannot construct
        "# only a comment\n",  # no document
        "[" * 40 + "]" * 40 + "\n",  # nested deeper than MAX_DEPTH
    ],
)
def test_anything_unusual_goes_to_the_checked_path(text):
    assert load._fast_parse(text) is load._SLOW


def test_checked_path_still_reports_problems_with_lines():
    _data, _root, problems = load.parse_yaml("x.yaml", "a: 1\nb: 2\na: 3\n")
    assert [(p.line, p.message) for p in problems] == [(3, "duplicate key")]


def test_shipped_files_take_the_fast_path_and_match(data_dir):
    for path in sorted(data_dir.glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        got = load._fast_parse(text)
        assert got is not load._SLOW, path.name
        assert got == yaml.load(text, Loader=SAFE), path.name


def test_lines_are_found_lazily_for_a_clean_file():
    data, root, problems = load.parse_yaml("x.yaml", "a: 1\nb:\n  c: 2\n")
    assert problems == [] and data == {"a": 1, "b": {"c": 2}}
    assert line_of(root, ("b", "c")) == 3
