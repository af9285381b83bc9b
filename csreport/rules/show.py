"""The rules in words, for ``csreport rules show`` and the results workbook's 规则 sheet.

Both say the same things in the same words: whom each 考核表 applies to, each KPI's
calculation with field names ("回复人数 ÷ 咨询人数"), its bands as a person writes them
("≥ 98%", "45–80 秒（不含 45 秒）"), vetoes as conditions ("店铺风险数 > 0"), the total
threshold and how often a failing agent may retrain, the grades, the 系数, the level ladder and
the half-year review's thresholds for moving on it, the QA sampling rules ("每人抽查：接待人数的 2%，
最少 5 条，最多 30 条（四舍五入）"), and the first month the rules apply to. The interval notation
and the source table's wording are kept beside the words, for audit, never in their place.
"""

from __future__ import annotations

import ast
import unicodedata
from dataclasses import dataclass
from functools import partial

from csreport.fields import Vocabulary
from csreport.messages import Bilingual, both, listed, translate
from csreport.rules.formula import FormulaError, parse
from csreport.rules.lint import TABLE_FIELDS
from csreport.rules.loader import PRESETS
from csreport.rules.model import Kpi, PromotionRule, RuleSet, SamplingRules, Table
from csreport.rules.sampling import EXCLUDE, OF_ELIGIBLE, UNRATED, percent_text, strata_of, stratum_words
from csreport.rules.wording import (
    band_words,
    condition_words,
    field_name,
    formula_words,
    number,
    points,
    rank_band_words,
    rule_words,
)

# The catalogue's name for each field a table's applies_to may match on.
_FIELD_CODES = dict(zip(TABLE_FIELDS, ("rules_sheet.field.status", "rules_sheet.field.group"), strict=True))


def pick(text: Bilingual, lang: str) -> str:
    """``text`` in ``lang``."""
    return text.en if lang == "en" else text.zh


def _data(text: str) -> Bilingual:
    """The rules' own words (a note, a reason written once): the same in both languages."""
    return Bilingual(text, text)


@dataclass(frozen=True)
class Line:
    """One row of a KPI in words: a band, the rule of a KPI scored without bands, a veto
    condition or a note. ``audit`` and ``written`` are for audit columns only."""

    kind: str  # band | rule | condition | note
    words: Bilingual | None = None  # the band, rule or condition
    outcome: Bilingual | None = None  # the points, or 否决
    detail: Bilingual | None = None  # a veto's reason, or the note
    audit: str = ""  # the band in interval notation
    written: str = ""  # the band as the source table words it
    veto: bool = False  # the line makes the agent 不予上岗


def name_in(rules: RuleSet, lang: str) -> str:
    """The rules' name in ``lang``."""
    return rules.name_en if lang == "en" and rules.name_en else rules.name


def table_name(table: Table, lang: str) -> str:
    """A 考核表's name in ``lang`` (as written when it has no English name)."""
    return table.name_en if lang == "en" and table.name_en else table.name


def maximum(kpi: Kpi) -> Bilingual:
    """A KPI's maximum points, or that it only ever takes points off."""
    return both("rules_sheet.deduction") if kpi.weight == 0 and kpi.lowest < 0 else points(kpi.weight)


def kpi_name(kpi: Kpi, lang: str) -> str:
    """A KPI's name in ``lang`` (as written when it has no English name)."""
    return kpi.name_en if lang == "en" and kpi.name_en else kpi.name


def identity(rules: RuleSet) -> Bilingual:
    """The rules' version and where they come from: "版本 1a2b3c4d（csreport 自带规则）"."""
    source = (
        both("rules_sheet.source_preset")
        if rules.source in PRESETS
        else both("rules_sheet.source_file", path=rules.source)
    )
    return both("rules_sheet.identity", hash=rules.hash, source=source)


def profile_words(rules: RuleSet) -> Bilingual | None:
    """The weight profile applied, with its note; None when none is."""
    applied = next((p for p in rules.profiles if p.name == rules.profile), None)
    if applied is None:
        return None
    if not applied.note:
        return Bilingual(applied.name, applied.name_en or applied.name)
    # The note goes in parentheses: without its closing full stop (。 or .).
    note = applied.note.strip()
    while note and unicodedata.category(note[-1]) == "Po":
        note = note[:-1]
    return Bilingual(
        translate("rules_sheet.profile_note", "zh", profile=applied.name, note=note),
        translate("rules_sheet.profile_note", "en", profile=applied.name_en or applied.name, note=note),
    )


