"""What kind of question this is, and whether it leans on the previous turn.

The kind decides how many papers an answer should cite: one for "is there a
method that…", every relevant one for "which papers…", each named one for
"compare X and Y". Rules over the wording, not a model: instant and testable.
"""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["single", "multi", "compare"]

_MULTI = re.compile(
    r"\b(which|what|list|any|all|name)\s+(other\s+)?(papers|works|methods|approaches|models|studies|articles|publications)\b"
    r"|\bpapers\s+(that|which|in the collection)\b|\bworks\s+(that|which)\b|\bwhich of the\b|\bhow many papers\b",
    re.IGNORECASE,
)
_COMPARE = re.compile(
    r"\b(compare|comparison|contrast|differ|difference|differences|versus|vs\.?|in common|both)\b", re.IGNORECASE
)
_ANAPHORA = re.compile(
    r"\b(it|its|it's|they|them|their|theirs|this|that|these|those|former|latter|the (method|paper|model|approach|"
    r"work|framework|authors|dataset|system))\b",
    re.IGNORECASE,
)


def question_kind(question: str, named_papers: int) -> Kind:
    if named_papers >= 2 and _COMPARE.search(question):
        return "compare"
    if named_papers >= 2 and " and " in question.lower():
        return "compare"
    if _MULTI.search(question):
        return "multi"
    return "single"


def leans_on_history(question: str) -> bool:
    """A follow-up that cannot be retrieved on its own words ("how does it get its masks?")."""
    words = re.findall(r"\w+", question)
    return bool(_ANAPHORA.search(question)) or len(words) <= 6
