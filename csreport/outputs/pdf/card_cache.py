"""The card cache: a month's PDFs kept between runs, so that a re-run lays out only what changed.

A manager fixes one cell and runs again, often many times on close day. Laying the cards out
is nearly all of a run's time, and one fixed cell changes one card (and its team's summary
page and the shop cover). So each PDF the run makes is kept under a key that says everything
its content depends on; a later run that computes the same key takes the PDF instead of making
it again (``scorecards.render_reports`` decides what is taken and what is made).

Where: ``<out>/.csreport-cache/<month>/`` (``filenames.CARD_CACHE_FOLDER``; the run passes it),
never an input and never a month: ``pdf/<sha256>.pdf`` files, each named by the SHA-256 of its
content, and the index :data:`INDEX_NAME` (JSON) from keys to those names:

- ``cards``: card key -> the agent's own PDF, numbered, as written into the month folder;
- ``pages``: summary key -> the shop cover or a team's summary page, not numbered;
- ``teams``: team key -> the team's PDF not numbered (``plain``, as it is joined into the shop
  PDF) and numbered (the team file), with its ``parts``: the key and page count of its summary
  page and of each card, in order, so that a team with one changed card is joined again from
  its old PDF's other pages (``segment``);
- ``shops``: shop key -> the shop PDF.

Keys are SHA-256 (``MonthKeys``) over what each PDF is made of: the markup WeasyPrint lays out
(the card's, in both the normal and the compact version; the summary page's), rendered from the
templates in this process, which is cheap next to layout; the PDF's title, author and date; and
the run's settings (:func:`settings_key`): the templates folder's files, the fonts installed, the
branding (its logo's bytes too), the language, the versions of csreport, WeasyPrint, pydyf and
pypdf, the files of the modules that make PDFs (``_CODE``) and whether the accelerators are
wanted. A team's key is over its summary page's and cards' keys, the shop's over the cover's
and the teams'. The PDFs show the date they were made, not the time
(``context.generation_date``): a same-day re-run of unchanged data gives the same markup, and
every key changes with the date.

Never a wrong card: a PDF is written under the name of its content's hash (to a temporary name,
then renamed) and checked against that hash when it is read; the index is replaced whole, after
the PDFs it names; an index that cannot be read, is of another format or names files that are
missing, damaged or of another page count than it says is ignored, and what it would have given
is laid out again. Nothing is flushed to disk: a file a power cut damaged fails its check. Each
run keeps only what it used (``save`` removes the rest).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csreport import __version__
from csreport.outputs.pdf import acceleration
from csreport.outputs.pdf.context import generation_date
from csreport.outputs.pdf.merge import Readers, Segment
from csreport.outputs.pdf.templates import default_templates_dir

if TYPE_CHECKING:
    from csreport.outputs.pdf.branding import Branding
    from csreport.outputs.pdf.renderer import Markup
    from csreport.results import MonthResult

FORMAT = 1  # of the index and of the keys: a change makes every earlier cache unused
INDEX_NAME = "cache-index"  # JSON, but not named *.json: nothing that reads JSON inputs ever takes it
STORE = "pdf"
_NAME = re.compile(r"^[0-9a-f]{64}$")
# A templates folder's files are hashed up to this size, larger ones known by size and time.
_HASHED_FILES = 16 * 1024 * 1024
_FONT_FILES = 20_000  # font files looked at, at most
_HIDDEN = 0x2  # FILE_ATTRIBUTE_HIDDEN


def digest(*parts: str | bytes) -> str:
    """SHA-256 (hex) of ``parts``, each length-prefixed so that no two lists collide."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big"))
        hashed.update(data)
    return hashed.hexdigest()


def store_pdf(folder: Path, data: bytes) -> str:
    """Keep ``data`` (a PDF) in the cache's ``folder`` of PDFs under the hash of its content and
    return that name; "" when it cannot be written (a cache that cannot be written only costs
    time, never the run). Used by the worker processes for the cards they make."""
    name = hashlib.sha256(data).hexdigest()
    path = folder / f"{name}.pdf"
    with contextlib.suppress(OSError):
        if path.stat().st_size == len(data) and hashlib.sha256(path.read_bytes()).hexdigest() == name:
            return name  # kept already (one that was damaged is written again)
    temporary = folder / f".{name}.{os.getpid()}.tmp"
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        return ""
    return name


