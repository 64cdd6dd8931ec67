"""The dashboard's establishment line: funded, in-post and vacant FTE, the vacancy rate,
open cases against the safe capacity, cases waiting, protections honoured, and the way
into "Allocate a case".

One row, so the team table keeps its room on a laptop screen; each figure's full
sentence (from the services) is in its tool tip and accessible description.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from wellbeing_desktop.ui.models.format import format_number, service_text
from wellbeing_desktop.ui.widgets.theme import SPACE

if TYPE_CHECKING:
    from wellbeing_desktop.services.establishment import EstablishmentFigures
    from wellbeing_desktop.services.protected_caseloads import ProtectedCaseloads


class EstablishmentStrip(QFrame):
    allocate_requested = Signal()
    edit_requested = Signal()

    KEYS = ("funded", "in_post", "vacant", "capacity", "waiting", "protections")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("panel")
        self.setAccessibleName(self.tr("Establishment and vacancies"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(SPACE * 2, SPACE // 2, SPACE, SPACE // 2)
        layout.setSpacing(SPACE * 2)
        self.facts: dict[str, QLabel] = {}
        for key in self.KEYS:
            label = QLabel(self)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setObjectName(f"fact_{key}")
            self.facts[key] = label
            layout.addWidget(label)
        # The longest figure wraps under itself in a narrow window, rather than setting
        # the whole window's minimum width.
        self.facts["protections"].setWordWrap(True)
        self.facts["protections"].setMinimumWidth(self.fontMetrics().horizontalAdvance("m") * 14)
        layout.setStretchFactor(self.facts["protections"], 1)  # it takes the spare room
        self.edit_button = QPushButton(self.tr("Establishment…"), self)
        self.edit_button.setToolTip(
            self.tr("The team's funded FTE for each role, and the cases waiting")
        )
        self.edit_button.setAccessibleName(self.tr("Edit the team's establishment"))
        self.edit_button.clicked.connect(self.edit_requested)
        layout.addWidget(self.edit_button)
        self.allocate_button = QPushButton(self.tr("Allocate a case…"), self)
        self.allocate_button.setToolTip(
            self.tr("Who in the team has room for a new case (Ctrl+Shift+N)")
        )
        self.allocate_button.setAccessibleName(self.tr("Allocate a case"))
        self.allocate_button.clicked.connect(self.allocate_requested)
        layout.addWidget(self.allocate_button)

    def text_of(self, key: str) -> str:
        """A figure's words, as a screen reader reads them."""
        return self.facts[key].accessibleName()

    def _set(self, key: str, figure: str, words: str, tip: str = "") -> None:
        label = self.facts[key]
        label.setText(f"<b>{figure}</b>&nbsp;{words}")
        label.setAccessibleName(f"{figure} {words}")
        label.setToolTip(tip or f"{figure} {words}")

    def set_figures(
        self,
        figures: EstablishmentFigures | None,
        protections: ProtectedCaseloads | None,
        *,
        editable: bool = True,
    ) -> None:
        """Show one team's figures (``editable``: its establishment can be edited from
        here), or the organisation's sums."""
        self.edit_button.setVisible(editable)
        if figures is None:
            self.hide()
            return
        # Imported here: the dashboard (and so this module) loads before any service.
        from wellbeing_desktop.services.establishment import figure, rate_words

        self.show()
        sentences = "\n".join(service_text(line) for line in figures.describe())
        if figures.has_establishment:
            rate = figures.vacancy_rate
            self._set("funded", format_number(figures.funded_fte), self.tr("FTE funded"), sentences)
            self._set(
                "in_post", format_number(figures.in_post_fte), self.tr("FTE in post"), sentences
            )
            self._set(
                "vacant",
                format_number(figures.vacant_fte),
                self.tr("vacant ({rate})").format(rate=rate_words(rate or 0.0)),
                sentences,
            )
        else:
            self._set("funded", "–", self.tr("no funded establishment recorded"), sentences)
            self._set(
                "in_post", format_number(figures.in_post_fte), self.tr("FTE in post"), sentences
            )
            self.facts["vacant"].clear()
            self.facts["vacant"].setAccessibleName("")
        if figures.has_points:  # cases against cases, points against points
            self._set(
                "capacity",
                f"{figures.cases_against_capacity:,} / {figure(figures.safe_capacity)} cases · "
                f"{figure(figures.points_load)} / {figure(figures.points_capacity)} pts",
                self.tr("against safe capacity"),
                sentences,
            )
        else:
            self._set(
                "capacity",
                f"{figures.cases_against_capacity:,} / {figure(figures.safe_capacity)}",
                self.tr("cases / safe capacity"),
                sentences,
            )
        self._set(
            "waiting",
            "–" if figures.waiting is None else f"{figures.waiting:,}",
            self.tr("waiting"),
            sentences,
        )
        if protections is None or (not protections.people and not protections.year):
            self._set("protections", "–", self.tr("protections"), self.tr("No protections."))
            return
        tip = service_text(protections.today_words) + "\n" + service_text(protections.year_words)
        self._set(
            "protections",
            f"{protections.honoured_today} of {protections.judged_today}",
            self.tr("protections honoured · {year} of {judged} over 12 months").format(
                year=protections.honoured_year, judged=protections.judged_year
            ),
            tip,
        )
