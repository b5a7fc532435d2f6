"""The plan stage: question → follow-up or new topic → retrieval → selection → answerability.

Everything decided before any text is written lives in a `Plan`: the standalone
query, the papers an answer may rest on (with their sentences and vectors, which
verification checks against), and a refusal reason when the collection cannot
answer. No model is called here; the plan is instant and deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from rag.answerability import (
    lacks_media,
    ranked_by,
    reports_measure,
    says_no_limitation,
    unmentioned_media,
    why_unanswerable,
)
from rag.errors import QuestionError
from rag.filters import Filters, asks_only_for_limits
from rag.keyword import introducing
from rag.questions import (
    Kind,
    RecordAsk,
    asked_claim,
    asks_for_limitations,
    asks_of_it,
    asks_whether_any,
    chooses_among,
    compares,
    existential_claim,
    is_followup,
    listed_claim,
    picked_claim,
    positions_named,
    presupposed_claim,
    question_kind,
    record_ask,
    scene_claim,
)
from rag.retrieval import Retrieval, RetrievedPaper, Retriever
from rag.settings import RetrievalSettings
from rag.support import asks_for_link
from rag.text import is_name_like, keyword_tokens, listed, names_as_written, occurs_as_word, word_pattern

if TYPE_CHECKING:
    from rag.answer import Answer

COMPARE_EVIDENCE = "the method's input, its key idea and approach, and what it produces"
# The retrieved papers just below the selected ones that an "Is there …?" question's check also reads before it
# refuses: those of the top RUNNERS_UP_DEPTH not selected, RUNNERS_UP at most (benchmarks/README.md "Runners-up").
RUNNERS_UP_DEPTH = 4
RUNNERS_UP = 3
MAX_QUESTION_CHARS = 4000
# How deep a list asked by a name looks for papers that say it (the usual list stops at the top 10).
LIST_BY_NAME_DEPTH = 50
MAX_PAPER_ID_CHARS = 64  # parsers cut explicit ids to this; generated ids are 13 characters


@dataclass
class Turn:
    question: str
    query: str
    answer: Answer

    @property
    def cited_ids(self) -> list[str]:
        return [c.paper_id for c in self.answer.citations]


@dataclass
class Conversation:
    """One user's dialogue: earlier turns feed follow-up retrieval and keep their citations."""

    turns: list[Turn] = field(default_factory=list)

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None

    @property
    def under_discussion(self) -> Turn | None:
        """The turn a follow-up leans on: the last one, passing over refusals after the last answer. After "Which of
        them work with SDXL?" was answered "None of the 4 papers under discussion …", "Which of them handle several
        people?" is still about those 4; it was asked of the whole collection, as a first question."""
        answered = [turn for turn in self.turns if not turn.answer.refused]
        return answered[-1] if answered else self.last


