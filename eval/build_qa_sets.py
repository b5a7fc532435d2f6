"""Write eval/refusal_set.jsonl, followup_set.jsonl, premise_set.jsonl, pick_set.jsonl, yes_no_set.jsonl, list_set.jsonl, compare_set.jsonl, stranger_set.jsonl, rank_set.jsonl and listing_set.jsonl from the hand-written items below.

The items are the source of truth; this script only numbers them, alternates
tune/holdout within each kind (or label), resolves short paper names to exact
corpus titles and refuses to write anything that references a title the corpus
does not have. Deterministic and stdlib only:

    python eval/build_qa_sets.py            # writes both files next to this script
    python eval/build_qa_sets.py --check    # validates, writes nothing

Every unanswerable question was checked by hand against all 79 abstracts; every
answerable one against the abstracts of its gold papers (see eval/README.md).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_titles import check_titles, load_papers, resolve  # noqa: E402

HERE = Path(__file__).resolve().parent

# (kind, question, gold short names, note)
REFUSAL: list[tuple[str, str, list[str], str]] = [
    # ---- answerable_single: one paper answers; wording avoids the abstract's key terms ----
    ("answerable_single", "When the same pedestrian turns up weeks later in a different outfit, how can a matching model exploit describable traits of the person, such as the hairstyle, while being forced to ignore garment type and colour?", ["MADE"], ""),
    ("answerable_single", "Why do encoder-to-decoder shortcut links in face-transfer networks leak the original person's look into the output, and has anyone built a swapper without them?", ["WSC-swap"], ""),
    ("answerable_single", "Can the latent space of a GAN trained on faces be attached to a text-to-image diffusion model so that personalized pictures keep the likeness and can still be edited with the usual GAN edit directions?", ["W+Adapter"], ""),
    ("answerable_single", "For making a still photo of someone move along a given skeleton sequence, is there a single-stage approach built on a video diffusion backbone that also feeds rendered body-model maps to cope with unusual body shapes and hand motion?", ["VividPose"], ""),
    ("answerable_single", "How can knowing which image pixels are garments versus bare skin help a network that predicts the parametric body hidden under clothes?", ["DSR"], ""),
    ("answerable_single", "When fine-tuning a generator on a few photos of one subject, is there a method that learns one embedding for the subject itself and a separate one for everything else in the photos, so the prompt is not overridden by the photos' backgrounds?", ["DisenBooth"], ""),
    ("answerable_single", "Most methods for matching people who changed outfits throw the outfit features away. Does anyone use them instead, going through other shots of the same outfit as a stepping stone?", ["FAIM"], ""),
    ("answerable_single", "I have a scanned person as one fused surface. How can I split it into separate garment, hair and body pieces, including the bits that were hidden underneath?", ["GALA"], ""),
    ("answerable_single", "Single-photo 3D reconstructions of dressed people usually have a smooth, blurry back. Is there a method that automatically describes the outfit in words and uses that description to fill in the unseen side?", ["TeCH"], ""),
    ("answerable_single", "Is there an open-source framework that chains face detectors, face embedders and attribute classifiers around an image generator to produce faithful personal portraits from a handful of selfies?", ["FaceChain"], ""),
    ("answerable_single", "Is there a method that recovers a dressed person's 3D shape by turning predicted front and back surface orientation maps into partial surfaces and then filling the gap between them?", ["ECON"], ""),
    ("answerable_single", "Can an identity learned from a single face photo be carried straight into both video and 3D generation without any further fine-tuning?", ["StableIdentity"], ""),
    ("answerable_single", "How can I get a complete 3D head, with shape and texture, from one casual snapshot of someone while keeping them recognizable?", ["Portrait3D"], ""),
    ("answerable_single", "Is there a body-mesh regressor that predicts pixel-to-surface correspondence maps first and splits its prediction into one whole-body branch plus several per-limb branches?", ["DaNet"], ""),
    ("answerable_single", "Could signals from a face recognizer and from human preference ratings be used as rewards to fine-tune identity-keeping image generators, for both low-rank and adapter-style models?", ["ID-Aligner"], ""),
    ("answerable_single", "How can a language-model agent be made to imitate a particular real person, and does describing their daily routine help more than their group memberships?", ["SPeCtrum"], ""),
    ("answerable_single", "I want personalization from one selfie with no per-user optimization and results in seconds. Is there a method that conditions on the prompt and on the photo through two parallel branches?", ["PhotoVerse"], ""),
    ("answerable_single", "Instead of reconstructing every reference photo, can contrasting different subjects against each other help a customization model tell what defines a subject from its viewpoint and backdrop?", ["CustomContrast"], ""),
    ("answerable_single", "After many big face datasets were withdrawn over consent issues, did anyone train a recognizer on people invented by a latent diffusion model and get close to real-data accuracy on the standard verification benchmark?", ["IDiff-Face"], ""),
    ("answerable_single", "From an ordinary single-camera video of someone, can I build an avatar whose body is a mesh but whose hair and clothes are volumetric, so hairstyles can be moved between people?", ["DELTA"], ""),
    ("answerable_single", "Applying multi-view image diffusion to one full-body photo tends to warp the face. Which approach models the whole figure and the face at different scales jointly to avoid that?", ["PSHuman"], ""),
    ("answerable_single", "In crowded photos, is there a whole-body mesh estimator that skips the separate person-detection stage and predicts everyone in one pass with a detection transformer?", ["AiOS"], ""),
    ("answerable_single", "Is there a portrait generator that uses written descriptions of individual facial regions together with a single photo to keep fine facial detail, and that released a large face dataset for training?", ["ConsistentID"], ""),
    ("answerable_single", "Is there a personalization approach that switches off the text attention while learning the identity from the reference photo and merges the image and text streams only afterwards?", ["Infinite-ID"], ""),
    ("answerable_single", "How can I make a generated portrait of a person show exactly the facial expression of another example photo, not a stock smile, while still looking like them?", ["EmojiDiff"], ""),
    ("answerable_single", "Personalized face generators often ignore prompt details like hair colour or glasses. Can this be repaired without retraining, by borrowing from the original base model?", ["FreeCure"], ""),
    ("answerable_single", "Adapter-based face personalization tends to hurt the base model's prompt following and variety. Is there work that confines the adapter's influence to the face area during training?", ["FACT"], ""),
    ("answerable_single", "Is there a generator that turns one photo plus a voice recording into a video of that person speaking with upper-body gestures, with no per-person training?", ["VLOGGER"], ""),
    ("answerable_single", "From a few casual selfies plus a few examples of a photographic look, can a model produce professional-looking headshots such as ID pictures?", ["MagiCapture"], ""),
    ("answerable_single", "For re-dubbing an existing clip so the mouth matches new audio, is there a method that first predicts keypoint motion and then renders the appearance in a separate step?", ["MyTalk"], ""),
    ("answerable_single", "GAN inversion of faces outside the generator's domain, like heavy make-up or unusual headwear, loses either likeness or editability. Is there a way that nudges the generator itself around the inverted code?", ["PTI"], ""),
    ("answerable_single", "Warped shirts in high-resolution try-on look compressed at the sleeves and waist. Is that caused by conflicting training losses, and how has it been fixed?", ["SD-VITON"], ""),
    ("answerable_single", "From a single image, how can a method tell whether a small figure is a child close by or an adult far away?", ["BEV"], ""),
    ("answerable_single", "Can a realistic animatable radiance-field avatar be built from just one photo, using a body template and a vision-language model to imagine the unseen side?", ["ELICIT"], ""),
    ("answerable_single", "Why does customizing a text-to-video model on someone's photos often dampen the motion, and is there a method that supervises the generated clips themselves instead?", ["PersonalVideo"], ""),
    ("answerable_single", "Is there an optimization-free personalization method trained with a loss that keeps the personalized model's edit directions aligned with those of the original text-to-image model?", ["MasterWeaver"], ""),
    ("answerable_single", "How can I change the head angle, expression and illumination of one face photo while keeping the identity, the hair and the background?", ["DiffFAE"], ""),
    ("answerable_single", "When a new person is taught to Stable Diffusion as a token, attention spreads over the whole picture. Is there work that restricts it to the face and stores the identity as several stage-wise tokens?", ["SeFi-IDE"], ""),
    ("answerable_single", "Hands and faces are tiny in full-body pictures. Is there one network that zooms into them at the feature level instead of running separate part models, and does it come with data of partly visible people?", ["OSX"], ""),
    ("answerable_single", "Brain scans from different hospitals vary wildly in contrast and resolution. Is there a feature extractor trained only on simulated scans that stays stable across them?", ["Brain-ID"], ""),
    ("answerable_single", "Which method adds a control branch fed with facial keypoints and an identity embedding to keep a face from one photo, as a plug-in for community diffusion checkpoints?", ["InstantID"], ""),
    ("answerable_single", "Is there a study comparing image generators on how they portray jobs and gender-coded adjectives, with interactive exploration tools, that found one commercial system the least diverse?", ["StableBias"], ""),
    ("answerable_single", "Can I make a 3D head avatar from a description alone and then move a scarf or hairstyle from one avatar onto another?", ["TECA"], ""),
    ("answerable_single", "Is there a try-on method that splits garment fidelity into colour/category, fine pattern and shape factors and keeps most of the diffusion backbone frozen?", ["TryOn-Adapter"], ""),
    ("answerable_single", "Is there a video dataset of consenting participants who reported their own age and gender, used to check whether deepfake detectors treat skin tones fairly?", ["CasualConversations"], ""),
    ("answerable_single", "Is there a single-photo human reconstruction approach that deliberately avoids SMPL-like templates and instead trains its own human-specific 2D and 3D diffusion priors on a mix of scans, videos and photos?", ["GeneMAN"], ""),
    ("answerable_single", "How could I turn a kid's stick-figure sketch into a 3D character that spins and dances?", ["DrawingSpinUp"], ""),
    ("answerable_single", "Is there a zero-shot way to make clips of a specific person from one face photo that works with AnimateDiff-style backbones?", ["ID-Animator"], ""),
    ("answerable_single", "I'm new to estimating body meshes from single images. Is there an overview of fitting-based versus learning-based approaches, with datasets and metrics?", ["HMRSurvey"], ""),
    ("answerable_single", "Text-to-3D head generation from an image diffusion model often looks wrong from behind. Which approach adds facial keypoint conditioning and a learned token for the back of the head?", ["HeadSculpt"], ""),
    ("answerable_single", "Is there a coarse-to-fine approach that builds a detailed body from several camera views, refining a low-resolution occupancy grid with a learned implicit function?", ["VoxelSR"], ""),
    ("answerable_single", "Why do implicit-function reconstructions of dressed people break limbs in unusual poses, and which method swaps global image features for local ones guided by the body model's surface orientation?", ["ICON"], ""),
    ("answerable_single", "Is there a diffusion approach to face replacement in videos that learns from both still images and clips to keep frames consistent?", ["VividFace"], ""),
    ("answerable_single", "Is there a plug-and-play way to edit attributes such as hair colour on faces from a 3D-aware GAN using learned text prompts, rather than one classifier per attribute?", ["LAE"], ""),
    ("answerable_single", "In try-on pipelines where garment warping and layout prediction are separate stages, the two disagree and artifacts appear. Which method merges them into one module and throws away bad layout predictions?", ["HR-VITON"], ""),
    ("answerable_single", "Skinning-based avatar methods fall apart on long skirts. Is there one that synthesizes the flowing parts freely instead of deforming them with the body?", ["FreeForm"], ""),
    ("answerable_single", "Is there an interpretable 3D shape model that explains how a population of anatomical shapes depends on per-subject covariates, and can predict an individual patient's shape?", ["NAISR"], ""),
    ("answerable_single", "Tuning-free personalization often copies the reference pose and expression. Which model generates synthetic image pairs and uses several text encoders so that prompts asking for big changes are followed?", ["ImagineYourself"], ""),
    ("answerable_single", "Has anyone checked whether generated images of everyday scenes like weddings default to particular countries when the prompt names no place?", ["SocialBiasesT2I"], ""),
    ("answerable_single", "Can a body pose-and-shape regressor trained without a single real photograph reach state-of-the-art accuracy on real images?", ["BEDLAM"], ""),
    # ---- answerable_multi: "which papers ..." ----
    ("answerable_multi", "Which papers re-identify pedestrians who have changed their outfits?", ["MADE", "FAIM"], ""),
    ("answerable_multi", "Which works match the same person across surveillance cameras?", ["MADE", "FAIM", "Pose2ID"], ""),
    ("answerable_multi", "Which papers are primarily about dressing a person in a photo with a given garment?", ["TryOnTimeEfficient", "SD-VITON", "TryOn-Adapter", "HR-VITON"], "FaceChain, DELTA and TECA mention try-on only as an application; not gold"),
    ("answerable_multi", "Which papers invent artificial people to train face recognizers?", ["IDiff-Face", "Vec2Face", "Arc2Face"], "StyleGAN-FR uses a GAN for self-supervised pretraining on real unlabeled faces; not gold"),
    ("answerable_multi", "Which methods recover a 3D model of a dressed person from only one photo?", ["ICON", "ECON", "TeCH", "PSHuman", "GeneMAN", "ELICIT"], "body-only regressors (DSR, DaNet, BEV) excluded: they return an unclothed body model"),
    ("answerable_multi", "Which works create 3D head avatars?", ["HeadSculpt", "Portrait3D", "TECA"], ""),
    ("answerable_multi", "Which papers estimate body, hands and face together from a single image?", ["AiOS", "OSX", "DOPE"], "MANO fits body and hands to 4D scans, no face; not gold"),
    ("answerable_multi", "Which papers are mainly about generating videos of a specific person from a text prompt plus a reference face?", ["EchoVideo", "ID-Animator", "PersonalVideo"], "StableIdentity mentions video as an extension; not gold"),
    ("answerable_multi", "Which papers animate a reference photo of a person following a sequence of skeleton poses?", ["VividPose", "MagicDance"], ""),
    ("answerable_multi", "Which papers propose ways of auditing face recognition systems for demographic bias?", ["BiasBenchmark", "SIG"], "StyleGAN-FR evaluates on RFW but proposes a training method; not gold"),
    ("answerable_multi", "Which papers study whether image generators stereotype people?", ["SocialBiasesT2I", "StableBias"], ""),
    ("answerable_multi", "Which papers build on a pretrained StyleGAN?", ["W+Adapter", "StyleGAN-FR", "PTI"], "LAE edits a generic pre-trained 3D-aware GAN; StyleGAN named only for prior 2D work; not gold"),
    ("answerable_multi", "Which papers optimise 3D humans or heads by distilling gradients from a 2D diffusion model?", ["GALA", "TeCH", "Portrait3D", "HeadSculpt"], "all four state a score distillation loss"),
    ("answerable_multi", "Which papers represent parts of a person with neural radiance fields?", ["DELTA", "TECA", "ELICIT"], ""),
    ("answerable_multi", "Which papers transplant one person's face onto another's, in images or video?", ["WSC-swap", "VividFace"], ""),
    ("answerable_multi", "Which papers recover 3D bodies of several people at once?", ["BEV", "MultiPly", "AiOS"], ""),
    ("answerable_multi", "Which papers edit facial attributes such as pose, expression or hair of a given face image?", ["PTI", "DiffFAE", "LAE"], "DP-Adapter lists age/expression editing only as applications; not gold"),
    ("answerable_multi", "Which papers in the collection deal with medical anatomy?", ["Brain-ID", "NAISR"], ""),
    ("answerable_multi", "Which papers generate video of a person driven by speech?", ["VLOGGER", "MyTalk"], "FaceChain lists a 2D talking-head application without saying what drives it; not gold"),
    ("answerable_multi", "Which papers treat clothing or accessories as separable layers or parts rather than one surface fused with the body?", ["NCHO", "GALA", "DELTA", "TECA"], ""),
    ("answerable_multi", "Which papers specifically tackle loose garments like skirts and dresses?", ["ECON", "FreeForm"], ""),
    ("answerable_multi", "Which papers report results on AGORA?", ["AiOS", "BEV", "ICON"], ""),
    ("answerable_multi", "Which papers present a training-free framework?", ["FreeCure", "Pose2ID"], "TryOn-Adapter has a training-free inference strategy inside a trained framework; not gold"),
    ("answerable_multi", "Which papers release synthetic face images for evaluating, rather than training, face recognition?", ["SIG", "BiasBenchmark"], ""),
    ("answerable_multi", "Which papers deal with drawn or cartoon-style characters?", ["DrawingSpinUp", "MagicDance"], ""),
    ("answerable_multi", "Which papers use human observers or user studies as part of their evaluation?", ["BiasBenchmark", "SPeCtrum", "DrawingSpinUp", "SocialBiasesT2I", "ECON", "ImagineYourself"], "ECON: perceptual studies; Imagine yourself: human evaluation"),
    # ---- answerable_named: names a method of the collection ----
    ("answerable_named", "What problem does FAIM address, and what are its two modules for?", ["FAIM"], ""),
    ("answerable_named", "What is the MFI encoder in CustomContrast used for?", ["CustomContrast"], ""),
    ("answerable_named", "How does DaNet's PartDrop work?", ["DaNet"], ""),
    ("answerable_named", "What architecture does AiOS build on, and how does it locate people and their joints?", ["AiOS"], ""),
    ("answerable_named", "What does the d-BiNI step in ECON do?", ["ECON"], ""),
    ("answerable_named", "What is MENTOR?", ["VLOGGER"], ""),
    ("answerable_named", "What is ControlFace10k?", ["SIG"], ""),
    ("answerable_named", "What are AfricanFaceSet-5M and AsianFaceSet-3M used for?", ["StyleGAN-FR"], ""),
    ("answerable_named", "What is in the ICD benchmark?", ["Geom-Erasing"], ""),
    ("answerable_named", "What is SMPL+H?", ["MANO"], ""),
    ("answerable_named", "What is IdentityNet?", ["InstantID"], ""),
    ("answerable_named", "How does Pivotal Tuning Inversion keep its edit of the generator local?", ["PTI"], ""),
    ("answerable_named", "What is the UBody dataset?", ["OSX"], ""),
    ("answerable_named", "What does the Relative Human dataset annotate?", ["BEV"], ""),
    ("answerable_named", "What is HSFace?", ["Vec2Face"], ""),
    ("answerable_named", "What is the Positional-aware Perceiver Resampler for in StoryMaker?", ["StoryMaker"], ""),
    ("answerable_named", "What does EchoVideo's IITF module do?", ["EchoVideo"], ""),
    ("answerable_named", "How does discriminator rejection work in HR-VITON?", ["HR-VITON"], ""),
    ("answerable_named", "What is the AIDT dataset?", ["VividFace"], ""),
    ("answerable_named", "How do the TVOB and TACO layers of SD-VITON divide the work?", ["SD-VITON"], ""),
    ("answerable_named", "What is FreeCure?", ["FreeCure"], "name not in the title"),
    ("answerable_named", "What is DELTA?", ["DELTA"], "name not in the title"),
    ("answerable_named", "What is BEV?", ["BEV"], "name not in the title"),
    ("answerable_named", "What is ELICIT?", ["ELICIT"], "name not in the title"),
    ("answerable_named", "What is WSC-swap?", ["WSC-swap"], "name not in the title"),
    ("answerable_named", "What is MADE?", ["MADE"], "name not in the title"),
    ("answerable_named", "What does Brain-ID's mild-to-severe generation do?", ["Brain-ID"], ""),
    ("answerable_named", "How does Geom-Erasing use an object detector?", ["Geom-Erasing"], "name not in the title"),
    # ---- absent_topic: no paper is about this at all ----
    ("absent_topic", "Which paper predicts protein structures from amino-acid sequences?", [], ""),
    ("absent_topic", "Is there work on automatic speech recognition for low-resource languages?", [], ""),
    ("absent_topic", "How do the papers here use reinforcement learning for robotic grasping?", [], ""),
    ("absent_topic", "Which paper improves code generation with large language models?", [], "SPeCtrum uses LLM agents for personas, not code"),
    ("absent_topic", "Is there a graph neural network for predicting molecular properties?", [], ""),
    ("absent_topic", "Which work detects cars and cyclists in LiDAR point clouds for autonomous driving?", [], ""),
    ("absent_topic", "Any paper on medium-range weather forecasting with deep learning?", [], ""),
    ("absent_topic", "Which paper proposes a new collaborative-filtering recommender system?", [], ""),
    ("absent_topic", "How does federated learning keep hospital data private in these papers?", [], "Brain-ID is medical but not federated"),
    ("absent_topic", "Is there a transformer for forecasting stock prices?", [], ""),
    ("absent_topic", "Which paper segments land cover in satellite images?", [], ""),
    ("absent_topic", "Is there anything on compiling quantum circuits?", [], ""),
    ("absent_topic", "Which paper classifies the sentiment of tweets?", [], ""),
    ("absent_topic", "Is there a learned codec for compressing video streams?", [], ""),
    ("absent_topic", "Which work generates symphonic music from text descriptions?", [], ""),
    ("absent_topic", "Is there a paper on recognizing handwritten text in historical documents?", [], "Geom-Erasing removes rendered text from generations; no OCR"),
    # ---- near_miss: a neighbour of a real topic that no abstract covers ----
    ("near_miss", "Which paper reconstructs 3D dogs or other animals from photos?", [], "all reconstruction papers are about humans; MagiCapture generalizes portraits to objects, not 3D animals"),
    ("near_miss", "Is there a method that synthesizes how a hand should grasp a given object?", [], "AiOS evaluates on ARCTIC; MANO models hands; none synthesizes grasps"),
    ("near_miss", "Which work re-identifies vehicles across traffic cameras?", [], "re-ID papers are about people"),
    ("near_miss", "Is there a face anti-spoofing method that catches printed-photo or mask attacks?", [], ""),
    ("near_miss", "Which paper trains a new classifier to tell face-swapped videos from real ones?", [], "Casual Conversations only evaluates existing DFDC detectors; swap papers generate"),
    ("near_miss", "Is there work that recovers the sewing patterns of a garment from a photo?", [], "GALA/NCHO decompose meshes; no sewing patterns"),
    ("near_miss", "Which paper generates 3D furniture or indoor scenes from text?", [], "text-to-3D papers are about heads and avatars"),
    ("near_miss", "Is there a paper on translating spoken language into sign-language animation?", [], ""),
    ("near_miss", "Which work generates 3D body motion sequences from a text description like 'a person jumps twice'?", [], "VLOGGER's motion diffusion is audio-driven; MyTalk speech-to-lip motion"),
    ("near_miss", "Is there a motion-capture method using body-worn inertial sensors?", [], ""),
    ("near_miss", "Which paper counts people in dense crowd images?", [], "AiOS/BEV handle several people but do not count crowds"),
    ("near_miss", "Is there a method for estimating where a person is looking (gaze) from a face image?", [], ""),
    ("near_miss", "Which paper proposes a better facial landmark detector?", [], "landmarks are used as inputs (InstantID, MyTalk, HeadSculpt) but never proposed"),
    ("near_miss", "Is there work on recognizing emotions from facial expressions?", [], "EmojiDiff controls expressions in generation, does not recognize them"),
    ("near_miss", "Which paper makes a large language model forget specific training data?", [], "Geom-Erasing removes concepts from image diffusion models"),
    ("near_miss", "Is there a method for watermarking text written by chatbots?", [], "WOUAF fingerprints images from text-to-image models"),
    ("near_miss", "Which study measures gender bias in text produced by language models?", [], "bias studies are about generated images"),
    ("near_miss", "Is there a contrast-agnostic representation model for cardiac MRI?", [], "Brain-ID is brain-only; NAISR uses hippocampus and airway shapes"),
    # ---- absent_condition: a real task plus a condition no abstract states ----
    ("absent_condition", "Which method re-identifies people who changed clothes using depth-sensor data?", [], "MADE/FAIM use RGB; Pose2ID mentions infrared, not depth, and not clothes changes"),
    ("absent_condition", "Is there a virtual try-on method for eyeglasses or shoes?", [], "try-on papers handle garments; TECA transfers accessories between text-generated avatars, not try-on of glasses/shoes on photos"),
    ("absent_condition", "Can any lip-sync method here dub singing in music videos?", [], "MyTalk is speech-driven; singing/music not stated"),
    ("absent_condition", "Which single-photo clothed-human reconstruction runs in real time on a smartphone?", [], "DOPE is real-time but estimates poses, not clothed surfaces"),
    ("absent_condition", "Is there whole-body 3D pose estimation from thermal infrared images?", [], "Pose2ID mentions infrared for re-ID only"),
    ("absent_condition", "Which paper generates a 3D head avatar from a voice recording?", [], "heads come from text (HeadSculpt, TECA) or a photo (Portrait3D)"),
    ("absent_condition", "Is there a method for anonymizing faces in brain MRI scans?", [], "CAMOUFLaGE anonymizes photos; Brain-ID does not anonymize"),
    ("absent_condition", "Which method generates a dance video from a written description of the dance rather than from poses?", [], "MagicDance and VividPose are pose-driven"),
    ("absent_condition", "Is there a video face-swapping method fast enough for live streaming?", [], "VividFace needs fewer inference steps; no real-time claim"),
    ("absent_condition", "Can personalized face restoration be applied to old film footage with temporal consistency across frames?", [], "Dual-Pivot Tuning restores images"),
    ("absent_condition", "Is there a method that removes unwanted concepts like watermarks from text-to-video models?", [], "Geom-Erasing is for text-to-image"),
    ("absent_condition", "Which paper fingerprints users of text-to-music generators?", [], "WOUAF is for text-to-image"),
    ("absent_condition", "Has anyone analysed social bias in text-to-video generators?", [], "bias studies cover text-to-image systems"),
    ("absent_condition", "Does any anatomy representation model here work on ultrasound images?", [], "Brain-ID: MRI modalities and CT"),
    ("absent_condition", "Is there whole-body mesh recovery from event-camera data?", [], ""),
    ("absent_condition", "Which identity-preserving video generator keeps two different people's identities in the same clip?", [], "video generators handle one identity; StoryMaker handles several characters in still images"),
    ("absent_condition", "Is there a way to control a generated portrait's facial expression from an audio clip?", [], "EmojiDiff uses RGB expression images"),
    ("absent_condition", "Can layered clothing assets be extracted from an ordinary photograph instead of a 3D scan?", [], "GALA takes a scanned mesh, NCHO real 3D scans, DELTA a monocular video"),
    # ---- unreported_quantity: the paper exists, the number does not ----
    ("unreported_quantity", "How many GPU hours did training InstantID take?", [], ""),
    ("unreported_quantity", "What Chamfer distance does ECON reach on CAPE?", [], "CAPE named, no numbers"),
    ("unreported_quantity", "How many parameters does Arc2Face have?", [], ""),
    ("unreported_quantity", "How many minutes does TeCH's optimization take per subject?", [], ""),
    ("unreported_quantity", "At how many frames per second does DOPE run?", [], "says real-time, gives no rate"),
    ("unreported_quantity", "How many seconds does ConsistentID need per generated image?", [], "says fast inference, gives no time"),
    ("unreported_quantity", "How many images are in the Implicit Concept Dataset?", [], ""),
    ("unreported_quantity", "What Rank-1 accuracy does MADE achieve on PRCC?", [], ""),
    ("unreported_quantity", "How many identities does VividFace's triplet dataset contain?", [], ""),
    ("unreported_quantity", "How many hours of video does MENTOR contain?", [], "gives identities (800,000), not hours"),
    ("unreported_quantity", "What MPJPE does OSX get on EHF?", [], ""),
    ("unreported_quantity", "How many participants took part in DrawingSpinUp's user study?", [], ""),
    ("unreported_quantity", "What output resolution in pixels does MagiCapture generate?", [], "says high-resolution only"),
    ("unreported_quantity", "What exact attribution accuracy percentage does WOUAF report?", [], "says near-perfect only"),
    ("unreported_quantity", "How many images does the UBody dataset contain?", [], ""),
    ("unreported_quantity", "How large a speed-up over full fine-tuning does TryOn-Adapter report in training hours?", [], "reports about half the tunable parameters, not time"),
    # ---- false_premise: a real method with a wrong task ----
    ("false_premise", "How does ECON swap faces in videos?", [], "ECON reconstructs clothed 3D humans"),
    ("false_premise", "How does MANO model facial expressions?", [], "MANO is a hand model"),
    ("false_premise", "How does BEDLAM detect deepfakes?", [], "BEDLAM is a synthetic body dataset"),
    ("false_premise", "How does Brain-ID re-identify people across cameras?", [], "Brain-ID is brain MRI representation learning"),
    ("false_premise", "How does Pose2ID estimate 3D human poses from images?", [], "Pose2ID is training-free person re-ID"),
    ("false_premise", "How does WOUAF remove watermarks from generated images?", [], "WOUAF embeds user fingerprints; Geom-Erasing removes watermarks"),
    ("false_premise", "How does SPeCtrum analyse data from hyperspectral cameras?", [], "SPeCtrum builds LLM agent personas"),
    ("false_premise", "How does Arc2Face swap faces in videos?", [], "Arc2Face generates faces from ArcFace embeddings"),
    ("false_premise", "How does HR-VITON estimate heart rate from video?", [], "HR-VITON is high-resolution virtual try-on"),
    ("false_premise", "How does DrawingSpinUp turn 3D scans into line drawings?", [], "it goes from drawings to 3D animation"),
    ("false_premise", "How does GeneMAN find disease genes in sequencing data?", [], "GeneMAN reconstructs 3D humans"),
    ("false_premise", "How does StoryMaker write the text of a story with a language model?", [], "StoryMaker generates consistent character images"),
    ("false_premise", "How does NAISR reconstruct clothed humans from photos?", [], "NAISR models anatomical shape populations"),
    ("false_premise", "How does TryOn-Adapter let users try on hairstyles?", [], "TryOn-Adapter is garment try-on"),
    ("false_premise", "How is a chatbot trained on the Casual Conversations dataset?", [], "it is a fairness video dataset"),
    ("false_premise", "How does VLOGGER transcribe the speech in vlogs into text?", [], "VLOGGER generates video from audio"),
    # ---- answerable_scene / scene_condition: "Is there …?" questions that open with a clause setting the scene,
    # in the same sentence ("In crowded photos, is there …"); the unanswerable ones carry a condition no abstract
    # states, in the scene clause (first 8) or the main clause (last 4). Written 2026-12-05 from the abstracts,
    # each condition checked absent by grep over the corpus. ----
    ("answerable_scene", "For online clothes shopping, is there a diffusion-based approach to dressing a shopper in a chosen garment that keeps personal details such as body art and worn accessories and renders roughly twenty times faster than the previous best?", ["TryOnTimeEfficient"], ""),
    ("answerable_scene", "When transplanting one person's face into another photo, which face-swapping method encodes the target picture with two separate encoders, a pixel-level encoder for everything around the face and a second encoder for pose-like attributes inside the face?", ["WSC-swap"], ""),
    ("answerable_scene", "From real 3D scans of people, is there an unsupervised generative model that learns to detach worn objects such as bags or scarves by comparing scans of one subject taken with and without the objects?", ["NCHO"], ""),
    ("answerable_scene", "For matching pedestrians across different camera views, is there a method that skips re-identification training entirely and stabilizes each person's descriptor by pooling features from generated images of the person in other poses and from nearest neighbours in the gallery?", ["Pose2ID"], ""),
    ("answerable_scene", "To find out whether face recognizers are biased in a causal rather than merely correlational sense, did anyone propose an experimental method that alters one attribute at a time on generated faces and asks human observers whether two images show the same person?", ["BiasBenchmark"], ""),
    ("answerable_scene", "When building training data for face recognizers out of people who do not exist, has anyone built a generator that turns randomly sampled vectors into hundreds of thousands of well-separated identities and beats a real training set of equal size on one test set?", ["Vec2Face"], ""),
    ("answerable_scene", "For telling a story through a series of generated pictures, can any tuning-free method keep several characters consistent not only in face but also in outfit, hair and physique?", ["StoryMaker"], ""),
    ("answerable_scene", "Before sharing datasets of photos that show people, is there a latent-diffusion technique that makes the depicted individuals hard to recognize while keeping the meaning of the whole scene including the background?", ["CAMOUFLaGE"], ""),
    ("answerable_scene", "When restoring a degraded portrait of a specific individual, which approach personalizes the generative prior around a fixed text anchor while tuning the guiding network in a generic way?", ["DualPivot"], ""),
    ("answerable_scene", "For hand-drawn figures made by amateurs, is there a system that lifts one drawing into a 3D character able to spin and dance, erasing the outline strokes before motion retargeting and drawing the outlines back afterwards?", ["DrawingSpinUp"], ""),
    ("answerable_scene", "From an ordinary single-camera video of several people interacting, does any framework reconstruct every person in 3D together with the background as separate layers of one scene?", ["MultiPly"], ""),
    ("answerable_scene", "To trace misuse of a text-to-image generator back to individual users, is there a method that adjusts a diffusion model's weights per user so that every generated picture carries a recoverable identifier?", ["WOUAF"], ""),
    ("scene_condition", "For dogs and cats, is there a method that regresses 3D body shape and pose from a single photo?", [], "DSR, DaNet, BEV, BEDLAM and the HMR survey regress 3D shape and pose of humans only; no abstract mentions animals or pets"),
    ("scene_condition", "On a smartphone in real time, can any method dress a user in a chosen garment?", [], "TryOnTimeEfficient is a diffusion try-on about 20x faster than prior SOTA but claims neither real-time speed nor mobile devices; DOPE is the only real-time claim and it estimates poses"),
    ("scene_condition", "For group photos with several people, is there a face-swapping method that replaces every face in one pass?", [], "WSC-swap and VividFace swap a single source face onto a single target (image / video); multi-person handling appears only in CAMOUFLaGE (anonymization) and StoryMaker (generation), not in face swapping"),
    ("scene_condition", "Under a formal differential-privacy guarantee, has anyone generated synthetic faces for training recognizers?", [], "IDiff-Face, Vec2Face and Arc2Face generate synthetic identities for face-recognition training and IDiff-Face motivates it by privacy, but no abstract offers a differential-privacy guarantee"),
    ("scene_condition", "For children's skull shapes, is there an interpretable shape model that shows how the shape depends on covariates such as age?", [], "NAISR models covariate-dependent shapes, but on hippocampus and pediatric airway data, not skulls"),
    ("scene_condition", "For footage filmed from drones, does any method re-identify pedestrians across views?", [], "Pose2ID, MADE and FAIM re-identify people from ground surveillance cameras (Pose2ID also infrared/occluded); no drone or aerial footage anywhere"),
    ("scene_condition", "For sign-language videos, is there a model that tracks the signer's fine hand articulation jointly with the body?", [], "MANO models and captures hands together with bodies from 4D scans; no abstract mentions sign language"),
    ("scene_condition", "For prompts written in languages other than English, has anyone measured social bias in the people that image generators depict?", [], "SocialBiasesT2I and StableBias measure social bias in text-to-image outputs but say nothing about prompt language or non-English prompts"),
    ("scene_condition", "In virtual try-on, which method shows how a garment in a specific size would sit on the shopper's body measurements?", [], "TryOnTimeEfficient, SD-VITON, TryOn-Adapter and HR-VITON warp a given garment onto a person photo; none models garment sizes or body measurements"),
    ("scene_condition", "When lip-syncing an existing talking video, is there a method that also translates the speech into another language?", [], "MyTalk edits lip motion to match given speech; no abstract mentions translation or other languages"),
    ("scene_condition", "For single-photo reconstruction of clothed people, which method estimates the physical stiffness of the fabric?", [], "ICON, ECON, TeCH, PSHuman and GeneMAN reconstruct clothed geometry and texture; BEDLAM uses physics simulation to build its dataset; nobody estimates fabric material parameters"),
    ("scene_condition", "For pose-driven dance video generation, does any model generate matching music along with the video?", [], "MagicDance and VividPose generate dance videos from pose sequences without audio; DrawingSpinUp animates drawings dancing; no abstract mentions music"),
    # ---- answerable_partitive / partitive_condition: first-turn questions that ask "Do any of the papers …?",
    # "Can any of these methods …?"; 12 answered by one paper each, 12 with a condition no abstract states.
    # Drafted 2026-12-05 by a helper from the abstracts (each condition's absence checked with grep over the
    # corpus, the greps named in the notes); reviewed by hand.
    ("answerable_partitive", "Do any of the papers regress 3D body shape and pose from a single image while blanking out the information of whole body parts in an intermediate dense map during training, so that the network learns to lean on the remaining parts?", ["DaNet"], ""),
    ("answerable_partitive", "Does any of these methods for reconstructing dressed 3D people from images let you swap in the parametric body model's own hands and face when the reconstructed ones come out noisy?", ["ECON"], ""),
    ("answerable_partitive", "Can any of these methods fold separately trained body, hand and face specialists into a single network that estimates 3D poses of all three together and runs in real time?", ["DOPE"], ""),
    ("answerable_partitive", "Have any of the papers released recordings of real adults whose skin was graded on a standard skin-type scale and whose low-light clips are flagged, so that vision and audio models can be checked for uneven accuracy across groups?", ["CasualConversations"], ""),
    ("answerable_partitive", "Do any of these works stop a text-to-image model from producing stray QR codes, watermarks or lettering by using an available detector to write whether and where such marks appear into the prompts the model is tuned on, and then steering generation away from that information?", ["Geom-Erasing"], ""),
    ("answerable_partitive", "Do any of the methods for personalized human images divide the output into regions that should follow the reference photo and regions that should follow the prompt, and handle each kind of region with a separate add-on module?", ["DP-Adapter"], ""),
    ("answerable_partitive", "Did any of these models make an identity learned from a single face photo editable by placing the face embedding into a space built from celebrity names?", ["StableIdentity"], ""),
    ("answerable_partitive", "Have any of the papers assembled sets of three face images, two sharing a pose and two sharing an identity, to teach a video face-replacement model to keep identity apart from pose?", ["VividFace"], ""),
    ("answerable_partitive", "Can any of these models be adapted to new brain-imaging tasks such as segmentation or super-resolution by training just one added layer?", ["Brain-ID"], ""),
    ("answerable_partitive", "Do any of the approaches that dress a person in a new shirt avoid squashed texture around the waist by first fitting the shirt in an untucked style and then partly erasing the warped shirt's texture?", ["SD-VITON"], ""),
    ("answerable_partitive", "Does any of these works on matching people who changed clothes feed a written list of the person's traits into the image transformer at several depths, fusing the description with both low-level and high-level features?", ["MADE"], ""),
    ("answerable_partitive", "Do any of these methods that re-sync the mouth in an existing talking video to new speech encode the lip region, the rest of the appearance and the motion with separate encoders and then merge the three with a learned fusion step?", ["MyTalk"], ""),
    ("partitive_condition", "Do any of the methods that match people across cameras work on short video tracklets of each person rather than on single still images?", [],
     "MADE and FAIM (clothes-changing) and Pose2ID (training-free) re-identify people from still images; MADE names gait only as a generic clothing-independent cue, and no re-ID abstract mentions video, sequences, tracklets or temporal cues (grep video|sequence|temporal|tracklet|frame|clip)."),
    ("partitive_condition", "Can any of these try-on methods follow a written styling instruction, such as 'sleeves rolled up', given along with the garment image?", [],
     "TryOnTimeEfficient, SD-VITON, TryOn-Adapter and HR-VITON fit a given garment image onto a person photo without any text input (SD-VITON's tucked-out warping is an internal step, not a user choice), and TECA/DELTA only transfer clothing, hair or accessories between avatars; grep instruction|roll|tuck|prompt over the try-on abstracts finds no text or styling input."),
    ("partitive_condition", "Do any of the face-swapping approaches handle the faces of anime or cartoon characters?", [],
     "WSC-swap (FaceForensics++, CelebA-HQ) and VividFace swap real human faces in images and videos; the only cartoon mention is MagicDance's cartoon-like stylization of dance videos (grep cartoon|anime|manga|comic|illustrat|styliz)."),
    ("partitive_condition", "Have any of the papers recovered 3D body meshes from radar or WiFi signals instead of camera images?", [],
     "DSR, DaNet, BEV, AiOS, OSX and DOPE estimate bodies from RGB images and BEDLAM supplies synthetic RGB video; no abstract mentions radar, WiFi, wireless or RF sensing (grep radar|wifi|wireless|rf signal|millimet|lidar|through.wall|sensor)."),
    ("partitive_condition", "Can any of these personalization methods learn a person's identity from a pencil sketch or a painted portrait rather than from photos?", [],
     "PhotoVerse, InstantID, StableIdentity and ConsistentID take face photos as identity input, and Infinite-ID and MagiCapture stylize outputs but still learn from photos; drawings appear only in DrawingSpinUp (animating character drawings) and sketches only as a re-ID modality, and DP-Adapter's 'old-photo to reality' is still a photo (grep sketch|drawing|pencil|painting)."),
    ("partitive_condition", "Does any of these talking-video generators produce a clip of two people holding a conversation, each person driven by a separate audio track?", [],
     "VLOGGER animates a single input image of one person from audio and MyTalk re-syncs the lips of one person's video; Casual Conversations is a recorded fairness dataset, not a generator; no abstract mentions dialogue or multiple speakers (grep convers|dialog|two people|speakers)."),
    ("partitive_condition", "Have any of the bias studies examined how image generators portray people with disabilities?", [],
     "SocialBiasesT2I measures gender, age, race and geographic bias and StableBias measures gender and ethnicity across professions and adjectives in text-to-image outputs; neither mentions disability (grep disab|wheelchair|impair|handicap|blind|deaf|amput|prosthe|religio)."),
    ("partitive_condition", "Do any of the single-photo methods for 3D clothed humans recover relightable materials, separating the surface albedo from the lighting baked into the photo?", [],
     "ICON, ECON, TeCH, PSHuman and GeneMAN reconstruct geometry and colour texture; lighting appears only in DiffFAE (2D face lighting edits) and BEDLAM (rendering with varied lighting), and no abstract mentions relighting, albedo, shading or reflectance (grep relight|albedo|shading|brdf|reflectance|material|illuminat)."),
    ("partitive_condition", "Can any of these medical imaging models segment brain tumours or other lesions?", [],
     "Brain-ID does anatomy reconstruction, contrast synthesis, brain (anatomy) segmentation, super-resolution and bias-field estimation, and NAISR models hippocampus and pediatric airway shapes; no abstract mentions tumours, lesions or pathology (grep tumo|lesion|stroke|patholog|cancer|disease|diagnos)."),
    ("partitive_condition", "Have any of the works that synthesize identities for face-recognition training generated people wearing surgical masks so that recognizers cope with covered faces?", [],
     "IDiff-Face, Vec2Face and Arc2Face generate synthetic identities to train face recognizers, with attribute variation but no masked faces; no abstract mentions surgical or face masks (grep surgical|face mask|masked face|covid)."),
    ("partitive_condition", "Can any of these 3D head avatar methods be driven live from a webcam so that the head mirrors my facial expressions?", [],
     "HeadSculpt and TECA generate static 3D heads from text and Portrait3D from one portrait photo; none mentions animation, reenactment or expression driving (grep webcam|live|real-time|reenact|driv|animat|expression over those three abstracts)."),
    ("partitive_condition", "Do any of the papers erase a specific artist's painting style from a text-to-image model?", [],
     "Geom-Erasing removes implicit concepts (QR codes, watermarks, text) and unsafe images (I2P) from diffusion models, while style appears only as something added (Infinite-ID style control, MagiCapture style references, PersonalVideo style LoRA); no abstract mentions artists or copyright (grep artist|copyright|style)."),
    # ---- answerable_arethere / arethere_condition: "Are there papers/methods that …?"; 12 answered by the
    # abstracts of 1–3 papers (every paper that fits is gold), 12 with a condition no abstract states. Drafted
    # 2026-12-05 by a helper from the abstracts (absences checked with grep over the corpus, named in the notes);
    # reviewed by hand.
    ("answerable_arethere", "Are there video face-swapping methods that feed 3D face reconstructions into the network as a condition so that large changes in head pose are handled?", ["VividFace"], "WSC-swap uses a 3DMM prior only inside a preservation loss, for still images; not gold"),
    ("answerable_arethere", "Are there person re-identification approaches that report state-of-the-art results on cross-modality and occluded matching tasks as well as in the standard setting?", ["Pose2ID"], ""),
    ("answerable_arethere", "Are there virtual try-on systems that pair a garment-warping module with a second module that refines the outfit and fills in missing parts, followed by a mask-guided clean-up step that protects the wearer's identity?", ["TryOnTimeEfficient"], ""),
    ("answerable_arethere", "Are there identity-preserving image generation methods that are shown to work on top of both the SD1.5 and SDXL base models?", ["ID-Aligner", "InstantID"], ""),
    ("answerable_arethere", "Are there audio-driven human video generators that synthesize the complete frame, torso included, without first detecting and cropping the face?", ["VLOGGER"], ""),
    ("answerable_arethere", "Are there studies that compare DALL-E 2 with Stable Diffusion on the social biases in generated depictions of people?", ["SocialBiasesT2I", "StableBias"], ""),
    ("answerable_arethere", "Are there papers that evaluate 3D reconstruction of dressed people on the CAPE dataset?", ["ICON", "ECON", "PSHuman"], ""),
    ("answerable_arethere", "Are there shape-modelling works that test on 3D hippocampus shapes and on airway shapes from children?", ["NAISR"], ""),
    ("answerable_arethere", "Are there techniques that suppress unsafe or unwanted content in text-to-image diffusion outputs and report results on the Inappropriate Image Prompts benchmark?", ["Geom-Erasing"], ""),
    ("answerable_arethere", "Are there methods that create an animatable avatar from a single image and refine individual parts of the avatar locally through a segmentation-guided sampling strategy?", ["ELICIT"], ""),
    ("answerable_arethere", "Are there dance video generators that can be attached to Stable Diffusion as a plug-in module?", ["MagicDance"], ""),
    ("answerable_arethere", "Are there body-regression methods that learn a clothing prior over the body model's vertices from thousands of scans of dressed people?", ["DSR"], ""),
    ("arethere_condition", "Are there human mesh recovery methods that estimate 3D body pose and shape from fisheye or 360-degree panoramic images?", [],
     "DSR, DaNet, BEV, AiOS, OSX, BEDLAM and the HMR survey recover bodies from ordinary monocular RGB images or videos; no abstract mentions fisheye, panoramic, 360-degree or omnidirectional cameras (grep fisheye|panoram|360|omnidirectional|wide-angle|equirect)."),
    ("arethere_condition", "Are there virtual try-on methods that also recommend which garments would suit the shopper?", [],
     "HR-VITON, SD-VITON, TryOn-Adapter and TryOnTimeEfficient fit a given garment onto a person photo (TECA/DELTA transfer clothing between avatars); none recommends garments or judges fit/style (grep recommend|suggest|suit|fashion advice|outfit|styling)."),
    ("arethere_condition", "Are there face-swapping methods that embed an invisible watermark in the swapped result so that the fake can later be identified?", [],
     "WSC-swap and VividFace swap faces without marking the output; WOUAF fingerprints text-to-image outputs per user, Geom-Erasing removes watermarks from generations and Casual Conversations evaluates deepfake detectors; none watermarks face-swapped results (grep watermark|fingerprint|deepfake|forensic|provenance)."),
    ("arethere_condition", "Are there person re-identification models designed to run on embedded hardware inside surveillance cameras?", [],
     "MADE, FAIM and Pose2ID re-identify people on benchmark galleries with no mention of deployment hardware; 'lightweight' appears only in TryOn-Adapter and CAMOUFLaGE-Light, and 'camera' only in BEDLAM (grep embedded|edge device|on-device|mobile|smartphone|lightweight|low-power|hardware|fpga|camera)."),
    ("arethere_condition", "Are there techniques that make a face-personalized image generator forget a specific person's identity on request?", [],
     "Personalization papers (InstantID, PhotoVerse, FACT, StableIdentity ...) add identities, Geom-Erasing removes implicit concepts (QR codes, watermarks, text, unsafe images) rather than identities, CAMOUFLaGE anonymizes photos and IDiff-Face only mentions retracted datasets; no abstract unlearns a person (grep forget|unlearn|delet|withdraw|opt.out|revok|erase|remov|retract)."),
    ("arethere_condition", "Are there talking-video generators that synthesize the speech audio from a written script as well as the video?", [],
     "VLOGGER takes an audio recording as input and MyTalk re-syncs lips to given speech; no abstract generates speech from text (grep text-to-speech|tts|speech synthes|voice|script|transcri)."),
    ("arethere_condition", "Are there studies that measure how text-to-image models portray people of different body weights?", [],
     "SocialBiasesT2I covers gender, age, race and geography and StableBias gender and ethnicity across professions and adjectives; neither mentions weight or body size (grep \\bweight\\b|obes|body size|plus.size|\\bfat\\b|\\bthin\\b|bmi|body mass|body shape; only WOUAF's 'weight modulation' and non-bias 'body shape' hits)."),
    ("arethere_condition", "Are there single-image 3D reconstruction methods for dressed people that handle see-through garments such as lace or chiffon?", [],
     "ICON, ECON, TeCH, PSHuman and GeneMAN reconstruct clothed geometry and texture and FreeForm models loose skirts and dresses; no abstract mentions transparent or sheer fabric (grep translucen|transparen|see-through|sheer|lace|chiffon)."),
    ("arethere_condition", "Are there brain-imaging representation models built for fetal or newborn brain scans?", [],
     "Brain-ID learns contrast-agnostic anatomy features from MRI/CT without mentioning age groups; 'infants' appears only in BEV (body shape) and 'pediatric' only in NAISR's airway data (grep fetal|fetus|neonat|newborn|infant|baby|pediatric|child)."),
    ("arethere_condition", "Are there concept-erasure methods for text-to-image diffusion models that are tested against adversarial prompts crafted to bring the erased concept back?", [],
     "Geom-Erasing removes implicit concepts and is evaluated on I2P and its ICD dataset; 'adversarial' appears only as GAN losses in WSC-swap and SD-VITON, and no abstract mentions attacks or jailbreaks on erasure (grep adversarial|jailbreak|attack|red.team)."),
    ("arethere_condition", "Are there dance video generators that animate several dancers together in one clip from their pose sequences?", [],
     "MagicDance and VividPose animate one reference identity along a pose sequence and DrawingSpinUp animates one drawing; multiple people appear only in reconstruction or estimation (MultiPly, BEV, AiOS) and StoryMaker stills (grep group|multiple dancers|duet|multi-person|several people|multiple people)."),
    ("arethere_condition", "Are there avatar methods that model hair as individual strands rather than as a volume or a mesh?", [],
     "DELTA and TECA represent hair with neural radiance fields (TECA mentions curly hair) and GALA separates hairstyles as mesh layers; no abstract mentions strand-based hair (grep strand|curly|hair)."),
    # ---- short questions (at most 14 words) that end in a condition: answerable_condition, the gold abstract states it;
    # short_condition, no abstract does (r271–r324) ----
    # ---- answerable_condition: "Is there ...?" ----
    ("answerable_condition", "Is there a 3D head avatar generator that works from one portrait photo?", ["Portrait3D"],
     "Portrait3D: 'generate high-quality 3D heads with accurate geometry and texture from single in-the-wild portrait images'; HeadSculpt/TECA start from text; StableIdentity injects an identity into generic 3D generation, not head avatars"),
    ("answerable_condition", "Is there a detailed 3D body reconstruction method using several camera views?", ["VoxelSR"],
     "VoxelSR: 'reconstruct a detailed 3D human body from multi-view images'; ELICIT mentions multi-view only as what other methods need, GeneMAN uses multi-view videos as training data"),
    ("answerable_condition", "Is there a 3D body regressor that also works for babies and children?", ["BEV"],
     "BEV: 'lets BEV infer shapes from infants to adults'; 'outperforms existing methods on ... child shape estimation'"),
    ("answerable_condition", "Is there a virtual try-on method evaluated on the DressCode dataset?", ["TryOnTimeEfficient"],
     "TryOnTimeEfficient: 'comparable performance with the recent SOTA method on the VITON-HD and Dresscode datasets'; TryOn-Adapter names no benchmark ('two widely-used benchmarks')"),
    ("answerable_condition", "Is there a diffusion-based face-swapping method for video clips?", ["VividFace"],
     "VividFace: 'the first diffusion-based framework specifically designed for video face swapping'; WSC-swap is image-based and GAN-trained"),
    ("answerable_condition", "Is there an identity-preserving video generator that plugs into AnimateDiff?", ["ID-Animator"],
     "ID-Animator: 'highly compatible with popular pre-trained T2V models like animatediff and various community backbone models'"),
    ("answerable_condition", "Is there a person re-identification method that also works on infrared images?", ["Pose2ID"],
     "Pose2ID: 'ensuring identity consistency even in complex scenarios such as infrared, and occlusion'; 'state-of-the-art results across standard, cross-modality, and occluded ReID tasks'"),
    # ---- answerable_condition: "Which ...?" ----
    ("answerable_condition", "Which methods create 3D head avatars from text descriptions alone?", ["HeadSculpt", "TECA"],
     "HeadSculpt: 'crafting (i.e., generating and editing) 3D head avatars from textual prompts'; TECA: 'create a realistic 3D facial avatar with hair and accessories using only a text description'; Portrait3D mentions text-based methods only as prior work"),
    ("answerable_condition", "Which model estimates whole-body 3D poses, including hands and face, in real time?", ["DOPE"],
     "DOPE: 'whole-body 3D human poses, including bodies, hands and faces'; 'can achieve real-time performance'; no other abstract claims real time"),
    ("answerable_condition", "Which human image animation methods are evaluated on the TikTok dataset?", ["MagicDance", "VividPose"],
     "MagicDance: 'superior performance on the TikTok dataset'; VividPose: 'experiments on the UBCFashion and TikTok benchmarks'"),
    ("answerable_condition", "Which face-swapping method reports results on FaceForensics++?", ["WSC-swap"],
     "WSC-swap: 'Extensive experiments on both FaceForensics++ and CelebA-HQ'"),
    ("answerable_condition", "Which speech-driven video generator animates a whole person from a single photo?", ["VLOGGER"],
     "VLOGGER: 'audio-driven human video generation from a single input image of a person'; 'generates the complete image (not just the face or the lips)'; MyTalk edits an existing talking video"),
    ("answerable_condition", "Which method reconstructs clothed 3D humans from one photo without a parametric body model?", ["GeneMAN"],
     "GeneMAN: 'Without relying on parametric human models (e.g., SMPL)'; 'recover high-quality 3D human geometry given a single image'; ICON, ECON, PSHuman, TeCH and ELICIT all use SMPL(-X) or a body shape prior"),
    ("answerable_condition", "Which single-view human reconstruction method is evaluated on THuman2.1?", ["PSHuman"],
     "PSHuman: 'quantitative evaluations on CAPE and THuman2.1 datasets'"),
    # ---- answerable_condition: "Can any ...?" ----
    ("answerable_condition", "Can any method reconstruct several interacting people from a single-camera video?", ["MultiPly"],
     "MultiPly: 'reconstruct multiple people in 3D from monocular in-the-wild videos'; 'individuals moving and interacting naturally'"),
    ("answerable_condition", "Can any 3D human pose and shape estimator be trained using only synthetic data?", ["BEDLAM"],
     "BEDLAM: 'neural networks trained only on synthetic data achieve state-of-the-art accuracy on the problem of 3D human pose and shape (HPS) estimation from real images'; Brain-ID is also trained on synthetic data but is brain imaging"),
    ("answerable_condition", "Can any method decompose a clothed human into layered 3D assets from one scan?", ["GALA"],
     "GALA (title 'from a Single Scan'): 'takes as input a single-layer clothed 3D human mesh and decomposes it into complete multi-layered 3D assets'; NCHO needs two sets of scans (with and without objects)"),
    ("answerable_condition", "Can any lip-sync method generalize to unseen, out-of-domain speakers?", ["MyTalk"],
     "MyTalk: 'our method generalizes well to the unknown, even out-of-domain person, in terms of both lip sync and visual detail preservation'"),
    ("answerable_condition", "Can any personalization method turn a few casual selfies into passport-style portraits?", ["MagiCapture"],
     "MagiCapture: 'given a handful of random selfies, our fine-tuned model can generate high-quality portrait images in specific styles, such as passport or profile photos'"),
    ("answerable_condition", "Can any personalization method generate full-body portraits from just a headshot?", ["DP-Adapter"],
     "DP-Adapter: 'supports various innovative applications, including controllable headshot-to-full-body portrait generation'"),
    ("answerable_condition", "Can any method restore prompt consistency of face personalization models without training?", ["FreeCure"],
     "FreeCure: 'a training-free framework ... to improve the prompt consistency of personalization models'; 'it eliminates the need for training'"),
    # ---- answerable_condition: "Has anyone ...?" ----
    ("answerable_condition", "Has anyone learned avatars with separate hair and clothing layers from monocular video?", ["DELTA"],
     "DELTA: 'takes a monocular RGB video as input, and produces a human avatar with separate body and clothing/hair layers'; MultiPly's layers are people and background"),
    ("answerable_condition", "Has anyone evaluated clothes-changing person re-identification on the LTCC benchmark?", ["MADE"],
     "MADE: 'Experiments are conducted on several CC-ReID benchmarks, including PRCC, LTCC, Celeb-reID-light, and LaST'; FAIM names no benchmark"),
    ("answerable_condition", "Has anyone evaluated single-image animatable avatars on ZJU-MoCap?", ["ELICIT"],
     "ELICIT: 'learning human-specific neural radiance fields from a single image'; 'evaluations on multiple popular benchmarks, including ZJU-MoCAP, Human3.6M, and DeepFashion'"),
    ("answerable_condition", "Has anyone learned to separate backpacks and coats from scanned people without annotations?", ["NCHO"],
     "NCHO: 'humans and objects (backpacks, coats, scarves, and more) from real-world 3D scans'; 'To decompose them without manual annotations'; 'in an unsupervised manner'; GALA states no such condition"),
    ("answerable_condition", "Has anyone compared how image generators depict everyday scenes across countries?", ["SocialBiasesT2I"],
     "SocialBiasesT2I: 'an analysis of geographical location representations on everyday situations (e.g., park, food, weddings) shows ... closer ... to images generated for locations of United States and Germany'"),
    ("answerable_condition", "Has anyone built LLM agent personas from short personal essays?", ["SPeCtrum"],
     "SPeCtrum: 'constructing authentic LLM agent personas'; 'Personal Life Context (C)-derived from short essays on preferences and daily routines'"),
    ("answerable_condition", "Has anyone improved face recognition accuracy for African and Asian faces?", ["StyleGAN-FR"],
     "StyleGAN-FR: 'AfricanFaceSet-5M ... and AsianFaceSet-3M ... pretraining on each of them improves recognition of the respective ethnicities'; BiasBenchmark only measures lower accuracy for Black and East Asian subgroups"),
    # ---- answerable_condition: "Does any ...?" ----
    ("answerable_condition", "Does any model recover expressive whole-body meshes in crowded scenes?", ["AiOS"],
     "AiOS: two-stage methods suffer 'performance degradation, especially for crowded scenes'; AiOS does 'multi-person whole-body mesh recovery' 'without an additional human detection step'"),
    ("answerable_condition", "Does any single-image human reconstruction method use text descriptions for unseen regions?", ["TeCH", "ELICIT"],
     "TeCH: 'descriptive text prompts (e.g., garments, colors, hairstyles)' to 'reconstruct unseen areas (e.g., the back view)' from a single image; ELICIT: 'can use text descriptions to generate text-conditioned unseen regions'"),
    ("answerable_condition", "Does any single-image reconstruction method recover 3D humans in loose clothing?", ["ECON"],
     "ECON: 'infers high-fidelity 3D humans even in loose clothes and challenging poses'; FreeForm handles loose clothing but models animated avatars, not single-image reconstruction"),
    ("answerable_condition", "Does any animatable avatar model work for people in long dresses?", ["FreeForm"],
     "FreeForm: 'realistic animated human avatars'; 'struggle to handle loose clothing, such as long dresses'; 'capture ... challenging loose clothing, such as skirts and dresses'"),
    ("answerable_condition", "Does any brain-imaging representation model work on CT as well as MRI?", ["Brain-ID"],
     "Brain-ID: 'state-of-the-art performance in all tasks on different MRI modalities and CT'"),
    ("answerable_condition", "Does any user-fingerprinting scheme for Stable Diffusion survive image post-processing?", ["WOUAF"],
     "WOUAF: 'we also evaluate the robustness of our approach against various image post-processing manipulations typically executed by end-users'"),
    ("answerable_condition", "Does any face-recognition bias study take its ground truth from human observers?", ["BiasBenchmark"],
     "BiasBenchmark: 'Human observers crucially provide the ground truth on perceptual identity similarity between synthetic image pairs'; SIG uses no human annotation"),
    ("answerable_condition", "Does any identity-preservation fine-tuning framework work for both LoRA and adapter models?", ["ID-Aligner"],
     "ID-Aligner: 'our method can be readily applied to both LoRA and Adapter models, achieving consistent performance gains'"),

    # ---- short_condition: topic present, trailing condition in no abstract ----
    ("short_condition", "Is there a parametric hand model built for children's hands?", [],
     "MANO is learned from scans of 31 subjects' hands with no age information; no abstract mentions children's hands (grep child|kid|infant|pediatric: only BEV bodies 'from infants to adults' and NAISR's pediatric airway)"),
    ("short_condition", "Does any brain-imaging representation model work on PET scans?", [],
     "Brain-ID covers 'different MRI modalities and CT'; NAISR models hippocampus/airway shapes; no abstract mentions PET (grep '\\bPET\\b'|positron|nuclear)"),
    ("short_condition", "Which text-to-3D head method exports rigged heads for game engines?", [],
     "HeadSculpt and TECA generate 3D heads from text (textured mesh / mesh+NeRF), Portrait3D from a photo; none mentions rigging, blendshapes or game engines (grep rigged|rigging|blendshape|game engine|unity|unreal as words: no hits; the nearest is MANO's hand model being 'compatible with standard graphics packages')"),
    ("short_condition", "Has anyone studied text-to-image bias in depictions of religious groups?", [],
     "SocialBiasesT2I covers gender, age, race and geographic location, StableBias gender and ethnicity; no abstract mentions religion (grep relig|muslim|christian|jewish|hindu|caste)"),
    ("short_condition", "Does any concept-removal method for diffusion models work on brand logos?", [],
     "Geom-Erasing removes QR codes, watermarks, text and unsafe images (I2P); no abstract mentions logos, brands or trademarks (grep logo|brand|trademark|copyright)"),
    ("short_condition", "Is there a user-fingerprinting method for GAN image generators?", [],
     "WOUAF fingerprints users of text-to-image diffusion models (Stable Diffusion); GANs appear only in WSC-swap, Portrait3D (3D-GAN inversion), LAE and the StyleGAN papers, none with fingerprinting (grep fingerprint|attribution: WOUAF only)"),
    ("short_condition", "Has anyone synthesized face-recognition training data for telling identical twins apart?", [],
     "IDiff-Face, Vec2Face and Arc2Face synthesize identities for face-recognition training; no abstract mentions twins or look-alikes (grep twin|look-alike|lookalike|sibling|doppelg)"),
    ("short_condition", "Can any diffusion-based anonymization method be applied to video footage?", [],
     "CAMOUFLaGE anonymizes still images ('image anonymization'); no abstract anonymizes video (grep anonymi: CAMOUFLaGE only, whose abstract never says video|frame|temporal)"),
    ("short_condition", "Is there a face-swapping method that works at 4K resolution?", [],
     "WSC-swap (FaceForensics++, CelebA-HQ) and VividFace ('high-fidelity' video face swapping) state no output resolution; no abstract mentions 4K (grep 4K|2K|ultra|megapixel|1024|resolution in the two swap abstracts: none)"),
    ("short_condition", "Can any lip-sync method handle speakers filmed in side profile?", [],
     "MyTalk edits lip motion in talking video with no statement about head pose or views; 'profile' appears only in MagiCapture's 'profile photos' and large poses only in VividFace's face swapping (grep profile|side.view|large pose|extreme pose|head pose)"),
    ("short_condition", "Which method estimates 3D human pose and shape from sports broadcast footage?", [],
     "DSR, DaNet, BEV, AiOS, OSX, DOPE, BEDLAM and the HMR survey estimate bodies from generic monocular images/videos (3DPW, Human3.6M, AGORA, EHF, ARCTIC, EgoBody); none mentions sports (grep sport|athlet|broadcast|soccer|football|basketball|tennis: only 'passport' in MagiCapture)"),
    ("short_condition", "Can any clothed 3D human reconstruction method work from black-and-white photos?", [],
     "ICON, ECON, TeCH, PSHuman, GeneMAN and ELICIT reconstruct from colour in-the-wild photos; only DP-Adapter's 2D 'old-photo to reality' application touches old photos (grep black-and-white|grayscale|greyscale|monochrom|historical|old photo|old-photo)"),
    ("short_condition", "Does any virtual try-on model work for children's clothing?", [],
     "TryOnTimeEfficient, SD-VITON, TryOn-Adapter and HR-VITON dress a person photo with a garment without naming wearer groups; children appear only in BEV and NAISR (grep child|kid|infant|toddler|baby|pediatric)"),
    ("short_condition", "Does any dance video generator handle footage with a moving camera?", [],
     "MagicDance and VividPose animate a reference image along a pose sequence and DrawingSpinUp animates drawings; camera motion appears only in BEDLAM's rendered dataset (grep camera|viewpoint|camera motion|moving camera|dolly|pan)"),
    ("short_condition", "Which person re-identification method works on very low-resolution images?", [],
     "MADE, FAIM and Pose2ID (infrared, occluded, cross-modality) say nothing about image resolution; 'low-resolution' appears only in MANO (scans) and Brain-ID (MRI), other 'resolution' hits are try-on/portrait/3D papers (grep resolution|low-res|blurr|tiny|small person: no re-ID abstract)"),
    ("short_condition", "Is there an interpretable covariate-aware shape model for dental scans?", [],
     "NAISR models covariate-dependent shapes on Starman, ADNI hippocampus and pediatric airway data; no abstract mentions teeth or dental data (grep dental|tooth|teeth|jaw|orthodont|intraoral)"),
    ("short_condition", "Has anyone grounded LLM agent personas in people's social media posts?", [],
     "SPeCtrum builds personas from social identity, personal identity and short essays on preferences and daily routines; no abstract mentions social media (grep social media|tweet|twitter|facebook|reddit|instagram; 'post' only in post-processing)"),
    ("short_condition", "Is there a fairness evaluation video dataset recorded outside the United States?", [],
     "Casual Conversations states 'The videos were recorded in multiple U.S. states'; other geography hits are SocialBiasesT2I's generated images for 'United States and Germany', StyleGAN-FR's unlabeled AfricanFaceSet-5M/AsianFaceSet-3M image sets (not a fairness video recording) and BiasBenchmark's 'East Asian' subgroup (grep countr|nation|europe|asia|africa|international|germany)"),
    # ---- answerable_quantity (stop 48): the abstract states the count asked for; last, so earlier ids stay ----
    ("answerable_quantity", "How many facial images does the FGID dataset contain?", ["ConsistentID"], "over 500,000 facial images"),
    ("answerable_quantity", "How many 3D scans was MANO learned from?", ["MANO"], "around 1000 high-resolution 3D scans"),
    ("answerable_quantity", "How many images are in AfricanFaceSet-5M?", ["StyleGAN-FR"], "5 million images"),
    ("answerable_quantity", "How many synthetic identities does ControlFace10k have?", ["SIG"], "3,336 unique synthetic identities"),
    ("answerable_quantity", "How many generated images did the Stable Bias study analyze?", ["StableBias"], "over 96,000 images"),
    ("answerable_quantity", "How many subjects are in the Casual Conversations dataset?", ["CasualConversations"], "3,011 subjects"),
    ("answerable_quantity", "How many identities can Vec2Face synthesize?", ["Vec2Face"], "as many as 300K identities"),
    ("answerable_quantity", "How many identities does the MENTOR dataset have?", ["VLOGGER"], "(800,000 identities)"),
    ("answerable_quantity", "How many subjects were scanned to build MANO?", ["MANO"], "hands of 31 subjects"),
    ("answerable_quantity", "How many videos does the Casual Conversations dataset contain?", ["CasualConversations"], "over 45,000 videos"),
    ("answerable_quantity", "How many text-to-image systems did the Stable Bias paper study?", ["StableBias"], "3 popular TTI systems"),
    ("answerable_quantity", "How many face images are in ControlFace10k?", ["SIG"], "10,008 face images"),
    ("answerable_quantity", "How many real-world test sets were the HSFace-trained models evaluated on?", ["Vec2Face"], "five real-world test sets"),
    ("answerable_quantity", "How many images of different people does AsianFaceSet-3M hold?", ["StyleGAN-FR"], "3 million images of different people"),
    ("answerable_quantity", "How many videos per person does the Casual Conversations dataset have on average?", ["CasualConversations"], "an average of 15 videos per person"),
    ("answerable_quantity", "How many hands were scanned for MANO, and of how many people?", ["MANO"], "1000 scans of hands of 31 subjects: the number of hands is not stated as such"),
    # ---- answerable_how_quality (stop 48): how a paper improves its accuracy or speed, asked without asking for the figure ----
    ("answerable_how_quality", "How does MADE improve re-identification accuracy?", ["MADE"], "masks clothing and colour in the attribute description and embeds it in the Transformer blocks; no figure"),
    ("answerable_how_quality", "How does Vec2Face improve face recognition accuracy?", ["Vec2Face"], "well-separated identities from low-similarity vectors, perturbed for intra-class variation; 92%-93.52%"),
    ("answerable_how_quality", "How does DOPE achieve real-time speed?", ["DOPE"], "distils body, hand and face experts into one network, less demanding than the ensemble; no fps"),
    ("answerable_how_quality", "How does FAIM improve clothes-changing re-identification accuracy?", ["FAIM"], "uses clothes-relevant features through intermediary matching; no figure"),
    ("answerable_how_quality", "How does TryOn-Adapter speed up training?", ["TryOn-Adapter"], "frozen backbone except attention layers, three lightweight modules, about half the tunable parameters; no time"),
    ("answerable_how_quality", "How does IDiff-Face boost recognition accuracy with synthetic data?", ["IDiff-Face"], "identity-conditioned latent diffusion with realistic variations; 98.00% on LFW"),
    # ---- answerable_code (stop 48): where a paper's code or project page is, which its abstract says ----
    ("answerable_code", "Where can I find the code for ECON?", ["ECON"], "Code and models are available for research purposes at econ.is.tue.mpg.de"),
    ("answerable_code", "Is the code of InstantID available?", ["InstantID"], "Our codes and pre-trained checkpoints will be available at https://github.com/InstantID/InstantID."),
    ("answerable_code", "Is FaceChain open source?", ["FaceChain"], "FaceChain is open-sourced under Apache-2.0 license at https://github.com/modelscope/facechain."),
    ("answerable_code", "Has MADE released its code?", ["MADE"], "The code is available at https://github.com/moon-wh/MADE."),
    ("answerable_code", "Where is the project page of BEDLAM?", ["BEDLAM"], "See the project page: https://bedlam.is.tue.mpg.de/."),
    ("answerable_code", "Are StoryMaker's model weights available?", ["StoryMaker"], "Our source codes and model weights are available at https://github.com/RedAIGC/StoryMaker."),
    ("answerable_code", "Where can I get the code for Brain-ID?", ["Brain-ID"], "Code is available at https://github.com/peirong26/Brain-ID."),
    ("answerable_code", "Is there a GitHub repository for HR-VITON?", ["HR-VITON"], "Code is available at https://github.com/sangyun884/HR-VITON."),
    # ---- unstated_code (stop 48): the same asked of a paper whose abstract names no code, repository or page ----
    ("unstated_code", "Where can I find the code for Arc2Face?", [], "the abstract names no code, repository or project page"),
    ("unstated_code", "Has Vec2Face released its code?", [], "the abstract names no code, repository or project page"),
    ("unstated_code", "Is ConsistentID open source?", [], "the abstract names no code, repository or project page"),
    ("unstated_code", "Where is the GitHub repository of EchoVideo?", [], "the abstract names no code, repository or project page"),
    ("unstated_code", "Are the model weights of VLOGGER public?", [], "the abstract names no code, repository or project page"),
    ("unstated_code", "Is the code for DiffFAE available?", [], "the abstract names no code, repository or project page"),
    ("unstated_code", "Has Infinite-ID released its code?", [], "the abstract names no code, repository or project page"),
    ("unstated_code", "Where can I get the source code of Imagine yourself?", [], "the abstract names no code, repository or project page"),
    # ---- stop 49: two sets written blind, in the dev set's style, labelled from the abstracts before any was run;
    # the first (r363-r404) before this stop's rules, the second (r405-r432) after its first rules, before measuring ----
    ("unreported_quantity", "How many GPUs was InstantID trained on?", [], "no hardware named"),
    ("unreported_quantity", "What batch size did ECON use for training?", [], "no batch size"),
    ("unreported_quantity", "How long does HeadSculpt take to generate one head avatar?", [], "no time"),
    ("unreported_quantity", "What PSNR does the dual-pivot tuning restoration paper report?", [], "no PSNR"),
    ("unreported_quantity", "How many parameters does the Arc2Face model have?", [], "no parameter count"),
    ("unreported_quantity", "At what frame rate does ID-Animator generate videos?", [], "no frame rate"),
    ("unreported_quantity", "On which GPU does DOPE reach real-time speed?", [], "real-time, no GPU named"),
    ("unreported_quantity", "What rank-1 accuracy does MADE reach on LTCC?", [], "benchmarks named, no figure"),
    ("absent_topic", "Is there a paper on sign language recognition?", [], ""),
    ("absent_topic", "Which paper estimates human pose from WiFi signals?", [], ""),
    ("absent_topic", "Which paper synthesizes singing voices from lyrics?", [], ""),
    ("absent_topic", "Which paper tracks animals in wildlife camera footage?", [], ""),
    ("absent_topic", "Does any paper reconstruct 3D cars from a single image?", [], ""),
    ("absent_topic", "Which paper recognizes handwritten text?", [], ""),
    ("absent_condition", "Which paper reconstructs clothed humans from RGB-D sensor data?", [], "single images, video, scans; no RGB-D"),
    ("absent_condition", "Which paper does virtual try-on for videos?", [], "try-on papers are image-based"),
    ("absent_condition", "Which paper does face recognition on thermal infrared images?", [], "infrared only in person ReID (Pose2ID)"),
    ("absent_condition", "Which paper generates talking-head videos on a mobile phone?", [], "no mobile"),
    ("absent_condition", "Which paper removes unwanted concepts from a large language model?", [], "concept removal is for diffusion models"),
    ("absent_condition", "Which paper edits hairstyles in videos?", [], "hair editing in images only"),
    ("false_premise", "Why does BEDLAM train on real motion-capture photos instead of synthetic images?", [], "BEDLAM is synthetic"),
    ("answerable_single", "Which dataset was MagicDance evaluated on?", ["MagicDance"], "TikTok"),
    ("answerable_single", "Which paper restores degraded face photos of a person using a personalized generative prior?", ["DualPivot"], ""),
    ("answerable_single", "Which paper turns a single character drawing into a 3D animation?", ["DrawingSpinUp"], ""),
    ("answerable_single", "Which paper shows that pose regressors trained only on synthetic data reach state-of-the-art accuracy?", ["BEDLAM"], ""),
    ("answerable_single", "How does WOUAF attribute a generated image to the user who made it?", ["WOUAF"], ""),
    ("answerable_single", "Which paper removes unwanted concepts such as watermarks from diffusion model outputs?", ["Geom-Erasing"], ""),
    ("answerable_single", "What does NAISR represent?", ["NAISR"], ""),
    ("answerable_single", "Which paper reconstructs several people from a monocular video?", ["MultiPly"], ""),
    ("answerable_single", "Which paper estimates the relative depth of people in a single image?", ["BEV"], ""),
    ("answerable_single", "How does SD-VITON avoid squeezing artifacts in try-on?", ["SD-VITON"], ""),
    ("answerable_single", "Which paper swaps faces in videos using diffusion?", ["VividFace"], ""),
    ("answerable_single", "Which paper represents an LLM agent's identity along several dimensions?", ["SPeCtrum"], ""),
    ("answerable_single", "How does Pivotal Tuning invert a real image for editing?", ["PTI"], ""),
    ("answerable_single", "What does GALA produce from a single scan?", ["GALA"], ""),
    ("answerable_single", "Which paper generates 3D facial avatars with hair and accessories from text?", ["TECA"], ""),
    ("answerable_single", "How does DSR use clothing semantics to train a body regressor?", ["DSR"], ""),
    ("answerable_single", "Which paper edits lip movements in a talking video to match new speech?", ["MyTalk"], ""),
    ("answerable_single", "What does MANO model?", ["MANO"], ""),
    ("answerable_single", "Which paper uses reward feedback learning to preserve identity in text-to-image generation?", ["ID-Aligner"], ""),
    ("answerable_single", "Which paper learns brain anatomy representations that work across MRI contrasts?", ["Brain-ID"], ""),
    ("answerable_single", "Which paper measures face recognition bias using synthetic faces?", ["BiasBenchmark"], ""),
    ("unreported_quantity", "What learning rate was used to train GeneMAN?", [], "no training details"),
    ("unreported_quantity", "How many GPUs does VividPose need?", [], "no hardware"),
    ("unreported_quantity", "What is the inference time of Portrait3D?", [], "no time"),
    ("unreported_quantity", "What frame rate does MagicDance produce?", [], "no frame rate"),
    ("unreported_data", "Which benchmark does DisenBooth report results on?", [], "the abstract names no data"),
    ("unreported_data", "On which datasets was EchoVideo evaluated?", [], "the abstract names no data"),
    ("unstated_code", "Is the code for PSHuman available?", [], "the abstract names no code"),
    ("unstated_code", "Has GALA released its code?", [], "the abstract names no code"),
    ("absent_topic", "Which paper detects deepfake videos?", [], "WOUAF attributes images to users; mentions fake detection only as earlier work"),
    ("absent_topic", "Is there a paper on protein structure prediction?", [], ""),
    ("absent_topic", "Which paper generates 3D indoor scenes from text?", [], ""),
    ("absent_condition", "Which paper estimates 3D hand pose from event cameras?", [], "hands from images/scans, no event cameras"),
    ("absent_condition", "Which face recognition paper uses federated learning?", [], ""),
    ("false_premise", "How does ICON reconstruct several people from one image?", [], "ICON reconstructs one person; MultiPly and BEV handle several"),
    ("answerable_data", "Which datasets does ECON evaluate on?", ["ECON"], "CAPE and Renderpeople"),
    ("answerable_data", "Which benchmarks does VividPose report results on?", ["VividPose"], "UBCFashion and TikTok"),
    ("answerable_code", "Will VividPose release its code?", ["VividPose"], "Codes and models will be available."),
    ("answerable_code", "Has NAISR released its code?", ["NAISR"], "github.com/uncbiag/NAISR"),
    ("answerable_single", "How does ECON handle loose clothing?", ["ECON"], ""),
    ("answerable_single", "Which paper estimates whole-body 3D pose in real time?", ["DOPE"], ""),
    ("answerable_single", "What does BEDLAM contain?", ["BEDLAM"], ""),
    ("answerable_single", "Which paper proposes a foundation model of human faces?", ["Arc2Face"], ""),
    ("answerable_single", "How does Vec2Face generate distinct identities?", ["Vec2Face"], ""),
    ("answerable_single", "Which paper anonymizes images while preserving their attributes?", ["CAMOUFLaGE"], ""),
    ("answerable_single", "What does SPeCtrum combine to represent a person's identity?", ["SPeCtrum"], ""),
    ("answerable_single", "Which paper does face swapping without skip connections?", ["WSC-swap"], ""),
    ("answerable_single", "What data is GeneMAN built on?", ["GeneMAN"], "multi-source collection: 3D scans, multi-view videos, photos, synthetic"),
    ("answerable_single", "How does PSHuman avoid distorted faces?", ["PSHuman"], "cross-scale diffusion"),
    # ---- stop 50: 48 questions that set a condition on the medium, sensor or setting, written blind by a helper that
    # saw only the corpus (not the code, not the other sets) and labelled from the abstracts before any was run ----
    ("absent_media", "Which paper estimates the 3D pose and shape of animals such as dogs or horses from images?", [], "animals"),
    ("absent_media", "Can GALA decompose a clothed person into layered assets starting from an ordinary photograph?", [], "single photograph input"),
    ("answerable_media", "Which paper fits a combined hand-and-body model to full-body sequences captured with a 4D scanner?", ["MANO"], "4D scanner captures"),
    ("answerable_media", "Is there work on representing a real individual's identity inside an agent powered by a large language model?", ["SPeCtrum"], "large language model (LLM) agents"),
    ("answerable_media", "Is there an interpretable 3D shape representation that has been tested on medical anatomy such as hippocampus shapes or children's airways?", ["NAISR"], "medical anatomical 3D shapes (hippocampus, pediatric airway)"),
    ("answerable_media", "How does EmojiDiff specify the target facial expression — through landmarks, or through example images?", ["EmojiDiff"], "RGB expression images as input"),
    ("answerable_media", "How does ID-Animator generate a personalized human video from a single reference face image without per-identity training?", ["ID-Animator"], "video output from a single face image"),
    ("absent_media", "How does HeadSculpt reconstruct a 3D head avatar from a single photograph of a person?", [], "single photo input"),
    ("answerable_media", "How does DELTA build an avatar with separate body and clothing/hair layers from a monocular video?", ["DELTA"], "monocular RGB video"),
    ("answerable_media", "Is there a coarse-to-fine approach that reconstructs a detailed 3D human body when images of the person from several viewpoints are available?", ["VoxelSR"], "multi-view images"),
    ("absent_media", "Can InstantID produce identity-preserving videos from a single face image?", [], "video"),
    ("absent_media", "Does any work reconstruct 3D clothed humans from a consumer depth camera such as a Kinect (RGB-D input)?", [], "RGB-D / depth camera"),
    ("absent_media", "Is there a method that generates dance videos of a specific person synchronized to a music track?", [], "music-driven"),
    ("absent_media", "How does DrawingSpinUp handle photographs of real people when creating 3D animations?", [], "real photographs"),
    ("answerable_media", "Does any fairness dataset include recordings made in low ambient light, with annotations marking them?", ["CasualConversations"], "low ambient lighting"),
    ("answerable_media", "Does any customizable human image generation method support converting old photographs into realistic images?", ["DP-Adapter"], "old photographs"),
    ("answerable_media", "Which method takes one scanned 3D mesh of a clothed person and splits it into separate, reusable clothing and body layers?", ["GALA"], "3D scan / mesh input"),
    ("answerable_media", "How does Make Your Actor Talk (MyTalk) convert a speech signal into lip movements when editing a talking video?", ["MyTalk"], "speech input"),
    ("answerable_media", "Which face-swapping approach is designed specifically for videos and uses a diffusion model to keep results temporally coherent?", ["VividFace"], "video"),
    ("answerable_media", "Which work reconstructs several people who interact with each other in 3D from one ordinary in-the-wild video?", ["MultiPly"], "monocular in-the-wild video, multiple people"),
    ("answerable_media", "Which paper learns brain anatomy features that stay robust regardless of the MRI contrast the scan was acquired with?", ["Brain-ID"], "MRI brain scans"),
    ("absent_media", "Can any of these methods reconstruct 3D human bodies from LiDAR point clouds?", [], "LiDAR / point clouds"),
    ("absent_media", "Which identity-preserving face image generation method uses a large language model such as GPT or LLaMA in its pipeline?", [], "large language model for face generation"),
    ("absent_media", "Has anyone studied social biases (gender, race) in text-to-video generation models?", [], "text-to-video"),
    ("absent_media", "Which personalized portrait generation method runs on a mobile phone?", [], "mobile phone / on-device"),
    ("absent_media", "Is there a virtual try-on method for shoes or footwear?", [], "footwear"),
    ("answerable_media", "Does any work estimate whole-body 3D pose, including hands and face, fast enough to run in real time?", ["DOPE"], "real time"),
    ("absent_media", "Does StoryMaker keep characters consistent across the frames of a generated video?", [], "video"),
    ("absent_media", "Is there a method that generates synthetic thermal face images to train face recognition models?", [], "thermal face images"),
    ("answerable_media", "Is there a portrait customization method that can turn a handful of casual selfies into passport- or profile-style photos?", ["MagiCapture"], "selfies as input"),
    ("absent_media", "Is there a person re-identification method for footage captured by drones or aerial cameras?", [], "drone / aerial imagery"),
    ("absent_media", "Can any method generate a photorealistic face of a given identity from a hand-drawn sketch?", [], "sketch input"),
    ("absent_media", "Is there a diffusion-based approach to anonymize people in videos while keeping the scene content?", [], "video"),
    ("answerable_media", "Is there a person re-identification approach that still works for infrared imagery and in cross-modality settings?", ["Pose2ID"], "infrared / cross-modality"),
    ("answerable_media", "What kind of data does BEDLAM provide for training 3D human pose and shape regressors?", ["BEDLAM"], "synthetic monocular RGB video"),
    ("answerable_media", "How does MagicDance preserve a person's identity and facial expressions while transferring new motions in dance videos?", ["MagicDance"], "dance videos"),
    ("absent_media", "How does ECON build an animatable avatar from a monocular video sequence?", [], "video"),
    ("answerable_media", "Is there a method that can produce a video of a person speaking and gesturing, driven by an audio track, starting from just one photo of them?", ["VLOGGER"], "audio-driven, from a single image"),
    ("answerable_media", "Can any of these methods turn a single amateur hand-drawn character into a 3D animation?", ["DrawingSpinUp"], "hand-drawn character drawings"),
    ("absent_media", "Can MultiPly reconstruct multiple people from a single still image?", [], "single image"),
    ("absent_media", "Does the Embodied Hands work (MANO / SMPL+H) capture hand and body motion from an ordinary monocular RGB video?", [], "monocular RGB video"),
    ("absent_media", "Does any anatomical representation learning method handle ultrasound scans?", [], "ultrasound"),
    ("absent_media", "Is there a fingerprinting method that attributes generated audio or video back to the user who produced it?", [], "audio/video generators"),
    ("answerable_media", "Can StableIdentity carry an identity learned from a single face image into video or 3D generation?", ["StableIdentity"], "video / 3D generation from one image"),
    ("answerable_media", "How does HeadSculpt generate and edit 3D head avatars from text prompts?", ["HeadSculpt"], "text prompts, 3D"),
    ("absent_media", "Which paper reconstructs multiple interacting people in 3D from a synchronized multi-camera setup?", [], "multi-view capture of multiple people"),
    ("absent_media", "Does any work remove unwanted concepts like watermarks from text-to-video diffusion models?", [], "text-to-video"),
    ("answerable_media", "Which method regresses 3D body shape and depth for people of all ages, including infants and children, from a single image?", ["BEV"], "infants/children"),
    # ---- stop 50, second set: 40 questions with a condition of any kind (people, camera, body part, age, accessory,
    # medium, lighting, language, speed, licence), written blind by a second helper the same way ----
    ("absent_setting", "Has any 3D human pose and shape estimation method been designed or evaluated specifically for elderly people?", [], "age group: elderly"),
    ("answerable_setting", "Does any face recognition work pretrain on millions of unlabeled face images gathered specifically of African and of Asian people?", ["StyleGAN-FR"], "demographic/ethnicity-specific unlabeled datasets (African, Asian)"),
    ("answerable_setting", "Which method reconstructs several people who are interacting closely with one another in 3D from a single monocular video shot in the wild?", ["MultiPly"], "several people; monocular video input"),
    ("answerable_setting", "Skinning-based avatar methods tend to fall apart when the person wears a long dress. Which paper models pose-dependent deformation of skirts and dresses for animated avatars?", ["FreeForm"], "loose clothing (long dresses, skirts) on animated avatars"),
    ("absent_setting", "Is there a diffusion-based anonymization method that anonymizes people consistently across the frames of a video?", [], "video input for anonymization"),
    ("answerable_setting", "If I have pictures of a person taken from several viewpoints at once, which paper reconstructs a detailed 3D body from them with a coarse-to-fine implicit approach?", ["VoxelSR"], "camera set-up: multi-view images as input"),
    ("answerable_setting", "Can MagiCapture turn a handful of casual selfies into passport-style photos?", ["MagiCapture"], "input: a few selfies; output: passport/profile-style portraits"),
    ("absent_setting", "Can MagicDance synchronise its generated dance videos to a music track?", [], "audio/music-driven dance generation (named paper)"),
    ("absent_setting", "Does any paper learn anatomical representations from ultrasound scans?", [], "medical modality: ultrasound"),
    ("absent_setting", "Do any of the identity-preserving text-to-image methods accept prompts written in Chinese?", [], "prompt language: Chinese / non-English"),
    ("answerable_setting", "Given a single photo of a family with babies and adults together, is there a method that recovers 3D bodies for everyone in it and works out how far each person is from the camera?", ["BEV"], "several people of mixed ages, including infants and children, in one single image; 3D pose/shape plus relative depth"),
    ("absent_setting", "Does any whole-body 3D pose method also recover detailed foot or toe articulation?", [], "body part: feet/toes"),
    ("absent_setting", "Is VLOGGER's code or model publicly released?", [], "open-source release (named paper)"),
    ("absent_setting", "Is there a try-on approach for jewellery such as earrings or necklaces?", [], "jewellery try-on"),
    ("answerable_setting", "Which personalized portrait-generation toolkit states that it is released under the Apache 2.0 licence?", ["FaceChain"], "open source with a stated licence (Apache-2.0)"),
    ("answerable_setting", "What kind of input does DELTA need to build an avatar whose hair can be separated from the face and transferred to someone else?", ["DELTA"], "input: monocular RGB video; hair as a separate layer enabling hairstyle transfer"),
    ("absent_setting", "Does HeadSculpt animate its generated head avatars from speech audio?", [], "speech-driven animation (named paper)"),
    ("absent_setting", "Is there a method that generates an identity-preserving photorealistic portrait from a pencil sketch of someone's face?", [], "input medium: face sketch to portrait"),
    ("answerable_setting", "Is there work on building LLM-agent personas of real individuals from short written essays about their preferences and daily routines?", ["SPeCtrum"], "input medium: text (short personal essays); output: LLM agent persona"),
    ("absent_setting", "Can HR-VITON try on lower-body garments such as trousers or skirts?", [], "garment type: lower-body (named paper)"),
    ("absent_setting", "Is there a 3D head avatar method that builds the head from a multi-camera capture rig?", [], "camera set-up: multi-view rig for heads"),
    ("answerable_setting", "Starting from one still photo of a person and a speech recording, which method generates a talking video that includes the torso and hand/upper-body gestures rather than only the mouth?", ["VLOGGER"], "audio input + single image input; output full image video with upper-body gestures"),
    ("answerable_setting", "For auditing deepfake detectors for fairness, is there a video dataset with self-reported age and gender that also marks clips filmed in dim ambient light?", ["CasualConversations"], "lighting: low ambient lighting annotations; self-reported demographics"),
    ("answerable_setting", "Can DOPE estimate whole-body 3D pose, including hands and face, quickly enough for real-time use?", ["DOPE"], "speed: real-time whole-body (body, hands, face) 3D pose"),
    ("absent_setting", "Which identity-preserving portrait generation method can run on-device on a mobile phone?", [], "compute: on-device mobile inference"),
    ("answerable_setting", "Which paper learns brain-anatomy representations that stay reliable across MRI scans acquired with different contrasts and resolutions?", ["Brain-ID"], "medical domain: brain MRI with varying contrast/resolution"),
    ("answerable_setting", "How does VividFace keep face swaps stable from frame to frame when the input is a video rather than a still image?", ["VividFace"], "video input/output for face swapping; temporal consistency"),
    ("answerable_setting", "Is there a synthetic dataset of people in motion, rendered with moving cameras and varied lighting and with physically simulated clothing, that is good enough on its own to train 3D body pose and shape regressors?", ["BEDLAM"], "moving camera and varied lighting in a synthetic video dataset; training only on synthetic data"),
    ("answerable_setting", "Does any work build a hand model learned from high-resolution 3D scans of hands and attach it to a full-body model?", ["MANO"], "hands as the body part; learned from 3D hand scans"),
    ("absent_setting", "Can InstantID place two different people's identities into one generated image?", [], "multiple identities in one image (named paper)"),
    ("absent_setting", "Is there a person re-identification method built to stay robust in rain or fog?", [], "weather conditions (rain, fog) for re-ID"),
    ("answerable_setting", "Is there a StyleGAN-based face editing approach that still works on photos of people wearing headwear or heavy make-up?", ["PTI"], "accessory/appearance: headwear and heavy make-up"),
    ("absent_setting", "Is there a virtual try-on method that puts a given pair of shoes onto the person in a photo?", [], "footwear/shoes try-on"),
    ("answerable_setting", "I have an amateur hand-drawn character, basically a stick figure. Can any of these methods turn it into a 3D animation, for example one that dances?", ["DrawingSpinUp"], "input medium: a single amateur character drawing"),
    ("absent_setting", "Which identity-preserving portrait generator lets the user add or remove eyeglasses while keeping the face identity?", [], "eyeglasses as an editable accessory"),
    ("absent_setting", "Is there a 3D human mesh recovery method that works on thermal or infrared imagery?", [], "input modality: thermal/infrared for 3D mesh recovery"),
    ("answerable_setting", "Which virtual try-on paper makes a point of keeping the wearer's tattoos intact while also being about twenty times faster at inference than earlier work?", ["TryOnTimeEfficient"], "tattoos preserved; large inference speed-up"),
    ("absent_setting", "Can any virtual try-on method dress several people in the same group photo at once?", [], "multiple people in a try-on input"),
    ("answerable_setting", "In StoryMaker, how are the clothing, hairstyle and body of each person kept consistent when several characters appear in the same scene?", ["StoryMaker"], "several characters (multi-person) with consistent clothing/hair/body"),
    ("absent_setting", "Which identity-preserving video generation method keeps two different people's identities in the same generated clip?", [], "several identities in one generated video"),
    # ---- written blind by a helper that saw only the corpus (2026-12-07, stop 51): a near miss of any kind, no more than
    # 4 of 20 on a medium; answerable_blind, one abstract answers it; absent_blind, none does (r521–r560) ----
    ("absent_blind", "Is there a face-swapping method built to swap several faces at once in a crowded group photo?", [], "capability not claimed (multi-face): WSC-swap and VividFace swap a source face onto a target (images/videos); neither mentions multiple faces or group photos. AiOS handles crowded scenes but for po"),
    ("answerable_blind", "Is there a consented video dataset with self-reported age and gender that I could use to check whether deepfake detectors perform equally well across skin tones?", ["CasualConversations"], "is-there-a-dataset: \"each subject agreed to participate ... age and gender annotations are provided by the subjects themselves ... Fitzpatrick skin type ... study on the top five w"),
    ("absent_blind", "What Rank-1 accuracy does the training-free feature-centralization re-id method reach on the SYSU-MM01 infrared-to-visible benchmark?", [], "number not given: Pose2ID claims SOTA on cross-modality re-id but only gives numbers for Market1501 (52.81/78.92); SYSU-MM01 is never named."),
    ("absent_blind", "What fraction of the Casual Conversations participants falls into each Fitzpatrick skin-type group?", [], "number not given: The abstract gives 3,011 subjects, 45,000+ videos, ~15 videos per person and says skin tone was labeled with the Fitzpatrick scale, but gives no distribution ac"),
    ("answerable_blind", "Is there a way to modify a text-to-image model for each user so that any image it produces can be traced back to the person who generated it?", ["WOUAF"], "is-there-a-method: \"Our method modifies generative models based on each user's unique digital fingerprint, imprinting a unique identifier onto the resultant content that can be tr"),
    ("answerable_blind", "Which paper explains garment textures getting squeezed at the sleeves in high-resolution virtual try-on as a conflict between two loss terms, and proposes a fix?", ["SD-VITON"], "which-paper: \"textures of clothes are squeezed at the sleeve ... A main reason for the issue arises from a gradient conflict between two popular losses, the Total Variation "),
    ("absent_blind", "What re-identification rate does a face recognizer like ArcFace achieve on images anonymized by CAMOUFLaGE?", [], "number not given: The anonymization abstract only says it is 'competitive with the state-of-the-art concerning identity obfuscation' with no recognizer-specific figures; ArcFace "),
    ("answerable_blind", "Can a network trained only on synthetic rendered people reach state-of-the-art accuracy for 3D human body pose and shape estimation on real photographs?", ["BEDLAM"], "feasibility / yes-no: \"We show, for the first time, that neural networks trained only on synthetic data achieve state-of-the-art accuracy on the problem of 3D human pose and shape (H"),
    ("answerable_blind", "I work with a population of 3D anatomical shapes (hippocampi, airways) annotated with covariates such as age. Is there an interpretable model that represents each shape while separating out how each covariate deforms it?", ["NAISR"], "scene-setting / is-there: \"NAISR ... describes individual shapes by deforming a shape atlas in accordance to the effect of disentangled covariates\"; evaluated on ADNI hippocampus and ped"),
    ("answerable_blind", "I have a badly degraded old photo of a relative, plus good photos of the same person. Is there a face restoration approach that uses a person-specific generative prior without disrupting the general restoration network?", ["DualPivot"], "scene-setting / is-there: \"Dual-Pivot Tuning - a two-stage approach that personalize a blind restoration system while maintaining the integrity of the general prior ... the generative mo"),
    ("answerable_blind", "How can a model work out how far away each person is in a single photo when the scene mixes small children and adults of very different heights?", ["BEV"], "how-can-I: \"BEV, adds an additional imaginary Bird's-Eye-View representation to explicitly reason about depth ... exploit a 3D body model space that lets BEV infer shapes "),
    ("answerable_blind", "How can I stop a text-to-image diffusion model from spontaneously putting watermarks, QR codes or stray text into its images?", ["Geom-Erasing"], "how-can-I: \"Geom-Erasing, a novel concept removal method ... Implicit Concept Dataset (ICD) ... three typical implicit concepts (i.e., QR codes, watermarks, and text) ... "),
    ("absent_blind", "Does Portrait3D produce a rigged 3D head that can be animated with new facial expressions?", [], "false premise / capability not claimed: Portrait3D generates geometry and texture of identity-preserving 3D heads from one portrait; no rigging or animation is mentioned. HeadSculpt and TECA create/ed"),
    ("answerable_blind", "Which study found that, for everyday scenes, text-to-image outputs from prompts that name no location look most like the images generated for the United States and Germany?", ["SocialBiasesT2I"], "which-paper / specific finding: \"images generated through default location-neutral prompts are closer and more similar to images generated for locations of United States and Germany\""),
    ("absent_blind", "Which paper measures gender stereotypes in the text that large language models write?", [], "adjacent task: SPeCtrum concerns LLM agent personas/identity representation, not bias measurement; Social Biases and Stable Bias measure gender bias in text-to-image images, n"),
    ("absent_blind", "Does the disentangled speech-to-lip-motion method (MyTalk) still work when the driving speech is in a different language than its training data?", [], "condition not mentioned (language): Make Your Actor Talk claims generalization to unknown and out-of-domain persons, not to other languages; VLOGGER is audio-driven but also says nothing about lan"),
    ("absent_blind", "What LFW verification accuracy does a face recognizer trained on Vec2Face's synthetic HSFace data reach?", [], "number not given (false premise about benchmark): Vec2Face reports 92%-93.52% averaged over five real-world test sets and a win on CALFW, but no LFW figure. IDiff-Face reports 98.00% on LFW, but for its own met"),
    ("answerable_blind", "Has anyone tried building LLM agent personas from a person's social identity, personal identity and everyday life context, and checked which of those parts matters most?", ["SPeCtrum"], "has-anyone: \"SPeCtrum integrates three core components: Social Identity (S), Personal Identity (P), and Personal Life Context (C)\"; automated evals: C alone performed compa"),
    ("answerable_blind", "My kid drew a stick-figure character on paper. Is there a system that can turn a single amateur drawing like that into a 3D character that can spin around or dance?", ["DrawingSpinUp"], "scene-setting / how-to: \"we propose a novel system, DrawingSpinUp, to produce plausible 3D animations and breathe life into character drawings, allowing them to freely spin up, leap, a"),
    ("absent_blind", "Does the MANO hand model capture how the hand deforms when grasping or pressing against objects?", [], "capability not claimed (hand-object contact): MANO models pose-dependent non-rigid shape changes and hands+body together; object contact is never mentioned. NCHO models human-object contact but for bodies a"),
    ("answerable_blind", "When DALL-E 2 and two versions of Stable Diffusion were compared on how diversely they depict people across professions, which system came out least diverse?", ["StableBias"], "specific comparative finding: \"among the systems studied, DALL-E 2 shows the least diversity, followed by Stable Diffusion v2 then v1.4\""),
    ("answerable_blind", "How many distinct synthetic identities has anyone generated for training face recognition, and has a recognizer trained purely on synthetic faces ever beaten one trained on an equal amount of real faces?", ["Vec2Face"], "quantitative fact: \"Vec2Face has efficiently synthesized as many as 300K identities with 15 million total images ... For the first time, our model created using a synthetic traini"),
    ("answerable_blind", "Does self-supervised pretraining on large unlabeled face collections of one particular ethnicity improve face recognition for that ethnic group?", ["StyleGAN-FR"], "yes/no finding: \"AfricanFaceSet-5M ... and AsianFaceSet-3M ... pretraining on each of them improves recognition of the respective ethnicities (as well as others), while combini"),
    ("absent_blind", "How much faster at inference is InstantID than PhotoVerse?", [], "comparison not given: InstantID says 'in seconds' / single forward inference; PhotoVerse says images 'within only a few seconds'. Neither abstract compares against the other or gives"),
    ("answerable_blind", "How does EmojiDiff stop the identity of the person in the expression reference image from leaking into the generated portrait?", ["EmojiDiff"], "how-does <named method>: \"ID-irrelevant Data Iteration (IDI) to synthesize extremely high-quality cross-identity expression pairs for decoupled training, which is the crucial foundation"),
    ("absent_blind", "Is there an identity-preserving video generator that keeps two different reference people consistent within the same generated clip?", [], "capability not claimed (multi-identity video): EchoVideo, ID-Animator, PersonalVideo, StableIdentity, VLOGGER, MagicDance all handle a single reference identity; StoryMaker handles multiple characters but in"),
    ("absent_blind", "Can WOUAF tell which generator produced a fake image when it came from a model that was never fingerprinted, such as another vendor's GAN?", [], "false premise / capability not claimed: WOUAF only attributes images from Stable Diffusion models it has modified with per-user fingerprints; it says traditional fake detection falls short but never c"),
    ("absent_blind", "Has Brain-ID been tested on infant or neonatal brain scans?", [], "population not mentioned: Brain-ID reports six public datasets, MRI modalities and CT, low-resolution and small datasets, but never mentions age groups or neonatal data. NAISR's pediatri"),
    ("answerable_blind", "Can I get reasonable person re-identification accuracy without training on any re-id data at all, starting from just an ImageNet-pretrained backbone?", ["Pose2ID"], "can-I / feasibility: \"we achieve impressive performance even with an ImageNet pre-trained model without ReID training, reaching mAP/Rank-1 of 52.81/78.92 on Market1501\""),
    ("absent_blind", "Is there a re-identification method for recognizing individual animals, e.g. cattle or wildlife, across different camera sightings?", [], "population not covered (animals): Re-id abstracts (MADE, FAIM, Pose2ID) are all about person/pedestrian re-identification; no abstract covers animal re-id."),
    ("absent_blind", "I have a cohort of 3D heart-ventricle meshes with patient age and sex. Has the covariate-disentangled implicit shape model been validated on cardiac anatomy?", [], "domain not evaluated: NAISR is nearest but is evaluated only on Starman (2D simulated), ADNI hippocampus and a pediatric airway dataset; no cardiac data is mentioned anywhere."),
    ("absent_blind", "Can any single-image 3D human reconstruction method output tailoring measurements such as chest and waist circumference in centimeters?", [], "capability not claimed: ECON, ICON, PSHuman, TeCH, GeneMAN, DaNet, BEV etc. recover meshes/SMPL parameters or relative depth; none claims metric body measurements."),
    ("absent_blind", "Is there a virtual try-on approach for footwear, i.e. fitting a given pair of shoes onto a photo of a person's feet?", [], "adjacent task / item type not covered: Try-on papers (SD-VITON, HR-VITON, TryOn-Adapter, Time-Efficient try-on, FaceChain, DELTA, TECA) deal with garments, clothing or accessories like scarves; none "),
    ("answerable_blind", "How does Feasibility-Aware Intermediary Matching make use of clothing information when re-identifying people who have changed clothes?", ["FAIM"], "how-does <named method>: \"an Intermediary Matching (IM) module ... using clothes-relevant features to find informative intermediates, and then using clothes-irrelevant features of these"),
    ("answerable_blind", "Is there a statistical hand model learned from 3D hand scans that can be attached to a full-body model so that hands and body can be captured together?", ["MANO"], "is-there-a-model: \"MANO is learned from around 1000 high-resolution 3D scans of hands of 31 subjects ... We attach MANO to a standard parameterized 3D body shape model (SMPL), re"),
    ("absent_blind", "Is there a technique to mark a set of training photos so one can later detect that someone fine-tuned a diffusion model on them without permission?", [], "adjacent task (dataset protection vs model fingerprinting): WOUAF fingerprints model outputs per user to attribute generated images; it does not watermark training data or detect unauthorized fine-tuning. Anonymization ("),
    ("answerable_blind", "What approach can anonymize the people in a photo so they are hard to re-identify, while keeping the rest of the scene and its meaning intact, using latent diffusion?", ["CAMOUFLaGE"], "what-approach: \"the first approach to image anonymization based on Latent Diffusion Models (LDMs). Every element of a scene is maintained to convey the same meaning, yet manip"),
    ("absent_blind", "Does any face recognition fairness benchmark here test people with facial differences, such as scars or craniofacial conditions?", [], "population not covered: SIG (race, gender, age), Benchmarking Algorithmic Bias (race, gender, pose, lighting etc.), Casual Conversations (age, gender, skin tone, lighting) and RFW-base"),
    ("absent_blind", "How does Geom-Erasing make a diffusion model forget a particular celebrity's face?", [], "false premise: Geom-Erasing targets implicit concepts (QR codes, watermarks, text) and unsafe images (I2P); it never mentions removing identities or celebrities."),
    ("answerable_blind", "Has anyone merged separately trained body, hand and face pose estimators into a single network for whole-body 3D pose estimation on in-the-wild images?", ["DOPE"], "has-anyone: \"train independent experts for each part, namely a body, a hand and a face expert, and distill their knowledge into a single deep network designed for whole-bod"),
    # ---- yes/no questions that name one paper, written blind by a helper that saw only the corpus (2026-12-07, stop 51):
    # answerable_yes_no, its abstract states it; unstated_yes_no, it does not (r561–r600) ----
    ("unstated_yes_no", "Does MagiCapture work from just one reference selfie of the subject?", [], "about MagiCapture: The abstract says it uses 'just a few subject and style references' / 'a handful of random selfies'; a single selfie is not stated."),
    ("answerable_yes_no", "Can DOPE run fast enough for live, frame-rate use?", ["DOPE"], "about DOPE: DOPE is computationally less demanding than the ensemble of experts and can achieve real-time performance."),
    ("unstated_yes_no", "Does EmojiDiff use facial landmarks as its expression control signal?", [], "about EmojiDiff: Contradicted: landmarks are cited as a weakness of existing methods; EmojiDiff 'directly accepts RGB expression images as input templates'."),
    ("unstated_yes_no", "Does MADE rely on silhouettes or sketches of the person's body?", [], "about MADE: Silhouettes and sketches are attributed to current research; MADE instead uses masked attribute descriptions fused into Transformer blocks. It never says it use"),
    ("answerable_yes_no", "Can ECON reconstruct people wearing baggy, loose-fitting outfits?", ["ECON"], "about ECON: As a result, ECON infers high-fidelity 3D humans even in loose clothes and challenging poses."),
    ("answerable_yes_no", "Does TeCH rely on automatically produced written descriptions of the person's outfit and hair?", ["TeCH"], "about TeCH: TeCH reconstructs the 3D human by leveraging 1) descriptive text prompts (e.g., garments, colors, hairstyles) which are automatically generated via a garment pa"),
    ("unstated_yes_no", "Can DELTA build an avatar from a single still photograph?", [], "about DELTA: The abstract says 'DELTA takes a monocular RGB video as input'; building from one still image is not stated."),
    ("answerable_yes_no", "Can DiffFAE change the lighting on a face photo while keeping the person recognizable?", ["DiffFAE"], "about DiffFAE: Facial Appearance Editing (FAE) aims to modify physical attributes, such as pose, expression and lighting, of human facial images while preserving attributes li"),
    ("answerable_yes_no", "Does VLOGGER animate a person from one still image based on a speech or sound track?", ["VLOGGER"], "about VLOGGER: We propose VLOGGER, a method for audio-driven human video generation from a single input image of a person"),
    ("answerable_yes_no", "Can DELTA learn a person's avatar from footage shot with one ordinary camera, without any 3D ground truth?", ["DELTA"], "about DELTA: enabling DELTA to learn directly from monocular videos without any 3D supervision."),
    ("answerable_yes_no", "Can BEV estimate the body shape of babies as well as grown-ups?", ["BEV"], "about BEV: we exploit a 3D body model space that lets BEV infer shapes from infants to adults."),
    ("answerable_yes_no", "Does ICON hold up when part of the person's body is cut off by the image border?", ["ICON"], "about ICON: it is much more robust to out-of-distribution samples, e.g., in-the-wild poses/images and out-of-frame cropping."),
    ("unstated_yes_no", "Does ID-Animator need to be fine-tuned for each new person it renders?", [], "about ID-Animator: Contradicted: it is 'a zero-shot human-video generation approach that can perform personalized video generation given single reference facial image without furt"),
    ("answerable_yes_no", "Is Brain-ID trained without any real scans, using only generated data?", ["Brain-ID"], "about Brain-ID: Trained entirely on synthetic data, Brain-ID readily adapts to various downstream tasks through only one layer."),
    ("unstated_yes_no", "Does Vec2Face let users set facial attributes by writing a text prompt?", [], "about Vec2Face: Attributes are controlled by perturbing the input vector or 'adjusting vector values with a gradient descent method'; text prompts are never mentioned."),
    ("unstated_yes_no", "Has Brain-ID been used to predict a subject's brain age?", [], "about Brain-ID: Downstream tasks listed are anatomy reconstruction/contrast synthesis, brain segmentation, super-resolution and bias field estimation; age prediction is not men"),
    ("unstated_yes_no", "Does DOPE output full 3D body surface meshes including body shape?", [], "about DOPE: DOPE detects and estimates whole-body 3D poses (keypoints for body, hands and face); body shape or surface meshes are never mentioned."),
    ("answerable_yes_no", "Can InstantID personalize generated images from just one picture of someone's face?", ["InstantID"], "about InstantID: Our plug-and-play module adeptly handles image personalization in various styles using just a single facial image, while ensuring high fidelity."),
    ("answerable_yes_no", "Does BEDLAM dress its animated bodies in garments produced by physics-based cloth simulation?", ["BEDLAM"], "about BEDLAM: The clothing is realistically simulated on the moving bodies using commercial clothing physics simulation."),
    ("unstated_yes_no", "Does TeCH need several photos of the person taken from different angles?", [], "about TeCH: Contradicted: TeCH aims to capture an individual's attributes 'from a single image' and restore unseen regions such as the back view."),
    ("answerable_yes_no", "Has Vec2Face been used to produce a synthetic face set containing hundreds of thousands of different people?", ["Vec2Face"], "about Vec2Face: Vec2Face has efficiently synthesized as many as 300K identities with 15 million total images"),
    ("answerable_yes_no", "Does PhotoVerse avoid per-person fine-tuning when it is used on a new identity?", ["PhotoVerse"], "about PhotoVerse: our proposed PhotoVerse eliminates the need for test time tuning and relies solely on a single facial photo of the target identity"),
    ("answerable_yes_no", "Does GALA start from a single 3D mesh of a dressed person?", ["GALA"], "about GALA: We present GALA, a framework that takes as input a single-layer clothed 3D human mesh and decomposes it into complete multi-layered 3D assets."),
    ("unstated_yes_no", "Is BEDLAM rendered from several synchronized cameras viewing each scene?", [], "about BEDLAM: The abstract says BEDLAM 'contains monocular RGB videos' with varied lighting and camera motions; synchronized multi-view rendering is never mentioned."),
    ("answerable_yes_no", "Can MultiPly reconstruct several people who are in close contact, using footage from one camera?", ["MultiPly"], "about MultiPly: We present MultiPly, a novel framework to reconstruct multiple people in 3D from monocular in-the-wild videos. ... yielding reliable instance segmentation super"),
    ("unstated_yes_no", "Can HeadSculpt build a 3D head avatar from a photograph of a real person?", [], "about HeadSculpt: HeadSculpt crafts 3D head avatars 'from textual prompts'; image or photo input is never mentioned."),
    ("unstated_yes_no", "Does ECON recover the colors and surface texture of the reconstructed person?", [], "about ECON: The abstract only describes geometry (normal maps, d-BiNI surfaces, inpainting missing geometry, SMPL-X face/hand replacement); it never mentions recovering col"),
    ("unstated_yes_no", "Has PSHuman been evaluated on the Renderpeople dataset?", [], "about PSHuman: Evaluations are reported 'on CAPE and THuman2.1 datasets'; Renderpeople is not mentioned."),
    ("answerable_yes_no", "Does AiOS recover whole-body meshes without running a separate person detector first?", ["AiOS"], "about AiOS: we introduce a novel all-in-one-stage framework, AiOS, for multiple expressive human pose and shape recovery without an additional human detection step."),
    ("unstated_yes_no", "Can InstantID put several different people's identities into one generated picture?", [], "about InstantID: The abstract covers personalization from 'a single facial image'; generating multiple distinct identities in one image is never mentioned."),
    ("unstated_yes_no", "Does VLOGGER have to be trained separately for every new person?", [], "about VLOGGER: Contradicted: 'In contrast to previous work, our method does not require training for each person'."),
    ("unstated_yes_no", "Can GALA split a clothed person into layers starting from an ordinary 2D photo?", [], "about GALA: GALA 'takes as input a single-layer clothed 3D human mesh'; a 2D photo as input is never mentioned."),
    ("unstated_yes_no", "Has BEV been evaluated on the 3DPW benchmark?", [], "about BEV: The abstract only reports experiments 'on RH and AGORA'; 3DPW is not mentioned."),
    ("answerable_yes_no", "Can ID-Aligner be applied to both LoRA-style and adapter-style identity personalization models?", ["ID-Aligner"], "about ID-Aligner: Thanks to its universal feedback fine-tuning framework, our method can be readily applied to both LoRA and Adapter models, achieving consistent performance gain"),
    ("answerable_yes_no", "Can MagiCapture be used for subjects that are not human?", ["MagiCapture"], "about MagiCapture: MagiCapture outperforms other baselines in both quantitative and qualitative evaluations and can also be generalized to other non-human objects."),
    ("unstated_yes_no", "Can Arc2Face change a generated face's attributes through text prompts?", [], "about Arc2Face: Arc2Face is 'conditioned solely on ID vectors' and 'only needs the discriminative features of ArcFace'; text-driven attribute editing is not stated."),
    ("answerable_yes_no", "Is MANO built from detailed 3D scans of real people's hands?", ["MANO"], "about MANO: MANO is learned from around 1000 high-resolution 3D scans of hands of 31 subjects in a wide variety of hand poses."),
    ("unstated_yes_no", "Has SIG been used to create training data for face recognition models?", [], "about SIG: SIG is presented for generating evaluation datasets ('evaluation datasets, which differ from training data by being disjoint'); training FR models on its output"),
    ("unstated_yes_no", "Does FreeCure require extra training of the personalization model?", [], "about FreeCure: Contradicted: FreeCure is 'a training-free framework' and 'it eliminates the need for training'."),
    ("answerable_yes_no", "Can ELICIT create an animatable 3D person from only one photo?", ["ELICIT"], "about ELICIT: we propose ELICIT, a novel method for learning human-specific neural radiance fields from a single image ... ELICIT has outperformed strong baseline methods of "),
    # ---- questions that ask for a figure, written blind by a helper that saw only the corpus (2026-12-07, stop 52):
    # answerable_figure, the abstract states the figure; absent_figure, no abstract does (r601–r640) ----
    ("answerable_figure", "Roughly how much faster at inference is the diffusion-based virtual try-on network with a warping module and mask-aware post-processing than the previous state of the art?", ["TryOnTimeEfficient"], "about TryOnTimeEfficient: \"surpassing the state-of-the-art in speed by nearly 20 times during inference\""),
    ("absent_figure", "How many seconds does PhotoVerse need to generate an image after its single training phase?", [], "about PhotoVerse: The abstract only says it generates high-quality images \"within only a few seconds\"; no exact time is given."),
    ("answerable_figure", "By what percentage does AiOS cut PVE on the EHF benchmark relative to earlier state-of-the-art methods?", ["AiOS"], "about AiOS: \"a 30% reduction in PVE on EHF\""),
    ("absent_figure", "Is there a figure for the number of trainable parameters in InstantID's IdentityNet?", [], "about InstantID: The abstract describes IdentityNet (strong semantic and weak spatial conditions) and says it is plug-and-play, but gives no parameter count."),
    ("answerable_figure", "The experimental face-recognition bias benchmark built from synthetic faces relies on human observers for ground truth — how many human annotations does its released dataset include?", ["BiasBenchmark"], "about BiasBenchmark: \"555,000 human annotations (individual attributes and pairwise identity comparisons)\""),
    ("absent_figure", "At how many frames per second does the whole-body 3D pose estimator distilled from body, hand and face experts run?", [], "about DOPE: The abstract says DOPE \"can achieve real-time performance\" and is less demanding than the ensemble of experts, but gives no FPS figure."),
    ("answerable_figure", "Without any ReID training, what mAP and Rank-1 does Pose2ID reach on Market1501?", ["Pose2ID"], "about Pose2ID: \"reaching mAP/Rank-1 of 52.81/78.92 on Market1501\""),
    ("absent_figure", "What Rank-1 accuracy on PRCC does the cloth-changing re-ID method that masks clothing and color words in attribute descriptions achieve?", [], "about MADE: The abstract lists PRCC, LTCC, Celeb-reID-light and LaST and says MADE \"compares favorably with state-of-the-art methods\", with no numbers."),
    ("answerable_figure", "A face recognition model trained only on identities synthesized by a conditional latent diffusion model with realistic identity variations — what LFW accuracy does it reach?", ["IDiff-Face"], "about IDiff-Face: \"achieving, for example, 98.00% accuracy on the Labeled Faces in the Wild (LFW) benchmark\""),
    ("absent_figure", "How many video sequences or distinct body shapes does the BEDLAM synthetic dataset contain?", [], "about BEDLAM: The abstract describes monocular RGB videos with SMPL-X ground truth and \"a diversity of body shapes, motions, skin tones\" but gives no counts."),
    ("answerable_figure", "ControlFace10k contains how many unique synthetic identities?", ["SIG"], "about SIG: \"ControlFace10k, consisting of 10,008 face images of 3,336 unique synthetic identities\""),
    ("absent_figure", "In the consented video dataset of 3,011 subjects built to measure fairness, what share of participants fall into the darker Fitzpatrick skin types?", [], "about CasualConversations: The abstract gives 3,011 subjects and over 45,000 videos and says skin tone was labeled with the Fitzpatrick scale, but no breakdown by skin type."),
    ("answerable_figure", "In the work that fine-tunes a pSp encoder for StyleGAN to boost face recognition, how large is the unlabeled collection of African faces gathered for pretraining?", ["StyleGAN-FR"], "about StyleGAN-FR: \"AfricanFaceSet-5M (5 million images of different people)\""),
    ("absent_figure", "In ECON's perceptual study, by what percentage did participants prefer its realism over earlier methods?", [], "about ECON: The abstract says only that \"ECON's perceived realism is better by a large margin\"; no percentage is given."),
    ("answerable_figure", "Size of the fine-grained portrait dataset introduced to train the single-reference, multimodal-facial-prompt portrait generator?", ["ConsistentID"], "about ConsistentID: \"a fine-grained portrait dataset, FGID, with over 500,000 facial images\""),
    ("absent_figure", "How many denoising steps does the diffusion-based video face-swapping framework with VidFaceVAE use at inference?", [], "about VividFace: The abstract says only that it requires \"fewer inference steps\" than existing methods; no step count is given."),
    ("answerable_figure", "The new 3D-pose-and-expression-annotated dataset curated for audio-driven, single-image human video generation covers how many identities?", ["VLOGGER"], "about VLOGGER: \"MENTOR, a new and diverse dataset ... one order of magnitude larger than previous ones (800,000 identities)\""),
    ("absent_figure", "Give the user-attribution accuracy, in percent, achieved by the weight-modulation approach that imprints a per-user fingerprint into Stable Diffusion.", [], "about WOUAF: The abstract claims \"near-perfect attribution accuracy with a minimal impact on output quality\" but gives no percentage."),
    ("answerable_figure", "In the latent-diffusion image anonymization paper, how much does the Adapter-based Light variant reduce inference time compared with the Base variant?", ["CAMOUFLaGE"], "about CAMOUFLaGE: \"the latter [CAMOFULaGE-Light] cuts the inference time in half at the cost of fine-tuning a lightweight module\""),
    ("absent_figure", "How many WebFace42M images did Arc2Face upsample to build its training data?", [], "about Arc2Face: The abstract says they \"meticulously upsample a significant portion of the WebFace42M database\", with no image or identity count."),
    ("answerable_figure", "Stable Bias analyzes images from three text-to-image systems — over how many generated images in total?", ["StableBias"], "about StableBias: \"We use this approach to analyze over 96,000 images generated by 3 popular TTI systems\""),
    ("absent_figure", "What output resolution, in pixels, do the portraits have in the method that fuses subject and style concepts from a handful of selfies using an Attention Refocusing loss?", [], "about MagiCapture: The abstract repeatedly says \"high-resolution portrait images\" but never gives a pixel size."),
    ("answerable_figure", "What fraction of the tunable parameters used by recent full-tuning diffusion try-on methods does the try-on approach with Style Preserving, Texture Highlighting and Structure Adapting modules need during training?", ["TryOn-Adapter"], "about TryOn-Adapter: \"we only use about half of their tunable parameters during training\""),
    ("absent_figure", "At what image resolution was the try-on condition generator that handles misalignment and pixel-squeezing (HR-VITON) evaluated?", [], "about HR-VITON: The abstract says only \"Experiments on a high-resolution dataset\"; no resolution is stated."),
    ("answerable_figure", "How many identities and how many images in total has Vec2Face synthesized?", ["Vec2Face"], "about Vec2Face: \"Vec2Face has efficiently synthesized as many as 300K identities with 15 million total images\""),
    ("absent_figure", "How many images or frames are in UBody, the upper-body dataset released with OSX?", [], "about OSX: The abstract calls UBody \"a large-scale Upper-Body dataset\" with 2D and 3D whole-body annotations, but gives no size."),
    ("answerable_figure", "On average, how many videos per participant does the Casual Conversations fairness dataset contain?", ["CasualConversations"], "about CasualConversations: \"composed of 3,011 subjects and contains over 45,000 videos, with an average of 15 videos per person\""),
    ("absent_figure", "In absolute terms, how many seconds per image does the near-20x-faster diffusion virtual try-on method take at inference?", [], "about TryOnTimeEfficient: The abstract gives only the relative speed-up (\"nearly 20 times\"), not an absolute time per image."),
    ("answerable_figure", "From how many subjects' hand scans was the MANO hand model learned?", ["MANO"], "about MANO: \"MANO is learned from around 1000 high-resolution 3D scans of hands of 31 subjects\""),
    ("absent_figure", "What accuracy does the Vec2Face-trained model reach on CALFW, where it beats a same-scale real-data model?", [], "about Vec2Face: The abstract says it \"achieves higher accuracy than the model created using a same-scale training set of real face images (on the CALFW test set)\" and gives an overall 92"),
    ("answerable_figure", "Across how many public datasets is the contrast-agnostic brain anatomy representation model Brain-ID evaluated?", ["Brain-ID"], "about Brain-ID: \"Extensive experiments on six public datasets demonstrate that Brain-ID achieves state-of-the-art performance\""),
    ("absent_figure", "For the DETR-based, detection-free whole-body mesh recovery model, what is the absolute PVE in millimetres on EHF?", [], "about AiOS: The abstract reports only relative reductions (e.g. \"a 30% reduction in PVE on EHF\"), not absolute error values."),
    ("answerable_figure", "The Implicit Concept Dataset used to test Geom-Erasing is built around how many typical implicit concepts?", ["Geom-Erasing"], "about Geom-Erasing: \"the Implicit Concept Dataset (ICD), a novel image-text dataset imbued with three typical implicit concepts (i.e., QR codes, watermarks, and text)\""),
    ("absent_figure", "How many mesh vertices does the MANO hand model have?", [], "about MANO: The abstract calls MANO \"low-dimensional\" and gives ~1000 scans of 31 subjects, but states no vertex count."),
    ("answerable_figure", "Count of text encoders in the fully parallel attention architecture of the tuning-free personalization model 'Imagine yourself'?", ["ImagineYourself"], "about ImagineYourself: \"a fully parallel attention architecture with three text encoders and a fully trainable vision encoder\""),
    ("absent_figure", "Does Stable Bias report what percentage of DALL-E 2's generated images depict white men?", [], "about StableBias: The abstract says all three systems \"significantly over-represent\" whiteness and masculinity and ranks their diversity, but gives no percentage."),
    ("answerable_figure", "According to Vec2Face, what was the largest number of identities any previous synthetic face-dataset work had created?", ["Vec2Face"], "about Vec2Face: \"whereas 60K is the largest number of identities created in the previous works\""),
    ("absent_figure", "How many real-world individuals took part in the human evaluation of SPeCtrum's LLM agent personas?", [], "about SPeCtrum: The abstract mentions \"human evaluations involving real-world individuals\" but gives no participant count."),
    ("answerable_figure", "How many text-to-image models are examined in the study quantifying occupational, personality-trait and geographic social biases in generated images?", ["SocialBiasesT2I"], "about SocialBiasesT2I: \"we present findings for two popular T2I models: DALLE-v2 and Stable Diffusion\""),
    ("absent_figure", "How much GPU memory does the multi-view reconstruction method that combines voxel super-resolution with learned implicit representations save during training?", [], "about VoxelSR: The abstract says only that \"the training process in our method is memory efficient\"; no memory figure is given."),
    # ---- questions that open with a purpose ("For auditing …, is there …?"), written blind by a helper that saw only
    # the corpus (2026-12-07, stop 52): answerable_purpose, an abstract states both; absent_purpose, no abstract covers the
    # purpose (r641–r664) ----
    ("answerable_purpose", "For training face recognition models without relying on privacy-sensitive scraped face databases, is there a diffusion approach that synthesizes identities with realistic intra-class variation?", ["IDiff-Face"], "about IDiff-Face: \"Synthetic datasets have emerged as a promising alternative to privacy-sensitive authentic data for face recognition development\" ... \"conditional latent diffusion models"),
    ("absent_purpose", "For modelling how lung tumours change shape over time in cancer patients, is there an interpretable 3D shape model that deforms an atlas according to covariates?", [], "about NAISR: NAISR deforms a shape atlas according to disentangled covariates and models shape evolution, but it is evaluated only on Starman (simulated 2D), the ADNI hippocampus and "),
    ("answerable_purpose", "For recognising the same pedestrian across camera footage taken long after they have changed outfits, does any method mask clothing colour and type in the person's attribute description?", ["MADE"], "about MADE: \"CC-ReID aims to match persons who change clothes over long periods\" ... \"we mask the clothing and color information in the personal attribute description extracted throu"),
    ("absent_purpose", "For re-identifying vehicles across city traffic cameras, is there a training-free approach that centralizes features of the same identity?", [], "about Pose2ID: Pose2ID is a training-free feature-centralization framework, but for person ReID only (identity-guided pedestrian generation, Market1501); no abstract addresses vehicle r"),
    ("answerable_purpose", "For building clothed avatars whose hairstyles, garments and accessories can be moved onto new identities, which method decomposes a single-layer 3D scan into separate layered assets?", ["GALA"], "about GALA: \"takes as input a single-layer clothed 3D human mesh and decomposes it into complete multi-layered 3D assets. The outputs can then be combined with other assets to create"),
    ("absent_purpose", "For auditing text-only large language models for gender and ethnicity stereotypes about professions, is there a method that compares collections of generated outputs across social attributes?", [], "about StableBias: Stable Bias compares collections of generated images across gender/ethnicity and professions, but only for text-to-image systems (DALL-E 2, Stable Diffusion v1.4/v2); no "),
    ("answerable_purpose", "For holding individual users accountable when a Stable Diffusion image is misused for misinformation, is there a method that embeds a traceable per-user fingerprint in the generator?", ["WOUAF"], "about WOUAF: \"Our method modifies generative models based on each user's unique digital fingerprint, imprinting a unique identifier onto the resultant content that can be traced back "),
    ("absent_purpose", "For anonymizing licence plates and house numbers in street-view imagery, is there a latent-diffusion anonymization method that keeps the rest of the scene intact?", [], "about CAMOUFLaGE: CAMOUFLaGE anonymizes people (\"makes re-identification difficult\", \"attributes of different persons in a scene\") while preserving scene content; licence plates or house n"),
    ("answerable_purpose", "For turning an amateur character drawing into a 3D animation, is there a system that copes with slim limbs drawn as single-line contours?", ["DrawingSpinUp"], "about DrawingSpinUp: \"thin regions represented by single-line contours are difficult to reconstruct (e.g., slim limbs of a stick figure)\" ... \"we develop a skeleton-based thinning deformation"),
    ("absent_purpose", "For turning a single snapshot of a pet dog into a 3D animation, is there a method that reconstructs a 3D proxy and retargets motion onto it?", [], "about DrawingSpinUp: DrawingSpinUp reconstructs a 3D model and retargets 3D motion, but only for character drawings; no abstract animates animals or pet photos (human-animation papers like Vi"),
    ("answerable_purpose", "For estimating how far children and adults stand from the camera in a single photo, has anyone proposed a method that infers body shapes ranging from infants to adults?", ["BEV"], "about BEV: \"regress the pose and shape of all the people as well as their relative depth\" ... \"we exploit a 3D body model space that lets BEV infer shapes from infants to adults.\""),
    ("absent_purpose", "For screening infants for motor development disorders in clinical videos, does any dataset provide age labels together with relative depth relationships between people?", [], "about BEV: The Relative Human (RH) dataset \"includes age labels and relative depth relationships between the people in the images\", but it is built to train BEV for depth/shape esti"),
    ("answerable_purpose", "For assessing demographic bias in face recognition without using faces collected without consent, does any work release a synthetic evaluation dataset balanced across race, gender and age?", ["SIG"], "about SIG: \"ControlFace10k, consisting of 10,008 face images of 3,336 unique synthetic identities balanced across race, gender, and age\" ... \"utility in assessing algorithmic bias a"),
    ("absent_purpose", "For checking whether face analysis models treat children fairly, is there a consented video dataset with self-reported age and gender labels?", [], "about CasualConversations: Casual Conversations has consented videos with self-reported age and gender, but it was \"recorded ... with a diverse set of adults\"; no abstract provides a fairness datas"),
    ("answerable_purpose", "For dressing a shopper virtually in a catalogue shirt without the texture getting squeezed at the sleeves or waist, is there a try-on method that tackles these artifacts?", ["SD-VITON"], "about SD-VITON: \"the textures of clothes are squeezed at the sleeve\" ... \"a different type of squeezing artifacts around the waist\" ... \"our SD-VITON successfully resolves both types of "),
    ("absent_purpose", "For trying on shoes virtually in an online store, has anyone built a diffusion try-on method that decouples item identity into style, texture and structure?", [], "about TryOn-Adapter: TryOn-Adapter decouples \"clothing identity into fine-grained factors: style ..., texture ..., and structure\", but only for clothes fitted to a person; footwear is not cov"),
    ("answerable_purpose", "For producing passport or profile photos from a handful of casual selfies, does any personalization method combine subject and style references?", ["MagiCapture"], "about MagiCapture: \"integrating subject and style concepts to generate high-resolution portrait images using just a few subject and style references. For instance, given a handful of random"),
    ("absent_purpose", "For transcribing speech by lip-reading silent video, is there a method that represents lip motion with facial landmarks?", [], "about MyTalk: MyTalk uses landmarks to represent motion, but to generate/edit lip movements from given speech (speech-to-motion diffusion), not to recognise or transcribe speech from v"),
    ("answerable_purpose", "For segmenting brain anatomy in MRI scans acquired under varied clinical protocols, is there a representation trained entirely on synthetic data that is robust to contrast and resolution differences?", ["Brain-ID"], "about Brain-ID: \"Brain-ID is robust to the subject-specific brain anatomy regardless of the appearance of acquired images (e.g., contrast, deformation, resolution, artifacts). Trained en"),
    ("absent_purpose", "For segmenting cardiac chambers in MRI acquired with different contrasts, is there a contrast-agnostic anatomical representation trained entirely on synthetic data?", [], "about Brain-ID: Brain-ID is contrast-agnostic and trained on synthetic data, but it is an anatomical representation for brain imaging only; no abstract addresses cardiac imaging."),
    ("answerable_purpose", "For stopping a text-to-image model from unintentionally rendering watermarks, QR codes or text, is there a concept-removal method that also offers a benchmark for these concepts?", ["Geom-Erasing"], "about Geom-Erasing: Geom-Erasing removes \"unwanted concepts such as watermarks\"; \"we introduce the Implicit Concept Dataset (ICD) ... with three typical implicit concepts (i.e., QR codes, wa"),
    ("absent_purpose", "For detecting face-swap forgeries in FaceForensics++ videos, which paper uses two separate target encoders to disentangle identity from non-identity attributes?", [], "about WSC-swap: WSC-swap \"uses two target encoders\" and is evaluated on FaceForensics++, but it is a face-swap generation framework, not a forgery detector (Casual Conversations only eva"),
    ("answerable_purpose", "For creating a talking-presenter video from a single photo and an audio track, does any method generate the whole upper body with gestures rather than just the face or lips?", ["VLOGGER"], "about VLOGGER: \"audio-driven human video generation from a single input image of a person\" ... \"generates the complete image (not just the face or the lips)\" ... \"while also generating "),
    ("absent_purpose", "For cleaning visible watermarks off existing stock photographs, is there a method that exploits the watermark's geometric location information?", [], "about Geom-Erasing: Geom-Erasing uses \"existence and geometric information of the concept\" as negative prompts to stop a T2I diffusion model from generating watermarks; it does not remove wa"),
]

# (label of the last turn, turns, gold short names for the last turn, note)
FOLLOWUP: list[tuple[str, list[str], list[str], str]] = [
    ("new_topic", ["Which papers reconstruct clothed 3D humans from a single image?", "How does ECON differ from ICON?"], ["ECON", "ICON"],
     "issue 11: names two papers; self-contained, so retrieval must be driven by the names whatever turn 1 cited"),
    ("followup", ["Which papers reconstruct clothed 3D humans from a single image?", "How does ECON differ from ICON?", "Which one needs a body model?"], ["ECON", "ICON"],
     "issue 11: 'which one' = ECON or ICON; both use SMPL-X"),
    ("new_topic", ["Which papers generate videos of a specific person from a reference face?", "What is InstantID?"], ["InstantID"], ""),
    ("new_topic", ["What is AiOS?", "And BEDLAM?"], ["BEDLAM"],
     "ambiguous: elliptical (reuses 'what is'), but names a paper the previous turn did not cite, so retrieval must be for BEDLAM; labelled new_topic"),
    ("followup", ["Tell me about ECON.", "How does it handle loose clothing?"], ["ECON"], ""),
    ("followup", ["Compare DOPE and OSX for whole-body pose estimation.", "Which one is faster?"], ["DOPE", "OSX"], "only DOPE states real-time; both needed to compare"),
    ("followup", ["Which papers generate synthetic faces to train face recognition?", "What data did they train on?"], ["IDiff-Face", "Vec2Face", "Arc2Face"], ""),
    ("followup", ["Is there a method for turning children's drawings into 3D animations?", "How does it deal with the outlines in the drawing?"], ["DrawingSpinUp"], ""),
    ("followup", ["Compare FAIM and MADE.", "How does the second one deal with clothing colour?"], ["MADE"], "'the second one' = MADE, fixed by the question's own order"),
    ("followup", ["Which papers study social bias in text-to-image models?", "Which models did they test?"], ["SocialBiasesT2I", "StableBias"], ""),
    ("new_topic", ["Which papers study social bias in text-to-image models?", "What is HeadSculpt?"], ["HeadSculpt"], ""),
    ("followup", ["How does TeCH reconstruct the unseen back of a person?", "What does it use to represent the 3D human?"], ["TeCH"], ""),
    ("new_topic", ["How does TeCH reconstruct the unseen back of a person?", "What about PSHuman?"], ["PSHuman"],
     "ambiguous: elliptical 'what about' with a new paper name; labelled new_topic (retrieve PSHuman)"),
    ("followup", ["Which papers do image-based virtual try-on?", "Which of them use diffusion models?"], ["TryOnTimeEfficient", "TryOn-Adapter"], ""),
    ("new_topic", ["Which papers do image-based virtual try-on?", "Is there anything on measuring the fairness of deepfake detectors?"], ["CasualConversations"], "new topic without names"),
    ("followup", ["What is Brain-ID?", "Was it trained on real scans?"], ["Brain-ID"], ""),
    ("new_topic", ["What is Brain-ID?", "Does NAISR also work on brain data?"], ["NAISR"], "yes/no question about a new paper; 'also' leans on history but the name drives retrieval"),
    ("followup", ["Which papers estimate body, hands and face together from one image?", "Tell me more about the second one."], ["AiOS", "OSX", "DOPE"],
     "ambiguous referent: depends on the order of the previous answer; gold lists all candidates"),
    ("followup", ["What is MANO?", "How many scans was it learned from?"], ["MANO"], ""),
    ("followup", ["How can a method infer the depth of several people in one photo?", "I'm worried about kids in my images: since height depends on age, how does that approach deal with children versus adults, and what data did they create to train it?"], ["BEV"], "long follow-up"),
    ("followup", ["Is there a survey on 3D human mesh recovery?", "What paradigms does it describe?"], ["HMRSurvey"], ""),
    ("new_topic", ["Is there a survey on 3D human mesh recovery?", "Which papers evaluate on 3DPW?"], ["DSR", "DaNet"], "short, names a dataset, not a previous paper"),
    ("followup", ["How does PhotoVerse work?", "How long does generation take?"], ["PhotoVerse"], ""),
    ("new_topic", ["How does PhotoVerse work?", "How does InstantID compare?"], ["InstantID", "PhotoVerse"],
     "ambiguous: names a new paper (new_topic by rule) but compares with the previous one; gold both. Since 2026-12-07 "
     "read as a follow-up that sets InstantID beside PhotoVerse; the label is kept so the splits stay put"),
    ("followup", ["What does WOUAF do?", "Is it robust to image edits?"], ["WOUAF"], ""),
    ("followup", ["Which works create 3D head avatars from text?", "Does either of them support editing?"], ["HeadSculpt", "TECA"], ""),
    ("followup", ["Which works create 3D head avatars from text?", "What about from a photo?"], ["Portrait3D"],
     "followup by form (needs turn 1 to be understood) but the answer is a paper turn 1 did not cite: reusing the previous papers fails"),
    ("new_topic", ["What is DisenBooth?", "And CustomContrast?"], ["CustomContrast"], "ambiguous: elliptical with a new name; labelled new_topic"),
    ("new_topic", ["What is DisenBooth?", "How is it different from CustomContrast?"], ["DisenBooth", "CustomContrast"],
     "names a new paper (new_topic by rule) though 'it' refers back; gold both. Since 2026-12-07 it is read as a "
     "follow-up that sets CustomContrast beside DisenBooth (both cited): the label is kept so the splits stay put"),
    ("followup", ["Which papers swap faces?", "Which of these works on video?"], ["VividFace"], ""),
    ("followup", ["Which papers swap faces?", "Which datasets did the image one evaluate on?"], ["WSC-swap"], ""),
    ("new_topic", ["How does ICON avoid broken limbs?", "Separately, I'm also curious whether anyone has looked at tracing images made with a shared text-to-image service back to the specific account that generated them."], ["WOUAF"], "long new topic without names"),
    ("followup", ["How does ICON avoid broken limbs?", "Does it work on images where the person is cut off by the frame?"], ["ICON"], ""),
    ("followup", ["What is VLOGGER?", "What dataset did they curate?"], ["VLOGGER"], ""),
    ("new_topic", ["What is VLOGGER?", "What is MyTalk?"], ["MyTalk"], ""),
    ("followup", ["What is VLOGGER?", "Does it need face detection?"], ["VLOGGER"], ""),
    ("followup", ["Which papers do identity-preserving video generation?", "Which of them can be combined with ControlNet?"], ["PersonalVideo"], ""),
    ("new_topic", ["Which papers do identity-preserving video generation?", "Are there any that deal with brain MRI?"], ["Brain-ID"], "new topic without names"),
    ("followup", ["What's ConsistentID?", "How big is their dataset?"], ["ConsistentID"], ""),
    ("new_topic", ["What's ConsistentID?", "How big is ControlFace10k?"], ["SIG"], "names a dataset of another paper"),
    ("followup", ["Tell me about GALA.", "What prior does it use for the hidden regions?"], ["GALA"], ""),
    ("followup", ["Tell me about GALA.", "Who else works on layered clothing?"], ["NCHO", "DELTA", "TECA"],
     "followup by form ('who else') but the gold is outside the previous turn's paper"),
    ("followup", ["Does any paper remove watermarks from diffusion outputs?", "What dataset did it introduce?"], ["Geom-Erasing"], ""),
    ("new_topic", ["Does any paper remove watermarks from diffusion outputs?", "What is SPeCtrum?"], ["SPeCtrum"], ""),
    ("followup", ["What is BEDLAM?", "How realistic is its clothing?"], ["BEDLAM"], ""),
    ("followup", ["What is BEDLAM?", "Which simple regressor came close to CLIFF?"], ["BEDLAM"],
     "names methods (CLIFF, HMR) that only the previous paper's abstract mentions: still a follow-up"),
    ("followup", ["How do AiOS and OSX differ?", "Which one handles crowded scenes better?"], ["AiOS", "OSX"], ""),
    ("followup", ["Which method fine-tunes identity-preserving generators with reward feedback?", "Which base models did they test on?"], ["ID-Aligner"], ""),
    ("followup", ["What is EmojiDiff?", "What input does it take for the expression?"], ["EmojiDiff"], ""),
    ("new_topic", ["What is EmojiDiff?", "What does DiffFAE edit?"], ["DiffFAE"], ""),
    ("followup", ["Which paper animates dancers from pose sequences?", "Does it generalise to people it hasn't seen?"], ["MagicDance"], ""),
    ("new_topic", ["What is PTI?", "Any work on lip sync?"], ["MyTalk"], "short new topic without names"),
    ("followup", ["What is PTI?", "Does it change the generator's weights?"], ["PTI"], ""),
    ("followup", ["Compare HeadSculpt and Portrait3D.", "Which one needs a photo?"], ["Portrait3D", "HeadSculpt"], ""),
    ("followup", ["Which papers do clothes-changing re-identification?", "What benchmarks did they use?"], ["MADE", "FAIM"], "only MADE names its benchmarks"),
    ("new_topic", ["Which papers do clothes-changing re-identification?", "Is Pose2ID one of them?"], ["Pose2ID"],
     "ambiguous: asks about the previous list but names a paper it did not include; labelled new_topic"),
    ("followup", ["Which papers generate 3D heads?", "How does Portrait3D keep the identity?", "And what does it use for the texture?"], ["Portrait3D"], "turn 2 is new_topic, turn 3 follow-up"),
    ("new_topic", ["Tell me about VividPose.", "What benchmarks does it use?", "What is the Casual Conversations dataset?"], ["CasualConversations"], ""),
    ("followup", ["Which paper reconstructs a body from several camera views?", "How does it refine the coarse model?", "Is it memory efficient?"], ["VoxelSR"], ""),
    ("followup", ["How does SeFi-IDE embed a new user?", "Why does that help with scenes and actions in the prompt?"], ["SeFi-IDE"], ""),
    ("followup", ["How does FreeCure work?", "Does it need training?"], ["FreeCure"], ""),
    ("new_topic", ["How does FreeCure work?", "Which face generator is conditioned only on an ArcFace embedding?"], ["Arc2Face"], "new topic; ArcFace is not a paper of the collection"),
    ("followup", ["Which papers predict body meshes of several people in an image?", "How does the bird's-eye-view one reason about depth?"], ["BEV"], "refers by description"),
    ("followup", ["What is Infinite-ID?", "How do they control the style?"], ["Infinite-ID"], ""),
    ("new_topic", ["What is Infinite-ID?", "What is Imagine yourself?"], ["ImagineYourself"], ""),
    ("new_topic", ["What is Infinite-ID?", "I'd like to understand the broader landscape: how do MasterWeaver and FaceChain-FACT each try to keep a personalized model's text controllability intact?"], ["MasterWeaver", "FACT"], "long new topic with names"),
    ("new_topic", ["Tell me about HR-VITON.", "Does SD-VITON fix the same squeezing problem?"], ["SD-VITON", "HR-VITON"], "names a new paper; compares with the previous. Since 2026-12-07 read as a follow-up that sets TECA beside DELTA; the label is kept so the splits stay put"),
    ("followup", ["Tell me about HR-VITON.", "How does it filter out bad segmentation maps?"], ["HR-VITON"], ""),
    ("followup", ["Is there work on simulating real people with LLM agents?", "How did they evaluate it?"], ["SPeCtrum"], ""),
    ("followup", ["How does ECON differ from ICON?", "Does ECON use SMPL-X?"], ["ECON"], "names only a paper the previous turn cited: follow-up"),
    ("new_topic", ["How does ECON differ from ICON?", "What about hands?"], ["MANO"],
     "ambiguous: could mean 'how do ECON/ICON treat hands' (ECON can replace hands with SMPL-X ones); labelled new_topic toward the hand model paper. Exclude from strict scoring if in doubt"),
    ("followup", ["Which papers do image-based virtual try-on?", "Which of them use diffusion models?", "Which of those says it is faster than earlier methods, and by how much?"], ["TryOnTimeEfficient"], ""),
    ("new_topic", ["What is BEDLAM?", "How realistic is its clothing?", "What is AiOS?"], ["AiOS"], ""),
    ("followup", ["Which papers study social bias in text-to-image models?", "Which models did they test?", "Which one found DALL-E 2 the least diverse?"], ["StableBias"], ""),
    ("new_topic", ["Tell me about DELTA.", "What input does it need?", "How is TECA different?"], ["TECA", "DELTA"], "names a new paper; compares with the previous"),
    ("followup", ["Which papers swap faces?", "Which of these works on video?", "How does it keep the frames consistent?"], ["VividFace"], ""),
    ("new_topic", ["Tell me about StoryMaker.", "Is there any study of how fair deepfake detectors are across skin tones?"], ["CasualConversations"], "new topic without names"),
]


# (kind, question, the paper it names). "How does <name> <verb> …?" questions whose premise is true
# (true_premise: the abstract states it, in other words) or false (false_premise: a wrong task or a reversal of
# what the paper does, "How does DisenBooth personalize without any fine-tuning?"), for the premise check.
PREMISE: list[tuple[str, str, str]] = [
    ("true_premise", "How does AiOS recover whole-body meshes without a separate person detector?", "AiOS"),
    ("true_premise", "How does Arc2Face generate faces from an ArcFace embedding?", "Arc2Face"),
    ("true_premise", "How does BEDLAM train pose estimators only on synthetic data?", "BEDLAM"),
    ("true_premise", "How does Brain-ID stay robust to MRI contrast differences?", "Brain-ID"),
    ("true_premise", "How does ConsistentID keep fine facial details from a single reference image?", "ConsistentID"),
    ("true_premise", "How does DisenBooth separate identity from irrelevant details during fine-tuning?", "DisenBooth"),
    ("true_premise", "How does DOPE distill part experts into one network?", "DOPE"),
    ("true_premise", "How does EchoVideo discard occlusions and lighting from the identity features?", "EchoVideo"),
    ("true_premise", "How does ECON combine normal maps with a body model?", "ECON"),
    ("true_premise", "How does EmojiDiff control expression and identity at the same time?", "EmojiDiff"),
    ("true_premise", "How does FaceChain generate personalized portraits?", "FaceChain"),
    ("true_premise", "How does GALA decompose a clothed scan into layered assets?", "GALA"),
    ("true_premise", "How does HeadSculpt give the diffusion model 3D awareness?", "HeadSculpt"),
    ("true_premise", "How does ICON estimate a 3D surface from each image?", "ICON"),
    ("true_premise", "How does ID-Animator generate personalized videos without extra training?", "ID-Animator"),
    ("true_premise", "How does IDiff-Face produce synthetic face recognition data?", "IDiff-Face"),
    ("true_premise", "How does InstantID handle personalization from one face image?", "InstantID"),
    ("true_premise", "How does MagicDance transfer dance motion to a new identity?", "MagicDance"),
    ("true_premise", "How does MultiPly reconstruct several people from a monocular video?", "MultiPly"),
    ("true_premise", "How does NAISR describe shapes with covariates?", "NAISR"),
    ("true_premise", "How does PersonalVideo customize identity without hurting the video model?", "PersonalVideo"),
    ("true_premise", "How does Portrait3D preserve identity in 3D heads?", "Portrait3D"),
    ("true_premise", "How does PSHuman reconstruct human meshes from multiview diffusion priors?", "PSHuman"),
    ("true_premise", "How does StoryMaker keep clothing and hairstyles consistent across images?", "StoryMaker"),
    ("true_premise", "How does TryOn-Adapter decouple garment identity?", "TryOn-Adapter"),
    ("true_premise", "How does Vec2Face generate faces from a sampled vector?", "Vec2Face"),
    ("true_premise", "How does VLOGGER generate video from audio and one image?", "VLOGGER"),
    ("true_premise", "How does WOUAF trace generated images back to users?", "WOUAF"),
    ("true_premise", "How does MasterWeaver inject identity features into generation?", "MasterWeaver"),
    ("true_premise", "How does VividPose keep the person's identity across frames?", "VividPose"),
    ("false_premise", "How does AiOS generate talking-head videos from audio?", "AiOS"),
    ("false_premise", "How does InstantID reconstruct 3D clothed humans from a single photo?", "InstantID"),
    ("false_premise", "How does GALA detect face forgeries?", "GALA"),
    ("false_premise", "How does MultiPly personalize text-to-image models with one face photo?", "MultiPly"),
    ("false_premise", "How does VividFace estimate hand poses from depth maps?", "VividFace"),
    ("false_premise", "How does Vec2Face re-identify pedestrians across cameras?", "Vec2Face"),
    ("false_premise", "How does HeadSculpt segment brain MRI scans?", "HeadSculpt"),
    ("false_premise", "How does ConsistentID animate children's drawings?", "ConsistentID"),
    ("false_premise", "How does DOPE generate virtual try-on images?", "DOPE"),
    ("false_premise", "How does MagicDance fingerprint users of text-to-image models?", "MagicDance"),
    ("false_premise", "How does NAISR swap faces in video?", "NAISR"),
    ("false_premise", "How does PhotoVerse measure social bias in image generators?", "PhotoVerse"),
    ("false_premise", "How does ECON generate 3D heads from text prompts?", "ECON"),
    ("false_premise", "How does EchoVideo build chatbot personas?", "EchoVideo"),
    ("false_premise", "How does Portrait3D remove watermarks from diffusion models?", "Portrait3D"),
    ("false_premise", "How does MasterWeaver reconstruct multiple people from video?", "MasterWeaver"),
    ("false_premise", "How does ICON generate clothing from text prompts?", "ICON"),
    ("false_premise", "How does TeCH reconstruct humans from multi-view videos?", "TeCH"),
    ("false_premise", "How does BEDLAM capture real people with motion-capture suits?", "BEDLAM"),
    ("false_premise", "How does DisenBooth personalize without any fine-tuning?", "DisenBooth"),
    ("false_premise", "How does Imagine yourself fine-tune a separate model for each user?", "ImagineYourself"),
    ("false_premise", "How does ID-Animator fine-tune on each new identity?", "ID-Animator"),
]


# (turns, gold, note): a list question, then a follow-up that picks among the papers it cited ("Which of them use
# diffusion models?"). Gold: every paper of the collection on the list's topic whose abstract states what the follow-up
# picks by; none: no such paper, and the answer should say so (type unanswerable).
PICK: list[tuple[list[str], list[str], str]] = [
    (["Which papers do image-based virtual try-on?", "Which of them use diffusion models?"], ["TryOnTimeEfficient", "TryOn-Adapter"], "as f014"),
    (["Which papers swap faces?", "Which of these works on video?"], ["VividFace"], "as f030"),
    (["Which papers do identity-preserving video generation?", "Which of them can be combined with ControlNet?"], ["PersonalVideo"], "as f037"),
    (["Which papers personalize text-to-image models with only one reference photo without fine-tuning?", "Which of them also handle several people in one image?"], [], "no abstract of the single-photo personalization papers mentions several people; StoryMaker (multiple characters) is not one of them"),
    (["Which papers reconstruct clothed 3D humans from a single image?", "Which of them use a diffusion model?"], ["TeCH", "GeneMAN", "GALA", "PSHuman"], "ICON and ECON do not"),
    (["Which papers generate synthetic faces for training or testing face recognition?", "Which of them use StyleGAN?"], ["StyleGAN-FR"], ""),
    (["Which papers study social bias or fairness?", "Which of them collected videos of real people?"], ["CasualConversations"], ""),
    (["Which papers edit faces in photos?", "Which of them are based on StyleGAN?"], ["W+Adapter", "PTI", "LAE"], "LAE: any pre-trained 3D-aware GAN, drawing upon StyleGAN"),
    (["Which papers swap faces?", "Which of them also work on cartoon characters?"], [], "no face-swapping abstract mentions cartoons"),
    (["Which papers do image-based virtual try-on?", "Which of them handle shoes?"], [], "try-on papers handle garments only"),
    (["Which papers study social bias or fairness?", "Which of them study bias in text written by language models?"], [], "the bias papers study images and videos"),
    (["Which papers create 3D head avatars?", "Which of them run in real time on a phone?"], [], "no head-avatar abstract mentions real time or phones"),
    (["Which papers personalize text-to-image models with only one reference photo without fine-tuning?", "Which of them work with SDXL?"], ["ID-Aligner", "InstantID"], "both name SD1.5 and SDXL"),
    (["Which papers generate speech-driven videos of people?", "Which of them animate the whole body, not just the face?"], ["VLOGGER"], "Make Your Actor Talk is lip sync"),
    (["Which papers do image-based virtual try-on?", "Do any of them run in real time?"], [], "TryOnTimeEfficient is 20 times faster than the state of the art, not real time"),
    (["Which papers study social bias or fairness?", "Which of them analyse text-to-image models?"], ["SocialBiasesT2I", "StableBias"], ""),
]  # fmt: skip


# (question, gold short names, note): "Which papers …?" list questions for tuning and measuring which papers a list
# answer cites (selection precision/recall). Written 2026-12-06 from all 79 abstracts, read in full, then a keyword grep
# over the abstracts for each question's property to find papers the reading missed. Gold: every paper whose abstract
# shows it does or studies what the question asks; a paper that names the topic only as background, prior work or a
# listed application is not gold, and the note says so for the near misses. None copies or paraphrases a list question
# of the sets above (r061–r086, r247–r258, the first turns of the follow-up and pick sets) or of dev_qa.jsonl.
LISTS: list[tuple[str, list[str], str]] = [
    ("Which papers are about re-identifying people across images (ReID), whether to make it more accurate or deliberately harder?", ["MADE", "FAIM", "Pose2ID", "CAMOUFLaGE"], "CAMOUFLaGE anonymizes scenes 'in a way that makes re-identification difficult'; the other three improve ReID"),
    ("Which methods turn a person's identity into tokens that live in the text embedding space of the prompt?", ["SeFi-IDE", "StableIdentity"], "SeFi-IDE: one ID representation as 'multiple per-stage tokens', 'expansion of the textual conditioning space'; StableIdentity lands the face representation in a space 'constructed from celeb names'; Infinite-ID and Arc2Face argue against text-space identity, FreeCure and W+Adapter describe it only as what others do; PhotoVerse's text-domain branch is not described further"),
    ("Which works fix the squashed look that garment textures get when the garment is fitted to the body in virtual try-on?", ["SD-VITON", "HR-VITON"], "both name squeezing artifacts ('squeezed at the sleeve', 'pixel-squeezing artifacts')"),
    ("List the papers that warp the garment image to fit the person's body before generating the try-on result.", ["TryOnTimeEfficient", "SD-VITON", "HR-VITON"], "TryOn-Adapter's Structure Adapting module is not described as warping; FaceChain's 'warped' faces are a defect, not garment warping"),
    ("Which methods build a 3D person or avatar from video footage?", ["MultiPly", "DELTA", "ICON"], "ICON reconstructs each frame and says this 'enables creating avatars directly from video'; BEDLAM's videos are a rendered dataset; GeneMAN uses multi-view videos only as training data"),
    ("Find papers on human mesh recovery (HMR) from monocular images.", ["DSR", "DaNet", "BEV", "AiOS", "OSX", "HMRSurvey", "BEDLAM"], "BEDLAM trains HPS regressors on its data; DOPE estimates 3D keypoints, not a mesh; ICON and ECON fit SMPL(-X) only as a step of clothed-surface reconstruction; MultiPly works from video"),
    ("Which 3D human pose-and-shape (HPS) estimators are one-stage or single-shot rather than multi-stage pipelines?", ["AiOS", "OSX", "BEV"], "DiffFAE is one-stage but edits faces; DOPE's single network estimates poses, not shape"),
    ("Which papers release new data for training or benchmarking 3D human pose and shape estimation?", ["BEDLAM", "OSX", "BEV"], "OSX: UBody; BEV: Relative Human; VLOGGER's MENTOR has 3D pose and expression annotations but serves video generation; HMRSurvey only summarizes datasets"),
    ("List the papers that learn from, or take as input, 3D scans of people.", ["NCHO", "GALA", "DSR", "MANO", "GeneMAN"], "DSR: clothing prior from 'thousands of clothed human scans'; ECON and ICON mention scans only as what earlier methods rely on"),
    ("Which avatar methods model how clothing deforms as the body changes pose?", ["FreeForm", "ICON"], "ICON: 'personalized and natural pose-dependent cloth deformation'; BEDLAM simulates clothing with a physics engine to render its data"),
    ("What papers create 3D human avatars that can be reposed or animated?", ["ICON", "ELICIT", "GALA", "DELTA", "FreeForm"], "DrawingSpinUp animates drawn characters, not human avatars; NCHO composes objects onto humans in various poses but does not call its model animatable; MultiPly reconstructs without reanimation"),
    ("Which papers represent 3D shape with a learned implicit function, such as an occupancy or distance field?", ["ICON", "TeCH", "VoxelSR", "NAISR"], "ECON discusses implicit functions but integrates normal maps; ELICIT, DELTA and TECA use radiance fields"),
    ("Which methods let a written description steer the creation of a 3D human or head?", ["HeadSculpt", "TECA", "TeCH", "ELICIT"], "TeCH generates its descriptions automatically from the photo; ELICIT can use text for the unseen regions; Portrait3D works from a portrait image"),
    ("Which papers make use of an LLM or a vision-language model such as CLIP or a VQA model?", ["SPeCtrum", "TeCH", "ELICIT", "LAE"], "HeadSculpt mentions vision-language models only as background"),
    ("Which works support editing of 3D head avatars or of faces from a 3D-aware generator?", ["LAE", "HeadSculpt", "TECA"], "DiffFAE edits 2D photos using 3DMM renderings; Portrait3D only generates"),
    ("Which papers alter existing footage of a real person, rather than generating a new video?", ["MyTalk", "VividFace"], "VLOGGER lists video editing only as an application"),
    ("Which methods copy a facial expression from a reference image or video onto another face?", ["EmojiDiff", "MagicDance", "DiffFAE"], "DiffFAE transfers pose, expression and lighting from a query image; PTI, LAE and DP-Adapter edit expression without a reference example; MyTalk drives the lips from speech"),
    ("Which papers use GAN inversion?", ["PTI", "Portrait3D"], "FreeCure's 'inversion-based process' is diffusion inversion; W+Adapter and InstantID mention (textual) inversion as prior work; StyleGAN-FR fine-tunes a pSp encoder without calling it inversion"),
    ("What papers rely on a 3D-aware GAN?", ["LAE", "Portrait3D"], "Portrait3D: '3D-GAN inversion' for geometry initialization"),
    ("Which methods are trained with an adversarial loss or a discriminator?", ["WSC-swap", "SD-VITON", "HR-VITON"], "PTI, W+Adapter, StyleGAN-FR and LAE use pretrained GAN generators but do not describe adversarial training"),
    ("Which personalization methods have to fine-tune or optimize something for every new person or subject?", ["DisenBooth", "MagiCapture", "SeFi-IDE", "DualPivot", "PersonalVideo"], "PersonalVideo learns an Isolated Identity Adapter per identity; FaceChain (label-tagging, compared with DreamBooth and LoRA) and StableIdentity ('the learned identity') suggest but do not state per-subject tuning"),
    ("Which portrait generators learn a person from a handful of photos rather than a single one?", ["FaceChain", "MagiCapture"], "DisenBooth does not say how many images it tunes on"),
    ("Which works condition generation on facial landmarks?", ["InstantID", "HeadSculpt", "MyTalk"], "EmojiDiff mentions landmarks only as the coarse control it replaces with expression images"),
    ("Which papers use LoRA, or say they work with LoRA models?", ["StoryMaker", "ID-Aligner", "PersonalVideo"], "FaceChain and InstantID cite LoRA only as prior work"),
    ("Which methods describe themselves as plug-and-play or as a plug-in?", ["InstantID", "MagicDance", "LAE"], "StoryMaker is 'compatible with other societal plug-ins'; ID-Animator and FreeCure say they are compatible with or integrate into existing models"),
    ("Which papers measure how accurately face models work for different races, ethnicities or skin tones?", ["CasualConversations", "BiasBenchmark", "SIG", "StyleGAN-FR"], "StyleGAN-FR: pretraining 'improves recognition of the respective ethnicities'; SocialBiasesT2I and StableBias study how generators depict groups, not model accuracy"),
    ("Which papers assess image or video generators for fairness or demographic diversity?", ["SocialBiasesT2I", "StableBias", "VLOGGER"], "VLOGGER analyses 'multiple diversity metrics' and 'a fair and unbiased model'; BiasBenchmark and SIG generate faces to test face recognizers, not the generators"),
    ("Find papers on gender bias or gender-related disparities.", ["BiasBenchmark", "SIG", "SocialBiasesT2I", "StableBias", "CasualConversations"], ""),
    ("Which papers are motivated by privacy or consent problems with data showing real people?", ["IDiff-Face", "SIG", "CasualConversations", "StyleGAN-FR", "CAMOUFLaGE"], "Casual Conversations: each subject 'agreed to participate'; Vec2Face and Arc2Face do not mention privacy"),
    ("Which papers train their models entirely on synthetic data and still do well on real data?", ["BEDLAM", "Brain-ID", "IDiff-Face", "Vec2Face", "Arc2Face"], "GeneMAN mixes synthetic and real data; SIG and BiasBenchmark use synthetic faces for evaluation only; StyleGAN-FR pretrains on real unlabeled faces"),
    ("Which synthetic-data FR papers report accuracy on LFW or one of its variants such as CALFW?", ["IDiff-Face", "Vec2Face"], ""),
    ("Which papers deal with watermarks or hidden identifiers in generated images, whether adding or removing them?", ["Geom-Erasing", "WOUAF"], "WOUAF imprints a per-user fingerprint; Geom-Erasing suppresses watermarks, QR codes and text"),
    ("List the papers whose main contribution is a dataset.", ["BEDLAM", "CasualConversations"], "SIG is a generation pipeline that also releases ControlFace10k; the other papers release data alongside a method"),
    ("Which identity-preserving face image generators build their own training data, either a new face dataset or synthesized training pairs?", ["ConsistentID", "MasterWeaver", "Arc2Face", "EmojiDiff", "ImagineYourself"], "Arc2Face upsamples WebFace42M; EmojiDiff and Imagine yourself synthesize training pairs; ID-Animator (video) and VividFace (face swapping) build datasets but are not image generators"),
    ("What papers estimate or model 3D hand pose?", ["MANO", "OSX", "DOPE", "AiOS"], "VividPose generates hand movements in video; ECON can replace noisy hands with SMPL-X ones"),
    ("Which works can move a hairstyle from one person or avatar to another?", ["DELTA", "TECA", "GALA"], "GALA decomposes hairstyles, clothing and accessories into layers that compose onto new identities; NCHO's objects are bags, coats and scarves; LAE edits hair within one face"),
    ("What papers include children in what they model?", ["BEV", "NAISR"], "BEV: shapes 'from infants to adults'; NAISR: a pediatric airway dataset; Casual Conversations records adults only"),
    ("Which papers say by what factor their inference is faster?", ["TryOnTimeEfficient", "CAMOUFLaGE"], "nearly 20 times; CAMOUFLaGE-Light halves the inference time; PhotoVerse and InstantID say 'seconds' without a factor; DOPE says real time"),
    ("Which works build their model on a transformer, for example DETR?", ["AiOS", "MADE", "OSX", "FACT"], "StoryMaker's Perceiver Resampler and ID-Animator's learnable latent queries are not called transformers"),
    ("Find papers that use inpainting, in 2D or in 3D.", ["ECON", "GALA", "Portrait3D", "FACT"], "TryOnTimeEfficient generates missing parts and TryOn-Adapter has a T-RePaint strategy; neither says inpainting"),
    ("Which methods predict or generate surface normal maps along the way?", ["ICON", "ECON", "PSHuman", "Portrait3D"], "Portrait3D uses a text-to-normal/depth diffusion model for geometry supervision"),
    ("Which human-video methods start from a pretrained video diffusion backbone such as SVD, AnimateDiff or a T2V model?", ["VividPose", "ID-Animator", "PersonalVideo"], "MagicDance and VLOGGER build on image diffusion (Stable Diffusion, text-to-image models); EchoVideo names no backbone"),
    ("Which papers synthesize videos of people with diffusion models?", ["VividPose", "MagicDance", "ID-Animator", "PersonalVideo", "VLOGGER", "MyTalk", "VividFace"], "EchoVideo does not say it is diffusion-based; StableIdentity's video injection is an extension; DrawingSpinUp renders 3D animations"),
    ("Which video generators explicitly tackle temporal consistency or flicker?", ["VividPose", "MagicDance", "VLOGGER", "VividFace"], "MultiPly's temporal consistency is of 3D reconstructions, not generated video"),
    ("Which T2I customization methods work for arbitrary subjects, not just human faces?", ["DisenBooth", "CustomContrast", "MagiCapture"], "DisenBooth and CustomContrast are subject-driven with no restriction to people; MagiCapture 'can also be generalized to other non-human objects'"),
    ("Which papers use contrastive learning or a contrastive loss?", ["CustomContrast", "DisenBooth", "LAE"], "EmojiDiff's ID-enhanced Contrast Alignment is not described as contrastive learning"),
    ("Which personalization methods confine attention to certain regions, such as the face or each character's area?", ["SeFi-IDE", "StoryMaker", "ConsistentID", "MagiCapture"], "MagiCapture's Attention Refocusing loss is named, not described; FACT confines the adapter's effect to the face, not attention; FreeCure only reads attention maps"),
    ("Which methods combine several concepts or characters in one generated image?", ["MagiCapture", "StoryMaker"], "MagiCapture composes a subject and a style concept"),
    ("Which methods can change how old a person looks?", ["PTI", "DP-Adapter"], "LAE lists hair, expression 'and others', not age"),
    ("Which works model people interacting with each other or with objects?", ["NCHO", "MultiPly"], "DOPE names interactions only as a motivating application; MANO models the hands and body of one person together"),
    ("Which papers evaluate on fashion datasets such as DeepFashion, UBC-Fashion, VITON-HD or DressCode?", ["VividPose", "ELICIT", "TryOnTimeEfficient"], ""),
    ("Which papers mix explicit meshes with implicit representations such as NeRFs or distance fields?", ["DELTA", "TECA", "TeCH"], "ECON combines the properties of implicit functions with an explicit body model as regularizer, not a hybrid representation"),
    ("Find papers that add an adapter to a pretrained diffusion model.", ["W+Adapter", "DP-Adapter", "FACT", "ID-Animator", "PersonalVideo", "TryOn-Adapter", "CAMOUFLaGE"], "CAMOUFLaGE-Light 'is based on the Adapter technique'; ID-Aligner tunes existing adapter models; InstantID's IdentityNet is a plug-and-play module, not called an adapter"),
    ("Which personalization methods handle the reference image and the text prompt in separate branches, streams or pathways?", ["PhotoVerse", "Infinite-ID", "DP-Adapter"], "MasterWeaver adds a cross attention for identity and InstantID an IdentityNet without describing two branches"),
    ("Which identity-preserving generators can render the person in different styles?", ["Infinite-ID", "MagiCapture", "InstantID", "PhotoVerse", "PersonalVideo"], "PersonalVideo works with style LoRA; MagicDance's cartoon-like stylization is from poses only"),
    ("Which SDS-based methods make the score distillation identity-aware or personalized?", ["TeCH", "Portrait3D", "HeadSculpt"], "GALA's SDS is pose-guided, not identity-aware"),
    ("Which pose estimation methods give body parts such as the hands, face or limbs their own dedicated components?", ["DaNet", "DOPE", "OSX"], "DaNet: local streams; DOPE: part experts; OSX avoids separate part networks but has a local face/hand decoder; AiOS uses per-joint tokens"),
    ("Which methods tune a generator around a fixed pivot?", ["PTI", "DualPivot"], ""),
    ("List the papers that propose new evaluation metrics.", ["WSC-swap", "Brain-ID", "StableBias"], "StableBias: 'targeted scores to directly compare models'; VLOGGER analyses existing diversity metrics"),
    ("Apart from dedicated try-on methods, which papers show virtual try-on as an application?", ["DELTA", "TECA", "FaceChain"], ""),
    ("Which methods use a pretrained 2D or multi-view diffusion model as a prior for creating 3D humans or heads?", ["TeCH", "PSHuman", "GeneMAN", "GALA", "Portrait3D", "HeadSculpt"], "TECA names no diffusion model; ELICIT's priors are SMPL and CLIP; StableIdentity injects identities into 3D generation only as an extension"),
    ("Which papers separate motion from appearance and generate them in different stages or blocks?", ["MyTalk", "MagicDance"], "VividPose argues against pipelines that learn appearance and motion separately"),
    ("Which image or video generators are conditioned on a 3D face or body model, such as SMPL-X renderings or a 3DMM?", ["VividPose", "VividFace", "DiffFAE", "VLOGGER"], "VividFace: '3D reconstruction techniques as input conditioning'; VLOGGER generates 3D motion first; WSC-swap uses a 3DMM only in a loss; PSHuman conditions on SMPL-X but outputs meshes"),
    ("Which generative methods are designed for pictures that contain several different people at once?", ["StoryMaker", "CAMOUFLaGE"], "BEV, AiOS and MultiPly estimate or reconstruct several people, they do not generate them"),
]  # fmt: skip

# The same lists asked the other ways people ask for papers, without "Which papers …?" (added 2026-12-07, after the
# first 64): "What are some methods …", "Papers on …?", "What research exists on …?", "Who has worked on …?",
# "What are the main approaches to …?", "Tell me about the papers on …". Gold as for the list they reword.
LIST_REWORDED: list[tuple[str, int]] = [
    ("What are some methods that avoid the squashed look of garment textures in virtual try-on?", 3),
    ("Papers on building a 3D person or avatar from video footage?", 5),
    ("What research exists on 3D human avatars that can be reposed or animated?", 11),
    ("Who has worked on copying a facial expression from a reference image or video onto another face?", 17),
    ("What are the papers about GAN inversion?", 18),
    ("What work has been done on measuring how accurately face models work across races, ethnicities or skin tones?", 26),
    ("Papers about watermarks or hidden identifiers in generated images?", 32),
    ("What are the main approaches to estimating or modelling 3D hand pose?", 35),
    ("Tell me about the papers on synthesizing videos of people with diffusion models.", 43),
    ("What are some methods that combine several concepts or characters in one generated image?", 48),
    ("Papers on changing how old a person looks?", 49),
    ("Summarize the existing methods that represent 3D shape with a learned implicit function.", 12),
]
LISTS += [(question, LISTS[n - 1][1], f"l{n:02d} asked another way") for question, n in LIST_REWORDED]


# Comparisons of two named papers, worded as people ask them rather than as "Compare A and B." / "How does A differ
# from B?" (the forms the other sets use). Gold: the two papers named. Some forms are ones the kind rules do not
# read as comparisons (a study named by its topic; "Should I use A or B …?" until stop 47): the set measures the rules,
# it is not written to pass them.
COMPARES: list[tuple[str, list[str]]] = [
    ("How is ECON different from ICON?", ["ECON", "ICON"]),
    ("What sets PSHuman apart from ECON?", ["PSHuman", "ECON"]),
    ("What distinguishes TeCH from ICON?", ["TeCH", "ICON"]),
    ("Is AiOS better than DOPE at whole-body pose estimation?", ["AiOS", "DOPE"]),
    ("How does OSX relate to AiOS?", ["OSX", "AiOS"]),
    ("Which is faster at inference, InstantID or PhotoVerse?", ["InstantID", "PhotoVerse"]),
    ("Does Arc2Face keep identity better than InstantID?", ["Arc2Face", "InstantID"]),
    ("What do ConsistentID and Infinite-ID have in common?", ["ConsistentID", "Infinite-ID"]),
    ("How does VividPose improve on MagicDance?", ["VividPose", "MagicDance"]),
    ("Portrait3D versus HeadSculpt: how does each get a 3D head from text?", ["Portrait3D", "HeadSculpt"]),
    ("Is WOUAF related to Stable Bias in any way?", ["WOUAF", "StableBias"]),
    ("How is SIG different from the Casual Conversations dataset as a fairness benchmark?", ["SIG", "CasualConversations"]),
    ("What sets VLOGGER apart from VividPose?", ["VLOGGER", "VividPose"]),
    ("Which one uses clothing information, MADE or FAIM?", ["MADE", "FAIM"]),
    ("Does SD-VITON outperform HR-VITON?", ["SD-VITON", "HR-VITON"]),
    ("How are NCHO and GALA similar?", ["NCHO", "GALA"]),
    ("What distinguishes DELTA from TECA?", ["DELTA", "TECA"]),
    ("Is ID-Animator better than PersonalVideo at keeping a face consistent across frames?", ["ID-Animator", "PersonalVideo"]),
    ("How does Vec2Face's way of making synthetic faces differ from IDiff-Face's?", ["Vec2Face", "IDiff-Face"]),
    ("What sets CustomContrast apart from DisenBooth?", ["CustomContrast", "DisenBooth"]),
    ("StoryMaker vs MasterWeaver for keeping a character consistent?", ["StoryMaker", "MasterWeaver"]),
    ("How is GeneMAN different from PSHuman?", ["GeneMAN", "PSHuman"]),
    ("Where does BEDLAM's synthetic training data beat real data, according to BEDLAM, and does AiOS use it?", ["BEDLAM", "AiOS"]),
    ("What is the relationship between MANO and ECON?", ["MANO", "ECON"]),
    ("How does FreeCure relate to InstantID?", ["FreeCure", "InstantID"]),
    ("Which of the two needs per-subject fine-tuning, MagiCapture or InstantID?", ["MagiCapture", "InstantID"]),
    ("Is Pose2ID similar to FAIM?", ["Pose2ID", "FAIM"]),
    ("How does Dual-Pivot Tuning improve on Pivotal Tuning?", ["DualPivot", "PTI"]),
    ("What distinguishes EchoVideo from ID-Animator?", ["EchoVideo", "ID-Animator"]),
    ("How is VividFace different from WSC-swap?", ["VividFace", "WSC-swap"]),
    ("Is SD-VITON better than TryOn-Adapter?", ["SD-VITON", "TryOn-Adapter"]),
    ("How do TryOn-Adapter and HR-VITON each keep the garment's details?", ["TryOn-Adapter", "HR-VITON"]),
    ("Should I use InstantID or PhotoVerse for one-shot personalization?", ["InstantID", "PhotoVerse"]),
    ("ECON or PSHuman: which one handles loose clothing?", ["ECON", "PSHuman"]),
    ("Tell me how DOPE and OSX each estimate hands and faces.", ["DOPE", "OSX"]),
    ("Between Stable Bias and the social-biases study of text-to-image generation, which looks at more countries?", ["StableBias", "SocialBiasesT2I"]),
]


def _assign_splits(rows: list[dict], group_field: str) -> None:
    """Alternate tune/holdout within each group, in file order, so each half has every kind."""
    seen: Counter[str] = Counter()
    for row in rows:
        group = row[group_field]
        row["split"] = "tune" if seen[group] % 2 == 0 else "holdout"
        seen[group] += 1


_TYPE = {"answerable_single": "single", "answerable_named": "single", "answerable_multi": "multi", "answerable_scene": "single", "answerable_partitive": "single", "answerable_arethere": "multi", "answerable_condition": "single", "answerable_quantity": "single", "answerable_how_quality": "single", "answerable_code": "single", "answerable_data": "single", "answerable_media": "single", "answerable_setting": "single", "answerable_blind": "single", "answerable_yes_no": "single", "answerable_figure": "single", "answerable_purpose": "single"}


def refusal_rows(titles: dict[str, str]) -> list[dict]:
    rows = []
    for n, (kind, question, gold, note) in enumerate(REFUSAL, 1):
        answerable = kind.startswith("answerable")
        if answerable != bool(gold):
            raise ValueError(f"r{n:03d}: {kind} with gold {gold}")
        row = {
            "id": f"r{n:03d}",
            "turns": [question],
            "answerable": answerable,
            "gold_titles": [titles[g] for g in gold],
            "kind": kind,
            # `type` lets `paperchat eval eval/refusal_set.jsonl` run the set as it runs dev_qa.jsonl
            "type": _TYPE.get(kind, "unanswerable"),
        }
        if note:
            row["note"] = note
        rows.append(row)
    _assign_splits(rows, "kind")
    return rows


def followup_rows(titles: dict[str, str]) -> list[dict]:
    rows = []
    for n, (label, turns, gold, note) in enumerate(FOLLOWUP, 1):
        if label not in ("followup", "new_topic") or not 2 <= len(turns) <= 3 or not gold:
            raise ValueError(f"f{n:03d}: bad item")
        row = {"id": f"f{n:03d}", "turns": turns, "label": label, "gold_titles": [titles[g] for g in gold], "type": "followup"}
        if note:
            row["note"] = note
        # a case where a careful reader could defend the other label; scorers may report it separately
        row["ambiguous"] = note.startswith("ambiguous")
        rows.append(row)
    _assign_splits(rows, "label")
    return rows


def premise_rows(titles: dict[str, str]) -> list[dict]:
    rows = []
    for n, (kind, question, paper) in enumerate(PREMISE, 1):
        if kind not in ("true_premise", "false_premise") or not question.startswith("How does "):
            raise ValueError(f"p{n:03d}: bad item")
        answerable = kind == "true_premise"
        row = {
            "id": f"p{n:03d}",
            "turns": [question],
            "answerable": answerable,
            "gold_titles": [titles[paper]] if answerable else [],
            "about": titles[paper],
            "kind": kind,
            "type": "single" if answerable else "unanswerable",
        }
        rows.append(row)
    _assign_splits(rows, "kind")
    return rows


# A yes/no follow-up about the one paper under discussion ("Does it also move the hands?"), and whether that paper's
# abstract states it: "stated", "not_stated", or "opposite" (the abstract says it does not: VLOGGER "does not rely on
# face detection"). Not stated or opposite: the answer says first that the abstract does not say so, then what the
# paper does; stated: the answer about the paper, with no such line. Checked by hand against each abstract.
YES_NO: list[tuple[list[str], str, str, str]] = [
    (["Tell me about Brain-ID.", "Was it trained on real scans?"], "Brain-ID", "opposite", "'Trained entirely on synthetic data'"),
    (["Tell me about Brain-ID.", "Does it work on CT?"], "Brain-ID", "stated", "'on different MRI modalities and CT'"),
    (["What does WOUAF propose?", "Is it robust to image edits?"], "WOUAF", "stated", "'robustness ... against various image post-processing manipulations'"),
    (["What does WOUAF propose?", "Does it work with GANs?"], "WOUAF", "not_stated", "Stable Diffusion only"),
    (["How does ICON deal with varied poses?", "Does it work on images where the person is cut off by the frame?"], "ICON", "stated", "'robust to ... out-of-frame cropping'"),
    (["How does ICON deal with varied poses?", "Does it need multi-view video?"], "ICON", "not_stated", "2D images of people in unconstrained poses"),
    (["What does VLOGGER do?", "Does it need face detection?"], "VLOGGER", "opposite", "'does not rely on face detection and cropping'"),
    (["What does VLOGGER do?", "Does it generate upper-body gestures?"], "VLOGGER", "stated", "'generating upper-body gestures'"),
    (["What does pivotal tuning inversion do?", "Does it change the generator's weights?"], "PTI", "stated", "'slightly alters the generator'"),
    (["What does pivotal tuning inversion do?", "Does it work on video?"], "PTI", "not_stated", "images only"),
    (["What is FreeCure for?", "Does it need training?"], "FreeCure", "opposite", "'a training-free framework'"),
    (["What is FreeCure for?", "Can it be plugged into existing personalization models?"], "FreeCure", "stated", "'seamlessly integrated into existing popular personalization models'"),
    (["What is Make Your Actor Talk about?", "Does it also move the hands?"], "MyTalk", "not_stated", "lip movements only"),
    (["What is Make Your Actor Talk about?", "Does it preserve the person's identity?"], "MyTalk", "stated", "'preserving the personal identity'"),
    (["What does DOPE estimate?", "Does it run in real time?"], "DOPE", "stated", "'can achieve real-time performance'"),
    (["What does DOPE estimate?", "Does it track people across video frames?"], "DOPE", "not_stated", "images; no tracking"),
    (["What is in BEDLAM?", "Does it simulate clothing?"], "BEDLAM", "stated", "'clothing is realistically simulated'"),
    (["What is in BEDLAM?", "Does it include animals?"], "BEDLAM", "not_stated", "people only"),
    (["What is MagicDance?", "Is it a plug-in for Stable Diffusion?"], "MagicDance", "stated", "'a plug-in module/extension to Stable Diffusion'"),
    (["What is MagicDance?", "Does it generate music for the dance?"], "MagicDance", "not_stated", "no audio"),
    (["What does AiOS do?", "Does it need a separate person detector?"], "AiOS", "opposite", "'without an additional human detection step'"),
    (["What does AiOS do?", "Does it handle crowded scenes?"], "AiOS", "stated", "'especially for crowded scenes'; multi-person"),
    (["What does MultiPly reconstruct?", "Does it work from a single photo?"], "MultiPly", "not_stated", "monocular videos"),
    (["What does MultiPly reconstruct?", "Can it handle people who interact closely?"], "MultiPly", "stated", "'even under close human interaction'"),
    (["What can HeadSculpt do?", "Can it edit the generated heads?"], "HeadSculpt", "stated", "'generating and editing'"),
    (["What can HeadSculpt do?", "Does it work from a photo of the person?"], "HeadSculpt", "not_stated", "textual prompts only"),
    (["What does GALA produce?", "Does it use a diffusion model?"], "GALA", "stated", "'a pretrained 2D diffusion model as geometry and appearance prior'"),
    (["What does GALA produce?", "Does it run in real time?"], "GALA", "not_stated", "no speed claim"),
    (["What does NCHO learn?", "Does it need manual annotations?"], "NCHO", "opposite", "'without manual annotations'"),
    (["What does NCHO learn?", "Is it trained on real scans?"], "NCHO", "stated", "'from real-world 3D scans'"),
]


# The same asked of two papers just compared ("Do they need fine-tuning at test time?"): the papers under discussion,
# and those whose abstract states it. Each paper that does not is named first; the notes on both follow.
YES_NO_BOTH: list[tuple[list[str], list[str], list[str], str]] = [
    (["Compare InstantID and PhotoVerse.", "Do they need fine-tuning at test time?"], ["InstantID", "PhotoVerse"], [], "InstantID is zero-shot, 'a single forward inference'; PhotoVerse 'eliminates the need for test time tuning'"),
    (["Compare InstantID and PhotoVerse.", "Do both work from a single photo of the person?"], ["InstantID", "PhotoVerse"], ["InstantID", "PhotoVerse"], "'using just a single facial image'; 'relies solely on a single facial photo'"),
    (["How do ICON and ECON differ?", "Do both use the SMPL-X body model?"], ["ICON", "ECON"], ["ICON", "ECON"], "'the SMPL(-X) body model'; 'a SMPL-X body mesh'"),
    (["How do ICON and ECON differ?", "Do they run in real time?"], ["ICON", "ECON"], [], "no speed claim"),
    (["Compare MagicDance and VividPose.", "Do they animate a person along a pose sequence?"], ["MagicDance", "VividPose"], ["MagicDance", "VividPose"], "'driven by novel pose sequences'; 'following a specified pose sequence'"),
    (["Compare MagicDance and VividPose.", "Do they generate audio?"], ["MagicDance", "VividPose"], [], "no audio"),
    (["Compare HeadSculpt and Portrait3D.", "Do both work from a single photo?"], ["HeadSculpt", "Portrait3D"], ["Portrait3D"], "HeadSculpt: textual prompts; Portrait3D: 'from a single image'"),
    (["Compare DOPE and AiOS.", "Do they estimate hands and faces too?"], ["DOPE", "AiOS"], ["DOPE", "AiOS"], "'including bodies, hands and faces'; 'the human body, hand, and expression estimation'"),
    (["Compare WOUAF and Stable Bias.", "Do both study Stable Diffusion?"], ["WOUAF", "StableBias"], ["WOUAF", "StableBias"], "'using the Stable Diffusion Model'; 'Stable Diffusion v 1.4 and v 2'"),
    (["Compare DOPE and AiOS.", "Do they need a separate person detector?"], ["DOPE", "AiOS"], [], "DOPE detects people itself; AiOS 'without an additional human detection step'"),
]


def yes_no_rows(titles: dict[str, str]) -> list[dict]:
    items = [(turns, [paper], [paper] if stated == "stated" else [], stated, note) for turns, paper, stated, note in YES_NO]
    items += [(turns, about, stated, "both_" + ("stated" if len(stated) == 2 else "mixed" if stated else "not_stated"), note)
              for turns, about, stated, note in YES_NO_BOTH]  # fmt: skip
    rows = []
    for n, (turns, about, stated, kind, note) in enumerate(items, 1):
        if len(turns) != 2 or not set(stated) <= set(about):
            raise ValueError(f"y{n:02d}: bad item")
        rows.append({
            "id": f"y{n:02d}",
            "turns": turns,
            # The answer cites the papers under discussion either way; `stated_titles` are those whose abstract states
            # the follow-up's claim (benchmarks/pick_margins.py counts a paper picked as right only then).
            "gold_titles": [titles[p] for p in about],
            "stated_titles": [titles[p] for p in stated],
            "kind": kind,
            "type": "followup",
            "note": note,
        })
    _assign_splits(rows, "kind")
    return rows


def pick_rows(titles: dict[str, str]) -> list[dict]:
    rows = []
    for n, (turns, gold, note) in enumerate(PICK, 1):
        if len(turns) != 2:
            raise ValueError(f"c{n:02d}: bad item")
        row = {
            "id": f"c{n:02d}",
            "turns": turns,
            "gold_titles": [titles[g] for g in gold],
            "kind": "picks" if gold else "picks_none",
            # `type` lets `paperchat eval eval/pick_set.jsonl` score the last turn as it scores dev_qa.jsonl's
            "type": "followup" if gold else "unanswerable",
        }
        if note:
            row["note"] = note
        rows.append(row)
    _assign_splits(rows, "kind")
    return rows


def list_rows(titles: dict[str, str]) -> list[dict]:
    # a list question must not be a turn of another set: the list set is measured apart from them
    others = {q for _, q, _, _ in REFUSAL} | {q for _, q, _ in PREMISE}
    others |= {t for _, turns, _, _ in FOLLOWUP for t in turns} | {t for turns, _, _ in PICK for t in turns}
    others |= {t for turns, *_ in YES_NO for t in turns} | {t for turns, *_ in YES_NO_BOTH for t in turns}
    others = {q.lower() for q in others}
    rows = []
    for n, (question, gold, note) in enumerate(LISTS, 1):
        if not 2 <= len(gold) <= 8 or len(set(gold)) != len(gold) or question.lower() in others:
            raise ValueError(f"l{n:02d}: bad item")
        row = {
            "id": f"l{n:02d}",
            "turns": [question],
            "answerable": True,
            "gold_titles": [titles[g] for g in gold],
            "kind": "list",
            # `type` lets `paperchat eval eval/list_set.jsonl` score it as dev_qa.jsonl's multi-paper questions
            "type": "multi",
        }
        if note:
            row["note"] = note
        rows.append(row)
    _assign_splits(rows, "kind")
    return rows


def compare_rows(titles: dict[str, str]) -> list[dict]:
    rows = []
    for n, (question, gold) in enumerate(COMPARES, 1):
        if len(set(gold)) != 2:
            raise ValueError(f"w{n:02d}: a comparison names two papers")
        rows.append({"id": f"w{n:02d}", "turns": [question], "answerable": True, "gold_titles": [titles[g] for g in gold],
                     "kind": "compare_wording", "type": "compare"})
    _assign_splits(rows, "kind")
    return rows


# Questions that set a paper of the collection against another name, written by two helpers who read only the corpus
# (stop 53): "outside" names a well-known method no abstract here spells (checked with grep), "both_in_collection"
# names two papers of the collection, "named_term" a dataset, metric or base model some abstract spells, or "prior
# work". The first set was written before `Plan.strangers` and read while writing its rules; the second was run once
# before any rule changed (benchmarks/README.md "A name no abstract here spells"). (kind, question, outside name, set)
STRANGERS: list[tuple[str, str, str | None, str]] = [
    ('outside', 'Is InstantID better than PhotoMaker for zero-shot identity-preserving generation?', 'PhotoMaker', 'set1'),
    ('outside', "How does PuLID compare to ConsistentID in keeping a person's identity from one reference photo?", 'PuLID', 'set1'),
    ('outside', 'Compare ECON with PIFuHD for reconstructing clothed humans in loose garments.', 'PIFuHD', 'set1'),
    ('outside', "What's the difference between SMPLer-X and AiOS for whole-body mesh recovery?", 'SMPLer-X', 'set1'),
    ('outside', 'BEV versus HybrIK for estimating 3D pose and shape of several people in one image?', 'HybrIK', 'set1'),
    ('outside', 'How does VividPose differ from MagicAnimate in animating a human image from a pose sequence?', 'MagicAnimate', 'set1'),
    ('outside', 'Is StableVITON better than SD-VITON at avoiding squeezed clothing textures?', 'StableVITON', 'set1'),
    ('outside', 'TryOn-Adapter vs OOTDiffusion: which keeps garment details better in virtual try-on?', 'OOTDiffusion', 'set1'),
    ('outside', 'How does SimSwap compare with VividFace for swapping faces in videos?', 'SimSwap', 'set1'),
    ('outside', 'Is MyTalk more accurate at lip sync than Wav2Lip?', 'Wav2Lip', 'set1'),
    ('outside', 'What are the main differences between VLOGGER and SadTalker for audio-driven talking videos?', 'SadTalker', 'set1'),
    ('outside', 'Compare HyperStyle and PTI for inverting and editing real face images with StyleGAN.', 'HyperStyle', 'set1'),
    ('outside', 'Does HeadSculpt produce better 3D heads from text than DreamFusion?', 'DreamFusion', 'set1'),
    ('outside', 'How does Pose2ID differ from TransReID for person re-identification?', 'TransReID', 'set1'),
    ('outside', 'DaNet or PyMAF: which is more accurate for 3D human mesh recovery from a single image?', 'PyMAF', 'set1'),
    ('outside', 'How does CodeFormer compare with Dual-Pivot Tuning for restoring degraded face photos?', 'CodeFormer', 'set1'),
    ('both_in_collection', 'Is InstantID better than PhotoVerse at preserving identity from a single face image?', None, 'set1'),
    ('both_in_collection', 'How does ECON compare to ICON for clothed human reconstruction?', None, 'set1'),
    ('both_in_collection', "What's the difference between OSX and AiOS for one-stage whole-body mesh recovery?", None, 'set1'),
    ('both_in_collection', 'TeCH versus ELICIT for building a 3D human from one image?', None, 'set1'),
    ('both_in_collection', 'How does Infinite-ID differ from ConsistentID in the way they inject identity?', None, 'set1'),
    ('both_in_collection', 'Compare MADE with FAIM for cloth-changing person re-identification.', None, 'set1'),
    ('both_in_collection', "Is MagicDance better than VividPose for generating dance videos that keep the person's identity?", None, 'set1'),
    ('both_in_collection', 'IDiff-Face vs Vec2Face: which gives better synthetic training data for face recognition?', None, 'set1'),
    ('both_in_collection', 'How does SD-VITON compare with TryOn-Adapter on virtual try-on quality?', None, 'set1'),
    ('both_in_collection', "What's the difference between PersonalVideo and ID-Animator for identity-specific video generation?", None, 'set1'),
    ('both_in_collection', 'How does GALA differ from NCHO in composing clothing and objects with a 3D human?', None, 'set1'),
    ('both_in_collection', 'Compare Portrait3D and HeadSculpt for generating 3D head avatars.', None, 'set1'),
    ('named_term', 'Does DSR outperform previous methods on 3DPW?', None, 'set1'),
    ('named_term', 'How does VividPose compare with earlier approaches on the TikTok benchmark?', None, 'set1'),
    ('named_term', 'Is PSHuman more accurate than prior single-view reconstruction methods on CAPE and THuman2.1?', None, 'set1'),
    ('named_term', 'Does ID-Aligner give bigger gains on SDXL than on SD1.5?', None, 'set1'),
    ('named_term', "How does Pose2ID's training-free result on Market1501 compare with trained ReID models?", None, 'set1'),
    ('named_term', 'How close does IDiff-Face get to face recognition trained on authentic data on LFW?', None, 'set1'),
    ('named_term', 'Is AiOS better than the previous state of the art on AGORA?', None, 'set1'),
    ('named_term', 'Does MADE beat state-of-the-art methods on PRCC and LTCC?', None, 'set1'),
    ('named_term', 'How does ELICIT compare to other avatar methods on ZJU-MoCAP when only one image is available?', None, 'set1'),
    ('named_term', "Is Vec2Face's synthetic data better than real data for face recognition on CALFW?", None, 'set1'),
    ('named_term', 'In the Stable Bias study, how does DALL-E 2 compare with Stable Diffusion in diversity?', None, 'set1'),
    ('named_term', 'Is ConsistentID faster at inference than earlier portrait generation methods?', None, 'set1'),
    ('outside', 'How does ECON stack up against PaMIR for reconstructing people in loose clothing from a single image?', 'PaMIR', 'set2'),
    ('outside', 'AiOS vs PIXIE for whole-body expressive pose and shape, which would you pick for crowded scenes?', 'PIXIE', 'set2'),
    ('outside', 'is InstantID actually an improvement over IP-Adapter when you only have one face photo?', 'IP-Adapter', 'set2'),
    ('outside', "I'm generating synthetic face data for training a recognizer. Would DCFace or Arc2Face give me better identity consistency, and why?", 'DCFace', 'set2'),
    ('outside', "What does VividPose do that AnimateAnyone doesn't?", 'AnimateAnyone', 'set2'),
    ('outside', 'Compared with PF-AFN, how does HR-VITON deal with misalignment between the warped clothes and the segmentation map?', 'PF-AFN', 'set2'),
    ('outside', "FaceShifter vs WSC-swap — which one leaks less of the target's identity into the swapped face?", 'FaceShifter', 'set2'),
    ('outside', 'how is PTI different from just inverting with e4e before editing?', 'e4e', 'set2'),
    ('outside', "Is MyTalk better than VideoReTalking at keeping the person's identity and visual details while syncing lips to new speech?", 'VideoReTalking', 'set2'),
    ('outside', 'For audio-driven talking avatars, how does VLOGGER differ from AniPortrait? I care about full upper-body gestures, not just the face.', 'AniPortrait', 'set2'),
    ('outside', 'TeCH or SiTH — which does a better job hallucinating the back side of a clothed human from one photo?', 'SiTH', 'set2'),
    ('outside', 'Quick one: how does StoryMaker compare with ConsiStory for keeping multiple characters consistent across a story?', 'ConsiStory', 'set2'),
    ('outside', 'Does DaNet beat DecoMR in mesh recovery accuracy? both use dense correspondences as an intermediate representation right?', 'DecoMR', 'set2'),
    ('outside', "How does WOUAF's fingerprinting differ from StegaStamp-style watermarking of generated images, robustness-wise?", 'StegaStamp', 'set2'),
    ('both_in_collection', "What does ECON do that ICON doesn't?", None, 'set2'),
    ('both_in_collection', "InstantID vs Arc2Face: which one is better if I want max face similarity and don't care much about text prompts?", None, 'set2'),
    ('both_in_collection', 'how is SD-VITON different from HR-VITON? I keep seeing squeezing artifacts on sleeves', None, 'set2'),
    ('both_in_collection', 'Is AiOS an improvement over OSX for whole-body mesh recovery, or are they solving different problems?', None, 'set2'),
    ('both_in_collection', 'PhotoVerse or MasterWeaver — which handles the identity vs. editability trade-off better without test-time tuning?', None, 'set2'),
    ('both_in_collection', 'For cloth-changing re-id, how does MADE compare with FAIM? One masks clothing attributes and the other seems to actually use clothes features, is that right?', None, 'set2'),
    ('both_in_collection', 'ID-Animator vs PersonalVideo for identity-preserving video generation from a single reference face: which is faster to use and which keeps motion dynamics better?', None, 'set2'),
    ('both_in_collection', 'Vec2Face and IDiff-Face both generate synthetic faces for training face recognition. How do they differ in how they get identity separation and intra-class variation?', None, 'set2'),
    ('both_in_collection', "DELTA vs TECA — both put hair in a NeRF and the body/face in a mesh. what's the actual difference?", None, 'set2'),
    ('both_in_collection', 'How does GALA stack up against NCHO for decomposing clothes/accessories from a 3D human scan?', None, 'set2'),
    ('both_in_collection', 'Is VividPose better than MagicDance for pose-driven human animation with stable identity over time?', None, 'set2'),
    ('named_term', 'How much better is AiOS than previous methods on AGORA and EHF?', None, 'set2'),
    ('named_term', 'Does the DSR loss actually beat the state of the art on 3DPW, or only on Human3.6M?', None, 'set2'),
    ('named_term', 'Pose2ID is training-free — how does its Market1501 mAP/Rank-1 compare to normal trained ReID models?', None, 'set2'),
    ('named_term', 'what LFW accuracy does IDiff-Face get, and how far is that from face recognition trained on real data?', None, 'set2'),
    ('named_term', 'In the BEDLAM paper, how close does plain HMR get to CLIFF when trained only on synthetic data?', None, 'set2'),
    ('named_term', 'How does PSHuman compare with prior single-view reconstruction methods on CAPE and THuman2.1?', None, 'set2'),
    ('named_term', 'Is VividPose state of the art on the TikTok and UBCFashion benchmarks compared with the baselines?', None, 'set2'),
    ('named_term', 'That time-efficient diffusion try-on paper claims a ~20x speedup — is its quality on VITON-HD and Dresscode actually comparable to the SOTA method, or worse?', None, 'set2'),
    ('named_term', "Did Vec2Face's synthetic HSFace training really beat a same-scale real-image training set on CALFW?", None, 'set2'),
    ('named_term', 'In Stable Bias, which was less diverse: DALL-E 2 or Stable Diffusion v1.4?', None, 'set2'),
    ('named_term', 'How does Geom-Erasing do on I2P compared with existing concept removal baselines?', None, 'set2'),
]


def stranger_rows() -> list[dict]:
    rows = []
    for n, (kind, question, outside, written) in enumerate(STRANGERS, 1):
        if (kind == "outside") != (outside is not None) or (outside is not None and outside not in question):
            raise ValueError(f"s{n:02d}: an outside name is given exactly for an 'outside' question, as written in it")
        rows.append({"id": f"s{n:02d}", "turns": [question], "kind": kind, "outside": outside, "written": written})
    _assign_splits(rows, "kind")
    return rows


# Two-turn conversations a helper wrote from the corpus alone (stop 53): turn 1 names 2–4 papers, turn 2 asks which of
# them ranks highest or lowest on speed, accuracy or size; `report`: the named papers whose title or abstract reports
# that quality, as the helper read them ("efficient" and "outperforms" do not count). Exact titles: several papers have
# no short name. (turns, quality, named papers, those that report it)
RANKS: list[tuple[list[str], str, list[str], list[str]]] = [
    (['Tell me about InstantID, PhotoVerse and Arc2Face.', 'Which of them is the fastest?'], 'speed', ['InstantID: Zero-shot Identity-Preserving Generation in Seconds', 'PhotoVerse: Tuning-Free Image Customization with Text-to-Image Diffusion Models', 'Arc2Face: A Foundation Model of Human Faces'], ['InstantID: Zero-shot Identity-Preserving Generation in Seconds', 'PhotoVerse: Tuning-Free Image Customization with Text-to-Image Diffusion Models']),
    (['Compare the time-efficient identity-consistent virtual try-on diffusion model, TryOn-Adapter and SD-VITON.', 'Which one runs quickest at inference?'], 'speed', ['Time-Efficient and Identity-Consistent Virtual Try-On Using A Variant of Altered Diffusion Models', 'TryOn-Adapter: Efficient Fine-Grained Clothing Identity Adaptation for High-Fidelity Virtual Try-On', 'Towards Squeezing-Averse Virtual Try-On via Sequential Deformation'], ['Time-Efficient and Identity-Consistent Virtual Try-On Using A Variant of Altered Diffusion Models']),
    (['What do DOPE, OSX and MANO do?', 'Which is the fastest of these?'], 'speed', ['DOPE: Distillation Of Part Experts for whole-body 3D pose estimation in the wild', 'One-Stage 3D Whole-Body Mesh Recovery with Component Aware Transformer', 'Embodied Hands: Modeling and Capturing Hands and Bodies Together'], ['DOPE: Distillation Of Part Experts for whole-body 3D pose estimation in the wild']),
    (['Can you summarize CAMOUFLaGE, Geom-Erasing and WOUAF?', 'Which of them has the lowest inference time?'], 'speed', ['Latent Diffusion Models for Attribute-Preserving Image Anonymization', 'Implicit Concept Removal of Diffusion Models', 'WOUAF: Weight Modulation for User Attribution and Fingerprinting in Text-to-Image Diffusion Models'], ['Latent Diffusion Models for Attribute-Preserving Image Anonymization']),
    (['Tell me about ConsistentID, Infinite-ID and MasterWeaver.', 'Which one generates images the fastest?'], 'speed', ['ConsistentID: Portrait Generation with Multimodal Fine-Grained Identity Preserving', 'Infinite-ID: Identity-preserved Personalization via ID-semantics Decoupling Paradigm', 'MasterWeaver: Taming Editability and Identity for Personalized Text-to-Image Generation'], ['ConsistentID: Portrait Generation with Multimodal Fine-Grained Identity Preserving']),
    (['How do InstantID, ConsistentID, StableIdentity and PhotoVerse differ?', 'Which of them is quickest?'], 'speed', ['InstantID: Zero-shot Identity-Preserving Generation in Seconds', 'ConsistentID: Portrait Generation with Multimodal Fine-Grained Identity Preserving', 'StableIdentity: Inserting Anybody into Anywhere at First Sight', 'PhotoVerse: Tuning-Free Image Customization with Text-to-Image Diffusion Models'], ['InstantID: Zero-shot Identity-Preserving Generation in Seconds', 'ConsistentID: Portrait Generation with Multimodal Fine-Grained Identity Preserving', 'PhotoVerse: Tuning-Free Image Customization with Text-to-Image Diffusion Models']),
    (['Compare ECON, ICON and PSHuman.', 'Which of them is the slowest?'], 'speed', ['ECON: Explicit Clothed humans Optimized via Normal integration', 'ICON: Implicit Clothed humans Obtained from Normals', 'PSHuman: Photorealistic Single-view Human Reconstruction using Cross-Scale Diffusion'], []),
    (['What do VLOGGER and MyTalk do?', 'Which one is faster?'], 'speed', ['VLOGGER: Multimodal Diffusion for Embodied Avatar Synthesis', 'Make Your Actor Talk: Generalizable and High-Fidelity Lip Sync with Motion and Appearance Disentanglement'], []),
    (['Give me an overview of ID-Animator, PersonalVideo and EchoVideo.', 'Which of these generates video the fastest?'], 'speed', ['ID-Animator: Zero-Shot Identity-Preserving Human Video Generation', 'PersonalVideo: High ID-Fidelity Video Customization without Dynamic and Semantic Degradation', 'EchoVideo: Identity-Preserving Human Video Generation by Multimodal Feature Fusion'], []),
    (['Tell me about PhotoVerse, DisenBooth and CustomContrast.', 'Which one takes the least time to produce an image?'], 'speed', ['PhotoVerse: Tuning-Free Image Customization with Text-to-Image Diffusion Models', 'DisenBooth: Identity-Preserving Disentangled Tuning for Subject-Driven Text-to-Image Generation', 'CustomContrast: A Multilevel Contrastive Perspective For Subject-Driven Text-to-Image Customization'], ['PhotoVerse: Tuning-Free Image Customization with Text-to-Image Diffusion Models']),
    (['Compare InstantID, FaceChain-FACT and Imagine yourself.', 'Which is the fastest?'], 'speed', ['InstantID: Zero-shot Identity-Preserving Generation in Seconds', 'FaceChain-FACT: Face Adapter with Decoupled Training for Identity-preserved Personalization', 'Imagine yourself: Tuning-Free Personalized Image Generation'], ['InstantID: Zero-shot Identity-Preserving Generation in Seconds']),
    (['What are DOPE, AiOS and BEV about?', 'Which of them runs fastest?'], 'speed', ['DOPE: Distillation Of Part Experts for whole-body 3D pose estimation in the wild', 'AiOS: All-in-One-Stage Expressive Human Pose and Shape Estimation', 'Putting People in their Place: Monocular Regression of 3D People in Depth'], ['DOPE: Distillation Of Part Experts for whole-body 3D pose estimation in the wild']),
    (['Tell me about CAMOUFLaGE and the time-efficient identity-consistent virtual try-on diffusion model.', 'Which one is faster at inference?'], 'speed', ['Latent Diffusion Models for Attribute-Preserving Image Anonymization', 'Time-Efficient and Identity-Consistent Virtual Try-On Using A Variant of Altered Diffusion Models'], ['Latent Diffusion Models for Attribute-Preserving Image Anonymization', 'Time-Efficient and Identity-Consistent Virtual Try-On Using A Variant of Altered Diffusion Models']),
    (['Compare ConsistentID, EmojiDiff and DP-Adapter.', 'Which of them is the slowest?'], 'speed', ['ConsistentID: Portrait Generation with Multimodal Fine-Grained Identity Preserving', 'EmojiDiff: Advanced Facial Expression Control with High Identity Preservation in Portrait Generation', 'DP-Adapter: Dual-Pathway Adapter for Boosting Fidelity and Text Consistency in Customizable Human Image Generation'], ['ConsistentID: Portrait Generation with Multimodal Fine-Grained Identity Preserving']),
    (['Tell me about IDiff-Face, Vec2Face and Arc2Face.', 'Which of them is the most accurate?'], 'accuracy', ['IDiff-Face: Synthetic-based Face Recognition through Fizzy Identity-Conditioned Diffusion Models', 'Vec2Face: Scaling Face Dataset Generation with Loosely Constrained Vectors', 'Arc2Face: A Foundation Model of Human Faces'], ['IDiff-Face: Synthetic-based Face Recognition through Fizzy Identity-Conditioned Diffusion Models', 'Vec2Face: Scaling Face Dataset Generation with Loosely Constrained Vectors']),
    (['What do Pose2ID, MADE and FAIM do?', 'Which one is most accurate?'], 'accuracy', ['From Poses to Identity: Training-Free Person Re-Identification via Feature Centralization', 'Masked Attribute Description Embedding for Cloth-Changing Person Re-identification', 'Clothes-Changing Person Re-Identification with Feasibility-Aware Intermediary Matching'], ['From Poses to Identity: Training-Free Person Re-Identification via Feature Centralization']),
    (['Compare AiOS and DaNet.', 'Which is more accurate?'], 'accuracy', ['AiOS: All-in-One-Stage Expressive Human Pose and Shape Estimation', 'Learning 3D Human Shape and Pose from Dense Body Parts'], ['AiOS: All-in-One-Stage Expressive Human Pose and Shape Estimation']),
    (['Tell me about BEDLAM, AiOS and BEV.', 'Which of them gives the most accurate body estimates?'], 'accuracy', ['BEDLAM: A Synthetic Dataset of Bodies Exhibiting Detailed Lifelike Animated Motion', 'AiOS: All-in-One-Stage Expressive Human Pose and Shape Estimation', 'Putting People in their Place: Monocular Regression of 3D People in Depth'], ['BEDLAM: A Synthetic Dataset of Bodies Exhibiting Detailed Lifelike Animated Motion', 'AiOS: All-in-One-Stage Expressive Human Pose and Shape Estimation']),
    (['How do SeFi-IDE, ConsistentID and StableIdentity compare?', 'Which one preserves identity most accurately?'], 'accuracy', ['SeFi-IDE: Semantic-Fidelity Identity Embedding for Personalized Diffusion-Based Generation', 'ConsistentID: Portrait Generation with Multimodal Fine-Grained Identity Preserving', 'StableIdentity: Inserting Anybody into Anywhere at First Sight'], ['SeFi-IDE: Semantic-Fidelity Identity Embedding for Personalized Diffusion-Based Generation', 'ConsistentID: Portrait Generation with Multimodal Fine-Grained Identity Preserving']),
    (['Summarize WOUAF, Geom-Erasing and CAMOUFLaGE.', 'Which of them is the most accurate?'], 'accuracy', ['WOUAF: Weight Modulation for User Attribution and Fingerprinting in Text-to-Image Diffusion Models', 'Implicit Concept Removal of Diffusion Models', 'Latent Diffusion Models for Attribute-Preserving Image Anonymization'], ['WOUAF: Weight Modulation for User Attribution and Fingerprinting in Text-to-Image Diffusion Models']),
    (['Compare TeCH, ECON and ICON.', 'Which is the most accurate reconstruction method?'], 'accuracy', ['TeCH: Text-guided Reconstruction of Lifelike Clothed Humans', 'ECON: Explicit Clothed humans Optimized via Normal integration', 'ICON: Implicit Clothed humans Obtained from Normals'], ['TeCH: Text-guided Reconstruction of Lifelike Clothed Humans']),
    (['Tell me about SIG, Arc2Face and the paper on boosting face recognition with StyleGAN.', 'Which of them is the least accurate?'], 'accuracy', ['SIG: A Synthetic Identity Generation Pipeline for Generating Evaluation Datasets for Face Recognition', 'Arc2Face: A Foundation Model of Human Faces', 'How to Boost Face Recognition with StyleGAN?'], []),
    (['What do MADE and FAIM do?', 'Which one is more accurate?'], 'accuracy', ['Masked Attribute Description Embedding for Cloth-Changing Person Re-identification', 'Clothes-Changing Person Re-Identification with Feasibility-Aware Intermediary Matching'], []),
    (['Compare Pivotal Tuning Inversion, DiffFAE and the efficient 3D-aware facial editing method based on attribute-specific prompt learning.', 'Which of them is the most accurate?'], 'accuracy', ['Pivotal Tuning for Latent-based Editing of Real Images', 'DiffFAE: Advancing High-fidelity One-shot Facial Appearance Editing with Space-sensitive Customization and Semantic Preservation', 'Efficient 3D-Aware Facial Image Editing via Attribute-Specific Prompt Learning'], []),
    (['Tell me about TryOn-Adapter, SD-VITON and the high-resolution virtual try-on method with misalignment and occlusion-handled conditions.', 'Which one is the most lightweight?'], 'size', ['TryOn-Adapter: Efficient Fine-Grained Clothing Identity Adaptation for High-Fidelity Virtual Try-On', 'Towards Squeezing-Averse Virtual Try-On via Sequential Deformation', 'High-Resolution Virtual Try-On with Misalignment and Occlusion-Handled Conditions'], ['TryOn-Adapter: Efficient Fine-Grained Clothing Identity Adaptation for High-Fidelity Virtual Try-On']),
    (['Compare ICON, ECON and the coarse-to-fine multi-view 3D human reconstruction method using voxel super-resolution.', 'Which of them needs the least memory?'], 'size', ['ICON: Implicit Clothed humans Obtained from Normals', 'ECON: Explicit Clothed humans Optimized via Normal integration', 'Detailed 3D Human Body Reconstruction from Multi-view Images Combining Voxel Super-Resolution and Learned Implicit Representation'], ['Detailed 3D Human Body Reconstruction from Multi-view Images Combining Voxel Super-Resolution and Learned Implicit Representation']),
    (['What are CAMOUFLaGE and Geom-Erasing?', 'Which one is smaller?'], 'size', ['Latent Diffusion Models for Attribute-Preserving Image Anonymization', 'Implicit Concept Removal of Diffusion Models'], ['Latent Diffusion Models for Attribute-Preserving Image Anonymization']),
    (['Tell me about TryOn-Adapter, CAMOUFLaGE and the time-efficient identity-consistent virtual try-on diffusion model.', 'Which of them has the fewest parameters?'], 'size', ['TryOn-Adapter: Efficient Fine-Grained Clothing Identity Adaptation for High-Fidelity Virtual Try-On', 'Latent Diffusion Models for Attribute-Preserving Image Anonymization', 'Time-Efficient and Identity-Consistent Virtual Try-On Using A Variant of Altered Diffusion Models'], ['TryOn-Adapter: Efficient Fine-Grained Clothing Identity Adaptation for High-Fidelity Virtual Try-On', 'Latent Diffusion Models for Attribute-Preserving Image Anonymization']),
    (['Compare Arc2Face, IDiff-Face and Vec2Face.', 'Which one is the most lightweight model?'], 'size', ['Arc2Face: A Foundation Model of Human Faces', 'IDiff-Face: Synthetic-based Face Recognition through Fizzy Identity-Conditioned Diffusion Models', 'Vec2Face: Scaling Face Dataset Generation with Loosely Constrained Vectors'], []),
    (['What do GALA, NCHO and DELTA do?', 'Which of them uses the least memory?'], 'size', ['GALA: Generating Animatable Layered Assets from a Single Scan', 'NCHO: Unsupervised Learning for Neural 3D Composition of Humans and Objects', 'Learning Disentangled Avatars with Hybrid 3D Representations'], []),
]


def rank_rows() -> list[dict]:
    rows = []
    for n, (turns, quality, papers, report) in enumerate(RANKS, 1):
        if not set(report) <= set(papers) or quality not in ("speed", "accuracy", "size"):
            raise ValueError(f"k{n:02d}: the papers that report it are among those named, and the quality is known")
        rows.append({"id": f"k{n:02d}", "turns": turns, "kind": quality, "papers": papers, "report": report})
    _assign_splits(rows, "kind")
    return rows


# Questions that name 2–4 papers at once, written by a helper who read only the corpus (stop 53), each paper named by
# its title's short name ("name"), by a name only its abstract uses ("abstract-name": MyTalk, DSR, CAMOUFLaGE) or by a
# description from memory ("description": "the StyleGAN paper on boosting face recognition"). Run once before
# `Planner.described` changed for it (benchmarks/README.md "A question that lists papers"). (question, papers, how)
LISTED_PAPERS: list[tuple[str, list[str], list[str]]] = [
    ('Compare ECON, ICON and TeCH.', ['ECON: Explicit Clothed humans Optimized via Normal integration', 'ICON: Implicit Clothed humans Obtained from Normals', 'TeCH: Text-guided Reconstruction of Lifelike Clothed Humans'], ['name', 'name', 'name']),
    ('How do DSR and DaNet differ?', ['Learning to Regress Bodies from Images using Differentiable Semantic Rendering', 'Learning 3D Human Shape and Pose from Dense Body Parts'], ['abstract-name', 'abstract-name']),
    ('Tell me about MADE and FAIM.', ['Masked Attribute Description Embedding for Cloth-Changing Person Re-identification', 'Clothes-Changing Person Re-Identification with Feasibility-Aware Intermediary Matching'], ['abstract-name', 'abstract-name']),
    ('What do InstantID, Imagine yourself and the face foundation model that generates images from ArcFace embeddings do?', ['InstantID: Zero-shot Identity-Preserving Generation in Seconds', 'Imagine yourself: Tuning-Free Personalized Image Generation', 'Arc2Face: A Foundation Model of Human Faces'], ['name', 'name', 'description']),
    ('Can you contrast WSC-swap with VividFace?', ['Reinforced Disentanglement for Face Swapping without Skip Connection', 'VividFace: A Diffusion-Based Hybrid Framework for High-Fidelity Video Face Swapping'], ['abstract-name', 'name']),
    ('Summarize SD-VITON and the high-resolution try-on paper that handles misalignment and occlusion.', ['Towards Squeezing-Averse Virtual Try-On via Sequential Deformation', 'High-Resolution Virtual Try-On with Misalignment and Occlusion-Handled Conditions'], ['abstract-name', 'description']),
    ('Compare Stable Bias and the paper on social biases through the text-to-image generation lens.', ['Stable Bias: Analyzing Societal Representations in Diffusion Models', 'Social Biases through the Text-to-Image Generation Lens'], ['name', 'description']),
    ('Compare SIG, the Casual Conversations fairness dataset paper and the paper benchmarking face recognition bias with synthetic faces and human raters.', ['SIG: A Synthetic Identity Generation Pipeline for Generating Evaluation Datasets for Face Recognition', 'Towards Measuring Fairness in AI: the Casual Conversations Dataset', 'Benchmarking Algorithmic Bias in Face Recognition: An Experimental Approach Using Synthetic Faces and Human Evaluation'], ['name', 'description', 'description']),
    ('Tell me about Vec2Face, IDiff-Face and the StyleGAN paper on boosting face recognition.', ['Vec2Face: Scaling Face Dataset Generation with Loosely Constrained Vectors', 'IDiff-Face: Synthetic-based Face Recognition through Fizzy Identity-Conditioned Diffusion Models', 'How to Boost Face Recognition with StyleGAN?'], ['name', 'name', 'description']),
    ('How do BEV and MultiPly differ?', ['Putting People in their Place: Monocular Regression of 3D People in Depth', 'MultiPly: Reconstruction of Multiple People from Monocular Video in the Wild'], ['abstract-name', 'name']),
    ('Compare OSX, AiOS and DOPE for whole-body pose estimation.', ['One-Stage 3D Whole-Body Mesh Recovery with Component Aware Transformer', 'AiOS: All-in-One-Stage Expressive Human Pose and Shape Estimation', 'DOPE: Distillation Of Part Experts for whole-body 3D pose estimation in the wild'], ['abstract-name', 'name', 'name']),
    ('What are MANO and BEDLAM?', ['Embodied Hands: Modeling and Capturing Hands and Bodies Together', 'BEDLAM: A Synthetic Dataset of Bodies Exhibiting Detailed Lifelike Animated Motion'], ['abstract-name', 'name']),
    ('Summarize DELTA and TECA.', ['Learning Disentangled Avatars with Hybrid 3D Representations', 'Text-Guided Generation and Editing of Compositional 3D Avatars'], ['abstract-name', 'abstract-name']),
    ('Tell me about GALA, NCHO and the paper on modeling loose clothing like dresses with free-form generation.', ['GALA: Generating Animatable Layered Assets from a Single Scan', 'NCHO: Unsupervised Learning for Neural 3D Composition of Humans and Objects', 'Free-form Generation Enhances Challenging Clothed Human Modeling'], ['name', 'name', 'description']),
    ('Compare ELICIT, PSHuman and GeneMAN.', ['One-shot Implicit Animatable Avatars with Model-based Priors', 'PSHuman: Photorealistic Single-view Human Reconstruction using Cross-Scale Diffusion', 'GeneMAN: Generalizable Single-Image 3D Human Reconstruction from Multi-Source Human Data'], ['abstract-name', 'name', 'name']),
    ('What do PTI, DiffFAE and the W+ adapter paper that combines StyleGAN with Stable Diffusion do?', ['Pivotal Tuning for Latent-based Editing of Real Images', 'DiffFAE: Advancing High-fidelity One-shot Facial Appearance Editing with Space-sensitive Customization and Semantic Preservation', 'When StyleGAN Meets Stable Diffusion: a W_+ Adapter for Personalized Image Generation'], ['abstract-name', 'name', 'description']),
    ('Can you contrast FreeCure with PhotoVerse and FaceChain-FACT?', ["Foundation Cures Personalization: Recovering Facial Personalized Models' Prompt Consistency", 'PhotoVerse: Tuning-Free Image Customization with Text-to-Image Diffusion Models', 'FaceChain-FACT: Face Adapter with Decoupled Training for Identity-preserved Personalization'], ['abstract-name', 'name', 'name']),
    ('How do MyTalk and VLOGGER differ?', ['Make Your Actor Talk: Generalizable and High-Fidelity Lip Sync with Motion and Appearance Disentanglement', 'VLOGGER: Multimodal Diffusion for Embodied Avatar Synthesis'], ['abstract-name', 'name']),
    ('Compare ID-Animator, PersonalVideo and EchoVideo.', ['ID-Animator: Zero-Shot Identity-Preserving Human Video Generation', 'PersonalVideo: High ID-Fidelity Video Customization without Dynamic and Semantic Degradation', 'EchoVideo: Identity-Preserving Human Video Generation by Multimodal Feature Fusion'], ['name', 'name', 'name']),
    ('Tell me about Geom-Erasing and the paper on fingerprinting text-to-image diffusion models for user attribution.', ['Implicit Concept Removal of Diffusion Models', 'WOUAF: Weight Modulation for User Attribution and Fingerprinting in Text-to-Image Diffusion Models'], ['abstract-name', 'description']),
    ('What are CAMOUFLaGE and the personalized face restoration paper with dual-pivot tuning?', ['Latent Diffusion Models for Attribute-Preserving Image Anonymization', 'Personalized Restoration via Dual-Pivot Tuning'], ['abstract-name', 'description']),
    ('Summarize Pose2ID and the clothes-changing re-ID paper that uses same-clothes intermediaries for matching.', ['From Poses to Identity: Training-Free Person Re-Identification via Feature Centralization', 'Clothes-Changing Person Re-Identification with Feasibility-Aware Intermediary Matching'], ['abstract-name', 'description']),
    ('Compare VividPose, MagicDance and the paper that turns a single character drawing into a 3D animation.', ['VividPose: Advancing Stable Video Diffusion for Realistic Human Image Animation', 'MagicDance: Realistic Human Dance Video Generation with Motions & Facial Expressions Transfer', 'DrawingSpinUp: 3D Animation from Single Character Drawings'], ['name', 'name', 'description']),
    ('What do the survey on 3D human mesh recovery from monocular images, DaNet and the multi-view voxel super-resolution body reconstruction paper cover?', ['Recovering 3D Human Mesh from Monocular Images: A Survey', 'Learning 3D Human Shape and Pose from Dense Body Parts', 'Detailed 3D Human Body Reconstruction from Multi-view Images Combining Voxel Super-Resolution and Learned Implicit Representation'], ['description', 'abstract-name', 'description']),
    ('Compare HeadSculpt, Portrait3D and the 3D-aware face editing paper based on attribute-specific prompt learning.', ['HeadSculpt: Crafting 3D Head Avatars with Text', 'Portrait3D: 3D Head Generation from Single In-the-wild Portrait Image', 'Efficient 3D-Aware Facial Image Editing via Attribute-Specific Prompt Learning'], ['name', 'name', 'description']),
    ('Tell me about TryOn-Adapter and a time-efficient, identity-consistent virtual try-on diffusion model.', ['TryOn-Adapter: Efficient Fine-Grained Clothing Identity Adaptation for High-Fidelity Virtual Try-On', 'Time-Efficient and Identity-Consistent Virtual Try-On Using A Variant of Altered Diffusion Models'], ['name', 'description']),
    ('What are ConsistentID, Infinite-ID, SeFi-IDE and EmojiDiff?', ['ConsistentID: Portrait Generation with Multimodal Fine-Grained Identity Preserving', 'Infinite-ID: Identity-preserved Personalization via ID-semantics Decoupling Paradigm', 'SeFi-IDE: Semantic-Fidelity Identity Embedding for Personalized Diffusion-Based Generation', 'EmojiDiff: Advanced Facial Expression Control with High Identity Preservation in Portrait Generation'], ['name', 'name', 'name', 'name']),
    ('Can you contrast DisenBooth, CustomContrast and a multi-concept portrait customization method with an attention refocusing loss?', ['DisenBooth: Identity-Preserving Disentangled Tuning for Subject-Driven Text-to-Image Generation', 'CustomContrast: A Multilevel Contrastive Perspective For Subject-Driven Text-to-Image Customization', 'MagiCapture: High-Resolution Multi-Concept Portrait Customization'], ['name', 'name', 'description']),
    ('Summarize StoryMaker, StableIdentity, MasterWeaver and DP-Adapter.', ['StoryMaker: Towards Holistic Consistent Characters in Text-to-image Generation', 'StableIdentity: Inserting Anybody into Anywhere at First Sight', 'MasterWeaver: Taming Editability and Identity for Personalized Text-to-Image Generation', 'DP-Adapter: Dual-Pathway Adapter for Boosting Fidelity and Text Consistency in Customizable Human Image Generation'], ['name', 'name', 'name', 'name']),
    ('What do NAISR, Brain-ID and the paper on multidimensional identity for LLM agent personas do?', ['NAISR: A 3D Neural Additive Model for Interpretable Shape Representation', 'Brain-ID: Learning Contrast-agnostic Anatomical Representations for Brain Imaging', 'SPeCtrum: A Grounded Framework for Multidimensional Identity Representation in LLM-Based Agent'], ['name', 'name', 'description']),
]


def listed_paper_rows() -> list[dict]:
    rows = []
    for n, (question, papers, how) in enumerate(LISTED_PAPERS, 1):
        if len(papers) != len(how) or not set(how) <= {"name", "abstract-name", "description"}:
            raise ValueError(f"p{n:02d}: one way of naming per paper")
        kind = "description" if "description" in how else "abstract-name" if "abstract-name" in how else "name"
        rows.append({"id": f"p{n:02d}", "turns": [question], "kind": kind, "papers": papers, "how": how})
    _assign_splits(rows, "kind")
    return rows


def _check_unique(rows: list[dict], what: str) -> None:
    texts = Counter(" / ".join(r["turns"]).lower() for r in rows)
    dup = [t for t, c in texts.items() if c > 1]
    if dup:
        raise ValueError(f"{what}: duplicate items: {dup}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="validate only, write nothing")
    parser.add_argument("--out-dir", type=Path, default=HERE, help="where to write the files (default: eval/)")
    args = parser.parse_args()
    papers = load_papers()
    titles = resolve(papers)
    corpus_titles = {t for t, _ in papers}
    dev = HERE.parents[1] / "shared" / "eval" / "dev_qa.jsonl"
    dev_questions = set()
    if dev.exists():
        dev_questions = {t.lower() for line in dev.read_text().splitlines() if line.strip() for t in json.loads(line)["turns"]}
    sets = (
        ("refusal_set.jsonl", refusal_rows(titles)),
        ("followup_set.jsonl", followup_rows(titles)),
        ("premise_set.jsonl", premise_rows(titles)),
        ("pick_set.jsonl", pick_rows(titles)),
        ("yes_no_set.jsonl", yes_no_rows(titles)),
        ("list_set.jsonl", list_rows(titles)),
        ("compare_set.jsonl", compare_rows(titles)),
        ("stranger_set.jsonl", stranger_rows()),
        ("rank_set.jsonl", rank_rows()),
        ("listing_set.jsonl", listed_paper_rows()),
    )
    for name, rows in sets:
        check_titles(rows, ("gold_titles", "papers", "report"), corpus_titles)
        _check_unique(rows, name)
        copied = [r["id"] for r in rows if any(t.lower() in dev_questions for t in r["turns"])]
        if copied:
            raise ValueError(f"{name}: turns copied from dev_qa.jsonl: {copied}")
        group = "kind" if "kind" in rows[0] else "label"
        counts = Counter((r[group], r["split"]) for r in rows)
        print(name, len(rows), dict(sorted(counts.items())))
        if not args.check:
            with open(args.out_dir / name, "w", encoding="utf-8") as out:
                for row in rows:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
