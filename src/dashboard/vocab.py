"""Labels and colours, defined once and used by every table and chart.

Colours come from the Okabe-Ito palette, which stays distinguishable for the
common forms of colour blindness; no encoding relies on red against green.
"""

from __future__ import annotations

# Okabe-Ito
BLACK = "#000000"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#8C8C8C"

# Shown in a table cell the data leaves empty (a reference without a year, a score without a GPA).
MISSING = "—"

CATEGORY_LABELS = {"forward": "Forward (training)", "backward": "Backward (verification)"}
CATEGORY_COLOURS = {"forward": BLUE, "backward": ORANGE, None: GREY}

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
MATURITY_COLOURS = {
    "deployed": GREEN,
    "growing": BLUE,
    "developing": SKY,
    "research": PURPLE,
    "early": ORANGE,
    "limited": VERMILION,
    None: GREY,
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
CONFIDENCE_OPACITY = {"high": 1.0, "medium-high": 0.85, "medium": 0.7, "medium-low": 0.5, "low": 0.35}

RELEVANCE_ORDER = ["critical", "high", "medium", "low"]
RELEVANCE_LABELS = {"critical": "Critical", "high": "High", "medium": "Medium", "low": "Low"}
RELEVANCE_COLOURS = {"critical": VERMILION, "high": ORANGE, "medium": SKY, "low": GREY}

# The two sides of an effectiveness estimate.
CURRENT_COLOUR = BLUE
SUPERHUMAN_COLOUR = VERMILION
UNKNOWN_COLOUR = GREY

# Grades: a sequential, colour-blind-safe scale from F (dark) to A+ (light).
GRADE_COLOURSCALE = "Cividis"
LETTERS = ["A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-", "F"]

REFERENCE_KIND_LABELS = {"paper": "Paper", "web": "Web page", "government": "Government", "article": "Article"}

OUTLOOK_COLOURS = {"optimistic": BLUE, "pessimistic": VERMILION, "mixed": GREY}


def stars(credibility: int | None) -> str:
    """1-5 credibility as stars; unrated stays visibly unrated."""
    if credibility is None:
        return "unrated"
    return "★" * credibility + "☆" * (5 - credibility)

# The three columns of the how-it-works flow (outlook.flow_nodes[].stage), left to right.
FLOW_STAGE_ORDER = ["current", "tasks", "future"]
FLOW_STAGE_LABELS = {"current": "Today's AI helpers", "tasks": "Alignment tasks they do", "future": "Systems to be aligned"}
FLOW_STAGE_COLOURS = {"current": CURRENT_COLOUR, "tasks": GREEN, "future": SUPERHUMAN_COLOUR}
