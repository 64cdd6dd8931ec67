"""When Python's cycle collector may run: never on a worker thread of the desktop app.

A cycle collection frees whatever it finds unreachable on the thread that happens to
trigger it. If that is a worker thread and the garbage includes a Qt wrapper made on
the UI thread, Qt destroys the object from the wrong thread and the process crashes
(seen as "Fatal Python error: Segmentation fault ... Garbage-collecting" in a worker).
So the collector is paused while any background task runs, and only the main thread
ever turns it back on. Long jobs (a large report, start-up) also pause it for speed.

Pauses nest and may overlap across threads: the collector comes back on when the last
one ends, on the main thread (``settle`` does it for pauses that ended on a worker).
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

_lock = threading.Lock()
_pauses = 0
_was_enabled = True
_enable_pending = False


class Pause:
    """One hold on the collector; ``release`` is safe to call more than once."""

    def __init__(self) -> None:
        global _pauses, _was_enabled
        self._held = True
        with _lock:
            if _pauses == 0:
                _was_enabled = gc.isenabled() or _enable_pending
                gc.disable()
            _pauses += 1

    def release(self) -> None:
        global _pauses, _enable_pending
        with _lock:
            if not self._held:
                return
            self._held = False
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                if threading.current_thread() is threading.main_thread():
                    gc.enable()
                    _enable_pending = False
                else:
                    _enable_pending = True


def pause() -> Pause:
    return Pause()


@contextlib.contextmanager
def paused() -> Iterator[None]:
    hold = Pause()
    try:
        yield
    finally:
        hold.release()


def settle() -> None:
    """On the main thread: turn the collector back on if a pause ended on a worker."""
    global _enable_pending
    if threading.current_thread() is not threading.main_thread():
        return
    with _lock:
        if _pauses == 0 and _enable_pending:
            gc.enable()
            _enable_pending = False


_startup_pause: Pause | None = None


def pause_for_startup() -> None:
    """Start-up makes hundreds of thousands of long-lived objects: collecting over
    them again and again only delays the first screen."""
    global _startup_pause
    if _startup_pause is None:
        _startup_pause = Pause()


def end_startup_pause() -> None:
    global _startup_pause
    if _startup_pause is not None:
        _startup_pause.release()
        _startup_pause = None
