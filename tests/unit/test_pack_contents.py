"""Concrete content of the shipped data pack: the figures, grades and links the dashboard relies on."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from dashboard.dataset import Dataset
from dashboard.load import load_pack

DATA = Path(__file__).resolve().parents[2] / "data"

SOURCES = {
    "wiki-ai-assisted-alignment",
    "wiki-ai-alignment",
    "wiki-ai-assisted-alignment-short",
    "article-automate-themselves",
}


@pytest.fixture(scope="module")
def ds() -> Dataset:
    result = load_pack(DATA)
    assert result.problems == [], "\n".join(str(p) for p in result.problems)
    assert result.dataset is not None
    return result.dataset


def claims_of(ds: Dataset, quantity: str):
    return [c for c in ds.claims if c.quantity == quantity]


# --------------------------------------------------------------------------
# Claims
# --------------------------------------------------------------------------


def test_pack_has_well_over_a_hundred_claims(ds):
    assert len(ds.claims) > 120


def test_jailbreak_drop_cites_the_constitutional_classifiers_paper(ds):
    before = ds.claim_by_id["cc-jailbreak-rate-baseline"]
    after = ds.claim_by_id["cc-jailbreak-rate-with-classifiers"]
    assert before.figure.value == 86 and before.figure.unit == "percent"
    assert after.figure.value == 4.4 and after.figure.unit == "percent"
    for claim in (before, after):
        assert "constitutional-classifiers-paper" in claim.references
        assert claim.estimate is False
        assert claim.stated_in == "wiki-ai-assisted-alignment"
        assert claim.technique == "automated-red-teaming"
        assert claim.lab == "anthropic"
    paper = ds.reference_by_id["constitutional-classifiers-paper"]
    assert paper.url == "https://arxiv.org/abs/2501.18837"


def test_feature_counts_disagree_under_one_quantity(ds):
    found = {c.figure.value: c for c in claims_of(ds, "claude-3-sonnet-features-extracted")}
    assert set(found) == {10_000_000, 16_000_000}
    assert found[10_000_000].stated_in == "wiki-ai-assisted-alignment"
    assert found[16_000_000].stated_in == "wiki-ai-alignment"
    assert found[10_000_000].references != found[16_000_000].references


@pytest.mark.parametrize(
    ("quantity", "assisted", "alignment"),
    [
        ("weak-to-strong-performance-recovery", (80, 90), (70, 90)),
        ("interpretability-feature-identification", (60, 80), None),
        ("debate-judge-accuracy", (60, 80), None),
    ],
)
def test_cross_text_disagreements_are_kept(ds, quantity, assisted, alignment):
    by_text = defaultdict(list)
    for c in claims_of(ds, quantity):
        by_text[c.stated_in].append(c)
    assert set(by_text) == {"wiki-ai-assisted-alignment", "wiki-ai-alignment"}
    (a,) = by_text["wiki-ai-assisted-alignment"]
    assert (a.figure.low, a.figure.high) == assisted
    if alignment is not None:
        (b,) = by_text["wiki-ai-alignment"]
        assert (b.figure.low, b.figure.high) == alignment


def test_alignment_page_figures_for_interpretability_and_debate(ds):
    interp = ds.claim_by_id["interp-feature-id-alignment-page"]
    assert (interp.figure.value, interp.figure.qualifier) == (90, "at-least")
    assert interp.note and "unrelated" in interp.note
    debate = ds.claim_by_id["debate-judge-accuracy-alignment-page"]
    assert debate.figure.value == 88.9
    assert ds.claim_by_id["debate-judge-accuracy-baseline"].figure.value == 59.4


def test_qualifiers_follow_the_text(ds):
    c = ds.claim_by_id
    assert (c["cc-red-teaming-hours"].figure.value, c["cc-red-teaming-hours"].figure.qualifier) == (3000, "at-least")
    assert c["red-teaming-jailbreaks-discovered"].figure.qualifier == "more-than"
    assert c["alignment-investment-2025"].figure.qualifier == "approximately"
    assert c["alignment-investment-2025"].estimate is True
    assert c["alignment-investment-2025"].figure.value == 8_900_000_000
    assert c["nanda-behavior-coverage"].figure.qualifier == "less-than"
    assert c["distillation-safety-degradation"].figure.qualifier == "at-most"
    assert c["yudkowsky-catastrophe-probability"].figure.qualifier == "more-than"
    assert c["canada-uk-partnership-funding"].figure.unit == "cad"
    assert c["canada-uk-partnership-funding"].figure.value == 29_000_000
    assert c["cc-plus-plus-detection-rate"].figure.unit == "rate-per-1000-queries"


def test_named_figures_are_present(ds):
    values = {(c.figure.value, c.figure.unit) for c in ds.claims}
    for expected in [
        (72.9, "percent"),
        (37, "percent"),
        (78, "percent"),
        (2778, "count"),
        (11, "count"),
        (2_000_000_000, "usd"),
        (6, "multiplier"),
        (90, "percent"),
        (100, "fte"),
    ]:
        assert expected in values, expected
    ranges = {(c.figure.low, c.figure.high, c.figure.unit) for c in ds.claims}
    assert (50, 150, "fte") in ranges
    assert (8_000_000_000, 10_000_000_000, "usd") in ranges


def test_every_claim_reference_resolves(ds):
    refs = ds.reference_by_id
    for claim in ds.claims:
        assert claim.references, claim.id
        for rid in claim.references:
            assert rid in refs, (claim.id, rid)
        assert claim.stated_in in SOURCES, claim.id


def test_every_claim_has_a_year_or_a_note(ds):
    missing = [c.id for c in ds.claims if c.year is None and not c.note]
    assert missing == []


def test_unknown_stays_unknown(ds):
    unknown = [c for c in ds.claims if c.figure.unknown]
    assert [c.technique for c in unknown] == ["auditing-agents"]
    assert all(c.figure.value is None for c in unknown)


# --------------------------------------------------------------------------
# Techniques, estimates, risks
# --------------------------------------------------------------------------


def test_six_ai_assisted_techniques(ds):
    assisted = {t.id for t in ds.techniques if t.ai_assisted}
    assert assisted == {
        "automated-red-teaming",
        "weak-to-strong",
        "automated-interpretability",
        "ai-debate",
        "recursive-reward-modeling",
        "auditing-agents",
    }


def test_taxonomy_fields(ds):
    t = ds.technique_by_id
    assert (t["ai-debate"].category, t["ai-debate"].principle, t["ai-debate"].maturity) == ("forward", "robustness", "research")
    assert (t["rlhf"].category, t["rlhf"].principle, t["rlhf"].maturity) == ("forward", "ethicality", "deployed")
    assert t["ai-control"].category == "backward" and t["ai-control"].maturity == "early"
    assert t["automated-red-teaming"].maturity == "deployed"
    assert t["auditing-agents"].category is None and t["auditing-agents"].principle is None


def test_five_estimates_and_auditing_superhuman_unknown(ds):
    est = {e.id: e for e in ds.estimates}
    assert len(est) == 5
    assert est["est-auditing-agents"].superhuman.unknown is True
    assert est["est-auditing-agents"].superhuman.low is None
    debate = est["est-ai-debate"]
    assert (debate.superhuman.low, debate.superhuman.high, debate.superhuman.estimate) == (50, 65, False)
    red = est["est-automated-red-teaming"]
    assert (red.current.low, red.current.high, red.superhuman.estimate) == (85, 95, True)
    assert est["est-automated-interpretability"].confidence == "medium-low"


def test_eleven_risks_consistent_with_techniques(ds):
    assert len(ds.risks) == 11
    risk_ids = {r.id for r in ds.risks}
    assert {"deceptive-alignment", "scheming", "treacherous-turn", "safety-classifier-extraction"} <= risk_ids
    for risk in ds.risks:
        for tid in risk.techniques:
            assert risk.id in ds.technique_by_id[tid].risks, (risk.id, tid)
    for tech in ds.techniques:
        for rid in tech.risks:
            assert tech.id in ds.risk_by_id[rid].techniques, (tech.id, rid)


# --------------------------------------------------------------------------
# Grades and scores
# --------------------------------------------------------------------------

FLI = "fli-safety-index-winter-2025"


def test_all_28_grade_cells(ds):
    cells = {(g.lab, g.domain): g.grade for g in ds.grades if g.index == FLI}
    assert len(cells) == 28
    labs = {"anthropic", "openai", "google-deepmind", "xai", "meta", "deepseek", "alibaba-cloud"}
    domains = {"overall", "existential-safety", "transparency", "safety-culture"}
    assert {lab for lab, _ in cells} == labs
    assert {d for _, d in cells} == domains
    assert [cells[("anthropic", d)] for d in ("overall", "existential-safety", "transparency", "safety-culture")] == [
        "C+",
        "D",
        "B-",
        "B",
    ]
    assert [cells[("deepseek", d)] for d in ("overall", "existential-safety", "transparency", "safety-culture")] == [
        "D-",
        "F",
        "F",
        "D-",
    ]
    assert cells[("google-deepmind", "overall")] == "C-"
    assert cells[("meta", "overall")] == "D"


def test_saferai_scores_keep_their_own_ordering(ds):
    scores = {s.lab: s.percent for s in ds.scores if s.index == "saferai-2025"}
    assert scores == {"anthropic": 35, "openai": 33, "meta": 22, "google-deepmind": 20}
    assert scores["meta"] > scores["google-deepmind"]


def test_grade_scale_and_indices(ds):
    gpa = {p.letter: p.gpa for p in ds.grades_meta.scale}
    assert gpa["A+"] == 4.3 and gpa["C-"] == 1.7 and gpa["F"] == 0.0 and len(gpa) == 13
    index = {i.id: i for i in ds.grades_meta.indices}
    assert index[FLI].edition == "Winter 2025"
    assert "wiki-ai-alignment" in index[FLI].references
    assert index["saferai-2025"].kind == "percent"


# --------------------------------------------------------------------------
# Cruxes, beliefs, outlook
# --------------------------------------------------------------------------


def test_ai_assisted_cruxes_have_two_positions(ds):
    for cid in ("bootstrapping-safe", "scales-to-superhuman", "loss-of-understanding"):
        crux = ds.crux_by_id[cid]
        assert crux.kind == "ai-assisted"
        assert crux.credence_question
        assert {p.id for p in crux.positions} == {crux.low_position, crux.high_position}
        cited = {r for p in crux.positions for e in p.evidence_for + p.evidence_against for r in e.references}
        assert {"wiki-ai-assisted-alignment", "wiki-ai-assisted-alignment-short"} <= cited
    kinds = [c.kind for c in ds.cruxes]
    assert kinds.count("technical") == 5 and kinds.count("strategic") == 6


def test_bootstrapping_evidence_rests_on_claims(ds):
    crux = ds.crux_by_id["bootstrapping-safe"]
    cited = {cl for p in crux.positions for e in p.evidence_for + p.evidence_against for cl in e.claims}
    assert {"opus-alignment-faking-rate", "o1-preview-chess-hacking", "cc-jailbreak-rate-with-classifiers"} <= cited


def test_beliefs_link_to_cruxes(ds):
    beliefs = {b.id: b for b in ds.outlook.beliefs}
    links = {(link.crux, link.side) for link in beliefs["bootstrapping-dangerous"].links}
    assert links == {("bootstrapping-safe", "low")}
    assert beliefs["bootstrapping-dangerous"].fit == "less-relevant"


def test_outlook_tables(ds):
    o = ds.outlook
    assert len(o.current_uses) == 5
    assert len(o.flow_nodes) == 8 and len(o.flow_edges) == 7
    assert len(o.limitations) == 6
    assert len(o.oversight) == 5
    assert len(o.rlhf_metrics) == 5
    assert [lvl.level for lvl in o.automation_levels] == [1, 2, 3, 4]
    assert [lvl.described for lvl in o.automation_levels] == [True, False, False, False]
    council = next(e for e in o.events if e.id == "advisory-council")
    assert str(council.date) == "2025-08-27" and council.precision == "day"


def test_assessments_present(ds):
    ids = {a.id for a in ds.assessments}
    assert ids == {
        "qa-ai-assisted",
        "qa-alignment",
        "evaluation-summary",
        "risk-assessment",
        "capability-safety-gap",
        "joint-evaluation",
    }
    qa = next(a for a in ds.assessments if a.id == "qa-alignment")
    grades = {r.dimension: r.grade for r in qa.rows}
    assert grades["Current Effectiveness"] == "B" and grades["Scalability"] == "C-"
    assert len(next(a for a in ds.assessments if a.id == "qa-ai-assisted").rows) == 8


def test_source_texts_and_labs(ds):
    assert {s.reference for s in ds.meta.sources} == SOURCES
    lab = ds.lab_by_id
    assert lab["openai"].investment.note == "(20% of compute)"
    assert lab["anthropic"].investment.estimate is True
    assert lab["safe-superintelligence"].investment.basis == "raised"
    for lid in ("anthropic", "openai", "google-deepmind", "safe-superintelligence", "redwood-research", "xai", "meta", "deepseek", "alibaba-cloud"):
        assert lid in lab
