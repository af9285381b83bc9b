"""``csreport calibrate``: thin shell over ``csreport.qa`` (filled in by its owner)."""

from __future__ import annotations

import click


@click.command(name="calibrate")
def calibrate() -> None:
    """Placeholder until the command lands."""
