"""The verify stage: check each written sentence against the abstract it cites, by what it claims.

Similarity alone is not attribution: TeCH's sentence with "ECON" put in front of
it scores near 1.0 against TeCH's abstract. So each sentence goes through rules,
in order, and ends in one of three states (verified, repaired, removed):

1. form — a fragment ("It is.", "ICON has two main modules,") or a repeat of an
   earlier sentence is removed; first-person text copied from an abstract ("we
   propose", "our method") is rewritten in the third person;
2. support — its cited paper must have a sentence that states it (MiniLM cosine
   + word overlap, `rag.support`); a citation another source clearly supports
   better moves there; with no support anywhere the sentence goes;
3. names — a method, model or dataset of the collection named in the sentence
   must be introduced or mentioned by a cited paper; otherwise the citation moves
   to the paper that introduces it (if that paper supports the sentence) or the
   sentence goes: this is what catches a subject swap;
4. facts — a number, or a name-like token, that no cited abstract contains is an
   invention (the question may supply names that are not the collection's);
5. polarity — a sentence that negates what its best evidence sentence states
   ("does not need a body model" against "exploits the SMPL body model").

A source sentence that addresses the model ("ignore the previous instructions…")
is a prompt injection: never support, and a fact found only there is invented.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from rag.answer import AnswerSentence, Citation
from rag.papers import Paper
from rag.retrieval import RetrievedPaper
from rag.support import FIRST_PERSON as _FIRST_PERSON
from rag.support import PRIOR_WORK_MARGIN, about_prior_work, earlier_work, support_scores
from rag.text import keyword_tokens, name_tokens, occurs_as_word, split_sentences, stem, word_pattern

EmbedFn = Callable[[list[str]], np.ndarray]
NamesFn = Callable[[str], dict[str, list[str]]]  # text → {collection name it spells: ids of papers introducing it}

SUPPORT_MIN = 0.45  # support score of the claim against its best sentence in the cited paper
MOVE_MARGIN = 0.08  # another source must beat the cited one by this much to take the citation
MIN_CLAIM_WORDS = 5  # shorter sentences ("Both use diffusion.") may stand uncited if they invent nothing
MIN_SENTENCE_WORDS = 4  # below this a sentence is a fragment ("It is.")
DUPLICATE_OVERLAP = 0.8  # share of a sentence's words found in an earlier one that makes it a repeat

_MARKER = re.compile(r"\s*\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?%?")
# Wording of instructions to a model, which no abstract of the bundled corpus (758 sentences) uses.
_INSTRUCTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b[^.]{0,60}?\b(?:instructions?|rules|prompts?|sources|guidelines)\b"
    r"|\bnew instructions?\b|\bfrom now on\b|\byou (?:must|should|are now)\b|\b(?:answer|reply) that\b"
    r"|</?\s*(?:source|system|instructions?|prompt)\b[^>]*>"
    r"|(?<![\w-])(?-i:SYSTEM|ASSISTANT|INSTRUCTIONS?)\s*:",
    re.IGNORECASE,
)
_SOURCE_MENTION = re.compile(r"\b(?:[Ss]ources?|[Pp]apers?|[Pp]assages?)\s*\[(\d+)\]")
_COPIED_LABEL = re.compile(r"(?:Source|Paper)\s*(?:\[(\d+)\])?,?\s*from the paper\s*\"[^\"]*\"\s*:\s*")
# A model commenting on its task instead of stating what the paper does ("…does not answer the question…").
_META = re.compile(
    r"\b(?:the|this|your) question\b|\b(?:the|these|given) (?:passages?|sources?|excerpts?)\b"
    r"|\bdoes not (?:answer|provide information|mention|say)\b|\bno information (?:about|on)\b",
    re.IGNORECASE,
)
_ANSWER_WORDS = set(keyword_tokens("yes indeed stays remains"))  # how a yes/no answer restates
_THIRD_PERSON = {"we": "the authors", "our": "their", "ours": "theirs", "us": "them", "ourselves": "themselves"}
# The last part of a compound is not a dangling word: "… during virtual try-on." and "… a plug-in." end sentences.
_DANGLING_END = re.compile(r"(?:[,;:(\-–—]|(?<![\w-])(?:and|or|but|with|of|the|a|an|to|for|by|in|on|that|which|is|are))\s*$", re.I)
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|neither|nor|without|cannot|can't|doesn't|don't|didn't|isn't|aren't|wasn't|weren't|"
    r"won't|fails?\s+to|unable|lacks?|lacking|absence)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DraftSentence:
    """One sentence as a writer produced it, with the sources (0-based indexes) it is about."""

    text: str
    cited: tuple[int, ...] = ()
    quote: bool = False  # verbatim text of the cited abstract (the extractive writer): verified by construction
    evidence: str = ""  # for a quote: the abstract sentence it reproduces
    paragraph: int = 0  # sentences of one paragraph are joined with spaces; paragraphs with blank lines
    truncated: bool = False  # the last sentence of a text cut off by the token limit
    cut: bool = False  # such a sentence, shortened to its last complete clause by the writer (`complete_part`)
    judged: bool | None = None  # the writing model, re-reading the passages: do they state it? (None: not asked)
    changes: tuple[str, ...] = ()  # what the writer already repaired (`Premise`)


@dataclass
class Draft:
    sentences: list[DraftSentence]
    bullets: bool = False  # paragraphs are list items (one per paper)
    headings: dict[int, str] = field(default_factory=dict)  # paragraph → text put before it ("**ECON**:")
    refused: bool = False  # the writer's own judgment that the sources do not answer
    refusal: str | None = None  # why, when the writer can say it ("The abstract of “BEDLAM …” does not say …")


@dataclass
class VerifyStats:
    kept: int = 0
    moved: int = 0
    dropped: int = 0
    added: int = 0
    removed_sentences: int = 0
    rewritten: int = 0

    @property
    def repaired(self) -> bool:
        return bool(self.moved or self.dropped or self.added or self.removed_sentences or self.rewritten)


@dataclass
class Verified:
    text: str
    citations: list[Citation]
    sentences: list[AnswerSentence] = field(default_factory=list)
    stats: VerifyStats = field(default_factory=VerifyStats)

    @property
    def unsupported(self) -> list[str]:
        return [s.text for s in self.sentences if s.status == "removed"]


@dataclass
class _Checked:
    """A sentence's verdict before renumbering: source indexes, not yet answer numbers."""

    text: str
    paragraph: int
    kept: list[int]
    evidence: dict[int, str]
    changes: list[str]
    reason: str | None = None


