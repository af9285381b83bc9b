"""Rules that change over time: ``effective_from``, and a folder of versions picked by the month.

Hand-written rules files: every malformed ``effective_from`` is an error naming the key and its
line in both languages; a folder of three versions is read for months before, at and after each
boundary; an empty folder, two versions of one month, a broken version, a month before them all
and a single file not yet in force are each refused with one line saying what to do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from csreport.problems import CsreportError
from csreport.rules.loader import load_rules, parse_rules, preset_text
from csreport.rules.show import show_rules
from csreport.rules.versions import load_rules_for, rule_versions

TABLE = """tables:
  - id: t
    name: 表
    total: 10
    kpis:
      - {id: k, name: 指标, weight: 10, input: late, unit: count, bands: [{range: "[0, inf)", points: 10}]}
"""


def rules_text(name: str, effective: str | None = None) -> str:
    """A small valid rules file called ``name``, in force from ``effective`` when given."""
    first = f"name: {name}\n" + (f"effective_from: {effective}\n" if effective is not None else "")
    return first + TABLE


def errors(text: str) -> tuple[str, str]:
    """The loader's message for ``text`` in Chinese and in English."""
    with pytest.raises(CsreportError) as caught:
        parse_rules(text, source="r.yaml")
    return caught.value.message("zh"), caught.value.message("en")


# ---- effective_from in a rules file ------------------------------------------------------------


def test_effective_from_is_read() -> None:
    assert parse_rules(rules_text("v", "2026-07")).effective_from == "2026-07"
    assert parse_rules(rules_text("v")).effective_from == ""
    assert load_rules("standard").effective_from == ""  # a preset applies from the beginning


@pytest.mark.parametrize(
    "written,shown",
    [
        ("2026-7", "2026-7"),
        ("2026-07-01", "2026-07-01"),  # YAML reads a date: a day is not a month
        ("七月", "七月"),
        ("2026-13", "2026-13"),
        ("202607", "202607"),
        ('"2026-00"', "2026-00"),
    ],
)
def test_a_malformed_effective_from_names_key_and_line(written: str, shown: str) -> None:
    assert errors(rules_text("v", written)) == (
        f"规则文件 r.yaml 第 2 行，effective_from：「{shown}」不是月份：请写成 年-月，如 2026-07",
        f"Rules file r.yaml line 2, effective_from: '{shown}' is not a month: write year-month, e.g. 2026-07",
    )


# ---- a folder of versions ------------------------------------------------------------------------


@pytest.fixture
def versions(tmp_path: Path) -> Path:
    """基础 (no date), 四月版 from 2026-04 and 七月版 from 2026-07, plus files that are no version."""
    folder = tmp_path / "规则"
    folder.mkdir()
    (folder / "a_base.yaml").write_text(rules_text("基础"), "utf-8")
    (folder / "b_april.yml").write_text(rules_text("四月版", "2026-04"), "utf-8")
    (folder / "c_july.YAML").write_text(rules_text("七月版", "2026-07"), "utf-8")
    # Not versions: notes, a hidden file, Excel's lock file of an open workbook, a sub-folder.
    (folder / "说明.txt").write_text("各版本规则", "utf-8")
    (folder / ".hidden.yaml").write_text("not: [rules", "utf-8")
    (folder / "~$rules.xlsx").write_bytes(b"lock")
    (folder / "old").mkdir()
    (folder / "old" / "x.yaml").write_text("broken: [", "utf-8")
    return folder


@pytest.mark.parametrize(
    "month,name",
    [
        ("2025-12", "基础"),
        ("2026-03", "基础"),
        ("2026-04", "四月版"),
        ("2026-05", "四月版"),
        ("2026-06", "四月版"),
        ("2026-07", "七月版"),
        ("2026-08", "七月版"),
        ("2027-01", "七月版"),
    ],
)
def test_each_month_gets_the_version_in_force(versions: Path, month: str, name: str) -> None:
    rules = load_rules_for(str(versions), month)
    assert rules.name == name
    assert Path(rules.source).parent == versions


def test_versions_are_listed_earliest_first(versions: Path) -> None:
    assert [(r.name, r.effective_from) for r in rule_versions(versions)] == [
        ("基础", ""),
        ("四月版", "2026-04"),
        ("七月版", "2026-07"),
    ]


def test_a_month_before_every_version_is_refused(versions: Path) -> None:
    (versions / "a_base.yaml").unlink()
    with pytest.raises(CsreportError) as caught:
        load_rules_for(str(versions), "2026-03")
    assert caught.value.message("zh") == (
        f"规则文件夹 {versions} 中没有适用于 2026-03 的规则：最早的版本 b_april.yml 自 2026-04 起生效。"
        "请加入适用于 2026-03 的版本（不写 effective_from 的版本从最初起生效）。"
    )
    assert caught.value.message("en") == (
        f"No rules in the folder {versions} apply to 2026-03: the earliest version, b_april.yml, is in "
        "force from 2026-04. Add a version for 2026-03 (one without effective_from applies from the "
        "beginning)."
    )
    assert load_rules_for(str(versions), "2026-04").name == "四月版"


def test_a_folder_needs_the_month(versions: Path) -> None:
    with pytest.raises(CsreportError) as caught:
        load_rules_for(str(versions), None)
    assert caught.value.message("zh") == (
        f"{versions} 是存放各版本规则的文件夹，要按计分月份选用版本：请用 --month 指定月份。"
    )
    assert caught.value.message("en") == (
        f"{versions} is a folder of rule versions, chosen by the month scored: give the month with --month."
    )


