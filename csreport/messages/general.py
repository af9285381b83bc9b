"""Words every layer uses: places in a workbook, severities, lists, the operating system's refusals."""

TEXT: dict[str, tuple[str, str]] = {
    "loc.sheet": ("工作表「{sheet}」", "sheet '{sheet}'"),
    "loc.row": ("第 {row} 行", "row {row}"),
    "loc.column": ("{column} 列", "column {column}"),
    "loc.column_header": ("{column} 列（{header}）", "column {column} ({header})"),
    "loc.sep": ("，", " "),  # between the parts of a location
    "loc.colon": ("：", ": "),  # between a location and its message
    # lists inside a message: the separator, and the end of a list cut short
    "list.sep": ("、", ", "),
    "sentence.sep": ("", " "),  # between two sentences of one message
    "list.more": ("……", ", …"),
    # a list of sentences or of clauses that hold commas themselves (notes, findings, conditions)
    "list.clauses": ("；", "; "),
    # a list of names the user types (presets, keys, profiles): commas, which no name holds
    "list.names": (", ", ", "),
    # the values to choose one of
    "list.or": (" / ", " / "),
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "severity.info": ("提示", "note"),
    "os.not_a_folder": ("路径中有一段是文件，不是文件夹", "part of the path is a file, not a folder"),
    "os.no_permission": ("没有写入权限", "no permission to write there"),
    "os.read_only": ("磁盘或文件夹是只读的", "the disk or folder is read-only"),
    "os.missing": ("路径不存在", "the path does not exist"),
    "os.name_too_long": ("路径或文件名太长", "the path or file name is too long"),
    "os.exists": ("已有同名的文件或文件夹", "a file or folder of that name exists"),
    "os.other": ("系统错误 {name}", "system error {name}: {text}"),
}
