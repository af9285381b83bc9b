"""The shop's settings file (``csreport.yaml``): name, branding and default options.

Example::

    shop: 测试旗舰店
    company: 某某电子商务有限公司
    logo: logo.png                  # relative to this file
    colors: {primary: "#1f4e79", accent: "#c55a11"}
    rules: standard                 # or a rules file, relative to this file
    profile: 重服务
    mapping: 表头映射.yaml
    history: 历史/csreport-history.sqlite   # default: in the output folder
    month: 2026-10                  # only this month (watch, the Windows script); default: every month found
    pdf_engine: auto                # auto | weasyprint | browser

Options given on the command line win over the file. Without ``--config``, a
``csreport.yaml`` in the current folder is used when there is one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csreport.messages import both, listed, translate
from csreport.outputs.pdf.branding import hex_color
from csreport.problems import CsreportError
from csreport.util.yaml_safe import SETTINGS, YamlProblem, load, read_text

if TYPE_CHECKING:
    from csreport.outputs.pdf.scorecards import Branding
    from csreport.reports import RunOptions

DEFAULT_NAME = "csreport.yaml"
_KEYS = {
    "shop",
    "company",
    "logo",
    "colors",
    "rules",
    "profile",
    "mapping",
    "templates",
    "history",
    "month",
    "pdf_engine",
}
_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_PDF_ENGINES = ("auto", "weasyprint", "browser")


@dataclass(frozen=True)
class Config:
    """Settings from the file; None means "not set"."""

    path: Path | None = None
    shop: str | None = None
    company: str | None = None
    logo: Path | None = None
    primary_color: str | None = None
    accent_color: str | None = None
    rules: str | None = None
    profile: str | None = None
    mapping: Path | None = None
    templates: Path | None = None
    history: Path | None = None  # the history database, relative to this file
    month: str | None = None  # YYYY-MM: the one month to score (watch, the Windows script)
    pdf_engine: str | None = None  # auto | weasyprint | browser


def load_config(path: Path | None) -> Config:
    """Read ``path``, or ``./csreport.yaml`` when ``path`` is None and it exists."""
    if path is None:
        default = Path.cwd() / DEFAULT_NAME
        if not default.is_file():
            return Config()
        path = default
    path = Path(path)
    # The shared safe reader: folders, devices, huge, binary files and alias bombs are refused.
    text = read_text(path, SETTINGS)
    try:
        data, lines = load(text)
    except YamlProblem as exc:
        raise CsreportError("config.invalid", file=str(path), line=exc.line, problem=exc.problem) from exc
    data = data or {}
    if not isinstance(data, dict):
        raise CsreportError("config.invalid", file=str(path), line=1, problem=both("config.not_mapping"))
    unknown = sorted(set(map(str, data)) - _KEYS)
    if unknown:
        raise CsreportError(
            "config.invalid",
            file=str(path),
            line=lines.get((unknown[0],), 1),
            problem=both(
                "config.unknown_keys",
                keys=listed(unknown, "list.names").zh[:200],
                known=listed(sorted(_KEYS), "list.names").zh,
            ),
        )
    colors = data.get("colors") or {}
    if not isinstance(colors, dict):
        raise CsreportError(
            "config.invalid",
            file=str(path),
            line=lines.get(("colors",), 1),
            problem=both("config.colors_not_mapping"),
        )
    for key, value in colors.items():
        if key not in ("primary", "accent") or not _is_color(key, value):
            raise CsreportError(
                "config.invalid",
                file=str(path),
                line=lines.get(("colors", key), 1),
                problem=both("config.bad_color", key=key, value=str(value)[:40]),
            )
    for key in (
        "shop",
        "company",
        "logo",
        "rules",
        "profile",
        "mapping",
        "templates",
        "history",
        "pdf_engine",
    ):
        value = data.get(key)
        # A mapping, a list or a bare yes/no is a typing slip, not a name: never print its repr.
        if value is not None and (isinstance(value, (dict, list, bool)) or not str(value).strip()):
            raise CsreportError(
                "config.invalid",
                file=str(path),
                line=lines.get((key,), 1),
                problem=both("config.not_text", key=key),
            )
    month = _month(data.get("month"))
    if month is None and data.get("month") not in (None, ""):
        raise CsreportError(
            "config.invalid",
            file=str(path),
            line=lines.get(("month",), 1),
            problem=both("config.bad_month", value=str(data.get("month"))[:40]),
        )
    engine = _text(data.get("pdf_engine"))
    if engine is not None and engine.strip().lower() not in _PDF_ENGINES:
        raise CsreportError(
            "config.invalid",
            file=str(path),
            line=lines.get(("pdf_engine",), 1),
            problem=both("config.bad_pdf_engine", value=engine[:40], known=" | ".join(_PDF_ENGINES)),
        )
    base = path.parent
    return Config(
        path=path,
        shop=_text(data.get("shop")),
        company=_text(data.get("company")),
        logo=_relative(base, data.get("logo")),
        primary_color=colors.get("primary"),
        accent_color=colors.get("accent"),
        rules=_rules(base, data.get("rules")),
        profile=_text(data.get("profile")),
        mapping=_relative(base, data.get("mapping")),
        templates=_relative(base, data.get("templates")),
        history=_relative(base, data.get("history")),
        month=month,
        pdf_engine=engine.strip().lower() if engine is not None else None,
    )


def _month(value: Any) -> str | None:
    """The settings' month as YYYY-MM; None when not set or not a month.

    YAML reads ``2026-10`` as text but ``2026-10-01`` as a date: a date names its month."""
    import datetime as dt

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.date):
        return f"{value.year:04d}-{value.month:02d}"
    text = str(value).strip()
    return text if _MONTH.match(text) else None


def _is_color(key: str, value: object) -> bool:
    """True when ``value`` is a colour the PDFs can use: the one rule is branding's."""
    try:
        hex_color(f"{key}_color", value)
    except CsreportError:
        return False
    return True


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _relative(base: Path, value: Any) -> Path | None:
    if value is None:
        return None
    p = Path(str(value))
    return p if p.is_absolute() else base / p


