"""Accounts, roles, sessions, CSRF and login throttling."""
