"""Paint each laid-out page once, then assemble any number of PDFs from the paintings.

WeasyPrint's ``Document.write_pdf`` repaints every page it writes. A run writes each
card three times (alone, in its team's PDF and in the shop's), so painting dominates
once layout is shared. This module paints a page once into a compressed content
stream plus the resources and glyphs it used, and assembles PDFs from those parts,
subsetting the fonts per output file so a one-page card embeds only its own glyphs.

Internals touched (WeasyPrint 70), looked up through ``fast.internal`` when this module is
imported: ``weasyprint.pdf.stream.Stream``, the ``Font``
objects in it (``widths``, ``to_unicode``, ``hb_face``, ``subset``, ``variations``),
``weasyprint.pdf.fonts.build_fonts_dictionary``, ``weasyprint.pdf.anchors.add_outlines``,
``Page.paint``, ``Page.bleed``, images' ``get_x_object``, and ``pydyf`` to build the
objects. Pages with links, form fields or colour profiles are not supported (cards have
none): ``supports`` tells the caller to use WeasyPrint's own ``write_pdf`` for those.
"""

from __future__ import annotations

import copy
import functools
import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pydyf

from csreport.outputs.pdf.fast import internal
from csreport.outputs.pdf.fast.hb_subset import preprocessed, subset_once

# Looked up when this module is imported (by ``output``, inside its fallback to the public
# writer): a missing one is ``fast.InternalMissing``.
VERSION = internal("weasyprint", "VERSION")
add_outlines = internal("weasyprint.pdf.anchors", "add_outlines")
build_fonts_dictionary = internal("weasyprint.pdf.fonts", "build_fonts_dictionary")
Stream = internal("weasyprint.pdf.stream", "Stream")
_to_bytes = internal("pydyf", "_to_bytes")
internal("weasyprint.document", "Page.paint")  # what paint_page calls

SCALE = 0.75  # 72 PDF points per inch / 96 CSS pixels per inch
_COLOR_SPACE = "ColorSpace"
# Placeholder put where a resource dictionary refers to the colour space, replaced by
# each output's own object reference.
_CS_PLACEHOLDER = object()
# zlib levels. A page's content is compressed once and reused; font subsets are mostly
# zeros (glyph ids are kept), so level 1 is within 10% of pydyf's level 9 at a fifth of
# the time, for every one of hundreds of files.
CONTENT_LEVEL = 6
FONT_LEVEL = 1


@dataclass
class PaintedPage:
    """One page painted once: compressed content, its resources and the glyphs it used."""

    content: bytes
    resources: pydyf.Dictionary
    # pango font key -> (shared weasyprint Font, widths, to_unicode) of this page's glyphs
    glyphs: dict[Any, tuple[Any, dict[int, Any], dict[int, str]]]
    images: dict[str, dict[str, Any]]
    media_box: tuple[float, float, float, float]
    trim_box: tuple[float, float, float, float]
    height: float  # in PDF points, for outline destinations


@dataclass
class Bookmark:
    """An outline entry pointing at the top of ``page`` (index in the output)."""

    title: str
    page: int
    children: list[Bookmark] = field(default_factory=list)


@dataclass
class PdfInfo:
    """Document information written to each PDF."""

    title: str = ""
    author: str = ""
    lang: str = ""
    created: str | None = None  # W3C date (YYYY-MM-DD or with time)


def supports(page: Any, document: Any) -> bool:
    """Whether :func:`paint_page` can reproduce ``page`` of ``document`` faithfully."""
    # Anchors alone are fine: named destinations only matter to links, which are not.
    return not page.links and not any(page.forms.values()) and not document.color_profiles


