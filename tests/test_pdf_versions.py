"""The oldest WeasyPrint the package declares writes the same scorecards as the newest.

The suite runs on the newest declared release (the one installed). This test installs the
oldest (the range's lower bound) with ``pip install --no-deps --target`` (WeasyPrint's
wheel alone, from pip's cache when it is there; its own requirements must already be met
by what is installed, which the test checks), renders the sample month with it in a
subprocess and compares every PDF's page count, text and outline with a run on the
newest. The accelerators switch themselves off on the oldest (not in
``fast.TESTED_VERSIONS``), so this is the public path. Marked ``install`` like
``tests/test_install.py``: it needs PyPI (or the configured index) the first time.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import tomllib
from packaging.requirements import Requirement
from packaging.version import Version

from tests.weasy_logs import pdf_contents

ROOT = Path(__file__).resolve().parents[1]
RUN = """
import json, sys
import weasyprint
from csreport.api import RunOptions, run_month
from csreport.outputs.pdf.renderer import ScorecardRenderer
from csreport.util.resources import sample_workbooks_dir
run_month([sample_workbooks_dir()], RunOptions(out_dir=sys.argv[1]))
print(json.dumps([weasyprint.__version__, weasyprint.__file__, ScorecardRenderer().fast is None]))
"""


def declared() -> Requirement:
    """The ``weasyprint`` requirement of ``[project].dependencies``."""
    with (ROOT / "pyproject.toml").open("rb") as handle:
        dependencies = tomllib.load(handle)["project"]["dependencies"]
    [text] = [d for d in dependencies if re.match(r"weasyprint\b", d, re.I)]
    return Requirement(text)


def oldest() -> str:
    """The range's lower bound (``>=``)."""
    [bound] = [s.version for s in declared().specifier if s.operator == ">="]
    return bound


def render(out: Path, path: list[Path]) -> tuple[str, str, bool]:
    """Run the sample month into ``out`` with ``path`` first on ``sys.path``; return the
    WeasyPrint version and file used and whether the renderer went without accelerators."""
    env = {k: v for k, v in os.environ.items() if k != "CSREPORT_PDF_FAST"}
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in [*path, ROOT])
    done = subprocess.run(
        [sys.executable, "-c", RUN, str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    version, where, public = json.loads(done.stdout.strip().splitlines()[-1])
    return version, where, public


def squashed(found: dict) -> dict:
    """PDF contents with whitespace taken out of the text (line breaks may differ)."""
    return {
        name: (pages, [re.sub(r"\s+", "", t) for t in texts], images, outline)
        for name, (pages, texts, images, outline) in found.items()
    }


@pytest.mark.install
def test_oldest_declared_weasyprint_writes_what_the_newest_writes(tmp_path: Path) -> None:
    newest = importlib.metadata.version("weasyprint")
    low = oldest()
    assert declared().specifier.contains(newest) and Version(low) < Version(newest)
    target = tmp_path / "oldest"
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}
    inst = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            f"weasyprint=={low}",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    assert inst.returncode == 0, inst.stdout[-2000:] + inst.stderr[-2000:]
    # --no-deps: what the old release needs must be installed already.
    [dist] = target.glob("weasyprint-*.dist-info")
    for line in (dist / "METADATA").read_text(encoding="utf-8").splitlines():
        if line.startswith("Requires-Dist:") and "extra ==" not in line:
            need = Requirement(line.partition(":")[2].strip())
            assert need.specifier.contains(importlib.metadata.version(need.name), prereleases=True), need

    old_version, old_file, old_public = render(tmp_path / "old", [target])
    assert (old_version, old_public) == (low, True)
    assert Path(old_file).is_relative_to(target)
    new_version, _, _ = render(tmp_path / "new", [])
    assert new_version == newest

    old, new = pdf_contents(tmp_path / "old"), pdf_contents(tmp_path / "new")
    assert len(new) == 17  # 14 cards, two teams, the shop
    assert squashed(old) == squashed(new)
