"""Where the shipped sample workbooks live, in a wheel or a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # the csreport package


def sample_workbooks_dir() -> Path:
    """The bundled sample workbooks: inside the package when installed, else the repo's."""
    for candidate in (_PACKAGE / "sample_workbooks", _PACKAGE.parent / "sample_workbooks"):
        if candidate.is_dir() and any(candidate.glob("*.xlsx")):
            return candidate
    return _PACKAGE.parent / "sample_workbooks"