def test_an_empty_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "说明.txt").write_text("x", "utf-8")
    with pytest.raises(CsreportError) as caught:
        load_rules_for(str(tmp_path), "2026-05")
    assert caught.value.message("zh") == (
        f"规则文件夹 {tmp_path} 里没有规则文件（.yaml、.yml 或 .xlsx）：请放入各版本的规则文件，"
        "或用 --rules 指定一个规则文件。"
    )
    assert caught.value.message("en") == (
        f"The rules folder {tmp_path} holds no rules file (.yaml, .yml or .xlsx): put the rule versions "
        "in it, or give --rules one rules file."
    )


def test_two_versions_of_one_month_are_refused(versions: Path) -> None:
    (versions / "d_july_again.yaml").write_text(rules_text("又一个七月版", "2026-07"), "utf-8")
    with pytest.raises(CsreportError) as caught:
        load_rules_for(str(versions), "2026-05")  # said whichever month is scored
    assert caught.value.message("zh") == (
        f"规则文件夹 {versions} 中 c_july.YAML 和 d_july_again.yaml 都自 2026-07 起生效，无法确定用哪一个："
        "请修改其中一个的 effective_from，或把它移出文件夹。"
    )
    assert caught.value.message("en") == (
        f"In the rules folder {versions}, c_july.YAML and d_july_again.yaml are both in force from "
        "2026-07, so neither can be chosen: change the effective_from of one, or move it out of the folder."
    )


def test_two_versions_without_a_month_are_refused(versions: Path) -> None:
    (versions / "z_base.yaml").write_text(rules_text("另一个基础"), "utf-8")
    with pytest.raises(CsreportError) as caught:
        load_rules_for(str(versions), "2026-08")
    assert caught.value.message("zh") == (
        f"规则文件夹 {versions} 中 a_base.yaml 和 z_base.yaml 都没有写 effective_from（都从最初起生效），"
        "无法确定用哪一个：请给较新的一个写上首个生效月份，如 effective_from: 2026-07。"
    )
    assert caught.value.message("en") == (
        f"In the rules folder {versions}, neither a_base.yaml nor z_base.yaml has an effective_from (both "
        "apply from the beginning): give the newer one its first month, e.g. effective_from: 2026-07."
    )


def test_a_broken_version_is_named_even_for_another_month(versions: Path) -> None:
    broken = versions / "c_july.YAML"
    broken.write_text(rules_text("七月版", "2026-7"), "utf-8")
    with pytest.raises(CsreportError) as caught:
        load_rules_for(str(versions), "2026-05")  # 四月版 would do, but the July file is broken now
    assert caught.value.message("zh") == (
        f"规则文件 {broken} 第 2 行，effective_from：「2026-7」不是月份：请写成 年-月，如 2026-07"
    )


def test_the_version_takes_the_profile(tmp_path: Path) -> None:
    (tmp_path / "multi.yaml").write_text("effective_from: 2026-01\n" + preset_text("multi"), "utf-8")
    rules = load_rules_for(str(tmp_path), "2026-02", profile="重服务")
    assert (rules.profile, rules.tables[0].kpis[0].weight) == ("重服务", 15)
    with pytest.raises(CsreportError) as caught:
        load_rules_for(str(tmp_path), "2026-02", profile="重利润")
    assert (
        caught.value.message("zh") == "规则「多维度考核」中没有权重方案「重利润」。可用方案：重服务, 重转化"
    )


# ---- a single file, a preset --------------------------------------------------------------------


def test_a_file_not_yet_in_force_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "七月.yaml"
    path.write_text(rules_text("七月版", "2026-07"), "utf-8")
    with pytest.raises(CsreportError) as caught:
        load_rules_for(str(path), "2026-05")
    assert caught.value.message("zh") == (
        f"规则文件 {path} 自 2026-07 起生效，不适用于 2026-05：请用该月生效的规则版本，"
        "或用 --rules 指定存放各版本规则的文件夹。"
    )
    assert caught.value.message("en") == (
        f"The rules file {path} is in force from 2026-07 and does not apply to 2026-05: use the version "
        "in force for that month, or give --rules a folder of rule versions."
    )
    assert load_rules_for(str(path), "2026-07").name == "七月版"
    assert load_rules_for(str(path), "2026-12").name == "七月版"
    assert load_rules_for(str(path), None).name == "七月版"  # no month: nothing to check against


def test_presets_and_files_load_as_load_rules_does(tmp_path: Path) -> None:
    assert load_rules_for(None, "2026-05") == load_rules("standard")
    assert load_rules_for("标准", "2026-05") == load_rules("standard")
    assert load_rules_for("multi", "2026-05", "重转化") == load_rules("multi", "重转化")
    with pytest.raises(CsreportError) as caught:
        load_rules_for(str(tmp_path / "nope.yaml"), "2026-05")
    assert caught.value.code == "rules.not_found"


def test_load_rules_still_refuses_a_folder(versions: Path) -> None:
    with pytest.raises(CsreportError) as caught:
        load_rules(str(versions))
    assert caught.value.code == "settings.is_folder"


def test_show_says_from_which_month(tmp_path: Path) -> None:
    path = tmp_path / "七月.yaml"
    path.write_text(rules_text("七月版", "2026-07"), "utf-8")
    rules = load_rules(str(path))
    assert show_rules(rules).splitlines()[1] == "生效月份：2026-07 起"
    assert show_rules(rules, "en").splitlines()[1] == "In force from 2026-07"
    assert "生效月份" not in show_rules(load_rules("standard"))
