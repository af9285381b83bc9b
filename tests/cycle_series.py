"""A hand-computed seven-month series (2026-04 … 2026-10) of twelve agents, as real workbooks.

The judged scenario of issue 14. Every agent-month is written as a short code, one letter per
KPI of the agent's 考核表, naming the band its raw value falls in well inside (A = the top band,
B the next, C the third, V a veto). The generator turns the codes into the four workbooks a
manager keeps (花名册, 考勤, 质检, 接待), one folder per month, so every 总分 is a sum of band
points a reader can check by hand against the rules written below (``RULES_V1``, ``RULES_V2``).

正式 (regular) codes have five letters: 平均响应时长, 回复率, 咨询转化率, 质检差错, 工作态度.
试用期 (probation) codes have four: 平均响应时长, 回复率, 差错, 服务态度.

Raw values per band (the same for both tables; the points are the tables'):

====================  ======  ======  ======  ==========================
KPI                   A       B       C       V (veto)
====================  ======  ======  ======  ==========================
平均响应时长 (s)      30      60      90      120
回复率 (replied/1000) 990     965     925     880
转化率 (orders/1000)  600     525     450     350
差错                  none    1 error —       the same error 3 times
态度得分              90      78      65      50
====================  ======  ======  ======  ==========================

Points, 正式: 15/10/5, 20/15/10, 25/20/10, 20/10, 20/15/5 (v2 from 2026-07: attitude B is 18).
Points, 试用期: 20/15/5, 20/15/5, 30/10, 30/20/5. 总分 ≤ 60 is 不予上岗 (no veto).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from tests.workbooks import ATT_HEADER, QA_HEADER, REC_HEADER, write_xlsx

MONTHS = ("2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10")
NEXT_MONTH = "2026-11"
ROSTER_HEADER = ["工号", "姓名", "组别", "入职日期", "岗位状态", "级别", "旺旺", "奖金基数"]
BONUS_BASE = 1000
SHOP = "测试花店"


@dataclass(frozen=True)
class SeriesAgent:
    """One agent of the series, as the roster shows them."""

    agent_id: str
    name: str
    group: str
    status: str  # 正式 | 试用期
    level: str
    hired: dt.date


AGENTS = (
    SeriesAgent("KF001", "王芳", "一组", "正式", "老员工", dt.date(2023, 3, 1)),
    SeriesAgent("KF002", "李强", "一组", "正式", "老员工", dt.date(2022, 8, 15)),
    SeriesAgent("KF003", "张伟", "一组", "正式", "特殊技能新员工", dt.date(2025, 6, 1)),
    SeriesAgent("KF004", "赵敏", "一组", "正式", "组长", dt.date(2021, 4, 1)),
    SeriesAgent("KF005", "孙丽", "一组", "试用期", "新员工", dt.date(2026, 3, 16)),
    SeriesAgent("KF006", "陈静", "一组", "正式", "老员工", dt.date(2024, 1, 8)),
    SeriesAgent("KF007", "刘洋", "二组", "正式", "新员工", dt.date(2025, 11, 3)),
    SeriesAgent("KF008", "杨洁", "二组", "正式", "老员工", dt.date(2023, 9, 1)),
    SeriesAgent("KF009", "黄磊", "二组", "正式", "特殊技能新员工", dt.date(2025, 2, 17)),
    SeriesAgent("KF010", "吴婷", "二组", "正式", "老员工", dt.date(2022, 5, 9)),
    SeriesAgent("KF011", "周杰", "二组", "正式", "特殊技能新员工", dt.date(2024, 10, 1)),
    SeriesAgent("KF012", "郑浩", "二组", "试用期", "新员工", dt.date(2026, 6, 1)),
)
BY_ID = {a.agent_id: a for a in AGENTS}

# month → agent → code. KF004 is away all of 2026-08 (in no workbook that month); KF012 joins
# in 2026-06. KF003's 2026-05 is written as typed first (attitude C, 65); the test fixes the
# one cell to 78 (B) and re-runs the month.
CODES: dict[str, dict[str, str]] = {
    "2026-04": {
        "KF001": "AAAAB", "KF002": "ABBAB", "KF003": "BBBAB", "KF004": "AABBB", "KF005": "BBAB",
        "KF006": "BABAB", "KF007": "CBCAB", "KF008": "AABAB", "KF009": "BCBBB", "KF010": "ABAAC",
        "KF011": "BAAAB",
    },
    "2026-05": {
        "KF001": "AABAB", "KF002": "ABBAB", "KF003": "BBBAC", "KF004": "AABAB", "KF005": "BBAB",
        "KF006": "BABAB", "KF007": "CBCAB", "KF008": "ABBAB", "KF009": "BCBBB", "KF010": "ABABB",
        "KF011": "BABAB",
    },
    "2026-06": {
        "KF001": "AAAAA", "KF002": "VBBAB", "KF003": "BBBAB", "KF004": "AABAB", "KF005": "ABAB",
        "KF006": "BAAAB", "KF007": "BBCAB", "KF008": "AABAB", "KF009": "BCCBB", "KF010": "BBAAB",
        "KF011": "BABBB", "KF012": "ABAA",
    },
    "2026-07": {
        "KF001": "AAAAB", "KF002": "ABBAB", "KF003": "BBABB", "KF004": "AABAB", "KF005": "BBAB",
        "KF006": "BABAB", "KF007": "BBCAB", "KF008": "AABAB", "KF009": "BCBBB", "KF010": "BBABB",
        "KF011": "BABAB", "KF012": "BBAA",
    },
    "2026-08": {
        "KF001": "BAAAB", "KF002": "ABBAB", "KF003": "BBBBB", "KF005": "BBAC",
        "KF006": "BBBAB", "KF007": "BBBAB", "KF008": "AABAV", "KF009": "BBBBB", "KF010": "ABAAB",
        "KF011": "BABAA", "KF012": "AAAA",
    },
    "2026-09": {
        "KF001": "AABAA", "KF002": "AVBAB", "KF003": "BBBAB", "KF004": "AABAA", "KF005": "CCBB",
        "KF006": "CABBB", "KF007": "BBBAA", "KF008": "AABAB", "KF009": "BCBBB", "KF010": "ABBAC",
        "KF011": "BAAAB", "KF012": "AAAB",
    },
    "2026-10": {
        "KF001": "AAAAB", "KF002": "ABBAB", "KF003": "BABAB", "KF004": "AAAAB", "KF005": "BCBB",
        "KF006": "BABAB", "KF007": "BBBAA", "KF008": "ABBAB", "KF009": "BBBBB", "KF010": "ABAAB",
        "KF011": "BABBB", "KF012": "AAAA",
    },
    # After the review: KF001 as 组长, KF002 as 特殊技能新员工 (the new roster says so).
    "2026-11": {
        "KF001": "AAAAB", "KF002": "ABBAB", "KF003": "BBBAB", "KF004": "AAAAB", "KF005": "BBAB",
        "KF006": "BABAB", "KF007": "BBBAB", "KF008": "AABAB", "KF009": "BBBBB", "KF010": "ABAAB",
        "KF011": "BABAB", "KF012": "AAAA",
    },
}  # fmt: skip

RESPONSE = {"A": 30.0, "B": 60.0, "C": 90.0, "V": 120.0}
REPLIED = {"A": 990, "B": 965, "C": 925, "V": 880}
ORDERS = {"A": 600, "B": 525, "C": 450, "V": 350}
ATTITUDE = {"A": 90, "B": 78, "C": 65, "V": 50}
ERROR = "价格解答错误"

# The rules, written as a shop writes them. v2 differs from v1 in one band's points (正式
# 工作态度 [70, 85): 15 → 18), its name and its effective month.
_RULES = """\
name: {name}
name_en: {name_en}
version: {version}
effective_from: {effective_from}

