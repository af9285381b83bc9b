"""The month's PDFs printed by a Chromium-family browser already on the computer.

Where WeasyPrint cannot load (a Windows PC without GTK/Pango), Microsoft Edge (on every
Windows 10/11 PC), Google Chrome or Chromium prints the HTML scorecards of ``html_cards``
headless, and the PDFs are assembled here with pypdf as WeasyPrint's are: the same files,
one A4 page per agent, team PDFs (the summary page, then the cards) and the shop PDF (the
cover, then every team) with an outline entry per team and agent, pages numbered "k / N"
within each file (``merge``).

One browser launch prints a team's cards as one document (a card per page), and one more
the summary pages (the shop cover and the teams' pages); the pages are found by the named
destinations a browser writes for link targets (each section's anchor marker) and split
into the files. A card that runs onto a second page is printed again in compact mode, as the
WeasyPrint renderer lays it out again. Up to ``workers`` browsers print at a time.

No network: each document carries a Content-Security-Policy allowing nothing but itself
(``html_cards.CSP``), the browser runs with its background services off, every host name
resolving to nothing, no proxy look-up and a throwaway profile in a temporary folder. A
print that takes longer than its time limit is ended (the browser's whole process group),
as is every browser still printing when the run stops (an error, Ctrl-C, SIGTERM).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csreport.messages import Bilingual, both
from csreport.outputs.pdf.branding import Branding
from csreport.outputs.pdf.context import CardExtras
from csreport.outputs.pdf.html_cards import HtmlPages, Names, Section
from csreport.outputs.pdf.renderer import ANCHOR, END
from csreport.outputs.pdf.scorecards import ReportPaths
from csreport.outputs.pdf.summaries import Team, teams_of
from csreport.problems import CsreportError
from csreport.results import MonthResult
from csreport.util.atomic import write_bytes_atomic

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader

ENV = "CSREPORT_BROWSER"  # the path of the browser to use, when it is not where csreport looks
# A print's time limit: a browser starting cold on a slow office PC takes a few seconds, and
# each page a fraction of a second more.
TIMEOUT_BASE = 90.0
TIMEOUT_PER_PAGE = 1.0
# The browsers csreport knows by their program's name (without ".exe"), and what to call them.
KNOWN_NAMES = {
    "msedge": "Microsoft Edge",
    "microsoft-edge": "Microsoft Edge",
    "microsoft-edge-stable": "Microsoft Edge",
    "chrome": "Google Chrome",
    "google-chrome": "Google Chrome",
    "google-chrome-stable": "Google Chrome",
    "chromium": "Chromium",
    "chromium-browser": "Chromium",
}
# Looked up on PATH, in this order (Linux and any other system with the programs on PATH).
ON_PATH = (
    "microsoft-edge",
    "microsoft-edge-stable",
    "google-chrome",
    "google-chrome-stable",
    "chromium",
    "chromium-browser",
)
# The switches every print runs with (see the module docstring); the PDF's name, the profile
# folder and the page come after them.
FLAGS = (
    "--headless=new",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-breakpad",
    "--disable-client-side-phishing-detection",
    "--no-proxy-server",
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--mute-audio",
    "--no-pdf-header-footer",  # the browser's own date, title and URL lines: none
    "--print-to-pdf-no-header",  # (the same, for browsers before the new headless mode)
)


@dataclass(frozen=True)
class Browser:
    """A browser that can print PDFs: what to call it and its program."""

    name: str
    path: Path

    def __str__(self) -> str:
        return f"{self.name} ({self.path})"

    def said(self) -> Bilingual:
        """Its name and program as a message parameter: "Microsoft Edge（C:\\…\\msedge.exe）"."""
        return both("pdf_engine.browser", name=self.name, path=str(self.path))


def browser_name(path: Path | str) -> str:
    """What to call the browser at ``path``: "Microsoft Edge", "Google Chrome", "Chromium", or
    its program's name."""
    stem = Path(path).name.removesuffix(".exe").removesuffix(".EXE")
    return KNOWN_NAMES.get(stem.lower(), stem)