def is_instruction(sentence: str) -> bool:
    """A sentence written to steer a model (a prompt injection), not to describe a paper."""
    return _INSTRUCTION.search(sentence) is not None


def strip_markers(text: str) -> str:
    return _MARKER.sub("", text).strip()


def marker_numbers(text: str) -> list[int]:
    return [int(n) for group in _MARKER.findall(text) for n in re.split(r"[,;]", group)]


def first_person(text: str) -> bool:
    """First-person wording outside quotation marks ("we propose", "our method")."""
    return _FIRST_PERSON.search(_unquoted(text)) is not None


def to_third_person(text: str) -> str:
    """"We propose X; our model…" → "The authors propose X; their model…" (plural, so verbs still agree)."""

    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        new = _THIRD_PERSON[word.lower()]
        return new[0].upper() + new[1:] if word[0].isupper() else new

    parts = re.split(r"(\u201c[^\u201d]*\u201d|\"[^\"]*\")", text)  # leave quotations as they are
    return "".join(part if i % 2 else _FIRST_PERSON.sub(swap, part) for i, part in enumerate(parts))


def _words(text: str) -> list[str]:
    """The words of two letters or more, numbers and marks left out."""
    return re.findall(r"[^\W\d_]{2,}", text)


def is_fragment(text: str) -> bool:
    """Too short to say anything ("It is."), or cut off mid-sentence ("ICON has two main modules,")."""
    words = _words(text)
    return len(words) < MIN_SENTENCE_WORDS or bool(_DANGLING_END.search(text.rstrip(".!? ")))


_OPENER = re.compile(
    r"^(?:by|using|with|to|for|in|on|when|while|although|though|unlike|given|based|after|before|as|if|since|"
    r"because|through|via|from)\b",
    re.IGNORECASE,
)
CUT_MIN_WORDS = 8  # a sentence cut back to a clause keeps at least this many words


def complete_part(text: str) -> str | None:
    """A sentence cut off by the token limit, up to its last comma or semicolon, when what is left stands on its
    own: "BEDLAM presents a synthetic dataset with lifelike animated motion, which is crucial for evaluating the
    eff" → "BEDLAM presents a synthetic dataset with lifelike animated motion." None when no such point exists
    ("… validated on datasets including Human3.6": a number cut in half is not cut back to anything)."""
    for match in reversed(list(re.finditer(r"[,;]\s", text))):
        head = text[: match.start()].rstrip()
        if len(_words(head)) < CUT_MIN_WORDS:
            return None
        if not _stands_alone(head):
            continue
        if _OPENER.match(head) and not re.search(r"[,;]", head):
            return None  # "By leveraging normal maps," — the main clause never came
        return head + "."
    return None


def _stands_alone(head: str) -> bool:
    """A sentence's first part that can end there: its brackets and quotes closed, and not a fragment."""
    return head.count("(") == head.count(")") and not head.count('"') % 2 and not is_fragment(head)


def sentence_words(text: str) -> set[str]:
    return set(keyword_tokens(strip_markers(text)))


def repeats(text: str, earlier: Sequence[str]) -> bool:
    """Most of this sentence's words already stand in one earlier sentence."""
    words = sentence_words(text)
    if not words:
        return False
    return any(len(words & sentence_words(e)) / len(words) >= DUPLICATE_OVERLAP for e in earlier)


_CONTRAST_CLAUSE = re.compile(
    r"[,;]?\s*\b(?:whereas|while|unlike|but|in contrast to|compared (?:to|with)|as opposed to|similar to)\b", re.IGNORECASE
)
# A ranking against a named paper; the name itself is replaced by NUL before the search ("than those of ICON").
_COMPARED = re.compile(
    r"\b(?:than|outperform\w*|surpass\w*|beats?|over|versus|vs\.?|compared (?:to|with)|relative to)\s+"
    r"(?:[\w-]+\s+){0,4}?\0",
    re.IGNORECASE,
)
_LEADING_CONTRAST = re.compile(
    r"^(?:unlike|compared (?:to|with)|in contrast to|as opposed to|similar to|like)\s+[^,]+,\s*", re.IGNORECASE
)


def without_clause_naming(text: str, name: str) -> str | None:
    """The sentence without its contrast clause about `name` ("…, whereas ICON …"), or None if it cannot be cut."""

    pattern = word_pattern(name)

    def names_it(part: str) -> bool:
        return pattern.search(part) is not None

    lead = _LEADING_CONTRAST.match(text)
    if lead and names_it(lead.group(0)):
        rest = text[lead.end() :]
        shorter = rest[:1].upper() + rest[1:]
    else:
        cuts = [m.start() for m in _CONTRAST_CLAUSE.finditer(text)]
        if not cuts:
            return None
        head, tail = text[: cuts[0]], text[cuts[0] :]
        if names_it(head) or not names_it(tail):
            return None
        shorter = head.rstrip(" ,;") + "."
    if names_it(shorter) or is_fragment(shorter):
        return None
    return shorter


def negated(text: str) -> bool:
    return _NEGATION.search(text) is not None


def name_sources(text: str, sources: Sequence[RetrievedPaper]) -> str:
    """Small models write "Source [1] proposes…": name the paper instead, keeping the marker.

    They also copy the prompt's source labels ('Source [1], from the paper "…":'); those go.
    """
    text = _COPIED_LABEL.sub("", text)

    def replace(match: re.Match[str]) -> str:
        n = int(match.group(1))
        if not 1 <= n <= len(sources):
            return match.group(0)
        paper = sources[n - 1].paper
        return f"{paper.name or paper.title} [{n}]"

    return _SOURCE_MENTION.sub(replace, text)


def draft_from_text(text: str, sources: Sequence[RetrievedPaper]) -> Draft:
    """A free-form answer with [n] markers (a remote model's synthesis, a test's draft) as draft sentences."""
    sentences: list[DraftSentence] = []
    for paragraph, line in enumerate(line for line in name_sources(text, sources).splitlines() if line.strip()):
        for sentence in split_sentences(line):
            cited = tuple(dict.fromkeys(n - 1 for n in marker_numbers(sentence)))
            sentences.append(DraftSentence(sentence, cited, paragraph=paragraph))
    return Draft(sentences)


