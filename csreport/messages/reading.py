"""Reading inputs: where a row is, lists of rows, why a file cannot be read, which kind of file."""

TEXT: dict[str, tuple[str, str]] = {
    # row numbers, as a parameter of the messages that name them
    "rows.one": ("第 {spans} 行", "row {spans} belongs"),
    "rows.many": ("第 {spans} 行", "rows {spans} belong"),
    "rows.in_file": ("{file}「{sheet}」第 {row} 行", "row {row} of {file}, sheet '{sheet}'"),
    "rows.in_sheet": ("工作表「{sheet}」第 {row} 行", "row {row} of sheet '{sheet}'"),
    "rows.of_agent": ("{row}（{agent}）", "{row} ({agent})"),
    "month.row_count": ("{month}（{n} 行）", "{month} ({n} row)"),
    "month.row_count_many": ("{month}（{n} 行）", "{month} ({n} rows)"),
    # the cells a dated row cannot do without (row.unusable_cell)
    "row.key.date": ("日期", "date (日期)"),
    "row.key.att_status": ("考勤状态", "attendance status (考勤状态)"),
    # reasons of file.corrupt
    "read.plain_text": ("内容是纯文本，不是 Excel 工作簿；如果它是 CSV，请把扩展名改为 .csv",
                        "the content is plain text, not an Excel workbook; if it is a CSV, rename "
                        "it to .csv"),
    "read.sheet_data_missing": ("找不到工作表「{sheet}」的数据", "the data of sheet '{sheet}' is missing"),
    "read.number_too_large": ("工作表「{sheet}」中有日期或时长格式的单元格数值过大，无法读取；"
                              "请检查后另存为 .xlsx",
                              "a date or duration cell in sheet '{sheet}' holds a number too large "
                              "to read; check it and save the file as .xlsx"),
    "read.ole_truncated": ("OLE 文件头不完整", "truncated OLE header"),
    "read.ole_bad_header": ("OLE 文件头无效", "invalid OLE header"),
    "read.ole_sector": ("OLE 扇区超出文件范围", "OLE sector outside the file"),
    "read.ole_chain": ("OLE 扇区链损坏", "broken OLE sector chain"),
    "read.ole_stream_length": ("OLE 数据流长度超出文件", "OLE stream longer than the file"),
    "read.ole_no_workbook": ("OLE 文件中没有 Excel 工作簿数据流", "no Excel workbook stream in the OLE file"),
    # what an entry named like a workbook really is (input.not_regular)
    "input.kind.fifo": ("命名管道（FIFO）", "a named pipe (FIFO)"),
    "input.kind.char_device": ("设备文件", "a device file"),
    "input.kind.block_device": ("磁盘设备", "a block device"),
    "input.kind.socket": ("套接字（socket）", "a socket"),
    "input.shortcut": ("{kind}（快捷方式，指向 {target}）", "{kind} (a shortcut to {target})"),
    # the kinds of YAML file csreport reads (the {what} of settings.* messages)
    "settings.what.rules": ("规则文件", "rules file"),
    "settings.what.mapping": ("表头映射文件", "header mapping file"),
    "settings.what.settings": ("设置文件", "settings file"),
}
