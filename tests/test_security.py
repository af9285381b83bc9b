"""Hostile text in the inputs stays inert text in every output, end to end.

Names, groups and cell values that look like spreadsheet formulas, DDE commands or HTML
go through a real run (reading, scoring, workbook, PDF scorecards). The workbook must
hold them as plain strings with no formula, link or external part; the PDFs must print
them literally, load no image, link nowhere, and nothing may be fetched from a URL.
"""

from __future__ import annotations

import datetime as dt
import re
import socket
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from csreport.api import RunOptions, RunReport, run_month
from csreport.outputs.pdf.scorecards import ScorecardRenderer
from tests.factories import HOSTILE_TEXTS
from tests.workbooks import ATT_HEADER, QA_HEADER, REC_HEADER, ROSTER_HEADER

DAY = dt.datetime(2026, 10, 3)
# A non-numeric 接待人数 and 态度得分 are reported with their value in 数据问题.
BAD_RECEPTION = HOSTILE_TEXTS[3]
BAD_ATTITUDE = HOSTILE_TEXTS[6]


def agent_ids() -> list[str]:
    """One agent per hostile text."""
    return [f"KF9{i:02d}" for i in range(len(HOSTILE_TEXTS))]


def group_of(i: int) -> str:
    """Agent ``i``'s 组别: another hostile text, so groups and names differ."""
    return HOSTILE_TEXTS[(i + 1) % len(HOSTILE_TEXTS)]


def write_text_safe(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    """Write ``sheets`` with openpyxl, storing every string as a string.

    openpyxl would otherwise store a value starting with "=" as a formula, which is not
    what a manager typing a name into a text cell produces.
    """
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                cell = ws.cell(r, c, value)
                if isinstance(value, str):
                    cell.data_type = "s"
    wb.save(path)
    return path


def hostile_inputs(folder: Path) -> Path:
    """A month workbook whose roster names and groups, one reception cell and one QA cell
    hold the hostile texts."""
    folder.mkdir(parents=True, exist_ok=True)
    ids = agent_ids()
    roster = [ROSTER_HEADER] + [
        [aid, text, group_of(i), DAY, "正式", "老员工", "ww"]
        for i, (aid, text) in enumerate(zip(ids, HOSTILE_TEXTS, strict=True))
    ]
    att = [ATT_HEADER] + [[aid, "x", DAY, "出勤"] for aid in ids]
    rec: list[list[Any]] = [REC_HEADER]
    qa: list[list[Any]] = [QA_HEADER]
    for aid in ids:
        rec.append([aid, DAY, 1000, 1000, 990, 30, 15, 800, 600, 50000])
        qa.append([aid, DAY, f"{aid}-1", "满意", 90, "", "否"])
    rec.append([ids[0], DAY + dt.timedelta(days=1), BAD_RECEPTION, 10, 10, 30, 15, 8, 6, 500])
    qa.append([ids[1], DAY, f"{ids[1]}-2", "满意", BAD_ATTITUDE, "", "否"])
    return write_text_safe(folder / "十月.xlsx", {"花名册": roster, "考勤": att, "接待": rec, "质检": qa})


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunReport, list[str]]]:
    """A full run with PDFs, in this process, with every network connection refused and
    recorded."""
    tmp = tmp_path_factory.mktemp("security")
    source = hostile_inputs(tmp / "in")
    attempts: list[str] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        """Record a connection attempt and fail it."""
        attempts.append(repr(args))
        raise OSError("network access is not allowed in this test")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", refuse)
        mp.setattr(socket.socket, "connect_ex", refuse)
        mp.setattr(socket, "create_connection", refuse)
        mp.setattr(socket, "getaddrinfo", refuse)
        report = run_month([source], RunOptions(out_dir=tmp / "out", pdf=True, workers=1))
    yield report, attempts


def squash(text: str) -> str:
    """``text`` without whitespace, so line wrapping in a PDF does not matter."""
    return re.sub(r"\s+", "", text)


def test_inputs_hold_the_hostile_text_as_strings(run: tuple[RunReport, list[str]]) -> None:
    """The run read every hostile name and group as data and scored those agents."""
    report, _ = run
    by_id = {a.agent_id: a for a in report.result.agents}
    for i, (aid, text) in enumerate(zip(agent_ids(), HOSTILE_TEXTS, strict=True)):
        assert (by_id[aid].name, by_id[aid].group) == (text, group_of(i))
    values = {p.value for p in report.problems}
    assert {BAD_RECEPTION, BAD_ATTITUDE} <= values


