"""The report preview: the PDF's pages on screen, then Print… or Save as PDF….

The report is made off the UI thread by the same ``reports.render`` the command
line uses, so the preview, the paper and the saved file are one and the same
PDF. Pages are drawn as they come into view (``ui/pdf_pages.py``), so a
500-page organisation report opens as quickly as a two-page team report.
Printing paints those pages at the printer's resolution on a background thread;
saving writes the PDF's bytes through the services, which record both in the
audit trail.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtGui import (
    QImage,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop import APP_NAME
from wellbeing_desktop.ui.tasks import TaskRunner
from wellbeing_desktop.ui.widgets.page_canvas import DESK, PageCanvas, PageScroller
from wellbeing_desktop.ui.widgets.theme import ACCENT_SOFT, BORDER, SPACE, TEXT

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from wellbeing_desktop.storage.database import Database
    from wellbeing_desktop.ui.pdf_pages import PdfPages

# Zoom choices: None is "fit the width", 0 "the whole page", numbers are percentages
# of the page's real size on this screen.
FIT_WIDTH, WHOLE_PAGE = None, 0
ZOOM_STEPS = (25, 50, 75, 100, 125, 150, 200, 300, 400)


@dataclass(frozen=True)
class ReportRequest:
    """One report to preview: ``kind`` and ``options`` as for ``reports.render``.
    ``title`` names the report in the window title and messages (no personal data);
    ``file_name`` is the suggested name for Save as PDF."""

    kind: str
    options: Mapping[str, Any]
    title: str
    file_name: str
    today: dt.date | None = None  # "today" for the report's figures; None: the real today

    @property
    def offers_notes(self) -> bool:
        return self.kind == "wellbeing"


def _make(db: Database, request: ReportRequest) -> bytes:
    """Runs off the UI thread: the report's PDF."""
    from wellbeing_desktop.reports import render

    return render(request.kind, db, today=request.today, **request.options)


def _open_pages(data: bytes) -> PdfPages:
    """Runs on the page-drawing thread: the PDF, ready to draw."""
    from wellbeing_desktop.ui.pdf_pages import PdfPages

    return PdfPages(data)


# ---- the dialog --------------------------------------------------------------------------


