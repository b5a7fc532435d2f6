"""The extractive answer quotes abstracts; their own reference markers must not pass for citations."""

from __future__ import annotations

import json
import re
from pathlib import Path

from ingest.pipeline import ingest_into
from rag.engine import Engine
from rag.extractive import quote
from rag.plan import Conversation
from rag.settings import Settings
from tests.test_ingest import write_jsonl


def test_quote_rewrites_bracketed_reference_numbers_only() -> None:
    text = "As in prior work [12], [3, 4] and [5-7], we keep [a] and [CLS]."
    assert quote(text) == "As in prior work (ref. 12), (ref. 3, 4) and (ref. 5-7), we keep [a] and [CLS]."


def test_every_marker_in_an_extractive_answer_is_one_of_its_citations(settings: Settings, tmp_path: Path) -> None:
    abstract = (
        "Gaussian avatars from monocular video have been studied before [12, 13]. "
        "We propose SplatHead, which animates a Gaussian head avatar from a single video in real time [4]. "
        "SplatHead outperforms prior methods [7] on two benchmarks."
    )
    engine = Engine.from_settings(settings)
    ingest_into(engine, [write_jsonl(tmp_path / "refs.jsonl", [{"title": "SplatHead: Gaussian Head Avatars", "abstract": abstract}])])
    answer = engine.ask("How does SplatHead animate a Gaussian head avatar?", backend="extractive")
    assert not answer.refused and answer.citations
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers == {c.n for c in answer.citations} == {1}
    assert "(ref. 4)" in answer.answer


def test_an_extractive_answer_quotes_what_each_paper_does_not_what_it_says_of_earlier_work(corpus_engine: Engine) -> None:
    """Portrait3D's abstract opens "Previous text-based methods for generating 3D heads were limited by text
    descriptions …": quoted under "Portrait3D:" in a list on text-to-3D heads, it read as what Portrait3D does."""
    from rag.support import earlier_work
    from rag.text import split_sentences

    answer = corpus_engine.ask("Overview of methods for 3D head generation from text?", backend="extractive")
    assert not answer.refused and len(answer.citations) >= 3
    assert any(c.title.startswith("Portrait3D") for c in answer.citations)
    earlier = {s for p in corpus_engine.store.iter_papers() for s in earlier_work(split_sentences(p.abstract))}
    quoted = [e for s in answer.sentences for e in s.evidence]
    assert quoted and not earlier & set(quoted), earlier & set(quoted)


def test_a_refusal_about_a_named_paper_says_what_its_abstract_lacks(corpus_engine: Engine) -> None:
    """"Which dataset was InstantID evaluated on?" was refused with "The closest papers are InstantID, the Casual
    Conversations dataset, but they don't cover it": the second paper had nothing to do with the question, and the
    reader was not told what InstantID's abstract lacks."""
    answer = corpus_engine.ask("Which dataset was InstantID evaluated on?", backend="extractive")
    assert answer.refused and not answer.citations
    assert answer.answer == (
        "The collection's abstracts do not answer this question. The abstract of "
        "\u201cInstantID: Zero-shot Identity-Preserving Generation in Seconds\u201d does not name the dataset or benchmark asked for."
    )
    topic = corpus_engine.ask("Which paper synthesizes singing voices from lyrics?", backend="extractive")
    assert topic.refused and "The closest papers are" in topic.answer  # no paper is named: the closest ones are shown


def test_a_question_that_ranks_the_papers_puts_those_that_report_it_first_and_says_who_does_not(corpus_engine: Engine) -> None:
    """After four try-on papers, "Which of them is the fastest?" was answered by a note on each, SD-VITON's first,
    and "Does it keep tattoos?" then asked SD-VITON. Only the time-efficient try-on paper's abstract reports a speed
    ("nearly 20 times during inference"): it now comes first, the answer says the other three cannot be ranked by it,
    and "it" is that paper."""
    conversation = Conversation()
    first = corpus_engine.ask("Which papers do virtual try-on?", conversation, backend="extractive")
    assert len(first.citations) == 4
    fastest = corpus_engine.ask("Which of them is the fastest?", conversation, backend="extractive")
    time_efficient = next(c for c in first.citations if c.title.startswith("Time-Efficient"))
    assert fastest.citations[0].paper_id == time_efficient.paper_id
    assert "20 times" in fastest.answer.split("[2]")[0]
    assert fastest.notice and fastest.notice.startswith("Of the 4 papers in this answer, only \u201cTime-Efficient")
    assert fastest.notice.endswith("reports its speed in its abstract; the other 3 cannot be ranked by it")
    tattoos = corpus_engine.ask("Does it keep tattoos?", conversation, backend="extractive")
    assert [c.paper_id for c in tattoos.citations] == [time_efficient.paper_id]
    # none of them reports an accuracy or error: said, and the order is retrieval's
    conversation = Conversation()
    corpus_engine.ask("Which papers do virtual try-on?", conversation, backend="extractive")
    accurate = corpus_engine.ask("Which of them is the most accurate?", conversation, backend="extractive")
    assert accurate.notice == "None of the 4 papers in this answer reports its accuracy in its abstract, so they cannot be ranked by it"


def test_the_rank_set_finds_which_named_papers_report_what_is_ranked(corpus_engine: Engine) -> None:
    """eval/rank_set.jsonl, 30 conversations a helper wrote from the corpus alone: of the papers turn 1 named that are
    under discussion, the ones put first for turn 2's ranking are those the helper read as reporting its speed,
    accuracy or size ("within only a few seconds", "cuts the inference time in half"; not "at inference time", not
    "15 million total images"), and a line names them."""
    rows = [json.loads(line) for line in (Path(__file__).parents[1] / "eval" / "rank_set.jsonl").read_text().splitlines()]
    said = {"speed": "speed", "accuracy": "accuracy", "size": "model size or memory"}
    for row in rows:
        conversation = Conversation()
        corpus_engine.ask(row["turns"][0], conversation, backend="extractive")
        plan = corpus_engine.plan(row["turns"][1], conversation)
        judged = set(row["papers"]) & {r.paper.title for r in plan.selected}
        order = [r.paper.title for r in plan.selected if r.paper.title in judged]
        report = [title for title in order if title in row["report"]]
        if plan.kind == "multi":  # those that report it come first (a comparison of two keeps its order)
            assert order[: len(report)] == report, row["id"]
        wants = f"reports its {said[row['kind']]}"
        if plan.refused:  # "Which of them has the lowest inference time?" of papers none of which reports one
            assert plan.refusal_reason == "the abstracts do not report the quantity asked for" and not report, row["id"]
        elif len(plan.selected) >= 2 and set(order) - set(report):  # a named paper that does not report it: who does
            assert any(wants in line or f"report their {said[row['kind']]}" in line for line in plan.caveats), (row["id"], plan.caveats)
