"""The assessment cycle's memory: every month csreport scored, in one SQLite file.

``model`` holds the records (plain data, what the rest of csreport reads); ``store`` opens,
checks and writes the database; ``convert`` turns a scored month into records. Trends and
the half-year review are computed from the records by ``csreport.scoring``; nothing here
scores or renders.
"""
