"""QA commands: drawing the month's sample of chats to score (sample) and measuring whether the
reviewers agree (calibrate). Orchestration only: reading, statistics and writing live below."""
