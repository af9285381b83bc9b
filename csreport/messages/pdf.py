"""The PDF engine and renderer."""

TEXT: dict[str, tuple[str, str]] = {
}
