from fractions import Fraction

import pytest

from wellbeing_desktop.services.percentages import percent_words, share_words


@pytest.mark.parametrize(
    ("fraction", "words"),
    [
        (0.125, "13%"),  # half up, not to even
        (0.145, "15%"),  # 14.499999… in binary; still half up
        (0.4, "40%"),
        (1.0, "100%"),
        (0.0, "0%"),
        (Fraction(199, 200), "99.5%"),
        (Fraction(1999, 2000), "99.9%"),
        (Fraction(1, 2000), "0.1%"),
        (0.996, "99.6%"),
        (0.004, "0.4%"),
        (1.13, "113%"),
        (1.001, "100.1%"),
        (-0.125, "-13%"),
    ],
)
def test_percent_words(fraction: float | Fraction, words: str) -> None:
    assert percent_words(fraction) == words


def test_one_decimal_rounds_half_up_and_avoids_the_ends() -> None:
    assert percent_words(0.12345, 1) == "12.3%"
    assert percent_words(0.12355, 1) == "12.4%"
    assert percent_words(0.4, 1) == "40%"
    assert percent_words(0.99999, 1) == "99.99%"


def test_share_words() -> None:
    assert share_words(199, 200) == "99.5%"
    assert share_words(200, 200) == "100%"
    assert share_words(1, 8) == "13%"
    assert share_words(0, 0) is None


def test_training_compliance_and_vacancy_rate_use_it() -> None:
    from wellbeing_desktop.services.establishment import rate_words
    from wellbeing_desktop.services.training_matrix import Compliance

    assert Compliance(required=200, compliant=199).text == "99.5%"
    assert Compliance(required=8, compliant=1).text == "13%"
    assert Compliance(required=0, compliant=0).text == "n/a"
    assert rate_words(0.12345) == "12.3%"
    assert rate_words(0.99999) == "99.99%"
