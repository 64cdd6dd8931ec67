"""A friendly empty state: what is missing and the first thing to do about it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wellbeing_desktop.ui.widgets.theme import SPACE


class EmptyState(QWidget):
    def __init__(self, title: str, body: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE * 4, SPACE * 4, SPACE * 4, SPACE * 4)
        layout.setSpacing(SPACE * 2)
        layout.addStretch(1)
        self.title = QLabel(title, self)
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setWeight(QFont.Weight.DemiBold)
        self.title.setFont(font)
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.title.setObjectName("pageTitle")
        self.body = QLabel(body, self)
        self.body.setWordWrap(True)
        self.body.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.body.setObjectName("muted")
        self.body.setMaximumWidth(self.fontMetrics().horizontalAdvance("m") * 50)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 0, Qt.AlignmentFlag.AlignHCenter)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(SPACE * 2)
        self._buttons.addStretch(1)
        self._buttons.addStretch(1)
        layout.addLayout(self._buttons)
        layout.addStretch(2)

    def add_button(self, text: str, *, primary: bool = False) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", ""))
        if primary:
            button.setObjectName("primary")
            button.setDefault(True)
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        return button
