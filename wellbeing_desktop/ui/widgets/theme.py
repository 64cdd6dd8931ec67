"""The app's restrained palette and spacing, in one place.

Fusion draws the same on Windows, macOS and Linux; the palette keeps contrast
high (every text colour here is at least 4.5:1 on its background), and status
colours always come with a symbol and words, never alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from string import Template

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from wellbeing_desktop.services.caseload_rules import CaseloadStatus

ACCENT = QColor("#1d5f8a")
ACCENT_SOFT = QColor("#e4eef6")
TEXT = QColor("#1f2933")
MUTED = QColor("#52606d")
BORDER = QColor("#d5dbe1")
WINDOW = QColor("#f3f5f7")
BASE = QColor("#ffffff")
ALTERNATE = QColor("#f8f9fb")
LIMIT_LINE = QColor("#a3312a")

# Spacing in multiples of a base unit; layouts use these, never ad-hoc numbers.
SPACE = 8


@dataclass(frozen=True)
class StatusColours:
    text: QColor
    background: QColor
    border: QColor


STATUS_COLOURS = {
    CaseloadStatus.RED: StatusColours(QColor("#8c1d18"), QColor("#fbe9e7"), QColor("#e8b4ae")),
    CaseloadStatus.AMBER: StatusColours(QColor("#6b4100"), QColor("#fff1d6"), QColor("#ebcf94")),
    CaseloadStatus.GREEN: StatusColours(QColor("#1e5e36"), QColor("#e3f2e8"), QColor("#a9d3b6")),
    CaseloadStatus.UNKNOWN: StatusColours(QColor("#44505c"), QColor("#eceff1"), QColor("#c9d0d6")),
    CaseloadStatus.UNWEIGHTED: StatusColours(
        QColor("#44505c"), QColor("#eceff1"), QColor("#c9d0d6")
    ),
}
NEUTRAL = StatusColours(ACCENT, ACCENT_SOFT, QColor("#b5cde0"))

_STYLE_TEMPLATE = """
QMainWindow, QDialog { background: $window; }
QToolBar { background: $base; border: none; border-bottom: 1px solid $border;
    spacing: ${half}px; padding: ${half}px ${space}px; }
QToolBar QToolButton { padding: ${half}px ${space}px; border-radius: 4px; color: $text; }
QToolBar QToolButton:hover { background: $accent_soft; }
QToolBar QToolButton:disabled { color: $muted; }
QTableView { background: $base; border: 1px solid $border; border-radius: 6px;
    gridline-color: $border; selection-background-color: $accent_soft;
    selection-color: $text; }
QHeaderView::section { background: $alternate; color: $muted; border: none;
    border-bottom: 1px solid $border; padding: ${half}px ${space}px; font-weight: 600; }
QLineEdit, QComboBox { padding: ${half}px ${space}px; border: 1px solid $border;
    border-radius: 4px; background: $base; }
QLineEdit:focus, QComboBox:focus { border: 1px solid $accent; }
QFrame#panel { background: $base; border: 1px solid $border; border-radius: 6px; }
QLabel#pageTitle { color: $text; }
QLabel#muted { color: $muted; }
QLabel#sectionTitle { color: $text; font-weight: 600; }
QPushButton { padding: ${half}px ${wide}px; border-radius: 4px;
    border: 1px solid $border; background: $base; color: $text; }
QPushButton:hover { border-color: $accent; }
QPushButton:focus { border: 2px solid $accent; }
QPushButton#primary { background: $accent; color: white; border-color: $accent; }
QPushButton#primary:hover { background: #174d70; }
QStatusBar { background: $base; border-top: 1px solid $border; color: $muted; }
QTabWidget::pane { border: 1px solid $border; border-radius: 6px; background: $base;
    top: -1px; }
QTabBar::tab { padding: ${tab}px ${double}px; color: $muted;
    border: 1px solid transparent; border-bottom: none; }
QTabBar::tab:selected { color: $text; background: $base;
    border-color: $border; border-top-left-radius: 6px; border-top-right-radius: 6px; }
"""
STYLE_SHEET = Template(_STYLE_TEMPLATE).substitute(
    window=WINDOW.name(),
    base=BASE.name(),
    border=BORDER.name(),
    text=TEXT.name(),
    muted=MUTED.name(),
    accent=ACCENT.name(),
    accent_soft=ACCENT_SOFT.name(),
    alternate=ALTERNATE.name(),
    half=SPACE // 2,
    space=SPACE,
    wide=SPACE + 4,
    tab=SPACE // 2 + 2,
    double=SPACE * 2,
)


# Give QApplication these arguments to start it in the app's style: setting the style
# afterwards from Python makes PySide6 build QStyle's large enums (about 10 ms).
STYLE_ARGUMENTS = ["-style", "Fusion"]


def apply_theme(app: QApplication, *, set_style: bool = True) -> None:
    """The palette and style sheet; the Fusion style too, unless the application was
    started with ``STYLE_ARGUMENTS``."""
    if set_style:
        app.setStyle("Fusion")
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, WINDOW)
    palette.setColor(QPalette.ColorRole.WindowText, TEXT)
    palette.setColor(QPalette.ColorRole.Base, BASE)
    palette.setColor(QPalette.ColorRole.AlternateBase, ALTERNATE)
    palette.setColor(QPalette.ColorRole.Text, TEXT)
    palette.setColor(QPalette.ColorRole.Button, BASE)
    palette.setColor(QPalette.ColorRole.ButtonText, TEXT)
    palette.setColor(QPalette.ColorRole.Highlight, ACCENT)
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("white"))
    palette.setColor(QPalette.ColorRole.ToolTipBase, BASE)
    palette.setColor(QPalette.ColorRole.ToolTipText, TEXT)
    palette.setColor(QPalette.ColorRole.PlaceholderText, MUTED)
    palette.setColor(QPalette.ColorRole.Link, ACCENT)
    app.setPalette(palette)
    app.setStyleSheet(STYLE_SHEET)
