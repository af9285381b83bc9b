"""``csreport template``: placeholder, replaced by its owner."""

from __future__ import annotations

import click


@click.command(name="template")
def template() -> int:
    """Placeholder."""
    return 0
