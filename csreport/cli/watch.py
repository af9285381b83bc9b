"""``csreport watch``: placeholder, replaced by its owner."""

from __future__ import annotations

import click


@click.command(name="watch")
def watch() -> int:
    """Placeholder."""
    return 0
