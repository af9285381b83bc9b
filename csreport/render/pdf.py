"""One-page A4 PDF scorecard per agent, from Jinja2 templates through WeasyPrint.

WeasyPrint is imported lazily: it takes about a second to import and needs native
libraries (Pango), which must not break ``csreport --help`` on a machine without them.

URL policy for templates: ``file:`` URLs are served only for files inside the templates
folder, ``data:`` URLs are allowed (self-contained, no I/O), everything else (http, https,
ftp, files elsewhere) is refused and fails that card with ``pdf.failed``. Agent data never
reaches a URL anyway: it is autoescaped, so ``<img src=...>`` in a name prints as text.
"""

from __future__ import annotations

import mimetypes
import os
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from csreport.model import AgentResult, Conclusion, KpiResult, MonthResult, RunMeta
from csreport.problems import CsreportError
from csreport.render.atomic import atomic_path
from csreport.render.filenames import scorecard_filename
from csreport.render.svg import finite_or_none, format_points, kpi_bar_chart, kpi_state

__all__ = ["ScorecardRenderer", "default_templates_dir", "make_url_fetcher",
           "render_scorecards", "scorecard_context"]

TEMPLATE_NAME = "scorecard.html"
CSS_NAME = "scorecard.css"
IN_PROCESS_BELOW = 8  # fewer cards than this are not worth starting worker processes

# UI labels, (zh, en). 工号, 级别, 系数 and 不予上岗 stay Chinese in English mode on
# purpose: they are the shop's own HR terms and appear that way in its workbooks.
LABELS: dict[str, tuple[str, str]] = {
    "title": ("客服月度绩效考核成绩单", "Customer Service Monthly Performance Scorecard"),
    "month": ("考核月份", "Month"), "agent_id": ("工号", "工号"), "name": ("姓名", "Name"),
    "group": ("组别", "Group"), "status": ("岗位状态", "Status"), "level": ("级别", "级别"),
    "coefficient": ("系数", "系数"), "table": ("考核表", "Table"),
    "rank": ("排名", "Rank"), "kpi": ("考核项目", "KPI"), "value": ("实际值", "Value"),
    "ratio": ("分子 / 分母", "Numerator / denominator"), "band": ("所在区间", "Band"),
    "points": ("得分", "Points"), "total": ("总分", "Total score"),
    "conclusion": ("结论", "Conclusion"), "grade": ("等级", "Grade"),
    "veto_reasons": ("否决原因", "Veto reasons"), "veto": ("否决", "Veto"),
    "missing": ("缺数据", "Missing data"), "chart": ("各项得分", "Points by KPI"),
    "attendance": ("考勤汇总", "Attendance (days / times)"), "present": ("出勤", "Present"),
    "late": ("迟到", "Late"), "early_leave": ("早退", "Left early"), "leave": ("请假", "Leave"),
    "absent": ("旷工", "Absent"), "days": ("天", ""), "times": ("次", ""),
    "colon": ("：", ": "),
    "attitude": ("工作态度分项（抽查平均）", "Attitude items (sampled average)"),
    "notes": ("备注", "Notes"), "not_in_roster": ("不在花名册中", "Not in the roster"),
    "employee": ("员工签字", "Employee"), "supervisor": ("主管签字", "Supervisor"),
    "hr": ("HR 签字", "HR"), "date": ("日期", "Date"), "rules": ("考核规则", "Rules"),
    "generated": ("生成时间", "Generated"),
    "confidential": ("内部资料 注意保密", "内部资料 注意保密 · Internal, confidential"),
    "seconds": ("秒", "s"), "pass": ("合格", "Pass"), "fail": ("不予上岗", "不予上岗"),
}
_CONCLUSION = {Conclusion.PASS: "pass", Conclusion.FAIL: "fail", Conclusion.MISSING: "missing"}


def labels_for(lang: str) -> dict[str, str]:
    """The UI labels in ``lang`` (``zh`` or ``en``)."""
    index = 1 if lang == "en" else 0
    return {key: pair[index] for key, pair in LABELS.items()}


def _number(value: float | None, decimals: int = 2) -> str:
    """A quantity without pointless decimals: ``1000``, ``990.5``; em dash when unknown."""
    number = finite_or_none(value)
    if number is None:
        return "—"
    text = f"{number:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{number:.0f}"
    return "0" if text == "-0" else text


