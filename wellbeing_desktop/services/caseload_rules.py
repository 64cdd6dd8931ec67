"""Safe caseload limits and status: the rule, in one place.

For each person the safe limit is the role's full-time limit, scaled by the
person's FTE, and reduced to the percentage of their most protective active
protection (for example 90% while newly qualified). Several protections do not
compound: the lowest percentage applies. The amber ("approaching") level is
scaled the same way.

    green  (within limit)        load below the adjusted amber level
    amber  (approaching limit)   load at or above the amber level, up to and
                                 including the safe limit
    red    (over safe limit)     load above the safe limit

The load is open cases, or weighted points when the role uses complexity
weighting and the record has them. Limits are not rounded: 0.9 FTE of 15 is 13.5.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from wellbeing_desktop.services.status_words import WordedStatus
from wellbeing_desktop.services.vocab import PROTECTION_KINDS

# A caseload record older than this no longer counts towards a share in use: the
# team's share now (services/summary.py) and each month's in the chart
# (services/trends.py). One rule, so every "now" figure on a page agrees.
RECORD_LOOKBACK_DAYS = 92
RECORD_LOOKBACK_WORDS = "in the last 3 months"  # how the reports and the CLI say it


def lookback_start(on: dt.date) -> dt.date:
    """The earliest date a caseload record can have and still count on ``on``."""
    return on - dt.timedelta(days=RECORD_LOOKBACK_DAYS)


def counts_in_share(recorded_on: dt.date | None, on: dt.date) -> bool:
    """True when a person's latest caseload record, made on ``recorded_on``, is recent
    enough to count towards the share in use on ``on`` (the last RECORD_LOOKBACK_DAYS
    days, ``on`` included); False with no record."""
    return recorded_on is not None and lookback_start(on) <= recorded_on <= on


class CaseloadStatus(WordedStatus):
    GREEN = "green", "Within limit", "✓"
    AMBER = "amber", "Approaching limit", "▲"
    RED = "red", "Over safe limit", "✕"
    UNKNOWN = "unknown", "No caseload recorded", "?"
    # Cases recorded without the complexity weighting the role's limit (in points) needs:
    # recorded, but not something the limit can judge.
    UNWEIGHTED = "unweighted", "Not weighted", "?"

    @property
    def judged(self) -> bool:
        """True for a load judged against the limit (within, approaching or over)."""
        return self not in (CaseloadStatus.UNKNOWN, CaseloadStatus.UNWEIGHTED)


@dataclass(frozen=True)
class ActiveProtection:
    kind: str
    start_date: dt.date
    end_date: dt.date | None
    limit_percent: int

    def applies_on(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)

    @property
    def label(self) -> str:
        return PROTECTION_KINDS.get(self.kind, self.kind.replace("_", " ").capitalize())


@dataclass(frozen=True)
class AdjustedLimit:
    """A person's limits after FTE and protections."""

    full_time_amber: float
    full_time_red: float
    fte: float
    protection: ActiveProtection | None
    amber: float
    red: float
    unit: str  # "cases" or "points"


@dataclass(frozen=True)
class CaseloadAssessment:
    status: CaseloadStatus
    load: float | None
    limit: AdjustedLimit
    utilisation: float | None  # load / safe limit, e.g. 1.13 for 13% over
    reason: str
    # The status and the reason as one sentence, the status said once: 'Over safe
    # limit: 34 cases against …', and with no record the reason alone, which says it
    # ('No caseload recorded; a limit of 40 for 1 FTE').
    sentence: str


def _limit_value(value: float) -> float:
    # Round away float noise (0.7 * 40 = 28.000000000000004) without changing real fractions.
    return round(value, 4)


def format_number(value: float) -> str:
    """30.0 -> '30', 13.5 -> '13.5', 26.25 -> '26.25'."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def most_protective(
    protections: Iterable[ActiveProtection], on: dt.date
) -> ActiveProtection | None:
    active = [p for p in protections if p.applies_on(on)]
    return min(active, key=lambda p: (p.limit_percent, p.start_date), default=None)


def adjusted_limit(
    full_time_amber: float,
    full_time_red: float,
    fte: float,
    protections: Iterable[ActiveProtection] = (),
    *,
    on: dt.date,
    uses_weighting: bool = False,
) -> AdjustedLimit:
    """The person's amber level and safe limit on a date."""
    protection = most_protective(protections, on)
    share = fte * (protection.limit_percent / 100 if protection else 1.0)
    return AdjustedLimit(
        full_time_amber=full_time_amber,
        full_time_red=full_time_red,
        fte=fte,
        protection=protection,
        amber=_limit_value(full_time_amber * share),
        red=_limit_value(full_time_red * share),
        unit="points" if uses_weighting else "cases",
    )


