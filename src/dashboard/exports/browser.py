"""The system's headless Chromium: where it is, and printing a page to PDF with it (pure, no streamlit).

- ``chromium_path()``: the Chromium kaleido and the PDF printer use, or None.
- ``pdf_status() -> (ok, reason)``: whether PDFs can be printed here, and why not.
- ``html_to_pdf(html)``: a page printed to PDF once its scripts ran; ``page_count(data)`` reads it back.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from dashboard.views.variants import PRINT_WIDTH

PRINT_TIMEOUT_S = 120
# Time the page gets to run plotly before it is printed (Chromium's virtual time: not wall time).
DRAW_BUDGET_MS = 20_000
# Chromium lays the page out at this window size when it loads it (plotly draws its figures then), before
# it prints: the printable width of an A4 landscape page at 96 px an inch, so charts are drawn at the
# width they are printed at (at Chromium's default 800 px, labels took the oversight chart's plot).
PRINT_WINDOW = (PRINT_WIDTH, 730)


class PdfUnavailable(RuntimeError):
    """The PDF cannot be made here (no Chromium, or printing failed)."""


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
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def pdf_status() -> tuple[bool, str]:
    if chromium_path() is None:
        return False, "PDFs are printed by a headless Chromium on the server, and none is installed here."
    return True, ""


def html_to_pdf(html: str) -> bytes:
    """Print ``html`` to PDF with headless Chromium, after its scripts ran. Raises PdfUnavailable."""
    ok, reason = pdf_status()
    if not ok:
        raise PdfUnavailable(reason)
    chromium = chromium_path()
    tmp = tempfile.mkdtemp(prefix="dashboard-pdf-")
    try:
        page = Path(tmp) / "brief.html"
        out = Path(tmp) / "brief.pdf"
        page.write_text(html, encoding="utf-8")
        cmd = [
            str(chromium),
            "--headless",
            "--no-sandbox" if os.geteuid() == 0 else "--disable-gpu",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            f"--user-data-dir={Path(tmp) / 'profile'}",
            "--no-pdf-header-footer",
            f"--virtual-time-budget={DRAW_BUDGET_MS}",
            f"--window-size={PRINT_WINDOW[0]},{PRINT_WINDOW[1]}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            subprocess.run(cmd, capture_output=True, timeout=PRINT_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as err:
            raise PdfUnavailable("Printing the PDF took too long.") from err
        if not out.is_file() or not out.read_bytes().startswith(b"%PDF"):
            raise PdfUnavailable("Chromium did not print the PDF.")
        return out.read_bytes()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def page_count(data: bytes) -> int:
    """Pages of a PDF, read from its page objects (enough for the files Chromium prints)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
