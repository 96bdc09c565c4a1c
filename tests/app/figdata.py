"""Reading plotly figures out of an AppTest run: find a chart by key, decode plotly 7's typed arrays."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import numpy as np
from streamlit.testing.v1 import AppTest

_DTYPES = {
    "f8": np.float64,
    "f4": np.float32,
    "i1": np.int8,
    "i2": np.int16,
    "i4": np.int32,
    "u1": np.uint8,
    "u2": np.uint16,
    "u4": np.uint32,
}


def decode(value: Any) -> Any:
    """Recursively turn {"dtype", "bdata"[, "shape"]} into Python lists; leave everything else as is."""
    if isinstance(value, dict):
        if "bdata" in value and "dtype" in value:
            arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=_DTYPES[value["dtype"]])
            if "shape" in value:
                shape = [int(s) for s in str(value["shape"]).split(",")]
                arr = arr.reshape(shape)
            return arr.tolist()
        return {k: decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [decode(v) for v in value]
    return value


def charts(at) -> list:
    return list(at.get("plotly_chart"))


def chart(at, key: str):
    """The plotly_chart element whose widget id ends with ``key``."""
    found = [c for c in charts(at) if c.proto.id.endswith(f"-{key}")]
    assert found, f"no chart with key {key!r}; have {[c.proto.id for c in charts(at)]}"
    return found[0]


def spec(at, key: str) -> dict:
    return decode(json.loads(chart(at, key).proto.spec))


def config(at, key: str) -> dict:
    return json.loads(chart(at, key).proto.config)


def trace(fig: dict, name: str) -> dict:
    return next(t for t in fig["data"] if t.get("name") == name)


def table(at, *columns: str, nth: int = 0):
    """The nth st.dataframe whose value has all ``columns`` (dataframes carry no key in AppTest)."""
    found = [d.value for d in at.dataframe if all(c in d.value.columns for c in columns)]
    assert len(found) > nth, f"no table with columns {columns}"
    return found[nth]


def choose_tab(at, view: str, tab: str = "Table"):
    """Choose a chart's Table or Sources tab, as a reader clicks it: their content is drawn only when chosen."""
    at.session_state[f"{view}-view"] = tab
    at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_panel(at, *keys: str):
    """Open popovers and expanders drawn only when open (a chart's "Download", "Embed and cite";
    the sidebar's "Link to this view", "Present and download"), as a reader clicks them."""
    for key in keys:
        at.session_state[key] = True
    at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return at


APP = str(Path(__file__).resolve().parents[2] / "app.py")


def scroll_through(at: AppTest) -> AppTest:
    """Every part of the page drawn, as for a reader who scrolls to the bottom: the parts below the first
    screen wait behind a "Show" button (app.deferred), which the browser presses as they come near."""
    for _ in range(20):
        waiting = [b for b in at.button if (b.key or "").endswith("-show") and b.label.startswith("Show ")]
        if not waiting:
            return at
        for button in waiting:
            button.click()
        at.run(timeout=60)
    raise AssertionError("parts of the page were still waiting after 20 runs")


def open_on(monkeypatch, pack_dir, page: str | None = None) -> AppTest:
    """The app on the pack in ``pack_dir``, run headless, then switched to ``page`` (a path under pages/)."""
    monkeypatch.setenv("DASHBOARD_DATA_DIR", str(pack_dir))
    at = AppTest.from_file(APP)
    at.run(timeout=60)
    if page:
        at.switch_page(page)
        at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return scroll_through(at)


def open_page(monkeypatch, page: str | None = None) -> AppTest:
    """The app on the shipped pack, run headless, then switched to ``page`` (a path under pages/)."""
    monkeypatch.delenv("DASHBOARD_DATA_DIR", raising=False)
    at = AppTest.from_file(APP)
    at.run(timeout=60)
    if page:
        at.switch_page(page)
        at.run(timeout=60)
    assert not at.exception, [e.value for e in at.exception]
    return scroll_through(at)
