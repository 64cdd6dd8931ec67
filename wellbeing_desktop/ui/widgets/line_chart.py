"""A small line chart drawn with QPainter (PySide6-Essentials has no QtCharts).

It draws what it is given: labels along the bottom and one or more series,
solid or dashed, with a legend and a tooltip for the month under the mouse.
A screen reader gets the chart's summary from its accessible description,
which the screen that owns the chart sets.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from wellbeing_desktop.ui.models.format import format_number
from wellbeing_desktop.ui.widgets.theme import BASE, BORDER, MUTED, SPACE, TEXT


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    colour: QColor
    dashed: bool = False
    filled: bool = False


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering low..high (1, 2, 2.5 or 5 times a power of ten)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 6))
        value += step
    return ticks


class LineChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self._labels: tuple[str, ...] = ()
        self._series: tuple[Series, ...] = ()
        self._y_range: tuple[float, float] | None = None
        self._empty_text = self.tr("No figures to show yet")
        self._plot = QRectF()

    def set_data(
        self,
        labels: Sequence[str],
        series: Sequence[Series],
        *,
        y_range: tuple[float, float] | None = None,
    ) -> None:
        self._labels = tuple(labels)
        self._series = tuple(series)
        self._y_range = y_range
        self.update()

    def set_empty_text(self, text: str) -> None:
        self._empty_text = text
        self.update()

    @property
    def labels(self) -> tuple[str, ...]:
        return self._labels

    @property
    def series(self) -> tuple[Series, ...]:
        return self._series

    def has_values(self) -> bool:
        return any(v is not None for s in self._series for v in s.values)

    def sizeHint(self) -> QSize:
        line = QFontMetrics(self.font()).height()
        return QSize(line * 30, line * 12)

    def minimumSizeHint(self) -> QSize:
        line = QFontMetrics(self.font()).height()
        return QSize(line * 12, line * 7)

    # ---- geometry --------------------------------------------------------------------

    def _value_range(self) -> tuple[float, float]:
        if self._y_range is not None:
            return self._y_range
        values = [v for s in self._series for v in s.values if v is not None]
        if not values:
            return 0.0, 1.0
        high = max(values)
        low = min(0.0, min(values))
        return low, high * 1.08 if high > 0 else 1.0

    def _x(self, index: int) -> float:
        count = max(len(self._labels), 1)
        if count == 1:
            return self._plot.center().x()
        return self._plot.left() + self._plot.width() * index / (count - 1)

    # ---- painting --------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), BASE)
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        if not self.has_values():
            painter.setPen(MUTED)
            painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignCenter), self._empty_text)
            painter.end()
            return
        low, high = self._value_range()
        # As many gridlines as fit comfortably: fewer on a short chart.
        plot_height = self.height() - line * 2 - SPACE * 4
        ticks = nice_ticks(low, high, max(3, min(6, int(plot_height / (line * 1.8)))))
        low, high = min(low, ticks[0]), max(high, ticks[-1])
        axis_width = max(metrics.horizontalAdvance(format_number(t)) for t in ticks) + SPACE
        legend_height = line + SPACE
        # Room on the right for half of the last label, centred under the last point.
        last_label = metrics.horizontalAdvance(self._labels[-1]) if self._labels else 0
        right = max(SPACE * 2, last_label // 2 + SPACE // 2)
        self._plot = QRectF(
            SPACE + axis_width,
            SPACE + legend_height,
            self.width() - axis_width - SPACE - right,
            self.height() - legend_height - line - SPACE * 3,
        )
        plot = self._plot

        def y_of(value: float) -> float:
            return plot.bottom() - (value - low) / (high - low) * plot.height()

        # Grid and the value axis.
        painter.setFont(self.font())
        for tick in ticks:
            y = y_of(tick)
            painter.setPen(QPen(BORDER, 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(MUTED)
            painter.drawText(
                QRectF(0, y - line / 2, axis_width, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                format_number(tick),
            )
        # Labels along the bottom, thinned so they never overlap.
        widest = max((metrics.horizontalAdvance(label) for label in self._labels), default=0)
        room = plot.width() / max(len(self._labels) - 1, 1)
        every = max(1, math.ceil((widest + SPACE) / room)) if room > 0 else 1
        painter.setPen(MUTED)
        for index, label in enumerate(self._labels):
            if (len(self._labels) - 1 - index) % every:
                continue
            x = self._x(index)
            painter.drawText(
                QRectF(x - widest, plot.bottom() + SPACE // 2, widest * 2, line),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                label,
            )
        # The series.
        for series in self._series:
            points = [
                QPointF(self._x(i), y_of(v)) for i, v in enumerate(series.values) if v is not None
            ]
            if not points:
                continue
            if series.filled and len(points) > 1:
                area = QPainterPath(QPointF(points[0].x(), plot.bottom()))
                for point in points:
                    area.lineTo(point)
                area.lineTo(QPointF(points[-1].x(), plot.bottom()))
                area.closeSubpath()
                fill = QColor(series.colour)
                fill.setAlpha(28)
                painter.fillPath(area, fill)
            pen = QPen(series.colour, 2.2)
            if series.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            path = QPainterPath(points[0])
            for point in points[1:]:
                path.lineTo(point)
            painter.drawPath(path)
            if not series.dashed:
                painter.setBrush(BASE)
                painter.setPen(QPen(series.colour, 2))
                for point in points:
                    painter.drawEllipse(point, 3, 3)
        # The legend, top left.
        x = plot.left()
        for series in self._series:
            pen = QPen(series.colour, 2.2)
            if series.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            middle = SPACE + line / 2
            painter.drawLine(QPointF(x, middle), QPointF(x + SPACE * 3, middle))
            painter.setPen(TEXT)
            width = metrics.horizontalAdvance(series.name)
            painter.drawText(
                QRectF(x + SPACE * 4, SPACE, width + SPACE, line),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                series.name,
            )
            x += SPACE * 6 + width
        painter.end()

    # ---- tooltip ---------------------------------------------------------------------

    def index_at(self, x: float) -> int | None:
        if not self._labels or self._plot.isEmpty():
            return None
        count = len(self._labels)
        if count == 1:
            return 0
        fraction = (x - self._plot.left()) / self._plot.width()
        return min(count - 1, max(0, round(fraction * (count - 1))))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.index_at(event.position().x()) if self.has_values() else None
            if index is None:
                QToolTip.hideText()
                return True
            lines = [self._labels[index]]
            for series in self._series:
                value = series.values[index] if index < len(series.values) else None
                lines.append(f"{series.name}: {format_number(value, '–')}")
            QToolTip.showText(event.globalPos(), "\n".join(lines), self)
            return True
        return super().event(event)
