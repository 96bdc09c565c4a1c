"""A reader's own data pack: uploaded files -> a validated Dataset, or the problems.

Pure (no streamlit) and nothing is written anywhere: the upload lives in memory,
and the shipped pack on disk is never changed. Files come either one by one
(YAML/CSV by their pack names) or as a ZIP of a pack, whose files may sit at
the top of the archive or inside one folder.

Limits
------
- a file: 5 MB; the whole pack (after unzipping): 20 MB
- a ZIP: at most 100 members; no absolute paths, ``..`` components, symlinks,
  nested archives or encrypted members; a member may not expand more than 100
  times its compressed size (above 100 KB), and the declared and the actual
  expanded sizes are both checked against the limits.

Missing files are completed from the shipped pack only when asked
(``complete_from``), and only the required ones; the result says which.
"""

from __future__ import annotations

import io
import stat
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from dashboard.pack.dataset import PACK_FILES, PACK_FILES_BY_NAME, Dataset
from dashboard.pack.load import load_files
from dashboard.pack.problems import Problem

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_PACK_BYTES = 20 * 1024 * 1024
MAX_ZIP_MEMBERS = 100
MAX_COMPRESSION_RATIO = 100
RATIO_CHECK_ABOVE_BYTES = 100 * 1024
PACK_SUFFIXES = (".yaml", ".yml", ".csv")
ACCEPTED_TYPES = ["yaml", "yml", "csv", "zip"]  # for the file picker

__all__ = [
    "ACCEPTED_TYPES",
    "MAX_FILE_BYTES",
    "MAX_PACK_BYTES",
    "MAX_ZIP_MEMBERS",
    "UploadResult",
    "collect_files",
    "validate_upload",
]


@dataclass
class UploadResult:
    dataset: Dataset | None
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # pack files the upload provided
    completed: list[str] = field(default_factory=list)  # pack files taken from the shipped pack
    pack_files: dict[str, bytes] = field(default_factory=dict, repr=False)  # what was validated, by name

    @property
    def ok(self) -> bool:
        return self.dataset is not None and not self.problems


def _base_name(name: str) -> str:
    """The last path component of an uploaded name (browsers send bare names; be sure)."""
    return name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def _pack_name(name: str) -> str:
    """``references.yml`` -> ``references.yaml`` when that is a file of the pack."""
    if name.lower().endswith(".yml"):
        alt = name[:-4] + ".yaml"
        if alt in PACK_FILES_BY_NAME:
            return alt
    return name


def _mb(n: int) -> str:
    return f"{n / 1_048_576:g} MB"


def _add(
    files: dict[str, bytes],
    sources: dict[str, str],
    name: str,
    data: bytes,
    source: str,
    problems: list[Problem],
) -> None:
    name = _pack_name(name)
    if name in files:
        problems.append(
            Problem(
                name,
                0,
                "",
                f"given twice (in {sources[name]} and in {source}); upload it once",
            )
        )
        return
    files[name] = data
    sources[name] = source


def collect_files(
    uploads: Iterable[tuple[str, bytes]],
) -> tuple[dict[str, bytes], list[Problem]]:
    """Uploaded (name, bytes) pairs -> ({pack file name: bytes}, problems). Nothing is validated yet."""
    files: dict[str, bytes] = {}
    sources: dict[str, str] = {}
    problems: list[Problem] = []
    for raw_name, data in uploads:
        name = _base_name(raw_name)
        lower = name.lower()
        if lower.endswith(".zip"):
            if len(data) > MAX_PACK_BYTES:
                problems.append(
                    Problem(
                        name,
                        0,
                        "",
                        f"archive is {len(data):,} bytes, over the {_mb(MAX_PACK_BYTES)} limit",
                    )
                )
                continue
            members, zip_problems = _read_zip(name, data)
            problems.extend(zip_problems)
            if not zip_problems:
                for member_name, member_data in members.items():
                    _add(files, sources, member_name, member_data, name, problems)
        elif lower.endswith(PACK_SUFFIXES):
            if len(data) > MAX_FILE_BYTES:
                problems.append(
                    Problem(
                        name,
                        0,
                        "",
                        f"file is {len(data):,} bytes, over the {_mb(MAX_FILE_BYTES)} limit",
                    )
                )
                continue
            _add(files, sources, name, data, "the uploaded files", problems)
        else:
            problems.append(
                Problem(
                    name,
                    0,
                    "",
                    "not a pack file: upload .yaml, .yml or .csv files, or a .zip of a pack",
                )
            )
    total = sum(len(b) for b in files.values())
    if total > MAX_PACK_BYTES:
        problems.append(
            Problem(
                "(pack)",
                0,
                "",
                f"the files add up to {total:,} bytes, over the {_mb(MAX_PACK_BYTES)} limit",
            )
        )
    return files, problems


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    """Why a member may not be extracted, or None."""
    name = info.filename
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return "absolute paths are not allowed in the archive"
    if ".." in parts:
        return "'..' in a path is not allowed in the archive"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "symbolic links are not allowed in the archive"
    if info.flag_bits & 0x1:
        return "encrypted members are not supported"
    if name.lower().endswith((".zip", ".jar", ".gz", ".tar", ".tgz", ".7z", ".rar", ".bz2", ".xz")):
        return "archives inside the archive are not allowed"
    if info.file_size > MAX_FILE_BYTES and name.lower().endswith(PACK_SUFFIXES):
        return f"expands to {info.file_size:,} bytes, over the {_mb(MAX_FILE_BYTES)} limit for a file"
    if info.file_size > RATIO_CHECK_ABOVE_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
        return (
            f"expands {info.file_size / max(info.compress_size, 1):,.0f} times its compressed size "
            f"(limit {MAX_COMPRESSION_RATIO}); refusing a possible ZIP bomb"
        )
    return None


