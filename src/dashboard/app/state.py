"""Streamlit helpers shared by every page: the active pack, the technique filter, the chart block.

Pages import from here; the pure modules (frames, charts) never import streamlit.

API
---
- ``dataset() -> Dataset``: the active pack (an uploaded one, else the default directory,
  cached on its file signature). An invalid pack stops the page with a table of problems.
- ``technique_filter(ds)``: draws the sidebar technique multiselect (key ``tech``, in the URL).
- ``selected_techniques(ds) -> list[str]``: the chosen technique ids; none chosen means all.
- ``chart_block(fig, table, *, takeaway, references, alt, key, ds, memo_key=None)``: takeaway heading,
  then Chart / Table / Sources tabs, a caption naming the references, the text alternative, a CSV
  (made once per pack and ``memo_key`` when the page memoises the table).
- ``reference_caption(ds, ref_ids) -> str`` (made once per pack and list of references) and
  ``md_escape(text) -> str`` (re-exported).
- ``memo(ds, key, build)``: ``build()`` computed once per pack and key, shared by every session
  (for figures and frames that do not change between reruns; never mutate the result).
"""

from __future__ import annotations

import runpy
import threading
import uuid
import weakref
from collections.abc import Callable, Hashable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from dashboard.analysis import references as citations
from dashboard.app import css as _css
from dashboard.pack import vocab
from dashboard.pack.dataset import Dataset
from dashboard.pack.load import default_data_dir, load_pack, pack_signature
from dashboard.pack.problems import LoadResult
from dashboard.pack.textsafe import md_escape, safe_url
from dashboard.views import style
from dashboard.views.frames.sources import sources_frame

T = TypeVar("T")

__all__ = [
    "TECH_KEY",
    "UPLOADED_PACK_KEY",
    "chart_block",
    "dataset",
    "ensure_shell",
    "load_default",
    "md_escape",
    "memo",
    "plotly_config",
    "reference_caption",
    "selected_techniques",
    "show_problems",
    "show_sources",
    "technique_filter",
]

UPLOADED_PACK_KEY = "uploaded_pack"
TECH_KEY = "tech"

# PNG export sized for a 16:9 slide.
EXPORT_WIDTH = 1600
EXPORT_HEIGHT = 900


# --------------------------------------------------------------------------
# The app shell around a page
# --------------------------------------------------------------------------

APP_SCRIPT = Path(__file__).resolve().parents[3] / "app.py"
_shell = threading.local()


def ensure_shell() -> None:
    """Make sure app.py (page config, navigation, sidebar) wraps the page being run.

    Because the pages live in a folder named ``pages/``, Streamlit's legacy multipage
    handling can start a page script directly, without app.py: on the first run of a fresh
    server process opened at a deep link, and in every AppTest run after ``switch_page``.
    Then the page would lack the sidebar filter. When that is detected, app.py is run in
    its place (it runs the requested page itself) and the bare run stops. Called by
    ``dataset()``, so every page that starts with ``ui.dataset()`` is covered.
    """
    ctx = get_script_run_ctx()
    if ctx is None or getattr(_shell, "active", False):
        return
    main = Path(ctx.main_script_path).resolve()
    if main != APP_SCRIPT:
        return
    pages = ctx.pages_manager.get_pages()
    # Under app.py's own st.navigation no registered page is app.py itself.
    if not any(Path(str(p.get("script_path") or "")).resolve() == main for p in pages.values()):
        return
    _shell.active = True
    try:
        runpy.run_path(str(main), run_name="__main__")
    finally:
        _shell.active = False
    st.stop()


# --------------------------------------------------------------------------
# The active pack
# --------------------------------------------------------------------------


@st.cache_resource(show_spinner="Loading the data pack…", max_entries=8)
def _load_cached(directory: str, signature: tuple) -> LoadResult:
    # ``signature`` is only part of the cache key: a changed file gives a new key.
    return load_pack(directory)


