"""Branding for the PDFs without editing templates: company name, logo and two colours.

Values come from a user's config file, so they are validated here before they reach
CSS or a URL: colours must be CSS hex colours (nothing else can end up in the
stylesheet), and the logo must be an existing image file. The URL fetcher then
serves exactly that one file besides the templates folder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from csreport.messages import both
from csreport.problems import CsreportError
from csreport.util.paths import os_reason

DEFAULT_PRIMARY = "#1f4e79"
DEFAULT_ACCENT = "#2f6f9f"
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp")
MAX_LOGO_BYTES = 5 * 1024 * 1024
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")


@dataclass(frozen=True)
class Branding:
    """How the shop's PDFs look: printed company name, logo file, main and accent colour.

    ``primary_color`` colours headings, rules and table headers; ``accent_color`` the
    chart bars. Both must be CSS hex colours (``#1f4e79``, ``#abc``); ``logo`` a PNG,
    JPEG, GIF, SVG or WebP file of at most 5 MB.
    """

    company: str = ""
    logo: Path | None = None
    primary_color: str = DEFAULT_PRIMARY
    accent_color: str = DEFAULT_ACCENT

    def validated(self) -> Branding:
        """This branding with colours normalised and the logo resolved; raise
        ``branding.invalid`` (field, value, reason) for anything unusable."""
        return Branding(
            company=_company(self.company),
            logo=_logo(self.logo),
            primary_color=hex_color("primary_color", self.primary_color),
            accent_color=hex_color("accent_color", self.accent_color),
        )

    def css(self) -> str:
        """The custom properties the stylesheet reads (call on a validated branding)."""
        return (
            f":root {{ --primary: {hex_color('primary_color', self.primary_color)}; "
            f"--accent: {hex_color('accent_color', self.accent_color)}; }}"
        )

    def context(self) -> dict[str, Any]:
        """The ``branding`` template variable (see ``scorecard_context``)."""
        return {
            "company": self.company,
            "logo_url": self.logo.as_uri() if self.logo else "",
            "primary_color": self.primary_color,
            "accent_color": self.accent_color,
        }


def _invalid(field: str, value: object, why: str, **params: Any) -> CsreportError:
    """The error for a branding value that cannot be used; ``why`` is the catalogue code
    of the reason (``branding.not_hex`` ...), which ``params`` fill in."""
    return CsreportError("branding.invalid", field=field, value=str(value)[:200], reason=both(why, **params))


def hex_color(field: str, value: object) -> str:
    """``value`` as a lower-case CSS hex colour, or raise ``branding.invalid``.

    Only ``#rgb``, ``#rgba``, ``#rrggbb`` and ``#rrggbbaa`` pass: colour names,
    ``rgb()`` and anything with ``;``, ``}`` or quotes never reach the stylesheet.
    """
    text = value.strip() if isinstance(value, str) else ""
    if not _HEX.fullmatch(text):
        raise _invalid(field, value, "branding.not_hex")
    return text.lower()


def _company(value: object) -> str:
    """The company name as one line of text (it is autoescaped in templates)."""
    if not isinstance(value, str):
        raise _invalid("company", value, "branding.not_text")
    return " ".join(value.split())


def _logo(value: Path | str | None) -> Path | None:
    """The logo as a resolved path to an existing, reasonably small image file."""
    if value is None or value == "":
        return None
    path = Path(value).expanduser()
    try:
        resolved = path.resolve(strict=True)
        size = resolved.stat().st_size
    except OSError as exc:
        raise _invalid("logo", value, "branding.unreadable", reason=os_reason(exc)) from exc
    if not resolved.is_file():
        raise _invalid("logo", value, "branding.not_file")
    if resolved.suffix.lower() not in LOGO_SUFFIXES:
        raise _invalid("logo", value, "branding.not_image", kinds=", ".join(LOGO_SUFFIXES))
    if size > MAX_LOGO_BYTES:
        raise _invalid("logo", value, "branding.too_large", limit_mb=MAX_LOGO_BYTES // (1024 * 1024))
    return resolved
