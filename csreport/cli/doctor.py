"""``csreport doctor``: is this machine ready to render Chinese PDF scorecards quickly?"""

from __future__ import annotations

import platform
from dataclasses import dataclass, field

from csreport.messages import translate
from csreport.reports import ExitCode


@dataclass
class Diagnosis:
    """The doctor's findings: (ok, line) pairs, in the reader's language."""

    lines: list[tuple[bool, str]] = field(default_factory=list)

    @property
    def exit_code(self) -> ExitCode:
        """0 when every check is fine, 1 when one is not."""
        return ExitCode.OK if all(ok for ok, _ in self.lines) else ExitCode.NOT_CLEAN


def diagnose(lang: str = "zh") -> Diagnosis:
    """Python, WeasyPrint, the PDF accelerators, the CJK font, libharfbuzz-subset and the
    templates."""
    lines: list[tuple[bool, str]] = [(True, f"Python {platform.python_version()}")]
    try:
        import weasyprint

        lines.append((True, f"WeasyPrint {weasyprint.__version__}"))
    except Exception as exc:  # missing Pango/GTK shows up as OSError at import time
        lines.append((False, translate("doctor.weasyprint_broken", lang, reason=str(exc)[:160])))
    else:
        lines.append(_accelerators(lang))
    from csreport.outputs.pdf.fonts import find_cjk_font, harfbuzz_subset_available

    font = find_cjk_font()
    lines.append(
        (True, translate("doctor.font", lang, font=str(font)))
        if font
        else (False, translate("doctor.no_font", lang))
    )
    lines.append(
        (True, translate("doctor.harfbuzz", lang))
        if harfbuzz_subset_available()
        else (False, translate("doctor.no_harfbuzz", lang))
    )
    from csreport.outputs.pdf.scorecards import default_templates_dir

    tdir = default_templates_dir()
    ok = (tdir / "scorecard.html").is_file()
    lines.append((ok, translate("doctor.templates" if ok else "doctor.no_templates", lang, path=str(tdir))))
    return Diagnosis(lines)


def _accelerators(lang: str) -> tuple[bool, str]:
    """Whether the PDF accelerators are on and, if not, why: fine when they are on or the
    user switched them off (``CSREPORT_PDF_FAST=0``), a finding when this WeasyPrint
    cannot have them (PDFs then take about 60% longer)."""
    from csreport.outputs.pdf.acceleration import SWITCHED_OFF, status
    from csreport.problems import CsreportError

    try:
        found = status()
    except CsreportError as exc:  # the PDF engine cannot load: said by the line above
        return False, exc.message(lang)
    return found.on or found.reason == SWITCHED_OFF, found.describe(lang)
