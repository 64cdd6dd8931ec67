"""A fast table for long lists of people: fixed column widths, plain text cells.

reportlab's own ``Table`` measures, wraps and styles every cell through general
machinery; for an organisation of 10,000 people that takes seconds and grows
faster than the list. This table lays out each row once (cells wrap onto extra
lines only when they do not fit), splits across pages by binary search on the
running height, repeats its header row on every page, and draws each page as one
block of PDF text operators, reusing the encoded form of repeated text. Its cost
is linear in the number of cells.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import accumulate
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from wellbeing_desktop.reports import fonts, pdftext
from wellbeing_desktop.reports.template import ReportCanvas

FONT_SIZE = 7.8
LEADING = 9.4
PAD_X = 3.0
PAD_Y = 2.6
MAX_LINES = 3

# Grey levels (0 black, 1 white) and cell tints.
HEADER_FILL = "0.886 0.914 0.937 rg"
STRIPE_FILL = "0.957 0.965 0.973 rg"
TOTAL_FILL = "0.902 0.922 0.941 rg"
TINTS = {
    "alert": "0.969 0.812 0.792 rg",  # prints as mid grey
    "warn": "0.992 0.925 0.769 rg",  # prints as light grey
}


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float
    align: str = "left"  # "left" or "right"
    # Never shortened with "…": the cell wraps onto as many lines as it needs, breaking
    # a word wider than the column between characters. For names: a record must never
    # cut one short. Other cells wrap onto at most MAX_LINES lines.
    whole: bool = False


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Any, ...]  # str, or PageOf for a page number known only at the end
    bold: tuple[int, ...] = ()  # columns drawn in bold
    tint: tuple[int, str] | None = None  # (column, key of TINTS): a shaded cell
    total: bool = False  # a total row: bold, shaded, with a rule above
    # The group the row belongs to (a person whose several rows follow one another):
    # a page that opens inside a group shows "<group> (continued)" in the first column
    # of its first row, and stripes alternate by group rather than by row.
    group: str | None = None


@dataclass(frozen=True, slots=True)
class PageOf:
    """A cell showing the page a section starts on (filled in when the PDF is saved)."""

    key: str


class _Text:
    """Table cells as PDF operators, cached per document: one dictionary per column
    position and font, keyed by the cell's text (strings hash once; tuples do not)."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        cache = getattr(canvas, "text_cache", None)
        self.columns: dict[tuple[Any, ...], dict[str, str]] = cache if cache is not None else {}

    def column(self, anchor: tuple[float, bool], font_name: str) -> dict[str, str]:
        return self.columns.setdefault((anchor, font_name), {})

    def cell(self, anchor: tuple[float, bool], font_name: str, text: str) -> str:
        """Operators that move to a cell's column from the row's start, draw ``text``
        (left- or right-aligned at the anchor) and move back."""
        cells = self.column(anchor, font_name)
        found = cells.get(text)
        if found is None:
            if not text:
                found = ""
            else:
                x, right = anchor
                if right:
                    x -= text_width(text, font_name)
                shown = pdftext.encoded(self.canvas, font_name, FONT_SIZE, text)
                found = f"{x:.2f} 0 Td {shown} {-x:.2f} 0 Td"
            cells[text] = found
        return found


_wrapped: dict[tuple[str, float, str], tuple[str, ...]] = {}
# No character in the report fonts is wider than this many em (bold included).
_WIDEST = 1.15


def reset_caches() -> None:
    """Forget measured widths and wrapped text (each report starts afresh, so timings
    stay honest)."""
    pdftext.reset_caches()
    _wrapped.clear()
    fonts.forget_replaced()


def text_width(text: str, font_name: str, size: float = FONT_SIZE) -> float:
    return pdftext.text_width(text, font_name, size)


def wrap_text(text: str, width: float, font_name: str, *, whole: bool = False) -> tuple[str, ...]:
    """Greedy word wrap to ``width``, at most MAX_LINES lines (the last shortened with …);
    with ``whole``, as many lines as the text needs and nothing shortened."""
    key = (text, width, font_name, whole)
    found = _wrapped.get(key)
    if found is None:
        found = _wrapped[key] = _wrap(text, width, font_name, whole)
    return found


