"""Follow-up detection and question kinds: rules over the wording, no models."""

from __future__ import annotations

import pytest

from rag.questions import (
    asked_claim,
    asked_of_the_collection,
    asks_for_limitations,
    asks_of_it,
    asks_of_them,
    asks_whether_any,
    chooses_among,
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

ECON, ICON, TECH = "p-econ", "p-icon", "p-tech"


@pytest.mark.parametrize(
    ("question", "named", "cited", "expected"),
    [
        # Naming a paper the last answer did not cite is a new topic, however short.
        ("How does ECON differ from ICON?", [ECON, ICON], [TECH], False),
        ("What is InstantID?", ["p-instantid"], [TECH], False),
        ("How does ICON compare with its predecessor?", [ICON], [ECON], False),  # "its" is ICON's
        # … unless it sets the new paper beside the one under discussion: "it" is the paper just answered about.
        ("How is it different from ICON?", [ICON], [ECON], True),
        ("What sets PSHuman apart from them?", ["p-pshuman"], [ECON, ICON], True),
        ("Is PSHuman better at loose clothing?", ["p-pshuman"], [ECON], True),  # better than what? the one before
        ("How does InstantID compare?", ["p-instantid"], ["p-photoverse"], True),
        ("What distinguishes PSHuman from prior work?", ["p-pshuman"], [ECON], False),
        # Naming only papers just cited, or leaning on the conversation, continues it.
        ("How does ECON handle loose clothing?", [ECON], [ECON, ICON], True),
        ("Which one needs a body model?", [], [ECON, ICON], True),
        ("How fast does it run?", [], [TECH], True),
        ("What about the training data?", [], [TECH], True),
        ("And for videos?", [], [TECH], True),
        ("Where do those extra samples come from?", [], [TECH], True),
        ("What data was the second one trained on?", [], [ECON, ICON], True),
        # A new question with its own topic and no reference back is not a follow-up.
        ("Which papers do gait recognition?", [], [TECH], False),
        ("Is there a method that changes one attribute at a time?", [], [TECH], False),
        ("Are there methods that model hair as strands?", [], [TECH], False),  # a relative "that", not "that model"
        ("Is that model faster?", [], [TECH], True),
        ("Which papers use both text and images?", [], [TECH], False),
        # No previous turn: never a follow-up.
        ("How does it work?", [], None, False),
    ],
)
def test_followup_detection(question: str, named: list[str], cited: list[str] | None, expected: bool) -> None:
    assert is_followup(question, named, cited) is expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which of them use diffusion models?", "TeCH uses diffusion models."),
        ("Which of them also handle several people in one image?", "TeCH handles several people in one image."),
        ("Which one needs a body model?", "TeCH needs a body model."),
        ("Which of these works on video?", "TeCH works on video."),  # "works" is the verb here, not "these works"
        ("Which of these methods report their speed?", "TeCH reports its speed."),
        ("Which of them are trained on video?", "TeCH is trained on video."),
        ("Which ones were trained on synthetic data?", "TeCH was trained on synthetic data."),
        ("Which of them can be combined with ControlNet?", "TeCH can be combined with ControlNet."),
        ("Do any of them run in real time?", "TeCH runs in real time."),
        ("Can any of them run on a phone?", "TeCH can run on a phone."),
        # Comparing or ranking them, or asking what they do not do: no claim of one paper answers it.
        ("Which one is faster?", None),
        ("Which one handles crowded scenes better?", None),
        ("Which one found DALL-E 2 the least diverse?", None),
        ("Which of them don't need a body model?", None),
        ("Which of them builds on it?", None),  # what "it" is, the claim cannot say
        ("Which models did they test?", None),
        ("How does it get its masks?", None),
        # A yes/no question about the one paper under discussion makes the claim its abstract must state.
        ("Does it also move the hands?", "TeCH moves the hands."),
        ("Can it run on a phone?", "TeCH can run on a phone."),
        ("Is it trained on real scans?", "TeCH is trained on real scans."),
        ("Was it trained on real scans?", "TeCH was trained on real scans."),
        ("Is it a plug-in for Stable Diffusion?", "TeCH is a plug-in for Stable Diffusion."),
        ("Does this method use SMPL-X?", "TeCH uses SMPL-X."),
        ("Does it change the generator's weights?", "TeCH changes the generator's weights."),
        ("Do they need training?", "TeCH needs training."),
        ("Do both of them use SMPL-X?", "TeCH uses SMPL-X."),
        ("Does either of them need a photo?", "TeCH needs a photo."),
        ("Were they trained on real scans?", "TeCH was trained on real scans."),
        ("Is it faster than ICON?", None),
        # how a paper stands to another is no claim of one paper
        ("Does it differ from ICON?", None),
        ("Do they use the same dataset?", None),
        ("Are these results reproducible?", None),  # "these" without a paper-like noun is not the papers
        ("Does it generalise to people it hasn't seen?", None),
        ("Does it work?", None),
        ("Is it on GitHub?", None),
    ],
)
def test_a_follow_up_that_picks_among_the_papers_gets_a_claim_each_must_state(question: str, expected: str | None) -> None:
    assert picked_claim(question, "TeCH") == expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Which papers study bias in T2I models?", "TeCH studies bias in T2I models."),
        ("What papers use SMPL-X?", "TeCH uses SMPL-X."),
        ("Which works create 3D head avatars?", "TeCH creates 3D head avatars."),
        ("Which papers are mainly about virtual try-on?", "TeCH is mainly about virtual try-on."),
        ("Which papers in the collection deal with medical anatomy?", "TeCH deals with medical anatomy."),
        ("Which methods specifically tackle loose garments?", "TeCH tackles loose garments."),
        ("List the papers that swap faces.", "TeCH swaps faces."),
        ("Which methods in the collection can run in real time?", "TeCH can run in real time."),
        ("I'm new to this. Which papers report results on AGORA?", "TeCH reports results on AGORA."),
        # what no claim of one paper can say: a ranking, a denial, a word that leans on an earlier sentence
        ("Which papers are fastest?", None),
        ("Which papers do not use SMPL?", None),
        ("Which papers build on it?", None),
        ("Which methods either build on ControlNet or extend it?", None),
        ("Which papers treat clothing as layers rather than one surface?", "TeCH treats clothing as layers rather than one surface."),
        ("Which avatar methods model how clothing deforms?", "TeCH models how clothing deforms."),
        ("Find papers on gender bias.", "TeCH is about gender bias."),
        ("Which papers train their models on synthetic data?", "TeCH trains its models on synthetic data."),
        ("Which papers re-identify pedestrians who changed their outfits?", "TeCH re-identifies pedestrians who changed their outfits."),
        ("Which papers are faster than ICON?", "TeCH is faster than ICON."),
        # what the collection holds, asked of it: the claim is what the paper is about
        ("What papers are there on virtual try-on?", "TeCH is about virtual try-on."),
        ("What papers do you have about 3D avatars?", "TeCH is about 3D avatars."),
        ("Which papers should I read on NeRF?", "TeCH is about NeRF."),
        ("Which papers exist?", None),
        ("What is ECON?", None),
        ("Are there papers that swap faces?", None),  # asked whether any: the asked-for check's
    ],
)
def test_a_list_question_gets_a_claim_each_listed_paper_must_state(question: str, expected: str | None) -> None:
    assert listed_claim(question, "TeCH") == expected


