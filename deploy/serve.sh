#!/usr/bin/env bash
# Serve the dashboard from N replicas behind nginx, in the foreground.
#
#   bash deploy/serve.sh --replicas 2 --port 8600 [--data DIR] [--fail-timeout SECONDS]
#
# Starts N `streamlit run app.py` replicas on 127.0.0.1, ports PORT+1 to PORT+N, waits until each
# answers /_stcore/health, then runs nginx (deploy/nginx.conf.template) on 127.0.0.1:PORT in front
# of them. Ctrl-C or SIGTERM stops everything it started. A replica that dies is not restarted by
# itself (nginx sends its viewers to the others): SIGUSR1 (kill -USR1 PID) starts the replicas that
# died again, on their ports, and nginx sends viewers to them once they answer. --fail-timeout (10 s
# by default): how long nginx leaves a replica alone after a request to it failed, before trying it
# again; shorter brings a restarted replica back sooner, at one failed attempt that often while it
# is down.
#
# Talks (presenter, audience) are shared by the replicas through one store: SQLite in
# $DASHBOARD_STATE_DIR (default ~/.local/state/ai-alignment-dashboard) for replicas on this host, or
# Redis when DASHBOARD_STORE=redis://HOST:PORT/DB is set (replicas on several hosts).
#
# Python: $PYTHON, else .venv/bin/python (made from requirements.txt when missing).
# nginx: Debian's, installed with apt-get when missing (with sudo when not run as root).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf 'serve.sh: %s\n' "$*"; }
die() { printf 'serve.sh: %s\n' "$*" >&2; exit 2; }
usage() { sed -n '2,/^[^#]/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }

REPLICAS="" PORT="" DATA="" FAIL_TIMEOUT=10
while [ $# -gt 0 ]; do
    case "$1" in
        --replicas) REPLICAS="${2-}"; shift 2 || die "--replicas needs a number" ;;
        --port) PORT="${2-}"; shift 2 || die "--port needs a number" ;;
        --data) DATA="${2-}"; shift 2 || die "--data needs a directory" ;;
        --fail-timeout) FAIL_TIMEOUT="${2-}"; shift 2 || die "--fail-timeout needs a number of seconds" ;;
        -h|--help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument: $1" ;;
    esac
done
[[ "$REPLICAS" =~ ^[0-9]+$ ]] && [ "$REPLICAS" -ge 1 ] && [ "$REPLICAS" -le 64 ] \
    || die "--replicas takes a number from 1 to 64 (got '${REPLICAS}')"
[[ "$PORT" =~ ^[0-9]+$ ]] && [ "$PORT" -ge 1024 ] && [ "$PORT" -le $((65535 - REPLICAS)) ] \
    || die "--port takes a port from 1024 to $((65535 - REPLICAS)) (got '${PORT}'); replicas use the next $REPLICAS"
[[ "$FAIL_TIMEOUT" =~ ^[0-9]+$ ]] && [ "$FAIL_TIMEOUT" -ge 1 ] && [ "$FAIL_TIMEOUT" -le 600 ] \
    || die "--fail-timeout takes a number of seconds from 1 to 600 (got '${FAIL_TIMEOUT}')"
if [ -n "$DATA" ]; then
    [ -d "$DATA" ] || die "--data: $DATA is not a directory"
    DATA="$(cd "$DATA" && pwd)"
fi

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else die "need root to run: $* (sudo is not available)"
    fi
}

# ---- nginx -------------------------------------------------------------------------------
NGINX="$(command -v nginx || true)"
[ -n "$NGINX" ] || [ ! -x /usr/sbin/nginx ] || NGINX=/usr/sbin/nginx
if [ -z "$NGINX" ]; then
    command -v apt-get >/dev/null 2>&1 || die "nginx not found and no apt-get: install nginx, then run this again"
    say "nginx is missing: installing Debian's nginx"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx
    NGINX=/usr/sbin/nginx
    [ -x "$NGINX" ] || die "$NGINX still missing after installing nginx"
fi

# ---- Python ------------------------------------------------------------------------------
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
    PY="$ROOT/.venv/bin/python"
    if [ ! -x "$PY" ]; then
        say "making a virtual environment in .venv (requirements.txt)"
        python3 -m venv "$ROOT/.venv"
        "$PY" -m pip install --disable-pip-version-check -q -r requirements.txt
    fi
fi
# The dashboard package from this checkout, whatever else is installed.
export PYTHONPATH="$ROOT/src${PYTHONPATH:+:$PYTHONPATH}"
"$PY" -c 'import streamlit, dashboard' 2>/dev/null \
    || die "$PY cannot import streamlit and dashboard: install requirements.txt into it"
