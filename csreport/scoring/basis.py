"""What a KPI's value was made of, in words a reader follows: "按接待人数加权平均（接待人数合计 3,122）",
"8 条抽检的平均", "2,918 / 2,944（回复人数 / 咨询人数）", "迟到次数 2 + 早退次数 1". Pure."""

from __future__ import annotations

import ast
import functools
from collections.abc import Mapping

from csreport.fields import Vocabulary
from csreport.messages import Bilingual, Note, translate
from csreport.rules.wording import field_name, number, quantity, spelled
from csreport.scoring.aggregate import Aggregate
from csreport.util.formula import Formula, evaluate, spell


def basis(formula: Formula, values: Mapping[str, Aggregate], vocabulary: Vocabulary) -> Note | None:
    """The basis of a formula's value over one agent's aggregates; None when a value is missing."""
    if any(values.get(n) is None or values[n].value is None for n in formula.names):
        return None
    body = formula.tree.body
    if isinstance(body, ast.Name):
        return _single(formula.names[0], values[formula.names[0]], vocabulary)
    if formula.is_ratio:
        (top, top_words), (bottom, bottom_words) = _ratio_sides(formula, vocabulary)
        num, den = _value_of(top, values), _value_of(bottom, values)
        if num is not None and den is not None:
            return Note.of(
                "basis.ratio", num=number(num), den=number(den), num_name=top_words, den_name=bottom_words
            )
    return Note.of("basis.terms", terms=_terms(formula, values, vocabulary))


@functools.lru_cache(maxsize=256)
def _things(role: str) -> Bilingual:
    """What one row of a kind of sheet is, counted in a basis ("条抽检")."""
    return Bilingual(translate(f"basis.things.{role}", "zh"), translate(f"basis.things.{role}", "en"))


@functools.lru_cache(maxsize=512)
def _ratio_sides(formula: Formula, vocabulary: Vocabulary) -> tuple[tuple[Formula, Bilingual], ...]:
    """A ratio's numerator and denominator as formulas of their own, with their words; made once
    per formula, since every agent's KPI shares its rules' formulas."""
    body = formula.tree.body
    assert isinstance(body, ast.BinOp)
    sides = [_side(formula, node) for node in (body.left, body.right)]
    return tuple((side, spelled(side, vocabulary)) for side in sides)


def _single(field_id: str, agg: Aggregate, vocabulary: Vocabulary) -> Note:
    way, weight = vocabulary.month_way(field_id)
    found = vocabulary.resolve(field_id)
    things = _things(found.role if found is not None else "reception")
    if way == "weighted" and weight and agg.denominator is not None:
        return Note.of("basis.weighted", weight=field_name(weight, vocabulary), total=number(agg.denominator))
    if way == "mean":
        n = agg.denominator if agg.denominator is not None else agg.rows
        return Note.of("basis.mean", n=number(n), things=things)
    return Note.of("basis.field", field=field_name(field_id, vocabulary), n=number(agg.rows), things=things)


def _side(formula: Formula, node: ast.expr) -> Formula:
    """One side of a ratio as a formula of its own, to spell and evaluate."""
    names = tuple(n for n in formula.names if any(formula.id_of(x.id) == n for x in _names(node)))
    return Formula(ast.unparse(node), ast.Expression(body=node), names, formula.ids)


def _names(node: ast.expr) -> list[ast.Name]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Name)]


def _value_of(side: Formula, values: Mapping[str, Aggregate]) -> float | None:
    found = evaluate(side, {n: values[n].value for n in side.names})
    return found.value


def _terms(formula: Formula, values: Mapping[str, Aggregate], vocabulary: Vocabulary) -> Bilingual:
    """The formula with each field followed by its month's value: "迟到次数 2 + 早退次数 1"."""

    def term(lang: str) -> str:
        def named(field_id: str) -> str:
            found = vocabulary.resolve(field_id)
            value = values[field_id].value
            assert value is not None
            unit = found.unit if found is not None else "count"
            amount = number(value) if unit in ("count", "day") else getattr(quantity(value, unit), lang)
            name = getattr(field_name(field_id, vocabulary), lang)
            return translate("basis.term", lang, field=name, value=amount)

        return spell(formula, named)

    return Bilingual(term("zh"), term("en"))