def test_a_follow_up_that_picks_is_asked_again_of_the_whole_collection() -> None:
    """When no paper under discussion states it, the answer suggests the question that searches every paper."""
    assert asked_of_the_collection("Which of them work with SDXL?") == "Which papers work with SDXL?"
    assert asked_of_the_collection("Which of them also handle several people in one image?") == "Which papers handle several people in one image?"
    assert asked_of_the_collection("Which of the papers uses SMPL-X?") == "Which papers use SMPL-X?"
    assert asked_of_the_collection("Do any of them run in real time?") == "Do any papers run in real time?"
    assert asked_of_the_collection("Which one needs a body model?") == "Which paper needs a body model?"
    assert asked_of_the_collection("Does it also move the hands?") == "Which papers move the hands?"
    assert asked_of_the_collection("Can it run on a phone?") == "Which papers can run on a phone?"
    assert asked_of_the_collection("Was it trained on real scans?") == "Which papers were trained on real scans?"


def test_a_yes_no_question_about_it_is_about_one_paper_and_about_them_every_paper() -> None:
    assert asks_of_it("Does it also move the hands?") and asks_of_it("Is this method trained on real scans?")
    assert not asks_of_it("Do any of them run in real time?") and not asks_of_it("How does it work?")
    assert not chooses_among("Does it also move the hands?") and not asks_of_them("Does it also move the hands?")
    assert asks_of_them("Do they need training?") and chooses_among("Do both use SMPL-X?")
    assert asked_of_the_collection("Do they need training?") == "Which papers need training?"
    assert asked_of_the_collection("Were they trained on real scans?") == "Which papers were trained on real scans?"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Compare the first two.", [0, 1]),
        ("What do the last two have in common?", [2, 3]),
        ("How does the second one work?", [1]),
        ("How does the second work?", [1]),
        ("Compare the first and third papers.", [0, 2]),
        ("Compare the first with the last.", [0, 3]),
        ("How do [1] and [3] differ?", [0, 2]),
        ("Tell me more about paper 2.", [1]),
        ("What about the top three?", [0, 1, 2]),
        # not a place in the previous answer
        ("Which was the first method to use diffusion?", []),
        ("Which is the first paper to do this?", []),
        ("What is the first step of ICON?", []),
        ("What progress was made in the last decade?", []),
        ("Was it the first time someone did this?", []),
        ("How do [1] and [7] differ?", [0]),  # there is no seventh
    ],
)
def test_papers_picked_out_by_their_place_in_the_previous_answer(question: str, expected: list[int]) -> None:
    assert positions_named(question, 4) == expected
    assert positions_named(question, 1) == []  # one paper has no second


