"""The compare table over the bundled corpus (real MiniLM, real Chroma): each row holds the sentence that
states it for that paper, or nothing; the picker and the library search put the named paper first."""

from __future__ import annotations

from typing import Any

from rag.compare import compare_papers, topic_row
from ui import compare_view, render

NAMES = ("ECON", "ICON", "TeCH")


def papers_named(engine: Any) -> list[Any]:
    by_name = {p.name: p for p in engine.papers() if p.name}
    return [by_name[name] for name in NAMES]


def test_rows_hold_the_sentence_that_states_them_or_nothing(corpus_engine: Any) -> None:
    papers = papers_named(corpus_engine)
    table = compare_papers(papers, corpus_engine.retriever, "  needs a   body model ")
    topic = topic_row("needs a body model")
    assert table.aspects == ["task", "key idea", "data", "results", topic]
    econ, icon, tech = 0, 1, 2
    assert "far from perfect" not in table.cells["task"][econ]
    assert "creation of detailed, clothed, 3D humans" in table.cells["task"][econ]
    assert "our goal is to learn an avatar" in table.cells["task"][icon]
    assert "Renderpeople" in table.cells["data"][econ] and "AGORA" in table.cells["data"][icon]
    assert table.cells["data"][tech] == ""  # TeCH's abstract names no data set: not stated, not an outperforms line
    assert "outperforms" in table.cells["results"][tech]
    assert "optimized through" not in table.cells["results"][tech]
    assert "SMPL(-X) body model" in table.cells[topic][icon] and table.cells[topic][tech] == ""
    # Every filled cell knows which sentence it is, so its [n] can lead there.
    for row in table.aspects:
        for position, (text, index) in enumerate(zip(table.cells[row], table.sentence_index[row], strict=True)):
            assert (index == -1) == (text == "")
            if text:
                assert table.sentences[position][index] == text
    html = render.compare_html(table)
    assert 'href="#cmp-2-7"' in html and 'id="cmp-2-7"' in html  # ICON's body-model sentence, linked to itself


def test_the_picker_and_the_library_search_list_the_named_paper_first(corpus_engine: Any) -> None:
    papers = corpus_engine.papers()
    for name in NAMES:
        assert compare_view.ranked_choices(papers, name)[0][0].startswith(f"{name}:")
        assert compare_view.ranked_choices(papers, name.lower())[0][0].startswith(f"{name}:")
        assert render.search_papers(papers, name)[0].title.startswith(f"{name}:")
    assert [label for label, _ in compare_view.ranked_choices(papers, "")] == sorted(
        (p.title for p in papers), key=str.casefold
    )


def test_a_comparison_of_four_named_papers_answers_from_all_four(corpus_engine: Any) -> None:
    """"How do InstantID, ConsistentID, StableIdentity and PhotoVerse differ?" answered from the first three it named
    (a comparison took at most 3); it now takes every paper it names, up to `max_cited`."""
    plan = corpus_engine.plan("How do InstantID, ConsistentID, StableIdentity and PhotoVerse differ?")
    assert plan.kind == "compare"
    assert {r.paper.name for r in plan.selected} == {"InstantID", "ConsistentID", "StableIdentity", "PhotoVerse"}
