"""Settings files (rules, header mapping, csreport.yaml) and rules export/import under hostile input.

Probes from issue 10: a binary file given as ``--rules``/``--mapping``/``--config`` ended in
exit 3 (UnicodeDecodeError); a YAML alias bomb hung with memory rising; ``/dev/zero``, a FIFO
or a folder were "not found" (or read forever); ``rules export --xlsx`` replaced any existing
file (a user's roster, and as root the device ``/dev/full``); and several errors came out in
the wrong language or as library text. Each test drives the real CLI or loader on real files.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from csreport.cli.main import main
from csreport.cli.settings import load_config
from csreport.inputs.mapping import load_mapping
from csreport.problems import CsreportError
from csreport.rules.loader import PRESETS, load_rules
from csreport.rules.serialize import rules_equal
from csreport.rules.workbook.transfer import export_rules, is_rules_workbook
from csreport.util.yaml_safe import MAX_NODES

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_workbooks"
EXAMPLE_RULES = ROOT / "examples" / "my_rules.yaml"
EXAMPLE_MAPPING = ROOT / "examples" / "mapping.yaml"
CSREPORT = Path(sys.executable).with_name("csreport")

NOT_TEXT_ZH = (
    "错误：{what} {path} 不是 UTF-8 文本（YAML）文件（可能是工作簿、图片或已损坏的文件）；"
    "请用记事本打开确认，另存为 UTF-8 编码的 .yaml 文件后再试。\n"
)
NOT_TEXT_EN = (
    "Error: The {what} {path} is not a UTF-8 text (YAML) file (perhaps a workbook, an image "
    "or a damaged file); open it in a text editor to check and save it as a UTF-8 .yaml file.\n"
)
WHAT = {
    "rules": ("规则文件", "rules file"),
    "mapping": ("表头映射文件", "header mapping file"),
    "config": ("设置文件", "settings file"),
}


def invoke(*args: str) -> tuple[int, str, str]:
    """Run the real CLI in-process; exit code, stdout, stderr (never a traceback)."""
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    assert result.exit_code != 3, result.stderr
    return result.exit_code, result.stdout, result.stderr


def last_line(stderr: str) -> str:
    """The error line (``run`` prints "正在读取 N 个文件……" before loading the rules)."""
    return stderr.splitlines()[-1] + "\n"


def command(kind: str, path: Path, lang: str) -> list[str]:
    """A command that reads ``path`` as a settings file of ``kind``."""
    if kind == "rules":
        return ["rules", "lint", str(path), "--lang", lang]
    if kind == "mapping":
        return ["check", str(SAMPLES), "--mapping", str(path), "--lang", lang]
    return [
        "run",
        str(SAMPLES),
        "--out",
        str(path.parent / "out"),
        "--no-pdf",
        "--config",
        str(path),
        "--lang",
        lang,
    ]


def limited_run(args: list[str], timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The installed CLI in a child limited to 1.5 GB of address space and ``timeout`` seconds,
    so a regression (a hang, memory rising) fails the test instead of eating the machine."""

    def limit() -> None:
        import resource  # POSIX only, like the FIFOs below

        resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))

    return subprocess.run(
        [str(CSREPORT), *args], capture_output=True, text=True, timeout=timeout, preexec_fn=limit, check=False
    )


POSIX_ONLY = pytest.mark.skipif(
    not hasattr(os, "mkfifo") or os.name != "posix",
    reason="FIFOs, /dev/zero and setrlimit exist only on POSIX systems",
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---- 1. binary, GBK and non-regular settings files --------------------------------------------


@pytest.fixture
def binary(tmp_path: Path) -> Path:
    """Random-looking bytes named .yaml (what the probe used: 0xA1 then noise)."""
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"\xa1" + bytes((i * 197 + 89) % 256 for i in range(3000)))
    return path


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", ["rules", "mapping", "config"])
def test_binary_settings_file_is_named_not_text(binary: Path, kind: str, lang: str) -> None:
    code, _, stderr = invoke(*command(kind, binary, lang))
    zh, en = WHAT[kind]
    expected = (
        NOT_TEXT_EN.format(what=en, path=binary) if lang == "en" else NOT_TEXT_ZH.format(what=zh, path=binary)
    )
    assert (code, last_line(stderr)) == (2, expected)


