"""The 团队 sheet: teams compared like with like, rates with their base."""

TEXT: dict[str, tuple[str, str]] = {}
