"""The one message catalogue: every entry in both languages, every code a user can meet defined,
and no sentence for a user written anywhere else in the package."""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest

from csreport.messages import MESSAGES, Note, both, translate

PACKAGE = Path(__file__).resolve().parents[1] / "csreport"
CATALOGUE = PACKAGE / "messages"
CHINESE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# Codes whose languages deliberately differ in their placeholders, and why.
PLACEHOLDERS_DIFFER = {
    "os.other": "the operating system's own words for an error are English; Chinese shows only its name",
    "cli.bad_value": "click's own detail is English; Chinese shows only the option's name",
}

# Data, not sentences: words csreport recognises in input cells and headers or writes as the
# rules' own values. Each entry: module (relative to csreport/) -> why its Chinese is data.
DATA = {
    "domain.py": "attendance statuses, post statuses, satisfaction levels, summary-row markers, "
    "the ten attitude items: values read from cells",
    "inputs/cells.py": "spellings of attendance and post statuses recognised in cells",
    "inputs/values.py": "date, duration and yes/no spellings recognised in cells (regexes)",
    "inputs/headers.py": "header patterns (seconds, asterisks) recognised in header rows",
    "inputs/identity.py": "separators recognised in the roster's sub-account cells",
    "inputs/mapping.py": "the words a mapping file may use for 'ignore this column'",
    "inputs/derive.py": "formulas naming the canonical headers they read",
    "inputs/dataset.py": "the year written in file names (2026年10月考勤.xlsx), a regex",
    "util/report_names.py": "the fixed names of csreport's own files and write-back sheet "
    "(客服绩效_…, …_考核结果), the same in every language",
    "cli/main.py": "the default output folder's name (报表), a folder on disk",
    "rules/fields.py": "the aggregates' canonical Chinese names, which rules formulas may use",
    "rules/lint.py": "the input fields applies_to matches on (岗位状态, 组别)",
    "rules/loader.py": "the presets' Chinese aliases users type",
    "rules/model.py": "the input fields applies_to matches on",
    "rules/written.py": "the comparison signs and units of literally written bands",
    "rules/xlsx_read.py": "separators recognised in the rules workbook's applies_to cells",
    "rules/xlsx_io.py": "the Chinese form of rules.error_line, recognised to name cells",
    "scoring/aggregate.py": "attendance statuses counted per agent",
    "scoring/teams.py": "the team of agents with no group, a value of the data",
}

# PENDING: modules other helpers are rewriting in this same change, and sentences of this
# helper's modules not yet moved. Empty this list when they are done.
PENDING: set[str] = set()

# Calls whose first argument is a catalogue code.
CODE_CALLS = {"Problem", "CsreportError", "both", "translate", "of", "Note", "FormulaError"}


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if CATALOGUE in path.parents:
            continue
        yield path.relative_to(PACKAGE).as_posix(), ast.parse(path.read_text("utf-8"))


def _docstrings(tree: ast.Module) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _called(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


# --- (a) every entry in both languages -------------------------------------------------------


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_entry_has_both_languages_with_the_same_placeholders(code: str) -> None:
    zh, en = MESSAGES[code]
    assert zh and en  # a separator may be only a space (the ideographic space of Chinese)
    if code not in PLACEHOLDERS_DIFFER:
        assert _placeholders(zh) == _placeholders(en)


def test_every_placeholder_exception_is_a_real_code() -> None:
    assert set(PLACEHOLDERS_DIFFER) <= set(MESSAGES)


# --- (b) no code reaches a user raw ----------------------------------------------------------


def _codes_used() -> list[tuple[str, int, str]]:
    """(module, line, code) for every literal code the package passes to a lookup."""
    found = []
    for module, tree in _modules():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name, args = _called(node), node.args
            if (
                name in CODE_CALLS
                and args
                and isinstance(args[0], ast.Constant)
                and isinstance(args[0].value, str)
            ):
                if name == "of" and not (
                    isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "Note"
                ):
                    continue
                found.append((module, node.lineno, args[0].value))
            elif name == "add" and module == "rules/lint.py" and args and isinstance(args[0], ast.Constant):
                found.append((module, node.lineno, f"lint.{args[0].value}"))
            elif (
                name == "add"
                and len(args) > 1
                and isinstance(args[1], ast.Constant)
                and isinstance(args[1].value, str)
                and args[1].value.startswith("rules.")
            ):
                found.append((module, node.lineno, args[1].value))
    return found


def test_the_walk_finds_the_lookups() -> None:
    codes = {code for *_, code in _codes_used()}
    assert {
        "file.corrupt",
        "rules.invalid",
        "lint.gap",
        "rules.e.missing_key",
        "formula.unknown_field",
        "kpi.no_samples",
    } <= codes


def test_every_literal_code_is_in_the_catalogue() -> None:
    missing = [f"{m}:{line}: {code}" for m, line, code in _codes_used() if code not in MESSAGES]
    assert missing == []


def test_dotted_literals_of_catalogue_namespaces_are_codes() -> None:
    """A code may also reach a lookup through a variable or a helper; any literal that looks like
    a code of one of the catalogue's namespaces must be one."""
    spaces = {code.split(".")[0] for code in MESSAGES}
    # File names ("scorecard.html") are not codes; a literal ending in "_" is a code's prefix.
    looks = re.compile(r"^([a-z_]+)\.[a-z_0-9]*[a-z0-9](\.[a-z_0-9]+)*$")
    files = re.compile(r"\.(html|css|xml|bin|xlsx|yaml|json|pdf|csv)$")
    missing = []
    for module, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                m = looks.match(node.value)
                if m and m.group(1) in spaces and not files.search(node.value) and node.value not in MESSAGES:
                    missing.append(f"{module}:{node.lineno}: {node.value}")
    assert missing == []


def test_unknown_code_shows_the_code_and_never_raises() -> None:
    assert translate("no.such.code", "en") == "no.such.code"
    assert translate("no.such.code", "zh", n=1) == "no.such.code {'n': 1}"


def test_a_note_and_both_pick_the_readers_language() -> None:
    note = Note.of("kpi.few_samples", n=2, least=5)
    assert note.text("zh") == "抽查记录不足（2 条，至少需要 5 条）"
    assert note.text("en") == "Too few sampled chats (2, at least 5 needed)"
    assert both("conclusion.fail") == ("不予上岗", "Not cleared (不予上岗)")


# --- (c) no sentence for a user outside the catalogue ----------------------------------------


def test_no_chinese_outside_the_catalogue_but_data() -> None:
    found: dict[str, list[str]] = {}
    for module, tree in _modules():
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docs
                and CHINESE.search(node.value)
            ):
                found.setdefault(module, []).append(f"{node.lineno}: {node.value[:40]!r}")

    def allowed(module: str) -> bool:
        return module in DATA or any(
            module == p or (p.endswith("/") and module.startswith(p)) for p in PENDING
        )

    assert {m: lines for m, lines in found.items() if not allowed(m)} == {}


def test_allowlists_name_real_modules() -> None:
    for module in (*DATA, *PENDING):
        assert (PACKAGE / module).is_dir() if module.endswith("/") else (PACKAGE / module).is_file(), module
