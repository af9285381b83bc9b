"""The Windows script (windows/双击生成报表.bat) and its README, read for the known cmd.exe traps,
and the script's logic run here line by line.

cmd.exe cannot run on this machine, so ``Cmd`` below carries out the few statements the script
is made of (``if``, ``set``, ``goto``, ``echo``, ``&&``, external commands) the way cmd does,
over real folders: the script's own ``if exist`` checks look at a real csreport folder laid
out in a temporary directory, its Python one-liners (the version check, the install stamp)
run in a real Python, and its ``csreport setup`` runs the real command. Only what needs
Windows is played by ``Machine``: the py launcher and python.exe being there or not, pip's
result, and ``watch``'s result (its options are checked against the real click command).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import tomllib
from click.testing import CliRunner

from csreport.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
BAT = ROOT / "windows" / "双击生成报表.bat"
README_TXT = ROOT / "windows" / "README.txt"
BOM = b"\xef\xbb\xbf"
MIRROR = "https://mirrors.aliyun.com/pypi/simple/"
# The mirror command the install failure and README.txt give, after the .venv's own python.exe
# (there by then, unlike perhaps the py launcher): it sets pip's per-user file, which every Python
# on the PC reads.
MIRROR_ARGS = f"-m pip config --user set global.index-url {MIRROR}"


def _lines() -> list[str]:
    return BAT.read_bytes().decode("utf-8").split("\r\n")


def _unquoted(line: str) -> str:
    """``line`` without what is between double quotes (where cmd gives no character a meaning)."""
    return re.sub(r'"[^"]*"', '""', line)


def _is_comment(line: str) -> bool:
    return line.strip().lower().startswith("rem ") or line.strip().lower() == "rem"


def _echo_text(line: str) -> str | None:
    s = line.strip()
    return s[5:] if s.lower().startswith("echo ") else None


# --- the bytes -------------------------------------------------------------------------------------


def test_crlf_throughout_and_no_byte_order_mark() -> None:
    data = BAT.read_bytes()
    assert not data.startswith(BOM)  # cmd would read the mark as part of "@echo off"
    assert data.endswith(b"\r\n")
    assert b"\r" not in data.replace(b"\r\n", b"") and b"\n" not in data.replace(b"\r\n", b"")


def test_git_keeps_the_bytes() -> None:
    """``-text``: git stores the CRLF file as it is, so a download of one file has CRLF too."""
    rules = (ROOT / ".gitattributes").read_text("utf-8").splitlines()
    assert "*.bat -text" in rules and "windows/README.txt -text" in rules
    assert not [r for r in rules if r.startswith("*.bat") and r != "*.bat -text"]


def test_the_code_page_line_comes_before_any_non_ascii_line() -> None:
    lines = _lines()
    assert lines[0] == "@echo off"
    chcp = next(i for i, line in enumerate(lines) if line.lower().startswith("chcp"))
    assert lines[chcp] == "chcp 65001 >nul"
    assert all(line.isascii() for line in lines[:chcp])
    assert not lines[chcp + 1].isascii() or all(line.isascii() for line in lines[: chcp + 1])
    assert next(i for i, line in enumerate(lines) if not line.isascii()) > chcp
    # setlocal right after it: no variable of the script outlives it in the caller's window, and
    # neither registry default (delayed expansion on, extensions off) holds for the script.
    assert lines[chcp + 1] == "setlocal EnableExtensions DisableDelayedExpansion"
    assert not [line for line in lines[:chcp] if line.lower().startswith("set ")]


def test_no_exclamation_mark_anywhere() -> None:
    """Delayed expansion (on in some registries, or in a calling script) removes a lone "!" from a
    line: the install stamp's ``!=`` once became ``=``, a syntax error, so every double-click
    installed again. The script holds none, in its code, its echoes or its comments."""
    assert "!" not in BAT.read_text("utf-8")


def test_no_parenthesised_blocks_and_no_subroutines() -> None:
    """Without blocks there is no ``goto :eof`` inside one, and no path with ")" (C:\\Program
    Files (x86), 新建文件夹 (2)) can end a block early."""
    for line in _lines():
        if _is_comment(line) or _echo_text(line) is not None:
            continue
        bare = _unquoted(line)
        assert "(" not in bare and ")" not in bare, line
    text = BAT.read_text("utf-8").lower()
    assert "goto :eof" not in text and "call :" not in text


def test_every_goto_has_its_label() -> None:
    lines = _lines()
    labels = [line[1:].strip().lower() for line in lines if line.startswith(":")]
    assert len(labels) == len(set(labels))
    targets = {m.lower() for line in lines for m in re.findall(r"goto :(\w+)", line)}
    assert targets <= set(labels)
    assert set(labels) - targets <= {"venv_ready", "make_venv", "installed", "doctor", "setup", "watch"}


def test_paths_are_quoted_and_echoes_have_no_special_characters() -> None:
    paths = ("HERE", "IN", "OUT", "SETTINGS", "ROOT", "VENV", "VPY", "STAMP")
    for line in _lines():
        if _is_comment(line):
            continue
        for name in paths:
            # Quoted, a path with spaces, Chinese, "&" or ")" is one argument, never a command.
            assert f"%{name}%" not in _unquoted(line), line
        text = _echo_text(line)
        if text is not None:
            assert not re.search(r"[<>|&^]", _unquoted(text)), line
            assert "%" not in re.sub(r"%\w+%", "", text), line
    assert [line for line in _lines() if "%~dp0" in line] == ['set "HERE=%~dp0"']
    # HERE and ROOT end in "\": a program reads \" as a quote, not as the end of its argument,
    # so neither is passed to one bare ("%HERE%." instead).
    for line in _lines():
        if re.match(r'\s*("%VPY%"|%PY%|py |python )', line):
            assert not re.search(r'%(HERE|ROOT)%"', line), line
    assert not [line for line in _lines() if _is_comment(line) and "%" in line]


def test_the_python_version_is_pyprojects() -> None:
    wanted = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["requires-python"]
    version = re.fullmatch(r">=(\d+)\.(\d+)", wanted)
    assert version, wanted
    major, minor = version.groups()
    text = BAT.read_text("utf-8")
    assert text.count(f"sys.version_info < ({major}, {minor})") == 2
    # Every version the script names, in its comments and in what it tells the user.
    assert set(re.findall(r"(\d+\.\d+)(?: or newer| 或更新)", text)) == {f"{major}.{minor}"}
    assert len(re.findall(r"\d+\.\d+ 或更新", text)) == 5


def test_nothing_is_deleted_and_no_one_is_told_to_delete() -> None:
    for line in _lines():
        assert not re.match(r"\s*(rmdir|rd|del|erase)\b", line, re.I), line
    readme = README_TXT.read_text("utf-8-sig").splitlines()
    # The only lines that speak of deleting: the history is kept, a comment's "# " in csreport.yaml
    # is deleted to use a setting, and nothing is deleted by hand.
    assert [line.strip() for line in readme if "删" in line] == [
        "csreport-history.sqlite           历史记录（每月结果，用于趋势和半年评审），请不要删除",
        "- 其余几项（公司名称、标志、颜色等）在文件下半部分，要用时删去那一行开头的“# ”。",
        "也会自动重新准备运行环境。不需要手工删除任何文件。",
    ]
    # .venv is named only as where csreport's own Python is, for the mirror command.
    assert [line for line in readme if ".venv" in line] == [
        f'       "C:\\Users\\张三\\Documents\\csreport\\.venv\\Scripts\\python.exe" {MIRROR_ARGS}',
        "   引号里是 csreport 自己的 Python（第一次双击时在 csreport 文件夹里建立的 .venv 文件夹中），",
        "   看到 Writing to ……\\pip\\pip.ini 就设置好了。还没有双击过（没有 .venv 文件夹）时，请用方法 2。",
    ]


def test_the_install_failure_points_at_a_mirror() -> None:
    echoes = [t for t in map(_echo_text, _lines()) if t]
    assert f'    "%VPY%" {MIRROR_ARGS}' in echoes
    assert any("README.txt 的“网络慢时”" in t for t in echoes)
    assert not [t for t in echoes if re.search(r"\b(py|python) -m pip", t)]


def _pip(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real pip of this environment, its user settings in ``home`` (as the script runs it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), APPDATA=str(home), PYTHONUTF8="1")
    return subprocess.run(
        [sys.executable, "-m", "pip", *args], capture_output=True, text=True, env=env, check=False
    )


def test_the_mirror_settings_are_ones_pip_takes(tmp_path: Path) -> None:
    """The command the script and README.txt give, and README.txt's pip.ini, run through a real
    pip: the command writes pip's per-user file; the two lines in that file set the mirror; the
    same file with a byte order mark (Notepad's "UTF-8 with BOM") breaks pip, as README.txt warns."""
    set_it = _pip(tmp_path / "a", *MIRROR_ARGS.split()[2:])
    assert set_it.returncode == 0, set_it.stderr
    user_file = tmp_path / "a" / ".config" / "pip" / "pip.conf"
    assert set_it.stdout.strip() == f"Writing to {user_file}"
    assert user_file.read_text("utf-8").split() == ["[global]", "index-url", "=", MIRROR]
    readme = README_TXT.read_text("utf-8-sig").splitlines()
    at = readme.index("          [global]")
    ini = "\n".join(line.strip() for line in readme[at : at + 2]) + "\n"
    assert ini == f"[global]\nindex-url = {MIRROR}\n"
    for bom, works in ((b"", True), (BOM, False)):
        written = tmp_path / "b" / ".config" / "pip" / "pip.conf"
        written.parent.mkdir(parents=True, exist_ok=True)
        written.write_bytes(bom + ini.encode("utf-8"))
        listed = _pip(tmp_path / "b", "config", "--user", "list")
        assert (listed.returncode == 0) is works
        if works:
            assert listed.stdout.splitlines() == [f"global.index-url='{MIRROR}'"]
        else:
            assert "File contains no section headers" in listed.stderr


# --- the README ---------------------------------------------------------------------------------------


def test_the_readme_is_for_notepad_and_says_each_step() -> None:
    data = README_TXT.read_bytes()
    assert data.startswith(BOM)
    assert b"\n" not in data.replace(b"\r\n", b"")
    text = data[len(BOM) :].decode("utf-8")
    for needed in (
        "https://www.python.org/downloads/",
        "打开 csreport 文件夹里的 windows 文件夹，双击“双击生成报表.bat”",
        "发送到”→“桌面快捷方式",
        "处理记录.xlsx",
        "成功：",
        "有数据问题 N 个：",
        "失败：",
        "shop: 某某旗舰店",
        "month: 2026-10",
        "任务计划程序",
        "添加参数：  auto",
        f'\\.venv\\Scripts\\python.exe" {MIRROR_ARGS}',
        "安装出错时，窗口里会显示这一行的完整写法",
        "%APPDATA%\\pip\\pip.ini",
        "C:\\Users\\你的用户名\\AppData\\Roaming\\pip\\pip.ini",
        "“保存类型”选“所有文件”",
        "不要选“带有 BOM 的 UTF-8”",
        # A folder path with "&" can keep Explorer from starting the script at all.
        "文件夹名字里不要有 & 符号",
        "请把 csreport 放在名字里没有 & 的文件夹里",
        "双击后窗口一闪就关了：多半是 csreport 所在位置的文件夹名字里有 & 符号",
        "最后一行是“成功：已新建……下一步：……”时就准备好了",
        "pacman -S mingw-w64-ucrt-x86_64-pango",
        "MSYS2 UCRT64",
        "WEASYPRINT_DLL_DIRECTORIES",
        "C:\\msys64",
        "ucrt64\\bin",
        "Microsoft Edge",
    ):
        assert needed in text, needed
    assert "mingw-w64-x86_64-pango" not in text  # the old MINGW64 package the guide no longer names
    # pip through the py launcher or a python on PATH fails where there is neither.
    assert not re.search(r"\b(py|python) -m pip", text)


# --- the script's logic, run ----------------------------------------------------------------------------


@dataclass
class Machine:
    """The Windows PC the script runs on, as far as the script can tell: which Pythons start,
    what pip and ``csreport watch`` answer. ``drive`` stands for C:\\."""

    drive: Path
    py: str = "ok"  # the py launcher: ok | old | missing
    python: str = "missing"  # python.exe on PATH: ok | old | store (the Microsoft Store stand-in) | missing
    venv_broken: bool = False  # the .venv's python.exe is there but no longer starts
    # HKCU\Software\Microsoft\Command Processor: DelayedExpansion=1 and EnableExtensions=0
    delayed_expansion: bool = False
    extensions: bool = True
    pip_code: int = 0
    watch: tuple[int, list[str]] = (0, ["成功：2026-10 已生成（见 处理记录.xlsx）"])
    calls: list[list[str]] = field(default_factory=list)
    envs: list[dict[str, str]] = field(default_factory=list)

    def run(self, argv: list[str], env: dict[str, str]) -> tuple[int, list[str]]:
        self.calls.append(argv)
        self.envs.append(dict(env))
        prog, args = argv[0], argv[1:]
        if prog == "py":
            assert args[0] == "-3"
            return self._base(self.py, args[1:])
        if prog == "python":
            return self._base(self.python, args)
        if prog == "where":
            assert args == ["python"]
            return (0 if self.python != "missing" else 1), []
        if prog.endswith("/.venv/Scripts/python.exe"):
            return self._venv(Path(prog), args)
        raise AssertionError(f"the script ran {argv}")

    def _base(self, kind: str, args: list[str]) -> tuple[int, list[str]]:
        # Run bare, the Store's stand-in opens the Store; with arguments it only prints
        # "Python was not found; run without arguments to install from the Microsoft Store…".
        assert args, "python run without arguments"
        if kind in ("missing", "store"):
            return 9009, []
        if args[:3] == ["-m", "venv", "--clear"]:
            venv = Path(args[3])
            shutil.rmtree(venv, ignore_errors=True)
            (venv / "Scripts").mkdir(parents=True)
            (venv / "Scripts" / "python.exe").write_text("python")
            self.venv_broken = False
            return 0, []
        assert args[0] == "-c", args
        if kind == "old":
            return (1 if "version_info" in args[1] else 0), []
        return _python(args)

    def _venv(self, exe: Path, args: list[str]) -> tuple[int, list[str]]:
        if not exe.is_file() or self.venv_broken:
            return 9009, []
        if args[0] == "-c":
            return _python(args)
        if args[:3] == ["-m", "pip", "install"]:
            return self.pip_code, ["Successfully installed csreport-0.1.0"] if self.pip_code == 0 else [
                "ERROR: Could not find a version that satisfies the requirement pandas"
            ]
        assert args[:2] == ["-m", "csreport.cli.main"], args
        name = args[2]
        assert name in main.commands, name
        if name == "setup":
            result = CliRunner().invoke(main, args[2:])
            return result.exit_code, result.output.splitlines()
        if name == "doctor":
            main.commands["doctor"].make_context("doctor", list(args[3:]))
            return 0, ["✓ Python 3.12"]
        assert name == "watch"
        return self.watch[0], list(self.watch[1])


def _python(args: list[str]) -> tuple[int, list[str]]:
    """The script's own Python one-liners, run for real."""
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, check=False)
    return done.returncode, done.stdout.splitlines()