def test_binary_rules_via_run_show_and_an_xlsx_for_import(binary: Path, tmp_path: Path) -> None:
    expected = NOT_TEXT_ZH.format(what="规则文件", path=binary)
    code, _, stderr = invoke(
        "run", str(SAMPLES), "--out", str(tmp_path / "o"), "--no-pdf", "--rules", str(binary)
    )
    assert (code, last_line(stderr)) == (2, expected)
    assert invoke("rules", "show", str(binary))[::2] == (2, expected)
    # The same bytes named .xlsx are no workbook: import says so, and writes nothing.
    book = binary.rename(tmp_path / "bin.xlsx")
    code, _, stderr = invoke("rules", "import", str(book))
    assert (code, stderr) == (
        2,
        f"错误：{book} 不是可读取的规则工作簿：它不是 .xlsx 工作簿。"
        "请用 csreport rules export 导出规则工作簿，修改后再导入；"
        "若文件来自别处，请在 Excel/WPS 中打开后另存为 .xlsx。\n",
    )
    assert not (tmp_path / "bin.yaml").exists()


def test_gbk_and_utf16_files_are_read(tmp_path: Path) -> None:
    """Decision: a file that is not UTF-8 is read as GB18030 (GBK, what a Chinese Windows editor
    saves by default); UTF-16 with a BOM (Notepad's "Unicode") is read too. Same rules, same hash."""
    text = EXAMPLE_RULES.read_text("utf-8")
    (tmp_path / "gbk.yaml").write_bytes(text.encode("gbk"))
    (tmp_path / "u16.yaml").write_bytes(text.encode("utf-16"))
    utf8 = load_rules(str(EXAMPLE_RULES))
    for name in ("gbk.yaml", "u16.yaml"):
        other = load_rules(str(tmp_path / name))
        assert rules_equal(other, utf8) and other.hash == utf8.hash
        assert other.name == "本店考核（含考勤）"
    (tmp_path / "m.yaml").write_bytes(EXAMPLE_MAPPING.read_text("utf-8").encode("gbk"))
    assert load_mapping(tmp_path / "m.yaml") == load_mapping(EXAMPLE_MAPPING)
    (tmp_path / "c.yaml").write_bytes("shop: 测试旗舰店\n".encode("gbk"))
    assert load_config(tmp_path / "c.yaml").shop == "测试旗舰店"


@POSIX_ONLY
@pytest.mark.parametrize("kind", ["rules", "mapping", "config"])
def test_folder_fifo_and_device_are_named_without_reading(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    zh, en = WHAT[kind]
    # (A folder is tested through the loaders: the CLI's --mapping/--config options refuse one
    # before the loader sees it.)
    loader = {"rules": lambda p: load_rules(str(p)), "mapping": load_mapping, "config": load_config}[kind]
    with pytest.raises(CsreportError) as info:
        loader(folder)
    assert (info.value.exit_code, info.value.message("zh")) == (
        2,
        f"{zh} {folder} 是一个文件夹，不是文件；请给出其中那个文件的路径。",
    )
    # A child process with a timeout: opening a FIFO for reading would wait for a writer forever.
    for special in (fifo, Path("/dev/zero")):
        done = limited_run(command(kind, special, "en"))
        assert (done.returncode, last_line(done.stderr)) == (
            2,
            f"Error: The {en} {special} is not a regular file (a device, pipe or socket) and was "
            "not read; choose the right file.\n",
        )
    assert fifo.exists() and not fifo.is_file()


def test_a_missing_rules_path_still_lists_the_presets(tmp_path: Path) -> None:
    code, _, stderr = invoke("rules", "lint", str(tmp_path / "nope.yaml"))
    assert (code, stderr) == (
        2,
        f"错误：找不到规则「{tmp_path / 'nope.yaml'}」。可用的预设："
        "standard（标准）, literal（字面）, multi（多维度）\n",
    )


# ---- 2. alias bombs and other unsafe YAML -------------------------------------------------------


def billion_laughs(path: Path) -> Path:
    """The probe's bomb: a0 holds 9 values, each a(i) nine references to a(i-1)."""
    text = "a0: &a0 [x,x,x,x,x,x,x,x,x]\n"
    for i in range(1, 12):
        text += f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]\n"
    path.write_text(text, encoding="utf-8")
    return path


