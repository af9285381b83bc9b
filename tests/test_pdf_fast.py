"""The accelerators on WeasyPrint internals (``csreport.outputs.pdf.fast``) are optional:
loaded lazily, scoped (to the render that set them, never another thread's WeasyPrint),
locked, switched off by ``CSREPORT_PDF_FAST=0``, an untested WeasyPrint or a missing
internal, never hiding a bug of their own, and the two paths write the same PDFs."""

from __future__ import annotations

import ast
import gc
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
import weasyprint
from pypdf import PdfReader

from csreport.outputs.pdf import fast
from csreport.outputs.pdf.acceleration import ENV
from csreport.outputs.pdf.renderer import ScorecardRenderer
from csreport.problems import CsreportError
from tests.factories import sample_month
from tests.weasy_logs import pdf_contents, weasyprint_warnings, written_on

ROOT = Path(__file__).resolve().parents[1]


def text(data: bytes) -> str:
    """All text of a PDF."""
    import io

    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def stock() -> dict[str, Any]:
    """The WeasyPrint functions the accelerators may replace, as they are now."""
    from weasyprint.css import computed_values, units
    from weasyprint.text import line_break

    return {
        "setup": line_break.Layout.setup,
        "strut": getattr(line_break, "strut", None),
        "units.strut": units.strut,
        "computed_values.strut": computed_values.strut,
    }


def test_product_modules_do_not_import_fast() -> None:
    code = (
        "import sys, csreport.outputs.pdf.scorecards, csreport.outputs.pdf.renderer, "
        "csreport.api, csreport.cli.main; "
        "print(sorted(m for m in sys.modules if m.startswith('csreport.outputs.pdf.fast')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    assert (done.returncode, done.stdout.strip()) == (0, "[]"), done.stderr


def test_switched_off_by_the_environment_is_never_imported() -> None:
    code = (
        "import sys; from csreport.outputs.pdf.renderer import ScorecardRenderer; "
        "from tests.factories import sample_month; m = sample_month(); r = ScorecardRenderer(); "
        "assert r.fast is None; r.pdf_bytes(m.agents[0], m.meta); "
        "print(sorted(m for m in sys.modules if m.startswith('csreport.outputs.pdf.fast')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CSREPORT_PDF_FAST": "0"},
        check=False,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "[]"), done.stderr


def test_on_by_default_with_the_tested_weasyprint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    assert weasyprint.__version__ in fast.TESTED_VERSIONS  # else CI runs one path twice
    renderer = ScorecardRenderer()
    assert renderer.fast is not None and renderer.fast.on
    assert renderer.fast.levers == set(fast.Accelerators.LEVERS)


def test_untested_weasyprint_gets_the_public_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.setattr(fast, "TESTED_VERSIONS", ("69.0",))
    assert not fast.tested() and fast.tested("69.0")
    renderer = ScorecardRenderer()
    assert renderer.fast is None
    month = sample_month()
    assert "张三" in text(renderer.pdf_bytes(month.agents[0], month.meta))


def test_patches_do_not_outlive_a_render(monkeypatch: pytest.MonkeyPatch) -> None:
    """csreport renders, then an unrelated WeasyPrint document in the same process is
    laid out with WeasyPrint's own functions."""
    from csreport.outputs.pdf.fast import pango_setup

    monkeypatch.delenv(ENV, raising=False)
    before = stock()
    month = sample_month()
    renderer = ScorecardRenderer()
    calls: list[int] = []
    real = pango_setup._style_setup

    def counted(style: Any) -> Any:
        calls.append(1)
        return real(style)

    monkeypatch.setattr(pango_setup, "_style_setup", counted)
    with renderer.accelerated():
        assert stock()["setup"] is pango_setup.setup  # applied inside the block
        assert stock()["units.strut"] is pango_setup.strut
    assert "张三" in text(renderer.pdf_bytes(month.agents[0], month.meta))
    assert calls  # the accelerator was used for csreport's card
    assert stock() == before
    calls.clear()
    data = weasyprint.HTML(string="<p style='text-decoration: underline'>unrelated 文字</p>").write_pdf()
    assert "unrelated" in text(data) and calls == []


