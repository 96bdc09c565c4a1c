"""Pack text shown safely: literal in Markdown, and harmless as a download file name.

Pure functions, no streamlit. The pack's own validators already refuse HTML
markup and control characters in text; these helpers are the second line, for
any text (including an uploaded pack's) that reaches ``st.markdown``, a
heading, a caption or a file name.
"""

from __future__ import annotations

import re
import string
import unicodedata

__all__ = ["safe_md", "safe_filename"]

_PUNCT = re.compile("([" + re.escape(string.punctuation) + "])")
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def safe_md(text: str) -> str:
    """``text`` as literal Markdown: no emphasis, links, images, HTML, headings, lists,
    tables, LaTeX (``$``), emoji or icon shortcodes (``:x:``) or colour directives.

    Every ASCII punctuation character is backslash-escaped (CommonMark allows that
    for all of them), control and invisible formatting characters are dropped, and
    leading spaces are removed from each line so nothing becomes a code block.
    """
    text = _INVISIBLE.sub("", str(text))
    text = _PUNCT.sub(r"\\\1", text)
    return "\n".join(line.lstrip(" \t") for line in text.split("\n"))


_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}


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
