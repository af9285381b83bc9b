"""Which WeasyPrint versions the fast paths were checked against.

``pdf_writer`` (painting once) and ``pdf_batch.xml_document`` (skipping the HTML5
parser) use WeasyPrint internals that are not part of its API. They are used only
with a version listed here; any other version gets WeasyPrint's public API, slower
but correct.
"""

from __future__ import annotations

TESTED_MAJOR = ("70",)


def internals_tested() -> bool:
    """Whether the installed WeasyPrint is one the fast paths were tested with."""
    import weasyprint

    return weasyprint.__version__.split(".")[0] in TESTED_MAJOR
