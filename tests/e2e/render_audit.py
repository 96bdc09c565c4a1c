"""The render audit's measuring: what a reader sees, read from what Chromium drew.

One JavaScript function (``MEASURE_JS``) runs in the page and returns, for every chart under a root
(a plotly graph, or an SVG file opened on its own) and for the plain text of a slide or an embed:
its box, the box that clips it (a scrolling tab cuts what lies outside), the plotting areas
(plotly's ``.nsewdrag``) and each text with its box, its size in px and its colour. ``findings``
turns that and a screenshot of the same pixels into failures, each naming the entry, the output,
the size and the text:

- ``plot``: a plotting area under ``MIN_PLOT_WIDTH`` px wide;
- ``cut``: a text (or a diagram's box) reaching past its chart's, image's or page's edge (or out of its
  scrolling box);
- ``overlap``: two texts of one chart (or of one slide) printed over each other, two of a diagram's boxes
  drawn over each other, a diagram's arrow running into a box, or a page's words under a table's or
  chart's toolbar (shown all the time on a touch screen);
- ``gap``: a diagram's arrowhead short of every box (it should touch the box it points at);
- ``size``: a text under the output's minimum size in px;
- ``contrast``: a text against the pixels actually behind it (sampled from the screenshot, so heatmap
  cells and bars count) under the output's minimum contrast.

``file_findings`` checks what a file a reader takes away says of itself: the licence's short name,
the version, the sources and an absolute address.
"""

from __future__ import annotations

import io
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from PIL import Image

MIN_PLOT_WIDTH = 240
MIN_CONTRAST = 4.5
MIN_CONTRAST_SLIDE = 7.0
MIN_TEXT_PX = 11.5  # pages, images and printed pages: 12 px text, with rounding
MIN_TEXT_PX_SLIDE = 23.5  # a 1920-pixel slide: 24 px, seen from the back of the room
ARROW_INSIDE_PX = 2  # a diagram's arrow whose end lies further inside a box runs into it
ARROW_GAP_PX = 4  # an arrowhead further from every box's outline stops short of the box it points at
LICENCE_SHORT = re.compile(r"\bCC(?:0| BY(?:-[A-Z]{2})*(?: \d\.\d)?)")
ABSOLUTE_URL = re.compile(r"https?://[^\s\"'<>]+")


@dataclass(frozen=True)
class Finding:
    kind: str  # plot | cut | overlap | gap | size | contrast | file | missing
    entry: str  # catalogue entry (page-view[-variant]) or the file / slide it is in
    output: str  # page | slide | png | svg | pdf-brief | pdf-handout | embed | zip
    size: str  # "390x844 dark", "1600x900" ...
    text: str  # the text concerned (or what is missing)
    detail: str = ""

    @property
    def key(self) -> str:
        """The finding without its measured detail: one line of the known findings' file."""
        return " | ".join((self.kind, self.entry, self.output, self.size, self.text))

    def __str__(self) -> str:
        return f"[{self.kind}] {self.entry} · {self.output} · {self.size}: {self.text!r} {self.detail}".rstrip()


def as_dicts(found: list[Finding]) -> list[dict]:
    return [asdict(f) for f in found]


