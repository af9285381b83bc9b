"""``csreport sample``: thin shell over ``csreport.qa`` (filled in by its owner)."""

from __future__ import annotations

import click


@click.command(name="sample")
def sample() -> None:
    """Placeholder until the command lands."""
