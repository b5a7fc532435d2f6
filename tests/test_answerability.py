"""The refusal rules that run before any model: what a question asks to be measured, on the real corpus."""

from __future__ import annotations

from rag.answerability import asked_measures
from rag.engine import Engine


def test_metric_names_that_are_english_words_count_only_in_capitals() -> None:
    assert asked_measures("How could I turn a kid's stick-figure sketch into a 3D character?") == []
    assert asked_measures("Which papers predict a depth map from one image?") == []
    assert asked_measures("What KID does PhotoVerse report?")
    assert asked_measures("What mAP does the detector reach?")
    assert asked_measures("what lpips does it report?")  # not an English word: any case


def test_a_childs_drawing_question_is_answered_from_drawingspinup(corpus_engine: Engine) -> None:
    plan = corpus_engine.plan("How could I turn a kid's stick-figure sketch into a 3D character that spins and dances?")
    assert not plan.refused, plan.refusal_reason
    assert plan.selected[0].paper.title.startswith("DrawingSpinUp")
