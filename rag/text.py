"""Text primitives shared by ingest and retrieval: sentences, keyword tokens, names."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

_ABBREVIATIONS = ("e.g.", "i.e.", "et al.", "etc.", "vs.", "Fig.", "fig.", "Eq.", "approx.", "cf.", "resp.", "Sec.")
_PROTECT = "\u0000"
_URL_RE = re.compile(r"https?://\S+?(?=[.,;:!?)\]}'\"]*(?:\s|$))")
# Latin script: end punctuation, a space, a capital. CJK: 。！？ end a sentence with or without a space
# (without this a Chinese abstract was one sentence, hence one chunk far past the embedder's 256 tokens).
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[A-Z0-9\"'(\[])|(?<=[。！？])\s*(?=\S)")


def split_sentences(text: str) -> list[str]:
    """Split an abstract into sentences, keeping URLs, decimals and 'e.g.' intact."""
    protected = _URL_RE.sub(lambda m: m.group(0).replace(".", _PROTECT), text)
    for abbreviation in _ABBREVIATIONS:
        protected = protected.replace(abbreviation, abbreviation.replace(".", _PROTECT))
    parts = _SENTENCE_END.split(protected.strip())
    return [p.replace(_PROTECT, ".").strip() for p in parts if p.strip()]


STOPWORDS = frozenset(
    ["a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "either", "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself", "yourselves", "paper", "papers", "work", "works", "method", "methods", "approach", "approaches", "collection", "which", "whose", "rather", "instead", "one", "two", "use", "uses", "used", "using", "make", "makes", "made", "get", "gets", "given", "via", "well", "like", "e", "g", "i", "etc", "et", "al", "ie", "eg", "here", "there"]
)

_TOKEN_RE = re.compile(r"[a-z0-9]+(?:[-+_.'][a-z0-9]+)*\+*")
_TOKEN_PARTS = re.compile(r"[-_.'+]+")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix stripper: enough to match plurals and -ing/-ed forms of English words."""
    if len(word) <= 4 or not word.isalpha():
        return word
    stem = word
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            stem = word[: len(word) - len(suffix)] + keep
            break
    if stem.endswith("e") and len(stem) > 4:
        stem = stem[:-1]  # generate / generated / generates → generat
    if len(stem) > 4 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        stem = stem[:-1]  # swapping → swap
    return stem


def keyword_tokens(text: str) -> list[str]:
    """Lower-cased, stop-word-free, lightly stemmed tokens; compounds also yield their parts.

    "FaceChain-FACT" gives "facechain-fact", "facechain" and "fact", so an exact
    method name scores high and its parts still match looser spellings.
    """
    # "W_+" (how an abstract typesets StyleGAN's W+ space) is the "w+" a reader types
    return [term for raw in _TOKEN_RE.findall(text.lower().replace("_+", "+")) for term in _token_terms(raw)]


@lru_cache(maxsize=1 << 18)
def _token_terms(raw: str) -> tuple[str, ...]:
    """The terms one raw token adds, cached: a library's abstracts repeat their words (74,807 papers, 11 M tokens)."""
    raw = raw.strip("'.")
    if not raw or raw in STOPWORDS:
        return ()
    if raw.isalnum():  # not a compound: _TOKEN_RE's tokens are letters, digits and the separators below
        return (stem(raw),)
    return (stem(raw), *(stem(p) for p in _TOKEN_PARTS.split(raw) if p and p not in STOPWORDS and len(p) > 1))


def _name_re(separators: str) -> re.Pattern[str]:
    """A name-like token's shape: alphanumeric parts joined by `separators`, with trailing "+"s ("W_+", "C++")."""
    return re.compile(rf"(?<![\w-])([A-Za-z0-9]+(?:[{separators}][A-Za-z0-9+]+)*\+*)(?![\w-])")


_NAME_RE = _name_re("-+_")


def is_name_like(token: str) -> bool:
    """Method names and acronyms: ECON, FaceChain-FACT, Arc2Face, W_+, SMPL-X, MultiPly."""
    letters = [c for c in token if c.isalpha()]
    if len(letters) < 2:
        return False
    uppers = sum(c.isupper() for c in letters)
    inner_upper = any(c.isupper() for c in token[1:])
    has_digit = any(c.isdigit() for c in token)
    return uppers >= 2 or (inner_upper and token[0].isupper()) or (has_digit and token[0].isupper())


def name_tokens(text: str) -> set[str]:
    """The name-like tokens of a text, lower-cased for matching."""
    found = set()
    for token in _NAME_RE.findall(text):
        if is_name_like(token):
            found.add(token.lower())
    return found


_WRITTEN_NAME_RE = _name_re("-+_.")  # also "Human3.6M": a question's names, matched against abstracts as written


def names_as_written(text: str) -> set[str]:
    """The name-like tokens of a text with their inner dots kept ("Human3.6M", "SMPL-X"), lower-cased."""
    return {token.lower() for token in _WRITTEN_NAME_RE.findall(text) if is_name_like(token)}


def title_name(title: str) -> str | None:
    """The method name a title introduces: 'ECON: Explicit Clothed…' → 'ECON'."""
    head, sep, _ = title.partition(":")
    if sep and 0 < len(head.split()) <= 5:
        return head.strip()
    return None


def listed(items: Sequence[str]) -> str:
    """"A", "A and B", "A, B and C"."""
    return ", ".join(items[:-1]) + f" and {items[-1]}" if len(items) > 1 else "".join(items)


