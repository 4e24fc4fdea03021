"""Problems (问题, ``Issue``) and their append-only event log."""
