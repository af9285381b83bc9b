"""Safe arithmetic formulas over monthly aggregates (``回复人数 / 咨询人数``).

Only numbers, aggregate names, + - * / and parentheses are allowed: a rules file is
data, never code, so nothing is ever passed to ``eval``.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from csreport.messages import translate
from csreport.rules.fields import resolve

_ALLOWED_BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div)


class FormulaError(ValueError):
    """The formula text is not a valid aggregate formula; ``code`` and ``params`` say why."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(translate(code, "en", **params))
        self.code, self.params = code, params


@dataclass(frozen=True)
class Formula:
    """A parsed formula; ``names`` are the aggregate ids it reads."""

    text: str
    tree: ast.Expression
    names: tuple[str, ...]

    @property
    def is_ratio(self) -> bool:
        """True when the formula is a top-level division, so it has a numerator/denominator."""
        return isinstance(self.tree.body, ast.BinOp) and isinstance(self.tree.body.op, ast.Div)


@dataclass(frozen=True)
class Evaluation:
    """A formula's value with its numerator and denominator when it is a ratio."""

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    missing: tuple[str, ...] = ()  # aggregate ids that had no data
    zero_division: bool = False


def parse(text: str) -> Formula:
    """Parse and check a formula, raising ``FormulaError`` with a readable reason."""
    source = str(text).strip()
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        raise FormulaError("formula.unparsable", formula=str(text)) from exc
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            field = resolve(node.id)
            if field is None:
                raise FormulaError("formula.unknown_field", name=node.id)
            if field.id not in names:
                names.append(field.id)
        elif isinstance(node, ast.BinOp):
            if not isinstance(node.op, _ALLOWED_BINOPS):
                raise FormulaError("formula.operator")
        elif isinstance(node, ast.UnaryOp):
            if not isinstance(node.op, (ast.USub, ast.UAdd)):
                raise FormulaError("formula.operator")
        elif isinstance(node, ast.Constant):
            if not isinstance(node.value, (int, float)) or isinstance(node.value, bool):
                raise FormulaError("formula.constant", value=repr(node.value))
        elif not isinstance(node, (ast.Expression, ast.operator, ast.unaryop, ast.Load)):
            # The words as the user wrote them (max(replied, 1)), not Python's name for them (Call).
            written = ast.get_source_segment(source, node) or source
            raise FormulaError("formula.construct", kind=written)
    return Formula(text=source, tree=tree, names=tuple(names))


def evaluate(formula: Formula, values: Mapping[str, float | None]) -> Evaluation:
    """Evaluate ``formula`` against aggregate ``values`` (keyed by id)."""
    missing = tuple(n for n in formula.names if values.get(n) is None)
    if missing:
        return Evaluation(None, missing=missing)
    body = formula.tree.body
    if formula.is_ratio:
        assert isinstance(body, ast.BinOp)
        num = _eval(body.left, values)
        den = _eval(body.right, values)
        if den == 0:
            return Evaluation(None, num, den, zero_division=True)
        return Evaluation(num / den, num, den)
    try:
        return Evaluation(_eval(body, values))
    except ZeroDivisionError:
        return Evaluation(None, zero_division=True)


def _eval(node: ast.expr, values: Mapping[str, float | None]) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.Name):
        field = resolve(node.id)
        assert field is not None
        value = values[field.id]
        assert value is not None
        return float(value)
    if isinstance(node, ast.UnaryOp):
        inner = _eval(node.operand, values)
        return -inner if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, values), _eval(node.right, values)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        return left / right
    raise FormulaError("formula.construct", kind=type(node).__name__)