@dataclass
class Plan:
    """What retrieval decided before any text is written."""

    question: str
    query: str
    kind: Kind
    retrieval: Retrieval
    selected: list[RetrievedPaper]
    refused: bool
    followup: bool
    refusal_reason: str | None = None
    # Each selected paper's abstract sentences and their vectors, by paper id: what verification checks against.
    sentences: dict[str, tuple[list[str], np.ndarray]] = field(default_factory=dict)
    # Papers cited in the previous turn that this follow-up continues.
    carried: list[str] = field(default_factory=list)
    # What retrieval was limited to (given, or read from the question); None: the whole collection.
    filters: Filters | None = None
    # Limits the question states that the collection cannot apply ("“since 2025” was not applied: …").
    unapplied: list[str] = field(default_factory=list)
    # What a "How does ECON swap faces?" question takes for granted about a selected paper, or what "Does ECON swap
    # faces?" asks of it: (its index in `selected`, "ECON swaps faces."), for the judge to check against that paper's
    # whole abstract before any answer.
    presupposes: tuple[int, str] | None = None
    # What an "Is there …?" / "Which method …?" question asks the collection to hold, said of each selected paper
    # ("DOPE presents whole-body 3D pose estimation from thermal images."): one of them must state it. Empty: the
    # question is not of that form.
    wanted: list[str] = field(default_factory=list)
    # The condition a clause that sets the scene of such a question states, said of each selected paper ("DOPE works
    # for dogs and cats."), checked on its own: a paper holds what is asked only if it states both. Empty: no such
    # clause.
    scene: list[str] = field(default_factory=list)
    # Lines said with the answer about what it covers: a name the question spells that several papers introduce
    # ("DELTA" is five papers' name among 74,807; the answer is about the best-ranked one), or a list of the newest
    # papers a question's limits keep when more match.
    caveats: list[str] = field(default_factory=list)
    # For a question with an asked-for claim: the papers retrieval ranked just below that were not selected (at most
    # `RUNNERS_UP` of the top 4), with their sentences in `sentences`. When no selected paper holds what the question
    # asks for, the judge looks at these before refusing (`choosing`; benchmarks/README.md "Runners-up"). In a plan
    # refused for a medium no selected abstract names, only those that name it; in one refused for anything else, none.
    runners_up: list[RetrievedPaper] = field(default_factory=list)
    # For a follow-up that picks among the papers under discussion ("Which of them use diffusion models?"): what each
    # selected paper must state to be picked ("TryOn-Adapter uses diffusion models."); the judge keeps the papers
    # whose abstract states it (`NotesWriter.picked`). Empty: the question does not pick.
    picks: list[str] = field(default_factory=list)
    # What the question asks of the library's records instead of an abstract ("Who wrote ECON?" → authors; "Which one
    # is the most recent?" → newest), about `selected`: answered from their metadata, no model. None: it does not.
    record: RecordAsk | None = None
    # For a question about a paper's own limitations ("What are the limitations of ICON?"): the selected papers whose
    # abstract names none (`says_no_limitation`); the answer says so first.
    no_limits_stated: list[RetrievedPaper] = field(default_factory=list)
    # For a first question that asks which papers do something ("Which papers study bias in T2I models?"): what each
    # selected paper must state to belong in the list ("CustomContrast studies bias in T2I models."); the papers after
    # the first whose abstract the judge finds does not state it get no note (`NotesWriter.paper_belongs`). Empty: not
    # such a list, or one of the newest papers its limits keep.
    belongs: list[str] = field(default_factory=list)
    # Method-like names the question compares a paper with, or asks about alone, that no abstract of the collection
    # spells ("Is ECON better than PIFuHD?" → ["PIFuHD"]): said with the answer, or with the refusal (`stranger_notes`).
    strangers: list[str] = field(default_factory=list)

    def choosing(self, result: RetrievedPaper) -> Plan | None:
        """This plan with `result`, one of `runners_up`, as its only paper (None if no claim can be made of it)."""
        wanted = wanted_claims(self.question, [result])
        if not wanted:
            return None
        scene = scene_claims(self.question, [result]) if self.scene else []
        return replace(self, selected=[result], wanted=wanted, scene=scene, runners_up=[], presupposes=None)


