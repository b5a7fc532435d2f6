"""How sure the 1.5B's answerability check is, per question, and which threshold on it to use.

The check is one greedy token, YES or NO. Its confidence is the margin logit(YES) - logit(NO). The server
keeps only the last token's logits and returns no logprobs (that needs `--logits_all`: a 2.5 GB buffer and
an output projection per prompt token), so the margin is found by bisection on the bias added to NO: the
check says YES exactly when the margin exceeds the bias. After the first call the prompt is cached, so each
step evaluates one token. The app's check is the same call with bias 0.

Collect once per half (about 10 s per question the checks reach), then sweep thresholds offline:
    python -m benchmarks.refusal_margins collect eval/refusal_set.jsonl --out margins.jsonl [--split tune]
    python -m benchmarks.refusal_margins sweep margins.jsonl

`--asked-for` also collects, for an "Is there …?" / "Which method …?" question (`Plan.wanted`), the margin of
the check of what it asks for against the selected papers' whole abstracts (the largest over the papers, which
is what `NotesWriter.holds_wanted` answers on; `--only-asked-for` skips every other question; for a question whose
asking words follow a clause that states a condition, also that condition's margin per paper, `scene_papers`), and
`sweep --asked-for` then sweeps that check's bias with the answerability check at the app's threshold before it (as
the app decided until 2026-12-05), and compares the ways of combining the two checks (`RULES`), each with its
threshold chosen on tune:
    python -m benchmarks.refusal_margins collect eval/refusal_set.jsonl --only-asked-for --out asked.jsonl
    python -m benchmarks.refusal_margins sweep asked.jsonl --asked-for
    python -m benchmarks.refusal_margins tokens eval/refusal_set.jsonl [--system OLD_SYSTEM_PROMPT.txt]

`--runners-up` (with `--only-asked-for`) also records, for a question whose selected papers all fail that check at the
app's threshold, the margins of the papers ranked just below them (`Plan.runners_up`: what it asks for, and the scene's
condition where there is one), each with whether it is a gold paper; `sweep --runners-up` chooses their threshold on
tune (`RUNNER_UP_JUDGES`):
    python -m benchmarks.refusal_margins collect eval/refusal_set.jsonl --only-asked-for --runners-up --out ru.jsonl
    python -m benchmarks.refusal_margins sweep ru.jsonl --runners-up

`--claims` collects only the yes/no questions about a named paper ("Does Portrait3D produce a rigged 3D head?"), with
the margin of the claim they ask after against the paper's whole abstract (`claim_margin`); `sweep --claims` chooses
its threshold on tune (`ASKED_JUDGES`):
    python -m benchmarks.refusal_margins collect eval/refusal_set.jsonl --claims --out claims.jsonl
    python -m benchmarks.refusal_margins sweep claims.jsonl --claims
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from pathlib import Path

from benchmarks.refusals import is_answerable
from rag.engine import ANSWERABILITY_JUDGES, ASKED_JUDGES, PREMISE_JUDGES, SCENE_JUDGES, Engine
from rag.evaluation import load_gold
from rag.plan import Plan
from rag.questions import takes_for_granted
from rag.settings import Settings
from rag.writers import NotesWriter, WriteStats, check_messages, verdict_decides

LIMIT = 12.0  # logits beyond this are "sure"; bisection to within 24 / 2**STEPS = 0.05
STEPS = 9
MAX_WRONGLY_REFUSED = 0.02  # issue 11's bar
APP_CHECK_BIAS = ANSWERABILITY_JUDGES["1.5b"]  # the answerability check's threshold in the app
SCENE_BIAS = SCENE_JUDGES["1.5b"]
PREMISE_BIAS = PREMISE_JUDGES["1.5b"]
ASKED_BIAS = ASKED_JUDGES["1.5b"]


def margin(writer: NotesWriter, plan: Plan) -> float:
    """logit(YES) - logit(NO) of the check, to within 0.05, clamped to ±LIMIT."""
    return bisect(lambda bias: writer.sources_answer(plan, WriteStats(), bias=bias))


def claim_margin(writer: NotesWriter, plan: Plan) -> float:
    """logit(YES) - logit(NO) of the check of the plan's claim about a named paper (`Plan.presupposes`) against that
    paper's whole abstract: what decides a yes/no question about it (`NotesWriter.answers`)."""
    assert plan.presupposes is not None
    at, claim = plan.presupposes
    result = plan.selected[at]
    return bisect(lambda bias: writer._abstract_states(plan, result, claim, bias))


