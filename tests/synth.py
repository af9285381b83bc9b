"""Deterministic synthetic months of managers' workbooks, for samples, benchmarks and tests.

`draw_profiles` decides who the agents are and what their month should look like (monthly
targets); `build_month` turns profiles into row dicts per sheet; `write_workbooks` writes
them as xlsx the way managers keep them. Everything derives from ``random.Random(seed)``
so the same arguments always give the same rows and the same bytes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from csreport.domain import ATTITUDE_ITEMS

ROSTER_HEADERS = ("工号", "姓名", "组别", "入职日期", "岗位状态", "级别", "旺旺", "奖金基数")
_BONUS_BASE = {"新员工": 1000, "特殊技能新员工": 1200, "老员工": 1500, "组长": 2000}
ATTENDANCE_HEADERS = ("工号", "姓名", "日期", "考勤状态")
RECEPTION_HEADERS = (
    "工号",
    "日期",
    "接待人数",
    "咨询人数",
    "回复人数",
    "平均响应时长(秒)",
    "首次响应时长(秒)",
    "询单人数",
    "询单付款人数",
    "付款订单数",
    "销售额",
)
QA_HEADERS = ("工号", "日期", "会话编号", "满意度", *(n for n, _ in ATTITUDE_ITEMS), "差错类型", "店铺风险")
SATISFACTION = (("非常满意", 10), ("满意", 10), ("一般", 30), ("不满意", 20), ("非常不满意", 30))
ERROR_TYPES = ("价格解答错误", "发货时间错误", "漏回复", "尺码推荐错误", "优惠规则解释错误")
RISK_ERROR = "虚假承诺"
WORKING = ("出勤", "迟到", "早退")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹"
GIVEN = (
    "晓雯",
    "子涵",
    "欣怡",
    "梓萱",
    "思远",
    "浩然",
    "雨桐",
    "佳怡",
    "俊杰",
    "诗琪",
    "一诺",
    "语嫣",
    "宇航",
    "嘉怡",
    "明轩",
    "若曦",
    "小美",
    "静怡",
    "文博",
    "可馨",
)
CN_NUM = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")
# Fixed so that the xlsx bytes do not depend on when they were written.
CREATED = dt.datetime(2026, 1, 1, 9, 0, 0)
Row = dict[str, object]


@dataclass
class AgentProfile:
    """One agent and the monthly values their generated rows should add up to."""

    agent_id: str
    name: str
    group: str
    hire_date: dt.date
    status: str  # 试用期 | 正式
    level: str
    wangwang: str
    avg_response: float  # target weighted average response, seconds
    reply_rate: float  # target 回复人数 / 咨询人数
    conversion: float  # target 付款订单数 / 接待人数
    attitude: float  # target mean of sampled-chat totals
    chats: int = 7  # sampled chats; 0 leaves the agent without QA rows
    errors: tuple[str, ...] = ()  # 差错类型 of chats with an error
    risk: bool = False  # one chat with 店铺风险 = 是
    exact: bool = False  # hit avg_response, rates and attitude exactly (boundary tests)


@dataclass
class SynthMonth:
    """A generated month: the profiles and the rows of each sheet (key order = columns)."""

    month: str
    shop: str
    profiles: list[AgentProfile]
    roster: list[Row] = field(default_factory=list)
    attendance: list[Row] = field(default_factory=list)
    reception: list[Row] = field(default_factory=list)
    qa: list[Row] = field(default_factory=list)

    def row_count(self) -> int:
        """Data rows over all sheets (headers and titles excluded)."""
        return len(self.roster) + len(self.attendance) + len(self.reception) + len(self.qa)


def month_days(month: str) -> list[dt.date]:
    """Every date of a ``YYYY-MM`` month."""
    year, mon = (int(x) for x in month.split("-"))
    return [dt.date(year, mon, d) for d in range(1, calendar.monthrange(year, mon)[1] + 1)]


def draw_profiles(
    n_agents: int, month: str = "2026-10", seed: int = 7, groups: int | None = None, shop: str = "测试旗舰店"
) -> list[AgentProfile]:
    """Random agents with realistic targets; a few slow, sloppy or vetoed ones included."""
    rng = random.Random(seed)
    n_groups = groups or min(6, max(2, n_agents // 10))
    start = month_days(month)[0]
    width = max(3, len(str(n_agents)))
    profiles: list[AgentProfile] = []
    leaders: set[str] = set()
    seen_ww: set[str] = set()
    for i in range(n_agents):
        name = rng.choice(SURNAMES) + rng.choice(GIVEN)
        group = CN_NUM[i * n_groups // n_agents] + "组"
        probation = rng.random() < 0.15 and group in leaders
        if probation:
            level, hired = "新员工", start - dt.timedelta(days=rng.randint(20, 80))
        else:
            level = (
                "组长"
                if group not in leaders
                else rng.choices(("新员工", "特殊技能新员工", "老员工"), (15, 25, 60))[0]
            )
            leaders.add(group)
            hired = start - dt.timedelta(days=rng.randint(100, 1800))
        roll = rng.random()
        errors: tuple[str, ...] = ()
        if roll > 0.65:
            kind = rng.choice(ERROR_TYPES)
            errors = (kind,) * (1 if roll < 0.85 else 2 if roll < 0.95 else 3)
        profiles.append(
            AgentProfile(
                agent_id=f"KF{i + 1:0{width}d}",
                name=name,
                group=group,
                hire_date=hired,
                status="试用期" if probation else "正式",
                level=level,
                wangwang="",
                avg_response=rng.uniform(95, 130) if rng.random() < 0.05 else rng.uniform(20, 90),
                reply_rate=rng.uniform(0.86, 0.92) if rng.random() < 0.05 else rng.uniform(0.92, 1),
                conversion=rng.uniform(0.30, 0.38) if rng.random() < 0.05 else rng.uniform(0.38, 0.65),
                attitude=rng.uniform(50, 65) if rng.random() < 0.05 else rng.uniform(65, 97),
                chats=rng.randint(5, 10),
                errors=errors,
                risk=rng.random() < 0.03,
            )
        )
    if n_agents >= 12:  # two people with one name, so output file names must disambiguate
        profiles[11].name = profiles[4].name
    for p in profiles:
        nick = p.name[1:] if p.name[1:] not in seen_ww else f"{p.name[1:]}{p.agent_id[2:]}"
        seen_ww.add(nick)
        p.wangwang = f"{shop}:{nick}"
    return profiles


def _spread(total: int, weights: list[float], caps: list[int], rng: random.Random) -> list[int]:
    """Split an integer total over days proportionally to weights, never above a day's cap."""
    scale = total / sum(weights)
    out = [min(cap, int(w * scale)) for w, cap in zip(weights, caps, strict=True)]
    rest = total - sum(out)
    while rest > 0:
        open_days = [i for i, (v, cap) in enumerate(zip(out, caps, strict=True)) if v < cap]
        i = rng.choice(open_days)
        step = min(rest, caps[i] - out[i], max(1, rest // len(open_days)))
        out[i] += step
        rest -= step
    return out


def _receptions(p: AgentProfile, n: int, rng: random.Random) -> tuple[list[int], list[float]]:
    """Daily 接待人数 and average response; exact profiles hit the weighted mean exactly."""
    if not p.exact:
        base = rng.uniform(70, 170)
        received = [max(50, min(200, round(base * rng.uniform(0.7, 1.3)))) for _ in range(n)]
        return received, [round(max(3.0, p.avg_response * rng.uniform(0.8, 1.2)), 1) for _ in range(n)]
    # Pairs (r, a) = (2k, T-d) and (k, T+2d) cancel in the weighted mean but not in the
    # plain mean, so a scorer that forgets the weighting misses the boundary.
    target = int(p.avg_response)
    received, resp = [], []
    for _ in range((n - 1) // 2):
        k, d = rng.randint(50, 100), rng.randint(1, 8)
        pair = [(2 * k, target - d), (k, target + 2 * d)]
        rng.shuffle(pair)
        for r, a in pair:
            received.append(r)
            resp.append(float(a))
    while len(received) < n:
        received.append(rng.randint(150, 200))
        resp.append(float(target))
    received[-1] -= sum(received) % Fraction(str(p.conversion)).denominator
    return received, resp


def _agent_rows(p: AgentProfile, days: list[dt.date], seed: int, m: SynthMonth) -> None:
    """Append one agent's attendance, reception and sampled-chat rows to the month."""
    rng = random.Random(f"{seed}/{p.agent_id}")
    rest = set(rng.sample(range(len(days)), rng.randint(4, 8)))
    working: list[dt.date] = []
    for i, day in enumerate(days):
        status = (
            "休息"
            if i in rest
            else rng.choices(("出勤", "迟到", "早退", "请假", "旷工"), (930, 30, 10, 25, 5))[0]
        )
        m.attendance.append({"工号": p.agent_id, "姓名": p.name, "日期": day, "考勤状态": status})
        if status in WORKING:
            working.append(day)
    n = len(working)
    received, resp = _receptions(p, n, rng)
    asked = [max(1, round(r * rng.uniform(0.9, 1.0))) for r in received]
    if p.exact:
        asked[-1] -= sum(asked) % Fraction(str(p.reply_rate)).denominator
    replied = _spread(
        round(p.reply_rate * sum(asked)), [a * rng.uniform(0.97, 1.03) for a in asked], asked, rng
    )
    orders = _spread(
        round(p.conversion * sum(received)), [r * rng.uniform(0.8, 1.2) for r in received], asked, rng
    )
    # A separate stream, so adding this column left every other sample value unchanged.
    paid_rng = random.Random(f"{seed}/{p.agent_id}/inquiry-paid")
    for i, day in enumerate(working):
        first = round(resp[i] * rng.uniform(0.35, 0.8), 1)
        inquiring = rng.randint(max(orders[i], int(asked[i] * 0.6)), asked[i])
        m.reception.append(
            {
                "工号": p.agent_id,
                "日期": day,
                "接待人数": received[i],
                "咨询人数": asked[i],
                "回复人数": replied[i],
                "平均响应时长(秒)": resp[i],
                "首次响应时长(秒)": first,
                "询单人数": inquiring,
                "询单付款人数": min(inquiring, round(orders[i] * paid_rng.uniform(0.75, 0.95))),
                "付款订单数": orders[i],
                "销售额": round(orders[i] * rng.uniform(80, 400), 2),
            }
        )
    _chat_rows(p, working, rng, m)


def _chat_rows(p: AgentProfile, working: list[dt.date], rng: random.Random, m: SynthMonth) -> None:
    """Append the agent's sampled chats, their item totals averaging to the target."""
    k = p.chats
    if k == 0 or not working:
        return
    scores = []
    for _ in range(k):
        f = min(1.0, max(0.45, p.attitude / 100 + rng.gauss(0, 0.05)))
        scores.append([min(mx, max(0, round(mx * (f + rng.uniform(-0.1, 0.1))))) for _, mx in ATTITUDE_ITEMS])
    diff = round(p.attitude * k) - sum(map(sum, scores))
    while diff:
        step = 1 if diff > 0 else -1
        c, j = rng.randrange(k), rng.randrange(len(ATTITUDE_ITEMS))
        if 0 <= scores[c][j] + step <= ATTITUDE_ITEMS[j][1]:
            scores[c][j] += step
            diff -= step
    flagged = rng.sample(range(k), min(k, len(p.errors) + p.risk))
    labels = [*p.errors, RISK_ERROR] if p.risk else list(p.errors)
    errors = dict(zip(flagged, labels, strict=False))  # fewer chats than errors: drop extras
    num = int(p.agent_id[2:])
    for c, day in enumerate(sorted(rng.choice(working) for _ in range(k))):
        row: Row = {
            "工号": p.agent_id,
            "日期": day,
            "会话编号": f"{day:%Y%m%d}{num:05d}{c + 1:03d}",
            "满意度": rng.choices(*zip(*SATISFACTION, strict=True))[0],
        }
        row.update({name: s for (name, _), s in zip(ATTITUDE_ITEMS, scores[c], strict=True)})
        row["差错类型"] = errors.get(c, "")
        row["店铺风险"] = "是" if errors.get(c) == RISK_ERROR else "否"
        m.qa.append(row)


def build_month(
    profiles: list[AgentProfile], month: str = "2026-10", seed: int = 7, shop: str = "测试旗舰店"
) -> SynthMonth:
    """Rows of every sheet for the given agents; each agent draws from its own stream."""
    m = SynthMonth(month=month, shop=shop, profiles=profiles)
    days = month_days(month)
    for p in profiles:
        m.roster.append(
            {
                "工号": p.agent_id,
                "姓名": p.name,
                "组别": p.group,
                "入职日期": p.hire_date,
                "岗位状态": p.status,
                "级别": p.level,
                "旺旺": p.wangwang,
                "奖金基数": _BONUS_BASE.get(p.level, 1500),
            }
        )
        _agent_rows(p, days, seed, m)
    return m


def generate_month(
    n_agents: int, month: str = "2026-10", seed: int = 7, groups: int | None = None, shop: str = "测试旗舰店"
) -> SynthMonth:
    """A whole random month for ``n_agents`` agents: `draw_profiles` then `build_month`."""
    return build_month(draw_profiles(n_agents, month, seed, groups, shop), month, seed, shop)


def _sheets(m: SynthMonth) -> list[tuple[str, str, tuple[str, ...], list[Row], str | None]]:
    """(file stem, sheet name, headers, rows, title) of each kind of workbook."""
    year, mon = (int(x) for x in m.month.split("-"))
    cn = CN_NUM[mon - 1] + "月"
    return [
        ("花名册", "花名册", ROSTER_HEADERS, m.roster, None),
        (f"{cn}考勤", "考勤", ATTENDANCE_HEADERS, m.attendance, f"{year}年{mon}月客服考勤表"),
        (f"{cn}质检", "质检抽查", QA_HEADERS, m.qa, None),
        (f"{cn}接待", "接待数据", RECEPTION_HEADERS, m.reception, None),
    ]


def write_workbooks(
    month: SynthMonth, out_dir: Path, *, single_file: bool = False, title_rows: bool = True
) -> list[Path]:
    """Write the month as four workbooks (or one with four sheets); return their paths."""
    import xlsxwriter  # only writers need it; generation stays dependency-free

    out_dir.mkdir(parents=True, exist_ok=True)
    sheets = _sheets(month)
    if single_file:
        year, mon = month.month.split("-")
        groups = [(out_dir / f"{year}年{int(mon)}月客服数据.xlsx", sheets)]
    else:
        groups = [(out_dir / f"{s[0]}.xlsx", [s]) for s in sheets]
    for path, parts in groups:
        wb = xlsxwriter.Workbook(str(path))
        wb.set_properties({"title": path.stem, "author": "csreport synth", "created": CREATED})
        bold = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        title_fmt = wb.add_format({"bold": True, "font_size": 14, "align": "center"})
        date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
        for _, sheet, headers, rows, title in parts:
            ws = wb.add_worksheet(sheet)
            top = 0
            if title and title_rows:
                ws.merge_range(0, 0, 0, len(headers) - 1, title, title_fmt)
                top = 2  # managers leave a blank row between title and header
            ws.set_column(0, len(headers) - 1, 13)
            for c, h in enumerate(headers):
                ws.write_string(top, c, h, bold)
            ws.freeze_panes(top + 1, 0)
            for r, row in enumerate(rows, start=top + 1):
                for c, value in enumerate(row.values()):
                    if isinstance(value, dt.date):
                        ws.write_datetime(r, c, dt.datetime.combine(value, dt.time()), date_fmt)
                    elif isinstance(value, (int, float)):
                        ws.write_number(r, c, value)
                    elif value != "":
                        ws.write_string(r, c, str(value))
        wb.close()
    return [p for p, _ in groups]