def applies_words(table: Table, rules: RuleSet) -> Bilingual:
    """Whom a table applies to: "岗位状态 = 试用期", everyone the other tables leave, or everyone."""
    if not table.applies_to:
        alone = all(not other.applies_to for other in rules.tables)
        return both("rules_sheet.everyone" if alone else "rules_sheet.everyone_else")
    clauses = [
        both(
            "rules_sheet.equals",
            field=both(_FIELD_CODES[key]) if key in _FIELD_CODES else _data(key),
            value=value,
        )
        for key, value in table.applies_to
    ]
    return listed(clauses, "rules_sheet.and")


def threshold_words(table: Table) -> Bilingual:
    """The total threshold: "总分 ≤ 60 → 不予上岗", or that there is none."""
    if table.fail_if_total_le is None:
        return both("rules_sheet.no_threshold")
    return both("rules_sheet.threshold_words", limit=number(table.fail_if_total_le))


def retrain_words(table: Table) -> Bilingual | None:
    """How often an agent of ``table`` may be not cleared and retrain; None when not counted."""
    if table.retrain_limit is None:
        return None
    if table.retrain_limit == 1:
        return both("rules_sheet.retrain_once")
    return both("rules_sheet.retrain_words", n=table.retrain_limit)


def table_facts(table: Table, rules: RuleSet) -> list[tuple[str, Bilingual]]:
    """A 考核表's facts (catalogue code of the label, value): whom it applies to, its maximum, its
    total threshold, how often a failing agent may retrain, its note."""
    facts = [
        ("rules_sheet.applies", applies_words(table, rules)),
        ("rules_sheet.total", points(table.total)),
        ("rules_sheet.threshold", threshold_words(table)),
    ]
    retrain = retrain_words(table)
    if retrain is not None:
        facts.append(("rules_sheet.retrain", retrain))
    if table.note:
        facts.append(("rules_sheet.note", _data(table.note)))
    return facts


def promotion_lines(rules: RuleSet) -> list[tuple[Bilingual, Bilingual]]:
    """The half-year review's thresholds in words, up first: (晋升一级, 至少 6 个月有总分，…)."""
    if rules.promotion is None:
        return []
    ways = (("up", rules.promotion.up), ("down", rules.promotion.down))
    return [
        (both(f"rules_sheet.promotion.{way}"), conditions_words(rule))
        for way, rule in ways
        if rule is not None
    ]


def conditions_words(rule: PromotionRule) -> Bilingual:
    """A promotion rule's conditions, in the order a manager reads them."""
    words: list[Bilingual] = []
    if rule.min_months is not None:
        words.append(both("rules_sheet.promotion.min_months", n=rule.min_months))
    for key, value in (("min_average", rule.min_average), ("max_average", rule.max_average)):
        if value is not None:
            words.append(both(f"rules_sheet.promotion.{key}", value=number(value)))
    if rule.min_vetoes is not None:
        words.append(both("rules_sheet.promotion.min_vetoes", n=rule.min_vetoes))
    if rule.max_vetoes == 0:
        words.append(both("rules_sheet.promotion.no_veto"))
    elif rule.max_vetoes is not None:
        words.append(both("rules_sheet.promotion.max_vetoes", n=rule.max_vetoes))
    if rule.min_tenure_months is not None:
        words.append(both("rules_sheet.promotion.min_tenure_months", n=rule.min_tenure_months))
    return listed(words, "rules_sheet.promotion.sep")


def sampling_lines(sampling: SamplingRules) -> list[tuple[Bilingual, Bilingual]]:
    """The ``sampling:`` block in a manager's words, one (label, words) per setting: (每人抽查,
    接待人数的 2%，最少 5 条，最多 30 条（四舍五入）), (满意度比例, 非常满意 10% · …), …"""
    return [
        (both("rules_sheet.sampling.per_agent"), per_agent_words(sampling)),
        (both("rules_sheet.sampling.mix"), mix_words(sampling)),
        (both("rules_sheet.sampling.unrated"), unrated_words(sampling)),
        (both("rules_sheet.sampling.shortfall"), shortfall_words(sampling)),
        (both("rules_sheet.sampling.eligible"), eligible_words(sampling)),
        (both("rules_sheet.sampling.error_types"), error_types_words(sampling)),
    ]