class ReportPreviewDialog(QDialog):
    """Preview one report, then print it or save it as a PDF.

    Call :meth:`start` to make the report (the dialog never starts work from its
    constructor). ``ready`` gives the number of pages once they can be shown;
    ``printed`` the number of sheets once a print job is done and audited;
    ``saved`` the path once a PDF is saved and audited; ``failed`` a message."""

    ready = Signal(int)
    failed = Signal(str)
    printed = Signal(int)
    saved = Signal(str)

    PAGE_WORKING, PAGE_PAGES, PAGE_PROBLEM = range(3)

    def __init__(self, db: Database, request: ReportRequest, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._request = request
        self._data: bytes | None = None
        self._latest: bytes | None = None
        self._pages: PdfPages | None = None
        self._zoom_choice: int | None = FIT_WIDTH
        self._printing = False
        # Deleted once closed and no work of ours is still running (not with
        # WA_DeleteOnClose: a worker must never hand its result to a dialog gone).
        self.delete_when_closed = False
        self._printer: QPrinter | None = None
        self._tasks = TaskRunner(self)  # making the report, saving, the audit trail
        from wellbeing_desktop.ui.pdf_pages import pdfium_pool

        self._drawing = TaskRunner(self, pool=pdfium_pool())  # page images and printing
        self.setObjectName("reportPreview")
        self.setWindowTitle(
            self.tr("{report} — Preview — {app}").format(report=request.title, app=APP_NAME)
        )
        self.setAccessibleName(self.tr("Report preview"))
        self.setSizeGripEnabled(True)
        self.finished.connect(self._on_finished)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._build_bar())
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._build_working_page())
        self.stack.addWidget(self._build_pages_view())
        self.stack.addWidget(self._build_problem_page())
        layout.addWidget(self.stack, 1)
        layout.addWidget(self._build_footer())
        self._set_ready(False)
        screen = self.screen().availableGeometry() if self.screen() else QRect(0, 0, 1280, 800)
        self.resize(min(1200, screen.width() * 9 // 10), min(900, screen.height() * 9 // 10))

    # ---- building ------------------------------------------------------------------------

    def _tool(self, text: str, tip: str, slot: Any, shortcut: str | None = None) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setAccessibleName(tip)
        button.setAutoRaise(True)
        if shortcut:
            button.setShortcut(QKeySequence(shortcut))
            native = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            tip = f"{tip} ({native})"
        button.setToolTip(tip)
        button.clicked.connect(slot)
        return button

    def _build_bar(self) -> QWidget:
        bar = QFrame(self)
        bar.setObjectName("previewBar")
        bar.setStyleSheet(
            f"QFrame#previewBar {{ background: palette(base);"
            f" border-bottom: 1px solid {BORDER.name()}; }}"
            f" QFrame#previewBar QToolButton {{ padding: {SPACE // 2}px {SPACE}px;"
            f" border-radius: 4px; color: {TEXT.name()}; }}"
            f" QFrame#previewBar QToolButton:hover {{ background: {ACCENT_SOFT.name()}; }}"
            f" QFrame#previewBar QToolButton:disabled {{ color: {BORDER.darker(130).name()}; }}"
        )
        row = QHBoxLayout(bar)
        row.setContentsMargins(SPACE * 2, SPACE, SPACE * 2, SPACE)
        row.setSpacing(SPACE)

        self.previous_button = self._tool(
            "◀",
            self.tr("Previous page"),
            lambda: self.go_to_page(self.current_page() - 1),
            "Ctrl+PgUp",
        )
        self.page_box = QSpinBox(bar)
        self.page_box.setAccessibleName(self.tr("Page number"))
        self.page_box.setRange(1, 1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.setButtonSymbols(QSpinBox.ButtonSymbols.NoButtons)
        self.page_box.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.page_box.setMinimumWidth(self.fontMetrics().horizontalAdvance("0000") + SPACE * 2)
        self.page_box.valueChanged.connect(lambda n: self.go_to_page(n - 1))
        page_label = QLabel(self.tr("Page"), bar)
        page_label.setBuddy(self.page_box)
        self.page_count_label = QLabel(bar)
        self.next_button = self._tool(
            "▶",
            self.tr("Next page"),
            lambda: self.go_to_page(self.current_page() + 1),
            "Ctrl+PgDown",
        )
        for widget in (
            page_label,
            self.page_box,
            self.page_count_label,
            self.previous_button,
            self.next_button,
        ):
            row.addWidget(widget)
        row.addSpacing(SPACE * 2)

        self.zoom_out_button = self._tool(
            "−", self.tr("Zoom out"), lambda: self.step_zoom(-1), "Ctrl+-"
        )
        self.zoom_box = QComboBox(bar)
        self.zoom_box.setAccessibleName(self.tr("Zoom"))
        self.zoom_box.addItem(self.tr("Fit width"), FIT_WIDTH)
        self.zoom_box.addItem(self.tr("Whole page"), WHOLE_PAGE)
        for step in ZOOM_STEPS:
            self.zoom_box.addItem(f"{step}%", step)
        self.zoom_box.activated.connect(lambda i: self.set_zoom(self.zoom_box.itemData(i)))
        self.zoom_in_button = self._tool(
            "+", self.tr("Zoom in"), lambda: self.step_zoom(1), "Ctrl++"
        )
        row.addWidget(self.zoom_out_button)
        row.addWidget(self.zoom_box)
        row.addWidget(self.zoom_in_button)

        self.notes_box = QCheckBox(self.tr("Include &notes"), bar)
        self.notes_box.setToolTip(
            self.tr(
                "Free-text notes from check-ins, supervision and signposting are left out "
                "unless you tick this. Include them only when the person has agreed."
            )
        )
        self.notes_box.setChecked(bool(self._request.options.get("include_notes")))
        self.notes_box.setVisible(self._request.offers_notes)
        self.notes_box.toggled.connect(self._on_notes_toggled)
        row.addSpacing(SPACE * 2)
        row.addWidget(self.notes_box)
        row.addStretch(1)

        self.save_button = QPushButton(self.tr("&Save as PDF…"), bar)
        self.save_button.setAccessibleName(self.tr("Save the report as a PDF file"))
        self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_button.clicked.connect(self.choose_file_and_save)
        self.print_button = QPushButton(self.tr("&Print…"), bar)
        self.print_button.setObjectName("primary")
        self.print_button.setAccessibleName(self.tr("Print the report"))
        self.print_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
        self.print_button.clicked.connect(self.choose_printer_and_print)
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        return bar

    def _build_working_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.addStretch(1)
        self.working_label = QLabel(
            self.tr("Preparing the {report}…").format(report=self._request.title.lower()), page
        )
        self.working_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar(page)
        self.progress.setRange(0, 0)  # busy: the report says nothing until it is done
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Preparing the report"))
        self.progress.setFixedWidth(self.fontMetrics().horizontalAdvance("m") * 24)
        column.addWidget(self.working_label)
        column.addSpacing(SPACE)
        column.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        return page

    def _build_pages_view(self) -> QWidget:
        self.scroller = PageScroller(self)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.scroller.setStyleSheet(f"QScrollArea {{ background: {DESK.name()}; }}")
        self.canvas = PageCanvas(self.scroller)
        self.canvas.page_wanted.connect(self._draw_page)
        self.scroller.setWidget(self.canvas)
        self.scroller.setWidgetResizable(False)
        self.scroller.verticalScrollBar().valueChanged.connect(self._on_scrolled)
        self.scroller.zoom_step.connect(self.step_zoom)
        self.scroller.resized.connect(self._on_view_resized)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return self.scroller

    def _build_problem_page(self) -> QWidget:
        page = QWidget(self)
        column = QVBoxLayout(page)
        column.addStretch(1)
        self.problem_label = QLabel(page)
        self.problem_label.setWordWrap(True)
        self.problem_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem_label.setAccessibleName(self.tr("What went wrong"))
        again = QPushButton(self.tr("Try &again"), page)
        again.clicked.connect(self.start)
        column.addWidget(self.problem_label)
        column.addSpacing(SPACE)
        column.addWidget(again, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(2)
        return page

    def _build_footer(self) -> QWidget:
        footer = QFrame(self)
        footer.setObjectName("previewFooter")
        footer.setStyleSheet(
            f"QFrame#previewFooter {{ background: palette(base);"
            f" border-top: 1px solid {BORDER.name()}; }}"
        )
        row = QHBoxLayout(footer)
        row.setContentsMargins(SPACE * 2, SPACE, SPACE * 2, SPACE)
        self.status_label = QLabel(footer)
        self.status_label.setObjectName("muted")
        self.status_label.setAccessibleName(self.tr("Status"))
        close = QPushButton(self.tr("Close"), footer)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        row.addWidget(self.status_label, 1)
        row.addWidget(close)
        return footer

    # ---- making the report -----------------------------------------------------------------

    @property
    def request(self) -> ReportRequest:
        return self._request

    @property
    def page_count(self) -> int:
        return self.canvas.page_count if self._pages is not None else 0

    @property
    def pdf_bytes(self) -> bytes | None:
        return self._data

    def start(self) -> None:
        """Make the report in the background; the pages show when it is ready."""
        self._set_ready(False)
        self.stack.setCurrentIndex(self.PAGE_WORKING)
        self.status_label.setText(self.tr("Preparing…"))
        db, request = self._db, self._request
        self._tasks.run(
            lambda: _make(db, request),
            on_result=self._on_made,
            on_error=self._on_failed,
            key="report",  # a newer request (notes ticked) supersedes an older one
        )

    def _on_made(self, data: bytes) -> None:
        self._latest = data
        self._drawing.run(
            lambda: _open_pages(data),
            on_result=lambda pages: self._show_report(data, pages),
            on_error=self._on_failed,
        )

    def _show_report(self, data: bytes, pages: PdfPages) -> None:
        if data is not self._latest:  # made for a request since replaced
            from wellbeing_desktop.ui.pdf_pages import pdfium_pool

            pdfium_pool().start(pages.close)
            return
        self._close_pages()
        self._data, self._pages = data, pages
        self.canvas.set_pages(pages.sizes)
        self.page_box.setRange(1, max(1, len(pages)))
        self.page_count_label.setText(self.tr("of {n}").format(n=len(pages)))
        self.stack.setCurrentIndex(self.PAGE_PAGES)
        self._apply_zoom()
        self.scroller.verticalScrollBar().setValue(0)
        self._set_ready(True)
        self._on_scrolled()
        first = pages.sizes[0] if pages.sizes else None
        paper = ""
        if first is not None:
            paper = self.tr("A4 landscape") if first.landscape else self.tr("A4 portrait")
        count = self.tr("1 page") if len(pages) == 1 else self.tr("{n} pages").format(n=len(pages))
        self.status_label.setText(count + (f" · {paper}" if paper else ""))
        self.scroller.setFocus(Qt.FocusReason.OtherFocusReason)
        self.ready.emit(len(pages))

    def _on_failed(self, error: BaseException) -> None:
        from wellbeing_desktop.errors import WellbeingError
        from wellbeing_desktop.logs import log_unexpected
        from wellbeing_desktop.ui.dialogs import error_message

        if not isinstance(error, WellbeingError):
            log_unexpected(error)  # the message on the page says where the log is
        self.problem_label.setText(
            self.tr("The report could not be made.") + "\n\n" + error_message(error)
        )
        self.stack.setCurrentIndex(self.PAGE_PROBLEM)
        self.status_label.clear()
        self.failed.emit(error_message(error))

    def _on_notes_toggled(self, include: bool) -> None:
        options = {**self._request.options, "include_notes": include}
        self._request = replace(self._request, options=options)
        self.start()

    def _set_ready(self, ready: bool) -> None:
        for widget in (
            self.save_button,
            self.print_button,
            self.previous_button,
            self.next_button,
            self.page_box,
            self.zoom_box,
            self.zoom_in_button,
            self.zoom_out_button,
        ):
            widget.setEnabled(ready and not self._printing)
        self.notes_box.setEnabled(not self._printing)

    def _draw_page(self, index: int, scale: float) -> None:
        pages = self._pages
        if pages is None:
            return
        self._drawing.run(
            lambda: pages.image(index, scale),
            on_result=lambda image: self._page_drawn(pages, index, scale, image),
            on_error=lambda _error: self.canvas.forget_request(index, scale),
        )

    def _page_drawn(self, pages: PdfPages, index: int, scale: float, image: QImage) -> None:
        if pages is self._pages:
            self.canvas.set_image(index, scale, image)

    def _on_finished(self) -> None:
        self._close_pages()
        if self.delete_when_closed:
            self._dispose_when_idle()

    def _dispose_when_idle(self) -> None:
        if self._tasks.busy or self._drawing.busy:
            QTimer.singleShot(50, self._dispose_when_idle)
            return
        self.deleteLater()

    def _close_pages(self) -> None:
        pages, self._pages = self._pages, None
        if pages is not None:
            from wellbeing_desktop.ui.pdf_pages import pdfium_pool

            pdfium_pool().start(pages.close)  # after any page still being drawn

    # ---- moving about ----------------------------------------------------------------------

    def current_page(self) -> int:
        """The 0-based page shown in the page box: the one at the top of the view, or
        the one last gone to."""
        return self.page_box.value() - 1

    def go_to_page(self, index: int) -> None:
        if not self.canvas.page_count:
            return
        index = max(0, min(index, self.canvas.page_count - 1))
        top = self.canvas.page_rect(index).top() - self.canvas.gap
        self.scroller.verticalScrollBar().setValue(top)
        self._show_current(index)  # even where the view cannot scroll that far

    def _on_scrolled(self, *_args: object) -> None:
        if not self.canvas.page_count:
            return
        bar = self.scroller.verticalScrollBar()
        if bar.maximum() > 0 and bar.value() >= bar.maximum():
            # At the end: the last page, though it may never reach the top of the view.
            current = self.canvas.page_count - 1
        else:
            current = self.canvas.page_at(bar.value() + self.canvas.gap + 1)
        self._show_current(current)

    def _show_current(self, index: int) -> None:
        self.page_box.blockSignals(True)
        self.page_box.setValue(index + 1)
        self.page_box.blockSignals(False)
        ready = self._pages is not None and not self._printing
        self.previous_button.setEnabled(ready and index > 0)
        self.next_button.setEnabled(ready and index < self.canvas.page_count - 1)

    def set_zoom(self, choice: int | None) -> None:
        """FIT_WIDTH, WHOLE_PAGE, or a percentage of real size."""
        self._zoom_choice = choice
        index = self.zoom_box.findData(choice)
        if index < 0:
            self.zoom_box.addItem(f"{choice}%", choice)
            index = self.zoom_box.count() - 1
        self.zoom_box.setCurrentIndex(index)
        self._apply_zoom()

    def step_zoom(self, direction: int) -> None:
        percent = self.canvas.zoom / self._real_size() * 100
        if direction > 0:
            bigger = [s for s in ZOOM_STEPS if s > percent + 1]
            self.set_zoom(bigger[0] if bigger else ZOOM_STEPS[-1])
        else:
            smaller = [s for s in ZOOM_STEPS if s < percent - 1]
            self.set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def _real_size(self) -> float:
        """Logical pixels per point at 100%: the page as big as on paper."""
        return self.logicalDpiX() / 72.0

    def _apply_zoom(self) -> None:
        if not self.canvas.page_count:
            return
        keep = self.current_page()
        widest = max(size.width for size in self._pages.sizes) if self._pages else 595.0
        tallest = max(size.height for size in self._pages.sizes) if self._pages else 842.0
        # The room with the vertical scroll bar shown, as it is for any report that does
        # not fit: fitting the width without it would then need a horizontal one too.
        bar = self.scroller.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        room_w = max(100, self.scroller.width() - bar - self.canvas.gap * 2)
        room_h = max(100, self.scroller.height() - self.canvas.gap * 2)
        if self._zoom_choice is FIT_WIDTH:
            zoom = room_w / widest
        elif self._zoom_choice == WHOLE_PAGE:
            zoom = min(room_w / widest, room_h / tallest)
        else:
            zoom = self._real_size() * float(self._zoom_choice) / 100
        self.canvas.set_zoom(max(0.1, zoom))
        self.go_to_page(keep)

    def _on_view_resized(self) -> None:
        if self._zoom_choice in (FIT_WIDTH, WHOLE_PAGE):
            self._apply_zoom()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._apply_zoom()

    # ---- saving --------------------------------------------------------------------------

    def suggested_path(self) -> Path:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        ) or str(Path.home())
        return Path(folder) / self._request.file_name

    def choose_file_and_save(self) -> None:
        if self._data is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the report as a PDF"),
            str(self.suggested_path()),
            self.tr("PDF documents (*.pdf)"),
        )
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        """Save the previewed PDF to ``path`` (in the background, audited)."""
        data, db, request = self._data, self._db, self._request
        if data is None:
            return
        from wellbeing_desktop.services.report_events import save_report_pdf

        self.status_label.setText(self.tr("Saving…"))
        self._tasks.run(
            lambda: save_report_pdf(db, data, path, request.kind, request.options),
            on_result=self._on_saved,
            on_error=self._on_save_failed,
        )

    def _on_saved(self, path: Path) -> None:
        self.status_label.setText(self.tr("Saved as {name}").format(name=Path(path).name))
        self.saved.emit(str(path))

    def _on_save_failed(self, error: BaseException) -> None:
        from wellbeing_desktop.ui.dialogs import report_error

        self.status_label.setText(self.tr("Not saved."))
        report_error(error, self)

    # ---- printing ------------------------------------------------------------------------

    def new_printer(self) -> QPrinter:
        """A printer set up for this report's paper and orientation."""
        from PySide6.QtPrintSupport import QPrinter

        from wellbeing_desktop.ui.pdf_pages import prepare_printer

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._request.title)
        printer.setCreator(APP_NAME)
        if self._pages is not None and len(self._pages):
            prepare_printer(printer, self._pages.sizes[0])
        return printer

    def choose_printer_and_print(self) -> None:
        if self._pages is None or self._printing:
            return
        from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog

        printer = self.new_printer()
        printer.setFromTo(1, len(self._pages))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print {report}").format(report=self._request.title))
        dialog.setMinMax(1, len(self._pages))
        dialog.setOptions(
            QAbstractPrintDialog.PrintDialogOption.PrintPageRange
            | QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage
            | QAbstractPrintDialog.PrintDialogOption.PrintShowPageSize
        )
        if dialog.exec() == QDialog.DialogCode.Accepted:
            from wellbeing_desktop.ui.pdf_pages import pages_to_print

            self.print_to(printer, pages_to_print(printer, len(self._pages), self.current_page()))

    def print_to(self, printer: QPrinter, pages: list[int] | None = None) -> None:
        """Print ``pages`` (0-based; all by default) on ``printer``: each page drawn at
        the printer's resolution in the background, then painted on its sheet here,
        with a progress window that can stop it; audited once done."""
        source = self._pages
        if source is None or self._printing:
            return
        from wellbeing_desktop.ui.pdf_pages import Sheets, print_settings

        scale, grey, copies = print_settings(printer)
        indexes = list(range(len(source))) if pages is None else list(pages)
        queue = [index for _copy in range(copies) for index in indexes]
        try:
            sheets = Sheets(printer)
        except OSError as error:
            from wellbeing_desktop.ui.dialogs import report_error

            report_error(error, self)
            return
        progress = QProgressDialog(
            self.tr("Sending the pages to the printer…"), self.tr("Stop"), 0, len(queue), self
        )
        progress.setWindowTitle(APP_NAME)
        progress.setMinimumDuration(300)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._printer = printer
        self._printing = True
        self._set_ready(True)
        self.status_label.setText(self.tr("Printing…"))

        def finish(status: str = "") -> None:
            self._printing = False
            self._set_ready(True)
            self._on_scrolled()
            progress.reset()
            progress.deleteLater()
            if status:
                self.status_label.setText(status)

        def failed(error: BaseException) -> None:
            sheets.abort()
            finish(self.tr("Not printed."))
            from wellbeing_desktop.ui.dialogs import report_error

            report_error(error, self)

        def next_sheet() -> None:
            if progress.wasCanceled():
                sheets.abort()
                finish(self.tr("Printing stopped."))
            elif sheets.count == len(queue):
                count = sheets.finish()
                finish()
                self._audit_printed(count)
            else:
                index = queue[sheets.count]
                self._drawing.run(
                    lambda: source.image(index, scale, grey=grey, for_print=True),
                    on_result=add,
                    on_error=failed,
                )

        def add(image: QImage) -> None:
            if progress.wasCanceled():
                next_sheet()
                return
            try:
                sheets.add(image)
            except Exception as error:
                failed(error)
                return
            progress.setValue(sheets.count)
            next_sheet()

        next_sheet()

    def _audit_printed(self, sheets: int) -> None:
        from wellbeing_desktop.services.report_events import record_report_printed

        db, request = self._db, self._request
        self._tasks.run(
            lambda: record_report_printed(db, request.kind, request.options, sheets),
            on_result=lambda _none: self._on_printed(sheets),
            on_error=self._on_save_failed,
        )

    def _on_printed(self, sheets: int) -> None:
        self.status_label.setText(
            self.tr("Sent 1 sheet to the printer.")
            if sheets == 1
            else self.tr("Sent {n} sheets to the printer.").format(n=sheets)
        )
        self.printed.emit(sheets)


def open_preview(
    db: Database, request: ReportRequest, parent: QWidget | None = None
) -> ReportPreviewDialog:
    """Open a preview of ``request`` (not modal: the rest of the app stays usable)."""
    dialog = ReportPreviewDialog(db, request, parent)
    dialog.delete_when_closed = True
    dialog.start()
    dialog.show()
    return dialog
