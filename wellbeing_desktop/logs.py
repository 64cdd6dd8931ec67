"""Logging that never records personal data.

Log messages in this app name operations, counts and types, never people or
notes. Unexpected errors are logged as the exception's type and the code
location only: an exception's message can quote data (a database error quotes
the values it failed to save), so it is left out.
"""

from __future__ import annotations

import logging
import threading
import traceback

from wellbeing_desktop import paths

LOG_FILE_NAME = "wellbeing-desktop.log"


def setup_logging(level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if any(isinstance(h, _LogFile) for h in root.handlers):
        return
    root.addHandler(_LogFile())
    root.setLevel(level)


class _LogFile(logging.Handler):
    """The rotating log file, opened when the first message is written: most runs
    (a report from the command line, say) write none, and need not pay for importing
    ``logging.handlers`` and opening the file. A folder or file that cannot be made
    means messages are dropped, as a ``NullHandler`` would."""

    def __init__(self) -> None:
        super().__init__()
        self._file: logging.Handler | None = None
        self._opening = threading.Lock()
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))

    def _opened(self) -> logging.Handler:
        with self._opening:
            if self._file is None:
                import logging.handlers

                try:
                    paths.log_dir().mkdir(parents=True, exist_ok=True)
                    handler: logging.Handler = logging.handlers.RotatingFileHandler(
                        paths.log_dir() / LOG_FILE_NAME,
                        maxBytes=1_000_000,
                        backupCount=3,
                        encoding="utf-8",
                    )
                except OSError:
                    handler = logging.NullHandler()
                handler.setFormatter(self.formatter)
                self._file = handler
            return self._file

    def emit(self, record: logging.LogRecord) -> None:
        self._opened().handle(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def safe_traceback(error: BaseException) -> str:
    """The exception's type and where it happened, without its message."""
    frames = traceback.extract_tb(error.__traceback__)
    lines = [f"  {f.filename}:{f.lineno} in {f.name}" for f in frames]
    return f"{type(error).__module__}.{type(error).__qualname__}\n" + "\n".join(lines)


def log_unexpected(error: BaseException) -> None:
    logging.getLogger("wellbeing_desktop").error("unexpected error: %s", safe_traceback(error))


def log_file() -> str:
    return str(paths.log_dir() / LOG_FILE_NAME)
