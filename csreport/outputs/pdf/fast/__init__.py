"""Optional accelerators for the scorecard renderer, built on WeasyPrint internals.

The renderer (``csreport.outputs.pdf.renderer``) works with WeasyPrint's public API
alone. This package makes it faster by reaching into WeasyPrint's private modules, so
it is kept apart and may never break a run or change anyone else's WeasyPrint:

- nothing imports it at module load: ``acceleration.load`` asks for it when a
  ``ScorecardRenderer`` is built, and not at all when ``CSREPORT_PDF_FAST=0``;
- it switches itself off on a WeasyPrint version not in ``TESTED_VERSIONS``, and when
  an internal in ``REQUIRED`` is missing (checked before any accelerator is used);
- every internal is looked up through :func:`internal`, which turns a lookup that fails
  into :class:`InternalMissing`. That exception alone means "this WeasyPrint moved an
  internal": the renderer then switches the accelerators off (``Accelerators.broken``)
  and redoes its work on the public API. Any other exception is a bug and is not hidden;
- the one process-wide replacement (``pango_setup``: ``Layout.setup`` and ``strut``) is
  installed only for the duration of ``Accelerators.patched()``, guarded by one lock and
  undone when the outermost block ends; and while installed, it does its own work only
  when :data:`RENDERING` is set, which ``patched()`` sets for the calling thread's own
  context. Any other WeasyPrint work in the process (another thread's, or an unrelated
  document) gets WeasyPrint's original functions.

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
import contextvars
import importlib
import threading
from collections.abc import Callable, Iterator
from typing import Any

from csreport.outputs.pdf.acceleration import MISSING, UNTESTED, Status

# Exact releases the accelerators were tested with (tests/test_pdf_*.py with the fast path on):
# internals may change in any release, so a new one runs the public path until it is added here.
TESTED_VERSIONS: tuple[str, ...] = ("70.0",)
# Every internal the accelerators use (module, attribute path), checked before any of them is
# used: a release that moved one gets the public path from the start instead of a failure
# part-way through. ``internal()`` is only ever asked for one of these (tests/test_pdf_fast.py).
REQUIRED: tuple[tuple[str, str], ...] = (
    ("weasyprint", "HTML._ua_stylesheets"),  # parse
    ("cssselect2", "ElementWrapper.from_html_root"),  # parse
    ("weasyprint.text.line_break", "Layout.setup"),  # pango_setup
    ("weasyprint.text.line_break", "strut"),  # pango_setup
    ("weasyprint.layout", ""),  # pango_setup: the modules that imported strut by name
    ("weasyprint.text.constants", "LST_TO_ISO"),  # pango_setup
    ("weasyprint.text.constants", "PANGO_DIRECTION"),  # pango_setup
    ("weasyprint.text.ffi", "FROM_UNITS"),  # pango_setup
    ("weasyprint.text.ffi", "ffi"),  # pango_setup, hb_subset
    ("weasyprint.text.ffi", "gobject"),  # pango_setup
    ("weasyprint.text.ffi", "pango"),  # pango_setup
    ("weasyprint.text.ffi", "unicode_to_char_p"),  # pango_setup
    ("weasyprint.text.ffi", "harfbuzz"),  # hb_subset
    ("weasyprint.text.ffi", "harfbuzz_subset"),  # hb_subset
    ("weasyprint.text.fonts", "get_font_description"),  # pango_setup
    ("weasyprint.text.fonts", "font_features"),  # pango_setup
    ("weasyprint.text.fonts", "get_hb_object_data"),  # hb_subset
    ("weasyprint.css", "ComputedStyle"),  # pango_setup
    ("weasyprint.css", "AnonymousStyle"),  # pango_setup
    ("weasyprint", "VERSION"),  # writer
    ("weasyprint.document", "Page.paint"),  # writer
    ("weasyprint.pdf.stream", "Stream"),  # writer
    ("weasyprint.pdf.fonts", "build_fonts_dictionary"),  # writer
    ("weasyprint.pdf.fonts", "Font.subset"),  # hb_subset
    ("weasyprint.pdf.anchors", "add_outlines"),  # writer
    ("pydyf", "_to_bytes"),  # writer
)
# True while csreport's own render runs in this context (``Accelerators.patched``): the
# process-wide replacements do their own work only then, WeasyPrint's otherwise.
RENDERING: contextvars.ContextVar[bool] = contextvars.ContextVar("csreport_pdf_rendering", default=False)


class InternalMissing(Exception):
    """A WeasyPrint internal the accelerators use is not where they expect it."""

    def __init__(self, name: str) -> None:
        """``name`` is the internal's dotted name, e.g. ``weasyprint.text.line_break.strut``."""
        super().__init__(f"WeasyPrint internal {name} is missing")
        self.internal = name


