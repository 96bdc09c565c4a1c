"""A tiny valid pack, written to a directory: used to check the app on packs other than the shipped one."""

from __future__ import annotations

from pathlib import Path

import yaml

REFS = [
    {
        "id": "ref-a",
        "title": "Paper A",
        "year": 2023,
        "kind": "paper",
        "credibility": 4,
        "url": "https://example.org/a",
        "summary": "A paper.",
    },
    {"id": "ref-b", "title": "Page B", "year": 2024, "kind": "web", "summary": "A page."},
    {
        "id": "ref-src",
        "title": "Source text",
        "kind": "web",
        "credibility": 3,
        "url": "https://example.org/src",
        "summary": "The text.",
    },
]

TECHS = [
    {
        "id": "tech-one",
        "name": "Technique One",
        "ai_assisted": True,
        "summary": "First.",
        "category": "forward",
        "principle": "robustness",
        "maturity": "deployed",
        "labs": ["lab-x"],
        "risks": ["risk-a"],
        "references": ["ref-a"],
    },
    {
        "id": "tech-two",
        "name": "Technique Two",
        "ai_assisted": True,
        "summary": "Second.",
        "category": "backward",
        "principle": "interpretability",
        "maturity": "research",
        "labs": ["lab-y"],
        "references": ["ref-b"],
    },
    {"id": "tech-three", "name": "Technique Three", "ai_assisted": False, "summary": "Third.", "references": []},
]

ESTIMATES = [
    {
        "id": "est-one",
        "technique": "tech-one",
        "current": {"low": 80, "high": 90},
        "superhuman": {"low": 30, "high": 50, "estimate": True},
        "confidence": "medium",
        "key_uncertainty": "Whether it scales.",
        "references": ["ref-a"],
    },
    {
        "id": "est-two",
        "technique": "tech-two",
        "current": {"low": 40, "high": 60},
        "superhuman": {"unknown": True},
        "confidence": "low",
        "key_uncertainty": "Nobody knows.",
        "references": ["ref-b"],
    },
]

CLAIMS = [
    {
        "id": "claim-one",
        "quantity": "q-one",
        "statement": "Success fell from 86% to 4.4%.",
        "figure": {"value": 4.4, "unit": "percent"},
        "measures": "jailbreak success",
        "year": 2025,
        "note": "The page dates it 2025.",
        "references": ["ref-a"],
        "stated_in": "ref-src",
        "technique": "tech-one",
        "lab": "lab-x",
    },
    {
        "id": "claim-two",
        "quantity": "q-two",
        "statement": "Investment is about 8.9 billion dollars.",
        "figure": {"value": 8.9e9, "unit": "usd", "qualifier": "approximately"},
        "measures": "investment",
        "estimate": True,
        "references": ["ref-b"],
        "stated_in": "ref-src",
    },
    # Second figures for both quantities, as another text gives them: two disagreements.
    {
        "id": "claim-one-other",
        "quantity": "q-one",
        "statement": "Success fell to 5%.",
        "figure": {"value": 5, "unit": "percent"},
        "measures": "jailbreak success",
        "references": ["ref-b"],
        "stated_in": "ref-b",
        "year": 2024,
    },
    {
        "id": "claim-two-other",
        "quantity": "q-two",
        "statement": "Investment is about 10 billion dollars.",
        "figure": {"value": 1e10, "unit": "usd", "qualifier": "approximately"},
        "measures": "investment",
        "estimate": True,
        "references": ["ref-a"],
        "stated_in": "ref-a",
    },
]

LABS = [
    {
        "id": "lab-x",
        "name": "Lab X",
        "key_technique": "Technique One",
        "techniques": ["tech-one"],
        "results": ["claim-one"],
        "strengths": ["Fast"],
        "investment": {
            "figure": {"low": 1e8, "high": 2e8, "unit": "usd"},
            "basis": "per-year",
            "estimate": True,
            "references": ["ref-a"],
        },
        "references": ["ref-a"],
    },
    {
        "id": "lab-y",
        "name": "Lab Y",
        "investment": {"figure": {"value": 2e9, "unit": "usd"}, "basis": "raised", "references": ["ref-b"]},
    },
]

RISKS = [
    {
        "id": "risk-a",
        "name": "Risk A",
        "relevance": "high",
        "how_alignment_helps": "It helps.",
        "techniques": ["tech-one"],
        "references": ["ref-a"],
    }
]

