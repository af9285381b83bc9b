"""Scorecard file names: Windows-safe, bounded and unique."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from csreport.outputs.filenames import (
    MAX_STEM_BYTES,
    MAX_STEM_CHARS,
    scorecard_filename,
)

FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}


def assert_safe(filename: str) -> None:
    """Every property a scorecard file name must have on any OS."""
    assert filename.endswith(".pdf")
    stem = filename[: -len(".pdf")]
    assert stem, filename
    assert not FORBIDDEN.search(filename), filename
    assert stem == stem.rstrip(" ."), filename
    assert len(stem) <= MAX_STEM_CHARS
    assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES
    assert stem.split(".")[0].upper() not in RESERVED
    assert all(unicodedata.category(ch) not in {"Cc", "Cf", "Cs"} for ch in filename)


def test_plain_name() -> None:
    assert scorecard_filename("1001", "张三", set()) == "1001_张三.pdf"


def test_forbidden_characters_replaced() -> None:
    name = scorecard_filename("10/01", 'a\\b:c*d?e"f<g>h|i\tj', set())
    assert name == "10-01_a-b-c-d-e-f-g-h-i j.pdf"


def test_hostile_names() -> None:
    assert_safe(scorecard_filename("1004", '=HYPERLINK("http://x","y")', set()))
    assert_safe(scorecard_filename("1005", '<img src="file:///etc/passwd">', set()))
    # A right-to-left override could disguise the extension; it must vanish.
    assert scorecard_filename("1", "abc\u202efdp.exe", set()) == "1_abcfdp.exe.pdf"


def test_trailing_dots_spaces_and_empty() -> None:
    assert scorecard_filename("1001", "张三. . ", set()) == "1001_张三.pdf"
    assert scorecard_filename("", "", set()) == "scorecard.pdf"
    assert scorecard_filename("...", "  ", set()) == "scorecard.pdf"


def test_reserved_device_names() -> None:
    assert scorecard_filename("", "CON", set()) == "_CON.pdf"
    assert scorecard_filename("com1", "", set()) == "_com1.pdf"
    assert scorecard_filename("", "nul.txt", set()) == "_nul.txt.pdf"
    assert scorecard_filename("1001", "CON", set()) == "1001_CON.pdf"


def test_long_names_are_cut_on_characters() -> None:
    name = scorecard_filename("1001", "张" * 300, set())
    assert_safe(name)
    assert name.startswith("1001_张")
    emoji = scorecard_filename("1", "😀" * 100, set())
    assert_safe(emoji)


def test_duplicates_get_suffixes_case_insensitively() -> None:
    taken: set[str] = set()
    first = scorecard_filename("A1", "Li", taken)
    second = scorecard_filename("a1", "LI", taken)
    third = scorecard_filename("A1", "Li", taken)
    assert (first, second, third) == ("A1_Li.pdf", "a1_LI_2.pdf", "A1_Li_3.pdf")
    assert taken == {first, second, third}


def test_suffix_respects_length_bound() -> None:
    taken: set[str] = set()
    names = [scorecard_filename("1", "x" * 200, taken) for _ in range(12)]
    assert len(set(names)) == 12
    for name in names:
        assert_safe(name)
    assert names[-1].endswith("_12.pdf")


@given(st.text(), st.text())
def test_any_text_gives_safe_name(agent_id: str, name: str) -> None:
    assert_safe(scorecard_filename(agent_id, name, set()))


@given(
    st.lists(st.tuples(st.text(max_size=90), st.text(max_size=90)), max_size=12),
    st.integers(min_value=1, max_value=4),
)
def test_uniqueness_holds_for_repeated_names(pairs: list[tuple[str, str]], repeat: int) -> None:
    taken: set[str] = set()
    produced = [scorecard_filename(a, n, taken) for a, n in pairs * repeat]
    assert len({p.casefold() for p in produced}) == len(produced)
    for filename in produced:
        assert_safe(filename)


def test_results_file_names() -> None:
    from csreport.outputs.filenames import results_json_name, results_workbook_name

    assert results_workbook_name("2026-10") == "客服绩效_2026-10.xlsx"
    assert results_json_name("2026-10") == "客服绩效_2026-10.json"
