"""The subject access PDF: everything held about one person, readable on paper.

It draws the document ``services/subject_access.py`` gathers, section by section,
on the shared page template. Short fields go in a label/value table; long text
(notes) follows as paragraphs, which can run across pages where a table cell
cannot.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from wellbeing_desktop.reports import fonts, template
from wellbeing_desktop.reports.formatting import printed
from wellbeing_desktop.reports.output import check_target
from wellbeing_desktop.services import audit
from wellbeing_desktop.services.subject_access import (
    Item,
    SubjectAccessDocument,
    gather,
)
from wellbeing_desktop.storage.database import Database

CELL_SIZE = 8.5  # the table cells' font size (template styles "cell" and "cell_bold")
CELL_PADDING = 12  # points: a cell's padding on both sides, with a little room
SHORT = 90  # longer values, or values over several lines, are printed as paragraphs
LABEL_WIDTH = 62 * mm


def _readable(text: str) -> str:
    """The text with control characters (which the PDF cannot show) made visible."""
    return "".join(ch if ch.isprintable() or ch in "\n\t" else "\ufffd" for ch in text)


def _item(item: Item, width: float, level: str = "h3") -> list[Flowable]:
    short = [f for f in item.fields if _is_short(f.text)]
    long = [f for f in item.fields if f not in short]
    flowables: list[Flowable] = []
    heading = template.para(_readable(item.title), level)
    rows = [
        [template.para(f.label, "cell_bold"), template.para(_readable(f.text), "cell")]
        for f in short
    ]
    if rows:
        table = template.table(rows, [LABEL_WIDTH, width - LABEL_WIDTH], header=False)
        flowables.append(KeepTogether([heading, table]))
    else:
        flowables.append(heading)
    for field in long:
        flowables.append(template.para(field.label, "cell_bold"))
        flowables.append(template.para(_readable(field.text)))
    for _key, title, children in item.children:
        if not children:
            flowables.append(template.para(f"{title}: none.", "small"))
            continue
        flowables.append(Spacer(0, 1.5 * mm))
        flowables.append(template.para(title, "cell_bold"))
        if all(_is_short(f.text) for child in children for f in child.fields):
            flowables.append(_compact(children, width))
            continue
        for child in children:
            flowables.extend(_item(child, width, "cell_bold"))
            flowables.append(Spacer(0, 1.5 * mm))
    flowables.append(Spacer(0, 2 * mm))
    return flowables


def _is_short(text: str) -> bool:
    return len(text) <= SHORT and "\n" not in text


def _compact(children: tuple[Item, ...], width: float) -> Flowable:
    """Records with only short fields (complexity levels, most actions) as one table."""
    labels = [f.label for f in children[0].fields]
    rows = [[template.para(label, "cell_bold") for label in labels]] + [
        [template.para(_readable(f.text), "cell") for f in child.fields] for child in children
    ]
    return template.table(rows, _column_widths(labels, children, width))


def _column_widths(labels: list[str], children: tuple[Item, ...], width: float) -> list[float]:
    """Each column as wide as its widest value (and its heading's longest word), so dates
    and numbers never wrap; when that is more than the page has, the widest columns (an
    action's text) share what is left and wrap."""
    fonts.register_fonts()
    needs = [
        CELL_PADDING
        + max(
            *(fonts.string_width(word, fonts.BOLD, CELL_SIZE) for word in label.split()),
            *(
                fonts.string_width(_readable(c.fields[i].text), fonts.REGULAR, CELL_SIZE)
                for c in children
            ),
        )
        for i, label in enumerate(labels)
    ]
    if sum(needs) <= width:
        extra = (width - sum(needs)) / len(needs)
        return [need + extra for need in needs]
    # Give the narrow columns what they need, one at a time from the narrowest, while
    # each needs less than an equal share of what is left; the rest share the remainder.
    widths: dict[int, float] = {}
    left, open_columns = width, sorted(range(len(needs)), key=needs.__getitem__)
    while open_columns and needs[open_columns[0]] <= left / len(open_columns):
        column = open_columns.pop(0)
        widths[column] = needs[column]
        left -= needs[column]
    for column in open_columns:
        widths[column] = left / len(open_columns)
    return [widths[column] for column in range(len(needs))]


def build(document: SubjectAccessDocument, *, printed_at: dt.datetime | None = None) -> bytes:
    """The PDF for a gathered document."""
    setup = template.ReportSetup(
        title="Subject access: information held",
        scope=document.name,
        subject=f"Everything Wellbeing Desktop holds about person {document.staff_id}",
        printed_at=printed_at,
        keywords=("subject access", "personal data"),
    )
    width = A4[0] - 2 * template.MARGIN
    generated = document.generated_at.astimezone()
    story: list[Flowable] = [
        template.para("Information held about this person", "h1"),
        template.para(
            f"Record number {document.staff_id}. Gathered {printed(generated)} from every "
            "part of the database: the staff record, protections, caseloads and workload "
            "reviews, supervision, check-ins, signposting, training, development programmes "
            "and plans, and CPD.",
            "facts",
        ),
        template.table(
            [["Section", "Records"]]
            + [[section.title, str(len(section.items))] for section in document.sections],
            [width - 30 * mm, 30 * mm],
        ),
        Spacer(0, 3 * mm),
    ]
    story += [template.para(note, "small") for note in document.notes]
    for section in document.sections:
        # A section's heading starts a new page rather than end one alone.
        story.append(CondPageBreak(200))
        story.append(template.SectionMark(section.key, section.title))
        story.append(template.para(section.title, "h2"))
        if section.note:
            story.append(template.para(section.note, "small"))
        if not section.items:
            story.append(template.para("None held.", "body"))
            continue
        for item in section.items:
            story.extend(_item(item, width))
    return template.build_pdf(setup, story)


def export_pdf(
    db: Database, staff_id: int, out: Path | str, *, printed_at: dt.datetime | None = None
) -> SubjectAccessDocument:
    """Write the PDF to ``out``, audited as exported: the file appears only once its
    audit entry is recorded."""
    target = check_target(out)
    document = gather(db, staff_id)
    data = build(document, printed_at=printed_at)
    audit.write_audited(
        db,
        target,
        lambda path: path.write_bytes(data),
        action="exported",
        record_type="staff_member",
        record_id=document.staff_id,
        detail="subject access (PDF)",
    )
    return document
