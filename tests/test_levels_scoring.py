"""Levels (级别) decided in a half-year review, applied to a month's roster before scoring
(``csreport.scoring.levels``): the effective-month boundary, the roster winning once the manager
changed it, two reviews in a row, a corrected review, and the sentence on the card."""

from __future__ import annotations

import dataclasses

from csreport.history.model import LevelChange
from csreport.inputs.dataset import RosterEntry
from csreport.scoring.levels import apply_level_changes, review_level_note

SPRING = "2026-05 – 2026-10"
AUTUMN = "2026-11 – 2027-04"


def roster(**levels: str) -> dict[str, RosterEntry]:
    """A roster of agents 工号 → 级别 (names and groups as a real roster has them)."""
    return {a: RosterEntry(a, name=f"客服{a}", group="一组", level=level) for a, level in levels.items()}


def change(
    agent: str, old: str, new: str, effective: str, period: str = SPRING, decided: str = ""
) -> LevelChange:
    return LevelChange(agent, f"客服{agent}", old, new, effective, period, decided_at=decided)


PROMOTION = change("KF002", "老员工", "组长", "2026-11")


def test_a_change_applies_from_its_effective_month_on_not_before() -> None:
    people = roster(KF001="新员工", KF002="老员工")
    assert apply_level_changes(people, [PROMOTION], "2026-10") == (people, {})
    for month in ("2026-11", "2026-12", "2027-10"):
        scored, taken = apply_level_changes(people, [PROMOTION], month)
        assert scored == {**people, "KF002": dataclasses.replace(people["KF002"], level="组长")}
        assert taken == {"KF002": ("老员工", SPRING)}
        assert scored["KF001"] is people["KF001"]
    assert people["KF002"].level == "老员工"  # the roster given is never changed


def test_a_roster_already_updated_needs_nothing() -> None:
    people = roster(KF002="组长")
    assert apply_level_changes(people, [PROMOTION], "2026-11") == (people, {})


def test_a_third_level_on_the_roster_wins() -> None:
    # The manager set 部门主管 after the review: the roster is the newer decision.
    people = roster(KF002="部门主管")
    scored, taken = apply_level_changes(people, [PROMOTION], "2026-12")
    assert scored["KF002"].level == "部门主管"
    assert taken == {}


def test_changes_for_agents_not_in_the_roster_are_ignored() -> None:
    people = roster(KF001="新员工")
    assert apply_level_changes(people, [PROMOTION], "2026-12") == (people, {})


def test_the_latest_change_in_force_decides() -> None:
    # Promoted in spring, demoted in autumn; the manager updated the roster after spring.
    demotion = change("KF002", "组长", "老员工", "2027-05", AUTUMN)
    people = roster(KF002="组长")
    assert apply_level_changes(people, [PROMOTION, demotion], "2027-04") == (people, {})
    scored, taken = apply_level_changes(people, [demotion, PROMOTION], "2027-05")
    assert scored["KF002"].level == "老员工"
    assert taken == {"KF002": ("组长", AUTUMN)}


def test_a_roster_never_updated_follows_both_reviews() -> None:
    # The roster still shows the level before the spring review: 老员工 → 组长 → 部门主管.
    second = change("KF002", "组长", "部门主管", "2027-05", AUTUMN)
    people = roster(KF002="老员工")
    scored, taken = apply_level_changes(people, [PROMOTION, second], "2027-04")
    assert (scored["KF002"].level, taken) == ("组长", {"KF002": ("老员工", SPRING)})
    scored, taken = apply_level_changes(people, [PROMOTION, second], "2027-05")
    assert (scored["KF002"].level, taken) == ("部门主管", {"KF002": ("老员工", AUTUMN)})


def test_a_promotion_then_its_reversal_leaves_the_roster() -> None:
    back = change("KF002", "组长", "老员工", "2027-05", AUTUMN)
    people = roster(KF002="老员工")
    assert apply_level_changes(people, [PROMOTION, back], "2027-05") == (people, {})


def test_a_corrected_review_replaces_its_first_decision() -> None:
    # The review workbook applied twice for one month: the later decision counts, by the time
    # it was decided, else by the order given.
    first = change("KF002", "老员工", "部门主管", "2026-11", decided="2026-11-02T09:00:00")
    fixed = change("KF002", "老员工", "组长", "2026-11", decided="2026-11-05T09:00:00")
    people = roster(KF002="老员工")
    for changes in ([first, fixed], [fixed, first]):
        scored, taken = apply_level_changes(people, changes, "2026-11")
        assert (scored["KF002"].level, taken) == ("组长", {"KF002": ("老员工", SPRING)})
    undated = [change("KF002", "老员工", "部门主管", "2026-11"), change("KF002", "老员工", "组长", "2026-11")]
    assert apply_level_changes(people, undated, "2026-11")[0]["KF002"].level == "组长"


def test_a_blank_roster_level_takes_a_change_from_blank() -> None:
    people = roster(KF003="")
    scored, taken = apply_level_changes(people, [change("KF003", "", "新员工", "2026-11")], "2026-11")
    assert (scored["KF003"].level, taken) == ("新员工", {"KF003": ("", SPRING)})


def test_any_frozen_dataclass_with_a_level_will_do() -> None:
    @dataclasses.dataclass(frozen=True)
    class Entry:
        agent_id: str
        level: str
        bonus_base: float

    people = {"KF002": Entry("KF002", "老员工", 1500.0)}
    scored, _taken = apply_level_changes(people, [PROMOTION], "2026-11")
    assert scored == {"KF002": Entry("KF002", "组长", 1500.0)}


def test_the_note_on_the_card_in_both_languages() -> None:
    note = review_level_note("组长", "老员工", SPRING)
    assert (
        note.text("zh") == "级别按 2026-05 – 2026-10 晋级评审调整为 组长（花名册仍为 老员工，请更新花名册）"
    )
    assert note.text("en") == (
        "Level (级别) set to 组长 by the 2026-05 – 2026-10 promotion review (晋级评审); the roster "
        "still shows 老员工, please update the roster"
    )
    blank = review_level_note("新员工", "", SPRING)
    assert (
        blank.text("zh") == "级别按 2026-05 – 2026-10 晋级评审调整为 新员工（花名册中级别为空，请更新花名册）"
    )
    assert blank.text("en") == (
        "Level (级别) set to 新员工 by the 2026-05 – 2026-10 promotion review (晋级评审); the "
        "roster's level is blank, please update the roster"
    )
