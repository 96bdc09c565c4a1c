"""Keyboard focus in the panels under a chart: opening one moves focus inside it, on screen; closing it
gives focus back to the button that opened it."""

from __future__ import annotations

from e2e_harness import RUN_TIMEOUT_MS, open_page, wait_until

_ACTIVE_JS = """
() => {
  const a = document.activeElement;
  if (!a) return null;
  const r = a.getBoundingClientRect();
  return {inPanel: !!a.closest('[data-testid="stPopoverBody"]'), text: (a.innerText || '').trim().slice(0, 60),
          onScreen: r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth,
          opener: !!a.closest('[data-testid="stPopover"]')};
}
"""


def test_download_panel_takes_focus_and_gives_it_back(page, server):
    open_page(page, server, "effectiveness")
    trigger = page.locator(".st-key-effectiveness-downloads").get_by_role("button", name="Download", exact=True)
    trigger.focus()
    page.keyboard.press("Enter")
    page.locator(".st-key-effectiveness-csv").first.wait_for(state="visible", timeout=RUN_TIMEOUT_MS)
    wait_until(
        page,
        "() => !!(document.activeElement && document.activeElement.closest('[data-testid=\"stPopoverBody\"]'))",
        timeout=RUN_TIMEOUT_MS,
    )
    inside = page.evaluate(_ACTIVE_JS)
    assert inside["inPanel"] and inside["onScreen"], inside
    page.keyboard.press("Escape")
    wait_until(
        page,
        "() => !!(document.activeElement && document.activeElement.closest('[data-testid=\"stPopover\"]'))",
        timeout=RUN_TIMEOUT_MS,
    )
    back = page.evaluate(_ACTIVE_JS)
    assert back["opener"] and back["onScreen"] and "Download" in back["text"], back