def internal(module_name: str, path: str = "") -> Any:
    """The internal ``path`` (dotted attributes) of module ``module_name``, or the module
    itself when ``path`` is empty; :class:`InternalMissing` when it cannot be found."""
    name = f"{module_name}.{path}" if path else module_name
    try:
        found: Any = importlib.import_module(module_name)
        for part in path.split(".") if path else ():
            found = getattr(found, part)
    except (ImportError, AttributeError) as exc:
        raise InternalMissing(name) from exc
    return found


def tested(version: str | None = None) -> bool:
    """Whether ``version`` (default: the installed WeasyPrint) is one the accelerators were
    tested with."""
    if version is None:
        import weasyprint

        version = weasyprint.__version__
    return version in TESTED_VERSIONS


def check_internals(required: tuple[tuple[str, str], ...] = REQUIRED) -> None:
    """Raise :class:`InternalMissing` when an internal in ``required`` is missing."""
    for module_name, path in required:
        internal(module_name, path)


def status() -> Status:
    """Whether the accelerators can be used with the installed WeasyPrint (whether the user
    wants them is ``acceleration.status``'s question)."""
    import weasyprint

    version = weasyprint.__version__
    if not tested(version):
        return Status(UNTESTED, version, TESTED_VERSIONS)
    try:
        check_internals()
    except InternalMissing as exc:
        return Status(MISSING, version, TESTED_VERSIONS, exc.internal)
    return Status(None, version, TESTED_VERSIONS)


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
        """Whether ``exc`` says that an internal the accelerators use is missing
        (:class:`InternalMissing`); if so they are switched off for good (the caller then
        redoes its work publicly). Any other exception is not theirs to hide."""
        if self.on and isinstance(exc, InternalMissing):
            self.broken = True
            return True
        return False

    def _install(self, patches: _Patches) -> None:
        from csreport.outputs.pdf.fast import pango_setup

        pango_setup.install(patches)

    @contextlib.contextmanager
    def patched(self) -> Iterator[None]:
        """The block runs with this renderer's WeasyPrint replacements installed and
        :data:`RENDERING` set for it; when an internal they replace is missing it runs on
        the public API and ``broken`` is set."""
        with contextlib.ExitStack() as stack:
            if self.on and "pango" in self.levers:
                try:
                    stack.enter_context(PATCHES.active(self._install))
                except InternalMissing:
                    self.broken = True
                else:
                    stack.callback(RENDERING.reset, RENDERING.set(True))
            yield

    def parse(self, renderer: Any, html: str) -> Any | None:
        """``html`` as a WeasyPrint ``HTML`` for ``renderer`` (a ``ScorecardRenderer``),
        or None to parse it the public way."""
        if not (self.on and self.levers & {"xml", "ua"}):
            return None
        from csreport.outputs.pdf.fast import parse

        try:
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
        except InternalMissing:
            self.broken = True
            return None

    def writer(self, renderer: Any, meta: Any) -> Any | None:
        """The paint-once PDF writer for ``renderer``'s run ``meta``, or None."""
        if not (self.on and "paint" in self.levers):
            return None
        from csreport.outputs.pdf.fast.output import PaintOnceWriter

        return PaintOnceWriter(renderer, meta, self)