def format_value(kpi: KpiResult, lang: str = "zh") -> str:
    """The raw KPI value in its unit: ``42.5 秒``, ``98.50%``, ``82.3``, ``3``."""
    raw = finite_or_none(kpi.raw)
    if raw is None:
        return "—"
    if kpi.unit == "s":
        return f"{raw:.1f} {labels_for(lang)['seconds']}"
    if kpi.unit == "%":
        return f"{raw * 100:.2f}%"
    if kpi.unit == "score":
        return f"{raw:.1f}"
    if kpi.unit == "count":
        return f"{round(raw):d}"
    return _number(raw)


def _pick(en: bool, english: Any, chinese: Any) -> Any:
    """The English text in English mode when the rules provide one, else the Chinese."""
    return english if en and english else chinese


def w3c_date(stamp: str) -> str | None:
    """``stamp`` as a W3C date for PDF metadata (WeasyPrint rejects naive times)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def scorecard_context(agent: AgentResult, meta: RunMeta, lang: str = "zh", *,
                      compact: bool = False) -> dict[str, Any]:
    """Everything the scorecard template may use. All strings are plain (autoescaped).

    Top level: ``lang`` ("zh"/"en"), ``html_lang`` ("zh-CN"/"en"), ``labels`` (dict, see
    ``LABELS``), ``compact`` (bool, set on the second layout pass when the card would
    overflow one page), ``shop``, ``month``, ``title``, ``generated_at`` (readable),
    ``created`` (W3C date for ``<meta name="dcterms.created">``, or None), ``rules_name``,
    ``rules_hash``, ``chart_svg`` (our SVG markup, insert with ``|safe``), ``meta`` (the
    RunMeta) and ``result`` (the AgentResult) for anything not listed.

    ``agent``: ``id``, ``name``, ``group``, ``status``, ``level``, ``table_name``,
    ``coefficient`` (text, "—" if none), ``rank`` ("2 / 3" or "—"), ``grade`` ("—" if
    none), ``total`` and ``max_total`` (text), ``conclusion`` (text), ``conclusion_class``
    ("pass"/"fail"/"missing"), ``veto_reasons`` (list of text), ``notes`` (list of
    text), ``in_roster`` (bool).

    ``kpis`` (list), each: ``id``, ``name``, ``value`` (formatted by unit), ``ratio``
    ("990 / 1000" or ""), ``band``, ``band_label`` ("" if none), ``points`` ("15"),
    ``max_points`` ("15"), ``state`` ("ok"/"veto"/"missing"), ``reason`` (veto or
    missing reason, "" if none), ``sample_size`` (int or None), ``sources`` (list of
    "file!sheet!A5:A9" text).

    ``attendance``: None or dict of ints ``present``, ``late``, ``early_leave``, ``leave``,
    ``absent``, ``rest``, ``recorded_days``. ``attitude_items``: list of dicts ``name``,
    ``average`` and ``max`` (text).
    """
    en = lang == "en"
    labels = labels_for(lang)
    kpis = [{
        "id": k.kpi_id,
        "name": _pick(en, k.name_en, k.name),
        "value": format_value(k, lang),
        "ratio": "" if k.numerator is None or k.denominator is None
        else f"{_number(k.numerator)} / {_number(k.denominator)}",
        "band": k.band or "—",
        "band_label": k.band_label or "",
        "points": format_points(k.points),
        "max_points": format_points(k.max_points),
        "state": kpi_state(k),
        "reason": (_pick(en, k.veto_en, k.veto) if k.veto
                   else _pick(en, k.missing_reason_en, k.missing_reason) or ""),
        "sample_size": k.sample_size,
        "sources": [s.ranges() for s in k.sources],
    } for k in agent.kpis]
    conclusion_class = _CONCLUSION.get(agent.conclusion, "missing")
    att = agent.attendance
    return {
        "lang": "en" if en else "zh",
        "html_lang": "en" if en else "zh-CN",
        "labels": labels,
        "compact": compact,
        "shop": meta.shop,
        "month": meta.month,
        "title": labels["title"],
        "generated_at": meta.generated_at.replace("T", " ")[:16],
        "created": w3c_date(meta.generated_at),
        "rules_name": meta.rules_name,
        "rules_hash": meta.rules_hash,
        "meta": meta,
        "result": agent,
        "chart_svg": kpi_bar_chart(agent.kpis, "en" if en else "zh"),
        "agent": {
            "id": agent.agent_id, "name": agent.name, "group": agent.group,
            "status": agent.status, "level": agent.level, "table_name": agent.table_name,
            "coefficient": _number(agent.coefficient, 3),
            "rank": "—" if agent.rank is None else f"{agent.rank} / {agent.rank_of}",
            "grade": agent.grade or "—",
            "total": format_points(agent.total),
            "max_total": format_points(agent.max_total),
            "conclusion": labels[conclusion_class],
            "conclusion_class": conclusion_class,
            "veto_reasons": list(_pick(en, agent.veto_reasons_en, agent.veto_reasons)),
            "notes": list(agent.notes),
            "in_roster": agent.in_roster,
        },
        "kpis": kpis,
        "attendance": None if att is None else {
            "present": att.present, "late": att.late, "early_leave": att.early_leave,
            "leave": att.leave, "absent": att.absent, "rest": att.rest,
            "recorded_days": att.recorded_days,
        },
        "attitude_items": [{"name": n, "average": format_points(a), "max": format_points(m)}
                           for n, a, m in agent.attitude_items],
    }


def default_templates_dir() -> Path:
    """The shipped templates: inside the installed package, else the source checkout's."""
    packaged = Path(__file__).resolve().parents[1] / "templates"
    if (packaged / TEMPLATE_NAME).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def make_url_fetcher(root: Path) -> Any:
    """A WeasyPrint ``URLFetcher`` serving only files under ``root`` (and ``data:`` URLs).

    Every requested URL is appended to the fetcher's ``requested`` list, for audits.
    Refusals are fatal (``fail_on_errors``) so a template asking for the web fails loudly.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    base = Path(root).resolve()

    class TemplateDirFetcher(URLFetcher):  # type: ignore[misc]
        """Serves ``file:`` URLs inside the templates folder; refuses the rest."""

        def __init__(self) -> None:
            super().__init__(fail_on_errors=True, allowed_protocols=("file", "data"))
            self.root = base
            self.requested: list[str] = []

        def fetch(self, url: str, headers: Any = None) -> Any:
            """Return the resource for ``url`` or raise ``ValueError`` if not allowed."""
            self.requested.append(url)
            scheme = url.partition(":")[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                parts = urlsplit(url)
                path = Path(url2pathname(parts.path)).resolve()
                if parts.netloc in ("", "localhost") and path.is_relative_to(self.root) \
                        and path.is_file():
                    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(
                        path.as_uri(), path.read_bytes(), {"Content-Type": mime})
            raise ValueError(f"refused {url!r}: only files inside {self.root} may be used")

    return TemplateDirFetcher()


def _template_error(exc: BaseException, name: str) -> CsreportError:
    """Turn a Jinja2 failure into ``templates.broken`` with the template's line number."""
    line: int | None = getattr(exc, "lineno", None)
    template = getattr(exc, "name", None) or name
    if line is None:
        # Jinja rewrites runtime tracebacks so template frames carry template line numbers.
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith((".html", ".htm", ".xml", ".j2", ".jinja")):
                line, template = frame.lineno, Path(frame.filename).name
                break
    problem = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return CsreportError("templates.broken", template=template, line=line or "?",
                         problem=problem)


