"""Shared runs for the realistic-input tests: each scenario's workbook pair through ``run_month``.

:func:`pair_runner` builds a scenario from ``tests/realistic.py`` on first use and runs both its
realistic and its canonical input set, caching the reports; each test module wraps it in a
module-scoped ``pair_runs`` fixture. Used by ``test_realistic_scores.py`` and
``test_realistic_quirks.py``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from csreport.api import RunOptions, RunReport, run_month
from tests import realistic as rz

SCENARIOS = sorted(rz.BUILDERS)
DATA = rz.month_data()


def _options(out: Path) -> RunOptions:
    """Run options for a test month; ``mapping`` only when this RunOptions has it."""
    kwargs: dict[str, object] = {"out_dir": out, "month": rz.MONTH, "pdf": False}
    if "mapping" in {f.name for f in dataclasses.fields(RunOptions)}:
        kwargs["mapping"] = None
    return RunOptions(**kwargs)  # type: ignore[arg-type]


@dataclasses.dataclass
class PairRun:
    """A scenario's workbooks and both runs' reports."""

    pair: rz.WorkbookPair
    realistic: RunReport
    canonical: RunReport


def pair_runner(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], PairRun]:
    """A getter that builds and runs a scenario once; later calls reuse the reports."""
    runs: dict[str, PairRun] = {}

    def get(name: str) -> PairRun:
        if name not in runs:
            tmp = tmp_path_factory.mktemp(name)
            pair = rz.BUILDERS[name](tmp, DATA)
            canonical = run_month(pair.canonical, _options(tmp / "out_canonical"))
            realistic = run_month(pair.realistic, _options(tmp / "out_realistic"))
            runs[name] = PairRun(pair, realistic, canonical)
        return runs[name]

    return get


def realistic_file(pair: rz.WorkbookPair) -> str:
    """File name of the one realistic workbook (the one not shared with the canonical set)."""
    (path,) = [p for p in pair.realistic if p not in pair.canonical]
    return path.name