def asked_for_margins(writer: NotesWriter, plan: Plan) -> list[float]:
    """Per selected paper, logit(YES) - logit(NO) of the check of what the question asks for; `holds_wanted` says
    YES exactly when the largest exceeds its bias. Bisected one paper at a time, so that each step after a paper's
    first evaluates one token (its prompt stays cached)."""
    def paper(n: int) -> Callable[[float], bool]:
        return lambda bias: writer.paper_holds(plan, n, bias)

    return [bisect(paper(n)) for n in range(len(plan.selected))]


def scene_margins(writer: NotesWriter, plan: Plan) -> list[float]:
    """Per selected paper, logit(YES) - logit(NO) of the check of the condition the question's scene-setting clause
    states ("OSX works for dogs and cats.", `NotesWriter.paper_in_scene`)."""
    def paper(n: int) -> Callable[[float], bool]:
        return lambda bias: writer.paper_in_scene(plan, n, bias)

    return [bisect(paper(n)) for n in range(len(plan.selected))]


def runner_up_margins(writer: NotesWriter, plan: Plan, gold: object) -> list[dict[str, object]]:
    """Per paper of `plan.runners_up`: its asked-for margin, its scene's (None without a scene), whether it is gold."""
    margins: list[dict[str, object]] = []
    for result in plan.runners_up:
        chosen = plan.choosing(result)
        if chosen is None:
            continue
        def holds(bias: float, plan: Plan = chosen) -> bool:
            return writer.paper_holds(plan, 0, bias)

        def in_scene(bias: float, plan: Plan = chosen) -> bool:
            return writer.paper_in_scene(plan, 0, bias)

        margins.append({
            "title": result.paper.title, "gold": isinstance(gold, list) and result.paper.title in gold,
            "asked_for": bisect(holds), "scene": bisect(in_scene) if chosen.scene else None,
        })  # fmt: skip
    return margins


def runner_up_answers(record: dict[str, object], threshold: float) -> bool:
    """Whether a runner-up holds at `threshold` (its scene's condition at the app's scene threshold)."""
    runners = record.get("runners_up") or []
    assert isinstance(runners, list)
    return any(r["asked_for"] > threshold and (r["scene"] is None or r["scene"] > SCENE_BIAS) for r in runners)


def sweep_runners_up(records: list[dict[str, object]]) -> None:
    """The runners-up's threshold: on tune, the middle of the widest gap that answers the most answerable questions
    the selected papers failed with no unanswerable one; then both halves read at it."""
    failed = [r for r in records if "runners_up" in r]
    def best(r: dict[str, object]) -> float:
        runners = r["runners_up"]
        assert isinstance(runners, list)
        held = [x["asked_for"] for x in runners if x["scene"] is None or x["scene"] > SCENE_BIAS]
        return max(held, default=-LIMIT)
    tune = [r for r in failed if r["split"] == "tune"]
    ceiling = max((best(r) for r in tune if not r["answerable"]), default=-LIMIT)
    above = sorted(best(r) for r in tune if r["answerable"] and best(r) > ceiling)
    threshold = (ceiling + above[0]) / 2 if above else ceiling
    print(f"failed the selected papers: {len(failed)}; tune's highest unanswerable runner-up {ceiling:+.2f}, "
          f"lowest answerable above it {above[0] if above else None}; threshold {threshold:+.2f}")
    for split in ("tune", "holdout"):
        rows = [r for r in failed if r["split"] == split]
        for answerable in (True, False):
            picked = [r for r in rows if r["answerable"] == answerable]
            saved = [str(r["id"]) for r in picked if runner_up_answers(r, threshold)]
            print(f"  {split} {'answerable' if answerable else 'unanswerable'}: {len(saved)}/{len(picked)} answered by a runner-up {saved}")


def bisect(says_yes: Callable[[float], bool]) -> float:
    """The bias on NO at which a greedy YES/NO check turns from YES to NO: its margin, to within 0.05."""
    if says_yes(LIMIT):
        return LIMIT
    if not says_yes(-LIMIT):
        return -LIMIT
    low, high = -LIMIT, LIMIT  # YES at low, NO at high
    for _ in range(STEPS):
        mid = (low + high) / 2
        low, high = (mid, high) if says_yes(mid) else (low, mid)
    return round((low + high) / 2, 3)


