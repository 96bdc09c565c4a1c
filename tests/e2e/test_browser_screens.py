"""Every page on a phone, a laptop and a large screen, light and dark: layout, clipping and axe-core.

One browser context per screen (shared by its pages), the session's one server. Per page:
- the phone (390x844, touch, a mobile browser's user agent) opens with the sidebar collapsed;
- nothing scrolls sideways (the document and the main area);
- every chart's plotting area (plotly's ``.nsewdrag``) is at least 240 px wide on the phone;
- no chart text reaches past its chart's edge (a cut axis title or label);
- axe-core finds no serious or critical violation (WCAG 2.2 A/AA, plus heading order) outside the
  known problems of Streamlit's own markup listed in ``STREAMLIT_MARKUP``.
axe runs at two screens (``AXE_SCREENS``); screenshots of every page on the phone (light and dark) and the
1280x720 laptop go to the session's screenshot folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from e2e_harness import CHART, PAGES, RUN_HELP, assert_no_errors, open_page
from e2e_screens import _CONTENT_HEIGHT_JS

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
MOBILE_UA = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36"
)
SCREENS = {
    "phone-light": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
                    "user_agent": MOBILE_UA, "color_scheme": "light"},
    "phone-dark": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True,
                   "user_agent": MOBILE_UA, "color_scheme": "dark"},
    "laptop-light": {"viewport": {"width": 1280, "height": 720}, "color_scheme": "light"},
    "laptop-dark": {"viewport": {"width": 1366, "height": 768}, "color_scheme": "dark"},
    "wide-dark": {"viewport": {"width": 1920, "height": 1080}, "color_scheme": "dark"},
}  # fmt: skip
MIN_PLOT_WIDTH = 240
# axe-core on every page at two screens: a phone and a laptop, one dark and one light (the other screens
# share their markup and their theme's colours; axe takes most of this test's time).
AXE_SCREENS = ("phone-dark", "laptop-light")
# Full-page screenshots for a person to look at: every page on the phone and on the laptop.
SHOT_SCREENS = ("phone-light", "phone-dark", "laptop-light")

# Violations in Streamlit's own markup, not in the app's content: (axe rule, CSS selector fragment of the
# element) -> why it is allowed. Nothing else is.
STREAMLIT_MARKUP: dict[tuple[str, str], str] = {
    # st.navigation's sidebar list puts its section headers (divs) inside the <ul> of page links, so axe
    # finds a <ul> with non-<li> children and <li>s outside a list. Streamlit's markup, not the app's:
    # https://github.com/streamlit/streamlit/issues/8399 (basic accessibility of the generated page).
    ("list", ""): "stSidebarNavItems: section headers inside the list of page links",
    ("listitem", "li:nth-child"): "stSidebarNavItems: page links of a section",
}

_MEASURE_JS = """
() => {
  const sb = document.querySelector('[data-testid="stSidebar"]');
  const main = document.querySelector('[data-testid="stMain"]');
  const se = document.scrollingElement;
  const plots = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')]
    .filter(c => c.offsetParent !== null)
    .map(c => {
      const drags = [...c.querySelectorAll('.nsewdrag')].map(d => Math.round(d.getBoundingClientRect().width));
      const box = c.querySelector('.main-svg') ? c.querySelector('.main-svg').getBoundingClientRect() : null;
      const cut = [];
      if (box && box.width > 0) {
        for (const t of c.querySelectorAll('.main-svg text')) {
          const r = t.getBoundingClientRect();
          if (r.width === 0 || !t.textContent.trim()) continue;
          if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1) {
            cut.push(t.textContent.trim().slice(0, 40));
          }
        }
      }
      return {drags, cut, width: Math.round(c.getBoundingClientRect().width)};
    });
  return {
    sidebarCollapsed: sb ? sb.getAttribute('data-collapsed') : null,
    sidebarWidth: sb ? Math.round(sb.getBoundingClientRect().width) : 0,
    sidebarRight: sb ? Math.round(sb.getBoundingClientRect().right) : 0,
    scrollWidth: se.scrollWidth, innerWidth: window.innerWidth,
    mainScroll: main ? main.scrollWidth - main.clientWidth : 0,
    plots,
  };
}
"""

_AXE_JS = """
async () => {
  const r = await axe.run(document, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
    resultTypes: ['violations'], elementRef: true,
  });
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical' || v.id === 'heading-order')
    .flatMap(v => v.nodes.map(n => ({id: v.id, impact: v.impact, target: n.target.join(' '),
                                      inNav: !!(n.element && n.element.closest('[data-testid="stSidebarNav"]')),
                                      html: n.html.slice(0, 160), summary: (n.failureSummary || '').slice(0, 200)})));
}
"""


def allowed(violation: dict) -> bool:
    """A violation of a listed rule on an element inside Streamlit's sidebar navigation (axe names the
    element by position or by Streamlit's generated class, so the place decides, not the selector)."""
    return violation["inNav"] and any(violation["id"] == rule for rule, _ in STREAMLIT_MARKUP)


