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
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from csreport.model import AgentResult, MonthResult, RunMeta
from csreport.problems import CsreportError
from csreport.render.atomic import atomic_path
from csreport.render.context import scorecard_context
from csreport.render.filenames import scorecard_filename

__all__ = ["ScorecardRenderer", "default_templates_dir", "make_url_fetcher",
           "render_scorecards", "scorecard_context"]

TEMPLATE_NAME = "scorecard.html"
CSS_NAME = "scorecard.css"
IN_PROCESS_BELOW = 8  # fewer cards than this are not worth starting worker processes

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
