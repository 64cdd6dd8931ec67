"""Parsed faces kept between runs: the same PDF from a cached face as from a parsed one,
and a cache that is only ever a shortcut (damaged or unwritable: the face is parsed)."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader
from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from wellbeing_desktop.reports.font_cache import cache_entry, load_font
from wellbeing_desktop.reports.fonts import fonts_dir

TEXT = "Siobhán Ní Bhriain · Łukasz Wróbel · Llŷr ap Gwilym · Ξανθή ✕ ▲ ✓"
REGULAR = fonts_dir() / "DejaVuSans.ttf"
BOLD = fonts_dir() / "DejaVuSans-Bold.ttf"


@pytest.fixture
def invariant() -> Iterator[None]:
    """reportlab's reproducible output (fixed dates and document id)."""
    before = rl_config.invariant
    rl_config.invariant = 1
    yield
    rl_config.invariant = before


def _pdf(font: TTFont) -> bytes:
    pdfmetrics.registerFont(font)
    try:
        out = io.BytesIO()
        canvas = Canvas(out)
        canvas.setFont(font.fontName, 12)
        canvas.drawString(72, 720, TEXT)
        canvas.drawRightString(500, 700, TEXT)
        canvas.showPage()
        canvas.save()
        return out.getvalue()
    finally:
        font.unregister()


def _entry(path: Path) -> Path:
    return cache_entry(path, path.read_bytes())


def test_a_cached_face_draws_what_a_parsed_one_draws(invariant: None) -> None:
    parsed = TTFont("CacheTest", str(REGULAR))
    first = load_font("CacheTest", REGULAR)  # parsed, and stored
    assert _entry(REGULAR).is_file()
    cached = load_font("CacheTest", REGULAR)
    assert cached is not first and cached.face.filename == str(REGULAR)
    for attribute in ("charWidths", "charToGlyph", "hmetrics", "bbox", "ascent", "flags"):
        assert getattr(cached.face, attribute) == getattr(parsed.face, attribute), attribute
    assert cached.stringWidth(TEXT, 10) == parsed.stringWidth(TEXT, 10)
    expected = _pdf(parsed)
    assert _pdf(cached) == expected
    text = PdfReader(io.BytesIO(expected)).pages[0].extract_text()
    assert "Siobhán Ní Bhriain" in text and "Ξανθή" in text


def test_an_entry_is_found_by_the_font_files_contents(tmp_path: Path) -> None:
    load_font("CacheTest", BOLD)
    # The bold face's entry put where the regular face's would be: it is what comes
    # back for the regular file, so the file was not parsed.
    _entry(REGULAR).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(_entry(BOLD), _entry(REGULAR))
    font = load_font("CacheTest", REGULAR)
    assert font.face.charWidths == TTFont("Bold", str(BOLD)).face.charWidths
    copy = tmp_path / "Renamed.ttf"
    shutil.copy(REGULAR, copy)
    assert _entry(copy).name.split("-")[1] == _entry(REGULAR).name.split("-")[1]
    assert _entry(REGULAR) != _entry(BOLD)


@pytest.mark.parametrize(
    "damage", [b"", b"not a pickle", b"\x80\x05K\x01.", b"\x80\x05\x95\x10\x00\x00"]
)
def test_a_damaged_entry_means_the_face_is_parsed_and_stored_again(damage: bytes) -> None:
    entry = _entry(REGULAR)
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_bytes(damage)
    font = load_font("CacheTest", REGULAR)
    assert font.face.charWidths == TTFont("Parsed", str(REGULAR)).face.charWidths
    assert entry.read_bytes() != damage
    assert load_font("CacheTest", REGULAR).face.charToGlyph == font.face.charToGlyph


def test_no_cache_folder_is_no_error(isolated_home: Path) -> None:
    (isolated_home / "cache").write_text("a file where the folder would be", "utf-8")
    font = load_font("CacheTest", REGULAR)
    assert font.face.charWidths == TTFont("Parsed", str(REGULAR)).face.charWidths
    assert not list(isolated_home.glob("*.tmp"))


def test_a_missing_font_file_raises_as_reportlab_would(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        load_font("CacheTest", tmp_path / "missing.ttf")


def test_an_incomplete_entry_is_deleted_and_the_face_parsed_again() -> None:
    # An entry that unpickles but lacks what reports measure with (here the widths):
    # it is not used, it is replaced, and every later report works.
    from wellbeing_desktop.reports import font_cache

    parsed = TTFont("Parsed", str(REGULAR))
    incomplete = TTFont("Incomplete", str(REGULAR))
    del incomplete.face.charWidths
    buffer = io.BytesIO()
    font_cache._Pickler(buffer, incomplete, incomplete.face._ttf_data).dump(incomplete)
    entry = _entry(REGULAR)
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_bytes(buffer.getvalue())
    font = load_font("CacheTest", REGULAR)
    assert font.face.charWidths == parsed.face.charWidths
    assert font.stringWidth(TEXT, 10) == parsed.stringWidth(TEXT, 10)
    again = load_font("CacheTest", REGULAR)  # from the fresh entry
    assert again.face.charWidths == parsed.face.charWidths


class _Hostile:
    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return (os.system, (self.command,))


def test_an_entry_naming_anything_but_reportlabs_fonts_is_refused(tmp_path: Path) -> None:
    import pickle

    marker = tmp_path / "ran"
    entry = _entry(REGULAR)
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_bytes(pickle.dumps(_Hostile(f"touch {marker}")))
    font = load_font("CacheTest", REGULAR)
    assert not marker.exists()
    assert font.face.charWidths == TTFont("Parsed", str(REGULAR)).face.charWidths
    assert b"system" not in entry.read_bytes()  # replaced by a proper entry
