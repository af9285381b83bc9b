"""Messages: qa_flow (filled in by the QA sampling and calibration work)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {}
