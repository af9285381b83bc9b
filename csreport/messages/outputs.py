"""The output folder (lock, set replacement, disk) and write-back copies."""

TEXT: dict[str, tuple[str, str]] = {
    "writeback.unsupported": (
        "此文件格式（xls/csv/ods）无法回写结果，已跳过回写；报表照常生成。",
        "Results cannot be written back into this file type (xls/csv/ods); skipped. The "
        "reports are produced as usual.",
    ),
    "writeback.encrypted": (
        "文件有密码保护，无法回写结果，已跳过。",
        "The file is password protected; results were not written back.",
    ),
    "writeback.not_writable": ("无法写出回写副本，已跳过。", "Could not write the copy; skipped."),
    "writeback.failed": (
        "无法识别此工作簿的结构，未回写结果（原文件未改动）。",
        "Could not understand this workbook's structure; results were not "
        "written back (the original is unchanged).",
    ),
    "output.not_writable": (
        "无法写入 {path}：{reason}。请用 --out 换一个可以写入的文件夹，或检查权限后重试。",
        "Cannot write {path}: {reason}. Choose a folder you can write to with "
        "--out, or check the permissions, and try again.",
    ),
    "output.target_is_folder": (
        "{path} 是一个文件夹；请在 {option} 后写上文件名，例如 {example}",
        "{path} is a folder; give a file name with {option}, e.g. {example}",
    ),
    "output.target_not_regular": (
        "{path} 不是普通文件（是设备、管道或套接字），不会替换它；请用 {option} 换一个文件名。",
        "{path} is not a regular file (a device, pipe or socket) and "
        "will not be replaced; choose another file name with {option}.",
    ),
    "output.target_not_ours": (
        "{path} 已存在，且不是 csreport 写出的{kind}；为免覆盖你的文件，没有写入。"
        "请用 {option} 换一个文件名，或加 --force 覆盖它。",
        "{path} already exists and is not a {kind} csreport wrote; to "
        "keep your file, nothing was written. Choose another name with "
        "{option}, or add --force to replace it.",
    ),
    "output.parent_is_file": (
        "{parent} 是一个文件，不是文件夹，无法在其中写入 {path}；请用 {option} 换一个位置。",
        "{parent} is a file, not a folder, so {path} cannot be written "
        "in it; choose another place with {option}.",
    ),
    "output.kind_rules_xlsx": ("规则工作簿", "rules workbook"),
    "output.kind_rules_yaml": ("规则文件", "rules file"),
    "writeback.input_changed": (
        "计分后此文件被修改过，未另存带结果的副本；请重新运行 csreport。",
        "This file was changed after it was read for scoring, so no copy with results was "
        "saved; run csreport again.",
    ),
    "writeback.unreadable": (
        "此文件无法读取（没有读取权限或已被移走），未另存带结果的副本；原文件未改动。",
        "This file could not be read (no read permission, or it was moved), so no copy with "
        "results was saved; the original is unchanged.",
    ),
    "output.is_input": (
        "输出文件 {path} 就是输入文件本身；请换一个输出文件名（{option}）。",
        "The output file {path} is the input file itself; choose another output file name ({option}).",
    ),
    "output.disk_full": (
        "磁盘空间不足：写入 {path} 失败；之前的报表未改动。请腾出空间后重新运行。",
        "The disk is full: writing {path} failed; the previous reports are "
        "unchanged. Free some space and run again.",
    ),
    "output.taken": (
        "{path} 已被一个文件夹或不是 csreport 生成的文件占用，报表无法写在这里；"
        "之前的报表未改动。请把它移走或改名后重新运行。",
        "{path} is taken by a folder or by a file csreport did not write, so the "
        "report cannot go there; the previous reports are unchanged. Move or rename "
        "it and run again.",
    ),
    "output.in_use": (
        "无法替换 {path}：其中的文件可能正被 Excel、WPS 或 PDF 阅读器打开（{reason}）。"
        "之前的报表未改动。请关闭这些文件后重新运行。",
        "Cannot replace {path}: a file in it may be open in Excel, WPS or a PDF "
        "viewer ({reason}). The previous reports are unchanged. Close them and run "
        "again.",
    ),
    "output.out_is_file": (
        "输出位置 {path} 是一个文件，不是文件夹。请用 --out 指定一个文件夹。",
        "The output location {path} is a file, not a folder. Give a folder with --out.",
    ),
    "output.month_is_file": (
        "{path} 是一个文件，但 csreport 要在这里建月份文件夹；请把它移走或改名，"
        "或用 --out 换一个输出文件夹。",
        "{path} is a file, but csreport needs a month folder there; move or "
        "rename it, or choose another output folder with --out.",
    ),
    "output.busy": (
        "另一次 csreport 运行正在写入 {path}（进程 {owner}）。请等它结束后再运行；两次运行不会混在一起。",
        "Another csreport run is writing {path} (process {owner}). Wait for it to "
        "finish and run again; the two runs are never mixed.",
    ),
    "output.input_inside": (
        "输入文件 {path} 放在输出文件夹 {folder} 里，而每次运行都会整体替换这个文件夹。"
        "请把输入文件移到别处，或用 --out 换一个输出文件夹。",
        "The input {path} is inside the output folder {folder}, which every "
        "run replaces as a whole. Move the input elsewhere or choose another "
        "output folder with --out.",
    ),
    "output.replaced": (
        "已整体替换上次的 {month} 报表（{previous} 个文件）。",
        "Replaced the previous {month} reports as a set ({previous} files).",
    ),
    "output.dropped": (
        "本次不再生成、已移除的旧文件：{names}",
        "Old files not made this time, removed: {names}",
    ),
    "output.kept": (
        "输出文件夹里你自己放的文件已保留：{names}",
        "Your own files in the output folder were kept: {names}",
    ),
}