def collect(args: argparse.Namespace) -> None:
    rows = [r for r in load_gold(Path(args.file)) if not args.split or r.get("split") == args.split]
    settings = Settings.from_env({**os.environ, "PAPERCHAT_BACKEND": "local", "PAPERCHAT_LOCAL_MODEL": "1.5b"})
    engine = Engine.from_settings(settings)
    writer = engine.writer("local")
    assert isinstance(writer, NotesWriter)
    print(f"load average at start: {os.getloadavg()[0]:.2f}; {len(rows)} questions")
    done = set()
    out = Path(args.out)
    if out.exists():
        done = {json.loads(line)["id"] for line in out.read_text().splitlines() if line.strip()}
    try:
        with out.open("a") as sink:
            for row in rows:
                if row["id"] in done or row.get("type") == "injection":
                    continue
                plan = engine.plan(row["turns"][-1])
                top = plan.selected[0] if plan.selected else None
                record = {
                    "id": row["id"],
                    "split": row.get("split"),
                    "kind": row.get("kind") or row.get("type"),
                    "answerable": is_answerable(row),
                    "retrieval_refused": plan.refusal_reason if plan.refused else None,
                    "relevance": round(top.relevance, 4) if top else None,
                    "keyword": round(top.keyword, 4) if top else None,
                    "judged": not plan.refused and verdict_decides(plan),
                    "margin": None,
                }
                if args.only_asked_for and not (record["judged"] and plan.wanted):
                    continue
                asks_claim = plan.presupposes is not None and not takes_for_granted(plan.question)
                if args.claims and not (record["judged"] and asks_claim):
                    continue
                if record["judged"]:
                    record["margin"] = margin(writer, plan)
                    if args.claims and plan.presupposes is not None:  # the claim a yes/no question asks after
                        record["claim"] = plan.presupposes[1]
                        record["claim_margin"] = claim_margin(writer, plan)
                    if (args.asked_for or args.only_asked_for) and plan.wanted:
                        record["asked_for_papers"] = asked_for_margins(writer, plan)
                        record["asked_for"] = max(record["asked_for_papers"])
                        if plan.scene:  # the condition a scene-setting clause states, per paper
                            record["scene_papers"] = scene_margins(writer, plan)
                        if args.runners_up and not writer.holds_wanted(plan, WriteStats()):
                            record["runners_up"] = runner_up_margins(writer, plan, row.get("gold_titles", []))
                sink.write(json.dumps(record) + "\n")
                sink.flush()
                print(record, flush=True)
    finally:
        engine.close()
    print(f"load average at end: {os.getloadavg()[0]:.2f}")


def refused(record: dict[str, object], threshold: float, asked_for: float | None = None) -> bool:
    """The decision with bias `threshold` on NO: retrieval's refusal, else the check's margin; with `asked_for`, then
    also the check of what the question asks for, at that bias."""
    if record["retrieval_refused"]:
        return True
    if not record["judged"]:
        return False
    if float(record["margin"]) <= threshold:  # type: ignore[arg-type]
        return True
    return asked_for is not None and "asked_for" in record and float(record["asked_for"]) <= asked_for  # type: ignore[arg-type]


def sweep(args: argparse.Namespace) -> None:
    records = [json.loads(line) for line in Path(args.file).read_text().splitlines() if line.strip()]
    if args.runners_up:
        sweep_runners_up(records)
        return
    if args.claims:
        sweep_claims(records)
        return
    splits = sorted({str(r["split"]) for r in records})
    thresholds = [round(-1.0 + step * 0.05, 2) for step in range(47)]  # every margin seen lies in (-1, 1.3)

    key = "asked_for" if args.asked_for else "margin"

    def counts(split: str, threshold: float) -> tuple[int, int, int, int]:
        def decide(record: dict[str, object]) -> bool:
            return refused(record, APP_CHECK_BIAS, threshold) if args.asked_for else refused(record, threshold)

        return confusion(records, split, decide)

    print("threshold  " + "  ".join(f"{s}: unanswerable refused, answerable wrongly refused" for s in splits))
    for threshold in thresholds:
        cells = [f"{u:>3}/{nu} {u / nu:.3f}  {a:>2}/{na} {a / na:.3f}" for u, nu, a, na in (counts(s, threshold) for s in splits)]
        print(f"{threshold:>+6.2f}     " + "        ".join(cells))
    for split in splits:
        judged = [{**r, "margin": r[key]} for r in records if r["split"] == split and r["judged"] and key in r]
        print(f"{split}: AUC of the {key.replace('_', '-')} margin among questions it decides {auc(judged):.3f} ({len(judged)} questions)")
        if args.asked_for:
            same = [r for r in records if r["split"] == split and r["judged"] and key in r]
            print(f"{split}: AUC of the answerability check's margin on the same questions {auc(same):.3f}")
    if args.asked_for:
        compare_rules(records)
    if "tune" in splits and not args.asked_for:  # with --asked-for, compare_rules chooses
        best = chosen_on_tune(thresholds, counts)
        if best is None:
            print(f"no threshold keeps tune's answerable questions wrongly refused <= {MAX_WRONGLY_REFUSED}")
            return
        print(f"chosen on tune (most unanswerable refused with answerable wrongly refused <= {MAX_WRONGLY_REFUSED}): {best:+.2f}")
        for split in splits:
            u, nu, a, na = counts(split, best)
            print(f"  {split}: unanswerable refused {u}/{nu} = {u / nu:.3f}, answerable wrongly refused {a}/{na} = {a / na:.3f}")


