#!/usr/bin/env bash
# Install what the tests need and run them all: unit, app and real-browser tests.
#
#   bash tests/run.sh                 # everything (benchmarks and load tests are not part of it)
#   bash tests/run.sh tests/unit -x   # extra arguments go to pytest
#
# Needs Python 3.11+. On Debian or Ubuntu it installs Chromium, nginx and redis-server with apt-get when
# /usr/bin/chromium, /usr/sbin/nginx or /usr/bin/redis-server is missing (with sudo when not run as root), makes a virtual
# environment in .venv and installs requirements-dev.txt into it. Exits non-zero when a test fails or when no test ran.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYTHON="${PYTHON:-python3}"
VENV="$ROOT/.venv"
CHROMIUM=/usr/bin/chromium
NGINX=/usr/sbin/nginx
PER_TEST_TIMEOUT="${PER_TEST_TIMEOUT:-120}"
TEST_WORKERS="${TEST_WORKERS:-2}"
UV_VERSION=0.13.9

say() { printf 'run.sh: %s\n' "$*"; }
die() { printf 'run.sh: %s\n' "$*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root to run: $* (sudo is not available)"
    fi
}

APT_UPDATED=0
apt_install() {
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install $* by hand, then run this again"
    if [ "$APT_UPDATED" -eq 0 ]; then
        say "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
        APT_UPDATED=1
    fi
    say "apt-get install $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@"
}

# ---- Python ------------------------------------------------------------------------------
# The suite starts many Python processes (servers, replicas, subprocesses): each imports Streamlit,
# plotly and pandas, in 2.5 CPU-seconds from source against 0.8 s from compiled files. So Python keeps
# what it compiles, even where the environment says not to.
unset PYTHONDONTWRITEBYTECODE
command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON not found: install Python 3.11 or newer"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "$("$PYTHON" -V 2>&1) is too old: Python 3.11 or newer is needed"

# ---- Chromium (the real-browser tests and the image export use it) -----------------------
if [ ! -x "$CHROMIUM" ]; then
    say "$CHROMIUM is missing: installing Debian's chromium"
    apt_install chromium
    [ -x "$CHROMIUM" ] || die "$CHROMIUM still missing after installing chromium"
fi
# The typeface of chart images made on the server (views/style.FONT_FAMILY): Inter.
# (grep without -q reads all of fc-list's output: with pipefail, an early exit would fail the pipe.)
if command -v fc-list >/dev/null 2>&1 && ! fc-list | grep -i "/inter/" >/dev/null; then
    apt_install fonts-inter
fi

# ---- nginx (the failover test runs replicas behind it, as deploy/serve.sh does) -----------
if [ ! -x "$NGINX" ]; then
    say "$NGINX is missing: installing Debian's nginx"
    apt_install nginx
    [ -x "$NGINX" ] || die "$NGINX still missing after installing nginx"
fi

# ---- redis-server (the talk store's tests run a real one on a free loopback port) ----------
REDIS=/usr/bin/redis-server
if [ ! -x "$REDIS" ]; then
    say "$REDIS is missing: installing Debian's redis-server"
    apt_install redis-server
    [ -x "$REDIS" ] || die "$REDIS still missing after installing redis-server"
fi

# ---- poppler-utils (pdfinfo, pdftotext, pdftoppm: the PDF brief's and handout's page checks) ---
if ! command -v pdfinfo >/dev/null 2>&1 || ! command -v pdftotext >/dev/null 2>&1 \
    || ! command -v pdftoppm >/dev/null 2>&1; then
    say "poppler-utils is missing: installing Debian's poppler-utils"
    apt_install poppler-utils
    command -v pdftoppm >/dev/null 2>&1 || die "pdftoppm still missing after installing poppler-utils"
fi

# ---- Virtual environment -----------------------------------------------------------------
if [ -x "$VENV/bin/python" ] && ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
    say "$VENV is broken: making it again"
    rm -rf "$VENV"
fi
if [ ! -x "$VENV/bin/python" ]; then
    say "making a virtual environment in .venv"
    # Without pip: uv installs the packages (making pip in a new environment took 8 of python -m venv's
    # 8.2 s here). pip is added only when uv cannot be had (venv_pip).
    "$PYTHON" -m venv --without-pip "$VENV" || die "could not make $VENV with $PYTHON -m venv"
fi

venv_pip() {
    "$VENV/bin/python" -m pip --version >/dev/null 2>&1 && return 0
    "$VENV/bin/python" -m ensurepip >/dev/null 2>&1 && return 0
    # Debian ships ensurepip separately.
    minor="$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
    apt_install "python${minor}-venv" || apt_install python3-venv
    "$VENV/bin/python" -m ensurepip >/dev/null
}

# uv, pinned, in .venv/tools: with the system's pip when there is one, else with the environment's.
UV="$VENV/tools/bin/uv"
install_uv() {
    case "$("$UV" --version 2>/dev/null || true)" in  # "uv 0.13.9 (x86_64-...)": the pinned one, not an older pin
        "uv $UV_VERSION" | "uv $UV_VERSION "*) return 0 ;;
    esac
    rm -rf "$VENV/tools"
    "$PYTHON" -m pip install --disable-pip-version-check -q --target "$VENV/tools" "uv==$UV_VERSION" >/dev/null 2>&1 \
        && [ -x "$UV" ] && return 0
    rm -rf "$VENV/tools"  # a half-made install
    venv_pip && "$VENV/bin/python" -m pip install --disable-pip-version-check -q --target "$VENV/tools" "uv==$UV_VERSION"
}