def test_another_threads_weasyprint_runs_unmodified_during_a_render(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """csreport renders in this process (workers=1) with its replacements installed; while
    it is inside its layout, a second thread renders an unrelated document. That render
    goes through WeasyPrint's own functions, not csreport's, and the garbage collector
    stays on in this process throughout."""
    from weasyprint.text import line_break

    from csreport.outputs.pdf.fast import pango_setup
    from csreport.outputs.pdf.scorecards import render_reports

    monkeypatch.delenv(ENV, raising=False)
    main = threading.get_ident()
    ours: list[int] = []  # threads that went through csreport's replacements
    weasyprints: list[int] = []  # threads that went through WeasyPrint's own Layout.setup
    gc_on: list[bool] = []
    inside, other_done = threading.Event(), threading.Event()

    stock_setup = line_break.Layout.setup

    def counted_setup(self: Any, style: Any) -> None:
        weasyprints.append(threading.get_ident())
        stock_setup(self, style)

    # Installed before csreport's replacements, so they take it for WeasyPrint's own.
    monkeypatch.setattr(line_break.Layout, "setup", counted_setup)
    style_setup, remembered_strut = pango_setup._style_setup, pango_setup._remembered_strut

    def hook(style: Any) -> Any:
        ours.append(threading.get_ident())
        if not inside.is_set():  # the first text of csreport's layout: let the other render now
            gc_on.append(gc.isenabled())
            inside.set()
            assert other_done.wait(120)
        return style_setup(style)

    def strut_hook(style: Any) -> Any:
        ours.append(threading.get_ident())
        return remembered_strut(style)

    monkeypatch.setattr(pango_setup, "_style_setup", hook)
    monkeypatch.setattr(pango_setup, "_remembered_strut", strut_hook)
    other: dict[str, Any] = {}

    def render_other() -> None:
        try:
            assert inside.wait(120)
            other["installed"] = line_break.Layout.setup is pango_setup.setup
            html = "<p style='text-decoration: underline; line-height: 2'>unrelated 文字</p>"
            other["pdf"] = weasyprint.HTML(string=html).write_pdf()
        finally:
            other_done.set()

    thread = threading.Thread(target=render_other)
    thread.start()
    month = sample_month()
    paths = render_reports(month, tmp_path, workers=1, teams=False, shop=False).scorecards
    thread.join(120)
    assert other["installed"]  # the other render really ran while the replacements were in place
    assert "unrelated" in text(other["pdf"])
    assert set(weasyprints) - {main}  # it went through WeasyPrint's own set-up ...
    assert set(ours) == {main}  # ... and never through csreport's
    assert gc_on == [True]  # in-process: the collector is not paused for the whole process
    assert written_on(paths[0]) == "fast" and line_break.Layout.setup is counted_setup


def test_the_collector_is_paused_only_in_a_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    from csreport.outputs.pdf import pool

    assert gc.isenabled() and not pool._IN_WORKER
    with pool.gc_paused():
        assert gc.isenabled()
    monkeypatch.setattr(pool, "_IN_WORKER", True)  # what _init_worker sets in a worker
    with pool.gc_paused(), pool.gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_patches_are_undone_when_the_block_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)
    before = stock()
    renderer = ScorecardRenderer()
    with pytest.raises(RuntimeError), renderer.accelerated():
        assert stock() != before
        raise RuntimeError("boom")
    assert stock() == before and fast.PATCHES.users == 0


