"""督查通报: a period's figures computed from the ledger, as JSON, XLSX and PDF."""
