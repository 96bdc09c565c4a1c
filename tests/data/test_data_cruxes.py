"""Data tests: the shipped pack's cruxes, beliefs and approaches read as the source texts argue them.

A low credence that the bootstrapping is safe makes "bootstrapping is dangerous" hold and favours
human-only alignment; a high one the other way round. The logic is unit-tested on the minimal pack.
"""

from __future__ import annotations

from dashboard.analysis import beliefs as b
from dashboard.views.frames import cruxes as fc


def _shipped_reading(ds, credence):
    credences = {"bootstrapping-safe": credence}
    held = {s.belief.id for s in b.evaluate_beliefs(ds, credences) if s.held}
    favoured = {a.id for a in b.favoured_approaches(ds, credences)}
    return held, favoured, b.verdict(b.evaluate_beliefs(ds, credences))


def test_shipped_low_bootstrapping_credence_reads_as_dangerous(shipped):
    held, favoured, verdict = _shipped_reading(shipped, 10)
    assert "bootstrapping-dangerous" in held
    assert "current-ai-aligned-enough" not in held
    assert "ai-assisted-alignment" not in favoured
    assert "human-only-alignment" in favoured
    assert verdict.kind == "less-relevant"


def test_shipped_high_bootstrapping_credence_reads_the_other_way(shipped):
    held, favoured, verdict = _shipped_reading(shipped, 90)
    assert "bootstrapping-dangerous" not in held
    assert "current-ai-aligned-enough" in held
    assert "ai-assisted-alignment" in favoured
    assert "human-only-alignment" not in favoured
    assert verdict.kind == "good-fit"


def test_shipped_recommendation_text_changes_with_the_credence(shipped):
    low = fc.recommendation_text(shipped, {"bootstrapping-safe": 10})
    high = fc.recommendation_text(shipped, {"bootstrapping-safe": 90})
    assert "Less relevant" in low and "Bootstrapping is dangerous in principle" in low
    assert "Good fit" in high and "Favoured approach: AI-Assisted Alignment" in high
    assert "Is the bootstrapping safe? at 90" in high


def test_shipped_stance_ends_carry_the_evaluation_summary(shipped):
    stance = b.stance(shipped, {})
    assert (stance.hard.dimension, stance.hard.rating) == ("If alignment hard", "Medium")
    assert (stance.easy.dimension, stance.easy.rating) == ("If alignment easy", "High")
    assert stance.position == 50
