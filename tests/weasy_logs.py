"""Helpers of the PDF tests: WeasyPrint's warnings collected (a test fails when rendering
logs one), both PDF paths for a module's tests (and which path made a PDF), and a PDF's
contents to compare."""

from __future__ import annotations

import contextlib
import io
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader


class _Collect(logging.Handler):
    """Keeps every record at WARNING or above."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextlib.contextmanager
def weasyprint_warnings() -> Iterator[list[logging.LogRecord]]:
    """The warnings WeasyPrint logs in this process inside the block (a live list)."""
    logger = logging.getLogger("weasyprint")
    handler, old_level = _Collect(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


PDF_PATHS = ("fast", "public")  # the renderer with its accelerators, and CSREPORT_PDF_FAST=0


@pytest.fixture(name="pdf_path", scope="module", params=PDF_PATHS)
def both_pdf_paths(request: pytest.FixtureRequest) -> Iterator[str]:
    """The ``pdf_path`` fixture: both PDF paths, one after the other, for the tests and
    fixtures of a module that imports this and asks for ``pdf_path`` (worker processes
    inherit the setting). A module-scoped fixture that renders must ask for it too, or
    pytest builds it once, on the first path, and reuses it on the other.

    Checks that a renderer built now really takes the path the parameter names.
    """
    from csreport.outputs.pdf.acceleration import ENV
    from csreport.outputs.pdf.renderer import ScorecardRenderer

    patch = pytest.MonkeyPatch()
    if request.param == "public":
        patch.setenv(ENV, "0")
    else:
        patch.delenv(ENV, raising=False)
    try:
        assert renderer_path(ScorecardRenderer()) == request.param
        yield request.param
    finally:
        patch.undo()


def renderer_path(renderer: Any) -> str:
    """The path a ``ScorecardRenderer`` renders on: "fast" (its accelerators on) or "public"."""
    return "fast" if renderer.fast is not None and renderer.fast.on else "public"


def written_on(pdf: Path | bytes) -> str:
    """The path that wrote a card's PDF: "fast" when the accelerators' paint-once writer did
    (its producer says "(csreport)"), "public" when WeasyPrint's own ``write_pdf`` did."""
    data = pdf if isinstance(pdf, bytes) else pdf.read_bytes()
    metadata = PdfReader(io.BytesIO(data)).metadata
    producer = str(metadata.producer if metadata else "")
    assert producer.startswith("WeasyPrint "), producer
    return "fast" if producer.endswith("(csreport)") else "public"


# The day a run printed on its cards (the date alone, ``context.generation_date``): two runs
# compared can straddle midnight.
_GENERATED = re.compile(r"(生成时间：|Generated: )\d{4}-\d{2}-\d{2}")


def pdf_contents(folder: Path) -> dict[str, tuple[int, list[str], list[bytes], list]]:
    """Every PDF under ``folder`` (by relative path) but the card cache's (in a hidden folder,
    ``.csreport-cache``: no report): page count, each page's text (the generation date replaced
    by a placeholder), its images' bytes, and the outline's titles."""

    def titles(items: list) -> list:
        return [titles(i) if isinstance(i, list) else i.title for i in items]

    found = {}
    for path in sorted(folder.rglob("*.pdf")):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        reader = PdfReader(path)
        found[str(path.relative_to(folder))] = (
            len(reader.pages),
            [_GENERATED.sub(r"\1<date>", p.extract_text()) for p in reader.pages],
            [image.data for p in reader.pages for image in p.images],
            titles(reader.outline),
        )
    return found