class Planner:
    def __init__(self, retriever: Retriever, settings: RetrievalSettings) -> None:
        self.retriever = retriever
        self.settings = settings

    def plan(self, question: str, conversation: Conversation | None = None, filters: Filters | None = None) -> Plan:
        question = check_question(question)
        query, followup, carried = self.standalone_query(question, conversation)
        filters, unapplied = self.retriever.question_limits(question, filters)
        retrieval = self.retriever.retrieve(
            query, carried=carried, evidence_query=question if followup else None, filters=filters
        )
        kind = question_kind(question, len(retrieval.named))
        names = self.retriever.named_in(question)  # the names the question itself spells, not the follow-up's query
        naming = introducing(names)  # the papers that introduce them
        placed = by_place(question, conversation.under_discussion if conversation else None)
        if len(placed) >= 2:
            kind = "compare" if compares(question) else "multi"  # "Compare the first two.": those two, whatever is named
        elif placed:
            kind = "single"  # "How does the second one work?"
        elif carried and kind == "single" and chooses_among(question):
            kind = "multi"  # "which one needs a body model?" looks at every paper under discussion
        # A question that asks for nothing but its limits ("What has Black proposed since 2025?", "papers by Black"):
        # no topic to rank by or to refuse for, so the newest papers the limits keep are listed.
        listed: list[RetrievedPaper] = []
        caveats: list[str] = []
        if filters and not followup and asks_only_for_limits(question, filters):
            listed, total = self.retriever.newest(filters, self.settings.max_cited)
            if listed:
                kind = "multi"
                self.retriever.rank_evidence(COMPARE_EVIDENCE, listed)  # what each paper does, not "by Black"
            if total > len(listed) > 0:
                caveats.append(
                    f"{total} papers match; the {len(listed)} newest are listed. Add a topic to the question to rank them by it"
                )
        # A list asked by a name ("Which papers report results on AGORA?"): the papers that say it.
        by_name = self.papers_naming(question, query, filters) if kind == "multi" and not carried and not listed else []
        selected = listed or by_name or select_papers(
            retrieval, kind, carried, self.settings, by_place=bool(placed), named=naming
        )
        if kind == "compare" and followup and not placed:
            selected = beside_those_discussed(retrieval, carried, naming) or selected
        if not followup and not listed and not by_name and kind in ("compare", "single"):
            # "Compare ICON, ECON and the coarse-to-fine multi-view reconstruction method …": each paper it lists
            # (named none: the papers it describes are all of them, not an addition to retrieval's best)
            alongside = selected if retrieval.named else []
            described = self.described(question, names, alongside, filters)
            if described and len(alongside) + len(described) >= 2:
                selected, kind = [*alongside, *described][: self.settings.max_cited], "compare"
        if kind == "compare":
            # "How does ECON differ from ICON?" has no words a sentence could match beyond the names: rank each
            # paper's sentences by what a comparison needs too. The names stay in: the sentence that says "we
            # propose ECON, …" is what a comparison reads first. Taking them out changed 32 of the compare set's 36
            # extractive answers, mostly to problem statements and results (benchmarks/README.md, stop 48).
            self.retriever.rank_evidence(f"{question} {COMPARE_EVIDENCE}", selected)
        refusal = why_unanswerable(
            question, selected, self.settings.refuse_below, carried, by_name=bool(by_name or listed)
        )
        record, about = records_asked(question, retrieval, selected, followup, naming)
        if record is not None:
            selected, refusal = about, None  # the records answer it, whatever the abstracts say
        if filters and not retrieval.papers:
            refusal = filters.no_match_message()  # the filter, not the question, left nothing to answer from
        ranks = kind in ("multi", "compare") and len(selected) >= 2 and refusal is None and record is None
        ranking = ranked_by(question, compared=kind == "compare") if ranks else None
        if ranking:  # "Which of them is the fastest?": the papers whose abstract reports a speed first, and who does
            ordered, line = by_what_they_report(selected, *ranking)
            selected = ordered if kind == "multi" else selected  # a comparison keeps the order it names them in
            caveats += [line] if line else []
        sentences = {p.paper.paper_id: self.retriever.sentences(p.paper) for p in selected}
        # The names the question spells, for a first-turn single-paper question: what its premise and namesakes read.
        named = names if kind == "single" and not followup else {}
        presupposes = presupposed(question, named, selected) if named else None
        # a list question gets it only when it asks whether there are any ("Are there papers that …?")
        checks_wanted = not listed and (kind == "single" or (kind == "multi" and asks_whether_any(question)))
        # A question that names its paper asks about that paper, not whether the collection holds something: "Is
        # there a GitHub repository for HR-VITON?" made the claim "HR-VITON presents a GitHub repository …", "Which
        # dataset was MagicDance evaluated on?" "MagicDance was MagicDance evaluated on.", and both were refused
        checks_wanted = checks_wanted and not (selected and selected[0].named)
        wanted = wanted_claims(question, selected) if checks_wanted and not followup and not presupposes else []
        scene = scene_claims(question, selected) if wanted else []
        runners_up = self.runners_up(retrieval, selected) if wanted else []
        if refusal is not None:
            # refused for a medium no selected abstract names: a paper ranked below that names it may still hold what
            # the question asks for, and the judge checks it (`Engine.events`); refused for anything else, none is
            runners_up = [r for r in runners_up if not unmentioned_media(question, [r])] if lacks_media(refusal) else []
        picks = picked_claims(question, selected) if followup and carried else []
        if lacks_media(refusal) and picks:
            # a follow-up that picks among the papers under discussion by a medium none of them names ("Which of them
            # run on a phone?", "Does it work on video?") is told so of those papers, as for any claim they do not
            # state (`NotesWriter.paper_picked` finds it without a model call), not refused as a question of the collection
            refusal, runners_up = None, []
        sentences |= {p.paper.paper_id: self.retriever.sentences(p.paper) for p in runners_up}
        about_limits = asks_for_limitations(question) and refusal is None and record is None and (kind != "multi" or followup)
        no_limits = [r for r in selected if says_no_limitation(sentences[r.paper.paper_id][0])] if about_limits else []
        picks = [] if no_limits else picks  # "Does it have any limitations?": the rule, not a judge, answers that
        # a list by its topic or by a name its papers say ("T2I" is in six abstracts), not the newest its limits keep
        ranked_list = kind == "multi" and not (followup or listed or wanted or record or refusal)
        belongs = list_claims(question, selected) if ranked_list and len(selected) >= 2 else []
        if named:
            scope = self.retriever.keyword_index().facets.scope(filters).paper_ids if filters else None
            caveats += namesakes_of(question, named, retrieval, selected, scope)
        strangers = strangers_of(question, names, self.retriever.knows) if record is None else []
        return Plan(
            question, query, kind, retrieval, selected, refusal is not None, followup, refusal, sentences, carried, filters,
            unapplied, presupposes, wanted, scene, caveats, runners_up, picks, record, no_limits, belongs, strangers,
        )  # fmt: skip

    def described(
        self, question: str, names: Collection[str], selected: Sequence[RetrievedPaper], filters: Filters | None
    ) -> list[RetrievedPaper]:
        """For a question that lists papers ("Tell me about SIG, Arc2Face and the paper on boosting face recognition
        with StyleGAN."), the papers of the items it lists that no name of the collection names: for a description
        ("the paper on …", "a method that …", four words or more), the best paper retrieval finds for it; for a name-like word
        ("MyTalk", "CAMOUFLaGE", "DSR", which the abstracts use but do not introduce), the one paper that spells it; none
        for an item whose paper is in `selected` or found already. Empty when the question lists nothing, or an item finds
        no paper."""
        items = listed_items(question)
        if len(items) < 2:
            return []
        known = [name.lower() for name in names]
        found: list[RetrievedPaper] = []
        have = {r.paper.paper_id for r in selected}
        for item in items:
            if any(occurs_as_word(name, item.lower()) for name in known):
                continue
            if len(item.split()) >= 4 and re.match(r"(?:the|a|an)\s", item, re.IGNORECASE) and not re.search(r"[:;?]", item):
                best = self.retriever.retrieve(item, filters=filters, evidence=False).papers[:1]
            elif _MIXED_CASE.fullmatch(item) or (is_name_like(item) and " " not in item):
                spelled = self.retriever.keyword_index().spelled_by(item)
                ranked = self.retriever.retrieve(item, filters=filters, evidence=False).papers if len(spelled) == 1 else []
                best = [r for r in ranked if r.paper.paper_id == spelled[0]][:1]
            else:
                return []  # an item that is neither: not a list of papers
            if not best:
                return []
            if best[0].paper.paper_id in have:
                continue  # already selected ("Geom-Erasing", retrieved for the question's words)
            have.add(best[0].paper.paper_id)
            found.append(best[0])
        return found

    @staticmethod
    def runners_up(retrieval: Retrieval, selected: Sequence[RetrievedPaper]) -> list[RetrievedPaper]:
        chosen = {result.paper.paper_id for result in selected}
        return [p for p in retrieval.papers[:RUNNERS_UP_DEPTH] if p.paper.paper_id not in chosen][:RUNNERS_UP]

    def papers_naming(self, question: str, query: str, filters: Filters | None) -> list[RetrievedPaper]:
        """For a list asked by a name ("Which papers report results on Human3.6M?"): the best-ranked papers whose
        title or abstract says one of the question's names (a plural counts), `LIST_BY_NAME_DEPTH` deep; none
        when no paper says one. Papers nearest in meaning to the rest of the question do not belong in it."""
        names = names_as_written(_EXEMPLARS.sub(" ", question))
        if not names:
            return []
        ranked = self.retriever.ranking(query, LIST_BY_NAME_DEPTH, filters=filters)
        chosen = [p for p in ranked if _says_any(f"{p.paper.title} {p.paper.abstract}".lower(), names)]
        chosen = chosen[: self.settings.max_cited]
        if chosen:
            self.retriever.rank_evidence(question, chosen)
        return chosen

    def standalone_query(self, question: str, conversation: Conversation | None = None) -> tuple[str, bool, list[str]]:
        """(retrieval query, is a follow-up, papers it carries) for a checked question after `conversation`.

        No retrieval (the name index and the previous turn only), so a conversation a client sends back
        (the OpenAI-compatible API) is rebuilt turn by turn without re-running each turn's search.
        """
        previous = conversation.under_discussion if conversation else None
        named = self.retriever.names_in(question)
        placed = by_place(question, previous)
        followup = bool(placed) or is_followup(question, named, previous.cited_ids if previous else None)
        carried = placed or (previous.cited_ids if followup and previous else [])
        singular = re.search(r"\b(?:it|its)\b", question, re.IGNORECASE)
        if followup and previous and not placed and singular and asks_of_it(question) and ranked_by(previous.question):
            # "Which of them is the fastest?", then "Does it keep tattoos?": "it" is the paper that answer put first
            carried = carried[:1]
        query = question
        if followup and previous:
            # Standalone query: the previous one, the names of the papers it cited (or of those picked by place),
            # then the follow-up.
            cited = [c for c in previous.answer.citations if c.paper_id in carried][:3]
            query = " ".join([previous.query, *[c.title.split(":")[0] for c in cited], question])
        return query, followup, carried


