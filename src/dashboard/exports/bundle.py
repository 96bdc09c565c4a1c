"""The data to take away: a ZIP of the pack with its field guide and citations (pure, no streamlit).

``bundle_zip(ds, files)`` holds:

- ``data/<file>``: the pack's files byte for byte, as the dashboard read them;
- ``dataset.json``: the validated dataset (``export.dataset_to_json``);
- ``README.md``: what the bundle is, and one table per file defining every field
  (generated from the pydantic models: name, type, required, meaning);
- ``CITATION.cff`` and ``citation.txt`` (text and BibTeX) for the dashboard's data;
- ``references.bib``: a BibTeX entry for every reference of the pack;
- ``datapackage/``: a CSV per kind of record and ``datapackage.json`` (Frictionless Data Package v2);
- ``dataset.sqlite``: the same tables in SQLite, with foreign keys and a ``_columns`` table.

Also here: ``safe_csv(frame)``, a CSV whose text cells cannot run as spreadsheet formulas.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.pack.dataset import PACK_FILES, Dataset
from dashboard.pack.derived import PerObject
from dashboard.pack.textsafe import slug

# --------------------------------------------------------------------------
# CSV that stays data in a spreadsheet
# --------------------------------------------------------------------------

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def defuse_cell(value: Any) -> Any:
    """Text starting with = + - @ (or a tab/CR) gets a leading ' so spreadsheets show it as text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names are defused; numbers stay numbers."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(defuse_cell)
    out.columns = [defuse_cell(str(c)) for c in out.columns]
    return out


def safe_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with a BOM so spreadsheets pick the encoding) of a defused ``frame``.

    Values as a reader expects them (``csvfmt.format_cell``): 70 not 70.0, yes/no, missing as empty.
    """
    from dashboard.exports.csvfmt import format_frame

    return format_frame(safe_frame(frame)).to_csv(index=False).encode("utf-8-sig")


_csvs: PerObject[bytes] = PerObject()


def table_csv(table: pd.DataFrame) -> bytes:
    """``safe_csv(table)`` made once per table object while it lives: a chart's table as shown, and the
    whole table the entries of a view share across filters (seconds to write at 100x for the risk coverage).
    Never mutate the table."""
    return _csvs.get(table, lambda: safe_csv(table))


# --------------------------------------------------------------------------
# The bundle
# --------------------------------------------------------------------------


def pack_files_from_dir(directory: Path | str) -> dict[str, bytes]:
    """{file name: bytes} for the pack's files present in ``directory``."""
    directory = Path(directory)
    out = {}
    for pf in PACK_FILES:
        p = directory / pf.name
        if p.is_file():
            out[pf.name] = p.read_bytes()
    return out


def bundle_name(ds: Dataset) -> str:
    stem = slug(ds.meta.title, limit=40, default="data")
    return f"{stem}-{ds.meta.version}-bundle.zip"


def bundle_zip(ds: Dataset, files: Mapping[str, bytes] | None = None) -> bytes:
    """The data bundle as ZIP bytes. ``files`` are the pack's raw files (name -> bytes)."""
    # Imported here, not at the top: the charts' CSVs (safe_csv) are made on the first page, the bundle on request.
    from dashboard.exports.citation import citation_cff, citation_text, references_bibtex
    from dashboard.exports.fieldguide import field_guide
    from dashboard.exports.json import dataset_to_json
    from dashboard.exports.tables_guide import tables_guide

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        known = {pf.name for pf in PACK_FILES}
        for name in sorted(files or {}):
            if name in known:  # only the pack's own files, by their registered names
                zf.writestr(f"data/{name}", files[name])  # type: ignore[index]
        zf.writestr(
            "dataset.json",
            json.dumps(dataset_to_json(ds), indent=2, ensure_ascii=False, default=str),
        )
        zf.writestr("README.md", field_guide(ds) + "\n" + tables_guide(ds))
        zf.writestr("CITATION.cff", citation_cff(ds))
        zf.writestr("citation.txt", citation_text(ds))
        zf.writestr("references.bib", references_bibtex(ds))
        # The same records as tables: a Frictionless Data Package (CSV) and an SQLite file.
        import tempfile

        from dashboard.exports.tables import datapackage, pack_tables, table_csv, write_sqlite

        for table in pack_tables(ds).values():
            zf.writestr(f"datapackage/{table.name}.csv", table_csv(table))
        zf.writestr("datapackage/datapackage.json", json.dumps(datapackage(ds), indent=2, ensure_ascii=False))
        with tempfile.TemporaryDirectory() as tmp:
            zf.writestr("dataset.sqlite", write_sqlite(ds, Path(tmp) / "dataset.sqlite").read_bytes())
    return buf.getvalue()
