@echo off
rem Double-click: install once, then score every workbook in the input folder.
rem Keep the lines above chcp ASCII-only: they are read before the code page is UTF-8.
chcp 65001 >nul
setlocal
set "PYTHONUTF8=1"
set "PYTHONIOENCODING=utf-8"
cd /d "%~dp0"
set "VENV=%~dp0.venv"
set "IN=%~dp0输入"
set "OUT=%~dp0报表"

echo ============================================
echo   客服考核报表  csreport
echo ============================================
echo.

if exist "%IN%\" goto :setup
mkdir "%IN%"
echo 已新建文件夹 "输入"：
echo   "%IN%"
echo 请把本月的 Excel 表格（花名册、考勤、质检、接待数据）放进这个文件夹，然后再双击本文件。
start "" "%IN%"
goto :end

:setup
if exist "%VENV%\Scripts\csreport.exe" goto :collect
set "PY="
py -3 -c "import sys; sys.exit(sys.version_info < (3, 11))" >nul 2>&1 && set "PY=py -3"
if not defined PY python -c "import sys; sys.exit(sys.version_info < (3, 11))" >nul 2>&1 && set "PY=python"
if defined PY goto :install
echo 没有找到 Python 3.11 或更新版本。
echo 请从 https://www.python.org/downloads/ 安装 Python，安装时勾选 "Add python.exe to PATH"，然后再双击本文件。
goto :end

:install
echo 第一次运行：正在安装所需组件，需要几分钟，请稍候……
%PY% -m venv "%VENV%"
if errorlevel 1 goto :install_failed
"%VENV%\Scripts\python.exe" -m pip install -q --disable-pip-version-check -e "%~dp0.."
if errorlevel 1 goto :install_failed
echo 安装完成。
echo.
goto :collect

:install_failed
echo 安装失败：请检查网络连接后再双击本文件重试。
if exist "%VENV%\" rmdir /s /q "%VENV%"
goto :end

:collect
set "FILES="
rem One pattern only: "*.xls" would also match .xlsx through 8.3 short names.
for %%F in ("%IN%\*.xls*") do call :add "%%~fF"
if defined FILES goto :run
echo 文件夹 "输入" 里没有 Excel 表格：
echo   "%IN%"
echo 请把本月的表格（花名册、考勤、质检、接待数据）放进去，然后再双击本文件。
start "" "%IN%"
goto :end

:run
echo 正在生成报表……
echo.
"%VENV%\Scripts\csreport.exe" run %FILES% --out "%OUT%"
if errorlevel 1 goto :run_failed
echo.
echo 完成，结果在文件夹 "报表"：
echo   "%OUT%"
goto :open

:run_failed
echo.
echo 生成过程中出现问题，请查看上面的提示。

:open
if exist "%OUT%\" start "" "%OUT%"
goto :end

:add
rem Skip Excel's lock files (~$name.xlsx, present while a workbook is open) and non-Excel files.
set "NAME=%~nx1"
if "%NAME:~0,2%"=="~$" goto :eof
if /i not "%~x1"==".xlsx" if /i not "%~x1"==".xlsm" if /i not "%~x1"==".xls" goto :eof
set FILES=%FILES% %1
goto :eof

:end
echo.
pause
endlocal
