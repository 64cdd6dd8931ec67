"""Caseload status drawn as a badge: a tinted pill with the symbol and the words.

Colour only reinforces what the symbol and words already say, so the status
reads the same in greyscale, to a screen reader and on a printout.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from wellbeing_desktop.services.caseload_rules import CaseloadStatus
from wellbeing_desktop.ui.models.format import service_text
from wellbeing_desktop.ui.widgets.theme import SPACE, STATUS_COLOURS

_LEFT_MIDDLE = int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight
_LAYOUTS_KEPT = 64


def status_text(status: CaseloadStatus) -> str:
    return f"{status.symbol}  {service_text(status.words)}"


def status_of(value: object) -> CaseloadStatus | None:
    """A status from item data (Qt hands a StrEnum back as a plain string)."""
    try:
        return CaseloadStatus(value)
    except ValueError:
        return None


class StatusDelegate(QStyledItemDelegate):
    """Paints cells whose ``status_role`` data is a CaseloadStatus value as a badge.

    The cell's own background (alternate, selected, focused) is drawn by the base
    delegate with the text left out, not by asking the style from Python: touching a
    ``QStyle`` from Python makes PySide6 build its eleven large enums, about 30 ms
    before the first screen could paint.
    """

    def __init__(self, status_role: int, parent: object = None) -> None:
        super().__init__(parent)
        self._role = status_role
        # How each status's badge is laid out in a cell of a given width and font: the
        # text measured and elided once, not on every repaint of every row.
        self._layouts: dict[tuple[CaseloadStatus, int, str], tuple[QRectF, str, QPen]] = {}

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        if status_of(index.data(self._role)) is not None:
            option.text = ""  # the badge says it

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # The row's own background (alternate, selected) first, so a selected row reads
        # as one; then the badge. Kept lean: this runs for every visible row on a repaint.
        super().paint(painter, option, index)  # no text: see initStyleOption
        status = status_of(index.data(self._role))
        if status is None:
            return
        colours = STATUS_COLOURS[status]
        rect = option.rect
        key = (status, rect.width(), option.font.key())
        layout = self._layouts.get(key)
        if layout is None:
            metrics = option.fontMetrics
            text = status_text(status)
            height = metrics.height() + SPACE // 2
            width = min(metrics.horizontalAdvance(text) + SPACE * 2, rect.width() - SPACE)
            elided = metrics.elidedText(text, _ELIDE_RIGHT, int(width) - SPACE)
            layout = (QRectF(0, -height / 2 + 0.5, width, height), elided, QPen(colours.border, 1))
            if len(self._layouts) >= _LAYOUTS_KEPT:
                self._layouts.clear()
            self._layouts[key] = layout
        shape, elided, border = layout
        badge = shape.translated(rect.left() + SPACE // 2, rect.center().y())
        radius = badge.height() / 2
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(border)
        painter.setBrush(colours.background)
        painter.drawRoundedRect(badge, radius, radius)
        painter.setPen(colours.text)
        painter.drawText(badge.adjusted(SPACE, 0, -SPACE // 2, 0), _LEFT_MIDDLE, elided)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        status = status_of(index.data(self._role))
        base = super().sizeHint(option, index)
        if status is None:
            return base
        metrics = QFontMetrics(option.font)
        width = metrics.horizontalAdvance(status_text(status)) + SPACE * 3
        return QSize(max(base.width(), width), max(base.height(), metrics.height() + SPACE))