def _limit_phrase(limit: AdjustedLimit) -> str:
    phrase = f"a limit of {format_number(limit.red)} for {format_number(limit.fte)} FTE"
    if limit.protection is not None:
        phrase += f", at {limit.protection.limit_percent}% while {limit.protection.label.lower()}"
    return phrase


def assess(
    open_cases: int | None, weighted_points: float | None, limit: AdjustedLimit
) -> CaseloadAssessment:
    """Status and the reason in one sentence, e.g.
    '34 cases against a limit of 30 for 0.8 FTE: 4 over', and the two together
    ('Over safe limit: 34 cases against …')."""
    if open_cases is None:
        reason = f"No caseload recorded; {_limit_phrase(limit)}"
        return CaseloadAssessment(CaseloadStatus.UNKNOWN, None, limit, None, reason, reason)
    if limit.unit == "points" and weighted_points is None:
        reason = (
            f"{open_cases} cases recorded without complexity weighting; "
            f"the role's limit is in points: {_limit_phrase(limit)}"
        )
        return CaseloadAssessment(
            CaseloadStatus.UNWEIGHTED,
            None,
            limit,
            None,
            reason,
            _with_status(CaseloadStatus.UNWEIGHTED, reason),
        )
    if limit.unit == "points" and weighted_points is not None:
        load: float = weighted_points
        described = f"{format_number(load)} points ({open_cases} cases)"
    else:
        load = open_cases
        described = f"{open_cases} case{'' if open_cases == 1 else 's'}"
    utilisation = load / limit.red if limit.red > 0 else None
    status = _status_of_load(load, limit)
    if status is CaseloadStatus.RED:
        tail = f": {format_number(load - limit.red)} over"
    elif status is CaseloadStatus.AMBER:
        tail = f": approaching (amber from {format_number(limit.amber)})"
    else:
        tail = ""
    reason = f"{described} against {_limit_phrase(limit)}{tail}"
    return CaseloadAssessment(
        status, load, limit, utilisation, reason, _with_status(status, reason)
    )


def _with_status(status: CaseloadStatus, reason: str) -> str:
    return f"{status.words}: {reason}"


def _status_of_load(load: float, limit: AdjustedLimit) -> CaseloadStatus:
    if load > limit.red:
        return CaseloadStatus.RED
    if load >= limit.amber:
        return CaseloadStatus.AMBER
    return CaseloadStatus.GREEN


def caseload_status(
    open_cases: int | None, weighted_points: float | None, limit: AdjustedLimit
) -> CaseloadStatus:
    """The status ``assess`` gives, without its sentence: for judging long histories
    record by record (services/workload.py)."""
    if open_cases is None:
        return CaseloadStatus.UNKNOWN
    if limit.unit == "points":
        if weighted_points is None:
            return CaseloadStatus.UNWEIGHTED
        return _status_of_load(weighted_points, limit)
    return _status_of_load(open_cases, limit)


def caseload_load(
    open_cases: int | None, weighted_points: float | None, limit: AdjustedLimit
) -> float | None:
    """The load ``assess`` judges, without its sentence: weighted points when the limit
    is in points, otherwise open cases; None when there is nothing to judge (no record,
    or a record without points against a limit in points)."""
    if open_cases is None:
        return None
    if limit.unit == "points":
        return weighted_points
    return open_cases


def headroom(
    open_cases: int | None, weighted_points: float | None, limit: AdjustedLimit
) -> float | None:
    """How far the load is below the safe limit (negative when over), in the limit's
    unit (cases or points), or None when there is no load to judge (see ``assess``)."""
    load = caseload_load(open_cases, weighted_points, limit)
    return None if load is None else _limit_value(limit.red - load)
