"""The KPI rows' small SVG bars: proportions, states, colours, and how they reach the PDF."""

from __future__ import annotations

from xml.etree import ElementTree

from hypothesis import given
from hypothesis import strategies as st

from csreport.outputs.pdf.context import scorecard_context
from csreport.outputs.pdf.svg import COLORS, kpi_mini_bar
from tests.factories import kpi, sample_month

SVG = "{http://www.w3.org/2000/svg}"


def rects(markup: str) -> list[dict[str, str]]:
    """The bar's rectangles' attributes, in drawing order."""
    root = ElementTree.fromstring(markup)
    assert root.tag == f"{SVG}svg"
    return [dict(r.attrib) for r in root.iter(f"{SVG}rect")]


def test_filled_share_of_the_track() -> None:
    track, fill = rects(kpi_mini_bar(kpi("a", "回复率", 20, 0.97, 15), bar_color="#abcdef"))
    assert (track["width"], track["fill"]) == ("100", COLORS["track"])
    assert (fill["width"], fill["fill"]) == ("75", "#abcdef")


def test_veto_is_a_red_track_without_fill() -> None:
    [track] = rects(kpi_mini_bar(kpi("a", "均响", 15, 120, 0, veto="超过 100 秒")))
    assert track["fill"] == COLORS["veto"]


def test_missing_and_zero_points_have_no_fill() -> None:
    assert len(rects(kpi_mini_bar(kpi("a", "差错", 30, None, None, missing="没有抽查")))) == 1
    assert len(rects(kpi_mini_bar(kpi("a", "差错", 30, 3, 0)))) == 1


@given(points=st.floats(-50, 500), most=st.floats(0, 100))
def test_fill_never_leaves_the_track(points: float, most: float) -> None:
    markup = kpi_mini_bar(kpi("a", "x", most, 1, points))
    if most == 0:  # a deduction or bonus without a maximum of its own: no scale to draw
        assert markup == ""
        return
    bars = rects(markup)
    assert all(0 <= float(r["width"]) <= 100 for r in bars)
    if len(bars) == 2:
        assert points > 0 and most > 0


def test_no_bar_without_a_maximum_unless_vetoed() -> None:
    assert kpi_mini_bar(kpi("late", "迟到早退扣分", 0, 3, -3, unit="count")) == ""
    assert kpi_mini_bar(kpi("bonus", "加分", 0, 2, 2, unit="count")) == ""
    [track] = rects(kpi_mini_bar(kpi("late", "迟到早退扣分", 0, 9, 0, unit="count", veto="旷工")))
    assert track["fill"] == COLORS["veto"]


def test_hostile_colour_cannot_break_out_of_the_attribute() -> None:
    markup = kpi_mini_bar(kpi("a", "x", 10, 1, 5), bar_color='"/><script>x</script>')
    assert "<script>" not in markup
    ElementTree.fromstring(markup)


def test_context_gives_each_kpi_a_bar_in_the_accent_colour() -> None:
    month = sample_month()
    brand = {"company": "", "logo_url": "", "primary_color": "#111111", "accent_color": "#00aa55"}
    ctx = scorecard_context(month.agents[0], month.meta, "zh", branding=brand)
    assert len(ctx["kpis"]) == len(month.agents[0].kpis)
    filled = [k for k in ctx["kpis"] if k["state"] == "ok" and k["share"] > 0]
    assert filled and all('fill="#00aa55"' in k["bar_svg"] for k in filled)