def candidates() -> list[Path]:
    """Where a Chromium-family browser may be on this computer, most wanted first: the
    program ``CSREPORT_BROWSER`` names, then Edge, Chrome and Chromium where their installers
    put them (Windows: Program Files and the user's own programs folder, and their App Paths
    entries; macOS: the Applications folders), then those on PATH."""
    found: list[Path] = []
    named = os.environ.get(ENV, "").strip().strip('"')
    if named:
        found.append(Path(named).expanduser())
    if sys.platform == "win32":
        found += _windows_places()
    elif sys.platform == "darwin":
        for apps in (Path("/Applications"), Path.home() / "Applications"):
            found += [
                apps / "Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
                apps / "Google Chrome.app/Contents/MacOS/Google Chrome",
                apps / "Chromium.app/Contents/MacOS/Chromium",
            ]
    for name in ("msedge", "chrome", *ON_PATH):
        which = shutil.which(name)
        if which:
            found.append(Path(which))
    return list(dict.fromkeys(found))


def _windows_places() -> list[Path]:
    """Edge and Chrome where Windows installs them, and where its App Paths say they are."""
    places: list[Path] = []
    programs = [os.environ.get(v, "") for v in ("ProgramFiles(x86)", "ProgramFiles", "LocalAppData")]
    for root in filter(None, programs):
        places.append(Path(root) / "Microsoft" / "Edge" / "Application" / "msedge.exe")
    for root in filter(None, programs):
        places.append(Path(root) / "Google" / "Chrome" / "Application" / "chrome.exe")
    if sys.platform == "win32":  # (also tells mypy where winreg exists)
        import winreg

        for exe in ("msedge.exe", "chrome.exe"):
            for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
                key = rf"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\{exe}"
                with contextlib.suppress(OSError):
                    with winreg.OpenKey(hive, key) as opened:
                        value = winreg.QueryValue(opened, None)
                    if value:
                        places.append(Path(value.strip('"')))
    return places


def is_program(path: Path) -> bool:
    """Whether ``path`` is a program this computer can run."""
    return path.is_file() and (sys.platform == "win32" or os.access(path, os.X_OK))


def find_browser(*, passing_over: Path | None = None) -> Browser | None:
    """The first of ``candidates()`` that is a program on this computer, other than
    ``passing_over`` (the browser ``CSREPORT_BROWSER`` names, when it cannot print), or None."""
    for path in candidates():
        if path != passing_over and is_program(path):
            return Browser(browser_name(path), path)
    return None


def named_browser() -> Path | None:
    """The program ``CSREPORT_BROWSER`` names (None when it is not set)."""
    named = os.environ.get(ENV, "").strip().strip('"')
    return Path(named).expanduser() if named else None


@dataclass(frozen=True)
class Choice:
    """The browser that will print the PDFs (None: none), and, when ``CSREPORT_BROWSER`` names
    one that will not, what is wrong with it (``passed_over``)."""

    browser: Browser | None
    named: Path | None = None
    passed_over: Bilingual | None = None

    def said(self) -> Bilingual | None:
        """What to tell the user about the browser ``CSREPORT_BROWSER`` names when it is passed
        over: what is wrong with it, the browser used instead (or that there is none), and how
        to put it right; None when it is the one used, or nothing is named."""
        if self.passed_over is None:
            return None
        if self.browser is None:
            problem = both("pdf_engine.named_no_other", problem=self.passed_over)
        else:
            problem = both("pdf_engine.named_instead", problem=self.passed_over, browser=self.browser.said())
        return both("pdf_engine.named_fix", problem=problem)

    def missing(self) -> Bilingual:
        """Why no browser will print (``browser`` is None): none found, or the named one
        passed over and no other found."""
        if self.passed_over is None:
            return both("pdf_engine.no_browser")
        return both("pdf_engine.named_no_other", problem=self.passed_over)


