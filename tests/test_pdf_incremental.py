"""Re-runs that lay out only what changed (the card cache): after a one-cell fix, a re-run
gives the same PDFs, workbook and JSON as a full run of the fixed data, having laid out one
card; the cache holds only what the latest run used; and whatever does not match (templates,
branding, a damaged file, another version) is laid out again."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io
import json
import shutil
import subprocess
import types
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from csreport import api
from csreport.api import RunOptions, run_month
from csreport.cycle.commands import import_history
from csreport.inputs.workbook import input_problems, iter_files
from csreport.outputs.filenames import CARD_CACHE_FOLDER, results_json_name, results_workbook_name
from csreport.outputs.pdf import card_cache
from csreport.outputs.pdf.branding import Branding
from csreport.outputs.pdf.card_cache import INDEX_NAME, STORE
from csreport.problems import CsreportError
from csreport.reports import RunReport
from tests.synth import SynthMonth, generate_month, write_workbooks

MONTH = "2026-10"
SHOP = "测试店"
FIXED_ROW = 30  # 质检抽查 row of KF005: its 店铺风险 set to 是 vetoes that agent alone
FIXED_AGENT = "KF005"


class _Clock:
    """Stands in for the datetime module in ``csreport.api``: the run's time is ``at``."""

    def __init__(self, at: dt.datetime) -> None:
        self.datetime = types.SimpleNamespace(now=lambda: at)


def run(inputs: list[Path], out: Path, at: dt.datetime, **options: Any) -> RunReport:
    """``run_month`` as ``csreport run`` calls it (PDFs, two workers), at the time ``at``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(api, "dt", _Clock(at))
        settings: dict[str, Any] = {"shop": SHOP, "pdf": True, "workers": 2} | options
        return run_month(inputs, RunOptions(out_dir=out, **settings))


def fixed(month: SynthMonth) -> SynthMonth:
    """``month`` with one cell changed: one chat of KF005 with 店铺风险 = 是."""
    changed = copy.deepcopy(month)
    row = changed.qa[FIXED_ROW]
    assert row["工号"] == FIXED_AGENT and row["店铺风险"] == "否"
    row["店铺风险"] = "是"
    return changed


MORNING = dt.datetime(2026, 11, 2, 9, 0, 0)
EVENING = dt.datetime(2026, 11, 2, 17, 30, 0)


@pytest.fixture(scope="module")
def three_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A 40-agent month in four teams run in the morning (the cache filled); the fixed month
    re-run in the evening with the cache; the fixed month run in full (no cache) into another
    folder, with the history as the re-run found it, at the same time."""
    tmp = tmp_path_factory.mktemp("incremental")
    month = generate_month(40, seed=11, groups=4, shop=SHOP)
    inputs = write_workbooks(month, tmp / "in")
    first = run(inputs, tmp / "out", MORNING)
    history = tmp / "out" / "csreport-history.sqlite"
    shutil.copy(history, tmp / "history-before.sqlite")
    write_workbooks(fixed(month), tmp / "in")
    again = run(inputs, tmp / "out", EVENING)
    shutil.copy(tmp / "history-before.sqlite", tmp / "full-history.sqlite")
    full = run(inputs, tmp / "full", EVENING, reuse_cards=False, history=tmp / "full-history.sqlite")
    return {"tmp": tmp, "first": first, "again": again, "full": full, "inputs": inputs}


def test_the_re_run_lays_out_only_the_changed_card(three_runs: dict[str, Any]) -> None:
    first, again, full = three_runs["first"], three_runs["again"], three_runs["full"]
    assert (first.cards_rendered, first.cards_reused) == (40, 0)
    assert (again.cards_rendered, again.cards_reused) == (1, 39)
    assert (full.cards_rendered, full.cards_reused) == (40, 0)
    changed = [b.agent_id for a, b in zip(first.result.agents, again.result.agents, strict=True) if a != b]
    assert changed == [FIXED_AGENT]
    [agent] = [a for a in again.result.agents if a.agent_id == FIXED_AGENT]
    assert agent.conclusion.value == "fail" and agent.veto_reasons


def _outline(reader: PdfReader, items: list[Any]) -> list[Any]:
    """The outline as (title, target page, children) triples."""
    out: list[Any] = []
    for item in items:
        if isinstance(item, list):
            out[-1] = (out[-1][0], out[-1][1], _outline(reader, item))
        else:
            out.append((item.title, reader.get_destination_page_number(item), []))
    return out


