"""Tables of an HTML report read back as a reader sees them: each section's tables as rows of cell texts."""

from __future__ import annotations

from html.parser import HTMLParser


class Cells(HTMLParser):
    """Each table of a section as rows of cell texts, keyed by the section's id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sections: dict[str, list[list[list[str]]]] = {}
        self.text: dict[str, str] = {}
        self._section: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section":
            self._section = a.get("id")
            self.sections[self._section] = []
            self.text[self._section] = ""
        elif tag == "table" and self._section:
            self.sections[self._section].append([])
        elif tag == "tr" and self._section:
            self.sections[self._section][-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._section:
            self.sections[self._section][-1][-1].append("".join(self._cell))
            self._cell = None
        elif tag == "section":
            self._section = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._section:
            self.text[self._section] += data


def parse_cells(text: str) -> Cells:
    cells = Cells()
    cells.feed(text)
    return cells


def table_rows(cells: Cells, section: str, table: int = 0) -> list[dict[str, str]]:
    head, *rows = cells.sections[section][table]
    return [dict(zip(head, r, strict=True)) for r in rows]
