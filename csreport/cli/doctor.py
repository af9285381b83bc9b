"""``csreport doctor``: can this machine make the Chinese PDF scorecards, how, and how quickly?

It says which way a run will make the PDFs and why: the engine the run takes (``--pdf-engine``,
else ``pdf_engine:`` in the settings file, else ``auto``: WeasyPrint; else a browser on the
computer; else HTML scorecards to print by hand), and for everything missing how to get it,
in plain words for the platform it runs on. Its exit code is what a first-run check needs: 0
when PDFs can be made one way or another, 1 when something the user needs is missing (no
way to make PDFs, or not the way the settings insist on; no Chinese font; no templates). A
finding that only means "slower" (the accelerators, libharfbuzz-subset) or "made another
way" (WeasyPrint missing where a browser prints, a browser ``CSREPORT_BROWSER`` names passed
over for another) is shown but does not fail it.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from csreport.cli.settings import DEFAULT_NAME, Config
from csreport.messages import Bilingual, both, translate
from csreport.problems import CsreportError
from csreport.reports import ExitCode

if TYPE_CHECKING:
    from csreport.outputs.pdf.browser import Choice


@dataclass
class Diagnosis:
    """The doctor's findings: (ok, line) pairs, in the reader's language, and which of the
    findings that are not ok still leave the PDFs made (``minor``: indexes into ``lines``)."""

    lines: list[tuple[bool, str]] = field(default_factory=list)
    minor: set[int] = field(default_factory=set)

    def add(self, ok: bool, line: str, *, minor: bool = False) -> None:
        """One finding; ``minor``: when not ok, it makes the PDFs slower or makes them
        another way, but they are made."""
        if minor:
            self.minor.add(len(self.lines))
        self.lines.append((ok, line))

    def marked(self) -> list[str]:
        """The findings as printed: "✓ " before a fine one, "! " before one that leaves the PDFs
        made (slower, or another way), "✗ " before one the user needs to act on."""
        return [
            ("✓ " if ok else "! " if i in self.minor else "✗ ") + line
            for i, (ok, line) in enumerate(self.lines)
        ]

    @property
    def exit_code(self) -> ExitCode:
        """0 when the PDFs can be made (every finding fine, or minor), 1 when they cannot."""
        needed = [ok for i, (ok, _) in enumerate(self.lines) if i not in self.minor]
        return ExitCode.OK if all(needed) else ExitCode.NOT_CLEAN


def engine_asked(option: str | None, cfg: Config) -> tuple[str, Bilingual | None]:
    """The PDF engine a run with these settings uses, as ``run`` takes it (``--pdf-engine``
    first, then ``pdf_engine:`` in the settings file, else ``auto``), and why when it is not
    ``auto`` by default: the option given, or the settings file's line."""
    if option:
        return option, both("pdf_engine.by_option", engine=option)
    if cfg.pdf_engine:
        where = str(cfg.path) if cfg.path is not None else DEFAULT_NAME
        return cfg.pdf_engine, both("pdf_engine.by_config", engine=cfg.pdf_engine, file=where)
    return "auto", None


