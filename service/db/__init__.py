"""Persistence: the data model, the engine configuration and migrations."""