def _is_junk(path: str) -> bool:
    """macOS resource forks, hidden files and folders: skipped, as a directory load skips them."""
    return any(part.startswith(".") or part == "__MACOSX" for part in path.split("/"))


def _read_zip(zip_name: str, data: bytes) -> tuple[dict[str, bytes], list[Problem]]:
    """The pack files of a ZIP -> ({name: bytes}, problems). Any unsafe member refuses the archive."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as err:
        return {}, [Problem(zip_name, 0, "", f"not a readable ZIP archive ({err})")]
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_MEMBERS:
            return {}, [
                Problem(
                    zip_name,
                    0,
                    "",
                    f"archive has {len(infos)} members; the limit is {MAX_ZIP_MEMBERS}",
                )
            ]
        problems: list[Problem] = []
        seen: set[str] = set()
        for info in infos:
            why = _member_problem(info)
            if why:
                problems.append(Problem(zip_name, 0, info.filename, why))
            normal = info.filename.replace("\\", "/")
            if normal in seen:
                problems.append(Problem(zip_name, 0, info.filename, "appears twice in the archive"))
            seen.add(normal)
        declared = sum(i.file_size for i in infos)
        if declared > MAX_PACK_BYTES:
            problems.append(
                Problem(
                    zip_name,
                    0,
                    "",
                    f"expands to {declared:,} bytes, over the {_mb(MAX_PACK_BYTES)} limit",
                )
            )
        if problems:
            return {}, problems

        wanted = [
            i
            for i in infos
            if not i.is_dir()
            and not _is_junk(i.filename.replace("\\", "/"))
            and i.filename.lower().endswith(PACK_SUFFIXES)
        ]
        paths = [PurePosixPath(i.filename.replace("\\", "/")) for i in wanted]
        folders = {p.parts[0] for p in paths if len(p.parts) == 2}
        nested = [i.filename for i, p in zip(wanted, paths) if len(p.parts) > 2]
        top = [i.filename for i, p in zip(wanted, paths) if len(p.parts) == 1]
        if nested or len(folders) > 1 or (folders and top):
            return {}, [
                Problem(
                    zip_name,
                    0,
                    "",
                    "the pack files must sit at the top of the archive or together in one folder",
                )
            ]
        if not wanted:
            return {}, [Problem(zip_name, 0, "", "the archive holds no .yaml, .yml or .csv files")]

        out: dict[str, bytes] = {}
        total = 0
        for info, path in zip(wanted, paths):
            try:
                with archive.open(info) as member:
                    content = member.read(MAX_FILE_BYTES + 1)  # never trust the declared size alone
            except (
                zipfile.BadZipFile,
                zlib.error,
                NotImplementedError,
                RuntimeError,
                ValueError,
                OSError,
                EOFError,
            ) as err:
                return {}, [Problem(zip_name, 0, info.filename, f"cannot be extracted ({err})")]
            if len(content) > MAX_FILE_BYTES:
                return {}, [
                    Problem(
                        zip_name,
                        0,
                        info.filename,
                        f"expands past the {_mb(MAX_FILE_BYTES)} limit for a file",
                    )
                ]
            total += len(content)
            if total > MAX_PACK_BYTES:
                return {}, [Problem(zip_name, 0, "", f"expands past the {_mb(MAX_PACK_BYTES)} limit")]
            name = path.name
            if _pack_name(name) in out:
                return {}, [
                    Problem(
                        zip_name,
                        0,
                        info.filename,
                        "the same pack file appears twice in the archive",
                    )
                ]
            out[_pack_name(name)] = content
        return out, []


def shipped_files(directory: Path, names: Iterable[str]) -> dict[str, bytes]:
    """The named files of the shipped pack that exist (read only)."""
    out = {}
    for name in names:
        path = Path(directory) / name
        if name in PACK_FILES_BY_NAME and path.is_file():
            out[name] = path.read_bytes()
    return out


def validate_upload(
    uploads: Iterable[tuple[str, bytes]],
    *,
    complete_from: Path | str | None = None,
) -> UploadResult:
    """Collect the uploaded files, optionally complete missing required files from
    ``complete_from`` (the shipped pack), and validate the lot with ``load_files``."""
    files, problems = collect_files(uploads)
    provided = sorted(n for n in files if n in PACK_FILES_BY_NAME)
    if problems:
        return UploadResult(None, problems, provided, [])
    completed: list[str] = []
    if complete_from is not None:
        missing = [pf.name for pf in PACK_FILES if pf.required and pf.name not in files]
        extra = shipped_files(Path(complete_from), missing)
        files.update(extra)
        completed = sorted(extra)
    if not files:
        return UploadResult(None, [Problem("(upload)", 0, "", "no files were uploaded")], [], [])
    result = load_files(files, max_file_bytes=MAX_FILE_BYTES, max_pack_bytes=MAX_PACK_BYTES)
    if not result.ok:
        return UploadResult(None, result.problems, provided, completed)
    return UploadResult(result.dataset, [], provided, completed, dict(files))