def per_agent_words(sampling: SamplingRules) -> Bilingual:
    """How many chats each agent has sampled: 接待人数的 2%，最少 5 条，最多 30 条（四舍五入）."""
    if sampling.fixed is not None or sampling.rate is None:
        return both("rules_sheet.sampling.fixed", n=sampling.fixed if sampling.fixed is not None else "?")
    base = "eligible" if sampling.of == OF_ELIGIBLE else "received"
    return both(
        "rules_sheet.sampling.rate",
        base=both(f"rules_sheet.sampling.base.{base}"),
        rate=percent_text(sampling.rate),
        min=sampling.minimum,
        max=sampling.maximum,
    )


def mix_words(sampling: SamplingRules) -> Bilingual:
    """Each stratum's share: 非常满意 10% · 满意 10% · 一般 30% · …"""
    shares = (
        both("rules_sheet.sampling.share", stratum=stratum_words(stratum), share=percent_text(share))
        for stratum, share in sampling.mix
    )
    return listed(shares, "rules_sheet.sampling.share_sep")


def unrated_words(sampling: SamplingRules) -> Bilingual:
    """How unrated chats count: 算作「一般」, 不抽, or a stratum of their own."""
    if sampling.unrated == EXCLUDE:
        return both("rules_sheet.sampling.unrated_exclude")
    if sampling.unrated == UNRATED:
        return both("rules_sheet.sampling.unrated_own")
    return both("rules_sheet.sampling.unrated_as", stratum=stratum_words(sampling.unrated))


def shortfall_words(sampling: SamplingRules) -> Bilingual:
    """Where a thin stratum is topped up from: 某层会话不够时依次从 非常不满意 → 不满意 → … 补足."""
    if not sampling.shortfall:
        return both("rules_sheet.sampling.no_shortfall")
    order = listed((stratum_words(s) for s in sampling.shortfall), "rules_sheet.sampling.order_sep")
    if set(strata_of(sampling)) <= set(sampling.shortfall):
        return both("rules_sheet.sampling.shortfall_words", order=order)
    # The strata it leaves out still top up, last, as the sampling does.
    return both("rules_sheet.sampling.shortfall_then", order=order)


def eligible_words(sampling: SamplingRules) -> Bilingual:
    """Which chats may be sampled: 消息数 ≥ 3 条, or every chat."""
    if not sampling.min_messages:
        return both("rules_sheet.sampling.every_chat")
    return both("rules_sheet.sampling.min_messages", n=sampling.min_messages)


def error_types_words(sampling: SamplingRules) -> Bilingual:
    """The task sheet's 差错类型 choices, or that there are none."""
    if not sampling.error_types:
        return both("rules_sheet.sampling.no_error_types")
    return listed(sampling.error_types, "list.sep")


def input_words(kpi: Kpi, vocabulary: Vocabulary) -> Bilingual:
    """How a KPI's value is calculated, with field names; a single field says how its month is
    made when that is not a plain sum ("平均响应时长（按接待人数加权的月平均）")."""
    words = formula_words(kpi.input, vocabulary).bilingual()
    try:
        formula = parse(kpi.input, vocabulary)
    except FormulaError:
        return words
    if not isinstance(formula.tree.body, ast.Name):
        return words
    field = formula.names[0]
    way, weight = vocabulary.month_way(field)
    found = vocabulary.resolve(field)
    if way == "weighted" and weight:
        return both("rules_sheet.month.weighted", field=words, weight=field_name(weight, vocabulary))
    if way == "mean":
        code = (
            "rules_sheet.month.mean_qa"
            if found is not None and found.role == "qa"
            else "rules_sheet.month.mean"
        )
        return both(code, field=words)
    return words


def kpi_lines(kpi: Kpi, vocabulary: Vocabulary) -> list[Line]:
    """A KPI's bands (or its rule), veto conditions and notes, one line each, in words."""
    lines: list[Line] = []
    unit = "%" if kpi.mode == "rank" else kpi.unit
    for band in kpi.bands:
        words = rank_band_words(band) if kpi.mode == "rank" else band_words(band, unit)
        if band.is_veto:
            outcome = both("rules_sheet.veto")
            detail: Bilingual | None = Bilingual(band.veto or "", band.veto_en or band.veto or "")
        else:
            outcome, detail = points(band.points or 0), None
        written = band.label or band.written or ""
        lines.append(Line("band", words.bilingual(), outcome, detail, band.text(unit), written, band.is_veto))
    rule = rule_words(kpi)
    if rule is not None:
        lines.append(Line("rule", rule.bilingual()))
    for cond in kpi.vetoes:
        lines.append(
            Line(
                "condition",
                condition_words(cond, vocabulary).bilingual(),
                both("rules_sheet.veto"),
                Bilingual(cond.reason, cond.reason_en or cond.reason),
                veto=True,
            )
        )
    return lines + [Line("note", detail=note) for note in kpi_notes(kpi, vocabulary)]


