"""What the app shows and how it runs, declared as data (kotaemon-style), so a label or a limit changes here only."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class UIConfig:
    title: str = "paperchat"
    tagline: str = "Ask questions of research-paper abstracts; every claim is cited to the sentence it rests on."
    # Events served at once per event listener; retrieval is CPU-bound, so a few keep the app responsive
    # without oversubscribing a small machine.
    concurrency_limit: int = 4
    # The parsers' own limit is 200 MiB; the upload limit matches it so the parser's message is the one users see.
    max_file_size: str = "200mb"
    chat_height: int = 470  # px; with the question box, buttons and exports it fits a 900 px high window
    sources_max_height: int = 640  # px; the sources panel scrolls inside this height
    examples: tuple[str, ...] = (
        "How does ECON differ from ICON?",
        "Which papers use the SMPL-X body model?",
        "Which face generation model is conditioned only on an identity embedding?",
        "Which papers do virtual try-on with diffusion models?",
    )
    upload_formats: tuple[str, ...] = (".jsonl", ".json", ".csv", ".bib", ".ris", ".txt")
    library_headers: tuple[str, ...] = ("Title", "Authors", "Year", "Method", "Links")


@dataclass(frozen=True)
class Tab:
    id: str
    label: str


TABS: tuple[Tab, ...] = (
    Tab("chat", "Chat"),
    Tab("library", "Library"),
    Tab("compare", "Compare"),
    Tab("settings", "Settings"),
)

LABELS: dict[str, str] = {
    "question": "Question",
    "question_placeholder": "Ask about the papers, e.g. “Which papers reconstruct clothed humans from one photo?”",
    "ask": "Ask",
    "stop": "Stop",
    "clear": "New chat",
    "examples": "Examples",
    "drafting": "Draft: each sentence is checked against the cited abstracts when the answer is complete; "
    "unsupported sentences and citations are then removed, and the whole draft if the sources turn out not to "
    "answer the question.",
    "sources_empty": "Sources of the answer appear here: one card per cited paper, with the evidence highlighted.",
    "search": "Search the library",
    "search_placeholder": "title, method name, author or a word of the abstract; Enter opens the first match",
    "detail_empty": "Select a paper in the table to see its abstract and links.",
    "ask_about": "Ask about this paper",
    "upload": "Add papers (JSONL, CSV, BibTeX or corpus text)",
    "compare_pick": "Papers to compare (2 or 3)",
    "compare": "Compare",
    "compare_topic": "Compare on (optional)",
    "compare_topic_placeholder": "a row of your own, e.g. “needs a body model” or “training data”; Enter compares",
    "compare_empty": "Pick 2 or 3 papers, then press Compare: each cell quotes the abstract it comes from.",
    "backend": "Answer backend",
    "settings": "Current settings (secrets are never shown)",
    "chat_placeholder": "**Ask about the papers.** Every claim in an answer is cited to the abstract sentence it "
    "rests on. With the local model an answer takes about half a minute to a minute on a CPU; "
    "the extractive backend (Settings) answers at once.",
    "stopped": "Stopped: that answer was not kept. Your question is back in the box.",
    "edit_only_last": "Only the last question can be edited and sent again; ask a new question instead.",
    "new_chat_saved": "New chat. “{title}” is saved in the history on the left.",
    "history": "Conversations",
    "history_empty": "No saved conversations yet: each answered question is saved here.",
    "history_no_match": "No conversation matches the search.",
    "history_search": "Search conversations",
    "manage": "Rename or delete",
    "rename_label": "Name of the open conversation",
    "rename": "Rename",
    "delete": "Delete",
    "deleted": "Deleted “{title}”.",
    "nothing_open": "No saved conversation is open: ask a question or pick one in the history.",
    "not_found": "That conversation no longer exists (deleted in another window?).",
    "copy": "Copy answer (Markdown)",
    "download_answer": "Download answer (.md)",
    "download_conversation": "Download conversation (.md)",
    "download_bibtex": "Cited papers (.bib)",
    "download_ris": "Cited papers (.ris)",
    "delete_paper": "Delete paper",
    "confirm_delete_paper": "Yes, delete it",
    "cancel": "Cancel",
    "delete_paper_warning": "Delete this paper from the library? Its abstract and index entries are removed; "
    "upload it again to bring it back.",
    "paper_deleted": "Deleted “{title}” and its index entries from the library.",
    "paper_gone": "That paper is no longer in the library; select another.",
    "login": "paperchat: sign in to see your own conversations.",
    "settings_intro": "These settings apply to this app for every user and are saved in the data folder; "
    "they take precedence over the PAPERCHAT_* environment variables the app was started with.",
    "backend_info": "local: the bundled model on this computer (private; slow on a CPU) · openai: the "
    "OpenAI-compatible endpoint below · extractive: quotes the evidence sentences, no model, instant.",
    "local_model": "Local model",
    "local_model_info": "1.5b writes better answers and can refuse unanswerable questions; 0.5b is about twice as fast.",
    "base_url": "Endpoint URL",
    "base_url_info": "For the openai backend: any OpenAI-compatible /v1 URL. Blank: OPENAI_BASE_URL, else api.openai.com.",
    "remote_model": "Remote model name",
    "remote_model_info": "The model to ask at that endpoint, e.g. gpt-4o-mini. Blank: PAPERCHAT_MODEL.",
    "api_key": "API key",
    "api_key_info": "Type a key to replace the saved one; blank keeps it. Saved in a file only you can read, never shown.",
    "forget_key": "Remove the saved key",
    "top_k": "Retrieved papers listed",
    "top_k_info": "How many retrieved papers each answer lists (its sources first, then “other retrieved”).",
    "save_settings": "Save settings",
    "settings_saved": "Saved. New answers use these settings.",
}

CONFIG = UIConfig()