# Runs in the page. ``opts.charts``: selector of the chart roots; ``opts.text``: selector of roots whose
# HTML text is measured too (a slide's title, points and footer; an embed's captions), or null.
MEASURE_JS = r"""
(opts) => {
  const vis = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none' || cs.visibility === 'hidden') return 0;
    }
    let op = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const cs = getComputedStyle(e);
      op *= parseFloat(cs.opacity || '1');
      if (e.tagName && e.tagName.toLowerCase() !== 'svg' && e.namespaceURI === 'http://www.w3.org/2000/svg') {
        op *= parseFloat(cs.fillOpacity || '1') === 0 ? 0 : 1;
      }
    }
    return op;
  };
  const box = (r) => [r.left, r.top, r.right, r.bottom].map((v) => Math.round(v * 10) / 10);
  const clipOf = (el) => {
    let [l, t, r, b] = [-1e9, -1e9, 1e9, 1e9];
    for (let e = el.parentElement; e && e !== document.documentElement; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
        const q = e.getBoundingClientRect();
        if (cs.overflowX !== 'visible') { l = Math.max(l, q.left); r = Math.min(r, q.right); }
        if (cs.overflowY !== 'visible') { t = Math.max(t, q.top); b = Math.min(b, q.bottom); }
      }
    }
    return [l, t, Math.min(r, document.documentElement.clientWidth), b];
  };
  const name = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const m = [...(e.classList || [])].find((c) => /^st-key-.+-chart$/.test(c));
      if (m) return m.slice(7, -6);
      if (e.dataset && e.dataset.entry) return e.dataset.entry;
    }
    return '';
  };
  // The boxes an SVG clip-path cuts a text to (plotly clips a fixed-width annotation's text to its box and
  // a trace's text to the plot): [l, t, r, b] on screen, the tightest of them.
  const clipBox = (t) => {
    let out = null;
    for (let e = t; e && e.tagName && e.tagName.toLowerCase() !== 'svg'; e = e.parentElement) {
      const cp = e.getAttribute('clip-path');
      const id = cp && cp.match(/#([^)"']+)/);
      const c = id && document.getElementById(id[1]);
      const r = c && c.querySelector('rect');
      if (!r) continue;
      const m = e.getScreenCTM();
      if (!m) continue;
      const x = parseFloat(r.getAttribute('x') || '0'), y = parseFloat(r.getAttribute('y') || '0');
      const w = parseFloat(r.getAttribute('width') || '0'), h = parseFloat(r.getAttribute('height') || '0');
      const pts = [[x, y], [x + w, y], [x, y + h], [x + w, y + h]].map(([px, py]) => [m.a * px + m.c * py + m.e, m.b * px + m.d * py + m.f]);
      const b = [Math.min(...pts.map(p => p[0])), Math.min(...pts.map(p => p[1])), Math.max(...pts.map(p => p[0])), Math.max(...pts.map(p => p[1]))];
      out = out ? [Math.max(out[0], b[0]), Math.max(out[1], b[1]), Math.min(out[2], b[2]), Math.min(out[3], b[3])] : b;
    }
    return out;
  };
  const svgText = (t) => {
    const r = t.getBoundingClientRect();
    const parts = [...t.querySelectorAll('tspan.line')];
    const s = (parts.length > 1 ? parts.map((l) => l.textContent).join(' ') : t.textContent).replace(/\s+/g, ' ').trim();
    if (!s || r.width < 1 || r.height < 1) return null;
    const op = vis(t);
    if (op < 0.05) return null;
    const cs = getComputedStyle(t);
    const m = t.getScreenCTM();
    const scale = m ? Math.sqrt(m.a * m.a + m.b * m.b) : 1;
    let quad = null;
    try {
      const bb = t.getBBox();
      quad = [[bb.x, bb.y], [bb.x + bb.width, bb.y], [bb.x + bb.width, bb.y + bb.height], [bb.x, bb.y + bb.height]]
        .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
    } catch (e) { quad = null; }
    // A text of several lines (plotly's tspan.line): each line's box, so that two labels whose ends meet are
    // seen printed over each other (their whole boxes, inset by a fifth of their height, were not).
    const rows = parts.map((l) => l.getBoundingClientRect()).filter((q) => q.width >= 1 && q.height >= 1).map(box);
    // The smallest type in it: a line set in a span of its own size ("4th of 8" under a grade) counts.
    const px = Math.min(parseFloat(cs.fontSize), ...[...t.querySelectorAll('tspan')].map((e) => parseFloat(getComputedStyle(e).fontSize) || Infinity));
    return {t: s, box: box(r), quad, clip: clipBox(t), px: px * scale, color: cs.fill, op: op * parseFloat(cs.fillOpacity || '1'),
            legend: !!t.closest('.legend'), lines: rows.length > 1 ? rows : undefined};
  };
  const charts = [];
  for (const root of document.querySelectorAll(opts.charts)) {
    const svg = root.querySelector('svg.main-svg') || (root.tagName.toLowerCase() === 'svg' ? root : null);
    if (!svg) continue;
    const container = root.querySelector('.svg-container') || svg;
    const rr = container.getBoundingClientRect();
    if (rr.width < 1 || rr.height < 1 || vis(root) < 0.05) continue;
    const drags = [...root.querySelectorAll('.nsewdrag')].map((d) => {
      const q = d.getBoundingClientRect();
      return Math.round(Math.min(q.right, clipOf(root)[2]) - Math.max(q.left, clipOf(root)[0]));
    });
    const texts = [...root.querySelectorAll('text')].map(svgText).filter(Boolean);
    // The notes drawn as boxes (an outline): a diagram's boxes.
    const boxes = [...root.querySelectorAll('.annotation rect.bg')].map((r) => {
      const cs = getComputedStyle(r), q = r.getBoundingClientRect();
      if (parseFloat(cs.strokeWidth || '0') <= 0 || cs.stroke === 'none' || parseFloat(cs.strokeOpacity || '1') <= 0
          || q.width < 1 || vis(r) < 0.05) return null;
      const note = r.closest('.annotation'), lines = [...note.querySelectorAll('tspan.line')].map((l) => l.textContent);
      return {t: (lines.length ? lines.join(' ') : note.textContent || '').replace(/\s+/g, ' ').trim(), box: box(q)};
    }).filter(Boolean);
    // A diagram's arrows: where each line starts and where its head points, on screen. plotly hides the ends
    // it stands off with a dash pattern (0, the start's gap, the drawn length, the whole length).
    const at = (el, q) => { const k = el.getScreenCTM(); return [k.a * q.x + k.c * q.y + k.e, k.b * q.x + k.d * q.y + k.f]; };
    const arrows = [...root.querySelectorAll('g.annotation-arrow-g')].map((g) => {
      const paths = [...g.querySelectorAll('path')], line = paths[0];
      if (!line || vis(g) < 0.05 || !line.getScreenCTM()) return null;
      const n = line.getTotalLength(), a = at(line, line.getPointAtLength(0)), b = at(line, line.getPointAtLength(n));
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (n < 1 || len < 1) return null;
      const u = [(b[0] - a[0]) / len, (b[1] - a[1]) / len], scale = len / n;
      const dash = (getComputedStyle(line).strokeDasharray || '').split(',').map(parseFloat).filter((v) => !isNaN(v));
      const from = dash.length >= 3 ? dash[1] * scale : 0;
      let tip = dash.length >= 3 ? (dash[1] + dash[2]) * scale : len;
      for (const h of paths.slice(1)) {  // the head: its farthest point along the line
        const hn = h.getTotalLength();
        for (let i = 0; i <= 24; i++) {
          const q = at(h, h.getPointAtLength(hn * i / 24));
          tip = Math.max(tip, (q[0] - a[0]) * u[0] + (q[1] - a[1]) * u[1]);
        }
      }
      return {tail: [a[0] + u[0] * from, a[1] + u[1] * from], tip: [a[0] + u[0] * tip, a[1] + u[1] * tip], head: paths.length > 1};
    }).filter(Boolean);
    charts.push({name: name(root), box: box(rr), clip: clipOf(root), drags, texts, boxes, arrows});
  }
  const html = [];
  if (opts.text) {
    for (const root of document.querySelectorAll(opts.text)) {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement;
        if (!el || el.closest('svg') || !n.textContent.trim()) continue;
        const op = vis(el);
        if (op < 0.05) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const r = range.getBoundingClientRect();
        if (r.width < 1 || r.height < 1) continue;
        const cs = getComputedStyle(el);
        const full = n.textContent.replace(/\s+/g, ' ').trim();
        html.push({t: full.slice(0, 160), full, box: box(r),
                   lines: [...range.getClientRects()].map(box), px: parseFloat(cs.fontSize), color: cs.color, op,
                   clip: clipOf(el)});
      }
    }
  }
  const sb = document.querySelector('[data-testid="stSidebar"]');
  const main = document.querySelector('[data-testid="stMain"]');
  return {charts, html, width: window.innerWidth, scrollY: window.scrollY,
          sidebarCollapsed: sb ? sb.getAttribute('data-collapsed') : null,
          sidebarRight: sb ? Math.round(sb.getBoundingClientRect().right) : 0,
          scrollWidth: document.scrollingElement.scrollWidth,
          mainScroll: main ? main.scrollWidth - main.clientWidth : 0};
}
"""


