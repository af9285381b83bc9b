"""Helpers of the PDF tests: WeasyPrint's warnings collected (a test fails when rendering
logs one), both PDF paths for a module's tests, and a PDF's contents to compare."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture(scope="module", params=PDF_PATHS, autouse=True)
def pdf_path(request: pytest.FixtureRequest) -> Iterator[str]:
    """Every test of a module that imports this runs on both PDF paths (worker processes
    inherit the setting)."""
    patch = pytest.MonkeyPatch()
    if request.param == "public":
        patch.setenv("CSREPORT_PDF_FAST", "0")
    else:
        patch.delenv("CSREPORT_PDF_FAST", raising=False)
    try:
        yield request.param
    finally:
        patch.undo()


def pdf_contents(folder: Path) -> dict[str, tuple[int, list[str], list[bytes], list]]:
    """Every PDF under ``folder`` (by relative path): page count, each page's text, its
    images' bytes, and the outline's titles."""

    def titles(items: list) -> list:
        return [titles(i) if isinstance(i, list) else i.title for i in items]

    found = {}
    for path in sorted(folder.rglob("*.pdf")):
        reader = PdfReader(path)
        found[str(path.relative_to(folder))] = (
            len(reader.pages),
            [p.extract_text() for p in reader.pages],
            [image.data for p in reader.pages for image in p.images],
            titles(reader.outline),
        )
    return found
