"""One chart's data ZIP (CSV, metadata, README) and its citation."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

from dashboard.analysis.trust import last_reviewed
from dashboard.exports import chartdata
from dashboard.views.entry import find

DAY = dt.date(2026, 11, 29)


def _item(ds, tech=None, name="effectiveness-effectiveness"):
    return find(ds, name, {"tech": tech} if tech else {})


def test_chart_zip_holds_csv_metadata_and_readme(shipped):
    tech = shipped.estimates[0].technique
    item = _item(shipped, [tech])
    zf = zipfile.ZipFile(io.BytesIO(chartdata.chart_data_zip(shipped, item, accessed=DAY)))
    stem = "effectiveness-effectiveness"
    assert sorted(zf.namelist()) == sorted([f"{stem}.csv", f"{stem}.metadata.json", "README.md"])
    csv_text = zf.read(f"{stem}.csv").decode("utf-8-sig")
    assert ".0," not in csv_text and "True" not in csv_text  # 70 not 70.0, yes/no
    meta = json.loads(zf.read(f"{stem}.metadata.json"))
    assert meta["pack"]["version"] == shipped.meta.version and meta["pack"]["licence"]
    assert meta["pack"]["last_reviewed"] == last_reviewed(shipped).isoformat()
    assert meta["filters"]["tech"] == [tech]
    assert meta["filters"]["note"] == f"Showing 1 of {len(shipped.techniques)} techniques."
    units = {c["title"]: c.get("unit") for c in meta["columns"]}
    assert units["Current low (%)"] == "percent"
    assert meta["sources"] and all("credibility" in s for s in meta["sources"])
    assert meta["url"] == f"http://localhost:8501/effectiveness?tech={tech}"
    assert "yes/no" in meta["csv_conventions"]
    readme = zf.read("README.md").decode("utf-8")
    assert item.takeaway in readme and "Cite as:" in readme and shipped.meta.version in readme


def test_view_citation_holds_version_address_and_access_date(shipped):
    item = _item(shipped, name="labs-grades")
    text = chartdata.view_citation(shipped, item, base_url="https://dash.example.org", accessed=DAY)
    assert f"version {shipped.meta.version}" in text and shipped.meta.title in text
    assert "https://dash.example.org/labs" in text and "Accessed 2026-11-29" in text
    bib = chartdata.view_bibtex(shipped, item, base_url="https://dash.example.org", accessed=DAY)
    assert bib.startswith("@misc{labs-grades-") and "url = {https://dash.example.org/labs}" in bib
    assert f"version = {{{shipped.meta.version}}}" in bib and "urldate = {2026-11-29}" in bib
    refs = chartdata.chart_references_bibtex(shipped, item.references)
    assert refs.count("@") == len(set(item.references))
