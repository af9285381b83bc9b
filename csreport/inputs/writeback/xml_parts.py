"""Workbook XML parts read with a real XML parser and edited by splicing at its offsets.

A part is parsed once with expat, namespace-aware. Each element is recorded with its
namespace, local name, prefix as written, attributes, the namespaces in scope, and the byte
offsets of its start tag, its end tag and its end. An edit inserts or replaces bytes at
those offsets, so every byte it does not touch stays exactly as the user's program wrote
it: namespace declarations (also the unused ones ``mc:Ignorable`` names), prefixes, quotes
and spacing. Re-serialising a parsed tree would not keep them (``xml.etree`` drops unused
declarations and renames prefixes, and Excel then refuses the file).

What the parser refuses (not well-formed, a DTD, an encoding other than UTF-8) raises
``CsreportError("writeback.failed")``: the input cannot be understood. Anything else
raised here is a bug.
"""

from __future__ import annotations

import xml.parsers.expat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from csreport.problems import CsreportError

_SEP = " "  # separates namespace, local name and prefix in expat's names
_XML_NS = "http://www.w3.org/XML/1998/namespace"


@dataclass(eq=False, slots=True)
class Element:
    """One element of a part, with where it sits in the part's bytes."""

    ns: str  # namespace URI ("" for none)
    local: str
    prefix: str  # as written ("" for none)
    attrs: list[tuple[str, str]]  # (name as written, value) in document order; no xmlns
    declared: list[tuple[str, str]]  # (prefix, URI) this element declares, in order
    scope: dict[str, str]  # prefix → URI in scope here ("" is the default namespace)
    parent: Element | None
    start: int  # offset of "<"
    start_end: int = -1  # offset just after the start tag
    end: int = -1  # offset of the end tag's "</"; start_end for an empty-element tag
    stop: int = -1  # offset just after the element
    empty: bool = False  # written as one empty-element tag (<x/>)
    data: dict[str, object] = field(default_factory=dict)  # what a caller gathers on the way

    @property
    def qname(self) -> str:
        """The tag name as written."""
        return f"{self.prefix}:{self.local}" if self.prefix else self.local

    def get(self, name: str, ns: str = "") -> str | None:
        """The value of attribute ``name`` (in namespace ``ns``), or None."""
        for written, value in self.attrs:
            prefix, _, local = written.rpartition(":")
            if local == name and (self.scope.get(prefix, "") if prefix else "") == ns:
                return value
        return None

    def prefix_for(self, ns: str) -> str | None:
        """A prefix bound to ``ns`` here, or None ("" is never returned: attributes need one)."""
        return next((p for p, uri in self.scope.items() if p and uri == ns), None)


def _unreadable() -> CsreportError:
    return CsreportError("writeback.failed")