def by_place(question: str, previous: Turn | None) -> list[str]:
    """The papers of the previous answer the question picks out by their place in it ("Compare the first two.",
    "How does the second one work?", "[1] and [3]"), in the order it names them; empty when it names none."""
    if previous is None:
        return []
    cited = previous.cited_ids
    return [cited[i] for i in positions_named(question, len(cited))]


def presupposed(
    question: str, named: dict[str, list[str]], selected: Sequence[RetrievedPaper]
) -> tuple[int, str] | None:
    """(index in `selected`, claim) for a "How does <name> <verb> …?" question on a selected paper that introduces
    the name (`named`: the question's names and their papers): "How does BEDLAM detect deepfakes?" takes "BEDLAM
    detects deepfakes." for granted. A yes/no question that names one paper ("Does Portrait3D produce a rigged 3D
    head?") asks whether its claim holds ("Portrait3D produces a rigged 3D head."), and the same check decides it; not
    one about the paper's code or limitations, which their own rules answer."""
    yes_no = len(named) == 1 and not asks_for_link(question) and not asks_for_limitations(question)
    for name, owners in named.items():
        at = next((i for i, result in enumerate(selected) if result.paper.paper_id in owners), None)
        if at is None:
            continue
        claim = presupposed_claim(question, name) or (asked_claim(question, name) if yes_no else None)
        if claim is not None:
            return at, claim
    return None


