@echo off
rem csreport for Windows: double-click to install or update csreport, then score the workbooks
rem dropped in the input folder beside this file. It works from the csreport folder itself or
rem from its windows sub-folder; the input and reports folders and csreport.yaml sit beside it.
rem   auto   (first argument) for Task Scheduler: no pause at the end, no folder opened.
rem Keep every line above chcp ASCII-only: cmd reads them before the code page is UTF-8.
rem Keep CRLF line ends (.gitattributes): with LF only, cmd finds labels in the wrong place.
rem setlocal names both switches: a registry default (Command Processor's DelayedExpansion or
rem EnableExtensions) may have turned delayed expansion on, which eats every exclamation mark
rem (in a folder's name too), or the extensions off, which "if defined" and "exit /b" need.
chcp 65001 >nul
setlocal EnableExtensions DisableDelayedExpansion
set "PYTHONUTF8=1"
set "PYTHONIOENCODING=utf-8"
set "HERE=%~dp0"
rem pushd, not cd: it also works when this file is opened from a network path (\\server\share).
pushd "%HERE%"
set "IN=%HERE%输入"
set "OUT=%HERE%报表"
set "SETTINGS=%HERE%csreport.yaml"
set "RC=2"
set "AUTO="
if /i "%~1"=="auto" set "AUTO=1"

echo ============================================
echo   客服考核报表  csreport
echo ============================================
echo.

rem The csreport folder (pyproject.toml and the csreport package): this file's folder or the one above.
set "ROOT="
if exist "%HERE%pyproject.toml" if exist "%HERE%csreport\cli\main.py" set "ROOT=%HERE%"
if not defined ROOT if exist "%HERE%..\pyproject.toml" if exist "%HERE%..\csreport\cli\main.py" set "ROOT=%HERE%..\"
if not defined ROOT goto :no_project
set "VENV=%ROOT%.venv"
set "VPY=%VENV%\Scripts\python.exe"
set "STAMP=%VENV%\csreport-install.txt"
rem What pip installed from: pyproject.toml's hash and where the csreport folder is. A change means
rem an update (or a moved folder) to install again. "check" exits 1 when the stamp differs.
rem It says "not a==b" for "a differs from b": the script holds no exclamation mark at all, so it
rem reads the same even run with delayed expansion on (called from another script, say).
set "STAMPPY=import hashlib,os,sys;m,p,s=sys.argv[1:4];want=hashlib.sha256(open(p,'rb').read()).hexdigest()+' '+os.path.realpath(p);m=='write' and open(s,'w',encoding='utf-8').write(want);sys.exit(m=='check' and not open(s,encoding='utf-8').read()==want)"
set "FIRST="
if not exist "%SETTINGS%" set "FIRST=1"
set "NEWIN="
if not exist "%IN%\" set "NEWIN=1"
set "INSTALLED="

rem WeasyPrint's Windows guide: Pango from MSYS2's UCRT64 packages, found through this variable.
if not defined WEASYPRINT_DLL_DIRECTORIES if exist "C:\msys64\ucrt64\bin\" set "WEASYPRINT_DLL_DIRECTORIES=C:\msys64\ucrt64\bin"

rem A .venv whose Python starts is kept; one that does not (Python upgraded, moved or removed) is made anew.
"%VPY%" -c "import sys" >nul 2>&1 && goto :venv_ready

rem Python 3.11 or newer (pyproject.toml's requires-python): the py launcher first, then python.
set "PY="
py -3 -c "import sys; sys.exit(sys.version_info < (3, 11))" >nul 2>&1 && set "PY=py -3"
if defined PY goto :make_venv
python -c "import sys; sys.exit(sys.version_info < (3, 11))" >nul 2>&1 && set "PY=python"
if defined PY goto :make_venv
rem None: a Python too old, the Microsoft Store's stand-in python.exe, or nothing. Given arguments,
rem the stand-in prints "Python was not found" and exits 9009 without opening the Store (only a bare
rem "python" opens it), so python is always run with arguments here. Its folder (WindowsApps in the
rem user's local app data) tells nothing: a Python installed from the Store has its python.exe there too.
py -3 -c "import sys" >nul 2>&1 && goto :python_old
python -c "import sys" >nul 2>&1 && goto :python_old
where python >nul 2>&1 && goto :python_store
goto :no_python

:make_venv
echo 正在准备运行环境（第一次使用或 Python 更新后才需要）……
%PY% -m venv --clear "%VENV%"
if errorlevel 1 goto :venv_failed

:venv_ready
"%VPY%" -c "%STAMPPY%" check "%ROOT%pyproject.toml" "%STAMP%" >nul 2>&1 && goto :installed
echo 正在安装或更新 csreport 所需的组件（第一次需要几分钟，请保持联网）……
"%VPY%" -m pip install --disable-pip-version-check -e "%ROOT%."
if errorlevel 1 goto :install_failed
"%VPY%" -c "%STAMPPY%" write "%ROOT%pyproject.toml" "%STAMP%"
set "INSTALLED=1"
echo 安装完成。
echo.

:installed
if defined FIRST goto :doctor
if defined INSTALLED goto :doctor
goto :setup
:doctor
echo 检查这台电脑生成 PDF 成绩单所需的组件：
rem With the settings file the run will use (it exists from the second run on), so doctor checks
rem the PDF engine that run will take.
if not exist "%SETTINGS%" goto :doctor_plain
"%VPY%" -m csreport.cli.main doctor --config "%SETTINGS%"
goto :doctor_done
:doctor_plain
"%VPY%" -m csreport.cli.main doctor
:doctor_done
echo.

:setup
"%VPY%" -m csreport.cli.main setup "%HERE%."
if errorlevel 1 goto :setup_failed
rem A drop folder made just now is empty: open it for the workbooks. setup's last line (成功：…)
rem says what it made and what to do next; nothing is printed after it.
if not defined NEWIN goto :watch
set "RC=0"
if not defined AUTO start "" "%IN%"
goto :end

:watch
echo.
rem Every workbook in the drop folder, each month it holds; the month, rules and shop from csreport.yaml.
"%VPY%" -m csreport.cli.main watch "%IN%" --out "%OUT%" --once --config "%SETTINGS%"
set "RC=%ERRORLEVEL%"
rem Nothing may be printed after watch's last line (成功 / 有数据问题 / 失败): it must stay the last one.
if defined AUTO goto :end
if "%RC%"=="0" start "" "%OUT%"
if "%RC%"=="1" start "" "%OUT%"
rem 4: the workbook and HTML scorecards are there, the PDFs are not (watch's last line says why).
if "%RC%"=="4" start "" "%OUT%"
goto :end

:no_project
echo 本文件所在的文件夹和它的上一级文件夹里都没有 csreport 程序（pyproject.toml 和 csreport 文件夹）。
echo 本文件要留在 csreport 文件夹里（或它的 windows 文件夹里），不能单独复制到桌面或别处；
echo 想从桌面打开，请右键本文件，选“发送到”→“桌面快捷方式”。
echo 本文件现在在："%HERE%"
echo.
echo 失败：没有找到 csreport 文件夹（说明见上）。
goto :end

:no_python
echo 请从 https://www.python.org/downloads/ 下载并安装 Python（3.11 或更新版本），安装时保持默认选项，
echo 最好勾选“Add python.exe to PATH”；装好后再双击本文件。
echo.
echo 失败：这台电脑没有安装 Python 3.11 或更新版本（安装方法见上）。
goto :end

:python_store
echo 输入 python 只会打开 Windows 的“应用商店”，这不是真正的 Python。
echo 请从 https://www.python.org/downloads/ 下载并安装 Python（3.11 或更新版本），装好后再双击本文件。
echo.
echo 失败：这台电脑没有可用的 Python（只有应用商店的占位程序，安装方法见上）。
goto :end

:python_old
echo csreport 需要 Python 3.11 或更新版本。请从 https://www.python.org/downloads/ 安装新版本
echo （旧版本可以保留），装好后再双击本文件。
echo.
echo 失败：这台电脑上的 Python 版本太旧（需要 3.11 或更新版本）。
goto :end

:venv_failed
echo.
echo 请确认 csreport 文件夹放在自己有写入权限的地方（例如“文档”里），再双击本文件。
echo 位置："%VENV%"
echo.
echo 失败：无法新建 Python 运行环境（原因见上面的提示）。
goto :end

:install_failed
echo.
echo 多半是网络问题：下载太慢，或连不上 pypi.org。网络慢时可以改用国内镜像（只需设置一次），
echo 方法见 README.txt 的“网络慢时”，例如在“命令提示符”中执行下面这一行（可以照抄）：
echo     "%VPY%" -m pip config --user set global.index-url https://mirrors.aliyun.com/pypi/simple/
echo 设置后再双击本文件，会接着安装。
echo.
echo 失败：安装所需组件时出错（原因见上面 pip 的提示）。
goto :end

:setup_failed
echo.
echo 失败：没能准备好“输入”“报表”文件夹或设置文件 csreport.yaml（原因见上一行），改好后再双击本文件。
goto :end

:end
popd
if not defined AUTO pause >nul
endlocal & exit /b %RC%
