"""``csreport setup``: placeholder, replaced by its owner."""

from __future__ import annotations

import click


@click.command(name="setup")
def setup() -> int:
    """Placeholder."""
    return 0
