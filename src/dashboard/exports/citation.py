"""How to cite the data: text, BibTeX, CITATION.cff, and a BibTeX entry per reference; the licence as SPDX."""

from __future__ import annotations

import json
import re

from dashboard.analysis.references import licence_name
from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import slug

# --------------------------------------------------------------------------
# Citations
# --------------------------------------------------------------------------

_BIB_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_BIB_RE = re.compile("|".join(re.escape(k) for k in _BIB_SPECIAL))


def bib_escape(text: str) -> str:
    """Text safe inside a BibTeX {...} value."""
    return _BIB_RE.sub(lambda mo: _BIB_SPECIAL[mo.group(0)], " ".join(text.split()))


def _bib_url(url: str | None) -> str | None:
    from dashboard.pack.textsafe import safe_url

    url = safe_url(url)
    if url is None or any(c in url for c in "{}\\"):
        return None
    return url


def _bib_entry(kind: str, key: str, fields: list[tuple[str, str | None]], *, raw: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    body = []
    for name, value in fields:
        if value is None or value == "":
            continue
        shown = value if name in raw else bib_escape(value)
        body.append(f"  {name} = {{{shown}}}")
    return f"@{kind}{{{key},\n" + ",\n".join(body) + "\n}\n"


def bib_author(names: list[str], organisation: str | None) -> str | None:
    """BibTeX's author field, escaped: the people ("A and B"), else the organisation in braces (BibTeX then
    keeps it whole instead of reading a first and a last name). Pass it as a raw field."""
    if names:
        return " and ".join(bib_escape(n) for n in names)
    return "{" + bib_escape(organisation) + "}" if organisation else None


def pack_year(ds: Dataset) -> int:
    """The year the data was last reviewed (else created): the year of the dashboard's citation."""
    dates = [ds.meta.created, *(f.last_reviewed for f in ds.meta.files.values())]
    return max(dates).year


def dashboard_bibtex(ds: Dataset) -> str:
    meta = ds.meta
    key = "dashboard-" + slug(meta.title, limit=40) + f"-{meta.version}"
    return _bib_entry(
        "misc",
        key,
        [
            ("title", meta.title),
            ("author", bib_author(list(meta.maintainers), meta.title)),
            ("year", str(pack_year(ds))),
            ("version", meta.version),
            ("note", f"Data pack, version {meta.version}. Licence: {licence_name(meta.licence)}. {meta.licence}"),
        ],
        raw={"author"},
    )


def citation_text(ds: Dataset) -> str:
    """citation.txt: the pack's own citation, the licence, then BibTeX."""
    meta = ds.meta
    return (
        f"{meta.title}, version {meta.version} ({pack_year(ds)}).\n\n"
        f"Cite as:\n{meta.citation}\n\n"
        f"Licence:\n{meta.licence}\n\n"
        f"BibTeX:\n{dashboard_bibtex(ds)}"
    )


def _cff_str(text: str) -> str:
    return json.dumps(" ".join(text.split()), ensure_ascii=False)  # a JSON string is a valid YAML scalar


_SPDX = {"cc by 4.0": "CC-BY-4.0", "cc-by-4.0": "CC-BY-4.0", "cc0": "CC0-1.0", "cc by-sa 4.0": "CC-BY-SA-4.0"}


def spdx_licence(licence: str) -> str | None:
    """The SPDX id when the licence text starts with a well-known name ('CC BY 4.0 ...' -> CC-BY-4.0)."""
    low = licence.lower()
    for name, spdx in _SPDX.items():
        if low.startswith(name):
            return spdx
    return None


def citation_cff(ds: Dataset) -> str:
    """CITATION.cff (Citation File Format 1.2.0) for the data."""
    meta = ds.meta
    latest = max([meta.created, *(f.last_reviewed for f in meta.files.values())])
    licence = spdx_licence(meta.licence)
    lines = [
        "cff-version: 1.2.0",
        f"message: {_cff_str('If you use this data, please cite it as: ' + meta.citation)}",
        "type: dataset",
        f"title: {_cff_str(meta.title)}",
        f"version: {_cff_str(meta.version)}",
        f"date-released: {latest.isoformat()}",
        f"abstract: {_cff_str(meta.description)}",
        f"license: {licence}" if licence else None,
        "authors:",
    ]
    if meta.maintainers:
        lines += [f"  - name: {_cff_str(name)}" for name in meta.maintainers]
    else:
        lines.append(f"  - name: {_cff_str(meta.title)}")
    return "\n".join(x for x in lines if x) + "\n"


def reference_bibtex(ref: m.Reference) -> str:
    kind = "article" if ref.kind == "paper" and ref.publisher else "misc"
    url = _bib_url(ref.url)
    fields: list[tuple[str, str | None]] = [
        ("title", ref.title),
        ("author", bib_author(list(ref.authors), ref.publisher)),  # the publisher where no person is named
        ("year", str(ref.year) if ref.year is not None else None),
    ]
    if kind == "article":
        fields.append(("journal", ref.publisher))
    else:
        fields.append(("publisher" if ref.kind in ("paper", "government") else "howpublished", ref.publisher))
    fields += [("url", url), ("note", ref.summary)]
    return _bib_entry(kind, ref.id, fields, raw={"url", "author"})


def references_bibtex(ds: Dataset) -> str:
    header = f"% Works cited by {bib_escape(ds.meta.title)}, version {ds.meta.version}.\n\n"
    return header + "\n".join(reference_bibtex(r) for r in ds.references)
