"""Inspections (督查/检查), checklist templates (检查表) and answers."""