def _facts(path: Path) -> dict[str, Any]:
    reader = PdfReader(path)
    meta = reader.metadata
    return {
        "pages": len(reader.pages),
        "text": [page.extract_text() for page in reader.pages],
        "outline": _outline(reader, reader.outline),
        "title": meta.title if meta else None,
        "author": meta.author if meta else None,
        "boxes": [tuple(map(float, page.mediabox)) for page in reader.pages],
    }


def _pictures(path: Path, folder: Path) -> list[bytes]:
    """Each page of ``path`` as a PNG at 20 dpi (pdftoppm)."""
    folder.mkdir(parents=True)
    subprocess.run(["pdftoppm", "-r", "20", "-png", str(path), str(folder / "p")], check=True)
    return [p.read_bytes() for p in sorted(folder.glob("p*.png"))]


def same_pdfs(mine: Path, theirs: Path, pictures: Path, *, same_cards: bool) -> int:
    """Assert that the PDFs in the folders ``mine`` and ``theirs`` are the same: page count,
    each page's text (with its number "k / N"), outline (titles, nesting, target pages), title,
    author, page boxes and each page as a picture; the cards byte for byte when ``same_cards``.
    Return how many were compared."""
    names = sorted(p.name for p in mine.glob("*.pdf"))
    assert names == sorted(p.name for p in theirs.glob("*.pdf"))
    for number, name in enumerate(names):
        a, b = _facts(mine / name), _facts(theirs / name)
        assert a == b, name
        assert a["title"] and a["author"] == SHOP
        assert a["text"][-1].rstrip().endswith(f"{a['pages']} / {a['pages']}"), name
        assert _pictures(mine / name, pictures / f"a{number}") == _pictures(
            theirs / name, pictures / f"b{number}"
        ), name
        if same_cards and not name.startswith(("团队", "全店")):  # a card is the very same file
            assert (mine / name).read_bytes() == (theirs / name).read_bytes(), name
    return len(names)


def test_every_pdf_is_the_full_runs(three_runs: dict[str, Any]) -> None:
    tmp = three_runs["tmp"]
    mine = tmp / "out" / MONTH / "scorecards"
    assert same_pdfs(mine, tmp / "full" / MONTH / "scorecards", tmp / "png", same_cards=True) == 40 + 4 + 1
    shop = _facts(mine / f"全店_{MONTH}.pdf")
    assert shop["outline"][0][:2] == ("全店汇总", 0)
    assert sorted(entry[0] for entry in shop["outline"][1:]) == sorted(["一组", "二组", "三组", "四组"])
    assert [child[0] for entry in shop["outline"][1:] for child in entry[2]].count("团队汇总") == 4
    assert sum(len(entry[2]) for entry in shop["outline"][1:]) == 4 + 40
    team = _facts(mine / "团队_一组.pdf")
    assert team["outline"][0][:2] == ("团队汇总", 0)
    assert [entry[1] for entry in team["outline"][1:]] == list(range(1, team["pages"]))


def test_the_public_path_gives_the_full_runs_pdfs_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """WeasyPrint's own writer (accelerators off): its outline entries point into the page, and
    three changed cards of one team are laid out together and joined between old pages."""
    monkeypatch.setenv("CSREPORT_PDF_FAST", "0")
    month = generate_month(12, seed=5, groups=2, shop=SHOP)
    inputs = write_workbooks(month, tmp_path / "in")
    assert run(inputs, tmp_path / "out", MORNING, workers=1).cards_rendered == 12
    shutil.copy(tmp_path / "out" / "csreport-history.sqlite", tmp_path / "full-history.sqlite")
    changed = copy.deepcopy(month)
    changed.qa[21]["店铺风险"] = "是"  # KF003 vetoed: KF001 and KF002 move up a rank
    write_workbooks(changed, tmp_path / "in")
    again = run(inputs, tmp_path / "out", EVENING)
    assert (again.cards_rendered, again.cards_reused) == (3, 9)
    full = run(
        inputs, tmp_path / "full", EVENING, reuse_cards=False, history=tmp_path / "full-history.sqlite"
    )
    assert full.cards_rendered == 12
    mine, theirs = (tmp_path / folder / MONTH / "scorecards" for folder in ("out", "full"))
    assert same_pdfs(mine, theirs, tmp_path / "png", same_cards=False) == 12 + 2 + 1


