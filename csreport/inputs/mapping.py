"""A shop's header mapping file: its own column names, derived counts, declared metrics and
rows to leave out.

The file is YAML with up to four sections (see ``examples/mapping.yaml``)::

    columns:                      # header -> field (or 忽略); one header may feed several
      人工会话量: 接待人数
      支付人数: [付款订单数, 询单付款人数]
    derive:                       # a field computed from the same sheet's columns
      回复人数: 咨询人数 * (1 - 不服务率)
    fields:                       # a metric the shop scores that csreport has no name for
      三分钟回复率:
        column: 三分钟回复率（人维度）
        unit: "%"
        month: weighted by 咨询人数
    drop_rows: [店铺汇总值]          # row labels to leave out

It is applied before the shipped alias table. Mistakes a reader can see in the file alone
(an unknown field, a bad unit) are fatal here with the line; mistakes only the data shows
(a header no sheet has) are reported when the sheets are read.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from csreport.fields import AGGREGATES, BUILTIN, UNITS, DeclaredField, Vocabulary, resolve, valid_name
from csreport.inputs.headers import (
    IGNORE,
    ROLE_FIELDS,
    canonical,
    normalize_header,
    shipped_aliases,
    target_names,
)
from csreport.messages import Bilingual, both, listed
from csreport.problems import CsreportError
from csreport.util import yaml_lines
from csreport.util.formula import Formula, FormulaError
from csreport.util.formula import parse as parse_formula
from csreport.util.yaml_safe import MAPPING, YamlProblem, read_text

_IGNORE_WORDS = {"忽略", "ignore", "不使用"}
SECTIONS = ("columns", "derive", "fields", "drop_rows")
_FIELD_KEYS = ("column", "unit", "month")
_UNIT_WORDS = {
    "%": "%",
    "percent": "%",
    "百分比": "%",
    "s": "s",
    "秒": "s",
    "seconds": "s",
    "count": "count",
    "个": "count",
    "次": "count",
    "人": "count",
    "数量": "count",
    "yuan": "yuan",
    "元": "yuan",
    "金额": "yuan",
    "score": "score",
    "分": "score",
    "得分": "score",
}
_SUM = {"sum", "求和", "合计", "加总"}
_MEAN = {"mean", "average", "平均", "平均值", "日均"}
_WEIGHTED = re.compile(r"^(?:weightedby(?P<a>.+)|按(?P<b>.+?)加权(?:平均)?|(?P<c>.+?)加权(?:平均)?)$")
# Row-level counts a declared field may be weighted by (besides declared counts).
WEIGHT_FIELDS = ("received", "inquiries", "replied", "pre_sales", "inquiry_paid", "paid_orders", "sales")


@dataclass(frozen=True)
class MappingEntry:
    """A header the file names (under ``columns`` or as a declared field's ``column``)."""

    header: str  # as written in the file
    key: str  # normalised, as compared with the sheets' headers
    line: int


@dataclass(frozen=True)
class Derivation:
    """A field computed row by row from the same sheet's columns (``derive:``)."""

    target: str  # the field id it fills
    formula: Formula  # names as written; what they mean is decided per sheet
    line: int = 0  # 0: shipped with csreport


@dataclass(frozen=True)
class UserMapping:
    """Everything a mapping file says, checked against csreport's fields."""

    file: str = field(default="", compare=False)  # the file's name, for messages
    columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # normalised header → fields
    entries: tuple[MappingEntry, ...] = field(default=(), compare=False)
    derive: tuple[Derivation, ...] = ()
    fields: tuple[DeclaredField, ...] = ()
    drop_rows: frozenset[str] = frozenset()  # normalised row labels
    drop_labels: Mapping[str, str] = field(default_factory=dict, compare=False)  # normalised → as written

    def vocabulary(self) -> Vocabulary:
        """The aggregates a rules formula may name with this mapping: csreport's and the
        fields it declares."""
        return Vocabulary(self.fields) if self.fields else BUILTIN

    def fields_for(self, header: object) -> tuple[str, ...] | None:
        """The fields a header feeds by this file, or None when the file does not name it."""
        return self.columns.get(normalize_header(header))


def vocabulary_of(path: Path | None) -> Vocabulary:
    """The aggregates rules may name with the mapping file ``path`` (csreport's own only
    when there is none)."""
    user = load_mapping(path)
    return user.vocabulary() if user is not None else BUILTIN


def load_mapping(path: Path | None) -> UserMapping | None:
    """The mapping in ``path``; None when no file is given. Raises ``mapping.invalid``."""
    if path is None:
        return None
    path = Path(path)
    text = read_text(path, MAPPING)  # refuses folders, devices, huge and non-text files
    try:
        data, lines = yaml_lines.load(text)
    except YamlProblem as exc:
        raise CsreportError("mapping.invalid", file=str(path), line=exc.line, problem=exc.problem) from exc
    return _Reader(path, lines).read(data)


class _Reader:
    """Checks one file's sections, raising ``mapping.invalid`` at the first mistake."""

    def __init__(self, path: Path, lines: dict[yaml_lines.Path_, int]) -> None:
        self.path, self.lines = path, lines
        self.declared: dict[str, DeclaredField] = {}
        self.counts: dict[str, str] = {}  # declared counts and amounts, by normalised name
        self.labels: dict[str, str] = {}  # drop_rows labels, normalised → as written

    def fail(self, key_path: tuple[Any, ...], code: str, **params: Any) -> CsreportError:
        return CsreportError(
            "mapping.invalid",
            file=str(self.path),
            line=yaml_lines.line_of(self.lines, key_path),
            problem=both(code, **params),
        )

    def read(self, data: Any) -> UserMapping:
        if isinstance(data, dict):
            for key in data:
                if key not in SECTIONS:
                    raise self.fail(
                        (key,), "mapping.e.unknown_section", key=_short(key), sections=_sections()
                    )
        if not isinstance(data, dict) or not any(k in data for k in SECTIONS):
            raise self.fail((), "mapping.e.no_sections", sections=_sections())
        raw_fields = self.section(data, "fields")
        derive_raw = self.section(data, "derive")
        # Every declared name and unit first, so a field may be weighted by one declared
        # after it.
        self.counts = {
            normalize_header(name): str(name).strip()
            for name, spec in raw_fields.items()
            if isinstance(spec, dict)
            and _UNIT_WORDS.get(normalize_header(spec.get("unit"))) in ("count", "yuan")
        }
        fields = tuple(self.field(name, spec, set(map(str, derive_raw))) for name, spec in raw_fields.items())
        columns: dict[str, tuple[str, ...]] = {}
        entries: list[MappingEntry] = []
        for header, target in self.section(data, "columns").items():
            key = normalize_header(header)
            if key in columns:  # the same header twice, spelled apart (（秒） and (秒))
                first = next(e for e in entries if e.key == key)
                raise self.fail(
                    ("columns", header), "yaml.duplicate_key", key=_short(header), first=first.line
                )
            columns[key] = self.targets(("columns", header), target)
            entries.append(
                MappingEntry(str(header), key, yaml_lines.line_of(self.lines, ("columns", header)))
            )
        for d in fields:
            if d.column:
                key = normalize_header(d.column)
                columns[key] = (*columns.get(key, ()), d.name)
                line = yaml_lines.line_of(self.lines, ("fields", d.name, "column"))
                entries.append(MappingEntry(d.column, key, line))
        derive = tuple(
            self.derivation(target, formula, i)
            for target, formulas in derive_raw.items()
            for i, formula in enumerate(formulas if isinstance(formulas, list) else [formulas])
        )
        drop = self.drop_rows(data)
        return UserMapping(self.path.name, columns, tuple(entries), derive, fields, drop, dict(self.labels))

    def section(self, data: dict[Any, Any], name: str) -> dict[Any, Any]:
        value = data.get(name)
        if value is None or name == "drop_rows":
            return {}
        if not isinstance(value, dict):
            raise self.fail((name,), "mapping.e.section_not_mapping", section=name)
        return value

    def targets(self, key_path: tuple[Any, ...], target: Any) -> tuple[str, ...]:
        """The field ids a ``columns`` entry names: one, a list, or 忽略."""
        items = target if isinstance(target, list) else [target]
        out: list[str] = []
        for item in items:
            if item is None or isinstance(item, (dict, list)) or not str(item).strip():
                raise self.fail(key_path, "mapping.e.target_empty")
            wanted = normalize_header(item)
            if wanted in _IGNORE_WORDS:
                out.append(IGNORE)
            elif wanted in self.declared:
                out.append(self.declared[wanted].name)
            elif wanted in target_names():
                out.append(target_names()[wanted])
            else:
                raise self.fail(key_path, "mapping.not_a_field", **_unknown(str(item)))
        return tuple(dict.fromkeys(out))

    def field(self, name: Any, spec: Any, derived: set[str]) -> DeclaredField:
        path = ("fields", name)
        text = str(name).strip()
        if not valid_name(text):
            raise self.fail(path, "mapping.e.field_name", name=_short(name))
        if normalize_header(text) in target_names():
            known = canonical(target_names()[normalize_header(text)])
            raise self.fail(path, "mapping.e.field_builtin", name=text, canonical=known)
        aggregate = resolve(text) or next((f for f in AGGREGATES if f.id == text.lower()), None)
        if aggregate is not None:  # a monthly total csreport computes (迟到次数, 抽查数)
            raise self.fail(path, "mapping.e.field_builtin", name=text, canonical=aggregate.zh)
        if not isinstance(spec, dict):
            raise self.fail(path, "mapping.e.field_not_mapping", name=text)
        for key in spec:
            if key not in _FIELD_KEYS:
                raise self.fail((*path, key), "mapping.e.field_key", name=text, key=_short(key))
        column = str(spec.get("column") or "").strip()
        if not column and text not in derived:
            raise self.fail(path, "mapping.e.field_no_column", name=text)
        unit_raw = spec.get("unit")
        if unit_raw is None or not str(unit_raw).strip():
            raise self.fail(path, "mapping.e.unit_missing", name=text, units=_units())
        unit = _UNIT_WORDS.get(normalize_header(unit_raw))
        if unit is None:
            raise self.fail(
                (*path, "unit"), "mapping.e.unit", name=text, unit=_short(unit_raw), units=_units()
            )
        month, weight = self.month(path, text, unit, spec.get("month"))
        declared = DeclaredField(text, column, unit, month, weight)
        self.declared[normalize_header(text)] = declared
        return declared

    def month(self, path: tuple[Any, ...], name: str, unit: str, raw: Any) -> tuple[str, str | None]:
        if raw is None:
            if unit in ("count", "yuan"):
                return "sum", None
            raise self.fail(path, "mapping.e.month_needed", name=name, unit=unit)
        text = normalize_header(raw)
        if text in _SUM:
            return "sum", None
        if text in _MEAN:
            return "mean", None
        found = _WEIGHTED.match(text)
        if not found:
            raise self.fail((*path, "month"), "mapping.e.month", name=name, month=_short(raw))
        weight_name = next(g for g in found.groups() if g)
        weight = target_names().get(weight_name)
        if weight_name in self.counts:
            return "weighted", self.counts[weight_name]
        if weight not in WEIGHT_FIELDS:
            names = listed([canonical(f) for f in WEIGHT_FIELDS])
            shown = found.group("a") or found.group("b") or found.group("c") or str(raw)
            raise self.fail(
                (*path, "month"), "mapping.e.weight", name=name, weight=_short(shown), names=names
            )
        return "weighted", weight

    def derivation(self, target: Any, formula: Any, index: int) -> Derivation:
        path = ("derive", target)
        wanted = normalize_header(target)
        if wanted in self.declared:
            field_id = self.declared[wanted].name
        elif target_names().get(wanted) in ROLE_FIELDS["reception"]:
            field_id = target_names()[wanted]
        else:
            raise self.fail(path, "mapping.e.derive_target", target=_short(target), names=_derivable())
        if not isinstance(formula, (str, int, float)) or isinstance(formula, bool):
            raise self.fail(
                path, "mapping.e.derive_formula", target=_short(target), problem=both("formula.empty")
            )
        try:
            parsed = parse_formula(str(formula), lambda name: name)
        except FormulaError as exc:
            if exc.code == "formula.unparsable" and _SYMBOLS.search(str(formula)):
                # A header with brackets or symbols written into the formula.
                raise self.fail(
                    path, "mapping.e.derive_unparsable", target=_short(target), formula=_short(formula)
                ) from exc
            raise self.fail(
                path, "mapping.e.derive_formula", target=_short(target), problem=both(exc.code, **exc.params)
            ) from exc
        return Derivation(field_id, parsed, yaml_lines.line_of(self.lines, path))

    def drop_rows(self, data: dict[Any, Any]) -> frozenset[str]:
        raw = data.get("drop_rows")
        if raw is None:
            return frozenset()
        items = raw if isinstance(raw, list) else [raw]
        if any(isinstance(i, (dict, list)) or i is None for i in items):
            raise self.fail(("drop_rows",), "mapping.e.drop_rows")
        self.labels = {normalize_header(i): str(i).strip() for i in items if str(i).strip()}
        return frozenset(self.labels)


# What a header may hold that a formula's name cannot: full-width brackets, %, /, ->.
_SYMBOLS = re.compile(r"[（）【】\[\]%/>＞：:、，]")


def _short(value: Any) -> str:
    return str(value)[:80]


def _sections() -> Bilingual:
    return listed(SECTIONS)


def _units() -> Bilingual:
    return listed(UNITS)


def _derivable() -> Bilingual:
    return listed(
        dict.fromkeys(
            canonical(f)
            for f in ROLE_FIELDS["reception"]
            if f not in ("agent_id", "subaccount", "name", "date")
        )
    )


def _unknown(target: str) -> dict[str, Any]:
    """The parameters of ``mapping.not_a_field``: the target, the closest names, all names."""
    names = valid_targets()
    close = difflib.get_close_matches(target, names, n=3, cutoff=0.5)
    return {
        "target": target[:80],
        "closest": both("mapping.did_you_mean", names=listed(close)) if close else "",
        "names": listed(names),
    }


def valid_targets() -> list[str]:
    """The canonical name of every field a mapping may point at, in the alias table's order."""
    _aliases, canon = shipped_aliases()
    return list(dict.fromkeys(canon[f] for f in canon))