def test_a_question_about_the_papers_own_limitations_is_told_apart() -> None:
    for question in ("What are the limitations of ICON?", "What are its weaknesses?", "Where does ECON fail?",
                     "Does it have any drawbacks?", "What limitations do they have?"):  # fmt: skip
        assert asks_for_limitations(question), question
    for question in ("How does ICON overcome the limitations of prior methods?", "Which papers address the limitations of SMPL?",
                     "How does it work?"):  # fmt: skip
        assert not asks_for_limitations(question), question


def test_kinds() -> None:
    assert question_kind("How does ECON differ from ICON?", 2) == "compare"
    assert question_kind("Which papers use SMPL-X?", 0) == "multi"
    assert question_kind("Is there a method for virtual try-on?", 0) == "single"
    # Two papers named and asked about together: the compare set's wordings (cite recall 0.681 → 0.972, extractive)
    for question in ("How is ECON different from ICON?", "What sets PSHuman apart from ECON?", "Is AiOS better than DOPE?",
                     "What distinguishes TeCH from ICON?", "Which is faster, InstantID or PhotoVerse?",
                     "How does VividPose improve on MagicDance?", "Does SD-VITON outperform HR-VITON?",
                     "How much faster at inference is InstantID than PhotoVerse?"):  # fmt: skip
        assert question_kind(question, 2) == "compare", question
    assert question_kind("Does ECON build on ICON?", 2) == "single"
    assert question_kind("And what does it use for the texture?", 2) == "single"  # an opening "And" joins no names
    # "A or B" asks about both, as "A and B" does (the compare set's w33)
    for question in ("Should I use InstantID or PhotoVerse for one-shot personalization?", "Does ECON or ICON use SMPL-X?"):
        assert question_kind(question, 2) == "compare", question
    # A plural asked for after its modifiers, or a request for papers, is a list: 19 of the list set's 64 questions
    # were answered from one paper.
    for question in ("Which avatar methods model how clothing deforms?", "Which 3D human pose-and-shape (HPS) estimators "
                     "are one-stage?", "Which identity-preserving face image generators build their own data?",
                     "Find papers on gender bias.", "List the papers whose main contribution is a dataset.",
                     "Show me all papers about try-on."):  # fmt: skip
        assert question_kind(question, 0) == "multi", question
    # … and so are papers asked for in the plural without "which" (the list set's 12 reworded lists)
    for question in ("What are the papers about GAN inversion?", "Papers on changing how old a person looks?",
                     "What are some methods for 3D head generation?", "What research exists on gender bias?",
                     "Who has worked on face swapping?", "What are the main approaches to estimating 3D hand pose?"):  # fmt: skip
        assert question_kind(question, 0) == "multi", question
    # … and the field as a whole, not a survey paper asked for
    for question in ("Overview of methods for 3D head generation from text?", "Give me a survey of GAN inversion.",
                     "What is the state of the art in virtual try-on?", "Summarize the literature on face swapping."):  # fmt: skip
        assert question_kind(question, 0) == "multi", question
    assert question_kind("Is there an overview of fitting-based versus learning-based approaches?", 0) == "single"
    # … and how a kind of method does something, asked of them all
    for question in ("How do methods for clothed human reconstruction handle loose clothing?",
                     "How do face swapping models avoid identity leakage?", "How do the papers evaluate identity?"):  # fmt: skip
        assert question_kind(question, 0) == "multi", question
    for question in ("How do they differ?", "How do I use ECON?"):
        assert question_kind(question, 0) == "single", question
    assert question_kind("How do ICON and ECON differ?", 2) == "compare"
    for question in ("Is there a method that beats existing approaches on CAPE?", "Do any of the papers on try-on use "
                     "diffusion?", "Most methods for re-ID drop clothes. Does anyone use them?"):  # fmt: skip
        assert question_kind(question, 0) == "single", question
    assert question_kind("How does ECON beat existing methods?", 1) == "single"
    # … but not a singular one, nor a plural that comes after a verb or a preposition
    for question in ("Which video generator animates a whole person?", "Which method is used in papers on try-on?",
                     "Which loss does ECON use for normal maps?", "Find the paper that introduced SMPL-X."):  # fmt: skip
        assert question_kind(question, 0) == "single", question
    assert chooses_among("Which one needs a body model?") and not chooses_among("How does it work?")
    # "they", "them", "these" speak of every paper under discussion, not the best one: after a list of three papers,
    # "What did they find?" answered from the first only.
    for question in ("What did they find?", "Who wrote them?", "How were these evaluated?", "What are their limitations?"):
        assert chooses_among(question), question
    assert not chooses_among("What did it find?") and not chooses_among("Who wrote it?")
    assert chooses_among("Do the two need training?")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How does the bird's-eye-view one reason about depth?", True),
        ("Which datasets did the image one evaluate on?", True),
        ("Who else works on layered clothing?", True),
        ("Separately, I'm curious whether anyone traces images back to the model that made them?", False),
    ],
)
def test_wording_that_leans_on_the_conversation(question: str, expected: bool) -> None:
    assert is_followup(question, [], ["p-any"]) is expected


