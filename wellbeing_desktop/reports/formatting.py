"""How values are written in reports: dates the British way, numbers without noise.

Presentation only: what a value means is decided in the services.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from wellbeing_desktop.services.caseload_rules import format_number
from wellbeing_desktop.services.percentages import percent_words

MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
NONE = "–"  # an en dash: nothing recorded
MINUS = "−"  # a real minus sign, as wide as the plus sign


@lru_cache(maxsize=4096)  # a long report writes the same few hundred dates again and again
def short_date(day: dt.date | None) -> str:
    """26/11/2026, or an en dash."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}" if day else NONE


def long_date(day: dt.date) -> str:
    """26 November 2026."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def month_year(day: dt.date) -> str:
    """November 2026."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def short_month(day: dt.date) -> str:
    """Nov."""
    return MONTHS[day.month - 1][:3]


def printed(moment: dt.datetime) -> str:
    """26/11/2026 14:05."""
    return f"{short_date(moment.date())} {moment.hour:02d}:{moment.minute:02d}"


@lru_cache(maxsize=4096)
def number(value: float | None) -> str:
    """30, 13.5, 2,400 (thousands separated), or an en dash."""
    if value is None:
        return NONE
    if abs(value) >= 1000:
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return format_number(value)


@lru_cache(maxsize=4096)
def percent(fraction: float | None) -> str:
    return NONE if fraction is None else percent_words(fraction)


# Above this a share in use says nothing more (a 0.01 FTE post with 99 cases is at
# 24,975%), and would not fit its column: it is shown as ">999%".
MOST_USE_SHOWN = 9.99


def use_percent(fraction: float | None) -> str:
    """A caseload's share of its limit: '103%', '>999%' beyond 999%, or an en dash."""
    if fraction is not None and fraction > MOST_USE_SHOWN:
        return f">{percent(MOST_USE_SHOWN)}"
    return percent(fraction)


def signed(value: float | None) -> str:
    """+3, −2, 0 or an en dash."""
    if value is None:
        return NONE
    if value > 0:
        return f"+{format_number(value)}"
    if value < 0:
        return f"{MINUS}{format_number(-value)}"
    return "0"


def total(value: float) -> str:
    """A sum of limits: whole numbers once it is large (40,739), else like number().
    Halves round up, as percentages do (2,366.5 -> 2,367, not Python's half to even)."""
    if abs(value) < 1000:
        return number(value)
    whole = Decimal(repr(float(value))).quantize(Decimal(1), ROUND_HALF_UP)
    return f"{whole:,}"


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count:,} {one if count == 1 else (many or one + 's')}"


def minutes(total: int) -> str:
    """90 -> '1 hour 30 minutes'."""
    hours, mins = divmod(total, 60)
    parts = []
    if hours:
        parts.append(plural(hours, "hour"))
    if mins or not hours:
        parts.append(plural(mins, "minute"))
    return " ".join(parts)
