"""Held-out-style conversations for the latency benchmarks (`latency_ab`, `latency_breakdown`).

Written like a researcher's questions: long and natural, single-paper and multi-paper, with follow-ups that
only resolve through the conversation. None is a dev-set item (rag/data/eval/dev_qa.jsonl): the dev set tunes
the pipeline, so timing it there would time questions the prompts were shaped on.
"""

from __future__ import annotations

# Each inner list is one chat; later turns are follow-ups.
CONVERSATIONS: list[list[str]] = [
    ["I'm looking at ways to reconstruct a clothed person in 3D from one photo. How does ECON differ from ICON?",
     "Which one of them relies on a parametric body model?"],
    ["Is there a face generator that can make images of a specific identity from nothing but a face-recognition embedding?"],
    ["When several people are interacting closely in a video, how can one still get clean per-person segmentation masks for 3D reconstruction?"],
    ["What did the BEDLAM work find about training 3D body regressors purely on synthetic data?"],
    ["We have a diffusion model that keeps reproducing watermarks. Which method can erase such implicit concepts, and how?"],
    ["For text-to-video generation of a particular person, how does PersonalVideo keep that person's identity consistent?",
     "Does it need to fine-tune the video model for that?"],
    ["Which papers work on virtual try-on with diffusion models, and what does each one contribute?"],
    ["If I only have synthetic face identities, can I still train a usable face recognition model? What approaches exist?"],
    ["Which papers generate talking-head videos from audio, and how do they keep the lips in sync?"],
    ["How does the DOPE model estimate whole-body 3D pose, including hands and face, from images in the wild?"],
    ["What does TeCH use to fill in the unseen back of a person when reconstructing from a single image?",
     "And how does it represent the geometry?"],
    ["Is there any work on swapping faces in videos with diffusion models while keeping the result temporally stable?"],
    ["How can one anonymize the people in street photos while keeping the rest of the image intact?"],
    ["Which methods animate a single character image with a driving pose sequence, and what do they condition on?"],
    ["Person re-identification breaks down when people change their clothes between camera views. Which papers "
     "tackle cloth-changing re-ID, and what cue do they rely on instead of the clothing?"],
    ["I need the 3D poses of several people in one photo, including how far each one stands from the camera. Is "
     "there a one-stage method that regresses people in depth?",
     "What kind of extra training data did they build for that?"],
    ["A colleague has a child's drawing of a character and wants it to walk and turn around in 3D. What does "
     "DrawingSpinUp do about the drawn contour lines when it lifts the character into 3D?"],
    ["Which methods personalize a text-to-image model for one person's face without any fine-tuning at test "
     "time, and how do they inject the identity into the generator?"],
    ["How does Pivotal Tuning make it possible to edit a real photograph with StyleGAN without losing who the "
     "person is?",
     "Why is plain inversion into the latent space not enough for that?"],
]


def question_count(conversations: list[list[str]] = CONVERSATIONS) -> int:
    return sum(len(turns) for turns in conversations)
