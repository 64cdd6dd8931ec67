"""Dates read dd/mm/yyyy in UK English whatever locale the computer reports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate, QLocale, QTime

from wellbeing_desktop.ui.forms.fields import DateEdit, date_format
from wellbeing_desktop.ui.models.format import (
    format_date,
    format_date_time,
    format_long_date,
    format_month,
)

UK = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
OTHERS = [
    QLocale.c(),  # a bare Linux session (LANG=C): its short date is "10 11 2026"
    QLocale(QLocale.Language.English, QLocale.Country.UnitedStates),
    QLocale(QLocale.Language.German, QLocale.Country.Germany),
]


@pytest.fixture(params=OTHERS, ids=lambda locale: locale.name())
def other_locale(request: pytest.FixtureRequest) -> Iterator[QLocale]:
    QLocale.setDefault(request.param)
    try:
        yield request.param
    finally:
        QLocale.setDefault(UK)


def test_dates_read_the_uk_way_in_any_locale(qapp, other_locale: QLocale) -> None:
    day = dt.date(2026, 11, 10)
    assert QLocale().toString(QDate(2026, 11, 10), QLocale.FormatType.ShortFormat) != (
        "10/11/2026"
    )  # the locale on its own would not
    assert format_date(day) == "10/11/2026"
    assert format_date(None, "–") == "–"
    assert format_long_date(day) == "10 November 2026"
    assert format_month(day) == "Nov 26"
    assert format_date_time(QDate(2026, 11, 10), QTime(14, 5, 30)) == "10/11/2026 14:05"
    assert format_date_time(QDate(2026, 11, 10), QTime(14, 5, 30), seconds=True) == (
        "10/11/2026 14:05:30"
    )
    assert date_format() == "dd/MM/yyyy"


def test_date_edits_show_and_take_the_same_format(qtbot, other_locale: QLocale) -> None:
    edit = DateEdit("Date")
    qtbot.addWidget(edit)
    edit.set_value(dt.date(2026, 11, 10))
    assert edit.text() == "10/11/2026" == format_date(edit.value())
    assert edit.locale().name() == "en_GB"  # its calendar starts on Monday


def test_the_app_speaks_uk_english_whatever_the_system_says(qapp) -> None:
    from wellbeing_desktop.ui.startup import make_application

    QLocale.setDefault(QLocale.c())
    try:
        assert make_application() is qapp
        assert QLocale().name() == "en_GB"
        assert QLocale().toString(QDate(2026, 11, 10), QLocale.FormatType.ShortFormat) == (
            "10/11/2026"
        )
    finally:
        QLocale.setDefault(UK)
