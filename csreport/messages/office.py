"""Messages: the office set-up (csreport setup, the settings file it writes, the Windows script)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {}
