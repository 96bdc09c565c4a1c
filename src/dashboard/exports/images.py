"""Chart images at slide size (PNG and SVG), made on the server with kaleido and the system Chromium.

Pure of streamlit. One warm kaleido server is started once per process
(``kaleido.start_sync_server(mathjax=False)``): the first image takes a couple
of seconds, later ones a fraction of a second. MathJax is off and plotly.js is
the copy bundled with plotly, so rendering never reaches another host.

- ``renderer_status() -> (ok, reason)``: whether images can be made here, and why not.
- ``render(fig, fmt)``: one image as bytes (1600x900 by default).
- ``standalone_figure(item)``: a captioned entry's figure laid out to stand alone: takeaway title,
  what is measured, and a footer with sources, pack title, version, review date, licence and link.
- ``render_view(item, fmt)``: that figure as an image; every image output (the per-chart
  buttons, the all-charts ZIP and ``python -m dashboard export``) goes through it.
- ``charts_zip(ds, items, progress=...)``: a ZIP with a standalone PNG and SVG per chart and a
  charts.txt naming each chart, its text alternative, its sources and its link.
- ``png_size(data)`` and ``svg_root(data)`` read back what was made.
"""

from __future__ import annotations

import importlib.util
import io
import struct
import textwrap
import threading
import zipfile
from collections.abc import Callable, Iterable
from html import escape

import plotly.graph_objects as go

from dashboard.analysis.references import licence_name
from dashboard.analysis.trust import last_reviewed
from dashboard.exports.browser import chromium_path
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import slug
from dashboard.views.entry import DEFAULT_BASE_URL, Entry
from dashboard.views.style import FONT_FAMILY, drawn_lines
from dashboard.views.variants import EXPORT_HEIGHT, EXPORT_WIDTH, PRINT_TEXT, export_figure

FORMATS = ("png", "svg")

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

_lock = threading.Lock()  # one render at a time: the sync server is not safe for concurrent callers
_server_started = False


class ImagesUnavailable(RuntimeError):
    """Images cannot be made here (no Chromium, or the renderer failed to start)."""


# --------------------------------------------------------------------------
# Is there a renderer?
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Charts that stand alone: title, what is measured, chart, footer
# --------------------------------------------------------------------------

FOOTER_TEXT = "#555555"
TITLE_FONT_SIZE = 28
SUBTITLE_FONT_SIZE = 18
FOOTER_FONT_SIZE = 14
FOOTER_CHARS = 170  # characters per footer line at 1600 px
SOURCE_LINES = 3  # the source list is cut after this many lines
TITLE_CHARS = 80  # characters per title line at 1600 px in bold 28 px (plotly does not wrap titles)
LEGEND_HEIGHT = 40


def footer_lines(ds: Dataset, item: Entry, *, base_url: str | None = DEFAULT_BASE_URL) -> list[str]:
    """The footer of a standalone chart, line by line (plain text)."""
    meta = ds.meta
    sources = textwrap.wrap(item.sources, FOOTER_CHARS) or [""]
    if len(sources) > SOURCE_LINES:
        sources = sources[:SOURCE_LINES]
        sources[-1] = sources[-1][: FOOTER_CHARS - 30].rstrip() + " … (see the link for the full list)"
    # The licence's short name, whole (its full text is in the data ZIP and the bundle).
    pack = f"{item.pack_line} Licence: {licence_name(meta.licence)}"
    url = item.url(base_url)
    note = item.filter_note
    lines = [*sources, pack, (note + " " if note else "") + url]
    return [line for line in lines if line]


def _x_label_room(fig: go.Figure) -> int:
    """Pixels under the chart for the x axis' tick labels and title (plotly would grow the margin)."""
    xaxis = fig.layout.xaxis
    if xaxis.side == "top" or xaxis.visible is False:
        return 0
    labels = [str(v) for trace in fig.data for v in (getattr(trace, "x", None) or []) if isinstance(v, str)]
    room = 44 if xaxis.title.text else 24
    if not labels:
        return room + 24
    longest = max(len(label) for label in labels)
    angle = abs(xaxis.tickangle or 0)
    return room + int(longest * 8.5 * (0.75 if angle else 0.0)) + 24


