"""Catalogue: the history database, revisions, closed months and the cycle's commands (issue 14)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # the history file refused: one line each, the file left as it was
    "history.not_ours": (
        "{path} 不是 csreport 的历史记录文件，csreport 不会改动它。请用 --history 指定另一个文件（或在 "
        "csreport.yaml 中写 history: 文件名）。",
        "{path} is not a csreport history file, and csreport will not change it. Name another file "
        "with --history (or history: in csreport.yaml).",
    ),
    "history.newer": (
        "历史记录文件 {path} 由更新版本的 csreport（{version}）写入，本版本无法读取，也不会改动它。"
        "请先升级 csreport。",
        "The history file {path} was written by a newer csreport ({version}); this version cannot "
        "read it and will not change it. Upgrade csreport first.",
    ),
    "history.damaged": (
        "历史记录文件 {path} 已损坏，无法读取，csreport 不会改动它。请从备份恢复，"
        "或用 --history 指定另一个文件。",
        "The history file {path} is damaged and cannot be read; csreport will not change "
        "it. Restore it from a backup, or name another file with --history.",
    ),
    "history.unwritable": (
        "无法打开或写入历史记录文件 {path}：{reason}。",
        "The history file {path} cannot be opened or written: {reason}.",
    ),
    "history.why.readonly": (
        "文件或其所在文件夹是只读的，请取消只读或换一个位置（--history）",
        "the file or its folder is read-only; make it writable or choose another place (--history)",
    ),
    "history.why.full": (
        "磁盘空间不足，请腾出空间后重新运行",
        "the disk is full; free some space and run again",
    ),
    "history.why.other": (
        "请确认文件没有被其他程序占用、所在文件夹可写",
        "check that no other program holds it and that its folder is writable",
    ),
    "history.is_folder": (
        "{path} 是一个文件夹，不是历史记录文件。请用 --history 指定一个文件，"
        "例如 {path}/csreport-history.sqlite。",
        "{path} is a folder, not a history file. Name a file with --history, e.g. "
        "{path}/csreport-history.sqlite.",
    ),
    "history.no_folder": (
        "历史记录文件 {path} 所在的文件夹 {folder} 不存在。请检查路径是否写错；"
        "如确需新建，请先建好该文件夹。",
        "The folder {folder} of the history file {path} does not exist. Check the path for a typo; "
        "to start a new history there, create the folder first.",
    ),
    "history.busy": (
        "历史记录文件 {path} 正被另一次 csreport 运行占用，等待超时。请等它结束后再运行。",
        "The history file {path} is in use by another csreport run, and waiting timed out. Wait "
        "for it to finish and run again.",
    ),
    "history.missing": (
        "还没有历史记录：{path} 不存在。先用 csreport run 计算一个月，或用 csreport history import "
        "导入以前的结果。",
        "No history yet: {path} does not exist. Score a month with csreport run first, or import "
        "past results with csreport history import.",
    ),
    "history.no_month": (
        "历史记录 {path} 中没有 {month} 的结果，无法关闭。请先计算该月。",
        "The history {path} holds no results for {month}, so it cannot be closed. Score the month first.",
    ),
    "history.closed": (
        '{month} 已于 {closed_at} 关闭，结果不再改动。如确需重新计算，请加 --reopen "原因"（原因会被记录）。',
        "{month} was closed on {closed_at}; its results are final. To re-run it anyway, add "
        '--reopen "reason" (the reason is recorded).',
    ),
    "rules.no_profile_recorded": (
        "{month} 记录的规则中没有权重方案「{profile}」；请用 --rules 指定含此方案的规则，或去掉 --profile。",
        "The rules recorded for {month} have no weight profile '{profile}'; name rules that have it "
        "with --rules, or leave out --profile.",
    ),
    "history.changed_meanwhile": (
        "另一次运行刚刚记录了 {month} 的新结果，本次结果没有记录，报表也没有替换。请重新运行一次。",
        "Another run has just recorded new results for {month}; this run recorded nothing and replaced "
        "no report. Run it again.",
    ),
    "history.reopen_empty": (
        '--reopen 需要写明原因，例如 --reopen "补录 10 月 3 日接待数据"。',
        '--reopen needs a reason, e.g. --reopen "added the missing 3 October reception data".',
    ),
    "history.reopen_not_closed": (
        "{month} 没有关闭，不需要 --reopen；本次照常计算，原因未记录。",
        "{month} is not closed, so --reopen is not needed; the run went ahead and the reason was "
        "not recorded.",
    ),
    # what a run says about history
    "history.recorded_first": (
        "历史记录：{month} 已记录（第 1 版），文件 {path}。",
        "History: {month} recorded (revision 1) in {path}.",
    ),
    "history.recorded_new": (
        "历史记录：{month} 记录为第 {revision} 版（保留第 {previous} 版）。",
        "History: {month} recorded as revision {revision} (revision {previous} kept).",
    ),
    "history.unchanged": (
        "历史记录：{month} 的输入和规则与第 {revision} 版相同，结果一致，未新增记录。",
        "History: {month} has the same inputs and rules as revision {revision}, with the same results; "
        "nothing new recorded.",
    ),
    "history.reopened": (
        "{month} 已关闭，按 --reopen 重新计算，原因已记录：{reason}",
        "{month} is closed; re-run with --reopen, reason recorded: {reason}",
    ),
    "history.changed_head": (
        "与第 {previous} 版相比，{n} 人的结果有变化：",
        "Compared with revision {previous}, {n} agent(s) changed:",
    ),
    "history.changed_none": (
        "与第 {previous} 版相比，没有人的总分、结论或系数变化。",
        "Compared with revision {previous}, no agent's total, verdict or coefficient changed.",
    ),
    "history.changed_line": ("  {id} {name}：{changes}", "  {id} {name}: {changes}"),
    "history.changed_more": ("  ……另有 {n} 人，见历史记录", "  … and {n} more, see the history"),
    "history.change.total": ("总分 {old} → {new}", "total {old} → {new}"),
    "history.change.conclusion": ("结论 {old} → {new}", "verdict {old} → {new}"),
    "history.change.coefficient": ("系数 {old} → {new}", "coefficient {old} → {new}"),
    "history.change.added": ("新增（总分 {new}）", "new (total {new})"),
    "history.change.removed": ("本版没有此人（原总分 {old}）", "not in this revision (total was {old})"),
    "history.none_value": ("无", "none"),
    "history.rules_recorded": (
        "规则：沿用 {month} 第 {revision} 版记录的「{name}」（{hash}）。要改用其他规则，请加 --rules。",
        "Rules: the '{name}' ({hash}) recorded with {month} revision {revision}. Add --rules to use "
        "other rules.",
    ),
    "history.rules_version": (
        "规则：{month} 按「{name}」（自 {since} 起生效的版本）计分。",
        "Rules: {month} is scored with '{name}' (the version in force from {since}).",
    ),
    "history.rules_not_recorded": (
        "{month} 的历史记录没有保存规则全文（从以往结果导入），本次按 {rules} 计分。",
        "The history of {month} does not hold the rules' text (imported from past outputs); this run "
        "uses {rules}.",
    ),
    "history.inputs_missing": (
        "（输入文件已不在原处：{files}）",
        "(input files no longer where they were: {files})",
    ),
    "history.trend_months": (
        "趋势：历史记录中有 {months} 的结果，已加入「趋势」表和成绩单。",
        "Trends: history holds {months}; added to the Trends sheet and the scorecards.",
    ),
    "history.interviews_stored": (
        "面谈：{file} 中 {month} 的 {n} 条面谈已存入历史记录。",
        "Interviews: {n} interview(s) for {month} from {file} stored in the history.",
    ),
    "history.level_from_review": (
        "级别：{n} 人按晋级评审的决定计分（花名册仍是旧级别，请换用评审生成的新花名册）。",
        "Levels: {n} agent(s) scored at the level their review decided (the roster still shows the "
        "old level; use the new roster the review wrote).",
    ),
    # csreport close
    "cycle.close.done": (
        '{month} 已关闭。以后重新计算需加 --reopen "原因"。',
        '{month} is closed. Re-running it now needs --reopen "reason".',
    ),
    "cycle.close.already": ("{month} 已于 {closed_at} 关闭。", "{month} was already closed on {closed_at}."),
    # csreport history (listing)
    "history.list_head": ("历史记录 {path}：", "History {path}:"),
    "history.list_month": (
        "{month}  {state}  第 {revision} 版（共 {count} 版），{agents} 人，规则「{rules}」，记录于 {at}",
        "{month}  {state}  revision {revision} (of {count}), {agents} agents, rules '{rules}', recorded {at}",
    ),
    "history.list_revision": (
        "    第 {revision} 版  {at}  {origin}  规则「{rules}」（{hash}）",
        "    revision {revision}  {at}  {origin}  rules '{rules}' ({hash})",
    ),
    "history.list_reopened": (
        "    {at} 关闭后重新计算，原因：{reason}",
        "    {at} re-run after closing, because: {reason}",
    ),
    "history.state.open": ("未关闭", "open"),
    "history.state.closed_at": ("已关闭（{at}）", "closed ({at})"),
    "history.origin.run": ("计算", "run"),
    "history.origin.import": ("导入", "import"),
    "history.list_empty": ("历史记录 {path} 中还没有任何月份。", "The history {path} holds no month yet."),
    "history.agent_head": ("{id} {name} 的历史记录（{path}）：", "History of {id} {name} ({path}):"),
    "history.agent_line": (
        "{month}  第 {revision} 版  {table}  总分 {total}  {conclusion}  等级 {grade}  排名 {rank}  "
        "级别 {level}  系数 {coefficient}",
        "{month}  rev {revision}  {table}  total {total}  {conclusion}  grade {grade}  rank {rank}  "
        "level {level}  coefficient {coefficient}",
    ),
    "history.agent_none": ("历史记录 {path} 中没有工号 {id}。", "The history {path} has no agent {id}."),
    # csreport history import
    "history.imported": (
        "已导入 {file}：{month}，{agents} 人，记录为第 {revision} 版。",
        "Imported {file}: {month}, {agents} agents, recorded as revision {revision}.",
    ),
    "history.import_same": (
        "{file}：{month} 已有相同的结果（第 {revision} 版），未新增记录。",
        "{file}: {month} already holds the same results (revision {revision}); nothing new recorded.",
    ),
    "history.import_failed": ("{file}：未导入。{why}", "{file}: not imported. {why}"),
    "history.import_summary": (
        "共 {n} 个文件：{ok} 个已导入，{same} 个已有相同结果，{failed} 个未导入。",
        "{n} file(s): {ok} imported, {same} already recorded with the same results, {failed} not imported.",
    ),
    "cycle.import.month_run": (
        "{file}：{month} 已由 csreport run 计算并记录，导入的旧结果不会覆盖它（如需重算，请重新运行该月）。",
        "{file}: {month} was scored and recorded by csreport run; an imported output does not replace "
        "it (to change it, run the month again).",
    ),
    "cycle.import.no_files": (
        "{paths} 中没有 csreport 的结果文件（客服绩效_YYYY-MM.json 或 .xlsx）可导入。",
        "{paths} holds no csreport results file (客服绩效_YYYY-MM.json or .xlsx) to import.",
    ),
    "cycle.import.no_args": (
        "请指定以前 csreport 的结果文件或文件夹，例如："
        "csreport history import 报表/2026-09/客服绩效_2026-09.json",
        "Name past csreport results files or folders, e.g. csreport history import out/2026-09/results.json",
    ),
    # csreport interviews import
    "cycle.interviews.stored": (
        "已把 {file} 中 {month} 的 {n} 条面谈存入历史记录 {path}。",
        "Stored {n} interview(s) for {month} from {file} in the history {path}.",
    ),
    "cycle.interviews.no_month": (
        "{file} 是 {month} 的面谈表，但历史记录中没有 {month} 的结果。"
        "请先计算该月（csreport run），再导入面谈。",
        "{file} holds interviews for {month}, but the history has no results for {month}. Score the month "
        "first (csreport run), then import the interviews.",
    ),
    "cycle.interviews.month_not_held": (
        "这是 {month} 的面谈表，但历史记录中没有 {month} 的结果，面谈未存入。请先计算该月。",
        "These are interviews for {month}, but the history holds no results for {month}; they were "
        "not stored. Score that month first.",
    ),
    "cycle.interviews.none_filled": (
        "{file} 的面谈表中没有填写任何面谈，没有存入内容。",
        "No interview is filled in on the interview sheet of {file}; nothing stored.",
    ),
    # csreport review
    "cycle.review.written": ("晋级评审：{path}", "Level review: {path}"),
    "cycle.review.cards": ("每人一份评审表：{path}（{n} 份）", "One review PDF per agent: {path} ({n})"),
    "cycle.review.no_months": (
        "历史记录 {path} 中没有 {start} 至 {end} 的任何月份，无法评审。请先计算或导入这些月份。",
        "The history {path} holds no month from {start} to {end}, so there is nothing to review. "
        "Score or import those months first.",
    ),
    "cycle.review.bad_period": (
        "评审期间 {start} 至 {end} 不对：开始月份须不晚于结束月份，格式 YYYY-MM。",
        "The review period {start} to {end} is wrong: the start must not be after the end, in the "
        "form YYYY-MM.",
    ),
    "cycle.review.months_missing": (
        "注意：评审期间内 {months} 没有历史记录，这些月份按空白计。",
        "Note: the history holds nothing for {months} in the period; those months are blank.",
    ),
    "cycle.review.needs_period": (
        "请用 --from 和 --to 指定评审期间（例如 --from 2026-05 --to 2026-10），"
        "或用 --apply 读回填好的评审表。",
        "Give the review period with --from and --to (e.g. --from 2026-05 --to 2026-10), or read "
        "a filled review back with --apply.",
    ),
    "cycle.review.applied": (
        "已读回 {file}：{n} 人的级别变化自 {month} 起生效，已记入历史记录。",
        "Read back {file}: {n} level change(s), in force from {month}, recorded in the history.",
    ),
    "cycle.review.applied_none": (
        "{file} 中没有与当前级别不同的「最终级别」，没有级别变化。",
        "No final level in {file} differs from the current level; no level changes.",
    ),
    "cycle.review.change_line": ("  {id} {name}：{old} → {new}", "  {id} {name}: {old} → {new}"),
    "cycle.review.new_roster": (
        "新花名册（级别已更新）：{path}。原花名册未改动；下个月请用新花名册。",
        "New roster with the levels updated: {path}. The original roster is unchanged; use the new "
        "one next month.",
    ),
    "cycle.review.no_roster": (
        "找不到评审期间最后一个月使用的花名册（{path}），没有生成新花名册；级别变化已记入历史记录。"
        "可加 --roster 花名册.xlsx 重新运行 --apply 来生成。",
        "The roster used for the period's last month ({path}) was not found, so no new roster was "
        "written; the level changes are recorded in the history. Add --roster <file> to --apply to "
        "write one.",
    ),
    "cycle.review.roster_is_results": (
        "{file} 是 csreport 的结果工作簿，不是花名册。请用 --roster 指定花名册工作簿。",
        "{file} is a csreport results workbook, not a roster. Name the roster workbook with --roster.",
    ),
    "cycle.review.already_applied": (
        "这些级别变化此前已记录，未重复记录。",
        "These level changes were recorded before; nothing recorded again.",
    ),
    "cycle.review.problems_head": ("评审表中的问题：", "Problems in the review workbook:"),
    "cycle.review.refused": (
        "评审表有 {n} 个错误，没有记录任何级别变化；请改正后重新运行 --apply。",
        "The review workbook has {n} error(s); no level change was recorded. Correct them and run "
        "--apply again.",
    ),
    # help texts
    "help.history": (
        "指定历史记录文件（默认：输出文件夹下的 csreport-history.sqlite）",
        "the history file (default: csreport-history.sqlite in the output folder)",
    ),
    "help.reopen": (
        "重新计算一个已关闭的月份，并写明原因",
        "re-run a closed month, giving the reason",
    ),
    "help.close": (
        "关闭一个月份：以后重新计算需写明原因",
        "close a month: re-running it then needs a reason",
    ),
    "help.history_cmd": (
        "列出历史记录中的月份、版本和关闭状态；--agent 查看一个人的各月结果",
        "list the months in the history, their revisions and closed state; --agent shows one agent's months",
    ),
    "help.history_import": (
        "把以前 csreport 的结果（JSON 或汇总工作簿）导入历史记录",
        "record past csreport outputs (the JSON or the results workbook) in the history",
    ),
    "help.agent": ("只看这个工号的各月结果", "show this agent's months only"),
    "help.interviews": ("面谈记录", "interview records"),
    "help.interviews_import": (
        "读回填好的面谈表（结果工作簿的「面谈」表）并存入历史记录",
        "read a filled interview sheet (the results workbook's Interviews sheet) into the history",
    ),
    "help.review": (
        "半年级别评审：生成晋级评审工作簿和每人一份评审 PDF；--apply 读回填好的评审表",
        "the half-year level review: writes the review workbook and one PDF per agent; --apply reads "
        "a filled review back",
    ),
    "help.from": ("评审期间的第一个月（YYYY-MM）", "first month of the review period (YYYY-MM)"),
    "help.to": ("评审期间的最后一个月（YYYY-MM）", "last month of the review period (YYYY-MM)"),
    "help.apply": ("读回填好的晋级评审工作簿", "read a filled review workbook back"),
    "help.roster": (
        "生成新花名册所依据的花名册（默认：评审期间最后一个月使用的花名册）",
        "the roster to write the new roster from (default: the one used for the period's last month)",
    ),
}