# --------------------------------------------------------------------------
# Colour
# --------------------------------------------------------------------------


def parse_colour(text: str) -> tuple[float, float, float, float] | None:
    """'rgb(1, 2, 3)', 'rgba(1, 2, 3, 0.5)' or '#rrggbb' -> (r, g, b, a)."""
    text = (text or "").strip()
    if text.startswith("#") and len(text) == 7:
        return (int(text[1:3], 16), int(text[3:5], 16), int(text[5:7], 16), 1.0)
    nums = re.findall(r"[\d.]+", text)
    if text.startswith("rgb") and len(nums) >= 3:
        return (float(nums[0]), float(nums[1]), float(nums[2]), float(nums[3]) if len(nums) > 3 else 1.0)
    return None


def luminance(rgb) -> float:
    c = np.asarray(rgb, dtype=float)[..., :3] / 255
    lin = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return lin @ np.array([0.2126, 0.7152, 0.0722])


def contrast(a, b) -> float:
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return float((hi + 0.05) / (lo + 0.05))


def backgrounds(pixels: np.ndarray, text_rgb: tuple[float, float, float]) -> list[tuple[np.ndarray, float]]:
    """The colours behind a text in a box of pixels: (colour, share) of each colour covering at least a
    quarter of the non-glyph pixels, the commonest first. Glyph pixels (near the text's colour) and the
    anti-aliased edges (few, scattered over many colours) fall out by counting."""
    flat = pixels.reshape(-1, pixels.shape[-1])[:, :3].astype(int)
    if not len(flat):
        return []
    far = np.abs(flat - np.asarray(text_rgb, dtype=int)).sum(axis=1) > 60
    rest = flat[far]
    if not len(rest):
        return []
    keys = (rest // 16) @ np.array([256, 16, 1])
    values, counts = np.unique(keys, return_counts=True)
    order = np.argsort(-counts)
    out = []
    for i in order[:3]:
        share = counts[i] / len(rest)
        if out and share < 0.25:
            break
        out.append((rest[keys == values[i]].mean(axis=0), float(share)))
    return out


class Shot:
    """A screenshot and where its pixel (0, 0) is in the measured coordinates."""

    def __init__(self, png: bytes, *, dx: float = 0, dy: float = 0, scale: float = 1):
        self.img = np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))
        self.dx, self.dy, self.scale = dx, dy, scale

    def crop(self, box) -> np.ndarray:
        h, w = self.img.shape[:2]
        left, t, r, b = ((v - d) * self.scale for v, d in zip(box, (self.dx, self.dy, self.dx, self.dy)))
        left, t, r, b = max(0, int(left)), max(0, int(t)), min(w, int(np.ceil(r))), min(h, int(np.ceil(b)))
        if r - left < 1 or b - t < 1:
            return np.zeros((0, 0, 3), dtype=np.uint8)
        return self.img[t:b, left:r]


