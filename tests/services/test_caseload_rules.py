import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wellbeing_desktop.services.caseload_rules import (
    ActiveProtection,
    CaseloadStatus,
    adjusted_limit,
    assess,
    caseload_status,
    format_number,
)

DAY = dt.date(2026, 11, 26)
G, A, R, U = (
    CaseloadStatus.GREEN,
    CaseloadStatus.AMBER,
    CaseloadStatus.RED,
    CaseloadStatus.UNKNOWN,
)


@pytest.mark.parametrize(
    ("amber", "red", "fte", "cases", "expected_limit", "status"),
    [
        (35, 40, 1.0, 40, 40, A),  # at the limit is not over it
        (35, 40, 1.0, 41, 40, R),
        (35, 40, 1.0, 35, 40, A),  # the amber level itself is amber
        (35, 40, 1.0, 34, 40, G),
        (30, 37.5, 0.8, 34, 30, R),  # the issue's own example
        (30, 37.5, 0.8, 24, 30, A),  # amber 24 at 0.8 FTE
        (30, 37.5, 0.8, 23, 30, G),
        (12, 15, 0.9, 14, 13.5, R),  # limits are not rounded
        (12, 15, 0.9, 13, 13.5, A),
        (35, 40, 0.7, 28, 28, A),  # 0.7 * 40 must be exactly 28, not 28.000000000000004
        (35, 40, 0.7, 29, 28, R),
        (20, 25, 0.5, 0, 12.5, G),
    ],
)
def test_status_scales_with_fte(amber, red, fte, cases, expected_limit, status):
    limit = adjusted_limit(amber, red, fte, on=DAY)
    result = assess(cases, None, limit)
    assert limit.red == expected_limit
    assert result.status is status


def test_reason_reads_as_a_sentence():
    limit = adjusted_limit(30, 37.5, 0.8, on=DAY)
    assert assess(34, None, limit).reason == "34 cases against a limit of 30 for 0.8 FTE: 4 over"
    assert assess(1, None, limit).reason == "1 case against a limit of 30 for 0.8 FTE"


def test_the_sentence_says_the_status_once():
    """For reports that print the status and the reason together (the wellbeing
    summary): with no record the reason already says it, so it is not said twice."""
    limit = adjusted_limit(30, 37.5, 0.8, on=DAY)
    assert assess(34, None, limit).sentence == (
        "Over safe limit: 34 cases against a limit of 30 for 0.8 FTE: 4 over"
    )
    assert assess(None, None, limit).sentence == "No caseload recorded; a limit of 30 for 0.8 FTE"
    points = adjusted_limit(80, 100, 1.0, on=DAY, uses_weighting=True)
    assert assess(12, None, points).sentence == (
        "Not weighted: 12 cases recorded without complexity weighting; the role's limit is "
        "in points: a limit of 100 for 1 FTE"
    )
    for cases in (1, 24, 34):
        result = assess(cases, None, limit)
        assert result.sentence == f"{result.status.words}: {result.reason}"


def test_most_protective_active_protection_applies_and_does_not_compound():
    protections = [
        ActiveProtection("newly_qualified", dt.date(2026, 1, 1), None, 90),
        ActiveProtection("phased_return", dt.date(2026, 11, 1), dt.date(2026, 12, 31), 50),
        ActiveProtection("reasonable_adjustment", dt.date(2025, 1, 1), dt.date(2025, 6, 1), 10),
    ]
    limit = adjusted_limit(35, 40, 1.0, protections, on=DAY)
    assert limit.red == 20 and limit.amber == 17.5
    assert limit.protection is not None and limit.protection.kind == "phased_return"
    later = adjusted_limit(35, 40, 1.0, protections, on=dt.date(2027, 1, 1))
    assert later.red == 36  # phased return over; newly qualified 90% remains
    result = assess(21, None, limit)
    assert result.status is R
    assert "at 50% while phased return" in result.reason


def test_protection_ends_inclusive():
    protection = ActiveProtection("newly_qualified", dt.date(2026, 1, 1), DAY, 90)
    assert adjusted_limit(35, 40, 1, [protection], on=DAY).red == 36
    assert adjusted_limit(35, 40, 1, [protection], on=DAY + dt.timedelta(days=1)).red == 40


def test_no_record_is_unknown_not_green():
    result = assess(None, None, adjusted_limit(35, 40, 1.0, on=DAY))
    assert result.status is U and result.utilisation is None


def test_weighted_roles_compare_points():
    limit = adjusted_limit(80, 100, 1.0, on=DAY, uses_weighting=True)
    result = assess(12, 104.0, limit)
    assert result.status is R
    assert result.reason.startswith("104 points (12 cases)")
    # Cases recorded without weighting: recorded, but the limit cannot judge them (and
    # not to be called "no caseload recorded").
    unweighted = assess(12, None, limit)
    assert unweighted.status is CaseloadStatus.UNWEIGHTED and not unweighted.status.judged
    assert unweighted.status.words == "Not weighted" and unweighted.load is None
    assert caseload_status(12, None, limit) is CaseloadStatus.UNWEIGHTED
    assert caseload_status(None, None, limit) is U and not U.judged
    assert all(status.judged for status in (G, A, R))


def test_format_number():
    assert [format_number(x) for x in (30.0, 13.5, 26.25, 0.0)] == ["30", "13.5", "26.25", "0"]


@given(
    amber=st.integers(1, 200),
    extra=st.integers(0, 100),
    fte=st.integers(1, 150).map(lambda n: n / 100),
    cases=st.integers(0, 500),
    percent=st.one_of(st.none(), st.integers(1, 100)),
)
def test_status_agrees_with_the_written_rule(amber, extra, fte, cases, percent):
    protections = [ActiveProtection("reasonable_adjustment", DAY, None, percent)] if percent else []
    limit = adjusted_limit(amber, amber + extra, fte, protections, on=DAY)
    share = fte * (percent or 100) / 100
    red, amber_level = (amber + extra) * share, amber * share
    status = assess(cases, None, limit).status
    if cases > red + 1e-6:
        assert status is R
    elif cases >= amber_level - 1e-6:
        assert status is A
    else:
        assert status is G


@given(
    amber=st.integers(1, 200),
    extra=st.integers(0, 100),
    fte=st.integers(1, 150).map(lambda n: n / 100),
    cases=st.one_of(st.none(), st.integers(0, 500)),
    points=st.one_of(st.none(), st.floats(0, 900, allow_nan=False)),
    weighted=st.booleans(),
)
def test_the_status_alone_is_the_status_assess_gives(amber, extra, fte, cases, points, weighted):
    from wellbeing_desktop.services.caseload_rules import caseload_status

    limit = adjusted_limit(amber, amber + extra, fte, on=DAY, uses_weighting=weighted)
    assert caseload_status(cases, points, limit) is assess(cases, points, limit).status


@given(
    cases=st.one_of(st.none(), st.integers(0, 500)),
    points=st.one_of(st.none(), st.floats(0, 900, allow_nan=False)),
    weighted=st.booleans(),
)
def test_the_load_alone_is_the_load_assess_gives(cases, points, weighted):
    from wellbeing_desktop.services.caseload_rules import caseload_load

    limit = adjusted_limit(30, 35, 0.8, on=DAY, uses_weighting=weighted)
    assert caseload_load(cases, points, limit) == assess(cases, points, limit).load
