"""`paperchat eval`: run a gold set through the engine and score retrieval, citations, refusals.

Metrics are computed on the last turn of each conversation (earlier turns are
asked first, as one conversation, so follow-ups are tested for real):
- recall@5 (recall@10 for `multi`): share of gold papers among the retrieved;
- MRR: 1 / rank of the first gold paper;
- citation precision / recall: cited papers that are gold / gold papers that are cited;
- mention: share of the gold `must_mention` terms that appear in the answer;
- refused: share of questions refused (wanted: 1 on `unanswerable`, 0 elsewhere);
- outside: citations naming a paper that is not in the collection (wanted: 0);
- repaired: share of answers where citation verification moved, dropped or added a citation;
- defects, per sentence shown on every answered turn (not only the last): misattributed, first person,
  fragments, duplicates (rag/defects.py);
- the refusal confusion matrix: answerable vs unanswerable items, refused or answered.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rag.defects import DEFECTS, DefectCount, answer_defects
from rag.engine import Conversation, Engine

if TYPE_CHECKING:
    from rag.papers import Paper
    from rag.verify import DraftSentence
    from rag.writers import NotesWriter

TYPES_ORDER = ["single", "detail", "multi", "compare", "followup", "unanswerable", "injection"]


def _norm(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


@dataclass
class ItemResult:
    id: str
    type: str
    recall: float | None
    rr: float | None
    precision: float | None
    cite_recall: float | None
    mention: float | None
    refused: bool
    outside: int
    repaired: bool = False
    answerable: bool | None = None  # None: neither (injection items)
    followup_label: str | None = None  # follow-up sets: "followup" or "new_topic", the gold reading of the last turn
    followup_detected: bool | None = None  # whether the engine read the last turn as a follow-up
    defects: dict[str, int] = field(default_factory=dict)  # summed over every turn of the conversation
    answer: dict[str, Any] = field(default_factory=dict)


def load_gold(path: Path) -> list[dict[str, Any]]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: invalid JSON ({error.msg})") from None
    return rows


def evaluate_item(engine: Engine, row: dict[str, Any], backend: str | None, known_ids: set[str]) -> ItemResult:
    conversation = Conversation()
    answer = None
    defects = DefectCount()

    def abstract_of(paper_id: str) -> str:
        paper = engine.paper(paper_id)
        return paper.abstract if paper else ""

    for turn in row["turns"]:
        answer = engine.ask(turn, conversation, backend=backend)
        defects.add(answer_defects(answer, engine.retriever.named_in, abstract_of))
    assert answer is not None
    gold = {_norm(t) for t in row.get("gold_titles", [])}
    kind = row.get("kind") or row.get("type") or "single"
    k = 10 if kind in ("multi", "answerable_multi") else 5
    retrieved = [_norm(r.title) for r in answer.retrieved]
    cited = {_norm(c.title) for c in answer.citations}
    outside = sum(1 for c in answer.citations if c.paper_id not in known_ids)
    recall = rr = precision = cite_recall = mention = None
    if gold:
        recall = len(gold & set(retrieved[:k])) / len(gold)
        rr = next((1.0 / (i + 1) for i, t in enumerate(retrieved) if t in gold), 0.0)
        precision = len(cited & gold) / len(cited) if cited else None
        cite_recall = len(cited & gold) / len(gold)
    terms = row.get("must_mention") or []
    if terms:
        text = answer.answer.lower()
        mention = sum(1 for t in terms if t.lower() in text) / len(terms)
    return ItemResult(
        id=row.get("id", ""),
        type=kind,
        recall=recall,
        rr=rr,
        precision=precision,
        cite_recall=cite_recall,
        mention=mention,
        refused=answer.refused,
        outside=outside,
        repaired=answer.repaired,
        answerable=_answerable(row),
        followup_label=row.get("label") if row.get("label") in ("followup", "new_topic") else None,
        followup_detected=answer.query.strip() != answer.question.strip() if len(row["turns"]) > 1 else None,
        defects={name: getattr(defects, name) for name in ("sentences", *DEFECTS)},
        answer=answer.to_json(),
    )


def _answerable(row: dict[str, Any]) -> bool | None:
    """Gold sets say it with `answerable`; the dev set with its type (injection items are neither)."""
    if "answerable" in row:
        return bool(row["answerable"])
    kind = str(row.get("type", "single"))
    if kind == "injection":
        return None
    return kind != "unanswerable"


def run_eval(
    engine: Engine,
    rows: Iterable[dict[str, Any]],
    backend: str | None = None,
    on_result: Callable[[ItemResult], None] | None = None,
) -> list[ItemResult]:
    """Every row's result; `on_result` sees each as it is scored (a local-model run takes an hour: a run
    cut short keeps what it measured)."""
    known = {p.paper_id for p in engine.store.iter_papers()}
    results = []
    for row in rows:
        results.append(evaluate_item(engine, row, backend, known))
        if on_result is not None:
            on_result(results[-1])
    return results


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def summarize(results: list[ItemResult]) -> dict[str, dict[str, float | int | None]]:
    groups: dict[str, list[ItemResult]] = defaultdict(list)
    for result in results:
        groups[result.type].append(result)
    groups["all answerable"] = [r for r in results if r.answerable]
    table: dict[str, dict[str, float | int | None]] = {}
    for name in [*TYPES_ORDER, *sorted(set(groups) - set(TYPES_ORDER))]:
        items = groups.get(name)
        if not items:
            continue
        table[name] = {
            "n": len(items),
            "recall": _mean([r.recall for r in items]),
            "mrr": _mean([r.rr for r in items]),
            "cite_p": _mean([r.precision for r in items]),
            "cite_r": _mean([r.cite_recall for r in items]),
            "mention": _mean([r.mention for r in items]),
            "refused": sum(r.refused for r in items) / len(items),
            "outside": sum(r.outside for r in items),
            "repaired": sum(r.repaired for r in items) / len(items),
        }
        sentences = sum(r.defects.get("sentences", 0) for r in items)
        for defect in DEFECTS:
            count = sum(r.defects.get(defect, 0) for r in items)
            table[name][_DEFECT_COLUMNS[defect]] = count / sentences if sentences else None
    return table


_DEFECT_COLUMNS = {"misattributed": "misattr", "first_person": "1st_pers", "fragment": "fragment", "duplicate": "dup", "restates": "restates"}


def refusal_matrix(results: list[ItemResult]) -> dict[str, int]:
    """Counts of (answerable | unanswerable) x (answered | refused)."""
    matrix = {"answerable_answered": 0, "answerable_refused": 0, "unanswerable_refused": 0, "unanswerable_answered": 0}
    for r in results:
        if r.answerable is None:
            continue
        key = ("answerable_" if r.answerable else "unanswerable_") + ("refused" if r.refused else "answered")
        matrix[key] += 1
    return matrix


def followup_accuracy(results: list[ItemResult]) -> str | None:
    """How often the last turn was read as follow-up / new topic as the gold label says, by label."""
    labelled = [r for r in results if r.followup_label is not None and r.followup_detected is not None]
    if not labelled:
        return None
    parts = []
    for label in ("followup", "new_topic"):
        items = [r for r in labelled if r.followup_label == label]
        right = sum(r.followup_detected == (label == "followup") for r in items)
        parts.append(f"{label} read right {right}/{len(items)}")
    right = sum(r.followup_detected == (r.followup_label == "followup") for r in labelled)
    return f"follow-up detection: {right}/{len(labelled)} ({right / len(labelled):.3f}); " + ", ".join(parts)


def format_matrix(matrix: dict[str, int]) -> str:
    answerable = matrix["answerable_answered"] + matrix["answerable_refused"]
    unanswerable = matrix["unanswerable_refused"] + matrix["unanswerable_answered"]
    wrong = matrix["answerable_refused"] / answerable if answerable else 0.0
    right = matrix["unanswerable_refused"] / unanswerable if unanswerable else 0.0
    return "\n".join(
        [
            "refusals         answered  refused",
            f"answerable      {matrix['answerable_answered']:>9d} {matrix['answerable_refused']:>8d}"
            f"   wrongly refused {wrong:.3f}",
            f"unanswerable    {matrix['unanswerable_answered']:>9d} {matrix['unanswerable_refused']:>8d}"
            f"   refused {right:.3f}",
        ]
    )


def format_table(table: dict[str, dict[str, float | int | None]]) -> str:
    columns = ["n", "recall", "mrr", "cite_p", "cite_r", "mention", "refused", "outside", "repaired", *_DEFECT_COLUMNS.values()]
    header = f"{'type':<15}" + "".join(f"{c:>9}" for c in columns)
    lines = [header, "-" * len(header)]
    for name, row in table.items():
        cells = []
        for column in columns:
            value = row.get(column)
            if value is None:
                cells.append(f"{'-':>9}")
            elif isinstance(value, int) and column in ("n", "outside"):
                cells.append(f"{value:>9d}")
            else:
                cells.append(f"{value:>9.3f}")
        lines.append(f"{name:<15}" + "".join(cells))
    lines.append("recall = recall@5 (recall@10 for multi); last turn of each conversation;")
    lines.append("repaired = share of answers whose citations verification moved, dropped or added")
    lines.append("misattr, 1st_pers, fragment, dup = defects per sentence shown, over every turn")
    return "\n".join(lines)


# --- the verifier on a labelled set -------------------------------------------------------------


@dataclass
class VerifyResult:
    id: str
    kind: str
    origin: str
    split: str
    label: str  # "supported" | "unsupported"
    state: str  # what verification did: verified, repaired, moved, removed
    reason: str | None

    @property
    def caught(self) -> bool:
        """An unsupported sentence is caught when it does not stand with its original citation."""
        return self.state in ("removed", "moved")


JUDGE_PASSAGES = 3  # as many as a note is written from


def evaluate_verifier(
    engine: Engine, items: list[dict[str, Any]], scifact_dir: Path | None, judge: NotesWriter | None = None
) -> list[VerifyResult]:
    """Run each labelled sentence through the engine's verifier against its listed sources.

    Corpus items name papers of the ingested collection (their stored sentence vectors are used); SciFact
    items name SciFact abstracts, embedded here, with a name index built over them. With a judge (the local
    model that writes notes), a sentence citing one paper is first put to it as a note's sentence would be:
    against the paper's passages that best match it, in abstract order.
    """
    import numpy as np

    from rag.keyword import KeywordIndex
    from rag.papers import Paper
    from rag.retrieval import RetrievedPaper
    from rag.verify import Verifier, draft_from_text, marker_numbers

    by_title = {p.title: p for p in engine.store.iter_papers()}
    scifact: dict[str, tuple[Paper, list[str]]] = {}
    if scifact_dir is not None and any(item.get("origin") == "scifact" for item in items):
        sentences_by_id = {}
        with (scifact_dir / "corpus_sentences.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                sentences_by_id[str(record["_id"])] = record["sentences"]
        with (scifact_dir / "corpus.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                doc_id = str(record["_id"])
                paper = Paper(paper_id=f"scifact-{doc_id}", title=record["title"], abstract=record["text"])
                scifact[record["title"]] = (paper, sentences_by_id.get(doc_id, []))
    wanted = {t for item in items if item.get("origin") == "scifact" for t in item["sources"] if t in scifact}
    scifact_index = KeywordIndex.build([scifact[t][0] for t in sorted(wanted)])
    scifact_verifier = Verifier(engine.embedder.embed, scifact_index.named_in)
    vector_cache: dict[str, tuple[list[str], np.ndarray]] = {}
    results: list[VerifyResult] = []
    for item in items:
        origin = item.get("origin", "corpus")
        papers: list[Paper] = []
        tables: dict[str, tuple[list[str], np.ndarray]] = {}
        for title in item["sources"]:
            if origin == "scifact":
                paper, sentences = scifact[title]
                if paper.paper_id not in vector_cache:
                    vector_cache[paper.paper_id] = (sentences, engine.embedder.embed(sentences))
                tables[paper.paper_id] = vector_cache[paper.paper_id]
            else:
                paper = by_title[title]
                tables[paper.paper_id] = engine.retriever.sentences(paper)
            papers.append(paper)
        sources = [RetrievedPaper(paper=p, score=1.0, dense=0.0, keyword=0.0, named=False) for p in papers]
        verifier = scifact_verifier if origin == "scifact" else engine.verifier
        draft = draft_from_text(item["sentence"], sources)
        verified = verifier.verify(draft, sources, tables, item.get("question", ""))
        first = verified.sentences[0] if verified.sentences else None
        original = {papers[n - 1].paper_id for n in marker_numbers(item["sentence"]) if 0 < n <= len(papers)}
        if judge is not None and first is not None and first.status != "removed":
            # The verdict only counts for a sentence the rules keep as cited, so only those are put to the model.
            draft.sentences = [_judged(judge, engine.embedder.embed, s, papers, tables) for s in draft.sentences]
            verified = verifier.verify(draft, sources, tables, item.get("question", ""))
            first = verified.sentences[0] if verified.sentences else None
        if first is None or first.status == "removed":
            state = "removed"
        else:
            by_number = {c.n: c.paper_id for c in verified.citations}
            now = {by_number[n] for n in first.citations if n in by_number}
            state = "moved" if now != original else first.status
        results.append(
            VerifyResult(
                id=str(item.get("id", "")),
                kind=str(item.get("kind", "")),
                origin=origin,
                split=str(item.get("split", "")),
                label=str(item["label"]),
                state=state,
                reason=first.reason if first is not None else "nothing left",
            )
        )
    return results


def _judged(
    judge: NotesWriter,
    embed: Callable[[list[str]], Any],
    sentence: DraftSentence,
    papers: list[Paper],
    tables: dict[str, tuple[list[str], Any]],
) -> DraftSentence:
    """The sentence with the judge's verdict, when it cites exactly one paper (a note's sentence does)."""
    from dataclasses import replace

    from rag.support import support_scores
    from rag.verify import strip_markers

    if len(sentence.cited) != 1 or not 0 <= sentence.cited[0] < len(papers):
        return sentence
    paper = papers[sentence.cited[0]]
    claim = strip_markers(sentence.text)
    sentences, vectors = tables[paper.paper_id]
    scores = support_scores(claim, embed([claim])[0], sentences, vectors)
    best = sorted(sorted(range(len(sentences)), key=lambda i: -scores[i])[:JUDGE_PASSAGES])
    return replace(sentence, judged=judge.states(paper, [sentences[i] for i in best], claim))


def format_verifier_table(results: list[VerifyResult]) -> str:
    """Caught (unsupported not kept as cited) and wrongly removed (supported removed), by origin and kind."""
    groups: dict[str, list[VerifyResult]] = defaultdict(list)
    for r in results:
        groups["all"].append(r)
        groups[f"{r.origin}"].append(r)
        groups[f"{r.origin}/{r.kind}"].append(r)
        if r.split:
            groups[f"split {r.split}"].append(r)
    lines = [f"{'group':<34}{'n':>5}{'caught':>9}{'wrongly removed':>17}", "-" * 65]
    for name in sorted(groups, key=lambda g: (g != "all", g.startswith("split"), g)):
        items = groups[name]
        bad = [r for r in items if r.label == "unsupported"]
        good = [r for r in items if r.label == "supported"]
        caught = f"{sum(r.caught for r in bad) / len(bad):.3f}" if bad else "-"
        removed = f"{sum(r.state == 'removed' for r in good) / len(good):.3f}" if good else "-"
        lines.append(f"{name:<34}{len(items):>5}{caught:>9}{removed:>17}")
    lines.append("caught = unsupported sentences removed or re-cited; wrongly removed = supported sentences removed")
    return "\n".join(lines)
