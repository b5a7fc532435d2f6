"""The prompt templates, one plain-text file per prompt, shipped as package data and read by name
through importlib.resources (`rag.prompts.load`), so an installed paperchat finds them too."""
