"""The write stage: a Writer turns a Plan into a Draft (sentences, each attributed to the source it is about).

`NotesWriter` makes attribution a matter of construction: the model writes one
short, question-focused note per selected paper and sees only that paper's
evidence while it writes it, so a sentence cited to paper n was written from
paper n's passages (the role of PaperQA2's contextual summaries). Before the
notes, the model's YES/NO on whether the sources answer the question may refuse;
after them, each sentence is checked against its paper's passages. The notes
share one system prompt and put the question before the paper, so llama.cpp
reuses the cached prefix from note to note. With the checks on a server of their
own, a sentence is checked while the model is still writing the next one; once the
answer is out, that server evaluates the prefix the next question's check shares.

`ExtractiveWriter` quotes the evidence sentences themselves, marked as quotes.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Collection, Generator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Protocol

from rag.answerability import unmentioned_media
from rag.errors import LLMError
from rag.extractive import quote
from rag.llm import ChatModel
from rag.papers import Paper
from rag.plan import Plan
from rag.prompts import render
from rag.questions import asks_of_it, takes_for_granted
from rag.retrieval import RetrievedPaper
from rag.text import split_sentences
from rag.verify import (
    Draft,
    DraftSentence,
    clause_change,
    complete_part,
    is_fragment,
    premise_subject,
    question_clause,
    question_premise,
    without_question_talk,
)

NOTE_MAX_TOKENS = {"single": 160, "multi": 70, "compare": 110}
CHECK_MAX_TOKENS = 2
_VERDICT = re.compile(r"^\W*(yes|no)\b[\s.:,!-]*", re.IGNORECASE)
_LEADING_LABEL = re.compile(r"^\s*(?:note|answer)\s*:\s*", re.IGNORECASE)


@dataclass
class WriteStats:
    """What a writer spent, for `timings_ms` and the latency benchmark."""

    timings_ms: dict[str, float] = field(default_factory=dict)
    shown: bool = False  # some of the draft reached the reader (a refusal after it replaces, not follows, it)

    @contextlib.contextmanager
    def checking(self) -> Iterator[None]:
        """Adds the time spent inside to `timings_ms["check"]`: the judge's whole-abstract checks of one answer."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings_ms["check"] = self.timings_ms.get("check", 0.0) + (time.perf_counter() - started) * 1000


class Writer(Protocol):
    name: str

    def write(self, plan: Plan, stats: WriteStats) -> Generator[str, None, Draft]:
        """Yield text for the reader as it is written; return the Draft to verify."""
        ...


def in_abstract_order(result: RetrievedPaper, count: int, *, own: bool = False) -> list[str]:
    """The paper's best evidence sentences, in the order the authors wrote them; with `own`, only those about the
    paper itself when it has any (not "Previous text-based methods for generating 3D heads were limited …")."""
    evidence = result.evidence
    if own:
        evidence = [e for e in evidence if not e.earlier] or evidence
    sentences = [e.sentence for e in evidence[:count]]
    order = {s: i for i, s in enumerate(split_sentences(result.paper.abstract))}
    return sorted(sentences, key=lambda s: order.get(s, 0))


class ExtractiveWriter:
    """No model: each selected paper's best evidence sentences, quoted and cited."""

    name = "extractive"

    def __init__(self, evidence_per_paper: int = 2) -> None:
        self.evidence_per_paper = evidence_per_paper

    def write(self, plan: Plan, stats: WriteStats) -> Generator[str, None, Draft]:
        draft = self.draft(plan)
        yield from ()
        return draft

    def draft(self, plan: Plan) -> Draft:
        draft = Draft(sentences=[])
        for n, result in enumerate(plan.selected):
            draft.headings[n] = f"**{quote(result.paper.name or result.paper.title)}**:"
            # A quote is shown as what the paper does: not a sentence of its abstract about earlier work.
            for sentence in in_abstract_order(result, self.evidence_per_paper, own=True):
                shown = f"\u201c{quote(sentence)}\u201d"
                draft.sentences.append(DraftSentence(shown, (n,), quote=True, evidence=sentence, paragraph=n))
        return draft


