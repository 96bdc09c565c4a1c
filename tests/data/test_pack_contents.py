"""Data tests: the content of the shipped pack as its source texts give it (figures, grades, links).

These fail when data/ changes, as they should; logic tests never do (they run on the minimal pack).
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from dashboard.pack.dataset import Dataset
from packs import SHIPPED_DIR as DATA

SOURCES = {
    "wiki-ai-assisted-alignment",
    "wiki-ai-alignment",
    "wiki-ai-assisted-alignment-short",
    "article-automate-themselves",
}


@pytest.fixture(scope="module")
def ds(shipped) -> Dataset:
    return shipped


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


def test_mnist_classifier_accuracy_is_its_own_quantity(ds):
    """88.9% is a classifier judging MNIST digits from 6 pixels, not judges on factual questions."""
    mnist = ds.claim_by_id["debate-judge-accuracy-alignment-page"]
    factual = ds.claim_by_id["debate-judge-accuracy-assisted-page"]
    assert mnist.quantity == "debate-mnist-classifier-accuracy" != factual.quantity == "debate-judge-accuracy"
    assert "MNIST" in mnist.measures and "6" in mnist.measures
    assert ds.claim_by_id["debate-judge-accuracy-baseline"].quantity == "debate-mnist-classifier-accuracy-baseline"
    assert [c.id for c in claims_of(ds, "debate-judge-accuracy")] == ["debate-judge-accuracy-assisted-page"]
    # The talk no longer presents the two measures as one disagreement.
    talk = (DATA / "talk.yaml").read_text(encoding="utf-8")
    assert "dq: debate-judge-accuracy" not in talk
    assert "against 88.9%" not in talk


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
    assert (t["ai-debate"].category, t["ai-debate"].principle, t["ai-debate"].maturity) == (
        "forward",
        "robustness",
        "research",
    )
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

FLI = "wiki-summary-fli-winter-2025"  # the AI Alignment page's four-column summary of the index
FLI_WINTER = "fli-ai-safety-index-winter-2025-published"
FLI_SUMMER = "fli-ai-safety-index-summer-2025"
FLI_DOMAINS = [
    "overall",
    "risk-assessment",
    "current-harms",
    "safety-frameworks",
    "existential-safety",
    "governance-and-accountability",
    "information-sharing",
]


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
    scores = {s.lab: s.percent for s in ds.scores if s.index == "wiki-summary-saferai-2025"}
    assert scores == {"anthropic": 35, "openai": 33, "meta": 22, "google-deepmind": 20}
    assert scores["meta"] > scores["google-deepmind"]


def test_grade_scale_and_indices(ds):
    gpa = {p.letter: p.gpa for p in ds.grades_meta.scale}
    assert gpa["A+"] == 4.3 and gpa["C-"] == 1.7 and gpa["F"] == 0.0 and len(gpa) == 13
    index = {i.id: i for i in ds.grades_meta.indices}
    # The page's table is labelled as the page's summary, with the page (not the index) as its source.
    assert "summary" in index[FLI].name.lower() and "Winter 2025" in index[FLI].edition
    assert index[FLI].references == ["wiki-ai-alignment"]
    assert index[FLI].summary_of == FLI_WINTER
    assert index["wiki-summary-saferai-2025"].kind == "percent"
    assert index["wiki-summary-saferai-2025"].summary_of == "saferai-ratings-october-2025"
    # The first letter index stays the page's table until the labs page offers a choice of edition.
    assert next(i for i in ds.grades_meta.indices if i.kind == "letter").id == FLI


def _cells(ds, index_id):
    return {(g.lab, g.domain): g for g in ds.grades if g.index == index_id}


def test_summer_2025_edition_as_published(ds):
    index = {i.id: i for i in ds.grades_meta.indices}[FLI_SUMMER]
    assert index.domains == FLI_DOMAINS and index.summary_of is None
    assert "fli-ai-safety-index-summer-2025" in index.references
    cells = _cells(ds, FLI_SUMMER)
    overall = {lab: (g.grade, g.score) for (lab, d), g in cells.items() if d == "overall"}
    assert overall == {
        "anthropic": ("C+", 2.64),
        "openai": ("C", 2.10),
        "google-deepmind": ("C-", 1.76),
        "xai": ("D", 1.23),
        "meta": ("D", 1.06),
        "zhipu-ai": ("F", 0.62),
        "deepseek": ("F", 0.37),
    }
    risk = {lab: g.grade for (lab, d), g in cells.items() if d == "risk-assessment"}
    assert risk == {
        "anthropic": "C+",
        "openai": "C",
        "google-deepmind": "C-",
        "xai": "F",
        "meta": "D",
        "zhipu-ai": "F",
        "deepseek": "F",
    }
    xsafe = {lab: g.grade for (lab, d), g in cells.items() if d == "existential-safety"}
    assert xsafe == {
        "anthropic": "D",
        "openai": "F",
        "google-deepmind": "D-",
        "xai": "F",
        "meta": "F",
        "zhipu-ai": "F",
        "deepseek": "F",
    }
    # Domains no stored copy gives are absent, never filled in.
    assert {d for _, d in cells} == {"overall", "risk-assessment", "existential-safety"}


def test_winter_2025_edition_as_published(ds):
    cells = _cells(ds, FLI_WINTER)
    assert {d for _, d in cells} == {"overall"}
    overall = {lab: g.grade for (lab, _), g in cells.items()}
    assert overall == {
        "anthropic": "C+",
        "openai": "C+",
        "google-deepmind": "C",
        "xai": "D",
        "zhipu-ai": "D",
        "meta": "D",
        "deepseek": "D",
        "alibaba-cloud": "D-",
    }
    scores = {lab: g.score for (lab, _), g in cells.items() if g.score is not None}
    assert scores == {"anthropic": 2.67, "alibaba-cloud": 0.98}


def test_page_summary_differs_from_the_published_winter_edition(ds):
    summary, published = _cells(ds, FLI), _cells(ds, FLI_WINTER)
    differ = {lab for (lab, d), g in summary.items() if (lab, d) in published and published[(lab, d)].grade != g.grade}
    assert differ == {"openai", "google-deepmind", "xai", "deepseek"}
    assert (summary[("openai", "overall")].grade, published[("openai", "overall")].grade) == ("C", "C+")
    assert (summary[("google-deepmind", "overall")].grade, published[("google-deepmind", "overall")].grade) == (
        "C-",
        "C",
    )
    assert ("zhipu-ai", "overall") not in summary  # the page's table leaves out the eighth company


def test_every_published_grade_records_where_it_was_found(ds):
    refs = ds.reference_by_id
    for g in ds.grades:
        if g.index in (FLI_WINTER, FLI_SUMMER):
            assert g.reference and g.found_at, g
            assert refs[g.reference].secondary, g  # every published grade here comes from a write-up
        else:
            assert g.reference is None and g.found_at is None
    for s in ds.scores:
        if s.index == "saferai-ratings-october-2025":
            assert s.reference and s.found_at and refs[s.reference].secondary


def test_saferai_published_ratings_beside_the_page(ds):
    page = {s.lab: s.percent for s in ds.scores if s.index == "wiki-summary-saferai-2025"}
    published = {s.lab: s.percent for s in ds.scores if s.index == "saferai-ratings-october-2025"}
    five = {lab: published[lab] for lab in ("anthropic", "openai", "meta", "google-deepmind", "xai")}
    assert five == {"anthropic": 35, "openai": 34, "meta": 21, "google-deepmind": 20, "xai": 16}
    assert {lab for lab in page if page[lab] != published[lab]} == {"openai", "meta"}


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
    # Six from the long AI-Assisted Alignment page, four trust and measurement problems from the article.
    assert len(o.limitations) == 10
    assert sum("wiki-ai-assisted-alignment" in x.references for x in o.limitations) == 6
    assert sum("article-automate-themselves" in x.references for x in o.limitations) == 4
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
    for lid in (
        "anthropic",
        "openai",
        "google-deepmind",
        "safe-superintelligence",
        "redwood-research",
        "xai",
        "meta",
        "deepseek",
        "alibaba-cloud",
    ):
        assert lid in lab


# --------------------------------------------------------------------------
# Audit against the source texts: error classes found once, kept from coming back
# --------------------------------------------------------------------------

# Every figure the texts write with "≈" or mark "(est.)" carries the estimate flag.
ESTIMATED_CLAIMS = {
    "alignment-investment-2025",  # ≈$8.9B
    "anthropic-alignment-investment",  # ≈$500M/year (est.)
    "openai-alignment-investment",  # ≈$400M/year
    "deepmind-alignment-investment",  # ≈$200M/year (est.)
    "redwood-investment",  # ≈$20M/year
    "red-teaming-effectiveness-superhuman",  # 40-70% (est.)
    "w2s-effectiveness-superhuman",  # 30-60% (est.)
    "interp-effectiveness-superhuman",  # 20-50% (est.)
    "interp-tested-model-size",  # ≈1B
    "alignment-share-of-ai-rnd",  # ≈10-15%
    "rlhf-specification-gaming",  # ≈10-20%
    "oversight-success-at-400-elo",  # ≈52%
    "human-evaluation-throughput",  # ≈100-200 outputs/day
    "interp-behavior-coverage-automated",  # ~1% of model behaviours
    "researchers-at-gpt1",  # "an estimated 100 or so"
}


def test_approximate_and_est_figures_are_flagged_as_estimates(ds):
    c = ds.claim_by_id
    assert {cid for cid in ESTIMATED_CLAIMS if not c[cid].estimate} == set()
    # "(est.)" is on every superhuman figure of the effectiveness table except debate's.
    assert c["debate-effectiveness-superhuman"].estimate is False
    # "$400M+" (limitations) and "$2B raised" are not approximations.
    assert c["openai-alignment-commitment"].estimate is False
    assert c["ssi-funding-raised"].estimate is False


def test_lab_investments_match_their_claims(ds):
    checked = 0
    for lab in ds.labs:
        inv = lab.investment
        if inv is None:
            continue
        same = [
            cl
            for cl in ds.claims
            if cl.lab == lab.id
            and cl.figure.unit == inv.figure.unit
            and cl.figure.value == inv.figure.value
            and cl.figure.qualifier == inv.figure.qualifier
        ]
        assert same, lab.id
        for cl in same:
            assert cl.estimate == inv.estimate, (lab.id, cl.id)
        if inv.figure.qualifier == "approximately":
            assert inv.estimate is True, lab.id
        checked += 1
    assert checked == 5


def test_estimates_table_matches_its_claims(ds):
    for e in ds.estimates:
        own = [cl for cl in ds.claims if cl.technique == e.technique and cl.stated_in == "wiki-ai-assisted-alignment"]
        assert any((cl.figure.low, cl.figure.high) == (e.current.low, e.current.high) for cl in own), e.id
        sup = [cl for cl in own if cl.id.endswith("effectiveness-superhuman")]
        assert len(sup) == 1, e.id
        assert sup[0].figure.unknown == e.superhuman.unknown, e.id
        assert sup[0].estimate == e.superhuman.estimate, e.id
        if not e.superhuman.unknown:
            assert (sup[0].figure.low, sup[0].figure.high) == (e.superhuman.low, e.superhuman.high), e.id


# Links are given only where the address is well known and certain.
KNOWN_URLS = {
    "burns-2023-weak-to-strong": "https://arxiv.org/abs/2312.09390",
    "constitutional-classifiers-paper": "https://arxiv.org/abs/2501.18837",
    "scaling-monosemanticity": "https://transformer-circuits.pub/2024/scaling-monosemanticity/",
    "irving-2018-debate": "https://arxiv.org/abs/1805.00899",
    "leike-2018-reward-modeling": "https://arxiv.org/abs/1811.07871",
    "ji-alignment-survey": "https://arxiv.org/abs/2310.19852",
    "sparse-autoencoders-features": "https://arxiv.org/abs/2309.08600",
    "ouyang-2022-instructgpt": "https://arxiv.org/abs/2203.02155",
    "constitutional-ai-2022": "https://arxiv.org/abs/2212.08073",
    "zou-2023-universal-attacks": "https://arxiv.org/abs/2307.15043",
    "concrete-problems-2016": "https://arxiv.org/abs/1606.06565",
    "greenblatt-2023-ai-control": "https://arxiv.org/abs/2312.06942",
    "nist-ai-rmf": "https://www.nist.gov/itl/ai-risk-management-framework",
    "metaculus": "https://www.metaculus.com/",
    "anthropic-alignment-science-blog": "https://alignment.anthropic.com/",
    "mathematical-framework-2021": "https://transformer-circuits.pub/2021/framework/index.html",
    "partnership-on-ai": "https://partnershiponai.org/",
    "stanford-hai": "https://hai.stanford.edu/",
    "mit-futuretech": "https://futuretech.mit.edu/",
    "uk-ai-safety-institute": "https://www.aisi.gov.uk/",
    # The index editions and the write-ups their published grades were read in (grades.csv, scores.csv).
    "fli-ai-safety-index-winter-2025": "https://futureoflife.org/ai-safety-index-winter-2025/",
    "fli-ai-safety-index-summer-2025": "https://futureoflife.org/ai-safety-index-summer-2025/",
    "koritala-2026-eight-labs-graded": "https://alatirok.com/?p=5394",
    "oknoob-2025-latest-ai-safety-index": "https://oknoob.com/ai-safety-index",
    "teleo-codex-fli-summer-2025-note": "https://git.livingip.xyz/teleo/teleo-codex/src/commit/4693526a2bcdfda4a3710ae79c8413c76831c947/inbox/archive/2025-07-00-fli-ai-safety-index-summer-2025.md?display=source",
    "amin-2025-ai-safety-part-1": "https://danial-amin.github.io/blog/2025/ai-safety-pt1",
    "saferai-ratings": "https://ratings.safer-ai.org",
    "aiforhumanity-saferai-summary": "https://aiforhumanity.eu/summaries/safer-ai-risk-management-ratings",
    "fmti-2025-data": "https://github.com/stanford-crfm/fmti",
    "fmti-2025-report": "https://www.thinkbymore.com/doc/the-2025-foundation-model-transparency-index",
    "fmti-2024-report": "https://researchtrend.ai/papers/2407.12929",
    "groundy-2026-fmti-collapse": (
        "https://groundy.com/articles/stanfords-2026-ai-index-frontier-model-transparency-scores-collapsed-31-in-one/"
    ),
    "aiwiki-fli-ai-safety-index": "https://aiwiki.ai/wiki/fli_ai_safety_index",
}


def test_only_certain_urls(ds):
    assert {r.id: r.url for r in ds.references if r.url} == KNOWN_URLS


# Star ratings as the texts print them (count of ★); references the texts print no stars for stay None.
STARS = {
    "openai-introducing-superalignment": 4,
    "openai-weak-to-strong": 4,
    "burns-2023-weak-to-strong": 3,
    "anthropic-constitutional-classifiers": 4,
    "constitutional-classifiers-paper": 4,
    "next-gen-constitutional-classifiers": 4,
    "scaling-monosemanticity": 4,
    "anthropic-alignment-auditing-agents": 4,
    "anthropic-openai-joint-evaluation": 4,
    "cnbc-superalignment-dissolved": 3,
    "irving-2018-debate": 3,
    "leike-2018-reward-modeling": 3,
    "shallow-review-2024": 3,
    "ji-alignment-survey": 3,
    "anthropic-alignment-science-blog": 4,
    "anthropic-research-directions-2025": 4,
    "sparse-autoencoders-features": 3,
    "ouyang-2022-instructgpt": 3,
    "zou-2023-universal-attacks": 3,
    "lin-2021-kenton-et-al": 3,
    "wang-2022-scale-limitations": 3,
    "armstrong-2017-bounded-objectives": 3,
    "otomo-2017-value-learning": 3,
    "concrete-problems-2016": 3,
    "collective-constitutional-ai": 4,
    "mathematical-framework-2021": 4,
    "sang-2024-improving-w2s": 3,
    "scalable-oversight-benchmark-2025": 3,
    "recursive-self-critiquing-2025": 3,
    "greenblatt-2023-ai-control": 3,
    "engels-2025-scaling-laws-oversight": 3,
    "buhl-2025-debate-safety-case": 3,
    "anthropic-core-views": 4,
    "nist-ai-rmf": 5,
    "anthropic-rsp": 4,
    "stanford-hai": 4,
}


def test_star_ratings_as_printed(ds):
    rated = {r.id: r.credibility for r in ds.references if r.credibility is not None}
    assert rated == STARS


def test_authors_as_printed(ds):
    r = ds.reference_by_id
    # The core-papers table gives the last three authors by surname only.
    assert r["zou-2023-universal-attacks"].authors == [
        "Andy Zou",
        "Zifan Wang",
        "Nicholas Carlini",
        "Nasr",
        "Kolter",
        "Fredrikson",
    ]
    assert r["greenblatt-2023-ai-control"].authors == [
        "Ryan Greenblatt",
        "Buck Shlegeris",
        "Kshitij Sachan",
        "Fabien Roger",
    ]
    assert r["noirot-ferrand-2025-targeting-alignment"].authors == [
        "Noirot Ferrand",
        "Beugin",
        "Pauley",
        "Sheatsley",
        "McDaniel",
    ]


def test_reference_kinds_as_the_texts_mark_them(ds):
    r = ds.reference_by_id
    # Marked "🔗 web" in the AI Alignment page, though they are magazine or journal pieces.
    assert r["quanta-2024-debate"].kind == "web"
    assert r["iieta-2024-scalable-oversight"].kind == "web"
    assert r["christiano-2018-amplification"].kind == "web"
    assert r["nist-ai-rmf"].kind == "government"
    assert r["constitutional-ai-2022"].kind == "paper" and r["constitutional-ai-2022"].credibility is None


def test_footnoted_studies_all_have_references(ds):
    r = ds.reference_by_id
    # Footnotes 1-13 of the AI Alignment page's adversarial-robustness and national-security sections.
    for rid in (
        "alignment-faking-2024",
        "shallow-alignment-2024",
        "fine-tuning-attacks-study",
        "noirot-ferrand-2025-targeting-alignment",
        "ndss-2025-safety-misalignment",
        "to-distill-or-not-2025",
        "continual-learning-alignment-study",
        "bct-clearharm-study",
        "fy2025-ndaa",
        "atlantic-council-civil-ai-regulation-defense",
        "crs-defense-ai-2026",
        "sipri-2025-multi-agent",
    ):
        assert rid in r, rid


def test_figures_cite_the_link_attached_to_them(ds):
    c = ds.claim_by_id
    # The 60-70% consensus sits in the sentence that links the Collective Constitutional AI work.
    assert c["collective-cai-consensus"].references == ["collective-constitutional-ai"]
    # The "Value learning" link belongs to the proposed-solutions cell, not the 25-45% figure.
    assert "otomo-2017-value-learning" not in c["specification-success-probability"].references


@pytest.mark.parametrize(
    ("quantity", "figures"),
    [
        ("weak-to-strong-performance-recovery", {(80, 90), (70, 90)}),
        ("claude-3-sonnet-features-extracted", {10_000_000, 16_000_000}),
        ("superalignment-team-lifespan", {1}),
        ("openai-alignment-investment", {400_000_000}),
        ("safety-classifier-extraction-weight-share", {20}),
        ("fli-index-companies-assessed", {7, 8}),
        ("agi-alignment-success-probability", {(10, 60), (10, 30)}),
        ("interpretability-behavior-coverage", {1, 5}),
        ("jailbreak-defence-effectiveness-current", {(85, 95), 95}),
    ],
)
def test_every_disagreement_is_kept_under_one_quantity(ds, quantity, figures):
    group = claims_of(ds, quantity)
    assert len(group) >= 2, quantity
    seen = {c.figure.value if c.figure.value is not None else (c.figure.low, c.figure.high) for c in group}
    assert seen == figures
    # The two versions must differ in figure or qualifier, or the dashboard has nothing to show.
    assert len({(c.figure.value, c.figure.low, c.figure.high, c.figure.qualifier) for c in group}) == len(group)
    for c in group:
        assert c.note, c.id


def test_figures_that_measure_different_things_are_not_one_quantity(ds):
    """A forecasting site's "AGI" year is not a survey's "human-level AI" year, and the accuracy of feature
    identification in models up to 34M parameters is not the share of SAE features that are interpretable."""
    c = ds.claim_by_id
    assert c["metaculus-agi-by-2031"].quantity != c["human-level-ai-median-year"].quantity
    assert c["interp-feature-id-alignment-page"].quantity != c["interp-feature-id-assisted-page"].quantity
    assert "34M" in c["interp-feature-id-alignment-page"].measures


def test_metaculus_and_ai_impacts_years_side_by_side(ds):
    m = ds.claim_by_id["metaculus-agi-by-2031"]
    assert (m.figure.value, m.figure.unit, m.references) == (2031, "year", ["metaculus"])
    assert ds.claim_by_id["metaculus-agi-by-2027"].figure.unit == "percent"


def test_expert_views_follow_the_page_grouping(ds):
    views = {v.id: v.outlook for v in ds.outlook.expert_views}
    # The AI Alignment page files these under "Optimistic Views" and "Pessimistic Views".
    assert {k: views[k] for k in ("christiano", "amodei", "leike-weak-to-strong")} == dict.fromkeys(
        ("christiano", "amodei", "leike-weak-to-strong"), "optimistic"
    )
    assert {k: views[k] for k in ("yudkowsky", "nanda", "miri-researchers")} == dict.fromkeys(
        ("yudkowsky", "nanda", "miri-researchers"), "pessimistic"
    )


# --------------------------------------------------------------------------
# Checks that need the source texts themselves (skipped where they are not present)
# --------------------------------------------------------------------------

# The source texts sit in shared/seeds beside the checkout; $DASHBOARD_SEEDS_DIR names another place.
SEEDS = Path(os.environ.get("DASHBOARD_SEEDS_DIR", Path(__file__).resolve().parents[3] / "shared" / "seeds"))
SEED_FILES = {
    "wiki-ai-assisted-alignment": "000_41049c54d78e5d26.txt",
    "wiki-ai-alignment": "001_06e20f66644c098b.txt",
    "wiki-ai-assisted-alignment-short": "003_1b1ab902f6c9f5cc.txt",
    "article-automate-themselves": "004_18ba7f6c113d1ffb.txt",
}


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    if not all((SEEDS / f).is_file() for f in SEED_FILES.values()):
        pytest.skip(f"source texts not found in {SEEDS}")
    return {k: (SEEDS / f).read_text(encoding="utf-8") for k, f in SEED_FILES.items()}


def _norm(s: str) -> str:
    s = s.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", s).strip().lower()


def _words(s: str) -> list[str]:
    return re.findall(r"[a-z0-9%$.+-]+", _norm(s).replace("—", " "))


def _strings(obj, path=""):
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _strings(v, f"{path}.{k}")
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _strings(v, f"{path}[{i}]")
    elif isinstance(obj, str):
        yield path, obj


def _pack_strings():
    for f in sorted(DATA.glob("*.yaml")):
        if f.name == "talk.yaml":
            continue
        yield from _strings(yaml.safe_load(f.read_text(encoding="utf-8")), f.name)


def test_quotes_are_verbatim(ds, texts):
    alltext = _norm("\n".join(texts.values()))
    quotes = [v.quote for v in ds.outlook.expert_views if v.quote]
    assert len(quotes) >= 7
    for q in quotes:
        assert _norm(q) in alltext, q
    # Text quoted inside notes and descriptions must be the texts' own words too.
    for path, s in _pack_strings():
        for fragment in re.findall(r'"([^"]+)"', s):
            assert _norm(fragment) in alltext, (path, fragment)


def test_no_sentence_copied_from_the_texts(texts):
    n = 10  # a run of ten words shared with a text is a copied sentence, not a shared name or figure
    grams = set()
    for t in texts.values():
        w = _words(t)
        grams.update(tuple(w[i : i + n]) for i in range(len(w) - n + 1))
    copied = []
    for path, s in _pack_strings():
        if path.endswith((".quote", ".title")) or ".sources[" in path or path.startswith("pack.yaml.citation"):
            continue
        w = _words(s)
        if any(tuple(w[i : i + n]) in grams for i in range(len(w) - n + 1)):
            copied.append((path, s[:80]))
    assert copied == []


def test_grades_match_the_page_table_cell_by_cell(ds, texts):
    ids = {
        "Anthropic": "anthropic",
        "OpenAI": "openai",
        "Google DeepMind": "google-deepmind",
        "xAI": "xai",
        "Meta": "meta",
        "DeepSeek": "deepseek",
        "Alibaba Cloud": "alibaba-cloud",
    }
    cells = {(g.lab, g.domain): g.grade for g in ds.grades if g.index == FLI}
    compared = 0
    for name, lab in ids.items():
        row = re.search(
            rf"^\| {re.escape(name)} \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|", texts["wiki-ai-alignment"], re.M
        )
        assert row, name
        for domain, grade in zip(("overall", "existential-safety", "transparency", "safety-culture"), row.groups()):
            assert cells[(lab, domain)] == grade.strip(), (lab, domain)
            compared += 1
    assert compared == 28 == len(cells)


def test_every_claim_figure_appears_in_its_text(ds, texts):
    """Each claim's number (as digits) occurs in the text that states it, except the few worded ones."""
    # "no universal jailbreak", "millions", "sixfold", "thousands of times"
    worded = {
        "cc-universal-jailbreaks-found",
        "model-output-volume",
        "researchers-growth-2025",
        "amyloid-paper-citations",
    }
    missing = []
    for c in ds.claims:
        if c.id in worded or c.figure.unknown:
            continue
        text = texts[c.stated_in].replace(",", "")
        nums = [c.figure.value] if c.figure.value is not None else [c.figure.low, c.figure.high]
        for v in nums:
            forms = {f"{v:g}"}
            for scale, suffix in ((1e9, ("B", " billion")), (1e6, ("M", " million"))):
                if v >= scale:
                    forms |= {f"{v / scale:g}{s}" for s in suffix} | {f"${v / scale:g}"}
                    break
            if not any(re.search(rf"(?<![\d.]){re.escape(f)}(?!\d)", text) for f in forms):
                missing.append((c.id, v))
    assert missing == []