def test_the_workbook_and_json_are_the_full_runs(three_runs: dict[str, Any]) -> None:
    tmp = three_runs["tmp"]
    mine, theirs = tmp / "out" / MONTH, tmp / "full" / MONTH
    book = results_workbook_name(MONTH)
    a, b = openpyxl.load_workbook(mine / book), openpyxl.load_workbook(theirs / book)
    assert a.sheetnames == b.sheetnames
    for sheet in a.sheetnames:
        assert list(a[sheet].iter_rows(values_only=True)) == list(b[sheet].iter_rows(values_only=True)), sheet
    data = results_json_name(MONTH)
    left = json.loads((mine / data).read_text(encoding="utf-8"))
    right = json.loads((theirs / data).read_text(encoding="utf-8"))
    assert left == right
    assert "2026-11-02T17:30:00" in (mine / data).read_text(encoding="utf-8")  # the JSON keeps the time


def test_the_cards_show_the_date_without_the_time(three_runs: dict[str, Any]) -> None:
    folder = three_runs["tmp"] / "out" / MONTH / "scorecards"
    [path] = folder.glob("KF001_*.pdf")
    reader = PdfReader(path)
    text = reader.pages[0].extract_text()
    assert "生成时间：2026-11-02" in text
    assert "09:00" not in text and "17:30" not in text
    assert reader.metadata is not None and reader.metadata["/CreationDate"] == "D:20261102"


def _index(out: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((out / CARD_CACHE_FOLDER / MONTH / INDEX_NAME).read_text("utf-8"))
    return result


def test_the_cache_holds_what_the_latest_run_used(three_runs: dict[str, Any]) -> None:
    out = three_runs["tmp"] / "out"
    index = _index(out)
    assert len(index["cards"]) == 40
    assert len(index["teams"]) == 4
    assert len(index["pages"]) == 5  # the cover and four team pages
    assert len(index["shops"]) == 1
    named = {*index["cards"].values(), *index["pages"].values(), *index["shops"].values()}
    for entry in index["teams"].values():
        named |= {entry["plain"], entry["numbered"]}
        assert sum(count for _, count in entry["parts"]) == len(
            PdfReader(out / CARD_CACHE_FOLDER / MONTH / STORE / f"{entry['plain']}.pdf").pages
        )
    stored = sorted(p.name for p in (out / CARD_CACHE_FOLDER / MONTH / STORE).iterdir())
    assert stored == sorted(f"{name}.pdf" for name in named)
    assert not (three_runs["tmp"] / "full" / CARD_CACHE_FOLDER).exists()  # reuse_cards=False


def test_the_cache_is_never_an_input_nor_a_month(three_runs: dict[str, Any]) -> None:
    out = three_runs["tmp"] / "out"
    assert list(iter_files([out])) == []
    assert [p.code for p in input_problems([out])] == []
    cache = out / CARD_CACHE_FOLDER
    suffixes = {p.suffix for p in cache.rglob("*") if p.is_file()}
    assert suffixes == {"", ".pdf"}  # nothing named like a workbook, a CSV or a results JSON
    months = sorted(p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith("."))
    assert months == [MONTH]
    with pytest.raises(CsreportError) as refused:  # nothing there is a past output either
        import_history(three_runs["tmp"] / "h.sqlite", [cache / MONTH, cache / MONTH / STORE])
    assert refused.value.code == "cycle.import.no_files"


# -- what makes the cache unused ---------------------------------------------------------------


@pytest.fixture
def small(tmp_path: Path) -> Iterator[tuple[list[Path], Path]]:
    """A 12-agent month in two teams run once (the cache filled)."""
    month = generate_month(12, seed=5, groups=2, shop=SHOP)
    inputs = write_workbooks(month, tmp_path / "in")
    report = run(inputs, tmp_path / "out", MORNING, workers=1)
    assert (report.cards_rendered, report.cards_reused) == (12, 0)
    yield inputs, tmp_path / "out"


def _cards(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / MONTH / "scorecards").glob("*.pdf"))}


def test_an_unchanged_re_run_lays_out_nothing(small: tuple[list[Path], Path]) -> None:
    inputs, out = small
    before = _cards(out)
    report = run(inputs, out, EVENING)
    assert (report.cards_rendered, report.cards_reused) == (0, 12)
    assert _cards(out) == before


def test_a_changed_template_lays_out_every_card(small: tuple[list[Path], Path], tmp_path: Path) -> None:
    inputs, out = small
    from csreport.outputs.pdf.templates import default_templates_dir

    templates = tmp_path / "templates"
    shutil.copytree(default_templates_dir(), templates)
    report = run(inputs, out, EVENING, templates=templates)
    assert (report.cards_rendered, report.cards_reused) == (0, 12)  # the same files: the same PDFs
    css = templates / "scorecard.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.kpis td { color: #111; }\n", encoding="utf-8")
    report = run(inputs, out, EVENING, templates=templates)
    assert (report.cards_rendered, report.cards_reused) == (12, 0)


