"""The ledger (台账) as spreadsheets: read what offices send, write the template and exports.

Pure: no Flask, no database. Money is whole yuan in ``LedgerRow`` and 万元 in the files.
"""

from server.projects.ledger.export import export_ledger, ledger_row_as_mapping
from server.projects.ledger.model import LEDGER_COLUMNS, LedgerRow, ParseResult, RowError
from server.projects.ledger.parse import parse_ledger
from server.projects.ledger.template import build_template

__all__ = [
    "LEDGER_COLUMNS",
    "LedgerRow",
    "ParseResult",
    "RowError",
    "build_template",
    "export_ledger",
    "ledger_row_as_mapping",
    "parse_ledger",
]
