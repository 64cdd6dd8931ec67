"""A smaller ICU data library for the Linux build (used by the PyInstaller spec).

PySide6's Linux wheels link QtCore against ICU, whose data library
(libicudata.so.NN) is about 31 MB. Qt calls only four parts of ICU: case mapping,
time-zone names (ucal), text converters (ucnv) and collation (ucol). The data the
rest of ICU needs (unit, currency, language and region display names,
transliteration, number spell-out, line/word breaking dictionaries) can never be
reached from Qt, so it is removed and the library rebuilt, same soname and entry
point.

It is done only when it is provably safe: every ICU function imported by any
library in the bundle must be one of the allowed families, or nothing is changed.
Needs objdump and objcopy (binutils), icupkg and genccode (icu-devtools) and gcc;
if any is missing the original library is kept and a warning says so.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

# ICU functions Qt may call; the data behind them stays.
ALLOWED_ICU_FUNCTIONS = re.compile(r"^(u_strTo(Lower|Upper)|ucal_\w+|ucnv_\w+|UCNV_\w+|ucol_\w+)$")
# Data trees no allowed function reads.
REMOVED_TREES = ("unit/", "curr/", "lang/", "region/", "translit/", "rbnf/", "brkitr/")
TOOLS = ("objdump", "objcopy", "icupkg", "genccode", "gcc")


def _run(*args: str | Path, cwd: Path | None = None) -> str:
    return subprocess.run(
        [str(a) for a in args], check=True, capture_output=True, text=True, cwd=cwd
    ).stdout


def imported_icu_functions(binaries: list[str], major: str) -> set[str]:
    """ICU functions the bundle's libraries call (ICU's own libraries aside)."""
    suffix = f"_{major}"
    names: set[str] = set()
    for path in binaries:
        if Path(path).name.startswith("libicu"):
            continue
        for line in _run("objdump", "-T", path).splitlines():
            fields = line.split()
            if "*UND*" in fields and fields[-1].endswith(suffix):
                names.add(fields[-1][: -len(suffix)])
    return names


def trimmed_icu_data(library: Path, binaries: list[str], workdir: Path) -> tuple[Path | None, str]:
    """A rebuilt, smaller copy of ``library`` (libicudata.so.NN), or None and the reason."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        return None, "missing tools: " + ", ".join(missing)
    major = library.name.rsplit(".", 1)[-1]
    entry = f"icudt{major}"
    used = imported_icu_functions(binaries, major)
    unexpected = sorted(name for name in used if not ALLOWED_ICU_FUNCTIONS.match(name))
    if unexpected:
        return None, "the bundle calls other ICU functions: " + ", ".join(unexpected)

    workdir.mkdir(parents=True, exist_ok=True)
    # The data is one symbol, icudtNN_dat, in .rodata.
    symbol = re.search(
        rf"^([0-9a-f]+)\s.*\s\.rodata\s+([0-9a-f]+)\s+.*{entry}_dat$",
        _run("objdump", "-T", library),
        re.M,
    )
    section = re.search(r"\.rodata\s+\S+\s+([0-9a-f]+)", _run("objdump", "-h", library))
    if not symbol or not section:
        return None, f"{entry}_dat not found in .rodata"
    rodata = workdir / "rodata.bin"
    _run("objcopy", "-O", "binary", "--only-section=.rodata", library, rodata)
    start = int(symbol.group(1), 16) - int(section.group(1), 16)
    size = int(symbol.group(2), 16)
    original = workdir / f"{entry}l.dat"
    original.write_bytes(rodata.read_bytes()[start : start + size])

    items = _run("icupkg", "-l", original).split()
    remove = [item for item in items if item.startswith(REMOVED_TREES)]
    (workdir / "remove.txt").write_text("\n".join(remove) + "\n", encoding="ascii")
    small = workdir / "small" / original.name
    small.parent.mkdir(exist_ok=True)
    _run("icupkg", "-r", workdir / "remove.txt", original, small)
    _run("genccode", "-e", entry, "-a", "gcc", "-d", workdir, "-f", "icudata", small)
    rebuilt = workdir / "lib" / library.name
    rebuilt.parent.mkdir(exist_ok=True)
    _run(
        "gcc",
        "-shared",
        "-nostdlib",
        f"-Wl,-soname,{library.name}",
        "-o",
        rebuilt,
        workdir / "icudata.S",
    )
    if _run("icupkg", "-l", small).split() != [i for i in items if i not in set(remove)]:
        return None, "the rebuilt data does not list the expected items"
    return rebuilt, (
        f"{len(remove)} of {len(items)} items removed, "
        f"{size / 1e6:.1f} MB -> {rebuilt.stat().st_size / 1e6:.1f} MB"
    )
