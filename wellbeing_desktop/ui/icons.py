"""The app icon, from PNGs rendered from resources/icons/app.svg (no SVG plugin to load)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from wellbeing_desktop import paths

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


@cache
def app_icon() -> QIcon:
    icon = QIcon()
    folder = paths.resources_dir() / "icons"
    for size in ICON_SIZES:
        file = folder / f"app-{size}.png"
        if file.exists():
            icon.addFile(str(file))
    return icon
