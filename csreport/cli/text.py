"""Text the CLI prints around the pipeline's results, in Chinese and English."""

from __future__ import annotations

from typing import TYPE_CHECKING

from csreport.messages import one_line, translate
from csreport.problems import Severity
from csreport.results import Conclusion

if TYPE_CHECKING:
    from csreport.api import RunReport

_TEXT: dict[str, tuple[str, str]] = {
    "error": ("错误：", "Error: "),
    "interrupted": ("已中断。", "Interrupted."),
    "bug": (
        "csreport 内部出错（{kind}：{text}）。输入文件没有被修改。请把这条信息和所用文件发给维护人员。",
        "csreport hit an internal error ({kind}: {text}). No input file was changed. Please "
        "send this message and the files used to the maintainers.",
    ),
    "reading": ("正在读取 {n} 个文件……", "Reading {n} file(s)..."),
    "slow_pdf": (
        "提示：系统缺少 libharfbuzz-subset0，生成 PDF 会很慢（每页约 10 秒）。"
        "运行 csreport doctor 查看详情。",
        "Note: libharfbuzz-subset0 is missing, so PDFs render slowly (about 10 s a page). "
        "See csreport doctor.",
    ),
    "rendering": ("生成成绩单", "Scorecards"),
    "demo_inputs": ("示例数据：{path}", "Sample workbooks: {path}"),
    "check_summary": (
        "考核月份 {month}：{errors} 个错误，{warnings} 个警告，{notes} 条提示。{verdict}",
        "Month {month}: {errors} error(s), {warnings} warning(s), {notes} note(s). {verdict}",
    ),
    "unknown_month": ("未确定", "unknown"),
    "clean": ("数据干净，可以计分。", "The data is clean."),
    "not_clean": ("请先核对上面的问题。", "Please review the problems above."),
    "done": (
        "已完成 {month} 考核：共 {n} 人，合格 {passed}，不予上岗 {failed}，缺数据 {missing}。",
        "Scored {month}: {n} agents, {passed} passed (合格), {failed} not cleared (不予上岗), "
        "{missing} missing data (缺数据).",
    ),
    "problems": (
        "数据问题：{errors} 个错误，{warnings} 个警告（详见工作簿的「数据问题」表）。",
        "Data problems: {errors} error(s), {warnings} warning(s) (see the 数据问题 sheet).",
    ),
    "set_aside": ("未能读取、已跳过的文件：{file}——{reason}",
                  "File set aside (unreadable): {file} — {reason}"),
    "workbook": ("汇总工作簿：{path}", "Workbook: {path}"),
    "json": ("机器可读结果：{path}", "Machine-readable result: {path}"),
    "cards": ("成绩单 PDF：{path}（{n} 份）", "PDF scorecards: {path} ({n} files)"),
    "rules": ("使用规则：{name} #{hash}", "Rules: {name} #{hash}"),
    "written_back": ("回写副本：{paths}", "Copies with results: {paths}"),
    "bundles": ("团队与全店 PDF：{names}", "Team and shop PDFs: {names}"),
}


def T(key: str, lang: str) -> str:
    """A CLI string in ``lang``."""
    zh, en = _TEXT[key]
    return en if lang == "en" else zh


def summary_lines(report: RunReport, lang: str) -> list[str]:
    """The lines printed after a run: counts, problems and where the outputs are."""
    agents = report.result.agents
    count = {c: sum(a.conclusion is c for a in agents) for c in Conclusion}
    lines = [T("done", lang).format(
        month=report.result.meta.month, n=len(agents), passed=count[Conclusion.PASS],
        failed=count[Conclusion.FAIL], missing=count[Conclusion.MISSING])]
    lines.append(T("rules", lang).format(name=report.result.meta.rules_name,
                                         hash=report.result.meta.rules_hash))
    errors = sum(p.severity is Severity.ERROR for p in report.problems)
    warnings = sum(p.severity is Severity.WARNING for p in report.problems)
    if errors or warnings:
        lines.append(T("problems", lang).format(errors=errors, warnings=warnings))
    for name in sorted(set(report.files_failed)):
        reason = next((p for p in report.problems
                       if p.file == name and p.severity is Severity.ERROR), None)
        lines.append(T("set_aside", lang).format(
            file=one_line(name), reason=reason.message(lang) if reason else ""))
    # Inputs left unread (broken shortcuts, sub-folders ...) or changed during the run.
    lines += [p.render(lang) for p in report.problems if p.code.startswith("input.")]
    lines.append(T("workbook", lang).format(path=_shown(report.workbook)))
    lines.append(T("json", lang).format(path=_shown(report.json_path)))
    if report.written_back:
        lines.append(T("written_back", lang).format(
            paths="、".join(_shown(p) for p in report.written_back)))
    if report.scorecards:
        lines.append(T("cards", lang).format(path=_shown(report.scorecards[0].parent),
                                             n=len(report.scorecards)))
    if report.bundles:
        lines.append(T("bundles", lang).format(
            names="、".join(_shown(p.name) for p in report.bundles)))
    lines += _replaced_lines(report, lang)
    if report.pdf_error:
        lines.append(translate("pdf.unavailable", lang, reason=report.pdf_error))
    return lines


def _shown(path: object) -> str:
    """A path on one line (a line break in a folder name must not split the message)."""
    return one_line(path, 4096)


def _replaced_lines(report: RunReport, lang: str) -> list[str]:
    """What became of the previous reports of the month."""
    done = report.replaced
    if done is None or not (done.previous or done.kept):
        return []
    sep = ", " if lang == "en" else "、"
    lines = [translate("output.replaced", lang, month=report.result.meta.month,
                       previous=done.previous)] if done.previous else []
    if done.dropped:
        lines.append(translate("output.dropped", lang, names=_listing(done.dropped, sep)))
    if done.kept:
        lines.append(translate("output.kept", lang, names=_listing(done.kept, sep)))
    return lines


def _listing(names: list[str], sep: str, most: int = 10) -> str:
    shown = sep.join(names[:most])
    return shown + (f"{sep}… (+{len(names) - most})" if len(names) > most else "")
