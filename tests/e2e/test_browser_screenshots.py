"""Full-page screenshots of every page in the dark theme (the light ones come from the page tests).

The theme follows the browser's colour scheme (Streamlit's default, "use system setting"), so the
context emulates prefers-color-scheme: dark. The PNGs go to the folder printed at the end of the run.
"""

from __future__ import annotations

import pytest
from e2e_harness import PAGES, assert_no_errors, open_page
from e2e_screens import background_luminance, full_page_screenshot


@pytest.mark.parametrize("path", list(PAGES), ids=[p or "overview" for p in PAGES])
def test_dark_theme_screenshot(themed_page, server, screenshot_dir, path):
    page = themed_page("dark")
    open_page(page, server, path)
    assert_no_errors(page)
    luminance = background_luminance(page)
    assert luminance < 0.3, f"dark theme asked for, background luminance {luminance:.2f}"
    full_page_screenshot(page, screenshot_dir / f"{path or 'overview'}-dark.png")
