"""Made-up frames of the how-it-works flow (the shapes ``frames.overview.flow_frames`` returns), for the
flow's layout tests."""

from __future__ import annotations

import pandas as pd

from dashboard.pack import vocab

CURRENT, TASKS, FUTURE = vocab.FLOW_STAGE_ORDER


def flow_frames(stages: dict[str, list[str]], edges: list[tuple[str, str]]) -> tuple[pd.DataFrame, pd.DataFrame]:
    nodes = [
        {"id": node, "label": node.replace("-", " ").title(), "stage": stage,
         "stage_label": vocab.FLOW_STAGE_LABELS[stage], "column": vocab.FLOW_STAGE_ORDER.index(stage), "row": row}
        for stage, ids in stages.items() for row, node in enumerate(ids)
    ]  # fmt: skip
    frame = pd.DataFrame(nodes)
    frame["n_in_column"] = frame.groupby("column")["id"].transform("count")
    return frame, pd.DataFrame(edges, columns=["source", "target"])


# Three helpers, each with its task, all tasks feeding one stronger model, which leads to the last.
CONVERGING = flow_frames(
    {CURRENT: ["red-teaming", "interpretability", "evaluation"], TASKS: ["find", "label", "assess"],
     FUTURE: ["stronger", "superhuman"]},
    [("red-teaming", "find"), ("interpretability", "label"), ("evaluation", "assess"), ("find", "stronger"),
     ("label", "stronger"), ("assess", "stronger"), ("stronger", "superhuman")],
)  # fmt: skip