tables:
  - id: probation
    name: 试用期
    name_en: Probation
    applies_to: {{岗位状态: 试用期}}
    total: 100
    fail_if_total_le: 60
    retrain_limit: 2
    kpis:
      - id: avg_response
        name: 平均响应时长
        name_en: Average response time
        weight: 20
        input: avg_response_s
        unit: s
        bands:
          - {{range: "[0, 45]", points: 20}}
          - {{range: "(45, 80]", points: 15}}
          - {{range: "(80, 100]", points: 5}}
          - {{range: "(100, inf)", veto: 平均响应时长超过 100 秒, veto_en: Average response time over 100 s}}
      - id: reply_rate
        name: 回复率
        name_en: Reply rate
        weight: 20
        input: replied / inquiries
        unit: "%"
        bands:
          - {{range: "[98%, 100%]", points: 20}}
          - {{range: "[95%, 98%)", points: 15}}
          - {{range: "[90%, 95%)", points: 5}}
          - {{range: "[0%, 90%)", veto: 回复率低于 90%, veto_en: Reply rate below 90%}}
      - id: errors
        name: 差错
        name_en: Errors
        weight: 30
        input: max_same_error
        unit: count
        sample: qa_chats
        min_sample: 1
        bands:
          - {{range: "[0, 0]", points: 30}}
          - {{range: "[1, 2]", points: 10}}
          - {{range: "[3, inf)", veto: 同类差错重复 3 次及以上, veto_en: Same-type error 3 or more times}}
      - id: attitude
        name: 服务态度
        name_en: Attitude
        weight: 30
        input: attitude_score
        unit: score
        sample: qa_chats
        min_sample: 1
        bands:
          - {{range: "[85, 100]", points: 30}}
          - {{range: "[70, 85)", points: 20}}
          - {{range: "[60, 70)", points: 5}}
          - {{range: "[0, 60)", veto: 服务态度得分低于 60 分, veto_en: Attitude score below 60}}

  - id: regular
    name: 正式
    name_en: Regular
    applies_to: {{}}
    total: 100
    fail_if_total_le: 60
    kpis:
      - id: avg_response
        name: 平均响应时长
        name_en: Average response time
        weight: 15
        input: avg_response_s
        unit: s
        bands:
          - {{range: "[0, 45]", points: 15}}
          - {{range: "(45, 80]", points: 10}}
          - {{range: "(80, 100]", points: 5}}
          - {{range: "(100, inf)", veto: 平均响应时长超过 100 秒, veto_en: Average response time over 100 s}}
      - id: reply_rate
        name: 回复率
        name_en: Reply rate
        weight: 20
        input: replied / inquiries
        unit: "%"
        bands:
          - {{range: "[98%, 100%]", points: 20}}
          - {{range: "[95%, 98%)", points: 15}}
          - {{range: "[90%, 95%)", points: 10}}
          - {{range: "[0%, 90%)", veto: 回复率低于 90%, veto_en: Reply rate below 90%}}
      - id: conversion
        name: 咨询转化率
        name_en: Conversion rate
        weight: 25
        input: paid_orders / received
        unit: "%"
        bands:
          - {{range: "[55%, inf)", points: 25}}
          - {{range: "[50%, 55%)", points: 20}}
          - {{range: "[40%, 50%)", points: 10}}
          - {{range: "[0%, 40%)", veto: 咨询转化率低于 40%, veto_en: Conversion rate below 40%}}
      - id: errors
        name: 质检
        name_en: QA errors
        weight: 20
        input: max_same_error
        unit: count
        sample: qa_chats
        min_sample: 1
        bands:
          - {{range: "[0, 0]", points: 20}}
          - {{range: "[1, 2]", points: 10}}
          - {{range: "[3, inf)", veto: 同类差错重复 3 次及以上, veto_en: Same-type error 3 or more times}}
      - id: attitude
        name: 工作态度
        name_en: Attitude
        weight: 20
        input: attitude_score
        unit: score
        sample: qa_chats
        min_sample: 1
        bands:
          - {{range: "[85, 100]", points: 20}}
          - {{range: "[70, 85)", points: {attitude_b}}}
          - {{range: "[60, 70)", points: 5}}
          - {{range: "[0, 60)", veto: 工作态度得分低于 60 分, veto_en: Attitude score below 60}}

