"""Reading one cell as a name, a number or a date, the way a UK spreadsheet writes them.

Each reader returns the value and, when it read something in a way worth
mentioning (hours turned into FTE, a text date, 'Surname, First name'), a note;
a value it cannot read raises ``Unreadable`` with a sentence for the preview.
"""

from __future__ import annotations

import datetime as dt
import re

from wellbeing_desktop.services.importing.reading import Cell, cell_text

EXCEL_EPOCH = dt.date(1899, 12, 30)
FORMULA_START = ("=", "+", "-", "@")
_DATE_PATTERNS = (
    "%d/%m/%Y",
    "%d/%m/%y",
    "%Y-%m-%d",
    "%d.%m.%Y",
    "%d.%m.%y",
    "%d-%m-%Y",
    "%d-%m-%y",
    "%d %B %Y",
    "%d %b %Y",
    "%d-%b-%Y",
    "%d-%b-%y",
    "%d %b %y",
    "%d/%b/%Y",
    "%Y/%m/%d",
    "%Y-%m-%d %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y %H:%M:%S",
)
_NUMBER = re.compile(
    r"^(?P<number>[-+]?\d+(?:[.,]\d+)?)\s*(?P<unit>%|hrs?|hours?|h|wte|fte)?\.?$",
    re.IGNORECASE,
)
_ORDINAL = re.compile(r"(\d)(st|nd|rd|th)\b", re.IGNORECASE)


class Unreadable(ValueError):
    """A cell that cannot be read as what its column holds; ``str()`` says why."""


def text(cell: Cell) -> str:
    """A cell as one line of text, spaces tidied. A leading apostrophe that guards a
    formula character (as our CSV export writes it) is taken off again."""
    value = " ".join(cell_text(cell).split())
    if len(value) > 1 and value[0] == "'" and value[1] in FORMULA_START:
        value = value[1:]
    return value


def name(full: Cell, first: Cell = None, last: Cell = None) -> tuple[str, str]:
    """A person's name, from one column or from first name and surname."""
    whole = text(full)
    if whole:
        if whole.count(",") == 1:
            surname, given = (part.strip() for part in whole.split(","))
            if surname and given and not any(ch.isdigit() for ch in whole):
                return f"{given} {surname}", "Read as 'Surname, First name'."
        return whole, ""
    joined = " ".join(part for part in (text(first), text(last)) if part)
    return joined, ""


def number(cell: Cell, what: str) -> tuple[float, bool]:
    """A number and whether it was written as a percentage ('80%'). Accepts numbers
    stored as text, a decimal comma ('0,8') and a unit after it ('30 hrs')."""
    if isinstance(cell, bool):
        raise Unreadable(f"{what} '{cell_text(cell)}' is not a number.")
    if isinstance(cell, int | float):
        return float(cell), False
    if isinstance(cell, dt.date):
        raise Unreadable(f"{what} is a date ({cell_text(cell)}), not a number.")
    raw = text(cell)
    match = _NUMBER.match(raw.replace(" ", "") if raw.count(" ") == 1 else raw)
    if match is None:
        match = _NUMBER.match(raw)
    if match is None:
        raise Unreadable(f"{what} '{_shown(raw)}' is not a number.")
    value = float(match["number"].replace(",", "."))
    return value, (match["unit"] or "") == "%"


def whole_number(cell: Cell, what: str) -> int:
    value, _percent = number(cell, what)
    if not value.is_integer():
        raise Unreadable(f"{what} '{_shown(text(cell))}' is not a whole number.")
    return int(value)


def date(cell: Cell, what: str, *, today: dt.date) -> tuple[dt.date, str]:
    """A date from an Excel date cell, an Excel day number, or text written the UK way
    (dd/mm/yyyy, 6 Jan 2020, 2020-01-06)."""
    if isinstance(cell, dt.datetime):
        return cell.date(), ""
    if isinstance(cell, dt.date):
        return cell, ""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if 10_000 < cell < 80_000:
            return EXCEL_EPOCH + dt.timedelta(days=int(cell)), "Read an Excel day number as a date."
        raise Unreadable(f"{what} '{cell_text(cell)}' is not a date (use dd/mm/yyyy).")
    raw = _ORDINAL.sub(r"\1", text(cell)).replace(",", " ")
    raw = " ".join(raw.split())
    if raw.isdigit() and 10_000 < int(raw) < 80_000:
        return EXCEL_EPOCH + dt.timedelta(days=int(raw)), "Read an Excel day number as a date."
    for pattern in _DATE_PATTERNS:
        try:
            parsed = dt.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
        if "%y" in pattern and parsed.year > today.year + 10:
            parsed = parsed.replace(year=parsed.year - 100)
        return parsed, ""
    hint = ""
    parts = re.split(r"[/.-]", raw)
    if len(parts) == 3 and all(p.isdigit() for p in parts) and int(parts[1]) > 12:
        hint = " It looks like a US date (month first): dates are read as dd/mm/yyyy."
    raise Unreadable(f"{what} '{_shown(raw)}' is not a date (use dd/mm/yyyy).{hint}")


def _shown(value: str) -> str:
    """A value quoted in a message: short, printable."""
    short = value[:30] + ("…" if len(value) > 30 else "")
    return "".join(ch if ch.isprintable() else "?" for ch in short)


def name_key(value: str) -> str:
    """Names compared ignoring case, accents' composed forms and extra spaces."""
    import unicodedata

    return " ".join(unicodedata.normalize("NFC", value).casefold().split())
