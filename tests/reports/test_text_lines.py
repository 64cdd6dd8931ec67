"""The template's cheap text lines (team headings and facts in the organisation
report): too long for the line, they wrap at spaces, nothing lost, inside the frame,
and carry on over a page break. Read back from real PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.platypus import Spacer

from tests.reports.conftest import assert_well_formed, page_texts, positioned, requires_tools
from wellbeing_desktop.reports import fonts, template
from wellbeing_desktop.reports.template import ReportSetup, TextLine

pytestmark = requires_tools

FACTS = (
    "Manager: Siobhán Ní Bhriain  ·  17 people  ·  14.6 FTE  ·  ✕ 3 over  ▲ 8 approaching  "
    "✓ 5 within  ? 1 not recorded  ·  cases / safe limit of those with a record in the "
    "last 3 months 291 / 332.5 (88% in use); 1 person with no caseload record in the last "
    "3 months left out (safe limit 20)  ·  Łódź 张伟"
)
SETUP = ReportSetup(title="Text lines", scope="A test", subject="Wrapping", wide=True)


def _write(tmp_path: Path, story: list[object]) -> Path:
    out = tmp_path / "lines.pdf"
    out.write_bytes(template.build_pdf(SETUP, story))  # type: ignore[arg-type]
    assert_well_formed(out)
    return out


def test_wrap_line_keeps_the_spacing_written_and_breaks_only_at_spaces() -> None:
    fonts.register_fonts()
    width = 120.0
    lines = template.wrap_line(FACTS, fonts.REGULAR, 9, width)
    assert len(lines) > 3
    assert all(fonts.string_width(line, fonts.REGULAR, 9) <= width for line in lines)
    assert all(line == line.strip() for line in lines)
    assert "✕ 3 over  ▲ 8 approaching" in " ".join(lines)  # the double spaces kept
    assert " ".join(" ".join(lines).split()) == " ".join(FACTS.split())  # nothing lost


def test_a_word_wider_than_the_line_is_broken_between_characters() -> None:
    fonts.register_fonts()
    word = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch"
    lines = template.wrap_line(f"At {word} station", fonts.REGULAR, 9, 80)
    assert len(lines) >= 3
    assert "".join(lines).replace(" ", "") == f"At{word}station"
    assert all(fonts.string_width(line, fonts.REGULAR, 9) <= 80 for line in lines)


def test_a_long_facts_line_wraps_inside_the_frame_with_every_word(tmp_path: Path) -> None:
    out = _write(tmp_path, [TextLine("A team", "h2"), TextLine(FACTS, "facts")])
    text = page_texts(out)[0]
    assert " ".join(FACTS.split()) in " ".join(text.split())
    found = positioned(out, 0)
    rows = sorted({round(y) for _x, y, t in found if "Manager" in t or "months" in t})
    assert len(rows) >= 2, "the facts line should have wrapped"
    page_width = 841.9
    right_edge = page_width - template.MARGIN
    for x, _y, piece in found:
        if piece in FACTS:
            width = fonts.string_width(piece, fonts.REGULAR, 9)
            assert x + width <= right_edge + 0.5, piece


def test_a_wrapped_line_at_the_foot_of_a_page_carries_on_over_the_page(
    tmp_path: Path,
) -> None:
    words = " ".join(f"word{number:03d}" for number in range(160))  # several lines
    probe = TextLine(words, "facts")
    frame_width = 841.9 - 2 * template.MARGIN - 12
    _w, height = probe.wrap(frame_width, 1000)
    assert height >= 3 * probe.style.leading
    # Fill the first page but for two and a half lines of room.
    frame_height = (
        595.3
        - 2 * template.MARGIN
        - template.HEADER_HEIGHT
        - template.FOOTER_HEIGHT
        - 2 * template.GAP
        - 12  # the frame's padding
    )
    room = 2.5 * probe.style.leading + probe.style.spaceBefore
    filler = Spacer(1, frame_height - room)
    out = _write(tmp_path, [filler, TextLine(words, "facts"), TextLine("After", "body")])
    texts = page_texts(out)
    assert len(texts) == 2
    first = " ".join(texts[0].split())
    second = " ".join(texts[1].split())
    assert "word000" in first and "word159" in second
    assert " ".join(t for t in (first + " " + second).split() if t.startswith("word")) == words
    assert "After" in second


@pytest.mark.parametrize("style", ["h2", "facts"])
def test_a_short_line_is_one_line_high(style: str) -> None:
    line = TextLine("Short", style)
    _w, height = line.wrap(500, 500)
    assert height == line.style.leading
