"""Fixtures shared by every kind of test, and the markers given by folder.

Packs
-----
- ``mini`` / ``minimal_dir``: the minimal fixture pack (``tests/fixtures/minimal``). Logic tests use it:
  they hold whatever its few records make true, and a data edit in ``data/`` cannot break them.
- ``editions_pack`` / ``editions_pack_dir``: the minimal pack plus index editions (a page's summary of a
  Winter edition, a Summer edition, a percent summary, a one-off sum raised), for the Labs page's logic.
- ``shipped`` / ``data_dir``: the shipped pack (``data/``). Data tests (``tests/data``, marker ``data``)
  check it, reading expected values from its files; a logic test may run on it only when it reads what
  it expects from the pack itself. ``$DASHBOARD_TEST_SHIPPED_DIR`` points both at another copy (the
  one-figure-edit test in ``tests/data`` does this).

Markers given by folder: ``e2e`` (tests/e2e, a real browser), ``deploy`` (tests/deploy, nginx in front
of replicas), ``data`` (tests/data, the shipped data). ``slow`` is set on the tests that make PDF or
image artefacts with Chromium.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from dashboard.pack.dataset import Dataset
from dashboard.pack.load import load_pack
from packs import MINIMAL_DIR, ROOT, SHIPPED_DIR, write_editions_pack


def _own_folder(variable: str, prefix: str) -> None:
    """Point ``variable`` at a new temporary folder, removed when this process ends, unless it is set."""
    if variable not in os.environ:
        folder = tempfile.mkdtemp(prefix=prefix)
        os.environ[variable] = folder
        atexit.register(shutil.rmtree, folder, ignore_errors=True)


# Validated-pack snapshots of a test run go to a folder of its own (its workers inherit it), never
# the user's cache.
_own_folder("DASHBOARD_CACHE_DIR", "dashboard-test-cache-")
# So do the talks a test run starts (the SQLite talk store); servers the tests start inherit it.
_own_folder("DASHBOARD_STATE_DIR", "dashboard-test-state-")

TESTS = ROOT / "tests"
RUN_HELP = "bash tests/run.sh installs every tool the tests need."

_BY_FOLDER = {TESTS / "e2e": "e2e", TESTS / "deploy": "deploy", TESTS / "data": "data"}


# Under pytest-xdist (--dist loadgroup, as tests/run.sh runs it) the browser tests, each independent of
# the others, go one by one to whichever process is free; every other file stays whole in one process
# (its module fixtures need that), and so does tests/deploy, whose files share two deployments and an
# order (tests/deploy/conftest.py). The longest run first, so that the last minutes are short unit tests
# spread over both processes rather than one long test on one; the deployments (which wait for replicas
# to start and stop) beside the longest browser test, which can use the core they leave idle. Node id
# prefixes, in the order they run; run.sh turns off pytest-xdist's own order (the files with the most
# tests first, which put every browser test last).
_FIRST = (
    "tests/e2e/test_render_audit.py::test_pages[desktop]",
    "tests/deploy/",
    "tests/e2e/test_render_audit.py::test_pages",
    "tests/e2e/test_browser_own_talk.py",
    "tests/e2e/test_render_audit.py",
    "tests/data/test_data_edit.py",
    "tests/e2e/",
)


@pytest.hookimpl(tryfirst=True)  # before xdist reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = Path(str(item.path)).resolve()
        for folder, marker in _BY_FOLDER.items():
            if folder in path.parents:
                item.add_marker(marker)
        if TESTS / "e2e" not in path.parents and not item.get_closest_marker("xdist_group"):
            whole = TESTS / "deploy" if TESTS / "deploy" in path.parents else path
            item.add_marker(pytest.mark.xdist_group(str(whole.relative_to(TESTS))))

    def order(item: pytest.Item) -> int:
        return next((i for i, prefix in enumerate(_FIRST) if item.nodeid.startswith(prefix)), len(_FIRST))

    items.sort(key=order)  # stable: a file's tests keep their order
    if os.environ.get("DASHBOARD_TEST_SHIPPED_ONLY"):
        # Only the tests that read the shipped pack (the one-figure-edit test runs these on a copy).
        keep = [i for i in items if _reads_the_shipped_pack(i)]
        config.hook.pytest_deselected(items=[i for i in items if i not in keep])
        items[:] = keep


@pytest.hookimpl(optionalhook=True)  # a pytest-xdist hook, in the process that hands out the tests
def pytest_xdist_node_collection_finished(node, ids: list[str]) -> None:
    """Stop when pytest-xdist could not put the groups in the tests' ids (pytest 9.2 with pytest-xdist
    3.8 cannot): --dist loadgroup would then ignore them without a word."""
    if node.config.getoption("dist") == "loadgroup" and any(
        "@" not in nodeid and not nodeid.startswith("tests/e2e/") for nodeid in ids
    ):
        pytest.exit(
            "pytest-xdist left the groups out of the test ids, so --dist loadgroup would not keep a file (or"
            " tests/deploy) in one process: install requirements-dev.txt's pytest and pytest-xdist",
            returncode=4,
        )


def _reads_the_shipped_pack(item: pytest.Item) -> bool:
    callspec = getattr(item, "callspec", None)
    asked = callspec.params.get("pack") if callspec else None  # parametrized over both packs
    return bool({"shipped", "data_dir"} & set(getattr(item, "fixturenames", ()))) or asked == "shipped"


@pytest.fixture(scope="session")
def require_tool():
    """``require_tool(name)``: the path of a command-line tool; a failure, never a skip, when it is missing."""

    def require(name: str) -> str:
        found = shutil.which(name)
        if not found:
            pytest.fail(f"{name} is not installed. {RUN_HELP}", pytrace=False)
        return found

    return require


@pytest.fixture(scope="session")
def chromium(require_tool) -> str:
    """The Chromium that kaleido and the PDF export use (``$BROWSER_PATH``, else chromium on the path)."""
    path = os.environ.get("BROWSER_PATH")
    if path:
        if not Path(path).is_file():
            pytest.fail(f"$BROWSER_PATH {path} is missing. {RUN_HELP}", pytrace=False)
        return path
    return require_tool("chromium")


@pytest.fixture(scope="session")
def minimal_dir() -> Path:
    return MINIMAL_DIR


@pytest.fixture(scope="session")
def mini() -> Dataset:
    """The minimal fixture pack, loaded once (its models are frozen, so tests can share it)."""
    result = load_pack(MINIMAL_DIR)
    assert result.ok, "\n".join(str(p) for p in result.problems)
    return result.dataset


@pytest.fixture(scope="session")
def editions_pack_dir(tmp_path_factory) -> Path:
    """The minimal pack with index editions (``packs.EDITIONS_INDICES``): its indices become a page's
    summaries of published editions; a Summer and a Winter edition of one series."""
    return write_editions_pack(tmp_path_factory.mktemp("editions") / "pack")


@pytest.fixture(scope="session")
def editions_pack(editions_pack_dir) -> Dataset:
    result = load_pack(editions_pack_dir)
    assert result.ok, "\n".join(str(p) for p in result.problems)
    return result.dataset


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return SHIPPED_DIR


@pytest.fixture(scope="session")
def shipped() -> Dataset:
    """The shipped pack, loaded once; a test failing here means data/ does not validate."""
    result = load_pack(SHIPPED_DIR)
    assert result.ok, "\n".join(str(p) for p in result.problems)
    return result.dataset
