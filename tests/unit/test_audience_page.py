"""The phones' page of a talk (exports.audience), on the minimal pack: what a slide shows, that pack
text is escaped everywhere, and that the figures are the dashboard's phone and wide layouts."""

from __future__ import annotations

import html
import json
import re

from dashboard.exports import audience
from dashboard.pack import models as m
from dashboard.views import variants
from dashboard.views.entry import pack_line, slide_entry


def _figures(fragment: str) -> dict:
    raw = re.search(r'<script type="application/json" class="figures">(.*?)</script>', fragment, re.S).group(1)
    return json.loads(raw)


def test_a_chart_slide_shows_counter_title_chart_sources_and_pack(mini):
    talk, deck = audience.deck_of(mini)
    i = next(i for i, s in enumerate(talk.slides) if s.kind == "chart" and s.view)
    slide = talk.slides[i]
    view = slide_entry(mini, slide)
    fragment = audience.slide_html(mini, talk, i)
    assert f'aria-label="Slide {i + 1} of {len(talk.slides)}">{i + 1} / {len(talk.slides)}</p>' in fragment
    assert f'<h1 id="slide-title">{html.escape(slide.title)}</h1>' in fragment
    assert f'aria-label="{html.escape(view.alt)}"' in fragment
    assert html.escape(view.sources) in fragment and "Sources" in fragment
    assert html.escape(pack_line(mini)) in fragment and f"version {mini.meta.version}" in fragment
    figs = _figures(fragment)
    assert figs["narrow"]["layout"]["meta"]["compact"] is True  # the dashboard's phone layout
    assert not figs["wide"]["layout"].get("meta", {}).get("compact")
    assert figs["wide"]["layout"]["font"]["color"] == variants.TEXT_ON["light"]
    assert len(deck) == 16 and audience.deck_of(mini)[1] == deck  # the same pack and talk: the same deck


def test_pack_text_is_escaped_in_the_page_and_cannot_close_the_figures_script(mini):
    # The pack's rules refuse markup; the page escapes anyway (built without the rules, as a leak would be).
    evil = "</script><script>alert(1)</script><b>x</b>"
    base = m.Slide(id="t", kind="title", title="T", note="n")
    talk = m.Talk.model_construct(
        title=evil,
        slides=[
            base.model_copy(update={"title": evil, "subtitle": evil}),
            base.model_copy(update={"id": "x", "kind": "text", "points": [evil]}),
        ],
    )
    for i in range(2):
        fragment = audience.slide_html(mini, talk, i)
        page = audience.page_html(mini, talk, i, fragment=fragment, events_url="/e", plotly_url="/p.js", seq=0)
        assert "<script>alert(1)" not in page and "<b>x</b>" not in page
        assert "&lt;/script&gt;" in page
    assert "<\\/script>" in audience._script_json({"a": evil}) and "</script>" not in audience._script_json({"a": evil})


def test_event_data_is_one_line_of_json(mini):
    talk, _ = audience.deck_of(mini)
    data = audience.event_data(4, 1, len(talk.slides), audience.slide_html(mini, talk, 1))
    assert "\n" not in data
    d = json.loads(data)
    assert (d["seq"], d["slide"], d["slides"]) == (4, 2, len(talk.slides)) and d["html"].startswith("<article")
