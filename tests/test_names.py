"""Which acronyms name a paper: the ones it introduces, not the ones it only abbreviates."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from rag.engine import Engine
from rag.keyword import KeywordIndex
from rag.papers import Paper
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


def test_a_paper_introduces_a_name_with_also_and_curate_but_not_capitalized_words() -> None:
    # VLOGGER's abstract: the bundled "What is MENTOR?" is about this dataset.
    assert defined_names("We also curate MENTOR, a new and diverse dataset with 3d pose annotations.") == {"mentor"}
    assert defined_names("We further construct HumanBench-2K for evaluation.") == {"humanbench-2k"}
    # Descriptors a title-cased abstract writes are not names ("a Training-Free approach" in an answer names nobody).
    assert defined_names("We propose a Spatio-Temporal module and a Training-Free Dual-Pathway Adapter.") == set()
    assert defined_names("We present FaceChain-FACT. We propose a Decompose-and-aggregate Network (DaNet).") == {
        "facechain-fact",
        "danet",
    }


def test_a_name_other_papers_titles_carry_also_names_the_paper_that_introduces_it() -> None:
    """Among 74,807 real abstracts three papers are titled "DELTA: …"; the bundled paper that introduces DELTA in
    its abstract (its title does not say it) must still be one the name finds."""
    papers = [
        Paper("t1", "DELTA: Dense Efficient Long-range 3D Tracking", "We track every pixel in 3D over long videos."),
        Paper("t2", "DELTA: Decoupling long-tailed learning", "We rebalance long-tailed classification."),
        Paper("ours", "Learning Disentangled Avatars with Hybrid 3D Representations",
              "We present DELTA, which models humans with separate body and clothing/hair layers from monocular video."),
        Paper("other", "Hair from video", "Hair layers from monocular video, unlike DELTA which uses radiance fields."),
        # A name others abbreviate too stays no paper's own, titled or not.
        Paper("t3", "BEV: bird's-eye views for driving", "We map a bird's-eye view (BEV) for planning."),
        Paper("o1", "Monocular depth regression", "We propose BEV, a one-stage regressor of people in depth."),
        Paper("o2", "Driving maps", "Maps in bird's-eye view (BEV) help planning."),
    ]  # fmt: skip
    index = KeywordIndex.build(papers)
    assert sorted(index.named_in("What is DELTA?")["delta"]) == ["ours", "t1", "t2"]
    assert index.named_in("What is BEV?")["bev"] == ["t3"]


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
