"""Whether the scorecard renderer uses the accelerators of ``fast``, and if not, why.

Asked by the renderer when it is built (:func:`load`), by ``csreport doctor`` and by the
run's console before PDFs are made (:func:`status`, :func:`public_path_note`). With
``CSREPORT_PDF_FAST=0`` the ``fast`` package is not even imported.

The accelerators are off for one of three reasons (``Status.reason``): the user switched
them off (``CSREPORT_PDF_FAST=0``), the installed WeasyPrint is not a release they were
tested with (``fast.TESTED_VERSIONS``), or one of the WeasyPrint internals they use
(``fast.REQUIRED``) is missing. Off, every PDF is made with WeasyPrint's public API: the
same PDFs, in about 60% more time.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from csreport.messages import Bilingual, both, listed, translate
from csreport.problems import CsreportError

ENV = "CSREPORT_PDF_FAST"
# Why the accelerators are off (``Status.reason``).
SWITCHED_OFF = "switched_off"
UNTESTED = "untested"
MISSING = "missing"


@dataclass(frozen=True)
class Status:
    """Whether the accelerators are used with the installed WeasyPrint, and if not, why."""

    reason: str | None = None  # None: on; else SWITCHED_OFF, UNTESTED or MISSING
    version: str = ""  # the installed WeasyPrint's ("" when not looked at)
    tested: tuple[str, ...] = ()  # the releases the accelerators were tested with
    internal: str = ""  # the missing internal (MISSING), e.g. "weasyprint.text.line_break.strut"

    @property
    def on(self) -> bool:
        """Whether the renderer uses the accelerators."""
        return self.reason is None

    def why(self) -> Bilingual | None:
        """Why the installed WeasyPrint cannot have them, in both languages (a message
        parameter); None when it can (on, or switched off by the user)."""
        if self.reason == UNTESTED:
            return both("pdf.fast_why_untested", version=self.version)
        if self.reason == MISSING:
            return both("pdf.fast_why_missing", version=self.version, internal=self.internal)
        return None

    def describe(self, lang: str) -> str:
        """One line for ``csreport doctor``: on, switched off, or off and why."""
        if self.reason is None:
            return translate("pdf.fast_on", lang, version=self.version)
        if self.reason == SWITCHED_OFF:
            return translate("pdf.fast_off", lang)
        tested = listed(self.tested, "list.or")
        return translate("pdf.fast_unusable", lang, reason=self.why(), tested=tested)


def wanted() -> bool:
    """Whether the accelerators may be used at all (``CSREPORT_PDF_FAST=0`` says no)."""
    return os.environ.get(ENV, "").strip() != "0"


def status() -> Status:
    """The accelerators' status with the installed WeasyPrint (which this imports, unless
    they are switched off). Raises ``pdf.unavailable`` when the PDF engine cannot load."""
    if not wanted():
        return Status(SWITCHED_OFF)
    from csreport.outputs.pdf.engine import load_engine

    load_engine()
    from csreport.outputs.pdf import fast

    return fast.status()


def load(levers: tuple[str, ...] | None = None) -> Any | None:
    """The accelerators for a new renderer (a ``fast.Accelerators`` with ``levers``, all by
    default), or None when :func:`status` says they are off."""
    if not status().on:
        return None
    from csreport.outputs.pdf import fast

    return fast.Accelerators(levers)


def public_path_note(lang: str) -> str | None:
    """The console's one note before a run whose PDFs will be made on the slower public
    path for a reason other than ``CSREPORT_PDF_FAST=0``; None otherwise (also when the PDF
    engine cannot load: the run says that itself)."""
    try:
        found = status()
    except CsreportError:
        return None
    reason = found.why()
    return None if reason is None else translate("pdf.public_path", lang, reason=reason)
