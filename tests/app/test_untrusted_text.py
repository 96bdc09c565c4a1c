"""No text from a pack is rendered as Markdown or HTML.

The shipped pack is copied with a Markdown payload (a link and an image pointing
elsewhere) appended to every free-text field; the copy still validates, since
Markdown is not markup the validators refuse. Every page is then run and every
place Streamlit renders as Markdown (bodies, headings, captions, alerts, metric
labels and values, expander and tab labels, widget labels, help tooltips, radio
options) is checked: the payload may only appear escaped, never live.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from pydantic import AfterValidator, BaseModel
from streamlit.testing.v1 import AppTest

from dashboard.pack import models as m
from dashboard.pack.dataset import PACK_FILES
from dashboard.pack.load import load_pack

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
PAGES = ["overview", "techniques", "effectiveness", "labs", "cruxes", "risks", "approaches", "sources"]
PAYLOAD = " [l](https://evil.example/l) ![i](https://evil.example/i.png)"
LIVE = "](https://evil.example"  # what the payload looks like when it is not escaped

# Element types whose text Streamlit shows literally (tables, charts, code) are not Markdown.
LITERAL_TYPES = {"dataframe", "plotly_chart", "code", "text", "json", "table", "arrow_data_frame"}
MARKDOWN_FIELDS = ("body", "label", "help", "captions")
MARKDOWN_OPTIONS = {"radio", "pills", "segmented_control", "button_group"}  # their options are Markdown


def _is_text(annotation: typing.Any) -> bool:
    """Whether an annotation is (or holds) the pack's free-text type (Text, ShortText)."""
    for meta in getattr(annotation, "__metadata__", ()):
        if isinstance(meta, AfterValidator) and meta.func is m._plain_text:
            return True
    return any(_is_text(a) for a in typing.get_args(annotation))


def _max_length(annotation: typing.Any) -> int:
    for meta in getattr(annotation, "__metadata__", ()):
        if getattr(meta, "max_length", None):
            return meta.max_length
    return min((_max_length(a) for a in typing.get_args(annotation) if _max_length(a)), default=10_000)


def _with_payload(value: typing.Any, limit: int) -> typing.Any:
    if isinstance(value, str):
        return value + PAYLOAD if len(value) + len(PAYLOAD) <= limit else value
    if isinstance(value, list):
        return [_with_payload(v, limit) for v in value]
    if isinstance(value, dict):
        return {k: _with_payload(v, limit) for k, v in value.items()}
    return value


def _poison(obj: typing.Any) -> typing.Any:
    """A model dumped to JSON-ready data, with the payload added to every free-text value."""
    if isinstance(obj, BaseModel):
        out = {}
        for name, info in type(obj).model_fields.items():
            value = getattr(obj, name)
            if value is None:
                continue
            # pydantic moves a field's own Annotated metadata to ``info.metadata``
            whole = typing.Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
            if _is_text(whole):
                out[name] = _with_payload(value, _max_length(whole))
            else:
                out[name] = _poison(value)
        return out
    if isinstance(obj, list):
        return [_poison(v) for v in obj]
    if isinstance(obj, dict):
        return {k: _poison(v) for k, v in obj.items()}
    return obj  # numbers, booleans, dates (YAML writes dates natively)


@pytest.fixture(scope="module")
def poisoned_pack(tmp_path_factory, data_dir) -> Path:
    shipped = load_pack(data_dir)
    assert shipped.ok
    ds = shipped.dataset
    out = tmp_path_factory.mktemp("poisoned")
    for pf in PACK_FILES:
        value = getattr(ds, pf.attr)
        if value is None:
            continue
        if pf.format == "csv":
            (out / pf.name).write_bytes((data_dir / pf.name).read_bytes())
        else:
            (out / pf.name).write_text(
                yaml.safe_dump(_poison(value), allow_unicode=True, sort_keys=False), encoding="utf-8"
            )
    result = load_pack(out)
    assert result.ok, "\n".join(map(str, result.problems[:10]))
    poisoned = sum(t.summary.endswith(PAYLOAD) for t in result.dataset.techniques)
    assert poisoned == len(result.dataset.techniques)  # the payload is really in the pack
    return out


@pytest.fixture
def app_on(poisoned_pack, monkeypatch):
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(poisoned_pack))
    return poisoned_pack


def _markdown_texts(node) -> Iterator[tuple[str, str]]:
    """(element type, text) for every string Streamlit renders as Markdown under ``node``."""
    kind = getattr(node, "type", "")
    proto = getattr(node, "proto", None)
    if proto is not None and kind not in LITERAL_TYPES:
        fields = proto.DESCRIPTOR.fields_by_name
        names = [*MARKDOWN_FIELDS, *(("options",) if kind in MARKDOWN_OPTIONS else ())]
        for name in names:
            if name not in fields:
                continue
            value = getattr(proto, name)
            if isinstance(value, str):
                yield kind, value
            elif hasattr(value, "__iter__"):
                for v in value:
                    if isinstance(v, str):
                        yield kind, v
    for child in getattr(node, "children", {}).values():
        yield from _markdown_texts(child)


def _open(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    at.run(timeout=90)
    if page != "overview":
        at.switch_page(f"pages/{page}.py")
        at.run(timeout=90)
    assert not at.exception, [e.value for e in at.exception]
    return at


KNOWN_LEAKS: dict[str, str] = {}


@pytest.mark.parametrize(
    "page",
    [
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=KNOWN_LEAKS[p])) if p in KNOWN_LEAKS else p
        for p in PAGES
    ],
)
def test_pack_text_is_never_live_markdown(app_on, page):
    at = _open(page)
    texts = list(_markdown_texts(at._tree))
    assert texts, "nothing was collected: the walker is broken"
    escaped = [t for _, t in texts if "evil" in t]
    assert escaped, "the payload never reached a Markdown element: the test would not notice a leak"
    live = sorted({f"{kind}: {text[:160]}" for kind, text in texts if LIVE in text})
    assert live == [], "pack text rendered as Markdown:\n" + "\n".join(live)


def test_no_unsafe_html_with_pack_text():
    """Raw HTML is only ever a fixed stylesheet; nothing in the pages passes data to it."""
    offenders = []
    for path in [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "src" / "dashboard").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        for i, line in enumerate(text.splitlines(), 1):
            if (
                "unsafe_allow_html=True" in line
                or "components.html(" in line
                or (
                    "unsafe_allow_javascript=True" in line
                    and not any(js in line for js in ("SLIDE_JS", "CLOCK_HTML", "FOCUS_JS", "COOKIE_JS"))
                )
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{i}: {line.strip()}")
            # fixed stylesheets and scripts; a scroll box (a key and a number); the clock (a start time);
            # the presenter's own-talk cookie
            fixed = any(
                f"st.html({html}" in line
                for html in (
                    "PRESENT_CSS)",
                    "PAGE_CSS)",
                    "SLIDE_CSS)",
                    "SLIDE_JS,",
                    "FOCUS_JS,",
                    "PRESENTER_CSS)",
                    "POLL_CSS)",
                    "COOKIE_JS.format(name=COOKIE,",  # a talk id and secret, matched to [A-Za-z0-9_-] first
                    "css.scroll_box(",
                    "CLOCK_HTML.format(start=int(",
                )
            )
            if "st.html(" in line and not fixed:
                offenders.append(f"{path.relative_to(ROOT)}:{i}: {line.strip()}")
    assert offenders == []
