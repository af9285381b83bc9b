"""The PDF templates: where they are, loading them safely, and what they may fetch.

URL policy: ``file:`` URLs are served only for files inside the templates folder (and
the one configured logo file), ``data:`` URLs are allowed (self-contained, no I/O),
everything else (http, https, ftp, files elsewhere) is refused and fails the PDF with
``pdf.failed``. Agent data never reaches a URL anyway: it is autoescaped, so
``<img src=...>`` in a name prints as text.
"""

from __future__ import annotations

import mimetypes
import traceback
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from csreport.messages import both
from csreport.problems import CsreportError

TEMPLATE_NAME = "scorecard.html"
COVER_NAME = "cover.html"
CSS_NAME = "scorecard.css"


def default_templates_dir() -> Path:
    """The shipped templates: inside the installed package, else the source checkout's."""
    packaged = Path(__file__).resolve().parents[2] / "templates"
    if (packaged / TEMPLATE_NAME).is_file():
        return packaged
    return Path(__file__).resolve().parents[3] / "templates"


def make_url_fetcher(root: Path, extra_files: Iterable[Path] = ()) -> Any:
    """A WeasyPrint ``URLFetcher`` serving only files under ``root`` (and ``data:`` URLs).

    ``extra_files`` are single files allowed besides (the branding logo): exactly those
    resolved paths, nothing else beside them. Every requested URL is appended to the
    fetcher's ``requested`` list, for audits. Refusals are fatal (``fail_on_errors``)
    so a template asking for the web fails loudly.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    base = Path(root).resolve()
    allowed = frozenset(Path(f).resolve() for f in extra_files)

    class TemplateDirFetcher(URLFetcher):
        """Serves ``file:`` URLs inside the templates folder; refuses the rest."""

        def __init__(self) -> None:
            super().__init__(fail_on_errors=True, allowed_protocols=("file", "data"))
            self.root = base
            self.allowed = allowed
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
                if (
                    parts.netloc in ("", "localhost")
                    and path.is_file()
                    and (path.is_relative_to(self.root) or path in self.allowed)
                ):
                    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime})
            raise RefusedURL(url, self.root)

    return TemplateDirFetcher()


class RefusedURL(ValueError):
    """A template asked for something outside its folder (the web, /etc/passwd ...)."""

    def __init__(self, url: str, root: Path) -> None:
        super().__init__(f"refused {url!r}: only files inside {root} may be used")
        self.url = url
        self.root = root


def refused_url(exc: BaseException) -> CsreportError | None:
    """``templates.refused_url`` when ``exc`` (or what caused it) is a refusal."""
    seen: BaseException | None = exc
    for _ in range(5):  # WeasyPrint wraps the fetcher's error once or twice
        if seen is None:
            break
        if isinstance(seen, RefusedURL):
            return CsreportError("templates.refused_url", url=seen.url, folder=str(seen.root))
        seen = seen.__cause__ or seen.__context__
    return None


def template_error(exc: BaseException, name: str) -> CsreportError:
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
    return CsreportError("templates.broken", template=template, line=line or "?", problem=problem)


@dataclass(frozen=True)
class Templates:
    """The compiled templates of one templates folder."""

    folder: Path
    card: jinja2.Template
    cover: jinja2.Template

    def render(self, which: str, context: dict[str, Any]) -> str:
        """Render ``card`` or ``cover``; any failure inside is the template's fault."""
        template = self.card if which == "card" else self.cover
        try:
            return template.render(context)
        except Exception as exc:
            raise template_error(exc, template.name or which) from exc


def load_templates(templates_dir: Path) -> Templates:
    """Check the folder and compile its templates (no WeasyPrint).

    ``cover.html`` is optional: a folder copied before it existed gets the shipped one.
    """
    templates_dir = Path(templates_dir)
    if not (templates_dir / TEMPLATE_NAME).is_file():
        missing = templates_dir if not templates_dir.is_dir() else templates_dir / TEMPLATE_NAME
        raise CsreportError("templates.not_found", path=str(missing))
    if not (templates_dir / CSS_NAME).is_file():
        raise CsreportError("templates.not_found", path=str(templates_dir / CSS_NAME))
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(templates_dir), str(default_templates_dir())]),
        autoescape=jinja2.select_autoescape(["html", "htm", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    name = TEMPLATE_NAME
    try:
        card = env.get_template(TEMPLATE_NAME)
        name = COVER_NAME
        cover = env.get_template(COVER_NAME)
    except jinja2.TemplateError as exc:
        raise template_error(exc, name) from exc
    except UnicodeDecodeError as exc:  # a binary file, or text saved in another encoding
        raise CsreportError(
            "templates.broken", template=name, line=1, problem=both("templates.not_text")
        ) from exc
    return Templates(templates_dir, card, cover)
