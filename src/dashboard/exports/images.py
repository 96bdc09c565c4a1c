"""Chart images at slide size (PNG and SVG), made on the server with kaleido and the system Chromium.

Pure of streamlit. One warm kaleido server is started once per process
(``kaleido.start_sync_server(mathjax=False)``): the first image takes a couple
of seconds, later ones a fraction of a second. MathJax is off and plotly.js is
the copy bundled with plotly, so rendering never reaches another host.

- ``renderer_status() -> (ok, reason)``: whether images can be made here, and why not.
- ``render(fig, fmt)``: one image as bytes (1600x900 by default).
- ``charts_zip(items, progress=...)``: a ZIP with a PNG and an SVG per chart and a
  charts.txt naming each chart, its text alternative and its sources.
- ``png_size(data)`` and ``svg_root(data)`` read back what was made.
"""

from __future__ import annotations

import importlib.util
import io
import os
import re
import struct
import threading
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import plotly.graph_objects as go

EXPORT_WIDTH = 1600
EXPORT_HEIGHT = 900
FORMATS = ("png", "svg")
# On a slide the figure sits on white whatever the theme of the app.
EXPORT_BACKGROUND = "#FFFFFF"
EXPORT_TEXT = "#262730"

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

_lock = threading.Lock()  # one render at a time: the sync server is not safe for concurrent callers
_server_started = False


class ImagesUnavailable(RuntimeError):
    """Images cannot be made here (no Chromium, or the renderer failed to start)."""


# --------------------------------------------------------------------------
# Is there a renderer?
# --------------------------------------------------------------------------


def chromium_path() -> str | None:
    """The Chromium kaleido would use ($BROWSER_PATH, PATH, the usual places), or None."""
    try:
        from choreographer.browsers.chromium import Chromium

        found = Chromium.find_browser(skip_local=False)
    except Exception:
        found = None
    if found and os.path.isfile(found) and os.access(found, os.X_OK):
        return str(found)
    if os.environ.get("BROWSER_PATH"):
        return None  # an explicit choice that does not exist: kaleido would fail on it too
    import shutil

    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def renderer_status() -> tuple[bool, str]:
    """(True, '') when images can be made; else (False, a sentence saying why)."""
    # Looked up, not imported: importing kaleido takes about half a second, and this runs under
    # every chart of every page; kaleido is imported when the first image is made.
    if importlib.util.find_spec("kaleido") is None:
        return False, "Chart images need the kaleido package, which is not installed on this server."
    if chromium_path() is None:
        return False, (
            "Chart images are made with a headless Chromium on the server, and none is installed here. "
            "Use the camera icon on each chart to save a PNG from your browser instead."
        )
    return True, ""


def _ensure_server() -> None:
    global _server_started
    if _server_started:
        return
    ok, reason = renderer_status()
    if not ok:
        raise ImagesUnavailable(reason)
    import kaleido

    kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    _server_started = True


def _server_alive() -> bool:
    """False when the server thread died (e.g. Chromium refused to start): calling it would hang."""
    import kaleido

    server = getattr(kaleido, "_global_server", None)
    thread = getattr(server, "_thread", None)
    return thread is None or thread.is_alive()


# --------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------


def export_figure(fig: go.Figure, *, width: int = EXPORT_WIDTH, height: int = EXPORT_HEIGHT) -> go.Figure:
    """A copy of ``fig`` laid out for a slide: fixed size, white background, dark text."""
    out = go.Figure(fig)
    out.update_layout(
        width=width,
        height=height,
        paper_bgcolor=EXPORT_BACKGROUND,
        plot_bgcolor=EXPORT_BACKGROUND,
        font_color=EXPORT_TEXT,
    )
    return out


def render(
    fig: go.Figure, fmt: str = "png", *, width: int = EXPORT_WIDTH, height: int = EXPORT_HEIGHT, scale: float = 1
) -> bytes:
    """One image of ``fig`` as bytes: ``fmt`` is 'png' or 'svg'. Raises ImagesUnavailable."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    import kaleido

    with _lock:
        _ensure_server()
        if not _server_alive():
            raise ImagesUnavailable("The image renderer stopped; restart the dashboard to make images again.")
        try:
            data = kaleido.calc_fig_sync(
                export_figure(fig, width=width, height=height),
                opts={"format": fmt, "width": width, "height": height, "scale": scale},
            )
        except ImagesUnavailable:
            raise
        except Exception as err:
            raise ImagesUnavailable(f"The image renderer failed: {type(err).__name__}") from err
    return bytes(data)


_UNSAFE_NAME = re.compile(r"[^a-z0-9]+")


def file_stem(name: str) -> str:
    """A file-name-safe stem: 'Effectiveness: drop' -> 'effectiveness-drop'."""
    stem = _UNSAFE_NAME.sub("-", name.lower()).strip("-")
    return stem[:80] or "chart"


@dataclass(frozen=True)
class ChartImage:
    """A chart to put in the images ZIP."""

    name: str  # becomes the file name
    fig: go.Figure
    title: str = ""
    alt: str = ""
    sources: str = ""


def charts_zip(
    items: Iterable[ChartImage],
    *,
    formats: Iterable[str] = FORMATS,
    width: int = EXPORT_WIDTH,
    height: int = EXPORT_HEIGHT,
    progress: Callable[[int, int, str], None] | None = None,
) -> bytes:
    """A ZIP holding ``<name>.png`` and ``<name>.svg`` per chart and a charts.txt index.

    ``progress(done, total, name)`` is called after each image.
    """
    items = list(items)
    formats = list(formats)
    total = len(items) * len(formats)
    done = 0
    used: set[str] = set()
    index_lines = [f"Charts at {width}x{height} pixels (PNG) and as SVG.", ""]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for item in items:
            stem = file_stem(item.name)
            n = 2
            while stem in used:
                stem = f"{file_stem(item.name)}-{n}"
                n += 1
            used.add(stem)
            for fmt in formats:
                zf.writestr(f"{stem}.{fmt}", render(item.fig, fmt, width=width, height=height))
                done += 1
                if progress:
                    progress(done, total, item.name)
            index_lines.append(stem)
            for label, text in (("Title", item.title), ("Text alternative", item.alt), ("Sources", item.sources)):
                if text:
                    index_lines.append(f"  {label}: {text}")
            index_lines.append("")
        zf.writestr("charts.txt", "\n".join(index_lines))
    return buf.getvalue()


# --------------------------------------------------------------------------
# Reading images back
# --------------------------------------------------------------------------


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk; ValueError when it is not a PNG."""
    if not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return struct.unpack(">II", data[16:24])


def svg_root(data: bytes) -> tuple[str, dict[str, str]]:
    """(tag, attributes) of an SVG's root element, namespace removed."""
    import xml.etree.ElementTree as ET

    root = ET.fromstring(data)
    tag = root.tag.rsplit("}", 1)[-1]
    return tag, dict(root.attrib)