def test_taxonomy_and_status_tables_in_full(ds):
    t = ds.technique_by_id
    # The AI Alignment page's taxonomy: category, maturity, primary principle.
    taxonomy = {
        "rlhf": ("forward", "deployed", "ethicality"),
        "constitutional-ai": ("forward", "deployed", "ethicality"),
        "dpo": ("forward", "deployed", "ethicality"),
        "ai-debate": ("forward", "research", "robustness"),
        "iterated-amplification": ("forward", "research", "controllability"),
        "weak-to-strong": ("forward", "research", "robustness"),
        "mechanistic-interpretability": ("backward", "growing", "interpretability"),
        "behavioral-evaluation": ("backward", "developing", "robustness"),
        "ai-control": ("backward", "early", "controllability"),
    }
    assert {k: (t[k].category, t[k].maturity, t[k].principle) for k in taxonomy} == taxonomy
    # The AI-Assisted Alignment page's key-techniques status column.
    status = {
        k: t[k].maturity
        for k in ("automated-red-teaming", "automated-interpretability", "recursive-reward-modeling", "auditing-agents")
    }
    assert status == {
        "automated-red-teaming": "deployed",
        "automated-interpretability": "research",
        "recursive-reward-modeling": "research",
        "auditing-agents": "research",
    }
    # The oversight table's maturity column.
    assert {o.id: o.maturity for o in ds.outlook.oversight} == {
        "ai-control": "early",
        "interpretability": "growing",
        "formal-verification": "limited",
        "monitoring": "developing",
        "adversarial-robustness": "early",
    }


