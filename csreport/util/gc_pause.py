"""Pausing Python's cycle collector around work that makes millions of objects and no cycles."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_cycle_collection() -> Iterator[None]:
    """Run the block with the cycle collector off, then leave it as it was found.

    Reading a month's chat list or drawing its sample makes millions of small objects (cells,
    ids, dates, hashes) and no cycles; each full collection would walk them all again (about a
    second of a 900,000-row list). Refcounting still frees everything as it goes. Nested use is
    safe: only the outermost block turns the collector back on.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