def namesakes_of(
    question: str,
    named: dict[str, list[str]],
    retrieval: Retrieval,
    selected: Sequence[RetrievedPaper],
    scope: Collection[str] | None = None,
) -> list[str]:
    """For each name the question spells that several papers (in `scope`, if given) introduce, the first selected
    paper among them: a line saying the answer is about that one, naming the others retrieved, so a reader is not
    told about one "DELTA" of five as if it were the only one."""
    if not selected:
        return []
    first = selected[0].paper
    lines = []
    for name, owners in named.items():
        count = sum(1 for pid in owners if scope is None or pid in scope)
        if count < 2 or first.paper_id not in owners:
            continue
        others = [p.paper.title for p in retrieval.papers if p.paper.paper_id in owners and p.paper.paper_id != first.paper_id]
        match = word_pattern(name).search(question)
        where = "among the filtered papers" if scope is not None else "in this collection"
        shown = others[:3]
        more = count - 1 - len(shown)
        listed = ", ".join(f"“{title}”" for title in shown) + (f" and {more} more" if more else "")
        lines.append(
            f"“{match.group(0) if match else name}” is the name of {count} papers {where}; this answer is "
            f"about “{first.title}”" + (f" (others: {listed})" if shown else "") + ". To ask about another, add its topic"
        )
    return lines


# A name a question sets a paper against ("Is ECON better than PIFuHD?", "How does ECON compare to PIFuHD?", "Compare
# ICON with SMPLify-X", "the difference between DreamBooth and InstantID"), or asks about alone ("What is DreamBooth?",
# "How does PIFuHD work?", "What about PIFuHD?"); not any name after "to" or "and" ("robust to MRI contrast differences").
_NAME = r"[\w.+-]*[\w+]"
_SET_AGAINST = [
    re.compile(rf"\b(?:than|versus|vs\.?|against|over|beats?|outperforms?|surpass(?:es)?)\s+(?P<name>{_NAME})", re.IGNORECASE),
    re.compile(
        rf"\b(?:compare[sd]?|comparison|contrast(?:s|ed)?|differ(?:s|ence|ences)?|different)\b(?:\s+[\w-]+){{0,3}}?\s+"
        rf"(?:to|with|from)\s+(?P<name>{_NAME})",
        re.IGNORECASE,
    ),
    re.compile(rf"\bbetween\s+(?P<name>{_NAME})\s+and\s+(?P<other>{_NAME})", re.IGNORECASE),
    re.compile(rf"^\s*compare\s+(?P<name>{_NAME})\s+(?:and|with|to)\s+(?P<other>{_NAME})", re.IGNORECASE),
    # the first of the two: "How does PuLID compare to …", "Is StableVITON better than …", "PyMAF or DaNet: which …"
    re.compile(
        rf"^\s*(?:(?:how|why)\s+)?(?:does|do|did|is|are|was|were)\s+(?P<name>{_NAME})\s+(?:[\w-]+\s+){{0,2}}?"
        r"(?:compare|differ|better|worse|faster|slower|more|less|outperform|beat|similar|different)\b",
        re.IGNORECASE,
    ),
    re.compile(rf"^\s*(?P<name>{_NAME})\s+(?:versus|vs\.?|or)\s+(?P<other>{_NAME})\b", re.IGNORECASE),
    re.compile(rf"\bwhich\b[^,]*,\s*(?P<name>{_NAME})\s+or\s+(?P<other>{_NAME})\s*\??\s*$", re.IGNORECASE),
    re.compile(rf"\b(?:would|should|does|do|is|can)\s+(?:I\s+use\s+)?(?P<name>{_NAME})\s+or\s+(?P<other>{_NAME})\b", re.IGNORECASE),
    # "What does VividPose do that AnimateAnyone doesn't?"
    re.compile(rf"\bdo\s+that\s+(?P<name>{_NAME})\s+(?:does|do|did)(?:n['\u2019]t|\s+not)\b", re.IGNORECASE),
]
# "StegaStamp-style watermarking", "PIFuHD's results": the name without what is added to it
_ADDED_TO_NAME = re.compile(r"(?:-(?:style|like|based|type|esque)|['\u2019]s)$", re.IGNORECASE)
_ASKED_ALONE = re.compile(
    rf"^\s*(?:what\s+(?:is|are|was)\s+(?P<what>{_NAME})|how\s+(?:does|do|did)\s+(?P<how>{_NAME})\s+work"
    rf"|what\s+(?:does|do|did)\s+(?P<do>{_NAME})\s+do|(?:(?:what|how)\s+about|and)\s+(?P<about>{_NAME}))\s*\??\s*$",
    re.IGNORECASE,
)


