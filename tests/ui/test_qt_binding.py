"""A guard on the Qt binding itself.

PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a Qt
method that returns nothing (``widget.setEnabled(True)``, ``painter.save()``...).
None is not immortal before Python 3.12, so a session long enough to make some
tens of thousands of such calls ends in "Fatal Python error: none_dealloc". 6.11
is not affected. The fix is to keep that version off Python 3.11 (pyproject);
this test says so plainly rather than letting a long session crash at random.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QWidget

_GIVEN_BACK: list[None] = []


def test_calling_qt_methods_keeps_none_alive(qtbot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    before = sys.getrefcount(None)
    for _ in range(50):
        widget.setEnabled(True)
    lost = before - sys.getrefcount(None)
    # Give back what the binding took, so this test does not shorten the session.
    _GIVEN_BACK.extend([None] * max(lost, 0))
    assert lost < 25
