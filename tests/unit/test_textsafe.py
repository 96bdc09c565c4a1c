"""Text from a pack shown literally in Markdown, and safe download file names."""

from __future__ import annotations

import dataclasses
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.pack.textsafe import md_escape, safe_filename

# --------------------------------------------------------------------------
# md_escape
# --------------------------------------------------------------------------


def unescape(md: str) -> str:
    """What CommonMark shows for text made only of literal characters and backslash escapes."""
    return re.sub(r"\\([" + re.escape(string.punctuation) + "])", r"\1", md)


@pytest.mark.parametrize(
    "text, shown",
    [
        ("**bold** and _it_", "**bold** and _it_"),
        ("[click](javascript:alert(1))", "[click](javascript:alert(1))"),
        ("![pixel](https://tracker.example/p.png)", "![pixel](https://tracker.example/p.png)"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"),
        ("&#x3C;b&#x3E; &lt;i&gt;", "&#x3C;b&#x3E; &lt;i&gt;"),
        ("$x^2$ costs $5", "$x^2$ costs $5"),
        (":red[alarm] :material/warning: :smile:", ":red[alarm] :material/warning: :smile:"),
        ("# heading", "# heading"),
        ("1. not a list", "1. not a list"),
        ("- not a list", "- not a list"),
        ("> not a quote", "> not a quote"),
        ("| a | b |", "| a | b |"),
        ("`code` ~~strike~~", "`code` ~~strike~~"),
        ("https://example.org/a_b", "https://example.org/a_b"),
        ("already \\*escaped\\*", "already \\*escaped\\*"),
        ("plain words 42 stay", "plain words 42 stay"),
        ("café — naïve ≈ 4.4%", "café — naïve ≈ 4.4%"),
    ],
)
def test_md_escape_shows_text_literally(text, shown):
    md = md_escape(text)
    assert unescape(md) == shown
    # every Markdown special character is escaped, so none can start Markdown or HTML syntax
    assert re.search(r"(?<!\\)[`*_{}\[\]<>|~$&]", md.replace("\\\\", "")) is None


def test_md_escape_neutralises_block_structure():
    md = md_escape("Title\n===\n    indented code\n\t- item")
    lines = md.split("\n")
    assert lines == ["Title", "\\===", "indented code", "\\- item"]


def test_md_escape_drops_invisible_and_control_characters():
    assert md_escape("a\u202eb\u200bc\x07d\ufeff") == "abcd"


def test_md_escape_plain_words_unchanged():
    assert md_escape("Debate raised judge accuracy") == "Debate raised judge accuracy"


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=80))
def test_md_escape_round_trips_any_single_line(text):
    line = text.replace("\n", " ").replace("\r", " ")
    md = md_escape(line)
    expected = re.sub(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]", "", line).lstrip(
        " \t"
    )
    assert unescape(md) == expected
    assert "\n" not in md


# --------------------------------------------------------------------------
# safe_filename
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, expected",
    [
        ("AI-Assisted Alignment Data Pack.csv", "AI-Assisted-Alignment-Data-Pack.csv"),
        ("../../etc/passwd", "etc-passwd"),
        ("..\\..\\windows\\system32\\cmd.exe", "windows-system32-cmd.exe"),
        ("/absolute/path.json", "absolute-path.json"),
        (".hidden", "hidden"),
        ("-rf.csv", "rf.csv"),
        ("café résumé.csv", "cafe-resume.csv"),
        ("report<script>.html", "report-script.html"),
        ("a\x00b\nc.csv", "a-b-c.csv"),
        ("quotes\"and'semi;colons.csv", "quotes-and-semi-colons.csv"),
        ("CON", "CON-file"),
        ("nul.txt", "nul-file.txt"),
        ("lpt1.csv", "lpt1-file.csv"),
        ("", "download"),
        ("...", "download"),
        ("✓✓✓", "download"),
        ("chart..png", "chart.png"),
        ("trailing dot.", "trailing-dot"),
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_safe_filename_caps_length_and_keeps_the_extension():
    name = safe_filename("x" * 500 + ".csv")
    assert len(name) == 100 and name.endswith(".csv")


def test_safe_filename_custom_default():
    assert safe_filename("///", default="chart") == "chart"


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=200))
def test_safe_filename_is_always_safe(name):
    out = safe_filename(name)
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", out)
    assert ".." not in out and "/" not in out and "\\" not in out
    assert 1 <= len(out) <= 100
    assert out.split(".")[0].lower() not in {"con", "prn", "aux", "nul"}


# --------------------------------------------------------------------------
# The download names the app builds from pack text are already safe
# --------------------------------------------------------------------------

HOSTILE_TITLES = ["../../etc/passwd", "CON", 'a/b\\c:d*e?f"g<h>i|j', ".hidden pack", "Café ☕ pack", "x" * 300, "   "]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_chart_and_report_file_stems_are_safe(title):
    from dashboard.pack.textsafe import slug

    for name in (f"{slug(title, default='chart')}-charts.zip", f"{slug(title, default='chart')}-report.html"):
        assert safe_filename(name) == name, name


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_bundle_name_is_safe(title):
    from pathlib import Path

    from dashboard.exports.bundle import bundle_name
    from dashboard.pack.load import load_pack

    ds = load_pack(Path(__file__).resolve().parents[1] / "fixtures" / "minimal").dataset
    hostile = dataclasses.replace(ds, meta=ds.meta.model_copy(update={"title": title}))
    name = bundle_name(hostile)
    assert safe_filename(name) == name, name


# --------------------------------------------------------------------------
# The pack's own check: markup is refused, comparisons and ampersands are text
# --------------------------------------------------------------------------

from pydantic import TypeAdapter, ValidationError  # noqa: E402

from dashboard.pack.models import Text  # noqa: E402

_TEXT = TypeAdapter(Text)


@pytest.mark.parametrize(
    "text",
    ["judge < debater", "p<0.05", "<5%", "R&D", "R & D", "a <= b", "x < 3 and y > 2", "-> <- <>", "AT&T", "5 <  6"],
)
def test_plain_text_with_comparisons_is_valid(text):
    assert _TEXT.validate_python(text) == text.strip()


@pytest.mark.parametrize(
    "text, found",
    [
        ("<script>alert(1)</script>", "<script"),
        ("bold <b>here</b>", "<b"),
        ("<img src=x onerror=alert(1)>", "<img"),
        ("end </div>", "</div"),
        ("<!-- comment -->", "<!--"),
        ("<?xml version", "<?xml"),
        ("fish &amp; chips", "&amp;"),
        ("less &#60; more", "&#60;"),
        ("less &#x3c; more", "&#x3c;"),
        ("&lt;script&gt;", "&lt;"),
    ],
)
def test_markup_and_character_references_are_refused(text, found):
    with pytest.raises(ValidationError) as err:
        _TEXT.validate_python(text)
    assert f"HTML markup is not allowed in text (found {found!r})" in str(err.value)
