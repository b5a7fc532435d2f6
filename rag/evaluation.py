"""`paperchat eval`: run a gold set through the engine and score retrieval, citations, refusals.

Metrics are computed on the last turn of each conversation (earlier turns are
asked first, as one conversation, so follow-ups are tested for real):
- recall@5 (recall@10 for `multi`): share of gold papers among the retrieved;
- MRR: 1 / rank of the first gold paper;
- citation precision / recall: cited papers that are gold / gold papers that are cited;
- mention: share of the gold `must_mention` terms that appear in the answer;
- refused: share of questions refused (wanted: 1 on `unanswerable`, 0 elsewhere);
- outside: citations naming a paper that is not in the collection (wanted: 0);
- repaired: share of answers where citation verification moved, dropped or added a citation.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rag.engine import Conversation, Engine

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
    for turn in row["turns"]:
        answer = engine.ask(turn, conversation, backend=backend)
    assert answer is not None
    gold = {_norm(t) for t in row.get("gold_titles", [])}
    kind = row.get("type", "single")
    k = 10 if kind == "multi" else 5
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
        answer=answer.to_json(),
    )


def run_eval(engine: Engine, rows: Iterable[dict[str, Any]], backend: str | None = None) -> list[ItemResult]:
    known = {p.paper_id for p in engine.store.iter_papers()}
    return [evaluate_item(engine, row, backend, known) for row in rows]


def _mean(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def summarize(results: list[ItemResult]) -> dict[str, dict[str, float | int | None]]:
    groups: dict[str, list[ItemResult]] = defaultdict(list)
    for result in results:
        groups[result.type].append(result)
    groups["all answerable"] = [r for r in results if r.type not in ("unanswerable", "injection")]
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
    return table


def format_table(table: dict[str, dict[str, float | int | None]]) -> str:
    columns = ["n", "recall", "mrr", "cite_p", "cite_r", "mention", "refused", "outside", "repaired"]
    header = f"{'type':<15}" + "".join(f"{c:>9}" for c in columns)
    lines = [header, "-" * len(header)]
    for name, row in table.items():
        cells = []
        for column in columns:
            value = row[column]
            if value is None:
                cells.append(f"{'-':>9}")
            elif isinstance(value, int) and column in ("n", "outside"):
                cells.append(f"{value:>9d}")
            else:
                cells.append(f"{value:>9.3f}")
        lines.append(f"{name:<15}" + "".join(cells))
    lines.append("recall = recall@5 (recall@10 for multi); last turn of each conversation;")
    lines.append("repaired = share of answers whose citations verification moved, dropped or added")
    return "\n".join(lines)
