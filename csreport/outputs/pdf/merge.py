"""Join finished PDFs with pypdf, and number their pages within each file.

Worker processes cannot share laid-out pages, so PDFs that span their work are joined
here, in the parent, from the bytes they return: a team's summary page and its cards
(laid out in several chunks, or some taken from the team's PDF of an earlier run: see
:class:`Segment`), and the shop PDF, from the same parts (:func:`shop_from`). Joining copies
pages as they are (no repainting): each part keeps its own font subset, and outlines are
carried over. Joins that share a :class:`Readers` read each part once.

Page numbers: the same laid-out page is the first page of an agent's own PDF, the 4th of
its team's and the 40th of the shop's, so no page carries a number from layout (the
renderer's stylesheet leaves the footer's right-hand box empty). Each file's pages are
numbered when that file is written: "k / N", N the file's page count, drawn at the
right end of the footer line of the shipped stylesheet (A4, 15 mm page margins at the
sides, 18 mm at the bottom) in the footer's size and grey. The number is set in the
standard PDF font Helvetica (digits, spaces and "/" only), so it costs a few bytes per
page instead of a font subset. :func:`number_pypdf` numbers a PDF being joined here and
:func:`number_pdf` one WeasyPrint wrote, with pypdf's public API (a stamp merged over each
page); the paint-once writer of the optional accelerators numbers its own PDFs in place
(``fast.numbering``), with the same :func:`number_text` at the same place.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from csreport.problems import CsreportError

if TYPE_CHECKING:  # pypdf is imported when PDFs are joined, not when csreport starts
    from pypdf import PdfReader, PdfWriter

# Where and how the number is drawn, in PDF points from the page's bottom-right corner: the
# right page margin (15 mm) and the baseline of the footer text of scorecard.css.
NUMBER_RIGHT = 42.519685
NUMBER_BASELINE = 37.476
NUMBER_SIZE = 7.5
NUMBER_GREY = "0.419608 0.447059 0.501961"  # #6b7280, the footer's colour
NUMBER_FONT = "CsreportPageNumber"  # the font's resource name on every page
# Helvetica's advance widths (per 1000 em) of the characters a page number holds.
_HELVETICA = {" ": 278, "/": 278} | {digit: 556 for digit in "0123456789"}


def page_label(number: int, count: int) -> str:
    """A page's number as printed: ``3 / 7``."""
    return f"{number} / {count}"


def number_text(label: str, box: Sequence[float]) -> bytes:
    """The PDF text object drawing ``label`` right-aligned on the footer line of a page whose
    TrimBox (the page without bleed) is ``box``, in :data:`NUMBER_FONT` (:data:`FONT`)."""
    width = sum(_HELVETICA.get(ch, 556) for ch in label) * NUMBER_SIZE / 1000
    x = float(box[2]) - NUMBER_RIGHT - width
    y = float(box[1]) + NUMBER_BASELINE
    return f"BT /{NUMBER_FONT} {NUMBER_SIZE} Tf {NUMBER_GREY} rg {x:.3f} {y:.3f} Td ({label}) Tj ET".encode(
        "ascii"
    )


FONT: dict[str, str] = {
    "Type": "/Font",
    "Subtype": "/Type1",
    "BaseFont": "/Helvetica",
    "Encoding": "/WinAnsiEncoding",
}


def number_pypdf(writer: PdfWriter) -> None:
    """Number every page of ``writer`` (pypdf, before it is written) "1 / N" … "N / N".

    Public pypdf only: each page gets a one-page stamp (the number in Helvetica, nothing
    else) merged over it (``PageObject.merge_page``, which keeps the page's own graphics
    state apart from the stamp's), and its content streams are compressed again.
    """
    from pypdf import PageObject
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    font = DictionaryObject({NameObject(f"/{k}"): NameObject(v) for k, v in FONT.items()})
    resources = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject(f"/{NUMBER_FONT}"): font})}
    )
    pages = list(writer.pages)
    for number, page in enumerate(pages, 1):
        stamp = PageObject.create_blank_page(width=1, height=1)
        stamp.mediabox = page.mediabox  # pypdf clips the stamp to its box: the page's own
        stamp[NameObject("/Resources")] = resources
        content = DecodedStreamObject()
        content.set_data(number_text(page_label(number, len(pages)), page.trimbox))
        stamp[NameObject("/Contents")] = content
        page.merge_page(stamp)
        page.compress_content_streams()


