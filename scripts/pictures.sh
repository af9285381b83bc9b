#!/usr/bin/env bash
# The sample month's outputs as pictures, in Chinese and in English, for a reader to review:
# one scorecard, one team PDF, the shop PDF, every sheet of the results workbook, and the
# rules workbook HR edits. Usage: scripts/pictures.sh [OUT]   (default: /tmp/csreport-pictures)
# Needs what ./run.sh installs: pdftoppm (poppler-utils) and LibreOffice (soffice).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(mkdir -p "${1:-/tmp/csreport-pictures}" && cd "${1:-/tmp/csreport-pictures}" && pwd)"
DPI="${DPI:-110}"

pictures() {  # pictures PDF PREFIX: one PNG per page
    pdftoppm -r "$DPI" -png "$1" "$2"
}

workbook_pictures() {  # workbook_pictures XLSX PREFIX: LibreOffice prints it, then one PNG per page
    local dir
    dir="$(mktemp -d)"
    cp "$1" "$dir/book.xlsx"
    soffice --headless --convert-to pdf --outdir "$dir" "$dir/book.xlsx" >/dev/null 2>&1
    pictures "$dir/book.pdf" "$2"
    rm -rf "$dir"
}

for lang in zh en; do
    rm -rf "$OUT/$lang"
    mkdir -p "$OUT/$lang"
    "$ROOT/run.sh" run "$ROOT/sample_workbooks" --out "$OUT/$lang/run" --lang "$lang" >"$OUT/$lang/console.txt" 2>&1 || true
    month="$(ls "$OUT/$lang/run" | grep -E '^[0-9]{4}-[0-9]{2}$' | head -1)"
    cards="$OUT/$lang/run/$month/scorecards"
    card="$(ls "$cards" | grep -E '^KF' | head -1)"
    pictures "$cards/$card" "$OUT/$lang/card"
    team="$(ls "$cards" | grep -vE '^KF' | grep -v "_$month.pdf" | head -1)"
    pictures "$cards/$team" "$OUT/$lang/team"
    shop="$(ls "$cards" | grep "_$month.pdf" | head -1)"
    pictures "$cards/$shop" "$OUT/$lang/shop"
    workbook_pictures "$(ls "$OUT/$lang/run/$month"/*.xlsx | head -1)" "$OUT/$lang/workbook"
    "$ROOT/run.sh" rules export standard --xlsx "$OUT/$lang/rules.xlsx" --force --lang "$lang" >/dev/null 2>&1
    workbook_pictures "$OUT/$lang/rules.xlsx" "$OUT/$lang/rules"
done
echo "pictures in $OUT (zh/ and en/; console.txt holds what each run printed)"