# How the two checks of a question with an asked-for claim can decide together: refused when `rule(record, t)`.
RULES: dict[str, Callable[[dict[str, float], float], bool]] = {
    "answerability check at the app's bias, then the asked-for check at t": lambda r, t: r["margin"] <= APP_CHECK_BIAS
    or r["asked_for"] <= t,
    "the asked-for check alone at t": lambda r, t: r["asked_for"] <= t,
    "the sum of both margins at t": lambda r, t: r["margin"] + r["asked_for"] <= t,
    "the asked-for check at t, or the answerability check at t - 0.5": lambda r, t: r["asked_for"] <= t
    or r["margin"] <= t - 0.5,
}


def compare_rules(records: list[dict[str, object]]) -> None:
    """Each rule on the questions both checks reach, its t chosen on tune (the most unanswerable refused with at
    most 2% of answerable ones wrongly refused), then read on every split."""
    both = [r for r in records if r.get("judged") and "asked_for" in r and not r.get("retrieval_refused")]
    splits = sorted({str(r["split"]) for r in both})
    thresholds = [round(-3.0 + step * 0.05, 2) for step in range(121)]
    for name, rule in RULES.items():

        def counts(split: str, t: float, rule: Callable[[dict[str, float], float], bool] = rule) -> tuple[int, int, int, int]:
            return confusion(both, split, lambda r: rule(r, t))  # type: ignore[arg-type]

        best = chosen_on_tune(thresholds, counts)
        if best is None:
            print(f"{name}: no t keeps tune's answerable questions wrongly refused <= {MAX_WRONGLY_REFUSED}")
            continue
        cells = "; ".join(f"{s} {u}/{nu} refused, {a}/{na} wrongly" for s in splits for u, nu, a, na in [counts(s, best)])
        print(f"{name}, t = {best:+.2f} (chosen on tune): {cells}")


def confusion(records: list[dict[str, object]], split: str, refuses: Callable[[dict[str, object]], bool]) -> tuple[int, int, int, int]:
    """(unanswerable refused, unanswerable, answerable refused, answerable) among `split`'s records."""
    part = [r for r in records if r["split"] == split]
    no = [r for r in part if not r["answerable"]]
    yes = [r for r in part if r["answerable"]]
    return sum(refuses(r) for r in no), len(no), sum(refuses(r) for r in yes), len(yes)


def chosen_on_tune(thresholds: list[float], counts: Callable[[str, float], tuple[int, int, int, int]]) -> float | None:
    """The threshold that refuses the most of tune's unanswerable questions with at most `MAX_WRONGLY_REFUSED` of its
    answerable ones (the highest such on a tie: the least strict); None if none keeps to that."""
    allowed = [t for t in thresholds if counts("tune", t)[2] <= MAX_WRONGLY_REFUSED * counts("tune", t)[3]]
    return max(allowed, key=lambda t: (counts("tune", t)[0], -t)) if allowed else None


