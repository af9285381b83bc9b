"""Collecting WeasyPrint's warnings, so that a test fails when rendering logs one."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator


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
