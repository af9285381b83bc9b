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
a team's PDF is joined from its summary page and its cards' pages, and the shop PDF from
the same parts (``merge``). The optional accelerators on WeasyPrint internals are in
``fast`` (off with ``CSREPORT_PDF_FAST=0``). Templates and the URL policy: ``templates``;
branding: ``branding``; template variables: ``context``.

Re-runs (``bench/bench_incremental.py``): with the month's card cache (``card_cache``), a
PDF whose content is unchanged is taken from the cache; a changed card is laid out again
with the others that changed (one layout, in a worker started while the run finds out
which); a team with a changed card is joined again from its last PDF's other pages, in a
worker, while this process joins the shop PDF. The PDFs are the same as a full run's.
"""

from __future__ import annotations

import io
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from csreport.messages import translate
from csreport.outputs.filenames import scorecard_filename
from csreport.outputs.pdf.branding import Branding
from csreport.outputs.pdf.card_cache import CardCache, MonthKeys, TeamEntry, cover_key, run_settings
from csreport.outputs.pdf.context import CardExtras, scorecard_context
from csreport.outputs.pdf.merge import Readers, Segment, join_segments, shop_from
from csreport.outputs.pdf.pool import (
    Chunk,
    ChunkResult,
    Job,
    Submit,
    Summaries,
    Workers,
    execute,
    plan,
    start_workers,
    stop_workers,
)
from csreport.outputs.pdf.renderer import Markup, ScorecardRenderer
from csreport.outputs.pdf.summaries import team_name, teams_of
from csreport.outputs.pdf.templates import default_templates_dir, make_url_fetcher
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

    ``cache_dir``: the month's card cache (``card_cache``); cards (and team PDFs) whose content
    is unchanged since the run that filled it are taken from there instead of being rendered
    again, a team with a changed card is joined again from its old PDF's other pages, and the
    cache is left holding what this run made (``ReportPaths.rendered`` and ``reused`` count
    the cards laid out and taken). The PDFs are the same either way.

    ``progress(n)`` is called with the number of cards just finished; the agents who
    get no card (not in the roster) and the cards taken from the cache count as finished at
    once, so the count reaches ``len(month.agents)``. Few cards to lay out (or ``workers == 1``)
    render in this process, except on a re-run, which hands them to a worker started early;
    otherwise in ``workers`` processes (default: min(2, CPU count)).
    ``meanwhile()`` is run in this process while the workers start and render (other output,
    such as the workbook). ``teams``/``shop`` switch those PDFs off. Each card shows the agent's
    months before from ``month.trends`` and has the rules' ``grades`` to tick in its interview box.
    Raises ``CsreportError``
    (``templates.not_found``, ``templates.broken``, ``branding.invalid``,
    ``pdf.failed``, ``output.not_writable``), or whatever ``meanwhile`` raises.
    """
    tdir = Path(templates_dir) if templates_dir is not None else default_templates_dir()
    try:  # fail fast, before any worker starts; the other output is still written
        markup = Markup(tdir, lang, branding)
    except CsreportError:
        if meanwhile is not None:
            meanwhile()
        raise
    groups = teams_of(month)
    carded = [i for team in groups for i in team.members]
    shop = shop and bool(month.agents)
    if not carded and not shop:
        if meanwhile is not None:
            meanwhile()
        return ReportPaths()
    if progress is not None and len(carded) < len(month.agents):
        progress(len(month.agents) - len(carded))
    cache = CardCache.open(Path(cache_dir)) if cache_dir is not None else None
    reports = _Reports(month, Path(out_dir), markup, grades, teams=teams, shop=shop, cache=cache)
    return reports.make(workers, progress, meanwhile)


