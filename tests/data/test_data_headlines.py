"""Data test: every headline figure the Overview names is in the shipped pack and shows its record's figure;
a headline that quotes two figures takes them from one record."""

from __future__ import annotations

from dashboard.analysis.provenance import format_figure
from dashboard.views.frames import overview as F
from dashboard.views.frames.effectiveness import range_text


def test_every_headline_is_shown_with_its_claims_figure_and_sources(shipped):
    shown = {h.key: h for h in F.headlines(shipped)}
    assert set(shown) == {s.key for s in F.HEADLINES}, "a headline's claim is missing from the pack"
    for spec in F.HEADLINES:
        h = shown[spec.key]
        if spec.largest_drop:
            continue  # an estimate row, not a claim: the next test
        assert h.value.startswith(format_figure(shipped.claim_by_id[spec.claim].figure)), spec.key
        for cid in h.claims:
            for rid in shipped.claim_by_id[cid].references:
                ref = shipped.reference_by_id[rid]
                assert f"{ref.title} ({ref.year or 'n.d.'})" in h.caption, (spec.key, rid)


def test_each_headline_quotes_one_record(shipped):
    """Both figures of a card from one record: one row of the effectiveness table (today and superhuman of
    the technique whose estimate falls furthest), or claims of one study; never two techniques' figures."""
    for h in F.headlines(shipped):
        if h.estimate is not None:
            est = next(e for e in shipped.estimates if e.id == h.estimate)
            assert h.value == range_text(est.current)
            assert h.delta == f"superhuman: {range_text(est.superhuman)}"
            assert shipped.technique_by_id[est.technique].name in h.label
            continue
        claims = [shipped.claim_by_id[c] for c in h.claims]
        assert len({tuple(sorted(c.references)) for c in claims}) == 1, (h.key, [c.id for c in claims])
        assert len({c.technique for c in claims if c.technique}) <= 1, h.key


def test_the_effectiveness_card_is_the_largest_drop(shipped):
    def mid(r):
        return (r.low + r.high) / 2

    known = [e for e in shipped.estimates if not e.current.unknown and not e.superhuman.unknown]
    worst = max(known, key=lambda e: mid(e.current) - mid(e.superhuman))
    card = next(h for h in F.headlines(shipped) if h.key == "effectiveness")
    assert card.estimate == worst.id