def _y_label_room(fig: go.Figure, width: int) -> int:
    """Pixels left of the plot for the y axis' labels and title: plotly's automatic margin is off in a
    standalone image (it would move the chart under the footer), so the labels' room is counted here."""
    yaxis = fig.layout.yaxis
    if yaxis.visible is False or yaxis.side == "right":
        return 0
    labels = [str(v) for v in (yaxis.ticktext or [])]
    if not labels:
        labels = [
            str(v)
            for t in fig.data
            if getattr(t, "orientation", None) != "v"
            for v in (getattr(t, "y", None) or [])
            if isinstance(v, str)
        ]
    lines = [line for label in labels for line in drawn_lines(label)]
    if not lines:
        return 0
    size = (yaxis.tickfont.size if yaxis.tickfont and yaxis.tickfont.size else None) or 15
    # about 0.55 em a letter; symbols (stars, arrows) are a full em wide
    widest = max(sum(1.0 if ord(c) > 0x2000 else 0.55 for c in line) for line in lines)
    room = int(widest * size) + 24 + (size + 16 if yaxis.title.text else 0)
    return min(room, int(width * 0.45))


def _colourbar_room(fig: go.Figure) -> int:
    """Pixels right of the plot for a colour bar and its tick labels (plotly puts it outside the plot)."""
    for t in fig.data:
        if t.type == "heatmap" and t.showscale is not False and t.colorbar is not None:
            texts = [str(v) for v in (t.colorbar.ticktext or [])] + [str(t.colorbar.title.text or "")]
            longest = max((len(x) for x in texts), default=4)
            return 80 + int(longest * 10)
    return 0


def standalone_figure(
    ds: Dataset,
    item: Entry,
    *,
    base_url: str | None = DEFAULT_BASE_URL,
    width: int = EXPORT_WIDTH,
    height: int = EXPORT_HEIGHT,
) -> go.Figure:
    """A copy of the entry's figure laid out to stand alone; the entry's (shared) figure is not touched."""
    out = export_figure(item.fig, width=width, height=height)
    lay = out.layout
    lines = footer_lines(ds, item, base_url=base_url)
    title_lines = textwrap.wrap(item.takeaway, TITLE_CHARS) or [""]
    footer_height = 16 + len(lines) * (FOOTER_FONT_SIZE + 6)
    header_height = 24 + len(title_lines) * (TITLE_FONT_SIZE + 8) + SUBTITLE_FONT_SIZE + 24
    # The legend goes above the chart, under the subtitle, whatever side the page put it on.
    legend_height = LEGEND_HEIGHT if lay.showlegend is not False else 0
    top = header_height + legend_height + 12
    bottom = (lay.margin.b if lay.margin.b is not None else 80) + _x_label_room(out) + footer_height
    left = max(lay.margin.l if lay.margin.l is not None else 80, _y_label_room(out, width))
    right = max(lay.margin.r if lay.margin.r is not None else 80, _colourbar_room(out))
    out.update_layout(
        # Fixed margins: plotly's automatic ones would move the chart under the footer.
        margin={"t": top, "b": bottom, "l": left, "r": right, "autoexpand": False},
        legend={"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom", "yref": "paper"},
        title={
            "text": "<br>".join(f"<b>{escape(t, quote=False)}</b>" for t in title_lines),
            "x": 24 / width,
            "xanchor": "left",
            "xref": "container",
            # Anchored by the foot of its first line, 48 px down: plotly's "top" anchor moves a title of
            # several lines up by a varying amount and cut its first line at the image's edge.
            "y": 1 - 48 / height,
            "yanchor": "bottom",
            "yref": "container",
            "font": {"size": TITLE_FONT_SIZE, "family": FONT_FAMILY, "color": PRINT_TEXT},
            "subtitle": {
                "text": escape(item.subtitle, quote=False),
                "font": {"size": SUBTITLE_FONT_SIZE, "family": FONT_FAMILY, "color": FOOTER_TEXT},
            },
        },
    )
    plot_h = max(1, height - top - bottom)
    plot_w = max(1, width - left - right)
    out.add_annotation(
        text="<br>".join(escape(line, quote=False) for line in lines),
        xref="paper",
        yref="paper",
        x=-(left - 24) / plot_w,
        y=-(bottom - 12) / plot_h,
        xanchor="left",
        yanchor="bottom",
        align="left",
        showarrow=False,
        font={"size": FOOTER_FONT_SIZE, "family": FONT_FAMILY, "color": FOOTER_TEXT},
    )
    return out


