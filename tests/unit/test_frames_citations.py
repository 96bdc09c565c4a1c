"""References as text: captions, source lists, links, Markdown-safe text."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.trust import reference_caption
from dashboard.pack.textsafe import md_escape, safe_url
from dashboard.views.frames.sources import sources_frame


def test_reference_caption_names_title_and_year(mini):
    # ref-paper: four stars, a link; ref-wiki: unrated, no link. A repeated id is named once.
    cap = reference_caption(mini, ["ref-paper", "ref-wiki", "ref-paper"])
    paper, wiki = mini.reference_by_id["ref-paper"], mini.reference_by_id["ref-wiki"]
    assert cap.startswith(
        f"Sources: {paper.title} ({paper.year}) — ★★★★☆; {wiki.title} ({wiki.year}) — unrated, no link"
    )
    assert cap.count(paper.title) == 1
    assert reference_caption(mini, []) == "Sources: none given."
    assert reference_caption(mini, ["not-a-ref"]).startswith("Sources: not-a-ref — not in the pack. ")


def test_sources_frame_stars_and_links(shipped):
    frame = sources_frame(shipped, [r.id for r in shipped.references])
    assert len(frame) == len(shipped.references)
    for row, ref in zip(frame.itertuples(), shipped.references):
        assert row.credibility == (
            "unrated" if ref.credibility is None else "★" * ref.credibility + "☆" * (5 - ref.credibility)
        )
        if ref.url:
            assert row.link == ref.url  # every pack url is http(s): the model refuses others
        else:
            assert pd.isna(row.link)


def test_safe_url():
    assert safe_url("https://example.org/x") == "https://example.org/x"
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,hi") is None
    assert safe_url("http:///nohost") is None
    assert safe_url(None) is None


def test_md_escape_makes_markup_literal():
    assert md_escape("$8.9B to $10B") == r"\$8.9B to \$10B"
    assert md_escape("[x](javascript:y)") == r"\[x\](javascript\:y)"
    assert md_escape(":red[alert] **bold** _it_") == r"\:red\[alert\] \*\*bold\*\* \_it\_"
    assert md_escape("<b>") == r"\<b\>"
    assert md_escape("# heading\n- item\n1. one") == "\\# heading\n\\- item\n1\\. one"
    assert md_escape("Title: a plain sentence (2023).") == "Title: a plain sentence (2023)."