def choose_browser(*, check: bool = True, timeout: float = 60.0) -> Choice:
    """The browser a run prints with: the one ``CSREPORT_BROWSER`` names when it is a program
    and (``check``) prints a test page (a second or two), else the first other one found.

    A named browser that is missing, is not a program or cannot print is passed over, and the
    ``Choice`` says why."""
    named = named_browser()
    if named is None:
        return Choice(find_browser())
    if not named.exists():
        problem = both("pdf_engine.named_missing", path=str(named))
    elif not is_program(named):
        problem = both("pdf_engine.named_not_a_program", path=str(named))
    else:
        browser = Browser(browser_name(named), named)
        if not check:
            return Choice(browser, named)
        try:
            check_print(browser, timeout=timeout)
        except CsreportError as exc:
            if exc.code != "pdf_engine.print_failed":
                raise
            problem = both(
                "pdf_engine.named_cannot_print", browser=browser.said(), reason=exc.params["reason"]
            )
        else:
            return Choice(browser, named)
    return Choice(find_browser(passing_over=named), named, problem)


# -- printing --------------------------------------------------------------------------------


@dataclass
class Running:
    """The browsers a run has printing, to end them all when it stops; once stopped, it starts
    no more."""

    processes: set[subprocess.Popen[bytes]] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    stopped: bool = False

    def add(self, process: subprocess.Popen[bytes]) -> bool:
        """Count ``process`` in; False (and it is ended) when the run has stopped meanwhile."""
        with self.lock:
            if not self.stopped:
                self.processes.add(process)
                return True
        _end(process)
        return False

    def discard(self, process: subprocess.Popen[bytes]) -> None:
        with self.lock:
            self.processes.discard(process)

    def stop(self) -> None:
        """End every browser still printing, and let none start from now on."""
        with self.lock:
            self.stopped = True
            running = list(self.processes)
        for process in running:
            _end(process)