@dataclass
class Screen:
    """What one double-click left: the window's lines, the exit code, what it did."""

    lines: list[str]
    code: int
    paused: bool
    opened: list[Path]


class Cmd:
    """The statements of the script, carried out as cmd.exe does (for these forms only)."""

    def __init__(
        self, here: Path, machine: Machine, args: tuple[str, ...] = (), env: dict[str, str] | None = None
    ):
        self.here, self.machine, self.args = here, machine, args
        self.env: dict[str, str] = {k.upper(): v for k, v in (env or {}).items()}
        self.errorlevel = 0
        # As the registry has them until setlocal says otherwise.
        self.delayed, self.extensions = machine.delayed_expansion, machine.extensions
        self.screen = Screen([], -1, False, [])

    def posix(self, path: str) -> str:
        if re.match(r"^[A-Za-z]:\\", path):
            return str(self.machine.drive) + "/" + path[3:].replace("\\", "/")
        return path.replace("\\", "/")

    def expand(self, line: str) -> str:
        if not self.extensions:
            # Without command extensions these forms are errors or plain text.
            found = re.search(
                r"%~|%ERRORLEVEL%|\bif\s+(not\s+)?defined\b|\bif\s+/i\b|\bexit\s+/b\b", line, re.I
            )
            assert not found, f"needs command extensions: {line}"
        line = line.replace("%~dp0", str(self.here) + "/")
        line = line.replace("%~1", self.args[0] if self.args else "")
        line = line.replace("%ERRORLEVEL%", str(self.errorlevel))
        line = re.sub(r"%(\w+)%", lambda m: self.env.get(m.group(1).upper(), ""), line)
        if self.delayed and "!" in line:
            # After the % expansion: !name! is the variable's value, and a lone ! is dropped.
            line = re.sub(r"!([^!]*)!", lambda m: self.env.get(m.group(1).upper(), ""), line)
            line = line.replace("!", "")
        return line

    def run(self) -> Screen:
        lines = _lines()
        labels = {line[1:].strip().lower(): i for i, line in enumerate(lines) if line.startswith(":")}
        pc, steps = 0, 0
        while pc < len(lines):
            steps += 1
            assert steps < 10_000, "the script loops"
            done = self.step(lines[pc])
            if done and done[0] == "goto":
                pc = labels[done[1]]
            elif done and done[0] == "exit":
                self.screen.code = int(done[1])
                return self.screen
            pc += 1
        raise AssertionError("the script ran off its end without exit /b")

    def step(self, raw: str) -> tuple[str, str] | None:
        if not raw.strip() or raw.startswith(":") or _is_comment(raw):
            return None
        s = self.expand(raw).strip()
        while s.lower().startswith("if "):
            m = re.match(
                r'if\s+(/i\s+)?(not\s+)?(?:defined\s+(\w+)|exist\s+"([^"]*)"|errorlevel\s+(\d+)|"([^"]*)"=="([^"]*)")'
                r"\s+(.*)$",
                s,
                re.I,
            )
            assert m, s
            if m.group(3):
                ok = m.group(3).upper() in self.env
            elif m.group(4) is not None:
                path = self.posix(m.group(4))
                ok = os.path.isdir(path) if path.endswith("/") else os.path.exists(path)
            elif m.group(5):
                ok = self.errorlevel >= int(m.group(5))
            else:
                a, b = m.group(6), m.group(7)
                ok = a.lower() == b.lower() if m.group(1) else a == b
            if ok == bool(m.group(2)):
                return None
            s = m.group(8)
        return self.command(s)

    def command(self, s: str) -> tuple[str, str] | None:
        low = s.lower()
        if low.startswith("goto :"):
            return ("goto", low[6:].strip())
        m = re.fullmatch(r'set "(\w+)=(.*)"', s)
        if m:
            if m.group(2):
                self.env[m.group(1).upper()] = m.group(2)
            else:
                self.env.pop(m.group(1).upper(), None)
            return None
        if low == "echo.":
            self.screen.lines.append("")
            return None
        if low.startswith("echo "):
            self.screen.lines.append(s[5:])
            return None
        if low in ("@echo off", "chcp 65001 >nul", "popd") or low.startswith("pushd "):
            return None
        m = re.fullmatch(r"setlocal((?:\s+(?:enable|disable)(?:extensions|delayedexpansion))*)", low)
        if m:
            for switch in m.group(1).split():
                if switch.endswith("delayedexpansion"):
                    self.delayed = switch.startswith("enable")
                else:
                    self.extensions = switch.startswith("enable")
            return None
        if low == "pause >nul":
            self.screen.paused = True
            return None
        m = re.fullmatch(r"endlocal & exit /b (-?\d+)", s)
        if m:
            return ("exit", m.group(1))
        m = re.fullmatch(r'start "" "([^"]*)"', s)
        if m:
            self.screen.opened.append(Path(self.posix(m.group(1))))
            return None
        at = _outside_quotes(s, " && ")
        if at >= 0:
            self.external(s[:at])
            return self.command(s[at + 4 :].strip()) if self.errorlevel == 0 else None
        self.external(s)
        return None

    def external(self, s: str) -> None:
        tokens = [self.posix(t) for t in _split(s)]
        quiet = ">nul" in tokens
        argv = [t for t in tokens if t not in (">nul", "2>&1")]
        code, out = self.machine.run(argv, self.env)
        self.errorlevel = code
        if not quiet:
            self.screen.lines += out


