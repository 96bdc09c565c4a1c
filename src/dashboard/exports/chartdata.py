"""What travels with one chart: its data ZIP (CSV, metadata, README) and its citation (pure, no streamlit).

- ``chart_metadata(ds, item, base_url=...)``: title, description, columns (type, unit where known),
  sources with their credibility, licence, pack version and review date, filters, citation.
- ``chart_data_zip(ds, item, base_url=...)``: ``<name>.csv`` (the table as shown), ``<name>.metadata.json``
  and ``README.md``, like the downloads of Our World in Data.
- ``view_citation(ds, item, base_url=..., accessed=...)``: the view cited in text; ``view_bibtex``: as
  BibTeX; ``chart_references_bibtex``: the references behind the chart.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from typing import Any

import pandas as pd
from pydantic import BaseModel

from dashboard.analysis.references import primary_first
from dashboard.analysis.trust import last_reviewed
from dashboard.exports import citation
from dashboard.exports.bundle import table_csv
from dashboard.exports.csvfmt import CSV_CONVENTIONS
from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import slug
from dashboard.views.entry import DEFAULT_BASE_URL, Entry

# Units read from a column's name: 'Current low (%)' -> percent.
_UNITS = {
    "%": "percent",
    "usd": "US dollars",
    "cad": "Canadian dollars",
    "points": "percentage points",
    "0-100": "scale from 0 to 100",
}
_UNIT_RE = re.compile(r"\(([^()]*)\)\s*$")


def column_unit(name: str) -> str:
    found = _UNIT_RE.search(name)
    return _UNITS.get(found.group(1).strip().lower(), "") if found else ""


def _field_meanings() -> dict[str, str]:
    """Field name -> meaning, from every model of the pack (first one wins)."""
    from dashboard.exports import fieldguide  # only when a data ZIP is made, not on a page's first run

    out: dict[str, str] = {}
    for model in vars(m).values():
        if isinstance(model, type) and issubclass(model, BaseModel) and model is not BaseModel:
            for name in model.model_fields:
                if name not in out:
                    try:
                        meaning = fieldguide.field_meaning(model, name)
                    except Exception:
                        meaning = ""
                    if meaning:
                        out[name] = meaning
    return out


def _column_type(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "boolean"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    if pd.api.types.is_numeric_dtype(series):
        return "number"
    return "string"


def columns_metadata(table: pd.DataFrame) -> list[dict[str, str]]:
    meanings = _field_meanings()
    out = []
    for col in table.columns:
        name = str(col)
        key = slug(_UNIT_RE.sub("", name), sep="_", limit=200)
        entry = {"title": name, "type": _column_type(table[col])}
        if key in meanings and not meanings[key].startswith("id"):  # the table shows names, not ids
            entry["description"] = meanings[key]
        unit = column_unit(name)
        if unit:
            entry["unit"] = unit
        if entry["type"] == "boolean":
            entry["values"] = "yes / no"
        out.append(entry)
    return out


def _filters(item: Entry) -> dict[str, Any]:
    out: dict[str, Any] = {k: v for k, v in item.params.items() if v}
    if item.filter_note:
        out["note"] = item.filter_note
    return out


def view_citation(
    ds: Dataset, item: Entry, *, base_url: str | None = DEFAULT_BASE_URL, accessed: dt.date | None = None
) -> str:
    """'<Title of the pack>, version 1.0.0 (2026). "<takeaway>" [chart]. <url>. Accessed 2026-11-29.'"""
    meta = ds.meta
    accessed = accessed or dt.date.today()
    authors = ", ".join(meta.maintainers)
    who = f"{authors}. " if authors else ""
    return (
        f"{who}{meta.title}, version {meta.version} ({citation.pack_year(ds)}). "
        f"“{item.takeaway}” [chart: {item.subtitle}]. "
        f"{item.url(base_url)}. Accessed {accessed.isoformat()}. Licence: {' '.join(meta.licence.split())}"
    )


def view_bibtex(
    ds: Dataset, item: Entry, *, base_url: str | None = DEFAULT_BASE_URL, accessed: dt.date | None = None
) -> str:
    meta = ds.meta
    accessed = accessed or dt.date.today()
    url = item.url(base_url)
    key = f"{slug(item.name, default='chart')}-{meta.version}"
    return citation._bib_entry(
        "misc",
        key,
        [
            ("title", item.takeaway),
            ("author", citation.bib_author(list(meta.maintainers), meta.title)),
            ("howpublished", f"{meta.title}, version {meta.version}"),
            ("year", str(citation.pack_year(ds))),
            ("version", meta.version),
            ("url", url if citation._bib_url(url) or url.startswith("/") else None),
            ("urldate", accessed.isoformat()),
            ("note", f"Chart: {item.subtitle}. Accessed {accessed.isoformat()}"),
        ],
        raw={"url", "author"},
    )


def chart_references_bibtex(ds: Dataset, ref_ids) -> str:
    refs = [ds.reference_by_id[r] for r in primary_first(ds, ref_ids) if r in ds.reference_by_id]
    return "\n".join(citation.reference_bibtex(r) for r in refs)


def chart_metadata(
    ds: Dataset, item: Entry, *, base_url: str | None = DEFAULT_BASE_URL, accessed: dt.date | None = None
) -> dict[str, Any]:
    meta = ds.meta
    chart = item
    sources = []
    for rid in primary_first(ds, chart.references):  # the works themselves before the pages quoting them
        ref = ds.reference_by_id.get(rid)
        if ref is None:
            continue
        sources.append(
            {
                "id": ref.id,
                "title": ref.title,
                "authors": list(ref.authors),
                "year": ref.year,
                "publisher": ref.publisher,
                "credibility": ref.credibility,
                "credibility_scale": "1-5 stars as the source text rates it; null where it gives none",
                "url": ref.url,
            }
        )
    return {
        "chart": item.name,
        "title": chart.takeaway,
        "description": item.subtitle,
        "text_alternative": chart.alt,
        "url": item.url(base_url),
        "filters": _filters(item),
        "columns": columns_metadata(chart.table),
        "csv_conventions": CSV_CONVENTIONS,
        "sources": sources,
        "sources_caption": item.sources,
        "pack": {
            "title": meta.title,
            "version": meta.version,
            "last_reviewed": last_reviewed(ds).isoformat(),
            "licence": " ".join(meta.licence.split()),
            "citation": meta.citation,
        },
        "citation": view_citation(ds, item, base_url=base_url, accessed=accessed),
    }


def chart_readme(metadata: dict[str, Any], stem: str) -> str:
    pack = metadata["pack"]
    lines = [
        f"# {metadata['title']}",
        "",
        metadata["description"] + ".",
        "",
        f"- `{stem}.csv`: the table as shown at {metadata['url']}",
        f"- `{stem}.metadata.json`: what each column holds, the sources, licence and citation",
        "",
        f"Data: {pack['title']}, version {pack['version']}, last reviewed {pack['last_reviewed']}.",
        f"Licence: {pack['licence']}",
    ]
    if metadata["filters"].get("note"):
        lines += ["", f"Filter: {metadata['filters']['note']}"]
    lines += ["", metadata["sources_caption"], "", f"CSV: {metadata['csv_conventions']}", "", "Cite as:"]
    lines += [metadata["citation"], ""]
    return "\n".join(lines)


def chart_data_zip(
    ds: Dataset,
    item: Entry,
    *,
    base_url: str | None = DEFAULT_BASE_URL,
    accessed: dt.date | None = None,
) -> bytes:
    """The chart's data to take away: CSV as shown, metadata JSON and a README (ZIP bytes)."""
    stem = slug(item.name, default="chart")
    metadata = chart_metadata(ds, item, base_url=base_url, accessed=accessed)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{stem}.csv", table_csv(item.table))
        zf.writestr(f"{stem}.metadata.json", json.dumps(metadata, indent=2, ensure_ascii=False, default=str))
        zf.writestr("README.md", chart_readme(metadata, stem))
    return buf.getvalue()
