"""Rules ↔ YAML ↔ editable workbook: exact round trips of presets, odd shapes and random rule sets.

Every preset, unusual shapes (empty tables, percent grades, bare levels), any rule set
Hypothesis can draw, shares and floats that are not exactly representable all come back
equal through YAML and through the workbook in both languages. Manager edits and bad cells
are in ``test_rules_xlsx_edits.py``.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from csreport.rules.lint import lint
from csreport.rules.loader import load_rules, parse_rules
from csreport.rules.serialize import dump_rules_yaml, rules_equal, share_text
from csreport.rules.workbook.transfer import export_rules, lint_workbook, read_rules_workbook
from tests.rules_xlsx_helpers import preset, roundtrip_xlsx, rules_data

PRESETS = ("standard", "multi", "literal")
BROKEN = sorted((Path(__file__).parent / "rules_broken").glob("*.yaml"))


@pytest.mark.parametrize("name", PRESETS)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_preset_roundtrips_through_workbook(name: str, lang: str, tmp_path: Path) -> None:
    rules = preset(name)
    assert rules_equal(roundtrip_xlsx(rules, tmp_path, lang), rules)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_test_rules_files_roundtrip_through_workbook(path: Path, lang: str, tmp_path: Path) -> None:
    """The rules files the lint tests use, each with its flaw, come back equal; the linter finds
    the same flaws in the workbook, each at a cell of it."""
    rules = load_rules(str(path))
    book = export_rules(rules, tmp_path / "rules.xlsx", lang)
    read = read_rules_workbook(book)
    assert rules_equal(read.rules, rules)
    located = lint_workbook(read)
    assert [(f.code, f.path) for f, _ in located] == [(f.code, f.path) for f in lint(rules)]
    assert all(cell is not None and cell.row > 0 for _, cell in located), located


@pytest.mark.parametrize("name", PRESETS)
def test_preset_roundtrips_through_yaml(name: str) -> None:
    rules = preset(name)
    text = dump_rules_yaml(rules)
    assert rules_equal(parse_rules(text), rules)
    assert "\\u" not in text  # Chinese is written as is, not escaped


def test_load_rules_reads_an_exported_workbook(tmp_path: Path) -> None:
    rules = load_rules("standard")
    path = export_rules(rules, tmp_path / "规则.xlsx")
    assert rules_equal(load_rules(str(path)), rules)


def test_unusual_shapes_roundtrip(tmp_path: Path) -> None:
    text = """
name: 边角
tables:
  - {id: empty, name: 空表, total: 0, kpis: []}
  - id: t
    name: 表
    total: 10
    kpis:
      - {id: k, name: 指标, weight: 10, input: late, unit: count, mode: linear,
         anchors: [{value: 0, points: 10}, {value: 5, points: 0}],
         vetoes: [{when: "absent_days >= 3", reason: 旷工}]}
grades: [{name: A, min: "87.5%"}]
levels: [{name: 甲}]
coefficients: {甲: {}, 乙: {A: 1.5}}
profiles: {空方案: {weights: {}}}
"""
    rules = parse_rules(text)
    assert rules_equal(parse_rules(dump_rules_yaml(rules)), rules)
    assert rules_equal(roundtrip_xlsx(rules, tmp_path), rules)


@given(st.one_of(st.decimals(0, 200, places=4).map(str), st.floats(0, 1e4).map(repr)))
def test_share_text_reads_back_exactly(written: str) -> None:
    # Any share the loader can produce (through Decimal) is written back to the same float.
    x = float(Decimal(written) / 100)
    assert float(Decimal(share_text(x)[:-1]) / 100) == x


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules_data(), st.sampled_from(["zh", "en"]))
def test_random_rules_roundtrip(data: dict[str, Any], lang: str) -> None:
    rules = parse_rules(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    assert rules_equal(parse_rules(dump_rules_yaml(rules)), rules)
    with tempfile.TemporaryDirectory() as folder:
        back = roundtrip_xlsx(rules, Path(folder), lang)
    assert rules_equal(back, rules), (rules, back)


def test_unrepresentable_float_survives_as_text(tmp_path: Path) -> None:
    text = dump_rules_yaml(load_rules("standard")).replace("points: 20", "points: 0.30000000000000004", 1)
    rules = parse_rules(text)
    assert rules.tables[0].kpis[0].bands[0].points == 0.1 + 0.2
    back = roundtrip_xlsx(rules, tmp_path)
    assert back.tables[0].kpis[0].bands[0].points == 0.1 + 0.2