def diagnose(
    lang: str = "zh", *, engine: str = "auto", why: Bilingual | None = None, check_browser: bool = True
) -> Diagnosis:
    """Python, how the PDFs will be made by ``engine`` (``auto``, ``weasyprint`` or ``browser``;
    ``why``: why that one, as ``engine_asked`` says) and that they can be (WeasyPrint and its
    accelerators, or the browser), the CJK font, libharfbuzz-subset (with WeasyPrint) and the
    templates.

    ``check_browser``: when a browser will print, print a page with it to see that it can (a
    second or two; the one ``CSREPORT_BROWSER`` names is passed over when it cannot, as a run
    passes it over)."""
    if engine != "auto" and why is None:
        why = both("pdf_engine.by_option", engine=engine)
    found = Diagnosis()
    found.add(True, f"Python {platform.python_version()}")
    from csreport.outputs.pdf.engines import weasyprint_loads

    broken = weasyprint_loads() if engine != "browser" else None
    weasyprint_used = engine != "browser" and broken is None
    if engine == "browser":
        _browser_asked(found, _in(why, lang), lang, check_browser)
    elif broken is None:
        import weasyprint

        version = weasyprint.__version__
        if engine == "weasyprint":
            line = translate("pdf_engine.doctor_weasyprint_asked", lang, version=version, why=_in(why, lang))
        else:
            line = translate("pdf_engine.doctor_weasyprint", lang, version=version)
        found.add(True, line)
        ok, line = _accelerators(lang)
        found.add(ok, line, minor=True)
    elif engine == "weasyprint":
        _weasyprint_missing(found, _in(why, lang), str(broken.params.get("reason", "")), lang, check_browser)
    else:
        _without_weasyprint(found, str(broken.params.get("reason", "")), lang, check_browser)
    from csreport.outputs.pdf.fonts import find_cjk_font, harfbuzz_subset_available

    font = find_cjk_font()
    found.add(
        bool(font),
        translate("doctor.font", lang, font=str(font)) if font else translate("doctor.no_font", lang),
    )
    if weasyprint_used:
        fast = harfbuzz_subset_available()
        found.add(fast, translate("doctor.harfbuzz" if fast else "doctor.no_harfbuzz", lang), minor=True)
    from csreport.outputs.pdf.templates import default_templates_dir

    tdir = default_templates_dir()
    ok = (tdir / "scorecard.html").is_file()
    found.add(ok, translate("doctor.templates" if ok else "doctor.no_templates", lang, path=str(tdir)))
    return found


def _in(said: Bilingual | None, lang: str) -> str:
    """``said`` in ``lang`` ("" for None)."""
    if said is None:
        return ""
    return said.en if lang == "en" else said.zh


def _cannot_print(chosen: Choice, check: bool) -> Bilingual | None:
    """Why the browser chosen cannot print a test page; None when it can, is not checked
    (``check``), or is the one ``CSREPORT_BROWSER`` names (checked while choosing it)."""
    if chosen.browser is None or not check or chosen.browser.path == chosen.named:
        return None
    from csreport.outputs.pdf.browser import check_print

    try:
        check_print(chosen.browser)
    except CsreportError as exc:
        if exc.code != "pdf_engine.print_failed":
            raise
        reason = exc.params.get("reason")
        return reason if isinstance(reason, Bilingual) else Bilingual(str(reason), str(reason))
    return None


def _named_line(found: Diagnosis, chosen: Choice, lang: str, *, printing: bool) -> None:
    """The finding on the browser ``CSREPORT_BROWSER`` names when it is passed over: what is
    wrong with it, the browser used instead, how to put it right (no line when it is used).
    Without another browser, the findings after it say none was found."""
    if chosen.passed_over is None:
        return
    said = (
        chosen.said()
        if chosen.browser is not None
        else both("pdf_engine.named_fix", problem=chosen.passed_over)
    )
    found.add(False, _in(said, lang), minor=printing)


def _browser_asked(found: Diagnosis, why: str, lang: str, check: bool) -> None:
    """The findings when a browser is asked for (``pdf_engine: browser``): the browser that will
    print (and that it can), or that none can and no PDFs will be made."""
    from csreport.outputs.pdf.browser import choose_browser

    chosen = choose_browser(check=check)
    browser = chosen.browser
    failure = _cannot_print(chosen, check)
    if browser is None:
        found.add(False, translate("pdf_engine.doctor_browser_asked_none", lang, why=why))
    elif failure is not None:
        found.add(
            False,
            translate(
                "pdf_engine.doctor_browser_asked_broken",
                lang,
                why=why,
                browser=browser.said(),
                reason=failure,
            ),
        )
    else:
        found.add(True, translate("pdf_engine.doctor_browser_asked", lang, why=why, browser=browser.said()))
    _named_line(found, chosen, lang, printing=browser is not None and failure is None)
    if browser is None:
        found.add(
            False,
            translate("pdf_engine.doctor_no_browser", lang, how=how_to_get_a_browser(sys.platform, lang)),
        )


