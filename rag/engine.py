"""The one engine the CLI, the UI and the API share: plan → write → verify → Answer.

`Engine.from_settings` composes the default parts; the engine itself only runs
the stages in order, so a test or an integration can pass its own retriever,
writer or verifier. It holds read-mostly resources (embedder, store, indexes);
conversations are plain objects owned by the caller (a CLI run, a UI session),
so two users never share state through the engine.
"""

from __future__ import annotations

import time
from collections.abc import Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rag.answer import JUDGED_NONE_PICKED, Answer, RetrievedRef
from rag.compare import CompareTable, compare_papers
from rag.embeddings import Embedder
from rag.errors import LLMError, QuestionError
from rag.extractive import (
    no_limits_line,
    none_picked_refusal,
    not_stated_line,
    premise_refusal,
    record_answer,
    refusal_answer,
)
from rag.filters import Filters
from rag.llm import ChatModel, Turns
from rag.papers import Paper
from rag.plan import (
    MAX_PAPER_ID_CHARS,
    MAX_QUESTION_CHARS,
    Conversation,
    Plan,
    Planner,
    Turn,
    check_paper_ids,
    check_question,
    select_papers,
    stranger_notes,
)
from rag.questions import asks_of_it, takes_for_granted
from rag.retrieval import Retriever
from rag.settings import Settings, check_backend
from rag.store import PaperStore
from rag.verify import Verifier
from rag.writers import ExtractiveWriter, NotesWriter, Writer, WriteStats

if TYPE_CHECKING:
    from rag.llm_server import Role

__all__ = [
    "MAX_PAPER_ID_CHARS",
    "MAX_QUESTION_CHARS",
    "Conversation",
    "Engine",
    "Plan",
    "Progress",
    "QuestionError",
    "Turn",
    "check_paper_ids",
    "check_question",
    "select_papers",
]

# Local models whose YES/NO on "does this paper do what the question asks?" is trusted to refuse or to leave
# a paper out, each with the bias added to its NO: the check refuses when logit(YES) - logit(NO) <= bias, the
# threshold that refused the most unanswerable questions of the refusal set's tune half with at most 2% of
# answerable ones (`python -m benchmarks.refusal_margins`; benchmarks/README.md "Refusals"). The 0.5B says NO
# to nearly every answerable question, so its verdict is not asked for.
ANSWERABILITY_JUDGES: dict[str, float] = {"1.5b": -0.15}
# The same for the check of a question's premise ("How does BEDLAM detect deepfakes?" takes "BEDLAM detects
# deepfakes." for granted) against the named paper's whole abstract: on the tune halves of eval/premise_set.jsonl and
# the refusal set's false premises, the threshold nearest the false premises that refuses all of them, none of the
# true ones (benchmarks/README.md "A premise is checked against the whole abstract").
PREMISE_JUDGES: dict[str, float] = {"1.5b": -0.6}
# The same check for the claim a yes/no question about the paper it names asks after ("Does Portrait3D produce a
# rigged 3D head?" → "Portrait3D produces a rigged 3D head."): chosen on the tune half of the refusal set's 41 such
# questions, the middle of the margins that separate the claims its abstracts state from those they do not
# (benchmarks/README.md "Yes/no questions about a named paper").
ASKED_JUDGES: dict[str, float] = {"1.5b": 0.2}
# The same for what an "Is there …?" / "Which method …?" question asks for, said of each selected paper and checked
# against its whole abstract, which alone decides such a question: chosen on the refusal set's tune half, the most
# unanswerable refused with no answerable one (benchmarks/README.md "The asked-for check decides alone").
EXISTENCE_JUDGES: dict[str, float] = {"1.5b": -0.3}
# The same for the condition such a question's scene-setting clause states ("For dogs and cats, is there …?" →
# "OSX works for dogs and cats."), checked on its own after the asked-for check's YES: chosen on the refusal set's
# tune half (benchmarks/README.md "More questions get their asked-for claim, and a scene's condition is checked on
# its own").
SCENE_JUDGES: dict[str, float] = {"1.5b": -0.5}
# The same check of what such a question asks for, said of a paper ranked just below the selected ones, asked when no
# selected paper holds it: chosen on the refusal set's tune half, the middle of the margins that separate its
# answerable questions from its unanswerable ones (benchmarks/README.md "Runners-up").
RUNNER_UP_JUDGES: dict[str, float] = {"1.5b": 0.45}
# The same for a yes/no follow-up about the paper under discussion ("Does it also move the hands?" → "MyTalk moves the
# hands."), whose NO puts "The abstract of MyTalk does not say …" first: chosen on the tune half of
# eval/yes_no_set.jsonl, in the gap between the claims the abstract does not state (highest −0.73) and those it does
# (lowest −0.59), nearest the former, since a wrong "does not say" costs more than a note without it
# (benchmarks/README.md "Yes/no follow-ups about the papers under discussion").
STATED_JUDGES: dict[str, float] = {"1.5b": -0.7}
# The same for what a list question asks, said of each selected paper after the first ("Which papers study bias in T2I
# models?" → "CustomContrast studies bias in T2I models."): a paper whose abstract does not state it is left out.
# Chosen on the tune halves of eval/list_set.jsonl and the refusal set's lists, the best F1 of the selection
# (benchmarks/README.md "Lists keep the papers whose abstract states what the question asks").
BELONGS_JUDGES: dict[str, float] = {"1.5b": -0.4}
JUDGED_UNANSWERABLE = "the model found that no source does what the question asks"
JUDGED_NOT_STATED = "the model found that the abstract of the paper under discussion does not state what the question asks"
NO_LIMITS_STATED = "the abstract does not state a limitation of the paper the question asks about"
JUDGED_FALSE_PREMISE = "the model found that the paper the question names does not do what the question takes for granted"
JUDGED_NAMED_NOT_STATED = "the model found that the abstract of the paper the question names does not state what the question asks"


