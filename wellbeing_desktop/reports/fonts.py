"""The reports' typefaces, shipped in ``resources/fonts`` and embedded in every PDF, so
names in Irish, Welsh, Polish, Greek, Chinese and other scripts print as written and
no report relies on the printer's or viewer's standard fonts.

DejaVu Sans sets all text. Characters it lacks (Chinese and Japanese among them) are
set in Droid Sans Fallback: :func:`runs` splits text into pieces by the font that has
them. Characters neither font has (Devanagari, Bengali, Gurmukhi, Hangul among them)
would print as nothing, so a name could vanish from a list of staff: they are printed
as the replacement character "�" instead, and the report says so (:func:`replaced`;
see ``template.ReportCanvas``). The fallback is large, so it is loaded only when first
needed; so is the oblique face, which only continuation headers and "no data" notes
use (:func:`use` loads a face before it is drawn with directly).

Registration parses TrueType files (about 10 ms a face; kept parsed between runs by
:mod:`~wellbeing_desktop.reports.font_cache`), so it happens once per process, under
a lock: reports may be drawn on a worker thread.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from wellbeing_desktop import paths
from wellbeing_desktop.errors import WellbeingError

REGULAR = "WDSans"
BOLD = "WDSans-Bold"
ITALIC = "WDSans-Oblique"
FALLBACK = "WDSansFallback"
FAMILY = REGULAR

_FILES = {
    REGULAR: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    FALLBACK: "DroidSansFallbackFull.ttf",
}
_lock = threading.Lock()
_registered: set[str] = set()
_ready = False
_cmaps: dict[str, dict[int, int]] = {}
_widths: dict[str, tuple[dict[str, float], float]] = {}


def fonts_dir() -> Path:
    return paths.resources_dir() / "fonts"


def _register(name: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from wellbeing_desktop.reports.font_cache import load_font

    path = fonts_dir() / _FILES[name]
    try:
        font = load_font(name, path)
    except (OSError, TTFError):
        raise WellbeingError(
            f"The report font {path.name} in {path.parent} is missing or damaged: "
            "reinstall the app."
        ) from None
    pdfmetrics.registerFont(font)
    _cmaps[name] = font.face.charToGlyph
    _widths[name] = (
        {chr(code): width for code, width in font.face.charWidths.items()},
        font.face.defaultWidth,
    )
    _registered.add(name)


def register_fonts() -> None:
    """Make the report fonts known to reportlab (once; later calls return at once)."""
    global _ready
    if _ready:
        return
    with _lock:
        if _ready:
            return
        from reportlab.lib.fonts import addMapping

        for name in (REGULAR, BOLD):
            if name not in _registered:  # `runs` may have loaded the regular face first
                _register(name)
        # Paragraph markup (<b>, <i>) picks faces through the family mapping, which
        # registering a font resets: so map after registering. There is no bold
        # oblique face: bold stands in for it.
        addMapping(FAMILY, 1, 1, BOLD)
        for bold, italic, face in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, ITALIC)):
            addMapping(FAMILY, bold, italic, face)
        _ready = True


def use(name: str) -> str:
    """``name``, its face registered first if it was not yet (the oblique face and the
    fallback are loaded when first used: parsing each takes milliseconds)."""
    if name not in _registered:
        with _lock:
            if name not in _registered:
                _register(name)
    return name


_runs: dict[tuple[str, str], Sequence[tuple[str, str]]] = {}
REPLACEMENT = "\ufffd"  # "�", in all three DejaVu faces


class _Replaced(tuple[tuple[str, str], ...]):
    """Pieces of a text in which characters no report font has were replaced."""


_state = threading.local()  # per thread: reports may be drawn on a worker thread


def replaced() -> bool:
    """Whether text with characters no report font has was set on this thread since
    :func:`forget_replaced` (it was printed with "�" in their place)."""
    return getattr(_state, "replaced", False)


def forget_replaced() -> None:
    """Start afresh: called when a report begins."""
    _state.replaced = False


def report_built() -> None:
    """A report is built (or failed): :func:`last_report_replaced` says whether it had
    characters printed as "�", and the next report starts afresh."""
    _state.last_report = replaced()
    _state.replaced = False


def last_report_replaced() -> bool:
    """Whether the last report built on this thread printed characters as "�"."""
    return getattr(_state, "last_report", False)


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities, for reportlab's paragraph markup. (As
    ``xml.sax.saxutils.escape``, which would import ``urllib`` and ``http.client``:
    a sixth of the command line's own import time.)"""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def runs(text: str, font_name: str) -> Sequence[tuple[str, str]]:
    """``text`` as (font, piece) pairs: pieces the font lacks go to the fallback font;
    characters neither font has are "�" in the report font's pieces (and
    :func:`replaced` says so)."""
    if font_name not in _registered:
        use(font_name)
    if text.isascii():
        return ((font_name, text),)
    key = (font_name, text)
    found = _runs.get(key)
    if found is None:
        if len(_runs) > 100_000:
            _runs.clear()
        found = _runs[key] = _split(text, font_name)
    if found.__class__ is _Replaced:
        _state.replaced = True
    return found