@pytest.mark.parametrize(
    ("question", "name", "claim"),
    [
        ("How does BEDLAM detect deepfakes?", "bedlam", "BEDLAM detects deepfakes."),
        ("How does Brain-ID re-identify people across cameras?", "brain-id", "Brain-ID re-identifies people across cameras."),
        ("how does ECON swap faces in videos", "ECON", "ECON swaps faces in videos."),
        ("How does SPeCtrum analyse data from hyperspectral cameras?", "spectrum", "SPeCtrum analyses data from hyperspectral cameras."),
        ("How does TryOn-Adapter let users try on hairstyles?", "tryon-adapter", "TryOn-Adapter lets users try on hairstyles."),
        ("How does EchoVideo's IITF module discard occlusions?", "echovideo", "EchoVideo's IITF module discards occlusions."),
        # "why" takes it for granted as much as "how" (r383: BEDLAM is synthetic)
        (
            "Why does BEDLAM train on real motion-capture photos instead of synthetic images?",
            "bedlam",
            "BEDLAM trains on real motion-capture photos instead of synthetic images.",
        ),
        # nothing a paper could fail to state, or not a "how does <name> <verb>" question
        ("How does DaNet's PartDrop work?", "danet", None),
        ("How does ECON compare with ICON?", "econ", None),
        ("How does discriminator rejection work in HR-VITON?", "hr-viton", None),
        ("What does ECON swap?", "econ", None),
        ("How do ECON and ICON differ?", "econ", None),
        ("How does ECON?", "econ", None),
    ],
)
def test_the_claim_a_how_does_question_takes_for_granted(question: str, name: str, claim: str | None) -> None:
    assert presupposed_claim(question, name) == claim