@pytest.fixture(scope="module")
def screen_contexts(browser):
    made: dict[str, object] = {}
    yield made
    for ctx in made.values():
        ctx.close()


def _context(browser, made, name):
    from conftest import new_context

    if name not in made:
        made[name] = new_context(browser, **SCREENS[name])
    return made[name]


def check_page(ctx, server, path: str, name: str, shots: Path | None) -> list[str]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing. {RUN_HELP}", pytrace=False)
    page = ctx.new_page()
    try:
        open_page(page, server, path)
        assert_no_errors(page)
        page.locator(CHART).locator(".main-svg").first.wait_for(state="visible", timeout=15_000) if page.locator(
            CHART
        ).count() else None
        m = page.evaluate(_MEASURE_JS)
        where = f"{name} /{path}"
        problems = []
        phone = name.startswith("phone")
        if phone and (m["sidebarCollapsed"] != "true" or m["sidebarRight"] > 1):
            problems.append(f"{where}: sidebar open on load (data-collapsed={m['sidebarCollapsed']})")
        if not phone and m["sidebarCollapsed"] != "false":
            problems.append(f"{where}: sidebar closed on a {m['innerWidth']} px screen")
        if m["scrollWidth"] > m["innerWidth"] or m["mainScroll"] > 0:
            problems.append(
                f"{where}: scrolls sideways ({m['scrollWidth']} > {m['innerWidth']}, main +{m['mainScroll']})"
            )
        for i, plot in enumerate(m["plots"]):
            narrow = [w for w in plot["drags"] if w < MIN_PLOT_WIDTH]
            if phone and plot["drags"] and max(plot["drags"]) < MIN_PLOT_WIDTH:
                problems.append(f"{where}: chart {i} plotting area {narrow} px wide")
            if plot["cut"]:
                problems.append(f"{where}: chart {i} text cut at its edge: {plot['cut'][:4]}")
        if shots is not None:  # the whole page: Streamlit scrolls inside its own main area
            size = page.viewport_size
            page.set_viewport_size({"width": size["width"], "height": min(page.evaluate(_CONTENT_HEIGHT_JS), 9000)})
            page.wait_for_timeout(300)  # plotly redraws on resize
            page.screenshot(path=str(shots / f"{name}-{path or 'overview'}.png"), animations="disabled")
            page.set_viewport_size(size)
        if name in AXE_SCREENS:
            page.add_script_tag(path=str(AXE))
            for v in page.evaluate(_AXE_JS):
                if not allowed(v):
                    problems.append(
                        f"{where}: axe {v['id']} ({v['impact']}) at {v['target']}: {v['summary']} {v['html']}"
                    )
        return problems
    finally:
        page.close()


@pytest.mark.timeout(400)
@pytest.mark.parametrize("name", list(SCREENS))
def test_every_page_fits_the_screen(browser, server, screen_contexts, screenshot_dir, name):
    ctx = _context(browser, screen_contexts, name)
    problems: list[str] = []
    for path in PAGES:
        problems += check_page(ctx, server, path, name, screenshot_dir if name in SHOT_SCREENS else None)
    assert not problems, "\n".join(problems)
