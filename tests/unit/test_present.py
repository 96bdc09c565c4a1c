"""Presentation mode: the chart catalogue, talks, slide stepping."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from dashboard.pack import models as m
from dashboard.views import catalogue
from dashboard.views import talk as talks
from dashboard.views.entry import entries, entry


def _talk(*slides: dict) -> m.Talk:
    return m.Talk(title="T", slides=[m.Slide(**{"note": "n", **s}) for s in slides])


# --------------------------------------------------------------------------
# Stepping
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "n", "expected"),
    [
        ("1", 10, 0),
        ("3", 10, 2),
        ("10", 10, 9),
        ("11", 10, 9),
        ("0", 10, 0),
        ("-4", 10, 0),
        ("x", 10, 0),
        (None, 10, 0),
        (" 2 ", 3, 1),
        ("5", 0, 0),
    ],
)
def test_slide_index(raw, n, expected):
    assert talks.slide_index(raw, n) == expected


def test_label_and_steps():
    assert talks.slide_label(2, 10) == "3 / 10"
    assert talks.next_index(2, 10) == 3 and talks.next_index(9, 10) == 9
    assert talks.previous_index(0) == 0 and talks.previous_index(4) == 3


# --------------------------------------------------------------------------
# The catalogue
# --------------------------------------------------------------------------


def test_every_view_builds_on_the_minimal_pack(mini):
    built = entries(mini)
    assert len(built) >= 5
    for v in built:
        assert isinstance(v.fig, go.Figure) and v.fig.data
        assert v.takeaway and v.alt.endswith(".") and not v.table.empty
        assert all(r in mini.reference_by_id for r in v.references)
        assert (v.page, v.view) in catalogue.VIEWS


def test_technique_parameter_narrows_a_view(mini):
    full = entry(mini, "effectiveness", "effectiveness")
    one = entry(mini, "effectiveness", "effectiveness", {"tech": ["debate"]})
    assert len(full.table) == 2 and len(one.table) == 1
    assert "AI Debate" in one.alt and "RLHF" not in one.alt
    # an unknown id is ignored like the sidebar filter ignores it: all techniques
    assert len(entry(mini, "effectiveness", "effectiveness", {"tech": "gone"}).table) == 2


def test_sort_parameter_orders_rows(mini):
    by_current = entry(mini, "effectiveness", "effectiveness", {"sort": "current"})
    by_drop = entry(mini, "effectiveness", "effectiveness", {"sort": "drop"})
    assert sorted(by_current.table.iloc[:, 0]) == sorted(by_drop.table.iloc[:, 0])


def test_credence_parameters_move_the_stance(mini):
    from dashboard.analysis import beliefs as b

    crux = b.credence_cruxes(mini)[0]
    low = entry(mini, "cruxes", "stance", {b.slider_key(crux.id): "0"})
    high = entry(mini, "cruxes", "stance", {b.slider_key(crux.id): "100"})
    assert low.takeaway != high.takeaway


def test_first_view_of_a_page_and_unknown_views(mini):
    assert entry(mini, "effectiveness", None).view == "effectiveness"
    assert entry(mini, "effectiveness", "no-such-chart") is None
    assert entry(mini, "overview" if not catalogue.page_views("overview") else "nowhere", None) is None


# --------------------------------------------------------------------------
# Talks
# --------------------------------------------------------------------------


def test_talk_problems_name_the_slide_and_the_fault(mini):
    talk = _talk(
        {
            "id": "a",
            "title": "A",
            "page": "effectiveness",
            "view": "effectiveness",
            "params": {"tech": ["debate"], "sort": "drop"},
        },
        {"id": "b", "title": "B", "page": "effectiveness", "view": "estimates"},
        {"id": "c", "title": "C", "page": "risks", "view": "coverage", "params": {"tech": "gone", "zoom": "2"}},
        {"id": "a", "title": "D", "page": "sources"},
    )
    problems = talks.talk_problems(mini, talk)
    assert problems == [
        "slide 2 (b): the effectiveness page has no chart 'estimates' (charts: effectiveness, oversight)",
        "slide 3 (c): tech='gone' is not a value of this view",
        "slide 3 (c): unknown parameter 'zoom'",
        "slide 4 (a): duplicate slide id",
    ]


def test_a_valid_talk_has_no_problems(mini):
    talk = _talk(
        {"id": "a", "title": "A", "page": "effectiveness", "view": "oversight", "params": {"tech": ["rlhf", "debate"]}},
        {"id": "b", "title": "B", "page": "sources", "view": "credibility"},
    )
    assert talks.talk_problems(mini, talk) == []


def test_default_talk_covers_every_view_and_validates(mini):
    talk = talks.default_talk(mini)
    assert [(s.page, s.view) for s in talk.slides] == list(catalogue.VIEWS)
    assert talks.talk_problems(mini, talk) == []
    assert talks.talk_of(mini) is mini.talk


def test_page_paths():
    assert catalogue.page_path("overview") == ""
    assert catalogue.page_path("labs") == "labs"


def test_a_disagreement_view_per_quantity(shipped):
    from dashboard.analysis import provenance as prov

    found = prov.disagreements(shipped)
    first = entry(shipped, "sources", "disagreement")
    assert first.variant == found[0].quantity  # the page's default: the first disagreement
    last = entry(shipped, "sources", "disagreement", {"dq": found[-1].quantity})
    assert set(last.table["measures"]) == {found[-1].measures}
    assert last.name == f"sources-disagreement-{found[-1].quantity}"
    # every disagreement is drawn once in the full set of charts
    names = [v.name for v in entries(shipped) if v.view == "disagreement"]
    assert names == [f"sources-disagreement-{d.quantity}" for d in found]


def test_link_params_use_the_labels_widgets_write(three_estimates):
    """On the minimal pack plus a second, differing debate-accuracy figure (a disagreement to choose)."""
    claim = three_estimates.claim_by_id["debate-accuracy"]
    params = {"tech": ["debate"], "sort": "drop", "dq": claim.quantity, "c-debate-works": "10"}
    link = catalogue.link_params(three_estimates, params)
    assert link["tech"] == [three_estimates.technique_by_id["debate"].name]
    assert link["sort"] == ["Drop from current to superhuman"]
    assert link["dq"] == [claim.measures]
    assert link["c-debate-works"] == ["10"]


def test_shipped_talk_fits_the_shipped_pack(shipped):
    assert shipped.talk is not None and 8 <= len(shipped.talk.slides) <= 14
    assert talks.talk_problems(shipped, shipped.talk) == []
    for slide in [s for s in shipped.talk.slides if s.kind == "chart"]:
        view = entry(shipped, slide.page, slide.view, talks.slide_params(slide))
        assert view is not None, slide.id
    dis = next(s for s in shipped.talk.slides if s.view == "disagreement")
    view = entry(shipped, "sources", "disagreement", talks.slide_params(dis))
    assert view.variant == dis.params["dq"]


# --------------------------------------------------------------------------
# The handout
# --------------------------------------------------------------------------


def test_handout_html_has_a_page_per_slide_with_its_note(mini):
    from dashboard.exports.handout import handout_html

    talk = talks.talk_of(mini)
    html_text = handout_html(mini)
    assert html_text.count('<section class="slide"') == len(talk.slides)
    for slide in talk.slides:
        assert "Speaker note:" in html_text
        assert slide.note.replace("'", "&#x27;")[:40] in html_text


@pytest.mark.slow
def test_handout_pdf_has_one_page_per_slide_with_title_and_note(tmp_path, mini, chromium, require_tool):
    import subprocess

    from dashboard.exports import handout

    require_tool("pdfinfo"), require_tool("pdftotext")
    ds = mini  # the shipped talk's handout is printed and measured by the render audit (test_pdfs)
    talk = talks.talk_of(ds)
    out = tmp_path / "handout.pdf"
    out.write_bytes(handout.handout_pdf(ds))
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages == len(talk.slides)
    assert "landscape" in info or _landscape(info), info
    for page, slide in enumerate(talk.slides, start=1):
        text = subprocess.run(
            ["pdftotext", "-f", str(page), "-l", str(page), str(out), "-"], capture_output=True, text=True, check=True
        ).stdout
        flat = " ".join(text.split())
        assert " ".join(slide.title.split()) in flat, (page, slide.title)
        assert " ".join(slide.note.split())[:60] in flat, (page, slide.note[:60])


def _landscape(info: str) -> bool:
    size = next(line for line in info.splitlines() if line.startswith("Page size:")).split()
    return float(size[2]) > float(size[4])
