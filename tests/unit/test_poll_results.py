"""A talk's poll results as the presenter and `python -m dashboard talk-results` write them: one CSV row
per answer with what the poll asked and when it opened and closed, the same in JSON, no identifier of
a phone; and what the room's answers add up to (count, median, histogram, evidence lines)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from dashboard.analysis import polls
from dashboard.cli import main
from dashboard.exports import poll_results
from dashboard.store.sqlite_store import SqliteStore
from dashboard.views import talk as talks

VOTERS = ("phone-aaaaaaaa", "phone-bbbbbbbb", "phone-cccccccc")


@pytest.fixture
def live(tmp_path, monkeypatch, mini):
    """A talk of the minimal pack with one closed poll of three answers, in a store of its own."""
    monkeypatch.setenv("DASHBOARD_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.delenv("DASHBOARD_STORE", raising=False)
    store = SqliteStore(tmp_path / "state")
    talk, secret = store.start_talk("deck", 4)
    crux = polls_crux(mini)
    about = {"talk_title": "A talk", "slide": 2, "slide_id": "the-poll", "crux": crux.id,
             "question": crux.credence_question, "low": "Low", "high": "High"}  # fmt: skip
    store.open_poll(talk.id, secret, "the-poll", about)
    for voter, value in zip(VOTERS, (10, 55, 90), strict=True):
        store.answer(talk.id, "the-poll", voter, value)
    store.answer(talk.id, "the-poll", VOTERS[0], 20)  # replaces the first
    store.close_poll(talk.id, secret, "the-poll")
    return store, talk.id, crux


def polls_crux(ds):
    return next(c for c in ds.cruxes if c.credence_question and c.low_position and c.high_position)


def test_csv_has_one_row_per_phone_and_no_phone_ids(live):
    store, tid, crux = live
    rows = list(csv.DictReader(io.StringIO(poll_results.results_csv(poll_results.collect(store, tid)))))
    assert len(rows) == 3 and sorted(int(r["credence"]) for r in rows) == [20, 55, 90]
    assert tuple(rows[0]) == poll_results.CSV_COLUMNS
    assert {(r["talk"], r["slide"], r["crux"], r["question"]) for r in rows} == {
        (tid, "2", crux.id, crux.credence_question)
    }
    assert all(r["poll_opened"].endswith("Z") and r["poll_closed"].endswith("Z") and r["answered_at"] for r in rows)
    assert not any(v in " ".join(r.values()) for r in rows for v in VOTERS)


def test_the_command_line_writes_the_same_from_the_store(live, tmp_path, capsys):
    store, tid, crux = live
    assert main(["talk-results", tid, "--format", "csv"]) == 0
    assert capsys.readouterr().out == poll_results.results_csv(poll_results.collect(store, tid))
    out = tmp_path / "results.json"
    assert main(["talk-results", tid, "--format", "json", "--out", str(out)]) == 0
    doc = json.loads(out.read_text())
    (poll,) = doc["polls"]
    assert (poll["crux"], poll["n"], poll["median"], poll["state"]) == (crux.id, 3, 55, "closed")
    assert [a["credence"] for a in poll["answers"]] == [55, 90, 20]  # in the order stored; a replaced one last
    assert poll["poll_closed"] and "identifier" in doc["note"]
    assert main(["talk-results", "NoSuchTalk12"]) == 1 and "no talk NoSuchTalk12" in capsys.readouterr().err
    assert main(["talk-results", "bad id"]) == 2
    # An id that begins with "-" (none is made now, older stores may hold one) goes after "--".
    assert main(["talk-results", "--", "-NoSuchTalk1"]) == 1 and "no talk -NoSuchTalk1" in capsys.readouterr().err


def test_the_room_adds_up_to_a_count_a_median_and_ten_bins():
    d = polls.distribution([0, 9, 10, 55, 100], own=100)
    assert (d.n, d.median, d.counts, d.own_bin) == (5, 10, (2, 1, 0, 0, 0, 1, 0, 0, 0, 1), 9)
    assert (d.count_label, d.median_label) == ("5 answers", "median 10 %")
    assert polls.distribution([40, 61]).median_label == "median 50.5 %"
    assert polls.distribution([]).median_label == "no answers yet" and polls.distribution([7]).count_label == "1 answer"
    assert polls.pooled([10, 90]).median is None and polls.pooled([10, 20, 90]).median == 20


def test_a_poll_slide_shows_both_ends_with_a_line_of_their_evidence(shipped):
    slide = next(s for s in shipped.talk.slides if s.poll is not None)
    crux = talks.poll_crux(shipped, slide)
    ends = polls.sides(crux)
    assert [(e.side, e.credence) for e in ends] == [("low", 0), ("high", 100)]
    by_id = {p.id: p for p in crux.positions}
    for end, pid in zip(ends, (crux.low_position, crux.high_position), strict=True):
        position = by_id[pid]
        assert end.label == position.label and end.summary == position.summary
        first = next(e for e in position.evidence_for if e.claims)  # its first quantified piece
        assert end.evidence == f"{first.text} (+{len(position.evidence_for) - 1} more)"
