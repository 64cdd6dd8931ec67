"""The report's own text encoding gives exactly what reportlab's would: the same font
subsets and codes, step by step through a document, whatever the characters."""

from __future__ import annotations

import io
import random

from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfbase.pdfmetrics import getFont

from wellbeing_desktop.reports import fonts, pdftext


def _texts() -> list[str]:
    chosen = random.Random(5)
    letters = (
        "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789 -/()&'·–−"
        "áéíóúÁÉÍÓÚàèìòùâêîôûäëïöüÿçñøåæœßłŁśŚźżŻćĆńŃęąŵŷȘșȚțğşıİ✓✕▲€£\u00a0"
        "ĀāĒēĪīŌōŪūǖǘǚǜĂăĔĕĞğĬĭŎŏŬŭ"
        "ЖжЗзИиЙйКкЛлМмНнОоПпРрСсТтУуФфХхЦцЧчШшЩщЪъЫыЬьЭэЮюЯя"
        "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩαβγδεζηθικλμνξοπρστυφχψω"
    )
    texts = ["", "Within limit", "Seán Ó Ceallaigh", "Llŷr", "a\u00a0b", "12/11/2026"]
    for _ in range(400):
        texts.append("".join(chosen.choice(letters) for _ in range(chosen.randint(1, 30))))
    return texts


def test_encoding_matches_reportlab_through_a_document() -> None:
    fonts.register_fonts()
    for face in (fonts.REGULAR, fonts.BOLD):
        font = getFont(face)
        ours, theirs = PDFDocument(), PDFDocument()
        for text in _texts():
            expected = font.splitString(text, theirs)
            assert pdftext._split_string(font, text, ours) == expected, text
        # Both documents ended with the same subsets: nothing assigned differently.
        assert font.state[ours].subsets == font.state[theirs].subsets
        assert len(font.state[ours].subsets) > 1  # the test went past the first subset


def test_ascii_text_is_shown_with_the_codes_reportlab_would_use() -> None:
    """The quick way for printable ASCII gives the operators of the usual way."""
    from reportlab.pdfgen.canvas import Canvas

    fonts.register_fonts()
    quick, usual = Canvas(io.BytesIO()), Canvas(io.BytesIO())
    for text in ["Within limit", "12/11/2026", "Shanice O'Brien (old)", "~{}|", "", "a\\tb"]:
        for face in (fonts.REGULAR, fonts.BOLD):
            expected = " ".join(
                f"{getFont(face).getSubsetInternalName(subset, usual._doc)} 7.8 Tf "
                f"<{chunk.hex()}> Tj"
                for subset, chunk in getFont(face).splitString(text, usual._doc)
            )
            assert pdftext.encoded(quick, face, 7.8, text) == expected, text