def normalize_space(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


_DEFINED_PATTERNS = (
    re.compile(r"\(([A-Z][\w+-]*[A-Z0-9][\w+-]*)\)"),  # "... Embedding (MADE)"
    re.compile(r"\b(?:called|named|dubbed|termed|coined)\s+['\"\u201c\u2018]?([A-Z][\w+-]+)"),
    re.compile(
        r"\b(?:we|We)\s+(?:also\s+|further\s+|additionally\s+)?"
        r"(?:propose|present|introduce|develop|design|build|construct|create|curate|release|contribute)\s+"
        r"(?:(?:a|an|the|our)\s+)?(?:\w+\s+){0,3}?['\"\u201c\u2018]?([A-Z][A-Za-z0-9+-]*[A-Z0-9][\w+-]*)"
    ),
    # "Code is available at https://github.com/sangyun884/HR-VITON.": the repository an abstract gives its code at is
    # the paper's own (not one it only uses); in the 79 abstracts every name-like one but HR-VITON's was already a
    # name its abstract introduces.
    re.compile(
        r"\b(?:code|codes|available|release[sd]?)\b[^\n]{0,80}?\b(?:github\.com|gitlab\.com)/[\w.-]+/([A-Za-z][\w+-]*[A-Za-z0-9])",
        re.IGNORECASE,
    ),
)


# Before "(ACRONYM)": the paper introduces what the acronym abbreviates ("we propose a Masked Attribute Description
# Embedding (MADE)", "our method, Text-guided generation and Editing of Compositional Avatars (TECA)").
_INTRODUCING = re.compile(
    r"\bwe\s+(?:\w+\s+){0,2}?(?:propos|present|introduc|develop|design|build|built|construct|creat|devis|"
    r"establish|formulat|releas|contribut|call|nam|dub|term|coin)\w*\b"
    r"|\bour\s+(?:method|model|framework|approach|system|dataset|benchmark)\s*,"
    r"|\b(?:called|named|dubbed|termed|coined)\b"
    r"|\b(?:propose|present|introduce|develop|design|construct|create|devise)[sd]?\b",
    re.IGNORECASE,
)
_INTRODUCING_REACH = 8  # words between the introducing verb and the parenthesis


def _introduced_here(abstract: str, start: int) -> bool:
    """Whether the clause before position `start` introduces what follows: an introducing verb of the paper's own
    a few words before, not "challenges in achieving detailed identity (ID)" or "based on Stable Video Diffusion (SVD)"."""
    clause = re.split(r"[.;:!?]\s", abstract[max(0, start - 300) : start])[-1]
    verbs = list(_INTRODUCING.finditer(clause))
    return bool(verbs) and len(clause[verbs[-1].end() :].split()) <= _INTRODUCING_REACH


def abbreviations(abstract: str) -> set[str]:
    """Every acronym an abstract spells out in parentheses ("identity (ID)", "… Embedding (MADE)"), lower-cased:
    a name other papers abbreviate too is no paper's own name."""
    return {m.lower() for m in _DEFINED_PATTERNS[0].findall(abstract)}


# Hyphenated words each capitalized and otherwise lower-case ("Spatio-Temporal", "Motion-Preserving").
_TITLE_CASED_WORDS = re.compile(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)+")


def defined_names(abstract: str, title: str = "") -> set[str]:
    """Names an abstract introduces ("we present DELTA", "we propose … (MyTalk)", "called 'WSC-swap'"), lower-cased.

    An acronym in parentheses is a name the paper introduces only when its title uses it or the sentence
    introduces it: abstracts also abbreviate what they only use ("identity (ID)", "computerized tomography (CT)",
    "Visual Question Answering (VQA)"), and a question saying "ID photos" or "CT scans" must not name the paper.
    """
    found: set[str] = set()
    lowered_title = title.lower()
    for index, pattern in enumerate(_DEFINED_PATTERNS):
        for match in pattern.finditer(abstract):
            name = match.group(1).strip("'\"-")
            if not (is_name_like(name) or (len(name) >= 4 and any(c.isupper() for c in name[1:]))):
                continue
            in_title = occurs_as_word(name.lower(), lowered_title)
            if _TITLE_CASED_WORDS.fullmatch(name) and not (index == 1 and in_title):
                # "we construct a Spatio-Temporal …": capitalized words, not a name; but "a method … called
                # Dual-Pivot Tuning" in "Personalized Restoration via Dual-Pivot Tuning" names itself
                continue
            if index == 0 and not in_title and not _introduced_here(abstract, match.start()):
                continue
            found.add(name.lower())
    return found


def occurs_as_word(word: str, text: str) -> bool:
    r"""`re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)` without compiling a pattern per word: on a
    large library that thrashed re's cache (96k compilations while indexing 74,807 papers)."""
    start = text.find(word)
    while start >= 0:
        end = start + len(word)
        if not (start and _joins(text[start - 1])) and not (end < len(text) and _joins(text[end])):
            return True
        start = text.find(word, start + 1)
    return False


def word_pattern(word: str) -> re.Pattern[str]:
    """`word` as a whole word, any case: not inside a longer word or hyphenated compound ("ICON" but not "ICONs")."""
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.IGNORECASE)


def _joins(char: str) -> bool:
    r"""A character that continues a word for `(?<![\w-])` / `(?![\w-])`: \w is str.isalnum() plus "_"."""
    return char.isalnum() or char in "_-"


_CAPITALIZED_RUN = re.compile(r"(?:\b[A-Z][\w+-]*(?:\s+|$)){2,}")


def title_phrases(title: str) -> set[str]:
    """Runs of two or more capitalized words in a title ("Casual Conversations"), as written."""
    phrases = set()
    for run in _CAPITALIZED_RUN.findall(title):
        words = run.split()
        for start in range(len(words)):
            for end in range(start + 2, len(words) + 1):
                part = words[start:end]
                if sum(w.lower() not in STOPWORDS for w in part) >= 2:
                    phrases.add(" ".join(part))
    return phrases
