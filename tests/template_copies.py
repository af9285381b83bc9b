"""Editable copies of the shipped templates, as a user would make them."""

from __future__ import annotations

import shutil
from pathlib import Path

from csreport.outputs.pdf.scorecards import default_templates_dir


def copy_templates(tmp_path: Path, *, html: str = "", css: str = "") -> Path:
    """A copy of the shipped templates in ``tmp_path``, with ``html`` appended to the card
    template and ``css`` to its stylesheet."""
    target = tmp_path / "my_templates"
    shutil.copytree(default_templates_dir(), target)
    for name, extra in (("scorecard.html", html), ("scorecard.css", css)):
        if extra:
            with (target / name).open("a", encoding="utf-8") as handle:
                handle.write(f"\n{extra}\n")
    return target
