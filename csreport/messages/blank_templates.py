"""Messages: the blank workbooks managers fill in (csreport template)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {}
