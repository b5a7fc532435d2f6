"""The Gradio app (`paperchat serve`): chat with cited sources, library, compare, settings."""