def strangers_of(question: str, names: Collection[str], spelled: Callable[[str], bool]) -> list[str]:
    """The method-like names a question compares a paper with, or asks about alone, that no abstract of the
    collection spells (`spelled`: whether some stored paper has a keyword term; `names`: the collection's names the
    question spells).

    "Is ECON better than PIFuHD?" was answered with ECON's "perceived realism is better by a large margin", which
    reads as a verdict on PIFuHD, a paper the collection does not hold. A name some abstract spells gets no line:
    whether it is that paper's own term ("We train MyTalk …", in Make Your Actor Talk) or another paper's
    ("methods such as … DreamBooth", in InstantID) the abstract does not always say."""
    alone = _ASKED_ALONE.match(question)
    said = [name for pattern in _SET_AGAINST for m in pattern.finditer(question) for name in m.groupdict().values() if name]
    said += [name for name in (alone.groupdict().values() if alone else ()) if name]
    known = {name.lower() for name in names}
    return [
        name
        for name in dict.fromkeys(_ADDED_TO_NAME.sub("", said_name) for said_name in said)
        if is_name_like(name) and name.lower() not in known and not any(spelled(term) for term in keyword_tokens(name)[:1])
    ]


def stranger_notes(strangers: Sequence[str], refused: bool) -> list[str]:
    """What an answer (or a refusal) says of the names no abstract here spells (`Plan.strangers`)."""
    after = "" if refused else ": the answer says only what the cited papers state"
    return [f"\u201c{name}\u201d is not in this collection, and no abstract here mentions it{after}" for name in strangers]


def by_what_they_report(
    selected: Sequence[RetrievedPaper], what: str, patterns: tuple[str, ...]
) -> tuple[list[RetrievedPaper], str | None]:
    """For a question that ranks the selected papers by `what` ("Which of them is the fastest?"): those whose title
    or abstract reports it first, in their order, and a line saying which do not; no line when all do.

    After four try-on papers, "Which of them is the fastest?" was answered by a note on each, SD-VITON's first; only
    the third one's abstract reports a speed ("nearly 20 times faster"), and the next question's "it" took SD-VITON."""
    reports = [r for r in selected if reports_measure(f"{r.paper.title} {r.paper.abstract}", patterns)]
    others = [r for r in selected if r not in reports]
    if not others:
        return list(selected), None
    if not reports:
        return list(selected), f"None of the {len(selected)} papers in this answer reports its {what} in its abstract, so they cannot be ranked by it"
    named = listed([f"\u201c{r.paper.name or r.paper.title}\u201d" for r in reports])
    one = len(reports) == 1
    return [*reports, *others], (
        f"Of the {len(selected)} papers in this answer, only {named} report{'s' if one else ''} {'its' if one else 'their'} {what} "
        f"in {'its' if one else 'their'} abstract{'' if one else 's'}; the other{f' {len(others)}' if len(others) > 1 else ''} cannot be ranked by it"
    )


# "Compare A, B and C.", "Tell me about A and the paper on …", "What do A and B do?": the items a question lists
_LISTS_PAPERS = re.compile(
    r"^\s*(?:(?:can|could)\s+you\s+|please\s+)?(?:compare|contrast|summari[sz]e|describe|tell\s+me\s+about|what\s+(?:do|are|is)"
    r"|how\s+do)\s+(?P<items>.+?)(?:\s+(?:do|differ|compare|work))?\s*[.?!]*\s*$",
    re.IGNORECASE,
)
_MIXED_CASE = re.compile(r"(?=[\w+-]*[a-z][\w+-]*[A-Z])[A-Za-z][\w+-]*")


