"""A watcher asked to print with a browser (``--pdf-engine browser``) on a computer without one:
the ledger keeps why in both languages, whichever the watcher speaks, so the processing log and the
console say it in the reader's language."""

from __future__ import annotations

from pathlib import Path

import pytest

from csreport.history.ledger import NO_PDF, Ledger
from csreport.history.store import History
from csreport.messages import Bilingual
from csreport.office.watch import Watch, WatchOptions
from csreport.reports import ExitCode, RunOptions
from tests.pdf_engine_fixtures import no_browser_anywhere, no_other_browser, weasyprint_cannot_load  # noqa: F401

SAMPLES = Path(__file__).resolve().parents[1] / "sample_workbooks"
REASON = Bilingual(
    "PDF 引擎无法使用：没有找到 Microsoft Edge、Google Chrome 或 Chromium 浏览器（浏览器不在常见位置时，"
    "可把环境变量 CSREPORT_BROWSER 设为它的程序路径）",
    "the PDF engine cannot be used: no Microsoft Edge, Google Chrome or Chromium browser was found (one "
    "that is somewhere else can be named by its program's path in the environment variable "
    "CSREPORT_BROWSER)",
)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_why_no_pdf_is_kept_in_both_languages(
    tmp_path: Path, no_weasyprint: None, no_browser: Path, lang: str
) -> None:
    out = tmp_path / "out"
    said: list[str] = []
    options = RunOptions(out, lang=lang, shop="测试店", pdf_engine="browser", workers=1)
    code = Watch(WatchOptions(SAMPLES, options, settle=0), said.append).run(once=True)
    assert code == ExitCode.NO_PDF, said
    with History.open(out / "csreport-history.sqlite", create=False) as store:
        (entry,) = Ledger(store, str(SAMPLES), str(out.resolve())).entries()
    assert (entry.month, entry.result, entry.reason) == ("2026-10", NO_PDF, REASON)
    # The console, in the watcher's language.
    assert (
        said[-1]
        == {
            "zh": f"失败：2026-10 未生成 PDF（{REASON.zh}）；运行 csreport doctor 查看原因",
            "en": f"Failed: 2026-10: no PDF was made ({REASON.en}); see csreport doctor for why",
        }[lang]
    )
