"""Inter-rater agreement statistics for QA calibration (pure; numpy and scipy only).

Each function takes plain arrays: ``ratings`` is units (chats) x raters (reviewers) with NaN
where a reviewer did not score a chat. Every statistic follows its published definition:
Krippendorff (2011) "Computing Krippendorff's Alpha-Reliability", Cohen (1960), Fleiss (1971),
and Shrout & Fleiss (1979) / McGraw & Wong (1996) for ICC(2,1) and its confidence interval.
"""

from __future__ import annotations