def _weasyprint_missing(found: Diagnosis, why: str, reason: str, lang: str, check: bool) -> None:
    """The finding when WeasyPrint is asked for (``pdf_engine: weasyprint``) and cannot load: no
    PDFs, how to get its libraries, and that ``auto`` would have a browser print them when
    there is one."""
    from csreport.outputs.pdf.browser import choose_browser

    how = how_to_get_pango(sys.platform, lang)
    chosen = choose_browser(check=check)
    if chosen.browser is not None and _cannot_print(chosen, check) is None:
        how += translate("sentence.sep", lang) + translate(
            "pdf_engine.or_auto", lang, name=chosen.browser.name
        )
    found.add(False, translate("pdf_engine.doctor_weasyprint_missing", lang, why=why, reason=reason, how=how))


def _without_weasyprint(found: Diagnosis, reason: str, lang: str, check_browser: bool) -> None:
    """The findings when WeasyPrint cannot load (``auto``): the browser that will print the
    PDFs (and that it can), else that HTML scorecards will be written; then how to get
    WeasyPrint's libraries and, without a browser, one."""
    from csreport.outputs.pdf.browser import choose_browser

    chosen = choose_browser(check=check_browser)
    browser = chosen.browser
    failure = _cannot_print(chosen, check_browser)
    if browser is None:
        found.add(False, translate("pdf_engine.doctor_html", lang))
    elif failure is not None:
        found.add(
            False,
            translate(
                "pdf_engine.doctor_browser_broken",
                lang,
                name=browser.name,
                path=str(browser.path),
                reason=failure,
            ),
        )
    else:
        found.add(
            True, translate("pdf_engine.doctor_browser", lang, name=browser.name, path=str(browser.path))
        )
    printing = browser is not None and failure is None
    _named_line(found, chosen, lang, printing=printing)
    how = how_to_get_pango(sys.platform, lang)
    if printing and browser is not None:
        how += translate("sentence.sep", lang) + translate(
            "pdf_engine.browser_is_enough", lang, name=browser.name
        )
    found.add(
        False, translate("pdf_engine.doctor_weasyprint_broken", lang, reason=reason, how=how), minor=printing
    )
    if browser is None:
        found.add(
            False,
            translate("pdf_engine.doctor_no_browser", lang, how=how_to_get_a_browser(sys.platform, lang)),
        )


def how_to_get_pango(system: str, lang: str) -> str:
    """How to install WeasyPrint's libraries on ``system`` (a ``sys.platform`` value), following
    WeasyPrint's own instructions (on Windows: MSYS2 and its UCRT64 Pango package)."""
    if system == "win32":
        return translate("pdf_engine.how_pango_windows", lang)
    if system == "darwin":
        return translate("pdf_engine.how_pango_macos", lang)
    return translate("pdf_engine.how_pango_linux", lang)


def how_to_get_a_browser(system: str, lang: str) -> str:
    """How to get a browser that prints the PDFs on ``system`` (a ``sys.platform`` value)."""
    return translate(
        "pdf_engine.how_browser_windows" if system == "win32" else "pdf_engine.how_browser_other", lang
    )


def _accelerators(lang: str) -> tuple[bool, str]:
    """Whether the PDF accelerators are on and, if not, why: fine when they are on or the
    user switched them off (``CSREPORT_PDF_FAST=0``), a finding when this WeasyPrint
    cannot have them (PDFs then take about 60% longer)."""
    from csreport.outputs.pdf.acceleration import SWITCHED_OFF, status

    try:
        found = status()
    except CsreportError as exc:  # the PDF engine cannot load: said by the line above
        return False, exc.message(lang)
    return found.on or found.reason == SWITCHED_OFF, found.describe(lang)
