"""Pack text shown safely: literal in Markdown, and harmless as a download file name.

Pure functions, no streamlit. The pack's own validators already refuse HTML
markup and control characters in text; these helpers are the second line, for
any text (including an uploaded pack's) that reaches ``st.markdown``, a
heading, a caption or a file name.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlparse

__all__ = ["md_escape", "safe_filename", "safe_url", "slug"]

_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~$&])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+[.)])", re.MULTILINE)
_MD_DIRECTIVE = re.compile(r":(?=\S)")  # ":red[", ":material/x:", ":smile:"


def md_escape(text: str) -> str:
    """Text shown literally in Streamlit Markdown: no emphasis, links, images, HTML or character
    references, headings, lists, code blocks, LaTeX, colour directives or emoji shortcodes.

    Markdown's special characters are backslash-escaped (CommonMark allows that for all ASCII
    punctuation), other punctuation stays as it is; control and invisible formatting characters
    are dropped and leading spaces removed from each line, so nothing becomes a code block.
    """
    text = _INVISIBLE.sub("", str(text))
    text = "\n".join(line.lstrip(" \t") for line in text.split("\n"))
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_DIRECTIVE.sub(r"\\:", text)
    return _MD_LINE_START.sub(_escape_line_start, text)


def _escape_line_start(m: re.Match) -> str:
    marker = m.group(2)
    if marker[0].isdigit():  # "1." -> "1\." (a backslash before a digit escapes nothing)
        return m.group(1) + marker[:-1] + "\\" + marker[-1]
    return m.group(1) + "\\" + marker


def safe_url(url: str | None) -> str | None:
    """The url when it is http(s) with a host, else None: only such links are ever shown."""
    if not url:
        return None
    parsed = urlparse(url)
    if parsed.scheme in ("http", "https") and parsed.netloc and not any(c.isspace() for c in url):
        return url
    return None


_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_WINDOWS_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


def safe_filename(name: str, *, default: str = "download", max_length: int = 100) -> str:
    """A file name safe on every system: ASCII letters, digits, ``.``, ``_`` and ``-`` only.

    Accents are folded ("café" -> "cafe"), path separators and anything else become
    ``-``, leading dots and hyphens go (no hidden files, no option-like names), the
    length is capped with the extension kept, and Windows device names get a suffix.
    An empty result becomes ``default``.
    """
    folded = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode("ascii")
    cleaned = _UNSAFE_NAME.sub("-", folded)
    cleaned = re.sub(r"-{2,}", "-", cleaned)
    cleaned = re.sub(r"\.{2,}", ".", cleaned)  # no "..", whatever the platform
    cleaned = cleaned.strip(".-_ ")
    if not cleaned:
        cleaned = default
    stem, dot, ext = cleaned.rpartition(".")
    if not dot or not stem or len(ext) > 10:
        stem, ext = cleaned, ""
    if stem.lower().split(".")[0] in _WINDOWS_RESERVED:
        stem = f"{stem}-file"
    suffix = f".{ext}" if ext else ""
    stem = stem[: max(1, max_length - len(suffix))].rstrip(".-_") or default
    return stem + suffix


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, *, sep: str = "-", limit: int = 80, default: str = "") -> str:
    """Lower-case letters and digits joined by ``sep``, at most ``limit`` characters: 'Effectiveness: drop'
    -> 'effectiveness-drop'; ``default`` when nothing is left. For file names, keys and anchors."""
    return _NOT_SLUG.sub(sep, text.lower()).strip(sep)[:limit] or default
