"""How values read on screen: dates as dd/mm/yyyy in UK English, numbers without float noise."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QLocale, QTime

from wellbeing_desktop.services import caseload_rules

# The app is written in British English and its dates read dd/mm/yyyy, as the services'
# sentences and the reports write them, whatever locale the computer reports (a bare
# Linux session reports "C", whose short date is "d MM yyyy": "10 11 2026").
DATE_FORMAT = "dd/MM/yyyy"


def display_locale() -> QLocale:
    """The locale every date, month and number on screen is written in: UK English."""
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def format_date(day: dt.date | None, empty: str = "") -> str:
    """'10/11/2026': dd/mm/yyyy, as the date edits take it."""
    if day is None:
        return empty
    return display_locale().toString(to_qdate(day), DATE_FORMAT)


def format_long_date(day: dt.date | None, empty: str = "") -> str:
    """'26 November 2026'."""
    if day is None:
        return empty
    return display_locale().toString(to_qdate(day), "d MMMM yyyy")


def format_month(day: dt.date) -> str:
    """'Nov 26': a short month label for chart axes."""
    return display_locale().toString(QDate(day.year, day.month, 1), "MMM yy")


def format_date_time(day: QDate, time: QTime, seconds: bool = False) -> str:
    """'10/11/2026 14:05' (with ':30' seconds when asked)."""
    text = display_locale().toString(day, DATE_FORMAT)
    return f"{text} {time.toString('HH:mm:ss' if seconds else 'HH:mm')}"


def format_number(value: float | None, empty: str = "") -> str:
    """30.0 -> '30', 13.5 -> '13.5'."""
    return empty if value is None else caseload_rules.format_number(value)


def format_figure(value: float) -> str:
    """1326.5 -> '1,326.5', 1049 -> '1,049': thousands separated, as the reports write."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def service_text(text: str) -> str:
    """Words that come from the services (status words, reasons, labels), offered to the
    translator under one context so a Welsh catalogue can carry them too."""
    return QCoreApplication.translate("services", text)
