"""References as a reader sees them: captions, source lists, safe text.

Pure functions (no streamlit). Pack text reaches the page as Markdown in a few
places (headings, captions); ``md_escape`` makes it literal there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlparse

import pandas as pd

from .. import vocab
from ..dataset import Dataset

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~$])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])", re.MULTILINE)
_MD_DIRECTIVE = re.compile(r":(?=\S)")  # ":red[", ":material/x:", ":smile:"


def md_escape(text: str) -> str:
    """Text shown literally in Streamlit Markdown: no emphasis, links, lists, headings, LaTeX, HTML,
    colour directives or emoji shortcodes. Ordinary punctuation stays as it is."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_DIRECTIVE.sub(r"\\:", text)
    return _MD_LINE_START.sub(_escape_line_start, text)


def _escape_line_start(m: re.Match) -> str:
    marker = m.group(2)
    if marker[0].isdigit():  # "1." -> "1\." (a backslash before a digit escapes nothing)
        return m.group(1) + marker[:-1] + "\\" + marker[-1]
    return m.group(1) + "\\" + marker


def safe_url(url: str | None) -> str | None:
    """The url when it is http(s) with a host, else None: only such links are ever shown."""
    if not url:
        return None
    parsed = urlparse(url)
    if parsed.scheme in ("http", "https") and parsed.netloc and not any(c.isspace() for c in url):
        return url
    return None


def unique(ids: Iterable[str]) -> list[str]:
    """Ids in first-seen order, without repeats."""
    seen: dict[str, None] = {}
    for i in ids:
        seen.setdefault(i, None)
    return list(seen)


def reference_label(ds: Dataset, ref_id: str) -> str:
    """'Title (2023)'; 'Title (n.d.)' when undated; the id itself when it is not in the pack."""
    ref = ds.reference_by_id.get(ref_id)
    if ref is None:
        return ref_id
    year = ref.year if ref.year is not None else "n.d."
    return f"{ref.title} ({year})"


def reference_caption(ds: Dataset, ref_ids: Iterable[str]) -> str:
    """'Sources: A (2023); B (2024).' — plain text; escape it before Markdown."""
    ids = unique(ref_ids)
    if not ids:
        return "Sources: none given."
    return "Sources: " + "; ".join(reference_label(ds, r) for r in ids) + "."


def sources_frame(ds: Dataset, ref_ids: Iterable[str]) -> pd.DataFrame:
    """One row per reference: id, title, year, kind, publisher, credibility stars, link (http/https only)."""
    rows = []
    for rid in unique(ref_ids):
        ref = ds.reference_by_id.get(rid)
        if ref is None:
            rows.append({"id": rid, "title": rid, "year": None, "kind": "", "publisher": "", "credibility": "unknown reference", "link": None})
            continue
        rows.append(
            {
                "id": ref.id,
                "title": ref.title,
                "year": ref.year,
                "kind": vocab.REFERENCE_KIND_LABELS.get(ref.kind, ref.kind),
                "publisher": ref.publisher or "",
                "credibility": vocab.stars(ref.credibility),
                "link": safe_url(ref.url),
            }
        )
    frame = pd.DataFrame(rows, columns=["id", "title", "year", "kind", "publisher", "credibility", "link"])
    frame["year"] = frame["year"].astype("Int64")
    return frame
