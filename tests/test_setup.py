"""``csreport setup``: the folder the Windows script works in. It makes the drop folder, the reports
folder and a commented csreport.yaml that the settings reader takes as it is and as a manager
edits it, in Chinese and in English, and never changes what is already there."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from csreport.cli import settings
from csreport.cli.main import main
from csreport.cli.settings import Config, load_config
from csreport.office import setup as office_setup
from csreport.office.setup import SETTINGS_KEYS, set_up, settings_text

BOM = b"\xef\xbb\xbf"


def cli(*args: object) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert "Traceback" not in result.output + result.stderr
    return result


def _set_up(folder: Path, lang: str = "zh") -> office_setup.SetupReport:
    return set_up(folder, settings_name="csreport.yaml", output_name="报表", lang=lang)


# --- the settings file ------------------------------------------------------------------------


def test_the_file_explains_every_key_the_settings_reader_takes() -> None:
    assert set(SETTINGS_KEYS) == settings._KEYS
    for lang in ("zh", "en"):
        lines = settings_text(lang).splitlines()
        written = [line.split(":")[0] for line in lines if not line.startswith("#") and line]
        examples = [line[2:].split(":")[0] for line in lines if line.startswith("# ") and ": " in line[2:]]
        assert written == ["shop", "month", "rules", "pdf_engine"]
        assert [k for k in examples if k in settings._KEYS] == [
            "company",
            "logo",
            "colors",
            "profile",
            "mapping",
            "templates",
            "history",
        ]
        # Each key's explanation is the comment line right above it (or above its example).
        for key in SETTINGS_KEYS:
            at = next(
                i for i, line in enumerate(lines) if line in (f"{key}:",) or line.startswith(f"# {key}: ")
            )
            assert lines[at - 1].startswith("# ") and not lines[at - 1].startswith(f"# {key}:")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_written_file_reads_back_as_every_default(tmp_path: Path, lang: str) -> None:
    report = _set_up(tmp_path / "office", lang)
    data = report.settings.read_bytes()
    # Notepad reads the Chinese as UTF-8 on any Windows with the byte order mark.
    assert data.startswith(BOM)
    assert data[len(BOM) :].decode("utf-8") == settings_text(lang, os.linesep)
    assert load_config(report.settings) == Config(path=report.settings)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_windows_line_ends_read_back_too(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "csreport.yaml"
    path.write_bytes(BOM + settings_text(lang, "\r\n").encode("utf-8"))
    assert b"\r\n" in path.read_bytes()
    assert load_config(path) == Config(path=path)


def test_the_chinese_file_word_for_word() -> None:
    assert settings_text("zh").splitlines()[:20] == [
        "# csreport 的设置。用记事本打开，改好后保存；下次生成报表时生效。",
        "# 写法：名称、英文冒号、一个空格，再写内容，例如 shop: 某某旗舰店。留空＝用默认做法。",
        "# 以 # 开头的行只是说明，不起作用。",
        "",
        "# 店铺名称，印在汇总表和每份成绩单上。留空时写“本店”。",
        "shop:",
        "",
        "# 只生成哪一个月：写成 年-月，例如 month: 2026-10。",
        "# 留空：“输入”文件夹里有哪几个月的表格，就分别生成哪几个月。",
        "month:",
        "",
        "# 考核规则。留空：自带的标准规则 standard（标准）。也可以写自带规则的名字："
        "standard（标准）, literal（字面）, multi（多维度）；说明见 csreport rules list。",
        "# 或者写自己的规则文件（.yaml，或规则工作簿 .xlsx）、规则版本文件夹；放在本文件旁边时只写名字。",
        "rules:",
        "",
        "# PDF 成绩单怎么生成。留空或 auto：自动，能用 WeasyPrint 就用它，"
        "否则用电脑上的 Edge 或 Chrome 浏览器，都没有时生成可在浏览器中打印的网页成绩单。",
        "# weasyprint：只用 WeasyPrint；browser：只用浏览器。",
        "pdf_engine:",
        "",
        "# —— 以下各项可选。要用哪一项，就删去那一行开头的“# ”再填写 ——",
    ]


def test_the_english_file_has_no_bare_chinese() -> None:
    text = settings_text("en")
    # Only the folder names, glossed: "the input folder (输入)", "the reports folder (报表)".
    assert text.count("(输入)") == 1 and text.count("(报表)") == 1
    assert "(标准)" in text  # the standard preset's Chinese name, glossed
    for gloss in ("(输入)", "(报表)", "(标准)"):
        text = text.replace(gloss, "")
    assert not [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]


def test_filled_in_as_the_comments_say_the_values_are_read(tmp_path: Path) -> None:
    for lang, company, profile, mapping, templates, history in (
        ("zh", "某某电子商务有限公司", "重服务", "表头映射.yaml", "我的模板", "历史/csreport-history.sqlite"),
        (
            "en",
            "Example Trading Co., Ltd.",
            "Service first",
            "header-mapping.yaml",
            "my-templates",
            "history/csreport-history.sqlite",
        ),
    ):
        folder = tmp_path / lang
        path = _set_up(folder, lang).settings
        text = path.read_text("utf-8-sig")
        text = text.replace("\nshop:\n", "\nshop: 测试旗舰店\n").replace("\nmonth:\n", "\nmonth: 2026-10\n")
        text = text.replace("\nrules:\n", "\nrules: multi\n").replace(
            "\npdf_engine:\n", "\npdf_engine: browser\n"
        )
        # Every optional line, its "# " deleted as the comment says.
        for key in ("company", "logo", "colors", "profile", "mapping", "templates", "history"):
            text = text.replace(f"\n# {key}: ", f"\n{key}: ")
        path.write_text(text, "utf-8")
        cfg = load_config(path)
        assert cfg == Config(
            path=path,
            shop="测试旗舰店",
            company=company,
            logo=folder / "logo.png",
            primary_color="#1f4e79",
            accent_color="#c55a11",
            rules="multi",
            profile=profile,
            mapping=folder / mapping,
            templates=folder / templates,
            history=folder / history,
            month="2026-10",
            pdf_engine="browser",
        )


# --- the folders and never overwriting ----------------------------------------------------------


def test_first_set_up_makes_everything_and_the_second_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "客服 报表"
    first = _set_up(folder)
    assert first.created_folders == (folder, folder / "输入", folder / "报表")
    assert first.created_settings and first.inputs_waiting
    assert sorted(p.name for p in folder.iterdir()) == ["csreport.yaml", "报表", "输入"]
    second = _set_up(folder)
    assert (second.created_folders, second.created_settings) == ((), False)
    # No temporary file is left beside the settings.
    assert sorted(p.name for p in folder.iterdir()) == ["csreport.yaml", "报表", "输入"]


def test_an_existing_settings_file_is_never_changed(tmp_path: Path) -> None:
    (tmp_path / "输入").mkdir()
    mine = "shop: 我的店\nmonth: 2026-09\n".encode("gbk")  # saved by an old Notepad as ANSI
    (tmp_path / "csreport.yaml").write_bytes(mine)
    report = _set_up(tmp_path, "en")
    assert report.created_folders == (tmp_path / "报表",)
    assert not report.created_settings
    assert (tmp_path / "csreport.yaml").read_bytes() == mine
    # The last step refuses a name taken between the look and the write, as a hard link does.
    late = tmp_path / "late.tmp"
    late.write_bytes(b"shop: late\n")
    assert office_setup._place(late, tmp_path / "csreport.yaml", b"shop: late\n") is False
    assert (tmp_path / "csreport.yaml").read_bytes() == mine


def test_without_hard_links_the_file_is_still_made_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A network share without hard links: the name is then created exclusively."""

    def no_links(_src: object, _dst: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    report = _set_up(tmp_path)
    assert report.created_settings
    assert load_config(report.settings) == Config(path=report.settings)
    report.settings.write_text("shop: 改过\n", "utf-8")
    assert not _set_up(tmp_path).created_settings
    assert report.settings.read_text("utf-8") == "shop: 改过\n"
    # A second set-up that wrote its file while this one was writing: the name is not taken over.
    other = tmp_path / "other.tmp"
    other.write_bytes(b"shop: other\n")
    assert office_setup._place(other, report.settings, b"shop: other\n") is False
    assert report.settings.read_text("utf-8") == "shop: 改过\n"
    other.unlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["csreport.yaml", "报表", "输入"]


@pytest.mark.parametrize(
    ("names", "waiting"),
    [
        ((), True),
        (("~$花名册.xlsx", ".DS_Store", "desktop.ini", "Thumbs.db"), True),
        (("~$花名册.xlsx", "花名册.xlsx"), False),
        (("十月.csv",), False),
    ],
)
def test_the_drop_folder_waits_until_it_holds_a_file(
    tmp_path: Path, names: tuple[str, ...], waiting: bool
) -> None:
    (tmp_path / "输入").mkdir()
    for name in names:
        (tmp_path / "输入" / name).write_bytes(b"x")
    assert _set_up(tmp_path).inputs_waiting is waiting


# --- the command ----------------------------------------------------------------------------------


def test_the_command_in_chinese(tmp_path: Path) -> None:
    folder = tmp_path / "窗口"
    first = cli("setup", folder)
    assert (first.exit_code, first.stderr) == (0, "")
    assert first.stdout.splitlines() == [
        f"已新建文件夹：{folder}",
        f"已新建文件夹：{folder / '输入'}",
        f"已新建文件夹：{folder / '报表'}",
        f"已新建设置文件：{folder / 'csreport.yaml'}（用记事本打开，可填写店铺名称、月份等）",
        "本次设置：店铺 未填写（报表上写“本店”）；月份 全部（有哪几个月的表格就生成哪几个月）；"
        "规则 standard（标准，默认）；PDF 自动",
        # The last line (the Windows script's too): success, what was made, what to do next.
        "成功：已新建“输入”文件夹、“报表”文件夹和设置文件 csreport.yaml。下一步：把本月的表格（花名册、考勤、"
        "质检抽查、接待数据等）放进“输入”文件夹，需要时在 csreport.yaml 里填写店铺名称、月份等，再运行一次"
        "（Windows：再双击“双击生成报表.bat”）。",
    ]
    (folder / "输入" / "花名册.xlsx").write_bytes(b"x")
    (folder / "csreport.yaml").write_text(
        "shop: 测试旗舰店\nmonth: 2026-10\nrules: multi\nprofile: 重服务\npdf_engine: browser\n", "utf-8"
    )
    second = cli("setup", folder)
    assert second.exit_code == 0
    assert second.stdout.splitlines() == [
        f"设置文件已有，未改动：{folder / 'csreport.yaml'}",
        "本次设置：店铺 测试旗舰店；月份 2026-10；规则 multi（重服务）；PDF 只用浏览器",
    ]


def test_the_command_in_english_in_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("setup", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"Created the folder {tmp_path / '输入'}",
        f"Created the folder {tmp_path / '报表'}",
        f"Created the settings file {tmp_path / 'csreport.yaml'} (open it in a text editor to set the shop "
        "name, the month and more)",
        "Settings: shop not set (reports say 'Our shop'); month every month the workbooks hold; rules "
        "standard (标准, the default); PDFs automatic",
        "Done: created the input folder (输入), the reports folder (报表) and the settings file "
        "csreport.yaml. Next: put the month's workbooks (roster, attendance, QA samples, service data…) "
        "into the input folder (输入), set the shop name, the month and more in csreport.yaml if needed, "
        "and run again (on Windows: double-click the .bat file again).",
    ]
    assert "# csreport's settings." in (tmp_path / "csreport.yaml").read_text("utf-8-sig")


SUMMARY_ZH = (
    "本次设置：店铺 未填写（报表上写“本店”）；月份 全部（有哪几个月的表格就生成哪几个月）；"
    "规则 standard（标准，默认）；PDF 自动"
)
SUMMARY_EN = (
    "Settings: shop not set (reports say 'Our shop'); month every month the workbooks hold; rules "
    "standard (标准, the default); PDFs automatic"
)


def test_the_last_line_while_the_drop_folder_is_empty(tmp_path: Path) -> None:
    """ "成功：…" when setup made the drop folder (naming only what it made); "下一步：…" when the
    folder was there already, still empty; nothing more once it holds a file."""
    (tmp_path / "csreport.yaml").write_text("shop: 测试旗舰店\n", "utf-8")
    summary = SUMMARY_ZH.replace("未填写（报表上写“本店”）", "测试旗舰店")
    kept = f"设置文件已有，未改动：{tmp_path / 'csreport.yaml'}"
    made_inputs = cli("setup", tmp_path)
    assert made_inputs.stdout.splitlines() == [
        f"已新建文件夹：{tmp_path / '输入'}",
        f"已新建文件夹：{tmp_path / '报表'}",
        kept,
        summary,
        "成功：已新建“输入”文件夹和“报表”文件夹。下一步：把本月的表格（花名册、考勤、质检抽查、接待数据等）"
        "放进“输入”文件夹，需要时在 csreport.yaml 里填写店铺名称、月份等，再运行一次"
        "（Windows：再双击“双击生成报表.bat”）。",
    ]
    (tmp_path / "输入").rmdir()
    en = cli("setup", tmp_path, "--lang", "en")
    assert en.stdout.splitlines()[-1] == (
        "Done: created the input folder (输入). Next: put the month's workbooks (roster, attendance, QA "
        "samples, service data…) into the input folder (输入), set the shop name, the month and more in "
        "csreport.yaml if needed, and run again (on Windows: double-click the .bat file again)."
    )
    again = cli("setup", tmp_path)
    assert again.stdout.splitlines() == [
        kept,
        summary,
        f"下一步：把本月的表格（花名册、考勤、质检抽查、接待数据等）放进 {tmp_path / '输入'}，再运行一次"
        "（Windows：再双击“双击生成报表.bat”）。",
    ]
    assert cli("setup", tmp_path, "--lang", "en").stdout.splitlines()[-1] == (
        f"Next: put the month's workbooks (roster, attendance, QA samples, service data…) into "
        f"{tmp_path / '输入'} and run again (on Windows: double-click the .bat file again)."
    )
    # An Excel lock file is no workbook; a workbook is.
    (tmp_path / "输入" / "~$花名册.xlsx").write_bytes(b"x")
    assert cli("setup", tmp_path).stdout.splitlines()[-1].startswith("下一步：")
    (tmp_path / "输入" / "花名册.xlsx").write_bytes(b"x")
    assert cli("setup", tmp_path).stdout.splitlines() == [kept, summary]
    assert cli("setup", tmp_path, "--lang", "en").stdout.splitlines() == [
        f"The settings file {tmp_path / 'csreport.yaml'} is already there and was left as it is",
        SUMMARY_EN.replace("not set (reports say 'Our shop')", "测试旗舰店"),
    ]


def test_a_mistake_in_the_edited_settings_is_reported_with_its_line(tmp_path: Path) -> None:
    _set_up(tmp_path)
    path = tmp_path / "csreport.yaml"
    path.write_text(path.read_text("utf-8-sig").replace("\nmonth:\n", "\nmonth: 十月\n"), "utf-8")
    line = path.read_text("utf-8").splitlines().index("month: 十月") + 1
    for lang, expected in (
        ("zh", f"错误：设置文件 {path} 第 {line} 行：month 应写成 年-月，例如 2026-10（现在是「十月」）"),
        (
            "en",
            f'Error: Settings file {path} line {line}: month must be year-month, e.g. 2026-10 (it is "十月")',
        ),
    ):
        result = cli("setup", tmp_path, "--lang", lang)
        assert result.exit_code == 2
        assert result.stderr.splitlines() == [expected]
        assert "shop" not in result.stdout  # no summary of settings that cannot be read


def test_a_file_where_a_folder_belongs(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    result = cli("setup", tmp_path / "a.txt")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"错误：{tmp_path / 'a.txt'} 是一个文件，不是文件夹；请给出一个文件夹。\n"
    (tmp_path / "输入").write_text("x")
    result = cli("setup", tmp_path, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {tmp_path / '输入'} is a file, but a folder of that name belongs there; rename or move the "
        "file and try again.\n"
    )
    assert not (tmp_path / "csreport.yaml").exists()


def test_a_folder_that_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    target = tmp_path / "a.txt" / "sub"
    result = cli("setup", target)
    assert result.exit_code == 2
    assert result.stderr == (
        f"错误：无法新建 {target}：路径中有一段是文件，不是文件夹。"
        "请把它放在自己有写入权限的地方（例如“文档”里的文件夹）后再试。\n"
    )
    en = cli("setup", target, "--lang", "en")
    assert en.stderr == (
        f"Error: Cannot create {target}: part of the path is a file, not a folder. Use a folder you may "
        "write to (e.g. one in Documents) and try again.\n"
    )
