"""Parsing, chunking and storing papers."""

from rag.offline import apply_offline_env

apply_offline_env()