def load_default() -> LoadResult:
    """The pack at $DASHBOARD_DATA_DIR (else data/), cached on (directory, file signature)."""
    directory = Path(default_data_dir()).resolve()
    return _load_cached(str(directory), pack_signature(directory))


def show_problems(result: LoadResult, *, where: str = "The data pack") -> None:
    """An error with the count, then every problem as a row: file, line, field, message."""
    n = len(result.problems)
    st.error(
        f"{where} did not validate: {n} problem{'s' if n != 1 else ''}. "
        "Nothing is shown until every problem below is fixed."
    )
    problems_table(result.problems, key="pack-problems")
    st.caption("Check the pack from the command line with `python -m dashboard validate <directory>`.")


def dataset() -> Dataset:
    """The active pack. An uploaded pack (session state) wins over the default directory.

    When the default pack does not validate, the page shows every problem and stops:
    never a traceback, never a half-loaded view.
    """
    ensure_shell()
    uploaded = st.session_state.get(UPLOADED_PACK_KEY)
    if isinstance(uploaded, Dataset):
        return uploaded
    result = load_default()
    if not result.ok or result.dataset is None:
        show_problems(result)
        st.stop()
    return result.dataset  # type: ignore[return-value]


# --------------------------------------------------------------------------
# Results that only depend on the pack and a few arguments
# --------------------------------------------------------------------------

_pack_tokens: dict[int, str] = {}
_pack_tokens_lock = threading.Lock()


def _pack_token(ds: Dataset) -> str:
    """A token that stands for one loaded pack object while it is alive (cheap to hash)."""
    with _pack_tokens_lock:
        token = _pack_tokens.get(id(ds))
        if token is None:
            token = uuid.uuid4().hex
            _pack_tokens[id(ds)] = token
            weakref.finalize(ds, _pack_tokens.pop, id(ds), None)
        return token


@st.cache_resource(max_entries=512, show_spinner=False)
def _memo(token: str, key: Hashable, _build: Callable[[], object]) -> object:
    return _build()


def memo(ds: Dataset, key: Hashable, build: Callable[[], T]) -> T:
    """``build()`` once per (pack, key), shared by every session of the server.

    ``key`` must name everything the result depends on besides the pack (the chart and the
    chosen techniques, sort, ...): ``ui.memo(ds, ("effectiveness", tuple(chosen), sort),
    lambda: charts.effectiveness_figure(frame))``. The loaded pack is cached on its files'
    size and modification time, so a changed file is a new pack and a new key. The result is
    shared: never mutate it (st.plotly_chart and st.dataframe do not).
    """
    return _memo(_pack_token(ds), key, build)  # type: ignore[return-value]


def reference_caption(ds: Dataset, ref_ids: Iterable[str]) -> str:
    """``frames.citations.reference_caption``, made once per pack and list of references."""
    refs = tuple(ref_ids)
    return memo(ds, ("reference-caption", refs), lambda: citations.reference_caption(ds, refs))


# --------------------------------------------------------------------------
# The technique filter
# --------------------------------------------------------------------------


def technique_filter(ds: Dataset) -> list[str]:
    """The sidebar multiselect of techniques (key ``tech``, bound to the URL). Call once per run."""

    def _options() -> tuple[dict[str, str], list[str]]:
        names = {t.id: t.name for t in ds.techniques}
        return names, sorted(names, key=lambda i: (not ds.technique_by_id[i].ai_assisted, names[i].lower()))

    names, options = memo(ds, "sidebar-technique-options", _options)
    # A pack change (e.g. an upload) can leave ids in the state that no longer exist.
    current = st.session_state.get(TECH_KEY)
    if isinstance(current, list) and any(c not in names for c in current):
        st.session_state[TECH_KEY] = [c for c in current if c in names]
    return st.multiselect(
        "Techniques",
        options,
        format_func=lambda i: names.get(i, i),
        key=TECH_KEY,
        bind="query-params",
        placeholder="All techniques",
        help="Narrow every chart and table to these techniques. Empty shows all.",
    )


