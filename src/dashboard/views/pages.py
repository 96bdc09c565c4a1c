"""The dashboard's pages, in navigation order: the one list the app, the catalogue, slides and the report read."""

from __future__ import annotations

from typing import NamedTuple


class Page(NamedTuple):
    name: str  # the file stem in pages/ and the url path (the overview is served at the root)
    title: str
    section: str  # the navigation's heading
    icon: str  # a Material Symbols name, as Streamlit writes it


PAGE_LIST = (
    Page("overview", "Overview", "Explore", ":material/home:"),
    Page("techniques", "Techniques", "Explore", ":material/science:"),
    Page("effectiveness", "Effectiveness", "Explore", ":material/trending_down:"),
    Page("labs", "Labs", "Explore", ":material/apartment:"),
    Page("cruxes", "Cruxes", "Evidence", ":material/call_split:"),
    Page("risks", "Risks", "Evidence", ":material/warning:"),
    Page("approaches", "Approaches", "Evidence", ":material/compare_arrows:"),
    Page("sources", "Sources", "Evidence", ":material/menu_book:"),
)
PAGES = tuple(p.name for p in PAGE_LIST)
PAGE_TITLES = {p.name: p.title for p in PAGE_LIST}
DEFAULT_PAGE = "overview"


def page_path(page: str) -> str:
    """The url path of a page: the overview is the app's root."""
    return "" if page == DEFAULT_PAGE else page
