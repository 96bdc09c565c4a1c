"""The active pack: an uploaded one, else the default directory, cached on its file signature.

- ``dataset() -> Dataset``: the active pack. An invalid pack stops the page with a table of problems.
- ``load_default() -> LoadResult``: the pack at $DASHBOARD_DATA_DIR (else data/), cached.
- ``show_problems(result)``: the error and every problem as a row.
- ``ensure_shell()``: app.py wraps the page being run (called by ``dataset()``).
"""

from __future__ import annotations

import functools
import hashlib
import runpy
import threading
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from dashboard.app.tables import problems_table
from dashboard.pack.dataset import Dataset
from dashboard.pack.load import default_data_dir, load_pack, pack_signature
from dashboard.pack.problems import LoadResult

UPLOADED_PACK_KEY = "uploaded_pack"


APP_SCRIPT = Path(__file__).resolve().parents[3] / "app.py"
_shell = threading.local()


def ensure_shell() -> None:
    """Make sure app.py (page config, navigation, sidebar) wraps the page being run.

    Because the pages live in a folder named ``pages/``, Streamlit's legacy multipage
    handling can start a page script directly, without app.py: on the first run of a fresh
    server process opened at a deep link, and in every AppTest run after ``switch_page``.
    Then the page would lack the sidebar filter. When that is detected, app.py is run in
    its place (it runs the requested page itself) and the bare run stops. Called by
    ``dataset()``, so every page that starts with ``dataset()`` is covered.
    """
    ctx = get_script_run_ctx()
    if ctx is None or getattr(_shell, "active", False):
        return
    main = _resolved(str(ctx.main_script_path))
    if main != APP_SCRIPT:
        return
    pages = ctx.pages_manager.get_pages()
    # Under app.py's own st.navigation no registered page is app.py itself.
    if not any(_resolved(str(p.get("script_path") or "")) == main for p in pages.values()):
        return
    _shell.active = True
    try:
        runpy.run_path(str(main), run_name="__main__")
    finally:
        _shell.active = False
    st.stop()


@functools.lru_cache(maxsize=64)
def _resolved(path: str) -> Path:
    """``Path(path).resolve()``, once per path (every run asks for the same few scripts)."""
    return Path(path).resolve()


@st.cache_resource(show_spinner="Loading the data pack…", max_entries=8)
def _load_cached(directory: str, signature: str) -> LoadResult:
    # ``signature`` (a digest of the files' names, sizes and times) is only part of the cache key:
    # a changed file gives a new key.
    return load_pack(directory)


def load_default() -> LoadResult:
    """The pack at $DASHBOARD_DATA_DIR (else data/), cached on (directory, file signature)."""
    directory = _resolved(str(default_data_dir()))
    # One short string: Streamlit hashes a cache argument element by element, which took most of
    # this call for a tuple of every file's (name, size, time).
    signature = hashlib.blake2b(repr(pack_signature(directory)).encode(), digest_size=16).hexdigest()
    return _load_cached(str(directory), signature)


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
    return result.dataset
