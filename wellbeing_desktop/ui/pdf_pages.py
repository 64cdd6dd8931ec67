"""A finished PDF's pages as images, for the report preview and for printing.

PDFium (through ``pypdfium2``, a small binary wheel) draws the pages: the PDF the
user previews, prints and saves is the very file the reports wrote, so what is
on screen and on paper is what is in the file. It is imported only when a
report is first previewed, so start-up pays nothing for it.

PDFium is not thread-safe, not even across documents, so every call into it
holds one lock, and the work runs on one background thread of its own
(:func:`pdfium_pool`): pages are drawn in order and the UI thread never waits.
Page images are made off the UI thread (Qt allows ``QImage`` there); printing
paints them on the printer on the UI thread, one sheet at a time (``Sheets``).
"""

from __future__ import annotations

import ctypes
import threading
from dataclasses import dataclass
from functools import cache
from typing import Any

from PySide6.QtCore import QRectF, QSizeF, QThreadPool
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter

POINTS_PER_INCH = 72.0
# Page images for paper are drawn at the printer's resolution, up to this: past 600
# dots per inch text looks no different, and an A4 page image already takes 140 MB.
MAX_PRINT_DPI = 600

_lock = threading.Lock()


@cache
def pdfium_pool() -> QThreadPool:
    """The one thread that draws pages (PDFium must never be called from two at once)."""
    pool = QThreadPool()
    pool.setMaxThreadCount(1)
    pool.setExpiryTimeout(30_000)
    return pool


def _pdfium() -> Any:
    import pypdfium2  # type: ignore[import-untyped]  # first use only: not at start-up

    return pypdfium2


@dataclass(frozen=True)
class PageSize:
    """A page's size in points (1/72 inch)."""

    width: float
    height: float

    @property
    def landscape(self) -> bool:
        return self.width > self.height


class PdfPages:
    """An open PDF whose pages can be drawn as images. Close it when done."""

    def __init__(self, data: bytes) -> None:
        pdfium = _pdfium()
        self.data = data
        with _lock:
            self._document = pdfium.PdfDocument(data)
            self.sizes: tuple[PageSize, ...] = tuple(
                PageSize(*self._document.get_page_size(index))
                for index in range(len(self._document))
            )

    def __len__(self) -> int:
        return len(self.sizes)

    @property
    def closed(self) -> bool:
        return self._document is None

    def image(
        self, index: int, scale: float, *, grey: bool = False, for_print: bool = False
    ) -> QImage:
        """Page ``index`` (0-based) drawn at ``scale`` pixels per point, on white.

        PDFium draws straight into the image's own memory (no copy, and no Python
        buffer handed to a ``QImage``: PySide would release that buffer's reference
        from Qt's side, without Python's lock, when the image goes)."""
        pdfium = _pdfium()
        made: list[tuple[QImage, memoryview, Any]] = []

        def into_image(width: int, height: int, format: int, rev_byteorder: bool = False) -> Any:
            image = QImage(width, height, QImage.Format.Format_RGB32)
            view = memoryview(image.bits())
            memory = (ctypes.c_ubyte * image.sizeInBytes()).from_buffer(view)
            made.append((image, view, memory))
            return pdfium.PdfBitmap.new_native(
                width, height, format, rev_byteorder, buffer=memory, stride=image.bytesPerLine()
            )

        with _lock:
            if self._document is None:
                raise ValueError("The document is closed.")
            page = self._document[index]
            try:
                bitmap = page.render(
                    scale=scale,
                    grayscale=grey,
                    bitmap_maker=into_image,
                    # B G R x in memory: Qt's RGB32 on every platform we ship.
                    force_bitmap_format=pdfium.raw.FPDFBitmap_BGRx,
                    optimize_mode="print" if for_print else None,
                )
                bitmap.close()
                del bitmap
            finally:
                page.close()
        image, view, _memory = made.pop()
        del _memory  # the last hold on the image's memory from outside Qt
        view.release()
        return image

    def close(self) -> None:
        with _lock:
            if self._document is not None:
                self._document.close()
                self._document = None


# ---- printing ------------------------------------------------------------------------------


def prepare_printer(printer: QPrinter, first_page: PageSize) -> None:
    """Paper and orientation to match the report (A4 portrait or landscape), and the
    whole sheet to draw on: the reports carry their own margins."""
    size = QPageSize(
        QSizeF(min(first_page.width, first_page.height), max(first_page.width, first_page.height)),
        QPageSize.Unit.Point,
        "",
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )
    printer.setPageSize(size)
    printer.setPageOrientation(
        QPageLayout.Orientation.Landscape
        if first_page.landscape
        else QPageLayout.Orientation.Portrait
    )
    printer.setFullPage(True)


def pages_to_print(printer: QPrinter, count: int, current: int) -> list[int]:
    """The 0-based pages the print dialog asked for: all, a range, or the current one."""
    wanted = printer.printRange()
    if wanted == QPrinter.PrintRange.CurrentPage:
        return [current]
    if wanted == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(1, printer.fromPage())
        last = min(count, printer.toPage() or count)
        return list(range(first - 1, last))
    return list(range(count))


def print_settings(printer: QPrinter) -> tuple[float, bool, int]:
    """(pixels per point, grey, copies to make ourselves) for drawing pages for
    ``printer``: its resolution capped at :data:`MAX_PRINT_DPI`; grey when it prints
    in grey; copies only when the printer cannot make them itself."""
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    grey = printer.colorMode() == QPrinter.ColorMode.GrayScale
    copies = 1 if printer.supportsMultipleCopies() else max(1, printer.copyCount())
    return dpi / POINTS_PER_INCH, grey, copies


class Sheets:
    """Paints page images on a printer, one sheet each, on the UI thread (the images
    are drawn beforehand, off it, by :meth:`PdfPages.image`). Qt allows painting on a
    printer from another thread, but PySide's objects let go of there have crashed
    the app: the printer is only ever touched here."""

    def __init__(self, printer: QPrinter) -> None:
        self.printer = printer
        self.painter = QPainter()
        self.count = 0
        if not self.painter.begin(printer):
            raise OSError("The printer could not be started.")
        self._paper = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))

    def add(self, image: QImage) -> None:
        if self.count:
            self.printer.newPage()
        self.painter.drawImage(_fitted(image, self._paper), image)
        self.count += 1

    def finish(self) -> int:
        self.painter.end()
        return self.count

    def abort(self) -> None:
        self.printer.abort()
        self.painter.end()


def _fitted(image: QImage, paper: QRectF) -> QRectF:
    """The largest rectangle of the image's shape that fits the paper, centred."""
    scale = min(paper.width() / image.width(), paper.height() / image.height())
    width, height = image.width() * scale, image.height() * scale
    return QRectF(
        paper.x() + (paper.width() - width) / 2,
        paper.y() + (paper.height() - height) / 2,
        width,
        height,
    )
