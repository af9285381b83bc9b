"""Split a month's cards into chunks and render them in worker processes.

A chunk is a run of agents of one team (a big team is split into several chunks; a re-run's
few changed cards are one chunk, whatever their teams). A worker lays a chunk out once,
writes its agents' PDFs itself (and keeps each in the card cache, ``Chunk.store``) and
returns the team part as bytes with each card's page count; the parent joins parts and
builds the shop PDF. The summary pages (the shop cover and the teams' first pages) are one
more task, handed out first so that a team's PDF can be written as soon as its last chunk is
in; the chunks follow largest first so the workers finish together. A re-run starts its
workers early (``start_workers``) and may hand them more work once the results are in
(``execute``'s ``then``: the teams' PDFs joined in them).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import math
import multiprocessing
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from csreport.outputs.pdf.branding import Branding
from csreport.outputs.pdf.card_cache import store_pdf
from csreport.outputs.pdf.context import NO_EXTRAS, CardExtras
from csreport.problems import CsreportError
from csreport.results import AgentResult, MonthResult, RunMeta
from csreport.util.atomic import write_bytes_atomic

_PR_SET_PDEATHSIG = 1
MAX_CHUNK = 60  # cards per layout at most: more only costs memory
CHUNKS_PER_WORKER = 4  # at least, so that workers of unequal speed finish together
TAIL_CHUNK = 4  # cards at least in the small chunks handed out last


@dataclass(frozen=True)
class Chunk:
    """Cards laid out together: ``agents`` of team ``team`` (part ``part``)."""

    team: int
    part: int
    agents: tuple[AgentResult, ...]
    targets: tuple[str, ...]  # per-agent PDF paths
    team_title: str = ""  # set when the team's PDF is wanted
    extras: CardExtras = NO_EXTRAS  # these agents' months before, and the rules' grades
    store: str = ""  # the card cache's folder of PDFs, to keep each card's PDF in ("": none)


@dataclass
class ChunkResult:
    """What a worker sends back for one chunk."""

    team: int
    part: int
    cards: int
    team_pdf: bytes | None = None
    pages: tuple[int, ...] = ()  # each card's number of pages, in the chunk's order
    stored: tuple[str, ...] = ()  # each card's PDF in the card cache (its name), "" when not kept


@dataclass
class Summaries:
    """The summary pages as PDFs (not numbered): the shop cover (None when not wanted)
    and the wanted teams' summary pages, by the team's index in ``summaries.teams_of`` order."""

    cover: bytes | None = None
    teams: dict[int, bytes] = field(default_factory=dict)


@dataclass
class Job:
    """Everything to render: chunks, and which summary pages are wanted (the shop
    cover, the summary pages of the teams ``team_pages``, indexes in ``summaries.teams_of``
    order) with their PDFs' titles (``team_titles``: every team's)."""

    chunks: list[Chunk] = field(default_factory=list)
    cover: bool = False
    team_pages: tuple[int, ...] = ()
    cover_title: str = ""
    team_titles: tuple[str, ...] = ()
    # The cover one task (handed out first, unless it was early: ``Workers.summaries``) and the
    # team pages another (after the chunks): a re-run's few cards take one worker a moment, the
    # cover the other one longer, and the team pages go to whichever is free first (in worker
    # processes; in this process, one task).
    split: bool = False

    @property
    def summaries(self) -> bool:
        """Whether there are summary pages to render."""
        return self.cover or bool(self.team_pages)

    @property
    def summary_titles(self) -> tuple[str | None, dict[int, str]]:
        """``render_summaries``' arguments: the cover's title (None when not wanted) and the
        wanted team pages' titles by team index."""
        return (
            self.cover_title if self.cover else None,
            {number: self.team_titles[number] for number in self.team_pages},
        )


def chunk_sizes(count: int, workers: int, total: int) -> list[int]:
    """Split a team of ``count`` into near-equal parts small enough to balance ``workers``.

    ``CHUNKS_PER_WORKER`` at least: on a shared machine one worker often runs slower
    than the other, and small last chunks keep the fast one from idling at the end
    (bench: 5-9% faster for 200 agents than two chunks per worker).
    """
    chunks = CHUNKS_PER_WORKER * max(workers, 1)
    return chunk_sizes_at_most(count, max(8, min(MAX_CHUNK, math.ceil(total / chunks))))