def paint_page(page: Any, fonts: dict[Any, Any], color_profiles: dict[str, Any] | None = None) -> PaintedPage:
    """Paint a WeasyPrint ``Page`` once, recording everything an output needs.

    ``fonts`` is shared by all pages a process paints: a WeasyPrint ``Font`` copies
    the whole font file (5 MB for a CJK font), so there is one per font, and the glyphs
    each page uses are taken out of it into the returned page.
    """
    images: dict[str, dict[str, Any]] = {}
    resources = pydyf.Dictionary(
        {
            "ExtGState": pydyf.Dictionary(),
            "XObject": pydyf.Dictionary(),
            "Pattern": pydyf.Dictionary(),
            "Shading": pydyf.Dictionary(),
            _COLOR_SPACE: _CS_PLACEHOLDER,
            "Font": None,
        }
    )
    bleed = {key: value * SCALE for key, value in page.bleed.items()}
    width = SCALE * page.width + bleed["left"] + bleed["right"]
    height = SCALE * page.height + bleed["top"] + bleed["bottom"]
    left, top = -bleed["left"], -bleed["top"]
    rectangle = (left / SCALE, top / SCALE, width / SCALE, height / SCALE)
    for font in fonts.values():
        font.widths, font.to_unicode = {}, {}
    stream = Stream(fonts, rectangle, resources, images, None, color_profiles or {}, None, compress=True)
    stream.transform(d=-1, f=page.height * SCALE)
    page.paint(stream, SCALE)
    glyphs = {
        key: (font, font.widths, font.to_unicode)
        for key, font in fonts.items()
        if font.widths or font.to_unicode
    }
    raw = b"\n".join(_to_bytes(item) for item in stream.stream)
    return PaintedPage(
        content=zlib.compress(raw, CONTENT_LEVEL),
        resources=resources,
        glyphs=glyphs,
        images=images,
        media_box=(left, top, left + width, top + height),
        trim_box=(
            left + bleed["left"],
            top + bleed["top"],
            left + width - bleed["right"],
            top + height - bleed["bottom"],
        ),
        height=height,
    )


class _Output:
    """The per-file state while one PDF is assembled."""

    def __init__(
        self, pdf: pydyf.PDF, color_space: bytes, fonts: bytes, images: dict[str, dict[str, Any]]
    ) -> None:
        self.pdf, self.color_space, self.fonts, self.images = pdf, color_space, fonts, images
        self.image_refs: dict[str, bytes] = {}

    def stream(self, obj: pydyf.Stream) -> bytes:
        """Add a copy of a painted stream (form, pattern, image) and return its reference."""
        extra = pydyf.Dictionary(obj.extra)
        if isinstance(extra.get("SMask"), pydyf.Stream):
            extra["SMask"] = self.stream(extra["SMask"])
        if isinstance(extra.get("Resources"), dict):
            extra["Resources"] = self.resources(extra["Resources"])
        clone = pydyf.Stream(obj.stream, extra, obj.compress)
        self.pdf.add_object(clone)
        return clone.reference

    def image(self, name: str) -> bytes:
        """The image XObject ``name``, added to this file once."""
        if name not in self.image_refs:
            data = self.images[name]
            if data.get("x_object") is None:  # cached across files: encoding is costly
                data["x_object"] = data["image"].get_x_object(data["interpolate"], max(data["dpi_ratios"]))
            self.image_refs[name] = self.stream(data["x_object"])
        return self.image_refs[name]

    def resources(self, source: dict[str, Any]) -> bytes:
        """Copy a resource dictionary with references valid in this file."""
        out = pydyf.Dictionary()
        for key, value in source.items():
            if key == "Font":
                out[key] = self.fonts
            elif key == _COLOR_SPACE:
                out[key] = self.color_space
            elif key in ("XObject", "Pattern"):
                out[key] = pydyf.Dictionary(
                    {
                        name: self.image(name) if obj is None else self.stream(obj)
                        for name, obj in value.items()
                    }
                )
            elif key == "Shading":
                shadings = pydyf.Dictionary()
                for name, shading in value.items():
                    clone = pydyf.Dictionary(shading)
                    self.pdf.add_object(clone)
                    shadings[name] = clone.reference
                out[key] = shadings
            elif key == "ExtGState":
                states = pydyf.Dictionary()
                for name, state in value.items():
                    state = pydyf.Dictionary(state)
                    if "SMask" in state and "G" in state["SMask"]:
                        state["SMask"] = pydyf.Dictionary(state["SMask"])
                        state["SMask"]["G"] = self.stream(state["SMask"]["G"])
                    states[name] = state
                out[key] = states
            else:
                out[key] = value
        self.pdf.add_object(out)
        return out.reference


