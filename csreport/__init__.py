"""csreport: customer-service assessment from managers' workbooks."""

__version__ = "0.1.0"
