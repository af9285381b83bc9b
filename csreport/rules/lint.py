"""Find what makes a rules file mean two things or nothing, before anyone is scored.

Threshold conflict: when ``总分 <= T`` fails, a ``score`` KPI (mode bands) that gives points
at exactly T and also fails exactly T (a veto band, or a veto on its own input, holds at T)
makes T a pass in one rule and a fail in the other (60 in "70>得分>=60" and in "得分<=60",
like "总分 <= 60"). Passing T and vetoing only below it (standard.yaml) is not reported.
"""

from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass
from itertools import pairwise

import yaml

from csreport.fields import Vocabulary
from csreport.messages import Bilingual, Note, both, listed
from csreport.rules.model import Band, Kpi, RuleSet, Table, fmt_number
from csreport.rules.sampling import strata_of, stratum_words
from csreport.rules.wording import band_words, number, quantity, rank_band_words
from csreport.rules.wording import points as points_words
from csreport.rules.written import parse_written
from csreport.util import yaml_lines
from csreport.util.yaml_safe import YamlProblem

EPS = 1e-6
Interval = tuple[float, bool, float, bool]  # low, low inclusive, high, high inclusive
_NONNEG: Interval = (0.0, True, math.inf, False)
_ANY: Interval = (-math.inf, False, math.inf, False)
DOMAINS: dict[str, Interval] = {
    "%": (0.0, True, 1.0, True),
    "score": (0.0, True, 100.0, True),
    "s": _NONNEG,
    "count": _NONNEG,
    "yuan": _NONNEG,
}
TABLE_FIELDS = ("岗位状态", "组别")  # data: the only input fields RuleSet.table_for matches on
WARNINGS = {
    "weight_not_reached",
    "no_default_table",
    # A sampling block that loads but samples oddly: the shop may mean it, so it is only said.
    "sampling_shortfall_missing",
    "sampling_no_share",
    "sampling_max_zero",
    "sampling_no_error_types",
}


@dataclass(frozen=True)
class Finding:
    """One problem in a rules file: where it is, and what it says as a catalogue note."""

    code: str  # the kind, the note's code after "lint." up to its next dot: "gap", "unreachable", …
    severity: str  # "error" | "warning"
    table: str  # table id ("" for file-level)
    kpi: str  # kpi id ("" when not about one KPI)
    path: str  # key path in the file, e.g. "tables[1].kpis[0].bands[1]"
    note: Note  # code "lint.<key>" and its parameters

    def text(self, lang: str = "zh") -> str:
        """What the finding says, in ``lang``."""
        shown = self.note.text(lang)
        # A band in notation is spaced for English; Chinese brackets need no space before them.
        return shown if lang == "en" else shown.replace(" （", "（")

    def both(self) -> Bilingual:
        """What the finding says in both languages, as a parameter of another message."""
        return Bilingual(self.text("zh"), self.text("en"))

    def to_dict(self) -> dict[str, str]:
        """JSON-ready form (``csreport rules lint --json``)."""
        return {
            "code": self.code,
            "severity": self.severity,
            "table": self.table,
            "kpi": self.kpi,
            "path": self.path,
            "message": self.text("zh"),
            "message_en": self.text("en"),
        }


class _Report:
    """Collects findings for one table/KPI so each check states only what differs."""

    def __init__(self, out: list[Finding], table: str = "", kpi: Kpi | None = None, path: str = "") -> None:
        self.out, self.table, self.kpi, self.path = out, table, kpi, path

    def add(self, key: str, where: str = "", **values: str | Bilingual) -> None:
        """Record the finding ``lint.<key>`` at ``self.path + where``."""
        if self.kpi is not None:
            values.setdefault("kpi", Bilingual(self.kpi.name, self.kpi.name_en))
        code = key.split(".")[0]
        self.out.append(
            Finding(
                code,
                "warning" if code in WARNINGS else "error",
                self.table,
                self.kpi.id if self.kpi else "",
                self.path + where,
                Note.of(f"lint.{key}", **values),
            )
        )