PAGE_CSS = _css.PAGE_CSS  # kept here for pages that read it; the stylesheet lives in app/css.py


def problems_table(problems: Iterable, *, key: str) -> None:
    """Problems of a pack (the loader's or an upload's), a row each: file, line, field, message."""
    table = pd.DataFrame(
        [{"file": p.file, "line": p.line, "field": p.field, "message": p.message} for p in problems],
        columns=["file", "line", "field", "message"],
    )
    data_table(
        table,
        column_config={
            "file": st.column_config.TextColumn("File"),
            "line": st.column_config.NumberColumn("Line", format="%d", help="0: the whole file"),
            "field": st.column_config.TextColumn("Field"),
            "message": st.column_config.TextColumn("Problem", width="large"),
        },
        key=key,
    )


def data_table(data, *, key: str, column_config: dict | None = None, **options) -> None:
    """A read-only table as every page shows one: no index, full width, empty cells as a dash."""
    st.dataframe(
        data,
        hide_index=True,
        width="stretch",
        placeholder=vocab.MISSING,
        column_config=column_config,
        key=key,
        **options,
    )


def keep_choice(key: str, options: Sequence) -> None:
    """Call before drawing the select bound to ``key``: a stored choice it no longer offers (an old
    link, a narrower filter or search, or None left while it offered nothing) becomes its first
    option, so the select never returns a stale value or None. A first run's URL value is untouched."""
    if key in st.session_state and st.session_state[key] not in options:
        st.session_state[key] = options[0] if len(options) else None


def selected_techniques(ds: Dataset) -> list[str]:
    """Technique ids chosen in the sidebar filter, in pack order; none chosen means all of them."""
    chosen = st.session_state.get(TECH_KEY) or []
    if isinstance(chosen, str):
        chosen = [chosen]
    chosen_set = set(chosen)
    picked = [t.id for t in ds.techniques if t.id in chosen_set]
    return picked or [t.id for t in ds.techniques]


def filter_is_active(ds: Dataset) -> bool:
    """True when the sidebar filter narrows the techniques (for a "filtered" note on a page)."""
    return len(selected_techniques(ds)) < len(ds.techniques)


# --------------------------------------------------------------------------
# The chart block: takeaway, Chart / Table / Sources, caption, alt text, CSV
# --------------------------------------------------------------------------


def plotly_config(key: str) -> dict:
    """No plotly mode bar: its ten buttons were invisible tab stops on every chart. The PNG, SVG and
    CSV downloads are buttons under the chart (``chart_downloads``); the options below still serve an
    image made from the chart's own menu where a reader turns the bar back on."""
    return {
        "displaylogo": False,
        "displayModeBar": False,
        "responsive": True,
        "toImageButtonOptions": {
            "format": "png",
            "scale": 2,
            "filename": key,
            "width": EXPORT_WIDTH,
            "height": EXPORT_HEIGHT,
        },
    }


def show_sources(ds: Dataset, references: Iterable[str], *, key: str) -> None:
    """The references as a table: title, year, credibility stars, link (http/https only)."""
    refs = tuple(references)
    frame = memo(ds, ("sources-frame", refs), lambda: sources_frame(ds, refs))
    if frame.empty:
        st.info("No references are attached to this view.")
        return
    data_table(
        frame.drop(columns=["id"]),
        column_config={
            "title": st.column_config.TextColumn("Reference", width="large"),
            "year": st.column_config.NumberColumn("Year", format="%d"),
            "kind": st.column_config.TextColumn("Kind"),
            "publisher": st.column_config.TextColumn("Publisher"),
            "credibility": st.column_config.TextColumn("Credibility", help="1-5 stars as the source text rates it"),
            "link": st.column_config.LinkColumn("Link", display_text="open"),
        },
        key=f"{key}-sources",
    )


