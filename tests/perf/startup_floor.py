"""The floor of this stack for start-up, as a program to time from outside.

    python tests/perf/startup_floor.py --database FILE   # the floor
    python tests/perf/startup_floor.py --bare            # a bare window, for the record

The floor imports SQLAlchemy, reads one count from the database file, then shows a
bare PySide6 window with that count and exits once the window has painted: the
least any PySide6 + SQLAlchemy app can do before its first screen. ``--bare``
leaves out SQLAlchemy and the database. SQLAlchemy is imported before Qt, the
quicker order (PySide6's import hook reads the source of modules imported after
it), so the floor is as low as it fairly can be.

It imports nothing from the app, so the app's start-up can be measured against
it in the same run (tests/perf/test_startup_perf.py).
"""

from __future__ import annotations

import argparse
import sys


def read_count(database: str) -> int:
    import sqlalchemy

    engine = sqlalchemy.create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        count = connection.execute(sqlalchemy.text("SELECT count(*) FROM staff_member"))
        value = int(count.scalar_one())
    engine.dispose()
    return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument(
        "--database", metavar="FILE", help="an SQLite file with a staff_member table"
    )
    which.add_argument("--bare", action="store_true", help="no SQLAlchemy, no database")
    args = parser.parse_args(argv)
    text = "A bare window" if args.bare else f"{read_count(args.database):,} staff records"

    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QPaintEvent
    from PySide6.QtWidgets import QApplication, QLabel

    app = QApplication(sys.argv[:1])

    class Window(QLabel):
        painted = False

        def paintEvent(self, event: QPaintEvent) -> None:
            super().paintEvent(event)
            if not self.painted:
                self.painted = True
                QTimer.singleShot(0, app.quit)

    window = Window(text)
    window.resize(800, 600)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
