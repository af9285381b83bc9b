"""A user's header mapping file: the shop's own column names → csreport's fields.

The file is YAML with one section, ``columns``, mapping a header as it appears in the
shop's workbook to one of csreport's canonical headers (or a field id)::

    columns:
      客服旺旺: 旺旺
      询单->最终付款人数: 付款订单数
      备用列: 忽略          # recognised, not used

It is applied before the shipped alias table.
"""

from __future__ import annotations

from pathlib import Path

from csreport.inputs.headers import IGNORE, canonical, normalize_header, shipped_aliases
from csreport.messages import both
from csreport.problems import CsreportError
from csreport.util import yaml_lines
from csreport.util.yaml_safe import MAPPING, YamlProblem, read_text

_IGNORE_WORDS = {"忽略", "ignore", "不使用"}


def load_mapping(path: Path | None) -> dict[str, str] | None:
    """Normalised header → field from ``path``; None when no file is given."""
    if path is None:
        return None
    path = Path(path)
    text = read_text(path, MAPPING)  # refuses folders, devices, huge and non-text files
    try:
        data, lines = yaml_lines.load(text)
    except YamlProblem as exc:
        raise CsreportError("mapping.invalid", file=str(path), line=exc.line, problem=exc.problem) from exc
    columns = (data or {}).get("columns") if isinstance(data, dict) else None
    if not isinstance(columns, dict):
        raise CsreportError(
            "mapping.invalid",
            file=str(path),
            line=yaml_lines.line_of(lines, ("columns",)),
            problem=both("mapping.no_columns"),
        )
    targets = _targets()
    out: dict[str, str] = {}
    for header, target in columns.items():
        key = normalize_header(header)
        wanted = normalize_header(target)
        if wanted in _IGNORE_WORDS:
            out[key] = IGNORE
        elif wanted in targets:
            out[key] = targets[wanted]
        else:
            raise CsreportError(
                "mapping.invalid",
                file=str(path),
                line=yaml_lines.line_of(lines, ("columns", str(header))),
                problem=both("mapping.not_a_field", target=str(target)[:80]),
            )
    return out


def _targets() -> dict[str, str]:
    """Every name a mapping may point at: canonical headers, aliases and field ids."""
    aliases, canon = shipped_aliases()
    targets = {k: f for k, f in aliases.items() if f != IGNORE}
    for field in canon:
        targets[normalize_header(field)] = field
        targets[normalize_header(canonical(field))] = field
    return targets