class NotesWriter:
    """Per-paper notes by a chat model (local llama.cpp or any OpenAI-compatible endpoint)."""

    def __init__(
        self,
        model: ChatModel,
        *,
        judge: bool,
        judge_model: ChatModel | None = None,
        temperature: float = 0.0,
        passages: int = 3,
        check_bias: float = 0.0,
        premise_bias: float = 0.0,
        asked_bias: float = 0.0,
        existence_bias: float = 0.0,
        scene_bias: float = 0.0,
        runner_up_bias: float = 0.0,
        stated_bias: float = 0.0,
        belongs_bias: float = 0.0,
        overlap: bool = True,
        prefill_check: bool = True,
        check_beside_note: bool = True,
    ) -> None:
        self.model = model
        # The YES/NO checks' client: the same model behind its own server keeps the notes' prompt prefix cached.
        self.judge_model = judge_model or model
        self.name = model.backend
        self.judge = judge  # trust the model's NO (measured per model: benchmarks/README.md "Refusals")
        self.temperature = temperature
        self.passages = passages
        self.check_bias = check_bias  # added to the check's NO logit: a threshold on the model's confidence
        self.premise_bias = premise_bias  # the same, for the check of what a question takes for granted
        self.asked_bias = asked_bias  # the same, for the claim a yes/no question about a paper it names asks after
        self.existence_bias = existence_bias  # the same, for the check of what an "Is there …?" question asks for
        self.scene_bias = scene_bias  # the same, for the condition its scene-setting clause states
        self.runner_up_bias = runner_up_bias  # the same, for what it asks for said of a paper ranked below the selected
        self.stated_bias = stated_bias  # the same, for a yes/no question about the paper under discussion
        self.belongs_bias = belongs_bias  # the same, for what a list question asks, said of each paper after the first
        self.overlap = overlap  # with a judge server of its own: check sentences while the next one is written
        self.prefill_check = prefill_check  # after an answer: the next question's check prefix, while the reader reads
        # with a judge server of its own: the first note is written while the judge decides whether to answer
        self.check_beside_note = check_beside_note
        self._idle: set[threading.Thread] = set()
        self._idle_lock = threading.Lock()
        self._closed = False

    def messages(self, plan: Plan, result: RetrievedPaper) -> list[dict[str, str]]:
        """The note on one paper: the passages it is written from, and the guidance for this kind of question."""
        return note_messages(plan.question, result.paper, in_abstract_order(result, self.passages), f"note_{plan.kind}")

    def states(self, paper: Paper, passages: list[str], claim: str) -> bool:
        """The model's YES/NO: do these passages of the paper state this sentence of its note?

        Its own short prompt (asked inside the note's prompt, under the question, the 1.5B said NO to nearly
        every supported sentence: `paperchat eval --verify`). The system prompt, the paper's passages and the question
        about the claim come first and the claim last, so the sentences of one note share a cached prefix and only
        the claim is new (with the question after the claim, each check evaluated its 75 tokens again).
        """
        if self._says_yes("claim", paper, passages, claim):
            return True
        # A NO is asked once more, as "could a careful reader agree, read as a summary in other words?": the
        # first question alone said NO to 8% of faithful paraphrases that merge two abstract sentences; the
        # second keeps most of those and still says NO to reversals (eval/verify_set.jsonl, benchmarks/README.md "Answer quality").
        return self._says_yes("recheck", paper, passages, claim)

    def _says_yes(self, prompt: str, paper: Paper, passages: list[str], claim: str, bias: float = 0.0) -> bool:
        return self._verdict(claim_messages(prompt, paper, passages, claim), bias)

    def _verdict(self, messages: list[dict[str, str]], bias: float) -> bool:
        """The judge's greedy YES/NO to `messages`, with `bias` added to NO's logit: anything but a leading NO is YES."""
        token_bias = {"NO": bias} if bias else None
        said = "".join(self.judge_model.stream(messages, max_tokens=CHECK_MAX_TOKENS, temperature=0.0, token_bias=token_bias))
        return not re.match(r"\W*no\b", said, flags=re.IGNORECASE)

    def prefill(self, result: RetrievedPaper) -> None:
        """Have the judge's server evaluate the claim checks' shared prefix for this paper (system prompt, title,
        passages, the question, up to "Claim:"), so that the checks of its sentences then evaluate only their own words."""
        self._prefill(claim_messages("claim", result.paper, in_abstract_order(result, self.passages), None))

    def prefill_check_prefix(self) -> None:
        """Have the judge's server evaluate the answerability check's shared prefix (its system prompt, up to the
        sources: 51 tokens with the 1.5B), which the claim checks of an answer push out of its KV cache."""
        self._prefill(check_prefix_messages())

    def _prefill(self, messages: list[dict[str, str]]) -> None:
        """The judge's server evaluates `messages` and writes one token: its KV cache now holds that prompt."""
        with contextlib.suppress(LLMError):  # only a head start: the call that needs it reports a failing server
            "".join(self.judge_model.stream(messages, max_tokens=1, temperature=0.0))

    def _after_answer(self) -> None:
        """Start `prefill_check_prefix` in the background: the answer is out, the reader is reading, and the
        judge's server is idle until the next question, whose check then evaluates only its sources and question."""
        with self._idle_lock:
            if self._closed:
                return
            thread = threading.Thread(target=self._prefill_in_background, name="check-prefill", daemon=True)
            self._idle.add(thread)
            thread.start()

    def _prefill_in_background(self) -> None:
        try:
            self.prefill_check_prefix()
        finally:
            with self._idle_lock:
                self._idle.discard(threading.current_thread())

    def settle(self) -> None:
        """Wait for the background work an answer left (the check prefix being evaluated)."""
        with self._idle_lock:
            running = list(self._idle)
        for thread in running:
            thread.join()

    def close(self) -> None:
        """No background call starts any more, and none is left running: the servers may stop."""
        with self._idle_lock:
            self._closed = True
        self.settle()

    def sources_answer(self, plan: Plan, stats: WriteStats, bias: float | None = None) -> bool:
        """The judge's one-word verdict on whether any selected paper does what the question asks (greedy).

        `bias` (default `check_bias`) is added to NO's logit, so the verdict is YES exactly when
        logit(YES) - logit(NO) > bias: `benchmarks.refusal_margins` finds each question's margin this way, and
        the threshold is chosen on the refusal set's tune half (benchmarks/README.md "Refusals")."""
        started = time.perf_counter()
        says_yes = self._verdict(check_messages(plan), self.check_bias if bias is None else bias)
        stats.timings_ms["check"] = (time.perf_counter() - started) * 1000
        return says_yes

    def answers(self, plan: Plan, stats: WriteStats) -> tuple[bool, str | None]:
        """(whether to answer, why not): the judge's verdict before any note is written.

        A question that takes a claim about a paper it names for granted ("How does BEDLAM detect deepfakes?") is
        answered only if that paper's whole abstract could state the claim ("BEDLAM detects deepfakes."): the
        lenient re-reading question a note's sentence gets after a NO, with `premise_bias` on NO's logit, since a NO
        here refuses the whole answer. Read against the three passages a note is written from, the false premises
        that share most of their words with what the paper does scored near 0 ("TeCH reconstructs humans from
        multi-view videos." +0.02); against the whole abstract, which says what the paper does instead, −1.20
        (benchmarks/README.md "A premise is checked against the whole abstract"). Measured on false and true
        premises (eval/premise_set.jsonl, the refusal set's false premises; benchmarks/README.md "Questions that
        take a claim for granted"), this catches what the answerability check lets through ("How does DisenBooth
        personalize without any fine-tuning?") and refused none of the 30 true premises. The reason is the
        refusal's first sentence ("The abstract of “BEDLAM: …” does not say that BEDLAM detects deepfakes, which the
        question takes for granted.").

        A question that asks whether the collection holds something ("Is there …?", "Which method …?") is decided
        by the check of what it asks for alone (`holds_wanted`): on the refusal set's 120 such questions that check
        separates answerable from unanswerable far better than the answerability check (AUC tune 0.966 / holdout
        0.959, against 0.869 / 0.770); asked first, the answerability check refused answerable questions that the
        asked-for check keeps (benchmarks/README.md "The asked-for check decides alone"). Any other question gets
        the answerability check (`sources_answer`)."""
        if plan.presupposes is None:
            if plan.wanted:
                return self.holds_wanted(plan, stats), None
            return self.sources_answer(plan, stats), None
        started = time.perf_counter()
        at, claim = plan.presupposes
        result = plan.selected[at]
        # "Does Portrait3D produce a rigged head?" asks whether the claim holds, where "How does …?" takes it for granted:
        # the same check, at its own threshold (`asked_bias`; benchmarks/README.md "Yes/no questions about a named paper")
        granted = takes_for_granted(plan.question)
        holds = self._abstract_states(plan, result, claim, self.premise_bias if granted else self.asked_bias)
        stats.timings_ms["check"] = (time.perf_counter() - started) * 1000
        if holds:
            return True, None
        said = claim.rstrip(".")
        return False, f"The abstract of \u201c{result.paper.title}\u201d does not say that {said}" + (
            ", which the question takes for granted." if granted else "."
        )

    def holds_wanted(self, plan: Plan, stats: WriteStats, bias: float | None = None) -> bool:
        """Whether one selected paper's whole abstract states what an "Is there …?" / "Which method …?" question
        asks for, said of that paper ("DOPE presents whole-body 3D pose estimation from thermal infrared images."):
        the lenient re-reading question with `bias` (default `existence_bias`) on NO's logit, and for a question that
        sets a condition in a clause before its asking words, that condition said of the same paper
        (`paper_in_scene`); True when the question is of no such form. YES exactly when the largest of the papers' margins exceeds `bias`
        (`benchmarks.refusal_margins collect --asked-for` finds it by bisection).

        The answerability check asks whether a source is about what the question asks, and a paper on the topic
        without the question's condition ("from thermal images", "for music", "on a smartphone") reads as about
        it. Measured on the refusal set (benchmarks/README.md "Questions that ask whether the collection holds
        something"): checked against the three passages a note is written from, answerable and unanswerable
        margins overlapped; against the whole abstract they separate, since a detail the question names is often
        in a sentence the passages leave out."""
        if not plan.wanted:
            return True
        with stats.checking():
            return any(self.paper_holds(plan, n, bias) and self.paper_in_scene(plan, n) for n in range(len(plan.selected)))

    def runner_up(self, plan: Plan, stats: WriteStats) -> Plan | None:
        """After the selected papers do not hold what an "Is there …?" question asks for: the plan with the first of
        the papers ranked just below them (`Plan.runners_up`) whose whole abstract states it, by the same check with
        the stricter `runner_up_bias`, since a paper retrieval ranked lower has to be the judge's surer YES. None
        when none does, or when the model's verdict is not trusted.

        "Which speech-driven video generator animates a whole person from a single photo?" selected only Make Your
        Actor Talk (a talking-head paper, NO at −1.10); VLOGGER, ranked second and left out of the selection,
        states it at +1.06 (benchmarks/README.md "Runners-up")."""
        if not self.judge or not plan.wanted:
            return None
        for result in plan.runners_up:
            chosen = plan.choosing(result)
            if chosen is not None and self.holds_wanted(chosen, stats, self.runner_up_bias):
                return chosen
        return None

    def picked(self, plan: Plan, stats: WriteStats) -> Plan | None:
        """For a follow-up that picks among the papers under discussion (`Plan.picks`): the plan with only the papers
        whose whole abstract states what it picks by; None when none does. The plan itself when there is nothing to
        pick by or the model's verdict is not trusted.

        Without it, "Which of them also handle several people in one image?" after five personalization papers got a
        note on each, every sentence true of its paper and verified, and none saying whether it handles several
        people: the answer read as if all five did. The papers were retrieved for the previous question, not for this
        claim, so a paper needs the surer YES a runner-up needs (`runner_up_bias`): on eval/pick_set.jsonl the claims
        of papers that do not state it scored up to +0.35 ("InstantID handles several people in one image."), where
        `existence_bias` (−0.3) picked 5 of them (benchmarks/README.md "Follow-ups that pick among the papers").
        A check reads a whole abstract: about 4.5 s a paper with the 1.5B on this machine, and no less with half the
        papers sent to the notes' idle server (both servers share the 2 cores).

        A yes/no question about the one paper under discussion ("Does it also move the hands?") has its own threshold
        (`stated_bias`): the claim is about a paper the reader chose, not a pick among retrieved ones, and a wrong NO
        puts "The abstract of ICON does not say …" first in a true answer (eval/yes_no_set.jsonl: at the premise
        check's −0.6, "ICON works on images where the person is cut off by the frame.", −0.59, was said not stated)."""
        if not self.judge or not plan.picks:
            return plan
        with stats.checking():
            kept = [n for n in range(len(plan.selected)) if self.paper_picked(plan, n)]
        if not kept:
            return None
        return replace(plan, selected=[plan.selected[n] for n in kept], picks=[plan.picks[n] for n in kept])

    def _belongs(self, plan: Plan, n: int, checks: _ClaimChecks | None, stats: WriteStats) -> bool:
        """For a list question (`Plan.belongs`): whether selected paper `n` (after the first) gets
        a note, i.e. its whole abstract states what the question asks of it (`paper_belongs`). True without a judge.

        The list is everything within `multi_relevance_margin` of the best paper's evidence, or every paper that says
        a name the question asks by, and that takes in papers that only share the question's words: "Which papers
        study bias in T2I models?" listed the six abstracts that say "T2I", each with a true note on what it does, so
        the answer read as if they all studied bias. The first paper always gets its note: whether the collection answers at all is the
        answerability check's decision. With the checks' own server the papers are checked while the first note is
        written (`_ClaimChecks.belonging`), so the first words come as soon as before."""
        if not (self.judge and plan.belongs):
            return True
        if checks is not None and checks.belongs:
            return checks.belongs[n].result()
        with stats.checking():
            return self.paper_belongs(plan, n)

    def paper_belongs(self, plan: Plan, n: int, bias: float | None = None) -> bool:
        """Whether selected paper `n`'s whole abstract states what the list question asks (`_belongs`)."""
        return self._abstract_states(plan, plan.selected[n], plan.belongs[n], self.belongs_bias if bias is None else bias)

    def paper_picked(self, plan: Plan, n: int, bias: float | None = None) -> bool:
        """Whether selected paper `n`'s whole abstract states what a follow-up picks by (`picked`). An abstract that never
        names the medium or setting the question asks about ("Does it work on video?") does not, without a model call."""
        if unmentioned_media(plan.question, [plan.selected[n]]):
            return False
        if bias is None:
            bias = self.stated_bias if asks_of_it(plan.question) else self.runner_up_bias
        return self._abstract_states(plan, plan.selected[n], plan.picks[n], bias)

    def paper_holds(self, plan: Plan, n: int, bias: float | None = None) -> bool:
        """Whether selected paper `n`'s whole abstract states the claim the question asks for (`holds_wanted`)."""
        return self._abstract_states(plan, plan.selected[n], plan.wanted[n], self.existence_bias if bias is None else bias)

    def paper_in_scene(self, plan: Plan, n: int, bias: float | None = None) -> bool:
        """Whether selected paper `n`'s whole abstract states the condition the question's scene-setting clause
        sets ("OSX works for dogs and cats."), asked on its own (`scene_claim`); True when there is no such clause."""
        if not plan.scene:
            return True
        return self._abstract_states(plan, plan.selected[n], plan.scene[n], self.scene_bias if bias is None else bias)

    def _abstract_states(self, plan: Plan, result: RetrievedPaper, claim: str, bias: float) -> bool:
        """The lenient re-reading question about `claim`, against the paper's whole abstract, with `bias` on NO."""
        return self._says_yes("recheck", result.paper, plan.sentences[result.paper.paper_id][0], claim, bias)

    def write(self, plan: Plan, stats: WriteStats) -> Generator[str, None, Draft]:
        started = time.perf_counter()
        decides = self.judge and verdict_decides(plan)
        draft = Draft(sentences=[], bullets=plan.kind == "multi")
        separate = self.judge and self.judge_model is not self.model
        if separate:
            self.model.prepare()  # both servers load at once, in the background, on a first answer
            self.judge_model.prepare()
        # With the checks on their own server, each finished sentence is checked while the notes' server writes
        # the next: writing leaves a core free (measured: benchmarks/README.md "Checks while the note is written").
        checks = _ClaimChecks(self, plan) if separate and self.overlap else None
        # The same free core takes the decision whether to answer: the first note's prompt is evaluated first and
        # its words are shown (as a draft) while the judge's server decides; a NO stops the note and the refusal
        # replaces the draft (benchmarks/README.md "The check beside the first note").
        beside = checks if decides and self.check_beside_note else None  # the decision goes to its worker thread
        if decides and beside is None:
            answers, why_not = self.answers(plan, stats)
            if not answers:
                draft.refused, draft.refusal = True, why_not
                return draft
        try:
            for n, result in enumerate(plan.selected):
                if beside and beside.decision and self._refuses(beside.decision.result(), draft):  # a next note after a YES
                    return draft
                if n and not self._belongs(plan, n, checks, stats):
                    continue  # "Which papers study bias?": no note on a paper whose abstract does not state it
                raw = ""
                verdict_done = False
                note_shown = False
                note_started = time.perf_counter()
                with contextlib.closing(
                    self.model.stream(
                        self.messages(plan, result), max_tokens=NOTE_MAX_TOKENS[plan.kind], temperature=self.temperature,
                        turn_while_writing=checks is None,
                    )
                ) as deltas:  # fmt: skip
                    for delta in deltas:
                        decision = beside.decision if beside else None
                        if decision and decision.done() and self._refuses(decision.result(), draft):
                            return draft  # a NO stops the note being written
                        raw += delta
                        if checks is not None and note_shown:  # after the note's first words, which it would slow
                            checks.written(n, note_sentences(raw, result.paper)[:-1])  # all but the last are finished
                        if verdict_done:
                            text = delta
                        else:
                            # The notes no longer open with a YES/NO line (after a NO the 1.5B wrote "This paper does not
                            # answer the question." instead of a note); one a model writes anyway is still not shown.
                            verdict_line, text = _split_verdict(raw)
                            if verdict_line is None and len(raw) < 12 and "\n" not in raw:
                                continue  # a verdict may still be arriving ("YE", "NO")
                            verdict_done = True
                        if not note_shown:
                            text = _LEADING_LABEL.sub("", text.lstrip())
                            if not text:
                                continue
                            if not stats.shown:
                                stats.timings_ms["first_token"] = (time.perf_counter() - started) * 1000
                            text = ("\n\n" if stats.shown else "") + text
                            note_shown = stats.shown = True
                            if beside and beside.decision is None:
                                beside.decide(stats)  # before this paper's prefix
                            if checks is not None and self.judge and plan.belongs:
                                checks.belonging(stats)  # after the decision, before any claim check
                        yield text
                stats.timings_ms[f"note_{n + 1}"] = (time.perf_counter() - note_started) * 1000
                sentences = note_sentences(raw, result.paper)
                abstract = plan.sentences.get(result.paper.paper_id, ([], None))[0]
                for i, sentence in enumerate(sentences):
                    truncated = i == len(sentences) - 1 and cut_off(sentence, abstract)
                    # A note's last sentence cut off at the token limit would otherwise be removed whole (a list's
                    # one-sentence note then loses its paper): it keeps what it completed, up to its last clause,
                    # and is checked like any sentence.
                    cut = complete_part(sentence) if truncated else None
                    draft.sentences.append(
                        note_sentence(cut or sentence, n, truncated=truncated and cut is None, cut=cut is not None)
                    )
                    if checks is not None:
                        checks.start(draft.sentences[-1])
            # Before the claims' results: the decision, which no note showed a word for when each was empty.
            if beside and self._refuses((beside.decision or beside.decide(stats)).result(), draft):
                return draft
            if self.judge:
                # After every note, not after each, when both go to one server: a server keeps only its last prompt's
                # KV, and notes share the system prompt and question (note → note reuses about half the prompt),
                # while a claim check between two notes shares nothing with either (benchmarks.latency_breakdown).
                judge_started = time.perf_counter()
                if checks is not None:
                    draft.sentences = checks.results(draft.sentences)
                else:
                    draft.sentences = [self._judged(plan, s) for s in draft.sentences]
                stats.timings_ms["judge"] = (time.perf_counter() - judge_started) * 1000
                if self.prefill_check:
                    self._after_answer()
        finally:
            if checks is not None:
                checks.close()
        return draft

    @staticmethod
    def _refuses(decision: tuple[bool, str | None], draft: Draft) -> bool:
        """Whether the judge's decision (`answers`) is a NO; if so, `draft` becomes that refusal, without sentences."""
        answers, why_not = decision
        if not answers:
            draft.sentences, draft.refused, draft.refusal = [], True, why_not
        return not answers

    def _judged(self, plan: Plan, sentence: DraftSentence) -> DraftSentence:
        """The sentence with the model's YES/NO against the passages its note was written from.

        A YES for a sentence that puts the question's words in front of the paper's method (`question_premise`)
        is asked again of that claim alone; if the passages do not state it, the sentence keeps only how the paper
        works ("Pose2ID works by aggregating …"), or goes when it does not start with the paper's name."""
        if sentence.truncated or is_fragment(sentence.text):
            return sentence
        result = plan.selected[sentence.cited[0]]
        paper, passages = result.paper, in_abstract_order(result, self.passages)
        if not self.states(paper, passages, sentence.text):
            # "… (LDMs), which replaces or hides who appears in an image …": a NO may be for the question said back
            # in the closing clause; without it, what the sentence says of the paper is asked on its own.
            clause = question_clause(sentence.text, plan.question, f"{paper.title} {paper.abstract}")
            if clause is None or not self.states(paper, passages, clause.head):
                return replace(sentence, judged=False)
            return replace(sentence, text=clause.head, judged=True, changes=(*sentence.changes, clause_change(clause)))
        premise = question_premise(sentence.text, plan.question, paper)
        if premise is None or self.states(paper, passages, premise.head):
            return replace(sentence, judged=True)
        subject = premise_subject(premise.head, paper)
        if subject is None:
            return replace(sentence, judged=False)
        asked = ", ".join(f"\u201c{t}\u201d" for t in premise.missing)
        change = f"\u201c{premise.head}\u201d left out: the question's words ({asked}), which the paper's passages do not state"
        return replace(sentence, text=premise.without_head(subject), judged=True, changes=(*sentence.changes, change))


