#!/usr/bin/env python3
"""Regenerate the spreadsheets the import tests read.

The CSV files are written here, byte for byte as the programs managers use would
write them (a title row, a byte-order mark or none, Windows-1252, semicolons and
decimal commas, blank rows, stray spaces). The .xlsx files are made from them by
LibreOffice, an independent tool, so the tests read real Excel date cells and
numbers stored as text rather than what our own exporter writes::

    python3 tests/data/import/make_files.py        # needs soffice (libreoffice-calc)

The made files are committed; the tests never run LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

# LibreOffice's CSV filter options: separator, text quote, character set, first line,
# column formats (column/format, 2 = text), language (2057 = English (UK), so
# dd/mm/yyyy becomes a real date).
UTF8, CP1252 = 76, 1

ESR_ROWS = [
    "Staff list - North Community Mental Health Team,,,,,,,",
    "Exported from ESR on 03/03/2025,,,,,,,",
    ",,,,,,,",
    "Employee Name,Job Role,Position Title,Assignment WTE,Pay Band,Start Date,Caseload,"
    "Line Manager",
    '"O\'Neill, Siobhán",Social Worker (adults),Senior Social Worker,1,Band 7,06/01/2020,18,',
    '"Brontë, Zoë",Support Worker,Support Worker,0.6,Band 3,01/03/2019,9,Siobhán O\'Neill',
    '"  Okafor ,  Chidi ",District Nurse,Community Nurse,0.8,Band 6,15/09/2021,140,',
    ",,,,,,,",
    '"Nowak, Agnieszka",Band 6 SW,Social Worker,1,Band 6,TBC,21,Siobhán O\'Neill',
    ',Support Worker,Support Worker,1,Band 3,02/02/2022,7,',
    '"Brontë, Zoë",Support Worker,Support Worker,0.6,Band 3,01/03/2019,9,',
    '"Evans, Rhys",Peer Support Worker,Peer Mentor,37.5,Band 4,12/12/2023,12,',
    '"MacLeod, Mhairi",Social Worker (children and families),Social Worker,0.5,Band 6,'
    "31/02/2024,11,",
]

ROTA_ROWS = [
    "Forename;Surname;Role;Hours;Band;Started;Open cases",
    "Siobhán;Kelly;Drug and alcohol keyworker;37,5;5;03/04/2018;42",
    "Zoë;Martin;Keyworker;22,5;4;17/08/2020;28",
    " Dafydd ; Jones ;Recovery worker;30;4;2021-11-01;35",
    ";;;;;;",
    "Ann-Marie;Ó Súilleabháin;Peer support worker;15;3;01/06/2024;",
    "Gareth;Price;Keyworker;45;5;01/01/2019;50",
]

TITLE_BOM_ROWS = [
    "Caseloads as at 28 February 2025",
    "",
    " Name , Role , FTE , Caseload , Supervisor , Notes ",
    " Siobhán Byrne , District nurse , 1.0 , 150 , , Works Tue-Sat ",
    "Zoë Adams,District nurse,0.8,118,Siobhán Byrne,",
    "Zoë Adams,District nurse,0.8,118,Siobhán Byrne,twice in the list",
    "Tomasz Zieliński,District nurse,0,90,Siobhán Byrne,",
    "=HYPERLINK(\"http://example.invalid\"),District nurse,1,10,,",
]

FIRST_NAMES = [
    "Siobhán", "Zoë", "Chidi", "Agnieszka", "Rhys", "Mhairi", "Dafydd", "Aoife", "Priya",
    "Tomasz", "Ewan", "Nia", "Oluwaseun", "Grace", "Callum", "Fatima", "Iain", "Lowri",
]
SURNAMES = [
    "O'Neill", "Brontë", "Okafor", "Nowak", "Evans", "MacLeod", "Jones", "Murphy", "Patel",
    "Zieliński", "Campbell", "Price", "Adeyemi", "Hughes", "Fraser", "Khan", "Stewart", "Owen",
]
ROLES = [
    "Social worker (adults / justice)", "District nurse", "Support worker", "Keyworker",
    "Peer support worker", "Allied health professional",
]


def large_rows(count: int = 5000) -> list[str]:
    """A whole organisation's staff list: count people, every one a different name."""
    chooser = random.Random(8)
    start = dt.date(2010, 1, 1)
    rows = ["Name,Role,Job title,FTE,Pay band,Start date,Caseload"]
    for index in range(count):
        first = FIRST_NAMES[index % len(FIRST_NAMES)]
        last = SURNAMES[(index // len(FIRST_NAMES)) % len(SURNAMES)]
        name = f"{first} {last}-{index // (len(FIRST_NAMES) * len(SURNAMES)) + 1}"
        day = start + dt.timedelta(days=chooser.randrange(0, 5000))
        fte = chooser.choice(["1", "0.8", "0.6", "0.5", "1"])
        role = chooser.choice(ROLES)
        rows.append(
            f'"{name}",{role},Practitioner,{fte},Band {chooser.randint(3, 7)},'
            f"{day.strftime('%d/%m/%Y')},{chooser.randint(0, 40)}"
        )
    return rows


FILES = {
    # name: (rows, encoding, byte-order mark, LibreOffice filter for the .xlsx or None)
    "esr_export.csv": (ESR_ROWS, "utf-8", False, f"44,34,{UTF8},1,,2057"),
    "rota_semicolon_cp1252.csv": (ROTA_ROWS, "cp1252", False, f"59,34,{CP1252},1,4/2,2057"),
    "title_bom.csv": (TITLE_BOM_ROWS, "utf-8", True, None),
    "staff_5000.csv": (large_rows(), "utf-8", False, f"44,34,{UTF8},1,,2057"),
}


def write_csv(name: str, rows: list[str], encoding: str, bom: bool) -> Path:
    path = HERE / name
    data = "\r\n".join(rows).encode(encoding) + b"\r\n"
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def convert(source: Path, filter_options: str) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("soffice is needed: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                f"--infilter=CSV:{filter_options}",
                "--convert-to",
                "xlsx",
                "--outdir",
                out,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        made = Path(out) / (source.stem + ".xlsx")
        target = source.with_suffix(".xlsx")
        shutil.copyfile(made, target)
    return target


def main() -> None:
    for name, (rows, encoding, bom, filter_options) in FILES.items():
        source = write_csv(name, rows, encoding, bom)
        print(f"wrote {source.name}")
        if filter_options:
            print(f"made {convert(source, filter_options).name}")
    # The large CSV is only a step to the .xlsx: the benchmark reads the workbook.
    (HERE / "staff_5000.csv").unlink()


if __name__ == "__main__":
    main()