@pytest.mark.parametrize(
    ("question", "name", "claim"),
    [
        ("Does Portrait3D produce a rigged head?", "Portrait3D", "Portrait3D produces a rigged head."),
        ("Has Brain-ID been tested on infant brain scans?", "Brain-ID", "Brain-ID has been tested on infant brain scans."),
        ("Is BEDLAM trained only on synthetic data?", "BEDLAM", "BEDLAM is trained only on synthetic data."),
        ("Can WOUAF tell which generator made an image?", "WOUAF", "WOUAF can tell which generator made an image."),
        # "the <name> <noun>" is the paper
        ("Does the MANO hand model capture grasping?", "MANO", "MANO captures grasping."),
        ("Did the ECON method use normal maps?", "ECON", "ECON uses normal maps."),
        # a comparison or ranking is no claim of one paper, nor what it does not do, nor "it"
        ("Is AiOS better than DOPE at whole-body pose?", "AiOS", None),
        ("Does SD-VITON outperform HR-VITON?", "SD-VITON", None),
        ("Is WOUAF related to Stable Bias?", "WOUAF", None),
        ("Does ECON not need a body model?", "ECON", None),
        ("Does ECON build on it?", "ECON", None),
        # "different" as "various" relates it to nothing (r580); "different from" does
        ("Does TeCH need photos taken from different angles?", "TeCH", "TeCH needs photos taken from different angles."),
        ("Is ECON different from ICON?", "ECON", None),
        # not a yes/no question about the name
        ("How does ECON use normal maps?", "ECON", None),
        ("Does any method use ECON's normal maps?", "ECON", None),
        ("Is there a paper like ECON?", "ECON", None),
    ],
)
def test_the_claim_a_yes_no_question_about_a_named_paper_asks_after(question: str, name: str, claim: str | None) -> None:
    assert asked_claim(question, name) == claim


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        ("Is there whole-body 3D pose estimation from thermal infrared images?", "OSX presents whole-body 3D pose estimation from thermal infrared images."),
        ("Is there a method for anonymizing faces in brain MRI scans?", "OSX presents a method for anonymizing faces in brain MRI scans."),
        ("Which method re-identifies people who changed clothes using depth-sensor data?", "OSX re-identifies people who changed clothes using depth-sensor data."),
        ("Which paper fingerprints users of text-to-music generators?", "OSX fingerprints users of text-to-music generators."),
        ("Can any lip-sync method here dub singing in music videos?", "OSX can dub singing in music videos."),
        ("Has anyone analysed social bias in text-to-video generators?", "OSX has analysed social bias in text-to-video generators."),
        ("Does any anatomy representation model here work on ultrasound images?", "OSX works on ultrasound images."),
        ("Is there anything on compiling quantum circuits?", "OSX is about compiling quantum circuits."),
        # the asking sentence is the last one; what comes before sets the scene
        (
            "Adapters hurt prompt following. Is there work that confines the adapter's influence to the face area?",
            "OSX presents work that confines the adapter's influence to the face area.",
        ),
        # a clause that sets the scene is a condition of the claim, said last; a pronoun after a noun of the same
        # sentence stands for that noun
        (
            "In crowded photos, is there a whole-body mesh estimator that predicts everyone in one pass?",
            "OSX presents a whole-body mesh estimator that predicts everyone in one pass, in crowded photos.",
        ),
        (
            "For virtual try-on, which work keeps the wearer's tattoos when the new garment is rendered?",
            "OSX keeps the wearer's tattoos when the new garment is rendered, for virtual try-on.",
        ),
        (
            "Is there a body-mesh regressor that predicts correspondence maps first and splits its prediction into per-limb branches?",
            "OSX presents a body-mesh regressor that predicts correspondence maps first and splits its prediction into per-limb branches.",
        ),
        (
            "For SMPL-X users, does any model fit hands and face together?",
            "OSX fits hands and face together, for SMPL-X users.",
        ),
        # asked alone, "any of these methods" picks from the collection
        (
            "Can any of these methods reconstruct hands interacting with objects from a monocular video?",
            "OSX can reconstruct hands interacting with objects from a monocular video.",
        ),
        ("Do any of the papers estimate body pose from thermal images?", "OSX estimates body pose from thermal images."),
        ("Have any of the papers studied bias in video generators?", "OSX has studied bias in video generators."),
        ("Do any of the face-swapping approaches handle anime faces?", "OSX handles anime faces."),
        # "Are there papers that …": what the papers are asked to do, said of one
        ("Are there papers that estimate hand pose from egocentric video?", "OSX estimates hand pose from egocentric video."),
        ("Are there any diffusion methods which were trained only on synthetic data?", "OSX was trained only on synthetic data."),
        ("Are there models that can run on a phone?", "OSX can run on a phone."),
        ("Are there try-on methods that also recommend garments?", "OSX also recommends garments."),
        ("Are there methods that rely on depth sensors?", "OSX relies on depth sensors."),
        ("Are there swapping methods that feed 3D faces to the network?", "OSX feeds 3D faces to the network."),
        # "that" after a paper-like noun starts a relative clause: not "that model", the one said before
        ("Are there avatar methods that model hair as strands?", "OSX models hair as strands."),
        ("Is there work that models hands and bodies together?", "OSX presents work that models hands and bodies together."),
        # "the network" well into a one-sentence question stands for a noun said before it
        (
            "Do any of the papers regress body shape while blanking out whole body parts during training, so that the network leans on the other parts?",
            "OSX regresses body shape while blanking out whole body parts during training, so that the network leans on the other parts.",
        ),
        ("Is there a method that keeps the identity better than the same method with a body model?", None),
        ("Does the method work on thermal images?", None),
        # the subject goes on past its noun ("methods for …", "methods that …"): its verb is the bare word after a
        # noun, and what the subject says goes last
        (
            "Do any of the single-photo methods for clothed humans recover relightable materials?",
            "OSX recovers relightable materials, as one of the single-photo methods for clothed humans.",
        ),
        (
            "Does any method on matching people feed a description into the transformer?",
            "OSX feeds a description into the transformer, as a method on matching people.",
        ),
        (
            "Do any of the methods that match people across cameras work on video tracklets?",
            "OSX works on video tracklets, as one of the methods that match people across cameras.",
        ),
        (
            "Do any of the approaches that dress a person in a new shirt avoid squashed texture?",
            "OSX avoids squashed texture, as one of the approaches that dress a person in a new shirt.",
        ),
        (
            "Have any of the works that synthesize identities for face training generated masked faces?",
            "OSX has generated masked faces, as one of the works that synthesize identities for face training.",
        ),
        ("Can any of the methods for 3D heads produce hair strands?", "OSX can produce hair strands, as one of the methods for 3D heads."),
        ("Which single-photo clothed-human reconstruction runs on a phone?", "OSX runs on a phone."),
        # no word is clearly the verb: no claim
        ("Do any methods for face swapping handle occluded faces well?", None),
        # leans on an earlier sentence or turn, or does not ask whether something exists
        ("Hands are hard. Can any of these methods reconstruct them?", None),
        ("Can any of them run in real time?", None),
        ("Most methods drop the outfit. Does anyone use them instead?", None),
        ("Brain scans vary in contrast. Is there a feature extractor trained on simulated scans that stays stable across them?", None),
        ("Does anyone use them instead?", None),
        ("Which one needs a body model?", None),
        ("Is there a method that keeps the identity better than the first one?", None),
        ("Faces get distorted. Is there an approach aimed at this?", None),
        ("Are there any that deal with brain MRI?", None),
        ("How can I get a complete 3D head from one snapshot?", None),
        ("Which papers re-identify pedestrians who have changed their outfits?", None),
        ("What is BEV?", None),
    ],
)
def test_the_claim_a_paper_must_make_to_answer_is_there_and_which_method_questions(question: str, claim: str | None) -> None:
    assert existential_claim(question, "OSX") == claim