@POSIX_ONLY
@pytest.mark.parametrize(
    "kind,head",
    [
        ("rules", "错误：规则文件 {path} 第 6 行，YAML 格式："),
        ("mapping", "错误：表头映射文件 {path} 第 6 行："),
        ("config", "错误：设置文件 {path} 第 6 行："),
    ],
)
def test_alias_bomb_is_refused_quickly_with_bounded_memory(tmp_path: Path, kind: str, head: str) -> None:
    # Expanded sizes (the node itself plus its values): a0 = 1 + 9 = 10, a1 = 1 + 9*10 = 91,
    # a2 = 820, a3 = 7,381, a4 = 66,430, a5 = 597,871 > 200,000: refused at a5, on line 6.
    assert MAX_NODES == 200_000
    bomb = billion_laughs(tmp_path / "billion.yaml")
    done = limited_run(command(kind, bomb, "zh"), timeout=60)
    assert (done.returncode, last_line(done.stderr)) == (
        2,
        head.format(path=bomb) + "引用（&锚点 / *别名）展开后超过 200000 个值，疑似异常文件，已拒绝读取；"
        "请去掉 * 引用，直接写出内容\n",
    )


@POSIX_ONLY
def test_bomb_used_as_a_value_in_the_settings_file(tmp_path: Path) -> None:
    """``--config`` only looked safe: safe_load shares aliased objects, and its keys were never
    expanded. A bomb under a known key (shop) must be refused too, not expanded by str()."""
    levels = ["&a0 [x,x,x,x,x,x,x,x,x]"] + [
        f"&a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)
    ]
    path = tmp_path / "csreport.yaml"
    path.write_text("shop: [" + ", ".join(levels) + "]\n", encoding="utf-8")
    done = limited_run(command("config", path, "en"))
    assert (done.returncode, last_line(done.stderr)) == (
        2,
        f"Error: Settings file {path} line 1: its references (&anchors / *aliases) expand to more "
        "than 200000 values; it looks abnormal and was refused. Write the values out instead of * "
        "references\n",
    )


