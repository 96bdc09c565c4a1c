"""Deterministic synthetic data packs at a multiple of the shipped pack's size.

    python tests/bench/synth.py --scale 10 --out /tmp/pack-10x [--seed 0] [--base data]

A pack at scale k has k times as many records of every kind as the base counts
(references, techniques, estimates, claims, labs, grade and score rows, cruxes,
risks, approaches, outlook rows, ...), each valid by the schema, with every
cross-reference resolving. The same (scale, seed, counts) gives identical bytes.

The base counts are those of the shipped pack in ``data/`` when it validates
(``--base``), else ``BASE_COUNTS`` below. Grade indices, their domains and the
slides of the talk do not scale (a pack has a handful of indices; a talk is
capped at 50 slides); grade and score rows scale with the labs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Mapping
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT / "src") not in sys.path:  # runnable without the editable install
    sys.path.insert(0, str(ROOT / "src"))

from dashboard.pack.dataset import Dataset  # noqa: E402


class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """No anchors or aliases: the loader refuses them."""

    def ignore_aliases(self, data: object) -> bool:
        return True


# Record counts of one "1x" pack, used when the shipped pack is incomplete or
# invalid. Kept in step with the shipped pack (see ``counts_of``); last taken from data/ (421 records).
BASE_COUNTS: dict[str, int] = {
    "references": 80,
    "techniques": 17,
    "estimates": 5,
    "claims": 146,
    "labs": 13,
    "risks": 11,
    "grades": 28,
    "scores": 4,
    "cruxes": 14,
    "approaches": 4,
    "scalability": 5,
    "assessments": 6,
    "current_uses": 5,
    "flow_nodes": 8,
    "flow_edges": 7,
    "expert_survey": 5,
    "timeline": 3,
    "events": 9,
    "limitations": 6,
    "automation_levels": 4,
    "expert_views": 12,
    "oversight": 5,
    "rlhf_metrics": 5,
    "beliefs": 8,
    "slides": 11,
}
UNSCALED = {"slides"}
OUTLOOK_LISTS = (
    "current_uses",
    "flow_nodes",
    "flow_edges",
    "expert_survey",
    "timeline",
    "events",
    "limitations",
    "automation_levels",
    "expert_views",
    "oversight",
    "rlhf_metrics",
    "beliefs",
)

LETTER_DOMAINS = ["overall", "existential-safety", "transparency", "safety-culture"]
PERCENT_DOMAINS = [
    "risk-assessment",
    "current-harms",
    "safety-frameworks",
    "existential-safety",
    "governance",
    "information-sharing",
]
LETTERS = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F"]
GPA = [4.3, 4.0, 3.7, 3.3, 3.0, 2.7, 2.3, 2.0, 1.7, 1.3, 1.0, 0.7, 0.0]
MATURITY = ["deployed", "growing", "developing", "research", "early", "limited"]
CONFIDENCE = ["high", "medium-high", "medium", "medium-low", "low"]
RELEVANCE = ["critical", "high", "medium", "low"]
PAGES = ["overview", "techniques", "effectiveness", "labs", "cruxes", "risks", "approaches", "sources"]

WORDS = [
    "alignment",
    "oversight",
    "model",
    "models",
    "training",
    "reward",
    "feedback",
    "human",
    "humans",
    "evaluation",
    "debate",
    "interpretability",
    "feature",
    "features",
    "circuit",
    "circuits",
    "sparse",
    "autoencoder",
    "scalable",
    "supervision",
    "weak",
    "strong",
    "generalisation",
    "red",
    "teaming",
    "adversarial",
    "robustness",
    "constitution",
    "principles",
    "preference",
    "assistant",
    "assistants",
    "research",
    "researchers",
    "automated",
    "automation",
    "agent",
    "agents",
    "capability",
    "capabilities",
    "safety",
    "risk",
    "risks",
    "deception",
    "honesty",
    "monitoring",
    "control",
    "benchmark",
    "benchmarks",
    "results",
    "evidence",
    "progress",
    "compute",
    "budget",
    "frontier",
    "lab",
    "labs",
    "system",
    "systems",
    "policy",
    "verification",
    "detection",
    "recovery",
    "gap",
    "performance",
    "dataset",
    "datasets",
    "error",
    "errors",
    "judge",
    "judges",
    "behaviour",
    "latent",
    "knowledge",
    "probe",
    "probes",
    "steering",
    "evaluator",
    "evaluators",
    "task",
    "tasks",
    "the",
    "a",
    "of",
    "to",
    "in",
    "for",
    "with",
    "and",
    "on",
    "that",
    "by",
    "from",
    "at",
    "is",
    "are",
    "can",
    "may",
    "shows",
    "suggests",
    "improves",
    "reduces",
    "across",
    "between",
    "while",
    "under",
]


# --------------------------------------------------------------------------
# Counts
# --------------------------------------------------------------------------


def counts_of(ds: Dataset) -> dict[str, int]:
    """Per-kind record counts of a loaded pack, in the keys of ``BASE_COUNTS``."""
    counts = {
        "references": len(ds.references),
        "techniques": len(ds.techniques),
        "estimates": len(ds.estimates),
        "claims": len(ds.claims),
        "labs": len(ds.labs),
        "risks": len(ds.risks),
        "grades": len(ds.grades),
        "scores": len(ds.scores),
        "cruxes": len(ds.cruxes),
        "approaches": len(ds.approaches),
        "scalability": len(ds.scalability),
        "assessments": len(ds.assessments),
        "slides": len(ds.talk.slides) if ds.talk else 0,
    }
    for name in OUTLOOK_LISTS:
        counts[name] = len(getattr(ds.outlook, name))
    return counts


def base_counts(data_dir: Path | None) -> tuple[dict[str, int], str]:
    """(counts, where they came from): the shipped pack's when it validates, else BASE_COUNTS."""
    if data_dir is not None:
        from dashboard.pack.load import load_pack

        result = load_pack(data_dir)
        if result.ok and result.dataset is not None:
            return counts_of(result.dataset), f"the pack in {data_dir}"
    return dict(BASE_COUNTS), "BASE_COUNTS in tests/bench/synth.py"