class Verifier:
    """Checks a Draft against the plan's sources; needs only an embedding function and the collection's names."""

    def __init__(self, embed: EmbedFn, names: NamesFn, known: Callable[[str], bool] | None = None) -> None:
        self.embed = embed
        self.names = names
        self.known = known  # whether a keyword token occurs anywhere in the collection

    def verify(
        self,
        draft: Draft,
        sources: Sequence[RetrievedPaper],
        sentences_of: dict[str, tuple[list[str], np.ndarray]],
        question: str = "",
    ) -> Verified:
        papers = [s.paper for s in sources]
        tables = [_citable(*sentences_of.get(p.paper_id, ([], np.zeros((0, 1), np.float32)))) for p in papers]
        texts = [f"{p.title} {' '.join(t[0])}".lower() for p, t in zip(papers, tables, strict=True)]
        stats = VerifyStats()
        slots: list[_Checked | None] = []  # reading order; None until the sentence is checked
        kept_texts: list[tuple[str, set[int]]] = []  # sentences before this one, with the sources they cite
        pending: list[tuple[int, DraftSentence, str, list[str]]] = []
        for item in draft.sentences:
            claim = strip_markers(name_sources(item.text, sources))
            if not claim or not any(ch.isalnum() for ch in claim):
                continue
            if item.quote:
                cited = [n for n in item.cited if 0 <= n < len(papers)]
                slots.append(_Checked(claim, item.paragraph, cited, {n: item.evidence or claim for n in cited}, []))
                kept_texts.append((claim, set(cited)))
                continue
            if is_fragment(claim) or (item.truncated and claim[-1:] not in ".!?"):
                stats.removed_sentences += 1
                slots.append(_Checked(claim, item.paragraph, [], {}, [], "an incomplete sentence"))
                continue
            if _META.search(claim):
                stats.removed_sentences += 1
                slots.append(_Checked(claim, item.paragraph, [], {}, [], "talks about the question or the passages, not the paper"))
                continue
            # Only a sentence on the same paper (or on none) is a repeat here. Two papers' notes can share their
            # words when both say the question back ("PersonalVideo builds on ControlNet …" after StableIdentity's
            # "… builds on ControlNet …"): the paper keeps its place and `_drop_repeats` settles what is shown.
            if repeats(claim, [t for t, on in kept_texts if not on or not item.cited or on & set(item.cited)]):
                stats.removed_sentences += 1
                slots.append(_Checked(claim, item.paragraph, [], {}, [], "repeats an earlier sentence"))
                continue
            changes: list[str] = list(item.changes)
            stats.rewritten += len(item.changes)
            if item.cut:
                changes.append("its unfinished end, cut off by the length limit, left out")
                stats.rewritten += 1
            if first_person(claim):
                claim = to_third_person(claim)
                changes.append("rewritten in the third person (the abstract says \u201cwe\u201d)")
                stats.rewritten += 1
            kept_texts.append((claim, set(item.cited)))
            pending.append((len(slots), item, claim, changes))
            slots.append(None)
        earlier = {sentence for sentences, _ in tables for sentence in earlier_work(sentences)}
        vectors = self.embed([claim for _, _, claim, _ in pending]) if pending else np.zeros((0, 1), np.float32)
        for (slot, item, claim, changes), vector in zip(pending, vectors, strict=True):
            slots[slot] = self._check(item, claim, changes, vector, papers, tables, texts, question, stats, earlier)
        checked = [c for c in slots if c is not None]
        # Each paper's sentence that answers the question best, of those about the paper itself: HeadSculpt's best match
        # for "Does it use a diffusion model?" was "However, existing methods … rely mostly on a pre-trained
        # text-to-image diffusion model …", quoted as if HeadSculpt said it of itself.
        own = {n: [e.sentence for e in s.evidence if not (e.sentence in earlier or about_prior_work(e.sentence))] for n, s in enumerate(sources)}
        best = {n: sentences[0] for n, sentences in own.items() if sentences}
        _drop_restatements(checked, papers, question, stats, best)
        _drop_repeats(checked, papers, stats, best)
        _name_orphaned_pronouns(checked, papers, stats)
        return _assemble(checked, papers, draft, stats)

    def _check(
        self,
        item: DraftSentence,
        claim: str,
        changes: list[str],
        vector: np.ndarray,
        papers: list[Paper],
        tables: list[tuple[list[str], np.ndarray]],
        texts: list[str],
        question: str,
        stats: VerifyStats,
        earlier: Collection[str] = frozenset(),
    ) -> _Checked:
        """`earlier`: the cited abstracts' sentences about earlier work (`earlier_work`)."""
        support: list[tuple[float, str]] = []
        named = self.names(claim)
        own_claims = _own_claims(claim, item.cited, papers, named)
        own_vectors = dict(zip(own_claims, self.embed(list(own_claims.values())), strict=True)) if own_claims else {}
        for n, (sentences, vectors) in enumerate(tables):
            # "MADE and FAIM both address …": each cited paper is checked on the claim without the other's name.
            scores = support_scores(own_claims.get(n, claim), own_vectors.get(n, vector), sentences, vectors)
            best = int(np.argmax(scores)) if len(scores) else -1
            support.append((float(scores[best]), sentences[best]) if best >= 0 else (0.0, ""))
        best = max(range(len(papers)), key=lambda i: support[i][0]) if papers else -1
        is_claim = len(re.findall(r"[A-Za-z]{2,}", claim)) >= MIN_CLAIM_WORDS

        def removed(reason: str) -> _Checked:
            stats.removed_sentences += 1
            return _Checked(claim, item.paragraph, [], {}, changes, reason)

        kept: list[int] = []
        for n in item.cited:
            if not 0 <= n < len(papers):
                stats.dropped += 1  # a number that was never a source
                changes.append(f"citation [{n + 1}] dropped: there is no such source")
                continue
            name = papers[n].name
            about_it = len(item.cited) > 1 and (
                (name is not None and _mentions(claim.lower(), name)) or any(papers[n].paper_id in o for o in named.values())
            )
            if support[n][0] >= SUPPORT_MIN and (about_it or support[n][0] >= support[best][0] - MOVE_MARGIN):
                target = n
                stats.kept += 1
            elif support[best][0] >= SUPPORT_MIN:
                target = best
                stats.moved += 1
                changes.append(f"citation moved from \u201c{_short(papers[n])}\u201d to \u201c{_short(papers[best])}\u201d, which states it")
            else:
                stats.dropped += 1
                continue
            if target not in kept:
                kept.append(target)
        if not kept and is_claim and best >= 0 and support[best][0] >= SUPPORT_MIN:
            kept.append(best)
            stats.added += 1
            changes.append(f"citation added: \u201c{_short(papers[best])}\u201d states it")
        if is_claim and not kept:
            return removed("no source states it")

        # Names: a name of the collection must be introduced or mentioned by a paper the sentence cites.
        for name, owners in named.items():
            if any(papers[n].paper_id in owners for n in kept) or any(_mentions(texts[n], name) for n in kept):
                continue
            # The paper that introduces the name takes the citation only if it states the claim about as well
            # as the cited one: TeCH's sentence with "ECON" in front is still TeCH's claim, not ECON's.
            floor = max([SUPPORT_MIN] + [support[n][0] - MOVE_MARGIN for n in kept])
            movable = [i for i, p in enumerate(papers) if p.paper_id in owners and support[i][0] >= floor]
            if movable and kept:
                stats.moved += 1
                changes.append(
                    f"citation moved to \u201c{_short(papers[movable[0]])}\u201d, the paper that introduces "
                    f"{_shown_name(name, owners, papers)}"
                )
                kept = [movable[0]]
                continue
            shown = _shown_name(name, owners, papers)
            shorter = without_clause_naming(claim, name)
            if shorter is not None:
                # "ECON infers normal maps, whereas ICON regresses an implicit surface": keep what the cited
                # paper states, drop the clause about the other one, and check the rest afresh.
                changes.append(f"the clause about {shown} removed: the cited paper does not mention it")
                stats.rewritten += 1
                shortened = replace(item, judged=None)  # the verdict was on the whole sentence
                return self._check(shortened, shorter, changes, self.embed([shorter])[0], papers, tables, texts, question, stats, earlier)
            return removed(f"names {shown}, which the cited paper neither introduces nor mentions")
        # A move for one name can undo another's ("ECON … more realistic than ICON [ICON]": moved to ECON for
        # "ECON", back to ICON for "ICON"): every name must still be covered by what is finally cited.
        for name, owners in named.items():
            if not any(papers[n].paper_id in owners or _mentions(texts[n], name) for n in kept):
                return removed(f"names {_shown_name(name, owners, papers)}, which the cited paper neither introduces nor mentions")
        # "ECON produces more realistic humans than ICON [1][2]": each abstract states its half, neither the
        # comparison. A sentence that ranks one paper against another needs a cited abstract that names the other.
        for name, owners in named.items():
            marked = word_pattern(name).sub("\0", claim)
            if not _COMPARED.search(marked) or any(
                papers[n].paper_id not in owners and _mentions(texts[n], name) for n in kept
            ):
                continue
            shown = _shown_name(name, owners, papers)
            shorter = without_clause_naming(claim, name)
            if shorter is not None:
                changes.append(f"the comparison with {shown} removed: no cited abstract makes it")
                stats.rewritten += 1
                shortened = replace(item, judged=None)
                return self._check(shortened, shorter, changes, self.embed([shorter])[0], papers, tables, texts, question, stats, earlier)
            return removed(f"compares with {shown}, which no cited abstract does")

        cited_texts = [texts[n] for n in kept]
        invented = _invented(claim, cited_texts if kept else texts, question)
        if invented:
            return removed(f"states {invented}, which the cited abstract does not")
        if self.known is not None and question:
            # "MagicDance turns a piano recording into a dance video": words the answer took from the question that
            # no abstract of the collection uses at all state the question's condition, not the paper's.
            cited_terms = set(keyword_tokens(" ".join(cited_texts)))
            borrowed = set(keyword_tokens(claim)) & set(keyword_tokens(question))
            foreign = sorted(t for t in borrowed if t not in cited_terms and not self.known(t))
            clause = question_clause(claim, question, " ".join(cited_texts)) if foreign else None
            if clause is not None and not set(keyword_tokens(clause.head)) & set(foreign):
                # "… (LDMs), which replaces or hides who appears in an image …": the question said back in a
                # closing clause goes; what comes before it is checked afresh. A verdict on the whole sentence
                # holds for a part of it, so the model's YES or NO stays.
                changes.append(clause_change(clause))
                stats.rewritten += 1
                return self._check(item, clause.head, changes, self.embed([clause.head])[0], papers, tables, texts, question, stats, earlier)
            premise = question_premise(claim, question, papers[kept[0]]) if foreign and len(kept) == 1 else None
            subject = premise_subject(premise.head, papers[kept[0]]) if premise is not None else None
            if premise is not None and subject is not None and not set(keyword_tokens(premise.how)) & set(foreign):
                # "GALA optimises 3D humans … [the question's words], leveraging the general knowledge of a pretrained
                # 2D diffusion model …": what the paper does stays ("GALA works by leveraging …") and is checked
                # afresh; the question's premise goes, as the writer drops it when the model says NO to it alone.
                asked = ", ".join(f"\u201c{t}\u201d" for t in premise.missing)
                changes.append(f"\u201c{premise.head}\u201d left out: the question's words ({asked}), which no abstract in the collection states")
                stats.rewritten += 1
                how = premise.without_head(subject)
                return self._check(item, how, changes, self.embed([how])[0], papers, tables, texts, question, stats, earlier)
            if foreign:
                return removed(f"repeats the question's \u201c{foreign[0]}\u201d, which no abstract in the collection states")
        evidence: dict[int, str] = {}
        for n in kept:
            # The best match may be the abstract's account of earlier work ("Existing methods rely on skip
            # connections"): that is not what this paper does. Only a sentence about the paper itself supports.
            ranked = _ranked_support(claim, vector, tables[n])
            own = [(score, sentence) for score, sentence in ranked if sentence not in earlier]
            best_is_earlier = ranked and ranked[0][1] in earlier and not about_prior_work(claim)
            if best_is_earlier and (not own or own[0][0] < max(SUPPORT_MIN, ranked[0][0] - PRIOR_WORK_MARGIN)):
                return removed("the cited sentence describes earlier work, not this paper")
            best_own = own[0][1] if own else support[n][1]
            if _contradicts(claim, [best_own]):
                return removed("says the opposite of the cited sentence")
            evidence[n] = best_own
        overreach = _overreaches(claim, " ".join(cited_texts))
        if overreach:
            return removed(f"claims \u201c{overreach}\u201d, which the cited abstract does not")
        if item.judged is False and set(kept) == set(item.cited):
            # The rules see words; the model reads the claim against the passages it was written from and
            # catches what they miss: reversals ("keeps the generator frozen" for a paper that tunes it).
            return removed("the model, re-reading the cited passages, found that they do not state it")
        return _Checked(claim, item.paragraph, kept, evidence, changes)


