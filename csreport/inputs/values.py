"""Cell value normalisation: numbers, rates, durations, dates, ids and placeholders.

Each parser returns the clean value or raises ``ValueError`` with no message; the
caller knows the cell and turns the failure into a located ``Problem``.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from decimal import Decimal
from typing import Any, NamedTuple

# Text that means "no value" in exports and hand-kept sheets.
PLACEHOLDERS = frozenset({"-", "--", "—", "——", "/", "n/a", "na", "null", "none", "延迟统计", "#n/a"})

_DURATION = re.compile(
    r"^(?:(?P<h>\d+(?:\.\d+)?)\s*(?:小时|时|h|hr|hrs|hour|hours))?\s*"
    r"(?:(?P<m>\d+(?:\.\d+)?)\s*(?:分钟|分|m|min|mins|minute|minutes))?\s*"
    r"(?:(?P<s>\d+(?:\.\d+)?)\s*(?:秒钟|秒|s|sec|secs|second|seconds))?$"
)
_CLOCK = re.compile(r"^(\d+):([0-5]?\d)(?::([0-5]?\d(?:\.\d+)?))?$")
_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T].*)?$")
_YMD_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_YM = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")
_MD = re.compile(r"^(\d{1,2})\s*[月/.-]\s*(\d{1,2})\s*日?$")
_RANGE_SPLIT = re.compile(r"\s*(?:至|到|~|～|—)\s*")
# Excel's 1900 system: serial 1 is 1900-01-01, and Excel counts a fictitious 1900-02-29.
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_EPOCH_1904 = dt.date(1904, 1, 1)
# Numbers shown in full inside this magnitude range; outside it in scientific form. 1e15
# is where Excel itself stops keeping every digit.
_PLAIN_LOW, _PLAIN_HIGH = 1e-6, 1e15


def is_missing(value: Any) -> bool:
    """True for None and for the "no value" markers pandas puts in frames (NaN, NA, NaT).

    pandas turns a ``None`` text cell into ``float('nan')`` in ``to_dict("records")`` and
    when two sheets with different columns are concatenated; NaN is truthy, so
    ``rec.get("name") or ""`` would pass it on as a float.
    """
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    # pd.NA and pd.NaT, recognised without importing pandas here.
    return type(value).__name__ in ("NAType", "NaTType")


def as_text(value: Any) -> str:
    """A text field read back from a frame: ``""`` for a blank (None/NaN/NA), else ``str``.

    Every text field taken from a frame record goes through here, for every role, so a
    blank cell can never reach the scorer or the renderers as a float.
    """
    return "" if is_missing(value) else str(value)


def clean_text(value: Any) -> str:
    """Text form of a cell: NFKC-normalised (full-width → half-width), trimmed."""
    if is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value))
    if not text.isascii():
        # A byte-order mark, zero-width space or direction mark pasted into a cell is
        # invisible: KF001 with one must be the same 工号 as KF001.
        text = _INVISIBLE.sub("", text)
    return text.strip()


_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_EXCEL_TEXT = re.compile(r'^="(.*)"$')  # ="001": how CSV exports keep leading zeros


def is_blank(value: Any) -> bool:
    """True for an empty cell or whitespace-only text."""
    return value is None or (isinstance(value, str) and not value.strip())


def is_placeholder(value: Any) -> bool:
    """True for text such as ``-``, ``--`` or ``延迟统计`` that stands for a missing value."""
    return isinstance(value, str) and _placeholder_text(value)


@functools.lru_cache(maxsize=4096)
def _placeholder_text(text: str) -> bool:
    # Cached: the same few texts (出勤, dates as text) repeat on every row of a month.
    return clean_text(text).lower() in PLACEHOLDERS


def parse_id(value: Any) -> str:
    """An agent id (工号) as text: ``1001.0`` → ``1001``; blank → ``""``."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, float) and not value.is_integer():
        return repr(value)
    text = clean_text(value)
    quoted = _EXCEL_TEXT.match(text)
    return quoted.group(1).strip() if quoted else text