def note_sentences(raw: str, paper: Paper) -> list[str]:
    """A note's sentences as written so far (a YES/NO first line, a "Note:" label and a title line dropped)."""
    _, note = _split_verdict(raw)
    sentences = split_sentences(_without_title_line(_LEADING_LABEL.sub("", note.strip()), paper))
    return [_named_not_titled(_without_name_label(sentence, paper), paper) for sentence in sentences]


def _named_not_titled(sentence: str, paper: Paper) -> str:
    """A sentence whose subject is the paper's whole "Name: subtitle" title, with the name instead: "Stable Bias:
    Analyzing Societal Representations in Diffusion Models studied …" → "Stable Bias studied …". Only a name of one or
    two words: "Towards Measuring Fairness in AI introduces …" would say less than the title it replaces."""
    name, title = paper.name or "", paper.title.rstrip(".")
    if not name or ":" not in title or len(name.split()) > 2:
        return sentence
    # the subtitle alone counts too: "Explicit Clothed Humans Optimized via Normal integration explores …" is ECON
    subtitle = title.partition(":")[2].strip()
    for said in (title, *([subtitle] if len(subtitle.split()) >= 3 else [])):
        if sentence.lower().startswith(said.lower()) and re.match(r"\s+[a-z]", sentence[len(said) :]):
            return f"{name}{sentence[len(said) :]}"
    return sentence