def chart_block(
    fig: go.Figure,
    table: pd.DataFrame,
    *,
    takeaway: str,
    references: Sequence[str],
    alt: str,
    key: str,
    ds: Dataset,
    column_config: dict | None = None,
    full_table: pd.DataFrame | None = None,
    memo_key: Hashable | None = None,
    full_key: Hashable | None = None,
) -> None:
    """One chart as a reader meets it: takeaway, Chart / Table / Sources, caption, alt text, CSV.

    ``full_table``: the whole table when the one shown is narrowed (the sidebar's technique filter, a
    choice on the page), offered as a second CSV so readers can take all of the data away.
    ``memo_key``: when the tables are memoised (``memo``), the key naming everything they depend on
    besides the pack; their CSV bytes are then made once per pack and key, not on every rerun.
    ``full_key``: the same for ``full_table`` when it depends on less than the table shown (the whole
    table does not change with the filter, so its CSV is not made again for each one); default ``memo_key``.
    """
    st.header(md_escape(takeaway), anchor=key)  # h2 under the page's h1: headings never skip a level
    chart_tab, table_tab, sources_tab = st.tabs(["Chart", "Table", "Sources"], key=f"{key}-view", bind="query-params")
    with chart_tab:
        shown = for_screen(fig)
        min_width = shown.layout.meta.get("min_width") if isinstance(shown.layout.meta, dict) else None
        if min_width:  # a matrix on a phone: its own width, scrolled sideways in its tab (focusable), never the page
            st.html(_css.scroll_box(f"{key}-chart", min_width))
        st.plotly_chart(shown, key=f"{key}-chart", config=plotly_config(key), alt=alt, width="stretch")
    with table_tab:
        data_table(table, column_config=column_config, key=f"{key}-table")
    refs = tuple(references)
    with sources_tab:
        show_sources(ds, refs, key=key)
    st.caption(md_escape(reference_caption(ds, refs)))
    st.caption(md_escape(f"Text alternative: {alt}"))
    from dashboard.app.present import chart_downloads  # formula-safe CSV (as shown, all rows), PNG and SVG at 1600x900
    from dashboard.exports.bundle import safe_csv

    if memo_key is None:
        csv = safe_csv(table)
        full_csv = safe_csv(full_table) if full_table is not None else None
    else:
        csv = memo(ds, ("csv", key, memo_key), lambda: safe_csv(table))
        whole = memo_key if full_key is None else full_key
        full_csv = memo(ds, ("csv-all", key, whole), lambda: safe_csv(full_table)) if full_table is not None else None
    chart_downloads(fig, csv, key=key, full_csv=full_csv)


def on_phone() -> bool:
    """True when the browser says it is a phone ("Mobile" in its user agent): charts get their compact layout.

    Python cannot know the window's width; a narrow desktop window keeps the full layout, and the
    charts' automatic margins and the stylesheet keep it readable there."""
    try:
        agent = st.context.headers.get("User-Agent", "") or ""
    except Exception:
        return False
    return "Mobile" in agent or "Android" in agent


def theme_type() -> str:
    """ "light" or "dark": the theme the reader's browser shows (light when it is not known)."""
    try:
        kind = st.context.theme.type
    except Exception:
        kind = None
    return kind if kind in style.TEXT_ON else "light"


def for_screen(fig: go.Figure) -> go.Figure:
    """``fig`` as drawn on this reader's screen (a copy; ``fig`` may be shared): text in the theme's own
    text colour, and the compact variant on a phone."""
    fig = style.theme_text(fig, style.TEXT_ON[theme_type()])
    if fig.layout.title.text:  # the takeaway heading above says it; the title (kept in exports) was cut at the right
        fig.update_layout(title={"text": ""}, margin={"t": 24})
    return style.compact(fig) if on_phone() else fig


def link_or_none(url: str | None) -> str | None:
    """Re-exported for pages building LinkColumns: only http/https links survive."""
    return safe_url(url)
