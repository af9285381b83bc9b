#!/usr/bin/env bash
# csreport on a fresh machine: sets up .venv and system libraries, then runs the tool.
#   ./run.sh demo            sample month -> formatted workbook + PDF scorecards
#   ./run.sh test [ARGS]     the test suite (pytest ARGS)
#   ./run.sh ARGS...         any csreport command, e.g. ./run.sh run a.xlsx --out 报表
# Set-up messages go to stderr. Relative paths in ARGS are taken from the caller's cwd.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.csreport-stamp"
PY="${PYTHON:-python3}"

say() { printf 'run.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

APT_UPDATED=0
apt_install() {
    if [ "$APT_UPDATED" = 0 ]; then
        apt-get update -qq >&2
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

have_lib() {
    # ldconfig lives in /sbin, which is not on a normal user's PATH.
    { ldconfig -p 2>/dev/null || /sbin/ldconfig -p 2>/dev/null || true; } | grep -q "$1"
}

have_cjk_font() {
    command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .
}

check_system_libs() {
    [ "$(uname -s)" = Linux ] || return 0
    local missing=()
    have_lib 'libpango-1.0.so' || missing+=(libpango-1.0-0)
    have_lib 'libpangoft2-1.0.so' || missing+=(libpangoft2-1.0-0)
    # Without it WeasyPrint silently subsets fonts with fontTools: ~10 s per page.
    have_lib 'libharfbuzz-subset' || missing+=(libharfbuzz-subset0)
    have_cjk_font || missing+=(fonts-wqy-microhei)
    [ "${#missing[@]}" = 0 ] && return 0
    if can_apt; then
        say "installing system packages (missing: ${missing[*]})"
        apt_install fonts-wqy-microhei libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 \
            fontconfig poppler-utils || say "apt-get install failed; PDFs may not work"
    else
        say "警告：缺少系统组件 ${missing[*]}，PDF 成绩单可能无法生成、生成很慢或中文显示为方块。"
        say "      请管理员执行：sudo apt-get install fonts-wqy-microhei libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fontconfig"
        say "warning: missing system packages: ${missing[*]}; PDF scorecards may fail, be slow"
        say "         or show boxes instead of Chinese. Install them with the command above."
    fi
}

ensure_venv() {
    [ -x "$VENV/bin/python" ] && return 0
    command -v "$PY" >/dev/null 2>&1 || die "需要 Python 3.11+ / Python 3.11+ is required ($PY not found)"
    "$PY" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || die "需要 Python 3.11+ / Python 3.11+ is required (found $("$PY" -V 2>&1))"
    # Debian splits venv/ensurepip into python3-venv.
    if ! "$PY" -c 'import venv, ensurepip' 2>/dev/null; then
        if can_apt; then
            say "installing python3-venv"
            apt_install python3-venv
        else
            die "缺少 python3-venv，请执行 sudo apt-get install python3-venv / python3-venv is missing"
        fi
    fi
    say "creating $VENV"
    "$PY" -m venv "$VENV" || { rm -rf "$VENV"; die "could not create $VENV"; }
}

ensure_package() {
    local want
    want="$("$VENV/bin/python" -c 'import hashlib, sys
print(hashlib.sha256(open(sys.argv[1], "rb").read()).hexdigest())' "$ROOT/pyproject.toml")"
    if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
        return 0
    fi
    say "installing csreport and its dependencies into .venv (first run takes a minute)"
    (cd "$ROOT" && "$VENV/bin/python" -m pip install -qq --disable-pip-version-check \
        -e ".[test]" >&2) || die "pip install failed"
    printf '%s\n' "$want" >"$STAMP"
}

ensure_libreoffice() {
    # Only the tests need it: they open the produced workbook in LibreOffice headless to
    # prove it opens without a repair prompt. Without it that test fails, unless the developer
    # sets CSREPORT_ALLOW_NO_LIBREOFFICE=1 to skip it knowingly.
    command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 && return 0
    [ "$(uname -s)" = Linux ] || return 0
    if can_apt; then
        say "installing LibreOffice (calc, headless) for the workbook round-trip test"
        apt_install libreoffice-calc-nogui \
            || say "LibreOffice install failed; the workbook round-trip test will fail" \
                   "(set CSREPORT_ALLOW_NO_LIBREOFFICE=1 to skip it)"
    else
        say "LibreOffice is not installed and cannot be installed here; the workbook round-trip" \
            "test will fail (set CSREPORT_ALLOW_NO_LIBREOFFICE=1 to skip it)"
    fi
}

ensure_chromium() {
    # Only the tests need it: they print the scorecards with a browser (the PDF engine used
    # where WeasyPrint cannot load) and compare them with WeasyPrint's. Without a browser those
    # tests are skipped, each saying why.
    local name
    for name in chromium chromium-browser google-chrome google-chrome-stable microsoft-edge; do
        command -v "$name" >/dev/null 2>&1 && return 0
    done
    [ -n "${CSREPORT_BROWSER:-}" ] && [ -x "$CSREPORT_BROWSER" ] && return 0
    [ "$(uname -s)" = Linux ] || return 0
    if can_apt; then
        say "installing Chromium (headless) for the browser PDF engine tests"
        apt_install chromium \
            || say "Chromium install failed; the browser PDF engine tests will be skipped"
    else
        say "Chromium is not installed and cannot be installed here; the browser PDF engine" \
            "tests will be skipped (set CSREPORT_BROWSER to a Chrome or Edge program to run them)"
    fi
}

check_system_libs
ensure_venv
ensure_package

cmd="${1:-}"
case "$cmd" in
    test)
        shift
        ensure_libreoffice
        ensure_chromium
        # pytest finds tests/ and its settings from the repo root.
        cd "$ROOT"
        exec "$VENV/bin/python" -m pytest -q "$@"
        ;;
    demo)
        shift
        exec "$VENV/bin/csreport" demo "$@"
        ;;
    *)
        exec "$VENV/bin/csreport" "$@"
        ;;
esac
