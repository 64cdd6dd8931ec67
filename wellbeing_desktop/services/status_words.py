"""Statuses shown to people: each member carries its words and a symbol, so that a
status never depends on colour alone."""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class WordedStatus(StrEnum):
    """A ``StrEnum`` whose members are declared as ``NAME = value, words, symbol``.

    The value is what is stored and compared; ``words`` and ``symbol`` are what a
    screen or report shows.
    """

    words: str
    symbol: str

    def __new__(cls, value: str, words: str, symbol: str) -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member.words = words
        member.symbol = symbol
        return member
