#!/bin/sh
# Add Wellbeing Desktop, unpacked from the tarball, to your own applications menu
# (no administrator rights needed). Run it again after moving the folder;
# "./add-to-menu.sh --remove" takes the menu entry away again. Your records are
# in ~/.local/share/WellbeingDesktop whatever you do here.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
ENTRY="$SHARE/applications/wellbeing-desktop.desktop"
ICON="$SHARE/icons/hicolor/256x256/apps/wellbeing-desktop.png"
if [ "${1:-}" = "--remove" ]; then
    rm -f "$ENTRY" "$ICON"
    echo "Removed Wellbeing Desktop from the menu."
    exit 0
fi
mkdir -p "$(dirname "$ENTRY")" "$(dirname "$ICON")"
cp "$HERE/app-256.png" "$ICON"
sed "s|^Exec=.*|Exec=\"$HERE/wellbeing-desktop\"|" "$HERE/wellbeing-desktop.desktop" > "$ENTRY"
echo "Added Wellbeing Desktop to the menu (it starts $HERE/wellbeing-desktop)."
