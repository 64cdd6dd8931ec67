"""Parsed report faces kept between runs, so a report from the command line does not
parse the same TrueType tables every time (about 10 ms a face; the parsed face loads
from the cache in a third of that).

An entry is reportlab's ``TTFont`` as parsed, pickled without the font file's bytes
(read again from the file itself) and without what belongs to one process (the
per-document state, the scaling function). It is named by the SHA-256 of the font
file and the versions of reportlab, Python and this format, so a changed font or a
new reportlab never meets an old entry. The cache is only a shortcut: anything wrong
with an entry (missing, damaged, unreadable, unwritable folder, a reportlab whose
fonts can no longer be stored so) means the face is parsed as before. Entries are
pickles, so they are only read from the user's own cache folder, as trusted as the
database beside it.
"""

from __future__ import annotations

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


class _Unpickler(pickle.Unpickler):
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


def _cached(entry: Path, name: str, path: Path, data: bytes) -> TTFont | None:
    try:
        with entry.open("rb") as file:
            font = _Unpickler(file, data).load()
        if not isinstance(font, TTFont) or font.face._ttf_data is not data:
            return None
    except Exception:  # a shortcut only: whatever went wrong, parse the file instead
        return None
    font.fontName = name
    font.face.filename = str(path)
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
