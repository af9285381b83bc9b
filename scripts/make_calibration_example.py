"""Write examples/校准_示例.xlsx: a calibration round as a shop runs one, for ``csreport calibrate``.

Four reviewers score the same twelve sampled chats item by item on the ten-item attitude
standard: the expert (评分人 标准) and three reviewers, each with a habit the report should
find. 张三 is generous on 聊天话术运用适当 and 积极主动; 李四 scores like the expert give or
take a point; 王五 is strict on 处理技巧 and 正确性. Deterministic (a fixed seed), so the file is
the same on every machine. Usage: ``python scripts/make_calibration_example.py [--out FILE]``.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable from a checkout without installing the package

import xlsxwriter  # noqa: E402

from csreport.domain import ATTITUDE_ITEMS  # noqa: E402

SEED = 15
OUT = ROOT / "examples" / "校准_示例.xlsx"
TITLE = "2026-10 第 1 轮评分校准（同一批 12 个会话，每人各评一遍）"
CHATS = [
    f"S202610{day:02d}-{n:03d}"
    for day, n in (
        (3, 17),
        (3, 52),
        (5, 8),
        (7, 31),
        (9, 2),
        (12, 44),
        (14, 19),
        (17, 63),
        (20, 5),
        (22, 38),
        (26, 11),
        (29, 27),
    )
]
AGENTS = [
    "KF001",
    "KF004",
    "KF002",
    "KF007",
    "KF003",
    "KF005",
    "KF001",
    "KF006",
    "KF004",
    "KF002",
    "KF007",
    "KF003",
]
ERRORS = {3: "答非所问", 7: "承诺未兑现"}  # chat index → the error the expert marks
# How well each chat went, as a share of each item's maximum the expert gives (a weak chat or two).
QUALITY = [0.92, 0.78, 0.55, 0.85, 0.70, 0.95, 0.62, 0.48, 0.88, 0.74, 0.81, 0.66]
# Each reviewer's habit: item index → points added to the expert's score (before noise).
HABITS = {
    "标准": {},
    "张三": {1: 3, 2: 1},
    "李四": {},
    "王五": {4: -2, 5: -2},
}
NOISE = {"标准": 0, "张三": 1, "李四": 1, "王五": 1}


def expert_scores(rng: random.Random) -> list[list[float]]:
    """The expert's ten item scores for each chat."""
    out = []
    for quality in QUALITY:
        row = []
        for _name, maximum in ATTITUDE_ITEMS:
            wobble = rng.choice((-0.1, 0.0, 0.0, 0.1))
            row.append(float(max(0, min(maximum, round(maximum * (quality + wobble))))))
        out.append(row)
    return out


def rows(rng: random.Random) -> list[list[object]]:
    """The sheet's rows: one per chat and reviewer, chats in order, the expert first."""
    expert = expert_scores(rng)
    out: list[list[object]] = []
    for c, chat in enumerate(CHATS):
        for reviewer, habit in HABITS.items():
            items = []
            for k, (_name, maximum) in enumerate(ATTITUDE_ITEMS):
                # A point either way now and then on the larger items; the 5-point items are clear-cut.
                noise = rng.choice((-1, 0, 0, 1)) * NOISE[reviewer] if maximum >= 10 else 0
                score = expert[c][k] + habit.get(k, 0) + noise
                items.append(float(max(0, min(maximum, score))))
            error = ERRORS.get(c, "") if reviewer in ("标准", "李四") else ""
            out.append([chat, AGENTS[c], reviewer, *items, sum(items), error])
    return out


def write(path: Path) -> None:
    """Write the example workbook to ``path``."""
    rng = random.Random(SEED)
    path.parent.mkdir(parents=True, exist_ok=True)
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("校准")
    bold = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    sheet.write(0, 0, TITLE, book.add_format({"bold": True, "font_size": 12}))
    header = ["会话编号", "工号", "评分人", *(name for name, _ in ATTITUDE_ITEMS), "态度得分", "差错类型"]
    for col, text in enumerate(header):
        sheet.write(1, col, text, bold)
    for r, row in enumerate(rows(rng), start=2):
        for col, value in enumerate(row):
            if isinstance(value, float):
                sheet.write_number(r, col, value)
            elif value:
                sheet.write_string(r, col, str(value))
    sheet.set_column(0, 0, 16)
    sheet.set_column(3, 12, 9)
    sheet.freeze_panes(2, 3)
    book.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    write(args.out)
    print(args.out)


if __name__ == "__main__":
    main()
