"""The one way csreport reads a user's YAML file (rules, header mapping, settings), safely.

A settings file is small text a person wrote. Anything else given in its place is refused
with one line naming the file and what it is, never a traceback, a hang or a memory blow-up:

* the path is opened without blocking and checked with ``fstat``: a folder, a device
  (``/dev/zero``), a pipe or a socket is named as such and never read;
* at most :data:`MAX_BYTES` are read, so a huge file cannot fill memory;
* the bytes must be text: UTF-8 (with or without BOM), UTF-16 with a BOM (Windows Notepad's
  "Unicode"), or, failing UTF-8, GB18030 — the superset of GBK that Chinese Windows editors
  save by default. Bytes that are none of these, or that hold control characters, are
  refused as "not a text (YAML) file";
* parsing refuses documents whose aliases (``*name``) would expand beyond
  :data:`MAX_NODES` values (the "billion laughs" bomb), aliases that refer to themselves,
  and nesting deeper than the parser's stack.

Problems inside the YAML are raised as :class:`YamlProblem` (a line and a bilingual text)
so each loader can report them under its own message code; problems with the file itself
are raised as ``CsreportError`` right here.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path
from typing import Any

import yaml

from csreport.messages import Bilingual, both
from csreport.problems import CsreportError
from csreport.util.paths import os_reason

KeyPath = tuple[str | int, ...]

MAX_BYTES = 2 * 2**20  # the shipped presets are about 10 KB; 2 MiB is far beyond any real file
MAX_NODES = 200_000  # values after expanding aliases; a 2 MiB file without aliases has fewer
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_CONTROL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f]")

RULES = both("settings.what.rules")
MAPPING = both("settings.what.mapping")
SETTINGS = both("settings.what.settings")


class YamlProblem(Exception):
    """A problem inside a YAML text: the 1-based line and what is wrong, in both languages."""

    def __init__(self, line: int, problem: Bilingual) -> None:
        super().__init__(problem.en)
        self.line = line
        self.problem = problem


# ---- the file -----------------------------------------------------------------------------------


def read_text(path: Path, what: Bilingual) -> str:
    """The text of the settings file ``path``; ``what`` names the kind of file in messages.

    Raises ``CsreportError`` (exit code 2) when it is missing, not a regular file, too
    large, unreadable, or not text.
    """
    shown = str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise CsreportError("settings.is_folder", what=what, path=shown)
        if not stat.S_ISREG(info.st_mode):
            # Checked before opening: opening a pipe for reading waits for a writer forever.
            raise CsreportError("settings.not_regular", what=what, path=shown)
        fd = os.open(path, flags)
    except FileNotFoundError as exc:
        raise CsreportError("file.not_found", path=shown) from exc
    except OSError as exc:
        raise _unreadable(exc, what, shown) from exc
    try:
        # fstat on what was opened: the name may have been swapped for a pipe since the stat.
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise CsreportError("settings.not_regular", what=what, path=shown)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _unreadable(exc, what, shown) from exc
    finally:
        os.close(fd)
    if len(data) > MAX_BYTES:
        raise CsreportError("settings.too_large", what=what, path=shown, limit_kb=MAX_BYTES // 1024)
    text = decode(data)
    if text is None:
        raise CsreportError("settings.not_text", what=what, path=shown)
    return text


def decode(data: bytes) -> str | None:
    """``data`` as text (see the module docstring for the encodings), or None when it is not text."""
    if data.startswith(_UTF16_BOMS):
        candidates: tuple[str, ...] = ("utf-16",)
    else:
        candidates = ("utf-8-sig", "gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        # Text has no control characters but tab and line ends; a binary file that happens
        # to decode (GB18030 accepts many byte pairs) still has them.
        if _CONTROL.search(text):
            return None
        return text.lstrip("\ufeff")
    return None


def _unreadable(exc: OSError, what: Bilingual, shown: str) -> CsreportError:
    if isinstance(exc, PermissionError) or exc.errno in (errno.EACCES, errno.EPERM):
        return CsreportError("settings.no_permission", what=what, path=shown)
    if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.ENAMETOOLONG):
        return CsreportError("file.not_found", path=shown)
    return CsreportError("settings.unreadable", what=what, path=shown, reason=os_reason(exc))


# ---- the YAML -----------------------------------------------------------------------------------


def compose(text: str) -> yaml.Node | None:
    """The YAML node graph of ``text``, checked to be safe to expand; None for an empty text.

    Raises :class:`YamlProblem` for a syntax error, an alias bomb, a self-referring alias
    or nesting too deep for the parser.
    """
    if len(text) > MAX_BYTES:
        raise YamlProblem(1, both("yaml.too_large", limit_kb=MAX_BYTES // 1024))
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        if "'\\t'" in str(exc.problem or "") or "\t" in str(exc.problem or ""):
            # The parser's words ("found character '\\t' that cannot start any token") name
            # no fix; a Tab for indenting is the usual cause, and it is said plainly.
            raise YamlProblem(line, both("yaml.tab")) from exc
        detail = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise YamlProblem(line, both("yaml.syntax", detail=detail)) from exc
    except yaml.YAMLError as exc:
        raise YamlProblem(1, both("yaml.syntax", detail=str(exc).splitlines()[0])) from exc
    except RecursionError as exc:
        raise YamlProblem(1, both("yaml.too_deep")) from exc
    if node is not None:
        _check_size(node)
    return node


def _check_size(root: yaml.Node) -> None:
    """Refuse a graph whose aliases would expand beyond ``MAX_NODES`` values, or loop.

    Each distinct node is visited once (its expanded size is remembered), so the check
    itself takes time in proportion to the file, not to the expansion.
    """
    size: dict[int, int] = {}
    on_path: set[int] = set()
    # Iterative depth-first walk: (node, children done?)
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            total = 1 + sum(size[id(child)] for child in _children(node))
            if total > MAX_NODES:
                raise YamlProblem(node.start_mark.line + 1, both("yaml.too_many", limit=MAX_NODES))
            size[key] = total
            continue
        if key in size:
            continue
        if key in on_path:
            raise YamlProblem(node.start_mark.line + 1, both("yaml.alias_loop"))
        on_path.add(key)
        stack.append((node, True))
        for child, line in _children_lines(node):
            if id(child) in on_path:
                raise YamlProblem(line, both("yaml.alias_loop"))
            if id(child) not in size:
                stack.append((child, False))


def _children(node: yaml.Node) -> list[yaml.Node]:
    return [child for child, _ in _children_lines(node)]


def _children_lines(node: yaml.Node) -> list[tuple[yaml.Node, int]]:
    """A node's keys and values, each with the line where it is referred to: a value's is its
    key's line (an alias resolves to the anchored node, whose own line is the anchor's)."""
    if isinstance(node, yaml.MappingNode):
        return [(n, k.start_mark.line + 1) for k, v in node.value for n in (k, v)]
    if isinstance(node, yaml.SequenceNode):
        return [(n, node.start_mark.line + 1) for n in node.value]
    return []


def load(text: str) -> tuple[Any, dict[KeyPath, int]]:
    """Parse ``text`` (safely, see :func:`compose`) into plain data plus the 1-based line of
    every key path. Raises :class:`YamlProblem`."""
    node = compose(text)
    lines: dict[KeyPath, int] = {}
    if node is None:
        return None, lines
    # One constructor per text builds its scalars (making one per scalar is slow).
    return _convert(node, (), lines, yaml.SafeLoader("")), lines


def _convert(node: yaml.Node, path: KeyPath, lines: dict[KeyPath, int], ctor: yaml.SafeLoader) -> Any:
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = str(
                _scalar(key_node, ctor)
                if isinstance(key_node, yaml.ScalarNode)
                else _convert(key_node, (*path, "?"), {}, ctor)
            )
            if key in out:
                # YAML would keep the last silently: a second 人工会话量: under columns is a
                # slip the user must see, not a column quietly mapped elsewhere.
                raise YamlProblem(
                    key_node.start_mark.line + 1,
                    both("yaml.duplicate_key", key=key[:80], first=lines[(*path, key)]),
                )
            lines[(*path, key)] = key_node.start_mark.line + 1
            out[key] = _convert(value_node, (*path, key), lines, ctor)
            lines[(*path, key)] = key_node.start_mark.line + 1
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), lines, ctor) for i, item in enumerate(node.value)]
    return _scalar(node, ctor)


def _scalar(node: yaml.Node, ctor: yaml.SafeLoader) -> Any:
    try:
        return ctor.construct_object(node, deep=True)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or node.start_mark
        raise YamlProblem(
            mark.line + 1, both("yaml.syntax", detail=str(getattr(exc, "problem", exc)))
        ) from exc
    except (ValueError, OverflowError) as exc:  # e.g. a timestamp such as 2026-13-45
        raise YamlProblem(
            node.start_mark.line + 1, both("yaml.bad_value", value=str(node.value)[:80])
        ) from exc
