"""The same chat list saved as .xlsx, re-saved as .xls and .csv by LibreOffice, written as a GBK
CSV, or with its rows shuffled: the same chats, and so the same sample."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from csreport.inputs.chat_list import read_chat_list
from csreport.rules.model import SamplingRules
from csreport.scoring.sampling import draw
from tests.workbooks import write_xlsx

LEVELS = ("非常满意", "满意", "一般", "不满意", "非常不满意")
SHARES = (Fraction(1, 10), Fraction(1, 10), Fraction(3, 10), Fraction(1, 5), Fraction(3, 10))
RULES = SamplingRules(
    mix=tuple(zip(LEVELS, SHARES, strict=True)),
    shortfall=("非常不满意", "不满意", "一般", "满意", "非常满意"),
    min_messages=3,
    minimum=5,
    maximum=30,
)
HEADER = ["会话编号", "工号", "客服姓名", "会话时间", "满意度", "消息数", "会话时长(秒)"]
RATINGS: tuple[Any, ...] = ("非常满意", "满意", "一般", "不满意", "非常不满意", None, None, 5, 1, "很满意")


def month_rows(seed: int = 15) -> list[list[Any]]:
    """Three agents' October chats (and a few of September), typed as a back office writes them."""
    rnd = random.Random(seed)
    rows: list[list[Any]] = []
    chat = 3_000_000_000_000
    for agent, name, count in (("1001", "张三", 400), ("1002", "李四", 150), ("KF7", "王五", 12)):
        for _ in range(count):
            chat += rnd.randint(1, 9)
            day = dt.datetime(2026, 10, 1, 9) + dt.timedelta(minutes=rnd.randint(0, 30 * 24 * 60 - 1))
            if rnd.random() < 0.03:
                day = day.replace(month=9)
            rows.append(
                [
                    chat,
                    agent,
                    name,
                    day,
                    RATINGS[rnd.randrange(len(RATINGS))],
                    rnd.randint(1, 40),
                    rnd.randint(20, 900),
                ]
            )
    return rows


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    assert exe is not None, "LibreOffice is needed to make the .xls and .csv copies"
    return exe


def convert(src: Path, fmt: str, out: Path, profile: Path) -> Path:
    subprocess.run(
        [
            soffice(),
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return out / f"{src.stem}.{fmt.split(':')[0]}"


def sample_of(path: Path) -> list[tuple[str, str, str, bool]]:
    result = draw(read_chat_list(path), RULES, "2026-10", "旗舰店")
    return [(c.agent, c.chat_id, c.stratum, c.topped_up) for c in result.chats]


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("copies")
    rows = month_rows()
    original = write_xlsx(tmp / "会话清单.xlsx", {"会话清单": [HEADER, *rows]})
    # A date-time cell shows as text the way the back office writes it, in the CSV copies.
    from openpyxl import load_workbook

    wb = load_workbook(original)
    for (cell,) in wb["会话清单"].iter_rows(min_row=2, min_col=4, max_col=4):
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
    wb.save(original)
    shuffled_rows = rows[:]
    random.Random(3).shuffle(shuffled_rows)
    shuffled = write_xlsx(tmp / "打乱.xlsx", {"会话清单": [HEADER, *shuffled_rows]})
    gbk = tmp / "会话清单_gbk.csv"
    frame = pd.DataFrame(rows, columns=HEADER)
    frame["会话时间"] = frame["会话时间"].map(lambda d: d.strftime("%Y-%m-%d %H:%M:%S"))
    gbk.write_bytes(frame.to_csv(index=False, lineterminator="\r\n").encode("gbk"))
    profile = tmp / "lo"
    return {
        "xlsx": original,
        "xls": convert(original, "xls", tmp / "xls", profile),
        "csv": convert(original, "csv:Text - txt - csv (StarCalc):44,34,76", tmp / "csv", profile),
        "gbk": gbk,
        "shuffled": shuffled,
    }


@pytest.mark.parametrize("copy", ["xls", "csv", "gbk", "shuffled"])
def test_every_copy_gives_the_same_sample(copies: dict[str, Path], copy: str) -> None:
    expected = sample_of(copies["xlsx"])
    # 2% of the October chats (390, 146 and 12): 7.8 → 8; 2.92 → 3 and 0.24 → 0, raised to the minimum 5.
    assert len(expected) == 8 + 5 + 5
    assert sample_of(copies[copy]) == expected


@pytest.mark.parametrize("copy", ["xls", "csv", "gbk"])
def test_every_copy_reads_the_same_chats(copies: dict[str, Path], copy: str) -> None:
    def chats(path: Path) -> pd.DataFrame:
        frame = read_chat_list(path).frame
        return frame.drop(columns=["duration_s"]).sort_values("row").reset_index(drop=True)

    assert chats(copies[copy]).equals(chats(copies["xlsx"]))


def test_the_shuffled_copy_keeps_each_chats_own_values(copies: dict[str, Path]) -> None:
    one = (
        read_chat_list(copies["xlsx"]).frame.drop(columns="row").sort_values("chat_id").reset_index(drop=True)
    )
    two = (
        read_chat_list(copies["shuffled"])
        .frame.drop(columns="row")
        .sort_values("chat_id")
        .reset_index(drop=True)
    )
    pd.testing.assert_frame_equal(one, two)