def lint(rules: RuleSet) -> list[Finding]:
    """Every finding for ``rules``, in file order, each problem reported once.

    A name is known when ``rules.vocabulary`` knows it: built in, or declared by the shop's
    mapping file the rules were loaded with.
    """
    out: list[Finding] = []
    paths = _kpi_paths(rules)
    for ti, table in enumerate(rules.tables):
        for ki, kpi in enumerate(table.kpis):
            rep = _Report(out, table.id, kpi, paths.get((ti, ki), f"tables[{ti}].kpis[{ki}]"))
            _check_bands(kpi, rep)
            _check_points(kpi, rep)
            _check_inputs(kpi, rep, rules.vocabulary)
            _check_threshold(table, kpi, rep, rules.vocabulary)
        _check_table(table, _Report(out, table.id, None, f"tables[{ti}]"))
    _check_file(rules, _Report(out))
    return out


def _kpi_paths(rules: RuleSet) -> dict[tuple[int, int], str]:
    """Where each KPI is written: its table's list, or the ``blocks`` entry it was included from."""
    try:
        data = yaml.safe_load(rules.text)
        return {
            (ti, ki): p
            for ti, raw in enumerate(data["tables"])
            for ki, p in enumerate(
                [f"tables[{ti}].kpis[{k}]" for k in range(len(raw.get("kpis") or []))]
                + [
                    f"blocks.{b}[{k}]"
                    for b in raw.get("include") or []
                    for k in range(len(data["blocks"][b]))
                ]
            )
        }
    except (yaml.YAMLError, LookupError, TypeError, AttributeError):
        return {}


def snap(iv: Interval, step: float | None = None) -> Interval | None:
    """The part of ``iv`` a value can take (only multiples of ``step``, if given); None if none."""
    lo, lo_incl, hi, hi_incl = iv
    if step is not None and not math.isinf(lo):
        first = round(math.ceil(round(lo / step, 9)) * step, 9)
        lo, lo_incl = first + (step if first == lo and not lo_incl else 0), True
    if step is not None and not math.isinf(hi):
        last = round(math.floor(round(hi / step, 9)) * step, 9)
        hi, hi_incl = last - (step if last == hi and not hi_incl else 0), True
    return (lo, lo_incl, hi, hi_incl) if lo < hi or (lo == hi and lo_incl and hi_incl) else None


def intersect(a: Interval, b: Interval) -> Interval:
    """The interval of values in both ``a`` and ``b`` (possibly empty)."""
    # At equal bounds the exclusive one is the tighter.
    lo, lo_incl = max((a[0], a[1]), (b[0], b[1]), key=lambda p: (p[0], not p[1]))
    hi, hi_incl = min((a[2], a[3]), (b[2], b[3]), key=lambda p: (p[0], p[1]))
    return lo, lo_incl, hi, hi_incl


def uncovered(span: Interval, parts: list[Interval]) -> list[Interval]:
    """The sub-intervals of ``span`` no interval in ``parts`` covers, in order (some maybe empty)."""
    pieces = sorted(
        (p for p in (intersect(span, x) for x in parts) if snap(p)), key=lambda p: (p[0], not p[1])
    )
    gaps: list[Interval] = []
    at, at_incl = span[0], span[1]  # the first point not yet covered, and whether it is itself
    for lo, lo_incl, hi, hi_incl in pieces:
        if (at, not at_incl) < (lo, not lo_incl):
            gaps.append((at, at_incl, lo, not lo_incl))
        if (hi, hi_incl) > (at, not at_incl):
            at, at_incl = hi, not hi_incl
    return [*gaps, (at, at_incl, span[2], span[3])]


def _iv_text(iv: Interval, unit: str) -> Bilingual:
    """Values a finding is about, as a person writes them: "45–60 秒（不含 45 秒）", "60 分"."""
    return band_words(Band(*iv, points=None), unit).bilingual()


