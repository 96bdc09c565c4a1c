"""The words of the data: orders and labels of its categories, defined once for every table, chart and export.

Colours live with the rest of the look in ``dashboard.views.style``.
"""

from __future__ import annotations

# Shown in a table cell the data leaves empty (a reference without a year, a score without a GPA).
MISSING = "—"

CATEGORY_LABELS = {
    "forward": "Forward (training)",
    "backward": "Backward (verification)",
}

PRINCIPLE_LABELS = {
    "robustness": "Robustness",
    "interpretability": "Interpretability",
    "controllability": "Controllability",
    "ethicality": "Ethicality",
}

# Ordered from most to least mature.
MATURITY_ORDER = ["deployed", "growing", "developing", "research", "early", "limited"]
MATURITY_LABELS = {
    "deployed": "Deployed",
    "growing": "Growing",
    "developing": "Developing",
    "research": "Research",
    "early": "Early",
    "limited": "Limited",
}

CONFIDENCE_ORDER = ["high", "medium-high", "medium", "medium-low", "low"]
CONFIDENCE_LABELS = {
    "high": "High",
    "medium-high": "Medium-high",
    "medium": "Medium",
    "medium-low": "Medium-low",
    "low": "Low",
}
# Confidence is drawn as opacity: a surer estimate is a more solid bar.

RELEVANCE_ORDER = ["critical", "high", "medium", "low"]
RELEVANCE_LABELS = {
    "critical": "Critical",
    "high": "High",
    "medium": "Medium",
    "low": "Low",
}

# The two sides of an effectiveness estimate.

# Grades: a sequential, colour-blind-safe scale from F (dark) to A+ (light).
LETTERS = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F"]

REFERENCE_KIND_LABELS = {
    "paper": "Paper",
    "web": "Web page",
    "government": "Government",
    "article": "Article",
}


def stars(credibility: int | None) -> str:
    """1-5 credibility as stars; unrated stays visibly unrated."""
    if credibility is None:
        return "unrated"
    return "★" * credibility + "☆" * (5 - credibility)


# The three columns of the how-it-works flow (outlook.flow_nodes[].stage), left to right.
FLOW_STAGE_ORDER = ["current", "tasks", "future"]
FLOW_STAGE_LABELS = {
    "current": "Today's AI helpers",
    "tasks": "Alignment tasks they do",
    "future": "Systems to be aligned",
}
