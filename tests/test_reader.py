"""Reading workbooks as managers have them: exports, mappings, rates, formulas, limits."""

from __future__ import annotations

import datetime as dt
import math
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from click.testing import CliRunner

from csreport.api import RunOptions, check_month, run_month
from csreport.cli.main import main
from csreport.inputs import workbook
from csreport.inputs.headers import IGNORE, detect, field_for
from csreport.problems import CsreportError, Severity
from tests.workbooks import QA_HEADER, REC_HEADER, ROSTER_HEADER, write_xlsx

D = dt.datetime(2026, 10, 3)
ROSTER = [
    ROSTER_HEADER,
    ["K1", "甲", "一组", D, "正式", "老员工", "店:甲"],
    ["K2", "乙", "一组", D, "正式", "老员工", "店:乙"],
]

# Column sets from backoffice-exports.md, with the field each must map to (None: unused).
EXPORTS = {
    "千牛": {
        "旺旺昵称": "subaccount",
        "咨询人数": "inquiries",
        "接待人数": "received",
        "未回复人数": "unreplied",
        "有效接待人数": IGNORE,
        "平均响应时长（秒)": "avg_response_s",
        "3分钟人工响应率": IGNORE,
        "旺旺回复率": "reply_rate",
        "首次响应时长（秒)": "first_response_s",
        "慢响应人数": IGNORE,
        "答问比": IGNORE,
        "旺旺分组": "group",
    },
    "赤兔售前": {
        "客服": "subaccount",
        "接待人数": "received",
        "询单人数": "pre_sales",
        "询单->最终付款人数": "inquiry_paid",
        "询单->最终付款成功率": "inquiry_conversion",
        "客服回复率": "reply_rate",
        "平均响应时间": "avg_response_s",
        "首次响应时间": "first_response_s",
        "平均接待时长(秒)": IGNORE,
        "销售额": "sales",
        "退款率": IGNORE,
    },
    "遵时率": {"客服": "subaccount", "上班天数": "work_days", "在线总时长(秒)": IGNORE},
    "人均日接入": {
        "客服昵称": "subaccount",
        "接待人数": "received",
        "平均响应(秒)": "avg_response_s",
        "回复率": "reply_rate",
        "询单->最终付款转化率": "inquiry_conversion",
        "客户满意率": "satisfaction_rate",
        "服务满意度评价很满意": IGNORE,
    },
    "JD咚咚": {
        "日期": "date",
        "客服": "subaccount",
        "接待量": "received",
        "首次平均响应时间": "first_response_s",
        "平均响应时间": "avg_response_s",
        "30s应答率": IGNORE,
        "促成下单商品金额": "sales",
        "促成下单人数": IGNORE,
        "售前接待人数": "pre_sales",
    },
}


@pytest.mark.parametrize("source", EXPORTS)
def test_backoffice_headers_map(source: str) -> None:
    for header, wanted in EXPORTS[source].items():
        assert field_for(header) == wanted, header


