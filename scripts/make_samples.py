"""Write sample_workbooks/: a deterministic month (2026-10, 测试旗舰店) for the demo.

Random agents from `tests.synth`, plus hand-chosen agents so the demo shows every
outcome. Usage: ``python scripts/make_samples.py [--out DIR]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # runnable from a checkout without installing the package

from tests.synth import AgentProfile, build_month, draw_profiles, write_workbooks  # noqa: E402

MONTH, SEED, SHOP, N_AGENTS, GROUPS = "2026-10", 7, "测试旗舰店", 14, 2

# 工号 → (intended outcome, profile changes). Every other agent is made to pass.
SPECIAL: dict[str, tuple[str, dict[str, object]]] = {
    "KF003": (
        "试用期 合格",
        dict(
            status="试用期",
            level="新员工",
            hire_date=dt.date(2026, 8, 17),
            avg_response=33.0,
            reply_rate=0.991,
            conversion=0.5,
            attitude=90.0,
            chats=8,
            errors=(),
            risk=False,
        ),
    ),
    "KF006": (
        "否决: 平均响应时长 > 100 秒",
        dict(
            status="正式",
            level="老员工",
            avg_response=118.0,
            reply_rate=0.97,
            conversion=0.58,
            attitude=88.0,
            errors=(),
            risk=False,
        ),
    ),
    "KF009": (
        "否决: 店铺风险",
        dict(
            status="正式",
            level="特殊技能新员工",
            avg_response=38.0,
            reply_rate=0.985,
            conversion=0.57,
            attitude=87.0,
            errors=(),
            risk=True,
        ),
    ),
    "KF011": (
        "缺数据: 无质检抽查",
        dict(chats=0, avg_response=40.0, reply_rate=0.97, conversion=0.56, risk=False),
    ),
    "KF013": (
        "边界值 合格 (均响 45 秒, 回复率 98%, 转化率 55%, 态度 85)",
        dict(
            status="正式",
            level="老员工",
            avg_response=45.0,
            reply_rate=0.98,
            conversion=0.55,
            attitude=85.0,
            chats=8,
            errors=(),
            risk=False,
            exact=True,
        ),
    ),
}


def passing(p: AgentProfile) -> AgentProfile:
    """Clamp a random profile well inside the passing bands of its table (总分 > 60)."""
    if p.status == "试用期":
        # The probation table has no conversion item, so points must come from the rest.
        return replace(
            p,
            avg_response=min(p.avg_response, 38.0),
            reply_rate=max(p.reply_rate, 0.96),
            attitude=max(p.attitude, 86.0),
            conversion=max(p.conversion, 0.45),
            errors=(),
            risk=False,
        )
    return replace(
        p,
        avg_response=min(p.avg_response, 75.0),
        reply_rate=max(p.reply_rate, 0.935),
        conversion=max(p.conversion, 0.52),
        attitude=max(p.attitude, 72.0),
        errors=p.errors[:2],
        risk=False,
    )


def sample_profiles() -> list[AgentProfile]:
    """The sample month's agents: random ones made to pass, plus the SPECIAL ones."""
    profiles = []
    for p in draw_profiles(N_AGENTS, MONTH, SEED, GROUPS, SHOP):
        if p.agent_id in SPECIAL:
            profiles.append(replace(passing(p), **SPECIAL[p.agent_id][1]))  # type: ignore[arg-type]
        else:
            profiles.append(passing(p))
    return profiles


def make_samples(out_dir: Path) -> list[Path]:
    """Generate and write the four sample workbooks into ``out_dir``."""
    month = build_month(sample_profiles(), MONTH, SEED, SHOP)
    return write_workbooks(month, out_dir)


def main(argv: list[str] | None = None) -> int:
    """Command line entry: write the samples and print a one-line summary."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=ROOT / "sample_workbooks")
    args = ap.parse_args(argv)
    paths = make_samples(args.out)
    special = "; ".join(f"{k} {v[0]}" for k, v in SPECIAL.items())
    print(
        f"wrote {', '.join(p.name for p in paths)} to {args.out} "
        f"({N_AGENTS} agents, {MONTH}, {SHOP}); {special}; others 合格"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
