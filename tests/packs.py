"""Where the tests' packs are: the shipped one (or a copy named by $DASHBOARD_TEST_SHIPPED_DIR) and the minimal one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
MINIMAL_DIR = ROOT / "tests" / "fixtures" / "minimal"
# Data tests and the logic tests that read the shipped pack load it from here; the one-figure-edit
# test (tests/data/test_data_edit.py) points it at an edited copy.
SHIPPED_DIR = Path(os.environ.get("DASHBOARD_TEST_SHIPPED_DIR") or ROOT / "data")


# The minimal pack with index editions: its letter index (safety-index) becomes the page's summary of
# the Winter 2025 edition of a series that also has a Summer 2025 edition, and its percent index
# (lab-watch) the page's summary of an October 2025 edition. The summary differs from Winter in two
# cells and from Summer in one; Lab One goes up from Summer to Winter, Lab Two stays and shares Winter's
# best grade with it; Lab Three is graded only in Winter; Lab Four has no grades and a one-off sum raised.
EDITIONS_INDICES = [
    {
        "id": "safety-winter",
        "name": "Safety Index",
        "edition": "Winter 2025 (published December 2025)",
        "publisher": "Test Institute",
        "kind": "letter",
        "domains": ["overall", "risk-assessment"],
        "domain_labels": {"overall": "Overall grade", "risk-assessment": "Risk assessment"},
        "description": "The Winter edition as published.",
        "references": ["ref-paper"],
        "series": "safety",
        "published": "2025-12",
    },
    {
        "id": "safety-summer",
        "name": "Safety Index",
        "edition": "Summer 2025 (published July 2025)",
        "publisher": "Test Institute",
        "kind": "letter",
        "domains": ["overall", "risk-assessment"],
        "domain_labels": {"overall": "Overall grade", "risk-assessment": "Risk assessment"},
        "description": "The Summer edition as published.",
        "references": ["ref-wiki"],
        "series": "safety",
        "published": "2025-07",
    },
    {
        "id": "watch-october",
        "name": "Lab Watch ratings",
        "edition": "October 2025",
        "publisher": "Test Watch",
        "kind": "percent",
        "domains": ["overall"],
        "description": "The ratings as published.",
        "references": ["ref-gov"],
        "series": "watch",
        "published": "2025-10",
    },
]
EDITIONS_GRADES = """\
safety-winter,lab-one,overall,B
safety-winter,lab-one,risk-assessment,C
safety-winter,lab-two,overall,B
safety-winter,lab-two,risk-assessment,B
safety-winter,lab-three,overall,F
safety-summer,lab-one,overall,C
safety-summer,lab-one,risk-assessment,F
safety-summer,lab-two,overall,B
safety-summer,lab-two,risk-assessment,A
"""
EDITIONS_SCORES = "watch-october,lab-one,overall,42\nwatch-october,lab-two,overall,18\n"
EDITIONS_LABS = [
    {"id": "lab-three", "name": "Lab Three", "references": ["ref-gov"]},
    {
        "id": "lab-four",
        "name": "Lab Four",
        "investment": {
            "figure": {"value": 2000000000, "unit": "usd"},
            "basis": "raised",
            "year": 2025,
            "references": ["ref-paper"],
        },
        "references": ["ref-wiki"],
    },
]


def write_editions_pack(folder: Path) -> Path:
    """The editions pack (see EDITIONS_INDICES) written out as files, so it is validated like any pack."""
    folder = Path(folder)
    shutil.copytree(MINIMAL_DIR, folder)
    meta = yaml.safe_load((folder / "grades.yaml").read_text(encoding="utf-8"))
    summary, percent = meta["indices"]
    summary.update(name="Test page's summary of the Safety Index", summary_of="safety-winter")
    percent.update(name="Test page's summary of Lab Watch ratings", summary_of="watch-october")
    meta["indices"] = [summary, percent, *EDITIONS_INDICES]
    (folder / "grades.yaml").write_text(yaml.safe_dump(meta, sort_keys=False), encoding="utf-8")
    labs = yaml.safe_load((folder / "labs.yaml").read_text(encoding="utf-8"))
    (folder / "labs.yaml").write_text(yaml.safe_dump([*labs, *EDITIONS_LABS], sort_keys=False), encoding="utf-8")
    with open(folder / "grades.csv", "a", encoding="utf-8") as fh:
        fh.write(EDITIONS_GRADES)
    with open(folder / "scores.csv", "a", encoding="utf-8") as fh:
        fh.write(EDITIONS_SCORES)
    return folder


# The minimal pack with more cruxes: a second credence crux (oversight-holds), a technical and a strategic
# one, and a less-relevant belief held at the low end of debate-works.
CRUXES_EXTRA = """
- id: oversight-holds
  kind: ai-assisted
  title: Does oversight hold?
  question: Will human oversight keep up with faster models?
  summary: Whether people can still check what the models do.
  credence_question: How likely is oversight to hold?
  low_position: breaks
  high_position: holds
  positions:
    - id: holds
      label: It holds
      summary: Tools keep people in the loop.
    - id: breaks
      label: It breaks
      summary: Models outpace the checks.
  references: [ref-gov]
