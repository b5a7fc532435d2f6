"""How well a sentence of an abstract supports a piece of text: the one score retrieval and verification share.

Meaning (MiniLM cosine of the stored sentence vector) plus word overlap: cosine
alone rates "ECON infers normals" and "ICON infers normals" the same, and words
alone miss paraphrases. Retrieval ranks evidence sentences by it; verification
checks a written sentence against its cited paper's sentences with it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from rag.text import keyword_tokens

LEXICAL_WEIGHT = 0.35  # word overlap next to cosine; measured in benchmarks/README.md "Retrieval ablation"


def word_overlap(terms: set[str], sentence: str) -> float:
    """Share of `terms` (keyword tokens of the text being supported) found in `sentence`."""
    if not terms:
        return 0.0
    return len(terms & set(keyword_tokens(sentence))) / len(terms)


def support_scores(text: str, vector: np.ndarray, sentences: Sequence[str], vectors: np.ndarray) -> np.ndarray:
    """One score per sentence: cosine(vector, sentence vector) + LEXICAL_WEIGHT x word overlap.

    A sentence that only points to code or a project page scores 0 unless the text is about such a link too:
    "Code and models are available at econ.is.tue.mpg.de" shares words with "ECON takes 3D human models as
    input" but states nothing about what ECON does.
    """
    if not len(sentences):
        return np.zeros(0, dtype=np.float32)
    terms = set(keyword_tokens(text))
    cosines: np.ndarray = vectors @ vector
    overlap = np.array([word_overlap(terms, s) for s in sentences], dtype=np.float32)
    scores: np.ndarray = (cosines + LEXICAL_WEIGHT * overlap).astype(np.float32)
    if not (link_only(text) or asks_for_link(text)):
        scores[[i for i, s in enumerate(sentences) if link_only(s)]] = 0.0
    return scores


# A question about a paper's code, weights or project page ("Where can I find the code for ECON?", "Is FaceChain
# open source?", "Has VividPose released its code?"): the sentence that points there is the answer. Not "latent
# code", "QR-code patterns" or "code generation".
_ASKS_FOR_LINK = re.compile(
    r"\b(?:source\s+code|(?:the|its|their|any)\s+(?:code|checkpoints|weights)\b|code\s+(?:and|or)\s+(?:models?|data"
    r"|weights|checkpoints)|code\s+(?:is\s+|be\s+)?(?:available|released|public)|github|repo(?:sitory)?"
    r"|(?:release[sd]?|publish(?:ed|es)?|share[sd]?)\s+(?:the\s+|its\s+|their\s+|any\s+)?code"
    r"|open[- ]source[ds]?|project\s+page|website|model\s+weights)\b",
    re.IGNORECASE,
)


def asks_for_link(question: str) -> bool:
    """Whether the question asks where a paper's code, weights or project page are."""
    return _ASKS_FOR_LINK.search(question) is not None


_LINK_ONLY = re.compile(
    r"\b(?:code|models?|data(?:set)?s?|project page|videos?)\b[^.]{0,60}\b(?:is|are|will be)\s+(?:publicly\s+)?(?:available|released)"
    r"|\bhttps?://|\b[\w-]+\.(?:github\.io|com|org|de|edu)\b",
    re.IGNORECASE,
)


def link_only(sentence: str) -> bool:
    """The sentence points to code, data or a project page ("Code is available at …"): no claim rests on it."""
    return _LINK_ONLY.search(sentence) is not None


