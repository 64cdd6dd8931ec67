"""The template's cheap text lines (team headings and facts in the organisation
report): too long for the line, they wrap at spaces, nothing lost, inside the frame,
and carry on over a page break. Read back from real PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.platypus import PageBreak, Spacer

from tests.reports.conftest import assert_well_formed, page_texts, positioned, requires_tools
from wellbeing_desktop.reports import fonts, template
from wellbeing_desktop.reports.template import ReportSetup, SectionEnd, SectionMark, TextLine

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


def _running_titles(out: Path) -> list[str]:
    """The text at the top right of each page, under the marking (the running title)."""
    titles = []
    for page in range(len(page_texts(out))):
        found = positioned(out, page)
        line = 595.3 - template.MARGIN - 25  # where the template draws it
        titles.append(" ".join(t for x, y, t in found if abs(y - line) < 2 and x > 400))
    return titles


def test_the_running_title_names_the_section_at_the_top_of_the_page(tmp_path: Path) -> None:
    frame_height = (
        595.3 - 2 * template.MARGIN - template.HEADER_HEIGHT - template.FOOTER_HEIGHT
    ) - 2 * template.GAP
    story = [
        TextLine("Opening page", "h2"),
        PageBreak(),
        # Page 2: "Alpha" opens at the top; "Beta" opens half way down and runs on.
        SectionMark("alpha", "Alpha team"),
        TextLine("Alpha team", "h2"),
        Spacer(1, frame_height / 2),
        SectionMark("beta", "Beta team"),
        TextLine("Beta team", "h2"),
        Spacer(1, frame_height * 0.45),
        TextLine("Beta's last line", "body"),
        TextLine("Beta's line on page 3", "body"),
        Spacer(1, frame_height * 0.4),
        # Page 3 goes on with Beta; "Gamma" opens lower down and runs on to page 4.
        SectionMark("gamma", "Gamma team"),
        TextLine("Gamma team", "h2"),
        Spacer(1, frame_height * 0.55),
        TextLine("Gamma's line on page 4", "body"),
        SectionEnd(),
        PageBreak(),
        TextLine("After every section", "body"),
    ]
    out = _write(tmp_path, story)
    texts = page_texts(out)
    assert len(texts) == 5
    assert "Beta's line on page 3" in texts[2] and "Gamma's line on page 4" in texts[3]
    assert _running_titles(out) == [
        "",
        "Alpha team",  # not Beta, which opens lower down the page
        "Beta team (continued)",
        "Gamma team (continued)",
        "",
    ]


def test_a_wrapped_cell_sits_in_its_column_line_under_line(tmp_path: Path) -> None:
    """A row with a wrapped cell: the cell's lines one under another at its column,
    the row's other cells on its first line, and the text read cell by cell."""
    from wellbeing_desktop.reports.table import LEADING, Column, Row, RowTable

    columns = [Column("Name", 80), Column("Role", 90), Column("Cases", 40, "right")]
    rows = [
        Row(("Ann Short", "Support worker", "12")),
        Row(("Bea Long", "Drug and alcohol keyworker / recovery worker", "30")),
        Row(("Cal After", "Peer support worker", "7")),
    ]
    out = _write(tmp_path, [RowTable(columns, rows)])
    found = positioned(out, 0)

    def at(piece: str) -> tuple[float, float]:
        return next((x, y) for x, y, t in found if t == piece)

    _x, first_y = at("Bea Long")
    role_x, _y = at("Drug and alcohol")
    role_lines = sorted(
        ((x, y) for x, y, _t in found if abs(x - role_x) < 1 and y <= first_y + 0.01),
        key=lambda item: -item[1],
    )[:3]  # its three lines (then the next row's role)
    assert len(role_lines) == 3
    role_x = role_lines[0][0]
    assert all(abs(x - role_x) < 0.01 for x, _ in role_lines)
    assert [round(first_y - y, 2) for _, y in role_lines] == [
        round(n * LEADING, 2) for n in range(len(role_lines))
    ]
    assert abs(at("30")[1] - first_y) < 0.01  # the next column on the first line
    assert at("Cal After")[1] < role_lines[-1][1] - LEADING / 2  # the next row below it
    text = " ".join(page_texts(out)[0].split())
    assert "Bea Long Drug and alcohol keyworker / recovery worker 30 Cal After" in text