@pytest.mark.parametrize(
    ("question", "claim"),
    [
        ("For dogs and cats, is there a method that regresses body shape?", "OSX works for dogs and cats."),
        ("On a smartphone in real time, can any method dress a user?", "OSX works on a smartphone in real time."),
        ("Under a formal privacy guarantee, has anyone generated faces?", "OSX works under a formal privacy guarantee."),
        # a purpose is what a paper can be used for ("works for auditing …" was refused for the dataset built for it)
        ("For auditing deepfake detectors, is there a video dataset?", "OSX can be used for auditing deepfake detectors."),
        ("For re-dubbing a clip, is there a method?", "OSX can be used for re-dubbing a clip."),
        ("For clothing with logos, is there a try-on method?", "OSX works for clothing with logos."),
        # a circumstance or a purpose, not a condition of what is asked for
        ("When fine-tuning a generator on a few photos, is there a method that keeps the prompt?", None),
        ("To trace misuse back to users, is there a method that fingerprints images?", None),
        ("Is there a method that regresses body shape for dogs and cats?", None),
    ],
)
def test_the_condition_a_scene_setting_clause_states(question: str, claim: str | None) -> None:
    assert scene_claim(question, "OSX") == claim


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("Are there papers that estimate hand pose from egocentric video?", True),
        ("For thermal images, do any methods here estimate whole-body pose?", True),
        ("Which papers report results on Human3.6M?", False),
        ("List the papers that use SMPL-X.", False),
    ],
)
def test_a_list_question_that_asks_whether_there_are_any(question: str, asks: bool) -> None:
    """Only these get the asked-for check among list questions: "which papers …" wants every paper that does."""
    assert asks_whether_any(question) is asks


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who wrote ECON?", "authors"),
        ("Who are the authors of it?", "authors"),
        ("When was BEDLAM published?", "year"),
        ("When did ECON come out?", "year"),
        ("What year is it from?", "year"),
        ("Where was ICON published?", "venue"),
        ("At which conference did it appear?", "venue"),
        ("Which one is the most recent?", "newest"),
        ("Which of them is the oldest?", "oldest"),
        # a topic, or a limit for retrieval, not a question of the records
        ("Who proposed a method for virtual try-on?", None),
        ("What is the latest method for try-on?", None),
        ("Which papers were published in 2025?", None),
        ("How does ECON work?", None),
    ],
)
def test_a_question_of_the_library_records_is_told_apart(question: str, expected: str | None) -> None:
    assert record_ask(question) == expected
