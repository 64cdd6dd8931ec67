from wellbeing_desktop.services.caseload_rules import CaseloadStatus
from wellbeing_desktop.services.compliance import ComplianceStatus
from wellbeing_desktop.services.status_words import WordedStatus
from wellbeing_desktop.services.training_rules import TrainingState
from wellbeing_desktop.services.workload_compliance import ReviewTiming


class Light(WordedStatus):
    ON = "on", "Switched on", "●"
    OFF = "off", "Switched off", "○"


def test_members_carry_value_words_and_symbol() -> None:
    assert Light("on") is Light.ON
    assert Light.ON == "on"
    assert str(Light.OFF) == "off"
    assert (Light.OFF.words, Light.OFF.symbol) == ("Switched off", "○")


def test_every_status_has_words_and_a_symbol() -> None:
    for status in (*CaseloadStatus, *ComplianceStatus, *TrainingState, *ReviewTiming):
        assert status.words and status.symbol
    assert CaseloadStatus("red").words == "Over safe limit"
    assert TrainingState.MISSING.symbol == "○"