def text_contrast(shot: Shot, item: dict) -> float | None:
    """The lowest contrast of the text against a colour behind it; None when nothing is behind it."""
    colour = parse_colour(item["color"])
    if colour is None:
        return None
    pixels = shot.crop(item["box"])
    found = backgrounds(pixels, colour[:3])
    if not found:
        return None
    alpha = colour[3] * item.get("op", 1)
    worst = None
    for bg, _share in found:
        drawn = [alpha * c + (1 - alpha) * g for c, g in zip(colour[:3], bg)]
        ratio = contrast(drawn, bg)
        worst = ratio if worst is None else min(worst, ratio)
    return worst


# --------------------------------------------------------------------------
# Findings
# --------------------------------------------------------------------------


def _outside(box, edge, slack: float = 1.5, slack_y: float | None = None) -> bool:
    """``box`` past ``edge`` by more than ``slack`` px across (``slack_y`` up and down, else the same)."""
    dy = slack if slack_y is None else slack_y
    return box[0] < edge[0] - slack or box[1] < edge[1] - dy or box[2] > edge[2] + slack or box[3] > edge[3] + dy


def _inset(box, f: float = 0.2):
    h = box[3] - box[1]
    return (box[0] + 1, box[1] + h * f, box[2] - 1, box[3] - h * f)