def _split(text: str, font_name: str) -> Sequence[tuple[str, str]]:
    cmap = _cmaps[font_name]
    if set(map(ord, text)) <= cmap.keys():  # (difference() would copy the whole cmap)
        return ((font_name, text),)
    use(FALLBACK)
    fallback = _cmaps[FALLBACK]
    pieces: list[tuple[str, str]] = []
    lost = False
    for ch in text:
        code = ord(ch)
        if code in cmap or ch.isspace():
            font = font_name
        elif code in fallback:
            font = FALLBACK
        else:
            # In no report font: "�" once per character, its combining marks (the
            # vowel signs of Devanagari, say) folded into it.
            if lost and pieces[-1][1][-1] == REPLACEMENT and unicodedata.category(ch)[0] == "M":
                continue
            font, ch, lost = font_name, REPLACEMENT, True
        if pieces and pieces[-1][0] == font:
            pieces[-1] = (font, pieces[-1][1] + ch)
        else:
            pieces.append((font, ch))
    return _Replaced(pieces) if lost else pieces


def string_width(text: str, font_name: str, size: float) -> float:
    """The width of ``text`` in points, fallback pieces included."""
    total = 0.0
    for font, piece in runs(text, font_name):
        widths, default = _widths[font]
        try:
            total += sum(map(widths.__getitem__, piece))
        except KeyError:
            total += sum(widths.get(ch, default) for ch in piece)
    return total * size / 1000


def markup(text: str) -> str:
    """``text`` escaped for a reportlab paragraph, with pieces the report font lacks
    wrapped in the fallback font, characters neither has as "�", and line breaks
    kept."""
    pieces = runs(text, REGULAR)
    if len(pieces) == 1 and pieces[0][0] != FALLBACK:  # (text wholly in the fallback: below)
        return escape(pieces[0][1]).replace("\n", "<br/>")  # ("�"s in it, if any)
    out = []
    for font, piece in pieces:
        escaped = escape(piece).replace("\n", "<br/>")
        out.append(f'<font name="{FALLBACK}">{escaped}</font>' if font == FALLBACK else escaped)
    return "".join(out)


def draw_string(
    canvas: object, x: float, y: float, text: str, font_name: str, size: float, align: str = "left"
) -> None:
    """Draw one line on a reportlab canvas, using the fallback font where needed."""
    pieces = runs(text, font_name)
    if align != "left":
        width = string_width(text, font_name, size)
        x -= width if align == "right" else width / 2
    for font, piece in pieces:
        canvas.setFont(font, size)  # type: ignore[attr-defined]
        canvas.drawString(x, y, piece)  # type: ignore[attr-defined]
        x += string_width(piece, font, size)
