"""Domain vocabulary shared across layers (scoring-tables.md §3 and §5)."""

from __future__ import annotations

# The ten items of the attitude scoring standard (工作态度评分标准) with their maximum points.
ATTITUDE_ITEMS: tuple[tuple[str, float], ...] = (
    ("流程全面,服务规范", 10),
    ("聊天话术运用适当", 20),
    ("积极主动", 5),
    ("承担责任", 5),
    ("处理技巧", 10),
    ("正确性", 10),
    ("熟练性", 10),
    ("促成交易力度", 10),
    ("购买意向引导", 10),
    ("档内优惠理解", 10),
)

ATTENDANCE_STATUSES = ("出勤", "迟到", "早退", "请假", "旷工", "休息")
# Statuses that count as a day present (出勤天数).
PRESENT_STATUSES = ("出勤", "迟到", "早退")

POST_PROBATION = "试用期"
POST_REGULAR = "正式"

SATISFACTION_LEVELS = ("非常满意", "满意", "一般", "不满意", "非常不满意")
# A chat the customer did not rate: its own stratum when the sampling rules give it a share.
UNRATED = "未评价"
# Star ratings as back offices export them: 5 stars is 非常满意, 1 star 非常不满意.
STARS = {5: "非常满意", 4: "满意", 3: "一般", 2: "不满意", 1: "非常不满意"}
# A sampled chat passes the attitude standard at 60 points (§3: "60 is a pass").
PASS_MARK = 60.0

# Values written into the agent column by exports and hand-kept sheets for summary rows.
SUMMARY_MARKERS = ("汇总", "汇总值", "均值", "平均值", "合计", "总计", "小计", "平均")