def kpi_notes(kpi: Kpi, vocabulary: Vocabulary) -> list[Bilingual]:
    """What else decides a KPI's points: its direction of rank, least sample, missing-data
    policy, rounding, and the rules' own note on how an ambiguity was resolved."""
    notes: list[Bilingual] = []
    if kpi.mode == "rank" and kpi.better == "lower":
        notes.append(both("rules_sheet.lower_better"))
    if kpi.min_sample and kpi.sample:
        found = vocabulary.resolve(kpi.sample)
        code = (
            "rules_sheet.min_sample_chats"
            if found is not None and found.role == "qa"
            else "rules_sheet.min_sample"
        )
        notes.append(both(code, sample=field_name(kpi.sample, vocabulary), n=number(kpi.min_sample)))
    if kpi.missing in ("exclude", "zero"):
        notes.append(both(f"rules_sheet.missing.{kpi.missing}"))
    if kpi.rounding is not None:
        whole = kpi.rounding == 0
        notes.append(
            both("rules_sheet.rounding_whole") if whole else both("rules_sheet.rounding", n=kpi.rounding)
        )
    if kpi.note:
        notes.append(_data(kpi.note))
    return notes


def grade_lines(rules: RuleSet) -> list[tuple[str, str, Bilingual]]:
    """(grade, its label, what it needs) for each grade, then the fail grade."""
    totals = sorted({t.total for t in rules.tables})
    out: list[tuple[str, str, Bilingual]] = []
    for grade in rules.grades:
        if grade.relative:
            examples = [
                both("rules_sheet.grade_example", total=number(total), min=number(grade.threshold(total)))
                for total in totals
            ]
            need = both(
                "rules_sheet.grade_share",
                share=f"{number(grade.min_total * 100)}%",
                examples=listed(examples, "list.clauses"),
            )
        else:
            need = both("rules_sheet.grade_min", min=number(grade.min_total))
        out.append((grade.name, grade.label, need))
    if rules.fail_grade not in [g.name for g in rules.grades]:
        out.append((rules.fail_grade, "", both("rules_sheet.fail_grade")))
    return out


def coefficient_grid(rules: RuleSet) -> tuple[list[str], list[str]]:
    """(levels, grades) of the 系数 table: the ladder's levels and the rules' grades first."""
    levels = [lv.name for lv in rules.levels if lv.name in rules.coefficients]
    levels += [lv for lv in rules.coefficients if lv not in levels]
    grades = [g.name for g in rules.grades]
    if rules.fail_grade not in grades:
        grades.append(rules.fail_grade)
    for by_grade in rules.coefficients.values():
        grades += [g for g in by_grade if g not in grades]
    return levels, grades


def benefit_names(rules: RuleSet) -> list[str]:
    """The benefits the level ladder names, in the order they first appear."""
    names: list[str] = []
    for level in rules.levels:
        names += [name for name, _ in level.benefits if name not in names]
    return names


def level_name(rules: RuleSet, level: str, lang: str) -> str:
    """A level of the rules' ladder as ``lang`` names it: the rules' English name in English
    when they give one, else the name as written."""
    rung = rules.level(level)
    return rung.name_en if lang == "en" and rung is not None and rung.name_en else level


# --- csreport rules show ---------------------------------------------------------------------


def show_rules(rules: RuleSet, lang: str = "zh") -> str:
    """Every table, KPI, band, veto, grade, 系数 and level of ``rules`` as plain text."""
    t = partial(translate, lang=lang)
    lines = [f"{name_in(rules, lang)}  {pick(identity(rules), lang)}"]
    if rules.effective_from:
        lines.append(t("rules_sheet.effective_line", month=rules.effective_from))
    if rules.profiles:
        names = t("list.sep").join(p.name_en if lang == "en" else p.name for p in rules.profiles)
        lines.append(t("rules_sheet.show.fact", key=t("rules_sheet.profiles"), value=names))
        applied = profile_words(rules)
        if applied is not None:
            lines.append(t("rules_sheet.show.fact", key=t("rules_sheet.profile"), value=pick(applied, lang)))
    for table in rules.tables:
        lines += ["", t("rules_sheet.show.table", name=table_name(table, lang))]
        facts = table_facts(table, rules)
        lines += ["   " + t("rules_sheet.show.fact", key=t(key), value=pick(v, lang)) for key, v in facts]
        for kpi in table.kpis:
            lines += _kpi_text(kpi, rules.vocabulary, lang)
    lines += _grade_text(rules, lang)
    if rules.sampling is not None:
        lines += ["", t("rules_sheet.sampling")]
        lines += [
            "   " + t("rules_sheet.sampling.fact", setting=pick(key, lang), what=pick(words, lang))
            for key, words in sampling_lines(rules.sampling)
        ]
        lines.append("   " + t("rules_sheet.sampling.note"))
    return "\n".join(lines)