def _without_name_label(sentence: str, paper: Paper) -> str:
    """The sentence without the paper's name put before it as a label: the 1.5B opened each sentence of a note "WOUAF:
    This paper introduces …", "WOUAF: This approach …". A sentence that starts with the whole title stays."""
    head, colon, rest = sentence.partition(":")
    rest = rest.strip()
    subtitle = paper.title.partition(":")[2].strip()
    if (
        colon
        and rest[:1].isupper()
        and _heading_words(head) in {_heading_words(paper.title), _heading_words(paper.name or "")} - {""}
        and not (subtitle and rest.startswith(subtitle[:20]))
    ):
        return rest
    return sentence


def cut_off(last: str, abstract: Collection[str]) -> bool:
    """Whether a note's last sentence stopped short: no full stop, unless it is one of the abstract's sentences as the
    abstract wrote it ("Code and models are available … at econ.is.tue.mpg.de" ends ECON's abstract without one)."""
    return last[-1:] not in ".!?" and last not in abstract


def note_sentence(text: str, n: int, *, truncated: bool = False, cut: bool = False) -> DraftSentence:
    """A sentence of the note on selected paper n, as it is checked: the model's talk about its task left out
    ("DiffFAE addresses the question by proposing …" → "DiffFAE proposes …"), which verification would otherwise
    remove with the claim it introduces."""
    changes: tuple[str, ...] = ()
    talk = without_question_talk(text)
    if talk is not None:
        text, changes = talk[0], (f"\u201c{talk[1]}\u201d left out: it is about the question, not the paper",)
    return DraftSentence(text, (n,), paragraph=n, truncated=truncated, cut=cut, changes=changes)


