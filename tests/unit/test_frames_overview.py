"""Overview frames on the shipped pack: headline figures with sources and disagreements, tables, flow, uses."""

from __future__ import annotations

from dashboard.views.frames import overview as F


def _by_key(ds):
    return {h.key: h for h in F.headlines(ds)}


def test_headline_figures_come_from_the_claims(shipped):
    h = _by_key(shipped)
    assert set(h) == {s.key for s in F.HEADLINES}
    assert (h["jailbreak"].value, h["jailbreak"].delta) == ("4.4%", "from 86%")
    assert h["w2s"].value == "80–90%"
    assert h["features"].value == "10 million"
    # both figures from one row of the effectiveness table: the technique whose estimate falls furthest
    assert h["effectiveness"].estimate == "est-weak-to-strong"
    assert (h["effectiveness"].value, h["effectiveness"].delta) == ("80–90%", "superhuman: 30–60% (est.)")
    assert h["effectiveness"].label.endswith("Weak-to-Strong Generalization")
    assert h["investment"].value.startswith("≈$8.9 billion")
    assert h["researchers"].value == "50–150 FTE"


def test_each_headline_names_its_references_and_years(shipped):
    for h in F.headlines(shipped):
        assert h.caption.startswith(("Source: ", "Sources: "))
        for rid in h.claims:
            for ref in shipped.claim_by_id[rid].references:
                r = shipped.reference_by_id[ref]
                assert r.title in h.caption
                assert str(r.year if r.year else "n.d.") in h.caption
    assert "Constitutional Classifiers" in _by_key(shipped)["jailbreak"].caption
    assert "(2025)" in _by_key(shipped)["jailbreak"].caption


def test_disagreements_stay_visible(shipped):
    h = _by_key(shipped)
    assert any("16 million" in d for d in h["features"].disagreements)
    assert any("70–90%" in d for d in h["w2s"].disagreements)
    assert "burns-2023-weak-to-strong" in h["w2s"].references
    assert h["jailbreak"].disagreements == []
    table = F.headlines_table(list(h.values()))
    assert table.loc[table["Figure"] == h["features"].label, "Other sources say"].iloc[0].count("16 million") == 1


def test_each_headline_quotes_one_record(shipped):
    """A card that quotes two figures takes them from one record: one estimate row, or claims of one study
    (the same references), never two techniques' figures side by side."""
    for h in F.headlines(shipped):
        if h.estimate is not None:
            est = next(e for e in shipped.estimates if e.id == h.estimate)
            from dashboard.views.frames.effectiveness import range_text

            assert h.value == range_text(est.current) and h.delta.endswith(range_text(est.superhuman))
            assert h.claims == []
            continue
        claims = [shipped.claim_by_id[c] for c in h.claims]
        assert len({tuple(sorted(c.references)) for c in claims}) == 1, (h.key, [c.id for c in claims])
        assert len({c.technique for c in claims if getattr(c, "technique", None)}) <= 1, h.key


def test_missing_claim_drops_the_headline(shipped):
    spec = F.HeadlineSpec("x", "X", "no-such-claim")
    assert F.headline(shipped, spec) is None


def test_quick_assessment_table_with_figures(shipped):
    table = F.assessment_table(shipped, F.QUICK_ASSESSMENT)
    a = next(a for a in shipped.assessments if a.id == F.QUICK_ASSESSMENT)
    assert len(table) == len(a.rows)
    assert list(table.columns[:3]) == [a.columns["dimension"], a.columns["rating"], a.columns["evidence"]]
    tract = table.iloc[0]
    assert tract["Dimension"] == "Tractability" and "4.4%" in tract["Figures and sources"]
    assert "(2025)" in tract["Figures and sources"]
    assert F.assessment_table(shipped, "no-such") is None
    refs = F.assessment_references(shipped, F.QUICK_ASSESSMENT)
    assert "constitutional-classifiers-paper" in refs


def test_evaluation_summary(shipped):
    table = F.assessment_table(shipped, F.EVALUATION_SUMMARY)
    a = next(a for a in shipped.assessments if a.id == F.EVALUATION_SUMMARY)
    assert list(table.iloc[:, 0]) == [r.dimension for r in a.rows]


def test_flow_frames_follow_the_data(shipped):
    nodes, edges = F.flow_frames(shipped)
    o = shipped.outlook
    assert list(nodes["id"]) == [n.id for n in o.flow_nodes]
    assert set(nodes["column"]) == {0, 1, 2}
    assert dict(zip(nodes["id"], nodes["column"]))["red-teaming-ai"] == 0
    assert dict(zip(nodes["id"], nodes["column"]))["superhuman-ai"] == 2
    assert list(zip(edges["source"], edges["target"])) == [(e.source, e.target) for e in o.flow_edges]
    alt = F.flow_alt(nodes, edges)
    assert "Red-Teaming AI leads to Find Failure Modes" in alt
    assert len(F.flow_table(nodes, edges)) == len(o.flow_edges)


def test_current_uses_in_maturity_order_and_filtered(shipped):
    uses = F.current_uses_frame(shipped)
    assert len(uses) == len(shipped.outlook.current_uses)
    assert list(uses["Status"])[0] == "Deployed"
    narrowed = F.current_uses_frame(shipped, ["ai-debate"])
    assert "Red-teaming" not in set(narrowed["Application"])  # tied to automated red-teaming
    assert "Code review" in set(narrowed["Application"])  # tied to no technique: always shown


def test_flow_chart_words(shipped):
    assert F.FLOW_TAKEAWAY == "How it works: today's AI systems take on alignment tasks that help align stronger ones"
    assert F.flow_references(shipped) == ["wiki-ai-assisted-alignment"]