def scaled(counts: Mapping[str, int], scale: int) -> dict[str, int]:
    out = {}
    for key, n in counts.items():
        if key in UNSCALED:
            out[key] = min(int(n), 50)
        else:
            out[key] = max(int(n), 1) * scale
    # the schema's own limits: one estimate per technique; at least a few labs to grade
    out["estimates"] = min(out["estimates"], out["techniques"])
    out["labs"] = max(out["labs"], 2)
    out["flow_nodes"] = max(out["flow_nodes"], 2)
    return out


# --------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------


class _Gen:
    def __init__(self, counts: Mapping[str, int], seed: int) -> None:
        self.n = dict(counts)
        self.rng = random.Random(seed)

    # text ---------------------------------------------------------------
    def words(self, lo: int, hi: int) -> str:
        r = self.rng
        return " ".join(r.choice(WORDS) for _ in range(r.randint(lo, hi)))

    def title(self, lo: int = 3, hi: int = 8) -> str:
        return self.words(lo, hi).capitalize()

    def sentence(self, lo: int = 10, hi: int = 28) -> str:
        return self.words(lo, hi).capitalize() + "."

    def para(self, k: int = 2) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(1, k)))

    # ids ----------------------------------------------------------------
    @staticmethod
    def ids(prefix: str, n: int) -> list[str]:
        return [f"{prefix}-{i:06d}" for i in range(1, n + 1)]

    def pick(self, pool: list[str], lo: int, hi: int) -> list[str]:
        k = min(self.rng.randint(lo, hi), len(pool))
        return sorted(self.rng.sample(pool, k)) if k else []

    def one(self, pool: list[str]) -> str:
        return self.rng.choice(pool)

    # records ------------------------------------------------------------
    def build(self) -> dict[str, object]:
        n, r = self.n, self.rng
        self.refs = self.ids("ref", n["references"])
        self.techs = self.ids("tech", n["techniques"])
        self.claim_ids = self.ids("claim", n["claims"])
        self.lab_ids = self.ids("lab", n["labs"])
        self.risk_ids = self.ids("risk", n["risks"])
        self.crux_ids = self.ids("crux", n["cruxes"])
        self.node_ids = self.ids("node", n["flow_nodes"])

        files: dict[str, object] = {}
        files["references.yaml"] = [self.reference(i, rid) for i, rid in enumerate(self.refs)]
        files["techniques.yaml"] = [self.technique(i, tid) for i, tid in enumerate(self.techs)]
        est_techs = r.sample(self.techs, n["estimates"])
        files["estimates.yaml"] = [self.estimate(i, t) for i, t in enumerate(est_techs)]
        files["claims.yaml"] = [self.claim(i, cid) for i, cid in enumerate(self.claim_ids)]
        files["labs.yaml"] = [self.lab(i, lid) for i, lid in enumerate(self.lab_ids)]
        files["risks.yaml"] = [self.risk(rid) for rid in self.risk_ids]
        files["grades.yaml"] = self.grades_meta()
        files["grades.csv"] = self.grade_rows("grades", "safety-index", LETTER_DOMAINS, lambda: r.choice(LETTERS))
        files["scores.csv"] = self.grade_rows(
            "scores", "percent-index", PERCENT_DOMAINS, lambda: f"{r.randint(0, 1000) / 10:g}"
        )
        files["cruxes.yaml"] = [self.crux(i, cid) for i, cid in enumerate(self.crux_ids)]
        files["approaches.yaml"] = [self.approach(i) for i in range(n["approaches"])]
        files["scalability.yaml"] = [self.concern(i) for i in range(n["scalability"])]
        files["assessments.yaml"] = [self.assessment(i) for i in range(n["assessments"])]
        files["outlook.yaml"] = self.outlook()
        if n["slides"]:
            files["talk.yaml"] = self.talk()
        files["pack.yaml"] = self.meta(list(files))
        return files

    def reference(self, i: int, rid: str) -> dict:
        r = self.rng
        ref: dict = {"id": rid, "title": self.title(4, 12)}
        if r.random() < 0.7:
            ref["authors"] = [self.title(2, 2) for _ in range(r.randint(1, 4))]
        if r.random() < 0.85:
            ref["year"] = r.randint(2016, 2026)
        ref["kind"] = r.choice(["paper", "web", "government", "article"])
        if r.random() < 0.8:
            ref["publisher"] = r.choice(["arXiv", "OpenAI", "Anthropic", "DeepMind", "LessWrong", "NeurIPS"])
        if r.random() < 0.6:
            ref["credibility"] = r.randint(1, 5)
        if r.random() < 0.5:
            ref["url"] = f"https://example.org/papers/{rid}"
        ref["summary"] = self.sentence(12, 30)
        return ref

    def technique(self, i: int, tid: str) -> dict:
        r = self.rng
        t: dict = {
            "id": tid,
            "name": self.title(2, 5),
            "ai_assisted": i % 3 == 0,
            "summary": self.para(2),
            "category": r.choice(["forward", "backward"]),
            "principle": r.choice(["robustness", "interpretability", "controllability", "ethicality"]),
            "maturity": r.choice(MATURITY),
        }
        if r.random() < 0.6:
            t["mechanism"] = self.sentence()
            t["key_limitation"] = self.sentence()
            t["scalability_limits"] = self.sentence()
            t["success_metrics"] = self.sentence()
        t["risks"] = self.pick(self.risk_ids, 0, 4)
        t["labs"] = self.pick(self.lab_ids, 0, 3)
        t["references"] = self.pick(self.refs, 1, 4)
        return t

    def range_(self, lo: int = 0, hi: int = 100) -> dict:
        a, b = sorted(self.rng.randint(lo, hi) for _ in range(2))
        return {"low": a, "high": b}

    def estimate(self, i: int, tech: str) -> dict:
        r = self.rng
        superhuman = {"unknown": True} if r.random() < 0.3 else {**self.range_(0, 60), "estimate": True}
        return {
            "id": f"est-{i + 1:06d}",
            "technique": tech,
            "current": {**self.range_(20, 95), "measure": self.words(2, 4)},
            "superhuman": superhuman,
            "confidence": r.choice(CONFIDENCE),
            "key_uncertainty": self.sentence(),
            "references": self.pick(self.refs, 1, 3),
        }

    def figure(self) -> dict:
        r = self.rng
        roll = r.random()
        if roll < 0.05:
            return {"unit": "percent", "unknown": True}
        if roll < 0.55:
            unit = r.choice(["percent", "percent", "f1-percent", "percentage-points"])
            if r.random() < 0.4:
                return {**self.range_(0, 100), "unit": unit}
            return {
                "value": round(r.uniform(0, 100), 1),
                "unit": unit,
                "qualifier": r.choice(["exact", "approximately", "more-than"]),
            }
        unit = r.choice(["count", "usd", "hours", "multiplier", "elo", "parameters", "fte"])
        value = round(10 ** r.uniform(0, 9), 2)
        return {"value": value, "unit": unit, "qualifier": r.choice(["exact", "at-least", "approximately"])}

    def claim(self, i: int, cid: str) -> dict:
        r = self.rng
        c: dict = {
            "id": cid,
            "quantity": f"quantity-{i // 3 + 1:06d}",  # about three sources per quantity
            "statement": self.sentence(12, 30),
            "figure": self.figure(),
            "measures": self.words(3, 8),
            "year": r.randint(2018, 2026),
            "estimate": r.random() < 0.2,
            "references": self.pick(self.refs, 1, 3),
            "stated_in": self.one(self.refs),
        }
        c["statement"] += f" The text dates it {c['year']}."  # a claim's year needs a source that gives it
        if r.random() < 0.7:
            c["technique"] = self.one(self.techs)
        if r.random() < 0.4:
            c["lab"] = self.one(self.lab_ids)
        if r.random() < 0.1:
            c["note"] = self.sentence()
        return c

    def lab(self, i: int, lid: str) -> dict:
        r = self.rng
        lab: dict = {
            "id": lid,
            "name": self.title(1, 3),
            "summary": self.sentence(),
            "key_technique": self.title(2, 4),
            "techniques": self.pick(self.techs, 1, 4),
            "results": self.pick(self.claim_ids, 0, 4),
            "results_text": self.sentence(),
            "deployment_status": self.words(2, 5),
            "strengths": [self.words(2, 6) for _ in range(r.randint(1, 3))],
            "references": self.pick(self.refs, 1, 3),
        }
        if r.random() < 0.6:
            lab["investment"] = {
                "figure": {"value": round(10 ** r.uniform(6, 10)), "unit": "usd", "qualifier": "approximately"},
                "basis": r.choice(["per-year", "raised"]),
                "estimate": r.random() < 0.5,
                "year": r.randint(2020, 2026),
                "references": self.pick(self.refs, 1, 2),
            }
        return lab

    def risk(self, rid: str) -> dict:
        r = self.rng
        return {
            "id": rid,
            "name": self.title(2, 5),
            "relevance": r.choice(RELEVANCE),
            "how_alignment_helps": self.sentence(),
            "techniques": self.pick(self.techs, 1, 4),
            "other_methods": [self.words(2, 4) for _ in range(r.randint(0, 2))],
            "references": self.pick(self.refs, 1, 2),
        }

    def grades_meta(self) -> dict:
        return {
            "scale": [{"letter": ltr, "gpa": g} for ltr, g in zip(LETTERS, GPA)],
            "scale_note": self.sentence(),
            "indices": [
                {
                    "id": "safety-index",
                    "name": "Synthetic Safety Index",
                    "edition": "Winter 2025",
                    "publisher": "Synthetic Institute",
                    "kind": "letter",
                    "domains": LETTER_DOMAINS,
                    "domain_labels": {d: d.replace("-", " ").capitalize() for d in LETTER_DOMAINS},
                    "description": self.sentence(),
                    "references": self.pick(self.refs, 1, 2),
                },
                {
                    "id": "percent-index",
                    "name": "Synthetic Percentage Index",
                    "edition": "2025",
                    "publisher": "Synthetic Institute",
                    "kind": "percent",
                    "domains": PERCENT_DOMAINS,
                    "description": self.sentence(),
                    "references": self.pick(self.refs, 1, 2),
                },
            ],
        }

    def grade_rows(self, kind: str, index: str, domains: list[str], value) -> str:
        want = self.n[kind]
        header = "index,lab,domain,grade" if kind == "grades" else "index,lab,domain,percent"
        lines = [header]
        for lab in self.lab_ids:
            for domain in domains:
                if len(lines) > want:
                    break
                lines.append(f"{index},{lab},{domain},{value()}")
        return "\n".join(lines) + "\n"

    def evidence(self) -> dict:
        return {
            "text": self.sentence(),
            "claims": self.pick(self.claim_ids, 0, 2),
            "references": self.pick(self.refs, 0, 2),
        }

    def crux(self, i: int, cid: str) -> dict:
        r = self.rng
        positions = [
            {
                "id": f"position-{j + 1}",
                "label": self.title(2, 4),
                "summary": self.sentence(),
                "evidence_for": [self.evidence() for _ in range(r.randint(0, 2))],
                "evidence_against": [self.evidence() for _ in range(r.randint(0, 1))],
            }
            for j in range(r.randint(2, 3))
        ]
        return {
            "id": cid,
            "kind": r.choice(["ai-assisted", "technical", "strategic"]),
            "title": self.title(3, 7),
            "question": self.title(6, 12) + "?",
            "summary": self.para(2),
            "credence_question": self.title(5, 10) + "?",
            "low_position": positions[0]["id"],
            "high_position": positions[-1]["id"],
            "positions": positions,
            "related_techniques": self.pick(self.techs, 1, 3),
            "references": self.pick(self.refs, 1, 3),
        }

    def link(self) -> dict:
        return {"crux": self.one(self.crux_ids), "side": self.rng.choice(["low", "high"])}

    def approach(self, i: int) -> dict:
        r = self.rng
        return {
            "id": f"approach-{i + 1:06d}",
            "name": self.title(2, 4),
            "strengths": [self.words(3, 8) for _ in range(r.randint(1, 3))],
            "weaknesses": [self.words(3, 8) for _ in range(r.randint(1, 3))],
            "when_to_prefer": [self.words(3, 8) for _ in range(r.randint(1, 2))],
            "techniques": self.pick(self.techs, 0, 3),
            "favoured_when": [self.link() for _ in range(r.randint(0, 2))],
            "references": self.pick(self.refs, 1, 2),
        }

    def concern(self, i: int) -> dict:
        r = self.rng
        c: dict = {
            "id": f"concern-{i + 1:06d}",
            "challenge": self.title(2, 5),
            "current_status": self.words(2, 5),
            "limitations": self.sentence(),
            "agi_implications": self.sentence(),
            "proposed_solutions": [self.words(2, 5) for _ in range(r.randint(1, 3))],
        }
        if r.random() < 0.7:
            c["success_probability"] = {**self.range_(5, 90), "unit": "percent"}
            c["success_target"] = self.words(3, 6)
        else:
            c["success_status"] = self.words(2, 4)
        c["claims"] = self.pick(self.claim_ids, 0, 2)
        c["references"] = self.pick(self.refs, 1, 2)
        return c

    def assessment(self, i: int) -> dict:
        r = self.rng
        rows = []
        for _ in range(r.randint(3, 8)):
            row: dict = {"dimension": self.title(1, 3), "rating": self.words(1, 3)}
            if r.random() < 0.5:
                row["grade"] = r.choice(LETTERS)
            row["confidence"] = r.choice(["High", "Medium", "Low"])
            row["evidence"] = self.sentence()
            row["claims"] = self.pick(self.claim_ids, 0, 2)
            rows.append(row)
        return {
            "id": f"assessment-{i + 1:06d}",
            "kind": r.choice(
                ["quick-assessment", "evaluation-summary", "risk-assessment", "capability-gap", "joint-evaluation"]
            ),
            "title": self.title(2, 5),
            "columns": {"dimension": "Dimension", "rating": "Rating", "evidence": "Evidence"},
            "rows": rows,
            "references": self.pick(self.refs, 1, 2),
        }

    def outlook(self) -> dict:
        n, r = self.n, self.rng
        base = dt.date(2020, 1, 1)
        return {
            "current_uses": [
                {
                    "id": f"use-{i + 1:06d}",
                    "application": self.title(2, 4),
                    "status": r.choice(MATURITY),
                    "promise": self.words(2, 5),
                    "technique": self.one(self.techs),
                }
                for i in range(n["current_uses"])
            ],
            "flow_nodes": [
                {"id": nid, "label": self.title(1, 4), "stage": ("current", "tasks", "future")[i % 3]}
                for i, nid in enumerate(self.node_ids)
            ],
            "flow_edges": [
                {"source": self.node_ids[i % len(self.node_ids)], "target": self.node_ids[(i + 1) % len(self.node_ids)]}
                for i in range(n["flow_edges"])
            ],
            "expert_survey": [
                {
                    "question": self.title(5, 10) + "?",
                    "median": f"{r.randint(5, 80)}%",
                    "range": f"{r.randint(0, 20)}-{r.randint(40, 99)}%",
                    "claims": self.pick(self.claim_ids, 0, 1),
                    "references": self.pick(self.refs, 1, 2),
                }
                for _ in range(n["expert_survey"])
            ],
            "timeline": [
                {
                    "id": f"phase-{i + 1:06d}",
                    "horizon": self.title(1, 2),
                    "years": f"{i + 1}-{i + 3} years",
                    "items": [self.words(3, 7) for _ in range(r.randint(1, 4))],
                }
                for i in range(n["timeline"])
            ],
            "events": [
                {
                    "id": f"event-{i + 1:06d}",
                    "date": base + dt.timedelta(days=r.randint(0, 2500)),
                    "precision": r.choice(["day", "month", "year"]),
                    "title": self.title(3, 6),
                    "text": self.sentence(),
                    "claims": self.pick(self.claim_ids, 0, 1),
                    "references": self.pick(self.refs, 1, 2),
                }
                for i in range(n["events"])
            ],
            "limitations": [
                {
                    "id": f"limitation-{i + 1:06d}",
                    "title": self.title(2, 5),
                    "text": self.para(2),
                    "claims": self.pick(self.claim_ids, 0, 1),
                    "references": self.pick(self.refs, 1, 2),
                }
                for i in range(n["limitations"])
            ],
            "automation_levels": [
                {
                    "level": i % 4 + 1,
                    "name": self.title(2, 4),
                    "described": r.random() < 0.75,
                    "description": self.sentence(),
                    "examples": [self.words(2, 5) for _ in range(r.randint(0, 2))],
                    "references": self.pick(self.refs, 1, 1),
                }
                for i in range(n["automation_levels"])
            ],
            "expert_views": [
                {
                    "id": f"view-{i + 1:06d}",
                    "person": self.title(2, 2),
                    "affiliation": self.title(1, 2),
                    "outlook": r.choice(["optimistic", "pessimistic", "mixed"]),
                    "view": self.sentence(),
                    "claims": self.pick(self.claim_ids, 0, 1),
                    "references": self.pick(self.refs, 1, 2),
                }
                for i in range(n["expert_views"])
            ],
            "oversight": [
                {
                    "id": f"oversight-{i + 1:06d}",
                    "name": self.title(2, 4),
                    "maturity": r.choice(MATURITY),
                    "benefits": self.words(3, 8),
                    "concerns": self.words(3, 8),
                    "leading_work": self.words(2, 4),
                    "technique": self.one(self.techs),
                    "references": self.pick(self.refs, 1, 2),
                }
                for i in range(n["oversight"])
            ],
            "rlhf_metrics": [
                {
                    "id": f"metric-{i + 1:06d}",
                    "metric": self.title(2, 4),
                    "claim": self.one(self.claim_ids),
                    "method": self.words(2, 5),
                    "venue": self.words(1, 3),
                }
                for i in range(n["rlhf_metrics"])
            ],
            "beliefs": [
                {
                    "id": f"belief-{i + 1:06d}",
                    "text": self.sentence(6, 14),
                    "fit": r.choice(["good-fit", "less-relevant"]),
                    "links": [self.link() for _ in range(r.randint(1, 2))],
                    "references": self.pick(self.refs, 1, 1),
                }
                for i in range(n["beliefs"])
            ],
        }

    def talk(self) -> dict:
        return {
            "title": "Synthetic talk",
            "slides": [
                {
                    "id": f"slide-{i + 1:03d}",
                    "title": self.title(3, 6),
                    "page": PAGES[i % len(PAGES)],
                    "params": {},
                    "note": self.sentence(),
                }
                for i in range(self.n["slides"])
            ],
        }

    def meta(self, names: list[str]) -> dict:
        review = {"last_reviewed": dt.date(2026, 1, 1), "cadence_days": 90}
        return {
            "title": "Synthetic benchmark pack",
            "version": "1.0.0",
            "description": "A generated pack for benchmarks; every text in it is random words.",
            "licence": "CC0 1.0: generated test data.",
            "citation": "Synthetic benchmark pack, version 1.0.0.",
            "maintainers": ["Benchmarks"],
            "created": dt.date(2026, 1, 1),
            "sources": [
                {
                    "id": f"source-{i + 1}",
                    "title": self.title(2, 5),
                    "reference": self.refs[i % len(self.refs)],
                    "holds": self.sentence(),
                }
                for i in range(4)
            ],
            "files": {name: dict(review) for name in ["pack.yaml", *names]},
        }


