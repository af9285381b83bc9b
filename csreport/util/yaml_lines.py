"""Load YAML while remembering the line of every key, so errors can point at it.

Parsing is :func:`csreport.util.yaml_safe.load`, the one safe YAML reader shared by the rules,
the header mapping and the settings file (alias bombs, self-referring aliases and deep
nesting are refused there as :class:`~csreport.util.yaml_safe.YamlProblem`).
"""

from __future__ import annotations

from typing import Any

from csreport.util.yaml_safe import KeyPath, YamlProblem
from csreport.util.yaml_safe import load as _safe_load

Path_ = KeyPath

__all__ = ["Path_", "YamlProblem", "dotted", "line_of", "load"]


def load(text: str) -> tuple[Any, dict[Path_, int]]:
    """Parse YAML ``text`` into plain data plus a map from key path to 1-based line.

    Raises ``YamlProblem`` for a syntax error or a document unsafe to expand."""
    return _safe_load(text)


def line_of(lines: dict[Path_, int], path: Path_) -> int:
    """The line of ``path``, or of its nearest ancestor that has one."""
    p = tuple(path)
    while p:
        if p in lines:
            return lines[p]
        p = p[:-1]
    return lines.get((), 1)


def dotted(path: Path_) -> str:
    """A key path as readers write it: ``tables[1].kpis[0].bands[2].range``; "" for the whole file."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out