def _end(process: subprocess.Popen[bytes]) -> None:
    """End the browser and every process it started (its process group; on Windows its
    process tree), and reap it."""
    if sys.platform == "win32":
        if process.poll() is None:
            subprocess.run(
                ["taskkill", "/F", "/T", "/PID", str(process.pid)],
                capture_output=True,
                check=False,
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
    else:
        with contextlib.suppress(OSError):  # (the group is gone already)
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


def command(browser: Browser, page: Path, pdf: Path, profile: Path) -> list[str]:
    """The browser's command line printing ``page`` (an HTML file) to ``pdf``."""
    args = [str(browser.path), *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}"]
    if sys.platform.startswith("linux") and hasattr(os, "geteuid") and os.geteuid() == 0:
        args.append("--no-sandbox")  # Chromium refuses to run as root with its sandbox
    return [*args, page.as_uri()]


def browser_environment() -> dict[str, str]:
    """The environment a browser runs in: csreport's own, without a library path (one set for
    csreport's libraries, such as a Pango of its own, would make the system's browser load them)."""
    env = dict(os.environ)
    env.pop("LD_LIBRARY_PATH", None)
    return env


def print_to_pdf(
    browser: Browser, page: Path, pdf: Path, *, timeout: float, running: Running | None = None
) -> bytes:
    """Print the HTML file ``page`` to the PDF ``pdf`` with ``browser`` and return the PDF.

    The browser runs in a process group of its own, with a fresh profile beside ``pdf``; it is
    ended (the whole group) when it takes more than ``timeout`` seconds, or when ``running``
    (the run's browsers) is stopped. Raises ``pdf_engine.print_failed`` with the reason, and
    ``cli.interrupted`` when ``running`` stopped before it could start.
    """
    running = running if running is not None else Running()
    profile = pdf.with_suffix(".profile")
    log = pdf.with_suffix(".log")
    popen: dict[str, Any] = {"env": browser_environment()}
    if sys.platform == "win32":
        popen["creationflags"] = subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW
    else:
        popen["start_new_session"] = True
    with log.open("wb") as errors:
        try:
            process = subprocess.Popen(
                command(browser, page, pdf, profile),
                stdin=subprocess.DEVNULL,
                stdout=errors,
                stderr=errors,
                **popen,
            )
        except OSError as exc:
            raise _failed(browser, both("pdf_engine.not_started", reason=str(exc))) from exc
        if not running.add(process):
            raise CsreportError("cli.interrupted")
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            raise _failed(browser, both("pdf_engine.timed_out", seconds=round(timeout))) from None
        finally:
            _end(process)  # what it started and left behind, and the browser itself if stopped
            running.discard(process)
    shutil.rmtree(profile, ignore_errors=True)
    data = pdf.read_bytes() if pdf.is_file() else b""
    if code != 0 or not data.startswith(b"%PDF"):
        detail = _last_words(log)
        said = both("pdf_engine.no_output_said", status=code, detail=detail) if detail else None
        raise _failed(browser, said or both("pdf_engine.no_output", status=code))
    return data


def _failed(browser: Browser, reason: Bilingual) -> CsreportError:
    return CsreportError("pdf_engine.print_failed", browser=browser.said(), reason=reason)


def _last_words(log: Path) -> str:
    """The last line the browser wrote that is not one of its routine complaints (D-Bus,
    GPU, sandbox notes), cut to one short line; "" when there is none."""
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return ""
    routine = ("dbus", "D-Bus", "gpu", "GPU", "sandbox", "Fontconfig", "viz", "bus.cc")
    said = [line.strip() for line in lines if line.strip() and not any(w in line for w in routine)]
    return said[-1][:200] if said else ""


# -- pages ------------------------------------------------------------------------------------


def section_pages(reader: PdfReader, count: int, what: str) -> list[list[PageObject]]:
    """The pages of each of ``count`` sections of a printed document, by the named destinations
    of their anchors (``ANCHOR<i>``)."""
    starts: dict[int, int] = {}
    for name, destination in reader.named_destinations.items():
        key = str(name).lstrip("/")
        number = reader.get_destination_page_number(destination)
        if key.startswith(ANCHOR) and key[len(ANCHOR) :].isdigit() and number is not None:
            starts[int(key[len(ANCHOR) :])] = number
    if sorted(starts) != list(range(count)) or any(starts[i] >= starts[i + 1] for i in range(count - 1)):
        raise CsreportError("pdf.failed", agent=what, reason=both("pdf.card_not_laid_out"))
    bounds = [starts[i] for i in range(count)] + [len(reader.pages)]
    pages = list(reader.pages)
    return [pages[bounds[i] : bounds[i + 1]] for i in range(count)]


@dataclass
class Pdf:
    """A PDF being assembled from printed pages: its pages, outline entries and information."""

    title: str
    author: str
    lang: str
    pages: list[PageObject] = field(default_factory=list)
    outline: list[tuple[str, int]] = field(default_factory=list)  # (entry, page index)

    def add(self, pages: Sequence[PageObject], label: str = "") -> None:
        """Append ``pages``, with an outline entry ``label`` at the first (when given)."""
        if label:
            self.outline.append((label, len(self.pages)))
        self.pages.extend(pages)

    def bytes(self, *, numbered: bool = False) -> bytes:
        """The PDF, its pages numbered "1 / N" … when ``numbered``."""
        from pypdf import PdfWriter
        from pypdf.generic import NameObject, TextStringObject

        from csreport.outputs.pdf.merge import number_pypdf

        writer = PdfWriter()
        for page in self.pages:
            writer.add_page(page)
        writer.add_metadata({"/Title": self.title, "/Author": self.author, "/Producer": "csreport"})
        writer.root_object[NameObject("/Lang")] = TextStringObject(self.lang)
        for label, index in self.outline:
            writer.add_outline_item(title=label, page_number=index)
        if numbered:
            number_pypdf(writer)
        buffer = io.BytesIO()
        writer.write(buffer)
        return buffer.getvalue()


# -- the month -----------------------------------------------------------------------------------


@dataclass
class _Printer:
    """Prints documents with one browser into one temporary folder."""

    browser: Browser
    folder: Path
    timeout: float | None = None
    count: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)
    running: Running = field(default_factory=Running)

    def print(self, document: str, pages: int) -> PdfReader:
        """``document`` (HTML) printed; ``pages`` is about how many pages it has (its time
        limit grows with them)."""
        from pypdf import PdfReader

        with self.lock:
            self.count += 1
            number = self.count
        page = self.folder / f"document-{number}.html"
        page.write_text(document, encoding="utf-8")
        limit = self.timeout if self.timeout is not None else TIMEOUT_BASE + TIMEOUT_PER_PAGE * pages
        pdf = self.folder / f"document-{number}.pdf"
        data = print_to_pdf(self.browser, page, pdf, timeout=limit, running=self.running)
        return PdfReader(io.BytesIO(data))


