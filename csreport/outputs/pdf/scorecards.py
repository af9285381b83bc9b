"""A4 PDFs of the month: one scorecard per agent, one PDF per team, one for the shop.

``render_reports`` writes, into ``<month>/scorecards/``:

- ``<工号>_<姓名>.pdf``: each agent's one-page scorecard (Windows-safe, unique names);
- ``团队_<组别>.pdf``: the cards of one team (组别), an outline entry per agent;
- ``全店_<YYYY-MM>.pdf``: a cover with the team summary, then every team's cards, with
  an outline entry per team and, under it, per agent.

How it is fast (see ``bench/bench_pdf.py``): cards are laid out many per document in
worker processes (``renderer``, ``pool``) and every PDF is written from those layouts;
the shop PDF joins the team PDFs (``merge``). The optional accelerators on WeasyPrint
internals are in ``fast`` (off with ``CSREPORT_PDF_FAST=0``). Templates and the URL
policy: ``templates``; branding: ``branding``; template variables: ``context``.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from csreport.messages import translate
from csreport.outputs.filenames import scorecard_filename
from csreport.outputs.pdf.branding import Branding
from csreport.outputs.pdf.context import labels_for, scorecard_context, team_label
from csreport.outputs.pdf.pool import ChunkResult, Job, execute, plan
from csreport.outputs.pdf.renderer import ScorecardRenderer
from csreport.outputs.pdf.templates import default_templates_dir, load_templates, make_url_fetcher
from csreport.problems import CsreportError
from csreport.results import MonthResult
from csreport.util.atomic import write_bytes_atomic

__all__ = [
    "Branding",
    "ReportPaths",
    "ScorecardRenderer",
    "default_templates_dir",
    "make_url_fetcher",
    "render_reports",
    "scorecard_context",
]

IN_PROCESS_BELOW = 8  # fewer cards than this are not worth starting worker processes


@dataclass
class ReportPaths:
    """The PDFs written: per agent (in agent order), per team (in the shop PDF's
    order, keyed by the 组别 as in the data) and the shop PDF."""

    scorecards: list[Path] = field(default_factory=list)
    teams: dict[str, Path] = field(default_factory=dict)
    shop: Path | None = None


def team_order(month: MonthResult) -> list[tuple[str, list[int]]]:
    """Groups with their agents' indexes: ranked teams first (``month.teams`` order),
    then any other group in order of appearance."""
    members: dict[str, list[int]] = {}
    for index, agent in enumerate(month.agents):
        members.setdefault(agent.group, []).append(index)
    ordered = [t.group for t in month.teams if t.group in members]
    ordered += [g for g in members if g not in ordered]
    return [(group, members[group]) for group in ordered]


def render_reports(
    month: MonthResult,
    out_dir: Path,
    *,
    templates_dir: Path | None = None,
    lang: str = "zh",
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    branding: Branding | None = None,
    teams: bool = True,
    shop: bool = True,
    meanwhile: Callable[[], None] | None = None,
) -> ReportPaths:
    """Write the per-agent, team and shop PDFs into ``out_dir``; return their paths.

    ``progress(n)`` is called with the number of cards just finished. Few cards (or
    ``workers == 1``) render in this process; otherwise in ``workers`` processes
    (default: min(2, CPU count)). ``meanwhile()`` is run in this process while the
    workers start and render (other output, such as the workbook).
    ``teams``/``shop`` switch those PDFs off. Raises ``CsreportError``
    (``templates.not_found``, ``templates.broken``, ``branding.invalid``,
    ``pdf.failed``, ``output.not_writable``), or whatever ``meanwhile`` raises.
    """
    from csreport.outputs.pdf.merge import join_parts, shop_pdf

    tdir = Path(templates_dir) if templates_dir is not None else default_templates_dir()
    try:  # fail fast, before any worker starts; the other output is still written
        load_templates(tdir)
        branding = branding.validated() if branding is not None else None
    except CsreportError:
        if meanwhile is not None:
            meanwhile()
        raise
    out_dir = Path(out_dir)
    taken: set[str] = set()
    targets = [out_dir / scorecard_filename(a.agent_id, a.name, taken) for a in month.agents]
    if not month.agents:
        if meanwhile is not None:
            meanwhile()
        return ReportPaths()
    labels = labels_for(lang)
    groups = team_order(month)
    names = [team_label(group, lang) for group, _ in groups]
    titles = [f"{labels['title']} {month.meta.month} {name}" for name in names]
    team_prefix = translate("scorecard.team_file", lang)
    shop_prefix = translate("scorecard.shop_file", lang)
    team_paths = [out_dir / scorecard_filename(team_prefix, name, taken) for name in names]
    shop_path = out_dir / scorecard_filename(shop_prefix, month.meta.month, taken)
    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    workers = max(1, min(workers, len(month.agents)))
    if len(month.agents) < IN_PROCESS_BELOW:
        workers = 1

    job = Job(
        plan([m for _, m in groups], month, targets, titles if (teams or shop) else None, workers), cover=shop
    )
    shop_title = f"{labels['shop_title']} {month.meta.month}"
    paths = ReportPaths(scorecards=targets)
    author, html_lang = month.meta.shop, "en" if lang == "en" else "zh-CN"
    waiting = Counter(chunk.team for chunk in job.chunks)
    parts: dict[int, list[tuple[int, bytes]]] = {}
    team_pdfs: dict[int, bytes] = {}

    def team_done(result: ChunkResult) -> None:
        """Join and write a team's PDF as soon as its last part arrives (the workers
        are still busy with other teams, so this is off the critical path)."""
        if result.team_pdf is None:
            return
        parts.setdefault(result.team, []).append((result.part, result.team_pdf))
        waiting[result.team] -= 1
        if waiting[result.team]:
            return
        number = result.team
        data = join_parts([p for _, p in sorted(parts.pop(number))], titles[number], author, html_lang)
        team_pdfs[number] = data
        if teams:
            write_bytes_atomic(team_paths[number], data)

    cover = execute(
        job,
        month,
        templates_dir=tdir,
        lang=lang,
        branding=branding,
        workers=workers,
        cover_title=shop_title,
        progress=progress,
        meanwhile=meanwhile,
        on_result=team_done,
    )
    if not (teams or shop):
        return paths
    paths.teams = {groups[n][0]: team_paths[n] for n in range(len(groups))} if teams else {}
    if shop:
        if cover is None:
            raise CsreportError("pdf.failed", agent=shop_title, reason="no cover page")
        data = shop_pdf(
            cover,
            labels["teams"],
            [(names[n], team_pdfs[n]) for n in range(len(groups))],
            shop_title,
            author,
            html_lang,
        )
        write_bytes_atomic(shop_path, data)
        paths.shop = shop_path
    return paths
