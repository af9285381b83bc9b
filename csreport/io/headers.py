"""Header recognition: which row is the header, which field each column is, which role.

A sheet's role (roster, attendance, reception, sampled chats) comes from its header
row alone; its name and position do not matter.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from csreport.domain import ATTITUDE_ITEMS

HEADER_SCAN_ROWS = 30

ROLES = ("roster", "attendance", "reception", "qa")
ROLE_NAMES = {
    "roster": ("花名册", "roster"),
    "attendance": ("考勤", "attendance"),
    "reception": ("接待数据", "reception"),
    "qa": ("质检抽查", "sampled chats"),
}

# field -> (canonical Chinese header, aliases in Chinese and English)
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "agent_id": ("工号", ("员工号", "员工编号", "工号id", "employee id", "agent id", "id", "staff id")),
    "name": ("姓名", ("员工姓名", "客服姓名", "name", "agent name")),
    "group": ("组别", ("分组", "小组", "组", "team", "group")),
    "hire_date": ("入职日期", ("入职时间", "hire date", "start date")),
    "post_status": ("岗位状态", ("员工状态", "在岗状态", "status", "post status")),
    "level": ("级别", ("职级", "等级", "level", "grade level")),
    "subaccount": ("旺旺", ("子账号", "旺旺昵称", "客服昵称", "sub-account", "subaccount")),
    "date": ("日期", ("考勤日期", "统计日期", "date", "day")),
    "att_status": ("考勤状态", ("出勤状态", "状态", "attendance", "attendance status")),
    "received": ("接待人数", ("接待量", "sessions", "received", "sessions received")),
    "inquiries": ("咨询人数", ("inquiries", "customers asked")),
    "replied": ("回复人数", ("已回复人数", "replied", "customers replied")),
    "avg_response_s": (
        "平均响应时长(秒)",
        ("平均响应时长", "平均响应时间", "平均响应(秒)", "avg response", "avg response (s)",
         "average response time"),
    ),
    "first_response_s": (
        "首次响应时长(秒)",
        ("首次响应时长", "首次响应时间", "首次平均响应时间", "first response",
         "first response (s)", "first response time"),
    ),
    "pre_sales": ("询单人数", ("pre-sales inquiries", "presales")),
    "paid_orders": ("付款订单数", ("成功付款订单数", "paid orders", "orders paid")),
    "sales": ("销售额", ("sales", "sales amount")),
    "chat_id": ("会话编号", ("会话id", "聊天编号", "chat id", "session id")),
    "satisfaction": ("满意度", ("客户评价", "satisfaction", "rating")),
    "attitude_score": ("态度得分", ("服务态度得分", "工作态度得分", "attitude", "attitude score")),
    "error_type": ("差错类型", ("error type", "error")),
    "shop_risk": ("店铺风险", ("导致店铺风险", "shop risk", "risk")),
}
ITEM_FIELDS = tuple(f"item_{i}" for i in range(len(ATTITUDE_ITEMS)))
for _i, (_zh, _max) in enumerate(ATTITUDE_ITEMS):
    FIELDS[ITEM_FIELDS[_i]] = (_zh, (_zh.replace(",", ""), _zh.split(",")[0]))

ROLE_FIELDS: dict[str, tuple[str, ...]] = {
    "roster": ("agent_id", "name", "group", "hire_date", "post_status", "level", "subaccount"),
    "attendance": ("agent_id", "name", "date", "att_status"),
    "reception": (
        "agent_id", "name", "date", "received", "inquiries", "replied", "avg_response_s",
        "first_response_s", "pre_sales", "paid_orders", "sales",
    ),
    "qa": (
        "agent_id", "name", "date", "chat_id", "satisfaction", *ITEM_FIELDS, "attitude_score",
        "error_type", "shop_risk",
    ),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "roster": ("agent_id",),
    "attendance": ("agent_id", "date", "att_status"),
    "reception": ("agent_id", "received"),
    "qa": ("agent_id",),
}
# Fields whose presence marks a role (the roster is what is left when none match).
_ROLE_KEYS: dict[str, tuple[str, ...]] = {
    "attendance": ("att_status",),
    "reception": ("received", "inquiries", "replied", "avg_response_s", "paid_orders"),
    "qa": ("chat_id", "attitude_score", "error_type", "shop_risk", *ITEM_FIELDS),
}
_ROSTER_ONLY = ("group", "hire_date", "post_status", "level", "subaccount")


def normalize_header(text: object) -> str:
    """Header text for matching: NFKC, no spaces/line breaks/``*`` markers, lower case."""
    s = unicodedata.normalize("NFKC", str(text or ""))
    s = re.sub(r"[\s*＊]+", "", s)
    return s.lower()


_ALIASES: dict[str, str] = {}
for _field, (_canon, _aliases) in FIELDS.items():
    for _name in (_canon, *_aliases):
        _ALIASES.setdefault(normalize_header(_name), _field)


def field_for(header: object) -> str | None:
    """The field a header names, or None."""
    return _ALIASES.get(normalize_header(header))


def canonical(field: str) -> str:
    """The Chinese header csreport writes for ``field``."""
    return FIELDS[field][0]


@dataclass(frozen=True)
class HeaderMatch:
    """A recognised header row: its index, the role, and column index → field."""

    row_index: int  # 0-based index into RawSheet.rows
    role: str
    columns: dict[int, str]  # position in row → field
    headers: dict[int, str]  # position in row → header text as written
    unmapped: tuple[int, ...]  # positions with a header that maps to nothing


def detect(rows: list[list[object]]) -> HeaderMatch | None:
    """Find the header row in the first rows and decide the sheet's role."""
    best: tuple[int, int, dict[int, str]] | None = None
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        columns: dict[int, str] = {}
        for pos, cell in enumerate(row):
            field = field_for(cell) if isinstance(cell, str) else None
            if field and field not in columns.values():
                columns[pos] = field
        score = len(columns)
        fields = set(columns.values())
        # Without an id column, demand two role-specific headers so a stray notes sheet
        # is not mistaken for data with a missing 工号.
        keyed = max(len(fields & set(keys)) for keys in _ROLE_KEYS.values())
        plausible = "agent_id" in fields or keyed >= 2
        if score >= 2 and plausible and (best is None or score > best[1]):
            best = (index, score, columns)
    if best is None:
        return None
    index, _, columns = best
    fields = set(columns.values())
    role = _role_of(fields)
    if role is None:
        return None
    headers = {pos: str(cell).strip() for pos, cell in enumerate(rows[index]) if str(cell).strip()}
    unmapped = tuple(pos for pos in headers if pos not in columns)
    return HeaderMatch(index, role, columns, headers, unmapped)


def _role_of(fields: set[str]) -> str | None:
    scores = {role: len(fields & set(keys)) for role, keys in _ROLE_KEYS.items()}
    role, score = max(scores.items(), key=lambda kv: kv[1])
    if score:
        return role
    # A dated sheet without attendance or reception columns is not a roster.
    if "date" not in fields and (fields & set(_ROSTER_ONLY) or "name" in fields):
        return "roster"
    return None
