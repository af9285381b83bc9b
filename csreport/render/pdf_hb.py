"""HarfBuzz's subset preprocessing, which WeasyPrint does not call itself.

Every PDF embeds a subset of the CJK font, and HarfBuzz re-reads the whole 5 MB font
for each subset. ``hb_subset_preprocess`` (HarfBuzz >= 6) builds a face meant to be
subset many times: a one-page card's subset then takes about half as long. The
preprocessed face is made once per font and kept with WeasyPrint's ``Font`` object.
"""

from __future__ import annotations

import sys
from typing import Any

from csreport.render.fonts import _HB_SUBSET_NAMES

_CDEF = """
typedef struct hb_face_t hb_face_t;
hb_face_t *hb_subset_preprocess (hb_face_t *source);
"""
_LIB: list[Any] = []  # [(ffi, lib)] once loaded, [None] when unavailable


def _library() -> Any:
    """``(ffi, lib)`` for libharfbuzz-subset with ``hb_subset_preprocess``, or None."""
    if not _LIB:
        import cffi

        if not sys.platform.startswith("linux"):
            # Only there does loading by soname guarantee the very library WeasyPrint
            # loaded; a face from another copy of HarfBuzz would crash the process.
            _LIB.append(None)
            return None

        ffi = cffi.FFI()
        ffi.cdef(_CDEF)
        found = None
        for name in _HB_SUBSET_NAMES:
            try:
                lib = ffi.dlopen(name)
                lib.hb_subset_preprocess  # noqa: B018 - older HarfBuzz lacks it
            except (OSError, AttributeError):
                continue
            found = (ffi, lib)
            break
        _LIB.append(found)
    return _LIB[0]


def preprocessed(font: Any) -> Any:
    """A face equivalent to ``font.hb_face`` (a WeasyPrint ``Font``) but faster to subset,
    or ``font.hb_face`` itself when HarfBuzz cannot preprocess."""
    cached = font.__dict__.get("csreport_subset_face")
    if cached is not None:
        return cached
    from weasyprint.text.ffi import ffi as weasy_ffi
    from weasyprint.text.ffi import harfbuzz

    result = font.hb_face
    loaded = _library()
    if loaded is not None:
        ffi, lib = loaded
        address = int(weasy_ffi.cast("uintptr_t", font.hb_face))
        made = lib.hb_subset_preprocess(ffi.cast("hb_face_t *", address))
        if made != ffi.NULL:
            result = weasy_ffi.gc(
                weasy_ffi.cast("hb_face_t *", int(ffi.cast("uintptr_t", made))),
                harfbuzz.hb_face_destroy)
    font.csreport_subset_face = result
    return result
