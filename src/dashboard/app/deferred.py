"""Parts of a page below its first screen, drawn when the reader comes near them.

A fresh visitor's browser spends most of its first seconds drawing: every plotly chart and every table
of a page, also those far below the window. A deferred part is sent first as a box of about its height
(its heading above it) with a "Show" button, for the keyboard and for a browser without scripts. One
watcher per page (``install``) sees the boxes that come within a screen of the window and asks for one
run that draws them all. So the first screen is drawn sooner and the rest follows as the reader scrolls,
or at once in a window as tall as the page. Once drawn, a part stays drawn for the rest of the session.

- ``install()``: the page's watcher (the shell installs it before the page runs).
- ``pending(key, label)``: True while the part ``key`` waits; its box is drawn then.
- ``deferred_part(key, label, draw)``: calls ``draw()`` once the part is near, else draws its box.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from dashboard.pack.textsafe import md_escape

KEY = "near-watch"
BOX_SUFFIX = "-deferred"

# Boxes near the window (a screen above or below it) are sent in one trigger, 80 ms after the first is
# seen; a box still there two seconds after it was asked for is asked for again.
NEAR_JS = """
export default function ({ data, setTriggerValue }) {
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main) return;
  const prefix = "st-key-", suffix = data.suffix;
  const keyOf = (el) => {
    const c = Array.from(el.classList).find((n) => n.startsWith(prefix) && n.endsWith(suffix));
    return c ? c.slice(prefix.length, -suffix.length) : null;
  };
  const asked = new Set(), near = new Set();
  let timer = null;
  const send = () => {
    timer = null;
    const keys = Array.from(near).filter((k) => !asked.has(k));
    near.clear();
    if (!keys.length) return;
    keys.forEach((k) => asked.add(k));
    setTriggerValue("near", keys);
    setTimeout(() => { keys.forEach((k) => asked.delete(k)); watchAll(true); }, 2000);
  };
  const seen = new IntersectionObserver((entries) => {
    for (const e of entries) {
      const k = e.isIntersecting ? keyOf(e.target) : null;
      if (k) near.add(k);
    }
    if (near.size && !timer) timer = setTimeout(send, 80);
  }, { root: main.scrollHeight > main.clientHeight ? main : null, rootMargin: "100% 0px" });
  const watched = new WeakSet();
  const watchAll = (again) => {
    for (const box of main.querySelectorAll('[class*="' + suffix + '"]')) {
      if (!keyOf(box)) continue;
      if (again) { seen.unobserve(box); watched.delete(box); }
      if (!watched.has(box)) { watched.add(box); seen.observe(box); }
    }
  };
  const changes = new MutationObserver(() => watchAll(false));
  changes.observe(main, { childList: true, subtree: true });
  watchAll(false);
  return () => { seen.disconnect(); changes.disconnect(); if (timer) clearTimeout(timer); };
}
"""

_watch = st.components.v2.component("dashboard.near_watch", js=NEAR_JS)


def _state_key(key: str) -> str:
    return f"deferred-{key}-drawn"


def _draw(key: str) -> None:
    st.session_state[_state_key(key)] = True


def install() -> None:
    """The page's watcher (an element the stylesheet hides); marks the parts it reports as near as drawn."""
    result = _watch(key=KEY, data={"suffix": BOX_SUFFIX}, on_near_change=lambda: None)
    near = getattr(result, "near", None)
    if isinstance(near, list):
        for key in near:
            if isinstance(key, str) and len(key) <= 200:
                _draw(key)


def pending(key: str, label: str) -> bool:
    """True while the part ``key`` has not been near the window; its box is drawn then."""
    if st.session_state.get(_state_key(key)):
        return False
    with st.container(key=f"{key}{BOX_SUFFIX}"):
        st.button(
            f"Show {md_escape(label)}",
            key=f"{key}-show",
            type="tertiary",
            icon=":material/expand_more:",
            on_click=_draw,
            args=(key,),
            help=f"Draws {md_escape(label)} now; it is drawn by itself when you scroll to it.",
        )
    return True


def deferred_part(key: str, label: str, draw: Callable[[], object]) -> None:
    """``draw()`` once the reader has come near this part of the page, else the part's box."""
    if not pending(key, label):
        draw()
