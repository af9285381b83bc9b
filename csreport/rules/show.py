"""The rules as a readable text table, for ``csreport rules show``."""

from __future__ import annotations

from functools import partial

from csreport.messages import joined, translate
from csreport.rules.model import Kpi, RuleSet, fmt_number


def show_rules(rules: RuleSet, lang: str = "zh") -> str:
    """Every table, KPI and band of ``rules`` as aligned plain text."""
    en = lang == "en"
    t = partial(translate, lang=lang)
    lines = [f"{rules.name_en if en else rules.name}  #{rules.hash}  ({rules.source})"]
    if rules.profiles:
        names = joined((p.name_en if en else p.name for p in rules.profiles), lang, "list.names")
        applied = next((p for p in rules.profiles if p.name == rules.profile), None)
        lines.append(
            t("show.profiles")
            + names
            + (f"  [{t('show.applied')}: {applied.name_en if en else applied.name}]" if applied else "")
        )
    for table in rules.tables:
        who = joined((f"{k}={v}" for k, v in table.applies_to), lang, "list.clauses") or t(
            "show.everyone_else"
        )
        lines += [
            "",
            f"== {table.name_en if en else table.name} ({table.id}) — "
            + t("show.table", total=fmt_number(table.total), who=who),
        ]
        if table.fail_if_total_le is not None:
            lines.append(t("show.fail_if_total", limit=fmt_number(table.fail_if_total_le)))
        for k in table.kpis:
            lines += _kpi_lines(k, en)
    if rules.grades:
        lines += [
            "",
            t("show.grades")
            + "  ".join(
                f"{g.name} ≥ {fmt_number(g.min_total * 100) + '%' if g.relative else fmt_number(g.min_total)}"
                for g in rules.grades
            )
            + "  "
            + t("show.fail_grade", grade=rules.fail_grade),
        ]
    if rules.coefficients:
        grades = [g.name for g in rules.grades] + [rules.fail_grade]
        lines += ["", t("show.coefficients")]
        shown = {level: level_name(rules, level, lang) for level in rules.coefficients}
        width = max([14, *(_width(n) for n in shown.values())])
        lines.append("   " + _pad(t("show.level"), width) + "".join(g.rjust(7) for g in grades))
        for level, row in rules.coefficients.items():
            cells = "".join((f"{row[g]:.2f}" if g in row else "-").rjust(7) for g in grades)
            lines.append("   " + _pad(shown[level], width) + cells)
    return "\n".join(lines)


def level_name(rules: RuleSet, level: str, lang: str) -> str:
    """A level of the rules' ladder as ``lang`` names it: the rules' English name in English
    when they give one, else the name as written."""
    rung = rules.level(level)
    return rung.name_en if lang == "en" and rung is not None and rung.name_en else level


def _kpi_lines(k: Kpi, en: bool) -> list[str]:
    t = partial(translate, lang="en" if en else "zh")
    head = (
        f" - {k.name_en if en else k.name} [{k.id}]  {fmt_number(k.weight)}"
        + t("show.points")
        + f"  = {k.input}  ({t(f'show.mode.{k.mode}')}; "
        + t("show.missing")
        + t(f"show.missing.{k.missing}")
        + ")"
    )
    out = [head]
    out += ["     " + line for line in mode_lines(k, en)]
    return out


def mode_lines(k: Kpi, en: bool) -> list[str]:
    """Bands, anchors, per-unit limits, vetoes and notes of one KPI, one line each."""
    t = partial(translate, lang="en" if en else "zh")
    out: list[str] = []
    if k.missing != "no_score":
        out.append(t("show.missing") + t(f"show.missing.{k.missing}"))
    if k.min_sample:
        out.append(f"{t('show.min_sample')} {k.min_sample} ({k.sample})")
    for b in k.bands:
        if b.veto:
            result = t("show.veto") + ((b.veto_en or b.veto) if en else b.veto)
        else:
            result = fmt_number(b.points or 0)
        unit = "%" if k.mode == "rank" else k.unit
        label = "   " + t("show.band_label", label=b.written or b.label) if (b.written or b.label) else ""
        out.append(f"{_pad(b.text(unit, 'en' if en else 'zh'), 18)} → {result}{label}")
    if k.mode == "linear":
        (x0, p0), (x1, p1) = k.anchors
        out.append(
            f"{fmt_number(x0, k.unit)} → {fmt_number(p0)},  {fmt_number(x1, k.unit)} → "
            f"{fmt_number(p1)}" + t("show.linear")
        )
    if k.mode == "rank" and not k.bands:
        out.append(t("show.rank"))
    if k.mode == "per_unit":
        limits = [
            t("show.floor", value=fmt_number(k.floor)) if k.floor is not None else "",
            t("show.cap", value=fmt_number(k.cap)) if k.cap is not None else "",
        ]
        out.append(f"{fmt_number(k.per_unit)} {t('show.per_unit')} " + " ".join(x for x in limits if x))
    for v in k.vetoes:
        out.append(f"{t('show.veto_if')} {v.text()} → {v.reason_en if en else v.reason}")
    if k.note:
        out.append(f"{t('show.note')}: {k.note}")
    return out


def _width(text: str) -> int:
    """Columns ``text`` takes on a console, counting CJK characters as two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    """Left-justify counting CJK characters as two columns."""
    return text + " " * max(0, width - _width(text))
