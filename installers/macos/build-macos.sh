#!/usr/bin/env bash
# Build "Wellbeing Desktop.app" and a .dmg into dist/ (run on macOS; CI does, in
# .github/workflows/installers.yml). Needs Python 3.11 as python3 and the Xcode command
# line tools; hdiutil comes with macOS.
#
#   bash installers/macos/build-macos.sh
#
# The app is ad-hoc signed by PyInstaller, not with a Developer ID, and not notarised:
# Gatekeeper asks the first time (docs/INSTALL.md says what to click). Signing and
# notarising need the organisation's Apple account and are not part of this script.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' wellbeing_desktop/__init__.py)"
VENV="build/venv-macos"
APP="dist/pyinstaller/Wellbeing Desktop.app"
DMG="dist/WellbeingDesktop-$VERSION-macOS-$(uname -m).dmg"

[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" installers/app_requirements.py > build/app-requirements.txt
"$VENV/bin/python" -m pip install --disable-pip-version-check -q \
    -r installers/requirements-build.txt -r build/app-requirements.txt -c installers/constraints.txt
# Pillow turns the PNG icon into .icns at build time (it is in the environment through reportlab).
rm -rf "$APP" dist/pyinstaller/wellbeing-desktop
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath dist/pyinstaller --workpath build/pyinstaller installers/wellbeing-desktop.spec

# Smoke test: the app's own executable, offscreen, on a fresh profile, then a report.
SMOKE="$(mktemp -d)"
EXE="$APP/Contents/MacOS/wellbeing-desktop"
QT_QPA_PLATFORM=offscreen WELLBEING_DESKTOP_HOME="$SMOKE" "$EXE" --quit-when-ready
WELLBEING_DESKTOP_HOME="$SMOKE" "$EXE" demo-data --database "$SMOKE/demo.sqlite3"
WELLBEING_DESKTOP_HOME="$SMOKE" "$EXE" report caseload --all --out "$SMOKE/caseload.pdf" --database "$SMOKE/demo.sqlite3"
rm -rf "$SMOKE"
codesign --verify --deep --strict "$APP"

# The disk image: the app and a link to /Applications to drag it onto.
STAGE="build/dmg"
rm -rf "$STAGE" "$DMG"; mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "Wellbeing Desktop $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
hdiutil verify "$DMG"
du -sh "$APP" "$DMG"