def _rules(base: Path, value: Any) -> str | None:
    """A preset name stays a name; anything that looks like a file is made relative."""
    if value is None:
        return None
    text = str(value)
    # A folder of rules versions beside the settings file is a path too, whatever its name.
    if text.endswith((".yaml", ".yml", ".xlsx")) or "/" in text or "\\" in text or (base / text).is_dir():
        return str(_relative(base, text))
    return text


def run_options(
    cfg: Config,
    out_dir: Path,
    lang: str,
    *,
    month: str | None = None,
    rules: str | None = None,
    templates: Path | None = None,
    shop: str = "",
    pdf: bool = True,
    pdf_engine: str | None = None,
    workers: int | None = None,
    mapping: Path | None = None,
    profile: str | None = None,
    write_back: str | None = None,
    history: Path | None = None,
    reopen: str | None = None,
) -> RunOptions:
    """The options of a month's run, as ``run`` and ``watch`` take them: what the command line
    gives first, then the settings file ``cfg``."""
    from csreport.reports import RunOptions

    return RunOptions(
        out_dir,
        month or cfg.month,
        rules,
        templates or cfg.templates,
        shop.strip() or cfg.shop or "",
        lang,
        pdf,
        workers,
        mapping or cfg.mapping,
        profile or cfg.profile,
        write_back,
        branding_from(cfg),
        history or cfg.history,
        reopen,
        cfg.rules,
        pdf_engine=pdf_engine or cfg.pdf_engine or "auto",
    )


def branding_from(cfg: Config) -> Branding | None:
    """The scorecard branding the settings ask for, or None when they set none."""
    if not (cfg.company or cfg.logo or cfg.primary_color or cfg.accent_color):
        return None
    # Imported here: reading the settings must not load the PDF layer.
    from csreport.outputs.pdf.scorecards import Branding

    stock = Branding()
    return Branding(
        company=cfg.company or "",
        logo=cfg.logo,
        primary_color=stock.primary_color if cfg.primary_color is None else cfg.primary_color,
        accent_color=stock.accent_color if cfg.accent_color is None else cfg.accent_color,
    )


def shop_hint(shop: str, cfg: Config, lang: str) -> str | None:
    """How to name the shop, when neither ``--shop`` (``shop``) nor the settings file names it:
    the reports then say the catalogue's default name (本店)."""
    if shop.strip() or (cfg.shop or "").strip():
        return None
    return translate(
        "cli.shop_hint",
        lang,
        default=translate("shop.default", lang),
        file=cfg.path.name if cfg.path else DEFAULT_NAME,
    )