def parse_number(value: Any) -> float:
    """A plain number from a number cell or number-as-text (full-width digits, commas)."""
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError
        return float(value)
    text = clean_text(value).replace(",", "").replace("¥", "").replace("元", "").strip()
    if not text:
        raise ValueError
    # float() also accepts "inf", "nan", "Infinity" and "1e999" (→ inf): refused below,
    # because a non-finite number poisons every sum and ratio it reaches.
    number = float(text)
    if not math.isfinite(number):
        raise ValueError
    return number


def parse_percent(text: str) -> float:
    """A rate written with ``%`` as a fraction, exactly as typed: "97.13%" → 0.9713.

    Dividing the float 97.13 by 100 gives 0.9712999999999999; the decimal does not.
    """
    return points_to_fraction(parse_number(clean_text(text).replace("%", "")))


def points_to_fraction(number: float) -> float:
    """Percentage points as a fraction, as typed: 97.13 → 0.9713 (not 0.9712999999999999)."""
    return float(Decimal(repr(number)) / 100)


def parse_count(value: Any) -> float:
    """A whole non-negative count; a fraction or negative number is rejected by the caller."""
    return parse_number(value)


def parse_duration(value: Any) -> float:
    """Seconds from a number, ``2分30秒``, ``7小时41分52秒``, ``1:20``, or an Excel time.

    Always a finite float: ``9…9小时`` (inf seconds) or a clock with hundreds of digits
    (a Python int too large for a float) raise ``ValueError`` like any other bad text.
    """
    seconds = _duration(value)
    try:
        result = float(seconds)
    except OverflowError as exc:
        raise ValueError from exc
    if not math.isfinite(result):
        raise ValueError
    return result


def _duration(value: Any) -> float:
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, dt.time):
        return value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return parse_number(value)
    text = clean_text(value).lower().replace(" ", "")
    try:
        return parse_number(text)
    except ValueError:
        pass
    clock = _CLOCK.match(text)
    if clock:
        a, b, c = clock.groups()
        # "1:20" is minutes:seconds (a response time); "1:02:03" is hours:minutes:seconds.
        if c is None:
            return int(a) * 60 + int(b)
        return int(a) * 3600 + int(b) * 60 + float(c)
    match = _DURATION.match(text)
    if not text or not match or not any(match.groupdict().values()):
        raise ValueError
    parts = {k: float(v) if v else 0.0 for k, v in match.groupdict().items()}
    return parts["h"] * 3600 + parts["m"] * 60 + parts["s"]


class PartialDate(NamedTuple):
    """A day written without its year (``10月3日``); the year comes from the month later."""

    month: int
    day: int

    def with_year(self, year: int) -> dt.date:
        """The full date in ``year``; raises ValueError for an impossible day."""
        return dt.date(year, self.month, self.day)

    def __str__(self) -> str:
        return f"{self.month}月{self.day}日"