def _outside_quotes(s: str, sub: str) -> int:
    """Where ``sub`` first occurs in ``s`` outside double quotes; -1 when it does not."""
    quoted = False
    for i, ch in enumerate(s):
        if ch == '"':
            quoted = not quoted
        elif not quoted and s.startswith(sub, i):
            return i
    return -1


def _split(s: str) -> list[str]:
    """A command line split into arguments as a Windows program receives them (no backslash
    escapes occur in the script)."""
    return [t.replace('"', "") for t in re.findall(r'(?:"[^"]*"|[^\s"])+', s)]


def _project(root: Path) -> Path:
    """A csreport folder: what the script looks for, and the windows folder it ships in."""
    (root / "csreport" / "cli").mkdir(parents=True)
    (root / "csreport" / "cli" / "main.py").write_text("")
    (root / "pyproject.toml").write_text('[project]\nname = "csreport"\n')
    (root / "windows").mkdir()
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return _project(tmp_path / "客服 考核 (2)")


@pytest.fixture
def machine(tmp_path: Path) -> Machine:
    (tmp_path / "C").mkdir()
    return Machine(tmp_path / "C")


def _calls(machine: Machine, what: str) -> list[list[str]]:
    return [c for c in machine.calls if what in " ".join(c)]


def _next_step(inputs: Path) -> str:
    return (
        f"下一步：把本月的表格（花名册、考勤、质检抽查、接待数据等）放进 {inputs}，再运行一次"
        "（Windows：再双击“双击生成报表.bat”）。"
    )


