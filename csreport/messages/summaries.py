"""The PDFs' team summary pages and the shop cover: who failed, who lacks data, who needs checking."""

TEXT: dict[str, tuple[str, str]] = {}
