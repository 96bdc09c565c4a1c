"""Size and shape limits for a pack: one place for the loader, the upload and the command line."""

from __future__ import annotations

DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024
DEFAULT_MAX_PACK_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 32  # nesting of YAML lists/mappings; the real pack needs under 10
MAX_INT_DIGITS = 30  # longer integers are refused before Python converts them
MAX_PROBLEMS_PER_FILE = 100