# "Pose2ID estimates 3D human poses from images by aggregating …": a claim, then how, from the first "by <-ing>".
# Also a method after a comma: "GALA optimises 3D humans …, leveraging the general knowledge of …".
_BY_HOW = re.compile(
    r"^(?P<head>.+?)(?:,?\s+(?:by|through)\s+|,\s+(?=(?:using|leveraging|utili[sz]ing|employing|combining|integrating|"
    r"incorporating|exploiting|applying|adopting)\b))(?P<how>[a-z]+ing\b.+)$",
    re.DOTALL,
)


@dataclass(frozen=True)
class Premise:
    """A sentence that puts the question's words in front of how the paper works: "Pose2ID estimates 3D human poses
    from images [the question's premise] by aggregating the same identity features… [what its abstract says]"."""

    head: str  # the sentence before "by <-ing>"
    how: str  # "aggregating the same identity features …"
    missing: tuple[str, ...]  # the head's words from the question that the paper's title and abstract do not say, as written

    def without_head(self, subject: str) -> str:
        """The sentence with only what the paper does: "Pose2ID works by aggregating …"."""
        return f"{subject} works by {self.how}"


def question_premise(sentence: str, question: str, paper: Paper) -> Premise | None:
    """The sentence's claim before "by <-ing>", when it repeats words of the question that the paper's title and
    abstract never say; else None.

    Asked about a condition no paper meets ("Which paper proposes a better facial landmark detector?"), the 1.5B
    writes the question's words as the paper's claim and then describes the paper's real method; a check of the
    whole sentence sees the method, which the passages state, and lets the claim through with it. The claim
    alone can be checked. Words the paper says in another form ("re-identifies", "re-identification") are said.
    """
    match = _BY_HOW.match(sentence.strip())
    if not match or not question:
        return None
    head = match.group("head")
    said = set(keyword_tokens(f"{paper.title} {paper.abstract}"))
    missing = _unsaid_question_words(head, set(keyword_tokens(question)), said)
    return Premise(head, match.group("how"), missing) if missing else None