def _domain_text(iv: Interval, unit: str) -> Bilingual:
    """The values a unit allows, both ends said: "0%–100%", "≥ 0 秒"."""
    if math.isinf(iv[0]) and math.isinf(iv[2]):
        return Note.of("band.any").bilingual()
    low = quantity(iv[0], unit)
    if math.isinf(iv[2]):
        return Note.of("band.at_least", low=low).bilingual()
    shown = fmt_number(iv[0], "%") if unit == "%" else number(iv[0])
    return Note.of("band.between", low=Bilingual(shown, shown), high=quantity(iv[2], unit)).bilingual()


def _name(band: Band, unit: str, rank: bool = False) -> Bilingual:
    """A band as a message names it: its wording as written, or its values in words, quoted."""
    if band.written is not None:
        return both("lint.band_written", written=band.written)
    words = (rank_band_words(band) if rank else band_words(band, unit)).bilingual()
    return both("lint.band_words", band=words)


def _outcome(band: Band) -> Bilingual:
    """What a band gives: its points, or a veto."""
    return (
        both("lint.outcome_veto")
        if band.points is None
        else both("lint.outcome_points", points=points_words(band.points))
    )


def _step(kpi: Kpi) -> float | None:
    """The spacing of the values a KPI can take: whole counts, or its rounding; None = any."""
    whole = kpi.unit == "count" and "/" not in kpi.input
    return 10.0**-kpi.rounding if kpi.rounding is not None else 1.0 if whole else None


def _check_bands(kpi: Kpi, rep: _Report) -> None:
    """Written bands that contradict themselves or cannot be read; gaps, overlaps, dead bands."""
    # Only mode bands reads bands over the unit's values (rank bands are over a percentile).
    bands_mode, unit, step = kpi.mode == "bands", kpi.unit, _step(kpi)
    domain = DOMAINS.get(unit, _NONNEG) if bands_mode else _ANY
    rank = kpi.mode == "rank"
    live: list[tuple[int, Band, Interval]] = []
    for i, band in enumerate(kpi.bands):
        where, name = f".bands[{i}]", _name(band, unit, rank)
        iv = (band.low, band.low_incl, band.high, band.high_incl)
        if band.is_veto and not (band.veto or "").strip():
            # The reason is what the agent reads on the card: a veto without one explains nothing.
            rep.add("veto_without_reason", where + ".veto", band=name)
        if band.written is not None and parse_written(band.written).contradictory:
            rep.add("contradictory", where, band=name, read=band_words(band, unit).bilingual())
        if band.garbled:
            rep.add("garbled", where, band=name)
        elif not snap(clip := intersect(domain, iv), step):
            rep.add("unreachable.empty", where, band=name, domain=_domain_text(domain, unit))
        elif bands_mode:
            live.append((i, band, clip))
    if not bands_mode:
        return
    for n, (i, a, a_iv) in enumerate(live):
        for j, b, b_iv in live[n + 1 :]:
            if both := snap(intersect(a_iv, b_iv), step):
                rep.add(
                    "overlap",
                    f".bands[{j}]",
                    values=_iv_text(both, unit),
                    a=_name(a, unit),
                    a_out=_outcome(a),
                    b=_name(b, unit),
                    b_out=_outcome(b),
                )
        others = [x_iv for k, _, x_iv in live if k != i]
        if others and not any(snap(g, step) for g in uncovered(a_iv, others)):
            rep.add("unreachable.covered", f".bands[{i}]", band=_name(a, unit))
    for gap in filter(None, (snap(g, step) for g in uncovered(domain, [iv for _, _, iv in live]))):
        rep.add("gap", ".bands", values=_iv_text(gap, unit))


def _check_points(kpi: Kpi, rep: _Report) -> None:
    """Points above the KPI's weight (its maximum), negative points, a weight nothing reaches."""
    items = [
        (f".bands[{i}].points", both("lint.what_band", band=Bilingual(n.zh, n.en.rstrip())), b.points)
        for i, b in enumerate(kpi.bands)
        if b.points is not None and not b.garbled
        for n in [_name(b, kpi.unit, kpi.mode == "rank")]
    ]
    items += [
        (f".anchors[{i}]", both("lint.what_anchor", value=quantity(v, kpi.unit)), p)
        for i, (v, p) in enumerate(kpi.anchors)
    ]
    if kpi.mode == "per_unit" and kpi.per_unit > 0 and kpi.cap is not None:
        items.append((".cap", both("lint.what_cap"), kpi.cap))
    weight = f"{kpi.weight:g}"
    for where, what, points in items:
        if points > kpi.weight + EPS:
            code = "anchor_points" if where.startswith(".anchors") else "points_over_weight"
            rep.add(code, where, what=what, points=f"{points:g}", weight=weight)
        if points < 0:
            rep.add("negative_points", where, what=what, points=f"{points:g}")
    given = [p for where, _, p in items if where != ".cap"]
    if given and max(given) < kpi.weight - EPS:
        rep.add("weight_not_reached", ".weight", points=f"{max(given):g}", weight=weight)


