"""The documented example files load, lint clean and work on the sample month."""

from __future__ import annotations

from pathlib import Path

from csreport.api import RunOptions, run_month
from csreport.inputs.mapping import load_mapping
from csreport.rules.lint import lint
from csreport.rules.loader import load_rules

ROOT = Path(__file__).resolve().parents[1]


def test_example_rules_lint_clean_and_score(tmp_path: Path) -> None:
    rules = load_rules(str(ROOT / "examples" / "my_rules.yaml"))
    assert lint(rules) == []
    assert sum(k.weight for k in rules.tables[0].kpis) == rules.tables[0].total == 105
    report = run_month(
        [ROOT / "sample_workbooks"],
        RunOptions(
            out_dir=tmp_path,
            rules=str(ROOT / "examples" / "my_rules.yaml"),
            mapping=ROOT / "examples" / "mapping.yaml",
            pdf=False,
        ),
    )
    kf003 = next(a for a in report.result.agents if a.agent_id == "KF003")
    assert {k.kpi_id for k in kf003.kpis} >= {"full_attendance", "late_deduction"}


def test_example_mapping_targets_known_fields() -> None:
    mapping = load_mapping(ROOT / "examples" / "mapping.yaml")
    assert mapping is not None
    assert mapping["进线量"] == "received"
    assert mapping["响应均时(秒)"] == "avg_response_s"