# -- keys ----------------------------------------------------------------------------------------


def settings_key(markup: Markup, author: str, date: str) -> str:
    """The key of what every PDF of a run depends on besides its own markup: see the module
    docstring. ``markup`` holds the templates folder, language and branding in use."""
    branding = markup.branding
    facts: dict[str, Any] = {
        "format": FORMAT,
        "versions": [__version__, *(_version(name) for name in ("weasyprint", "pydyf", "pypdf"))],
        "pango": _pango_version(),
        "code": _code(),
        "accelerators": acceleration.wanted(),
        "lang": markup.lang,
        "author": author,
        "date": date,
        "templates": _folder(markup.templates_dir),
        "shipped": _folder(default_templates_dir()),
        "fonts": _fonts(),
        "branding": _branding(branding),
    }
    return digest(json.dumps(facts, sort_keys=True, ensure_ascii=False))


def _pango_version() -> int:
    """The Pango library WeasyPrint loaded (it breaks the lines): an update of the system's
    Pango under the same WeasyPrint version may lay a card out differently. 0 when unknown."""
    try:
        from weasyprint.text.ffi import pango  # loaded already by the engine check (engine.py)

        return int(pango.pango_version())
    except Exception:  # no engine, or an ffi without the symbol: the other facts still hold
        return 0


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return ""


# The modules that turn the markup into PDF bytes (by file or folder): a change to one of them
# (a developer's, or an update under the same version number) makes other PDFs. What makes the
# markup is covered by the markup itself.
_CODE = (
    "acceleration",
    "branding",
    "card_cache",
    "engine",
    "fast",
    "merge",
    "pool",
    "renderer",
    "scorecards",
    "templates",
)


def _code() -> list[tuple[str, int, int]]:
    """The PDF-making modules' files by size and time (``_CODE``: a module, or a package)."""
    root = Path(__file__).resolve().parent
    found: list[tuple[str, int, int]] = []
    for name in _CODE:
        package = root / name
        files = sorted(package.rglob("*.py")) if package.is_dir() else [root / f"{name}.py"]
        found += [(p.relative_to(root).as_posix(), *_stat(p)) for p in files]
    return found


def _stat(path: Path) -> tuple[int, int]:
    try:
        info = path.stat()
    except OSError:
        return (-1, -1)
    return (info.st_size, info.st_mtime_ns)


def _folder(folder: Path) -> list[tuple[str, str]]:
    """A templates folder's files and their contents' hashes (every file: a stylesheet may use
    any of them)."""
    found: list[tuple[str, str]] = []
    try:
        files = sorted(p for p in Path(folder).rglob("*") if p.is_file())
    except OSError:
        return [("?", str(folder))]
    for path in files:
        rel = path.relative_to(folder).as_posix()
        try:
            size = path.stat().st_size
            found.append((rel, _file_hash(path) if size <= _HASHED_FILES else "{}:{}".format(*_stat(path))))
        except OSError:
            found.append((rel, "?"))
    return found


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _branding(branding: Branding | None) -> list[str]:
    if branding is None:
        return []
    context = json.dumps(branding.context(), sort_keys=True, ensure_ascii=False, default=str)
    logo = ""
    if branding.logo is not None:
        try:
            logo = _file_hash(branding.logo)
        except OSError:
            logo = "?"
    return [branding.css(), context, logo]


def _fonts() -> list[tuple[str, int, int]]:
    """The font files the PDFs may use, by path, size and time: fontconfig's list when its
    ``fc-list`` is there, else the usual font folders. A font installed, removed or updated
    changes every key."""
    files = _fontconfig_files()
    if files is None:
        files = list(_font_folder_files())
    return [(f, *_stat(Path(f))) for f in sorted(set(files))[:_FONT_FILES]]


