"""How values read on screen: dates in the user's locale, numbers without float noise."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from wellbeing_desktop.services import caseload_rules


def format_date(day: dt.date | None, empty: str = "") -> str:
    """A date as the user's locale writes it short (dd/mm/yyyy in the UK)."""
    if day is None:
        return empty
    return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


def format_long_date(day: dt.date | None, empty: str = "") -> str:
    """'26 November 2026' in the user's language."""
    if day is None:
        return empty
    return QLocale().toString(QDate(day.year, day.month, day.day), "d MMMM yyyy")


def format_month(day: dt.date) -> str:
    """'Nov 26': a short month label for chart axes."""
    return QLocale().toString(QDate(day.year, day.month, 1), "MMM yy")


def format_number(value: float | None, empty: str = "") -> str:
    """30.0 -> '30', 13.5 -> '13.5'."""
    return empty if value is None else caseload_rules.format_number(value)


def service_text(text: str) -> str:
    """Words that come from the services (status words, reasons, labels), offered to the
    translator under one context so a Welsh catalogue can carry them too."""
    return QCoreApplication.translate("services", text)