grades:
  - {{name: A, min: 90, label: 优秀}}
  - {{name: B, min: 80, label: 良好}}
  - {{name: C, min: 60, label: 合格}}
fail_grade: D

levels:
  - {{name: 新员工, name_en: New staff}}
  - {{name: 特殊技能新员工, name_en: New staff with special skills}}
  - {{name: 老员工, name_en: Senior staff}}
  - {{name: 组长, name_en: Team leader}}
  - {{name: 部门主管, name_en: Supervisor}}
  - {{name: 部门经理, name_en: Department manager}}

coefficients:
  新员工:         {{A: 1.10, B: 1.00, C: 0.90, D: 0.50}}
  特殊技能新员工: {{A: 1.20, B: 1.05, C: 0.95, D: 0.50}}
  老员工:         {{A: 1.30, B: 1.15, C: 1.00, D: 0.60}}
  组长:           {{A: 1.40, B: 1.25, C: 1.05, D: 0.60}}
  部门主管:       {{A: 1.50, B: 1.30, C: 1.10, D: 0.70}}
  部门经理:       {{A: 1.60, B: 1.40, C: 1.15, D: 0.70}}

# Up one rung after six months averaging at least 85 without a veto; down one after two
# months with a veto.
promotion:
  up:   {{min_months: 6, min_average: 85, max_vetoes: 0}}
  down: {{min_vetoes: 2}}
