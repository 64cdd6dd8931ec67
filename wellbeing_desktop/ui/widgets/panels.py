"""The framed sections of the person view's tabs: a titled panel, and the selectable
text that fills it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from wellbeing_desktop.ui.widgets.theme import SPACE


def panel(
    parent: QWidget, title: str, *, spacing: int = SPACE
) -> tuple[QFrame, QVBoxLayout, QHBoxLayout]:
    """A framed panel headed by ``title``: the frame, its column, and the title's row
    (for buttons beside the title)."""
    frame = QFrame(parent)
    frame.setObjectName("panel")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(SPACE * 2, SPACE * 3 // 2, SPACE * 2, SPACE * 3 // 2)
    layout.setSpacing(spacing)
    header = QHBoxLayout()
    label = QLabel(title, frame)
    label.setObjectName("sectionTitle")
    header.addWidget(label, 1)
    layout.addLayout(header)
    return frame, layout, header


def selectable_text(parent: QWidget, name: str) -> QLabel:
    """A wrapping label whose words can be selected and copied, named ``name`` for
    screen readers."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName(name)
    return label
