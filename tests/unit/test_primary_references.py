"""A figure's primary reference comes first (captions, hovers, the data ZIP); BibTeX entries name an author or
an organisation. Data tests on the shipped pack: the claims and references are read from its files."""

from __future__ import annotations

from dashboard.analysis.references import primary_first
from dashboard.analysis.trust import hover_sources, reference_caption
from dashboard.exports import citation


def test_the_work_comes_before_the_page_quoting_it(shipped):
    """A chart listing the wiki page first and the paper after it names the paper first."""
    curated = [s.reference for s in shipped.meta.sources]
    claim = next(c for c in shipped.claims if any(r not in curated for r in c.references) and c.stated_in in curated)
    work = next(r for r in claim.references if r not in curated)
    listed = [claim.stated_in, work]  # as a chart's rows might collect them
    assert primary_first(shipped, listed) == [work, claim.stated_in]
    work_title = shipped.reference_by_id[work].title
    page_title = shipped.reference_by_id[claim.stated_in].title
    for text in (reference_caption(shipped, listed), hover_sources(shipped, listed)):
        assert -1 < text.find(work_title) < text.find(page_title), text


def test_every_bibtex_entry_has_title_author_year_and_url_where_the_pack_has_them(shipped):
    for ref in shipped.references:
        entry = citation.reference_bibtex(ref)
        assert "title = {" in entry
        if ref.authors or ref.publisher:
            assert "author = {" in entry, entry
        if ref.year is not None:
            assert f"year = {{{ref.year}}}" in entry
        if ref.url:
            assert "url = {" in entry
    # an organisation is kept whole: {{Longterm Wiki}}-style double braces
    org = next((r for r in shipped.references if not r.authors and r.publisher), None)
    if org is not None:
        assert "author = {{" in citation.reference_bibtex(org)


def test_licence_short_name():
    assert citation.licence_name("... original text of this pack, licensed CC BY 4.0. Verbatim quotes") == "CC BY 4.0"
    assert citation.licence_name("CC-BY-SA-4.0") == "CC BY-SA 4.0"
