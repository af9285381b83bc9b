"""The office set-up (``csreport setup``): the drop folder, the reports folder and a commented
settings file in one folder, the one the Windows script sits in.

What exists is never changed: a second set-up, or one after the manager has filled in the
settings, only makes what is missing.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from csreport.messages import both, translate
from csreport.problems import CsreportError
from csreport.reports import ExitCode
from csreport.rules.loader import DEFAULT_PRESET, PRESET_ZH_NAMES, preset_listing
from csreport.util.paths import os_reason

# The drop folder the Windows script watches: a name on disk, the same in every language, like
# the reports folder (报表).
INPUT_FOLDER = "输入"

# Files a folder holds that are no workbook a manager put there: Excel's and WPS's lock files
# (~$name.xlsx), hidden files, and what Windows Explorer leaves behind.
_NOT_INPUTS = ("~$", ".")
_EXPLORER_FILES = {"desktop.ini", "thumbs.db"}

# csreport.yaml's keys in the order the file explains them. The first four are what a manager
# sets; they are written blank (blank is the default). The rest are written as commented-out
# examples. Each key's comment lines are catalogue codes.
_FIRST: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("shop", ("setup.yaml.shop",)),
    ("month", ("setup.yaml.month", "setup.yaml.month.blank")),
    ("rules", ("setup.yaml.rules", "setup.yaml.rules.file")),
    ("pdf_engine", ("setup.yaml.pdf_engine", "setup.yaml.pdf_engine.choices")),
)
_OPTIONAL = ("company", "logo", "colors", "profile", "mapping", "templates", "history")
SETTINGS_KEYS = tuple(key for key, _ in _FIRST) + _OPTIONAL


@dataclass(frozen=True)
class SetupReport:
    """What ``set_up`` found and made."""

    folder: Path
    inputs: Path  # the drop folder
    outputs: Path  # the reports folder
    settings: Path  # the settings file
    created_folders: tuple[Path, ...]  # of folder, inputs and outputs: those made now
    created_settings: bool  # False: a settings file was there and is unchanged
    inputs_waiting: bool  # the drop folder holds no workbook yet

    exit_code = ExitCode.OK


def settings_text(lang: str = "zh", newline: str = "\n") -> str:
    """The settings file ``set_up`` writes: every key ``csreport.yaml`` takes, each explained in
    ``lang``; read back, it sets nothing (every value is the default)."""
    params: dict[str, dict[str, object]] = {
        "shop": {"default": translate("shop.default", lang)},
        "rules": {
            "default": both("rules.preset_named", name=DEFAULT_PRESET, zh=PRESET_ZH_NAMES[DEFAULT_PRESET]),
            "presets": preset_listing(),
        },
    }
    lines = [
        f"# {translate(code, lang)}" for code in ("setup.yaml.title", "setup.yaml.how", "setup.yaml.hash")
    ]
    for key, codes in _FIRST:
        lines.append("")
        lines += [f"# {translate(code, lang, **params.get(key, {}))}" for code in codes]
        lines.append(f"{key}:")
    lines += ["", f"# {translate('setup.yaml.optional', lang)}"]
    for key in _OPTIONAL:
        lines += [
            "",
            f"# {translate(f'setup.yaml.{key}', lang)}",
            f"# {key}: {translate(f'setup.yaml.{key}.example', lang)}",
        ]
    return newline.join(lines) + newline


def set_up(folder: Path, *, settings_name: str, output_name: str, lang: str = "zh") -> SetupReport:
    """Make ``folder`` with the drop folder (``输入``), the reports folder ``output_name`` and
    the settings file ``settings_name`` (comments in ``lang``) in it, each only when missing."""
    folder = Path(os.path.abspath(folder))
    if folder.exists() and not folder.is_dir():
        raise CsreportError("setup.folder_is_file", path=str(folder))
    inputs, outputs, settings = folder / INPUT_FOLDER, folder / output_name, folder / settings_name
    created = tuple(path for path in (folder, inputs, outputs) if _make_folder(path))
    # The file's own line ends: Notepad before Windows 10 shows a file without CR as one line.
    text = settings_text(lang, "\r\n" if os.name == "nt" else "\n")
    # With a byte order mark, Notepad on any Windows reads the Chinese as UTF-8 (the settings
    # reader takes either).
    written = _write_new(settings, b"\xef\xbb\xbf" + text.encode("utf-8"))
    return SetupReport(folder, inputs, outputs, settings, created, written, not _holds_inputs(inputs))


def _make_folder(path: Path) -> bool:
    """Make ``path`` when it is missing: True when it was made now."""
    if path.is_dir():
        return False
    if path.exists():
        raise CsreportError("setup.taken", path=str(path))
    try:
        path.mkdir(parents=True)
    except FileExistsError:  # made at this moment by another set-up: there it is
        if path.is_dir():
            return False
        raise CsreportError("setup.taken", path=str(path)) from None
    except OSError as exc:
        raise CsreportError("setup.not_writable", path=str(path), reason=os_reason(exc)) from exc
    return True


def _write_new(target: Path, data: bytes) -> bool:
    """Write ``data`` to ``target`` unless something of that name is there: True when written.

    The bytes go to a temporary file first, which is then linked (or, on Windows, renamed)
    to the name: both refuse a name that exists, so neither a crash nor a second set-up at the
    same moment leaves a half-written settings file or overwrites one.
    """
    if os.path.lexists(target):
        return False
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".csreport-setup.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise CsreportError("setup.not_writable", path=str(target), reason=os_reason(exc)) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp_name, 0o666 & ~_umask())
        return _place(Path(tmp_name), target, data)
    except OSError as exc:
        raise CsreportError("setup.not_writable", path=str(target), reason=os_reason(exc)) from exc
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)


def _place(tmp: Path, target: Path, data: bytes) -> bool:
    """Give the written ``tmp`` the name ``target`` unless that name is taken."""
    try:
        if os.name == "nt":
            os.rename(tmp, target)  # Windows never renames over an existing file
        else:
            os.link(tmp, target)  # a hard link never replaces one
    except FileExistsError:
        return False
    except OSError:
        # A file system without hard links (some network shares): create the name exclusively.
        try:
            with open(target, "xb") as fh:
                fh.write(data)
        except FileExistsError:
            return False
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _holds_inputs(folder: Path) -> bool:
    """True when ``folder`` holds anything a manager may have put there."""
    try:
        names = [entry.name for entry in os.scandir(folder)]
    except OSError:
        return False
    return any(not name.startswith(_NOT_INPUTS) and name.lower() not in _EXPLORER_FILES for name in names)
