"""Page numbers drawn into a ``pydyf.PDF`` before it is written, on pydyf's internals.

The public way (``merge.number_pypdf``) reads a written PDF back with pypdf and merges a
stamp over each page: a second pass over the file. The paint-once writer (``writer``)
builds its ``pydyf.PDF`` itself, so it numbers the pages in place, for free. Internals
touched (pydyf's, not WeasyPrint's): ``PDF.objects`` (the object list, indexed by object
number) and the layout of ``PDF.pages["Kids"]`` (number, 0, "R" per page). The number
drawn is the public path's (``merge.number_text``), at the same place.
"""

from __future__ import annotations

from typing import Any

from csreport.outputs.pdf.merge import FONT, NUMBER_FONT, number_text, page_label

BEFORE = b"q"  # put before a page's own content, closed by the stamp (see ``number_pydyf``)


def number_pydyf(pdf: Any) -> None:
    """Number every page of ``pdf`` (a ``pydyf.PDF`` about to be written) "1 / N" … "N / N"."""
    import pydyf

    def resolved(value: Any) -> Any:
        """The object a reference (``b"12 0 R"``) points at; anything else as it is."""
        if isinstance(value, bytes) and value.endswith(b" R"):
            return pdf.objects[int(value.split()[0])]
        return value

    font = pydyf.Dictionary(FONT)
    pdf.add_object(font)
    before = pydyf.Stream([BEFORE])
    pdf.add_object(before)
    pages = [pdf.objects[number] for number in pdf.pages["Kids"][::3]]
    for number, page in enumerate(pages, 1):
        box = page.get("TrimBox") or page["MediaBox"]
        # "Q q" closes the "q" before the page's own content: the number starts from the
        # page's initial graphics state, as a stamp merged by pypdf does.
        text = number_text(page_label(number, len(pages)), box)
        stamp = pydyf.Stream([b"Q q " + text + b" Q"])
        pdf.add_object(stamp)
        page["Contents"] = pydyf.Array([before.reference, page["Contents"], stamp.reference])
        resources = resolved(page["Resources"])
        fonts = resolved(resources.get("Font"))
        if fonts is None:
            fonts = resources["Font"] = pydyf.Dictionary()
        fonts[NUMBER_FONT] = font.reference