def number_pdf(data: bytes) -> bytes:
    """``data`` (a PDF) with its pages numbered "1 / N" … "N / N": how a PDF written by
    WeasyPrint's public API is numbered."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    number_pypdf(writer)
    return _bytes(writer)


def _writer(title: str, author: str, lang: str) -> PdfWriter:
    """An empty pypdf writer with document information set."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_metadata({"/Title": title, "/Author": author, "/Producer": "csreport"})
    if lang:
        writer.root_object[NameObject("/Lang")] = TextStringObject(lang)
    return writer


def _bytes(writer: PdfWriter) -> bytes:
    """The finished PDF."""
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class Segment:
    """Pages ``start`` to ``stop`` (None: the last) of the PDF ``data``, to be joined; with
    ``label`` they get that one outline entry, else they keep their own entries (those of
    their pages)."""

    data: bytes
    start: int = 0
    stop: int | None = None
    label: str | None = None


class Readers:
    """pypdf readers of PDFs (bytes), one per PDF for as long as this lives: joins that share it
    read each PDF once, and the PDFs ``preload``-ed are read before they are needed."""

    def __init__(self) -> None:
        self._found: dict[int, tuple[bytes, PdfReader]] = {}  # by id(data); data kept alive

    def of(self, data: bytes) -> PdfReader:
        """The reader of ``data``."""
        found = self._found.get(id(data))
        if found is None:
            from pypdf import PdfReader

            found = self._found[id(data)] = (data, PdfReader(io.BytesIO(data)))
        return found[1]

    def preload(self, data: bytes) -> None:
        """Read every object of ``data`` now (while this process would be waiting anyway), so
        that a join taking pages from it copies them without reading."""
        reader = self.of(data)
        try:
            count = int(reader.trailer["/Size"])  # type: ignore[call-overload]
        except Exception:  # a damaged trailer: the join reads it as it can, or says why
            return
        for number in range(1, count):
            with contextlib.suppress(Exception):  # a free object number
                reader.get_object(number)


def join_segments(
    segments: Sequence[Segment],
    title: str,
    author: str = "",
    lang: str = "",
    readers: Readers | None = None,
) -> tuple[bytes, bytes]:
    """One PDF of ``segments`` in order (see :class:`Segment`), returned twice: without page
    numbers (to be joined again into the shop PDF), and numbered "1 / N" … "N / N".

    Segments of one PDF share one reader (of ``readers`` when given: pass one to share readers
    between joins), so the resources their pages share (a chunk's font subsets) are copied
    once and nothing is read twice. A segment of a whole PDF is joined exactly as it was before
    segments existed; one of some pages only brings the outline entries of those pages.
    """
    writer = _writer(title, author, lang)
    readers = Readers() if readers is None else readers
    try:
        for segment in segments:
            reader = readers.of(segment.data)
            count = len(reader.pages)
            stop = count if segment.stop is None else segment.stop
            if not 0 <= segment.start < stop <= count:
                raise ValueError(f"pages {segment.start}-{stop} of a PDF of {count}")
            writer.append(
                reader,
                outline_item=segment.label,
                pages=None if (segment.start, stop) == (0, count) else (segment.start, stop),
                import_outline=segment.label is None,
            )
        plain = _bytes(writer)
        number_pypdf(writer)
        return plain, _bytes(writer)
    except Exception as exc:  # a part we wrote ourselves should always read back
        raise CsreportError("pdf.failed", agent=title, reason=f"{type(exc).__name__}: {exc}") from exc


def join_parts(
    parts: Sequence[bytes],
    title: str,
    author: str = "",
    lang: str = "",
    *,
    first_label: str | None = None,
) -> tuple[bytes, bytes]:
    """One PDF of ``parts`` in order, their outline entries kept at the top level, and
    ``first_label`` (when given) the outline entry of the first part (a team's summary
    page). Returned twice: without page numbers (to be joined again into the shop PDF),
    and numbered "1 / N" … "N / N" (the file itself)."""
    segments = [
        Segment(part, label=first_label if number == 0 else None) for number, part in enumerate(parts)
    ]
    return join_segments(segments, title, author, lang)


