"""Rules files: loading, checking (lint), showing, the rules workbook."""

TEXT: dict[str, tuple[str, str]] = {
}