def test_install_is_locked_and_counted() -> None:
    """Threads entering and leaving at once install once per outermost use and leave
    nothing behind; a failing install puts back what it had patched already."""

    class Owner:
        value = "stock"

    installs: list[int] = []

    def install(patches: Any) -> None:
        installs.append(1)
        patches.replace(Owner, "value", "patched")

    patches = fast._Patches()
    start = threading.Barrier(8)
    seen: list[str] = []

    def user() -> None:
        start.wait()
        for _ in range(200):
            with patches.active(install):
                seen.append(Owner.value)

    threads = [threading.Thread(target=user) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(seen) == {"patched"} and len(seen) == 1600
    assert Owner.value == "stock" and patches.users == 0 and patches.saved == []
    assert 1 <= len(installs) <= 1600

    def broken(patches: Any) -> None:
        patches.replace(Owner, "value", "patched")
        raise AttributeError("moved in this release")

    with pytest.raises(AttributeError), patches.active(broken):
        pass
    assert Owner.value == "stock" and patches.users == 0


def test_an_internal_is_looked_up_only_if_checked_first() -> None:
    """Every ``internal()`` lookup in ``fast`` is of an internal in ``REQUIRED`` (checked
    before any accelerator is used), and ``fast`` reaches WeasyPrint in no other way but
    its public ``HTML``, ``CSS`` and ``__version__``."""
    folder = Path(fast.__file__).parent
    required = {(module, path) for module, path in fast.REQUIRED}
    looked_up, imports = [], []
    for source in sorted(folder.glob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        checking = {  # the preflight check itself looks up whatever REQUIRED holds
            id(n)
            for f in ast.walk(tree)
            if isinstance(f, ast.FunctionDef) and f.name == "check_internals"
            for n in ast.walk(f)
        }
        for node in ast.walk(tree):
            if id(node) in checking:
                continue
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "internal":
                args = [
                    a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)
                ]
                assert len(args) == len(node.args), ast.unparse(node)  # literal names only
                module, path = (*args, "")[:2]
                covered = any(
                    m == module and (not path or p == path or p.startswith(path + ".")) for m, p in required
                )
                looked_up.append((source.name, module, path, covered))
            elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in (
                "weasyprint",
                "cssselect2",
            ):
                imports.append((source.name, node.module, sorted(a.name for a in node.names)))
            elif isinstance(node, ast.Import):
                imports += [
                    (source.name, a.name, [])
                    for a in node.names
                    if a.name.split(".")[0] in ("weasyprint", "cssselect2") and a.name != "weasyprint"
                ]
    assert [x for x in looked_up if not x[3]] == []
    assert required - {(m, p) for _, m, p, _ in looked_up} == set()  # and nothing checked in vain
    public = {("weasyprint", ("CSS",)), ("weasyprint", ("HTML",))}
    assert [i for i in imports if (i[1], tuple(i[2])) not in public] == []


def test_a_bug_in_the_accelerators_is_not_hidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """An error inside ``fast`` that is not a missing internal fails the render with its
    own name; the accelerators are not quietly switched off."""
    from csreport.outputs.pdf.fast import pango_setup, parse, writer

    monkeypatch.delenv(ENV, raising=False)
    month = sample_month()

    def bug(*_args: Any, **_kwargs: Any) -> Any:
        raise AttributeError("'NoneType' object has no attribute 'font_map'")

    for owner, name in ((pango_setup, "_style_setup"), (parse, "xml_html"), (writer, "paint_page")):
        renderer = ScorecardRenderer()
        with monkeypatch.context() as patch:
            patch.setattr(owner, name, bug)
            with pytest.raises(CsreportError) as caught:
                renderer.pdf_bytes(month.agents[0], month.meta)
        assert caught.value.code == "pdf.failed", name
        reason = caught.value.params["reason"]
        assert "AttributeError: 'NoneType' object has no attribute 'font_map'" in reason, name
        assert renderer.fast is not None and renderer.fast.on, name
    # csreport's own module that fails to import is a bug too, not a WeasyPrint that moved.
    renderer = ScorecardRenderer()
    monkeypatch.setitem(sys.modules, "csreport.outputs.pdf.fast.output", None)
    with pytest.raises(ImportError):
        renderer.writer(month.meta)
    assert renderer.fast is not None and renderer.fast.on


def test_internal_missing_at_start_gives_the_public_path(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.pdf import fonts

    monkeypatch.delenv(ENV, raising=False)
    monkeypatch.delattr(fonts, "build_fonts_dictionary")
    assert ScorecardRenderer().fast is None


def test_internal_missing_while_applying_falls_back(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A WeasyPrint that moved an internal the accelerators apply: the run succeeds on
    the public path, with the same text, and nothing stays patched."""
    from weasyprint.pdf import fonts
    from weasyprint.text import line_break

    from csreport.outputs.pdf.scorecards import render_reports

    monkeypatch.delenv(ENV, raising=False)
    month = sample_month()
    expected = text(ScorecardRenderer().pdf_bytes(month.agents[0], month.meta))
    before = stock()
    renderer = ScorecardRenderer()
    assert renderer.fast is not None and renderer.fast.on
    # Layout: applying the Pango set-up fails; painting: the writer's import fails.
    monkeypatch.delattr(line_break, "strut")
    monkeypatch.delattr(fonts, "build_fonts_dictionary")
    monkeypatch.delitem(sys.modules, "csreport.outputs.pdf.fast.writer", raising=False)
    with weasyprint_warnings() as records:
        assert text(renderer.pdf_bytes(month.agents[0], month.meta)) == expected
    assert renderer.fast.broken and records == []
    assert {k: v for k, v in stock().items() if k != "strut"} == {
        k: v for k, v in before.items() if k != "strut"
    }
    # The same in a whole run (a renderer made after the change gets no accelerators).
    paths = render_reports(month, tmp_path, workers=1)
    assert "张三" in text(paths.scorecards[0].read_bytes())


def test_writer_mismatch_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    from weasyprint.pdf import fonts

    monkeypatch.delenv(ENV, raising=False)
    month = sample_month()
    renderer = ScorecardRenderer()
    expected = text(renderer.pdf_bytes(month.agents[1], month.meta))
    monkeypatch.delattr(fonts, "build_fonts_dictionary")
    monkeypatch.delitem(sys.modules, "csreport.outputs.pdf.fast.writer", raising=False)
    [card] = renderer.cards([month.agents[1]], month.meta)
    assert text(renderer.writer(month.meta).card_pdf(card)) == expected
    assert renderer.fast is not None and renderer.fast.broken


@pytest.mark.parametrize("workers", [1, 2])
def test_both_paths_write_the_same_sample_month(tmp_path: Path, workers: int) -> None:
    from csreport.api import RunOptions, run_month
    from csreport.util.resources import sample_workbooks_dir

    found = {}
    for setting in ("1", "0"):
        out = tmp_path / setting
        with pytest.MonkeyPatch.context() as patch, weasyprint_warnings() as records:
            patch.setenv(ENV, setting)
            run_month([sample_workbooks_dir()], RunOptions(out_dir=out, workers=workers))
        assert [r.getMessage() for r in records] == []  # (this process's: workers=1)
        found[setting] = pdf_contents(out)
    assert len(found["1"]) == 17  # 14 cards, two teams, the shop
    assert found["1"] == found["0"]


def test_both_numberings_draw_the_same_number_at_the_same_place() -> None:
    """The public numbering (pypdf: a stamp merged over each page of a written PDF) and the
    paint-once writer's (``fast.numbering``: drawn into the ``pydyf.PDF`` before it is
    written) put the same "k / N" at the same point of every page, in the same font."""
    import io

    from csreport.outputs.pdf.fast.numbering import number_pydyf
    from csreport.outputs.pdf.merge import NUMBER_FONT, number_pdf

    month = sample_month()
    renderer = ScorecardRenderer()
    cards = renderer.cards(list(month.agents[:2]), month.meta)
    document = cards[0].document
    pages = [p for c in cards for p in c.pages]
    plain = document.copy(pages).write_pdf()
    in_place = document.copy(pages).write_pdf(finisher=lambda _, pdf: number_pydyf(pdf))

    def numbers(data: bytes) -> list[tuple[str, float, float, str]]:
        found = []
        for page in PdfReader(io.BytesIO(data)).pages:

            def seen(text: str, _cm: Any, tm: Any, font: Any, _size: Any) -> None:
                if font is not None and font.get("/BaseFont") == "/Helvetica" and text.strip():
                    found.append((text.strip(), round(tm[4], 2), round(tm[5], 2), NUMBER_FONT))

            page.extract_text(visitor_text=seen)
            resources: Any = page["/Resources"]
            assert f"/{NUMBER_FONT}" in resources["/Font"]
        return found

    assert numbers(number_pdf(plain)) == numbers(in_place)
    assert [n[0] for n in numbers(in_place)] == ["1 / 2", "2 / 2"]
