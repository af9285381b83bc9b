"""The safe formula language of rules files and header mappings (``回复人数 / 咨询人数``).

Only numbers, names, + - * / and parentheses are allowed: a rules or mapping file is data,
never code, so nothing is ever passed to ``eval``. What a name means is the caller's:
``parse`` takes a resolver (rules resolve monthly aggregates, a mapping's ``derive`` the
columns of one sheet), so one language serves both.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from csreport.messages import translate

_ALLOWED_BINOPS = (ast.Add, ast.Sub, ast.Mult, ast.Div)
Resolver = Callable[[str], "str | None"]


class FormulaError(ValueError):
    """The formula text is not a valid formula; ``code`` and ``params`` say why."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(translate(code, "en", **params))
        self.code, self.params = code, params


@dataclass(frozen=True)
class Formula:
    """A parsed formula; ``names`` are the ids it reads, ``ids`` maps each name as written
    to its id."""

    text: str
    tree: ast.Expression = field(compare=False)  # the text says the same
    names: tuple[str, ...] = ()
    ids: tuple[tuple[str, str], ...] = ()

    @property
    def is_ratio(self) -> bool:
        """True when the formula is a top-level division, so it has a numerator/denominator."""
        return isinstance(self.tree.body, ast.BinOp) and isinstance(self.tree.body.op, ast.Div)

    def id_of(self, written: str) -> str:
        """The id a name as written in the formula stands for."""
        return dict(self.ids).get(written, written)


@dataclass(frozen=True)
class Evaluation:
    """A formula's value with its numerator and denominator when it is a ratio."""

    value: float | None
    numerator: float | None = None
    denominator: float | None = None
    missing: tuple[str, ...] = ()  # ids that had no value
    zero_division: bool = False


def parse(text: str, resolve: Resolver, unknown: str = "formula.unknown_field") -> Formula:
    """Parse and check a formula; a name ``resolve`` does not know raises ``unknown``."""
    source = str(text).strip()
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        raise FormulaError("formula.unparsable", formula=str(text)) from exc
    names: list[str] = []
    ids: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            found = resolve(node.id)
            if found is None:
                raise FormulaError(unknown, name=node.id)
            ids[node.id] = found
            if found not in names:
                names.append(found)
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
    return Formula(text=source, tree=tree, names=tuple(names), ids=tuple(ids.items()))


def evaluate(formula: Formula, values: Mapping[str, float | None]) -> Evaluation:
    """Evaluate ``formula`` against one value per id (a month's aggregates)."""
    missing = tuple(n for n in formula.names if values.get(n) is None)
    if missing:
        return Evaluation(None, missing=missing)
    body = formula.tree.body
    ids = dict(formula.ids)
    if formula.is_ratio:
        assert isinstance(body, ast.BinOp)
        try:
            num = float(_eval(body.left, values, ids))
            den = float(_eval(body.right, values, ids))
        except ZeroDivisionError:  # a division inside one side: (回复人数 / 咨询人数) / 接待人数
            return Evaluation(None, zero_division=True)
        if den == 0:
            return Evaluation(None, num, den, zero_division=True)
        return Evaluation(num / den, num, den)
    try:
        return Evaluation(float(_eval(body, values, ids)))
    except ZeroDivisionError:
        return Evaluation(None, zero_division=True)


def evaluate_rows(formula: Formula, columns: Mapping[str, Any]) -> np.ndarray:
    """Evaluate ``formula`` row by row over columns (float arrays, NaN where a row has no
    value); a row missing any input, or dividing by zero, gives NaN."""
    ids = dict(formula.ids)
    arrays = {k: np.asarray(v, dtype=float) for k, v in columns.items()}
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        out = np.asarray(_eval(formula.tree.body, arrays, ids), dtype=float)
    if out.ndim == 0:  # a formula of constants only
        size = len(next(iter(arrays.values()))) if arrays else 0
        out = np.full(size, float(out))
    return np.where(np.isfinite(out), out, np.nan)


def _eval(node: ast.expr, values: Mapping[str, Any], ids: Mapping[str, str]) -> Any:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.Name):
        value = values[ids.get(node.id, node.id)]
        assert value is not None
        return value if isinstance(value, np.ndarray) else float(value)
    if isinstance(node, ast.UnaryOp):
        inner = _eval(node.operand, values, ids)
        return -inner if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, values, ids), _eval(node.right, values, ids)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return left * right
        return left / right
    raise FormulaError("formula.construct", kind=type(node).__name__)


# Operators as a reader writes them, with Python's precedence so brackets appear only where
# they change the meaning.
_SPELLED = {ast.Add: ("+", 1), ast.Sub: ("-", 1), ast.Mult: ("×", 2), ast.Div: ("÷", 2)}


def spell(formula: Formula, name_of: Callable[[str], str]) -> str:
    """The formula written for a reader: each name replaced by ``name_of(its id)``, ``/`` and
    ``*`` as ``÷`` and ``×`` (``付款订单数 ÷ 接待人数``)."""
    ids = dict(formula.ids)

    def words(node: ast.expr, outer: int = 0, right: bool = False) -> str:
        if isinstance(node, ast.Name):
            return name_of(ids.get(node.id, node.id))
        if isinstance(node, ast.Constant):
            return f"{node.value:g}" if isinstance(node.value, float) else str(node.value)
        if isinstance(node, ast.UnaryOp):
            sign = "-" if isinstance(node.op, ast.USub) else "+"
            return sign + words(node.operand, 3)
        if isinstance(node, ast.BinOp):
            symbol, level = _SPELLED[type(node.op)]
            text = f"{words(node.left, level)} {symbol} {words(node.right, level, True)}"
            # a - (b + c) and a ÷ (b × c) keep their brackets; a + b + c needs none.
            return f"({text})" if level < outer or (right and level == outer) else text
        return ast.unparse(node)

    return words(formula.tree.body)
