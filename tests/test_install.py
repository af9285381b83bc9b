"""The package declares what it runs on: a plain ``pip install`` runs a month with PDFs.

``test_every_runtime_import_is_declared`` reads every import under ``csreport/`` (lazy ones
inside functions included) and checks that the distribution providing it is in
``[project].dependencies``; it is instant and catches a new undeclared import at once.
``test_fresh_install_runs_a_month`` proves it for real: a new venv, ``pip install <repo>``
with the runtime dependencies only (no test extra, normal build isolation, so a missing build
dependency fails too), ``pip check``, then ``csreport run`` on the bundled sample workbooks
with PDFs. It needs PyPI (or the machine's configured index) and takes about 25 s with pip's
cache warm; it is marked ``install`` so it can be deselected locally (``-m "not install"``),
and it runs in CI like every other test.
"""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import tomllib
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_workbooks"


def _project() -> dict:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)["project"]


def _norm(name: str) -> str:
    """A distribution name as PEP 503 compares them."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> dict[str, str]:
    """Declared runtime dependencies: normalised name → its requirement text."""
    return {_norm(re.split(r"[\s<>=!~;\[]", req, maxsplit=1)[0]): req for req in _project()["dependencies"]}


def _imported_modules() -> dict[str, list[str]]:
    """Top-level modules imported anywhere in ``csreport/`` → the files importing them."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "csreport").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.partition(".")[0], []).append(str(path.relative_to(ROOT)))
    return found


def test_every_runtime_import_is_declared() -> None:
    providers = importlib.metadata.packages_distributions()
    declared = _declared()
    missing = {}
    for module, files in _imported_modules().items():
        if module in sys.stdlib_module_names or module == "csreport":
            continue
        dists = {_norm(d) for d in providers.get(module, [])}
        if not dists & set(declared):
            missing[module] = (sorted(dists), sorted(set(files)))
    assert missing == {}, f"imported but not in [project].dependencies: {missing}"
    assert "pypdf" in declared and "pypdf" not in " ".join(_project()["optional-dependencies"]["test"])


def test_declared_ranges_hold_what_is_installed() -> None:
    """Every declared range admits the version the tests run with, and each has an upper bound."""
    from packaging.requirements import Requirement

    for text in _declared().values():
        req = Requirement(text)
        version = importlib.metadata.version(req.name)
        assert req.specifier.contains(version, prereleases=True), (text, version)
        assert any(s.operator == "<" for s in req.specifier), f"{text} has no upper bound"
    # The accelerators' tested releases lie inside the declared range, whose oldest release
    # (68.0) tests/test_pdf_versions.py renders with.
    from csreport.outputs.pdf.fast import TESTED_VERSIONS

    weasy = Requirement(_declared()["weasyprint"])
    assert all(weasy.specifier.contains(v) for v in TESTED_VERSIONS)
    assert [v for v in ("67.0", "68.0", "70.0", "70.9", "71.0") if weasy.specifier.contains(v)] == [
        "68.0",
        "70.0",
        "70.9",
    ]


def _run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, **kw)  # type: ignore[call-overload]


@pytest.mark.install
def test_fresh_install_runs_a_month(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    # Nothing of this test's environment may leak in: no source tree on the path, no active venv.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP", "PYTHONUSERBASE")
    }
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", PYTHONNOUSERSITE="1")
    made = _run([sys.executable, "-m", "venv", str(venv)], env=env, timeout=300)
    assert made.returncode == 0, made.stderr
    python = bindir / ("python.exe" if os.name == "nt" else "python")

    # Runtime dependencies only: no extras, normal build isolation (a wheel cache is pip's own).
    inst = _run([str(python), "-m", "pip", "install", "--quiet", str(ROOT)], env=env, timeout=900)
    assert inst.returncode == 0, inst.stdout[-3000:] + inst.stderr[-3000:]
    check = _run([str(python), "-m", "pip", "check"], env=env, timeout=300)
    assert (check.returncode, check.stdout.strip()) == (0, "No broken requirements found."), check.stderr

    probe = _run(
        [
            str(python),
            "-c",
            "import importlib.util as u, csreport; print(csreport.__file__); "
            "print([m for m in ('pytest', 'hypothesis') if u.find_spec(m)])",
        ],
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    where, test_tools = probe.stdout.splitlines()
    assert Path(where).resolve().is_relative_to(venv.resolve())  # the installed copy, not the source tree
    assert test_tools == "[]"

    out = tmp_path / "out"
    run = _run(
        [str(bindir / "csreport"), "run", str(SAMPLES), "--out", str(out)], env=env, cwd=tmp_path, timeout=600
    )
    assert run.returncode == 0, run.stdout + run.stderr
    month = out / "2026-10"
    book = openpyxl.load_workbook(month / "客服绩效_2026-10.xlsx", read_only=True)
    assert "数据问题" in book.sheetnames
    book.close()
    assert (month / "客服绩效_2026-10.json").stat().st_size > 0
    pdfs = {p.name: p for p in month.rglob("*.pdf")}
    # The samples' roster has 14 agents, KF001-KF014, in two teams.
    cards = sorted(n.partition("_")[0] for n in pdfs if n.startswith("KF"))
    assert cards == [f"KF{i:03d}" for i in range(1, 15)]
    assert {"团队_一组.pdf", "团队_二组.pdf", "全店_2026-10.pdf"} <= set(pdfs)
    assert len(pdfs) == 17
    for path in pdfs.values():
        assert len(PdfReader(path).pages) >= 1, path.name
