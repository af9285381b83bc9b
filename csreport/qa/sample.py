"""``csreport sample``: draw the month's chats to score and write the QA task workbook.

Reads the chat list (and the roster, when given, for 姓名 and to map 旺旺 / 客服账号 to 工号),
takes the rules' ``sampling:`` block (the standard's when the rules have none), draws the sample
(``scoring.sampling``), assigns reviewers and writes ``<out>/<month>/质检任务单_<month>.xlsx``
atomically under the month's lock. A task workbook already there is replaced only while no chat
in it is scored. Returns a report the command line prints; nothing here prints.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from pathlib import Path

import pandas as pd

from csreport.chat_data import SET_ASIDE
from csreport.fields import BUILTIN
from csreport.inputs.chat_list import ChatList, months_in, read_chat_list
from csreport.inputs.dataset import RosterEntry, load_dataset
from csreport.inputs.headers import detect_sheet
from csreport.inputs.identity import resolve_agents
from csreport.inputs.mapping import UserMapping, load_mapping
from csreport.inputs.sample_check import has_score, score_columns
from csreport.inputs.workbook import read_workbook
from csreport.messages import Bilingual, both, listed, translate
from csreport.outputs.month_folder import MonthFolder, check_out_dir
from csreport.outputs.xlsx.task_sheet import TaskSheetSource, write_task_workbook
from csreport.problems import CsreportError, Problem, RefusedWithProblems
from csreport.reports import ExitCode
from csreport.rules.sampling import percent_text, sampling_in_force
from csreport.rules.show import name_in
from csreport.rules.versions import load_rules_for
from csreport.rules.wording import number
from csreport.scoring.sampling import SampleResult, assign_reviewers, draw
from csreport.util.report_names import TASK_SHEET, TASK_WORKBOOK_PREFIX

__all__ = ["SampleOptions", "SampleReport", "parse_reviewers", "sample_month", "task_workbook_name"]

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
# Between reviewers: commas, semicolons and the ideographic comma; between a name and its share: a
# colon (the text is NFKC-normalised first, so the full-width forms a Chinese keyboard types are
# these too).
_REVIEWERS = re.compile(r"[,;\u3001]")
_SHARE_SEP = re.compile(r":")
_SHARE = re.compile(r"^(\d+(?:\.\d+)?)\s*%$")
# The months a refusal lists before "……".
_MONTHS_SHOWN = 12

Reviewers = tuple[tuple[str, Fraction | None], ...]


@dataclass(frozen=True)
class SampleOptions:
    """Everything ``sample`` needs besides the files."""

    out_dir: Path
    month: str | None = None
    shop: str = ""  # as given (--shop, else the settings); empty: the seed has no shop
    salt: str = ""
    rules: str | None = None  # --rules, else the settings' rules, else the standard preset
    reviewers: str | None = None  # --reviewers as typed
    mapping: Path | None = None
    lang: str = "zh"
    shop_shown: str = ""  # the shop's name on the sheets when none is set (the catalogue's 本店)


@dataclass
class SampleReport:
    """What ``sample`` did: the sample, where it is, and what the console says about it."""

    result: SampleResult
    path: Path
    replaced: bool  # an unscored task workbook of the month was replaced
    rules_name: str
    standard_rules: bool  # the rules have no sampling block: the standard's was used
    reviewers: Reviewers
    problems: list[Problem] = field(default_factory=list)  # reading the list, mapping accounts
    set_aside: int = 0  # rows of the list left out for their data

    @property
    def exit_code(self) -> ExitCode:
        """0 when every row of the list could be used, 1 when rows were set aside."""
        return ExitCode.NOT_CLEAN if self.set_aside else ExitCode.OK


def task_workbook_name(month: str) -> str:
    """质检任务单_<YYYY-MM>.xlsx."""
    return f"{TASK_WORKBOOK_PREFIX}{month}.xlsx"


def parse_reviewers(text: str | None) -> Reviewers:
    """``--reviewers``: "张三:60%,李四:40%" (shares adding up to 100%) or "张三,李四" (rotation).

    Refused, each in one line: no name, a name twice, a share that is not a percentage above 0,
    shares for some reviewers only, and shares that do not add up to 100%.
    """
    if text is None:
        return ()
    parts = [p.strip() for p in _REVIEWERS.split(unicodedata.normalize("NFKC", text)) if p.strip()]
    if not parts:
        raise CsreportError("task_sheet.reviewers.empty")
    out: list[tuple[str, Fraction | None]] = []
    for part in parts:
        name, sep, share_text = _split(part)
        if not name:
            raise CsreportError("task_sheet.reviewers.no_name", part=part)
        if any(name == seen for seen, _ in out):
            raise CsreportError("task_sheet.reviewers.twice", name=name)
        share: Fraction | None = None
        if sep:
            found = _SHARE.match(share_text)
            share = Fraction(found.group(1)) / 100 if found else None
            if share is None or share <= 0:
                raise CsreportError("task_sheet.reviewers.bad_share", part=part)
        out.append((name, share))
    if len({share is None for _, share in out}) > 1:
        raise CsreportError("task_sheet.reviewers.mixed", given=text.strip())
    total = sum((share or Fraction(0) for _, share in out), Fraction(0))
    if out[0][1] is not None and total != 1:
        raise CsreportError("task_sheet.reviewers.total", total=percent_text(total), given=text.strip())
    return tuple(out)


def _split(part: str) -> tuple[str, str, str]:
    """A reviewer as typed: (name, the separator if a share follows, the share)."""
    pieces = _SHARE_SEP.split(part, maxsplit=1)
    if len(pieces) == 1:
        return part.strip(), "", ""
    return pieces[0].strip(), ":", pieces[1].strip()


def sample_month(files: Sequence[Path], options: SampleOptions) -> SampleReport:
    """Draw the month's sample from the chat list ``files[0]`` (``files[1]``: the roster) and
    write the task workbook; see the module's description."""
    if not files:
        raise CsreportError("task_sheet.no_files")
    if len(files) > 2:
        raise CsreportError("task_sheet.too_many_files", n=len(files))
    list_path, roster_path = Path(files[0]), (Path(files[1]) if len(files) > 1 else None)
    for path in (list_path, roster_path):
        if path is not None and not path.exists():
            raise CsreportError("file.not_found", path=str(path))
    if options.month is not None and not _MONTH.match(options.month):
        raise CsreportError("month.bad", value=options.month)
    check_out_dir(Path(options.out_dir))
    reviewers = parse_reviewers(options.reviewers)
    user = load_mapping(options.mapping)
    vocabulary = user.vocabulary() if user is not None else BUILTIN
    if options.rules is None or not Path(options.rules).is_dir():
        # Rules that do not load are refused before the list is read; a folder needs the month.
        load_rules_for(options.rules, options.month, None, options.lang, vocabulary)
    chats = read_chat_list(list_path, user)
    month = options.month or _only_month(chats)
    rules = load_rules_for(options.rules, month, None, options.lang, vocabulary)
    problems = list(chats.problems)
    mapped = False
    if roster_path is not None:
        roster = _roster(roster_path, month, user)
        chats, mapped = _with_roster(chats, roster, problems)
    sampling, standard = sampling_in_force(rules)
    # A shop left unnamed is 本店 in the seed whatever the language, so the seed never depends
    # on --lang and never ends in a bare "|".
    shop = options.shop.strip() or translate("shop.default", "zh")
    result = draw(chats, sampling, month, shop, options.salt)
    if not result.chats:
        try:
            _refuse_empty(chats, month)
        except CsreportError as exc:
            raise RefusedWithProblems(exc, problems) from None
    if reviewers:
        result = assign_reviewers(result, reviewers)
    source = TaskSheetSource(
        rules_name=name_in(rules, options.lang),
        rules_hash=rules.hash,
        list_file=list_path.name,
        list_sha256=chats.sha256,
        agent_field="agent_id" if mapped or chats.agent_field != "subaccount" else "subaccount",
        standard_rules=standard,
        reviewers=reviewers,
        shop=options.shop.strip() or options.shop_shown,
    )
    with MonthFolder(Path(options.out_dir), month) as folder:
        path = folder.final / task_workbook_name(month)
        replaced = _refuse_scored(path)
        folder.final.mkdir(parents=True, exist_ok=True)
        write_task_workbook(result, sampling, source, path, lang=options.lang)
    set_aside = sum(n for reason, n in result.left_out if reason in SET_ASIDE)
    return SampleReport(result, path, replaced, source.rules_name, standard, reviewers, problems, set_aside)


