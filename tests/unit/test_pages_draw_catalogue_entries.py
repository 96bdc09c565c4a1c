"""Pages draw charts only as catalogue entries, so a page cannot show a chart the slides, images and
report do not (read from the page files; no page is run)."""

from __future__ import annotations

import ast

import pytest

from dashboard.views import catalogue
from dashboard.views.pages import PAGES
from packs import ROOT

PAGE_FILES = {p: ROOT / "pages" / f"{p}.py" for p in PAGES}


def _entry_calls(tree: ast.AST) -> list[ast.Call]:
    """Calls that name an entry as (dataset, "page", "view", ...): the chart block's signature."""
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and len(node.args) >= 3
        and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args[1:3])
    ]


@pytest.mark.parametrize("page", PAGES)
def test_page_draws_no_chart_of_its_own(page):
    source = PAGE_FILES[page].read_text(encoding="utf-8")
    tree = ast.parse(source)
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names} | {
        n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
    }
    assert not [m for m in imported if m.split(".")[0] == "plotly"], f"pages/{page}.py imports plotly"
    calls = {n.func.attr for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)}
    assert not calls & {"plotly_chart", "pyplot", "altair_chart", "vega_lite_chart", "bar_chart", "line_chart"}


@pytest.mark.parametrize("page", PAGES)
def test_every_chart_a_page_names_is_an_entry_of_that_page(page):
    tree = ast.parse(PAGE_FILES[page].read_text(encoding="utf-8"))
    specs = {s.view: s for s in catalogue.page_views(page)}
    named = []
    for call in _entry_calls(tree):
        on_page, view = (a.value for a in call.args[1:3])  # type: ignore[attr-defined]
        if on_page not in PAGES:
            continue
        assert on_page == page, f"pages/{page}.py draws an entry of {on_page}"
        assert view in specs, f"pages/{page}.py draws {view!r}, which is not in the catalogue"
        named.append(view)
        if len(call.args) > 3 and isinstance(call.args[3], ast.Dict):
            keys = {k.value for k in call.args[3].keys if isinstance(k, ast.Constant)}
            assert keys <= set(specs[view].keys), (view, keys - set(specs[view].keys))
    assert named or not specs, f"pages/{page}.py draws none of its {len(specs)} catalogue entries"
