"""Whether a file about to be written is one of the inputs: no command ever writes onto its input.

Every command that writes a file asks :func:`refuse_input_as_output` first. "The same file" is
decided by the file system, not by the spelling of the path: a symlink, a hard link, ``./x`` or
``../dir/x``, and another letter case on a case-insensitive file system (Windows, macOS) all
count. This module sits below every other layer (it imports only ``csreport.problems``), so the
CLI, the pipeline and the renderers can all use it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from csreport.problems import CsreportError


def same_file(a: Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name the same file (or folder) on disk, however each is spelled."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        # One of them does not exist (or cannot be inspected): compare the fully resolved names,
        # in the platform's case rule (normcase folds case on Windows and is a no-op elsewhere).
        return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def matching_input(output: Path, inputs: Iterable[Path]) -> Path | None:
    """The input that writing ``output`` would overwrite, or None.

    An input folder counts as every file directly inside it, as ``run`` reads them: an output
    that already exists in such a folder is refused. A path that does not exist yet cannot be
    an input file, so only a name that resolves to an existing input matches.
    """
    output = Path(output)
    for given in inputs:
        given = Path(given)
        if same_file(output, given):
            return given
        if given.is_dir() and os.path.lexists(output) and same_file(output.parent, given):
            return given
    return None


def refuse_input_as_output(output: Path, inputs: Iterable[Path], option: str = "--out") -> None:
    """Raise ``output.is_input`` (exit code 2) when writing ``output`` would overwrite an input.

    ``option`` is the command-line option that names the output, so the message can say which
    one to change.
    """
    if matching_input(output, inputs) is not None:
        raise CsreportError("output.is_input", exit_code=2, path=str(output), option=option)
