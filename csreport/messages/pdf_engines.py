"""Messages: choosing the PDF engine (WeasyPrint, a browser, HTML cards) and doctor on it."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "help.pdf_engine": (
        "生成 PDF 的方式：auto（默认：能用 WeasyPrint 就用，否则用电脑上的 Edge/Chrome 浏览器，"
        "都没有时生成可在浏览器中打印的 HTML 成绩单）、weasyprint、browser",
        "how PDFs are made: auto (default: WeasyPrint when it loads, else an Edge/Chrome browser "
        "on this computer, else HTML scorecards to print from a browser), weasyprint, browser.",
    ),
}