def premise_subject(head: str, paper: Paper) -> str | None:
    """How the sentence names its paper at its start ("ECON", "The paper “…”", "This paper"), if it does."""
    subjects = (paper.name, f"The paper \u201c{paper.title}\u201d", "This paper", "The paper")
    return next((s for s in subjects if s and head.startswith(s)), None)


def _unsaid_question_words(text: str, asked: set[str], said: set[str]) -> tuple[str, ...]:
    """The words of `text` whose keyword tokens the question has (`asked`) and a paper never says in any form
    (`said`: the tokens of its title and abstract), as written."""
    return tuple(
        word
        for word in dict.fromkeys(re.findall(r"[\w'+-]+", text))
        if any(t in asked and len(t) > 1 and not _says_form(t, said) for t in keyword_tokens(word)[:1])
    )


# Where a sentence's closing clause may start: "…, which …", "… that …", "…, while …", "…, allowing …".
_CLAUSE_START = re.compile(r",?\s+(?:which|that|while|whereas|thereby|thus)\b|,\s+(?=[a-z]+ing\b)")
# "shows that …": the "that" clause is what is shown, not a clause that can go.
_SAYING = re.compile(
    r"(?:show|demonstrate|find|found|argue|claim|suggest|reveal|prove|note|observe|state|highlight|confirm|ensure|"
    r"indicate)(?:s|d|ed|n)?|so|such",
    re.IGNORECASE,
)


def _without_clause_from(sentence: str, holds: Callable[[str], bool]) -> tuple[str, str] | None:
    """(the sentence cut before its closing clause, the clause) for the longest head for which `holds` is false
    while the whole sentence makes it true; None when no such cut leaves a sentence that stands on its own."""
    text = sentence.strip()
    starts = []
    for match in _CLAUSE_START.finditer(text):
        if match.group(0).strip(" ,") == "that":
            before = re.findall(r"[A-Za-z]+", text[: match.start()])
            if not before or _SAYING.fullmatch(before[-1]):
                continue
        starts.append(match.start())
    for start in reversed(starts):
        head = text[:start].rstrip(" ,;:")
        if holds(head):
            continue
        if len(_words(head)) < CUT_MIN_WORDS or not _stands_alone(head):
            return None
        return head + ".", text[start:].lstrip(" ,").rstrip(".")
    return None


@dataclass(frozen=True)
class QuestionClause:
    """A closing clause that says the question back: "… (LDMs), which replaces or hides who appears in an image
    or video …" on a paper that never says "appears"."""

    head: str  # the sentence without it: "This paper presents … based on Latent Diffusion Models (LDMs)."
    clause: str  # "which replaces or hides who appears in an image or video …"
    missing: tuple[str, ...]  # the clause's words from the question that the paper never says


def question_clause(sentence: str, question: str, source: str) -> QuestionClause | None:
    """The sentence's closing clause, when it alone holds words of the question that `source` (the paper's title
    and abstract) never says; else None (also when the sentence's main claim holds them: that is for `question_premise`
    and verification).

    The 1.5B often ends a note with the question in its own words ("…, which matches the same person across
    surveillance cameras"); verification then removed the whole sentence, and a list lost a paper it had
    described correctly before that clause."""
    if not question:
        return None
    asked, said = set(keyword_tokens(question)), set(keyword_tokens(source))
    missing = _unsaid_question_words(sentence, asked, said)
    if not missing:
        return None
    cut = _without_clause_from(sentence, lambda head: bool(_unsaid_question_words(head, asked, said)))
    return QuestionClause(cut[0], cut[1], missing) if cut else None


def clause_change(clause: QuestionClause) -> str:
    words = ", ".join(f"\u201c{w}\u201d" for w in clause.missing)
    return (
        f"\u201c{clause.clause}\u201d left out: the question's words ({words}), which the paper's passages do not state"
    )


