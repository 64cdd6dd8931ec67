"""The report preview's pages: every page one under another on a grey desk, drawn
only when in view (a 500-page report costs no more to show than a 2-page one), and
the scroll area they sit in (Ctrl+wheel zooms).

The canvas never draws a page itself: it asks for the ones on screen (``page_wanted``)
and shows the images it is given, keeping the last few (``CACHED_PAGES``).
"""

from __future__ import annotations

import bisect
from collections import OrderedDict
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QScrollArea, QWidget

from wellbeing_desktop.ui.widgets.theme import MUTED, SPACE

if TYPE_CHECKING:
    from wellbeing_desktop.ui.pdf_pages import PageSize

CACHED_PAGES = 16  # page images kept; others are drawn again when scrolled back to
DESK = QColor("#5f6b77")  # the grey the pages lie on, as in every print preview


class PageCanvas(QWidget):
    """Every page, one under another, drawn when in view. Emits ``page_wanted`` (page,
    device pixels per point) for a page on screen that has no image at that scale."""

    page_wanted = Signal(int, float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAccessibleName(self.tr("Report pages"))
        self._sizes: tuple[PageSize, ...] = ()
        self._tops: list[int] = []
        self._rects: list[QRect] = []
        self._zoom = 1.0  # logical pixels per point
        self._images: OrderedDict[int, tuple[float, QImage]] = OrderedDict()
        self._wanted: set[tuple[int, float]] = set()

    @property
    def gap(self) -> int:
        return SPACE * 2

    @property
    def zoom(self) -> float:
        return self._zoom

    @property
    def page_count(self) -> int:
        return len(self._sizes)

    def set_pages(self, sizes: tuple[PageSize, ...]) -> None:
        self._sizes = sizes
        self._images.clear()
        self._wanted.clear()
        self._lay_out()

    def set_zoom(self, zoom: float) -> None:
        if abs(zoom - self._zoom) > 1e-6:
            self._zoom = zoom
            self._wanted.clear()
            self._lay_out()

    def _lay_out(self) -> None:
        widest = max((size.width for size in self._sizes), default=0) * self._zoom
        width = round(widest) + self.gap * 2
        self._rects, self._tops, y = [], [], self.gap
        for size in self._sizes:
            w, h = round(size.width * self._zoom), round(size.height * self._zoom)
            self._rects.append(QRect((width - w) // 2, y, w, h))
            self._tops.append(y)
            y += h + self.gap
        self.setFixedSize(QSize(width, max(y, self.gap)))
        self.update()

    def page_rect(self, index: int) -> QRect:
        return QRect(self._rects[index])

    def page_at(self, y: int) -> int:
        """The page at height ``y`` (or the one just above the gap there)."""
        return max(0, bisect.bisect_right(self._tops, y) - 1)

    def device_scale(self) -> float:
        return self._zoom * self.devicePixelRatioF()

    def has_image(self, index: int) -> bool:
        found = self._images.get(index)
        return found is not None and abs(found[0] - self.device_scale()) < 1e-6

    def set_image(self, index: int, scale: float, image: QImage) -> None:
        self._wanted.discard((index, scale))
        if index >= len(self._rects):
            return
        self._images[index] = (scale, image)
        self._images.move_to_end(index)
        while len(self._images) > CACHED_PAGES:
            self._images.popitem(last=False)
        self.update(self._rects[index])

    def forget_request(self, index: int, scale: float) -> None:
        self._wanted.discard((index, scale))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = event.rect()
        painter.fillRect(area, DESK)
        if not self._rects:
            return
        scale = self.device_scale()
        first = self.page_at(area.top())
        for index in range(first, len(self._rects)):
            rect = self._rects[index]
            if rect.top() > area.bottom():
                break
            painter.fillRect(rect.translated(2, 3), QColor(0, 0, 0, 70))  # a soft shadow
            painter.fillRect(rect, Qt.GlobalColor.white)
            found = self._images.get(index)
            if found is not None:
                painter.setRenderHint(
                    QPainter.RenderHint.SmoothPixmapTransform, abs(found[0] - scale) > 1e-6
                )
                painter.drawImage(rect, found[1])
                self._images.move_to_end(index)
            else:
                painter.setPen(MUTED)
                painter.drawText(
                    rect,
                    Qt.AlignmentFlag.AlignCenter,
                    self.tr("Page {n}…").format(n=index + 1),
                )
            if (found is None or abs(found[0] - scale) > 1e-6) and (
                index,
                scale,
            ) not in self._wanted:
                self._wanted.add((index, scale))
                self.page_wanted.emit(index, scale)
        painter.end()


class PageScroller(QScrollArea):
    """The scroll area for the pages; Ctrl+wheel zooms, as in every viewer."""

    zoom_step = Signal(int)
    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_step.emit(1 if event.angleDelta().y() > 0 else -1)
            event.accept()
            return
        super().wheelEvent(event)
