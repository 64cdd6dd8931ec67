#!/usr/bin/env bash
# Prove the Linux package: build it from a clean checkout, install it, use it as a new
# user would, and measure it.
#
#   bash installers/test-linux-package.sh            # clean clone of the committed HEAD
#   bash installers/test-linux-package.sh --worktree # this working tree as it is (for iterating)
#
# Takes 4.5-10 minutes on a 2-core machine (pip, PyInstaller, xz), so .ci/run
# does not run it; run it before a release and after changing installers/, the
# dependencies, or how the app finds its files. Exits non-zero on the first failure;
# set KEEP=1 to keep the work folder.
#
# Checks: the .deb installs into a temporary root (dpkg -x) with its /usr/bin link,
# menu entry and icons; the installed app starts offscreen (--quit-when-ready) on a
# fresh profile (creating and migrating its database, in the profile, not the install
# folder) and on the demo organisation; the bundled command line writes demo data, a
# caseload report and an encrypted database; the tarball runs too (and under a real
# X server through Xvfb when xvfb-run is there); the WiX source builds an MSI with wixl
# against this payload (installers/windows/validate-with-wixl.sh). Then sizes against the targets (bundle
# <= 150 MB installed, packages <= 60 MB) and start-up to a painted dashboard, bundled
# vs from source (target: within 1.2x, median of 7 alternating runs).
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/wellbeing-package-test.XXXXXX")"
SRC="$WORK/src"
RUNS="${RUNS:-7}"
MAX_BUNDLE_MB=150
MAX_PACKAGE_MB=60
MAX_START_RATIO=1.2

say() { printf '[package-test] %s\n' "$*"; }
fail() { printf '[package-test] FAILED: %s\n' "$*" >&2; exit 1; }
cleanup() { if [ "${KEEP:-0}" = 1 ]; then say "work folder kept: $WORK"; else rm -rf "$WORK"; fi; }
trap cleanup EXIT

# --- A clean checkout, built --------------------------------------------------------------
if [ "${1:-}" = "--worktree" ]; then
    say "copying the working tree (not a clean checkout: for iterating only)"
    mkdir -p "$SRC"
    tar -C "$REPO" --exclude=./.git --exclude=./.venv --exclude=./build --exclude=./dist -cf - . \
        | tar -C "$SRC" -xf -
else
    say "cloning $(git -C "$REPO" rev-parse --short HEAD) into a fresh folder"
    git clone -q --no-local "$REPO" "$SRC"
fi
[ -z "$(git -C "$SRC" status --porcelain 2>/dev/null)" ] || fail "the checkout is not clean"
# Reuse the pip download cache, never the build environment or an earlier build.
bash "$SRC/installers/build-linux.sh" 2>&1 | sed 's/^/  /'
DEB="$(ls "$SRC"/dist/wellbeing-desktop_*.deb)"
TARBALL="$(ls "$SRC"/dist/wellbeing-desktop-*-linux-*.tar.xz)"

# --- Install the .deb into a temporary root -----------------------------------------------
ROOTFS="$WORK/root"
dpkg -x "$DEB" "$ROOTFS"
APP="$ROOTFS/usr/bin/wellbeing-desktop"
[ "$(readlink "$APP")" = "../../opt/wellbeing-desktop/wellbeing-desktop" ] \
    || fail "/usr/bin/wellbeing-desktop does not point into /opt/wellbeing-desktop"
[ -x "$APP" ] || fail "the installed executable is missing"
DESKTOP="$ROOTFS/usr/share/applications/wellbeing-desktop.desktop"
grep -qx 'Exec=wellbeing-desktop' "$DESKTOP" && grep -qx 'Icon=wellbeing-desktop' "$DESKTOP" \
    || fail "the desktop entry does not start the app with its icon"