# "DiffFAE addresses the question by proposing a method …": the model talking about its task, then the claim.
_TALK_BY = re.compile(
    r"^(?P<subject>.+?)\s+(?:addresses|answers|tackles|fits|matches)\s+(?:the|this|your)\s+question\b[^,.;]*?\s+"
    r"by\s+(?P<verb>[a-z]+ing)\b(?P<rest>.+)$",
    re.IGNORECASE | re.DOTALL,
)
_PRESENT = {
    "proposing": "proposes", "introducing": "introduces", "presenting": "presents", "using": "uses",
    "developing": "develops", "showing": "shows", "leveraging": "leverages", "designing": "designs",
    "creating": "creates", "generating": "generates", "combining": "combines", "providing": "provides",
    "employing": "employs", "learning": "learns", "building": "builds", "offering": "offers", "applying": "applies",
    "treating": "treats", "decomposing": "decomposes", "modeling": "models", "modelling": "models",
    "enabling": "enables", "estimating": "estimates", "reconstructing": "reconstructs", "training": "trains",
    "studying": "studies", "analyzing": "analyzes", "analysing": "analyses", "exploring": "explores",
    "focusing": "focuses", "integrating": "integrates", "incorporating": "incorporates", "editing": "edits",
}  # fmt: skip


def without_question_talk(sentence: str) -> tuple[str, str] | None:
    """(the sentence without the model's talk about its task, what was left out), when the rest is a claim about
    the paper: "DiffFAE addresses the question by proposing a method …" → "DiffFAE proposes a method …"; "GALA
    decomposes … into layered 3D assets, addressing the question by showing …" → "GALA decomposes … into layered
    3D assets.". None when the sentence does not talk about the question, or is nothing but that talk."""
    if not _META.search(sentence):
        return None
    match = _TALK_BY.match(sentence.strip())
    if match:
        verb = match.group("verb").lower()
        present = _PRESENT.get(verb)
        said = f"{present}{match.group('rest')}" if present else f"works by {verb}{match.group('rest')}"
        shorter = f"{match.group('subject')} {said}"
        left_out = match.group(0)[len(match.group("subject")) : match.start("verb")].strip()
    else:
        cut = _without_clause_from(sentence, lambda head: _META.search(head) is not None)
        if cut is None:
            return None
        shorter, left_out = cut
    return None if _META.search(shorter) or is_fragment(shorter) else (shorter, left_out)


def _says_form(term: str, said: set[str]) -> bool:
    """`term` or another form of the word: "identify"/"identification" share "identif", "fac" (faces)/"face"."""
    if term in said:
        return True
    if len(term) < 5:
        return any(other.startswith(term) and len(other) <= len(term) + 3 for other in said)
    least = len(term) - 2
    return any(other[:least] == term[:least] for other in said)


def restates(sentence: str, question: str, names: Sequence[str] = ()) -> bool:
    """The sentence only says the question back ("Yes, Brain-ID is a representation-learning approach that stays
    robust to different MRI protocols"): at most one content word that is in neither the question nor a name. A
    question that asks nothing beyond a name ("What is Brain-ID?") cannot be said back: "Brain-ID is an anatomical
    representation learning model for brain imaging" answers it in its title's words."""
    named = set(keyword_tokens(" ".join(names)))
    asked = set(keyword_tokens(question))
    if not asked - named - _ANSWER_WORDS:
        return False
    given = asked | named | _ANSWER_WORDS
    return len(set(keyword_tokens(sentence)) - given) <= 1


def _drop_restatements(
    checked: list[_Checked], papers: list[Paper], question: str, stats: VerifyStats, best: Mapping[int, str]
) -> None:
    """A sentence that restates the question goes when another sentence on the same paper stays (it then adds
    nothing). Alone, it is still the paper's answer: it stays, or, when it cites one paper, a sentence of that
    paper's abstract is quoted instead ("PersonalVideo builds on ControlNet and states that it can be combined with
    it" answered "Which methods build on ControlNet or state that they can be combined with it?" with the question's
    own words): the one that answers the question best (`best`, by paper index), else the one it was verified
    against. That one was often beside the point: "TryOn-Adapter: “Our experiments demonstrate that our approach
    achieves state-of-the-art performance on two widely-used benchmarks.”"."""
    for item in checked:
        if item.reason is not None or not item.kept:
            continue
        names = [n for i in item.kept for n in (papers[i].name or "", papers[i].title)]
        if not restates(item.text, question, names):
            continue
        others = [o for o in checked if o is not item and o.reason is None and set(o.kept) & set(item.kept)]
        if any(not restates(o.text, question, names) for o in others):
            item.reason = "restates the question; the paper's other sentences answer it"
            stats.removed_sentences += 1
        elif not others and len(item.kept) == 1 and (
            own := (best.get(item.kept[0]) or item.evidence.get(item.kept[0], "")).strip()
        ):
            if restates(own, question, names):
                continue
            paper = papers[item.kept[0]]
            item.text = f"{paper.name or paper.title}: \u201c{own}\u201d"
            item.evidence = {item.kept[0]: own}
            item.changes.append("it only said the question back; the abstract's sentence that answers it best is quoted instead")
            stats.rewritten += 1


def _drop_repeats(checked: list[_Checked], papers: list[Paper], stats: VerifyStats, best: Mapping[int, str]) -> None:
    """A kept sentence that says again what a kept sentence before it said, on another paper, goes; when it was
    its paper's only sentence, that paper's abstract sentence that answers the question best is quoted instead,
    so a list keeps the paper without saying one thing twice. Only what the reader is shown counts as said
    before: a removed sentence repeats nothing."""
    shown: list[str] = []
    for item in checked:
        if item.reason is not None:
            continue
        if not repeats(item.text, shown):
            shown.append(item.text)
            continue
        alone = not any(o is not item and o.reason is None and set(o.kept) & set(item.kept) for o in checked)
        own = (best.get(item.kept[0]) or item.evidence.get(item.kept[0], "")).strip() if len(item.kept) == 1 else ""
        paper = papers[item.kept[0]] if item.kept else None
        quote = f"{paper.name or paper.title}: \u201c{own}\u201d" if paper is not None and own else ""
        if alone and quote and not repeats(quote, shown):
            item.text = quote
            item.evidence = {item.kept[0]: own}
            item.changes.append("it said again what an earlier sentence said; the abstract's sentence that answers the question best is quoted instead")
            stats.rewritten += 1
            shown.append(quote)
            continue
        item.reason = "repeats an earlier sentence"
        stats.removed_sentences += 1


_LEADING_PRONOUN = re.compile(r"^(It|Its|The authors|(?:This|The) (?:method|approach|paper|work|study))\b(?!')")


