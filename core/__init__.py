"""The foundation every package builds on: the declarative base and column types (no Flask,
no domain)."""
