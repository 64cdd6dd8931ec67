"""Application start-up: ``run_app`` is what ``wellbeing-desktop`` calls.

The order of imports matters here. The data layer (SQLAlchemy Core and the services
the dashboard reads; not the ORM, which is imported when first used) is imported
first, before Qt: PySide6 installs an import hook that reads the source of every
module imported after it (its ``__feature__`` support calls ``inspect.getsource``),
which for SQLAlchemy and our storage layer costs about 20 MB and some tens of
milliseconds (see ``import_qt``). Everything else (forms, reports, migrations) is
imported only when first used. docs/PERFORMANCE.md has the measurements.
"""

from __future__ import annotations

import sys

from wellbeing_desktop import collector


def import_data_layer() -> None:
    """What the first screen needs from below the UI, imported before Qt."""
    import wellbeing_desktop.services.setup
    import wellbeing_desktop.services.summary
    import wellbeing_desktop.services.teams
    import wellbeing_desktop.services.trends
    import wellbeing_desktop.settings  # noqa: F401
    from wellbeing_desktop.storage.database import load_sqlite_dialect

    load_sqlite_dialect()


def import_qt() -> None:
    """Qt, after the data layer; then PySide6's import hook is told about every module
    already loaded, so that it never reads their source.

    The hook (``shibokensupport.feature``, for PySide6's ``__feature__`` switches, which
    this app does not use) reads the whole source of each module the first time an
    ``import`` statement names it after Qt has loaded, to see whether it mentions
    PySide6: at start-up that was about 80 modules (SQLAlchemy's among them, named
    again by its lazy imports) and 2.4 MB of text kept in ``linecache``. A module
    loaded before Qt cannot be using it, so it gets the hook's own answer for such
    modules (-1: leave alone) at once. Nothing changes if PySide6 stops doing this.
    """
    import PySide6.QtCore  # noqa: F401

    feature = sys.modules.get("shibokensupport.feature")
    known = getattr(feature, "pyside_feature_dict", None)
    if isinstance(known, dict):
        for name in list(sys.modules):
            if not name.startswith(("PySide6", "shiboken", "wellbeing_desktop.ui")):
                known.setdefault(name, -1)


def run_app(
    *, database: str | None, demo: bool, quit_when_ready: bool, passphrase: str | None = None
) -> int:
    """Start the desktop app. ``passphrase`` (from ``--passphrase-env``) opens an
    encrypted database without asking; a wrong one is asked for again."""
    # Start-up allocates hundreds of thousands of long-lived objects; running the cyclic
    # collector over them again and again only delays the first screen. The window
    # turns it back on once the dashboard is up (ui.startup).
    collector.pause_for_startup()
    import_data_layer()
    import_qt()
    from wellbeing_desktop.ui.startup import launch

    return launch(
        database=database, demo=demo, quit_when_ready=quit_when_ready, passphrase=passphrase
    )