def _names(expr: str) -> list[str]:
    """The names a formula reads (the whole text when it does not parse)."""
    try:
        return [n.id for n in ast.walk(ast.parse(str(expr).strip(), mode="eval")) if isinstance(n, ast.Name)]
    except SyntaxError:
        return [str(expr)]


def _check_inputs(kpi: Kpi, rep: _Report, vocabulary: Vocabulary) -> None:
    """Every aggregate the KPI reads (input, vetoes, sample) must be one a sheet provides:
    built in, or declared in the mapping file (``vocabulary``)."""
    named = [(n, ".input") for n in _names(kpi.input)]
    named += [(n, f".vetoes[{i}]") for i, v in enumerate(kpi.vetoes) for n in _names(v.expr)]
    named += [(str(kpi.sample), ".sample")] if kpi.sample is not None else []
    for name, where in named:
        if vocabulary.resolve(name) is None:
            rep.add("unknown_input", where, name=name)


def _same_input(expr: str, formula: str, vocabulary: Vocabulary) -> bool:
    """True when a veto condition's expression reads the KPI's own input."""
    spelled = {t.replace(" ", "") for t in (expr, formula)}
    return len({(found.id if (found := vocabulary.resolve(t)) else t) for t in spelled}) == 1


def _check_threshold(table: Table, kpi: Kpi, rep: _Report, vocabulary: Vocabulary) -> None:
    """A KPI that both passes and fails exactly the table's ``总分 <= T`` mark (module doc)."""
    t = table.fail_if_total_le
    if t is None or kpi.unit != "score" or kpi.mode != "bands":
        return
    passing = [b for b in kpi.bands if b.points is not None and b.contains(t)]
    failing = [_name(b, kpi.unit) for b in kpi.bands if b.is_veto and b.contains(t)]
    failing += [
        both("lint.band_written", written=v.text())
        for v in kpi.vetoes
        if _same_input(v.expr, kpi.input, vocabulary) and v.holds(t)
    ]
    if passing and failing:
        joiner = both("lint.and")
        fails = Bilingual(joiner.zh.join(f.zh for f in failing), joiner.en.join(f.en for f in failing))
        rep.add(
            "threshold_conflict",
            t=quantity(t, kpi.unit),
            total=f"{t:g}",
            band=_name(passing[0], kpi.unit),
            points=f"{passing[0].points:g}",
            fails=fails,
        )


def _weights(table: Table, rep: _Report, where: str, profile: str | Bilingual = "") -> None:
    """Report when the table's KPI weights do not add up to its total."""
    total = sum(k.weight for k in table.kpis)
    if abs(total - table.total) > EPS:
        rep.add(
            "weights_total",
            where,
            profile=profile,
            table=Bilingual(table.name, table.name_en),
            sum=f"{total:g}",
            total=f"{table.total:g}",
        )


def _check_table(table: Table, rep: _Report) -> None:
    """Weights against the total; applies_to fields no agent is matched on."""
    _weights(table, rep, ".total")
    for key in (k for k, _ in table.applies_to if k not in TABLE_FIELDS):
        rep.add("applies_to_field", ".applies_to", table=Bilingual(table.name, table.name_en), name=key)


