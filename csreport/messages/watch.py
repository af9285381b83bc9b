"""Messages: the drop folder (csreport watch), its ledger and the processing log (处理记录)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {}
