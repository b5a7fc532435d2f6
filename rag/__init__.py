"""paperchat: a cited question-answering assistant over research-paper abstracts."""

from rag.offline import apply_offline_env

apply_offline_env()

__version__ = "0.1.0"