def test_changed_branding_lays_out_every_card(small: tuple[list[Path], Path]) -> None:
    inputs, out = small
    report = run(inputs, out, EVENING, branding=Branding(company="花花公司"))
    assert (report.cards_rendered, report.cards_reused) == (12, 0)
    report = run(inputs, out, EVENING, branding=Branding(company="花花公司"))
    assert (report.cards_rendered, report.cards_reused) == (0, 12)
    report = run(inputs, out, EVENING, branding=Branding(company="花花公司", primary_color="#123456"))
    assert (report.cards_rendered, report.cards_reused) == (12, 0)


def test_another_shop_name_lays_out_every_card(small: tuple[list[Path], Path]) -> None:
    inputs, out = small
    report = run(inputs, out, EVENING, shop="另一个店")
    assert (report.cards_rendered, report.cards_reused) == (12, 0)


def test_the_same_day_reuses_and_another_day_lays_out_again(
    small: tuple[list[Path], Path], tmp_path: Path
) -> None:
    from csreport.outputs.pdf.scorecards import render_reports

    inputs, out = small
    month = run(inputs, out, EVENING).result
    assert month.meta.generated_at == "2026-11-02T09:00:00"  # unchanged inputs: the first run's time
    cache = tmp_path / "cache"
    paths = render_reports(month, tmp_path / "first", workers=1, cache_dir=cache)
    assert (paths.rendered, paths.reused) == (12, 0)
    later = dataclasses.replace(
        month, meta=dataclasses.replace(month.meta, generated_at="2026-11-02T23:59:59")
    )
    paths = render_reports(later, tmp_path / "later", workers=1, cache_dir=cache)
    assert (paths.rendered, paths.reused) == (0, 12)
    tomorrow = dataclasses.replace(
        month, meta=dataclasses.replace(month.meta, generated_at="2026-11-03T00:00:00")
    )
    paths = render_reports(tomorrow, tmp_path / "tomorrow", workers=1, cache_dir=cache)
    assert (paths.rendered, paths.reused) == (12, 0)
    assert "生成时间：2026-11-03" in PdfReader(paths.scorecards[0]).pages[0].extract_text()


def test_a_damaged_card_file_is_laid_out_again(small: tuple[list[Path], Path]) -> None:
    inputs, out = small
    before = _cards(out)
    index = _index(out)
    damaged = sorted(index["cards"].values())[3]
    stored = out / CARD_CACHE_FOLDER / MONTH / STORE / f"{damaged}.pdf"
    stored.write_bytes(stored.read_bytes()[:-100])
    report = run(inputs, out, EVENING)
    assert (report.cards_rendered, report.cards_reused) == (1, 11)
    after = _cards(out)
    assert sorted(after) == sorted(before)
    for name in before:
        if name.startswith(("团队", "全店")):  # joined again: the same pages, other bytes
            assert _facts_text(after[name]) == _facts_text(before[name]), name
        else:
            assert after[name] == before[name], name
    assert card_cache.CardCache.open(out / CARD_CACHE_FOLDER / MONTH).pdf(damaged) is not None  # mended


def test_a_card_edited_in_place_is_laid_out_again(small: tuple[list[Path], Path]) -> None:
    """A card taken from the cache is the cache's file under a second name where the file
    system allows: one edited in place afterwards no longer matches its name in the cache."""
    inputs, out = small
    before = _cards(out)
    run(inputs, out, EVENING)
    [card] = (out / MONTH / "scorecards").glob("KF002_*.pdf")
    with card.open("r+b") as edited:
        edited.seek(200)
        edited.write(b"%% signed by hand")
    report = run(inputs, out, EVENING)
    assert (report.cards_rendered, report.cards_reused) == (1, 11)
    assert _cards(out)[card.name] == before[card.name]


def test_a_damaged_team_file_lays_out_its_cards_again(small: tuple[list[Path], Path]) -> None:
    inputs, out = small
    before = _cards(out)
    index = _index(out)
    entries = sorted(index["teams"].values(), key=lambda e: len(e["parts"]))
    damaged = entries[0]
    stored = out / CARD_CACHE_FOLDER / MONTH / STORE / f"{damaged['plain']}.pdf"
    stored.write_bytes(b"%PDF-1.7 not what it was")
    report = run(inputs, out, EVENING)
    members = len(damaged["parts"]) - 1
    assert (report.cards_rendered, report.cards_reused) == (members, 12 - members)
    after = _cards(out)
    assert sorted(after) == sorted(before)
    for name in before:
        assert _facts_text(after[name]) == _facts_text(before[name]), name


