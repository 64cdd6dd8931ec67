"""``fill_combo``: the drop-downs that list teams, courses or roles after an "all" or
"none" entry keep the choice they are given, and fall back to the first entry."""

from __future__ import annotations

from wellbeing_desktop.ui.forms.fields import combo_box, fill_combo

ALL = -1
TEAMS = [("North", 1), ("South", 2)]


def test_the_chosen_item_is_chosen(qtbot) -> None:  # type: ignore[no-untyped-def]
    combo = combo_box()
    qtbot.addWidget(combo)
    fill_combo(combo, TEAMS, first=("All teams", ALL), chosen=2)
    assert [combo.itemText(i) for i in range(combo.count())] == ["All teams", "North", "South"]
    assert combo.currentData() == 2


def test_nothing_chosen_or_gone_falls_back_to_the_first(qtbot) -> None:  # type: ignore[no-untyped-def]
    combo = combo_box()
    qtbot.addWidget(combo)
    fill_combo(combo, TEAMS, first=("All teams", ALL), chosen=2)
    fill_combo(combo, TEAMS[:1], first=("All teams", ALL), chosen=2)  # South has gone
    assert combo.count() == 2 and combo.currentData() == ALL
    fill_combo(combo, TEAMS, chosen=None)
    assert combo.count() == 2 and combo.currentData() == 1
