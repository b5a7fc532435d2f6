"""Build the labelled set for the citation verifier: eval/verify_set.jsonl (corpus) and, on request, the SciFact part.

Each item is one answer sentence ending with its citation markers ("... [2]."), the
ordered source titles the markers index ([1] is sources[0]), and a label:
`supported` when every cited source states the sentence's claim, else `unsupported`.

Corpus items are made from the hand-written facts in eval/verify_facts.py (third-person
paraphrases of each abstract and their corrupted variants) and padded with 1-3
retrieved-looking sources from the same topic group, in a seeded order. The
split is by paper (every item made from one paper's facts lands in the same half),
so a verifier tuned on one half never sees a variant of a held-out sentence.

SciFact items (origin "scifact") come from ../shared/eval/scifact/claims_train.jsonl:
claims whose evidence is all SUPPORT (-> supported) or all CONTRADICT (-> unsupported),
sampled with a fixed seed, with the cited document's title, abstract and rationale
sentences. SciFact is CC BY-NC and evaluation-only: never commit that output; write it
to a path outside the repository or to the git-ignored eval/verify_scifact.jsonl.

    python eval/build_verify_set.py                                   # corpus part -> eval/verify_set.jsonl
    python eval/build_verify_set.py --scifact-out /tmp/verify_scifact.jsonl
    python eval/build_verify_set.py --check                           # validate only

Deterministic and stdlib only.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_titles import REPO_ROOT, check_titles, load_papers, resolve  # noqa: E402
from verify_facts import FACTS, SWAP_PARTNER, TWO_PARTIAL, TWO_SUPPORTED  # noqa: E402

HERE = Path(__file__).resolve().parent
SEED = 20261202
SCIFACT_DIR = REPO_ROOT.parent / "shared" / "eval" / "scifact"
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_MARKERS = re.compile(r"(?:\[\d+\])+\.$")


_WORDS = {w: str(i) for i, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"])}


COMPARISONS = (
    "{claim}, outperforming {other}",
    "{claim}, with more accurate results than {other}",
    "{claim}, and it surpasses {other}",
)


def _numbers(text: str) -> set[str]:
    """Digits and the number words zero..ten, normalised, so '4' and 'four' compare equal."""
    words = {_WORDS[w] for w in re.findall(r"[a-z]+", text.lower()) if w in _WORDS}
    return {n.replace(",", "").rstrip(".") for n in _NUMBER.findall(text)} | words


class Builder:
    def __init__(self, titles: dict[str, str], abstracts: dict[str, str]) -> None:
        self.titles = titles
        self.abstracts = abstracts
        self.rng = random.Random(SEED)
        self.rows: list[dict] = []
        self.groups: dict[str, list[str]] = {}
        for key, fact in FACTS.items():
            self.groups.setdefault(fact["group"], []).append(key)
        self.split: dict[str, str] = {}
        for members in self.groups.values():
            for i, key in enumerate(members):
                self.split[key] = "tune" if i % 2 == 0 else "holdout"

    def _sources(self, cited: list[str], also: list[str]) -> list[str]:
        """Cited papers plus papers a retriever would plausibly have returned with them, shuffled."""
        chosen = list(dict.fromkeys(cited + also))
        extra = self.rng.randint(1, 3) - len(also)
        pool = [k for k in self.groups[FACTS[cited[0]]["group"]] if k not in chosen]
        if len(pool) < extra:
            pool += [k for k in FACTS if k not in chosen and k not in pool]
        chosen += self.rng.sample(pool, max(0, extra))
        self.rng.shuffle(chosen)
        return chosen

    def add(self, body: str, cited: list[str], label: str, kind: str, note: str, also: list[str] | None = None,
            split_of: str | None = None) -> None:
        sources = self._sources(cited, also or [])
        markers = "".join(f"[{sources.index(k) + 1}]" for k in cited)
        self.rows.append({
            "id": "",
            "sentence": f"{body.rstrip('.')} {markers}.",
            "sources": [self.titles[k] for k in sources],
            "label": label,
            "kind": kind,
            "origin": "corpus",
            "note": note,
            "split": self.split[split_of or cited[0]],
        })

    def partner(self, key: str) -> str:
        if key in SWAP_PARTNER:
            return SWAP_PARTNER[key]
        members = [k for k in self.groups[FACTS[key]["group"]] if FACTS[k]["swap"]]
        return members[(members.index(key) + 1) % len(members)]

    def moved_target(self, key: str) -> str:
        members = self.groups[FACTS[key]["group"]]
        return members[(members.index(key) + 2) % len(members)] if len(members) > 2 else members[members.index(key) - 1]

    def build(self) -> list[dict]:
        for n, (key, fact) in enumerate(FACTS.items()):
            name, abstract = fact["name"], self.abstracts[key]
            for claim in fact["claims"]:
                self.add(claim, [key], "supported", "paraphrase", f"states {key}'s abstract")
            for right, wrong in fact["num"]:
                _require(_numbers(right) <= _numbers(abstract), f"{key}: number not in abstract: {right}")
                _require(not _numbers(wrong) <= _numbers(abstract), f"{key}: wrong number is in abstract: {wrong}")
                self.add(right, [key], "supported", "paraphrase_number", f"states {key}'s number")
                self.add(wrong, [key], "unsupported", "wrong_number", f"{key}'s abstract gives a different number")
            if fact["swap"]:
                other = self.partner(key)
                other_name = FACTS[other]["name"]
                claim = fact["claims"][0]
                _require(name in claim and name in self.titles[key] + abstract, f"{key}: name {name!r} missing from claim or paper")
                _require(other_name not in self.titles[key] + abstract and name not in self.titles[other] + self.abstracts[other],
                         f"{key}/{other}: names cross-mentioned")
                swapped = claim.replace(name, other_name)
                cite_own = key == "TeCH" or n % 2 == 0
                cited = key if cite_own else other
                self.add(swapped, [cited], "unsupported", "name_swap",
                         f"{key}'s claim with its name replaced by {other_name}, cited to {cited}", also=[other if cite_own else key],
                         split_of=key)
            target = self.moved_target(key)
            _require(target != key and name not in self.abstracts[target], f"{key}: bad moved target {target}")
            moved = fact["claims"][min(1, len(fact["claims"]) - 1)]
            how = "named"
            if n % 2 == 1 and moved.startswith(name + " "):
                # without the name only the content can tell that the cited paper does not state it
                moved, how = "It" + moved[len(name):], "unnamed ('It ...')"
            self.add(moved, [target], "unsupported", "moved_claim", f"claim of {key}, {how}, cited to {target}",
                     also=[key] if n % 2 == 0 else [], split_of=key)
            if fact["neg"]:
                self.add(fact["neg"], [key], "unsupported", "negation", f"negates or reverses {key}'s abstract")
            if "inv" in fact:
                sentence, token = fact["inv"]
                _require(token.lower() not in abstract.lower(), f"{key}: invented token {token!r} is in the abstract")
                self.add(sentence, [key], "unsupported", "invented_detail", f"{token!r} is not in {key}'s abstract")
            if fact["gen"]:
                self.add(fact["gen"], [key], "unsupported", "unsupported_generalisation", f"goes beyond {key}'s abstract")
        for (a, b), body in TWO_SUPPORTED:
            self.add(body, [a, b], "supported", "two_sources", f"both {a} and {b} state it")
        for (a, b), body in TWO_PARTIAL:
            self.add(body, [a, b], "unsupported", "partial_citation", f"{a} states it, {b} does not")
        # Appended last, so the rows above keep their ids and sources: a paper's claim ranked against another
        # paper of its group, cited to both. Each abstract states its own half; neither makes the comparison.
        for n, (key, fact) in enumerate((k, f) for k, f in FACTS.items() if f["swap"]):
            other = self.partner(key)
            other_name = FACTS[other]["name"]
            _require(other_name not in self.titles[key] + self.abstracts[key], f"{key}: its abstract names {other_name}")
            claim = fact["claims"][0].rstrip(".")
            body = COMPARISONS[n % len(COMPARISONS)].format(claim=claim, other=other_name)
            self.add(body, [key, other], "unsupported", "cross_comparison",
                     f"{key}'s claim ranked against {other_name}, which {key}'s abstract does not name", split_of=key)
        for i, row in enumerate(self.rows, 1):
            row["id"] = f"v{i:03d}"
        return self.rows


def _require(ok: bool, message: str) -> None:
    if not ok:
        raise ValueError(message)


def check_rows(rows: list[dict], corpus_titles: set[str]) -> None:
    check_titles(rows, ("sources",), corpus_titles)
    for row in rows:
        _require(bool(_MARKERS.search(row["sentence"])), f"{row['id']}: sentence does not end with markers")
        for m in re.findall(r"\[(\d+)\]", row["sentence"]):
            _require(1 <= int(m) <= len(row["sources"]), f"{row['id']}: marker [{m}] out of range")
        _require(len(set(row["sources"])) == len(row["sources"]), f"{row['id']}: duplicate source")
    # the same sentence may recur with other sources (a moved claim reuses a supported one); the pair may not
    texts = Counter(r["sentence"] + " || " + " | ".join(r["sources"]) for r in rows)
    _require(max(texts.values()) == 1, f"duplicate sentences: {[t for t, c in texts.items() if c > 1]}")


def build_scifact(directory: Path, per_label: int) -> list[dict]:
    """SUPPORT -> supported, CONTRADICT -> unsupported; one cited document per claim, seeded sample."""
    docs = {}
    for line in (directory / "corpus.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        docs[str(d["_id"])] = d
    sentences = {}
    for line in (directory / "corpus_sentences.jsonl").read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        sentences[str(d["_id"])] = d["sentences"]
    pools: dict[str, list[tuple[dict, str, list[int]]]] = {"SUPPORT": [], "CONTRADICT": []}
    for line in (directory / "claims_train.jsonl").read_text(encoding="utf-8").splitlines():
        claim = json.loads(line)
        labels = {e["label"] for evs in claim["evidence"].values() for e in evs}
        if len(labels) != 1:
            continue
        doc_id = sorted(claim["evidence"])[0]
        indexes = sorted({i for e in claim["evidence"][doc_id] for i in e["sentences"]})
        pools[labels.pop()].append((claim, doc_id, indexes))
    rng = random.Random(SEED)
    rows = []
    for label, verdict in (("SUPPORT", "supported"), ("CONTRADICT", "unsupported")):
        pool = sorted(pools[label], key=lambda t: t[0]["id"])
        picked = sorted(rng.sample(pool, min(per_label, len(pool))), key=lambda t: t[0]["id"])
        for i, (claim, doc_id, indexes) in enumerate(picked):
            doc = docs[doc_id]
            text = claim["claim"].strip()
            rows.append({
                "id": f"s{claim['id']}",
                "sentence": f"{text.rstrip('.')} [1].",
                "sources": [doc["title"]],
                "source_abstracts": [doc["text"]],
                "rationale": [sentences[doc_id][j] for j in indexes],
                "label": verdict,
                "kind": f"scifact_{label.lower()}",
                "origin": "scifact",
                "note": f"SciFact train claim {claim['id']}, document {doc_id}, evidence sentences {indexes}",
                "split": "tune" if i % 2 == 0 else "holdout",
            })
    return rows


def _summary(name: str, rows: list[dict]) -> None:
    counts = Counter((r["label"], r["kind"], r["split"]) for r in rows)
    print(f"{name}: {len(rows)} items; " + ", ".join(f"{lab}: {sum(1 for r in rows if r['label'] == lab)}" for lab in ("supported", "unsupported")))
    for (label, kind, split), c in sorted(counts.items()):
        print(f"  {label:<12}{kind:<28}{split:<8}{c:>4}")


def _write(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "verify_set.jsonl", help="corpus-derived set (committed)")
    parser.add_argument("--scifact-out", type=Path, help="also write the SciFact part here (never commit it)")
    parser.add_argument("--scifact-dir", type=Path, default=SCIFACT_DIR)
    parser.add_argument("--per-label", type=int, default=150, help="SciFact claims per label")
    parser.add_argument("--check", action="store_true", help="validate only, write nothing")
    args = parser.parse_args()
    papers = load_papers()
    titles = resolve(papers)
    by_title = dict(papers)
    abstracts = {key: by_title[title] for key, title in titles.items()}
    _require(set(FACTS) == set(titles), f"facts missing for {sorted(set(titles) - set(FACTS))}")
    rows = Builder(titles, abstracts).build()
    check_rows(rows, set(by_title))
    if not args.check:
        _write(args.out, rows)
    _summary("corpus", rows)
    if args.scifact_out:
        if not (args.scifact_dir / "claims_train.jsonl").exists():
            raise SystemExit(f"no SciFact at {args.scifact_dir}: pass --scifact-dir pointing at shared/eval/scifact")
        sci = build_scifact(args.scifact_dir, args.per_label)
        if not args.check:
            _write(args.scifact_out, sci)
        _summary("scifact", sci)


if __name__ == "__main__":
    main()