def test_user_mapping_comes_first(tmp_path: Path) -> None:
    rec = [
        ["工号", "日期", "进线数", "咨询人数", "回复人数", "接待人数", "平均响应时长"],
        ["K1", D, 999, 100, 99, 100, 30],
        ["K2", D, 999, 100, 98, 100, 30],
    ]
    path = write_xlsx(tmp_path / "r.xlsx", {"花名册": ROSTER, "接待": rec})
    unmapped = [p for p in check_month([path]).problems if p.code == "sheet.unmapped_column"]
    assert [(p.column, p.header) for p in unmapped] == [("C", "进线数")]
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("columns:\n  进线数: 接待人数\n  接待人数: 忽略\n", encoding="utf-8")
    report = run_month([path], RunOptions(out_dir=tmp_path / "o", pdf=False, mapping=mapping))
    assert not [p for p in report.problems if p.code == "sheet.unmapped_column"]
    # 进线数 now is 接待人数; the export's own 接待人数 column is ignored.
    assert report.result.agents[0].kpis[0].denominator == 999
    bad = tmp_path / "bad.yaml"
    bad.write_text("columns:\n  进线数: 不存在的字段\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(path), "--mapping", str(bad)])
    assert result.exit_code == 2
    assert "表头映射文件" in result.stderr and "第 2 行" in result.stderr


@pytest.mark.parametrize(
    "cells,expected,code",
    [
        ([0.9971, 0.95], [0.9971, 0.95], None),
        ([99.71, 95], [0.9971, 0.95], "rate.points"),
        (["99.71%", "95%"], [0.9971, 0.95], None),
        ([0.98, 99.0], [0.0098, 0.99], "rate.mixed"),
    ],
)
def test_rate_columns_follow_one_rule(tmp_path: Path, cells: list, expected: list, code: str | None) -> None:
    rec = [
        ["旺旺昵称", "接待人数", "咨询人数", "旺旺回复率"],
        ["店:甲", 100, 100, cells[0]],
        ["店:乙", 100, 100, cells[1]],
    ]
    path = write_xlsx(tmp_path / "r.xlsx", {"花名册": ROSTER, "数据信息": rec})
    report = check_month([path], month="2026-10")
    rates = list(report.dataset.frames["reception"]["reply_rate"])
    assert rates == pytest.approx(expected)
    codes = {p.code for p in report.problems}
    for c in ("rate.points", "rate.mixed"):
        assert (c in codes) == (c == code or (c == "rate.points" and code == "rate.mixed"))
    # Derived counts are whole people: 100 × 99.71% is 100, 100 × 0.98% is 1.
    replied = list(report.dataset.frames["reception"]["replied"])
    assert replied == [math.floor(100 * r + 0.5) for r in expected]
    assert any(p.code == "column.derived" for p in report.problems)


def test_seconds_column_wins_over_its_text_twin(tmp_path: Path) -> None:
    match = detect([["客服", "接待人数", "平均响应时间", "平均响应时长(秒)"]])
    assert match is not None
    assert match.columns[3] == "avg_response_s" and 2 in match.duplicates


def test_formula_without_cache_and_cached_errors(tmp_path: Path) -> None:
    path = tmp_path / "公式.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("接待")
    for col, name in enumerate(REC_HEADER):
        ws.write_string(0, col, name)
    ws.write_row(1, 0, ["K1", "2026-10-03", 100, 100, 99, 30, 10, 50, 60, 100])
    ws.write_row(2, 0, ["K1", "2026-10-04", 100, 100, 99])
    ws.write_formula(2, 5, "=1/0", None, "#DIV/0!")
    wb.close()
    report = check_month([path])
    err = next(p for p in report.problems if p.code == "cell.error_value")
    assert (err.sheet, err.row, err.column, err.header, err.value) == (
        "接待",
        3,
        "F",
        "平均响应时长(秒)",
        "#DIV/0!",
    )
    # openpyxl writes formulas without cached values: never read as 0 or blank.
    wb2 = write_xlsx(
        tmp_path / "程序生成.xlsx", {"接待": [REC_HEADER, ["K1", D, 100, 100, 99, "=20+10", 10, 50, 60, 100]]}
    )
    report = check_month([wb2])
    nocache = next(p for p in report.problems if p.code == "cell.formula_no_cache")
    assert (nocache.row, nocache.column) == (2, "F")
    assert "打开并保存" in nocache.message("zh")
    assert report.dataset.frames["reception"]["avg_response_s"].isna().all()


def test_declared_range_too_small_is_read_whole(tmp_path: Path) -> None:
    src = write_xlsx(
        tmp_path / "ok.xlsx",
        {
            "接待": [REC_HEADER]
            + [["K1", f"2026-10-{d:02d}", 100, 100, 99, 30, 10, 50, 60, 100] for d in range(1, 21)]
        },
    )
    small = tmp_path / "small.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(small, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(b'<dimension ref="A1:J21"', b'<dimension ref="A1:A1"')
            zout.writestr(item, data)
    assert len(check_month([small]).dataset.frames["reception"]) == 20


def test_zip_bomb_and_row_limit_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = write_xlsx(
        tmp_path / "big.xlsx",
        {
            "接待": [REC_HEADER]
            + [["K1", f"2026-10-{d % 28 + 1:02d}", 100, 100, 99, 30, 10, 50, 60, 100] for d in range(60)]
        },
    )
    monkeypatch.setattr(workbook, "MAX_UNZIPPED_BYTES", 2048)
    with pytest.raises(CsreportError) as err:
        workbook.open_workbook(src)
    assert err.value.code == "file.zip_bomb"
    monkeypatch.setattr(workbook, "MAX_UNZIPPED_BYTES", 2**30)
    monkeypatch.setattr(workbook, "MAX_ROWS", 10)
    report = check_month([src])
    refused = next(p for p in report.problems if p.severity is Severity.ERROR)
    assert refused.code == "sheet.too_many_rows" and refused.file == "big.xlsx"


def test_unmapped_subaccount_is_kept_and_reported(tmp_path: Path) -> None:
    rec = [
        ["旺旺昵称", "接待人数", "咨询人数", "未回复人数", "平均响应时长（秒)"],
        ["店:甲", 100, 100, 1, 30],
        ["乙", 100, 100, 2, 30],
        ["店:陌生人", 50, 50, 0, 20],
        ["汇总值", 250, 250, 3, 27],
    ]
    path = write_xlsx(tmp_path / "千牛.xlsx", {"花名册": ROSTER, "数据信息": rec})
    report = run_month([path], RunOptions(out_dir=tmp_path / "o", month="2026-10", pdf=False))
    ids = {a.agent_id: a for a in report.result.agents}
    assert {"K1", "K2", "店:陌生人"} <= set(ids)
    assert ids["K2"].kpis[1].raw == pytest.approx(0.98)  # matched by nickname 乙
    assert ids["店:陌生人"].in_roster is False
    warn = next(p for p in report.problems if p.code == "agent.unmapped_subaccount")
    assert (warn.row, warn.column, warn.value) == (4, "A", "店:陌生人")
    assert any(p.code == "row.summary" and p.row == 5 for p in report.problems)


def test_two_row_header_is_combined() -> None:
    rows = [
        ["质检表"],
        ["工号", "会话编号", "差错", "", "态度得分"],
        ["", "", "类型", "店铺风险", ""],
        ["K1", "c1", "价格", "否", 90],
    ]
    match = detect(rows)
    assert match is not None and (match.row_index, match.header_rows) == (1, 2)
    assert match.columns == {
        0: "agent_id",
        1: "chat_id",
        2: "error_type",
        3: "shop_risk",
        4: "attitude_score",
    }
    assert match.headers[2] == "差错/类型"


def test_qa_chats_keyed_by_subaccount(tmp_path: Path) -> None:
    qa = [["客服", *QA_HEADER[1:]], ["店:甲", D, "c1", "满意", 90, "", "否"]]
    path = write_xlsx(tmp_path / "q.xlsx", {"花名册": ROSTER, "质检": qa})
    frame = check_month([path]).dataset.frames["qa"]
    assert list(frame["agent_id"]) == ["K1"]


def test_timekeeping_export_gives_days_worked(tmp_path: Path) -> None:
    tk = [
        ["客服", "旺旺", "上班天数", "平均上线时间", "在线总时长", "在线总时长(秒)"],
        ["店:甲", "店:甲", 22, "08:55", "180小时", 648000],
    ]
    path = write_xlsx(tmp_path / "遵时率.xlsx", {"花名册": ROSTER, "遵时率": tk})
    report = run_month([path], RunOptions(out_dir=tmp_path / "o", month="2026-10", pdf=False))
    k1 = next(a for a in report.result.agents if a.agent_id == "K1")
    assert k1.attendance is not None and k1.attendance.present == 22


def test_ods_is_read(tmp_path: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("odf", reason="odfpy writes the .ods fixture")
    frame = pd.DataFrame(
        {"工号": ["K1", "K2"], "日期": ["2026-10-03", "2026-10-04"], "考勤状态": ["出勤", "迟到"]}
    )
    path = tmp_path / "考勤.ods"
    frame.to_excel(path, engine="odf", index=False)
    att = check_month([path]).dataset.frames["attendance"]
    assert list(att["att_status"]) == ["出勤", "迟到"]


def test_biff_xls_with_data_is_read(tmp_path: Path) -> None:
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip(
            "LibreOffice is not installed (it converts the .xls fixture); "
            "./run.sh test installs it when run as root"
        )
    src = write_xlsx(
        tmp_path / "接待.xlsx",
        {"花名册": ROSTER, "接待": [REC_HEADER, ["K1", "2026-10-03", 100, 100, 99, 30, 10, 50, 60, 100]]},
    )
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "xls",
            "--outdir",
            str(tmp_path / "xls"),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    report = check_month([tmp_path / "xls" / "接待.xls"])
    rec = report.dataset.frames["reception"]
    assert list(rec["agent_id"]) == ["K1"] and list(rec["replied"]) == [99]
    assert str(rec["date"][0]) == "2026-10-03"