def test_self_reference_and_deep_nesting_are_refused(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.write_text("columns: &c\n  x: *c\n", encoding="utf-8")
    with pytest.raises(CsreportError) as info:
        load_mapping(loop)
    assert info.value.message("zh") == (
        f"表头映射文件 {loop} 第 2 行：引用（*别名）指向了包含它自己的内容，无法展开；请去掉这个 * 引用"
    )
    deep = tmp_path / "deep.yaml"
    deep.write_text("tables: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(CsreportError) as info:
        load_rules(str(deep))
    assert info.value.message("en") == (
        f"Rules file {deep} line 1, YAML syntax: nested too deeply; it looks abnormal and was refused"
    )


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# padding\n" * 220_000)  # 2.2 MB of comments: valid YAML, but no settings file
    with pytest.raises(CsreportError) as info:
        load_config(big)
    assert info.value.message("zh") == (
        f"设置文件 {big} 超过 2048 KB，不像是设置文件，已拒绝读取；请确认选对了文件。"
    )


def test_ordinary_anchors_still_work_and_shipped_files_load(tmp_path: Path) -> None:
    """Aliases are bounded, not banned: a file reusing a value loads like the spelled-out one."""
    anchored = tmp_path / "anchored.yaml"
    anchored.write_text("columns:\n  客服旺旺: &ww 旺旺\n  旺旺号: *ww\n", encoding="utf-8")
    spelled = tmp_path / "spelled.yaml"
    spelled.write_text("columns:\n  客服旺旺: 旺旺\n  旺旺号: 旺旺\n", encoding="utf-8")
    expected = {"客服旺旺": ("subaccount",), "旺旺号": ("subaccount",)}
    assert load_mapping(anchored) == load_mapping(spelled)
    assert dict(load_mapping(spelled).columns) == expected  # type: ignore[union-attr]
    cfg = tmp_path / "c.yaml"
    cfg.write_text("shop: &s 测试旗舰店\ncompany: *s\n", encoding="utf-8")
    assert (load_config(cfg).shop, load_config(cfg).company) == ("测试旗舰店", "测试旗舰店")
    for name in PRESETS:
        assert load_rules(name).tables
    assert load_rules(str(EXAMPLE_RULES)).name == "本店考核（含考勤）"
    assert load_mapping(EXAMPLE_MAPPING) is not None


# ---- 3. export/import never replace what is not theirs -----------------------------------------


def test_export_refuses_to_replace_a_users_workbook(tmp_path: Path) -> None:
    roster = tmp_path / "花名册.xlsx"
    roster.write_bytes((SAMPLES / "花名册.xlsx").read_bytes())
    before = digest(roster)
    for lang, expected in (
        (
            "zh",
            f"错误：{roster} 已存在，且不是 csreport 写出的规则工作簿；为免覆盖你的文件，没有写入。"
            "请用 --xlsx 换一个文件名，或加 --force 覆盖它。\n",
        ),
        (
            "en",
            f"Error: {roster} already exists and is not a rules workbook csreport wrote; to keep "
            "your file, nothing was written. Choose another name with --xlsx, or add --force to "
            "replace it.\n",
        ),
    ):
        code, _, stderr = invoke("rules", "export", "standard", "--xlsx", str(roster), "--lang", lang)
        assert (code, stderr) == (2, expected)
    assert digest(roster) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["花名册.xlsx"]  # no temporary file left
    # --force is the explicit way to replace it.
    code, stdout, _ = invoke("rules", "export", "standard", "--xlsx", str(roster), "--force")
    assert (code, stdout) == (0, f"已导出：{roster}\n")
    assert is_rules_workbook(roster) and digest(roster) != before


def test_export_replaces_an_earlier_export_even_after_editing(tmp_path: Path) -> None:
    target = tmp_path / "规则.xlsx"
    assert invoke("rules", "export", "standard", "--xlsx", str(target))[0] == 0
    with zipfile.ZipFile(target) as zf:  # the marker: a custom document property
        assert b'name="csreport"' in zf.read("docProps/custom.xml")
    assert invoke("rules", "export", "literal", "--xlsx", str(target))[0] == 0
    assert load_rules(str(target)).name == load_rules("literal").name
    # An editor that drops custom properties: still recognised by its two essential sheets.
    book = openpyxl.Workbook()
    book.active.title = "KPIs and bands"
    book.create_sheet("Grades")
    book.save(target)
    assert is_rules_workbook(target)
    assert invoke("rules", "export", "standard", "--xlsx", str(target))[0] == 0
    book = openpyxl.Workbook()
    book.active.title = "指标与区间"  # one rules sheet alone is not enough
    book.save(target)
    assert not is_rules_workbook(target)


@POSIX_ONLY
def test_export_never_replaces_a_folder_fifo_or_a_path_under_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    fifo = tmp_path / "f.xlsx"
    os.mkfifo(fifo)
    afile = tmp_path / "afile"
    afile.write_text("mine", encoding="utf-8")
    cases = [
        (folder, f"错误：{folder} 是一个文件夹；请在 --xlsx 后写上文件名，例如 {folder}/规则.xlsx\n"),
        (
            fifo,
            f"错误：{fifo} 不是普通文件（是设备、管道或套接字），不会替换它；请用 --xlsx 换一个文件名。\n",
        ),
        (
            afile / "x.xlsx",
            f"错误：{afile} 是一个文件，不是文件夹，无法在其中写入 {afile}/x.xlsx；"
            "请用 --xlsx 换一个位置。\n",
        ),
    ]
    for target, expected in cases:
        for force in ((), ("--force",)):  # --force never replaces a folder or a device
            assert invoke("rules", "export", "standard", "--xlsx", str(target), *force)[::2] == (2, expected)
    # In English the suggested file name is English too.
    assert invoke("rules", "export", "standard", "--xlsx", str(folder), "--lang", "en")[::2] == (
        2,
        f"Error: {folder} is a folder; give a file name with --xlsx, e.g. {folder}/rules.xlsx\n",
    )
    assert folder.is_dir() and not fifo.is_file() and fifo.exists() and afile.read_text("utf-8") == "mine"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "d", "f.xlsx"]


def test_export_through_a_symlink_writes_the_linked_file(tmp_path: Path) -> None:
    real = tmp_path / "real.xlsx"
    export_rules(load_rules("standard"), real)
    link = tmp_path / "link.xlsx"
    link.symlink_to(real)
    assert invoke("rules", "export", "literal", "--xlsx", str(link))[0] == 0
    assert link.is_symlink() and load_rules(str(real)).name == load_rules("literal").name


@POSIX_ONLY
def test_import_out_refuses_a_users_file_and_special_files(tmp_path: Path) -> None:
    book = export_rules(load_rules("standard"), tmp_path / "规则.xlsx")
    mine = tmp_path / "mine.yaml"
    mine.write_text("# my notes\n", encoding="utf-8")
    code, _, stderr = invoke("rules", "import", str(book), "--out", str(mine))
    assert (code, stderr) == (
        2,
        f"错误：{mine} 已存在，且不是 csreport 写出的规则文件；"
        "为免覆盖你的文件，没有写入。"
        "请用 --out 换一个文件名，或加 --force 覆盖它。\n",
    )
    assert mine.read_text("utf-8") == "# my notes\n"
    fifo = tmp_path / "p.yaml"
    os.mkfifo(fifo)
    code, _, stderr = invoke("rules", "import", str(book), "--out", str(fifo), "--force", "--lang", "en")
    assert (code, stderr) == (
        2,
        f"Error: {fifo} is not a regular file (a device, pipe or socket) and will "
        "not be replaced; choose another file name with --out.\n",
    )
    # The default target, written by an earlier import, is csreport's own: replaced without --force.
    for _ in range(2):
        code, stdout, _ = invoke("rules", "import", str(book))
        assert code == 0 and stdout.endswith(f"：{tmp_path / '规则.yaml'}\n")
    assert invoke("rules", "import", str(book), "--out", str(mine), "--force")[0] == 0
    assert rules_equal(load_rules(str(mine)), load_rules("standard"))


# ---- 4. import/export messages ----------------------------------------------------------------


def test_import_names_a_missing_workbook_a_folder_and_a_damaged_one(tmp_path: Path) -> None:
    missing = tmp_path / "nope.xlsx"
    assert invoke("rules", "import", str(missing))[::2] == (2, f"错误：找不到文件：{missing}\n")
    assert invoke("rules", "import", str(missing), "--lang", "en")[::2] == (
        2,
        f"Error: File not found: {missing}\n",
    )
    assert invoke("rules", "import", str(tmp_path))[::2] == (
        2,
        f"错误：规则工作簿 {tmp_path} 是一个文件夹，不是文件；请给出其中那个文件的路径。\n",
    )
    trunc = tmp_path / "trunc.xlsx"
    trunc.write_bytes((SAMPLES / "花名册.xlsx").read_bytes()[:500])  # a download cut short
    assert invoke("rules", "import", str(trunc))[::2] == (
        2,
        f"错误：{trunc} 不是可读取的规则工作簿：文件已损坏（压缩结构不完整，可能下载或复制未完成）。"
        "请用 csreport rules export 导出规则工作簿，修改后再导入；"
        "若文件来自别处，请在 Excel/WPS 中打开后另存为 .xlsx。\n",
    )
    assert invoke("rules", "show", str(trunc), "--lang", "en")[::2] == (
        2,
        f"Error: {trunc} is not a readable rules workbook: the file is damaged (its zip structure is "
        "incomplete, perhaps an unfinished download or copy). Export one with csreport rules export, "
        "edit it and import it; a file from elsewhere should be opened in Excel/WPS and saved as .xlsx.\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["trunc.xlsx"]


# ---- 5. problems in the user's language only -------------------------------------------------


def test_mapping_problems_in_english(tmp_path: Path) -> None:
    m = tmp_path / "m.yaml"
    m.write_text("- just a list\n", encoding="utf-8")
    code, _, stderr = invoke("check", str(SAMPLES), "--mapping", str(m), "--lang", "en")
    assert (code, stderr) == (
        2,
        f"Error: Header mapping file {m} line 1: the file has no section csreport uses; the sections "
        "are columns, derive, fields, drop_rows (see examples/mapping.yaml)\n",
    )
    m.write_text("colums:\n  客服旺旺: 旺旺\n", encoding="utf-8")
    code, _, stderr = invoke("check", str(SAMPLES), "--mapping", str(m), "--lang", "en")
    assert (code, stderr) == (
        2,
        f"Error: Header mapping file {m} line 1: 'colums' is not a section of a mapping file; the "
        "sections are columns, derive, fields, drop_rows\n",
    )
    names = (
        "工号、旺旺、姓名、组别、入职日期、岗位状态、级别、奖金基数、日期、考勤状态、接待人数、咨询人数、回复人数、"
        "未回复人数、未回复率、回复率、平均响应时长(秒)、首次响应时长(秒)、询单人数、询单付款人数、询单流失率、"
        "询单转化率、付款订单数、销售额、上班天数、客户满意率、会话编号、满意度、态度得分、差错类型、店铺风险、"
        "评分人、消息数、会话时长(秒)、"
        "流程全面,服务规范、聊天话术运用适当、积极主动、承担责任、处理技巧、正确性、熟练性、促成交易力度、"
        "购买意向引导、档内优惠理解"
    )
    m.write_text("columns:\n  客服旺旺: 旺旺\n  备用: 不存在的字段\n", encoding="utf-8")
    code, _, stderr = invoke("check", str(SAMPLES), "--mapping", str(m))
    assert (code, stderr) == (
        2,
        f"错误：表头映射文件 {m} 第 3 行：「不存在的字段」不是 csreport 的字段。可写的标准列名：{names}；"
        "或写「忽略」；csreport 没有的指标请在 fields 段声明\n",
    )
    m.write_text("columns:\n  进线: 接待认数\n", encoding="utf-8")
    code, _, stderr = invoke("check", str(SAMPLES), "--mapping", str(m), "--lang", "en")
    assert (code, stderr) == (
        2,
        f"Error: Header mapping file {m} line 2: '接待认数' is not a csreport field (did you mean "
        f"接待人数?). The canonical headers are: {names.replace('、', ', ')}; or write '忽略' "
        "(ignore); declare a metric csreport has no name for under fields\n",
    )


def test_rules_workbook_problems_in_english(tmp_path: Path) -> None:
    code, _, stderr = invoke("rules", "show", str(SAMPLES / "花名册.xlsx"), "--lang", "en")
    assert (code, stderr) == (
        2,
        f"Error: {SAMPLES / '花名册.xlsx'}: no sheet holds a scoring table (this does not look like "
        "a rules workbook from csreport rules export)\n",
    )
    path = export_rules(load_rules("standard"), tmp_path / "rules.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["试用期"]
    col = {c.value: c.column_letter for c in ws[10]}  # the band header, below the table's block
    ws[f"{col['得分']}13"] = "十五分"
    book.save(path)
    code, _, stderr = invoke("rules", "show", str(path), "--lang", "en")
    assert (code, stderr) == (
        2,
        f"Error: {path} sheet '试用期' row 13, column {col['得分']} (得分): '十五分' is not a number "
        "of points; write 'Veto' for a band that vetoes\n",
    )
    code, _, stderr = invoke("rules", "show", str(path))
    assert (code, stderr) == (
        2,
        f"错误：{path} 工作表「试用期」第 13 行 {col['得分']} 列（得分）：「十五分」不是分数；"
        "否决的区间请写「否决」\n",
    )


def test_loader_problems_follow_the_language_whoever_calls(tmp_path: Path) -> None:
    """``check`` loads the rules without passing --lang, and the workbook reader calls the loader
    in Chinese: the problem text now carries both languages and the message picks one."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: x\ntables: []\n", encoding="utf-8")
    code, _, stderr = invoke("check", str(SAMPLES), "--rules", str(bad), "--lang", "en")
    assert (code, last_line(stderr)) == (
        2,
        f"Error: Rules file {bad} line 2, tables: at least one table is needed\n",
    )
    path = export_rules(load_rules("standard"), tmp_path / "rules.xlsx")
    book = openpyxl.load_workbook(path)
    ws = book["试用期"]
    col = {c.value: c.column_letter for c in ws[10]}  # the band header, below the table's block
    ws[f"{col['单位']}11"] = "公斤"
    book.save(path)
    code, _, stderr = invoke("rules", "show", str(path), "--lang", "en")
    assert (code, stderr) == (
        2,
        f"Error: {path} sheet '试用期' row 11, column {col['单位']} (单位): '公斤' is not "
        "one of s / % / score / count / yuan\n",
    )


def test_settings_problems_in_english(tmp_path: Path) -> None:
    cfg = tmp_path / "csreport.yaml"
    cfg.write_text("shop: x\nperiod: 2026-10\n", encoding="utf-8")
    with pytest.raises(CsreportError) as info:
        load_config(cfg)
    assert info.value.message("en") == (
        f"Settings file {cfg} line 2: unknown settings: period (known: "
        "colors, company, history, logo, mapping, month, pdf_engine, profile, rules, shop, templates)"
    )
    cfg.write_text("shop: x\nmonth: 2026-13\n", encoding="utf-8")
    with pytest.raises(CsreportError) as info:
        load_config(cfg)
    assert info.value.message("en") == (
        f'Settings file {cfg} line 2: month must be year-month, e.g. 2026-10 (it is "2026-13")'
    )
    cfg.write_text("month: 2026-10-01\npdf_engine: Browser\n", encoding="utf-8")
    assert (load_config(cfg).month, load_config(cfg).pdf_engine) == ("2026-10", "browser")
    cfg.write_text("pdf_engine: edge\n", encoding="utf-8")
    with pytest.raises(CsreportError) as info:
        load_config(cfg)
    assert info.value.message("zh") == (
        f"设置文件 {cfg} 第 1 行：pdf_engine 只能是 auto | weasyprint | browser（现在是「edge」）"
    )
    cfg.write_text("tables: [\n", encoding="utf-8")
    with pytest.raises(CsreportError) as info:
        load_config(cfg)
    assert info.value.message("zh") == (
        f"设置文件 {cfg} 第 2 行：YAML 写法有误（while parsing a flow node "
        "expected the node content, but found '<stream end>'）；"
        "请对照示例检查缩进、冒号和引号"
    )


@pytest.mark.parametrize(
    "line,key", [("shop: [1, 2]", "shop"), ("company: {a: 1}", "company"), ("profile: yes", "profile")]
)
def test_a_setting_that_is_not_text_is_refused_not_printed(tmp_path: Path, line: str, key: str) -> None:
    """A list, a mapping or a bare yes/no where a name belongs would reach the reports as a
    Python repr ([1, 2], {'a': 1}, True): it is refused with the line, in the user's language."""
    cfg = tmp_path / "csreport.yaml"
    cfg.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(CsreportError) as caught:
        load_config(cfg)
    assert caught.value.message("zh") == (
        f"设置文件 {cfg} 第 1 行：{key} 应为一段文字（名称或路径），例如 {key}: 示例；"
        "是/否、列表或键值结构都不行，必要时加上引号"
    )
    assert caught.value.message("en") == (
        f"Settings file {cfg} line 1: {key} should be a piece of text (a name or a path), e.g. {key}: "
        "example; not yes/no, a list or a mapping (quote it if needed)"
    )
