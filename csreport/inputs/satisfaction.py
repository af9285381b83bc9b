"""A customer's satisfaction rating as one of the five words, whatever way it was exported.

Back offices write the rating as the word (非常满意 … 非常不满意, or a short form such as
很满意 / 不满), as stars (5 … 1, ``5星``, ``五星``, ``★★★★★``) or leave it blank when the customer
did not rate (未评价). Shared by the chat list ``sample`` reads and the 满意度 column of a QA sheet.

好评 and 差评 are not read, on purpose: they are the buyer's review of an order (好评 / 中评 /
差评, three levels), not the five-level rating of the service, and each would straddle two
strata (好评: 非常满意 or 满意?). 中评 is the middle of three and reads as 一般, the middle of five.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from csreport.domain import SATISFACTION_LEVELS, STARS, UNRATED
from csreport.inputs import values as v

# Short and platform forms of the five words (千牛: 很满意 / 不满 / 很不满; 抖音: 非常不满).
_WORDS = {
    **{w: w for w in SATISFACTION_LEVELS},
    "很满意": "非常满意",
    "十分满意": "非常满意",
    "较满意": "满意",
    "比较满意": "满意",
    "基本满意": "一般",
    "中评": "一般",
    "不满": "不满意",
    "较不满意": "不满意",
    "很不满意": "非常不满意",
    "很不满": "非常不满意",
    "非常不满": "非常不满意",
    "十分不满意": "非常不满意",
    UNRATED: UNRATED,
    "未评": UNRATED,
    "无评价": UNRATED,
    "未评价满意度": UNRATED,
}
_STAR_TEXT = re.compile(r"^([1-5])(?:\.0+)?\s*(?:星|分|颗星|stars?)?$", re.IGNORECASE)
# 五星 … 一星 (and 两星, 五颗星): a Chinese numeral needs its 星, since 一 alone is no rating.
_CHINESE_STARS = re.compile(r"^([一二两三四五])颗?星$")
_NUMERALS = dict(zip("一二两三四五", (1, 2, 2, 3, 4, 5), strict=True))


def parse_satisfaction(raw: Any) -> str | None:
    """One of the five words, ``未评价`` for a blank or placeholder cell, None when unreadable."""
    if v.is_blank(raw) or v.is_placeholder(raw):
        return UNRATED
    if isinstance(raw, bool):
        return None
    if isinstance(raw, (int, float)):
        return STARS.get(int(raw)) if float(raw).is_integer() else None
    return _text(str(raw))


@functools.lru_cache(maxsize=256)
def _text(text: str) -> str | None:
    # Cached: a month of chats repeats the same handful of texts.
    clean = v.clean_text(text).replace(" ", "")
    if clean in _WORDS:
        return _WORDS[clean]
    if clean and set(clean) <= {"★", "☆"} and 1 <= clean.count("★") <= 5:
        return STARS[clean.count("★")]
    m = _STAR_TEXT.match(clean)
    if m:
        return STARS[int(m.group(1))]
    m = _CHINESE_STARS.match(clean)
    return STARS[_NUMERALS[m.group(1)]] if m else None
