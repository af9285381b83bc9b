"""Messages: the drop folder (csreport watch), its ledger and the processing log (处理记录)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "help.watch": (
        "监视一个文件夹：放进或改动的工作簿停止变化后，自动检查并计算它们所属的月份，报表写入 --out，"
        "处理记录写入 --out 中的 处理记录.xlsx。--once 只处理一轮就结束（用于计划任务）。最后一行总是"
        "「成功：…」「有数据问题 N 个：…」或「失败：…」，说的是文件夹现在的状况（包括之前没处理好、"
        "至今仍未解决的文件和月份）。退出码：0 成功，1 有数据问题，2 失败（文件还在复制或正在 Excel 中打开、"
        "文件无法使用、月份正被另一次运行处理、设置有误等），3 内部错误，4 未生成 PDF（工作簿已写好），"
        "130 按了 Ctrl-C，143 被终止",
        "Watch a folder: once workbooks put in it or changed there have stopped changing, check and "
        "score the months they hold; reports go to --out, with a processing log ('处理记录.xlsx') in it. "
        "--once does one pass and stops (for a scheduled task). The last line is always 'Done: …', "
        "'Data problems: N …' or 'Failed: …', about the folder as it stands (files and months not done "
        "earlier and still not put right included). Exit codes: 0 done, 1 data problems, 2 failed (a "
        "file still being copied or open in Excel, a file that cannot be used, a month busy with another "
        "run, a setting wrong …), 3 internal error, 4 no PDF made (the workbook is written), 130 Ctrl-C, "
        "143 terminated",
    ),
    "help.once": (
        "只处理一轮（仍会等文件停止变化），然后结束",
        "Do one pass (still waiting for files to stop changing), then stop",
    ),
    "help.interval": ("每隔几秒查看一次文件夹（默认 5）", "Seconds between looks at the folder (default 5)"),
    "help.settle": (
        "文件大小和修改时间保持不变多少秒后才处理（默认 3），以免读到复制了一半的文件",
        "Seconds a file's size and time must stay unchanged before it is taken (default 3), so that a "
        "half-copied file is never read",
    ),
    "help.watch_month": (
        "只处理这个月份（YYYY-MM）；默认处理文件夹中出现的每个月份",
        "Only this month (YYYY-MM); by default every month the folder's files hold",
    ),
    # --- the console ---
    "watch.start": (
        "正在监视 {folder}（每 {interval} 秒查看一次，文件停止变化 {settle} 秒后处理），报表写入 {out}。"
        "按 Ctrl-C 停止。",
        "Watching {folder} (a look every {interval} s; a file is taken once it has not changed for "
        "{settle} s); reports go to {out}. Press Ctrl-C to stop.",
    ),
    "watch.waiting_lock": (
        "另一个 csreport watch（进程 {owner}）正在处理 {out}；等它停止后由这里接手。",
        "Another csreport watch (process {owner}) is handling {out}; this one takes over when it stops.",
    ),
    "watch.unlocked": (
        "{out} 所在的位置不支持文件锁（有些网络共享文件夹如此），无法阻止另一个 csreport watch 同时处理它："
        "请只在一台电脑上对这个文件夹运行 csreport watch。",
        "The place {out} is in does not support file locks (some network shares do not), so another "
        "csreport watch cannot be kept from handling it at the same time: run csreport watch for this "
        "folder on one computer only.",
    ),
    "watch.locked": (
        "另一个 csreport watch（进程 {owner}）正在处理 {out}，这次没有处理",
        "another csreport watch (process {owner}) is handling {out}, so nothing was done this time",
    ),
    "watch.line": ("{time}  {what}", "{time}  {what}"),
    "watch.line.month": ("{month} {result}：{files} → {where}", "{month} – {result}: {files} → {where}"),
    "watch.line.month_failed": ("{month} {result}（文件：{files}）", "{month} – {result} (files: {files})"),
    "watch.line.file_failed": ("{file} {result}", "{file} – {result}"),
    "watch.revision": ("第 {n} 版", "revision {n}"),
    "watch.revision_same": ("第 {n} 版，结果与上次相同", "revision {n}, unchanged"),
    "watch.with_revision": ("{result}（{revision}）", "{result} ({revision})"),
    "watch.result.ok": ("成功", "Done"),
    "watch.result.problems": ("有数据问题 {n} 个", "Data problems: {n}"),
    "watch.result.failed": ("失败：{reason}", "Failed: {reason}"),
    "watch.result.no_pdf": ("未生成 PDF：{reason}", "No PDF made: {reason}"),
    "watch.result.problems_no_pdf": (
        "有数据问题 {n} 个；未生成 PDF：{reason}",
        "Data problems: {n}; no PDF made: {reason}",
    ),
    "watch.no_pdf.html": (
        "已改为生成 HTML 成绩单，可用浏览器打开后打印",
        "HTML scorecards were written instead, to print from a browser",
    ),
    "watch.no_pdf.engine": ("PDF 引擎无法使用：{reason}", "the PDF engine cannot be used: {reason}"),
    "watch.see_doctor": ("（运行 csreport doctor 查看原因）", " (see csreport doctor for why)"),
    "watch.see_problems": (
        "（见工作簿的「数据问题」表）",
        " (see the workbook's Data problems (数据问题) sheet)",
    ),
    "watch.copying": ("{file} 还在复制，稍后再试", "{file} is still being copied; it is taken later"),
    "watch.open": (
        "{file} 正在 Excel/WPS 中打开，关闭后再处理",
        "{file} is open in Excel/WPS; it is taken once it is closed",
    ),
    "watch.in_use": (
        "{file} 打不开（可能正被其他程序使用），稍后再试",
        "{file} cannot be opened (another program may be using it); it is tried later",
    ),
    "watch.held": (
        "{month} 暂不计算：等 {files} 在 Excel/WPS 中关闭后再计算",
        "{month} is not scored yet: it waits for {files} to be closed in Excel/WPS",
    ),
    "watch.busy": (
        "{month} 正在被另一次 csreport 运行处理，稍后再试",
        "{month} is being written by another csreport run; it is tried again later",
    ),
    "watch.retry": ("{month}：{reason}（下一轮再试）", "{month}: {reason} (tried again at the next pass)"),
    "watch.unreachable": (
        "无法访问 {folder}（{reason}），继续等待……",
        "{folder} cannot be reached ({reason}); still watching…",
    ),
    "watch.cannot_reach": ("无法访问 {folder}（{reason}）", "{folder} cannot be reached ({reason})"),
    "watch.reachable": ("又能访问 {folder} 了。", "{folder} can be reached again."),
    "watch.pass_failed": ("这一轮没有完成：{reason}", "This pass did not finish: {reason}"),
    "watch.log_not_written": (
        "{path} 没有更新（{reason}；如果它正在 Excel 中打开，请关闭），下一轮再写。",
        "{path} was not updated ({reason}; if it is open in Excel, close it); it is written at the next "
        "pass.",
    ),
    "watch.subfolder": ("{folder}：{why}", "{folder}: {why}"),
    # --- why a file or month was not scored ---
    "watch.closed": (
        "该月已定稿（{closed_at}），没有重新计算；如需重算请手动运行 run --reopen",
        "the month is closed ({closed_at}) and was not scored again; to re-run it, use run --reopen",
    ),
    "watch.other_month": (
        "{file} 只有 {months} 的数据，而设置只处理 {month}（csreport.yaml 的 month: 或 --month），没有处理。",
        "{file} only holds {months}, and only {month} is to be processed (month: in csreport.yaml, or "
        "--month); it was left aside.",
    ),
    "watch.no_year": (
        "日期没有写年份（如「10月3日」），无法判断是哪一年；请在文件名或标题中写上年份，或在 csreport.yaml "
        "中写 month: YYYY-MM",
        "its dates have no year (such as '10月3日'), so the year cannot be told; put the year in the "
        "file's name or title, or write month: YYYY-MM in csreport.yaml",
    ),
    "watch.no_month": (
        "数据没有日期，文件夹中也没有其他文件说明是哪个月份；请在 csreport.yaml 中写 month: YYYY-MM，"
        "或用 --month",
        "its data has no dates and no other file in the folder tells the month; write month: YYYY-MM "
        "in csreport.yaml, or use --month",
    ),
    "watch.file_reason": ("{file}：{reason}", "{file}: {reason}"),
    "watch.month_reason": ("{month}：{reason}", "{month}: {reason}"),
    "watch.no_pdf_reason": (
        "{month} 未生成 PDF（{reason}）；运行 csreport doctor 查看原因",
        "{month}: no PDF was made ({reason}); see csreport doctor for why",
    ),
    # --- the last line ---
    "watch.last.ok": ("成功：{what}（见 {log}）", "Done: {what} (see {log})"),
    "watch.last.problems": (
        "有数据问题 {n} 个：{months}（见 {log}）",
        "Data problems: {n} in {months} (see {log})",
    ),
    "watch.last.failed": ("失败：{reason}", "Failed: {reason}"),
    "watch.and_more": ("{reason}（另有 {n} 项，见 {log}）", "{reason} (and {n} more; see {log})"),
    "watch.done_months": ("{months} 已处理，报表在 {out}", "{months} processed, reports in {out}"),
    "watch.nothing_new": ("没有新的或改动过的文件", "no new or changed file"),
    "watch.stopped": ("已停止监视 {folder}。", "Stopped watching {folder}."),
    "watch.stopped_during": (
        "已停止监视 {folder}；正在处理的 {month} 已放弃，之前的报表未改动，下次会重新处理。",
        "Stopped watching {folder}; {month}, which was being processed, was dropped: its previous "
        "reports are unchanged and it is processed again next time.",
    ),
    "watch.interrupted": ("已停止，没有处理完", "stopped before the pass was finished"),
    "watch.interrupted_during": (
        "已停止：正在处理的 {month} 已放弃，之前的报表未改动",
        "stopped: {month}, which was being processed, was dropped and its previous reports are unchanged",
    ),
    "watch.not_folder": (
        "{path} 不是文件夹：请给出要监视的文件夹",
        "{path} is not a folder: name the folder to watch",
    ),
    # --- the processing log ---
    "watch.log.sheet": ("处理记录", "Processing log"),
    "watch.log.title": ("处理记录：{folder} → {out}", "Processing log: {folder} → {out}"),
    "watch.log.title_folders": (
        "处理记录：{out}（来自 {n} 个监视的文件夹，见「监视的文件夹」列）",
        "Processing log: {out} (from {n} watched folders: see the Watched folder column)",
    ),
    "watch.log.note": (
        "最新的在最上面。csreport watch 每处理一次就重写本文件；本文件在 Excel 中打开时不会更新，"
        "关闭后下一轮补上。",
        "Newest first. csreport watch rewrites this file each time it processes something; while the "
        "file is open in Excel it is not updated, and the next pass after it is closed catches up.",
    ),
    "watch.log.col.time": ("时间", "Time"),
    "watch.log.col.month": ("月份", "Month"),
    "watch.log.col.result": ("结果", "Result"),
    "watch.log.col.folder": ("监视的文件夹", "Watched folder"),
    "watch.log.col.files": ("文件", "Files"),
    "watch.log.col.revision": ("版本", "Revision"),
    "watch.log.col.reports": ("报表", "Reports"),
    "watch.log.none": ("还没有处理过任何文件。", "Nothing has been processed yet."),
    "watch.log.month_unknown": ("–", "–"),
    # --- the log among inputs (run, check) ---
    "watch.log_not_data": (
        "csreport watch 的处理记录，不是考核数据，已跳过。",
        "The processing log of csreport watch: not data to score, skipped.",
    ),
}
