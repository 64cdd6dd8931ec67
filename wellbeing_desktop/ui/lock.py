"""Locking the window: after some idle minutes, or on demand (Ctrl+L).

``IdleLockController`` watches the application's input and emits
``lock_requested`` when the user has been idle for the set time. ``LockScreen``
covers the window (and any other window of the app that is open) with a panel
that shows nothing personal, gives every window a neutral title (the taskbar
shows titles), and keeps input and shortcuts away from what is underneath until
it is unlocked: with the passphrase for an encrypted database, or a click to
continue otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wellbeing_desktop import APP_NAME
from wellbeing_desktop.ui.tasks import TaskRunner

LOCK_SHORTCUT = "Ctrl+L"
_INPUT_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TabletPress,
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Lock", text)


class IdleLockController(QObject):
    """Emits ``lock_requested`` after ``idle_minutes`` without keyboard or mouse input.

    ``idle_minutes`` of 0 turns the idle lock off (``lock_now`` still works).
    Call ``start()`` once the window is up; ``pause()`` while locked, ``resume()``
    after.
    """

    lock_requested = Signal()

    def __init__(self, idle_minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.lock_requested)
        self._paused = False
        self._started = False
        self._filtering = False
        self.set_idle_minutes(idle_minutes)

    @property
    def idle_minutes(self) -> float:
        return self._minutes

    @property
    def remaining_ms(self) -> int:
        """Milliseconds until the lock is requested; -1 when not counting."""
        return int(self._timer.remainingTime()) if self._timer.isActive() else -1

    def set_idle_minutes(self, minutes: float) -> None:
        self._minutes = max(0.0, float(minutes))
        self._timer.setInterval(max(1, round(self._minutes * 60_000)))
        self._restart()

    def start(self, *, watch_input_after_ms: int = 0) -> None:
        """Start counting. Input restarts the count from ``watch_input_after_ms`` on: the
        watch is an application-wide event filter in Python, and the first event it
        sees makes PySide6 set up every Qt class it has (tens of milliseconds), which
        the window's first screen should not wait for."""
        self._started = True
        self._paused = False
        if watch_input_after_ms > 0:
            QTimer.singleShot(watch_input_after_ms, self, self._watch_input)
        else:
            self._watch_input()
        self._restart()

    def _watch_input(self) -> None:
        app = QCoreApplication.instance()
        if self._started and app is not None and not self._filtering:
            app.installEventFilter(self)
            self._filtering = True

    def stop(self) -> None:
        self._started = False
        app = QCoreApplication.instance()
        if app is not None and self._filtering:
            app.removeEventFilter(self)
            self._filtering = False
        self._timer.stop()

    def pause(self) -> None:
        self._paused = True
        self._timer.stop()

    def resume(self) -> None:
        self._paused = False
        self._restart()

    def lock_now(self) -> None:
        self.lock_requested.emit()

    def add_shortcut(self, window: QWidget) -> QShortcut:
        """Ctrl+L anywhere in ``window`` locks it."""
        shortcut = QShortcut(QKeySequence(LOCK_SHORTCUT), window)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(self.lock_now)
        return shortcut

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _INPUT_EVENTS:
            self._restart()
        return False  # only watching: every event goes on to its widget

    def _restart(self) -> None:
        if self._paused or self._minutes <= 0 or not self._started:
            self._timer.stop()
            return
        self._timer.start()


