"""Labels and notes of the results workbook and of write-back copies."""

TEXT: dict[str, tuple[str, str]] = {
}