def test_a_line_break_starts_a_new_line(tmp_path: Path) -> None:
    line = TextLine("Manager: Ann  ·  3 people\nCases / safe limit 20 / 40 (50% in use)", "facts")
    _w, height = line.wrap(700, 500)
    assert height == 2 * line.style.leading
    out = _write(tmp_path, [line])
    found = positioned(out, 0)
    first = next(y for _x, y, t in found if t.startswith("Manager: Ann"))
    second = next(y for _x, y, t in found if t.startswith("Cases / safe limit"))
    assert round(first - second, 2) == line.style.leading


def test_a_long_running_title_is_made_to_fit_beside_the_subtitle(tmp_path: Path) -> None:
    """A section name too long for the header is set smaller, then cut short with "…"
    (its heading in the body is whole), and never runs over the subtitle or off the
    page."""
    name = "North and West " * 12 + "Integrated Recovery Team"
    frame_height = (
        595.3 - 2 * template.MARGIN - template.HEADER_HEIGHT - template.FOOTER_HEIGHT
    ) - 2 * template.GAP
    story = [
        SectionMark("long", name),
        TextLine(name, "h2"),
        Spacer(1, frame_height * 0.9),
        TextLine("The section goes on", "body"),
    ]
    out = _write(tmp_path, story)
    assert len(page_texts(out)) == 2
    assert name in " ".join(page_texts(out)[0].split())  # the heading, whole
    line = 595.3 - template.MARGIN - 25
    subtitle_end = template.MARGIN + fonts.string_width(SETUP.scope, fonts.REGULAR, 9.5)
    for page in (0, 1):
        shown = [(x, t) for x, y, t in positioned(out, page) if abs(y - line) < 2 and x > 60]
        assert len(shown) == 1
        x, title = shown[0]
        assert x > subtitle_end + 12  # clear of the subtitle, inside the page
        assert "…" in title
    assert title.endswith("… (continued)")
    assert template.fit_running_title("Short Team (continued)", 300) == (
        template.RUNNING_SIZE,
        "Short Team (continued)",
    )


def test_no_break_spaces_keep_a_count_with_its_words() -> None:
    fonts.register_fonts()
    text = "Manager: Ann  ·  ✕\u00a051\u00a0over  ▲\u00a025\u00a0approaching"
    width = fonts.string_width("Manager: Ann  ·  ✕\u00a051", fonts.REGULAR, 9) + 1
    lines = template.wrap_line(text, fonts.REGULAR, 9, width)
    assert "✕\u00a051\u00a0over" in lines
    assert all("\u00a0" not in (line[0], line[-1]) for line in lines)


def test_a_cell_of_many_lines_is_drawn_whole(tmp_path: Path) -> None:
    """A name that never fits (a whole column wraps onto as many lines as it needs)."""
    from wellbeing_desktop.reports.table import LEADING, Column, Row, RowTable

    words = [f"Part{n:02d}" for n in range(24)]
    columns = [Column("Name", 40, whole=True), Column("Cases", 40, "right")]
    out = _write(tmp_path, [RowTable(columns, [Row((" ".join(words), "7"))])])
    found = [(x, y, t) for x, y, t in positioned(out, 0) if t.startswith("Part")]
    assert [t for _x, _y, t in found] == words
    tops = [y for _x, y, _t in found]
    assert [round(tops[0] - y, 2) for y in tops] == [round(n * LEADING, 2) for n in range(24)]


def test_a_running_title_sits_beside_a_wrapped_subtitles_last_line(tmp_path: Path) -> None:
    scope = "Forest Harm Reduction and Outreach Team, " * 5 + "Valley Team"
    setup = ReportSetup(title="Text lines", scope=scope, subject="Wrapping", wide=True)
    story = [
        SectionMark("north", "North Recovery Service"),
        TextLine("North Recovery Service", "h2"),
        PageBreak(),
        TextLine("It goes on", "body"),
    ]
    out = tmp_path / "scope.pdf"
    out.write_bytes(template.build_pdf(setup, story))
    assert_well_formed(out)
    found = positioned(out, 1)
    title = next((x, y) for x, y, t in found if t == "North Recovery Service (continued)")
    size, lines = template.scope_lines(scope, 841.9 - 2 * template.MARGIN - 100)
    assert len(lines) >= 2
    last = next((x, y) for x, y, t in found if t == lines[-1] or t.startswith(lines[-1]))
    assert abs(title[1] - last[1]) < 0.5  # on the subtitle's last line
    end_of_last = last[0] + fonts.string_width(lines[-1], fonts.REGULAR, size)
    assert title[0] > end_of_last + 12
    end = title[0] + fonts.string_width(
        "North Recovery Service (continued)", fonts.REGULAR, template.RUNNING_SIZE
    )
    assert end <= 841.9 - template.MARGIN + 0.5