def render_view(
    ds: Dataset,
    item: Entry,
    fmt: str = "png",
    *,
    base_url: str | None = DEFAULT_BASE_URL,
    width: int = EXPORT_WIDTH,
    height: int = EXPORT_HEIGHT,
) -> bytes:
    """A catalogued chart as a standalone image (PNG or SVG). Raises ImagesUnavailable."""
    fig = standalone_figure(ds, item, base_url=base_url, width=width, height=height)
    data = render(fig, fmt, width=width, height=height)
    if fmt == "png":  # what the image says of itself, also where an image viewer or a search engine reads it
        meta = ds.meta
        data = png_with_text(
            data,
            {
                "Title": item.takeaway,
                "Description": item.alt,
                "Source": item.sources,
                "Copyright": f"{meta.title}, version {meta.version}. Licence: {licence_name(meta.licence)}",
                "URL": item.url(base_url),
            },
        )
    return data


def png_with_text(data: bytes, fields: dict[str, str]) -> bytes:
    """``data`` (a PNG) with an iTXt chunk (UTF-8 text) per field, before its image data."""
    import zlib

    if not data.startswith(PNG_SIGNATURE):
        raise ValueError("not a PNG")
    chunks = b""
    for key, text in fields.items():
        if not text:
            continue
        body = key.encode("latin-1")[:79] + b"\0\0\0\0\0" + text.encode("utf-8")
        chunks += struct.pack(">I", len(body)) + b"iTXt" + body + struct.pack(">I", zlib.crc32(b"iTXt" + body))
    ihdr_end = 8 + 12 + struct.unpack(">I", data[8:12])[0]
    return data[:ihdr_end] + chunks + data[ihdr_end:]


def charts_zip(
    ds: Dataset,
    items: Iterable[Entry],
    *,
    formats: Iterable[str] = FORMATS,
    base_url: str | None = DEFAULT_BASE_URL,
    width: int = EXPORT_WIDTH,
    height: int = EXPORT_HEIGHT,
    progress: Callable[[int, int, str], None] | None = None,
) -> bytes:
    """A ZIP holding ``<name>.png`` and ``<name>.svg`` per chart (standalone) and a charts.txt index.

    ``progress(done, total, name)`` is called after each image.
    """
    items = list(items)
    formats = list(formats)
    total = len(items) * len(formats)
    done = 0
    used: set[str] = set()
    meta = ds.meta
    index_lines = [
        f"Charts of {meta.title}, version {meta.version} (last reviewed {last_reviewed(ds).isoformat()}),",
        f"at {width}x{height} pixels (PNG) and as SVG. Licence: {' '.join(meta.licence.split())}",
        "",
    ]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for item in items:
            stem = slug(item.name, default="chart")
            n = 2
            while stem in used:
                stem = f"{slug(item.name, default='chart')}-{n}"
                n += 1
            used.add(stem)
            for fmt in formats:
                zf.writestr(f"{stem}.{fmt}", render_view(ds, item, fmt, base_url=base_url, width=width, height=height))
                done += 1
                if progress:
                    progress(done, total, item.name)
            index_lines.append(stem)
            chart = item
            for label, text in (
                ("Title", chart.takeaway),
                ("Text alternative", chart.alt),
                ("Sources", item.sources),
                ("Link", item.url(base_url)),
            ):
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