class _Reports:
    """One ``render_reports`` call: what is taken from the card cache, what is laid out (and
    where), and the joining of the teams' and the shop's PDFs as the parts come in."""

    def __init__(
        self,
        month: MonthResult,
        out_dir: Path,
        markup: Markup,
        grades: Sequence[str],
        *,
        teams: bool,
        shop: bool,
        cache: CardCache | None,
    ) -> None:
        lang = markup.lang
        self.month, self.markup, self.grades, self.cache = month, markup, grades, cache
        self.teams, self.shop = teams, shop
        self.bundles = teams or shop
        self.groups = teams_of(month)
        self.members = [list(team.members) for team in self.groups]
        self.carded = sorted(i for team in self.members for i in team)
        self.team_of = {i: number for number, team in enumerate(self.members) for i in team}
        taken: set[str] = set()
        self.targets = {
            i: out_dir / scorecard_filename(month.agents[i].agent_id, month.agents[i].name, taken)
            for i in self.carded
        }
        self.names = [team_name(team.group, lang) for team in self.groups]
        team_heading = translate("summary.team_title", lang)
        self.titles = [f"{team_heading} {month.meta.month} {name}" for name in self.names]
        team_prefix = translate("scorecard.team_file", lang)
        self.team_paths = [out_dir / scorecard_filename(team_prefix, name, taken) for name in self.names]
        shop_prefix = translate("scorecard.shop_file", lang)
        self.shop_path = out_dir / scorecard_filename(shop_prefix, month.meta.month, taken)
        self.shop_title = f"{translate('scorecard.shop_title', lang)} {month.meta.month}"
        self.author, self.html_lang = month.meta.shop, "en" if lang == "en" else "zh-CN"
        self.outline = translate("summary.team_outline", lang)
        self.shop_outline = translate("summary.shop_outline", lang)
        self.run = _Run()
        self.readers = cache.readers if cache is not None else Readers()
        self._keys: MonthKeys | None = None
        self._settings = self._cover = ""  # (made early by ``_early_cover``)
        self.cover_early = False  # the cover handed to a worker before the rest of the work
        self.waiting: Counter[int] = Counter()  # team -> chunks with cards of it still to come
        self.defer = False  # the teams' PDFs joined in the workers (``then``)
        self.by_part: dict[tuple[int, int], Chunk] = {}
        self.agent_of = {str(self.targets[i]): i for i in self.carded}

    def keys(self) -> MonthKeys:
        """The keys of this run's PDFs (made once, when first needed)."""
        if self._keys is None:
            self._keys = MonthKeys.of(
                self.markup,
                self.month,
                self.members,
                self.grades,
                team_titles=self.titles,
                team_names=self.names,
                team_outline=self.outline,
                shop_title=self.shop_title,
                shop_outline=self.shop_outline,
                html_lang=self.html_lang,
                settings=self._settings,
                cover=self._cover,
            )
        return self._keys

    def _early_cover(self, cache: CardCache, started: Workers) -> None:
        """Hand the shop cover to a worker now when it is not in the cache: it is the longest
        page to lay out, and (the shop PDF opening with it) is wanted whatever else changed."""
        self._settings = run_settings(self.markup, self.month)
        self._cover = cover_key(self._settings, self.markup, self.month, self.shop_title)
        if cache.page(self._cover) is None:
            started.summaries(self.month, self.shop_title, {})
            self.cover_early = True

    def make(
        self,
        workers: int | None,
        progress: Callable[[int], None] | None,
        meanwhile: Callable[[], None] | None,
    ) -> ReportPaths:
        """Take what can be taken, lay out the rest, join and write every PDF; keep what was
        made in the cache."""
        run, cache, started = self.run, self.cache, None
        try:
            if cache is not None and not cache.empty:
                if workers is None or workers > 1:
                    # Most re-runs lay out a few cards: the workers start while this process finds
                    # out which.
                    started = start_workers(
                        min(2, workers or os.cpu_count() or 1),
                        templates_dir=self.markup.templates_dir,
                        lang=self.markup.lang,
                        branding=self.markup.branding,
                        now=True,
                    )
                    if self.shop:
                        self._early_cover(cache, started)
                run.take_from(cache, self.keys(), self.members, bundles=self.bundles, shop=self.shop)
            # Laid out: the cards not taken, and those a team joined again has no old pages of.
            render = [
                i
                for i in self.carded
                if i not in run.reused
                or (self.bundles and self.team_of[i] not in run.team_pdfs and i not in run.segments)
            ]
            for i in render:
                run.reused.pop(i, None)
            job, workers, in_process = self._job(render, workers or min(2, os.cpu_count() or 1))

            def first() -> None:
                self._first(progress, meanwhile)

            execute(
                job,
                self.month,
                templates_dir=self.markup.templates_dir,
                lang=self.markup.lang,
                branding=self.markup.branding,
                workers=workers,
                progress=progress,
                meanwhile=first,
                on_result=self._part_done,
                on_summaries=self._summaries_done,
                in_process=in_process,
                started=started,
                then=self._then if self.defer else None,
            )
            for number in range(len(self.groups)):
                self._finish(number, here=True)  # the teams whose every card was taken
            paths = ReportPaths(scorecards=[self.targets[i] for i in self.carded], rendered=len(render))
            paths.reused = len(self.carded) - len(render)
            if self.bundles and self.teams:
                paths.teams = {self.groups[n].group: self.team_paths[n] for n in range(len(self.groups))}
            if self.shop:
                self._make_shop()
                assert run.shop is not None
                place(cache, run.shop[0], run.shop[1], self.shop_path)
                paths.shop = self.shop_path
            if cache is not None:
                run.keep(cache, self.keys(), self.members, bundles=self.bundles, shop=self.shop)
            return paths
        except BaseException:
            if started is not None:
                stop_workers(started)  # (shut down already when the work was handed to them)
            if cache is not None:
                cache.tidy()  # what the workers ended mid-write left
            raise

    def _job(self, render: list[int], workers: int) -> tuple[Job, int, bool]:
        """The work: the chunks of cards to lay out and the summary pages to make; how many
        workers, and whether in this process."""
        run, cache = self.run, self.cache
        store = str(cache.store) if cache is not None and cache.usable else ""
        part_titles = [
            self.titles[n] if self.bundles and n not in run.team_pdfs else "" for n in range(len(self.groups))
        ]
        few = len(render) < IN_PROCESS_BELOW
        if few and run.reused:
            # A re-run with a few changed cards: one layout for all of them, whatever their teams
            # (each layout has a cost of its own), in a worker while this process places the rest
            # and writes the other output (``meanwhile``), unless the caller asked for one process.
            chunks = [self._one_chunk(render, part_titles, store)] if render else []
            in_process = workers <= 1
        else:
            wanted = set(render)
            chunks = plan(
                [[i for i in team if i in wanted] for team in self.members],
                self.month,
                self.targets,
                part_titles,
                max(1, min(workers, len(render))),
                self.grades,
                store,
            )
            in_process = workers <= 1 or few
        job = Job(
            chunks,
            cover=self.shop and run.shop is None and run.cover is None and not self.cover_early,
            team_pages=tuple(
                n
                for n in range(len(self.groups))
                if self.bundles and n not in run.team_pdfs and n not in run.pages
            ),
            cover_title=self.shop_title,
            team_titles=tuple(self.titles),
            split=few and bool(run.reused),
        )
        in_process = in_process or not (job.chunks or job.summaries)
        # A re-run with workers: the teams' PDFs are joined in the workers once they are free,
        # while this process joins the shop PDF from the same parts.
        self.defer = few and bool(run.reused) and not in_process and self.bundles
        self.by_part = {(chunk.team, chunk.part): chunk for chunk in job.chunks}
        self.waiting = Counter(
            number
            for chunk in job.chunks
            if chunk.team_title
            for number in {self.team_of[self.agent_of[target]] for target in chunk.targets}
        )
        return job, max(1, min(workers, len(job.chunks) + job.summaries)), in_process

    def _one_chunk(self, render: Sequence[int], part_titles: Sequence[str], store: str) -> Chunk:
        """The cards ``render`` (of any teams, in team order) as one chunk; its part is wanted
        when any of their teams is joined again."""
        month, team_of = self.month, self.team_of
        agents = sorted(render, key=lambda i: (team_of[i], i))
        title = next((part_titles[team_of[i]] for i in agents if part_titles[team_of[i]]), "")
        return Chunk(
            team_of[agents[0]],
            0,
            tuple(month.agents[i] for i in agents),
            tuple(str(self.targets[i]) for i in agents),
            title,
            CardExtras.of(month.trends, [month.agents[i].agent_id for i in agents], self.grades),
            store,
        )

    def _first(self, progress: Callable[[int], None] | None, meanwhile: Callable[[], None] | None) -> None:
        """Place the cards and team PDFs taken from the cache (while the workers lay out the
        others), then the caller's other output."""
        run, cache = self.run, self.cache
        for i, (name, data) in sorted(run.reused.items()):
            place(cache, name, data, self.targets[i])
        if progress is not None and run.reused:
            progress(len(run.reused))
        if self.teams:
            for number, (_, _, name, numbered) in sorted(run.team_pdfs.items()):
                place(cache, name, numbered, self.team_paths[number])
        if meanwhile is not None:
            meanwhile()
        if cache is not None:
            self.keys()  # a first run's: while the workers lay out the cards
        for data in run.sources():
            self.readers.preload(data)  # (the workers are still busy: this process waits anyway)

    def _part_done(self, result: ChunkResult) -> None:
        run = self.run
        chunk = self.by_part[result.team, result.part]
        done = [self.agent_of[target] for target in chunk.targets]
        for i, name in zip(done, result.stored, strict=False):
            run.card_names[i] = name
        run.card_pages.update(zip(done, result.pages, strict=False))
        if result.team_pdf is None:
            return
        start = 0
        for i, count in zip(done, result.pages, strict=True):
            run.segments[i] = Segment(result.team_pdf, start, start + count)
            start += count
        for number in sorted({self.team_of[i] for i in done}):
            self.waiting[number] -= 1
            self._finish(number)

    def _summaries_done(self, made: Summaries) -> None:
        if made.cover is not None:
            self.run.cover = ("", made.cover)
        for number, data in made.teams.items():
            self.run.pages[number] = ("", data)
        for number in range(len(self.groups)):
            self._finish(number)

    def _ready(self, number: int) -> bool:
        """Whether team ``number``'s PDF is to be joined and everything it is joined from is in."""
        run = self.run
        return (
            self.bundles
            and not self.waiting[number]
            and number in run.pages
            and number not in run.team_pdfs
            and number not in run.team_segments
        )

    def _segments_of(self, number: int) -> list[Segment]:
        """What team ``number``'s PDF is joined from: its summary page, then its cards' pages."""
        run = self.run
        run.team_segments[number] = [
            Segment(run.pages[number][1], label=self.outline),
            *_coalesced([run.segments[i] for i in self.members[number]]),
        ]
        return run.team_segments[number]

    def _joined(self, number: int, plain: bytes, numbered: bytes) -> None:
        self.run.team_pdfs[number] = ("", plain, "", numbered)
        if self.teams:
            write_bytes_atomic(self.team_paths[number], numbered)

    def _finish(self, number: int, here: bool = False) -> None:
        """Join and write a team's PDF once its summary page and last part are in (the
        workers are still busy with other teams, so this is off the critical path)."""
        if self._ready(number) and (here or not self.defer):
            segments = self._segments_of(number)
            self._joined(
                number,
                *join_segments(segments, self.titles[number], self.author, self.html_lang, self.readers),
            )

    def _then(self, submit: Submit) -> None:
        """Join the teams' PDFs in the workers while this process joins the shop PDF."""
        results = {
            number: submit(
                join_segments, self._segments_of(number), self.titles[number], self.author, self.html_lang
            )
            for number in range(len(self.groups))
            if self._ready(number)
        }
        self._make_shop()
        for number, result in results.items():
            self._joined(number, *result())

    def _make_shop(self) -> None:
        """The shop PDF (unless taken from the cache), from the parts the teams' PDFs are
        joined from (read already), not from those PDFs."""
        run = self.run
        if not self.shop or run.shop is not None:
            return
        if run.cover is None:
            raise CsreportError("pdf.failed", agent=self.shop_title, reason="no cover page")
        teams_from = [
            (self.names[n], run.team_segments.get(n) or [Segment(run.team_pdfs[n][1])])
            for n in range(len(self.groups))
        ]
        data = shop_from(
            run.cover[1],
            self.shop_outline,
            teams_from,
            self.shop_title,
            self.author,
            self.html_lang,
            self.readers,
        )
        run.shop = ("", data)