def test_years_only_where_a_text_gives_them(ds):
    """The 2026-11-29 audit removed years no text attaches to these figures."""
    for cid in (
        "w2s-recovery-assisted-page",
        "interp-model-size-34m",
        "sonnet-features-alignment-page",
        "researchers-at-gpt1",
    ):
        assert ds.claim_by_id[cid].year is None, cid
    assert ds.claim_by_id["researchers-growth-2025"].year == 2025  # "By 2025, that number had increased sixfold"


def test_open_range_keeps_its_open_end(ds):
    f = ds.claim_by_id["p-catastrophe-spread"].figure
    assert (f.low, f.high, f.open_high) == (1, 50, True)


def test_dates_the_article_gives_are_kept(ds):
    events = {e.id: e for e in ds.outlook.events}
    late = events["agentic-coding-assistants-spread"]
    assert (late.date.year, late.precision) == (2025, "late-year")
    from dashboard.views.frames.approaches import format_date

    assert format_date(late) == "late 2025"
    assert "article-automate-themselves" in events["superalignment-launch"].references


def test_pack_version_and_reviews(ds):
    assert ds.meta.version == "1.2.0"
    for name in ("claims.yaml", "grades.yaml", "scores.csv", "labs.yaml", "talk.yaml", "outlook.yaml"):
        assert str(ds.meta.files[name].last_reviewed) == "2026-12-02", name
