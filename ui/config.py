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
    chat_height: int = 560
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
    "unsupported sentences and citations are then removed.",
    "sources_empty": "Sources of the answer appear here: one card per cited paper, with the evidence highlighted.",
    "search": "Search the library",
    "search_placeholder": "title, method name, author or a word of the abstract",
    "detail_empty": "Select a paper in the table to see its abstract and links.",
    "ask_about": "Ask about this paper",
    "upload": "Add papers (JSONL, CSV, BibTeX or corpus text)",
    "compare_pick": "Papers to compare (2 or 3)",
    "compare": "Compare",
    "compare_empty": "Pick 2 or 3 papers, then press Compare: each cell quotes the abstract it comes from.",
    "backend": "Answer backend for this browser session",
    "settings": "Current settings (secrets are never shown)",
}

CONFIG = UIConfig()