[ -z "$DATA" ] || export DASHBOARD_DATA_DIR="$DATA"

port_free() {
    "$PY" -c 'import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers do: TIME_WAIT is no conflict
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)' "$1"
}
healthy() {
    "$PY" -c 'import sys, urllib.request
try:
    sys.exit(urllib.request.urlopen(sys.argv[1] + "/_stcore/health", timeout=2).status != 200)
except OSError:
    sys.exit(1)' "$1"
}
for p in $(seq "$PORT" $((PORT + REPLICAS))); do
    port_free "$p" || die "port $p on 127.0.0.1 is in use (nginx takes $PORT, the replicas the next $REPLICAS)"
done

# ---- Start, and stop everything on exit --------------------------------------------------
RUN_DIR="$(mktemp -d "${TMPDIR:-/tmp}/dashboard-serve.XXXXXX")"
chmod 755 "$RUN_DIR"  # nginx's workers (user nobody when started as root) write temp files here
PIDS=()
NGINX_PID=""
cleanup() {
    trap - EXIT INT TERM
    say "stopping"
    [ -z "$NGINX_PID" ] || kill -TERM "$NGINX_PID" 2>/dev/null || true
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for _ in $(seq 100); do
        alive=0
        for pid in $NGINX_PID "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ "$alive" -eq 1 ] || break
        sleep 0.1
    done
    for pid in $NGINX_PID "${PIDS[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$RUN_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

start_replica() {  # replica $1 (from 1) on port PORT+$1, in the background
    local i="$1" p=$((PORT + $1))
    "$PY" -m streamlit run "$ROOT/app.py" \
        --server.port "$p" --server.address 127.0.0.1 --server.headless true \
        --server.fileWatcherType none --browser.gatherUsageStats false \
        > >(sed -u "s/^/[replica $i :$p] /") 2>&1 < /dev/null &
    PIDS[i - 1]=$!
    say "replica $i: pid $! on http://127.0.0.1:$p"
}
restart_dead_replicas() {
    for i in $(seq "$REPLICAS"); do
        kill -0 "${PIDS[$((i - 1))]}" 2>/dev/null || start_replica "$i"
    done
}

SERVERS=""
for i in $(seq "$REPLICAS"); do
    start_replica "$i"
    SERVERS+="server 127.0.0.1:$((PORT + i)) max_fails=1 fail_timeout=${FAIL_TIMEOUT}s;"$'\n        '
done

for i in $(seq "$REPLICAS"); do
    p=$((PORT + i))
    for _ in $(seq 1200); do  # 120 s
        healthy "http://127.0.0.1:$p" && break
        kill -0 "${PIDS[$((i - 1))]}" 2>/dev/null || die "replica $i exited before it was healthy"
        sleep 0.1
    done
    healthy "http://127.0.0.1:$p" || die "replica $i not healthy after 120 s"
done

mkdir -p "$RUN_DIR/tmp"
TEMPLATE="$ROOT/deploy/nginx.conf.template"
awk -v listen="127.0.0.1:$PORT" -v servers="$SERVERS" \
    '!/^[[:space:]]*#/ { gsub(/@LISTEN@/, listen); gsub(/@SERVERS@/, servers) } { print }' "$TEMPLATE" > "$RUN_DIR/nginx.conf"
"$NGINX" -t -q -p "$RUN_DIR/" -c "$RUN_DIR/nginx.conf" -e stderr || die "nginx rejected $RUN_DIR/nginx.conf"
"$NGINX" -p "$RUN_DIR/" -c "$RUN_DIR/nginx.conf" -e stderr < /dev/null &
NGINX_PID=$!
for _ in $(seq 100); do
    healthy "http://127.0.0.1:$PORT" && break
    kill -0 "$NGINX_PID" 2>/dev/null || die "nginx exited on start"
    sleep 0.1
done
healthy "http://127.0.0.1:$PORT" || die "nginx does not answer on 127.0.0.1:$PORT"
say "nginx: pid $NGINX_PID"
if [ -n "${DASHBOARD_STORE:-}" ]; then
    say "talks: Redis (DASHBOARD_STORE)"
else
    say "talks: SQLite in ${DASHBOARD_STATE_DIR:-~/.local/state/ai-alignment-dashboard}"
fi
say "serving the dashboard on http://127.0.0.1:$PORT ($REPLICAS replicas; Ctrl-C stops)"

trap restart_dead_replicas USR1  # not HUP: nohup, which people run this under, ignores HUP for good
while kill -0 "$NGINX_PID" 2>/dev/null; do
    wait "$NGINX_PID" || true  # returns early when SIGUSR1 arrives
done
say "nginx exited"
exit 1