def _check_file(rules: RuleSet, rep: _Report) -> None:
    """Weights under each profile, agents no table is meant for, a grade ladder out of order."""
    for profile in rules.profiles:
        changed = {t for t, _, _ in profile.weights}
        for table in (t for t in rules.with_profile(profile.name).tables if t.id in changed):
            _weights(
                table,
                _Report(rep.out, table.id),
                f"profiles.{profile.name}",
                both("lint.in_profile", profile=Bilingual(profile.name, profile.name_en)),
            )
    if rules.tables and all(t.applies_to for t in rules.tables):
        rep.add(
            "no_default_table", "tables", table=Bilingual(rules.tables[-1].name, rules.tables[-1].name_en)
        )
    for total in sorted({t.total for t in rules.tables}):
        marks = [g.threshold(total) for g in rules.grades]
        if any(a <= b for a, b in pairwise(marks)):
            ladder = " > ".join(f"{g.name} {m:g}" for g, m in zip(rules.grades, marks, strict=True))
            rep.add("grade_order", "grades", total=f"{total:g}", ladder=ladder)
    _check_promotion(rules, rep)
    _check_sampling(rules, rep)


def _check_promotion(rules: RuleSet, rep: _Report) -> None:
    """A ``promotion:`` block with no ladder to move on, or a way whose conditions never hold."""
    promotion = rules.promotion
    if promotion is None:
        return
    if not rules.levels:
        rep.add("promotion_no_levels", "promotion")
    most = max((t.total for t in rules.tables), default=0.0)
    for way, rule in (("up", promotion.up), ("down", promotion.down)):
        if rule is None:
            continue
        where, name = f"promotion.{way}", both(f"lint.way.{way}")
        if rule.min_average is not None and rule.min_average > most + EPS:
            rep.add(
                "promotion_average_high",
                where + ".min_average",
                way=name,
                average=number(rule.min_average),
                total=number(most),
            )
        pairs = (
            ("average", rule.min_average, rule.max_average, ".max_average"),
            ("vetoes", rule.min_vetoes, rule.max_vetoes, ".max_vetoes"),
        )
        for what, low, high, key in pairs:
            if low is not None and high is not None and low > high + EPS:
                rep.add(f"promotion_never_{what}", where + key, way=name, low=number(low), high=number(high))


def _check_sampling(rules: RuleSet, rep: _Report) -> None:
    """A ``sampling:`` block that loads but samples oddly: a stratum without a share (its chats
    only ever top up others), a stratum the top-up order leaves out (it tops up only after the
    ones named, as ``scoring.sampling.draw`` does), no chat at all, or a task sheet without
    error types to choose from."""
    sampling = rules.sampling
    if sampling is None:
        return
    if sampling.fixed is None and sampling.maximum == 0:
        rep.add("sampling_max_zero", "sampling.per_agent.max")
    shares = dict(sampling.mix)
    for stratum in (s for s in strata_of(sampling) if not shares.get(s)):
        written = stratum in shares
        rep.add(
            "sampling_no_share",
            f"sampling.mix.{stratum}" if written else "sampling.mix",
            stratum=stratum_words(stratum),
            share=both("lint.sampling_share_zero" if written else "lint.sampling_share_none"),
        )
    missing = [s for s, share in sampling.mix if share > 0 and s not in sampling.shortfall]
    if missing:
        rep.add("sampling_shortfall_missing", "sampling.shortfall", strata=_strata(missing))
    if not sampling.error_types:
        rep.add("sampling_no_error_types", "sampling.error_types")


def _strata(strata: list[str]) -> Bilingual:
    """Strata named in a finding: 「满意」、「一般」; "satisfied (满意), neutral (一般)"."""
    return listed((both("lint.sampling_stratum", stratum=stratum_words(s)) for s in strata), "list.sep")


def finding_line(rules: RuleSet, path: str) -> int | None:
    """The line of the rules file that a finding's key path (``tables[1].kpis[0].bands[2]``) is
    on, or its nearest enclosing key's; None when the text cannot be read."""
    try:
        _, lines = yaml_lines.load(rules.text)
    except YamlProblem:
        return None
    parts = tuple(int(p[1:-1]) if p.startswith("[") else p for p in re.findall(r"\[\d+\]|[^.\[\]]+", path))
    return yaml_lines.line_of(lines, parts)
