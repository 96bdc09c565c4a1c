"""A validated pack saved as JSON, reused by the next process that loads the same files.

Loading a large pack is mostly parsing YAML and validating it; a pack that validated once
is saved as the JSON of its ``Dataset`` and read back with pydantic's JSON validator (in its
Rust core), several times faster. The YAML and CSV files stay the source of truth:

- the key is a SHA-256 of every file's name and content, plus the code that reads and
  validates them (the source of ``dashboard.pack``) and the pydantic version, so an edited
  file (even one with the same size and time stamp) or a new release never gets an old snapshot;
- only a pack without problems is saved; a pack with problems always takes the checked
  path, so its problems, lines and fields are those of a load without the cache;
- the snapshot carries a SHA-256 of its own body; a truncated, corrupt or unreadable
  snapshot is ignored (and replaced), and the pack is loaded normally;
- reading one back runs pydantic's core checks again (types, constraints, patterns), not the
  checks written in Python (plain text, web addresses, record shapes): every record passed
  them when the snapshot was saved, the body's hash is checked, and the folder is writable
  by this user alone;
- snapshots live in $DASHBOARD_CACHE_DIR, else $XDG_CACHE_HOME/dashboard, else
  ~/.cache/dashboard (a private temporary folder when none is writable), never in the
  pack's directory. ``DASHBOARD_CACHE=0`` turns the cache off.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import tempfile
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from dashboard.pack.models import SNAPSHOT

MAGIC = b"dashboard-snapshot 1\n"
KEEP = 8  # snapshots kept; older ones are removed when a new one is written
_OFF = {"0", "false", "no", "off"}


def enabled() -> bool:
    return os.environ.get("DASHBOARD_CACHE", "1").strip().lower() not in _OFF


def cache_dir() -> Path | None:
    """The folder snapshots are kept in, created private to this user; None when there is none."""
    candidates = []
    if os.environ.get("DASHBOARD_CACHE_DIR"):
        candidates.append(Path(os.environ["DASHBOARD_CACHE_DIR"]))
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        candidates.append(Path(xdg) / "dashboard" if xdg else Path.home() / ".cache" / "dashboard")
        uid = os.getuid() if hasattr(os, "getuid") else "user"
        candidates.append(Path(tempfile.gettempdir()) / f"dashboard-cache-{uid}")
    for path in candidates:
        try:
            path.mkdir(mode=0o700, parents=True, exist_ok=True)
            st = path.stat()
            if hasattr(os, "getuid") and st.st_uid != os.getuid():
                continue  # someone else's folder: never read snapshots from it
            if os.access(path, os.W_OK | os.X_OK):
                return path
        except OSError:
            continue
    return None


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the code that reads and validates a pack: a new version never reads old snapshots."""
    import pydantic

    h = hashlib.sha256(pydantic.VERSION.encode())
    for source in sorted(Path(__file__).resolve().parent.glob("*.py")):
        h.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    return h.hexdigest()


def key_of(files: Mapping[str, bytes]) -> str:
    h = hashlib.sha256(code_version().encode())
    for name in sorted(files):
        data = files[name]
        h.update(f"\0{name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


@lru_cache(maxsize=1)
def _adapter() -> Any:
    from pydantic import TypeAdapter

    from dashboard.pack.dataset import Dataset

    return TypeAdapter(Dataset)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a pack's many small objects are built.

    The collector would otherwise walk the growing pack again and again (over half of the
    load time of a large pack); nothing built here is cyclic garbage.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read(key: str) -> Any | None:
    """The Dataset saved under ``key``, or None (no snapshot, or one that cannot be trusted)."""
    folder = cache_dir()
    if folder is None:
        return None
    path = folder / f"{key}.json"
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    head, sep, body = blob.partition(b"\n\n")
    if not sep or not head.startswith(MAGIC) or head[len(MAGIC) :] != hashlib.sha256(body).hexdigest().encode():
        _remove(path)
        return None
    try:
        with gc_paused():
            dataset = _adapter().validate_json(body, context={SNAPSHOT: True})
    except Exception:
        _remove(path)
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept by the pruning
    return dataset


def write(key: str, dataset: Any) -> None:
    """Save ``dataset`` under ``key``; failing to (a full disk, a read-only cache) is not an error."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        body = _adapter().dump_json(dataset)
        blob = MAGIC + hashlib.sha256(body).hexdigest().encode() + b"\n\n" + body
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(blob)
            os.replace(tmp, folder / f"{key}.json")
        except BaseException:
            _remove(Path(tmp))
            raise
        _prune(folder)
    except Exception:
        return


def _prune(folder: Path) -> None:
    try:
        snaps = sorted(folder.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in snaps[KEEP:]:
        _remove(old)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()