def parse_date(value: Any, year: int | None = None, date1904: bool = False) -> dt.date | PartialDate:
    """A date from a date cell, an Excel serial, or text (2026-10-03, 2026/10/3, 10月3日).

    A range such as ``2026-10-01至2026-10-07`` gives its first day; ``2026-10`` gives the
    first of the month. ``10月3日`` takes ``year``, or stays a ``PartialDate`` without one.
    Serial numbers follow the workbook's date system (1900, or 1904 when ``date1904``).
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        serial = float(value)
        epoch = _EXCEL_EPOCH_1904 if date1904 else _EXCEL_EPOCH
        if 20000 <= serial <= 80000:
            return epoch + dt.timedelta(days=int(serial))
        raise ValueError
    text = clean_text(value)
    if not text:
        raise ValueError
    text = _RANGE_SPLIT.split(text)[0]
    for pattern in (_YMD, _YMD_COMPACT):
        m = pattern.match(text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _YM.match(text)
    if m:
        return dt.date(int(m.group(1)), int(m.group(2)), 1)
    m = _MD.match(text)
    if m:
        partial = PartialDate(int(m.group(1)), int(m.group(2)))
        if not (1 <= partial.month <= 12 and 1 <= partial.day <= 31):
            raise ValueError
        return partial.with_year(year) if year is not None else partial
    raise ValueError


def parse_yes_no(value: Any) -> bool:
    """是/否 (and 有/无, Y/N, 1/0, true/false) as a bool."""
    text = clean_text(value).lower()
    if text in ("是", "有", "y", "yes", "true", "1", "√", "✓"):
        return True
    if text in ("否", "无", "n", "no", "false", "0", "×", ""):
        return False
    raise ValueError


def display(value: Any) -> str:
    """A cell value as the manager would read it, for problem reports."""
    if is_missing(value):
        return ""
    if (
        isinstance(value, float)
        and math.isfinite(value)
        and value != 0
        and not (_PLAIN_LOW <= abs(value) < _PLAIN_HIGH)
    ):
        # 1e308 as "1e+308", not a 309-digit integer; 1e-300 as "1e-300", not "0.000…".
        return f"{value:.6g}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M") if value.time() != dt.time() else str(value.date())
    return str(value)[:80]


# A chat id Excel shows in scientific notation and a CSV kept that way: the digits past the
# sixth or so are gone for good.
_SCIENTIFIC_ID = re.compile(r"^[0-9](?:\.[0-9]+)?[eE]\+?[0-9]+$")
# A whole number written out by a program that held it as a float: 1234567890123.0.
_WHOLE_ID_TEXT = re.compile(r"^(-?[0-9]+)\.0+$")
# Excel keeps 15 significant digits: a number cell holding a chat id of 16 digits or more has
# lost the last ones (a 19-digit id saved as a number ends in …000 or …7024, not its own digits).
EXACT_ID_LIMIT = 10**15
_EXACT_ID_FLOAT = float(EXACT_ID_LIMIT)


def canonical_chat_id(value: Any) -> str | None:
    """A chat id cell (会话编号) as the text every reader compares it by; None for a blank cell.

    NFKC-normalised and trimmed (``clean_text``); a whole number cell gives its digits
    (``1234567890123.0`` → ``1234567890123``), as does the same number written out as text
    (``"1234567890123.0"``) or kept as text by a CSV export (``="2026…"``). Raises
    ``ValueError`` for a chat id that names no chat: a number cell of 10**15 or more (Excel kept
    only 15 significant digits, so the id's last digits are lost), the same number as
    ``….0`` text, scientific-notation text (``1.23E+12``), a true/false cell. The caller
    reports it as a chat id Excel shortened (``bad_chat_id``).
    """
    if type(value) is str and value.isascii() and value.isdigit():
        return value  # the common case: the digits as text, taken as they are
    if type(value) is float and -_EXACT_ID_FLOAT < value < _EXACT_ID_FLOAT and value.is_integer():
        return str(int(value))  # the next most common: a number cell of at most 15 digits
    if is_missing(value):  # None, or NaN where a frame's sheet left the cell blank
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError
        if abs(value) >= EXACT_ID_LIMIT:
            raise ValueError
        if isinstance(value, int) or value.is_integer():
            return str(int(value))
        return repr(value)
    if is_blank(value) or is_placeholder(value):
        return None
    text = clean_text(value)
    quoted = _EXCEL_TEXT.match(text)
    if quoted:
        text = quoted.group(1).strip()
    if not text:
        return None
    whole = _WHOLE_ID_TEXT.match(text)
    if whole:
        if abs(int(whole.group(1))) >= EXACT_ID_LIMIT:
            raise ValueError
        return whole.group(1)
    if _SCIENTIFIC_ID.match(text):
        raise ValueError
    return text
