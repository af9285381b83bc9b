"""Labels of the PDF scorecards, the cover and the team bundles."""

TEXT: dict[str, tuple[str, str]] = {
}