def _pieces(word: str, width: float, font_name: str) -> list[str]:
    """A word wider than ``width`` in pieces that fit: after a hyphen where it can,
    else between characters (at least one character each)."""
    pieces: list[str] = []
    current = ""
    for part in re.split(r"(?<=-)", word):
        if text_width(current + part, font_name) <= width:
            current += part
            continue
        if current:
            pieces.append(current)
            current = ""
        for character in part:
            if current and text_width(current + character, font_name) > width:
                pieces.append(current)
                current = character
            else:
                current += character
    return [*pieces, current] if current else pieces


def _wrap(text: str, width: float, font_name: str, whole: bool = False) -> tuple[str, ...]:
    if text_width(text, font_name) <= width:
        return (text,)
    lines: list[str] = []
    current = ""
    words = text.split()
    if whole:
        words = [
            piece
            for word in words
            for piece in (
                _pieces(word, width, font_name) if text_width(word, font_name) > width else (word,)
            )
        ]
    for word in words:
        candidate = f"{current} {word}" if current else word
        if not current or text_width(candidate, font_name) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if whole:
        return tuple(lines)
    if len(lines) > MAX_LINES:
        lines = [*lines[: MAX_LINES - 1], " ".join(lines[MAX_LINES - 1 :])]
    return tuple(_shorten(line, width, font_name) for line in lines)


def _shorten(line: str, width: float, font_name: str) -> str:
    if text_width(line, font_name) <= width:
        return line
    while line and text_width(line + "…", font_name) > width:
        line = line[:-1]
    return line + "…"


class _Layout:
    """Every row's lines and height, worked out once and shared by the split parts.
    ``lines[i]`` is None when every cell of row i fits on one line (the usual case)."""

    def __init__(self, columns: Sequence[Column], rows: Sequence[Row]) -> None:
        self.columns = tuple(columns)
        self.rows = rows
        inner = [c.width - 2 * PAD_X for c in self.columns]
        # Text with no more characters than this cannot overflow its column; longer
        # text is measured (once per distinct text).
        safe = [int(room / (FONT_SIZE * _WIDEST)) for room in inner]
        self.header = tuple(
            wrap_text(c.title, w, fonts.BOLD) for c, w in zip(columns, inner, strict=True)
        )
        self.header_height = max(len(lines) for lines in self.header) * LEADING + 2 * PAD_Y
        single = LEADING + 2 * PAD_Y
        self.lines: list[tuple[tuple[str, ...], ...] | None] = []
        heights = []
        regular, bold = fonts.REGULAR, fonts.BOLD
        known = {regular: pdftext.widths_for(regular), bold: pdftext.widths_for(bold)}
        rooms = [room * 1000 / FONT_SIZE for room in inner]  # in the cache's units
        wholes = [c.whole for c in self.columns]
        for row in rows:
            cells = row.cells
            fits = True
            for index, cell in enumerate(cells):
                if type(cell) is str and len(cell) > safe[index]:
                    font = bold if (row.total or index in row.bold) else regular
                    width = known[font].get(cell)
                    if width is None:
                        width = text_width(cell, font, 1000)
                    if width > rooms[index]:
                        fits = False
                        break
            if fits:
                self.lines.append(None)
                heights.append(single)
                continue
            laid: list[tuple[str, ...]] = []
            for index, (cell, room) in enumerate(zip(cells, inner, strict=True)):
                if type(cell) is not str:
                    laid.append(("",))
                    continue
                font = bold if (row.total or index in row.bold) else regular
                laid.append(wrap_text(cell, room, font, whole=wholes[index]))
            tallest = max(len(lines) for lines in laid)
            self.lines.append(tuple(laid))
            heights.append(tallest * LEADING + 2 * PAD_Y)
        self.heights = heights
        self.tops = [0.0, *accumulate(heights)]  # running height before each row
        # Stripe bands: a row starts a new band unless it continues the group above.
        bands: list[int] = []
        band = -1
        previous: str | None = None
        for row in rows:
            group = row.group
            if group is None or group != previous:
                band += 1
            bands.append(band)
            previous = group
        self.bands = bands
        self._inner = inner

    def opening(self, position: int) -> tuple[Row, tuple[tuple[str, ...], ...], float] | None:
        """Row ``position`` as shown first on a page when it continues the group of the
        row above: the group named again, "(continued)", in the first column; else None."""
        if position <= 0 or position >= len(self.rows):
            return None
        row = self.rows[position]
        if row.group is None or self.rows[position - 1].group != row.group:
            return None
        shown = replace(row, cells=(f"{row.group} (continued)", *row.cells[1:]))
        laid: list[tuple[str, ...]] = []
        for index, (cell, room) in enumerate(zip(shown.cells, self._inner, strict=True)):
            if type(cell) is not str:
                laid.append(("",))
                continue
            font = fonts.BOLD if (shown.total or index in shown.bold) else fonts.REGULAR
            laid.append(wrap_text(cell, room, font, whole=self.columns[index].whole))
        height = max(len(lines) for lines in laid) * LEADING + 2 * PAD_Y
        return shown, tuple(laid), height


