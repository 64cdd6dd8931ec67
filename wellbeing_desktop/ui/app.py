"""Application start-up: ``run_app`` is what ``wellbeing-desktop`` calls.

The order of imports matters here. The data layer (SQLAlchemy, the models, the
services the dashboard reads) is imported first, before Qt: PySide6 installs an
import hook that reads the source of every module imported after it (its
``__feature__`` support calls ``inspect.getsource``), which for SQLAlchemy and
our storage layer costs about 20 MB and some tens of milliseconds. Everything
else (forms, reports, migrations) is imported only when first used.
"""

from __future__ import annotations

from wellbeing_desktop import collector


def import_data_layer() -> None:
    """What the first screen needs from below the UI, imported before Qt."""
    import wellbeing_desktop.services.people
    import wellbeing_desktop.services.setup
    import wellbeing_desktop.services.summary
    import wellbeing_desktop.services.trends  # noqa: F401


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
    from wellbeing_desktop.ui.startup import launch

    return launch(
        database=database, demo=demo, quit_when_ready=quit_when_ready, passphrase=passphrase
    )
