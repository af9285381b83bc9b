"""``csreport doctor``: is this machine ready to render Chinese PDF scorecards quickly?"""

from __future__ import annotations

import platform


def diagnose(lang: str = "zh") -> list[tuple[bool, str]]:
    """A list of (ok, message) lines about Python, WeasyPrint, fonts and templates."""
    en = lang == "en"
    lines: list[tuple[bool, str]] = [(True, f"Python {platform.python_version()}")]
    try:
        import weasyprint

        lines.append((True, f"WeasyPrint {weasyprint.__version__}"))
    except Exception as exc:  # missing Pango/GTK shows up as OSError at import time
        msg = ("WeasyPrint cannot load (Pango missing?): " if en
               else "WeasyPrint 无法加载（缺少 Pango 库？）：")
        lines.append((False, msg + str(exc)[:160]))
    from csreport.outputs.pdf.fonts import find_cjk_font, harfbuzz_subset_available
    font = find_cjk_font()
    if font:
        lines.append((True, (f"CJK font used: {font}" if en else f"中文字体：{font}")))
    else:
        lines.append((False, "No CJK font found: Chinese would print as boxes. Install "
                      "fonts-wqy-microhei (Debian) or a Noto Sans CJK font." if en else
                      "未找到中文字体，PDF 中文会显示为方框。请安装 fonts-wqy-microhei 或思源黑体。"))
    if harfbuzz_subset_available():
        lines.append((True, "libharfbuzz-subset: OK" if en else "libharfbuzz-subset：已安装"))
    else:
        lines.append((False, "libharfbuzz-subset is missing: WeasyPrint falls back to fontTools "
                      "subsetting, about 10 s per page with CJK fonts. Install "
                      "libharfbuzz-subset0." if en else
                      "缺少 libharfbuzz-subset：PDF 生成会慢约 30 倍（每页约 10 秒）。"
                      "请安装 libharfbuzz-subset0。"))
    from csreport.outputs.pdf.reports import default_templates_dir
    tdir = default_templates_dir()
    ok = (tdir / "scorecard.html").is_file()
    lines.append((ok, (f"Templates: {tdir}" if en else f"成绩单模板：{tdir}")
                  if ok else (f"Templates missing: {tdir}" if en else f"找不到成绩单模板：{tdir}")))
    return lines
