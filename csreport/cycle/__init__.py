"""The assessment cycle's commands: what a run remembers, closing months, listing and importing
history, interviews and the half-year 级别 review. Orchestration only, like ``csreport.api``:
each step is a call into the layer that owns it (history, rules, scoring, outputs)."""
