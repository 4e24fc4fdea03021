"""Deputies' problem reports (代表反映)."""
