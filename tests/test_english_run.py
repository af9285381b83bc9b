"""An English run speaks English: the sample month through the command line with ``--lang en``.

The console, every cell of every sheet of the results workbook (with the sheet names and the
page headers and footers), the JSON's texts, ``check``, ``rules show`` and ``rules lint`` hold
no Chinese except

- the data: what the input workbooks hold (names, groups, levels, statuses, file and sheet
  names), collected from the inputs themselves, and the rules' own words (their names, table
  and KPI names, band labels, notes, veto reasons, level names and the rules file as written),
  collected from the loaded rules;
- a Chinese term in parentheses right after its English one ("Agent ID (工号)");
- csreport's fixed file names (客服绩效_…, 考核结果), from ``util.report_names``.

A header of the inputs (工号, 组别, the ten attitude items) is data only as a whole value, such
as the attitude item a JSON record names: inside a sentence it must be glossed.

The PDFs are checked by ``tests/test_scorecard_english.py``.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from csreport.cli.main import main
from csreport.inputs.headers import field_for
from csreport.inputs.mapping import valid_targets
from csreport.rules.loader import load_rules
from csreport.util import report_names
from csreport.util.resources import sample_workbooks_dir

# Han characters, CJK punctuation (、。「」 and the ideographic space) and full-width forms (（）：).
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
# A Chinese term in parentheses right after an English word or a quoted value: "Level (级别)".
GLOSS = re.compile(r"(?<=[A-Za-z')]) \([\u3400-\u4dbf\u4e00-\u9fff]+\)")
FIXED_NAMES = (
    report_names.RESULTS_PREFIX,
    report_names.WRITEBACK_SUFFIX,
    report_names.WRITEBACK_SHEET,
    report_names.RESCUED_MARK.strip(),
)


@dataclasses.dataclass(frozen=True)
class Allowed:
    """The Chinese an English output may hold."""

    inside: tuple[str, ...]  # data that may appear inside a text, longest first
    whole: frozenset[str]  # data that may be a whole value (a cell, a JSON string, a line)

    def foreign(self, text: str) -> str:
        """The Chinese left in ``text`` once the data, the glosses and the fixed names are out."""
        if text.strip() in self.whole:
            return ""
        for value in self.inside:
            text = text.replace(value, "")
        text = GLOSS.sub("", text)
        for name in FIXED_NAMES:
            text = text.replace(name, "")
        return "".join(CJK.findall(text))


def _strings(value: Any) -> Iterator[str]:
    """Every text in a value: strings of dataclasses, tuples, lists and dicts (keys too)."""
    if isinstance(value, str):
        yield value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            yield from _strings(getattr(value, f.name))
    elif isinstance(value, (tuple, list, set, frozenset)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)


def _input_texts(folder: Path) -> tuple[set[str], set[str]]:
    """(data, headers) of the input workbooks: file names, sheet names and cell texts, with the
    cells csreport reads as a header kept apart."""
    data: set[str] = set()
    headers: set[str] = set()
    for path in sorted(folder.iterdir()):
        data.update({path.name, path.stem})
        book = openpyxl.load_workbook(path, read_only=True)
        for ws in book.worksheets:
            data.add(ws.title)
            for row in ws.iter_rows(values_only=True):
                for cell in row:
                    if isinstance(cell, str) and cell.strip():
                        (headers if field_for(cell) else data).add(cell.strip())
        book.close()
    return data, headers


def allowed_for(*rules: str, inputs: Path | None = None) -> Allowed:
    """What may stay Chinese in an English output of ``rules`` (and of ``inputs``)."""
    inside: set[str] = set()
    whole: set[str] = set()
    if inputs is not None:
        data, headers = _input_texts(inputs)
        inside |= data
        whole |= data | headers
    for name in rules:
        ruleset = load_rules(name)
        texts = set(_strings(dataclasses.replace(ruleset, text="")))
        inside |= texts
        # The 规则 sheet shows the rules file line by line, as written.
        whole |= texts | {line.strip() for line in ruleset.text.splitlines()}
    chinese = {t for t in inside if CJK.search(t)}
    return Allowed(tuple(sorted(chinese, key=len, reverse=True)), frozenset(whole))


def _invoke(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr, result.output + result.stderr
    return result.stdout + result.stderr


def _offenders(texts: Iterable[tuple[str, str]], allowed: Allowed) -> list[str]:
    return [f"{where}: {text!r} ({left})" for where, text in texts if (left := allowed.foreign(text))]


@pytest.fixture(scope="module")
def english_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    """The sample month run in English with PDFs: the console output and the month's folder."""
    out = tmp_path_factory.mktemp("english")
    result = CliRunner().invoke(
        main, ["run", str(sample_workbooks_dir()), "--out", str(out), "--lang", "en", "--workers", "2"]
    )
    assert result.exit_code == 0, result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr
    # (the card cache, .csreport-cache, is a hidden folder beside the month's, not a month)
    [month] = [p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")]
    assert list((month / "scorecards").glob("*.pdf")), "the run made no PDF"
    return result.stdout + result.stderr, month


@pytest.fixture(scope="module")
def sample_allowed() -> Allowed:
    return allowed_for("standard", inputs=sample_workbooks_dir())


def test_the_check_sees_bare_chinese(sample_allowed: Allowed) -> None:
    """The test can fail: a Chinese word in a sentence is caught, the data and glosses pass."""
    assert sample_allowed.foreign("工号 KF011 (张思远) in the roster has no data") == "工号"
    assert sample_allowed.foreign("系数 by 级别 × grade") == "系数级别"
    assert sample_allowed.foreign("percentile in 组别") == "组别"
    assert sample_allowed.foreign("Agent ID (工号) KF011 (张思远) in 一组, level '新员工'") == ""
    assert sample_allowed.foreign("Rules: Standard assessment #0123abcd") == ""
    # An attitude item is a header of the inputs: data as a whole value, not inside a sentence.
    assert sample_allowed.foreign("流程全面,服务规范") == ""
    assert sample_allowed.foreign("no score for 流程全面,服务规范") == "流程全面服务规范"


def test_console_is_english(english_run: tuple[str, Path], sample_allowed: Allowed) -> None:
    console, _ = english_run
    assert "Rules: Standard assessment #" in console
    lines = [("console", line) for line in console.splitlines()]
    assert _offenders(lines, sample_allowed) == []


def _workbook_texts(path: Path) -> Iterator[tuple[str, str]]:
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        yield ws.title, ws.title
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    yield f"{ws.title}!{cell.coordinate}", cell.value
        for part in (ws.oddHeader, ws.oddFooter):
            for side in (part.left, part.center, part.right):
                if side.text:
                    yield f"{ws.title} header/footer", side.text


def test_workbook_is_english(english_run: tuple[str, Path], sample_allowed: Allowed) -> None:
    _, month = english_run
    [workbook] = month.glob(f"{report_names.RESULTS_PREFIX}*.xlsx")
    texts = list(_workbook_texts(workbook))
    assert ("Rules!A1", "Rules: Standard assessment") in texts
    footers = [text for where, text in texts if where == "Summary header/footer"]
    assert any(text.startswith("Rules Standard assessment #") for text in footers), footers
    assert _offenders(texts, sample_allowed) == []


def _json_texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield f"{path}.{key} (key)", key
            yield from _json_texts(item, f"{path}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _json_texts(item, f"{path}[{i}]")


def test_json_is_english(english_run: tuple[str, Path], sample_allowed: Allowed) -> None:
    _, month = english_run
    [result] = month.glob(f"{report_names.RESULTS_PREFIX}*.json")
    payload = json.loads(result.read_text("utf-8"))
    assert payload["meta"]["rules_name_en"] == "Standard assessment"
    assert _offenders(_json_texts(payload), sample_allowed) == []


def test_check_is_english(sample_allowed: Allowed) -> None:
    output = _invoke("check", str(sample_workbooks_dir()), "--lang", "en")
    assert "Month 2026-10:" in output
    # How each sheet was read lists its headers, and the canonical headers a mapping file
    # would write: both are names a user types, so they stay as written.
    _data, headers = _input_texts(sample_workbooks_dir())
    names = {n for n in valid_targets() if CJK.search(n)}
    inside = tuple(sorted({*sample_allowed.inside, *headers, *names}, key=len, reverse=True))
    allowed = Allowed(inside, sample_allowed.whole)
    assert "  used: A 工号, B 日期, C 接待人数" in output
    assert _offenders((("check", line) for line in output.splitlines()), allowed) == []


def test_rules_show_is_english() -> None:
    output = _invoke("rules", "show", "standard", "--lang", "en")
    assert "Coefficient (系数) by level (级别) and grade" in output and "Team leader" in output
    lines = [("rules show", line) for line in output.splitlines()]
    assert _offenders(lines, allowed_for("standard")) == []


def test_rules_lint_is_english() -> None:
    output = _invoke("rules", "lint", "字面", "--lang", "en")
    assert "finding(s)." in output
    lines = [("rules lint", line) for line in output.splitlines()]
    assert _offenders(lines, allowed_for("literal")) == []