# Install when the requirements changed since the last install (or never were installed).
STAMP="$VENV/.requirements.sha256"
wanted="$(cat requirements.txt requirements-dev.txt pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ "$(cat "$STAMP" 2>/dev/null || true)" != "$wanted" ] \
    || ! "$VENV/bin/python" -c 'import dashboard, streamlit, pytest, pytest_timeout, xdist, playwright, mypy, importlinter' >/dev/null 2>&1; then
    say "installing requirements-dev.txt into .venv"
    # uv installs the same pinned packages as pip, in parallel: about 4 s here against 29 s for pip. pip
    # installs them when uv cannot be had. Neither compiles every file of every package: Python compiles
    # the modules a run imports, once (see PYTHONDONTWRITEBYTECODE above). uv trusts the system's
    # certificates, as pip does through /etc/pip.conf (without it, a clean shell behind a proxy failed).
    if install_uv && "$UV" pip install -q --system-certs --python "$VENV/bin/python" -r requirements-dev.txt; then
        :
    else
        say "uv could not install them: installing with pip"
        venv_pip
        "$VENV/bin/python" -m pip install --disable-pip-version-check --no-compile -q -r requirements-dev.txt
    fi
    echo "$wanted" >"$STAMP"
fi

# ---- axe-core (the browser tests' accessibility checks), pinned in tests/e2e/package.json ----
AXE="$ROOT/tests/e2e/node_modules/axe-core/axe.min.js"
if [ ! -f "$AXE" ]; then
    command -v npm >/dev/null 2>&1 || apt_install npm
    say "installing axe-core into tests/e2e/node_modules"
    (cd "$ROOT/tests/e2e" && npm ci --no-audit --no-fund --silent)
    [ -f "$AXE" ] || die "axe-core still missing after npm ci in tests/e2e"
fi

# ---- Lint, format, layers and types ------------------------------------------------------
# Each check runs even when an earlier one failed; any failure fails the run (after the tests).
CHECKS_FAILED=""
check() {
    local name="$1"; shift
    say "$name: $*"
    if ! "$@"; then CHECKS_FAILED="$CHECKS_FAILED $name"; fi
}
# The layer and type checks (single-threaded, most of a minute from a fresh clone) run beside
# the tests; their output is printed after the tests'.
LAYERS_LOG="$(mktemp "${TMPDIR:-/tmp}/dashboard-checks.XXXXXX")"
LAYERS_PID=""
if [ -z "${SKIP_CHECKS:-}" ]; then
    check ruff "$VENV/bin/ruff" check app.py pages src tests
    check ruff-format "$VENV/bin/ruff" format --check app.py pages src tests
    (
        CHECKS_FAILED=""
        check import-linter env PYTHONPATH="$ROOT/src" "$VENV/bin/lint-imports" --no-cache
        check mypy "$VENV/bin/mypy"
        [ -z "$CHECKS_FAILED" ]
    ) >"$LAYERS_LOG" 2>&1 &
    LAYERS_PID=$!
    say "import-linter and mypy: running beside the tests"
fi

# ---- Tests -------------------------------------------------------------------------------
# Benchmarks and load tests are run on their own (python -m pytest tests/bench -m bench).
# The tests run in $TEST_WORKERS processes (pytest-xdist; 2 by default, one per core here; 0 runs them
# in this process); each worker starts its own app server and browser for the browser tests. Browser
# tests go one by one to whichever worker is free; every other file runs whole in one worker, so a
# module's fixture (nginx and its replicas, say) is started once (tests/conftest.py groups them). They
# start in tests/conftest.py's order, the longest first (--no-loadscope-reorder: pytest-xdist's own
# order puts the files with the most tests first). The 25 slowest tests are listed at the end.
LOG="$(mktemp "${TMPDIR:-/tmp}/dashboard-tests.XXXXXX")"
trap 'rm -f "$LOG" "$LAYERS_LOG"' EXIT
say "python -m pytest (${TEST_WORKERS} workers, per-test timeout ${PER_TEST_TIMEOUT} s)"
set +e
"$VENV/bin/python" -m pytest \
    -m "not bench and not load" --ignore=tests/bench \
    --timeout="$PER_TEST_TIMEOUT" \
    -n "$TEST_WORKERS" --dist loadgroup --no-loadscope-reorder \
    --durations=25 --durations-min=1.0 \
    "$@" 2>&1 | tee "$LOG"
status=${PIPESTATUS[0]}
set -e

if [ -n "$LAYERS_PID" ]; then
    wait "$LAYERS_PID" || CHECKS_FAILED="$CHECKS_FAILED import-linter-or-mypy"
    cat "$LAYERS_LOG"
fi

summary="$(grep -E '^(=+ )?([0-9]+ [a-z]+(, )?)*(no tests ran)? ?in [0-9.]+s( \([0-9:]+\))?( =+)?$' "$LOG" | tail -n 1 || true)"
if [ -n "$CHECKS_FAILED" ]; then
    say "checks failed:$CHECKS_FAILED"
    [ "$status" -eq 0 ] && status=1
fi
case "$status" in
    0) say "all tests passed" ;;
    5) say "pytest collected no tests: that is a failure"; status=1 ;;
    *) say "tests failed (pytest exit code $status)" ;;
esac
[ -n "$summary" ] && echo "$summary"
exit "$status"
