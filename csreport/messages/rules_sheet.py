"""The results workbook's 规则 sheet: every KPI, band, veto and grade as a readable table."""

TEXT: dict[str, tuple[str, str]] = {}
