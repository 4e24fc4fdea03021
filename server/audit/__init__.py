"""The tamper-evident audit trail (审计链): ledger events hashed into per-county chains."""