# The first double-click's last line: setup's, as it made the drop folder.
READY = (
    "成功：已新建“输入”文件夹、“报表”文件夹和设置文件 csreport.yaml。下一步：把本月的表格（花名册、考勤、"
    "质检抽查、接待数据等）放进“输入”文件夹，需要时在 csreport.yaml 里填写店铺名称、月份等，再运行一次"
    "（Windows：再双击“双击生成报表.bat”）。"
)


def test_first_double_click_in_the_windows_folder(project: Path, machine: Machine) -> None:
    here = project / "windows"
    screen = Cmd(here, machine).run()
    venv = project / ".venv"
    # The venv and the install are the csreport folder's (the folder above the script).
    made = _calls(machine, "-m venv --clear")
    assert len(made) == 1 and made[0][:2] == ["py", "-3"] and os.path.realpath(made[0][-1]) == str(venv)
    (pip,) = _calls(machine, "-m pip install")
    assert pip[1:] == ["-m", "pip", "install", "--disable-pip-version-check", "-e", pip[-1]]
    assert os.path.realpath(pip[-1]) == str(project)
    assert os.path.realpath(pip[0]) == str(venv / "Scripts" / "python.exe")
    stamp = (venv / "csreport-install.txt").read_text("utf-8")
    assert stamp.endswith(" " + str(project / "pyproject.toml"))
    # doctor on first use, then setup in the script's own folder; watch waits for workbooks.
    assert [c[3] for c in _calls(machine, "csreport.cli.main")] == ["doctor", "setup"]
    assert sorted(p.name for p in here.iterdir()) == ["csreport.yaml", "报表", "输入"]
    assert "✓ Python 3.12" in screen.lines
    assert screen.opened == [here / "输入"]
    # A clear last line: success, what was made and what to do next; said once.
    assert screen.lines[-1] == READY
    assert not [line for line in screen.lines if line.startswith("下一步：")]
    assert (screen.code, screen.paused) == (0, True)
    assert {env["PYTHONUTF8"] for env in machine.envs} == {"1"}


