"""The supervision office's review of submitted inspections: a queue, approve, return."""