def _fontconfig_files() -> list[str] | None:
    if shutil.which("fc-list") is None:
        return None
    try:
        done = subprocess.run(
            ["fc-list", "-f", "%{file}\n"], capture_output=True, text=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0:
        return None
    return [line for line in done.stdout.splitlines() if line.strip()]


def _font_folder_files() -> Iterator[str]:
    home = Path.home()
    if sys.platform == "win32":
        windows = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", str(home)))
        folders = [windows / "Fonts", local / "Microsoft" / "Windows" / "Fonts"]
    elif sys.platform == "darwin":
        folders = [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    else:
        folders = [
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            home / ".fonts",
            home / ".local" / "share" / "fonts",
        ]
    count = 0
    for folder in folders:
        for root, _, names in os.walk(folder):
            for name in names:
                count += 1
                if count > _FONT_FILES:
                    return
                yield str(Path(root) / name)


def run_settings(markup: Markup, month: MonthResult) -> str:
    """:func:`settings_key` of a run of ``month`` with ``markup``."""
    return settings_key(markup, month.meta.shop, generation_date(month.meta.generated_at))


def cover_key(settings: str, markup: Markup, month: MonthResult, shop_title: str) -> str:
    """The key of ``month``'s shop cover (``settings``: the run's :func:`settings_key`)."""
    [cover] = markup.summary_sections(month, cover=True)
    return digest(settings, "cover", cover, shop_title)


@dataclass
class MonthKeys:
    """The keys of one run's PDFs: each carded agent's card (by agent index), each team's
    summary page and PDF (by team index in ``summaries.teams_of`` order), the cover, the shop."""

    settings: str
    cards: dict[int, str] = field(default_factory=dict)
    summaries: dict[int, str] = field(default_factory=dict)
    teams: dict[int, str] = field(default_factory=dict)
    cover: str = ""
    shop: str = ""

    @classmethod
    def of(
        cls,
        markup: Markup,
        month: MonthResult,
        members: Sequence[Sequence[int]],
        grades: Sequence[str],
        *,
        team_titles: Sequence[str],
        team_names: Sequence[str],
        team_outline: str,
        shop_title: str,
        shop_outline: str,
        html_lang: str,
        settings: str = "",
        cover: str = "",
    ) -> MonthKeys:
        """The keys of ``month``'s PDFs as ``render_reports`` makes them: ``members`` are the
        teams' agent indexes, the titles and outline labels those of the PDFs; ``settings`` and
        ``cover`` the keys of :func:`run_settings` and :func:`cover_key` when made already."""
        from csreport.outputs.pdf.context import CardExtras

        meta = month.meta
        keys = cls(settings or run_settings(markup, month))
        extras = CardExtras(month.trends, tuple(grades))  # an agent's card reads its own trend only
        for team in members:
            for i in team:
                agent = month.agents[i]
                keys.cards[i] = digest(
                    keys.settings,
                    "card",
                    *markup.card_sections(agent, meta, extras),
                    markup.title(agent, meta),
                )
        sections = markup.summary_sections(month, cover=False, teams=range(len(members)))
        keys.cover = cover or cover_key(keys.settings, markup, month, shop_title)
        for number, team in enumerate(members):
            keys.summaries[number] = digest(keys.settings, "team page", sections[number], team_titles[number])
            keys.teams[number] = digest(
                keys.settings,
                "team",
                team_titles[number],
                team_outline,
                html_lang,
                keys.summaries[number],
                *(keys.cards[i] for i in team),
            )
        keys.shop = digest(
            keys.settings,
            "shop",
            shop_title,
            shop_outline,
            html_lang,
            keys.cover,
            *(part for number in range(len(members)) for part in (team_names[number], keys.teams[number])),
        )
        return keys


# -- the cache -----------------------------------------------------------------------------------


@dataclass
class TeamEntry:
    """A team's PDFs in the cache: not numbered and numbered (names), and its parts."""

    plain: str
    numbered: str
    parts: list[tuple[str, int]]  # (key, pages) of the summary page and each card, in order


@dataclass
class _Index:
    cards: dict[str, str] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)
    teams: dict[str, TeamEntry] = field(default_factory=dict)
    shops: dict[str, str] = field(default_factory=dict)

    def names(self) -> set[str]:
        """Every PDF the index names."""
        found = {*self.cards.values(), *self.pages.values(), *self.shops.values()}
        for entry in self.teams.values():
            found |= {entry.plain, entry.numbered}
        return found

    def as_json(self) -> str:
        teams = {
            key: {"plain": e.plain, "numbered": e.numbered, "parts": [list(p) for p in e.parts]}
            for key, e in self.teams.items()
        }
        return json.dumps(
            {"format": FORMAT, "cards": self.cards, "pages": self.pages, "teams": teams, "shops": self.shops},
            sort_keys=True,
        )

    @classmethod
    def parse(cls, text: str) -> _Index:
        """The index in ``text``; ``ValueError`` when it is not one of this format."""
        raw = json.loads(text)
        if not isinstance(raw, dict) or raw.get("format") != FORMAT:
            raise ValueError("another format")
        index = cls(_names(raw["cards"]), _names(raw["pages"]), {}, _names(raw["shops"]))
        teams = raw["teams"]
        if not isinstance(teams, dict):
            raise ValueError("teams")
        for key, entry in teams.items():
            plain, numbered, parts = entry["plain"], entry["numbered"], entry["parts"]
            if not (_is_name(key) and _is_name(plain) and _is_name(numbered)) or not isinstance(parts, list):
                raise ValueError("team entry")
            found: list[tuple[str, int]] = []
            for part in parts:
                if not (isinstance(part, list) and len(part) == 2 and _is_name(part[0])):
                    raise ValueError("team part")
                if not isinstance(part[1], int) or isinstance(part[1], bool) or part[1] < 1:
                    raise ValueError("team part")
                found.append((part[0], part[1]))
            index.teams[key] = TeamEntry(plain, numbered, found)
        return index


def _is_name(value: object) -> bool:
    return isinstance(value, str) and _NAME.match(value) is not None


def _names(raw: object) -> dict[str, str]:
    if not isinstance(raw, dict) or not all(_is_name(k) and _is_name(v) for k, v in raw.items()):
        raise ValueError("not a map of keys to names")
    return dict(raw)


class CardCache:
    """One month's card cache: what the last run left (``get``-style methods, each checked), and
    what this run uses (``keep_*``, ``put``), saved by ``save``."""

    def __init__(self, folder: Path) -> None:
        """An empty cache in ``folder``; :meth:`open` reads what a run left there."""
        self.folder = Path(folder)
        self.store = self.folder / STORE
        self.old = _Index()
        self.new = _Index()
        self._read: dict[str, bytes | None] = {}
        self._pages: dict[str, int | None] = {}
        self._segments: dict[str, tuple[str, int, int, int]] | None = None
        self.usable = True  # False once the folder cannot be written: nothing more is kept
        self.readers = Readers()  # of the PDFs read: a run joining from them reads each once

    @classmethod
    def open(cls, folder: Path) -> CardCache:
        """The cache in ``folder`` (created when missing), with what the last run left there
        (nothing when the index is missing or cannot be used). Never raises."""
        cache = cls(folder)
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
            cache.old = _Index.parse((cache.folder / INDEX_NAME).read_text(encoding="utf-8"))
        try:
            if not cache.folder.parent.exists():
                cache.folder.parent.mkdir(parents=True)
                _hide(cache.folder.parent)
            cache.store.mkdir(parents=True, exist_ok=True)
        except OSError:
            cache.usable = False
        return cache

    # -- what the last run left ------------------------------------------------------------------

    def pdf(self, name: str) -> bytes | None:
        """The kept PDF ``name``, None when it is missing or its content is not what its name says."""
        if name not in self._read:
            try:
                data: bytes | None = (self.store / f"{name}.pdf").read_bytes()
            except OSError:
                data = None
            if data is not None and hashlib.sha256(data).hexdigest() != name:
                data = None
            self._read[name] = data
        return self._read[name]

    def page_count(self, name: str) -> int | None:
        """The number of pages of the kept PDF ``name``; None when it cannot be read."""
        if name not in self._pages:
            data = self.pdf(name)
            count = None
            if data is not None:
                with contextlib.suppress(Exception):  # pypdf raises many kinds on a damaged file
                    count = len(self.readers.of(data).pages)
            self._pages[name] = count
        return self._pages[name]

    def card(self, key: str) -> tuple[str, bytes] | None:
        """The card PDF kept for ``key`` (its name and content), or None."""
        return self._named(self.old.cards.get(key))

    def page(self, key: str) -> tuple[str, bytes] | None:
        """The summary page (the cover or a team's) kept for ``key``, or None."""
        return self._named(self.old.pages.get(key))

    def shop(self, key: str) -> tuple[str, bytes] | None:
        """The shop PDF kept for ``key``, or None."""
        return self._named(self.old.shops.get(key))

    def team(self, key: str) -> tuple[TeamEntry, bytes, bytes] | None:
        """The team PDFs kept for ``key`` (the entry, not numbered, numbered), or None when
        either is missing or damaged, or the one not numbered (read again by the shop PDF) does
        not have the pages the entry says."""
        entry = self.old.teams.get(key)
        if entry is None:
            return None
        plain, numbered = self.pdf(entry.plain), self.pdf(entry.numbered)
        if plain is None or numbered is None:
            return None
        if self.page_count(entry.plain) != sum(count for _, count in entry.parts):
            return None
        return entry, plain, numbered

    def segment(self, key: str) -> Segment | None:
        """The pages a card (by its key) has in a team PDF the last run made, with their outline
        entry; None when no such PDF is kept whole."""
        if self._segments is None:
            self._segments = {}
            for entry in self.old.teams.values():
                start, total = 0, sum(count for _, count in entry.parts)
                for part, count in entry.parts:
                    self._segments.setdefault(part, (entry.plain, start, count, total))
                    start += count
        found = self._segments.get(key)
        if found is None:
            return None
        name, start, count, total = found
        data = self.pdf(name)
        if data is None or self.page_count(name) != total:
            return None
        return Segment(data, start, start + count)

    @property
    def empty(self) -> bool:
        """Whether the last run left nothing usable (no index, or one that cannot be read)."""
        return not (self.old.cards or self.old.pages or self.old.teams or self.old.shops)

    def _named(self, name: str | None) -> tuple[str, bytes] | None:
        if name is None:
            return None
        data = self.pdf(name)
        return None if data is None else (name, data)

    # -- what this run uses ----------------------------------------------------------------------

    def put(self, data: bytes) -> str:
        """Keep ``data`` (a PDF) and return its name; "" when it cannot be written."""
        if not self.usable:
            return ""
        name = store_pdf(self.store, data)
        if name:
            self._read[name] = data
        else:
            self.usable = False
        return name

    def keep_card(self, key: str, name: str) -> None:
        if name:
            self.new.cards[key] = name

    def keep_page(self, key: str, name: str) -> None:
        if name:
            self.new.pages[key] = name

    def keep_team(self, key: str, plain: str, numbered: str, parts: Iterable[tuple[str, int]]) -> None:
        if plain and numbered:
            self.new.teams[key] = TeamEntry(plain, numbered, list(parts))

    def keep_shop(self, key: str, name: str) -> None:
        if name:
            self.new.shops[key] = name

    def old_page(self, key: str) -> str:
        """The name of the summary page the last run kept for ``key`` if it is still good, else ""."""
        found = self.page(key)
        return found[0] if found else ""

    def save(self) -> None:
        """Write the index of what this run used and remove every other PDF (and whatever an
        interrupted run left half-written). A cache that cannot be written is left as it is:
        the next run lays out again what it cannot find."""
        if not self.usable:
            return
        temporary = self.folder / f".{INDEX_NAME}.{os.getpid()}.tmp"
        try:
            temporary.write_text(self.new.as_json(), encoding="utf-8")
            os.replace(temporary, self.folder / INDEX_NAME)
        except OSError:
            with contextlib.suppress(OSError):
                temporary.unlink()
            return
        used = {f"{name}.pdf" for name in self.new.names()}
        with contextlib.suppress(OSError):
            for entry in os.scandir(self.store):
                if entry.name not in used:
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
        self.tidy()

    def tidy(self) -> None:
        """Remove the temporary files of writes that never finished (a run that failed, or
        worker processes ended mid-write); the PDFs and the index stay as they are."""
        for folder in (self.folder, self.store):
            with contextlib.suppress(OSError):
                for entry in os.scandir(folder):
                    if entry.name.startswith(".") and entry.name.endswith(".tmp"):
                        with contextlib.suppress(OSError):
                            os.unlink(entry.path)


def _hide(folder: Path) -> None:
    """Mark ``folder`` hidden on Windows (its name starts with a dot, which hides it elsewhere)."""
    if sys.platform != "win32":
        return
    import ctypes

    with contextlib.suppress(Exception):
        ctypes.windll.kernel32.SetFileAttributesW(str(folder), _HIDDEN)