def _only_month(chats: ChatList) -> str:
    """The list's month when it holds one; otherwise refused, listing the months it holds with
    their chats (the example is the month with most)."""
    months = months_in(chats)
    if len(months) == 1:
        return months[0][0]
    if not months:
        raise CsreportError("task_sheet.no_month")
    shown = listed(
        [both("task_sheet.month_count", month=m, n=number(n)) for m, n in months[:_MONTHS_SHOWN]],
        cut=len(months) > _MONTHS_SHOWN,
    )
    busiest = max(months, key=lambda mn: (mn[1], mn[0]))[0]
    raise CsreportError("task_sheet.months", count=len(months), months=shown, example=busiest)


def _refuse_empty(chats: ChatList, month: str) -> None:
    """Nothing to sample for ``month``: refused before any file is written, saying whether the list
    holds no chat of that month at all (a mistyped --month) or none that may be sampled."""
    months = months_in(chats)
    if month in dict(months):
        raise CsreportError("task_sheet.nothing_eligible", month=month, file=chats.file)
    shown = listed(
        [both("task_sheet.month_count", month=m, n=number(n)) for m, n in months[:_MONTHS_SHOWN]],
        cut=len(months) > _MONTHS_SHOWN,
    )
    raise CsreportError("task_sheet.month_absent", month=month, file=chats.file, months=shown)


