"""Regions (county → township → village), responsible units and project series."""
