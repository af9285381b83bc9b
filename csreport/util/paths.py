"""Whether a file about to be written is one of the inputs: no command ever writes onto its input.

Every command that writes a file asks :func:`refuse_input_as_output` first. "The same file" is
decided by the file system, not by the spelling of the path: a symlink, a hard link, ``./x`` or
``../dir/x``, and another letter case on a case-insensitive file system (Windows, macOS) all
count. This module sits below every other layer (it imports only ``csreport.problems`` and
``csreport.messages``), so the CLI, the pipeline and the renderers can all use it.

:func:`replaceable_target` decides whether a single output file (``rules export --xlsx``,
``rules import --out``) may be written: never onto a folder, a device or a pipe, and onto an
existing file only when csreport wrote it (or the user said ``--force``).
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from csreport.messages import Bilingual, both
from csreport.problems import CsreportError
from csreport.util.report_names import TASK_WORKBOOK_PREFIX


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


def replaceable_target(
    output: Path,
    option: str,
    *,
    is_ours: Callable[[Path], bool],
    kind: Bilingual,
    force: bool = False,
    example: Bilingual | None = None,
) -> Path:
    """The path to write ``output`` to, after refusing what must not be replaced (exit code 2).

    * a folder, a device, a pipe or a socket is never replaced, ``--force`` or not (renaming a
      file over ``/dev/full`` replaces the device for everyone);
    * an existing regular file is replaced only when ``is_ours`` recognises it as a file
      csreport wrote (``kind`` names that kind of file in the message), or with ``force``;
    * a path under a file (``afile/x.xlsx``) is refused by name rather than as "File exists".

    A symlink is followed: the returned path is the file it points at, so the link survives.
    ``option`` is the command-line option that names the output; ``example`` is a file name
    to suggest inside a folder, in each language.
    """
    output = Path(output)
    target = Path(os.path.realpath(output)) if os.path.islink(output) else output
    try:
        info = os.stat(target)
    except OSError:
        info = None
    if info is None:
        _refuse_file_as_folder(output, target, option)
        return target
    if stat.S_ISDIR(info.st_mode):
        raise CsreportError(
            "output.target_is_folder",
            exit_code=2,
            path=str(output),
            option=option,
            example=Bilingual(str(output / example.zh), str(output / example.en)) if example else str(output),
        )
    if not stat.S_ISREG(info.st_mode):
        raise CsreportError("output.target_not_regular", exit_code=2, path=str(output), option=option)
    if not force and not is_ours(target):
        raise CsreportError("output.target_not_ours", exit_code=2, path=str(output), kind=kind, option=option)
    return target


def _refuse_file_as_folder(output: Path, target: Path, option: str) -> None:
    """Refuse a target whose nearest existing ancestor is a file, not a folder."""
    for parent in target.parents:
        if os.path.lexists(parent):
            if not os.path.isdir(parent):
                raise CsreportError(
                    "output.parent_is_file", exit_code=2, parent=str(parent), path=str(output), option=option
                )
            return


_REASONS = {
    errno.ENOTDIR: "os.not_a_folder",
    errno.EACCES: "os.no_permission",
    errno.EPERM: "os.no_permission",
    errno.EROFS: "os.read_only",
    errno.ENOENT: "os.missing",
    errno.ENAMETOOLONG: "os.name_too_long",
    errno.EEXIST: "os.exists",
}


def os_reason(exc: OSError) -> Bilingual:
    """Why the operating system refused, in both languages (never its English text alone)."""
    code = _REASONS.get(exc.errno or 0)
    if code is None and isinstance(exc, PermissionError):
        code = "os.no_permission"
    if code is not None:
        return both(code)
    name = errno.errorcode.get(exc.errno or 0, type(exc).__name__)
    text = exc.strerror or str(exc)
    return both("os.other", name=name, text=text)


def refuse_inputs_inside(files: list[Path], month_dir: Path) -> None:
    """Refuse an output folder that holds an input (the month folder is replaced as a whole,
    so an input inside it would be moved away).

    The month's QA task workbook (质检任务单_<month>.xlsx, which ``sample`` writes there) is the
    exception: reviewers fill it in where it is, the run reads it before the swap, and the swap
    carries files it did not write over to the new folder, so it stays where it was.
    """
    try:
        folder = month_dir.resolve()
    except (OSError, RuntimeError):  # a link loop: nothing can be inside it
        return
    for file in files:
        try:
            path = file.resolve()
        except (OSError, RuntimeError):  # a looping link is reported by input_problems
            continue
        if path.parent == folder and path.name.startswith(TASK_WORKBOOK_PREFIX):
            continue
        if folder == path or folder in path.parents:
            raise CsreportError("output.input_inside", path=str(file), folder=str(month_dir))