def test_workbook_cells_are_plain_strings(run: tuple[RunReport, list[str]]) -> None:
    """Each hostile text is an exact string cell; no cell is a formula or a link."""
    report, _ = run
    book = openpyxl.load_workbook(report.workbook)
    exact: dict[str, set[str]] = {text: set() for text in HOSTILE_TEXTS}
    for ws in book.worksheets:
        assert not ws._hyperlinks, ws.title
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f" and cell.hyperlink is None, cell.coordinate
                if isinstance(cell.value, str) and any(t in cell.value for t in HOSTILE_TEXTS):
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                if cell.value in exact:
                    exact[cell.value].add(ws.title)
    for text, sheets in exact.items():
        assert {"汇总", "计算明细", "团队"} <= sheets, (text, sheets)
    assert "数据问题" in exact[BAD_RECEPTION] and "数据问题" in exact[BAD_ATTITUDE]


def test_workbook_has_no_formulas_links_or_external_parts(run: tuple[RunReport, list[str]]) -> None:
    """As stored: no <f> in any sheet, no external link part or relationship."""
    report, _ = run
    with zipfile.ZipFile(report.workbook) as z:
        names = z.namelist()
        assert not [n for n in names if "externalLink" in n or n.endswith(".bin")]
        for name in names:
            data = z.read(name).decode("utf-8")
            if name.startswith("xl/worksheets/sheet"):
                assert "<f>" not in data and "<f " not in data and "<hyperlink" not in data
            if name.endswith(".rels"):
                assert 'TargetMode="External"' not in data, name
        workbook = z.read("xl/workbook.xml").decode()
    names_defined = re.findall(r'<definedName name="([^"]+)"', workbook)
    assert all(n.startswith("_xlnm.") for n in names_defined), names_defined


def pdf_objects(reader: PdfReader) -> Iterator[DictionaryObject]:
    """Every image or form XObject reachable from the pages' resources."""
    seen: set[int] = set()
    stack = [page.get("/Resources") for page in reader.pages]
    while stack:
        resources = stack.pop()
        if resources is None:
            continue
        resources = resources.get_object()
        xobjects = resources.get("/XObject")
        if xobjects is None:
            continue
        for ref in xobjects.get_object().values():
            obj = ref.get_object()
            if id(obj) in seen:
                continue
            seen.add(id(obj))
            yield obj
            if obj.get("/Subtype") == "/Form":
                stack.append(obj.get("/Resources"))


def test_pdfs_print_the_text_and_load_nothing(run: tuple[RunReport, list[str]]) -> None:
    """Each card shows its agent's name and group literally, has no image and no link,
    and no network connection was attempted."""
    report, attempts = run
    assert len(report.scorecards) == len(HOSTILE_TEXTS)
    by_id = {a.agent_id: a for a in report.result.agents}
    for agent, card in zip(report.result.agents, report.scorecards, strict=True):
        reader = PdfReader(card)
        text = squash(" ".join(page.extract_text() or "" for page in reader.pages))
        assert squash(by_id[agent.agent_id].name) in text, (card.name, text[:200])
        assert squash(agent.group) in text, card.name
        assert "工号" in text and agent.agent_id in text
        images = [o for o in pdf_objects(reader) if o.get("/Subtype") == "/Image"]
        assert not images, card.name
        for page in reader.pages:
            for annot in page.get("/Annots") or []:
                action = annot.get_object().get("/A")
                assert action is None or "/URI" not in action.get_object(), card.name
    assert attempts == []


def test_scorecard_html_escapes_and_fetches_only_templates(run: tuple[RunReport, list[str]]) -> None:
    """The card's HTML carries the texts escaped, and rendering asks for template files only."""
    report, _ = run
    renderer = ScorecardRenderer()
    # The audit trail of make_url_fetcher: a renderer that no longer offers it fails here,
    # it does not skip the audit.
    requested = getattr(getattr(renderer, "fetcher", None), "requested", None)
    assert isinstance(requested, list), (
        "ScorecardRenderer must expose the URLs rendering requested as .fetcher.requested "
        "(see csreport.outputs.pdf.templates.make_url_fetcher)"
    )
    for agent in report.result.agents:
        html = renderer.html(agent, report.result.meta)
        assert "<style>*{display:none}" not in html and '<img src="file:' not in html
        assert "<link href=http" not in html
        renderer.pdf_bytes(agent, report.result.meta)
    root = renderer.templates_dir.as_uri()
    outside = [u for u in requested if not (u.startswith("data:") or u.startswith(root + "/"))]
    assert outside == []
