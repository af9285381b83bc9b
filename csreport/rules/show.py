"""The rules as a readable text table, for ``csreport rules show``."""

from __future__ import annotations

from csreport.rules.model import Kpi, RuleSet, fmt_number

_MODES = {"bands": ("区间", "bands"), "linear": ("线性", "linear"),
          "rank": ("组内排名", "rank in group"), "per_unit": ("按次计分", "per occurrence")}
_MISSING = {"no_score": ("不计总分（缺数据）", "no total (缺数据)"),
            "exclude": ("排除并按比例折算", "left out, others rescaled"),
            "zero": ("记 0 分", "scored 0")}


def show_rules(rules: RuleSet, lang: str = "zh") -> str:
    """Every table, KPI and band of ``rules`` as aligned plain text."""
    en = lang == "en"
    lines = [f"{rules.name_en if en else rules.name}  #{rules.hash}  ({rules.source})"]
    if rules.profiles:
        names = ", ".join(p.name for p in rules.profiles)
        lines.append(("Weight profiles: " if en else "权重方案：") + names
                     + (f"  [{'applied' if en else '已应用'}: {rules.profile}]" if rules.profile else ""))
    for t in rules.tables:
        who = ", ".join(f"{k}={v}" for k, v in t.applies_to) or ("everyone else" if en else "其他所有人")
        lines += ["", f"== {t.name_en if en else t.name} ({t.id}) — "
                  + (f"total {fmt_number(t.total)}, applies to {who}" if en
                     else f"满分 {fmt_number(t.total)}，适用于 {who}")]
        if t.fail_if_total_le is not None:
            lines.append(f"   总分 <= {fmt_number(t.fail_if_total_le)} → 不予上岗")
        for k in t.kpis:
            lines += _kpi_lines(k, en)
    if rules.grades:
        lines += ["", ("Grades: " if en else "等级：") + "  ".join(
            f"{g.name} ≥ {fmt_number(g.min_total * 100) + '%' if g.relative else fmt_number(g.min_total)}"
            for g in rules.grades) + f"  {rules.fail_grade}: 不予上岗"]
    if rules.coefficients:
        grades = [g.name for g in rules.grades] + [rules.fail_grade]
        lines += ["", ("系数 by 级别 × grade:" if en else "系数（级别 × 等级）：")]
        lines.append("   " + _pad("级别", 14) + "".join(g.rjust(7) for g in grades))
        for level, row in rules.coefficients.items():
            cells = "".join((f"{row[g]:.2f}" if g in row else "-").rjust(7) for g in grades)
            lines.append("   " + _pad(level, 14) + cells)
    return "\n".join(lines)


def _kpi_lines(k: Kpi, en: bool) -> list[str]:
    mode = _MODES[k.mode][1 if en else 0]
    missing = _MISSING[k.missing][1 if en else 0]
    head = (f" - {k.name_en if en else k.name} [{k.id}]  {fmt_number(k.weight)}"
            + (" pts" if en else " 分") + f"  = {k.input}  ({mode}; "
            + ("missing: " if en else "缺数据：") + missing + ")")
    out = [head]
    out += ["     " + line for line in mode_lines(k, en)]
    return out


def mode_lines(k: Kpi, en: bool) -> list[str]:
    """Bands, anchors, per-unit limits, vetoes and notes of one KPI, one line each."""
    out: list[str] = []
    if k.missing != "no_score":
        out.append(("missing: " if en else "缺数据：") + _MISSING[k.missing][1 if en else 0])
    if k.min_sample:
        out.append(f"{'min sample' if en else '最少样本'} {k.min_sample} ({k.sample})")
    for b in k.bands:
        result = f"否决：{b.veto}" if b.veto else f"{fmt_number(b.points or 0)}"
        unit = "%" if k.mode == "rank" else k.unit
        label = f"   「{b.written or b.label}」" if (b.written or b.label) else ""
        out.append(f"{_pad(b.text(unit), 18)} → {result}{label}")
    if k.mode == "linear":
        (x0, p0), (x1, p1) = k.anchors
        out.append(f"{fmt_number(x0, k.unit)} → {fmt_number(p0)},  {fmt_number(x1, k.unit)} → "
                   f"{fmt_number(p1)}" + ("  (linear between, capped)" if en else "（之间按比例，两端封顶）"))
    if k.mode == "rank" and not k.bands:
        out.append("points = weight × percentile in 组别 (1 = best)" if en
                   else "得分 = 权重 × 组内百分位（1 为最好）")
    if k.mode == "per_unit":
        limits = [f"floor {fmt_number(k.floor)}" if k.floor is not None else "",
                  f"cap {fmt_number(k.cap)}" if k.cap is not None else ""]
        out.append(f"{fmt_number(k.per_unit)} {'per unit' if en else '分/次'} "
                   + " ".join(x for x in limits if x))
    for v in k.vetoes:
        out.append(f"{'veto if' if en else '否决条件'} {v.text()} → {v.reason_en if en else v.reason}")
    if k.note:
        out.append(f"{'note' if en else '说明'}: {k.note}")
    return out


def _pad(text: str, width: int) -> str:
    """Left-justify counting CJK characters as two columns."""
    shown = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
    return text + " " * max(0, width - shown)
