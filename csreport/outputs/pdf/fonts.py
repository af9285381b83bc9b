"""Font diagnostics for PDF rendering: which CJK font will be used, and how fast.

Scorecards without a CJK font print tofu boxes; without the HarfBuzz subsetter
WeasyPrint silently falls back to fontTools and a page takes ~10 s instead of ~0.35 s.
Both are worth telling the user about (``csreport doctor`` style), never fatal.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

# Same order as the font-family stack in templates/scorecard.css.
CJK_FAMILIES: tuple[str, ...] = (
    "WenQuanYi Micro Hei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimHei",
)

# Where the stack's fonts usually live when fontconfig tools are not installed.
_KNOWN_FILES: tuple[tuple[str, str], ...] = (
    ("Microsoft YaHei", r"C:\Windows\Fonts\msyh.ttc"),
    ("SimHei", r"C:\Windows\Fonts\simhei.ttf"),
    ("PingFang SC", "/System/Library/Fonts/PingFang.ttc"),
    ("Hiragino Sans GB", "/System/Library/Fonts/Hiragino Sans GB.ttc"),
    ("Noto Sans CJK SC", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    ("WenQuanYi Micro Hei", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
)

# The sonames WeasyPrint loads libharfbuzz-subset by (also what fast.hb_subset loads).
HB_SUBSET_NAMES: tuple[str, ...] = (
    "libharfbuzz-subset.so.0",
    "libharfbuzz-subset.0.dylib",
    "libharfbuzz-subset-0.dll",
    "harfbuzz-subset-0.dll",
)


def _run(args: list[str]) -> str | None:
    """Run a small command and return its stdout, or None if it is absent or fails."""
    if shutil.which(args[0]) is None:
        return None
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def _installed_cjk_fonts() -> list[tuple[str, str]]:
    """All (family names, file) pairs fontconfig knows that cover Simplified Chinese."""
    out = _run(["fc-list", "-f", "%{file}|%{family}\n", ":lang=zh-cn"])
    found: list[tuple[str, str]] = []
    for line in (out or "").splitlines():
        path, _, families = line.partition("|")
        if families.strip():
            found.append((families.strip(), path.strip()))
    return sorted(found)


def _describe(families: str, path: str) -> str:
    """Readable 'family (path)' from fontconfig's comma-separated family list."""
    return f"{families.split(',')[0].strip()} ({path})"


def find_cjk_font() -> str | None:
    """Which CJK font the scorecard font stack resolves to, as ``"family (path)"``.

    Tries the stack's families in order against fontconfig's Chinese-capable fonts,
    then any Chinese-capable font (fontconfig falls back to it per glyph). Without
    fontconfig tools (usual on Windows/macOS) it checks well-known font files.
    Returns None when no CJK font can be found.
    """
    installed = _installed_cjk_fonts()
    for wanted in CJK_FAMILIES:
        for families, path in installed:
            names = [f.strip().casefold() for f in families.split(",")]
            if wanted.casefold() in names:
                return _describe(families, path)
    if installed:
        return _describe(*installed[0])
    for family, path in _KNOWN_FILES:
        if Path(path).is_file():
            return f"{family} ({path})"
    return None


def harfbuzz_subset_available() -> bool:
    """Whether WeasyPrint can load ``libharfbuzz-subset`` for fast font subsetting."""
    candidates = list(HB_SUBSET_NAMES)
    found = ctypes.util.find_library("harfbuzz-subset")
    if found:
        candidates.insert(0, found)
    for name in candidates:
        try:
            ctypes.CDLL(name)
        except OSError:
            continue
        return True
    if sys.platform == "win32":
        # WeasyPrint also looks in these folders (msys2 / GTK runtime installs).
        dirs = os.environ.get("WEASYPRINT_DLL_DIRECTORIES", "").split(";")
        return any(
            (Path(d) / dll).is_file()
            for d in dirs
            if d
            for dll in ("libharfbuzz-subset-0.dll", "harfbuzz-subset-0.dll")
        )
    return False
