"""Demo data built from the two real reports in shared/domain."""