def _merged_fonts(pages: Sequence[PaintedPage]) -> dict[Any, Any]:
    """One Font per font key with the glyphs of all ``pages`` (copies: cleaning mutates)."""
    merged: dict[Any, Any] = {}
    for page in pages:
        for key, (font, widths, to_unicode) in page.glyphs.items():
            if key not in merged:
                clone = copy.copy(font)
                clone.hb_face = preprocessed(font)
                clone.subset = functools.partial(subset_once, clone)
                clone.widths, clone.to_unicode = {}, {}
                clone.variations = dict(font.variations)
                merged[key] = clone
            merged[key].widths.update(widths)
            merged[key].to_unicode.update(to_unicode)
    return merged


def _compress_font_streams(pdf: pydyf.PDF, first: int) -> None:
    """Compress the font streams added since object ``first`` (added uncompressed)."""
    for obj in pdf.objects[first:]:
        if isinstance(obj, pydyf.Stream) and not obj.compress and "Filter" not in obj.extra:
            obj.stream = [zlib.compress(b"\n".join(map(_to_bytes, obj.stream)), FONT_LEVEL)]
            obj.extra["Filter"] = "/FlateDecode"


def _pdf_date(w3c: str | None) -> str | None:
    """``2026-11-01`` or ``2026-11-01T09:00:00`` as a PDF date string."""
    if not w3c:
        return None
    digits = "".join(ch for ch in w3c[:19] if ch.isdigit())
    return f"D:{digits}" if len(digits) in (8, 14) else None


def assemble(
    pages: Sequence[PaintedPage],
    info: PdfInfo,
    bookmarks: Sequence[Bookmark] = (),
    color_profiles: dict[str, Any] | None = None,
    *,
    numbered: bool = False,
) -> bytes:
    """A PDF of ``pages`` (painted by :func:`paint_page`) with an outline and metadata,
    its pages numbered "1 / N" … when ``numbered`` (``numbering.number_pydyf``)."""
    pdf = pydyf.PDF()
    color_space = pydyf.Dictionary()
    for key, profile in (color_profiles or {}).items():
        icc = pydyf.Stream([profile.content], pydyf.Dictionary({"N": len(profile.components)}), compress=True)
        pdf.add_object(icc)
        color_space[key] = pydyf.Array(("/ICCBased", icc.reference))
    pdf.add_object(color_space)
    fonts = pydyf.Dictionary()
    pdf.add_object(fonts)  # filled below, once every page's glyphs are known
    images = {name: data for page in pages for name, data in page.images.items()}
    output = _Output(pdf, color_space.reference, fonts.reference, images)
    for page in pages:
        content = pydyf.Stream([page.content], pydyf.Dictionary({"Filter": "/FlateDecode"}))
        pdf.add_object(content)
        pdf.add_page(
            pydyf.Dictionary(
                {
                    "Type": "/Page",
                    "Parent": pdf.pages.reference,
                    "MediaBox": pydyf.Array(page.media_box),
                    "TrimBox": pydyf.Array(page.trim_box),
                    "BleedBox": pydyf.Array(page.media_box),
                    "Contents": content.reference,
                    "Resources": output.resources(page.resources),
                }
            )
        )
    first = len(pdf.objects)
    built = build_fonts_dictionary(
        pdf, _merged_fonts(pages), False, True, {"hinting": False, "pdf_version": None}
    )
    fonts.update(built)
    _compress_font_streams(pdf, first)

    def tree(marks: Sequence[Bookmark]) -> list[Any]:
        return [(m.title, (m.page, 0, pages[m.page].height), tree(m.children), "open") for m in marks]

    if bookmarks:
        add_outlines(pdf, tree(bookmarks))
    pdf.info["Producer"] = pydyf.String(f"WeasyPrint {VERSION} (csreport)")
    if info.title:
        pdf.info["Title"] = pydyf.String(info.title)
    if info.author:
        pdf.info["Author"] = pydyf.String(info.author)
    if created := _pdf_date(info.created):
        pdf.info["CreationDate"] = pydyf.String(created)
    if info.lang:
        pdf.catalog["Lang"] = pydyf.String(info.lang)
    if numbered:
        from csreport.outputs.pdf.fast.numbering import number_pydyf

        number_pydyf(pdf)
    buffer = io.BytesIO()
    pdf.write(buffer, None, None, True)
    return buffer.getvalue()
