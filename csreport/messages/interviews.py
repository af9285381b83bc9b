"""Catalogue: the assessment cycle's interviews (issue 14)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {}
