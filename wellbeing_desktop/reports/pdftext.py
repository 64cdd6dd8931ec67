"""Text straight to PDF operators, for the parts of a report drawn thousands of times.

reportlab's canvas text calls re-encode every string through its general text
object; a large report draws hundreds of thousands of strings, mostly repeats
(numbers, dates, statuses, role names). Here each distinct string is encoded once
per document (TrueType fonts are subset per document) and the operators reused.
Text is written as hex strings, so nothing needs escaping, and characters the
report font lacks go to the fallback font (see ``fonts.runs``).
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas

from wellbeing_desktop.reports import fonts

_widths: dict[str, dict[str, float]] = {}  # font -> text -> width at 1000 points
_font_objects: dict[str, Any] = {}


def reset_caches() -> None:
    """Forget measured widths (each report starts afresh, so timings stay honest)."""
    _widths.clear()


def widths_for(font_name: str) -> dict[str, float]:
    """The cache of measured widths (at 1000 points) for a font: read it directly in a
    hot loop, and call :func:`text_width` for what is not there yet."""
    return _widths.setdefault(font_name, {})


def text_width(text: str, font_name: str, size: float) -> float:
    """Width in points, cached within a report."""
    widths = _widths.get(font_name)
    if widths is None:
        widths = _widths.setdefault(font_name, {})
    found = widths.get(text)
    if found is None:
        found = widths[text] = fonts.string_width(text, font_name, 1000)
    return found * size / 1000


def _font(name: str) -> Any:
    found = _font_objects.get(name)
    if found is None:
        found = _font_objects[name] = getFont(name)
    return found


def encoded(canvas: Canvas, font_name: str, size: float, text: str) -> str:
    """Operators that select the font(s) and show ``text`` at the current position."""
    cache: dict[tuple[Any, ...], str] = canvas.__dict__.setdefault("_encoded_text", {})
    key = (font_name, size, text)
    found = cache.get(key)
    if found is None and text and text.isascii() and text.isprintable():
        # Printable ASCII is in the font's first subset under its own codes (reportlab's
        # "ASCII readable" subsets): the codes are the text's bytes.
        select = _ascii_select(canvas, font_name, size)
        if select is not None:
            found = cache[key] = f"{select} <{text.encode().hex()}> Tj"
    if found is None:
        doc = canvas._doc
        shown: list[str] = []
        for face, piece in fonts.runs(text, font_name):
            font = _font(face)
            shown.extend(
                f"{font.getSubsetInternalName(subset, doc)} {size} Tf <{chunk.hex()}> Tj"
                for subset, chunk in _split_string(font, piece, doc)
            )
        found = cache[key] = " ".join(shown)
    return found


def _ascii_select(canvas: Canvas, font_name: str, size: float) -> str | None:
    """The operator selecting the font's first subset at ``size``, if printable ASCII
    is there under its own codes in this document (else None: encode as usual)."""
    known: dict[tuple[str, float], str | None] = canvas.__dict__.setdefault("_ascii_select", {})
    key = (font_name, size)
    if key not in known:
        fonts.runs(" ", font_name)  # registered (and loaded) on first use
        font = _font(font_name)
        doc = canvas._doc
        _split_string(font, " ", doc)  # the document's subsets set up as reportlab does
        state = font.state.get(doc)
        readable = state is not None and all(
            state.assignments.get(code) == code for code in range(32, 127)
        )
        known[key] = f"{font.getSubsetInternalName(0, doc)} {size} Tf" if readable else None
    return known[key]


def _split_string(font: Any, text: str, doc: Any) -> list[tuple[int, bytes]]:
    """``font.splitString(text, doc)``: the text as (subset, codes) pieces of the
    document's font subsets. Most text uses only characters the document has met
    already, in its first subset (ASCII is there from the start): that is read
    straight from the font's assignments; anything else goes through reportlab,
    which assigns new characters their codes."""
    state = font.state.get(doc)
    if state is not None:
        try:
            codes = [state.assignments[code] for code in map(ord, text)]
        except KeyError:
            pass
        else:
            if codes and max(codes) < 256:
                return [(0, bytes(codes))]
    return font.splitString(text, doc)  # type: ignore[no-any-return]


def draw_text(
    canvas: Canvas,
    x: float,
    y: float,
    text: str,
    font_name: str,
    size: float,
    *,
    align: str = "left",
    colour: str = "0 g",
) -> None:
    """One line of text at (x, y) in the current coordinates; ``colour`` is a PDF fill
    operator such as ``"0 g"`` or ``"0.12 0.23 0.34 rg"``."""
    if not text:
        return
    if align != "left":
        width = text_width(text, font_name, size)
        x -= width if align == "right" else width / 2
    canvas.addLiteral(
        f"q BT {colour} 1 0 0 1 {x:.2f} {y:.2f} Tm {encoded(canvas, font_name, size, text)} ET Q"
    )


def fill_operator(colour: Any) -> str:
    """The PDF fill-colour operator for a reportlab colour."""
    red, green, blue = colour.red, colour.green, colour.blue
    if red == green == blue:
        return f"{red:.3f} g"
    return f"{red:.3f} {green:.3f} {blue:.3f} rg"
