"""A4 PDFs of the month: one scorecard per agent, one PDF per team, one for the shop.

``render_reports`` writes, into ``<month>/scorecards/``:

- ``<工号>_<姓名>.pdf``: each agent's one-page scorecard (Windows-safe, unique names);
- ``团队_<组别>.pdf``: the team's summary page (its figures, members, who is 不予上岗 or
  缺数据 and why), then the cards of its members, an outline entry for each;
- ``全店_<YYYY-MM>.pdf``: a cover (the shop's figures, the teams side by side, who is
  不予上岗 or 缺数据 and why, the agent IDs to check), then every team's PDF, with an
  outline entry per team and, under it, its summary page and agents.

Every file's pages are numbered within it ("3 / 7"). Agents not in the roster (需核对)
are not the shop's staff: no card, no team, listed on the shop cover instead
(``summaries``).

How it is fast (see ``bench/bench_pdf.py``): cards are laid out many per document in
worker processes (``renderer``, ``pool``) and every PDF is written from those layouts;
the shop PDF joins the team PDFs (``merge``). The optional accelerators on WeasyPrint
internals are in ``fast`` (off with ``CSREPORT_PDF_FAST=0``). Templates and the URL
policy: ``templates``; branding: ``branding``; template variables: ``context``.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from csreport.messages import translate
from csreport.outputs.filenames import scorecard_filename
from csreport.outputs.pdf.branding import Branding
from csreport.outputs.pdf.context import scorecard_context
from csreport.outputs.pdf.pool import ChunkResult, Job, Summaries, execute, plan
from csreport.outputs.pdf.renderer import ScorecardRenderer, team_template
from csreport.outputs.pdf.summaries import team_name, teams_of
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
    """The PDFs written: per agent in the roster (in agent order), per team (in the shop
    PDF's order, keyed by the 组别 as in the data) and the shop PDF."""

    scorecards: list[Path] = field(default_factory=list)
    teams: dict[str, Path] = field(default_factory=dict)
    shop: Path | None = None
    engine: str = "weasyprint"  # what made them: "weasyprint", "browser" or "html" (HTML cards)
    browser: str = ""  # the browser's path when ``engine`` is "browser"
    rendered: int = 0  # cards laid out by this run
    reused: int = 0  # cards taken unchanged from the card cache


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
    grades: Sequence[str] = (),
    cache_dir: Path | None = None,
) -> ReportPaths:
    """Write the per-agent, team and shop PDFs into ``out_dir``; return their paths.

    ``cache_dir``: the month's card cache; cards (and team PDFs) whose content is unchanged
    since the run that filled it are taken from there instead of being rendered again.

    ``progress(n)`` is called with the number of cards just finished; the agents who
    get no card (not in the roster) count as finished at once, so the count reaches
    ``len(month.agents)``. Few cards (or ``workers == 1``) render in this process;
    otherwise in ``workers`` processes (default: min(2, CPU count)). ``meanwhile()`` is
    run in this process while the workers start and render (other output, such as the
    workbook). ``teams``/``shop`` switch those PDFs off. Each card shows the agent's months
    before from ``month.trends`` and has the rules' ``grades`` to tick in its interview box.
    Raises ``CsreportError``
    (``templates.not_found``, ``templates.broken``, ``branding.invalid``,
    ``pdf.failed``, ``output.not_writable``), or whatever ``meanwhile`` raises.
    """
    from csreport.outputs.pdf.merge import join_parts, shop_pdf

    tdir = Path(templates_dir) if templates_dir is not None else default_templates_dir()
    try:  # fail fast, before any worker starts; the other output is still written
        team_template(load_templates(tdir))
        branding = branding.validated() if branding is not None else None
    except CsreportError:
        if meanwhile is not None:
            meanwhile()
        raise
    out_dir = Path(out_dir)
    groups = teams_of(month)
    carded = [i for team in groups for i in team.members]
    shop = shop and bool(month.agents)
    if not carded and not shop:
        if meanwhile is not None:
            meanwhile()
        return ReportPaths()
    if progress is not None and len(carded) < len(month.agents):
        progress(len(month.agents) - len(carded))
    taken: set[str] = set()
    targets = {
        i: out_dir / scorecard_filename(month.agents[i].agent_id, month.agents[i].name, taken)
        for i in sorted(carded)
    }
    names = [team_name(team.group, lang) for team in groups]
    team_heading = translate("summary.team_title", lang)
    titles = [f"{team_heading} {month.meta.month} {name}" for name in names]
    team_prefix = translate("scorecard.team_file", lang)
    shop_prefix = translate("scorecard.shop_file", lang)
    team_paths = [out_dir / scorecard_filename(team_prefix, name, taken) for name in names]
    shop_path = out_dir / scorecard_filename(shop_prefix, month.meta.month, taken)
    if workers is None:
        workers = min(2, os.cpu_count() or 1)
    workers = max(1, min(workers, len(carded)))
    if len(carded) < IN_PROCESS_BELOW:
        workers = 1

    bundles = teams or shop
    shop_title = f"{translate('scorecard.shop_title', lang)} {month.meta.month}"
    job = Job(
        plan([t.members for t in groups], month, targets, titles if bundles else None, workers, grades),
        cover=shop,
        team_pages=bundles and bool(groups),
        cover_title=shop_title,
        team_titles=tuple(titles),
    )
    paths = ReportPaths(scorecards=[targets[i] for i in sorted(carded)])
    author, html_lang = month.meta.shop, "en" if lang == "en" else "zh-CN"
    waiting = Counter(chunk.team for chunk in job.chunks)
    parts: dict[int, list[tuple[int, bytes]]] = {}
    pages = Summaries()
    team_pdfs: dict[int, bytes] = {}  # not numbered, for the shop PDF
    outline = translate("summary.team_outline", lang)

    def finish(number: int) -> None:
        """Join and write a team's PDF once its summary page and last part are in (the
        workers are still busy with other teams, so this is off the critical path)."""
        if waiting[number] or not pages.teams or number in team_pdfs:
            return
        found = [p for _, p in sorted(parts.pop(number, []))]
        plain, numbered = join_parts(
            [pages.teams[number], *found], titles[number], author, html_lang, first_label=outline
        )
        team_pdfs[number] = plain
        if teams:
            write_bytes_atomic(team_paths[number], numbered)

    def part_done(result: ChunkResult) -> None:
        if result.team_pdf is None:
            return
        parts.setdefault(result.team, []).append((result.part, result.team_pdf))
        waiting[result.team] -= 1
        finish(result.team)

    def summaries_done(made: Summaries) -> None:
        pages.cover, pages.teams = made.cover, made.teams
        for number in range(len(groups)):
            finish(number)

    execute(
        job,
        month,
        templates_dir=tdir,
        lang=lang,
        branding=branding,
        workers=workers,
        progress=progress,
        meanwhile=meanwhile,
        on_result=part_done,
        on_summaries=summaries_done,
    )
    if not bundles:
        return paths
    paths.teams = {groups[n].group: team_paths[n] for n in range(len(groups))} if teams else {}
    if shop:
        if pages.cover is None:
            raise CsreportError("pdf.failed", agent=shop_title, reason="no cover page")
        data = shop_pdf(
            pages.cover,
            translate("summary.shop_outline", lang),
            [(names[n], team_pdfs[n]) for n in range(len(groups))],
            shop_title,
            author,
            html_lang,
        )
        write_bytes_atomic(shop_path, data)
        paths.shop = shop_path
    return paths


def team_order(month: MonthResult) -> list[tuple[str, list[int]]]:
    """The teams with their agents' indexes, in the shop PDF's order (the staff only:
    agents not in the roster are in no team); see ``summaries.teams_of``."""
    return [(team.group, list(team.members)) for team in teams_of(month)]
