"""Optional accelerators for the scorecard renderer, built on WeasyPrint internals.

The renderer (``csreport.outputs.pdf.renderer``) works with WeasyPrint's public API
alone. This package makes it faster by reaching into WeasyPrint's private modules, so
it is kept apart and may never break a run:

- nothing imports it at module load: the renderer asks for it with :func:`load` when a
  ``ScorecardRenderer`` is built, and not at all when ``CSREPORT_PDF_FAST=0``;
- it switches itself off on a WeasyPrint version not in ``TESTED_VERSIONS``;
- the monkeypatches it needs are applied only for the duration of
  ``Accelerators.patched()``, a context manager the renderer wraps around its own layout
  and painting; entering and leaving it is guarded by one lock, and leaving the
  outermost block puts every patched attribute back;
- an ``ImportError`` or ``AttributeError`` raised while an accelerator is being applied
  (a WeasyPrint that moved an internal) switches the accelerators off
  (``Accelerators.broken``) and the renderer carries on with the public API.

The accelerators (``Accelerators.LEVERS``), each kept because it saves at least 3% of a
card's instructions (``bench/bench_instructions.py``, figures in ``bench/RESULTS.md``):

- ``xml``, ``ua`` (``parse``): XHTML read by the XML parser; a leaner user-agent sheet;
- ``pango`` (``pango_setup``): Pango set-up made once per style, not once per text;
- ``paint`` (``output``, ``writer``, ``hb_subset``): each page painted once, every PDF
  assembled from the paintings, fonts subset faster.

Which internals each module touches is said in its docstring.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
from collections.abc import Callable, Iterator
from typing import Any

ENV = "CSREPORT_PDF_FAST"
# Exact releases the accelerators were tested with (tests/test_pdf_*.py with the fast path on):
# internals may change in any release, so a new one runs the public path until it is added here.
TESTED_VERSIONS: tuple[str, ...] = ("70.0",)
# Every internal the accelerators use, checked before any of them is applied: a release that
# moved one gets the public path from the start instead of a failure part-way through.
REQUIRED: tuple[tuple[str, str], ...] = (
    ("weasyprint", "HTML._ua_stylesheets"),  # parse
    ("cssselect2", "ElementWrapper.from_html_root"),  # parse
    ("weasyprint.text.line_break", "Layout.setup"),  # pango_setup
    ("weasyprint.text.line_break", "strut"),  # pango_setup
    ("weasyprint.text.fonts", "get_font_description"),  # pango_setup
    ("weasyprint.text.fonts", "font_features"),  # pango_setup
    ("weasyprint.css", "ComputedStyle"),  # pango_setup
    ("weasyprint.css", "AnonymousStyle"),  # pango_setup
    ("weasyprint.document", "Page.paint"),  # writer
    ("weasyprint.pdf.stream", "Stream"),  # writer
    ("weasyprint.pdf.fonts", "build_fonts_dictionary"),  # writer
    ("weasyprint.pdf.fonts", "Font.subset"),  # hb_subset
    ("weasyprint.pdf.anchors", "add_outlines"),  # writer
    ("weasyprint.text.fonts", "get_hb_object_data"),  # hb_subset
)
# Exceptions that mean "this WeasyPrint is not the one the accelerators know".
MISMATCH: tuple[type[BaseException], ...] = (ImportError, AttributeError)


def wanted() -> bool:
    """Whether the accelerators may be used at all (``CSREPORT_PDF_FAST=0`` says no)."""
    return os.environ.get(ENV, "").strip() != "0"


def tested(version: str | None = None) -> bool:
    """Whether ``version`` (default: the installed WeasyPrint) is one the accelerators were
    tested with."""
    if version is None:
        import weasyprint

        version = weasyprint.__version__
    return version in TESTED_VERSIONS


def check_internals(required: tuple[tuple[str, str], ...] = REQUIRED) -> None:
    """Raise ``ImportError``/``AttributeError`` when an internal in ``required`` is missing."""
    for module_name, path in required:
        found: Any = importlib.import_module(module_name)
        for name in path.split("."):
            found = getattr(found, name)


class _Patches:
    """Attributes replaced for the duration of the outermost ``active()`` block.

    One per process. The lock makes "patch unless patched" and "unpatch when the last
    user leaves" atomic, so two threads rendering at once neither patch twice nor leave
    a patch behind.
    """

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.users = 0
        self.saved: list[tuple[Any, str, Any]] = []  # (owner, name, original), in order

    def replace(self, owner: Any, name: str, new: Any) -> None:
        """Set ``owner.name = new`` and remember the original (call with the lock held)."""
        self.saved.append((owner, name, getattr(owner, name)))
        setattr(owner, name, new)

    def _restore(self) -> None:
        while self.saved:
            owner, name, original = self.saved.pop()
            setattr(owner, name, original)

    @contextlib.contextmanager
    def active(self, install: Callable[[_Patches], None]) -> Iterator[None]:
        """Run the block with ``install``'s patches applied (nested blocks share them).

        If ``install`` fails, whatever it had patched is put back before the error
        leaves this function.
        """
        with self.lock:
            if self.users == 0:
                try:
                    install(self)
                except BaseException:
                    self._restore()
                    raise
            self.users += 1
        try:
            yield
        finally:
            with self.lock:
                self.users -= 1
                if self.users == 0:
                    self._restore()


PATCHES = _Patches()


class Accelerators:
    """The accelerators one renderer uses, and whether they still may be used.

    ``levers`` names the ones switched on (all of ``LEVERS`` by default; the benchmark
    switches them off one at a time). Each method returns None (or does nothing) when
    the renderer should use the public API instead.
    """

    # Each kept because it saves at least 3% of a card's instructions
    # (bench/bench_instructions.py; figures in bench/RESULTS.md).
    LEVERS: tuple[str, ...] = ("xml", "ua", "pango", "paint")

    def __init__(self, levers: tuple[str, ...] | None = None) -> None:
        self.levers = set(self.LEVERS if levers is None else levers)
        self.broken = False
        self._ua: dict[int, Any] = {}  # id(font config) -> lean UA stylesheet or None
        # One WeasyPrint Font per font for the renderer: each holds the whole font file.
        self.fonts: dict[Any, Any] = {}

    @property
    def on(self) -> bool:
        """Whether any accelerator is still in use."""
        return bool(self.levers) and not self.broken

    def mismatch(self, exc: BaseException) -> bool:
        """Whether ``exc`` means these internals are not what the accelerators expect; if
        so they are switched off for good (the caller then redoes its work publicly)."""
        if self.on and isinstance(exc, MISMATCH):
            self.broken = True
            return True
        return False

    def _install(self, patches: _Patches) -> None:
        if "pango" in self.levers:
            from csreport.outputs.pdf.fast import pango_setup

            pango_setup.install(patches)

    @contextlib.contextmanager
    def patched(self) -> Iterator[None]:
        """The block runs with this renderer's WeasyPrint patches applied; on a mismatch
        (``MISMATCH`` raised while applying them) it runs on the public API and
        ``broken`` is set."""
        with contextlib.ExitStack() as stack:
            if self.on and "pango" in self.levers:
                try:
                    stack.enter_context(PATCHES.active(self._install))
                except MISMATCH:
                    self.broken = True
            yield

    def parse(self, renderer: Any, html: str) -> Any | None:
        """``html`` as a WeasyPrint ``HTML`` for ``renderer`` (a ``ScorecardRenderer``),
        or None to parse it the public way."""
        if not (self.on and self.levers & {"xml", "ua"}):
            return None
        try:
            from csreport.outputs.pdf.fast import parse

            document = None
            if "xml" in self.levers:
                document = parse.xml_html(html, renderer.base_url, renderer.fetcher)
            if "ua" in self.levers:
                key = id(renderer.font_config)
                if key not in self._ua:
                    self._ua[key] = parse.lean_ua_stylesheet(renderer.font_config)
                if document is None:
                    from weasyprint import HTML

                    document = HTML(string=html, base_url=renderer.base_url, url_fetcher=renderer.fetcher)
                parse.use_stylesheet(document, self._ua[key])
            return document
        except MISMATCH:
            self.broken = True
            return None

    def writer(self, renderer: Any, meta: Any) -> Any | None:
        """The paint-once PDF writer for ``renderer``'s run ``meta``, or None."""
        if not (self.on and "paint" in self.levers):
            return None
        try:
            from csreport.outputs.pdf.fast.output import PaintOnceWriter
        except MISMATCH:
            self.broken = True
            return None
        return PaintOnceWriter(renderer, meta, self)


def load(levers: tuple[str, ...] | None = None) -> Accelerators | None:
    """The accelerators for a new renderer, or None when they are not to be used:
    switched off by ``CSREPORT_PDF_FAST=0``, an untested WeasyPrint, or an internal missing."""
    if not wanted() or not tested():
        return None
    try:
        check_internals()
    except MISMATCH:
        return None
    return Accelerators(levers)