def _name_orphaned_pronouns(checked: list[_Checked], papers: list[Paper], stats: VerifyStats) -> None:
    """A kept "It uses …" whose paragraph's previous kept sentence is gone, or is about another paper, would read
    as about the wrong paper (or nothing): the paper it cites is named instead ("ECON uses …").

    A paper whose title introduces no name is named by its title ("The paper “…” proposes"): the notes of such papers open with
    "This paper …" (the prompt has no name to give), and a list of "This paper proposes …" bullets read as about
    nothing in particular. "The authors show …" opening a paragraph becomes "The authors of ECON show …"."""
    previous: dict[int, _Checked] = {}  # paragraph → its last kept sentence
    for item in checked:
        if item.reason is not None:
            continue
        before = previous.get(item.paragraph)
        previous[item.paragraph] = item
        match = _LEADING_PRONOUN.match(item.text)
        if not match or len(item.kept) != 1 or (before is not None and before.kept == item.kept):
            continue
        said = match.group(1)
        paper = papers[item.kept[0]]
        if _says_which_paper(item.text[match.end() :], paper):
            continue  # "This paper introduces <its title>, which …": naming it again would say the title twice
        # Not opening on the quote mark itself: a sentence that does is a verbatim quote to the reader and to eval.
        title = f"\u201c{paper.title.rstrip('.')}\u201d"
        if said == "The authors":
            named = f"The authors of {paper.name or title}"
        elif said == "Its":
            if not paper.name:
                continue
            named = f"{paper.name}'s"
        else:
            named = paper.name or f"The paper {title}"
        item.text = named + item.text[match.end() :]
        why = "nothing before it says which paper" if before is None else "the sentence before it is not about this paper"
        by = f"\u201c{named}\u201d" if paper.name else "the paper's title"
        if said == "The authors" and not paper.name:
            by = "\u201cThe authors of\u201d and the paper's title"
        item.changes.append(f"\u201c{said}\u201d replaced by {by}: {why}")
        stats.rewritten += 1


def _says_which_paper(text: str, paper: Paper) -> bool:
    """Whether `text` names the paper itself: its name as a word, or its whole title."""
    if paper.name and occurs_as_word(paper.name, text):
        return True
    return paper.title.rstrip(".").casefold() in text.casefold()


def _assemble(checked: list[_Checked], papers: list[Paper], draft: Draft, stats: VerifyStats) -> Verified:
    numbering: dict[int, int] = {}
    for item in checked:
        for n in item.kept:
            numbering.setdefault(n, len(numbering) + 1)
    paragraphs: dict[int, list[str]] = {}
    sentences: list[AnswerSentence] = []
    first_evidence: dict[int, str] = {}
    for item in checked:
        if item.reason is not None:
            sentences.append(AnswerSentence(item.text, "removed", changes=tuple(item.changes), reason=item.reason))
            continue
        markers = "".join(f" [{numbering[n]}]" for n in item.kept)
        text = f"{item.text[:-1]}{markers}{item.text[-1]}" if markers and item.text[-1:] in ".!?" else f"{item.text}{markers}"
        paragraphs.setdefault(item.paragraph, []).append(text)
        for n in item.kept:
            first_evidence.setdefault(n, item.evidence.get(n, ""))
        sentences.append(
            AnswerSentence(
                item.text,
                "repaired" if item.changes else "verified",
                citations=tuple(numbering[n] for n in item.kept),
                evidence=tuple(item.evidence.get(n, "") for n in item.kept),
                changes=tuple(item.changes),
            )
        )
    prefix = "- " if draft.bullets else ""
    text = "\n\n".join(
        prefix + " ".join(([draft.headings[p]] if p in draft.headings else []) + parts)
        for p, parts in sorted(paragraphs.items())
    )
    citations = [
        Citation(
            n=number,
            paper_id=papers[n].paper_id,
            title=papers[n].title,
            url=papers[n].url,
            evidence=first_evidence.get(n, ""),
            meta=papers[n].meta,
        )
        for n, number in sorted(numbering.items(), key=lambda item: item[1])
    ]
    return Verified(text=text, citations=citations, sentences=sentences, stats=stats)


def _short(paper: Paper) -> str:
    return paper.name or paper.title


def _unquoted(text: str) -> str:
    return re.sub(r"\u201c[^\u201d]*\u201d|\"[^\"]*\"", " ", text)


def _own_claims(claim: str, cited: Sequence[int], papers: list[Paper], named: Mapping[str, Sequence[str]]) -> dict[int, str]:
    """For a sentence citing several papers by name, each cited paper's version of it: the other cited
    papers' names taken out ("MADE and FAIM both address re-identification" → "MADE and both address …" for
    MADE), so a conjunction is not held against each paper for naming the other."""
    if len(cited) < 2:
        return {}
    names_of: dict[int, list[str]] = {}
    for n in cited:
        if 0 <= n < len(papers):
            title_name = papers[n].name
            names_of[n] = [name for name, owners in named.items() if papers[n].paper_id in owners] + ([title_name] if title_name else [])
    out: dict[int, str] = {}
    for n in names_of:
        others = {name for m, names in names_of.items() if m != n for name in names} - set(names_of[n])
        text = claim
        for name in sorted(others, key=len, reverse=True):
            text = word_pattern(name).sub("", text)
        if text != claim:
            out[n] = re.sub(r"\s{2,}", " ", text).strip()
    return out


def _shown_name(name: str, owners: Sequence[str], papers: list[Paper]) -> str:
    """How a removal reason names a paper: its short title name if it is among the sources, else the name used."""
    return next((p.name for p in papers if p.paper_id in owners and p.name), None) or name


def _mentions(haystack_lower: str, name: str) -> bool:
    return occurs_as_word(name.lower(), haystack_lower)


def _citable(sentences: list[str], vectors: np.ndarray) -> tuple[list[str], np.ndarray]:
    """A source's sentences that may support a claim: all but injected instructions."""
    keep = [i for i, sentence in enumerate(sentences) if not is_instruction(sentence)]
    if len(keep) == len(sentences):
        return sentences, vectors
    return [sentences[i] for i in keep], vectors[keep]


_DESCRIPTIVE_SUFFIX = re.compile(r"-(?:based|like|style|driven|guided|aware|free|specific|level|only|conditioned)$")