def test_the_next_double_clicks_score_the_drop_folder(project: Path, machine: Machine) -> None:
    here = project / "windows"
    Cmd(here, machine).run()
    (here / "输入" / "十月.xlsx").write_bytes(b"x")
    machine.calls.clear()
    screen = Cmd(here, machine).run()
    # Nothing installed again, no doctor; the watch over the drop folder, with the settings file.
    assert not _calls(machine, "pip") and not _calls(machine, "venv --clear")
    (watch,) = _calls(machine, "csreport.cli.main watch")
    assert watch[4:] == [
        str(here / "输入"),
        "--out",
        str(here / "报表"),
        "--once",
        "--config",
        str(here / "csreport.yaml"),
    ]
    assert [c[3] for c in _calls(machine, "csreport.cli.main")] == ["setup", "watch"]
    assert f"设置文件已有，未改动：{here / 'csreport.yaml'}" in screen.lines
    # watch's last line stays the window's last line; the reports folder opens.
    assert screen.lines[-1] == "成功：2026-10 已生成（见 处理记录.xlsx）"
    assert (screen.code, screen.paused, screen.opened) == (0, True, [here / "报表"])


SUMMARY = (
    "本次设置：店铺 未填写（报表上写“本店”）；月份 全部（有哪几个月的表格就生成哪几个月）；"
    "规则 standard（标准，默认）；PDF 自动"
)