- id: interp-scales
  kind: technical
  title: Will probes keep up?
  question: Can interpretability keep up with larger models?
  summary: Methods may hit limits.
  related_techniques: [debate]
  references: [ref-wiki]
- id: values-specifiable
  kind: strategic
  title: Can values be written down?
  question: Can values be written down precisely enough to train on?
  summary: Still unsolved.
  related_techniques: [rlhf]
  references: [ref-wiki]
"""
BELIEFS_EXTRA = """  - id: belief-hopeless
    text: Debate is hopeless
    fit: less-relevant
    links:
      - crux: debate-works
        side: low
    references:
      - ref-wiki
"""


def write_cruxes_pack(folder: Path) -> Path:
    """The minimal pack plus CRUXES_EXTRA and BELIEFS_EXTRA (outlook.yaml ends with its beliefs)."""
    folder = Path(folder)
    shutil.copytree(MINIMAL_DIR, folder)
    for name, extra in (("cruxes.yaml", CRUXES_EXTRA), ("outlook.yaml", BELIEFS_EXTRA)):
        with open(folder / name, "a", encoding="utf-8") as fh:
            fh.write(extra)
    return folder


def write_many_risks_pack(folder: Path, n_risks: int = 60, n_techniques: int = 45, *, classify: bool = True) -> Path:
    """The minimal pack plus ``n_risks`` risks ("Risk 00" ...) and ``n_techniques`` techniques
    ("Technique 00" ...): too many for the Risks page's coverage matrix to show one by one.

    Technique i has category forward, backward or none (i % 3) and principle robustness or none (i % 2),
    so its group cycles with i % 6 ("unclassified" at 5); with ``classify=False`` all of them are
    forward, robustness. Risk j has relevance critical..low (j % 4) and names techniques j and 3j + 1
    (modulo their number); technique i names risk 2i when there is one."""
    folder = Path(folder)
    shutil.copytree(MINIMAL_DIR, folder)
    techniques = []
    for i in range(n_techniques):
        tech: dict = {"id": f"tech-{i:02d}", "name": f"Technique {i:02d}", "ai_assisted": False}
        tech["summary"] = f"Synthetic technique {i}."
        category = ("forward", "backward", None)[i % 3] if classify else "forward"
        principle = ("robustness", None)[i % 2] if classify else "robustness"
        if category:
            tech["category"] = category
        if principle:
            tech["principle"] = principle
        if 2 * i < n_risks:
            tech["risks"] = [f"risk-{2 * i:02d}"]
        tech["references"] = ["ref-wiki"]
        techniques.append(tech)
    risks = [
        {
            "id": f"risk-{j:02d}",
            "name": f"Risk {j:02d}",
            "relevance": ("critical", "high", "medium", "low")[j % 4],
            "how_alignment_helps": f"Synthetic risk {j}.",
            "techniques": list(
                dict.fromkeys([f"tech-{j % n_techniques:02d}", f"tech-{(3 * j + 1) % n_techniques:02d}"])
            ),
            "references": ["ref-gov"],
        }
        for j in range(n_risks)
    ]
    for name, extra in (("techniques.yaml", techniques), ("risks.yaml", risks)):
        records = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        (folder / name).write_text(yaml.safe_dump([*records, *extra], sort_keys=False), encoding="utf-8")
    return folder


def write_many_labs_pack(folder: Path, n_labs: int = 40) -> Path:
    """The minimal pack plus ``n_labs`` labs ("Lab 00" ...): too many for a Labs chart to draw one by one.

    Lab i is graded ("A", "B", "C", "F")[i % 4] for risk assessment and ("F", "C", "B", "A")[i % 4] for
    governance by the Safety Index, scored i percent by Lab Watch (so the two order many pairs the other way
    round), and spends (i + 1) million USD a year."""
    folder = Path(folder)
    shutil.copytree(MINIMAL_DIR, folder)
    labs = [
        {
            "id": f"lab-{i:02d}",
            "name": f"Lab {i:02d}",
            "investment": {
                "figure": {"value": (i + 1) * 1_000_000, "unit": "usd"},
                "basis": "per-year",
                "year": 2025,
                "references": ["ref-gov"],
            },
            "references": ["ref-wiki"],
        }
        for i in range(n_labs)
    ]
    records = yaml.safe_load((folder / "labs.yaml").read_text(encoding="utf-8"))
    (folder / "labs.yaml").write_text(yaml.safe_dump([*records, *labs], sort_keys=False), encoding="utf-8")
    with open(folder / "grades.csv", "a", encoding="utf-8") as fh:
        for i in range(n_labs):
            fh.write(f"safety-index,lab-{i:02d},risk-assessment,{'ABCF'[i % 4]}\n")
            fh.write(f"safety-index,lab-{i:02d},governance,{'FCBA'[i % 4]}\n")
    with open(folder / "scores.csv", "a", encoding="utf-8") as fh:
        for i in range(n_labs):
            fh.write(f"lab-watch,lab-{i:02d},overall,{i}\n")
    return folder


def write_long_outlook_pack(folder: Path, n_events: int = 30, n_challenges: int = 25) -> Path:
    """The minimal pack plus ``n_events`` dated events ("Event 00" on 2020-01-01, then a month apart) and
    ``n_challenges`` scalability challenges ("Challenge 00" ...; every third one without a probability):
    more than the Approaches page's timeline and range chart draw."""
    folder = Path(folder)
    shutil.copytree(MINIMAL_DIR, folder)
    outlook = yaml.safe_load((folder / "outlook.yaml").read_text(encoding="utf-8"))
    outlook["events"] = [
        *outlook["events"],
        *(
            {
                "id": f"event-{i:02d}",
                "date": f"{2020 + i // 12}-{i % 12 + 1:02d}-01",
                "precision": "month",
                "title": f"Event {i:02d}",
                "text": f"Synthetic event {i}.",
                "references": ["ref-paper"],
            }
            for i in range(n_events)
        ),
    ]
    (folder / "outlook.yaml").write_text(yaml.safe_dump(outlook, sort_keys=False), encoding="utf-8")
    challenges = []
    for i in range(n_challenges):
        challenge: dict = {
            "id": f"challenge-{i:02d}",
            "challenge": f"Challenge {i:02d}",
            "current_status": "Open",
            "limitations": f"Synthetic limitation {i}.",
            "agi_implications": f"Synthetic implication {i}.",
            "references": ["ref-wiki"],
        }
        if i % 3:
            challenge["success_probability"] = {"low": i, "high": i + 10, "unit": "percent"}
        challenges.append(challenge)
    records = yaml.safe_load((folder / "scalability.yaml").read_text(encoding="utf-8"))
    (folder / "scalability.yaml").write_text(yaml.safe_dump([*records, *challenges], sort_keys=False), encoding="utf-8")
    return folder


def loaded(folder: Path):
    """The Dataset of the pack in ``folder``, which must load without a problem (they are listed if not)."""
    from dashboard.pack.load import load_pack

    result = load_pack(folder)
    assert result.ok, "\n".join(str(p) for p in result.problems)
    return result.dataset
