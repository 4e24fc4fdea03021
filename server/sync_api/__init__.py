"""HTTP for the sync protocol (push and pull); the logic lives in ``sync/``."""
