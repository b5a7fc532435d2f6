"""Markdown exports: one numbered reference list across a conversation, markers renumbered to it."""

from __future__ import annotations

from rag.answer import Answer, Citation
from rag.papers import Link, Paper
from ui.exports import answer_markdown, cited_papers, conversation_markdown, export_name, renumbered

ECON = Paper("p-econ", "ECON: Explicit Clothed humans", "ECON does X.", (Link("https://econ.example/", "project"),),
             authors=("Yuliang Xiu", "Jinlong Yang"), year=2023)
ICON = Paper("p-icon", "ICON: Implicit Clothed humans", "ICON does Y.")
TECH = Paper("p-tech", "TeCH: Text-guided Reconstruction", "TeCH does Z.")


def cite(n: int, paper: Paper, evidence: str) -> Citation:
    return Citation(n, paper.paper_id, paper.title, paper.url, evidence)


def test_conversation_markdown_numbers_each_paper_once() -> None:
    first = Answer("How does ECON differ from ICON?", "ECON is explicit [1], ICON implicit [2].", False, "local",
                   [cite(1, ECON, "ECON does X."), cite(2, ICON, "ICON does Y.")])
    second = Answer("And TeCH?", "TeCH uses text [1], unlike ECON [2][1, 2].", False, "local",
                    [cite(1, TECH, "TeCH does Z."), cite(2, ECON, "ECON does X.")])
    papers = {p.paper_id: p for p in (ECON, ICON, TECH)}
    text = conversation_markdown([(first, papers), (second, papers)], "ECON vs ICON")

    assert text.startswith("# ECON vs ICON\n")
    assert "## 1. How does ECON differ from ICON?" in text and "## 2. And TeCH?" in text
    assert "ECON is explicit [1], ICON implicit [2]." in text
    assert "TeCH uses text [3], unlike ECON [1][3][1]." in text  # the second answer's numbers follow the list
    references = text.split("## References\n", 1)[1]
    assert "1. ECON: Explicit Clothed humans. Yuliang Xiu, Jinlong Yang. 2023. <https://econ.example/>" in references
    assert "2. ICON: Implicit Clothed humans." in references
    assert "3. TeCH: Text-guided Reconstruction." in references
    assert "   > ECON does X." in references
    assert "<a " not in text and "&#x27;" not in text  # Markdown, not the chat's HTML
    assert [p.paper_id for p in cited_papers([(first, papers), (second, papers)])] == ["p-econ", "p-icon", "p-tech"]


def test_single_answer_refusal_and_names() -> None:
    refused = Answer("What is the capital of France?", "The papers do not say.", True, "extractive")
    text = answer_markdown(refused, {})
    assert "_Not answered:" in text and "_No paper was cited._" in text
    assert renumbered("see [4] and [1]", {1: 7}) == "see [4] and [7]"  # an uncited number is left as written
    assert export_name("How does ECON differ from ICON?") == "how-does-econ-differ-from-icon.md"
    assert export_name("???") == "paperchat.md"