# Steps down to a cell's n-th line and back up (relative moves within a row), made
# once for the usual few lines (a whole name can take more: made when needed).
_STEPS = 16
_DOWN = [f"0 {-n * LEADING:.2f} Td" for n in range(_STEPS)]
_UP = [f"0 {n * LEADING:.2f} Td" for n in range(_STEPS)]


class RowTable(Flowable):
    """A table of :class:`Row` under a header of :class:`Column`; splits by rows."""

    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Row],
        *,
        stripes: bool = True,
        _layout: _Layout | None = None,
        _span: tuple[int, int] | None = None,
    ) -> None:
        super().__init__()
        self.layout = _layout or _Layout(columns, rows)
        self.start, self.end = _span or (0, len(rows))
        self.stripes = stripes
        self.width = sum(c.width for c in self.layout.columns)
        # The first row, when this part opens inside a group (see Row.group).
        self.first = self.layout.opening(self.start) if _span is not None else None
        self.extra = 0.0 if self.first is None else self.first[2] - self.layout.heights[self.start]

    def _height(self, start: int, end: int) -> float:
        return (
            self.layout.header_height + self.layout.tops[end] - self.layout.tops[start] + self.extra
        )

    def opening_height(self, rows: int = 3) -> float:
        """The height of the header and the first ``rows`` rows (for keeping a heading
        with the start of its table)."""
        return self._height(self.start, min(self.end, self.start + rows))

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.height = self._height(self.start, self.end)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        layout = self.layout
        room = availHeight - layout.header_height - self.extra + layout.tops[self.start]
        end = bisect.bisect_right(layout.tops, room, lo=self.start) - 1
        end = min(end, self.end)
        if end <= self.start:
            return []  # not even one row fits: start on the next page
        if end < self.end and layout.rows[end].total and end - self.start > 1:
            end -= 1  # never leave a total row alone at the top of a page
        if end >= self.end:
            return [self]
        return [
            RowTable(
                (), layout.rows, stripes=self.stripes, _layout=layout, _span=(self.start, end)
            ),
            RowTable((), layout.rows, stripes=self.stripes, _layout=layout, _span=(end, self.end)),
        ]

    def draw(self) -> None:
        canvas = self.canv
        text = _Text(canvas)
        layout = self.layout
        columns = layout.columns
        width = self.width
        height = self._height(self.start, self.end)
        lefts = list(accumulate((c.width for c in columns), initial=0.0))
        anchors = [
            (lefts[i] + c.width - PAD_X, True) if c.align == "right" else (lefts[i] + PAD_X, False)
            for i, c in enumerate(columns)
        ]
        shapes: list[str] = []
        words: list[str] = []
        rules: list[str] = []
        deferred: list[tuple[PageOf, float, float]] = []
        emit = words.append
        lookups = [(text.column(a, fonts.REGULAR), text.column(a, fonts.BOLD)) for a in anchors]
        first_baseline = PAD_Y + FONT_SIZE * 0.93
        regular, bold = fonts.REGULAR, fonts.BOLD

        def lines_at(top: float, row_lines: Sequence[Sequence[str]], row: Row | None) -> None:
            # A row with wrapped cells (or the header, ``row`` None: bold): positioned
            # once like any row; a cell's further lines step down from its first and back
            # (cell by cell, so that text is read in order: a wrapped role reads whole
            # before the next column).
            emit(f"1 0 0 1 0 {top - first_baseline:.2f} Tm")
            for index, lines in enumerate(row_lines):
                if row is not None and type(row.cells[index]) is not str:
                    deferred.append((row.cells[index], anchors[index][0], top))  # a PageOf
                    continue
                heavy = row is None or row.total or index in row.bold
                known = lookups[index][1 if heavy else 0]
                for n, line in enumerate(lines):
                    found = known.get(line)
                    if found is None:
                        found = text.cell(anchors[index], bold if heavy else regular, line)
                    if not found:
                        continue
                    if n:
                        emit(_DOWN[n] if n < _STEPS else f"0 {-n * LEADING:.2f} Td")
                        emit(found)
                        emit(_UP[n] if n < _STEPS else f"0 {n * LEADING:.2f} Td")
                    else:
                        emit(found)

        # Header row.
        top = height
        shapes.append(
            f"{HEADER_FILL} 0 {top - layout.header_height:.2f} {width:.2f} "
            f"{layout.header_height:.2f} re f"
        )
        lines_at(top, layout.header, None)
        top -= layout.header_height
        rules.append(f"0 {top:.2f} m {width:.2f} {top:.2f} l")
        # Body rows. A row's text is positioned once; each cell moves to its column
        # and back, so a cell's operators depend only on its text and column and can
        # be reused whenever the same value appears again.
        all_rows, all_lines, heights = layout.rows, layout.lines, layout.heights
        bands = layout.bands
        first_band = bands[self.start] if self.start < self.end else 0
        first = self.first
        for position in range(self.start, self.end):
            row = all_rows[position]
            row_height = heights[position]
            row_lines = all_lines[position]
            if first is not None and position == self.start:
                row, row_lines, row_height = first
            bottom = top - row_height
            if row.total:
                shapes.append(f"{TOTAL_FILL} 0 {bottom:.2f} {width:.2f} {row_height:.2f} re f")
                rules.append(f"0 {top:.2f} m {width:.2f} {top:.2f} l")
            elif self.stripes and (bands[position] - first_band) % 2:
                shapes.append(f"{STRIPE_FILL} 0 {bottom:.2f} {width:.2f} {row_height:.2f} re f")
            if row.tint is not None:
                index, tint = row.tint
                shapes.append(
                    f"{TINTS[tint]} {lefts[index]:.2f} {bottom:.2f} "
                    f"{columns[index].width:.2f} {row_height:.2f} re f"
                )
            if row_lines is not None:
                lines_at(top, row_lines, row)
            else:
                emit(f"1 0 0 1 0 {top - first_baseline:.2f} Tm")
                emphasis = row.bold
                strong = row.total
                for index, cell in enumerate(row.cells):
                    if type(cell) is not str:
                        deferred.append((cell, anchors[index][0], top))  # a PageOf
                        continue
                    known = lookups[index][1 if strong or index in emphasis else 0]
                    found = known.get(cell)
                    if found is None:
                        found = text.cell(
                            anchors[index], bold if strong or index in emphasis else regular, cell
                        )
                    if found:
                        emit(found)
            top = bottom
        rules.append(f"0 {top:.2f} m {width:.2f} {top:.2f} l")
        canvas.addLiteral(
            "q " + " ".join(shapes) + " 0 g BT " + " ".join(words) + " ET "
            "0.35 0.4 0.45 RG 0.6 w " + " ".join(rules) + " S Q"
        )
        for cell, right, row_top in deferred:
            self._defer_page_number(canvas, cell, right, row_top)

    def _defer_page_number(self, canvas: Canvas, cell: PageOf, right: float, top: float) -> None:
        if not isinstance(canvas, ReportCanvas):
            return
        x, y = canvas.absolutePosition(right, top - PAD_Y - FONT_SIZE * 0.93)

        def draw(target: Canvas, _page: int, _total: int) -> None:
            page = target.page_of.get(cell.key) if isinstance(target, ReportCanvas) else None
            if page is not None:
                pdftext.draw_text(target, x, y, str(page), fonts.REGULAR, FONT_SIZE, align="right")

        canvas.defer(draw)


def table_width(columns: Sequence[Column]) -> float:
    return sum(c.width for c in columns)


def fit_columns(columns: Sequence[Column], width: float, stretch: Sequence[int]) -> list[Column]:
    """Widen the ``stretch`` columns equally so the table fills ``width``."""
    spare = (width - table_width(columns)) / max(1, len(stretch))
    return [replace(c, width=c.width + spare) if i in stretch else c for i, c in enumerate(columns)]