def _roster(path: Path, month: str, user: UserMapping | None) -> dict[str, RosterEntry]:
    """The roster's agents by 工号, read as ``run`` reads a roster; a file without one is refused."""
    dataset = load_dataset([path], month, None, user)
    failure = (
        next((p for p in dataset.problems if p.file == path.name), None) if dataset.files_failed else None
    )
    if failure is not None:
        why = Bilingual(failure.message("zh"), failure.message("en"))
        raise CsreportError("run.file_why", file=path.name, why=why)
    if not dataset.has_roster or not dataset.roster:
        raise CsreportError("task_sheet.not_roster", file=path.name)
    return dataset.roster


def _with_roster(
    chats: ChatList, roster: dict[str, RosterEntry], problems: list[Problem]
) -> tuple[ChatList, bool]:
    """``chats`` with each account the roster knows replaced by its 工号 (accounts it does not
    know are kept and reported, as ``run`` does) and blank names filled from the roster; True
    when the list named agents by account and the roster mapped at least one."""
    frame = chats.frame
    mapped = False
    if chats.agent_field == "subaccount" and len(frame):
        table = pd.DataFrame(
            {"subaccount": frame["agent"], "_file": chats.file, "_sheet": chats.sheet, "_row": frame["row"]}
        )
        empty = pd.DataFrame()
        frames = resolve_agents({"attendance": empty, "reception": empty, "qa": table}, roster, {}, problems)
        ids = frames["qa"]["agent_id"].astype(str)
        mapped = bool((ids != frame["agent"].astype(str)).any())
        frame = frame.assign(agent=ids.to_numpy())
    names = frame["agent"].map({agent_id: entry.name for agent_id, entry in roster.items()}).fillna("")
    blank = frame["name"].fillna("").astype(str).str.strip() == ""
    frame = frame.assign(name=frame["name"].where(~blank, names))
    return replace(chats, frame=frame, agent_field="agent_id" if mapped else chats.agent_field), mapped


def _refuse_scored(path: Path) -> bool:
    """Refuse when ``path`` is a task workbook holding any score (or one that cannot be checked);
    True when an unscored one stands there (it is replaced)."""
    if not path.exists():
        return False
    try:
        sheets = read_workbook(path).sheets
    except CsreportError as exc:
        raise CsreportError(
            "task_sheet.unreadable", path=str(path), why=Bilingual(exc.message("zh"), exc.message("en"))
        ) from exc
    sheet = next((s for s in sheets if s.name == TASK_SHEET), None)
    match = detect_sheet(sheet.rows).match if sheet is not None and sheet.rows else None
    if sheet is None or match is None:
        raise CsreportError(
            "task_sheet.unreadable", path=str(path), why=both("task_sheet.not_task_sheet", sheet=TASK_SHEET)
        )
    columns = score_columns(match)
    scored = sum(has_score(row, columns) for row in sheet.rows[match.data_start :])
    if scored:
        raise CsreportError("task_sheet.scored", path=str(path), n=scored)
    return True
