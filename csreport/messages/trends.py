"""Catalogue: the assessment cycle's trends (issue 14): the 趋势 sheet."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "trends.title": (
        "近六个月总分趋势（{first} – {last}）",
        "Trends: total over six months ({first} – {last})",
    ),
    # the agents' table
    "trends.not_recorded": ("未记录", "Not recorded"),
    "trends.change": ("环比", "Change vs last month (环比)"),
    "trends.average": ("六个月平均", "6-month average"),
    "trends.rank": ("本月排名", "Rank"),
    "trends.move": ("排名变化", "Move"),
    "trends.line": ("走势", "Trend line"),
    "trends.move.up": ("▲{n}", "▲{n}"),
    "trends.move.down": ("▼{n}", "▼{n}"),
    "trends.move.same": ("–", "–"),
    "trends.note.how": (
        "环比 = 本月总分 − 上月总分；六个月平均 = 这六个月中有总分的月份的平均。空白表示当月没有总分"
        "（未记录、当月不在册或缺数据），不按 0 计；“未记录”的月份历史中没有这个月的结果。"
        "本月排名是本人考核表内的名次；排名变化与上月在同一考核表内的名次相比（▲ 上升、▼ 下降、– 不变），"
        "任一个月没有名次或换了考核表时留空。",
        "Change vs last month (环比) = this month's total − last month's; the 6-month average is "
        "the mean of the months with a total. A blank means no total that month (not recorded, "
        "not on staff then, or missing data), never 0; a month marked Not recorded is not in the "
        "history. Rank is the place within the agent's scoring table; Move compares it with last "
        "month's place on the same table (▲ up, ▼ down, – same), blank when either month has no "
        "place or the table changed.",
    ),
    "trends.note.outsiders": (
        "不在花名册中的人不列出（{n} 人）。",
        "Agents not in the roster are not listed ({n}).",
    ),
    "trends.none": ("没有花名册中的客服。", "No agents of the roster."),
    # the teams' table
    "trends.teams.title": ("团队趋势", "Team trend"),
    "trends.teams.note": (
        "团队每月的平均总分是当月有总分的成员的平均。这六个月中成员的考核表满分不同时，每个月都先把"
        "每人的总分折算成占本人满分的百分比再求平均，各月才能相比。",
        "A team's monthly average is the mean total of its members with a total that month. When "
        "its members' tables have different maxima within these six months, every month takes "
        "each total as a percentage of its own maximum first, so the months compare.",
    ),
}