def load_template(templates_dir: Path) -> jinja2.Template:
    """Check the templates folder and compile the scorecard template (no WeasyPrint)."""
    templates_dir = Path(templates_dir)
    if not (templates_dir / TEMPLATE_NAME).is_file():
        missing = templates_dir if not templates_dir.is_dir() else templates_dir / TEMPLATE_NAME
        raise CsreportError("templates.not_found", path=str(missing))
    if not (templates_dir / CSS_NAME).is_file():
        raise CsreportError("templates.not_found", path=str(templates_dir / CSS_NAME))
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=jinja2.select_autoescape(["html", "htm", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    try:
        return env.get_template(TEMPLATE_NAME)
    except jinja2.TemplateError as exc:
        raise _template_error(exc, TEMPLATE_NAME) from exc


class ScorecardRenderer:
    """Renders scorecards with one parsed stylesheet and one font configuration.

    Building this once per process and reusing it is what makes many cards fast:
    parsing the CSS and loading fonts dominate the cost of a single card.
    """

    def __init__(self, templates_dir: Path | None = None, lang: str = "zh") -> None:
        """Load the template and stylesheet; raise ``templates.*`` errors early."""
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        self.templates_dir = Path(templates_dir or default_templates_dir()).resolve()
        self.lang = lang if lang in ("zh", "en") else "zh"
        self.template = load_template(self.templates_dir)
        self.base_url = self.templates_dir.as_uri() + "/"
        self.fetcher = make_url_fetcher(self.templates_dir)
        self.font_config = FontConfiguration()
        self.css = CSS(filename=str(self.templates_dir / CSS_NAME), base_url=self.base_url,
                       url_fetcher=self.fetcher, font_config=self.font_config)

    def html(self, agent: AgentResult, meta: RunMeta, *, compact: bool = False) -> str:
        """The scorecard's HTML for one agent."""
        context = scorecard_context(agent, meta, self.lang, compact=compact)
        try:
            return self.template.render(context)
        except Exception as exc:  # any failure inside a user's template is the template's
            raise _template_error(exc, TEMPLATE_NAME) from exc

    def pdf_bytes(self, agent: AgentResult, meta: RunMeta) -> bytes:
        """The scorecard PDF; re-laid out in compact mode if it would spill onto page 2."""
        from weasyprint import HTML
        from weasyprint.urls import FatalURLFetchingError

        try:
            document = None
            for compact in (False, True):
                html = HTML(string=self.html(agent, meta, compact=compact),
                            base_url=self.base_url, url_fetcher=self.fetcher)
                document = html.render(font_config=self.font_config, stylesheets=[self.css])
                if len(document.pages) <= 1:
                    break
            assert document is not None
            return document.write_pdf()
        except CsreportError:
            raise
        except (Exception, FatalURLFetchingError) as exc:  # the latter is a BaseException
            reason = f"{type(exc).__name__}: {exc}"
            if exc.__cause__ is not None:
                reason += f" ({exc.__cause__})"
            raise CsreportError("pdf.failed", agent=f"{agent.agent_id} {agent.name}",
                                reason=reason) from exc

    def write(self, agent: AgentResult, meta: RunMeta, target: Path) -> Path:
        """Render one card to ``target`` atomically and return the path."""
        data = self.pdf_bytes(agent, meta)
        with atomic_path(target) as tmp:
            tmp.write_bytes(data)
        return Path(target)


_WORKER: ScorecardRenderer | CsreportError | None = None


def _init_worker(templates_dir: str, lang: str) -> None:
    """Process-pool initializer: build this worker's renderer once.

    A failure is kept and reported with the first card: an initializer that raises
    would only surface as an anonymous ``BrokenProcessPool`` in the parent.
    """
    global _WORKER
    try:
        _WORKER = ScorecardRenderer(Path(templates_dir), lang)
    except CsreportError as exc:
        _WORKER = exc
    except Exception as exc:  # e.g. OSError when Pango cannot be loaded
        _WORKER = CsreportError("pdf.failed", agent="—", reason=f"{type(exc).__name__}: {exc}")


def _worker_render(agent: AgentResult, meta: RunMeta, target: str) -> tuple[Any, ...]:
    """Render one card in a worker; errors come back as data because CsreportError's
    parameters do not survive pickling."""
    try:
        if not isinstance(_WORKER, ScorecardRenderer):
            raise _WORKER or CsreportError("pdf.failed", agent=agent.agent_id,
                                           reason="worker not initialised")
        return ("ok", str(_WORKER.write(agent, meta, Path(target))))
    except CsreportError as exc:
        return ("error", exc.code, exc.exit_code, exc.params)


def render_scorecards(
    month: MonthResult,
    out_dir: Path,
    *,
    templates_dir: Path | None = None,
    lang: str = "zh",
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Path]:
    """Write one A4 PDF scorecard per agent into ``out_dir``; return paths in agent order.

    ``progress(n)`` is called with the number of cards just finished. Few cards (or
    ``workers == 1``) render in this process; otherwise in ``workers`` processes
    (default: min(2, CPU count)). Raises ``CsreportError`` (``templates.not_found``,
    ``templates.broken``, ``pdf.failed``, ``output.not_writable``).
    """
    tdir = Path(templates_dir) if templates_dir is not None else default_templates_dir()
    load_template(tdir)  # fail fast, before any worker starts
    out_dir = Path(out_dir)
    taken: set[str] = set()
    targets = [out_dir / scorecard_filename(a.agent_id, a.name, taken) for a in month.agents]
    if not month.agents:
        return []
    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    workers = max(1, min(workers, len(month.agents)))

    if workers == 1 or len(month.agents) < IN_PROCESS_BELOW:
        renderer = ScorecardRenderer(tdir, lang)
        for agent, target in zip(month.agents, targets, strict=True):
            renderer.write(agent, month.meta, target)
            if progress is not None:
                progress(1)
        return targets

    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                             initargs=(str(tdir), lang)) as pool:
        futures = [pool.submit(_worker_render, agent, month.meta, str(target))
                   for agent, target in zip(month.agents, targets, strict=True)]
        try:
            for future in as_completed(futures):
                outcome = future.result()
                if outcome[0] == "error":
                    _, code, exit_code, params = outcome
                    raise CsreportError(code, exit_code=exit_code, **params)
                if progress is not None:
                    progress(1)
        except BaseException:
            for future in futures:
                future.cancel()
            raise
    return targets