def _without_title_line(note: str, paper: Paper) -> str:
    """The note after a first line that only gives the paper's title or name, as a heading ("**ECON**", "Paper: …").

    The 1.5B opens some notes that way; the line has no full stop, so it was read as the start of the first
    sentence: "Putting People in their Place: Monocular Regression of 3D People in Depth Inferring the depth …"
    (7 of 114 answers to the refusal set's answerable questions)."""
    first, newline, rest = note.partition("\n")
    if newline and rest.strip() and _heading_words(first) in {_heading_words(paper.title), _heading_words(paper.name or "")} - {""}:
        return rest.strip()
    return note


def _heading_words(line: str) -> str:
    words = re.sub(r"[\W_]+", " ", line).casefold().split()
    return " ".join(words[1:] if words[:1] == ["paper"] else words)


class _ClaimChecks:
    """The claim checks of one answer, run in order in one worker thread while the notes are written.

    When a note starts to appear (its prompt evaluated, the notes' server writing), the judge's server evaluates
    the prefix that this paper's checks share; each sentence is checked as soon as the note has gone past it, the
    note's last one when the note ends. A note's prompt waits for at most the one check in progress (the notes'
    client goes first, `Turns`). `results` takes each final sentence's result (checking any whose text changed as
    the note went on): the same checks, with the same results, as checking after the notes. With the decision
    whether to answer beside the first note, that decision is the first call, and after a NO the calls queued
    behind it return at once."""

    def __init__(self, writer: NotesWriter, plan: Plan) -> None:
        self.writer, self.plan = writer, plan
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="claim-checks")
        self.started: dict[DraftSentence, Future[DraftSentence]] = {}
        self.prefilled: set[int] = set()
        self.decision: Future[tuple[bool, str | None]] | None = None
        self.belongs: dict[int, Future[bool]] = {}  # a list's papers after the first: whether each gets a note

    def decide(self, stats: WriteStats) -> Future[tuple[bool, str | None]]:
        """The decision whether to answer (`NotesWriter.answers`), ahead of every check queued after it."""
        self.decision = self.pool.submit(self.writer.answers, self.plan, stats)
        return self.decision

    def belonging(self, stats: WriteStats) -> None:
        """Whether each paper after the first belongs in a list's answer (`NotesWriter.paper_belongs`), queued once,
        behind the decision whether to answer and ahead of the first note's claim checks."""
        if self.belongs:
            return

        def belongs(n: int) -> bool:
            if self._refused():
                return False
            with stats.checking():
                return self.writer.paper_belongs(self.plan, n)

        self.belongs = {n: self.pool.submit(belongs, n) for n in range(1, len(self.plan.selected))}

    def _refused(self) -> bool:
        """A check queued after a NO has nothing to do: the answer is a refusal, and waits for what runs."""
        return self.decision is not None and not self.decision.result()[0]

    def written(self, n: int, finished: list[str]) -> None:
        """Note n has produced text; `finished` are its sentences the text has gone past."""
        if n not in self.prefilled:
            self.prefilled.add(n)
            self.pool.submit(self._prefill, n)
        for text in finished:
            self.start(note_sentence(text, n))

    def _prefill(self, n: int) -> None:
        if not self._refused():
            self.writer.prefill(self.plan.selected[n])

    def start(self, sentence: DraftSentence) -> Future[DraftSentence]:
        if sentence not in self.started:
            self.started[sentence] = self.pool.submit(self._judged, sentence)
        return self.started[sentence]

    def _judged(self, sentence: DraftSentence) -> DraftSentence:
        return sentence if self._refused() else self.writer._judged(self.plan, sentence)

    def results(self, sentences: list[DraftSentence]) -> list[DraftSentence]:
        return [future.result() for future in [self.start(sentence) for sentence in sentences]]

    def close(self) -> None:
        """No check left queued or running once the answer is out (or abandoned)."""
        self.pool.shutdown(wait=True, cancel_futures=True)