@dataclass
class _Run:
    """What one run of ``render_reports`` has of each PDF, taken from the card cache or made
    now. Each PDF is held with its name in the cache ("" until it is kept there)."""

    reused: dict[int, tuple[str, bytes]] = field(default_factory=dict)  # agent -> card PDF taken
    card_names: dict[int, str] = field(default_factory=dict)  # agent -> its new card PDF kept
    card_pages: dict[int, int] = field(default_factory=dict)  # agent -> pages of its card
    segments: dict[int, Segment] = field(default_factory=dict)  # agent -> its pages for its team PDF
    pages: dict[int, tuple[str, bytes]] = field(default_factory=dict)  # team -> its summary page
    # team -> (name, PDF not numbered, name, numbered)
    team_pdfs: dict[int, tuple[str, bytes, str, bytes]] = field(default_factory=dict)
    cover: tuple[str, bytes] | None = None
    shop: tuple[str, bytes] | None = None
    entries: dict[int, TeamEntry] = field(default_factory=dict)  # team -> its entry, when taken whole
    summary_pages: dict[int, int] = field(default_factory=dict)  # team -> pages of its summary
    team_segments: dict[int, list[Segment]] = field(default_factory=dict)  # team -> what it was joined from

    def sources(self) -> list[bytes]:
        """The PDFs taken from the cache that the team and shop PDFs will be joined from: the
        old team PDFs holding the pages of cards taken, and the teams' PDFs taken whole (when
        the shop PDF is joined again)."""
        found: dict[int, bytes] = {}
        for segment in self.segments.values():
            found[id(segment.data)] = segment.data
        if self.shop is None:
            for _, plain, _, _ in self.team_pdfs.values():
                found[id(plain)] = plain
        return list(found.values())

    def take_from(
        self, cache: CardCache, keys: MonthKeys, members: list[list[int]], *, bundles: bool, shop: bool
    ) -> None:
        """Take from ``cache`` every PDF whose key is there and whose file reads back as it
        was kept: the cards, the teams' PDFs whole, else their summary page and each card's
        pages in a team PDF of the last run, the cover and the shop PDF."""
        for team in members:
            for i in team:
                found = cache.card(keys.cards[i])
                if found is not None:
                    self.reused[i] = found
        if bundles:
            for number, team in enumerate(members):
                whole = cache.team(keys.teams[number])
                if whole is not None and all(i in self.reused for i in team):
                    entry, plain, numbered = whole
                    self.team_pdfs[number] = (entry.plain, plain, entry.numbered, numbered)
                    self.entries[number] = entry
                    continue  # (with a card to lay out again, the team is joined again)
                page = cache.page(keys.summaries[number])
                count = cache.page_count(page[0]) if page is not None else None
                if page is not None and count:
                    self.pages[number] = page
                    self.summary_pages[number] = count
                for i in team:
                    segment = cache.segment(keys.cards[i])
                    if segment is not None:
                        self.segments[i] = segment
                        self.card_pages[i] = segment.stop - segment.start if segment.stop else 0
        if shop:
            self.shop = cache.shop(keys.shop)
            if self.shop is None:
                self.cover = cache.page(keys.cover)

    def keep(
        self, cache: CardCache, keys: MonthKeys, members: list[list[int]], *, bundles: bool, shop: bool
    ) -> None:
        """Record in ``cache`` every PDF this run used (keeping the new ones), then save it."""
        for team in members:
            for i in team:
                name = self.reused[i][0] if i in self.reused else self.card_names.get(i, "")
                cache.keep_card(keys.cards[i], name)
        if bundles:
            for number, team in enumerate(members):
                summary = keys.summaries[number]
                entry = self.entries.get(number)
                if entry is not None:  # taken whole
                    cache.keep_page(summary, cache.old_page(summary))
                    cache.keep_team(keys.teams[number], entry.plain, entry.numbered, entry.parts)
                    continue
                name, data = self.pages[number]
                cache.keep_page(summary, name or cache.put(data))
                pages = self.summary_pages.get(number) or _page_count(data)
                _, plain, _, numbered = self.team_pdfs[number]
                parts = [(summary, pages), *((keys.cards[i], self.card_pages.get(i, 0)) for i in team)]
                if all(count > 0 for _, count in parts):
                    cache.keep_team(keys.teams[number], cache.put(plain), cache.put(numbered), parts)
        if shop:
            if self.cover is not None:
                cache.keep_page(keys.cover, self.cover[0] or cache.put(self.cover[1]))
            else:
                cache.keep_page(keys.cover, cache.old_page(keys.cover))
            if self.shop is not None:
                cache.keep_shop(keys.shop, self.shop[0] or cache.put(self.shop[1]))
        cache.save()


