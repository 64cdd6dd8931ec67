"""Reading a spreadsheet as the manager saved it: CSV in whatever encoding and separator
Excel or LibreOffice chose, or an Excel workbook, with a title above the header.

The result is a plain ``Sheet``: the header row's titles and the data rows beneath
it, each cell as the file held it (text, a number, or a date from an Excel date
cell). Nothing here decides what a column means: that is ``mapping``.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from wellbeing_desktop.errors import WellbeingError
from wellbeing_desktop.services.importing.mapping import header_field

Cell = str | int | float | dt.date | dt.datetime | None
Progress = Callable[[float], None]

MAX_ROWS = 50_000
MAX_COLUMNS = 200
MAX_CSV_BYTES = 64 * 1024 * 1024
# The header is looked for in the first rows only: a title, a date, a blank line or two.
HEADER_SEARCH_ROWS = 15
CSV_DELIMITERS = (",", ";", "\t", "|")
DELIMITER_WORDS = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "bars"}


class ImportFileError(WellbeingError):
    """The file cannot be read as a table (the message says why and what to do)."""

    exit_code = 2


@dataclass(frozen=True)
class Sheet:
    """A table read from a file: the header and the rows below it."""

    file_name: str  # the base name only (a path may hold a user name)
    kind: str  # "CSV" or "Excel"
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]  # padded to the header's width
    row_numbers: tuple[int, ...]  # for each row, the number a spreadsheet shows beside it
    header_row: int
    how_read: tuple[str, ...] = ()  # plain words on encoding, separator, sheet, header row

    @property
    def column_letters(self) -> tuple[str, ...]:
        return tuple(column_letter(i) for i in range(len(self.headers)))

    def samples(self, column: int, count: int = 3) -> tuple[str, ...]:
        """The first few non-empty values in a column, as text (for the mapping step)."""
        found: list[str] = []
        for row in self.rows:
            value = row[column]
            if value is not None and str(value).strip():
                found.append(cell_text(value))
                if len(found) == count:
                    break
        return tuple(found)


def column_letter(index: int) -> str:
    """0 -> 'A', 26 -> 'AA', as spreadsheets name columns."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_sheet(path: Path | str, progress: Progress | None = None) -> Sheet:
    """Read a .csv (or .txt) or .xlsx file. Raises ``ImportFileError`` with a plain
    message for anything that is not a table we can read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImportFileError(f"There is no file called {path.name}.")
    if suffix in {".xlsx", ".xlsm"}:
        return _read_xlsx(path, progress)
    if suffix in {".csv", ".txt", ".tsv"}:
        return _read_csv(path, progress)
    if suffix in {".xls", ".ods", ".numbers"}:
        raise ImportFileError(
            f"{path.name} is in an older or different spreadsheet format. Open it in your "
            "spreadsheet program and save it as Excel Workbook (.xlsx) or CSV, then import that."
        )
    raise ImportFileError(
        f"{path.name} is not a spreadsheet this can read: choose an .xlsx or .csv file."
    )


# ---- CSV ---------------------------------------------------------------------------------


def decode_text(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and how it was read. Excel writes UTF-8 with a byte-order
    mark ("CSV UTF-8"), UTF-16 ("Unicode text") or the Windows code page ("CSV"); other
    programs write plain UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 (with a byte-order mark)"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "UTF-16 (Unicode text)"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252 (Western European)"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 reads every byte.
        return data.decode("latin-1"), "Latin-1"


def choose_delimiter(text: str) -> str:
    """The separator that splits the first lines into the most rows of one width."""
    sample = "\n".join(text.splitlines()[:60])
    best, best_score = ",", -1.0
    for delimiter in CSV_DELIMITERS:
        try:
            widths = [
                len(row)
                for row in csv.reader(io.StringIO(sample), delimiter=delimiter)
                if any(cell.strip() for cell in row)
            ]
        except csv.Error:
            continue
        if not widths:
            continue
        width, count = Counter(widths).most_common(1)[0]
        if width < 2:
            continue
        score = count + width / 1000  # consistent rows first, then more columns
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(path: Path, progress: Progress | None) -> Sheet:
    size = path.stat().st_size
    if size > MAX_CSV_BYTES:
        raise ImportFileError(f"{path.name} is too large to be a staff list ({size:,} bytes).")
    data = path.read_bytes()
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ImportFileError(f"{path.name} does not look like a text (CSV) file.")
    text, encoding = decode_text(data)
    delimiter = "\t" if encoding.startswith("UTF-16") and "\t" in text[:2000] else None
    delimiter = delimiter or choose_delimiter(text)
    try:
        raw: list[list[Cell]] = [
            [_clean_text(cell) for cell in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as error:
        raise ImportFileError(f"{path.name} could not be read as CSV ({error}).") from None
    if progress is not None:
        progress(0.5)
    how = [f"Read as {encoding} text, separated by {DELIMITER_WORDS[delimiter]}."]
    return _build_sheet(path.name, "CSV", raw, how)


def _clean_text(value: str) -> str | None:
    # Non-breaking spaces come from copying out of web pages and PDFs.
    cleaned = value.replace("\u00a0", " ").strip()
    return cleaned or None


# ---- Excel -------------------------------------------------------------------------------


def _read_xlsx(path: Path, progress: Progress | None) -> Sheet:
    import zipfile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise ImportFileError(
            f"{path.name} could not be opened as an Excel workbook. If it is password-"
            "protected, save an unprotected copy; if it is an older .xls file, save it as .xlsx."
        ) from None
    try:
        sheet = workbook.active
        candidates = [sheet, *[ws for ws in workbook.worksheets if ws is not sheet]]
        how: list[str] = []
        for worksheet in candidates:
            if worksheet is None or getattr(worksheet, "sheet_state", "visible") != "visible":
                continue
            total = worksheet.max_row if isinstance(worksheet.max_row, int) else 0
            raw = list(_xlsx_rows(worksheet, total, progress))
            if any(any(cell is not None for cell in row) for row in raw):
                if len(workbook.worksheets) > 1:
                    how.append(f"Read the sheet '{worksheet.title}'.")
                return _build_sheet(path.name, "Excel", raw, how)
        raise ImportFileError(f"{path.name} has no rows to import.")
    finally:
        workbook.close()


def _xlsx_rows(worksheet, total: int, progress: Progress | None) -> Iterable[list[Cell]]:  # type: ignore[no-untyped-def]
    for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
        if number > MAX_ROWS + HEADER_SEARCH_ROWS:
            raise ImportFileError(
                f"The sheet has more than {MAX_ROWS:,} rows: split it into smaller files."
            )
        if progress is not None and total and number % 500 == 0:
            progress(min(0.6, 0.6 * number / total))
        yield [_xlsx_value(value) for value in row[:MAX_COLUMNS]]


def _xlsx_value(value: object) -> Cell:
    if value is None:
        return None
    if isinstance(value, str):
        return _clean_text(value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dt.datetime | dt.date | int | float):
        return value
    if isinstance(value, dt.time | dt.timedelta):
        return str(value)
    return _clean_text(str(value))


# ---- finding the header ------------------------------------------------------------------


def _is_blank(row: Sequence[Cell]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in row)


def header_score(row: Sequence[Cell]) -> float:
    """How much a row looks like a header: titles we know count most, then short text
    cells; numbers and dates count against it (they are data)."""
    filled = [cell for cell in row if cell is not None and str(cell).strip()]
    if len(filled) < 2:
        return 0.0
    known = sum(1 for cell in filled if isinstance(cell, str) and header_field(cell) is not None)
    texts = sum(
        1
        for cell in filled
        if isinstance(cell, str) and len(cell) <= 60 and not _looks_numeric(cell)
    )
    data_like = len(filled) - texts
    return known * 4 + texts - data_like * 2


def _looks_numeric(text: str) -> bool:
    stripped = text.replace(",", ".").replace("%", "").replace("/", "").replace("-", "")
    return stripped.replace(".", "", 1).strip().isdigit()


def find_header(rows: Sequence[Sequence[Cell]]) -> int:
    """The index of the header row among the first rows (a title above it is skipped)."""
    best, best_score = -1, 0.0
    looked = 0
    for index, row in enumerate(rows):
        if _is_blank(row):
            continue
        looked += 1
        if looked > HEADER_SEARCH_ROWS:
            break
        score = header_score(row)
        if score > best_score:
            best, best_score = index, score
    if best < 0:
        raise ImportFileError(
            "No header row was found: the file needs a row of column titles "
            "(such as Name, Role, FTE) above the people."
        )
    return best


def _build_sheet(file_name: str, kind: str, raw: list[list[Cell]], how: list[str]) -> Sheet:
    if not raw or all(_is_blank(row) for row in raw):
        raise ImportFileError(f"{file_name} has no rows to import.")
    header_index = find_header(raw)
    header = list(raw[header_index])
    body = raw[header_index + 1 :]
    width = len(header)
    for row in body:
        if not _is_blank(row):
            filled = max(i for i, cell in enumerate(row) if cell is not None) + 1
            width = max(width, filled)
    width = min(width, MAX_COLUMNS)
    # Drop empty columns at the right (a spreadsheet's used range often runs past the data).
    while (
        width > 1
        and (header + [None] * width)[width - 1] is None
        and all(len(row) < width or row[width - 1] is None for row in body)
    ):
        width -= 1
    headers = []
    for index in range(width):
        value = header[index] if index < len(header) else None
        title = " ".join(cell_text(value).split()) if value is not None else ""
        headers.append(title or f"Column {column_letter(index)}")
    rows: list[tuple[Cell, ...]] = []
    numbers: list[int] = []
    for offset, row in enumerate(body):
        if _is_blank(row):
            continue
        padded = tuple(list(row[:width]) + [None] * (width - len(row)))
        rows.append(padded)
        numbers.append(header_index + 2 + offset)
    if len(rows) > MAX_ROWS:
        raise ImportFileError(f"The file has more than {MAX_ROWS:,} rows: split it.")
    if header_index > 0:
        how.append(f"The column titles are on row {header_index + 1}; the rows above are left out.")
    return Sheet(
        file_name=file_name,
        kind=kind,
        headers=tuple(headers),
        rows=tuple(rows),
        row_numbers=tuple(numbers),
        header_row=header_index + 1,
        how_read=tuple(how),
    )
