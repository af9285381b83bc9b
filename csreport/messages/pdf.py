"""The PDF engine and renderer."""

TEXT: dict[str, tuple[str, str]] = {
    "pdf.card_not_laid_out": ("有成绩单没有排出版面（是否被模板样式隐藏了？）",
                              "a scorecard was not laid out (hidden by the template's stylesheet?)"),
}