def _invented(claim: str, cited_texts: list[str], question: str) -> str | None:
    """A number, or a name-like token, that none of the cited abstracts (nor the question) contains."""
    haystack = " ".join(cited_texts)
    numbers: list[str] = _NUMBER.findall(claim)
    for number in numbers:
        bare = number.rstrip("%")
        if (len(bare) >= 2 or "%" in number) and not re.search(rf"(?<![\d.]){re.escape(bare)}(?![\d])", haystack):
            return number
    asked = question.lower()
    for name in sorted(name_tokens(claim)):
        name = _DESCRIPTIVE_SUFFIX.sub("", name)  # "DMTet-based" is DMTet
        if len(name) > 2 and name not in haystack and name not in asked and not _spelled_out(name, haystack):
            return next((t for t in re.findall(r"[\w+-]+", claim) if t.lower() == name), name)
    return None


def _ranked_support(claim: str, vector: np.ndarray, table: tuple[list[str], np.ndarray]) -> list[tuple[float, str]]:
    sentences, vectors = table
    scores = support_scores(claim, vector, sentences, vectors)
    return sorted(zip((float(v) for v in scores), sentences, strict=True), key=lambda pair: -pair[0])


# Words whose opposite in the evidence reverses a claim ("needs more steps" against "needs fewer steps").
_OPPOSITES: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(stem(w) for w in a.split()), frozenset(stem(w) for w in b.split()))
    for a, b in (
        ("more", "fewer less"),
        ("higher increase increases increased", "lower decrease decreases decreased reduce reduces reduced"),
        ("faster fast efficient", "slower slow inefficient"),
        ("keep keeps kept retain retains preserve preserves", "discard discards remove removes mask masks masked drop drops"),
        ("frozen freeze freezes fixed", "tune tunes tuned tuning fine-tune fine-tunes fine-tuned alter alters altered"),
        ("improve improves improved better outperform outperforms", "degrade degrades degraded worse hurt hurts underperform"),
        ("single one", "multiple several many"),
        ("supervised", "unsupervised self-supervised"),
        ("entangled", "disentangled disentangle disentangles"),
        ("requires require need needs rely relies", "without"),
        ("multi-stage", "one-stage single-stage"),
    )
)
# "with and without objects" negates nothing.
# "without the need for test time tuning" negates the tuning, not the need: the scope starts after "the need for", and
# "eliminates the need for test time tuning" negates it as "without" does (PhotoVerse's abstract against an answer that
# said it in the other way was read as a contradiction).
_THE_NEED_FOR = r"(?:the\s+)?(?:need|necessity|requirement)s?\s+(?:for|of|to)\s+"
_NEGATION_CUE = re.compile(
    r"\b(?:(?:not(?!\s+only)|no|never|(?<!with and )(?<!with or )without|cannot|can't|doesn't|don't|didn't|isn't|aren't|fails?\s+to|lacks?)\s+"
    rf"(?:{_THE_NEED_FOR})?|(?:eliminat|remov|avoid|obviat|bypass)\w*\s+{_THE_NEED_FOR})"
    r"((?:[\w-]+\s+){0,2}[\w-]+(?:\s+or\s+(?:[\w-]+\s+){0,2}[\w-]+)?)"  # "without X or multiple images"
    r"|\b([\w]+)-free\b",
    re.IGNORECASE,
)


def negated_terms(text: str) -> set[str]:
    """Content words in the scope of a negation: "without skip connections" → {skip, connection}; "training-free" → {train}."""
    return set().union(*negation_scopes(text))


def negation_scopes(text: str) -> list[set[str]]:
    """Each negation's scope on its own: "does not require training …, does not rely on face detection" → {require,
    train}, {rely, face}."""
    return [scope for after, before in _NEGATION_CUE.findall(text) if (scope := set(keyword_tokens(after or before)))]


def _asserted_terms(text: str) -> set[str]:
    """Content words said outside every negation's scope (a word may be both: "relies on face detection …, not just
    the face" asserts "face")."""
    return set(keyword_tokens(_NEGATION_CUE.sub(" ", text)))


def _stems(text: str) -> set[str]:
    return {stem(word) for word in re.findall(r"[a-z][\w-]*", text.lower())}


def _spelled_out(acronym: str, haystack: str) -> bool:
    """"EVs" for "extracellular vesicles", "cRCT" for "cluster randomized controlled trial": an abbreviation of
    words the abstract uses is not an invented name."""
    letters = acronym.rstrip("s") if len(acronym) > 3 else acronym
    if not letters.isalpha() or not 3 <= len(letters) <= 6:  # two letters match some pair of words by chance
        return False
    words = re.findall(r"[a-z]+", haystack)
    initials = "".join(word[0] for word in words)
    return letters.lower() in initials


def _contradicts(claim: str, evidence: list[str]) -> bool:
    """The claim asserts what its evidence negates (or the reverse), or uses the opposite word for the same thing.

    A negation counts only when everything in its scope stands un-negated on the other side ("relies on skip
    connections" against "without skip connections"), so "needs no tuning" against "tuning-free" agrees.
    """
    claim_words = _stems(claim)
    claim_said, claim_scopes, claim_negated = _asserted_terms(claim), negation_scopes(claim), negated_terms(claim)
    for sentence in evidence:
        if not sentence:
            continue
        source_words = _stems(sentence)
        source_said, source_negated = _asserted_terms(sentence), negated_terms(sentence)
        # One negation at a time: VLOGGER's "does not require training for each person, does not rely on face detection"
        # against an answer that kept the first and dropped the second "not" ("… relies on face detection").
        if any(scope <= source_said for scope in claim_scopes):
            return True
        if any(scope <= claim_said for scope in negation_scopes(sentence)):
            return True
        # A word in a negation's scope is not said: "without … multiple input images" is no opposite of "a single photo".
        said, source_said = claim_words - claim_negated, source_words - source_negated
        for side_a, side_b in _OPPOSITES:
            for mine, theirs in ((side_a, side_b), (side_b, side_a)):
                if said & mine and source_said & theirs and not source_words & mine and not claim_words & theirs:
                    return True
    return False


# Sweeping words an answer may add that no abstract of the cited paper backs ("every", "the first", "any").
_SWEEPING = re.compile(
    r"\b(?:every|always|completely|entirely|perfectly|fully|guarantees?|universally|unnecessary|all\s+\w+\s+tasks|"
    r"any\s+(?:subject|domain|task|scenario|category|kind|type|object)|the\s+first|regardless)\b",
    re.IGNORECASE,
)


def _overreaches(claim: str, cited_text: str) -> str | None:
    """A sweeping word of the claim that the cited abstract never uses."""
    for match in _SWEEPING.finditer(_unquoted(claim)):
        word = match.group(0).lower()
        if word not in cited_text:
            return match.group(0)
    return None