GRADES_META = {
    "scale": [
        {"letter": "A", "gpa": 4.0},
        {"letter": "B", "gpa": 3.0},
        {"letter": "C", "gpa": 2.0},
        {"letter": "D", "gpa": 1.0},
        {"letter": "F", "gpa": 0.0},
    ],
    "scale_note": "Letters to points.",
    "indices": [
        {
            "id": "fli",
            "name": "Safety Index",
            "edition": "2025",
            "publisher": "FLI",
            "kind": "letter",
            "domains": ["overall", "risk"],
            "domain_labels": {"overall": "Overall", "risk": "Risk assessment"},
            "description": "Letter grades.",
            "references": ["ref-a"],
        },
        {
            "id": "pct",
            "name": "Percent index",
            "edition": "2025",
            "publisher": "P",
            "kind": "percent",
            "domains": ["overall"],
            "description": "Percent.",
            "references": ["ref-b"],
        },
    ],
}
GRADES_CSV = "index,lab,domain,grade\nfli,lab-x,overall,B\nfli,lab-x,risk,C\nfli,lab-y,overall,D\nfli,lab-y,risk,F\n"
SCORES_CSV = "index,lab,domain,percent\npct,lab-x,overall,30\npct,lab-y,overall,45\n"

CRUXES = [
    {
        "id": "crux-a",
        "kind": "ai-assisted",
        "title": "Crux A",
        "question": "Does it work?",
        "summary": "Maybe.",
        "references": ["ref-a"],
    }
]
APPROACHES = [
    {
        "id": "app-a",
        "name": "Approach A",
        "strengths": ["s"],
        "weaknesses": ["w"],
        "when_to_prefer": ["p"],
        "references": ["ref-a"],
    }
]
SCALABILITY = [
    {
        "id": "sc-a",
        "challenge": "Scale",
        "current_status": "Open",
        "limitations": "Many.",
        "agi_implications": "Some.",
        "references": ["ref-a"],
    }
]
ASSESSMENTS = [
    {
        "id": "qa-ai-assisted",
        "kind": "quick-assessment",
        "title": "Quick assessment",
        "columns": {"dimension": "Dimension", "rating": "Assessment", "evidence": "Evidence"},
        "rows": [{"dimension": "Tractability", "rating": "High", "evidence": "Works today.", "claims": ["claim-one"]}],
        "references": ["ref-src"],
    },
    {
        "id": "evaluation-summary",
        "kind": "evaluation-summary",
        "title": "Evaluation summary",
        "rows": [{"dimension": "Current effectiveness", "grade": "B", "confidence": "Medium"}],
        "references": ["ref-src"],
    },
]
OUTLOOK = {
    "current_uses": [
        {"id": "use-a", "application": "Red-teaming", "status": "deployed", "promise": "High", "technique": "tech-one"},
        {
            "id": "use-b",
            "application": "Code review",
            "status": "research",
            "promise": "Medium",
            "technique": "tech-two",
        },
    ],
    "flow_nodes": [
        {"id": "n1", "label": "Current AI", "stage": "current"},
        {"id": "n2", "label": "Task", "stage": "tasks"},
        {"id": "n3", "label": "Future AI", "stage": "future"},
    ],
    "flow_edges": [{"source": "n1", "target": "n2"}, {"source": "n2", "target": "n3"}],
    "expert_survey": [],
    "timeline": [],
    "events": [],
    "limitations": [],
    "automation_levels": [],
    "expert_views": [],
    "oversight": [],
    "rlhf_metrics": [],
    "beliefs": [],
}
META = {
    "title": "Mini pack",
    "version": "0.0.1",
    "description": "Test pack.",
    "licence": "CC BY 4.0",
    "citation": "Mini.",
    "created": "2025-01-01",
    "sources": [
        {
            "id": "src",
            "title": "Source",
            "reference": "ref-src",
            "holds": "All.",
            "updated": "2024-01-01",
            "cadence_days": 90,
        }
    ],
    "files": {"claims.yaml": {"last_reviewed": "2025-01-01", "cadence_days": 90}},
}

YAML_FILES = {
    "pack.yaml": META,
    "references.yaml": REFS,
    "techniques.yaml": TECHS,
    "estimates.yaml": ESTIMATES,
    "claims.yaml": CLAIMS,
    "labs.yaml": LABS,
    "risks.yaml": RISKS,
    "grades.yaml": GRADES_META,
    "cruxes.yaml": CRUXES,
    "approaches.yaml": APPROACHES,
    "scalability.yaml": SCALABILITY,
    "assessments.yaml": ASSESSMENTS,
    "outlook.yaml": OUTLOOK,
}


def write_minipack(directory: Path) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    for name, value in YAML_FILES.items():
        (directory / name).write_text(yaml.safe_dump(value, sort_keys=False, allow_unicode=True), encoding="utf-8")
    (directory / "grades.csv").write_text(GRADES_CSV, encoding="utf-8")
    (directory / "scores.csv").write_text(SCORES_CSV, encoding="utf-8")
    return directory