if ! command -v desktop-file-validate >/dev/null && [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends desktop-file-utils >/dev/null 2>&1 || true
fi
if command -v desktop-file-validate >/dev/null; then
    desktop-file-validate "$DESKTOP" || fail "the desktop entry is not valid"
else
    say "desktop-file-validate not available: desktop entry checked by content only"
fi
# apt could install it here: every dependency resolves (simulated, nothing is changed).
apt-get -s install "$DEB" > "$WORK/apt-simulate.txt" 2>&1 || { cat "$WORK/apt-simulate.txt"; fail "apt cannot install the .deb"; }
for size in 16 32 48 256; do
    [ -s "$ROOTFS/usr/share/icons/hicolor/${size}x${size}/apps/wellbeing-desktop.png" ] || fail "no ${size}px icon"
done
[[ "$(dpkg-deb -f "$DEB" Depends)" == *libc6* ]] || fail "the .deb declares no dependencies"
INTERNAL="$ROOTFS/opt/wellbeing-desktop/_internal"
[ -f "$INTERNAL/wellbeing_desktop/resources/roles.json" ] || fail "resources/ not bundled"
[ -f "$INTERNAL/wellbeing_desktop/storage/migrations/env.py" ] || fail "migrations not bundled"
ls "$INTERNAL"/pypdfium2_raw/libpdfium.so >/dev/null || fail "PDFium (report preview) not bundled"
# Top-level extension modules, imported by name (the spec's pruning once dropped them):
# reportlab's C accelerator, and cffi's backend that cryptography (credential store) imports.
ls "$INTERNAL"/_rl_accel*.so >/dev/null || fail "reportlab's C accelerator (_rl_accel) not bundled"
ls "$INTERNAL"/_cffi_backend*.so >/dev/null || fail "cffi's backend (for cryptography) not bundled"
ls "$INTERNAL"/PySide6/Qt/plugins/printsupport/*.so >/dev/null || fail "Qt print support not bundled"
[ ! -e "$INTERNAL/PySide6/Qt/translations" ] || fail "Qt translations were meant to be left out"
say "installed into a temporary root: link, valid menu entry, icons, resources, migrations, PDFium, printing, _rl_accel, _cffi_backend; apt resolves its dependencies"

export QT_QPA_PLATFORM=offscreen
unset WELLBEING_DESKTOP_DATABASE
touch "$WORK/stamp"

# --- First start on a fresh profile -------------------------------------------------------
FRESH="$WORK/fresh-profile"
WELLBEING_DESKTOP_HOME="$FRESH" timeout 180 "$APP" --quit-when-ready \
    || fail "the installed app did not start on a fresh profile"
[ -s "$FRESH/data/wellbeing.sqlite3" ] || fail "no database was created in the profile"
WELLBEING_DESKTOP_HOME="$FRESH" "$APP" db check | tee "$WORK/check.txt" | sed 's/^/  /'
grep -q '^Result: ok' "$WORK/check.txt" || fail "the new database is not at the bundled schema"
[ -z "$(find "$ROOTFS" -newer "$WORK/stamp" -print -quit)" ] || fail "the app wrote into its install folder"
say "fresh profile: started, painted, quit; database created and migrated in the profile"

# --- The demo organisation ----------------------------------------------------------------
WELLBEING_DESKTOP_HOME="$WORK/demo-profile" timeout 300 "$APP" --demo --quit-when-ready \
    || fail "the installed app did not start on the demo data"
say "demo organisation: started, painted, quit"

# --- The bundled command line -------------------------------------------------------------
export WELLBEING_DESKTOP_HOME="$WORK/cli-profile"
DEMO_DB="$WORK/demo.sqlite3"
"$APP" demo-data --database "$DEMO_DB" | sed 's/^/  /'
# glibc's loader logs each library it loads: the report must load reportlab's accelerator.
LD_DEBUG=files LD_DEBUG_OUTPUT="$WORK/report-loads" \
    "$APP" report caseload --all --out "$WORK/caseload.pdf" --database "$DEMO_DB" | sed 's/^/  /'
[ "$(head -c 5 "$WORK/caseload.pdf")" = "%PDF-" ] || fail "the caseload report is not a PDF"
grep -q '/_internal/_rl_accel[^/]*\.so' "$WORK"/report-loads.* \
    || fail "the caseload report was drawn without reportlab's C accelerator"
if command -v pdftotext >/dev/null; then
    pdftotext "$WORK/caseload.pdf" "$WORK/caseload.txt"
    grep -q "caseload report" "$WORK/caseload.txt" || fail "the report has no title text"
fi
WD_TEST_PASSPHRASE="correct horse battery staple" "$APP" demo-data --staff 8 --years 1 --encrypt \
    --passphrase-env WD_TEST_PASSPHRASE --database "$WORK/encrypted.sqlite3" | sed 's/^/  /'
WD_TEST_PASSPHRASE="correct horse battery staple" "$APP" summary --all --json \
    --passphrase-env WD_TEST_PASSPHRASE --database "$WORK/encrypted.sqlite3" > "$WORK/summary.json"
grep -q '"people"' "$WORK/summary.json" || fail "the encrypted database could not be read back"
say "command line: demo data, caseload report ($(( $(stat -c %s "$WORK/caseload.pdf") / 1024 )) KB, with _rl_accel loaded), encrypted database"

# --- The tarball --------------------------------------------------------------------------
mkdir -p "$WORK/tar"
tar -C "$WORK/tar" -xJf "$TARBALL"
TAR_APP="$(ls -d "$WORK"/tar/wellbeing-desktop-*)/wellbeing-desktop"
"$TAR_APP" --version | sed 's/^/  /'
if command -v xvfb-run >/dev/null; then
    QT_QPA_PLATFORM=xcb xvfb-run -a timeout 120 "$TAR_APP" --database "$DEMO_DB" --quit-when-ready \
        || fail "the tarball's app did not start under X11 (Xvfb)"
    say "tarball: runs, and starts on a real X server (Xvfb, xcb platform plugin)"
else
    say "tarball: runs (xvfb-run not installed: X11 start not checked)"
fi

# --- The Windows installer source, as far as Linux can check it ------------------------------
if ! (cd "$SRC" && bash installers/windows/validate-with-wixl.sh) > "$WORK/wixl.log" 2>&1; then
    cat "$WORK/wixl.log"; fail "the WiX source did not validate with wixl"
fi
grep '^\[wixl\]' "$WORK/wixl.log" | sed 's/^/  /'

# --- Sizes ----------------------------------------------------------------------------------
BUNDLE_MB="$(du -sm "$ROOTFS/opt/wellbeing-desktop" | cut -f1)"
DEB_MB="$(awk "BEGIN {printf \"%.1f\", $(stat -c %s "$DEB") / 1048576}")"
TAR_MB="$(awk "BEGIN {printf \"%.1f\", $(stat -c %s "$TARBALL") / 1048576}")"
say "sizes: installed bundle ${BUNDLE_MB} MB (target <= $MAX_BUNDLE_MB), .deb ${DEB_MB} MB, tarball ${TAR_MB} MB (targets <= $MAX_PACKAGE_MB)"
[ "$BUNDLE_MB" -le "$MAX_BUNDLE_MB" ] || fail "the installed bundle is over $MAX_BUNDLE_MB MB"
awk "BEGIN {exit !($DEB_MB <= $MAX_PACKAGE_MB && $TAR_MB <= $MAX_PACKAGE_MB)}" || fail "a package is over $MAX_PACKAGE_MB MB"

# --- Start-up: bundled vs from source --------------------------------------------------------
# Whole process, from exec to exit once the dashboard has painted, on the demo database;
# "from source" is the same checkout run by the build environment's Python (the same
# versions of every dependency). One warm-up run each, then alternating runs.
SOURCE_PY="$SRC/build/venv-linux/bin/python"
seconds() {  # milliseconds the command took; fails if it fails
    local start end
    start=$(date +%s%N); "$@" >/dev/null 2>&1 || return 1; end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}
bundled() { "$APP" --database "$DEMO_DB" --quit-when-ready; }
from_source() { (cd "$SRC" && "$SOURCE_PY" -m wellbeing_desktop --database "$DEMO_DB" --quit-when-ready); }
seconds bundled >/dev/null || fail "the bundled app did not start on the demo database"
seconds from_source >/dev/null || fail "the app from source did not start on the demo database"
frozen_ms=(); source_ms=()
for _ in $(seq "$RUNS"); do
    t="$(seconds bundled)" || fail "a bundled start-up run failed"; frozen_ms+=("$t")
    t="$(seconds from_source)" || fail "a start-up run from source failed"; source_ms+=("$t")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
F="$(median "${frozen_ms[@]}")"; S="$(median "${source_ms[@]}")"
RATIO="$(awk "BEGIN {printf \"%.2f\", $F / $S}")"
say "start to painted dashboard (median of $RUNS): bundled ${F} ms, from source ${S} ms, ratio ${RATIO} (target <= $MAX_START_RATIO)"
say "  bundled runs: ${frozen_ms[*]} ms; from source: ${source_ms[*]} ms"
awk "BEGIN {exit !($RATIO <= $MAX_START_RATIO)}" || fail "the bundled app starts more than ${MAX_START_RATIO}x slower"

say "all checks passed"
