"""References as a reader sees them: labels and the caption naming a view's sources."""

from __future__ import annotations

import re
from collections.abc import Iterable

from dashboard.pack.dataset import Dataset
from dashboard.pack.models import Reference


def unique(ids: Iterable[str]) -> list[str]:
    """Ids in first-seen order, without repeats."""
    seen: dict[str, None] = {}
    for i in ids:
        seen.setdefault(i, None)
    return list(seen)


def primary_first(ds: Dataset, ref_ids: Iterable[str]) -> list[str]:
    """Ids without repeats, a figure's primary references first: the works themselves, then write-ups
    about them (``secondary``), then the texts the pack was curated from (the wiki pages that quote them);
    first-seen order within each group."""
    curated = {s.reference for s in ds.meta.sources}

    def rank(ref_id: str) -> int:
        if ref_id in curated:
            return 2
        ref = ds.reference_by_id.get(ref_id)
        return 1 if ref is not None and ref.secondary else 0

    return sorted(unique(ref_ids), key=rank)


def title_year(ref: Reference) -> str:
    """'Title (2023)'; 'Title (n.d.)' when undated: how a reference is named everywhere."""
    year = ref.year if ref.year is not None else "n.d."
    return f"{ref.title} ({year})"


def reference_label(ds: Dataset, ref_id: str) -> str:
    """The reference's ``title_year``; the id itself when it is not in the pack."""
    ref = ds.reference_by_id.get(ref_id)
    return ref_id if ref is None else title_year(ref)


_LICENCE_NAME = re.compile(r"\bCC0(?: 1\.0)?\b|\bCC[ -]BY(?:[ -](?:SA|NC|ND))*(?:[ -]\d\.\d)?\b", re.IGNORECASE)


def licence_name(licence: str) -> str:
    """The licence's short name as a reader knows it ("CC BY 4.0"), found in the pack's licence text; the
    text's first words when it names none. Images, embeds and PDFs print this; the data ZIP the whole text."""
    found = _LICENCE_NAME.search(licence)
    if found:
        parts = re.split(r"[ -]+", found.group(0).upper())
        if parts[0] == "CC0":
            return " ".join(parts)
        version = [p for p in parts[2:] if p[0].isdigit()]
        kinds = [p for p in parts[1:] if not p[0].isdigit()]  # BY, SA, NC, ND
        return "CC " + "-".join(kinds) + (f" {version[0]}" if version else "")
    words = " ".join(licence.split())
    return words if len(words) <= 40 else words[:39].rstrip() + "…"
