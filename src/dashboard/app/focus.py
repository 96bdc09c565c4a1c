"""Keyboard focus for the panels under each chart ("Download", "Embed and cite") and the sidebar's.

Streamlit draws a popover's panel at the end of the page, so a keyboard reader who opened one reached
its buttons only after every other control, and tabbed onto buttons off-screen. One fixed, data-free
script (``FOCUS_JS``), bound once per window: when a panel opens, focus moves to its first control (once
its contents are drawn: they are drawn when opened); when it closes (Escape, or a click elsewhere), focus
goes back to the button that opened it, which is scrolled into view.
"""

from __future__ import annotations

import streamlit as st

FOCUS_JS = """
<script>
(() => {
  const w = window.parent && window.parent.document ? window.parent : window;
  if (w.__panelFocusBound) return;
  w.__panelFocusBound = true;
  const doc = w.document;
  const BODY = '[data-testid="stPopoverBody"]';
  const FOCUSABLE = 'button:not([disabled]), a[href], input:not([disabled]), textarea, select, [tabindex]:not([tabindex="-1"])';
  let opener = null;
  let tries = 0;
  const focusInside = () => {
    const body = doc.querySelector(BODY);
    const first = body && [...body.querySelectorAll(FOCUSABLE)].find((e) => e.offsetParent !== null);
    if (first) { first.focus({preventScroll: false}); first.scrollIntoView({block: 'nearest'}); return; }
    if (tries++ < 40) setTimeout(focusInside, 100);  // its contents are drawn by the rerun the click started
  };
  doc.addEventListener('click', (event) => {
    const trigger = event.target.closest('[data-testid="stPopover"] button');
    if (!trigger) return;
    opener = trigger;
    tries = 0;
    setTimeout(focusInside, 50);
  }, true);
  new w.MutationObserver(() => {
    if (opener && !doc.querySelector(BODY)) {
      const back = opener;
      opener = null;
      if (back.isConnected) { back.focus({preventScroll: true}); back.scrollIntoView({block: 'nearest'}); }
    }
  }).observe(doc.body, {childList: true, subtree: true});
})();
</script>
"""


def install() -> None:
    """Bind the script once per page run (it does nothing when already bound in this window)."""
    st.html(FOCUS_JS, unsafe_allow_javascript=True)
