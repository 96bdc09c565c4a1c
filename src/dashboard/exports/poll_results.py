"""A talk's poll results to take away: CSV, JSON and each poll as a PNG (no Streamlit).

Read from the talk store (``collect``), so the presenter's download and ``python -m dashboard
talk-results`` write the same. Each poll carries what it asked (talk, slide, crux, question, kept
with it when it was opened), when it opened and closed, and each answer's credence and time. No
personal data and no identifier of a phone: the store keeps none that could be written here.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from dataclasses import dataclass

from dashboard.analysis import polls
from dashboard.store import Answer, Poll, Store

CSV_COLUMNS = ("talk", "talk_title", "slide", "slide_id", "crux", "question", "poll_opened", "poll_closed",
               "credence", "answered_at")  # fmt: skip


@dataclass(frozen=True)
class PollResult:
    poll: Poll
    answers: list[Answer]

    @property
    def distribution(self) -> polls.Distribution:
        return polls.distribution([a.value for a in self.answers])


def collect(store: Store, talk_id: str) -> list[PollResult]:
    """Every poll of the talk with its answers, in the order the polls were first opened."""
    return [PollResult(p, store.answers(talk_id, p.id)) for p in store.polls(talk_id)]


def iso(seconds: float | None) -> str:
    if seconds is None:
        return ""
    return dt.datetime.fromtimestamp(seconds, dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _about(r: PollResult) -> dict:
    a = r.poll.about
    return {
        "talk": r.poll.talk,
        "talk_title": a.get("talk_title", ""),
        "slide": a.get("slide", ""),
        "slide_id": a.get("slide_id", r.poll.id),
        "crux": a.get("crux", ""),
        "question": a.get("question", ""),
        "poll_opened": iso(r.poll.opened),
        "poll_closed": iso(r.poll.closed),
    }


def results_csv(results: list[PollResult]) -> str:
    """One row per answer (UTF-8, a header row first)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for r in results:
        about = _about(r)
        for a in r.answers:
            w.writerow([*about.values(), a.value, iso(a.at)])
    return out.getvalue()


def results_json(talk_id: str, results: list[PollResult]) -> str:
    polls_out = []
    for r in results:
        dist = r.distribution
        polls_out.append({
            **_about(r),
            "poll_closed": iso(r.poll.closed) or None,
            "state": r.poll.state,
            "n": dist.n,
            "median": dist.median,
            "answers": [{"credence": a.value, "answered_at": iso(a.at)} for a in r.answers],
        })  # fmt: skip
    doc = {
        "talk": talk_id,
        "note": "Credences 0-100 (100 = the crux's high position) sent by phones in the room; no personal "
        "data and no identifier of a phone. Times are UTC.",
        "polls": polls_out,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def results_name(talk_id: str, fmt: str) -> str:
    return f"talk-{talk_id}-poll-results.{fmt}"


def poll_caption(r: PollResult) -> str:
    """'12 answers, median 60 %, 2 Dec 2026, in the talk "TITLE"' (the PNG's and the handout's line)."""
    a = r.poll.about
    day = dt.datetime.fromtimestamp(r.poll.opened, dt.UTC).strftime("%-d %b %Y")
    title = a.get("talk_title", "")
    state = "" if r.poll.closed is not None else " (poll still open)"
    return f"{r.distribution.count_label}, {r.distribution.median_label}, {day}, in the talk \u201c{title}\u201d{state}"


def poll_png(r: PollResult) -> bytes:
    """The poll slide as a 1600x900 PNG: the question, the histogram, its N, date and talk. Raises ImagesUnavailable."""
    from dashboard.exports.images import SUBTITLE_FONT_SIZE, TITLE_FONT_SIZE, png_with_text, render
    from dashboard.views.figures.polls import poll_alt, poll_figure

    question = str(r.poll.about.get("question", r.poll.id))
    low, high = str(r.poll.about.get("low", "0")), str(r.poll.about.get("high", "100"))
    fig = poll_figure(r.distribution, low=low, high=high, font_px=22)
    fig.update_layout(
        title={"text": f"<b>{question}</b><br><span style='font-size:{SUBTITLE_FONT_SIZE + 4}px'>"
                       f"{poll_caption(r)}</span>", "x": 0.02, "xanchor": "left", "y": 0.96,
               "font": {"size": TITLE_FONT_SIZE, "color": "#000000"}},
        margin={"l": 40, "r": 40, "t": 170, "b": 120},
    )  # fmt: skip
    data = render(fig, "png")
    return png_with_text(data, {"Title": question, "Description": poll_alt(r.distribution, question),
                                "Comment": poll_caption(r)})  # fmt: skip
