"""Files -> a validated Dataset, or the full list of problems.

Every problem names the file, the line and the field path. YAML is read with
the safe loader (libyaml's when present), explicit tags and aliases are
refused, and files over a size limit are not parsed at all.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from dashboard.pack import snapshot
from dashboard.pack.dataset import PACK_FILES, PACK_FILES_BY_NAME, Dataset
from dashboard.pack.limits import DEFAULT_MAX_FILE_BYTES, configured_max_file_bytes
from dashboard.pack.problems import LoadResult, Problem, cap_problems, problem_order, too_big, unknown_file_message
from dashboard.pack.reading import read_file
from dashboard.pack.rules import check_references, ids_of, reference_problems

# --------------------------------------------------------------------------
# Entry points
# --------------------------------------------------------------------------


_BESIDE_APP = Path(__file__).resolve().parents[3] / "data"


def default_data_dir() -> Path:
    """The pack the app shows: $DASHBOARD_DATA_DIR, else data/ beside app.py."""
    env = os.environ.get("DASHBOARD_DATA_DIR")
    if env:
        return Path(env)
    return _BESIDE_APP


def pack_signature(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """(name, size, mtime_ns) of every file of a pack: the cache key of a loaded pack."""
    sig = []
    for pf in PACK_FILES:
        p = Path(directory) / pf.name
        try:
            st = p.stat()
        except OSError:
            continue
        sig.append((pf.name, st.st_size, st.st_mtime_ns))
    return tuple(sig)


def load_pack(
    directory: Path | str,
    *,
    max_file_bytes: int | None = None,
    max_pack_bytes: int | None = None,
    cache: bool | None = None,
) -> LoadResult:
    """Load and validate the pack in ``directory``.

    Files that are not YAML or CSV (a README, a licence) are ignored; a YAML or
    CSV file that is not a file of the pack is reported.

    ``max_file_bytes`` defaults to ``configured_max_file_bytes()`` (``--max-file-mb``,
    $DASHBOARD_MAX_FILE_MB, else 5 MB). ``cache`` (default: on unless DASHBOARD_CACHE=0)
    reuses the validated snapshot of the same files (see ``snapshot``); the result is the
    same with or without it.
    """
    if max_file_bytes is None:
        max_file_bytes = configured_max_file_bytes()
    directory = Path(directory)
    if not directory.is_dir():
        return LoadResult(None, [Problem(str(directory), 0, "", "is not a directory")])
    problems: list[Problem] = []
    files: dict[str, bytes] = {}
    for entry in sorted(directory.iterdir()):
        if entry.suffix.lower() not in (
            ".yaml",
            ".yml",
            ".csv",
        ) or entry.name.startswith("."):
            continue
        if entry.name not in PACK_FILES_BY_NAME:
            problems.append(Problem(entry.name, 0, "", unknown_file_message(entry.name)))
            continue
        try:
            if not entry.is_file():
                problems.append(Problem(entry.name, 0, "", "is not a regular file"))
                continue
            size = entry.stat().st_size
            if size > max_file_bytes:
                problems.append(Problem(entry.name, 0, "", too_big(size, max_file_bytes)))
                continue
            files[entry.name] = entry.read_bytes()
        except OSError as err:
            problems.append(Problem(entry.name, 0, "", f"cannot be read ({err.strerror or err})"))
    use_cache = snapshot.enabled() if cache is None else cache
    result = load_files(files, max_file_bytes=max_file_bytes, max_pack_bytes=max_pack_bytes, cache=use_cache)
    if problems:
        # A file that could not be read is reported once, not also as "missing".
        unread = {p.file for p in problems}
        rest = [p for p in result.problems if not (p.file in unread and p.message == MISSING_FILE)]
        result = LoadResult(None, sorted(set(problems + rest), key=problem_order))
    return result


MISSING_FILE = "required file is missing"


def load_files(
    files: Mapping[str, bytes],
    *,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    max_pack_bytes: int | None = None,
    cache: bool = False,
) -> LoadResult:
    """Validate a pack given as {file name: raw bytes} (a directory's files, or an upload).

    Every problem is reported in one pass: each file is checked on its own, and
    cross-references are checked wherever the files involved could be read, so
    a dangling id is reported alongside a syntax error in another file.

    With ``cache``, a pack whose files all fit the limits is first looked up in the
    validated snapshots (keyed on the files' content); a pack that validates is saved there.
    Only a valid pack is ever saved, so a pack with problems always takes the checked path.
    """
    total = sum(len(b) for b in files.values())
    if max_pack_bytes is not None and total > max_pack_bytes:
        return LoadResult(None, [Problem("(pack)", 0, "", too_big(total, max_pack_bytes, "the pack"))])
    key = None
    if cache and all(name in PACK_FILES_BY_NAME and len(raw) <= max_file_bytes for name, raw in files.items()):
        key = snapshot.key_of(files)
        cached = snapshot.read(key)
        if isinstance(cached, Dataset):
            return LoadResult(cached, [])
    with snapshot.gc_paused():
        result = _validate(files, max_file_bytes)
    if key is not None and result.ok:
        snapshot.write(key, result.dataset)
    return result


def _validate(files: Mapping[str, bytes], max_file_bytes: int) -> LoadResult:
    problems: list[Problem] = []
    values: dict[str, Any] = {}  # attr -> validated value of a file without problems
    partial: dict[str, Any] = {}  # attr -> the rows that validated, for a CSV with problems
    nodes: dict[str, Any] = {}  # file name -> YAML root node, or a CSV's row lines
    for pf in PACK_FILES:
        raw = files.get(pf.name)
        if raw is None:
            if pf.required:
                problems.append(Problem(pf.name, 0, "", MISSING_FILE))
            continue
        if len(raw) > max_file_bytes:
            problems.append(Problem(pf.name, 0, "", too_big(len(raw), max_file_bytes)))
            continue
        parsed, root, file_problems = read_file(pf, raw)
        problems.extend(cap_problems(pf.name, file_problems))
        if not file_problems:
            values[pf.attr] = parsed
            nodes[pf.name] = root
        elif pf.format == "csv" and parsed:
            partial[pf.attr] = parsed
            nodes[pf.name] = root
    for name in files:
        if name not in PACK_FILES_BY_NAME:
            problems.append(Problem(name, 0, "", unknown_file_message(name)))
    if problems:
        problems.extend(reference_problems({**values, **partial}, nodes, ids_of(values)))
        return LoadResult(None, sorted(set(problems), key=problem_order))
    dataset = Dataset(**values)
    problems = check_references(dataset, nodes)
    if problems:
        return LoadResult(None, problems)
    return LoadResult(dataset, [])
