"""References as a reader sees them: labels and the caption naming a view's sources."""

from __future__ import annotations

from collections.abc import Iterable

from dashboard.pack.dataset import Dataset


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
