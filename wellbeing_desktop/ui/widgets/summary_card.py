"""A summary figure ("3 over safe limit") that filters the table when clicked.

A checkable button: Space or a click turns the filter on, again turns it off.
The figure, its label and what clicking does are all in its accessible name.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractButton, QSizePolicy, QWidget

from wellbeing_desktop.ui.widgets.theme import (
    ACCENT,
    BASE,
    BORDER,
    MUTED,
    SPACE,
    TEXT,
    StatusColours,
)


class SummaryCard(QAbstractButton):
    def __init__(
        self,
        label: str,
        symbol: str,
        colours: StatusColours,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._label = label
        self._symbol = symbol
        self._colours = colours
        self._value: int | None = None
        self._caption = ""
        self.toggled.connect(self._describe)
        self._describe()

    @property
    def value(self) -> int | None:
        return self._value

    @property
    def label(self) -> str:
        return self._label

    def set_value(self, value: int | None, caption: str = "") -> None:
        self._value = value
        self._caption = caption
        self._describe()
        self.update()

    def _describe(self) -> None:
        figure = "–" if self._value is None else str(self._value)
        name = f"{self._label}: {figure}"
        if self._caption:
            name += f" ({self._caption})"
        self.setAccessibleName(name)
        self.setText(name)
        hint = (
            self.tr("Showing only these people. Press again to show everyone.")
            if self.isChecked()
            else self.tr("Show only these people in the table.")
        )
        self.setAccessibleDescription(hint)
        self.setToolTip(hint)

    def _fonts(self) -> tuple[QFont, QFont, QFont]:
        figure = QFont(self.font())
        figure.setPointSizeF(self.font().pointSizeF() * 1.9)
        figure.setWeight(QFont.Weight.DemiBold)
        label = QFont(self.font())
        label.setWeight(QFont.Weight.DemiBold)
        caption = QFont(self.font())
        caption.setPointSizeF(self.font().pointSizeF() * 0.9)
        return figure, label, caption

    def sizeHint(self) -> QSize:
        figure, label, caption = self._fonts()
        height = (
            QFontMetrics(figure).height()
            + QFontMetrics(label).height()
            + QFontMetrics(caption).height()
            + SPACE * 3
        )
        width = max(QFontMetrics(label).horizontalAdvance(self._label) + SPACE * 6, 150)
        return QSize(width, height)

    def minimumSizeHint(self) -> QSize:
        hint = self.sizeHint()
        return QSize(min(hint.width(), 120), hint.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        figure_font, label_font, caption_font = self._fonts()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        checked = self.isChecked()
        background = self._colours.background if checked else BASE
        border = self._colours.text if checked else BORDER
        painter.setPen(QPen(border, 2 if checked else 1))
        painter.setBrush(background)
        painter.drawRoundedRect(rect, 6, 6)
        # The stripe in the status colour, inside the rounded edge.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._colours.text)
        painter.drawRoundedRect(
            QRectF(rect.left() + 3, rect.top() + 6, 4, rect.height() - 12), 2, 2
        )
        if self.hasFocus():
            painter.setPen(QPen(ACCENT, 2, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(3, 3, -3, -3), 4, 4)
        left = rect.left() + SPACE * 2
        top = rect.top() + SPACE
        width = rect.width() - SPACE * 3
        painter.setFont(figure_font)
        painter.setPen(self._colours.text if (self._value or 0) > 0 else TEXT)
        figure_height = QFontMetrics(figure_font).height()
        figure = "–" if self._value is None else str(self._value)
        painter.drawText(
            QRectF(left, top, width, figure_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            f"{figure}",
        )
        symbol_width = QFontMetrics(figure_font).horizontalAdvance(figure + " ")
        painter.setFont(label_font)
        painter.drawText(
            QRectF(left + symbol_width, top, width - symbol_width, figure_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            self._symbol,
        )
        top += figure_height
        label_height = QFontMetrics(label_font).height()
        painter.setPen(TEXT)
        painter.drawText(
            QRectF(left, top, width, label_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            QFontMetrics(label_font).elidedText(
                self._label, Qt.TextElideMode.ElideRight, int(width)
            ),
        )
        top += label_height + SPACE // 2
        painter.setFont(caption_font)
        painter.setPen(MUTED)
        caption = self._caption
        if checked:
            caption = self.tr("Filtering the table · click to clear")
        painter.drawText(
            QRectF(left, top, width, QFontMetrics(caption_font).height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            QFontMetrics(caption_font).elidedText(caption, Qt.TextElideMode.ElideRight, int(width)),
        )
        painter.end()