def shop_pdf(
    cover: bytes | None,
    cover_label: str,
    teams: Sequence[tuple[str, bytes]],
    title: str,
    author: str = "",
    lang: str = "",
) -> bytes:
    """The shop PDF, its pages numbered: the cover, then each team's PDF (unnumbered) under
    an outline entry for the team (see :func:`shop_from`)."""
    return shop_from(
        cover, cover_label, [(label, [Segment(data)]) for label, data in teams], title, author, lang
    )


def shop_from(
    cover: bytes | None,
    cover_label: str,
    teams: Sequence[tuple[str, Sequence[Segment]]],
    title: str,
    author: str = "",
    lang: str = "",
    readers: Readers | None = None,
) -> bytes:
    """The shop PDF, its pages numbered: the cover under the outline entry ``cover_label``,
    then each team's pages, joined from its segments as :func:`join_segments` joins the team's
    own PDF (its PDF not numbered, whole, is one segment), under an outline entry for the team.

    The team's outline entries (its summary page's, one per agent) become the team entry's
    children: those a segment has (``Segment.label``) or brings from its pages. ``readers``
    as :func:`join_segments` takes them: the shop PDF takes its pages from the parts the teams'
    PDFs were joined from, without reading anything twice.
    """
    from pypdf.generic import Fit

    writer = _writer(title, author, lang)
    readers = Readers() if readers is None else readers
    try:
        if cover is not None:
            writer.append(readers.of(cover), outline_item=cover_label, import_outline=False)
        for label, segments in teams:
            first = len(writer.pages)
            entries: list[tuple[str, int, Fit, list[Any]]] = []
            for segment in segments:
                reader = readers.of(segment.data)
                count = len(reader.pages)
                stop = count if segment.stop is None else segment.stop
                if not 0 <= segment.start < stop <= count:
                    raise ValueError(f"pages {segment.start}-{stop} of a PDF of {count}")
                at = len(writer.pages)
                writer.append(
                    reader,
                    pages=None if (segment.start, stop) == (0, count) else (segment.start, stop),
                    import_outline=False,
                )
                if segment.label is not None:
                    entries.append((segment.label, at, Fit.fit(), []))
                else:
                    entries += _entries(reader, reader.outline, segment.start, stop, at)
            team = writer.add_outline_item(title=label, page_number=first, fit=Fit.fit())
            _add_entries(writer, entries, team)
        number_pypdf(writer)
        return _bytes(writer)
    except Exception as exc:
        raise CsreportError("pdf.failed", agent=title, reason=f"{type(exc).__name__}: {exc}") from exc


def _entries(reader: PdfReader, items: list[Any], start: int, stop: int, at: int) -> list[Any]:
    """The outline entries of ``reader`` (pypdf's nested ``outline`` list) on its pages ``start``
    to ``stop``, as (title, page in the joined PDF, destination fit, children), their pages
    counted from ``at``; an entry on another page gives way to its children."""
    from pypdf.generic import Fit

    found: list[Any] = []
    for number, item in enumerate(items):
        if isinstance(item, list):
            continue  # children: taken with their entry below
        children = (
            items[number + 1] if number + 1 < len(items) and isinstance(items[number + 1], list) else []
        )
        below = _entries(reader, children, start, stop, at)
        page = reader.get_destination_page_number(item)  # None: no page of this PDF
        if page is not None and start <= page < stop:
            fit = Fit(item.typ, tuple(item.dest_array[2:]))
            found.append((str(item.title), at + page - start, fit, below))
        else:
            found += below
    return found


def _add_entries(writer: PdfWriter, entries: list[Any], parent: Any) -> None:
    """Add ``entries`` (see ``_entries``) under ``parent``, each with its children."""
    for title, page, fit, children in entries:
        made = writer.add_outline_item(title=title, page_number=page, parent=parent, fit=fit)
        _add_entries(writer, children, made)
