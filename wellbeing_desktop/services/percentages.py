"""Percentages as words, one way for the whole app (compliance, vacancy rates, use).

Halves round up (12.5% -> 13%, not Python's 12%), and a figure never reads 0% or
100% unless it is exactly that: 199 of 200 is "99.5%", 1 of 2,000 is "0.1%".
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction


def _text(value: Decimal) -> str:
    text = f"{value:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def percent_words(fraction: float | Fraction, decimals: int = 0) -> str:
    """0.125 -> '13%', 0.995 -> '99.5%', 0.0004 -> '0.1%', 1 -> '100%' (decimals: 0 or more).

    Near 0% and 100% one more decimal is shown, moved towards the true value, so the
    words never claim "everyone" or "no one" when that is not so."""
    if isinstance(fraction, Fraction):
        exact = Decimal(fraction.numerator) * 100 / Decimal(fraction.denominator)
    else:
        exact = Decimal(repr(float(fraction))) * 100
    sign = "-" if exact < 0 else ""
    exact = abs(exact)
    step = Decimal(1).scaleb(-decimals)
    shown = exact.quantize(step, ROUND_HALF_UP)
    if shown != exact and shown in (0, 100):
        finer = step / 10
        towards = ROUND_FLOOR if exact < 100 and shown == 100 else ROUND_CEILING
        shown = exact.quantize(finer, towards)
    return f"{sign}{_text(shown)}%"


def share_words(part: int, whole: int, decimals: int = 0) -> str | None:
    """part of whole as percentage words (None when whole is 0)."""
    return percent_words(Fraction(part, whole), decimals) if whole else None
