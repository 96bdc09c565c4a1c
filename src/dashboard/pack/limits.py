"""Size and shape limits for a pack: one place for the loader, the upload and the command line."""

from __future__ import annotations

import os

DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 32  # nesting of YAML lists/mappings; the real pack needs under 10
MAX_INT_DIGITS = 30  # longer integers are refused before Python converts them
MAX_PROBLEMS_PER_FILE = 100

MAX_FILE_MB_ENV = "DASHBOARD_MAX_FILE_MB"
MAX_FILE_MB_FLAG = "--max-file-mb"


def mb_to_bytes(value: str | float, source: str = MAX_FILE_MB_FLAG) -> int:
    """A limit in megabytes (MiB) -> bytes; ValueError naming ``source`` for anything but a positive number."""
    try:
        mb = float(value)
    except (TypeError, ValueError):
        mb = float("nan")
    if not mb > 0 or mb == float("inf"):
        raise ValueError(f"{source} must be a positive number of megabytes, not {value!r}")
    return int(mb * 1024 * 1024)


def configured_max_file_bytes(argv: list[str] | None = None) -> int:
    """The per-file limit for the pack the app and the command line load.

    ``--max-file-mb N`` among the script's arguments (``streamlit run app.py -- --max-file-mb N``),
    else $DASHBOARD_MAX_FILE_MB, else DEFAULT_MAX_FILE_BYTES (5 MB). Uploads keep their own limits.
    """
    import sys

    args = sys.argv[1:] if argv is None else argv
    for i, arg in enumerate(args):
        if arg == MAX_FILE_MB_FLAG and i + 1 < len(args):
            return mb_to_bytes(args[i + 1])
        if arg.startswith(MAX_FILE_MB_FLAG + "="):
            return mb_to_bytes(arg.split("=", 1)[1])
    env = os.environ.get(MAX_FILE_MB_ENV, "").strip()
    if env:
        return mb_to_bytes(env, MAX_FILE_MB_ENV)
    return DEFAULT_MAX_FILE_BYTES
