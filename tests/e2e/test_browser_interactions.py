"""What a reader does with the app, in a real browser: filter, set credences, share a link."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from e2e_harness import (
    SIDEBAR,
    assert_no_errors,
    chart_ticks,
    open_page,
    pick_options,
    pick_techniques,
    rerun,
    wait_for_run,
    wait_until,
)


def _drop_techniques(page, names: list[str]) -> None:
    for name in names:
        with rerun(page):
            page.locator(f"{SIDEBAR} .st-key-tech").get_by_role("button", name=f"Remove {name}", exact=True).click()


def _chosen_techniques(page) -> list[str]:
    tags = page.locator(f"{SIDEBAR} .st-key-tech [data-tag]")
    return [tags.nth(i).get_attribute("aria-label") for i in range(tags.count())]


def _recommendation(page) -> str:
    box = page.locator(".st-key-recommendation")
    box.wait_for()
    return box.inner_text().strip()


def _set_all_credences(page, key: str) -> None:
    """Move every crux slider to one end with the keyboard ("Home" = 0, "End" = 100)."""
    sliders = page.locator('[class*="st-key-c-"] input[type="range"]')
    assert sliders.count() >= 1, "no crux credence slider on the page"
    for i in range(sliders.count()):
        slider = sliders.nth(i)
        slider.focus()
        with rerun(page):
            slider.press(key)


def _credences(page) -> list[str]:
    sliders = page.locator('[class*="st-key-c-"] input[type="range"]')
    return [sliders.nth(i).input_value() for i in range(sliders.count())]


def test_crux_credences_change_the_recommendation_and_the_link_keeps_them(page, server, make_context):
    open_page(page, server, "cruxes")
    default = _recommendation(page)
    assert default

    _set_all_credences(page, "End")
    high = _recommendation(page)
    assert_no_errors(page)
    assert set(_credences(page)) == {"100"}

    _set_all_credences(page, "Home")
    low = _recommendation(page)
    assert_no_errors(page)
    assert set(_credences(page)) == {"0"}

    assert high != low, f"the recommendation did not move between credences 0 and 100:\n{high}"
    assert default not in (high, low), f"credences at one end read the same as the defaults:\n{default}"

    # The credences are in the link: a new reader opening it gets the same reading.
    link = page.url
    assert any(k.startswith("c-") for k in parse_qs(urlparse(link).query)), link
    fresh = make_context().new_page()
    fresh.goto(link)
    wait_for_run(fresh, min_runs=1)
    assert_no_errors(fresh)
    assert set(_credences(fresh)) == {"0"}
    assert _recommendation(fresh) == low


def test_a_filter_narrows_the_chart_and_a_link_reproduces_the_view_in_a_fresh_browser(page, server, make_context):
    # Build a view by hand: a sort order and two techniques.
    open_page(page, server, "effectiveness")
    everything = chart_ticks(page, "effectiveness")
    assert len(everything) >= 3, f"expected several techniques on the chart, got {everything}"
    radios = page.locator('.st-key-sort [role="radiogroup"] label')
    assert radios.count() >= 2
    with rerun(page):
        radios.nth(radios.count() - 1).click()
    sort_label = radios.nth(radios.count() - 1).inner_text().strip()
    ordered = chart_ticks(page, "effectiveness")
    keep = [ordered[1], ordered[-1]]
    pick_techniques(page, keep)
    assert_no_errors(page)
    chosen = _chosen_techniques(page)
    assert chosen == keep
    view = chart_ticks(page, "effectiveness")
    assert sorted(view) == sorted(keep), f"filter {keep} drew {view}"
    link = page.url
    query = parse_qs(urlparse(link).query)
    assert len(query.get("tech", [])) == 2 and "sort" in query, f"the view is not in the link: {link}"

    # A different reader opens the link: same filter, same sort, same chart.
    fresh = make_context().new_page()
    fresh.goto(link)
    wait_for_run(fresh, min_runs=1)
    assert_no_errors(fresh)
    assert _chosen_techniques(fresh) == chosen
    checked = fresh.locator('.st-key-sort [role="radiogroup"] label:has(input:checked)')
    assert checked.inner_text().strip() == sort_label
    assert chart_ticks(fresh, "effectiveness") == view

    # Clearing the filter brings every technique back.
    _drop_techniques(page, keep)
    assert _chosen_techniques(page) == []
    assert sorted(chart_ticks(page, "effectiveness")) == sorted(everything)


def test_a_comparison_link_draws_the_comparison(page, server, make_context):
    """Techniques: two techniques picked for comparison through the link give a table and a chart."""
    from dashboard.pack.load import default_data_dir, load_pack
    from dashboard.views.entry import entry

    # Two techniques the effectiveness chart draws (they have estimates), read from the pack the server shows.
    drawn = entry(load_pack(default_data_dir()).dataset, "effectiveness", "effectiveness", {})
    with_estimates = list(drawn.fig.layout.yaxis.categoryarray)[:2]
    open_page(page, server, "techniques")
    pick_options(page, ".st-key-compare", with_estimates)
    assert_no_errors(page)
    assert sorted(chart_ticks(page, "compare-effectiveness")) == sorted(with_estimates)
    link = page.url
    assert len(parse_qs(urlparse(link).query).get("compare", [])) == 2, link

    other = make_context().new_page()
    other.goto(link)
    wait_for_run(other, min_runs=1)
    assert_no_errors(other)
    assert sorted(chart_ticks(other, "compare-effectiveness")) == sorted(with_estimates)
    main = other.locator('[data-testid="stMain"]')
    assert "Pick at least two techniques" not in main.inner_text()
    # The explorer, the comparison and one table of figures per technique compared.
    assert main.locator('[data-testid="stDataFrame"]').count() >= 2 + len(with_estimates)


_CHART_TEXT_FILL_JS = (
    "() => getComputedStyle(document.querySelector('[data-testid=\"stPlotlyChart\"] .main-svg text')).fill"
)


def test_charts_follow_the_readers_theme_when_it_changes(page, server):
    """The reader's system turns dark while Labs is open, then light again: the page runs again once for each
    change, and the charts' text takes the new theme's colour (dark text on a dark page before)."""
    from render_audit import parse_colour

    from dashboard.views.style import TEXT_ON

    open_page(page, server, "labs")
    shown = page.evaluate(_CHART_TEXT_FILL_JS)
    assert parse_colour(shown) == parse_colour(TEXT_ON["light"])
    for theme in ("dark", "light"):
        with rerun(page):
            page.emulate_media(color_scheme=theme)
        wait_until(page, f"(before) => ({_CHART_TEXT_FILL_JS})() !== before", arg=shown, timeout=20_000)
        shown = page.evaluate(_CHART_TEXT_FILL_JS)
        assert parse_colour(shown) == parse_colour(TEXT_ON[theme]), f"{theme}: chart text {shown}"
        assert_no_errors(page)
