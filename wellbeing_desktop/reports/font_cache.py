"""Parsed report faces kept between runs, so a report from the command line does not
parse the same TrueType tables every time (about 10 ms a face; the parsed face loads
from the cache in a third of that).

An entry is reportlab's ``TTFont`` as parsed, pickled without the font file's bytes
(read again from the file itself) and without what belongs to one process (the
per-document state, the scaling function). It is named by the SHA-256 of the font
file and the versions of reportlab, Python and this format, so a changed font or a
new reportlab never meets an old entry. The cache is only a shortcut: anything wrong
with an entry (missing, damaged, incomplete, unreadable, unwritable folder, a
reportlab whose fonts can no longer be stored so) means the entry is deleted and the
face is parsed as before (and stored afresh).

Entries are pickles, read only from the user's own cache folder, and even so the
unpickler is restricted: it builds only reportlab's TrueType classes and a few plain
builtins, so an entry that names anything else (``os.system`` from a ``__reduce__``,
say) is refused, never run. A loaded entry must also carry every attribute a report
needs (``REQUIRED_FACE``) before it is used.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import sys
import tempfile
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reportlab import Version as REPORTLAB_VERSION
from reportlab.pdfbase.ttfonts import TTFont

from wellbeing_desktop import paths

FORMAT = 1


def load_font(name: str, path: Path) -> TTFont:
    """The face in ``path`` as a reportlab font called ``name``: from the cache when it
    holds this very file, else parsed (and stored for next time). Raises what
    ``TTFont`` raises for a missing or damaged file."""
    data = path.read_bytes()
    entry = cache_entry(path, data)
    font = _cached(entry, name, path, data)
    if font is None:
        font = TTFont(name, str(path))
        _store(font, entry, data)
    return font


def cache_entry(path: Path, data: bytes) -> Path:
    digest = hashlib.sha256(data).hexdigest()[:32]
    python = "{}{}".format(*sys.version_info[:2])
    return (
        paths.cache_dir()
        / "fonts"
        / f"{path.stem}-{digest}-rl{REPORTLAB_VERSION}-py{python}-{FORMAT}.pickle"
    )


def _scale(units_per_em: int) -> Callable[[float], float]:
    """Font units to thousandths of an em, as reportlab's parser makes it."""
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


class _Pickler(pickle.Pickler):
    """Leaves out, by name, what is not stored: the file's bytes, the per-document
    state, the scaling function (anything else that cannot be pickled fails)."""

    def __init__(self, file: io.BytesIO, font: TTFont, data: bytes) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._left_out = {
            id(data): ("ttf_data",),
            id(font.state): ("state",),
            id(font.face._pdfScale): ("scale", font.face.unitsPerEm),
        }

    def persistent_id(self, obj: Any) -> Any:
        return self._left_out.get(id(obj))


# What an entry may build: reportlab's parsed-font classes, nothing else.
ALLOWED_GLOBALS = frozenset(
    {
        ("reportlab.pdfbase.ttfonts", "TTFont"),
        ("reportlab.pdfbase.ttfonts", "TTFontFace"),
        ("reportlab.pdfbase.ttfonts", "TTEncoding"),
        ("reportlab.pdfbase.ttfonts", "TTFNameBytes"),
    }
)
# What a loaded face must carry for reports to measure and embed text.
REQUIRED_FACE = (
    "charWidths",
    "charToGlyph",
    "hmetrics",
    "bbox",
    "ascent",
    "descent",
    "flags",
    "defaultWidth",
    "unitsPerEm",
    "name",
    "italicAngle",
    "stemV",
    "capHeight",
    "numGlyphs",
)


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in ALLOWED_GLOBALS:
            raise pickle.UnpicklingError(f"an entry may not build {module}.{name}")
        return super().find_class(module, name)

    def __init__(self, file: io.BufferedReader, data: bytes) -> None:
        super().__init__(file)
        self._data = data

    def persistent_load(self, pid: Any) -> Any:
        if pid == ("ttf_data",):
            return self._data
        if pid == ("state",):
            return weakref.WeakKeyDictionary()
        if isinstance(pid, tuple) and len(pid) == 2 and pid[0] == "scale":
            return _scale(int(pid[1]))
        raise pickle.UnpicklingError("not an entry of this cache")


def _complete(font: object, data: bytes) -> bool:
    """Whether an unpickled entry is a whole face of this very file."""
    face = getattr(font, "face", None)
    if not isinstance(font, TTFont) or face is None:
        return False
    if getattr(face, "_ttf_data", None) is not data:
        return False
    if not all(hasattr(face, attribute) for attribute in REQUIRED_FACE):
        return False
    return (
        isinstance(face.charWidths, dict)
        and isinstance(face.charToGlyph, dict)
        and bool(face.charToGlyph)
        and callable(getattr(face, "_pdfScale", None))
        and hasattr(font, "encoding")
        and hasattr(font, "state")
    )


def _discard(entry: Path) -> None:
    with contextlib.suppress(OSError):
        entry.unlink(missing_ok=True)


def _cached(entry: Path, name: str, path: Path, data: bytes) -> TTFont | None:
    if not entry.is_file():
        return None
    try:
        with entry.open("rb") as file:
            font = _Unpickler(file, data).load()
        if not _complete(font, data):
            _discard(entry)
            return None
        font.fontName = name
        font.face.filename = str(path)
        # Measure once, as every report will: an entry that cannot is no use.
        font.stringWidth("Aa", 10)
    except Exception:  # a shortcut only: whatever went wrong, parse the file instead
        _discard(entry)
        return None
    return font


def _store(font: TTFont, entry: Path, data: bytes) -> None:
    """Write the freshly parsed ``font`` to the cache, atomically; never fails."""
    try:
        if font.face._ttf_data != data:
            return  # the file changed between reading and parsing
        scale = _scale(font.face.unitsPerEm)
        if any(scale(x) != font.face._pdfScale(x) for x in (1, 7, 333, 2048)):
            return  # reportlab scales differently now: this cannot rebuild it
        buffer = io.BytesIO()
        _Pickler(buffer, font, font.face._ttf_data).dump(font)
        entry.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(buffer.getvalue())
            os.replace(temporary, entry)
        except BaseException:
            os.unlink(temporary)
            raise
    except Exception:
        pass  # no cache this time; the next run tries again