def plan(
    teams: Sequence[Sequence[int]],
    month: MonthResult,
    targets: Mapping[int, Path] | Sequence[Path],
    team_titles: Sequence[str] | None,
    workers: int,
    grades: Sequence[str] = (),
    store: str = "",
) -> list[Chunk]:
    """The chunks for ``teams`` (lists of agent indexes), largest first, smallest last;
    ``targets[i]`` is where agent ``i``'s card goes (only the teams' agents get one), and
    ``store`` the card cache's folder of PDFs ("" : none); a team's chunks carry its title in
    ``team_titles`` (none, or "": its cards' team part is not wanted).

    The last ``workers`` chunks are split again into small ones: the work a worker
    takes last is what the other waits for at the end (bench: at 17 cards a chunk, a
    second of one idle worker per 200-agent run).
    Each chunk carries its agents' months before (``month.trends``, only theirs, so a worker
    is not sent the whole shop's) and ``grades`` (the rules' grade names) for the cards.
    """
    total = sum(len(members) for members in teams)
    pieces: list[tuple[int, int, Sequence[int]]] = []  # team, offset in the team, members
    for number, members in enumerate(teams):
        if members:  # (a team none of whose cards is to be laid out)
            pieces += _split(number, 0, members, chunk_sizes(len(members), workers, total))
    pieces.sort(key=lambda p: -len(p[2]))
    if workers > 1 and pieces:
        small = max(TAIL_CHUNK, math.ceil(total / (CHUNKS_PER_WORKER * workers * 3)))
        head, tail = pieces[:-workers], pieces[-workers:]
        for number, offset, members in tail:
            head += _split(number, offset, members, chunk_sizes_at_most(len(members), small))
        pieces = sorted(head, key=lambda p: -len(p[2]))
    offsets: dict[int, list[int]] = {}
    for number, offset, _ in pieces:
        offsets.setdefault(number, []).append(offset)
    part = {(n, o): i for n, found in offsets.items() for i, o in enumerate(sorted(found))}
    return [
        Chunk(
            number,
            part[number, offset],
            tuple(month.agents[i] for i in members),
            tuple(str(targets[i]) for i in members),
            team_titles[number] if team_titles else "",
            CardExtras.of(month.trends, [month.agents[i].agent_id for i in members], grades),
            store,
        )
        for number, offset, members in pieces
    ]


def _split(
    team: int, offset: int, members: Sequence[int], sizes: Sequence[int]
) -> list[tuple[int, int, Sequence[int]]]:
    """``members`` (starting at ``offset`` in team ``team``) cut into ``sizes``."""
    out: list[tuple[int, int, Sequence[int]]] = []
    start = 0
    for size in sizes:
        out.append((team, offset + start, members[start : start + size]))
        start += size
    return out