def claim_messages(prompt: str, paper: Paper, passages: list[str], claim: str | None) -> list[dict[str, str]]:
    """A YES/NO check of one claim against the passages its note was written from ("claim" or "recheck"); with
    `claim=None`, the same prompt cut just before the claim: the prefix every check of this paper shares."""
    if claim is None:
        user = _up_to(f"{prompt}_user", "claim", title=paper.title, passages=" ".join(passages))
    else:
        user = render(f"{prompt}_user", title=paper.title, passages=" ".join(passages), claim=claim)
    return [{"role": "system", "content": render(f"{prompt}_system")}, {"role": "user", "content": user}]


def note_messages(question: str, paper: Paper, passages: list[str], guidance_name: str) -> list[dict[str, str]]:
    """System rules first and unchanging, then the question, then the one paper: a cacheable prefix."""
    guidance = render(guidance_name, method=paper.name or "This paper")
    user = render("note_user", question=question, title=paper.title, passages=" ".join(passages), guidance=guidance)
    return [{"role": "system", "content": render("note_system")}, {"role": "user", "content": user}]


def check_prefix_messages() -> list[dict[str, str]]:
    """The answerability check's prompt cut before its first source: what every question's check shares."""
    user = _up_to("check_user", "sources", question="", guidance="")
    return [{"role": "system", "content": render("check_system")}, {"role": "user", "content": user}]