def _overlaps(a, b) -> bool:
    a, b = _inset(a), _inset(b)
    return min(a[2], b[2]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[1], b[1]) > 1


def _rect(quad, f: float = 0.2):
    """A text's own (possibly rotated) box as centre, axes and half-sizes, its line height inset by ``f``."""
    p = np.asarray(quad, dtype=float)
    u, v = p[1] - p[0], p[3] - p[0]
    w, h = np.linalg.norm(u), np.linalg.norm(v)
    if w < 1e-6 or h < 1e-6:
        return None
    return p.mean(axis=0), u / w, v / h, max(w / 2 - 1, 0), h / 2 * (1 - 2 * f)


def _upright(text: dict) -> bool:
    quad = text.get("quad")
    return not quad or abs(quad[1][1] - quad[0][1]) < 0.5


def _text_overlap(a: dict, b: dict) -> bool:
    """Two chart texts printed over each other, in their own frames (rotated tick labels do not touch
    because their screen boxes do); upright texts of several lines line by line."""
    if (a.get("lines") or b.get("lines")) and _upright(a) and _upright(b):
        return any(_overlaps(x, y) for x in a.get("lines") or [a["box"]] for y in b.get("lines") or [b["box"]])
    if not a.get("quad") or not b.get("quad"):
        return _overlaps(a["box"], b["box"])
    ra, rb = _rect(a["quad"]), _rect(b["quad"])
    if ra is None or rb is None:
        return False
    d = rb[0] - ra[0]
    for axis in (ra[1], ra[2], rb[1], rb[2]):
        reach = sum(
            abs(np.dot(axis, ax)) * half
            for ax, half in ((ra[1], ra[3]), (ra[2], ra[4]), (rb[1], rb[3]), (rb[2], rb[4]))
        )
        if abs(np.dot(d, axis)) >= reach - 1:
            return False
    return True


def _short(text: str) -> str:
    return text if len(text) <= 70 else text[:67] + "…"


@dataclass(frozen=True)
class Rules:
    output: str
    size: str
    min_contrast: float = MIN_CONTRAST
    min_px: float = MIN_TEXT_PX
    edge: tuple[float, float, float, float] | None = None  # the image's or page's edges, when known


def chart_findings(chart: dict, rules: Rules, shot: Shot | None, entry: str = "") -> list[Finding]:
    entry = entry or chart["name"] or "(unnamed chart)"

    def found(kind: str, text: str, detail: str = "") -> Finding:
        return Finding(kind, entry, rules.output, rules.size, _short(text), detail)

    out = []
    if chart["drags"] and max(chart["drags"]) < MIN_PLOT_WIDTH:
        out.append(found("plot", "(plotting area)", f"{max(chart['drags'])} px wide, under {MIN_PLOT_WIDTH}"))
    clip = chart["clip"]
    edges = [
        chart["box"],
        [max(a, b) for a, b in zip(chart["box"][:2], clip[:2])]
        + [min(a, b) for a, b in zip(chart["box"][2:], clip[2:])],
    ]
    if rules.edge is not None:
        edges.append(rules.edge)
    texts = chart["texts"]
    for item in texts:
        if any(_outside(item["box"], e) for e in edges):
            out.append(found("cut", item["t"], "past the edge of its chart or image"))
        # A text's box is taller than its glyphs (line height), not wider: a 2.5 px cut of the first and last
        # letters of a box label showed in an image while a 3 px slack each way let it pass.
        elif item.get("clip") and _outside(item["box"], item["clip"], slack=1, slack_y=3):
            out.append(found("cut", item["t"], "clipped by its box or the plot"))
        if item["px"] < rules.min_px:
            out.append(found("size", item["t"], f"{item['px']:.1f} px, under {rules.min_px + 0.5:.0f}"))
        if shot is not None:
            ratio = text_contrast(shot, item)
            if ratio is not None and ratio < rules.min_contrast:
                out.append(found("contrast", item["t"], f"{ratio:.2f}:1, under {rules.min_contrast:g}:1"))
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            if a["t"] != b["t"] and _text_overlap(a, b):
                out.append(found("overlap", f"{_short(a['t'])} ⟂ {_short(b['t'])}"))
    boxes = chart.get("boxes", [])
    for i, a in enumerate(boxes):
        if any(_outside(a["box"], e) for e in edges):
            out.append(found("cut", f"box: {a['t']}", "past the edge of its chart or image"))
        for b in boxes[i + 1 :]:
            if _overlaps(a["box"], b["box"]):
                out.append(found("overlap", f"box: {_short(a['t'])} ⟂ {_short(b['t'])}"))
    return out + arrow_findings(chart.get("arrows", []), boxes, found)


