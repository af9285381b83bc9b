"""The PDF engine and renderer."""

TEXT: dict[str, tuple[str, str]] = {
    "pdf.card_not_laid_out": (
        "有成绩单没有排出版面（是否被模板样式隐藏了？）",
        "a scorecard was not laid out (hidden by the template's stylesheet?)",
    ),
    "templates.not_found": (
        "找不到模板：{path}。--templates 应指向一个含 scorecard.html 和 "
        "scorecard.css 的文件夹（可复制自带的 templates 文件夹后修改）。",
        "Template not found: {path}. --templates must name a folder holding "
        "scorecard.html and scorecard.css (copy the shipped templates folder "
        "and edit it).",
    ),
    "templates.refused_url": (
        "成绩单模板引用了「{url}」，已拒绝：模板只能使用模板文件夹 {folder} 里的文件"
        "（和设置中的徽标）。请把该文件放进模板文件夹并用相对路径引用。",
        "The scorecard template asks for '{url}', which was refused: a "
        "template may only use files in its folder {folder} (and the "
        "configured logo). Put the file in the template folder and refer "
        "to it by a relative path.",
    ),
    "templates.not_text": (
        "文件不是 UTF-8 文本（可能是二进制文件或用其他编码保存），请用文本编辑器另存为 UTF-8",
        "the file is not UTF-8 text (a binary file, or saved in another "
        "encoding); save it as UTF-8 in a text editor",
    ),
    "templates.broken": (
        "模板 {template} 第 {line} 行有错误：{problem}",
        "Template {template} line {line} is broken: {problem}",
    ),
    "pdf.failed": (
        "生成成绩单 PDF 失败（{agent}）：{reason}",
        "Rendering the scorecard PDF failed ({agent}): {reason}",
    ),
    "pdf.worker_died": (
        "生成 PDF 的后台进程意外退出（可能是内存不足），之前的报表未改动。请用 --workers 1 重新运行。",
        "A PDF worker process stopped unexpectedly (out of memory?); the "
        "previous reports are unchanged. Run again with --workers 1.",
    ),
    "pdf.unavailable": (
        "未生成 PDF 成绩单：本机缺少 PDF 引擎（GTK/Pango 库：{reason}）。工作簿和 JSON "
        "已写好。请安装 GTK 运行库（运行 csreport doctor 查看方法），或加 --no-pdf "
        "只生成工作簿。",
        "PDF scorecards were not made: this computer lacks the PDF engine "
        "(the GTK/Pango libraries: {reason}). The workbook and JSON are written. "
        "Install the GTK runtime (see csreport doctor), or add --no-pdf to make "
        "only the workbook.",
    ),
    # --- the accelerators (outputs/pdf/fast): csreport doctor and the run's console ---
    "pdf.fast_on": (
        "PDF 加速：已启用（WeasyPrint {version}）",
        "PDF accelerators: on (WeasyPrint {version})",
    ),
    "pdf.fast_off": (
        "PDF 加速：已由 CSREPORT_PDF_FAST=0 关闭（PDF 内容不变，多用约 60% 的时间）",
        "PDF accelerators: switched off by CSREPORT_PDF_FAST=0 (the same PDFs, in about 60% more time)",
    ),
    "pdf.fast_unusable": (
        "PDF 加速：未启用，原因：{reason}。PDF 内容不变，但多用约 60% 的时间；"
        "安装 WeasyPrint {tested} 可恢复加速。",
        "PDF accelerators: off, because {reason}. The PDFs are the same but take about 60% "
        "longer; install WeasyPrint {tested} to have them back.",
    ),
    "pdf.fast_why_untested": (
        "WeasyPrint {version} 不是加速测试过的版本",
        "WeasyPrint {version} is not a release they were tested with",
    ),
    "pdf.fast_why_missing": (
        "WeasyPrint {version} 缺少加速用到的内部接口 {internal}",
        "WeasyPrint {version} lacks the internal {internal} they use",
    ),
    "pdf.public_path": (
        "提示：本次生成 PDF 不使用加速，原因：{reason}。PDF 内容不变，但多用约 60% 的时间。"
        "运行 csreport doctor 查看详情。",
        "Note: this run makes its PDFs without the accelerators, because {reason}: the same "
        "PDFs, in about 60% more time. See csreport doctor.",
    ),
}
