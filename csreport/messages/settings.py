"""The settings file (csreport.yaml), YAML files in general, and branding."""

TEXT: dict[str, tuple[str, str]] = {
    "config.invalid": (
        "设置文件 {file} 第 {line} 行：{problem}",
        "Settings file {file} line {line}: {problem}",
    ),
    "settings.is_folder": (
        "{what} {path} 是一个文件夹，不是文件；请给出其中那个文件的路径。",
        "The {what} {path} is a folder, not a file; give the path of the file in it.",
    ),
    "settings.not_regular": (
        "{what} {path} 不是普通文件（是设备、管道或套接字），没有读取；请选择正确的文件。",
        "The {what} {path} is not a regular file (a device, pipe or socket) "
        "and was not read; choose the right file.",
    ),
    "settings.too_large": (
        "{what} {path} 超过 {limit_kb} KB，不像是设置文件，已拒绝读取；请确认选对了文件。",
        "The {what} {path} is larger than {limit_kb} KB, too large for a "
        "settings file, and was refused; check that it is the right file.",
    ),
    "settings.not_text": (
        "{what} {path} 不是 UTF-8 文本（YAML）文件（可能是工作簿、图片或已损坏的文件）；"
        "请用记事本打开确认，另存为 UTF-8 编码的 .yaml 文件后再试。",
        "The {what} {path} is not a UTF-8 text (YAML) file (perhaps a workbook, "
        "an image or a damaged file); open it in a text editor to check and save "
        "it as a UTF-8 .yaml file.",
    ),
    "settings.no_permission": (
        "没有读取{what} {path} 的权限；请检查文件权限，或复制一份到自己的文件夹后再试。",
        "No permission to read the {what} {path}; check its permissions, or "
        "copy it into your own folder and try again.",
    ),
    "settings.unreadable": (
        "读取{what} {path} 时出错（{reason}）；请确认磁盘或网络盘可用，复制到本机后再试。",
        "Reading the {what} {path} failed ({reason}); make sure the disk or "
        "network drive is available, copy it locally and try again.",
    ),
    "yaml.too_large": ("内容超过 {limit_kb} KB，不像是规则文件", "the text is larger than {limit_kb} KB"),
    "yaml.duplicate_key": (
        "「{key}」写了两次（第一次在第 {first} 行）；同一层只能写一次，请删去或合并其中一个",
        "'{key}' is written twice (first on line {first}); a name may appear once at one level, "
        "so delete or merge one of them",
    ),
    "yaml.tab": (
        "这一行用了 Tab 键缩进；YAML 只能用空格缩进，请把 Tab 换成空格",
        "this line is indented with a Tab; YAML indents with spaces only, so replace the Tab with spaces",
    ),
    "yaml.syntax": (
        "YAML 写法有误（{detail}）；请对照示例检查缩进、冒号和引号",
        "YAML syntax error ({detail}); check indentation, colons and quotes against the example",
    ),
    "yaml.too_deep": (
        "嵌套层数过多，疑似异常文件，已拒绝读取",
        "nested too deeply; it looks abnormal and was refused",
    ),
    "yaml.too_many": (
        "引用（&锚点 / *别名）展开后超过 {limit} 个值，疑似异常文件，已拒绝读取；请去掉 * 引用，直接写出内容",
        "its references (&anchors / *aliases) expand to more than {limit} values; "
        "it looks abnormal and was refused. Write the values out instead of * "
        "references",
    ),
    "yaml.alias_loop": (
        "引用（*别名）指向了包含它自己的内容，无法展开；请去掉这个 * 引用",
        "a reference (*alias) points at something that contains itself and cannot "
        "be expanded; remove that * reference",
    ),
    "yaml.bad_value": (
        "「{value}」无法识别（例如不存在的日期）；请加上引号写成文字",
        "'{value}' cannot be read (e.g. a date that does not exist); quote it as text",
    ),
    "config.bad_month": (
        "month 应写成 年-月，例如 2026-10（现在是「{value}」）",
        'month must be year-month, e.g. 2026-10 (it is "{value}")',
    ),
    "config.bad_pdf_engine": (
        "pdf_engine 只能是 {known}（现在是「{value}」）",
        'pdf_engine must be one of {known} (it is "{value}")',
    ),
    "config.not_mapping": (
        "应为键值结构（每行写成 名称: 值）",
        "it should be a mapping (one 'name: value' per line)",
    ),
    "config.unknown_keys": (
        "不认识的设置：{keys}（可用：{known}）",
        "unknown settings: {keys} (known: {known})",
    ),
    "config.not_text": (
        "{key} 应为一段文字（名称或路径），例如 {key}: 示例；是/否、列表或键值结构都不行，必要时加上引号",
        "{key} should be a piece of text (a name or a path), e.g. {key}: example; not yes/no, a "
        "list or a mapping (quote it if needed)",
    ),
    "config.colors_not_mapping": (
        'colors 应为键值结构，例如 colors: {{primary: "#1f4e79"}}',
        'colors should be a mapping, e.g. colors: {{primary: "#1f4e79"}}',
    ),
    "config.bad_color": (
        "颜色 {key}: {value} 应为 primary 或 accent，值写成 #RRGGBB（也可以是 #RGB、#RGBA、#RRGGBBAA）",
        "colour {key}: {value} should be primary or accent, written #RRGGBB (or #RGB, #RGBA, #RRGGBBAA)",
    ),
    "branding.invalid": (
        "设置文件中的 {field}「{value}」无法使用：{reason}。请修改设置文件（csreport.yaml）后重试。",
        "The setting {field} '{value}' cannot be used: {reason}. Fix the settings "
        "file (csreport.yaml) and try again.",
    ),
}