def _depth(point, box) -> float:
    """How far ``point`` lies inside ``box`` (px; negative: how far outside it, to its nearest side)."""
    x, y = point
    left, top, right, bottom = box
    if left <= x <= right and top <= y <= bottom:
        return min(x - left, right - x, y - top, bottom - y)
    return -float(np.hypot(max(left - x, 0, x - right), max(top - y, 0, y - bottom)))


def arrow_findings(arrows: list[dict], boxes: list[dict], found) -> list[Finding]:
    """A diagram's arrows against its boxes: no arrow's end inside a box, and every arrowhead at a box's outline."""
    out = []
    if not boxes:
        return out
    for arrow in arrows:
        for end in ("tail", "tip"):
            for b in boxes:
                depth = _depth(arrow[end], b["box"])
                if depth > ARROW_INSIDE_PX:
                    out.append(found("overlap", f"arrow ⟂ box: {_short(b['t'])}", f"its {end} {depth:.0f} px inside"))
        if arrow["head"]:
            nearest = max(boxes, key=lambda b: _depth(arrow["tip"], b["box"]))
            gap = -_depth(arrow["tip"], nearest["box"])
            if gap > ARROW_GAP_PX:
                out.append(found("gap", f"arrow → box: {_short(nearest['t'])}", f"its head {gap:.0f} px short"))
    return out


def html_findings(items: list[dict], rules: Rules, shot: Shot | None, entry: str, charts: list[dict]) -> list[Finding]:
    """Plain text of a slide or an embed: size, contrast, cut by the screen, printed over another text or a chart's."""

    def found(kind: str, text: str, detail: str = "") -> Finding:
        return Finding(kind, entry, rules.output, rules.size, _short(text), detail)

    out = []
    chart_texts = [t for c in charts for t in c["texts"]]
    for i, item in enumerate(items):
        if rules.edge is not None and _outside(item["box"], rules.edge):
            out.append(found("cut", item["t"], "past the edge of the screen"))
        if item["px"] < rules.min_px:
            out.append(found("size", item["t"], f"{item['px']:.1f} px, under {rules.min_px + 0.5:.0f}"))
        if shot is not None:
            ratio = text_contrast(shot, item)
            if ratio is not None and ratio < rules.min_contrast:
                out.append(found("contrast", item["t"], f"{ratio:.2f}:1, under {rules.min_contrast:g}:1"))
        for other in items[i + 1 :] + chart_texts:
            if any(_overlaps(line, o) for line in item["lines"] for o in other.get("lines") or [other["box"]]):
                out.append(found("overlap", f"{_short(item['t'])} ⟂ {_short(other['t'])}"))
    return out


def file_findings(text: str, *, entry: str, output: str, size: str, version: str, sources: list[str]) -> list[Finding]:
    """What a taken-away file must say of itself: licence short name, version, sources, an absolute address."""
    out = []

    def missing(what: str) -> None:
        out.append(Finding("file", entry, output, size, what, "missing from the file"))

    flat = " ".join(text.split())
    if not LICENCE_SHORT.search(flat):
        missing("licence short name (CC BY 4.0)")
    if version not in flat:
        missing(f"version {version}")
    if sources and not any(s in flat for s in sources):
        missing("sources")
    if not ABSOLUTE_URL.search(flat):
        missing("absolute address")
    for rel in re.findall(r"(?<![\w/:.])/[a-z]+\?[\w=&%+.-]+", flat):
        out.append(Finding("file", entry, output, size, rel, "relative link"))
    return out


