"""Read a rules file (a preset name, a YAML path, or an exported workbook) into a ``RuleSet``.

Validation here is structural: every error names the key path and the line. Whether
the tables make sense (gaps, overlaps, weights) is the linter's job.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import fields, replace
from decimal import Decimal, InvalidOperation
from importlib import resources
from pathlib import Path
from typing import Any

from csreport.fields import BUILTIN, Vocabulary
from csreport.messages import Bilingual, both, listed, translate
from csreport.problems import CsreportError
from csreport.rules.model import Grade, Kpi, Level, Profile, Promotion, PromotionRule, RuleSet, Table
from csreport.rules.parse_kpi import KeyPath, number, parse_kpi
from csreport.rules.sampling import parse_sampling
from csreport.util import yaml_lines
from csreport.util.yaml_safe import RULES, YamlProblem, read_text

PRESETS: dict[str, str] = {
    "standard": "standard.yaml",
    "literal": "literal.yaml",
    "multi": "multi.yaml",
}
# Each preset's short Chinese name, which users type and listings show beside the English one.
PRESET_ZH_NAMES = {"standard": "标准", "literal": "字面", "multi": "多维度"}
PRESET_ALIASES = {
    **{zh: name for name, zh in PRESET_ZH_NAMES.items()},
    "标准考核": "standard",
    "正式": "standard",
    "试用期": "standard",
}
DEFAULT_PRESET = "standard"
# A month as rules files and the command line write it: 2026-07.
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# The conditions a ``promotion:`` rule may set; the counts among them are whole numbers.
PROMOTION_KEYS = tuple(f.name for f in fields(PromotionRule))
PROMOTION_COUNTS = frozenset({"min_months", "min_vetoes", "max_vetoes", "min_tenure_months"})
PROMOTION_WAYS = ("up", "down")


class _Collector:
    """Gathers every validation error with its key path and line before raising.

    Each problem is kept in both languages and raised as a ``Bilingual`` parameter, so the
    message comes out in the user's language whoever called the loader (the rules workbook
    reader, ``check``) and whatever ``lang`` it passed.
    """

    def __init__(self, source: str, lines: dict[yaml_lines.Path_, int], lang: str) -> None:
        self.source, self.lines, self.lang = source, lines, lang
        self.errors: list[tuple[int, str | Bilingual, Bilingual]] = []

    def add(self, path: KeyPath, code: str, **params: Any) -> None:
        """Record the problem ``code`` (of the catalogue) with ``params`` at ``path``."""
        self.errors.append(
            (
                yaml_lines.line_of(self.lines, path),
                yaml_lines.dotted(path) or both("rules.whole_file"),
                both(code, **params),
            )
        )

    def raise_if_any(self) -> None:
        if not self.errors:
            return
        line, path, first = self.errors[0]
        # The first error fills the message; the others follow it, one indented line each.
        rest = {
            lang: "".join(
                "\n  " + translate("rules.error_line", lang, line=ln, path=p, why=problem)
                for ln, p, problem in self.errors[1:]
            )
            for lang in ("zh", "en")
        }
        raise CsreportError(
            "rules.invalid",
            file=self.source,
            line=line,
            path=path,
            why=Bilingual(first.zh + rest["zh"], first.en + rest["en"]),
        )


def preset_names() -> list[str]:
    """The shipped presets, by their short names."""
    return list(PRESETS)


def preset_listing() -> Bilingual:
    """The presets for messages: ``standard（标准）, literal（字面）, …`` in Chinese, with the
    Chinese names users may type; the plain names they type in English."""
    named = [
        both("rules.preset_named", name=name, zh=PRESET_ZH_NAMES[name]) if name in PRESET_ZH_NAMES else name
        for name in PRESETS
    ]
    return Bilingual(listed(named, "list.names").zh, listed(PRESETS, "list.names").en)


def preset_text(name: str) -> str:
    """The YAML text of a shipped preset."""
    return (resources.files("csreport.rules") / "presets" / PRESETS[name]).read_text("utf-8")


def load_rules(
    name_or_path: str | None, profile: str | None = None, lang: str = "zh", vocabulary: Vocabulary = BUILTIN
) -> RuleSet:
    """Load a preset by name, or a user's rules file (YAML, or a workbook from ``export``).

    Formulas may name the aggregates of ``vocabulary``: csreport's own and the fields a
    shop's mapping file declares (``Vocabulary(mapping.fields)``).
    """
    key = name_or_path or DEFAULT_PRESET
    key = PRESET_ALIASES.get(key, key)
    if key in PRESETS:
        rules = parse_rules(preset_text(key), source=key, lang=lang, vocabulary=vocabulary)
    else:
        path = Path(key)
        if not os.path.exists(path):
            # English readers get the plain names they type; the Chinese aliases are for zh.
            raise CsreportError("rules.not_found", name=key, presets=preset_listing())
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            from csreport.rules.workbook.transfer import rules_text_from_workbook

            text = rules_text_from_workbook(path, vocabulary)
            rules = parse_rules(text, source=str(path), lang=lang, vocabulary=vocabulary)
        else:
            # Folders, devices, huge and binary files are refused here with what they are.
            rules = parse_rules(read_text(path, RULES), source=str(path), lang=lang, vocabulary=vocabulary)
    return profiled(rules, profile)


def profiled(rules: RuleSet, profile: str | None) -> RuleSet:
    """``rules`` with the weight profile ``profile`` applied (as they are when None); an unknown
    profile is refused with the profiles the rules have."""
    if profile is None:
        return rules
    try:
        return apply_profile(rules, profile)
    except KeyError:
        raise CsreportError(
            "rules.no_profile",
            profile=profile,
            rules=Bilingual(rules.name, rules.name_en),
            profiles=listed((Bilingual(p.name, p.name_en) for p in rules.profiles), "list.names")
            if rules.profiles
            else "-",
        ) from None


def apply_profile(rules: RuleSet, profile: str) -> RuleSet:
    """``rules`` re-weighted by ``profile``, with a hash that records the profile."""
    applied = rules.with_profile(profile)
    digest = hashlib.sha256(f"{rules.text}\nprofile: {applied.profile}".encode()).hexdigest()[:8]
    return replace(applied, hash=digest)


def parse_rules(
    text: str, source: str = "<rules>", lang: str = "zh", vocabulary: Vocabulary = BUILTIN
) -> RuleSet:
    """Validate rules ``text`` and build the ``RuleSet``; errors name key path and line.

    Formulas may name the aggregates of ``vocabulary``, which the ``RuleSet`` keeps.
    """
    try:
        data, lines = yaml_lines.load(text)
    except YamlProblem as exc:
        raise CsreportError(
            "rules.invalid", file=source, line=exc.line, path=both("rules.yaml_syntax"), why=exc.problem
        ) from exc
    col = _Collector(source, lines, lang)
    if not isinstance(data, dict):
        col.add((), "rules.e.not_mapping")
        col.raise_if_any()
    # Checked in the order a rules file is written: its first month comes before its tables.
    effective_from = _month(data["effective_from"], col) if "effective_from" in data else ""
    blocks = _blocks(data, col, vocabulary)
    tables = tuple(
        tb
        for i, raw in enumerate(_list(data, "tables", col))
        if (tb := _table(raw, ("tables", i), blocks, col, vocabulary))
    )
    if not tables and not col.errors:
        col.add(("tables",), "rules.e.no_tables")
    grades = tuple(_grade(g, ("grades", i), col) for i, g in enumerate(_list(data, "grades", col)))
    levels = tuple(_level(lv) for lv in _list(data, "levels", col) if isinstance(lv, dict))
    coefficients = {
        str(level): {
            str(g): number(v, ("coefficients", str(level), str(g)), col) for g, v in (row or {}).items()
        }
        for level, row in (data.get("coefficients") or {}).items()
    }
    profiles = tuple(
        _profile(name, raw, ("profiles", name), tables, col)
        for name, raw in (data.get("profiles") or {}).items()
    )
    promotion = _promotion(data.get("promotion"), col)
    sampling = parse_sampling(data.get("sampling"), col)
    col.raise_if_any()
    return RuleSet(
        name=str(data.get("name", source)),
        name_en=str(data.get("name_en", data.get("name", source))),
        source=source,
        hash=hashlib.sha256(text.encode("utf-8")).hexdigest()[:8],
        tables=tables,
        grades=tuple(sorted(grades, key=lambda g: -g.min_total)),
        fail_grade=str(data.get("fail_grade", "D")),
        levels=levels,
        coefficients=coefficients,
        text=text,
        profiles=profiles,
        effective_from=effective_from,
        promotion=promotion,
        sampling=sampling,
        vocabulary=vocabulary,
    )


def _list(data: dict[str, Any], key: str, col: _Collector) -> list[Any]:
    value = data.get(key) or []
    if not isinstance(value, list):
        col.add((key,), "rules.e.not_list")
        return []
    return value


def _blocks(data: dict[str, Any], col: _Collector, vocabulary: Vocabulary) -> dict[str, tuple[Kpi, ...]]:
    """Reusable KPI groups (e.g. attendance) that any table may ``include``."""
    out: dict[str, tuple[Kpi, ...]] = {}
    for name, items in (data.get("blocks") or {}).items():
        if not isinstance(items, list):
            col.add(("blocks", name), "rules.e.block_not_list")
            continue
        out[str(name)] = tuple(
            k for i, item in enumerate(items) if (k := parse_kpi(item, ("blocks", name, i), col, vocabulary))
        )
    return out


def _table(
    raw: Any, path: KeyPath, blocks: dict[str, tuple[Kpi, ...]], col: _Collector, vocabulary: Vocabulary
) -> Table | None:
    if not isinstance(raw, dict):
        col.add(path, "rules.e.table_not_mapping")
        return None
    for key in ("id", "name", "total", "kpis"):
        if key not in raw:
            col.add(path, "rules.e.missing_key", key=key)
    kpis = [
        k
        for i, item in enumerate(raw.get("kpis") or [])
        if (k := parse_kpi(item, (*path, "kpis", i), col, vocabulary))
    ]
    for name in raw.get("include") or []:
        if str(name) not in blocks:
            col.add((*path, "include"), "rules.e.no_block", name=str(name))
        kpis.extend(blocks.get(str(name), ()))
    ids = [k.id for k in kpis]
    for dup in {i for i in ids if ids.count(i) > 1}:
        col.add((*path, "kpis"), "rules.e.kpi_twice", kpi=dup)
    applies = raw.get("applies_to") or {}
    threshold = raw.get("fail_if_total_le")
    return Table(
        id=str(raw.get("id", "")),
        name=str(raw.get("name", "")),
        name_en=str(raw.get("name_en", raw.get("name", ""))),
        total=number(raw.get("total", 0), (*path, "total"), col),
        applies_to=tuple((str(k), str(v)) for k, v in applies.items()),
        kpis=tuple(kpis),
        fail_if_total_le=None if threshold is None else number(threshold, (*path, "fail_if_total_le"), col),
        note=str(raw.get("note", "")),
        retrain_limit=_retrain_limit(raw.get("retrain_limit"), (*path, "retrain_limit"), col),
    )


def _month(value: Any, col: _Collector) -> str:
    """``effective_from``: the first month the rules apply to, written ``2026-07``."""
    text = value if isinstance(value, str) else None
    if text is None or not MONTH.match(text.strip()):
        col.add(("effective_from",), "rules.e.effective_from", value=str(value))
        return ""
    return text.strip()


def _retrain_limit(value: Any, path: KeyPath, col: _Collector) -> int | None:
    """How many times an agent on the table may be not cleared and retrain: a whole number ≥ 1."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        col.add(path, "rules.e.retrain_limit", value=str(value))
        return None
    return value


