"""How often the in-question filter reader (rag/filters.py `read_filters`) reads eval/filter_set.jsonl right.

    PYTHONPATH=. python eval/filter_eval.py             # collection: bundled corpus + tests/data + the shared arXiv file
    PYTHONPATH=. python eval/filter_eval.py --no-arxiv  # without the 74,728 arXiv records (smaller name vocabulary)

The set (81 questions, written by hand before the reader was run on them: f001–f069, then f070–f081 with given
names before the reader read given names; 29 state no constraint) gives each
question the filters a careful reader would apply: `{}` when it states none, or when the value it names
is not in the collection (the rule: filter only on an author, venue or category the collection stores);
`unstored` lists the fields such a question states ("papers by John Black" where there are Blacks but no John
Black), which the reader should say it did not apply.
The collection's facets are built from the files alone (parsed, not embedded), so this runs in a minute.

Scores per field (year range, author, venue, category): a read value is a true positive when it equals
the expected one (years as the (from, to) pair; names and venues case- and accent-folded), a false
positive when nothing or something else was expected; a missed or wrong expected value is a false negative.

Then the same questions over the bundled corpus alone, which stores no years or authors: a question that states
a year or an author should be told that the limit was not applied (`rag.filters.unapplied`), and a question that
states no constraint should be told nothing.
"""

from __future__ import annotations

import argparse
import json
import lzma
import tempfile
from pathlib import Path

from ingest.parsers import parse_source
from rag.filters import FIELDS, Facets, Filters, read_filters, unapplied
from rag.papers import fold
from rag.settings import BUNDLED_CORPUS

REPO_ROOT = Path(__file__).resolve().parents[1]  # the checkout

SET = REPO_ROOT / "eval" / "filter_set.jsonl"
DATA = REPO_ROOT / "tests" / "data"
FILES = ["zotero.ris", "zotero-csl.json", "scopus.ris", "pandoc-csl.json", "arxiv-filters.jsonl"]
ARXIV = REPO_ROOT.parent / "shared" / "data" / "arxiv-cs-2025-2026.jsonl.xz"


def value(filters: Filters | dict[str, object], field: str) -> object:
    get = filters.get if isinstance(filters, dict) else lambda key: getattr(filters, key) or None
    if field == "year":
        pair = (get("year_from"), get("year_to"))
        return None if pair == (None, None) else pair
    raw = get(field)
    return fold(str(raw)) if raw else None


def facets(with_arxiv: bool) -> Facets:
    papers = list(parse_source(BUNDLED_CORPUS).papers)
    for name in FILES:
        papers += parse_source(DATA / name).papers
    if with_arxiv and ARXIV.is_file():
        with tempfile.TemporaryDirectory() as folder:
            whole = Path(folder) / "arxiv.jsonl"
            with lzma.open(ARXIV, "rb") as source:
                whole.write_bytes(source.read())
            papers += parse_source(whole).papers
    return Facets.of(papers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-arxiv", action="store_true")
    parser.add_argument("--show", action="store_true", help="print every question whose reading is wrong")
    args = parser.parse_args()
    collection = facets(not args.no_arxiv)
    items = [json.loads(line) for line in SET.read_text(encoding="utf-8").splitlines() if line.strip()]
    counts = {field: [0, 0, 0] for field in FIELDS}  # tp, fp, fn
    exact = clean_none = none_items = stated = told = 0
    for item in items:
        read = read_filters(item["question"], collection)
        expected = item["expected"]
        right = True
        for field in FIELDS:
            got, want = value(read, field), value(expected, field)
            if got is not None and got == want:
                counts[field][0] += 1
            else:
                if got is not None:
                    counts[field][1] += 1
                if want is not None:
                    counts[field][2] += 1
                right = right and got == want
        exact += right
        if item.get("unstored"):
            stated += 1
            told += bool(unapplied(item["question"], collection))
        elif not expected:
            none_items += 1
            clean_none += not read
        if args.show and not right:
            print(f"  {item['id']} {item['question']!r}: read {read.to_json()}, expected {expected}")
    print(f"collection: {len(collection.paper_ids)} papers; questions: {len(items)} ({none_items} with no constraint)")
    print(f"{'field':<10}{'tp':>5}{'fp':>5}{'fn':>5}{'precision':>11}{'recall':>8}")
    totals = [0, 0, 0]
    for field, (tp, fp, fn) in counts.items():
        totals = [totals[0] + tp, totals[1] + fp, totals[2] + fn]
        print(f"{field:<10}{tp:>5}{fp:>5}{fn:>5}{tp / max(1, tp + fp):>11.3f}{tp / max(1, tp + fn):>8.3f}")
    tp, fp, fn = totals
    print(f"{'all':<10}{tp:>5}{fp:>5}{fn:>5}{tp / max(1, tp + fp):>11.3f}{tp / max(1, tp + fn):>8.3f}")
    print(f"questions read exactly right: {exact}/{len(items)}; no-constraint questions left unfiltered: {clean_none}/{none_items}; "
          f"a limit the collection does not have said: {told}/{stated}")

    bare = Facets.of(parse_source(BUNDLED_CORPUS).papers)
    said = {"year": [0, 0], "author": [0, 0]}  # questions stating it: told / all
    false_alarms = 0
    for item in items:
        notes = unapplied(item["question"], bare)
        for field, word in (("year", "a year"), ("author", "its authors")):
            if value(item["expected"], field) is not None or field in item.get("unstored", ()):
                said[field][1] += 1
                said[field][0] += any(note.endswith(word) for note in notes)
        false_alarms += bool(not item["expected"] and not item.get("unstored") and notes)
        if args.show and notes:
            print(f"  {item['id']} {item['question']!r}: {notes}")
    print(f"bundled corpus alone (no years, no authors): told the limit was not applied: years {said['year'][0]}/"
          f"{said['year'][1]}, authors {said['author'][0]}/{said['author'][1]}; told anything on a no-constraint "
          f"question: {false_alarms}/{none_items}")


if __name__ == "__main__":
    main()
