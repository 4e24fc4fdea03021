"""The office's dashboard (charts) and map of projects: figures as SQL aggregates."""