def test_the_next_step_is_said_only_while_the_drop_folder_is_empty(project: Path, machine: Machine) -> None:
    here = project / "windows"
    Cmd(here, machine).run()
    kept = f"设置文件已有，未改动：{here / 'csreport.yaml'}"
    # Double-clicked again before a workbook was put in: setup says what to do; watch finds nothing.
    nothing = f"成功：没有新的或改动过的文件（见 {here / '报表' / '处理记录.xlsx'}）"
    machine.watch = (0, [nothing])
    screen = Cmd(here, machine).run()
    assert screen.lines[4:] == [kept, SUMMARY, _next_step(here / "输入"), "", nothing]
    # Once the drop folder holds a workbook, setup's lines are what it kept and the settings.
    (here / "输入" / "十月.xlsx").write_bytes(b"x")
    machine.watch = (0, ["成功：2026-10 已生成（见 处理记录.xlsx）"])
    screen = Cmd(here, machine).run()
    assert screen.lines[4:] == [kept, SUMMARY, "", "成功：2026-10 已生成（见 处理记录.xlsx）"]


@pytest.mark.parametrize(
    ("delayed", "extensions"),
    [(True, True), (False, False), (True, False)],
    ids=["delayed expansion on", "extensions off", "both"],
)
def test_the_registrys_cmd_defaults_change_nothing(
    tmp_path: Path, machine: Machine, delayed: bool, extensions: bool
) -> None:
    """HKCU\\Software\\Microsoft\\Command Processor may turn delayed expansion on (a lone "!"
    vanishes: from the folder's name, from a one-liner) or the command extensions off."""
    here = _project(tmp_path / "考核!2026 & 客服 (2)") / "windows"
    machine.delayed_expansion, machine.extensions = delayed, extensions
    screen = Cmd(here, machine).run()
    assert screen.lines[-1] == READY
    assert sorted(p.name for p in here.iterdir()) == ["csreport.yaml", "报表", "输入"]
    (here / "输入" / "十月.xlsx").write_bytes(b"x")
    machine.calls.clear()
    screen = Cmd(here, machine).run()
    # The install stamp reads back as written: nothing is installed again.
    assert not _calls(machine, "pip install")
    assert [c[3] for c in _calls(machine, "csreport.cli.main")] == ["setup", "watch"]
    assert (screen.lines[-1], screen.code) == ("成功：2026-10 已生成（见 处理记录.xlsx）", 0)


