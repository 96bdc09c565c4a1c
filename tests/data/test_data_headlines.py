"""Data test: every headline figure the Overview names is in the shipped pack and shows its claim's figure."""

from __future__ import annotations

from dashboard.analysis.provenance import format_figure
from dashboard.views.frames import overview as F


def test_every_headline_is_shown_with_its_claims_figure_and_sources(shipped):
    shown = {h.key: h for h in F.headlines(shipped)}
    assert set(shown) == {s.key for s in F.HEADLINES}, "a headline's claim is missing from the pack"
    for spec in F.HEADLINES:
        h = shown[spec.key]
        assert h.value.startswith(format_figure(shipped.claim_by_id[spec.claim].figure)), spec.key
        for cid in h.claims:
            for rid in shipped.claim_by_id[cid].references:
                ref = shipped.reference_by_id[rid]
                assert f"{ref.title} ({ref.year or 'n.d.'})" in h.caption, (spec.key, rid)
