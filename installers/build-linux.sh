#!/usr/bin/env bash
# Build the Linux one-folder bundle, a .deb and a tarball into dist/.
#
#   bash installers/build-linux.sh
#
# gives, for version V (from wellbeing_desktop/__init__.py):
#   dist/pyinstaller/wellbeing-desktop/              the one-folder bundle
#   dist/wellbeing-desktop_V_amd64.deb               installs to /opt/wellbeing-desktop,
#                                                    /usr/bin/wellbeing-desktop, menu entry, icons
#   dist/wellbeing-desktop-V-linux-x86_64.tar.xz     the same bundle to unpack anywhere, no root
#
# It installs what it needs: Debian packages through apt-get when run as root (or
# with password-less sudo), PyInstaller and the app's dependencies (pinned in
# installers/constraints.txt) into a build environment in build/venv-linux.
# No AppImage: its tools download parts of themselves at build time, and this
# build must work offline from the package registries; the tarball covers the
# "no root, any distribution" case.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="$ROOT/build/venv-linux"
BUNDLE="$ROOT/dist/pyinstaller/wellbeing-desktop"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' wellbeing_desktop/__init__.py)"
ARCH="$(dpkg --print-architecture 2>/dev/null || echo amd64)"
DEB="$ROOT/dist/wellbeing-desktop_${VERSION}_${ARCH}.deb"
TARBALL="$ROOT/dist/wellbeing-desktop-${VERSION}-linux-$(uname -m).tar.xz"

say() { printf '[build-linux] %s\n' "$*"; }

# --- Debian packages ---------------------------------------------------------------------
# objdump/objcopy/strip for PyInstaller; gcc and icu-devtools to rebuild ICU's data;
# dpkg-dev for dpkg-shlibdeps; the X11/xcb, fontconfig and GL libraries the bundle
# uses from the system (dpkg-shlibdeps works out the .deb's dependencies from them).
BUILD_DEBS=(binutils gcc icu-devtools dpkg-dev xz-utils file
            libxcb-icccm4 libxcb-keysyms1 libxkbcommon-x11-0 libxcb-image0 libxcb-render-util0
            libxcb-xinerama0 libxcb-cursor0 libxcb-shape0 libxcb-randr0 libegl1 libgl1
            libfontconfig1 libdbus-1-3 fonts-dejavu-core)
