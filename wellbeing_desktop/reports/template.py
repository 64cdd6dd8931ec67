"""The page every report is printed on, and the parts they share.

Every page carries the report's title and subject, a confidentiality marking, the
date and time it was printed, and "Page N of M". The total is only known at the
end, so :class:`ReportCanvas` keeps each finished page aside and writes the page
numbers (and anything else that waits for page numbers, such as a contents list)
in one pass at the end: linear in the number of pages.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from wellbeing_desktop import APP_NAME, __version__
from wellbeing_desktop.reports import fonts, pdftext
from wellbeing_desktop.reports.formatting import printed

# Page streams are compressed; ASCII85 on top only makes them a quarter bigger, and
# without reportlab's optional C accelerator encoding them is the slowest step of all.
rl_config.useA85 = 0

MARGIN = 14 * mm
HEADER_HEIGHT = 17 * mm
FOOTER_HEIGHT = 11 * mm
GAP = 4 * mm

INK = colors.HexColor("#1b1b1b")
ACCENT = colors.HexColor("#1f3b57")  # dark blue: prints as near-black
RULE = colors.HexColor("#8a96a3")
SHADE = colors.HexColor("#e6ebf0")  # table headers, cards
FAINT = colors.HexColor("#f4f6f8")  # alternate rows

# Under the title of the first page when a name or note had characters no report font
# has (see fonts.runs): it names no one.
REPLACEMENT_NOTE = (
    "Some names or notes contain characters the report fonts cannot show; "
    f"they are printed as {fonts.REPLACEMENT}. The app shows them in full."
)


@dataclass(frozen=True)
class ReportSetup:
    """What the page template needs to know about one report."""

    title: str  # "Team caseload report"
    scope: str  # "North Recovery Service", a person's name, "All teams"
    subject: str  # document metadata: one sentence
    marking: str = "OFFICIAL-SENSITIVE"
    handling: str = "Contains personal data about staff. Keep secure; shred when no longer needed."
    printed_at: dt.datetime | None = None
    wide: bool = False  # A4 landscape rather than portrait
    keywords: tuple[str, ...] = ()


# ---- styles ---------------------------------------------------------------------------


@cache
def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles, made once per process (after the fonts are registered)."""
    fonts.register_fonts()
    base = ParagraphStyle(
        "body",
        fontName=fonts.REGULAR,
        fontSize=9,
        leading=12,
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=4,
    )

    def make(name: str, **changes: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    return {
        "body": base,
        "small": make("small", fontSize=7.5, leading=9.5, textColor=colors.HexColor("#333333")),
        "h1": make(
            "h1", fontName=fonts.BOLD, fontSize=15, leading=19, textColor=ACCENT, spaceAfter=3
        ),
        "h2": make(
            "h2",
            fontName=fonts.BOLD,
            fontSize=11.5,
            leading=15,
            textColor=ACCENT,
            spaceBefore=8,
            spaceAfter=3,
        ),
        "h3": make("h3", fontName=fonts.BOLD, fontSize=9.5, leading=12, spaceBefore=6),
        "facts": make("facts", fontSize=9, leading=12.5, textColor=colors.HexColor("#333333")),
        "cell": make("cell", fontSize=8.5, leading=10.5, spaceAfter=0),
        "cell_bold": make("cell_bold", fontName=fonts.BOLD, fontSize=8.5, leading=10.5),
        "card_figure": make(
            "card_figure", fontName=fonts.BOLD, fontSize=17, leading=20, textColor=INK
        ),
        "card_label": make("card_label", fontSize=8, leading=10, textColor=INK, spaceAfter=0),
        "banner": make(
            "banner", fontName=fonts.BOLD, fontSize=9.5, leading=12.5, textColor=colors.white
        ),
        "signature": make("signature", fontSize=9, leading=12, spaceAfter=0),
    }


def para(text: str, style: str = "body") -> Paragraph:
    """A paragraph of plain text (escaped; line breaks kept; any script)."""
    return Paragraph(fonts.markup(text), styles()[style])


SCOPE_SIZE = 9.5
SCOPE_SMALLER = 8.5  # a scope that does not fit is first set a little smaller
SCOPE_LEADING = 10.5  # between the lines of a scope that still does not fit


def wrap_line(value: str, font: str, size: float, width: float) -> list[str]:
    """``value`` in lines no wider than ``width``, nothing left out: broken at spaces
    (not no-break spaces; the spacing within a line kept as written), and a word wider
    than the line between characters. (Widths add up piece by piece, the fonts having no kerning,
    and each piece is measured once per report.)"""
    lines: list[str] = []
    current, used = "", 0.0
    gap = ""  # the spaces before the next word on this line
    for token in re.findall(r"[^ ]+| +", value):
        if token[0] == " ":
            gap = token if current else ""
            continue
        added = pdftext.text_width(gap + token, font, size)
        if used + added <= width:
            current, used, gap = current + gap + token, used + added, ""
            continue
        if current:
            lines.append(current)
            current, used, gap = "", 0.0, ""
        added = pdftext.text_width(token, font, size)
        if added <= width:
            current, used = token, added
            continue
        for character in token:
            step = pdftext.text_width(character, font, size)
            if current and used + step > width:
                lines.append(current)
                current, used = character, step
            else:
                current, used = current + character, used + step
    return [*lines, current] if current else lines or [""]


def scope_lines(scope: str, width: float) -> tuple[float, list[str]]:
    """The header's subtitle as (font size, lines): one line at the usual size if it
    fits, else one line slightly smaller, else wrapped onto as many lines as it needs.
    Nothing is cut short: a name or date lost from every page header is a record
    that cannot be filed."""
    for size in (SCOPE_SIZE, SCOPE_SMALLER):
        if fonts.string_width(scope, fonts.REGULAR, size) <= width:
            return size, [scope]
    return SCOPE_SMALLER, wrap_line(scope, fonts.REGULAR, SCOPE_SMALLER, width)


RUNNING_SIZE = 8.5
RUNNING_SMALLEST = 6.5
RUNNING_LEAST_ROOM = 60.0


@lru_cache(maxsize=256)  # the same title on page after page
def fit_running_title(title: str, width: float) -> tuple[float, str]:
    """The running title (the section carried on in the page header) as (font size,
    text) within ``width``: smaller type first, then cut short with "…". It only helps
    the reader find their place: the section's own heading, in full, is in the body."""
    for size in (RUNNING_SIZE, 7.5, RUNNING_SMALLEST):
        if pdftext.text_width(title, fonts.REGULAR, size) <= width:
            return size, title
    suffix = " (continued)" if title.endswith(" (continued)") else ""
    name = title.removesuffix(suffix)
    while name and pdftext.text_width(f"{name}…{suffix}", fonts.REGULAR, RUNNING_SMALLEST) > width:
        name = name[:-1]
    return RUNNING_SMALLEST, f"{name.rstrip()}…{suffix}"


def text(value: str) -> str:
    """A value made safe to put inside paragraph markup."""
    return fonts.markup(value)


class TextLine(Flowable):
    """Plain text in a paragraph style, drawn directly: a cheap heading for the hundreds
    of team sections in an organisation report. Text too long for the line wraps onto
    more lines, broken at spaces as a paragraph would be; a line break starts a line."""

    def __init__(self, text: str, style: str = "body") -> None:
        super().__init__()
        self.text = text
        self.style = styles()[style]
        self._lines: list[str] = []
        self._broken_at = -1.0  # the width the lines were broken for

    @classmethod
    def _part(cls, lines: list[str], style: str, width: float) -> TextLine:
        part = cls(" ".join(lines), style)
        part._lines, part._broken_at = lines, width
        return part

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        style = self.style
        if self._broken_at != availWidth:
            self._broken_at = availWidth
            self._lines = [
                line
                for part in self.text.split("\n")
                for line in (
                    [part]
                    if pdftext.text_width(part, style.fontName, style.fontSize) <= availWidth
                    else wrap_line(part, style.fontName, style.fontSize, availWidth)
                )
            ]
        self.width, self.height = availWidth, style.leading * len(self._lines)
        return self.width, self.height

    def getSpaceBefore(self) -> float:
        return self.style.spaceBefore

    def getSpaceAfter(self) -> float:
        return self.style.spaceAfter

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        lines, name = self._lines, self.style.name
        fit = int((availHeight + 1e-6) // self.style.leading)
        if fit < 1 or fit >= len(lines):
            return []
        return [
            TextLine._part(lines[:fit], name, availWidth),
            TextLine._part(lines[fit:], name, availWidth),
        ]

    def draw(self) -> None:
        style = self.style
        lines = self._lines
        descent = (style.leading - style.fontSize) / 2 + style.fontSize * 0.22
        colour = pdftext.fill_operator(style.textColor)
        for number, line in enumerate(lines):
            pdftext.draw_text(
                self.canv,
                0,
                descent + (len(lines) - 1 - number) * style.leading,
                line,
                style.fontName,
                style.fontSize,
                colour=colour,
            )


class RoomFor(CondPageBreak):
    """A page break unless ``flowables`` (a heading and its note, say) and ``extra``
    points more (the first rows of the table they introduce) fit on this page: the
    heading is then never left at the foot of a page with its table on the next."""

    def __init__(self, flowables: Sequence[Flowable], extra: float) -> None:
        super().__init__(extra)
        self.flowables = tuple(flowables)
        self.extra = extra

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.height = self.extra + sum(
            f.wrap(availWidth, availHeight)[1] + f.getSpaceBefore() + f.getSpaceAfter()
            for f in self.flowables
        )
        return super().wrap(availWidth, availHeight)


def markup(text: str, style: str = "body") -> Paragraph:
    """A paragraph whose text is already reportlab markup (callers escape values)."""
    if "<i>" in text:
        fonts.use(fonts.ITALIC)  # the oblique face is loaded on first use
    return Paragraph(text, styles()[style])


def table(
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    commands: Sequence[tuple[Any, ...]] = (),
    *,
    header: bool = True,
) -> Table:
    """A reportlab table in the report fonts, its header row repeated on every page.
    (A table cell otherwise defaults to Helvetica, which is not embedded.)"""
    base: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8.5, 10.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        base += [
            ("FONT", (0, 0), (-1, 0), fonts.BOLD, 8, 10),
            ("BACKGROUND", (0, 0), (-1, 0), SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
            ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ]
    return Table(
        [list(row) for row in rows],
        colWidths=list(widths),
        repeatRows=1 if header else 0,
        style=TableStyle([*base, *commands]),
    )


def banner(message: str, width: float) -> Table:
    """A warning across the page: white on black, so it survives photocopying."""
    return table(
        [[para(message, "banner")]],
        [width],
        [
            ("BACKGROUND", (0, 0), (-1, -1), colors.black),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ("LEFTPADDING", (0, 0), (-1, -1), 7),
        ],
        header=False,
    )


CARD_TINTS = {"alert": colors.HexColor("#f7cfca"), "warn": colors.HexColor("#fdecc4")}


def cards(figures: Sequence[tuple[str, str, str | None]], widths: Sequence[float]) -> Table:
    """A row of boxed key figures: (figure, label, tint or None). Tints are pale: the
    figure's symbol and label carry the meaning in black and white."""
    cells = [
        [para(figure, "card_figure"), para(label, "card_label")] for figure, label, _ in figures
    ]
    commands: list[tuple[Any, ...]] = [
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("INNERGRID", (0, 0), (-1, -1), 0.6, RULE),
        ("BACKGROUND", (0, 0), (-1, -1), FAINT),
        ("TOPPADDING", (0, 0), (-1, -1), 5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 7),
    ]
    for column, (_figure, _label, tint) in enumerate(figures):
        if tint is not None:
            commands.append(("BACKGROUND", (column, 0), (column, 0), CARD_TINTS[tint]))
    return table([cells], widths, commands, header=False)


# ---- the canvas: pages kept until the total is known ------------------------------------


class _QuickFlate:
    """Flate compression (zlib) at its quickest level, for the page streams: a report
    of 800 pages is written in a tenth less time, for a file a fifth larger (still
    small: 3 MB for 10,000 people). Any PDF reader decodes it as usual."""

    pdfname = "FlateDecode"

    def encode(self, text: str | bytes) -> bytes:
        return zlib.compress(text.encode("utf8") if isinstance(text, str) else text, 1)

    def decode(self, encoded: bytes) -> bytes:
        return zlib.decompress(encoded)


class ReportCanvas(Canvas):
    """A canvas that holds its pages until ``save`` so each can say "Page N of M".

    ``defer(callback)`` asks for ``callback(canvas, page_number, total_pages)`` to run
    on the current page just before it is written; ``mark(key, title)`` makes a PDF
    bookmark (outline entry and link target) on the current page.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Pages are not compressed by reportlab's own (slower) setting: every stream
        # without filters of its own, pages included, gets the document's default.
        kwargs["pageCompression"] = 0
        super().__init__(*args, **kwargs)
        self._doc.defaultStreamFilters = [_QuickFlate()]
        self._kept_pages: list[dict[str, Any]] = []
        self._deferred: dict[int, list[Callable[[Canvas, int, int], None]]] = defaultdict(list)
        self.page_of: dict[str, int] = {}
        self.text_cache: dict[tuple[Any, ...], dict[str, str]] = {}  # table cells (table.py)
        self.footer: Callable[[Canvas, int, int], None] | None = None

    def defer(self, callback: Callable[[Canvas, int, int], None]) -> None:
        self._deferred[self._pageNumber].append(callback)

    def mark(self, key: str, title: str) -> None:
        self.page_of[key] = self._pageNumber

        def bookmark(canvas: Canvas, _page: int, _total: int) -> None:
            canvas.bookmarkPage(key, fit="XYZ", left=0, top=canvas._pagesize[1])
            canvas.addOutlineEntry(title, key, level=0, closed=False)

        self.defer(bookmark)

    def showPage(self) -> None:
        state = dict(self.__dict__)
        # Not the list itself: each page's state holding the list of them would make
        # one cycle of every page, left for the cycle collector to free.
        del state["_kept_pages"]
        self._kept_pages.append(state)
        self._startPage()

    def save(self) -> None:
        kept, self._kept_pages = self._kept_pages, []
        total = len(kept)
        replaced = fonts.replaced()  # everything is drawn by now
        for state in kept:
            self.__dict__.update(state)
            number = self._pageNumber
            if number == 1 and replaced:
                self._replacement_note()
            for callback in self._deferred.get(number, ()):
                callback(self, number, total)
            if self.footer is not None:
                self.footer(self, number, total)
            Canvas.showPage(self)
        del kept
        Canvas.save(self)

    def _replacement_note(self) -> None:
        _width, height = self._pagesize
        document = getattr(self, "_doctemplate", None)
        extra = document.header_extra if isinstance(document, ReportDocument) else 0
        pdftext.draw_text(
            self,
            MARGIN,
            height - MARGIN - HEADER_HEIGHT - extra + 2,  # under the rule below the title
            REPLACEMENT_NOTE,  # (narrower than a portrait page)
            fonts.REGULAR,
            7.5,
            colour=pdftext.fill_operator(ACCENT),
        )


# ---- the document ---------------------------------------------------------------------


class ReportDocument(BaseDocTemplate):
    """A4 pages with the shared header and footer; sections show on later pages."""

    def __init__(self, buffer: io.BytesIO, setup: ReportSetup) -> None:
        fonts.register_fonts()
        self.setup = setup
        self.printed_at = setup.printed_at or dt.datetime.now()
        size = landscape(A4) if setup.wide else A4
        self.marking_width = fonts.string_width(setup.marking, fonts.BOLD, 8.5) + 12
        self.scope_size, self.scope_lines = scope_lines(
            setup.scope, size[0] - 2 * MARGIN - self.marking_width - 12
        )
        # Each extra line of the subtitle moves the header's rule, and the frame below
        # it, down by a line, on every page alike.
        self.header_extra = (len(self.scope_lines) - 1) * SCOPE_LEADING
        super().__init__(
            buffer,
            pagesize=size,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_HEIGHT + self.header_extra + GAP,
            bottomMargin=MARGIN + FOOTER_HEIGHT + GAP,
            title=f"{setup.title}: {setup.scope}",
            author=APP_NAME,
            subject=setup.subject,
            creator=f"{APP_NAME} {__version__}",
            keywords=list(setup.keywords),
            lang="en-GB",
            initialFontName=fonts.REGULAR,
            displayDocTitle=1,
        )
        frame = Frame(
            self.leftMargin,
            self.bottomMargin,
            self.width,
            self.height,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
            id="body",
        )
        self.frame_top = self.bottomMargin + self.height
        self.addPageTemplates(
            [PageTemplate("page", [frame], onPage=self._page_begins, onPageEnd=self._page_ends)]
        )
        self.section: str | None = None  # the section being printed
        self._section_at_start: str | None = None
        self._section_at_top: str | None = None  # one that opens at the top of the page
        self._frame_drawn = False

    # Sections (teams in an organisation report) show in the header of the pages they
    # run on to; SectionMark calls this when it is drawn.
    def open_section(self, title: str, at_top: bool) -> None:
        self.section = title
        if at_top:
            self._section_at_top = title

    def _page_begins(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        self._section_at_start = self.section
        self._section_at_top = None
        if isinstance(canvas, ReportCanvas) and canvas.footer is None:
            canvas.footer = self._page_number

    def _page_ends(self, canvas: Canvas, _doc: BaseDocTemplate) -> None:
        # The fixed parts of the header and footer are drawn once, as a form that every
        # page shows: hundreds of pages then cost hundreds of references, not redraws.
        if not self._frame_drawn:
            canvas.beginForm("page-frame")
            self._draw_frame(canvas)
            canvas.endForm()
            self._frame_drawn = True
        canvas.doForm("page-frame")
        running = self._running_title()
        room = self._running_room()
        if running and room >= RUNNING_LEAST_ROOM:
            width, height = self.pagesize
            size, shown = fit_running_title(running, room)
            pdftext.draw_text(
                canvas,
                width - MARGIN,
                # Beside the subtitle's last line: a long subtitle wraps almost to the
                # marking, and its last line leaves the most room.
                height - MARGIN - 25 - (len(self.scope_lines) - 1) * SCOPE_LEADING,
                shown,
                fonts.REGULAR,  # not oblique: a third face to load for every long report
                size,
                align="right",
                colour=pdftext.fill_operator(INK),
            )

    def _running_room(self) -> float:
        """The width beside the last line of the header's subtitle, for the running
        title (none is drawn in less than RUNNING_LEAST_ROOM: the section's own heading
        names it)."""
        last = self.scope_lines[-1] if self.scope_lines else ""
        scope = pdftext.text_width(last, fonts.REGULAR, self.scope_size)
        return self.pagesize[0] - 2 * MARGIN - scope - 24

    def _draw_frame(self, canvas: Canvas) -> None:
        width, height = self.pagesize
        setup = self.setup
        canvas.saveState()
        top = height - MARGIN
        # The marking: white on black, so it survives photocopying.
        canvas.setFont(fonts.BOLD, 8.5)
        marking_width = self.marking_width
        canvas.setFillColor(colors.black)
        canvas.rect(width - MARGIN - marking_width, top - 14, marking_width, 14, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        canvas.drawRightString(width - MARGIN - 6, top - 10.2, setup.marking)
        canvas.setFillColor(ACCENT)
        canvas.setFont(fonts.BOLD, 13)
        canvas.drawString(MARGIN, top - 11, setup.title)
        canvas.setFillColor(INK)
        for number, line in enumerate(self.scope_lines):
            fonts.draw_string(
                canvas,
                MARGIN,
                top - 25 - number * SCOPE_LEADING,
                line,
                fonts.REGULAR,
                self.scope_size,
            )
        rule = top - HEADER_HEIGHT - self.header_extra + 12
        canvas.setStrokeColor(ACCENT)
        canvas.setLineWidth(1.2)
        canvas.line(MARGIN, rule, width - MARGIN, rule)
        # Footer (the page number is added at the end, once the total is known).
        bottom = MARGIN
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, bottom + FOOTER_HEIGHT - 3, width - MARGIN, bottom + FOOTER_HEIGHT - 3)
        canvas.setFillColor(INK)
        canvas.setFont(fonts.REGULAR, 7.5)
        canvas.drawString(
            MARGIN,
            bottom + FOOTER_HEIGHT - 13,
            f"Printed {printed(self.printed_at)} from {APP_NAME}",
        )
        canvas.setFont(fonts.BOLD, 7.5)
        canvas.drawString(MARGIN, bottom + FOOTER_HEIGHT - 23, setup.marking)
        canvas.setFont(fonts.REGULAR, 7.5)
        canvas.drawString(
            MARGIN + canvas.stringWidth(setup.marking + "  ", fonts.BOLD, 7.5),
            bottom + FOOTER_HEIGHT - 23,
            setup.handling,
        )
        canvas.restoreState()

    def _running_title(self) -> str:
        """The section at the top of the page: one that opens there, else the one
        carried on from the page before, if any (sections opening further down the
        page are left to their own headings)."""
        if self._section_at_top:
            return self._section_at_top
        return f"{self._section_at_start} (continued)" if self._section_at_start else ""

    def _page_number(self, canvas: Canvas, number: int, total: int) -> None:
        pdftext.draw_text(
            canvas,
            self.pagesize[0] - MARGIN,
            MARGIN + FOOTER_HEIGHT - 13,
            f"Page {number} of {total}",
            fonts.BOLD,
            8,
            align="right",
            colour=pdftext.fill_operator(INK),
        )


class SectionEnd(Flowable):
    """Ends the section being printed: the pages after it (organisation-wide parts after
    the last team) carry no "… (continued)" heading."""

    def __init__(self) -> None:
        super().__init__()
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        doc: ReportDocument | None = getattr(self.canv, "_doctemplate", None)
        if doc is not None:
            doc.section = None


class SectionMark(Flowable):
    """Starts a section: names it in the header of the pages it continues on, and adds
    a bookmark, so a long report can be navigated in a PDF viewer."""

    def __init__(self, key: str, title: str) -> None:
        super().__init__()
        self.key = key
        self.title = title
        self.width = self.height = 0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        canvas = self.canv
        doc: ReportDocument | None = getattr(canvas, "_doctemplate", None)
        _x, y = canvas.absolutePosition(0, 0)
        if doc is not None:
            doc.open_section(self.title, at_top=abs(y - doc.frame_top) < 1)
        if isinstance(canvas, ReportCanvas):
            canvas.mark(self.key, self.title)


def build_pdf(setup: ReportSetup, story: Sequence[Flowable]) -> bytes:
    """Lay out ``story`` on the report pages and return the PDF."""
    buffer = io.BytesIO()
    document = ReportDocument(buffer, setup)
    try:
        document.build(list(story), canvasmaker=ReportCanvas)
    finally:
        fonts.report_built()
        _release(document)
    return buffer.getvalue()


def _release(document: ReportDocument) -> None:
    """Let a finished document's parts go now. The document, its canvas and reportlab's
    PDF objects refer to one another in cycles, which only the cycle collector frees:
    for a long report, tens of thousands of objects and a pause of 50-90 ms at some
    later moment. Emptied, they are freed at once by reference counting."""
    canvas = getattr(document, "canv", None)
    if canvas is not None:
        pdf = getattr(canvas, "_doc", None)
        if pdf is not None:
            pdf.__dict__.clear()
        canvas.__dict__.clear()
    document.__dict__.clear()