def summary(found: list[Finding]) -> dict[str, dict[str, int]]:
    """Counts by output and kind: {"page": {"cut": 3, ...}, ...}."""
    out: dict[str, dict[str, int]] = {}
    for f in found:
        out.setdefault(f.output, {}).setdefault(f.kind, 0)
        out[f.output][f.kind] += 1
    return out


def chart_labels(fig) -> list[str]:
    """The words a chart draws from its data: categories and names of its traces, a flow's node labels, the
    pieces of its notes (between their <b> and <br> tags); at least three characters each."""
    data = fig.to_dict()
    found: list[str] = []
    for trace in data.get("data", ()):
        for field in ("x", "y", "labels", "text", "name"):
            value = trace.get(field)
            if isinstance(value, str):
                found.append(value)
            elif value is not None and not isinstance(value, dict):  # a list or an array of values
                found += [v for v in value if isinstance(v, str)]
        found += [v for v in (trace.get("node") or {}).get("label", ()) if isinstance(v, str)]
    for note in data.get("layout", {}).get("annotations", ()):
        found += re.split(r"<[^>]+>", str(note.get("text") or ""))
    return [x.strip() for x in found if len(x.strip()) >= 3]


def png_text(data: bytes) -> str:
    """The text a PNG carries about itself: its tEXt and iTXt chunks ('Title: ...'), one a line."""
    import struct
    import zlib

    out, pos = [], 8
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"tEXt":
            key, _, value = body.partition(b"\0")
            out.append(f"{key.decode('latin-1')}: {value.decode('latin-1')}")
        elif kind == b"iTXt":
            key, _, rest = body.partition(b"\0")
            compressed, rest = rest[0], rest[2:]
            _lang, _, rest = rest.partition(b"\0")
            _tkey, _, value = rest.partition(b"\0")
            text = zlib.decompress(value) if compressed else value
            out.append(f"{key.decode('latin-1')}: {text.decode('utf-8', 'replace')}")
        pos += 12 + length
    return "\n".join(out)


# --------------------------------------------------------------------------
# axe-core: the page's own markup (headings, labels, colour of the app's text)
# --------------------------------------------------------------------------

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"

# Violations in Streamlit's own markup, not in the app's content: axe rule -> why it is allowed, on an
# element inside Streamlit's sidebar navigation only. st.navigation's sidebar list puts its section headers
# (divs) inside the <ul> of page links (https://github.com/streamlit/streamlit/issues/8399).
STREAMLIT_MARKUP = {
    "list": "stSidebarNavItems: section headers inside the list of page links",
    "listitem": "stSidebarNavItems: page links of a section",
}

_AXE_JS = """
async () => {
  // Plotly's drawing is left out: the audit measures its text against the pixels behind it (chart_findings).
  const r = await axe.run({exclude: [['.main-svg']]}, {
    runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
    resultTypes: ['violations'], elementRef: true,
  });
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical' || v.id === 'heading-order')
    .flatMap(v => v.nodes.map(n => ({id: v.id, impact: v.impact, target: n.target.join(' '),
                                      inNav: !!(n.element && n.element.closest('[data-testid="stSidebarNav"]')),
                                      html: n.html.slice(0, 160), summary: (n.failureSummary || '').slice(0, 200)})));
}
"""


_GENERATED_ID = re.compile(r"#react-aria[\w\\:-]*")


def axe_findings(page, screen: str, where: str) -> list[Finding]:
    """axe-core's serious and critical violations (and heading order), less Streamlit's own navigation markup."""
    if not AXE.exists():
        raise AssertionError(f"{AXE} is missing: run bash tests/run.sh, which installs it")
    page.add_script_tag(path=str(AXE))
    out = []
    for v in page.evaluate(_AXE_JS):
        if v["inNav"] and v["id"] in STREAMLIT_MARKUP:
            continue
        target = _GENERATED_ID.sub("#(generated id)", str(v["target"]))  # the same finding in every run
        out.append(Finding("axe", where, "page", screen, f"{v['id']} at {target}", f"{v['summary']} {v['html']}"))
    return out