def listed_items(question: str) -> list[str]:
    """["SIG", "Arc2Face", "the paper on boosting face recognition with StyleGAN"] from "Tell me about SIG, Arc2Face
    and the paper on boosting face recognition with StyleGAN."; [] when the question lists nothing."""
    match = _LISTS_PAPERS.match(question)
    if not match:
        return []
    items: list[str] = []
    for item in (part.strip() for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group("items"))):
        short = len(item.split()) < 4 and not _MIXED_CASE.fullmatch(item) and not is_name_like(item)
        if items and re.match(r"(?:the|a|an)\s", items[-1], re.IGNORECASE) and len(items[-1].split()) < 4:
            items[-1] += f", {item}"  # "a time-efficient, identity-consistent … model": a comma between its adjectives
        elif items and len(items[-1].split()) >= 4 and short:
            items[-1] += f" and {item}"  # "… with misalignment and occlusion-handled conditions": an "and" inside it
        elif item:
            items.append(item)
    return items


def check_question(question: str) -> str:
    """The question as printable text: control, format and unpaired-surrogate characters dropped, and any
    other space (no-break, ideographic) made a plain space, so "hello\u3000world" stays two words."""
    visible = (ch for ch in (question or "") if ch.isprintable() or ch.isspace())
    cleaned = "".join(ch if ch.isprintable() or ch in "\n\t" else " " for ch in visible).strip()
    if not cleaned:
        raise QuestionError("empty question: type a question about the papers")
    if len(cleaned) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"question is {len(cleaned)} characters; the limit is {MAX_QUESTION_CHARS}: shorten it to the question itself"
        )
    return cleaned


def check_paper_ids(paper_ids: Sequence[str]) -> list[str]:
    """2 or 3 different ids that could name a stored paper (ids are at most 64 printable ASCII characters)."""
    if not 2 <= len(paper_ids) <= 3:
        raise QuestionError(f"pick 2 or 3 papers to compare, not {len(paper_ids)}")
    if len(set(paper_ids)) < len(paper_ids):
        raise QuestionError("pick 2 or 3 different papers to compare, not the same one twice")
    for paper_id in paper_ids:
        storable = isinstance(paper_id, str) and paper_id.isascii() and paper_id.isprintable()
        if not storable or not 0 < len(paper_id) <= MAX_PAPER_ID_CHARS:  # chromadb raises on a surrogate
            shown = repr(paper_id)[:40] + ("…" if len(repr(paper_id)) > 40 else "")
            raise QuestionError(f"paper {shown} is not in the collection; pick papers from the library")
    return list(paper_ids)


# "Which papers, like ECON, reconstruct clothed humans?": a name given as an example does not limit the list.
_EXEMPLARS = re.compile(r"\b(?:like|such as|similar to|e\.g\.,?|including)\s+[^,;:?!()]+", re.IGNORECASE)


def _says_any(text: str, names: set[str]) -> bool:
    """Whether `text` (lower-cased) says one of `names`, in the singular or plural ("GANs" and "GAN")."""
    forms = {form for name in names for form in (name, f"{name}s", name[:-1] if name.endswith("s") and len(name) > 3 else name)}
    return any(occurs_as_word(form, text) for form in forms)


def wanted_claims(question: str, selected: Sequence[RetrievedPaper]) -> list[str]:
    """What the question asks for, said of each selected paper, when it asks whether the collection holds
    something ("Is there …?", "Which method …?"); empty otherwise. A paper without a name is "This paper"."""
    claims = [existential_claim(question, result.paper.name or "This paper") for result in selected]
    return [c for c in claims if c is not None] if claims and all(claims) else []


def scene_claims(question: str, selected: Sequence[RetrievedPaper]) -> list[str]:
    """The condition the question's scene-setting clause states, said of each selected paper (`scene_claim`); empty
    without such a clause."""
    claims = [scene_claim(question, result.paper.name or "This paper") for result in selected]
    return [c for c in claims if c is not None]


def records_asked(
    question: str, retrieval: Retrieval, selected: Sequence[RetrievedPaper], followup: bool, named: Collection[str]
) -> tuple[RecordAsk | None, list[RetrievedPaper]]:
    """What the question asks of the library's records (`record_ask`) and of which papers: the papers it names ("Who
    wrote ECON?"; `named`, their ids), else those under discussion ("When was it published?", "Who wrote them?");
    "Which one is the most recent?" needs two or more under discussion. (None, []) when it asks nothing of them, or of
    no paper it can point to."""
    ask = record_ask(question)
    if ask in ("newest", "oldest"):
        return (ask, list(selected)) if followup and len(selected) >= 2 else (None, [])
    if ask is not None:
        # A name the index knows, else a retrieved paper whose title (or the part before its colon) the question
        # spells: "BEDLAM2.0" among 74,807 papers is no introduced name, but "BEDLAM2.0: Synthetic Humans …" is a title.
        spelled = [r for r in retrieval.papers[:3] if _spells_title(question, r.paper.title)]
        # A follow-up's query carries the names of the papers under discussion: only those its own words name count.
        about = [r for r in retrieval.named if r.paper.paper_id in named][:3]
        about = about or spelled[:1] or (list(selected) if followup else [])
        if about:
            return ask, about
    return None, []