def test_an_update_or_a_moved_folder_installs_again(project: Path, machine: Machine, tmp_path: Path) -> None:
    here = project / "windows"
    Cmd(here, machine).run()
    (here / "输入" / "十月.xlsx").write_bytes(b"x")
    (project / "pyproject.toml").write_text('[project]\nname = "csreport"\nversion = "0.2.0"\n')
    machine.calls.clear()
    screen = Cmd(here, machine).run()
    assert len(_calls(machine, "pip install")) == 1 and not _calls(machine, "venv --clear")
    # After an install, doctor says again which PDF engine this computer has: the one the run
    # will take with the settings file beside the script.
    assert [c[3] for c in _calls(machine, "csreport.cli.main")] == ["doctor", "setup", "watch"]
    assert _calls(machine, "csreport.cli.main")[0][4:] == ["--config", str(here / "csreport.yaml")]
    assert screen.lines[-1] == "成功：2026-10 已生成（见 处理记录.xlsx）"
    machine.calls.clear()
    Cmd(here, machine).run()
    assert not _calls(machine, "pip install")
    # The folder copied elsewhere: its editable install still points at the old place.
    moved = shutil.copytree(project, tmp_path / "moved", symlinks=True)
    machine.calls.clear()
    Cmd(moved / "windows", machine).run()
    (pip,) = _calls(machine, "pip install")
    assert os.path.realpath(pip[-1]) == str(moved)


def test_a_venv_whose_python_no_longer_starts_is_made_anew(project: Path, machine: Machine) -> None:
    here = project / "windows"
    Cmd(here, machine).run()
    machine.venv_broken = True  # Python upgraded or removed
    machine.calls.clear()
    screen = Cmd(here, machine).run()
    assert len(_calls(machine, "venv --clear")) == 1 and len(_calls(machine, "pip install")) == 1
    assert screen.code == 0


def test_the_script_in_the_csreport_folder_itself(project: Path, machine: Machine) -> None:
    screen = Cmd(project, machine).run()
    (pip,) = _calls(machine, "pip install")
    assert os.path.realpath(pip[-1]) == str(project)
    assert (project / "输入").is_dir() and (project / "csreport.yaml").is_file()
    assert screen.lines[-1] == READY


@pytest.mark.parametrize("layout", ["alone", "other project"])
def test_no_csreport_folder(tmp_path: Path, machine: Machine, layout: str) -> None:
    here = tmp_path / "桌面"
    here.mkdir()
    if layout == "other project":  # a pyproject.toml that is not csreport's
        (tmp_path / "pyproject.toml").write_text("")
    screen = Cmd(here, machine).run()
    assert machine.calls == []
    assert screen.lines[-1] == "失败：没有找到 csreport 文件夹（说明见上）。"
    assert f'本文件现在在："{here}/"' in screen.lines
    assert (screen.code, screen.paused) == (2, True)


@pytest.mark.parametrize(
    ("py", "python", "last"),
    [
        ("missing", "missing", "失败：这台电脑没有安装 Python 3.11 或更新版本（安装方法见上）。"),
        ("missing", "store", "失败：这台电脑没有可用的 Python（只有应用商店的占位程序，安装方法见上）。"),
        ("old", "missing", "失败：这台电脑上的 Python 版本太旧（需要 3.11 或更新版本）。"),
        ("missing", "old", "失败：这台电脑上的 Python 版本太旧（需要 3.11 或更新版本）。"),
    ],
)
def test_no_usable_python(project: Path, machine: Machine, py: str, python: str, last: str) -> None:
    machine.py, machine.python = py, python
    screen = Cmd(project / "windows", machine).run()
    assert screen.lines[-1] == last
    assert "https://www.python.org/downloads/" in " ".join(screen.lines)
    assert not _calls(machine, "-m venv") and not (project / ".venv").exists()
    assert (screen.code, screen.paused) == (2, True)
    # Never a bare "python", which would open the Store where only its stand-in is.
    assert [c for c in machine.calls if c[0] == "python"] and all(
        len(c) > 1 for c in machine.calls if c[0] == "python"
    )


def test_python_on_the_path_when_the_launcher_is_too_old(project: Path, machine: Machine) -> None:
    machine.py, machine.python = "old", "ok"
    Cmd(project / "windows", machine).run()
    (made,) = _calls(machine, "-m venv --clear")
    assert made[0] == "python"


def test_a_failed_install_says_why_and_the_next_double_click_goes_on(project: Path, machine: Machine) -> None:
    here = project / "windows"
    machine.pip_code = 1
    screen = Cmd(here, machine).run()
    assert screen.lines[-1] == "失败：安装所需组件时出错（原因见上面 pip 的提示）。"
    assert "ERROR: Could not find a version that satisfies the requirement pandas" in screen.lines
    # The mirror command, whole: the .venv's python.exe (made before pip ran), quoted.
    (mirror,) = [line for line in screen.lines if line.endswith(MIRROR_ARGS)]
    vpy = re.fullmatch(r'    "([^"]+)" ' + re.escape(MIRROR_ARGS), mirror)
    assert vpy and os.path.realpath(vpy.group(1).replace("\\", "/")) == str(
        project / ".venv/Scripts/python.exe"
    )
    assert Path(vpy.group(1).replace("\\", "/")).is_file()
    assert not (project / ".venv" / "csreport-install.txt").exists()
    assert not _calls(machine, "csreport.cli.main") and screen.code == 2
    machine.pip_code = 0
    machine.calls.clear()
    screen = Cmd(here, machine).run()
    assert len(_calls(machine, "pip install")) == 1 and not _calls(machine, "venv --clear")
    assert screen.lines[-1] == READY


