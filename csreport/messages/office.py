"""Messages: the office set-up (csreport setup, the settings file it writes, the Windows script)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "help.setup": (
        "为双击脚本准备一个文件夹：新建“输入”“报表”文件夹和带说明的设置文件 csreport.yaml"
        "（已有的不会改动）；FOLDER 默认为当前文件夹",
        "prepare a folder for the double-click script: the input (输入) and reports (报表) folders and "
        "a commented csreport.yaml (what exists is left as it is); FOLDER: the current folder by default.",
    ),
    # --- what setup did ---
    "setup.created_folder": ("已新建文件夹：{path}", "Created the folder {path}"),
    "setup.created_settings": (
        "已新建设置文件：{path}（用记事本打开，可填写店铺名称、月份等）",
        "Created the settings file {path} (open it in a text editor to set the shop name, the month "
        "and more)",
    ),
    "setup.kept_settings": (
        "设置文件已有，未改动：{path}",
        "The settings file {path} is already there and was left as it is",
    ),
    "setup.summary": (
        "本次设置：店铺 {shop}；月份 {month}；规则 {rules}；PDF {pdf}",
        "Settings: shop {shop}; month {month}; rules {rules}; PDFs {pdf}",
    ),
    "setup.summary.no_shop": ("未填写（报表上写“{default}”）", "not set (reports say '{default}')"),
    "setup.summary.every_month": ("全部（有哪几个月的表格就生成哪几个月）", "every month the workbooks hold"),
    "setup.summary.default_rules": ("{name}（{zh}，默认）", "{name} ({zh}, the default)"),
    "setup.summary.pdf.auto": ("自动", "automatic"),
    "setup.summary.pdf.weasyprint": ("只用 WeasyPrint", "WeasyPrint only"),
    "setup.summary.pdf.browser": ("只用浏览器", "browser only"),
    # The last line of a first set-up (the drop folder made now, so empty): what was made and what
    # to do next. It starts as watch's own last lines do (成功：…), since the Windows script ends on it.
    "setup.ready": (
        "成功：已新建{made}。下一步：把本月的表格（花名册、考勤、质检抽查、接待数据等）放进“{inputs}”文件夹，"
        "需要时在 {settings} 里填写店铺名称、月份等，再运行一次（Windows：再双击“双击生成报表.bat”）。",
        "Done: created {made}. Next: put the month's workbooks (roster, attendance, QA samples, service "
        "data…) into the input folder ({inputs}), set the shop name, the month and more in {settings} if "
        "needed, and run again (on Windows: double-click the .bat file again).",
    ),
    "setup.made.inputs": ("“{name}”文件夹", "the input folder ({name})"),
    "setup.made.outputs": ("“{name}”文件夹", "the reports folder ({name})"),
    "setup.made.settings": ("设置文件 {name}", "the settings file {name}"),
    "setup.made.and": ("{items}和{last}", "{items} and {last}"),
    # While the drop folder (made before) is still empty.
    "setup.next": (
        "下一步：把本月的表格（花名册、考勤、质检抽查、接待数据等）放进 {path}，再运行一次"
        "（Windows：再双击“双击生成报表.bat”）。",
        "Next: put the month's workbooks (roster, attendance, QA samples, service data…) into {path} "
        "and run again (on Windows: double-click the .bat file again).",
    ),
    # --- what setup could not do ---
    "setup.folder_is_file": (
        "{path} 是一个文件，不是文件夹；请给出一个文件夹。",
        "{path} is a file, not a folder; give a folder.",
    ),
    "setup.taken": (
        "{path} 是一个文件，但这里需要一个同名的文件夹；请把这个文件改名或移走后再试。",
        "{path} is a file, but a folder of that name belongs there; rename or move the file and try again.",
    ),
    "setup.not_writable": (
        "无法新建 {path}：{reason}。请把它放在自己有写入权限的地方（例如“文档”里的文件夹）后再试。",
        "Cannot create {path}: {reason}. Use a folder you may write to (e.g. one in Documents) and try "
        "again.",
    ),
    # --- the settings file setup writes (csreport.yaml): one comment line each ---
    "setup.yaml.title": (
        "csreport 的设置。用记事本打开，改好后保存；下次生成报表时生效。",
        "csreport's settings. Open this file in a text editor, change it and save it: the next run uses it.",
    ),
    "setup.yaml.how": (
        "写法：名称、英文冒号、一个空格，再写内容，例如 shop: 某某旗舰店。留空＝用默认做法。",
        "How: the name, a colon, a space, then the value, e.g. shop: Example Flagship Store. Left blank: "
        "the default.",
    ),
    "setup.yaml.hash": (
        "以 # 开头的行只是说明，不起作用。",
        "Lines starting with # are notes and change nothing.",
    ),
    "setup.yaml.shop": (
        "店铺名称，印在汇总表和每份成绩单上。留空时写“{default}”。",
        "The shop's name, printed on the workbook and on every scorecard. Blank: '{default}'.",
    ),
    "setup.yaml.month": (
        "只生成哪一个月：写成 年-月，例如 month: 2026-10。",
        "The one month to score, as year-month, e.g. month: 2026-10.",
    ),
    "setup.yaml.month.blank": (
        "留空：“输入”文件夹里有哪几个月的表格，就分别生成哪几个月。",
        "Blank: every month found in the input folder (输入) is scored, each on its own.",
    ),
    "setup.yaml.rules": (
        "考核规则。留空：自带的标准规则 {default}。也可以写自带规则的名字：{presets}；"
        "说明见 csreport rules list。",
        "The scoring rules. Blank: the shipped standard rules, {default}. Or a shipped preset's name: "
        "{presets}; see csreport rules list.",
    ),
    "setup.yaml.rules.file": (
        "或者写自己的规则文件（.yaml，或规则工作簿 .xlsx）、规则版本文件夹；放在本文件旁边时只写名字。",
        "Or your own rules file (.yaml, or a rules workbook .xlsx) or folder of rules versions; beside "
        "this file, its name is enough.",
    ),
    "setup.yaml.pdf_engine": (
        "PDF 成绩单怎么生成。留空或 auto：自动，能用 WeasyPrint 就用它，"
        "否则用电脑上的 Edge 或 Chrome 浏览器，都没有时生成可在浏览器中打印的网页成绩单。",
        "How the PDF scorecards are made. Blank or auto: WeasyPrint when it works, else the Edge or "
        "Chrome browser on this computer, else web-page scorecards to print from a browser.",
    ),
    "setup.yaml.pdf_engine.choices": (
        "weasyprint：只用 WeasyPrint；browser：只用浏览器。",
        "weasyprint: WeasyPrint only; browser: a browser only.",
    ),
    "setup.yaml.optional": (
        "—— 以下各项可选。要用哪一项，就删去那一行开头的“# ”再填写 ——",
        "-- Optional. To use one of these, delete the '# ' at the start of its line and fill it in --",
    ),
    "setup.yaml.company": (
        "公司名称，印在成绩单抬头。",
        "The company's name, printed at the top of each scorecard.",
    ),
    "setup.yaml.company.example": ("某某电子商务有限公司", "Example Trading Co., Ltd."),
    "setup.yaml.logo": (
        "成绩单上的标志图片（PNG 或 JPG）；写相对本文件的位置。",
        "The logo on the scorecards (PNG or JPG), relative to this file.",
    ),
    "setup.yaml.logo.example": ("logo.png", "logo.png"),
    "setup.yaml.colors": (
        "成绩单的主色和强调色，写成 #RRGGBB。",
        "The scorecards' main and accent colours, as #RRGGBB.",
    ),
    "setup.yaml.colors.example": (
        '{{primary: "#1f4e79", accent: "#c55a11"}}',
        '{{primary: "#1f4e79", accent: "#c55a11"}}',
    ),
    "setup.yaml.profile": (
        "权重方案：规则里定义的方案名称（例如多维度规则 multi 的 重服务、重转化）。",
        "A weight profile the rules define (e.g. Service first or Conversion first of the multi rules).",
    ),
    "setup.yaml.profile.example": ("重服务", "Service first"),
    "setup.yaml.mapping": (
        "表头映射文件：后台导出表的列名对应到标准列名（写法见 examples/mapping.yaml）。",
        "A header mapping file: your exports' column names mapped to the standard ones (see "
        "examples/mapping.yaml).",
    ),
    "setup.yaml.mapping.example": ("表头映射.yaml", "header-mapping.yaml"),
    "setup.yaml.templates": (
        "自己修改过的成绩单模板所在的文件夹。",
        "A folder of your own scorecard templates.",
    ),
    "setup.yaml.templates.example": ("我的模板", "my-templates"),
    "setup.yaml.history": (
        "历史记录（每月结果）存在哪个文件；留空时存在“报表”文件夹里。",
        "The history file (every month's results); blank: in the reports folder (报表).",
    ),
    "setup.yaml.history.example": ("历史/csreport-history.sqlite", "history/csreport-history.sqlite"),
}
