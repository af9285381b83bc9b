"""Faster font subsetting than WeasyPrint's own, for the many small PDFs of a run.

Every PDF embeds a subset of the CJK font, and HarfBuzz re-reads the whole 5 MB font
for each subset. ``hb_subset_preprocess`` (HarfBuzz >= 6) builds a face meant to be
subset many times: a one-page card's subset then takes about half as long. The
preprocessed face is made once per font and kept with WeasyPrint's ``Font`` object.
``subset_once`` skips WeasyPrint's second subsetting pass. Used by ``writer`` only.

Internals touched: WeasyPrint's ``Font`` (``hb_face``, ``file_content``, ``missing``,
``Font.subset``), its cffi bindings ``weasyprint.text.ffi`` (``ffi``, ``harfbuzz``,
``harfbuzz_subset``) and ``weasyprint.text.fonts.get_hb_object_data``, looked up through
``fast.internal`` when this module is imported.
"""

from __future__ import annotations

import sys
from typing import Any

from csreport.outputs.pdf.fast import internal
from csreport.outputs.pdf.fonts import HB_SUBSET_NAMES

_weasy_ffi = internal("weasyprint.text.ffi", "ffi")
_harfbuzz = internal("weasyprint.text.ffi", "harfbuzz")
_harfbuzz_subset = internal("weasyprint.text.ffi", "harfbuzz_subset")
_font_subset = internal("weasyprint.pdf.fonts", "Font.subset")
_get_hb_object_data = internal("weasyprint.text.fonts", "get_hb_object_data")

_CDEF = """
typedef struct hb_face_t hb_face_t;
hb_face_t *hb_subset_preprocess (hb_face_t *source);
"""
_LIB: list[Any] = []  # [(ffi, lib)] once loaded, [None] when unavailable


def _library() -> Any:
    """``(ffi, lib)`` for libharfbuzz-subset with ``hb_subset_preprocess``, or None."""
    if not _LIB:
        import cffi  # type: ignore[import-untyped]

        if not sys.platform.startswith("linux"):
            # Only there does loading by soname guarantee the very library WeasyPrint
            # loaded; a face from another copy of HarfBuzz would crash the process.
            _LIB.append(None)
            return None

        ffi = cffi.FFI()
        ffi.cdef(_CDEF)
        found = None
        for name in HB_SUBSET_NAMES:
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
    result = font.hb_face
    loaded = _library()
    if loaded is not None:
        ffi, lib = loaded
        address = int(_weasy_ffi.cast("uintptr_t", font.hb_face))
        made = lib.hb_subset_preprocess(ffi.cast("hb_face_t *", address))
        if made != ffi.NULL:
            result = _weasy_ffi.gc(
                _weasy_ffi.cast("hb_face_t *", int(ffi.cast("uintptr_t", made))), _harfbuzz.hb_face_destroy
            )
    font.csreport_subset_face = result
    return result


_DROP_TABLES = (
    b"BASE",
    b"DSIG",
    b"EBDT",
    b"EBLC",
    b"EBSC",
    b"GPOS",
    b"GSUB",
    b"JSTF",
    b"LTSH",
    b"PCLT",
    b"SVG ",
)


def subset_once(font: Any, to_unicode: dict[int, str], hinting: bool) -> None:
    """Subset ``font`` (a WeasyPrint ``Font``) to the glyphs in ``to_unicode``, in place.

    WeasyPrint subsets twice: keeping glyph ids, then again to drop the empty glyphs
    after the last one used, which for a CJK font (used ids run up to ~30,000) saves
    little and costs more than the first pass. This is the first pass alone; the empty
    glyphs cost about 2 KB per PDF. Falls back to WeasyPrint's own subsetting when the
    HarfBuzz subsetter is missing or fails.
    """
    ffi, harfbuzz, harfbuzz_subset = _weasy_ffi, _harfbuzz, _harfbuzz_subset
    if not to_unicode:
        return
    if not harfbuzz_subset or not harfbuzz.hb_version_atleast(4, 1, 0):
        _font_subset(font, to_unicode, hinting)
        return
    plan = ffi.gc(harfbuzz_subset.hb_subset_input_create_or_fail(), harfbuzz_subset.hb_subset_input_destroy)
    glyphs = sorted(to_unicode)
    harfbuzz.hb_set_add_sorted_array(
        harfbuzz_subset.hb_subset_input_glyph_set(plan), ffi.new("hb_codepoint_t[]", glyphs), len(glyphs)
    )
    flags = (
        harfbuzz_subset.HB_SUBSET_FLAGS_RETAIN_GIDS
        | harfbuzz_subset.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED
        | harfbuzz_subset.HB_SUBSET_FLAGS_DESUBROUTINIZE
    )
    if not hinting:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING
    if font.missing:
        flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
    harfbuzz_subset.hb_subset_input_set_flags(plan, flags)
    tags = sorted(harfbuzz.hb_tag_from_string(name, -1) for name in _DROP_TABLES)
    harfbuzz.hb_set_add_sorted_array(
        harfbuzz_subset.hb_subset_input_set(plan, harfbuzz_subset.HB_SUBSET_SETS_DROP_TABLE_TAG),
        ffi.new("hb_codepoint_t[]", tags),
        len(tags),
    )
    face = ffi.gc(harfbuzz_subset.hb_subset_or_fail(font.hb_face, plan), harfbuzz.hb_face_destroy)
    content = _get_hb_object_data(face) if face else None
    if content:
        font.file_content = content
    else:
        _font_subset(font, to_unicode, hinting)
