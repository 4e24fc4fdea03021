"""The sync protocol (push/pull, mutations, reconciliation), framework-free.

Built in the sync issue; this package must never import Flask.
"""
