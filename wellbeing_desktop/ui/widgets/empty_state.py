"""A friendly empty state: what is missing and the first thing to do about it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from wellbeing_desktop.ui.widgets.theme import SPACE


class EmptyState(QWidget):
    def __init__(self, title: str, body: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACE * 4, SPACE * 4, SPACE * 4, SPACE * 4)
        layout.setSpacing(SPACE * 2)
        layout.addStretch(1)
        self.picture = QLabel(self)
        self.picture.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.picture.hide()
        layout.addWidget(self.picture)
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
        # A fixed measure, so the wrapped text keeps its full height in the layout.
        self.body.setFixedWidth(self.fontMetrics().horizontalAdvance("m") * 38)
        layout.addWidget(self.title)
        # Centred by stretches, not by an alignment flag: an aligned item loses its
        # height-for-width and the wrapped text would be cut off.
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.body)
        row.addStretch(1)
        layout.addLayout(row)
        self._buttons = QHBoxLayout()
        self._buttons.setSpacing(SPACE * 2)
        self._buttons.addStretch(1)
        self._buttons.addStretch(1)
        layout.addLayout(self._buttons)
        layout.addStretch(2)

    def set_picture(self, icon: QIcon, size: int = 72) -> None:
        self.picture.setPixmap(icon.pixmap(size, size))
        self.picture.show()

    def add_button(self, text: str, *, primary: bool = False) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(text.replace("&", ""))
        if primary:
            button.setObjectName("primary")
            button.setDefault(True)
        self._buttons.insertWidget(self._buttons.count() - 1, button)
        return button