def print_month(
    month: MonthResult,
    out_dir: Path,
    *,
    browser: Browser,
    templates_dir: Path | None = None,
    lang: str = "zh",
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    branding: Branding | None = None,
    teams: bool = True,
    shop: bool = True,
    meanwhile: Callable[[], None] | None = None,
    grades: Sequence[str] = (),
    timeout: float | None = None,
    **_ignored: Any,
) -> ReportPaths:
    """Write the per-agent, team and shop PDFs into ``out_dir`` printed by ``browser``, named
    and assembled as ``scorecards.render_reports`` writes them; arguments as it takes them
    (``workers``: browsers printing at a time, default 2, at most the CPU count; ``cache_dir`` means
    nothing here). ``timeout``: each print's time limit in seconds (default: ``TIMEOUT_BASE``
    and ``TIMEOUT_PER_PAGE`` a page). ``meanwhile()`` runs here while the browsers print.

    Raises ``CsreportError``: ``templates.*``, ``branding.invalid``, ``pdf.failed``,
    ``pdf_engine.print_failed`` (the browser could not print, or took too long), or whatever
    ``meanwhile`` raises.
    """
    try:
        pages = HtmlPages(templates_dir, lang, branding)
    except CsreportError:
        if meanwhile is not None:
            meanwhile()
        raise
    out_dir = Path(out_dir)
    groups = teams_of(month)
    shop = shop and bool(month.agents)
    names = Names.of(month, out_dir, groups, pages.lang, ".pdf")
    made = ReportPaths(engine="browser", browser=str(browser.path))
    if not names.cards and not shop:
        if meanwhile is not None:
            meanwhile()
        return made
    if progress is not None and len(names.cards) < len(month.agents):
        progress(len(month.agents) - len(names.cards))
    out_dir.mkdir(parents=True, exist_ok=True)
    bundles = teams or shop
    # A browser printing takes a core and a few hundred MB: no more at a time than there are cores.
    workers = max(1, min(workers or 2, os.cpu_count() or 1))
    author, pdf_lang = month.meta.shop, pages.html_lang
    team_parts: dict[int, bytes] = {}  # each team's cards, with their outline entries
    summaries: list[bytes] | None = None  # the cover (when wanted) and each team's page

    def print_cards(printer: _Printer, number: int, team: Team) -> int:
        """Print a team's cards (compact again for those longer than a page), write each
        agent's PDF, keep the team's part; return how many cards."""
        extras = CardExtras.of(month.trends, [a.agent_id for a in team.agents], grades)
        agents = [month.agents[i] for i in team.members]
        what = names.team_names[number]
        sections = [pages.card(a, month.meta, extras=extras) for a in agents]
        found = _printed(printer, pages, sections, names.team_titles[number], what)[1]
        long = [j for j, p in enumerate(found) if len(p) > 1]
        if long:
            again = [pages.card(agents[j], month.meta, compact=True, extras=extras) for j in long]
            for j, compact in zip(long, _printed(printer, pages, again, what, what)[1], strict=True):
                found[j] = compact
        part = Pdf(names.team_titles[number], author, pdf_lang)
        for agent, index, section, card in zip(agents, team.members, sections, found, strict=True):
            one = Pdf(pages.title(agent, month.meta), author, pdf_lang)
            one.add(card, section.label)
            write_bytes_atomic(names.cards[index], one.bytes(numbered=True))
            part.add(card, section.label)
        team_parts[number] = part.bytes()
        return len(agents)

    def print_summaries(printer: _Printer) -> list[bytes]:
        """Print the cover (when wanted) and the teams' summary pages; each as a PDF."""
        sections = ([pages.cover(month)] if shop else []) + [pages.team_page(month, t) for t in groups]
        reader, found = _printed(printer, pages, sections, names.shop_title, "—", ends=True)
        long = [j for j, p in enumerate(found) if might_fit(reader, j, p)]
        if long:
            compact = [Section(sections[j].markup, "cover", compact=True) for j in long]
            for j, again in zip(long, _printed(printer, pages, compact, "—", "—")[1], strict=True):
                found[j] = again
        return [Pdf("", author, pdf_lang, list(p)).bytes() for p in found]

    with tempfile.TemporaryDirectory(prefix="csreport-print-") as folder:
        printer = _Printer(browser, Path(folder), timeout)
        pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="csreport-browser")
        try:
            futures: dict[Future[Any], int] = {}
            if bundles:  # first: every team's PDF opens with its summary page
                futures[pool.submit(print_summaries, printer)] = -1
            for number, team in sorted(enumerate(groups), key=lambda t: -len(t[1].members)):
                futures[pool.submit(print_cards, printer, number, team)] = number
            if meanwhile is not None:
                meanwhile()
            for future in as_completed(futures):
                outcome = future.result()
                if futures[future] == -1:
                    summaries = outcome
                elif progress is not None:
                    progress(outcome)
        except BaseException:
            # Stop now: the browsers still printing are ended, the pages not yet printed
            # are not (the run is stopping, its staging folder is thrown away).
            pool.shutdown(wait=False, cancel_futures=True)
            printer.running.stop()
            raise
        finally:
            pool.shutdown(wait=True)
    made.scorecards = [names.cards[i] for i in sorted(names.cards)]
    made.rendered = len(names.cards)
    if not bundles or summaries is None:
        return made
    from csreport.messages import translate
    from csreport.outputs.pdf.merge import join_parts, shop_pdf

    cover = summaries[0] if shop else None
    team_pages = summaries[1:] if shop else summaries
    plain: list[bytes] = []
    outline = translate("summary.team_outline", pages.lang)
    for number, team in enumerate(groups):
        unnumbered, numbered = join_parts(
            [team_pages[number], team_parts[number]],
            names.team_titles[number],
            author,
            pdf_lang,
            first_label=outline,
        )
        plain.append(unnumbered)
        if teams:
            write_bytes_atomic(names.teams[number], numbered)
            made.teams[team.group] = names.teams[number]
    if shop:
        data = shop_pdf(
            cover,
            translate("summary.shop_outline", pages.lang),
            [(names.team_names[n], plain[n]) for n in range(len(groups))],
            names.shop_title,
            author,
            pdf_lang,
        )
        write_bytes_atomic(names.shop, data)
        made.shop = names.shop
    return made


