"""The rules and results written the way a person writes them: quantities with their units,
bands ("≥ 98%", "45–80 秒"), a KPI's rule in words, formulas with field names, and the basis
of a value ("2,918 / 2,944（回复人数 / 咨询人数）"). ``csreport.rules.wording`` builds them.
"""

TEXT: dict[str, tuple[str, str]] = {
    # --- a number in its unit ({n} is the number as written) ---
    "unit.s": ("{n} 秒", "{n} s"),
    "unit.%": ("{n}%", "{n}%"),
    "unit.score": ("{n} 分", "{n} pts"),
    "unit.count": ("{n} 次", "{n}"),
    "unit.yuan": ("{n} 元", "{n} yuan"),
    "unit.day": ("{n} 天", "{n} days"),
    "unit.point": ("{n} 分", "{n} pt"),
    "unit.points": ("{n} 分", "{n} pts"),
    "unit.plain": ("{n}", "{n}"),
    # --- a band; {low}/{high} are quantities, the first of a range without its unit ---
    "band.exactly": ("{value}", "{value}"),
    "band.at_least": ("≥ {low}", "≥ {low}"),
    "band.more_than": ("> {low}", "> {low}"),
    "band.at_most": ("≤ {high}", "≤ {high}"),
    "band.less_than": ("< {high}", "< {high}"),
    "band.between": ("{low}–{high}", "{low}–{high}"),
    # a range whose end is not in the band says so, since "45–80 秒" alone reads as both in
    "band.between_excluding": ("{low}–{high}（不含 {bound}）", "{low}–{high} (not including {bound})"),
    "band.between_open": ("{low}–{high}（两端都不含）", "{low}–{high} (neither end included)"),
    "band.any": ("任意值", "any value"),
    "band.rank": ("组内百分位 {band}", "percentile in the group {band}"),
    # on a scorecard, when the agent's value is exactly a bound the band includes
    "band.at_bound": ("恰好 {value}算此档", "exactly {value} counts in this band"),
    # the reason shown for a veto band whose rules give none (the linter reports the omission)
    "veto.unnamed": ("{kpi}在否决区间 {band}", "{kpi} in the veto band {band}"),
    # --- a KPI scored without bands ---
    "rule.linear": (
        "{x1}时得 {p1}，{x2}时得 {p2}，之间按比例",
        "{p1} at {x1}, {p2} at {x2}, in proportion between",
    ),
    "rule.per_unit_minus": ("每 {one}扣 {points}", "{points} off per {one}"),
    "rule.per_unit_plus": ("每 {one}加 {points}", "{points} added per {one}"),
    "rule.floor": ("{rule}，最多扣 {points}", "{rule}, at most {points} off"),
    "rule.cap": ("{rule}，最多加 {points}", "{rule}, at most {points} added"),
    "rule.rank": (
        "按组内排名：满分 × 超过的同组比例",
        "by rank in the group: maximum × share of the group beaten",
    ),
    # --- formulas and conditions with field names ---
    "formula.words": ("{formula}", "{formula}"),
    "condition.words": ("{formula} {op} {value}", "{formula} {op} {value}"),
    # --- what a value was made of ---
    "basis.weighted": ("按{weight}加权平均（{weight}合计 {total}）", "weighted by {weight} ({total} in all)"),
    "basis.mean": ("{n} {things}的平均", "mean of {n} {things}"),
    "basis.field": ("{field}（{n} {things}）", "{field} ({n} {things})"),
    "basis.ratio": ("{num} / {den}（{num_name} / {den_name}）", "{num} / {den} ({num_name} / {den_name})"),
    "basis.terms": ("{terms}", "{terms}"),
    "basis.term": ("{field} {value}", "{field} {value}"),
    # what one row of a kind of sheet is, counted in a basis
    "basis.things.qa": ("条抽检", "sampled chats"),
    "basis.things.reception": ("行接待数据", "rows of reception data"),
    "basis.things.attendance": ("天考勤记录", "days of attendance records"),
}