def parse(data: bytes, keep: Callable[[Element], bool] = lambda e: True) -> list[Element]:
    """The elements of ``data`` that ``keep`` accepts, in document order.

    ``keep`` sees each element at its start tag (its ``parent`` and attributes are known,
    its end offsets not yet), so a caller can also gather facts about elements it does not
    keep. Raises ``CsreportError("writeback.failed")`` for anything but well-formed UTF-8
    XML without a DTD.
    """
    parser = xml.parsers.expat.ParserCreate(namespace_separator=_SEP)
    parser.namespace_prefixes = True
    parser.ordered_attributes = True
    kept: list[Element] = []
    stack: list[Element] = []
    names: dict[str, tuple[str, str, str]] = {}  # expat name → its parts; a part uses few names
    declared: list[tuple[str, str]] = []
    pending: list[Element] = []  # the element whose start tag ends at the next event

    def mark() -> None:
        # The first event after a start tag (text, a child, a comment, its end tag) begins
        # exactly where that start tag ends.
        if pending:
            pending.pop().start_end = parser.CurrentByteIndex

    def refuse(*_args: object) -> None:
        raise _unreadable()  # OOXML forbids DTDs; one here can only be hostile

    def xml_decl(_version: str | None, encoding: str | None, _standalone: int) -> None:
        if encoding is not None and encoding.lower().replace("-", "") != "utf8":
            raise _unreadable()  # inserted text is UTF-8; UTF-16 parts are legal but unseen

    def split(name: str) -> tuple[str, str, str]:
        parts = names.get(name)
        if parts is None:
            parts = names[name] = _split(name)
        return parts

    def ns_decl(prefix: str | None, uri: str | None) -> None:
        mark()
        declared.append((prefix or "", uri or ""))

    def start(name: str, attributes: list[str]) -> None:
        mark()
        ns, local, prefix = split(name)
        parent = stack[-1] if stack else None
        scope = parent.scope if parent else {"xml": _XML_NS}
        if declared:  # shared with the parent unless this element declares a prefix
            scope = {**scope, **dict(declared)}
        attrs = [(_written(split(attributes[i])), attributes[i + 1]) for i in range(0, len(attributes), 2)]
        element = Element(ns, local, prefix, attrs, list(declared), scope, parent, parser.CurrentByteIndex)
        declared.clear()
        stack.append(element)
        pending[:] = [element]
        if keep(element):
            kept.append(element)

    def end(_name: str) -> None:
        at = parser.CurrentByteIndex
        element = stack.pop()
        if pending and pending[0] is element:  # nothing between its start tag and its end
            pending.clear()
            element.empty = data[at - 2 : at] == b"/>"
            element.start_end = at
        element.end = at
        if element.empty:
            element.stop = at
        else:
            element.stop = data.index(b">", at) + 1
            if data[at : at + 2] != b"</":
                raise RuntimeError(f"expat placed the end of <{element.qname}> at {at}, not at '</'")

    parser.XmlDeclHandler = xml_decl
    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartNamespaceDeclHandler = ns_decl
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    for handler in (
        "CharacterDataHandler",
        "CommentHandler",
        "ProcessingInstructionHandler",
        "StartCdataSectionHandler",
        "EndCdataSectionHandler",
        "DefaultHandlerExpand",
    ):
        setattr(parser, handler, lambda *_args: mark())
    try:
        data.decode("utf-8")
        parser.Parse(data, True)
    except (xml.parsers.expat.ExpatError, UnicodeDecodeError) as exc:
        raise _unreadable() from exc
    return kept


def _split(name: str) -> tuple[str, str, str]:
    """(namespace, local name, prefix) of an expat name such as ``"urn:x row x"``."""
    parts = name.split(_SEP)
    if len(parts) == 1:
        return "", parts[0], ""
    return parts[0], parts[1], parts[2] if len(parts) > 2 else ""


def _written(parts: tuple[str, str, str]) -> str:
    """An attribute's name as written in the start tag (``r:id``, ``spans``), from its parts."""
    _ns, local, prefix = parts
    return f"{prefix}:{local}" if prefix else local


def attr_text(value: str) -> str:
    """``value`` quoted as an attribute value; whitespace a parser would normalise kept as references."""
    escaped = (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )
    return f'"{escaped}"'


def text(value: str) -> str:
    """``value`` escaped as element content."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def start_tag(element: Element, changes: dict[str, str], *, empty: bool | None = None) -> str:
    """``element``'s start tag rebuilt from what was parsed, with attribute values ``changes``
    (by name as written); ``empty`` chooses ``<x/>`` or ``<x>`` (as written when None)."""
    parts = [f"<{element.qname}"]
    parts += [
        f" xmlns:{p}={attr_text(uri)}" if p else f" xmlns={attr_text(uri)}" for p, uri in element.declared
    ]
    parts += [f" {name}={attr_text(changes.get(name, value))}" for name, value in element.attrs]
    parts += [
        f" {name}={attr_text(value)}"
        for name, value in changes.items()
        if all(name != written for written, _ in element.attrs)
    ]
    parts.append("/>" if (element.empty if empty is None else empty) else ">")
    return "".join(parts)


def append_child(element: Element, content: str) -> tuple[int, int, str]:
    """The edit that puts ``content`` after ``element``'s last child."""
    if element.empty:  # <x/> becomes <x>content</x>
        return (
            element.start,
            element.stop,
            (start_tag(element, {}, empty=False) + content + f"</{element.qname}>"),
        )
    return element.end, element.end, content


def splice(data: bytes, edits: Iterable[tuple[int, int, str]]) -> bytes:
    """``data`` with each (from, to, text) edit applied; edits must not overlap.

    At one offset, insertions keep the order they were given in.
    """
    out: list[bytes] = []
    pos = 0
    for lo, hi, new in sorted(edits, key=lambda e: e[0]):
        if lo < pos:
            raise RuntimeError(f"overlapping edits at byte {lo}")
        out += [data[pos:lo], new.encode("utf-8")]
        pos = hi
    return b"".join(out) + data[pos:]
