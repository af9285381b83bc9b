"""The rules as an Excel workbook: its layout, reading it back, and export/import."""