def chunk_sizes_at_most(count: int, limit: int) -> list[int]:
    """Near-equal parts of ``count``, none larger than ``limit``."""
    parts = max(1, math.ceil(count / limit))
    return [count // parts + (1 if i < count % parts else 0) for i in range(parts)]


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """In one of our worker processes: run without the cyclic garbage collector, then
    restore it and collect once. Anywhere else: just run.

    Layout allocates millions of short-lived objects and the collector keeps scanning
    them: pausing it makes a chunk about 10% faster, and one collection afterwards
    frees the chunk's cycles (about 60 MB per 34 cards). Nested use collects once, at
    the outermost level. The switch is process-wide, so it is never thrown in the
    caller's process, where other threads may be allocating.
    """
    if not _IN_WORKER:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect()


def run_chunk(renderer: Any, chunk: Chunk, meta: RunMeta) -> ChunkResult:
    """Lay out and write one chunk with ``renderer`` (a ``ScorecardRenderer``); its
    accelerators' patches (if any) are applied once for the whole chunk, and scoped to
    this render (``fast.RENDERING``) when it runs in the caller's process. Each card's PDF
    is also kept in the card cache when the chunk says where (``Chunk.store``)."""
    with gc_paused(), renderer.accelerated():
        cards = renderer.cards(chunk.agents, meta, chunk.extras)
        writer = renderer.writer(meta)
        stored: list[str] = []
        for card, target in zip(cards, chunk.targets, strict=True):
            data = writer.card_pdf(card)
            write_bytes_atomic(Path(target), data)
            if chunk.store:
                stored.append(store_pdf(Path(chunk.store), data))
        team_pdf = writer.team_pdf(cards, chunk.team_title) if chunk.team_title else None
        pages = tuple(len(card.pages) for card in cards)
        result = ChunkResult(chunk.team, chunk.part, len(cards), team_pdf, pages, tuple(stored))
        del cards, writer  # so that the collection leaving the block frees them
    return result


def render_summaries(
    renderer: Any, month: MonthResult, cover_title: str | None, team_titles: Mapping[int, str]
) -> Summaries:
    """The shop cover (titled ``cover_title``; None: not wanted) and the summary pages of the
    teams in ``team_titles`` (team index -> the page's title), as PDFs."""
    with gc_paused(), renderer.accelerated():
        wanted = sorted(team_titles)
        laid_out = renderer.summaries(month, cover=cover_title is not None, teams=wanted)
        writer = renderer.writer(month.meta)
        made = Summaries()
        if cover_title is not None:
            document, pages = laid_out.pop(0)
            made.cover = writer.cover_pdf(document, cover_title, pages)
        made.teams = {
            number: writer.cover_pdf(document, team_titles[number], pages)
            for number, (document, pages) in zip(wanted, laid_out, strict=True)
        }
        del laid_out, writer
    return made


_WORKER: Any = None
_IN_WORKER = False  # set in the worker processes this module starts (``_init_worker``)


def _die_with_parent(parent: int) -> None:
    """End this worker when the run that started it ends, however it ends.

    A parent killed with SIGKILL runs no clean-up, and orphaned workers would go on
    writing scorecards into a folder nobody will use. A watchdog thread waits on the
    parent's sentinel, which works for every start method (fork, spawn on Windows and
    macOS, forkserver); on Linux, when the run forked the worker itself, the kernel also
    sends SIGKILL at once (PR_SET_PDEATHSIG), even in the middle of a long C call.
    """
    if sys.platform.startswith("linux") and os.getppid() == parent:
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the line above took effect
            os._exit(1)
    watched = multiprocessing.parent_process()
    if watched is None:
        return

    def watch() -> None:
        watched.join()
        os._exit(1)

    threading.Thread(target=watch, name="csreport-parent-watch", daemon=True).start()


def _init_worker(parent: int, templates_dir: str, lang: str, branding: Branding | None) -> None:
    """Process-pool initializer: tie the worker to its parent, build its renderer once.

    A failure is kept and reported with the first task: an initializer that raises
    would only surface as an anonymous ``BrokenProcessPool`` in the parent.
    """
    global _WORKER, _IN_WORKER
    _IN_WORKER = True
    # A forked worker inherits the run's handlers; the run alone answers Ctrl-C and
    # SIGTERM (and then ends the workers), so a worker neither prints a traceback nor
    # outlives it.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):  # forked while the run held them back (``_signals_held``)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _HELD)
    _die_with_parent(parent)
    try:
        from csreport.outputs.pdf.renderer import ScorecardRenderer

        _WORKER = ScorecardRenderer(Path(templates_dir), lang, branding)
    except CsreportError as exc:
        _WORKER = exc
    except BaseException as exc:  # WeasyPrint's URL errors are BaseExceptions
        from csreport.outputs.pdf.templates import refused_url

        _WORKER = refused_url(exc) or CsreportError(
            "pdf.failed", agent="—", reason=f"{type(exc).__name__}: {exc}"
        )


def hand_out(pool: ProcessPoolExecutor, task: Callable[..., Any], *args: Any) -> Future[tuple[Any, ...]]:
    """Hand ``task(renderer, *args)`` to one of ``pool``'s workers (see ``_in_worker``).

    The arguments are pickled here, at once: the pool would pickle them later, in a thread of
    its own, while this process goes on using them (a ``Trends`` builds its index when first
    asked, and a dictionary that changes while it is pickled fails the run).
    """
    data = pickle.dumps(args, pickle.HIGHEST_PROTOCOL)
    with _signals_held():  # the pool forks its workers inside submit
        return pool.submit(_in_worker, _unpickled, task, data)


_HELD = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM held back (not lost) while a worker may be forked.

    The run answers them by raising from its signal handler; raised inside the callbacks a fork
    runs (``logging``'s lock release among them), the exception is only printed as "Exception
    ignored" with a traceback. Held back, they are handled right after, at a safe point. The
    forked worker inherits the mask and lifts it first thing (``_init_worker``).
    """
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _unpickled(renderer: Any, task: Callable[..., Any], args: bytes) -> Any:
    """``task(renderer, *args)``, ``args`` as ``hand_out`` pickled them."""
    return task(renderer, *pickle.loads(args))


def _in_worker(task: Callable[..., Any], *args: Any) -> tuple[Any, ...]:
    """Run ``task(renderer, *args)`` in a worker; errors come back as data because
    CsreportError's parameters do not survive pickling."""
    try:
        if isinstance(_WORKER, CsreportError) or _WORKER is None:
            raise _WORKER or CsreportError("pdf.failed", agent="—", reason="worker not initialised")
        return ("ok", task(_WORKER, *args))
    except CsreportError as exc:
        return ("error", exc.code, exc.exit_code, exc.params)


class Workers:
    """Worker processes started before their work is known (``start_workers``), and the work
    handed to them early, which ``execute`` collects with the rest."""

    def __init__(self, pool: ProcessPoolExecutor) -> None:
        self.pool = pool
        self.early: dict[Future[tuple[Any, ...]], str] = {}

    def summaries(self, month: MonthResult, cover_title: str | None, team_titles: Mapping[int, str]) -> None:
        """Hand out ``render_summaries`` now (a re-run's new cover, while it finds out what else
        changed); its result comes to ``execute``'s ``on_summaries``."""
        future = hand_out(self.pool, render_summaries, month, cover_title, dict(team_titles))
        self.early[future] = "summaries"


def start_workers(
    workers: int,
    *,
    templates_dir: Path,
    lang: str,
    branding: Branding | None,
    now: bool = False,
) -> Workers:
    """``workers`` worker processes for ``execute`` to hand work to; with ``now``, started at
    once (each builds its renderer while this process goes on), else with the first work. A
    re-run starts them while it finds out what changed (``scorecards.render_reports``).

    (Laying a card out in each to load its fonts early was measured slower: on two cores the
    workers then take time from this process's own work.)
    """
    pool = ProcessPoolExecutor(
        max_workers=workers,
        initializer=_init_worker,
        initargs=(os.getpid(), str(templates_dir), lang, branding),
    )
    if now:
        for _ in range(workers):
            hand_out(pool, _plain, _nothing)
    return Workers(pool)


def _nothing() -> None:
    """A task that only makes a worker start."""


def stop_workers(workers: Workers) -> None:
    """Stop the workers now, whatever they are doing (a run that failed or was stopped)."""
    workers.pool.shutdown(wait=False, cancel_futures=True)
    _end_workers()


def execute(
    job: Job,
    month: MonthResult,
    *,
    templates_dir: Path,
    lang: str,
    branding: Branding | None,
    workers: int,
    progress: Callable[[int], None] | None,
    meanwhile: Callable[[], None] | None = None,
    on_result: Callable[[ChunkResult], None] | None = None,
    on_summaries: Callable[[Summaries], None] | None = None,
    in_process: bool | None = None,
    started: Workers | None = None,
    then: Callable[[Submit], None] | None = None,
) -> None:
    """Render ``job`` in this process (``in_process``; by default when ``workers == 1``) or
    in ``workers`` processes (those ``started`` already by ``start_workers``, if given; they
    are shut down either way, and what was handed to them early is waited for: then never in
    this process).

    ``meanwhile()`` runs in this process once the work is handed out, while the workers
    start and render (before the work when it is done here). ``on_result(result)`` runs
    in this process as each chunk's result arrives, while the workers go on;
    ``on_summaries(pages)`` when the summary pages arrive (if the job has any). ``then(submit)``
    runs in this process once every result is in, the workers still there to take more work:
    ``submit(task, *args)`` runs ``task(*args)`` in one (``task`` a module-level function) and
    returns a function that waits for its result (in this process, ``task`` runs at once).
    """

    def summarised(made: Summaries) -> None:
        if on_summaries is not None:
            on_summaries(made)

    def taken(result: ChunkResult) -> None:
        if on_result is not None:
            on_result(result)
        if progress is not None:
            progress(result.cards)

    if in_process is None:
        in_process = workers <= 1 and started is None
    if started is not None and started.early:
        in_process = False
    if in_process:
        if started is not None:
            started.pool.shutdown(wait=True, cancel_futures=True)
        from csreport.outputs.pdf.renderer import ScorecardRenderer

        if meanwhile is not None:
            meanwhile()
        renderer = ScorecardRenderer(templates_dir, lang, branding)
        if job.summaries:
            summarised(render_summaries(renderer, month, *job.summary_titles))
        for chunk in job.chunks:
            taken(run_chunk(renderer, chunk, month.meta))
        if then is not None:
            then(_here)
        return

    if started is None:
        started = start_workers(workers, templates_dir=templates_dir, lang=lang, branding=branding)
    with started.pool as pool:
        futures: dict[Future[tuple[Any, ...]], str] = dict(started.early)
        cover_title, team_titles = job.summary_titles
        if job.split:
            if cover_title is not None:
                futures[hand_out(pool, render_summaries, month, cover_title, {})] = "summaries"
            for chunk in job.chunks:
                futures[hand_out(pool, run_chunk, chunk, month.meta)] = "chunk"
            if team_titles:
                futures[hand_out(pool, render_summaries, month, None, team_titles)] = "summaries"
        else:
            if job.summaries:  # first: every team's PDF opens with its summary page
                futures[hand_out(pool, render_summaries, month, cover_title, team_titles)] = "summaries"
            for chunk in job.chunks:
                futures[hand_out(pool, run_chunk, chunk, month.meta)] = "chunk"
        try:
            if meanwhile is not None:
                meanwhile()
            for future in as_completed(futures):
                outcome = _outcome(future)
                if futures[future] == "summaries":
                    summarised(outcome)
                    continue
                taken(outcome)
            if then is not None:

                def submit(task: Callable[..., Any], *args: Any) -> Callable[[], Any]:
                    future = hand_out(pool, _plain, task, *args)
                    return lambda: _outcome(future)

                then(submit)
        except BaseException:
            # Stop now rather than let the workers finish chunks nobody will use
            # (on an error, Ctrl-C or SIGTERM the staging folder is thrown away).
            stop_workers(started)
            raise


Submit = Callable[..., Callable[[], Any]]  # see ``execute``'s ``then``


def _here(task: Callable[..., Any], *args: Any) -> Callable[[], Any]:
    """``then``'s ``submit`` when the work is done in this process: run ``task`` now."""
    result = task(*args)
    return lambda: result


def _plain(_renderer: Any, task: Callable[..., Any], *args: Any) -> Any:
    """Run ``task(*args)`` in a worker (which needs no renderer for it)."""
    return task(*args)


def _outcome(future: Future[tuple[Any, ...]]) -> Any:
    """What a task handed to a worker returned; its ``CsreportError`` raised here."""
    try:
        outcome = future.result()
    except BrokenProcessPool as exc:
        raise CsreportError("pdf.worker_died") from exc
    if outcome[0] == "error":
        _, code, exit_code, params = outcome
        raise CsreportError(code, exit_code=exit_code, **params)
    return outcome[1]


def _end_workers(seconds: float = 10.0) -> None:
    """Terminate every worker process and wait until none is left.

    Asked again in a loop: the pool may still be starting a worker when this begins,
    and one that ignores SIGTERM is killed at the end.
    """
    deadline = time.monotonic() + seconds
    children = multiprocessing.active_children()
    while children and time.monotonic() < deadline:
        for child in children:
            child.terminate()
        for child in children:
            child.join(timeout=0.2)
        children = multiprocessing.active_children()
    for child in children:
        child.kill()
        child.join(timeout=1)