"""
RULES_V1_NAME = ("花店考核 2026 版", "Flower shop assessment 2026")
RULES_V2_NAME = ("花店考核 2026 版（7 月修订）", "Flower shop assessment 2026 (July revision)")
RULES_V1 = _RULES.format(
    name=RULES_V1_NAME[0], name_en=RULES_V1_NAME[1], version=1, effective_from="2026-01", attitude_b=15
)
RULES_V2 = _RULES.format(
    name=RULES_V2_NAME[0], name_en=RULES_V2_NAME[1], version=2, effective_from="2026-07", attitude_b=18
)
RULES_FOLDER = "规则"
RULES_V1_FILE = "花店考核_2026-01.yaml"
RULES_V2_FILE = "花店考核_2026-07.yaml"


def write_rules(root: Path) -> Path:
    """The folder of rule versions (v1 from 2026-01, v2 from 2026-07); returns the folder."""
    folder = root / RULES_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    (folder / RULES_V1_FILE).write_text(RULES_V1, encoding="utf-8")
    (folder / RULES_V2_FILE).write_text(RULES_V2, encoding="utf-8")
    return folder


def _days(month: str) -> list[dt.datetime]:
    """The three working days every agent has in a month: the 3rd, 4th and 5th."""
    year, mon = int(month[:4]), int(month[5:])
    return [dt.datetime(year, mon, d) for d in (3, 4, 5)]


def month_inputs(
    folder: Path,
    month: str,
    codes: Mapping[str, str] | None = None,
    levels: Mapping[str, str] | None = None,
) -> Path:
    """Write ``month``'s four workbooks into ``folder`` (花名册, 考勤, 质检, 接待); return it.

    ``codes`` defaults to ``CODES[month]``; agents without a code are on no workbook that
    month. ``levels`` overrides roster 级别 (工号 → level)."""
    codes = CODES[month] if codes is None else codes
    levels = levels or {}
    days = _days(month)
    roster: list[list[object]] = [list(ROSTER_HEADER)]
    attendance: list[list[object]] = [list(ATT_HEADER)]
    reception: list[list[object]] = [list(REC_HEADER)]
    qa: list[list[object]] = [list(QA_HEADER)]
    for agent_id, code in codes.items():
        a = BY_ID[agent_id]
        probation = a.status == "试用期"
        assert len(code) == (4 if probation else 5), (agent_id, month, code)
        rt, rr = code[0], code[1]
        conv = "A" if probation else code[2]
        err, att = code[-2], code[-1]
        roster.append(
            [
                a.agent_id,
                a.name,
                a.group,
                dt.datetime.combine(a.hired, dt.time()),
                a.status,
                levels.get(a.agent_id, a.level),
                f"{SHOP}:{a.name}",
                BONUS_BASE,
            ]
        )
        attendance.extend([a.agent_id, a.name, day, "出勤"] for day in days)
        reception.append(
            [
                a.agent_id,
                days[0],
                1000,
                1000,
                REPLIED[rr],
                RESPONSE[rt],
                RESPONSE[rt] / 2,
                800,
                ORDERS[conv],
                ORDERS[conv] * 100,
            ]
        )
        errors = {"A": [""], "B": [ERROR, ""], "V": [ERROR] * 3}[err]
        for i, kind in enumerate(errors):
            qa.append(
                [a.agent_id, days[i], f"{a.agent_id}-{month}-{i + 1}", "满意", ATTITUDE[att], kind, "否"]
            )
    folder.mkdir(parents=True, exist_ok=True)
    write_xlsx(folder / "花名册.xlsx", {"花名册": roster})
    write_xlsx(folder / "考勤.xlsx", {"考勤": attendance})
    write_xlsx(folder / "质检.xlsx", {"质检": qa})
    write_xlsx(folder / "接待.xlsx", {"接待": reception})
    return folder


def write_series(root: Path) -> dict[str, Path]:
    """Every month's input folder under ``root/输入/<month>``; month → folder."""
    return {m: month_inputs(root / "输入" / m, m) for m in MONTHS}


def set_cell(path: Path, agent_id: str, header: str, value: object, *, nth: int = 0) -> None:
    """Change one cell, as a manager fixing a typo would: the ``nth`` row of ``agent_id`` (工号 in
    column A), the column headed ``header``, in the workbook's only sheet."""
    wb = openpyxl.load_workbook(path)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    col = headers.index(header) + 1
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == agent_id]
    ws.cell(rows[nth], col).value = value
    wb.save(path)
