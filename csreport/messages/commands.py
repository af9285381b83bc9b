"""What the command line prints: usage, progress, summaries, doctor."""

TEXT: dict[str, tuple[str, str]] = {
}
