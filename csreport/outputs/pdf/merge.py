"""Join finished PDFs with pypdf: a team laid out in several chunks, and the shop PDF.

Worker processes cannot share laid-out pages, so PDFs that span their work are joined
here, in the parent, from the bytes they return. Joining copies pages as they are (no
repainting): each part keeps its own font subset, and outlines are carried over.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from csreport.problems import CsreportError

if TYPE_CHECKING:  # pypdf is imported when PDFs are joined, not when csreport starts
    from pypdf import PdfWriter


def _writer(title: str, author: str, lang: str) -> PdfWriter:
    """An empty pypdf writer with document information set."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter()
    writer.add_metadata({"/Title": title, "/Author": author, "/Producer": "csreport"})
    if lang:
        writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
    return writer


def _bytes(writer: PdfWriter) -> bytes:
    """The finished PDF."""
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def join_parts(parts: Sequence[bytes], title: str, author: str = "", lang: str = "") -> bytes:
    """One PDF of ``parts`` in order, their outline entries kept at the top level."""
    from pypdf import PdfReader

    if len(parts) == 1:
        return parts[0]
    writer = _writer(title, author, lang)
    try:
        for part in parts:
            writer.append(PdfReader(io.BytesIO(part)))
        return _bytes(writer)
    except Exception as exc:  # a part we wrote ourselves should always read back
        raise CsreportError("pdf.failed", agent=title, reason=f"{type(exc).__name__}: {exc}") from exc


def shop_pdf(
    cover: bytes | None,
    cover_label: str,
    teams: Sequence[tuple[str, bytes]],
    title: str,
    author: str = "",
    lang: str = "",
) -> bytes:
    """The shop PDF: the cover, then each team's PDF under an outline entry for the team.

    The teams' own outline entries (one per agent) become the team entry's children.
    """
    from pypdf import PdfReader

    writer = _writer(title, author, lang)
    try:
        if cover is not None:
            writer.append(
                PdfReader(io.BytesIO(cover)),
                outline_item=cover_label,
                import_outline=False,
            )
        for label, data in teams:
            writer.append(
                PdfReader(io.BytesIO(data)),
                outline_item=label,
            )
        return _bytes(writer)
    except Exception as exc:
        raise CsreportError("pdf.failed", agent=title, reason=f"{type(exc).__name__}: {exc}") from exc