def generate(counts: Mapping[str, int], seed: int = 0) -> dict[str, bytes]:
    """{file name: bytes} of a pack with exactly these record counts."""
    files = _Gen(counts, seed).build()
    out: dict[str, bytes] = {}
    for name in sorted(files):
        doc = files[name]
        if isinstance(doc, str):
            out[name] = doc.encode("utf-8")
        else:
            text = yaml.dump(
                doc, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
            )
            out[name] = text.encode("utf-8")
    return out


def write_pack(out: Path, scale: int, *, seed: int = 0, counts: Mapping[str, int] | None = None) -> dict[str, int]:
    """Write the pack at ``scale`` x ``counts`` (default BASE_COUNTS) into ``out``; -> the counts used."""
    want = scaled(counts or BASE_COUNTS, scale)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*"):
        if old.suffix in (".yaml", ".csv"):
            old.unlink()
    for name, data in generate(want, seed).items():
        (out / name).write_bytes(data)
    return want


def pack_bytes(directory: Path) -> int:
    return sum(p.stat().st_size for p in Path(directory).iterdir() if p.suffix in (".yaml", ".csv"))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--scale", type=int, default=1)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--out", required=True, type=Path)
    p.add_argument("--base", type=Path, default=None, help="take 1x counts from this pack when it validates")
    args = p.parse_args(argv)
    counts, origin = base_counts(args.base)
    used = write_pack(args.out, args.scale, seed=args.seed, counts=counts)
    print(f"{args.out}: {args.scale}x of {origin}: {sum(used.values()):,} records, {pack_bytes(args.out):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
