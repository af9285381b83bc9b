"""Branding from a config: company name, logo file and colours, all validated."""

from __future__ import annotations

import dataclasses
import io
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from csreport.outputs.pdf.branding import hex_color
from csreport.outputs.pdf.scorecards import Branding, ScorecardRenderer, render_reports
from csreport.problems import CsreportError
from tests.factories import sample_month
from tests.weasy_logs import both_pdf_paths, renderer_path, written_on  # noqa: F401


def logo_file(tmp_path: Path) -> Path:
    """A small PNG logo outside any templates folder."""
    from PIL import Image

    path = tmp_path / "config" / "logo.png"
    path.parent.mkdir()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(path)
    return path


def image_xobjects(path: Path) -> list[str]:
    """Subtypes of every XObject on the first page."""
    page = PdfReader(path).pages[0]
    resources: Any = page["/Resources"]
    xobjects = resources.get("/XObject") or {}
    return [str(xobjects[n].get_object().get("/Subtype")) for n in xobjects]


def page_content(reader: PdfReader) -> bytes:
    """The first page's content stream."""
    contents = reader.pages[0].get_contents()
    assert contents is not None
    return contents.get_data()


def test_logo_company_and_colours_reach_every_pdf(tmp_path: Path, pdf_path: str) -> None:
    brand = Branding(
        company="示例电商有限公司", logo=logo_file(tmp_path), primary_color="#AA0000", accent_color="#00aa00"
    )
    month = dataclasses.replace(sample_month(), agents=sample_month().agents[:2])
    paths = render_reports(month, tmp_path / "out", workers=1, branding=brand)
    assert written_on(paths.scorecards[0]) == pdf_path
    for path in (paths.scorecards[0], next(iter(paths.teams.values())), paths.shop):
        assert path is not None
        assert "/Image" in image_xobjects(path), path.name
        text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(path).pages))
        assert "示例电商有限公司" in text and "测试旗舰店" in text
    content = page_content(PdfReader(paths.scorecards[0]))
    assert b"0.666667 0 0 rg" in content or b".666667 0 0 rg" in content  # #aa0000


def test_fetcher_serves_the_logo_and_nothing_beside_it(tmp_path: Path) -> None:
    logo = logo_file(tmp_path)
    (logo.parent / "secret.png").write_bytes(logo.read_bytes())
    renderer = ScorecardRenderer(branding=Branding(logo=logo))
    assert renderer.fetcher.fetch(logo.as_uri()) is not None
    with pytest.raises(ValueError):
        renderer.fetcher.fetch((logo.parent / "secret.png").as_uri())
    with pytest.raises(ValueError):
        renderer.fetcher.fetch((logo.parent / "logo.png/../secret.png").as_uri())


@pytest.mark.parametrize(
    "colour",
    [
        "red",
        "#12345",
        "#1234567",
        "rgb(0,0,0)",
        "#fff; } body { display: none",
        "#ffffff}",
        "#fff\n",
        "",
        "＃123456",
        "#ggg",
        None,
        0x123456,
    ],
)
def test_invalid_colours_are_refused(colour: object) -> None:
    if colour == "#fff\n":
        assert hex_color("primary_color", colour) == "#fff"  # surrounding space is trimmed
        return
    with pytest.raises(CsreportError) as info:
        Branding(primary_color=colour).validated()  # type: ignore[arg-type]
    assert info.value.code == "branding.invalid"
    assert info.value.params["field"] == "primary_color"


@given(st.text(max_size=20))
def test_only_hex_colours_ever_reach_css(text: str) -> None:
    try:
        css = Branding(accent_color=text).validated().css()
    except CsreportError:
        return
    assert re.fullmatch(r":root \{ --primary: #1f4e79; --accent: #[0-9a-f]{3,8}; \}", css)


def test_invalid_colour_fails_before_any_pdf(tmp_path: Path) -> None:
    with pytest.raises(CsreportError) as info:
        render_reports(sample_month(), tmp_path, branding=Branding(accent_color="blue"))
    assert info.value.code == "branding.invalid"
    assert not tmp_path.exists() or list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("missing.png", None, "cannot read"),
        ("logo.txt", b"not an image", "not an image"),
    ],
)
def test_bad_logo_is_refused(tmp_path: Path, name: str, data: bytes | None, reason: str) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(CsreportError) as info:
        Branding(logo=path).validated()
    assert info.value.code == "branding.invalid" and reason in info.value.params["reason"].en


def test_company_name_is_text_not_markup(tmp_path: Path, pdf_path: str) -> None:
    brand = Branding(company='<img src="file:///etc/passwd"> & Co')
    renderer = ScorecardRenderer(branding=brand)
    assert renderer_path(renderer) == pdf_path
    month = sample_month()
    data = renderer.pdf_bytes(month.agents[0], month.meta)
    (tmp_path / "c.pdf").write_bytes(data)
    text = PdfReader(tmp_path / "c.pdf").pages[0].extract_text()
    assert '<img src="file:///etc/passwd"> & Co' in text
    assert "/Image" not in image_xobjects(tmp_path / "c.pdf")
    assert all(u.startswith(renderer.templates_dir.as_uri()) for u in renderer.fetcher.requested)


def test_default_colours_without_branding(pdf_path: str) -> None:
    month = sample_month()
    data = ScorecardRenderer().pdf_bytes(month.agents[0], month.meta)
    assert written_on(data) == pdf_path
    reader = PdfReader(io.BytesIO(data))
    content = page_content(reader)
    assert b"0.121569 0.305882 0.47451 rg" in content  # --primary: #1f4e79


def test_invalid_branding_is_one_catalogue_line(tmp_path: Path) -> None:
    with pytest.raises(CsreportError) as info:
        Branding(logo=tmp_path / "missing.png").validated()
    zh, en = info.value.message("zh"), info.value.message("en")
    assert zh.startswith(f"设置文件中的 logo「{tmp_path / 'missing.png'}」无法使用：")
    assert zh.endswith("请修改设置文件（csreport.yaml）后重试。")
    assert en.startswith(f"The setting logo '{tmp_path / 'missing.png'}' cannot be used: ")
    assert "{" not in zh + en and "reason_zh" not in zh + en
