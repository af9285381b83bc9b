"""Messages: the calibration report PDF."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {}