def _facts_text(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.mark.parametrize("index_text", ["not json", '{"format": 0}', '{"format": 1, "cards": {"../x": "y"}}'])
def test_an_index_that_cannot_be_used_lays_out_everything(
    small: tuple[list[Path], Path], index_text: str
) -> None:
    inputs, out = small
    (out / CARD_CACHE_FOLDER / MONTH / INDEX_NAME).write_text(index_text, encoding="utf-8")
    report = run(inputs, out, EVENING)
    assert (report.cards_rendered, report.cards_reused) == (12, 0)
    assert len(_index(out)["cards"]) == 12


def test_another_csreport_version_lays_out_everything(
    small: tuple[list[Path], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, out = small
    monkeypatch.setattr(card_cache, "__version__", "99.0")
    report = run(inputs, out, EVENING)
    assert (report.cards_rendered, report.cards_reused) == (12, 0)


def test_a_failed_run_leaves_the_cache_as_it_was(small: tuple[list[Path], Path], tmp_path: Path) -> None:
    from csreport.outputs.pdf.scorecards import render_reports

    inputs, out = small
    index = (out / CARD_CACHE_FOLDER / MONTH / INDEX_NAME).read_bytes()
    report = run(inputs, tmp_path / "scratch", EVENING, reuse_cards=False)

    def fail() -> None:
        raise RuntimeError("the workbook could not be written")

    with pytest.raises(RuntimeError):
        render_reports(
            report.result,
            tmp_path / "cards",
            workers=1,
            meanwhile=fail,
            cache_dir=out / CARD_CACHE_FOLDER / MONTH,
            shop=True,
        )
    assert (out / CARD_CACHE_FOLDER / MONTH / INDEX_NAME).read_bytes() == index
    assert not list((out / CARD_CACHE_FOLDER).rglob("*.tmp"))


def test_without_a_cache_every_card_is_laid_out(tmp_path: Path) -> None:
    month = generate_month(8, seed=3, groups=2, shop=SHOP)
    inputs = write_workbooks(month, tmp_path / "in")
    for _ in range(2):
        report = run(inputs, tmp_path / "out", MORNING, reuse_cards=False, workers=1)
        assert (report.cards_rendered, report.cards_reused) == (8, 0)
    assert not (tmp_path / "out" / CARD_CACHE_FOLDER).exists()


def test_the_keys_markup_is_what_the_renderer_lays_out() -> None:
    from csreport.outputs.pdf.context import CardExtras
    from csreport.outputs.pdf.renderer import Markup
    from tests.factories import sample_month

    month = sample_month()
    markup = Markup()
    extras = CardExtras(None, ("A", "B"))
    for agent in month.agents:
        assert markup.card_sections(agent, month.meta, extras) == (
            markup.card_section(0, agent, month.meta, extras=extras),
            markup.card_section(0, agent, month.meta, compact=True, extras=extras),
        )


def test_the_summary_pages_show_the_date_without_the_time() -> None:
    from csreport.outputs.pdf.summaries import shop_context, team_context, teams_of
    from tests.factories import sample_month

    month = sample_month()  # made 2026-11-01T09:00:00
    cover = shop_context(month, "zh")
    assert cover["generated_at"] == "2026-11-01"
    assert cover["footer_left"] == "考核规则：标准考核 (1a2b3c4d) · 生成时间：2026-11-01"
    team = team_context(month, teams_of(month)[0], "en")
    assert team["footer_left"] == "Rules: 标准考核 (1a2b3c4d) · Generated: 2026-11-01"


def _echo(items: list[str]) -> list[str]:
    return items


def test_work_is_handed_out_as_it_is_when_handed_out() -> None:
    """The arguments of a task are pickled when it is handed out, not later in the pool's own
    thread while the run goes on using (and a ``Trends`` filling its index in) them."""
    from csreport.outputs.pdf.pool import _plain, hand_out, start_workers
    from csreport.outputs.pdf.templates import default_templates_dir

    workers = start_workers(1, templates_dir=default_templates_dir(), lang="zh", branding=None)
    with workers.pool as pool:
        items = ["KF001"]
        future = hand_out(pool, _plain, _echo, items)
        items.append("KF002")  # at once: the pool's thread has not sent the task yet
        assert future.result() == ("ok", ["KF001"])