def place(cache: CardCache | None, name: str, data: bytes, target: Path) -> None:
    """Put ``data``, the cache's PDF ``name`` ("": not kept), at ``target``: as a second name of
    the cache's file where the file system allows (nothing to write; the month folder's commit
    flushes it to disk with the rest), else written. The cache never writes into a file it
    has (``card_cache.store_pdf`` replaces one), so the two names keep the same content; a report
    someone edited in place no longer matches its name and is not taken again."""
    if cache is not None and name:
        try:
            os.link(cache.store / f"{name}.pdf", target)
            return
        except OSError:
            pass  # FAT, some network shares, another drive: written instead
    write_bytes_atomic(target, data)


def _page_count(data: bytes) -> int:
    """The number of pages of a PDF we made."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def _coalesced(segments: Sequence[Segment]) -> list[Segment]:
    """``segments`` with each run of consecutive pages of one PDF made one segment (as whole
    parts are joined when every card is laid out afresh)."""
    out: list[Segment] = []
    for segment in segments:
        last = out[-1] if out else None
        if last is not None and last.data is segment.data and last.stop == segment.start and not last.label:
            out[-1] = Segment(last.data, last.start, segment.stop)
        else:
            out.append(segment)
    return out


def team_order(month: MonthResult) -> list[tuple[str, list[int]]]:
    """The teams with their agents' indexes, in the shop PDF's order (the staff only:
    agents not in the roster are in no team); see ``summaries.teams_of``."""
    return [(team.group, list(team.members)) for team in teams_of(month)]