def _kpi_text(kpi: Kpi, vocabulary: Vocabulary, lang: str) -> list[str]:
    t = partial(translate, lang=lang)
    out = [
        " - "
        + t("rules_sheet.show.kpi", name=kpi_name(kpi, lang), max=_maximum_phrase(kpi, lang))
        + "  "
        + t("rules_sheet.show.formula", formula=pick(input_words(kpi, vocabulary), lang))
    ]
    lines = kpi_lines(kpi, vocabulary)
    width = max([20, *(_width(pick(x.words, lang)) for x in lines if x.words and x.kind != "rule")])
    results = [_result(x, lang) for x in lines]
    result_width = max([8, *(_width(r) for r in results)])
    for line in lines:
        if line.kind == "note" and line.detail:
            out.append(
                "     " + t("rules_sheet.show.fact", key=t("rules_sheet.note"), value=pick(line.detail, lang))
            )
            continue
        if line.words is None:
            continue
        if line.kind == "rule":
            out.append("     " + pick(line.words, lang))
            continue
        text = f"{_pad(pick(line.words, lang), width)} → {_result(line, lang)}"
        if line.written:
            text = (
                _pad(text, width + 3 + result_width)
                + "   "
                + t("rules_sheet.show.written", written=line.written)
            )
        out.append("     " + text)
    return out


def _maximum_phrase(kpi: Kpi, lang: str) -> str:
    """ "满分 20 分", or "扣分项" for a KPI that only takes points off."""
    most = maximum(kpi)
    return (
        pick(most, lang)
        if most == both("rules_sheet.deduction")
        else translate("rules_sheet.max", lang, points=pick(most, lang))
    )


def _result(line: Line, lang: str) -> str:
    """What a band or condition gives: its points, or the veto with its reason."""
    if line.veto and line.detail:
        return translate("rules_sheet.show.veto", lang, reason=pick(line.detail, lang))
    return pick(line.outcome, lang) if line.outcome else ""


def _grade_text(rules: RuleSet, lang: str) -> list[str]:
    t = partial(translate, lang=lang)
    out: list[str] = []
    if rules.grades:
        out += ["", t("rules_sheet.grades")]
        for name, grade_label, need in grade_lines(rules):
            named = f"{name} {grade_label}" if grade_label else name
            out.append("   " + t("rules_sheet.show.fact", key=named, value=pick(need, lang)))
        out.append("   " + t("rules_sheet.grade_note"))
    if rules.coefficients:
        levels, grades = coefficient_grid(rules)
        shown = {level: level_name(rules, level, lang) for level in levels}
        width = max([14, *(_width(n) for n in shown.values())])
        out += ["", t("rules_sheet.coefficients")]
        out.append("   " + _pad(t("rules_sheet.col.level"), width) + "".join(g.rjust(7) for g in grades))
        for level in levels:
            row = rules.coefficients[level]
            cells = "".join((f"{row[g]:.2f}" if g in row else "-").rjust(7) for g in grades)
            out.append("   " + _pad(shown[level], width) + cells)
    if benefit_names(rules):
        out += ["", t("rules_sheet.benefits")]
        for rung in rules.levels:
            given = t("list.clauses").join(f"{name} {value}" for name, value in rung.benefits)
            out.append(
                "   " + t("rules_sheet.show.fact", key=level_name(rules, rung.name, lang), value=given)
            )
    moves = promotion_lines(rules)
    if moves:
        out += ["", t("rules_sheet.promotion")]
        out += [
            "   " + t("rules_sheet.show.fact", key=pick(way, lang), value=pick(c, lang)) for way, c in moves
        ]
        out.append("   " + t("rules_sheet.promotion.note"))
    return out


def _width(text: str) -> int:
    """Columns ``text`` takes on a console, counting CJK characters as two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    """Left-justify counting CJK characters as two columns."""
    return text + " " * max(0, width - _width(text))