@pytest.mark.parametrize(
    ("code", "last", "opened"),
    [
        (1, "有数据问题 3 个：2026-10（见 处理记录.xlsx）", True),
        (2, "失败：2026-10 正被另一次运行处理", False),
        (3, "失败：csreport 内部出错", False),
        (4, "失败：2026-10 未生成 PDF（已改为生成 HTML 成绩单）；运行 csreport doctor 查看原因", True),
    ],
)
def test_watch_results_stay_the_last_line(
    project: Path, machine: Machine, code: int, last: str, opened: bool
) -> None:
    here = project / "windows"
    Cmd(here, machine).run()
    (here / "输入" / "十月.xlsx").write_bytes(b"x")
    machine.watch = (code, ["正在处理 十月.xlsx", last])
    screen = Cmd(here, machine).run()
    assert screen.lines[-2:] == ["正在处理 十月.xlsx", last]
    assert (screen.code, screen.opened) == (code, [here / "报表"] if opened else [])


def test_auto_for_task_scheduler(project: Path, machine: Machine) -> None:
    here = project / "windows"
    screen = Cmd(here, machine, ("auto",)).run()
    assert (screen.paused, screen.opened, screen.code) == (False, [], 0)
    (here / "输入" / "十月.xlsx").write_bytes(b"x")
    machine.watch = (1, ["有数据问题 3 个：2026-10（见 处理记录.xlsx）"])
    screen = Cmd(here, machine, ("AUTO",)).run()
    # Task Scheduler's "last run result" is this code.
    assert (screen.paused, screen.opened, screen.code) == (False, [], 1)


def test_a_mistake_in_the_settings_stops_before_watch(project: Path, machine: Machine) -> None:
    here = project / "windows"
    Cmd(here, machine).run()
    (here / "csreport.yaml").write_text("month: 十月\n", "utf-8")
    machine.calls.clear()
    screen = Cmd(here, machine).run()
    assert not _calls(machine, "watch")
    assert screen.lines[-3:] == [
        f"错误：设置文件 {here / 'csreport.yaml'} 第 1 行："
        "month 应写成 年-月，例如 2026-10（现在是「十月」）",
        "",
        "失败：没能准备好“输入”“报表”文件夹或设置文件 csreport.yaml（原因见上一行），改好后再双击本文件。",
    ]
    assert screen.code == 2


@pytest.mark.parametrize(
    ("msys2", "preset", "seen"),
    [
        (True, None, "C:\\msys64\\ucrt64\\bin"),
        (True, "D:\\msys64\\ucrt64\\bin", "D:\\msys64\\ucrt64\\bin"),
        (False, None, None),
    ],
)
def test_weasyprint_finds_msys2s_pango(
    project: Path, machine: Machine, msys2: bool, preset: str | None, seen: str | None
) -> None:
    if msys2:
        (machine.drive / "msys64" / "ucrt64" / "bin").mkdir(parents=True)
    env = {"WEASYPRINT_DLL_DIRECTORIES": preset} if preset else {}
    Cmd(project / "windows", machine, env=env).run()
    assert {e.get("WEASYPRINT_DLL_DIRECTORIES") for e in machine.envs} == {seen}


def test_the_commands_the_script_runs_take_its_options(project: Path, machine: Machine) -> None:
    """Checked against the real click commands: ``watch`` takes the drop folder, --out, --once
    and --config (red until the watch command has them)."""
    here = project / "windows"
    Cmd(here, machine).run()
    (here / "输入" / "十月.xlsx").write_bytes(b"x")
    Cmd(here, machine).run()
    (watch,) = _calls(machine, "csreport.cli.main watch")
    command = main.commands["watch"]
    ctx = command.make_context("watch", list(watch[4:]))
    by_option = {opt: param.name for param in command.params for opt in getattr(param, "opts", [])}
    assert ctx.params[by_option["--once"]] is True
    assert Path(ctx.params[by_option["--config"]]) == here / "csreport.yaml"
    assert Path(ctx.params[by_option["--out"]]) == here / "报表"
    values = [v for v in ctx.params.values() if isinstance(v, (str, Path, tuple, list))]
    assert any(Path(v) == here / "输入" for v in values if not isinstance(v, (tuple, list))) or any(
        Path(x) == here / "输入" for v in values if isinstance(v, (tuple, list)) for x in v
    )
