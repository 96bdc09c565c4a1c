"""The page list: every page file is audited, and the navigation lists every page.

Each page's drawing (title, charts with marks, tables, theme, headline figures not cut, a full-page
screenshot) is checked by the render audit at every screen (test_render_audit.test_pages)."""

from __future__ import annotations

from e2e_harness import EXPECTED, PAGES, ROOT, SIDEBAR, open_page


def test_every_page_file_is_tested():
    on_disk = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py") if not p.name.startswith("_")}
    assert on_disk == set(PAGES.values())
    assert set(EXPECTED) == set(PAGES)


def test_navigation_lists_every_page(page, server):
    open_page(page, server)
    links = page.locator(f'{SIDEBAR} [data-testid="stSidebarNavLink"]')
    paths = {links.nth(i).get_attribute("href").removeprefix(server.url).strip("/") for i in range(links.count())}
    assert paths == set(PAGES)
