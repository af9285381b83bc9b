"""Write examples/会话清单_2026-10.xlsx: a month's chat list as a back office exports it.

The agents are those of sample_workbooks/花名册.xlsx, named by their 客服账号 (the roster's 旺旺)
as exports name them, so ``csreport sample`` maps them to 工号 with the roster::

    csreport sample examples/会话清单_2026-10.xlsx sample_workbooks/花名册.xlsx --month 2026-10

Most customers never rate a chat (满意度 blank: 未评价); those who do mostly say 非常满意 or 满意.
Some chats are too short to score (one or two messages). Chosen agents show the sample's special
cases: KF011 (hired in August) has only four chats, fewer than n, and KF013 has no 不满意 or
非常不满意 chat, so those strata are made up from others. Deterministic: the same file each run.

Usage: ``python scripts/make_chat_list_example.py [--out FILE]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

import openpyxl
import xlsxwriter

ROOT = Path(__file__).resolve().parents[1]
ROSTER = ROOT / "sample_workbooks" / "花名册.xlsx"
OUT = ROOT / "examples" / "会话清单_2026-10.xlsx"
YEAR, MONTH, DAYS = 2026, 10, 31
SEED = 20261031
HEADERS = ["会话编号", "客服账号", "会话开始时间", "满意度", "消息数", "会话时长(秒)"]
# Of the chats a customer rates: the five words' weights (most ratings are good ones).
RATED_MIX = {"非常满意": 55, "满意": 25, "一般": 12, "不满意": 5, "非常不满意": 3}
UNRATED_SHARE = 0.62
SHORT_SHARE = 0.08  # chats of one or two messages: a greeting left unanswered, a mistaken click
# Chats a day per agent (on a working day), by 工号; agents not listed take a random volume.
DAILY = {"KF003": 6, "KF010": 5}
FEW_CHATS = {"KF011": 4}  # hired late: a whole month of only these chats
NO_COMPLAINTS = ("KF013",)  # never rated 不满意 or 非常不满意


def roster_agents() -> list[tuple[str, str, str]]:
    """(工号, 姓名, 旺旺) of every agent in the sample roster."""
    book = openpyxl.load_workbook(ROSTER, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    book.close()
    header = [str(h) for h in rows[0]]
    at = {name: header.index(name) for name in ("工号", "姓名", "旺旺")}
    return [(str(r[at["工号"]]), str(r[at["姓名"]]), str(r[at["旺旺"]])) for r in rows[1:] if r[at["工号"]]]


def satisfaction(rng: random.Random, agent_id: str) -> str:
    """The customer's rating: blank (未评价) or one of the five words."""
    if rng.random() < UNRATED_SHARE:
        return ""
    words = list(RATED_MIX)
    weights = list(RATED_MIX.values())
    if agent_id in NO_COMPLAINTS:
        words, weights = words[:3], weights[:3]
    return rng.choices(words, weights)[0]


def chats(rng: random.Random) -> list[list[object]]:
    """Every chat of the month, in the order a back office lists them (by start time)."""
    rows: list[tuple[dt.datetime, str, str]] = []
    for agent_id, _name, account in roster_agents():
        if agent_id in FEW_CHATS:
            days = sorted(rng.sample(range(20, DAYS + 1), FEW_CHATS[agent_id]))
            starts = [_start(rng, day) for day in days]
        else:
            daily = DAILY.get(agent_id, rng.randint(8, 22))
            off = set(rng.sample(range(1, DAYS + 1), 8))  # days off
            starts = [
                _start(rng, day)
                for day in range(1, DAYS + 1)
                if day not in off
                for _ in range(max(1, round(rng.gauss(daily, daily / 4))))
            ]
        rows += [(start, agent_id, account) for start in starts]
    rows.sort()
    out: list[list[object]] = []
    for seq, (start, agent_id, account) in enumerate(rows, start=1):
        short = rng.random() < SHORT_SHARE
        messages = rng.randint(1, 2) if short else rng.randint(3, 40)
        seconds = messages * rng.randint(15, 45) + rng.randint(0, 59)
        chat_id = f"{start:%Y%m%d}{seq:08d}"
        out.append([chat_id, account, start, satisfaction(rng, agent_id), messages, seconds])
    return out


def _start(rng: random.Random, day: int) -> dt.datetime:
    """A chat's start on ``day``, between 08:00 and 23:59."""
    return dt.datetime(YEAR, MONTH, day, rng.randint(8, 23), rng.randint(0, 59), rng.randint(0, 59))


def write(path: Path) -> Path:
    """Write the chat list to ``path``."""
    rows = chats(random.Random(SEED))
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    book.set_properties({"created": dt.datetime(YEAR, MONTH + 1, 1), "author": "csreport example"})
    sheet = book.add_worksheet("会话明细")
    bold = book.add_format({"bold": True})
    moment = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    sheet.write_row(0, 0, HEADERS, bold)
    for r, (chat_id, account, start, rating, messages, seconds) in enumerate(rows, start=1):
        sheet.write_string(r, 0, chat_id)
        sheet.write_string(r, 1, account)
        sheet.write_datetime(r, 2, start, moment)
        if rating:
            sheet.write_string(r, 3, rating)
        sheet.write_number(r, 4, messages)
        sheet.write_number(r, 5, seconds)
    for col, width in enumerate((20, 22, 20, 10, 8, 13)):
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(HEADERS) - 1)
    book.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    print(write(args.out))


if __name__ == "__main__":
    main()