class _Cover(QFrame):
    """An opaque panel over a window: nothing of what is underneath shows."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        host.installEventFilter(self)
        self.setGeometry(host.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.setGeometry(watched.rect())
        return False


class LockScreen(_Cover):
    """The lock: covers ``window`` (and the app's other open windows) until unlocked.

    With ``check_passphrase`` (a function: passphrase -> bool, run off the UI
    thread; e.g. ``lambda p: services.encryption.passphrase_matches(db.key, p)``)
    unlocking needs the passphrase; without it, a click on "Continue" unlocks.
    Create it once per window; call ``lock()``; it emits ``unlocked`` when done.
    """

    locked = Signal()
    unlocked = Signal()

    def __init__(
        self,
        window: QWidget,
        *,
        check_passphrase: Callable[[str], bool] | None = None,
        runner: TaskRunner | None = None,
    ) -> None:
        super().__init__(window)
        self.setObjectName("lockScreen")
        self.hide()
        self._window = window
        self._check = check_passphrase
        self._runner = runner or TaskRunner(self)
        self._covers: list[_Cover] = []
        self._titles: dict[QWidget, str] = {}
        self._disabled: list[QWidget | QAction] = []
        self._locked = False

        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = self._centred(QLabel(APP_NAME))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        title.setFont(font)
        layout.addWidget(title)
        layout.addWidget(self._centred(QLabel(_tr("Locked. Nothing is shown while it is locked."))))
        self.passphrase_field = QLineEdit()
        self.passphrase_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_field.setPlaceholderText(_tr("Passphrase"))
        self.passphrase_field.setAccessibleName(_tr("Passphrase"))
        self.passphrase_field.setMaximumWidth(320)
        self.passphrase_field.returnPressed.connect(self._try_unlock)
        layout.addWidget(self.passphrase_field, 0, Qt.AlignmentFlag.AlignCenter)
        self.unlock_button = QPushButton()
        self.unlock_button.clicked.connect(self._try_unlock)
        layout.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignCenter)
        self.message = self._centred(QLabel())
        self.message.setAccessibleName(_tr("Message"))
        layout.addWidget(self.message)
        layout.addStretch(2)
        self._show_mode()

    @property
    def is_locked(self) -> bool:
        return self._locked

    def set_check_passphrase(self, check: Callable[[str], bool] | None) -> None:
        """Change how unlocking works (a database was encrypted or opened meanwhile)."""
        self._check = check
        self._show_mode()

    def lock(self) -> None:
        if self._locked:
            return
        self._locked = True
        # An open modal dialog is the only window that takes input: unlock from there.
        host = QApplication.activeModalWidget() or self._window
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        for window in [host, *(w for w in windows if w is not host)]:
            self._titles[window] = window.windowTitle()
            window.setWindowTitle(_tr("{app} (locked)").format(app=APP_NAME))
            self._disable_inside(window)
            if window is host:
                self._cover(host)
            else:
                cover = _Cover(window)
                self._covers.append(cover)
                cover.show()
                cover.raise_()
        self.message.setText("")
        self._show_mode()
        (self.passphrase_field if self._check else self.unlock_button).setFocus()
        self.locked.emit()

    def unlock(self) -> None:
        if not self._locked:
            return
        self._locked = False
        self.hide()
        self._move_to(self._window)  # a dialog it covered may be closed and deleted later
        for cover in self._covers:
            cover.hide()
            cover.deleteLater()
        self._covers.clear()
        for item in self._disabled:
            item.setEnabled(True)
        self._disabled.clear()
        for window, title in self._titles.items():
            window.setWindowTitle(title)
        self._titles.clear()
        self.passphrase_field.clear()
        self.unlocked.emit()

    # -- inside ---------------------------------------------------------------------------

    def _cover(self, host: QWidget) -> None:
        self._move_to(host)
        self.setGeometry(host.rect())
        self.show()
        self.raise_()

    def _move_to(self, host: QWidget) -> None:
        if self.parentWidget() is host:
            return
        old = self.parentWidget()
        if old is not None:
            old.removeEventFilter(self)
        self.setParent(host)
        host.installEventFilter(self)

    def _disable_inside(self, window: QWidget) -> None:
        """Keep keyboard, mouse and shortcuts from reaching anything under the cover."""
        for child in window.findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            if child.isEnabled() and not isinstance(child, _Cover):
                child.setEnabled(False)
                self._disabled.append(child)
        for action in [*window.actions(), *window.findChildren(QAction)]:
            if action.isEnabled() and action not in self._disabled:
                action.setEnabled(False)
                self._disabled.append(action)

    def _show_mode(self) -> None:
        needs_passphrase = self._check is not None
        self.passphrase_field.setVisible(needs_passphrase)
        self.passphrase_field.setEnabled(True)
        self.unlock_button.setEnabled(True)
        self.unlock_button.setText(_tr("Unlock") if needs_passphrase else _tr("Continue"))
        self.unlock_button.setToolTip(
            "" if needs_passphrase else _tr("This database has no passphrase.")
        )

    @staticmethod
    def _centred(label: QLabel) -> QLabel:
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        return label

    def _try_unlock(self) -> None:
        if self._check is None:
            self.unlock()
            return
        passphrase = self.passphrase_field.text()
        if not passphrase:
            return
        self.passphrase_field.clear()
        self.passphrase_field.setEnabled(False)
        self.unlock_button.setEnabled(False)
        check = self._check
        self._runner.run(lambda: check(passphrase), on_result=self._checked, on_error=self._failed)

    def _checked(self, right: object) -> None:
        if right:
            self.unlock()
            return
        self._try_again(_tr("That is not the passphrase. Try again."))

    def _failed(self, _error: BaseException) -> None:
        self._try_again(_tr("The passphrase could not be checked. Try again."))

    def _try_again(self, text: str) -> None:
        if not self._locked:
            return
        self.passphrase_field.setEnabled(True)
        self.unlock_button.setEnabled(True)
        self.passphrase_field.setFocus()
        self.message.setText(text)
