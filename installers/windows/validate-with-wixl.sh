#!/usr/bin/env bash
# Check the WiX source on Linux: build an MSI from it with wixl (Debian's msitools)
# against the Linux one-folder build, then read the MSI back and check what a per-user
# install depends on.
#
#   bash installers/windows/validate-with-wixl.sh   (after installers/build-linux.sh)
#
# What this proves: wellbeing-desktop.wxs and the generated file list are well-formed
# WiX 3 that a WiX compiler turns into an MSI; the MSI is per-user (summary word count
# 10: compressed, no elevation; no ALLUSERS), installs under LocalAppDataFolder\Programs,
# has its Start-menu shortcut, HKCU-only registry key paths and a RemoveFolder for every
# folder, upgrades by UpgradeCode with the old version removed first, and carries every
# file of the payload (extracted again with msiextract and compared byte for byte).
# What it does not prove: anything that needs Windows. wixl leaves out the WiX-only parts
# (REMOVEUSERDATA, through the util extension), ignores MajorUpgrade/@Schedule and
# MediaTemplate/@CompressionLevel (its own placement of RemoveExistingProducts is the
# same), writes long file names only and marks no component 64-bit; and the payload is the Linux build
# (no .exe), so the shortcut's target is not there. The real MSI is built by WiX on
# Windows in CI (.github/workflows/installers.yml), where light's ICE validation runs.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
PAYLOAD="dist/pyinstaller/wellbeing-desktop"
WORK="build/wixl"
MSI="$WORK/WellbeingDesktop-linux-payload.msi"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' wellbeing_desktop/__init__.py)"

say() { printf '[wixl] %s\n' "$*"; }
fail() { printf '[wixl] FAILED: %s\n' "$*" >&2; exit 1; }

if ! command -v wixl >/dev/null || ! command -v msiinfo >/dev/null; then
    if [ "$(id -u)" -eq 0 ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wixl msitools >/dev/null
    else
        fail "wixl and msitools are needed: apt-get install wixl msitools"
    fi
fi
[ -x "$PAYLOAD/wellbeing-desktop" ] || fail "no one-folder build in $PAYLOAD: run installers/build-linux.sh first"

rm -rf "$WORK"; mkdir -p "$WORK"
python3 installers/windows/harvest_wxs.py --skip-links "$PAYLOAD" "$WORK/files.wxs"
# wixl wants paths relative to where it runs.
wixl -a x64 -D Version="$VERSION" -D PayloadDir="$PAYLOAD" \
     -D IconFile=installers/windows/wellbeing-desktop.ico -D Toolset=wixl \
     -o "$MSI" installers/windows/wellbeing-desktop.wxs "$WORK/files.wxs" 2> "$WORK/wixl.log" \
    || { cat "$WORK/wixl.log"; fail "wixl could not build the MSI"; }
# The only warnings allowed are the attributes wixl does not implement.
if grep -v -e '^$' -e "has no property named '\(Schedule\|CompressionLevel\)'" \
        "$WORK/wixl.log" > "$WORK/wixl-unexpected.log"; then
    cat "$WORK/wixl.log"; fail "unexpected wixl messages"
fi
say "built $MSI ($(( $(stat -c %s "$MSI") / 1048576 )) MB)"

# A table's rows (no header, no CR), through a file: grep -q on a pipe can kill the writer.
table() { msiinfo export "$MSI" "$1" > "$WORK/$1.raw" && tr -d '\r' < "$WORK/$1.raw" | tail -n +4; }
msiinfo suminfo "$MSI" > "$WORK/suminfo.txt"
sed 's/^/  /' "$WORK/suminfo.txt"
grep -qx 'Source: 10 (a)' "$WORK/suminfo.txt" || fail "word count is not 10 (per-user, compressed)"
grep -q '^Template: x64;' "$WORK/suminfo.txt" || fail "not an x64 package"  # wixl writes 1033 whatever Languages says

table Property > "$WORK/property.txt"
! grep -q '^ALLUSERS' "$WORK/property.txt" || fail "ALLUSERS is set: that would be a per-machine install"
grep -q "^ProductVersion"$'\t'"$VERSION\$" "$WORK/property.txt" || fail "ProductVersion is not $VERSION"
grep -q $'^UpgradeCode\t{B66838AC-1802-4F67-87E4-C3A21429348E}$' "$WORK/property.txt" || fail "UpgradeCode changed"

table Directory > "$WORK/directory.txt"
grep -q $'^LocalProgramsFolder\tLocalAppDataFolder\tPrograms$' "$WORK/directory.txt" \
    && grep -q $'^INSTALLDIR\tLocalProgramsFolder\tWellbeing Desktop$' "$WORK/directory.txt" \
    || fail "not installed under %LOCALAPPDATA%\\Programs\\Wellbeing Desktop"

table Shortcut > "$WORK/shortcut.txt"
grep -q $'^AppShortcut\tProgramMenuFolder\tWellbeing Desktop\tStartMenuShortcut\t\\[INSTALLDIR\\]WellbeingDesktop.exe' \
    "$WORK/shortcut.txt" || fail "no Start-menu shortcut to WellbeingDesktop.exe"

# Every component is keyed on a registry value (attribute 4), every registry value is HKCU (1).
table Component | awk -F'\t' '$4 != 4 {bad=1; print "  not registry-keyed: " $1} END {exit bad}' \
    || fail "components keyed on files (ICE38 for a per-user install)"
table Registry | awk -F'\t' '$2 != 1 {bad=1; print "  not HKCU: " $1} END {exit bad}' \
    || fail "registry values outside HKEY_CURRENT_USER"
dirs_in_profile="$(awk -F'\t' '$1 != "TARGETDIR" && $1 != "LocalAppDataFolder" && $1 != "ProgramMenuFolder"' "$WORK/directory.txt" | wc -l)"
removed_dirs="$(table RemoveFile | awk -F'\t' '$3 == "" && $5 == 2' | wc -l)"
[ "$dirs_in_profile" -eq "$removed_dirs" ] \
    || fail "$dirs_in_profile folders in the profile but $removed_dirs RemoveFolder entries (ICE64)"

table Upgrade > "$WORK/upgrade.txt"
grep -q 'WIX_UPGRADE_DETECTED' "$WORK/upgrade.txt" && grep -q 'WIX_DOWNGRADE_DETECTED' "$WORK/upgrade.txt" \
    || fail "no major-upgrade rows"
table InstallExecuteSequence | sort -t$'\t' -k3 -n | awk -F'\t' '{print $1}' > "$WORK/sequence.txt"
[ "$(grep -A1 -x InstallValidate "$WORK/sequence.txt" | tail -n1)" = RemoveExistingProducts ] \
    || fail "the old version is not removed straight after InstallValidate"

# Every payload file is in the MSI, byte for byte.
rm -rf "$WORK/extracted"; mkdir -p "$WORK/extracted"
msiextract -C "$WORK/extracted" "$MSI" >/dev/null
diff <(cd "$PAYLOAD" && find . -type f ! -type l -exec sha256sum {} + | sort -k2) \
    <(cd "$WORK/extracted/Programs/Wellbeing Desktop" && find . -type f -exec sha256sum {} + | sort -k2) \
    >/dev/null || fail "the files extracted from the MSI differ from the payload"
say "per-user (word count 10, no ALLUSERS), %LOCALAPPDATA%\\Programs\\Wellbeing Desktop, Start-menu shortcut,"
say "HKCU key paths and RemoveFolder for all $removed_dirs folders, major upgrade after InstallValidate,"
say "$(grep -c . < <(cd "$WORK/extracted" && find . -type f)) files extracted and identical to the payload"