def _spells_title(question: str, title: str) -> bool:
    head = title.split(":")[0].strip()
    return len(head) >= 3 and word_pattern(head).search(question) is not None


def picked_claims(question: str, selected: Sequence[RetrievedPaper]) -> list[str]:
    """What each paper under discussion must state to be picked by a follow-up that picks among them, said of it
    (`picked_claim`); empty when the question does not pick, or asks "which one …" of two papers just compared: "Which
    one needs a photo?" after HeadSculpt and Portrait3D is answered by contrasting both. One paper under discussion is
    checked too: "Which of them use diffusion models?" after a list of one is not told that it does."""
    if not selected or (len(selected) == 2 and re.match(r"\s*which\s+one\b", question, re.IGNORECASE)):
        return []
    claims = [picked_claim(question, result.paper.name or "This paper") for result in selected]
    return [c for c in claims if c is not None] if all(claims) else []


def list_claims(question: str, selected: Sequence[RetrievedPaper]) -> list[str]:
    """What each selected paper must state to belong in the answer to a list question (`listed_claim`); empty when
    the question is not of that form."""
    claims = [listed_claim(question, result.paper.name or "This paper") for result in selected]
    return [c for c in claims if c is not None] if all(claims) else []


def beside_those_discussed(retrieval: Retrieval, carried: Sequence[str], named: Sequence[str]) -> list[RetrievedPaper]:
    """"How do they differ from PSHuman?": the papers under discussion (two at most) and the ones the question
    names that were not; empty when it names none."""
    new = [p for p in retrieval.named if p.paper.paper_id in named and p.paper.paper_id not in carried]
    if not new:
        return []
    discussed = [p for p in retrieval.papers if p.paper.paper_id in carried]
    return [*discussed[: max(1, 3 - len(new))], *new]


def select_papers(
    retrieval: Retrieval,
    kind: Kind,
    carried: Sequence[str],
    settings: RetrievalSettings,
    *,
    by_place: bool = False,
    named: Collection[str] = (),
) -> list[RetrievedPaper]:
    """The papers an answer should rest on, best first; `by_place`: the `carried` papers the question picked out by
    their place in the previous answer, in the order it names them; `named`: the papers the question itself names."""
    papers = retrieval.papers
    if not papers:
        return []
    if by_place:
        found = {p.paper.paper_id: p for p in papers}
        return [found[pid] for pid in carried if pid in found]
    if kind == "compare":
        # every paper it names ("How do InstantID, ConsistentID, StableIdentity and PhotoVerse differ?" lost PhotoVerse
        # at 3), up to what an answer may cite
        both = retrieval.named[: settings.max_cited]
        return both if len(both) >= 2 else papers[:2]
    if carried and kind == "single":
        # One of them asked about by name ("How does Portrait3D keep the identity?" after a list of three heads
        # papers) is that one, however the query built from the conversation ranks it (HeadSculpt came first).
        by_name = [p for p in papers if p.paper.paper_id in named and p.paper.paper_id in carried]
        if by_name:
            return by_name[:1]
    if carried:
        # A question about them all ("Which one needs a body model?", "Who wrote them?") looks at every paper under
        # discussion, however this query ranks it; a question about one, at the best of the top 5.
        kept = [p for p in (papers[:5] if kind == "single" else papers) if p.paper.paper_id in carried]
        if kept:
            return kept[:1] if kind == "single" else kept
    named_papers = [p for p in papers if p.paper.paper_id in named]
    if kind == "single" and named_papers and papers[0].paper.paper_id not in named:
        # "What datasets was MADE tested on?": the paper the question names, though its generic words ("datasets",
        # "tested") matched Vec2Face fully by keywords and "made" is no keyword at all
        return named_papers[:1]
    top = papers[0]
    if kind == "multi":
        floor = top.relevance - settings.multi_relevance_margin
        chosen = [p for p in papers[: settings.max_cited] if p.score >= settings.multi_min_score and p.relevance >= floor]
        return chosen or [top]
    chosen = [top]
    for other in papers[1:3]:
        if other.score >= settings.tie_min_score and other.relevance >= top.relevance - settings.tie_relevance_margin:
            chosen.append(other)
    return chosen
