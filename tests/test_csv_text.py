"""CSV text read one way: the house reader (``read_workbook``) and the chat list reader
(``read_chat_list``) take their records from ``csreport.inputs.csv_text``, so a CSV is read or
refused alike, in the same words, whichever of them reads it."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from csreport.inputs import csv_text
from csreport.inputs.chat_list import read_chat_list
from csreport.inputs.sniff import Kind
from csreport.inputs.workbook import read_workbook
from csreport.problems import CsreportError

ENCODINGS = ("utf-8-sig", "gb18030", "utf-16")
QUOTE_ROW_3 = (
    'CSV 第 3 行有一个引号（"）没有配对，从这里往后的内容无法分列，整个文件未读取；'
    "请修正这一行的引号，或从原系统重新导出。",
    'Row 3 of the CSV opens a quote (") that is never closed, so the rest of the file cannot be '
    "split into cells and the file was not read; fix the quote on that row or export the file again.",
)


def refusal(read: Callable[[Path], object], path: Path) -> tuple[str, str]:
    with pytest.raises(CsreportError) as caught:
        read(path)
    return caught.value.message("zh"), caught.value.message("en")


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_a_quote_opened_after_a_stray_nul_is_refused_by_both_readers(tmp_path: Path, encoding: str) -> None:
    # The NUL is a damaged export's stray: once it is dropped the quote opens the field and runs
    # to the end of the file.
    path = tmp_path / "会话清单.csv"
    path.write_bytes('会话编号,工号\n1001,K1\n\x00"1002,K2\n1003,K3\n'.encode(encoding))
    assert refusal(read_workbook, path) == QUOTE_ROW_3
    assert refusal(read_chat_list, path) == QUOTE_ROW_3


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_blank_lines_after_a_closed_multiline_cell_are_no_open_quote(tmp_path: Path, encoding: str) -> None:
    # Row 2's 备注 runs over two lines and its quote closes; read alone, its second line
    # 'b,"c' would open a quote. The blank lines at the end are records of their own.
    path = tmp_path / "会话清单.csv"
    path.write_bytes('会话编号,工号,备注\n1001,K1,"b\nb,"c\n\n\n'.encode(encoding))
    sheet = read_workbook(path).sheets[0]
    assert sheet.rows == [["会话编号", "工号", "备注"], ["1001", "K1", "b\nb,c"]]
    chats = read_chat_list(path)
    assert chats.frame["chat_id"].tolist() == ["1001"]
    assert chats.frame["agent"].tolist() == ["K1"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # A blank record is an empty list wherever its commas are; records keep their places.
        (b"a,b\n\n,,\nc,d\n", [["a", "b"], [], [], ["c", "d"]]),
        # Lines may end in CR LF, LF or a lone CR, as the text stream splits them.
        (b"a\r\nb\rc\n", [["a"], ["b"], ["c"]]),
        # A cell's own line break, quoted, stays in the cell.
        (b'a,"x\r\ny"\nb,z\n', [["a", "x\r\ny"], ["b", "z"]]),
    ],
)
def test_records(data: bytes, expected: list[list[str]]) -> None:
    assert list(csv_text.records(data, "utf-8-sig", csv.excel, 200)) == expected


def test_a_record_is_cut_to_max_cols_and_content_past_them_still_makes_it_a_record() -> None:
    data = ("," * 4 + "late\nx,y,z\n").encode()
    assert list(csv_text.records(data, "utf-8-sig", csv.excel, 3)) == [["", "", ""], ["x", "y", "z"]]


@pytest.mark.parametrize(
    ("data", "row"),
    [
        (b'id\r"open\r', 2),  # lone CR line endings: the last record is the open one
        (b'id\n1\n"a\nb\nc', 3),  # the open quote runs over the last three lines
        (b'id\n"a""b\n', 2),  # an escaped quote inside, and the closing one missing
    ],
)
def test_a_quote_never_closed_is_refused_at_its_record(data: bytes, row: int) -> None:
    with pytest.raises(CsreportError) as caught:
        list(csv_text.records(data, "utf-8-sig", csv.excel, 200))
    assert caught.value.code == "file.csv_quote"
    assert caught.value.message("en") == (
        f'Row {row} of the CSV opens a quote (") that is never closed, so the rest of the file cannot be '
        "split into cells and the file was not read; fix the quote on that row or export the file again."
    )


def test_text_in_none_of_the_encodings_is_one_refusal() -> None:
    seen: list[str] = []

    def read(encoding: str) -> str:
        seen.append(encoding)
        return b"\xff\xfe\xfa".decode(encoding)

    with pytest.raises(CsreportError) as caught:
        csv_text.decoded(Kind("text"), read)
    assert caught.value.code == "file.csv_encoding"
    assert seen == ["utf-8-sig", "gb18030"]
