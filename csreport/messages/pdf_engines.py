"""Messages: choosing the PDF engine (WeasyPrint, a browser, HTML cards) and doctor on it."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "help.pdf_engine": (
        "生成 PDF 的方式：auto（默认：能用 WeasyPrint 就用，否则用电脑上的 Edge/Chrome 浏览器，"
        "都没有时生成可在浏览器中打印的 HTML 成绩单）、weasyprint、browser",
        "how PDFs are made: auto (default: WeasyPrint when it loads, else an Edge/Chrome browser "
        "on this computer, else HTML scorecards to print from a browser), weasyprint, browser.",
    ),
    # --- the browser printing the PDFs ({browser}: its name and program, "Chromium (/usr/bin/chromium)") ---
    "pdf_engine.browser": ("{name}（{path}）", "{name} ({path})"),
    "pdf_engine.print_failed": (
        "用浏览器 {browser}生成 PDF 失败：{reason}。之前的报表未改动。请重新运行；"
        "仍然失败时运行 csreport doctor 查看原因。",
        "Printing the PDFs with the browser {browser} failed: {reason}. The previous reports are "
        "unchanged. Run again; if it fails again, see csreport doctor.",
    ),
    "pdf_engine.not_started": ("浏览器无法启动（{reason}）", "the browser did not start ({reason})"),
    "pdf_engine.timed_out": (
        "{seconds} 秒内没有打印完，已把它结束",
        "it had not finished printing after {seconds} s and was stopped",
    ),
    "pdf_engine.no_output": (
        "浏览器没有生成 PDF（退出码 {status}）",
        "the browser made no PDF (exit code {status})",
    ),
    "pdf_engine.no_output_said": (
        "浏览器没有生成 PDF（退出码 {status}）：{detail}",
        "the browser made no PDF (exit code {status}): {detail}",
    ),
    "pdf_engine.no_browser": (
        "没有找到 Microsoft Edge、Google Chrome 或 Chromium 浏览器（浏览器不在常见位置时，"
        "可把环境变量 CSREPORT_BROWSER 设为它的程序路径）",
        "no Microsoft Edge, Google Chrome or Chromium browser was found (one that is somewhere "
        "else can be named by its program's path in the environment variable CSREPORT_BROWSER)",
    ),
    # --- the HTML scorecards (no PDF engine at all) ---
    "pdf_engine.print_hint": (
        "这是 HTML 成绩单（本机无法直接生成 PDF）。按 Ctrl+P（Mac 上按 ⌘+P）打印：纸张选 A4，"
        "取消勾选「页眉和页脚」；要 PDF 时，打印机选「另存为 PDF」。",
        "This is an HTML scorecard (no PDF could be made on this computer). Press Ctrl+P (⌘+P on a "
        "Mac) to print it: choose A4 paper and untick 'Headers and footers'; for a PDF, choose "
        "'Save as PDF' as the printer.",
    ),
    # --- after a run ---
    "pdf_engine.made_by_browser": (
        "PDF 由浏览器 {name}（{path}）打印，未使用 WeasyPrint。",
        "The PDFs were printed by the browser {name} ({path}), not by WeasyPrint.",
    ),
    "pdf_engine.html_cards": ("HTML 成绩单：{path}（{n} 份）", "HTML scorecards: {path} ({n} files)"),
    "pdf_engine.html_bundles": ("团队与全店 HTML：{names}", "Team and shop HTML files: {names}"),
    "pdf_engine.html_note": (
        "未生成 PDF：本机无法加载 WeasyPrint，也没有找到 Edge、Chrome 或 Chromium 浏览器，已改为生成 "
        "HTML 成绩单。用浏览器打开 HTML 文件，按 Ctrl+P 打印（纸张选 A4），或在打印对话框中选「另存为 "
        "PDF」。运行 csreport doctor 查看怎样才能直接生成 PDF。",
        "No PDF was made: WeasyPrint cannot load on this computer and no Edge, Chrome or Chromium "
        "browser was found, so HTML scorecards were written instead. Open an HTML file in a browser "
        "and press Ctrl+P to print it (A4 paper), or choose 'Save as PDF' in the print dialog. See "
        "csreport doctor for how to make PDFs directly.",
    ),
    "pdf_engine.browser_unavailable": (
        "未生成 PDF 成绩单：{reason}。工作簿和 JSON 已写好。请安装 Microsoft Edge 或 Google Chrome，"
        "或把生成 PDF 的方式改为 auto（--pdf-engine auto，或 csreport.yaml 中的 pdf_engine: auto），"
        "或加 --no-pdf 只生成工作簿。",
        "PDF scorecards were not made: {reason}. The workbook and JSON are written. Install Microsoft "
        "Edge or Google Chrome, or make PDFs the auto way (--pdf-engine auto, or pdf_engine: auto in "
        "csreport.yaml), or add --no-pdf to make only the workbook.",
    ),
    # a re-run that took the scorecards whose content had not changed from the card cache
    "pdf_engine.cards_reused": (
        "成绩单：重新生成 {rendered} 份，其余 {reused} 份与上次相同，直接沿用",
        "Scorecards: {rendered} rendered, {reused} re-used unchanged from the last run",
    ),
    "pdf_engine.cards_all_reused": (
        "成绩单：{reused} 份都与上次相同，直接沿用",
        "Scorecards: all {reused} re-used unchanged from the last run",
    ),
    "pdf_engine.card_reused": (
        "成绩单：这 1 份与上次相同，直接沿用",
        "Scorecards: the one scorecard re-used unchanged from the last run",
    ),
    # --- csreport doctor: how the PDFs will be made, and how to get what is missing ---
    "pdf_engine.doctor_weasyprint": (
        "PDF：使用 WeasyPrint {version}",
        "PDFs: made with WeasyPrint {version}",
    ),
    "pdf_engine.doctor_browser": (
        "PDF：WeasyPrint 无法加载（缺少 GTK/Pango），将用 {name}（{path}）打印",
        "PDFs: WeasyPrint cannot load (GTK/Pango missing), so {name} ({path}) will print them",
    ),
    "pdf_engine.doctor_browser_broken": (
        "没有可用的 PDF 方式：WeasyPrint 无法加载，浏览器 {name}（{path}）也无法打印：{reason}。"
        "请重新启动电脑后再试，或按下面的方法安装 WeasyPrint 所需的库",
        "No way to make PDFs: WeasyPrint cannot load, and the browser {name} ({path}) cannot print "
        "either: {reason}. Restart the computer and try again, or install WeasyPrint's libraries as "
        "said below",
    ),
    "pdf_engine.doctor_html": (
        "没有可用的 PDF 方式：将生成 HTML 成绩单，可在浏览器中打印",
        "No way to make PDFs: HTML scorecards will be written instead, to print from a browser",
    ),
    "pdf_engine.doctor_weasyprint_broken": (
        "WeasyPrint 无法加载（缺少 GTK/Pango 库：{reason}）。{how}",
        "WeasyPrint cannot load (the GTK/Pango libraries are missing: {reason}). {how}",
    ),
    "pdf_engine.how_pango_windows": (
        "要用 WeasyPrint：安装 MSYS2（https://www.msys2.org/，装在默认位置 C:\\msys64），在开始菜单打开"
        "「MSYS2 UCRT64」窗口，运行 pacman -S mingw-w64-ucrt-x86_64-pango；MSYS2 装在别处时，把环境变量 "
        "WEASYPRINT_DLL_DIRECTORIES 设为它的 ucrt64\\bin 文件夹（例如 D:\\msys64\\ucrt64\\bin）。",
        "To use WeasyPrint: install MSYS2 (https://www.msys2.org/, in its default place C:\\msys64), "
        "open 'MSYS2 UCRT64' from the Start menu and run pacman -S mingw-w64-ucrt-x86_64-pango; with "
        "MSYS2 somewhere else, set the environment variable WEASYPRINT_DLL_DIRECTORIES to its "
        "ucrt64\\bin folder (such as D:\\msys64\\ucrt64\\bin).",
    ),
    "pdf_engine.how_pango_macos": (
        "要用 WeasyPrint：安装 Homebrew（https://brew.sh/）后运行 brew install pango。",
        "To use WeasyPrint: install Homebrew (https://brew.sh/), then run brew install pango.",
    ),
    "pdf_engine.how_pango_linux": (
        "要用 WeasyPrint：安装 Pango，例如在 Debian 或 Ubuntu 上运行 sudo apt install libpango-1.0-0 "
        "libpangoft2-1.0-0 libharfbuzz-subset0。",
        "To use WeasyPrint: install Pango, such as with sudo apt install libpango-1.0-0 "
        "libpangoft2-1.0-0 libharfbuzz-subset0 on Debian or Ubuntu.",
    ),
    "pdf_engine.browser_is_enough": (
        "不装也可以：{name} 已能打印 PDF。",
        "This is not needed: {name} prints the PDFs already.",
    ),
    "pdf_engine.doctor_no_browser": (
        "没有找到 Microsoft Edge、Google Chrome 或 Chromium 浏览器。{how}浏览器不在常见位置时，可把环境变量 "
        "CSREPORT_BROWSER 设为它的程序路径。",
        "No Microsoft Edge, Google Chrome or Chromium browser was found. {how} A browser somewhere else can "
        "be named by its program's path in the environment variable CSREPORT_BROWSER.",
    ),
    "pdf_engine.how_browser_windows": (
        "Windows 10 和 11 自带 Microsoft Edge；被卸载时可从 https://www.microsoft.com/edge 重新安装。",
        "Windows 10 and 11 come with Microsoft Edge; where it was removed, install it again from "
        "https://www.microsoft.com/edge.",
    ),
    "pdf_engine.how_browser_other": (
        "可安装 Google Chrome（https://www.google.com/chrome/）或 Chromium。",
        "Install Google Chrome (https://www.google.com/chrome/) or Chromium.",
    ),
    # --- the browser CSREPORT_BROWSER names, passed over ({problem}: one of the next four) ---
    "pdf_engine.named_missing": (
        "环境变量 CSREPORT_BROWSER 指向的 {path} 不存在",
        "The environment variable CSREPORT_BROWSER names {path}, which does not exist",
    ),
    "pdf_engine.named_not_a_program": (
        "环境变量 CSREPORT_BROWSER 指向的 {path} 不是可运行的程序",
        "The environment variable CSREPORT_BROWSER names {path}, which is not a program",
    ),
    "pdf_engine.named_cannot_print": (
        "环境变量 CSREPORT_BROWSER 指向的浏览器 {browser}无法打印：{reason}",
        "The browser {browser} named by the environment variable CSREPORT_BROWSER cannot print: {reason}",
    ),
    # after a run, which cannot say why (doctor prints a test page and says)
    "pdf_engine.named_failed": (
        "环境变量 CSREPORT_BROWSER 指向的浏览器 {browser}无法打印（运行 csreport doctor 查看原因）",
        "The browser {browser} named by the environment variable CSREPORT_BROWSER cannot print "
        "(see csreport doctor for why)",
    ),
    "pdf_engine.named_instead": ("{problem}；已改用 {browser}打印", "{problem}; {browser} prints instead"),
    "pdf_engine.named_no_other": (
        "{problem}，也没有找到其他 Microsoft Edge、Google Chrome 或 Chromium 浏览器",
        "{problem}, and no other Microsoft Edge, Google Chrome or Chromium browser was found",
    ),
    "pdf_engine.named_fix": (
        "{problem}。请把环境变量 CSREPORT_BROWSER 改为浏览器程序的完整路径，或删除这个环境变量。",
        "{problem}. Set the environment variable CSREPORT_BROWSER to the full path of a browser's "
        "program, or remove the variable.",
    ),
    # --- csreport doctor when the engine is set ({why}: one of the next two) ---
    "pdf_engine.by_option": ("命令行指定了 --pdf-engine {engine}", "--pdf-engine {engine} was given"),
    "pdf_engine.by_config": ("{file} 中设定了 pdf_engine: {engine}", "pdf_engine: {engine} is set in {file}"),
    "pdf_engine.doctor_weasyprint_asked": (
        "PDF：使用 WeasyPrint {version}（{why}）",
        "PDFs: made with WeasyPrint {version} ({why})",
    ),
    "pdf_engine.doctor_weasyprint_missing": (
        "PDF：{why}，但 WeasyPrint 无法加载（缺少 GTK/Pango 库：{reason}），不会生成 PDF 成绩单。{how}",
        "PDFs: {why}, but WeasyPrint cannot load (the GTK/Pango libraries are missing: {reason}), so no "
        "PDF scorecards will be made. {how}",
    ),
    "pdf_engine.or_auto": (
        "也可以把生成 PDF 的方式改为 auto（--pdf-engine auto，或 csreport.yaml 中的 pdf_engine: auto），"
        "改用 {name} 打印。",
        "Or make PDFs the auto way (--pdf-engine auto, or pdf_engine: auto in csreport.yaml), and {name} "
        "will print them.",
    ),
    "pdf_engine.doctor_browser_asked": (
        "PDF：{why}，将用 {browser}打印",
        "PDFs: {why}, so {browser} will print them",
    ),
    "pdf_engine.doctor_browser_asked_broken": (
        "PDF：{why}，但浏览器 {browser}无法打印：{reason}，不会生成 PDF 成绩单。请确认这个浏览器能正常打开，"
        "或把生成 PDF 的方式改为 auto（--pdf-engine auto，或 csreport.yaml 中的 pdf_engine: auto）",
        "PDFs: {why}, but the browser {browser} cannot print: {reason}, so no PDF scorecards will be made. "
        "Check that the browser opens normally, or make PDFs the auto way (--pdf-engine auto, or "
        "pdf_engine: auto in csreport.yaml)",
    ),
    "pdf_engine.doctor_browser_asked_none": (
        "PDF：{why}，但没有能打印的浏览器，不会生成 PDF 成绩单",
        "PDFs: {why}, but there is no browser to print them, so no PDF scorecards will be made",
    ),
}