install_debs() {
    command -v dpkg-query >/dev/null || { say "not a Debian system: install ${BUILD_DEBS[*]} yourself"; return; }
    local missing=()
    for package in "$@"; do
        [[ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" == *"install ok installed"* ]] \
            || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo=(sudo -n); else
            say "missing Debian packages and no root: ask your administrator to run"
            say "  apt-get install ${missing[*]}"
            exit 1
        fi
    fi
    say "installing Debian packages: ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
install_debs "${BUILD_DEBS[@]}"

# --- Build environment -------------------------------------------------------------------
if [ ! -x "$VENV/bin/python" ]; then
    say "creating the build environment in build/venv-linux"
    if ! "$PYTHON" -m venv "$VENV" 2>/dev/null; then
        rm -rf "$VENV"
        install_debs "python$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')-venv"
        "$PYTHON" -m venv "$VENV"
    fi
fi
STAMP="$VENV/.installed-$(cat pyproject.toml installers/requirements-build.txt installers/constraints.txt | sha256sum | cut -c1-16)"
if [ ! -e "$STAMP" ]; then
    say "installing PyInstaller and the app's dependencies into the build environment"
    # The app's dependencies from pyproject.toml, at the versions in constraints.txt.
    "$VENV/bin/python" installers/app_requirements.py > "$VENV/app-requirements.txt"
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q \
        -r installers/requirements-build.txt -r "$VENV/app-requirements.txt" \
        -c installers/constraints.txt 2>&1 | { grep -v 'is ignored: it is neither a file nor a directory' || true; }
    [ "${PIPESTATUS[0]}" -eq 0 ] || { say "pip could not install the build environment"; exit 1; }
    touch "$STAMP"
fi

# --- The one-folder bundle ---------------------------------------------------------------
say "building the bundle with PyInstaller (version $VERSION)"
rm -rf "$BUNDLE"
"$VENV/bin/pyinstaller" --noconfirm --clean --log-level WARN \
    --distpath "$ROOT/dist/pyinstaller" --workpath "$ROOT/build/pyinstaller" \
    installers/wellbeing-desktop.spec 2>&1 \
    | grep -v -e 'Hidden import .* not found' -e 'required via ctypes not found' \
              -e "dependency of .*libqgtk3.so" || true
[ -x "$BUNDLE/wellbeing-desktop" ] || { say "PyInstaller did not produce $BUNDLE"; exit 1; }

# The trimmed ICU data must answer every question Qt asks exactly as the full data does.
ICU_LIB="$(ls "$BUNDLE"/_internal/PySide6/Qt/lib/libicudata.so.* 2>/dev/null | head -n1 || true)"
if [ -n "$ICU_LIB" ]; then
    full="$(QT_QPA_PLATFORM=offscreen "$VENV/bin/python" installers/linux/check_icu.py)"
    trimmed="$(LD_PRELOAD="$ICU_LIB" QT_QPA_PLATFORM=offscreen "$VENV/bin/python" installers/linux/check_icu.py)"
    if [ "$full" != "$trimmed" ]; then
        diff <(echo "$full") <(echo "$trimmed") || true
        say "the trimmed ICU data gives different answers"; exit 1
    fi
    say "trimmed ICU data checked: collation, time-zone names, case mapping and converters unchanged"
fi

# --- .deb ----------------------------------------------------------------------------------
say "assembling the .deb"
STAGE="$ROOT/build/deb/wellbeing-desktop"
rm -rf "$STAGE"
mkdir -p "$STAGE/DEBIAN" "$STAGE/opt" "$STAGE/usr/bin" "$STAGE/usr/share/applications" \
         "$STAGE/usr/share/doc/wellbeing-desktop"
cp -a "$BUNDLE" "$STAGE/opt/wellbeing-desktop"
ln -s ../../opt/wellbeing-desktop/wellbeing-desktop "$STAGE/usr/bin/wellbeing-desktop"
install -m 644 installers/linux/wellbeing-desktop.desktop "$STAGE/usr/share/applications/"
for icon in resources/icons/app-*.png; do
    size="$(basename "$icon" .png)"; size="${size#app-}"
    install -D -m 644 "$icon" "$STAGE/usr/share/icons/hicolor/${size}x${size}/apps/wellbeing-desktop.png"
done
install -D -m 644 resources/icons/app.svg "$STAGE/usr/share/icons/hicolor/scalable/apps/wellbeing-desktop.svg"
cat > "$STAGE/usr/share/doc/wellbeing-desktop/copyright" <<EOF
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: Wellbeing Desktop

Files: *
License: AGPL-3.0-or-later

Files: opt/wellbeing-desktop/_internal/*
Comment: The Python runtime (PSF licence), Qt 6 through PySide6 (LGPL-3.0), SQLAlchemy
 and Alembic (MIT), reportlab (BSD), SQLCipher (BSD), psycopg (LGPL-3.0) and the other
 packages listed in /opt/wellbeing-desktop/_internal/*.dist-info, each under its own
 licence; the DejaVu and Droid fonts under the licences in
 /opt/wellbeing-desktop/_internal/wellbeing_desktop/resources/fonts.
EOF
chmod -R u=rwX,go=rX "$STAGE"

# Dependencies on the system's libraries, worked out the Debian way.
SHLIBS="$ROOT/build/deb/shlibdeps"
rm -rf "$SHLIBS"; mkdir -p "$SHLIBS/debian"
printf 'Source: wellbeing-desktop\n\nPackage: wellbeing-desktop\nArchitecture: any\n' > "$SHLIBS/debian/control"
mapfile -t elves < <(find "$STAGE/opt" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
    | xargs -0 file -N -F '|' | awk -F'|' '/ELF/ {print $1}')
mapfile -t private < <(find "$STAGE/opt/wellbeing-desktop/_internal" -type d | sed 's/^/-l/')
DEPENDS="$(cd "$SHLIBS" && dpkg-shlibdeps -O --ignore-missing-info "${private[@]}" \
    "${elves[@]/#/-e}" 2>/dev/null | sed -n 's/^shlibs:Depends=//p')"
[ -n "$DEPENDS" ] || { say "dpkg-shlibdeps found no dependencies"; exit 1; }

cat > "$STAGE/DEBIAN/control" <<EOF
Package: wellbeing-desktop
Version: $VERSION
Architecture: $ARCH
Maintainer: Wellbeing Desktop contributors <maintainers@wellbeing-desktop.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$STAGE" | cut -f1)
Depends: $DEPENDS
Section: misc
Priority: optional
Description: caseloads, supervision and staff wellbeing for line managers
 Wellbeing Desktop records each person's caseload against a safe limit for their
 role, logs supervision and reflective-practice sessions, runs short wellbeing
 check-ins, signposts staff to wellbeing services, and prints summaries such as a
 team caseload report. For line managers in health and social care.
 .
 Data lives in each user's ~/.local/share/WellbeingDesktop, never under /opt:
 upgrading or removing the package leaves it alone.
EOF
mkdir -p "$ROOT/dist"
rm -f "$DEB"
dpkg-deb --root-owner-group -Zxz --build "$STAGE" "$DEB" >/dev/null

# --- Tarball -------------------------------------------------------------------------------
say "writing the tarball"
TARSTAGE="$ROOT/build/tarball"
TARDIR="wellbeing-desktop-$VERSION"
rm -rf "$TARSTAGE"; mkdir -p "$TARSTAGE"
cp -a "$BUNDLE" "$TARSTAGE/$TARDIR"
install -m 644 installers/linux/wellbeing-desktop.desktop resources/icons/app-256.png "$TARSTAGE/$TARDIR/"
install -m 755 installers/linux/add-to-menu.sh "$TARSTAGE/$TARDIR/"
chmod -R u=rwX,go=rX "$TARSTAGE"
rm -f "$TARBALL"
tar -C "$TARSTAGE" --owner=0 --group=0 --numeric-owner -cf - "$TARDIR" | xz -T0 -6 > "$TARBALL"

mb() { du -sm "$1" | cut -f1; }
say "done:"
say "  bundle   $(mb "$BUNDLE") MB  $BUNDLE"
say "  .deb     $(( $(stat -c %s "$DEB") / 1048576 )) MB  $DEB"
say "  tarball  $(( $(stat -c %s "$TARBALL") / 1048576 )) MB  $TARBALL"
