"""Charts drawn straight onto the page: a team's caseload by month against its combined
safe limit, and a person's check-in scores over time.

Drawn with a handful of canvas calls rather than reportlab.graphics, which is slow
to import and to lay out. Both read in black and white: grey bars, a black limit
line and printed values, never colour alone.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from wellbeing_desktop.reports import fonts
from wellbeing_desktop.reports.formatting import percent, short_date, short_month
from wellbeing_desktop.services.trends import CaseloadHistory

GRID = colors.HexColor("#c9d0d7")
BAR = colors.HexColor("#8c9aa8")
BAR_OVER = colors.HexColor("#3b4754")
LIMIT = colors.black


def nice_step(top: float, ticks: int = 5) -> float:
    """A round step (1, 2 or 5 × 10ⁿ) giving about ``ticks`` gridlines up to ``top``."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


def _axis_label(value: float) -> str:
    if value >= 10_000:
        return f"{value / 1000:.0f}k"
    return f"{value:,.0f}" if value == int(value) else f"{value:g}"


class CaseloadChart(Flowable):
    """Bars: total open cases at each month end. Line: the combined safe limit.
    Under each month: the percentage of the limit in use. A month when no one counted
    had a record has no bar and no limit, and reads "no records": a bar of 0 under a
    limit of 0 would read as no cases and no capacity."""

    def __init__(self, history: CaseloadHistory, width: float, height: float = 150) -> None:
        super().__init__()
        self.history = history
        self.width = width
        self.height = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        months = self.history.months
        left, right, bottom, top = 38.0, self.width - 4, 30.0, self.height - 18
        if not self.history.has_data:
            canvas.setFont(fonts.use(fonts.ITALIC), 9)
            canvas.drawString(left, self.height / 2, "No caseload records in this period.")
            return
        highest = max(max(m.total_cases, m.combined_limit) for m in months) or 1
        step = nice_step(highest)
        ceiling = step * math.ceil(highest * 1.12 / step)

        def y_of(value: float) -> float:
            return bottom + (top - bottom) * value / ceiling

        canvas.saveState()
        # Gridlines and the axis.
        canvas.setFont(fonts.REGULAR, 7)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        value = 0.0
        while value <= ceiling + 1e-9:
            y = y_of(value)
            canvas.line(left, y, right, y)
            canvas.setFillColor(colors.black)
            canvas.drawRightString(left - 4, y - 2.5, _axis_label(value))
            value += step
        slot = (right - left) / len(months)
        bar = slot * 0.56
        # Bars, with their values; months over the limit are darker.
        for index, month in enumerate(months):
            x = left + index * slot + (slot - bar) / 2
            centre = left + index * slot + slot / 2
            over = month.combined_limit and month.total_cases > month.combined_limit
            if month.people_counted:
                canvas.setFillColor(BAR_OVER if over else BAR)
                canvas.rect(x, bottom, bar, y_of(month.total_cases) - bottom, stroke=0, fill=1)
                canvas.setFillColor(colors.black)
                canvas.setFont(fonts.BOLD if over else fonts.REGULAR, 6.8)
                label_y = y_of(month.total_cases) + 2.5
                if month.combined_limit and abs(y_of(month.combined_limit) - label_y) < 7:
                    label_y = y_of(max(month.total_cases, month.combined_limit)) + 3.5
                canvas.drawCentredString(x + bar / 2, label_y, f"{month.total_cases:,}")
            else:
                canvas.setFillColor(colors.black)
                italic = fonts.use(fonts.ITALIC)
                canvas.setFont(italic, 6.8)
                if canvas.stringWidth("no records", italic, 6.8) < slot - 2:
                    canvas.drawCentredString(centre, bottom + 4, "no records")
                else:  # narrow months (a long period): a word a line
                    canvas.drawCentredString(centre, bottom + 11, "no")
                    canvas.drawCentredString(centre, bottom + 4, "records")
            canvas.setFont(fonts.REGULAR, 7)
            label = short_month(month.month_end)
            if index == 0 or month.month_end.month == 1:
                label += f" {month.month_end.year % 100:02d}"
            canvas.drawCentredString(centre, bottom - 10, label)
            canvas.setFont(fonts.BOLD if over else fonts.REGULAR, 7)
            canvas.drawCentredString(centre, bottom - 20, percent(month.utilisation))
        # The combined safe limit: a black step line across each month's slot.
        canvas.setStrokeColor(LIMIT)
        canvas.setLineWidth(1.6)
        path = canvas.beginPath()
        for index, month in enumerate(months):
            if not month.people_counted:
                continue  # no one to set a limit for
            y = y_of(month.combined_limit)
            x0, x1 = left + index * slot + 2, left + (index + 1) * slot - 2
            path.moveTo(x0, y)
            path.lineTo(x1, y)
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(0.8)
        canvas.line(left, bottom, right, bottom)
        # Legend.
        canvas.setFont(fonts.REGULAR, 7.5)
        legend_y = self.height - 8
        canvas.setFillColor(BAR)
        canvas.rect(left, legend_y - 1, 9, 7, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        canvas.drawString(left + 13, legend_y, "Open cases at month end")
        x = left + 13 + canvas.stringWidth("Open cases at month end", fonts.REGULAR, 7.5) + 14
        canvas.setFillColor(BAR_OVER)
        canvas.rect(x, legend_y - 1, 9, 7, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        canvas.drawString(x + 13, legend_y, "Over the combined limit")
        x += 13 + canvas.stringWidth("Over the combined limit", fonts.REGULAR, 7.5) + 14
        canvas.setLineWidth(1.6)
        canvas.line(x, legend_y + 2.5, x + 14, legend_y + 2.5)
        canvas.drawString(x + 18, legend_y, "Combined safe limit")
        x += 18 + canvas.stringWidth("Combined safe limit", fonts.REGULAR, 7.5) + 14
        canvas.drawString(x, legend_y, "Below each month: % of the limit in use")
        canvas.restoreState()


class ScoreChart(Flowable):
    """A person's combined check-in score (4 worst, 20 best) at each check-in; check-ins
    that prompted a follow-up are drawn as filled squares."""

    def __init__(
        self,
        points: Sequence[tuple[dt.date, int, bool]],
        first: dt.date,
        last: dt.date,
        width: float,
        height: float = 120,
    ) -> None:
        super().__init__()
        self.points = list(points)
        self.first, self.last = first, last
        self.width = width
        self.height = height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        left, right, bottom, top = 30.0, self.width - 8, 22.0, self.height - 16
        if not self.points:
            canvas.setFont(fonts.use(fonts.ITALIC), 9)
            canvas.drawString(left, self.height / 2, "No check-ins in this period.")
            return
        span = max(1, (self.last - self.first).days)

        def x_of(day: dt.date) -> float:
            return left + (right - left) * (day - self.first).days / span

        def y_of(score: float) -> float:
            return bottom + (top - bottom) * (score - 4) / 16

        canvas.saveState()
        canvas.setFont(fonts.REGULAR, 7)
        canvas.setStrokeColor(GRID)
        canvas.setLineWidth(0.5)
        for score in (4, 8, 12, 16, 20):
            canvas.line(left, y_of(score), right, y_of(score))
            canvas.drawRightString(left - 4, y_of(score) - 2.5, str(score))
        canvas.setStrokeColor(colors.black)
        canvas.line(left, bottom, right, bottom)
        canvas.drawString(left, bottom - 11, short_date(self.first))
        canvas.drawRightString(right, bottom - 11, short_date(self.last))
        canvas.setLineWidth(1.3)
        path = canvas.beginPath()
        for index, (day, score, _flag) in enumerate(self.points):
            (path.moveTo if index == 0 else path.lineTo)(x_of(day), y_of(score))
        canvas.drawPath(path, stroke=1, fill=0)
        canvas.setLineWidth(0.9)
        for day, score, flagged in self.points:
            x, y = x_of(day), y_of(score)
            if flagged:
                canvas.setFillColor(colors.black)
                canvas.rect(x - 3, y - 3, 6, 6, stroke=1, fill=1)
            else:
                canvas.setFillColor(colors.white)
                canvas.circle(x, y, 2.6, stroke=1, fill=1)
        canvas.setFillColor(colors.black)
        canvas.setFont(fonts.REGULAR, 7.5)
        legend_y = self.height - 8
        canvas.circle(left + 4, legend_y + 2.5, 2.6, stroke=1, fill=0)
        canvas.drawString(left + 11, legend_y, "Check-in score (4 = worst, 20 = best)")
        x = (
            left
            + 11
            + canvas.stringWidth("Check-in score (4 = worst, 20 = best)", fonts.REGULAR, 7.5)
        )
        canvas.rect(x + 14, legend_y - 0.5, 6, 6, stroke=1, fill=1)
        canvas.drawString(x + 24, legend_y, "Prompted a follow-up conversation")
        canvas.restoreState()
