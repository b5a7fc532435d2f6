"""Which acronyms name a paper: the ones it introduces, not the ones it only abbreviates."""

from __future__ import annotations

from rag.engine import Engine
from rag.text import defined_names


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


def test_id_photos_do_not_name_consistentid(corpus_engine: Engine) -> None:
    question = (
        "From a few casual selfies plus a few examples of a photographic look, can a model produce "
        "professional-looking headshots such as ID pictures?"
    )
    plan = corpus_engine.plan(question)
    assert not plan.retrieval.named
    assert plan.selected[0].paper.title.startswith("MagiCapture")
