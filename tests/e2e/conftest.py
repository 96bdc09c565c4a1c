"""Real-browser tests: a `streamlit run` of app.py on a free loopback port, driven by Chromium.

Fixtures
--------
- ``server`` (session): the running app; ``server.url`` is its base URL, ``server.output()`` its log.
- ``browser`` (session): Debian's Chromium, headless, through Playwright.
- ``page``: a new page (a new Streamlit session) at 1600x900 in a shared light context.
- ``themed_page(theme)``: the same in the shared "light" or "dark" context.
- ``make_context(**kwargs)``: a fresh browser context (no cache, no cookies), for "a new reader" tests.
- ``screenshot_dir`` (session): where screenshots of slides go; the folder is printed at the end (the
  render audit saves whole pages to its own folder).

Helpers (``wait_for_run``, ``rerun``, ``open_page`` ...) live in e2e_harness.py.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))  # e2e_harness and e2e_screens, under any import mode

from e2e_harness import (  # the server and context helpers live there so that test modules can import them too
    _SCREENSHOT_DIRS,
    CHROMIUM,
    CHROMIUM_ARGS,
    RUN_HELP,
    SERVERS,
    Server,
    _stop,
    new_context,
    start_server,
)

_HERE = Path(__file__).resolve().parent


E2E_TIMEOUT_S = 120


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Give every test here a time limit when pytest-timeout is present (tests/conftest.py marks them ``e2e``)."""
    if not config.pluginmanager.hasplugin("timeout"):
        return
    for item in items:
        if _HERE in Path(str(item.path)).resolve().parents and item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(E2E_TIMEOUT_S))


# --------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The app on the pack at $DASHBOARD_DATA_DIR when set, else the shipped data/."""
    srv = start_server(tmp_path_factory.mktemp("server") / "streamlit.log")
    SERVERS.append(srv)
    try:
        yield srv
    finally:
        SERVERS.remove(srv)
        _stop(srv.process)


# --------------------------------------------------------------------------
# The browser
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    # Never a silent skip (and in CI, CI=true, certainly not): without a browser these tests say nothing.
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing. {RUN_HELP}", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(f"the Python package playwright is missing. {RUN_HELP}", pytrace=False)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def make_context(browser) -> Iterator[object]:
    """A factory of fresh contexts, all closed after the test."""
    made = []

    def make(**kwargs):
        ctx = new_context(browser, **kwargs)
        made.append(ctx)
        return ctx

    yield make
    for ctx in made:
        ctx.close()


@pytest.fixture(scope="session")
def shared_contexts(browser) -> Iterator[dict]:
    """One context per colour scheme, shared by the tests that need no fresh browser.

    Each test still gets its own page, and so its own Streamlit session; sharing the context
    only keeps the browser's cache of the app's scripts between tests.
    """
    made: dict[str, object] = {}
    yield made
    for ctx in made.values():
        ctx.close()


@pytest.fixture
def themed_page(browser, shared_contexts) -> Iterator[object]:
    """A factory: a new page in the shared light or dark context; closed after the test."""
    pages = []

    def make(theme: str = "light"):
        if theme not in shared_contexts:
            shared_contexts[theme] = new_context(browser, color_scheme=theme)
        pg = shared_contexts[theme].new_page()
        pages.append(pg)
        return pg

    yield make
    for pg in pages:
        pg.close()


@pytest.fixture
def page(themed_page) -> object:
    """A new page (so a new Streamlit session) in the shared light context, 1600x900."""
    return themed_page("light")


# --------------------------------------------------------------------------
# Screenshots
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def screenshot_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("screenshots")
    _SCREENSHOT_DIRS.append(path)
    return path


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    for path in _SCREENSHOT_DIRS:
        shots = sorted([*path.glob("*.png"), *path.glob("*.jpg")])
        terminalreporter.write_sep("-", "page screenshots")
        terminalreporter.write_line(f"{len(shots)} screenshots in {path}")
