"""Which acronyms name a paper: the ones it introduces, not the ones it only abbreviates."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from rag.engine import Engine
from rag.text import defined_names, occurs_as_word


def test_an_acronym_names_the_paper_only_where_the_paper_introduces_it() -> None:
    abstract = (
        "Existing methods face challenges in achieving detailed identity (ID) consistency. "
        "We propose a Masked Attribute Description Embedding (MADE) that keeps attributes. "
        "Our pipeline is based on Stable Video Diffusion (SVD) and Visual Question Answering (VQA). "
        "We learn from dense correspondences and propose a Decompose-and-aggregate Network (DaNet)."
    )
    assert defined_names(abstract) == {"made", "danet"}
    assert defined_names("Our approach improves Frechet Inception Distance (FID) by 19 points.") == set()
    # The title using the acronym is enough.
    assert "svd" in defined_names(abstract, title="SVD: a video diffusion model")


# Words and texts from the characters that decide a boundary: letters (also non-ASCII), digits, "_", "-", space.
_PIECES = st.text(alphabet="ab1_- é.", min_size=1, max_size=4)


@given(word=_PIECES, text=st.text(alphabet="ab1_- é.", max_size=24))
@example(word="smpl-x", text="smpl-x body")
@example(word="smpl", text="smpl-x body")
@example(word="x", text="smpl_x x")
@example(word="née", text="cafénée née")
def test_occurs_as_word_is_the_whole_word_pattern_it_replaced(word: str, text: str) -> None:
    """The keyword index, the verifier and the defect counter call it for every name of every abstract; it must
    answer exactly as the per-name pattern it replaced (compiling one per name thrashed re's cache)."""
    pattern = re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None
    assert occurs_as_word(word, text) == pattern


def test_id_photos_do_not_name_consistentid(corpus_engine: Engine) -> None:
    question = (
        "From a few casual selfies plus a few examples of a photographic look, can a model produce "
        "professional-looking headshots such as ID pictures?"
    )
    plan = corpus_engine.plan(question)
    assert not plan.retrieval.named
    assert plan.selected[0].paper.title.startswith("MagiCapture")
