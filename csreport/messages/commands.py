"""What the command line prints: help, progress, summaries, the doctor's lines."""

TEXT: dict[str, tuple[str, str]] = {
    # --- around every command ---
    "cli.error_prefix": ("错误：", "Error: "),
    "cli.interrupted": ("已中断。", "Interrupted."),
    "cli.bug": (
        "csreport 内部出错（{kind}：{text}）。输入文件没有被修改。请把这条信息和所用文件发给维护人员。",
        "csreport hit an internal error ({kind}: {text}). No input file was changed. Please "
        "send this message and the files used to the maintainers.",
    ),
    # --- run and demo ---
    "cli.reading": ("正在读取 {n} 个文件……", "Reading {n} file(s)..."),
    "cli.slow_pdf": (
        "提示：系统缺少 libharfbuzz-subset0，生成 PDF 会很慢（每页约 10 秒）。"
        "运行 csreport doctor 查看详情。",
        "Note: libharfbuzz-subset0 is missing, so PDFs render slowly (about 10 s a page). "
        "See csreport doctor.",
    ),
    "cli.rendering": ("生成成绩单", "Scorecards"),
    "cli.demo_inputs": ("示例数据：{path}", "Sample workbooks: {path}"),
    "cli.done": (
        "已完成 {month} 考核：共 {n} 人，{pass_label} {passed}，{fail_label} {failed}，"
        "{missing_label} {missing}。",
        "Scored {month}: {n} agents. {pass_label}: {passed}, {fail_label}: {failed}, "
        "{missing_label}: {missing}.",
    ),
    "cli.named": ("{label}：", "{label}: "),  # the label of a list of agents
    "cli.agent_why": ("{agent}（{why}）", "{agent} ({why})"),
    "cli.missing_what": ("{kpis}：{why}", "{kpis}: {why}"),
    "cli.not_in_roster": ("需核对（不在花名册中）", "To check (not in the roster)"),
    "cli.more_agents": (
        "…以及另外 {n} 人（详见「{sheet}」表）",
        "… and {n} more (see the {sheet} sheet)",
    ),
    # 试用期 agents at their 考核表's retrain limit (history), after who is 不予上岗: the table, the
    # months not cleared of the limit, then who ({agents}: 工号 and names, or cli.agents_in_all)
    "cli.retrain_limit": (
        "已达再培训上限（{table}不予上岗 {n}/{limit}）：{agents}",
        "Retraining limit reached (已达再培训上限), not cleared {n}/{limit} on {table}: {agents}",
    ),
    # the first ones named, then how many in all
    "cli.agents_in_all": ("{agents} 等 {n} 人", "{agents} and others ({n} in all)"),
    "cli.time_left_s": ("剩余约 {n} 秒", "about {n} s left"),
    "cli.time_left_min": ("剩余约 {n} 分钟", "about {n} min left"),
    "cli.shop_hint": (
        "提示：未设置店铺名称，报表上显示为「{default}」；可用 --shop 店铺名，或在 {file} 中写一行 "
        "shop: 店铺名 来设置。",
        "Note: no shop name is set, so the reports say '{default}'; set one with --shop \"My Shop\", "
        "or with a line shop: My Shop in {file}.",
    ),
    "cli.problems": (
        "数据问题：{errors} 个错误，{warnings} 个警告（详见工作簿的「数据问题」表）。",
        "Data problems: {errors} error(s), {warnings} warning(s) (see the Data problems sheet).",
    ),
    "cli.set_aside": (
        "未能读取、已跳过的文件：{file}——{reason}",
        "File set aside (unreadable): {file} — {reason}",
    ),
    "cli.workbook": ("汇总工作簿：{path}", "Workbook: {path}"),
    "cli.json": ("机器可读结果：{path}", "Machine-readable result: {path}"),
    "cli.cards": ("成绩单 PDF：{path}（{n} 份）", "PDF scorecards: {path} ({n} files)"),
    "cli.rules": ("使用规则：{name} #{hash}", "Rules: {name} #{hash}"),
    "cli.written_back": ("回写副本：{paths}", "Copies with results: {paths}"),
    "cli.bundles": ("团队与全店 PDF：{names}", "Team and shop PDFs: {names}"),
    "shop.default": ("本店", "Our shop"),
    "shop.demo": ("测试旗舰店", "Demo Flagship Store"),
    # --- check ---
    "cli.check_summary": (
        "考核月份 {month}：{errors} 个错误，{warnings} 个警告，{notes} 条提示。{verdict}",
        "Month {month}: {errors} error(s), {warnings} warning(s), {notes} note(s). {verdict}",
    ),
    "cli.unknown_month": ("未确定", "unknown"),
    "cli.clean": ("数据干净，可以计分。", "The data is clean."),
    "cli.not_clean": ("请先核对上面的问题。", "Please review the problems above."),
    # --- rules ---
    "cli.rules_table": ("{name}（{total} 分）", "{name} ({total} pts)"),
    "cli.rules_profiles": ("  权重方案：{profiles}", "  profiles: {profiles}"),
    "cli.lint_none": ("规则「{rules}」没有发现问题。", "No findings in the rules '{rules}'."),
    "cli.lint_count": ("共 {n} 个问题。", "{n} finding(s)."),
    "cli.exported": ("已导出：{path}", "Exported: {path}"),
    "cli.imported": ("已导入 {rules} #{hash}：{path}", "Imported {rules} #{hash}: {path}"),
    # --- doctor ---
    "doctor.weasyprint_broken": (
        "WeasyPrint 无法加载（缺少 Pango 库？）：{reason}",
        "WeasyPrint cannot load (Pango missing?): {reason}",
    ),
    "doctor.font": ("中文字体：{font}", "CJK font used: {font}"),
    "doctor.no_font": (
        "未找到中文字体，PDF 中文会显示为方框。请安装 fonts-wqy-microhei 或思源黑体。",
        "No CJK font found: Chinese would print as boxes. Install "
        "fonts-wqy-microhei (Debian) or a Noto Sans CJK font.",
    ),
    "doctor.harfbuzz": ("libharfbuzz-subset：已安装", "libharfbuzz-subset: OK"),
    "doctor.no_harfbuzz": (
        "缺少 libharfbuzz-subset：PDF 生成会慢约 30 倍（每页约 10 秒）。请安装 libharfbuzz-subset0。",
        "libharfbuzz-subset is missing: WeasyPrint falls back to fontTools "
        "subsetting, about 10 s per page with CJK fonts. Install "
        "libharfbuzz-subset0.",
    ),
    "doctor.templates": ("成绩单模板：{path}", "Templates: {path}"),
    "doctor.no_templates": ("找不到成绩单模板：{path}", "Templates missing: {path}"),
    # --- help: shown as "中文 / English" whatever --lang, since click builds it once ---
    "help.main": (
        "csreport：把客服考勤、质检、接待数据表变成考核结果（汇总工作簿 + 每人一份 PDF 成绩单）。",
        "Turns customer-service workbooks into assessment results.",
    ),
    "help.lang": ("界面语言", "interface language: zh or en."),
    "help.run": (
        "计分并输出汇总工作簿和 PDF 成绩单。INPUTS 是工作簿（xlsx、xlsm、xls、ods、csv）或存放它们的文件夹",
        "score a month and write the reports. INPUTS are workbooks (xlsx, xlsm, xls, "
        "ods, csv) or folders holding them.",
    ),
    "help.check": (
        "检查数据问题（不计分）。数据没有问题时退出码为 0，有问题时为 1",
        "list every data problem before scoring. Exit code 0 when the data is clean, 1 when it is not.",
    ),
    "help.demo": ("用自带的示例数据演示一次完整计分", "score the bundled sample workbooks."),
    "help.doctor": ("检查运行环境：字体、PDF 引擎、模板", "check fonts, the PDF engine and templates."),
    "help.out": ("输出目录", "output folder."),
    "help.month": ("考核月份 YYYY-MM（默认从数据日期推断）", "month to assess."),
    "help.check_month": ("考核月份 YYYY-MM", "month to check."),
    "help.rules": ("规则预设名或 YAML 文件", "rules preset or file (default: standard)."),
    "help.profile": ("权重方案，如 重服务、重转化", "weight profile of the rules."),
    "help.templates": ("自定义成绩单模板目录", "your own scorecard template folder."),
    "help.shop": (
        "店铺名称，印在报表上（不设置时为「本店」；也可在 csreport.yaml 中写 shop: 店铺名）",
        "shop name printed on reports (without it: 'Our shop'; or shop: in csreport.yaml).",
    ),
    "help.mapping": ("表头映射文件（YAML）", "your header mapping file (YAML)."),
    "help.write_back": (
        "另存一份输入工作簿，加上「考核结果」表；=columns 时还在花名册后追加总分等列",
        "copies of the inputs with a results sheet (=columns: also roster columns).",
    ),
    "help.config": ("设置文件（默认当前目录的 csreport.yaml）", "settings file."),
    "help.no_pdf": ("只生成工作簿，不生成 PDF", "skip the PDF scorecards."),
    "help.workers": ("生成 PDF 的进程数", "PDF worker processes."),
    "help.json": ("输出 JSON，供程序读取", "machine-readable JSON."),
    "help.rules_group": ("考核规则：查看、检查、导出为 Excel、从 Excel 导入", "scoring rules."),
    "help.rules_list": ("列出自带的规则预设", "list the shipped presets."),
    "help.rules_show": ("以表格显示规则（预设名或文件）", "show rules as a readable table."),
    "help.rules_lint": (
        "检查规则的缺口、重叠、权重合计等问题",
        "find gaps, overlaps and weight errors. Exit code 1 when there are findings.",
    ),
    "help.rules_export": ("把规则导出为可在 Excel 中编辑的工作簿", "export rules as an editable workbook."),
    "help.rules_import": (
        "把编辑过的规则工作簿转回规则文件",
        "turn an edited rules workbook into a rules file.",
    ),
    "help.rules_profile": ("权重方案，如 重服务", "weight profile."),
    "help.lint_json": ("输出 JSON", "machine-readable JSON."),
    "help.export_xlsx": ("导出的工作簿路径", "workbook to write."),
    "help.export_force": ("覆盖已存在的、不是 csreport 导出的文件", "replace a file csreport did not write."),
    "help.import_out": ("写出的规则文件（默认与工作簿同名 .yaml）", "YAML file to write."),
    "help.import_force": ("覆盖已存在的、不是 csreport 写出的文件", "replace a file csreport did not write."),
    "run.no_inputs": ("没有可读取的输入文件。", "No readable input file."),
    "run.no_agents": ("没有找到任何客服数据，无法计分。", "No agent data found; nothing to score."),
    "run.file_why": ("{file}：{why}", "{file}: {why}"),  # a file and why it gave nothing
    "run.no_inputs_why": ("没有可读取的输入文件：{reasons}", "No readable input file: {reasons}"),
    "run.no_input_args": (
        "请指定要读取的工作簿或文件夹，例如：csreport {command} 十月数据",
        "Name the workbooks or folders to read, e.g. csreport {command} october-data",
    ),
    "check.nothing": (
        "没有可检查的工作簿：{what}。支持 .xlsx .xlsm .xls .ods .csv。",
        "Nothing to check: {what}. Supported: .xlsx .xlsm .xls .ods .csv.",
    ),
    "check.nothing_empty": ("文件夹里没有工作簿", "the folder holds no workbook"),
    "cli.terminated": (
        "运行被终止；之前的报表未改动。",
        "The run was stopped; the previous reports are unchanged.",
    ),
    "cli.usage": (
        "命令用法有误：{detail}。用 csreport {command} --help 查看用法。",
        "Wrong usage: {detail}. See csreport {command} --help.",
    ),
    "cli.missing_argument": ("缺少 {name}", "missing {name}"),
    "cli.option_needs_value": ("选项 {name} 后面缺少它的值", "option {name} needs a value after it"),
    "cli.option_takes_no_value": ("选项 {name} 不带值", "option {name} takes no value"),
    "cli.no_such_command": ("没有命令「{name}」", "there is no command '{name}'"),
    "cli.no_such_option": ("没有选项 {name}", "there is no option {name}"),
    "cli.bad_value": ("{name} 的值不对", "bad value for {name}: {detail}"),
}