# Sentences about earlier work, not the paper: what retrieval ranks below the paper's own and verification
# does not let a claim about the paper rest on.
FIRST_PERSON = re.compile(r"\b(we|our|ours|us|ourselves)\b", re.IGNORECASE)
_PRIOR_WORK = re.compile(
    r"\b(?:existing|previous|prior|current|conventional|traditional|typical|popular|mainstream|other|earlier)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:methods?|approaches|works?|techniques|models|systems|solutions|pipelines|frameworks|"
    r"studies|research|literature|efforts|methodologies)\b"
    r"|\b(?:most|many|several)\s+(?:[\w-]+\s+){0,2}?(?:methods|approaches|works|techniques|models|systems)\b"
    # the field's recent progress, not the paper's: "Recently, text-guided 3D generative methods have made remarkable
    # advancements …", "Recent advances in large pretrained text-to-image models have shown …"
    r"|^\W*recently,?\s+(?:[\w-]+\s+){0,6}?(?:methods|approaches|works|techniques|models|systems)\b"
    r"|\brecent\s+(?:[\w-]+\s+){0,2}?(?:methods|approaches|works|techniques|models|systems|advances|advancements?|"
    r"progress|developments|research|studies|efforts)\b"
    r"|\bstate-of-the-art\s+(?:methods|approaches|models)\s+(?:often|usually|typically|rely|require|suffer|fail)"
    # a family of methods named by what they build on, opening the sentence: ECON's "IF-based methods recover free-form
    # geometry, but produce disembodied limbs …", which the 1.5B wrote as what ECON does and verification kept
    r"|^\W*(?:the\s+)?[\w-]+-based\s+(?:[\w-]+\s+)?(?:methods|approaches|works|techniques|models|systems|pipelines)\b",
    re.IGNORECASE,
)
# How much more a sentence about earlier work must score to rank above, or support a claim in place of, one about
# the paper itself.
PRIOR_WORK_MARGIN = 0.15
PRIOR_WORK_OPENING = 30  # characters: "However, most of the existing methods" still opens the sentence


# One adverbial clause before the earlier work: "Given a single character drawing, existing animation methods are
# limited to flat 2D motions", "To increase robustness for these cases, existing work uses …".
_LEADING_CLAUSE = re.compile(
    r"^\W*(?:however,?\s+)?(?:given|for|in|with|when|while|to|on|despite|although|though)\b[^,;.]{0,80},\s*"
    r"(?:however,\s*)?(?:the\s+)?$",
    re.IGNORECASE,
)


def about_prior_work(sentence: str) -> bool:
    """A sentence whose subject is earlier methods ("Existing methods often…", "However, most current approaches…").

    Only where the sentence opens with them (after at most one adverbial clause), and never a sentence in the first
    person: "Unlike existing methods, we…" and "…outperforms previous methods" are about the paper.
    """
    match = _PRIOR_WORK.search(sentence)
    if match is None or FIRST_PERSON.search(sentence) is not None or _BEATS.search(sentence[: match.start()]):
        return False
    return match.start() <= PRIOR_WORK_OPENING or _LEADING_CLAUSE.match(sentence[: match.start()]) is not None


# The paper measured against earlier work, in the third person: "BEV outperforms existing methods on depth reasoning",
# "This goes beyond previous methods, according to the quantitative evaluation on the CAPE and Renderpeople datasets"
# (ECON's only sentence naming its data, which ranked as earlier work and never reached "Which datasets does ECON
# evaluate on?").
_BEATS = re.compile(
    r"\b(?:beyond|than|outperform\w*|surpass\w*|exceed\w*)\s+(?:the\s+)?$"
    # "Unlike conventional tuning-based personalization techniques, Imagine yourself operates as a tuning-free model"
    r"|^\W*(?:unlike|in\s+contrast\s+to|contrary\s+to|compared\s+(?:to|with)|different\s+from|as\s+opposed\s+to)\s+(?:the\s+|most\s+)?$",
    re.IGNORECASE,
)


# A sentence that goes on about the earlier work the sentence before it described: "They rely mostly on …", "This is
# primarily due to the inherited limitations of …", "Such methods …".
_GOES_ON = re.compile(
    r"^\W*(?:(?:however|moreover|furthermore|also|yet|unfortunately),?\s+)?(?:they|these|those|such|their|this\s+"
    r"(?:is|was|makes|stems|comes|results|leads|limits|causes|hinders|prevents)|(?:\(?\d\)|[ivx]+\))\s+(?:they|it)"
    r"|as\s+a\s+result)\b",
    re.IGNORECASE,
)


def earlier_work(sentences: Sequence[str]) -> list[str]:
    """An abstract's sentences about earlier work: those that open with it (`about_prior_work`) and those that go on
    about it (`_GOES_ON`). HeadSculpt's "However, existing methods still struggle …" is followed by "This is primarily
    due to the inherited limitations from the pre-trained 2D image diffusion models …", which a comparison said of
    HeadSculpt, verified."""
    found: list[str] = []
    previous = False
    for sentence in sentences:
        previous = about_prior_work(sentence) or (
            previous and _GOES_ON.search(sentence) is not None and FIRST_PERSON.search(sentence) is None
        )
        if previous:
            found.append(sentence)
    return found
