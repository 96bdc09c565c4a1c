"""Links that reproduce a view: query-parameter checks and URL building (pure, no streamlit).

Every widget of a page is bound to a query parameter named after its key, so the
URL is the state of a view. A link can outlive the data it points at (a technique
id removed from the pack) or carry keys this dashboard never set; such parameters
are dropped with a short notice, never an error.

- ``clean_params(params, allowed)``: keep the parameters ``allowed`` knows and the
  values it accepts; return what was dropped.
- ``describe_dropped(dropped)``: the one-line notice for a reader.
- ``view_url(base, page, params)``: the full link of a view.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit, urlunsplit

# Parameters the dashboard itself reads outside any page widget.
PRESENT_KEY = "present"  # ?present=1: presentation mode
SLIDE_KEY = "slide"  # ?slide=3: the slide shown in presentation mode (1-based)
# Streamlit's own embedding parameters are never reported as unknown.
STREAMLIT_KEYS = frozenset({"embed", "embed_options"})

ParamValue = str | list[str]
# key -> the values it accepts; None accepts any value.
Allowed = Mapping[str, Collection[str] | None]

MAX_VALUE_SHOWN = 40


@dataclass(frozen=True)
class Dropped:
    """One parameter (or one value of a repeated parameter) that was ignored."""

    key: str
    value: str | None  # None when the whole key is unknown
    reason: str  # "unknown setting" or "no longer exists"

    def __str__(self) -> str:
        if self.value is None:
            return self.key
        shown = self.value if len(self.value) <= MAX_VALUE_SHOWN else self.value[: MAX_VALUE_SHOWN - 1] + "…"
        return f"{self.key}={shown}"


def as_list(value: ParamValue | Iterable[str] | None) -> list[str]:
    """A parameter's values as a list: 'a' -> ['a'], ['a', 'b'] stays, None -> []."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def clean_params(params: Mapping[str, ParamValue], allowed: Allowed) -> tuple[dict[str, list[str]], list[Dropped]]:
    """Split ``params`` into what a view can use and what it must ignore.

    A key missing from ``allowed`` is dropped whole (unknown setting). A key whose
    allowed values are given keeps only those values; a value outside them (a
    technique id the pack no longer has) is dropped (no longer exists). An empty
    value (``?tech=``) is kept: Streamlit reads it as "cleared". Streamlit's own
    embedding parameters always pass.
    """
    clean: dict[str, list[str]] = {}
    dropped: list[Dropped] = []
    for key, raw in params.items():
        values = as_list(raw)
        if key in STREAMLIT_KEYS:
            clean[key] = values
            continue
        if key not in allowed:
            dropped.append(Dropped(key, None, "unknown setting"))
            continue
        valid = allowed[key]
        if valid is None:
            clean[key] = values
            continue
        valid_set = set(valid)
        kept = [v for v in values if v == "" or v in valid_set]
        dropped.extend(Dropped(key, v, "no longer exists") for v in values if v != "" and v not in valid_set)
        if kept or not values:
            clean[key] = kept
    return clean, dropped


def describe_dropped(dropped: Iterable[Dropped], *, limit: int = 5) -> str:
    """'Ignored 2 link settings this dashboard does not have: tech=gone, zoom.' ('' when none)."""
    items = list(dropped)
    if not items:
        return ""
    shown = ", ".join(str(d) for d in items[:limit])
    more = f" and {len(items) - limit} more" if len(items) > limit else ""
    noun = "setting" if len(items) == 1 else "settings"
    return f"Ignored {len(items)} link {noun} this view does not have (any more): {shown}{more}."


def changed_params(before: Mapping[str, ParamValue], after: Mapping[str, ParamValue]) -> list[Dropped]:
    """Values present in ``before`` but gone from ``after``: what Streamlit discarded as invalid."""
    out: list[Dropped] = []
    for key, raw in before.items():
        kept = set(as_list(after.get(key)))
        for v in as_list(raw):
            if v != "" and v not in kept:
                out.append(Dropped(key, v, "no longer exists"))
    return out


def query_string(params: Mapping[str, ParamValue]) -> str:
    """Parameters as a query string: repeated keys for lists, keys in a stable order."""
    pairs: list[tuple[str, str]] = []
    for key in params:
        for v in as_list(params[key]) or [""]:
            pairs.append((key, v))
    return urlencode(pairs)


def app_base(url: str | None, page_paths: Iterable[str]) -> str | None:
    """The app's root address from the browser's address of a page ('.../labs' -> '...').

    ``st.context.url`` is meant to come without the page path but can carry it; a last
    path segment that names a page is removed.
    """
    if not url:
        return url
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    last = path.rsplit("/", 1)[-1]
    if last and last in set(page_paths):
        path = path[: -len(last)].rstrip("/")
    return urlunsplit((parts.scheme, parts.netloc, path or "/", "", ""))


def view_url(base: str | None, page: str, params: Mapping[str, ParamValue]) -> str:
    """The link that reopens a view.

    ``base`` is the app's address as the browser sees it (``st.context.url``,
    which has no page path and no query); ``page`` the page's url path ('' for
    the default page). Without a base the link is relative ('/techniques?...').
    Only http/https bases are used.
    """
    page = page.strip("/")
    qs = query_string(params)
    if base:
        parts = urlsplit(base)
        if parts.scheme in ("http", "https") and parts.netloc:
            path = parts.path.rstrip("/")
            path = f"{path}/{page}" if page else (path or "/")
            return urlunsplit((parts.scheme, parts.netloc, path, qs, ""))
    path = f"/{page}" if page else "/"
    return f"{path}?{qs}" if qs else path