def sweep_claims(records: list[dict[str, object]]) -> None:
    """The threshold of the claim a yes/no question about a named paper asks after: on tune, the middle of the margins
    that separate the stated claims (answerable) from the unstated ones, above the most unstated ones refused with no
    stated one; each half's confusion at it, at the premise's threshold, and the AUC of both checks."""
    claims = [{**r, "margin": r["claim_margin"]} for r in records if "claim_margin" in r]
    tune = [r for r in claims if r["split"] == "tune"]
    lowest_stated = min(float(r["margin"]) for r in tune if r["answerable"])  # type: ignore[arg-type]
    below = [float(r["margin"]) for r in tune if not r["answerable"] and float(r["margin"]) < lowest_stated]  # type: ignore[arg-type]
    chosen = round((max(below, default=-LIMIT) + lowest_stated) * 10) / 20  # the middle, to 0.05
    for split in sorted({str(r["split"]) for r in claims}):
        part = [r for r in claims if r["split"] == split]
        checks = [r for r in records if r["split"] == split and "claim_margin" in r]
        print(f"{split}: {len(part)} claims; AUC of the claim check {auc(part):.3f}, of the answerability check {auc(checks):.3f}")
        for name, threshold in (("chosen", chosen), ("premise", PREMISE_BIAS)):
            no, n_no, yes, n_yes = confusion(claims, split, lambda r, t=threshold: float(r["margin"]) <= t)  # type: ignore[misc]
            print(f"  at {threshold:+.2f} ({name}): unstated refused {no}/{n_no}, stated wrongly refused {yes}/{n_yes}")
    print(f"chosen on tune: {chosen:+.2f} (the app's: {ASKED_BIAS:+.2f})")


def auc(records: list[dict[str, object]]) -> float:
    """Probability that an answerable question's margin exceeds an unanswerable one's (ties count half)."""
    yes = [float(r["margin"]) for r in records if r["answerable"]]  # type: ignore[arg-type]
    no = [float(r["margin"]) for r in records if not r["answerable"]]  # type: ignore[arg-type]
    if not yes or not no:
        return float("nan")
    return sum((y > n) + 0.5 * (y == n) for y in yes for n in no) / (len(yes) * len(no))


def tokens(args: argparse.Namespace) -> None:
    """The check prompt's length in tokens for each question the check decides (the 1.5B's vocabulary)."""
    import statistics

    import llama_cpp
    from llama_cpp.llama_chat_format import format_chatml

    from rag.models import LLM_QUALITY, model_path

    settings = Settings.from_env({**os.environ, "PAPERCHAT_BACKEND": "extractive"})
    vocab = llama_cpp.Llama(str(model_path(LLM_QUALITY, settings.models_dir)), vocab_only=True, verbose=False)
    system = Path(args.system).read_text() if args.system else None
    engine = Engine.from_settings(settings)
    lengths = []
    try:
        for row in load_gold(Path(args.file)):
            plan = engine.plan(row["turns"][-1])
            if plan.refused or not verdict_decides(plan):
                continue
            messages = check_messages(plan)
            if system is not None:
                messages[0]["content"] = system
            prompt = format_chatml(messages).prompt or ""
            lengths.append(len(vocab.tokenize(prompt.encode(), add_bos=False, special=True)))
    finally:
        engine.close()
    lengths.sort()
    print(f"{len(lengths)} checks; prompt tokens median {statistics.median(lengths)}, p90 {lengths[int(0.9 * len(lengths))]}")


def main() -> None:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("collect")
    c.add_argument("file")
    c.add_argument("--out", required=True)
    c.add_argument("--split")
    c.add_argument("--asked-for", action="store_true", help="also the check of what an 'Is there …?' question asks for")
    c.add_argument("--only-asked-for", action="store_true", help="only the questions that check applies to (implies --asked-for)")
    c.add_argument("--runners-up", action="store_true", help="also the papers ranked just below, where the selected fail")
    c.add_argument("--claims", action="store_true", help="only yes/no questions about a named paper, with their claim's margin")
    s = sub.add_parser("sweep")
    s.add_argument("file")
    s.add_argument("--asked-for", action="store_true", help="sweep that check's bias, the answerability check at the app's")
    s.add_argument("--runners-up", action="store_true", help="choose the runners-up's threshold")
    s.add_argument("--claims", action="store_true", help="choose the threshold of a yes/no question's claim")
    t = sub.add_parser("tokens")
    t.add_argument("file")
    t.add_argument("--system", help="a system prompt file to use instead of prompts/check_system.txt")
    args = parser.parse_args()
    {"collect": collect, "sweep": sweep, "tokens": tokens}[args.command](args)


if __name__ == "__main__":
    main()