def _up_to(name: str, field: str, **values: str) -> str:
    """Prompt `name` cut just before `field`: the part every prompt made from it shares, whatever `field` holds."""
    return render(name, **values, **{field: "\x00"}).split("\x00")[0].rstrip()


def check_messages(plan: Plan) -> list[dict[str, str]]:
    """The answerability check: every selected paper's passages at once, and one YES/NO line.

    Measured (benchmarks/README.md "Refusals"): the 1.5B judges this far better with all the sources in view than one paper
    at a time, where it said NO to answerable questions ("dance videos driven by pose sequences").
    """
    blocks = [
        f"Source [{n}], from the paper \"{result.paper.title}\": {' '.join(in_abstract_order(result, 3))}"
        for n, result in enumerate(plan.selected, start=1)
    ]
    user = render("check_user", sources="\n\n".join(blocks), question=plan.question, guidance=render("check_guidance"))
    return [{"role": "system", "content": render("check_system")}, {"role": "user", "content": user}]


def verdict_decides(plan: Plan) -> bool:
    """Whether a judge model's NO leaves a paper out (and all NOs refuse).

    Not for a comparison of named papers, nor for a follow-up about the papers just cited: they are
    answerable by construction, and "does this paper do what the question asks?" misreads "how does it get
    its masks?" or "which one needs a body model?" (measured: the 1.5B said NO to ECON and ICON for the
    latter). Such a follow-up gets a note per paper under discussion, and verification keeps what they state.
    """
    return plan.kind != "compare" and not plan.followup


def _split_verdict(text: str) -> tuple[bool | None, str]:
    """("YES\\nECON infers…") → (True, "ECON infers…"); no verdict → (None, text)."""
    match = _VERDICT.match(text)
    if not match:
        return None, text
    return match.group(1).lower() == "yes", text[match.end() :]
