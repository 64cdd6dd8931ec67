"""Background work: run a function off the UI thread, get its result on the UI thread.

Widgets never run slow work (opening a big database, loading an organisation's
summary) on the UI thread, and worker threads never touch widgets. A
``TaskRunner`` runs a plain function on Qt's thread pool and calls back with
its result, or its exception, on the thread that owns the runner (the UI
thread). Tasks given the same ``key`` supersede each other: only the newest
one's result is delivered, so switching teams quickly never shows a stale table.

The functions run here call the services, which open one short database
session each; SQLAlchemy's pool gives every thread its own connection.

``TaskRunner(synchronous=True)`` runs everything at once on the calling thread,
for tests and scripts that want no threads at all.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

from wellbeing_desktop import collector

ResultCallback = Callable[[Any], None]
ErrorCallback = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives on the UI thread; workers emit through it, so delivery is queued there."""

    succeeded = Signal(int, object)
    failed = Signal(int, object)


class _Job(QRunnable):
    def __init__(
        self, task_id: int, function: Callable[[], Any], relay: _Relay, hold: collector.Pause
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task_id = task_id
        self._function = function
        self._relay = relay
        # Taken on the UI thread before the job starts: no cycle collection may run on
        # this worker (see wellbeing_desktop.collector).
        self._hold = hold

    def run(self) -> None:
        try:
            result = self._function()
        except BaseException as error:  # delivered to the UI thread, never lost
            outcome, value = self._relay.failed, error
        else:
            outcome, value = self._relay.succeeded, result
        self._function = None  # type: ignore[assignment]
        # Released before delivery, so the UI thread finds it released when it settles
        # the collector; from a worker, a release never turns the collector back on.
        self._hold.release()
        self._emit(outcome, value)

    def _emit(self, signal: Any, value: object) -> None:
        # RuntimeError: the runner (and its window) has gone; nobody is waiting for this.
        with contextlib.suppress(RuntimeError):
            signal.emit(self._task_id, value)


@dataclass
class _Pending:
    key: str | None
    on_result: ResultCallback | None
    on_error: ErrorCallback | None


class TaskRunner(QObject):
    """Runs functions off the UI thread and delivers their outcome on it."""

    busy_changed = Signal(bool)

    def __init__(
        self,
        parent: QObject | None = None,
        *,
        synchronous: bool = False,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._pool = pool or QThreadPool.globalInstance()
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._latest: dict[str, int] = {}
        self._relay = _Relay(self)
        self._relay.succeeded.connect(self._deliver_result, Qt.ConnectionType.QueuedConnection)
        self._relay.failed.connect(self._deliver_error, Qt.ConnectionType.QueuedConnection)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def run(
        self,
        function: Callable[[], Any],
        *,
        on_result: ResultCallback | None = None,
        on_error: ErrorCallback | None = None,
        key: str | None = None,
    ) -> int:
        """Start ``function()``; returns the task's number."""
        task_id = next(self._ids)
        was_busy = self.busy
        self._pending[task_id] = _Pending(key, on_result, on_error)
        if key is not None:
            self._latest[key] = task_id
        if not was_busy:
            self.busy_changed.emit(True)
        if self.synchronous:
            try:
                result = function()
            except Exception as error:
                self._deliver_error(task_id, error)
            else:
                self._deliver_result(task_id, result)
        else:
            self._pool.start(_Job(task_id, function, self._relay, collector.pause()))
        return task_id

    def wait_for_done(self, msecs: int = -1) -> bool:
        """Block until the pool is idle (for shutting down; results still arrive later)."""
        return bool(self._pool.waitForDone(msecs))

    def _take(self, task_id: int) -> _Pending | None:
        collector.settle()
        pending = self._pending.pop(task_id, None)
        if pending is None:
            return None
        if not self._pending:
            self.busy_changed.emit(False)
        if pending.key is not None and self._latest.get(pending.key) != task_id:
            return None  # superseded by a newer task with the same key
        if pending.key is not None:
            del self._latest[pending.key]
        return pending

    @Slot(int, object)
    def _deliver_result(self, task_id: int, result: object) -> None:
        pending = self._take(task_id)
        if pending is not None and pending.on_result is not None:
            pending.on_result(result)

    @Slot(int, object)
    def _deliver_error(self, task_id: int, error: object) -> None:
        pending = self._take(task_id)
        if pending is None:
            return
        assert isinstance(error, BaseException)
        if pending.on_error is not None:
            pending.on_error(error)
        else:
            from wellbeing_desktop.ui.dialogs import report_error

            report_error(error, parent=None)


class Progress(QObject):
    """A progress hook to hand to a task: the worker calls it with a fraction done
    (0 to 1); ``changed`` is delivered on the thread that owns it (the UI thread), as
    a whole percentage, and only when that percentage moves."""

    changed = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._last = -1

    def __call__(self, fraction: float) -> None:
        percent = max(0, min(100, int(fraction * 100)))
        if percent != self._last:
            self._last = percent
            # RuntimeError: the dialog that asked has gone; nobody is watching.
            with contextlib.suppress(RuntimeError):
                self.changed.emit(percent)

    def reset(self) -> None:
        self._last = -1