def _printed(
    printer: _Printer, pages: HtmlPages, sections: list[Section], title: str, what: str, *, ends: bool = False
) -> tuple[PdfReader, list[list[PageObject]]]:
    """``sections`` printed as one document: the PDF read, and each section's pages."""
    reader = printer.print(pages.document(sections, title, ends=ends), len(sections))
    return reader, section_pages(reader, len(sections), what)


def might_fit(reader: PdfReader, index: int, pages: Sequence[PageObject]) -> bool:
    """Whether section ``index`` of a printed document (with end markers), on ``pages``, runs
    onto a second page by so little that the compact mode may bring it back onto one: its end
    marker in the first quarter of the second page (as ``renderer.might_fit`` decides for
    WeasyPrint's layout). A marker the browser did not name: just try."""
    if len(pages) != 2:
        return False
    destination = reader.named_destinations.get(f"/{END}{index}")
    if destination is None or destination.top is None:
        return True
    height = float(pages[1].mediabox.height)
    return height - float(destination.top) <= height / 4


def check_print(browser: Browser, *, timeout: float = 60.0) -> None:
    """Print a one-page document with ``browser`` as a run prints (``csreport doctor``); raises
    ``pdf_engine.print_failed`` when it cannot."""
    with tempfile.TemporaryDirectory(prefix="csreport-print-") as folder:
        page = Path(folder) / "check.html"
        page.write_text(
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>csreport</title></head>'
            "<body><p>csreport</p></body></html>",
            encoding="utf-8",
        )
        print_to_pdf(browser, page, Path(folder) / "check.pdf", timeout=timeout)