def _promotion(raw: Any, col: _Collector) -> Promotion | None:
    """The ``promotion:`` block: ``up`` and ``down``, each a rule of the half-year review."""
    if raw is None:
        return None
    path: KeyPath = ("promotion",)
    if not isinstance(raw, dict) or not raw:
        col.add(path, "rules.e.promotion_needs")
        return None
    for key in raw:
        if key not in PROMOTION_WAYS:
            col.add((*path, str(key)), "rules.e.promotion_way", key=str(key))
    up, down = (_promotion_rule(raw.get(way), (*path, way), col) for way in PROMOTION_WAYS)
    return Promotion(up=up, down=down)


def _promotion_rule(raw: Any, path: KeyPath, col: _Collector) -> PromotionRule | None:
    """One way's conditions; every key given must hold for the suggestion."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or not raw:
        col.add(path, "rules.e.promotion_rule_needs", keys=listed(PROMOTION_KEYS, "list.names"))
        return None
    given: dict[str, Any] = {}
    for key, value in raw.items():
        where = (*path, str(key))
        if key not in PROMOTION_KEYS:
            col.add(where, "rules.e.promotion_key", key=str(key), keys=listed(PROMOTION_KEYS, "list.names"))
        elif key in PROMOTION_COUNTS:
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                col.add(where, "rules.e.promotion_count", value=str(value))
            else:
                given[key] = value
        else:
            given[key] = number(value, where, col)
    return PromotionRule(**given)


def _grade(raw: Any, path: KeyPath, col: _Collector) -> Grade:
    if not isinstance(raw, dict) or "name" not in raw or "min" not in raw:
        col.add(path, "rules.e.grade_needs")
        return Grade("?", 0)
    value = raw["min"]
    if isinstance(value, str) and value.strip().endswith("%"):
        try:
            share = float(Decimal(value.strip()[:-1]) / 100)
        except (ValueError, InvalidOperation):
            col.add((*path, "min"), "rules.e.not_percent", value=value)
            share = 0.0
        return Grade(str(raw["name"]), share, str(raw.get("label", "")), relative=True)
    return Grade(str(raw["name"]), number(value, (*path, "min"), col), str(raw.get("label", "")))


def _level(raw: dict[str, Any]) -> Level:
    benefits = raw.get("benefits") or {}
    return Level(
        name=str(raw.get("name", "")),
        name_en=str(raw.get("name_en", raw.get("name", ""))),
        benefits=tuple((str(k), str(v)) for k, v in benefits.items()),
    )


def _profile(name: Any, raw: Any, path: KeyPath, tables: tuple[Table, ...], col: _Collector) -> Profile:
    if not isinstance(raw, dict) or not isinstance(raw.get("weights"), dict):
        col.add(path, "rules.e.profile_needs")
        return Profile(str(name), str(name), ())
    known = {(t.id, k.id) for t in tables for k in t.kpis}
    weights: list[tuple[str, str, float]] = []
    for table_id, row in raw["weights"].items():
        for kpi_id, weight in (row or {}).items():
            if (str(table_id), str(kpi_id)) not in known:
                col.add(
                    (*path, "weights", str(table_id), str(kpi_id)),
                    "rules.e.profile_no_kpi",
                    table=str(table_id),
                    kpi=str(kpi_id),
                )
            weights.append(
                (
                    str(table_id),
                    str(kpi_id),
                    number(weight, (*path, "weights", str(table_id), str(kpi_id)), col),
                )
            )
    return Profile(str(name), str(raw.get("name_en", name)), tuple(weights), str(raw.get("note", "")))