@dataclass(frozen=True)
class Progress:
    """A stage of the answer has started: "retrieving", "picking" (which papers under discussion a follow-up picks),
    "writing", "verifying"; "sources" carries the plan."""

    stage: str
    elapsed_ms: float
    plan: Plan | None = None


Event = str | Progress | Answer


class Engine:
    def __init__(
        self,
        settings: Settings,
        *,
        embedder: Embedder,
        store: PaperStore,
        retriever: Retriever,
        planner: Planner,
        verifier: Verifier,
        writers: Mapping[str, Writer] | None = None,
    ) -> None:
        self.settings = settings
        self.embedder = embedder
        self.store = store
        self.retriever = retriever
        self.planner = planner
        self.verifier = verifier
        self._writers: dict[str, Writer] = dict(writers or {})
        self._models: dict[str, ChatModel] = {}
        self._local_turn = Turns()  # the local notes' and judge's servers evaluate prompts one at a time

    @classmethod
    def from_settings(cls, settings: Settings) -> Engine:
        """The default parts: MiniLM, the configured Chroma, hybrid retrieval, the rule-based verifier."""
        embedder = Embedder(settings.models_dir)
        store = PaperStore(settings.store, embedder.model_id)
        index_dir = settings.home / "index" / settings.store.collection
        retriever = Retriever(store, embedder, index_dir, settings.retrieval)
        planner = Planner(retriever, settings.retrieval)
        verifier = Verifier(embedder.embed, retriever.named_in, retriever.knows)
        return cls(settings, embedder=embedder, store=store, retriever=retriever, planner=planner, verifier=verifier)

    def warm(self) -> None:
        """Load the embedder and the keyword index now, so the first question is not the slow one."""
        self.embedder.embed_one("warm-up")
        if self.paper_count():
            self.retriever.keyword_index()

    # --- collection ------------------------------------------------------------------

    @property
    def index_dir(self) -> Path:
        """Where the retriever keeps the keyword index (ingest writes it there, under its lock)."""
        return self.retriever.index_dir

    def paper_count(self) -> int:
        return self.store.count()

    def papers(self) -> list[Paper]:
        return sorted(self.store.iter_papers(), key=lambda p: p.title.lower())

    def paper(self, paper_id: str) -> Paper | None:
        return self.store.get_papers([paper_id]).get(paper_id)

    def compare(self, paper_ids: Sequence[str], topic: str | None = None) -> CompareTable:
        """A cited side-by-side table of 2–3 stored papers (task, key idea, data, results; and `topic`, a row
        the user names)."""
        paper_ids = check_paper_ids(paper_ids)
        found = self.store.get_papers(paper_ids)
        missing = [pid for pid in paper_ids if pid not in found]
        if missing:
            raise QuestionError(f"paper {missing[0]!r} is not in the collection; pick papers from the library")
        return compare_papers([found[pid] for pid in paper_ids], self.retriever, topic)

    # --- answering -------------------------------------------------------------------

    def plan(self, question: str, conversation: Conversation | None = None, filters: Filters | None = None) -> Plan:
        return self.planner.plan(question, conversation, filters)

    def ask(
        self, question: str, conversation: Conversation | None = None, backend: str | None = None,
        filters: Filters | None = None,
    ) -> Answer:
        answer: Answer | None = None
        for event in self.stream(question, conversation, backend, filters):
            if isinstance(event, Answer):
                answer = event
        assert answer is not None
        return answer

    def stream(
        self, question: str, conversation: Conversation | None = None, backend: str | None = None,
        filters: Filters | None = None,
    ) -> Iterator[str | Answer]:
        """The draft as it is written (str), then the verified Answer; `events` adds the stages."""
        for event in self.events(question, conversation, backend, filters):
            if not isinstance(event, Progress):
                yield event

    def events(
        self, question: str, conversation: Conversation | None = None, backend: str | None = None,
        filters: Filters | None = None,
    ) -> Iterator[Event]:
        """Progress of each stage, the model's draft as it streams, then the final Answer.

        The draft is what the model writes; the Answer carries the verified text, in which a sentence may be
        rewritten, re-cited or removed (each sentence says which, in `Answer.sentences`).
        """
        started = time.perf_counter()
        backend_name = check_backend(backend or self.settings.llm.backend)
        yield Progress("retrieving", 0.0)
        plan = self.plan(question, conversation, filters)
        retrieved_at = time.perf_counter()
        yield Progress("sources", (retrieved_at - started) * 1000, plan)
        timings: dict[str, float] = {}
        if plan.record is not None:  # "Who wrote ECON?": the library's records, not the abstracts, answer it
            answer = record_answer(plan, backend_name)
            yield answer.answer
        elif plan.refused and (chosen := self._runner_up(plan, backend_name, timings)) is not None:
            answer = yield from self._write_and_verify(chosen, backend_name, timings, started)
        elif plan.refused:
            answer = refusal_answer(plan, backend_name)
            yield answer.answer
        else:
            answer = yield from self._write_and_verify(plan, backend_name, timings, started)
        finished = time.perf_counter()
        answer.retrieved = [
            RetrievedRef(p.paper.paper_id, p.paper.title, p.score, p.paper.meta)
            for p in plan.retrieval.papers[: self.settings.retrieval.top_k]
        ]
        answer.timings_ms = {
            "retrieve": (retrieved_at - started) * 1000,
            "generate": (finished - retrieved_at) * 1000,
            "total": (finished - started) * 1000,
            **timings,
        }
        answer.query = plan.query
        answer.filters = plan.filters
        qualifiers = [*plan.unapplied, *(plan.caveats if not answer.refused else []), *stranger_notes(plan.strangers, answer.refused)]
        if qualifiers:  # said first: they qualify the whole answer
            answer.notice = "; ".join([*qualifiers, *([answer.notice] if answer.notice else [])])
        if conversation is not None:
            conversation.turns.append(Turn(plan.question, plan.query, answer))
        yield answer

    def _runner_up(self, plan: Plan, backend: str, timings: dict[str, float]) -> Plan | None:
        """For a plan refused because no selected abstract names the medium the question asks about ("… from
        text-to-video models?"), the plan with the first paper ranked below them that names it and whose abstract the
        judge finds states what the question asks (`NotesWriter.runner_up`); None without a judge or such a paper."""
        if not plan.runners_up:
            return None
        writer = self.writer(backend)
        if not isinstance(writer, NotesWriter):
            return None
        stats = WriteStats()
        try:
            chosen = writer.runner_up(plan, stats)
            return replace(chosen, refused=False, refusal_reason=None) if chosen is not None else None
        except LLMError:
            return None  # the refusal stands: nothing was checked
        finally:
            timings.update(stats.timings_ms)

    def _write_and_verify(
        self, plan: Plan, backend: str, timings: dict[str, float], started: float
    ) -> Generator[Event, None, Answer]:
        writer = self.writer(backend)
        stats = WriteStats()
        lead = None
        if isinstance(writer, NotesWriter) and plan.picks and writer.judge:
            yield Progress("picking", (time.perf_counter() - started) * 1000)
            try:
                picked = writer.picked(plan, stats)  # "Which of them use diffusion models?": those whose abstract says so
            except LLMError:
                picked = plan  # the notes then meet the same failing server and fall back to the extractive answer
            timings.update(stats.timings_ms)
            if asks_of_it(plan.question):
                # "Does it also move the hands?", "Do they need training?": the papers whose abstract does not state it
                # are said first; the notes on what every paper under discussion does state follow
                kept = {r.paper.paper_id for r in picked.selected} if picked is not None else set()
                unsaid = [r for r in plan.selected if r.paper.paper_id not in kept]
                if unsaid:
                    lead = not_stated_line(plan, unsaid)
                    yield "\n\n" + lead
                picked = replace(plan, picks=[])
            if picked is None:
                refusal = none_picked_refusal(plan, backend)
                refusal.notice = JUDGED_NONE_PICKED
                yield "\n\n" + refusal.answer
                return refusal
            plan = picked
        if plan.no_limits_stated:  # "What are the limitations of ICON?": its abstract names none
            lead = no_limits_line(plan.no_limits_stated)
            yield "\n\n" + lead
        answer = yield from self._written(plan, backend, writer, stats, timings, started)
        if lead is not None and not answer.refused:
            answer.answer = f"{lead}\n\n{answer.answer}"
            said = NO_LIMITS_STATED if plan.no_limits_stated else JUDGED_NOT_STATED
            answer.notice = "; ".join([said, *([answer.notice] if answer.notice else [])])
        return answer

    def _written(
        self, plan: Plan, backend: str, writer: Writer, stats: WriteStats, timings: dict[str, float], started: float
    ) -> Generator[Event, None, Answer]:
        """The answer the writer writes from `plan`, verified; a refusal when the judge finds the plan unanswerable."""
        yield Progress("writing", (time.perf_counter() - started) * 1000)
        while True:
            try:
                draft = yield from writer.write(plan, stats)
            except LLMError as error:
                fallback = f"{error}; this is the extractive answer instead"
                yield f"\n\n({fallback})\n\n"
                return self._extractive(plan, fallback)
            finally:
                timings.update(stats.timings_ms)
            if not (isinstance(writer, NotesWriter) and draft.refused and not draft.refusal):  # a premise: no second look
                break
            chosen = writer.runner_up(plan, stats)
            if chosen is None:
                break
            plan = chosen  # a paper ranked just below the selected ones states what the question asks for (no runners-up)
        if draft.refused:
            if draft.refusal:
                refusal = premise_refusal(plan, draft.refusal, backend)
                # "How does BEDLAM detect deepfakes?" takes it for granted; "Does BEDLAM detect deepfakes?" asks it
                refusal.notice = JUDGED_FALSE_PREMISE if takes_for_granted(plan.question) else JUDGED_NAMED_NOT_STATED
            else:
                refusal = refusal_answer(plan, backend)
                refusal.notice = JUDGED_UNANSWERABLE
            if not stats.shown:  # a draft already shown (the first note, written while the judge decided) is
                yield "\n\n" + refusal.answer  # replaced by the refusal as any draft is by its verified answer
            return refusal
        yield Progress("verifying", (time.perf_counter() - started) * 1000)
        verify_started = time.perf_counter()
        verified = self.verifier.verify(draft, plan.selected, plan.sentences, plan.question)
        timings["verify"] = (time.perf_counter() - verify_started) * 1000
        if not verified.citations:
            quoted = self._extractive(plan, f"the {backend} model's answer had no claim the sources support; this is the extractive answer")
            # What the model wrote stays visible, struck out with its reason, as a removed sentence of any answer is.
            quoted.sentences = [*quoted.sentences, *(s for s in verified.sentences if s.status == "removed")]
            quoted.unsupported = verified.unsupported
            return quoted
        removed = len(verified.unsupported)
        notice = f"{removed} sentence{'s' if removed > 1 else ''} without support in the sources removed" if removed else None
        return Answer(
            question=plan.question,
            answer=verified.text,
            refused=False,
            backend=backend,
            citations=verified.citations,
            notice=notice,
            unsupported=verified.unsupported,
            repaired=verified.stats.repaired,
            sentences=verified.sentences,
        )

    def _extractive(self, plan: Plan, notice: str | None = None) -> Answer:
        """The evidence itself, quoted: what every model answer falls back to."""
        draft = ExtractiveWriter(self.settings.retrieval.evidence_per_paper).draft(plan)
        verified = self.verifier.verify(draft, plan.selected, plan.sentences, plan.question)
        return Answer(
            question=plan.question,
            answer=verified.text,
            refused=False,
            backend="extractive",
            citations=verified.citations,
            notice=notice,
            sentences=verified.sentences,
        )

    def writer(self, backend: str) -> Writer:
        """The writer for a backend: quotes for `extractive`, per-paper notes by the backend's model otherwise."""
        if backend not in self._writers:
            if backend == "extractive":
                self._writers[backend] = ExtractiveWriter(self.settings.retrieval.evidence_per_paper)
            else:
                # Only a local model measured to judge well refuses; a remote model's verdict is not asked for.
                bias = ANSWERABILITY_JUDGES.get(self.settings.llm.local_model) if backend == "local" else None
                self._writers[backend] = NotesWriter(
                    self.chat_model(backend),
                    judge=bias is not None,
                    judge_model=self.judge_model(backend) if bias is not None else None,
                    temperature=self.settings.llm.temperature,
                    check_bias=bias or 0.0,
                    premise_bias=PREMISE_JUDGES.get(self.settings.llm.local_model, 0.0),
                    asked_bias=ASKED_JUDGES.get(self.settings.llm.local_model, 0.0),
                    existence_bias=EXISTENCE_JUDGES.get(self.settings.llm.local_model, 0.0),
                    scene_bias=SCENE_JUDGES.get(self.settings.llm.local_model, 0.0),
                    runner_up_bias=RUNNER_UP_JUDGES.get(self.settings.llm.local_model, 0.0),
                    stated_bias=STATED_JUDGES.get(self.settings.llm.local_model, 0.0),
                    belongs_bias=BELONGS_JUDGES.get(self.settings.llm.local_model, 0.0),
                    check_beside_note=self.settings.llm.check_beside_note,
                )
        return self._writers[backend]

    def chat_model(self, backend: str) -> ChatModel:
        """One client per backend; the local one owns the llama.cpp server for this engine's lifetime."""
        if backend not in self._models:
            self._models[backend] = self._local_model("notes") if backend == "local" else ChatModel(self.settings, backend)
        return self._models[backend]

    def judge_model(self, backend: str) -> ChatModel:
        """The client the model's YES/NO checks go to: for a local model we start, its own server (role "judge"),
        so that the notes' server keeps the notes' prompt prefix in its KV cache; otherwise the backend's client."""
        llm = self.settings.llm
        if backend != "local" or llm.local_url or not llm.judge_server:
            return self.chat_model(backend)
        key = "local judge"
        if key not in self._models:
            self._models[key] = self._local_model("judge")
        return self._models[key]

    def _local_model(self, role: Role) -> ChatModel:
        """A client of the local server of this role; the engine's local clients take turns on the CPU."""
        from rag.llm_server import LocalLLMServer

        server = LocalLLMServer(self.settings, role=role)
        return ChatModel(self.settings, "local", server, self._local_turn, first=role == "notes")

    def reconfigure(self, settings: Settings) -> None:
        """Take the settings a user saved in the app (backend, models, endpoint, key, top-k). LLM clients built
        with other LLM settings are closed and rebuilt on next use; the store and indexes stay as they are."""
        if settings.llm != self.settings.llm:
            self.close()
            self._models.clear()
            self._writers.clear()  # a writer holds the chat model it was built with
        self.settings = settings
        self.retriever.settings = settings.retrieval
        self.planner.settings = settings.retrieval

    def close(self) -> None:
        """Close the LLM clients and stop a local LLM server this engine started (after the writers' background
        calls to it: none may start it again)."""
        for writer in self._writers.values():
            if isinstance(writer, NotesWriter):
                writer.close()
        for model in self._models.values():
            model.close()
            if model.server is not None:
                model.server.stop()
