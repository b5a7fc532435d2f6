"""Hand-written, third-person facts about each corpus paper, the raw material of eval/verify_set.jsonl.

Each entry was written from the paper's abstract in rag/data/corpus/papers.txt:
- `name`: how an answer sentence names the paper (the method name when it has one);
  `swap` is True when that name is a method name that a name swap can transplant.
- `claims`: paraphrases the abstract states (supported when cited to this paper).
- `num`: (supported sentence with the abstract's number, the same sentence with a wrong number).
- `neg`: the abstract's claim negated or reversed.
- `inv`: (sentence adding a plausible detail the abstract does not state, the invented token,
  checked to be absent from the abstract).
- `gen`: an unsupported generalisation of what the abstract states.
"""

from __future__ import annotations

from typing import TypedDict


class Fact(TypedDict, total=False):
    group: str
    name: str
    swap: bool
    claims: list[str]
    num: list[tuple[str, str]]
    neg: str
    inv: tuple[str, str]
    gen: str


def F(group: str, name: str, claims: list[str], *, swap: bool = True, num: list[tuple[str, str]] | None = None,
      neg: str = "", inv: tuple[str, str] | None = None, gen: str = "") -> Fact:
    fact: Fact = {"group": group, "name": name, "swap": swap, "claims": claims, "num": num or [], "neg": neg, "gen": gen}
    if inv:
        fact["inv"] = inv
    return fact


FACTS: dict[str, Fact] = {
    # ---------------- person re-identification ----------------
    "MADE": F("reid", "MADE", [
        "MADE masks clothing and color information in the personal attribute descriptions produced by an attribute detection model before using them for cloth-changing re-identification.",
        "MADE embeds the masked attribute descriptions into Transformer blocks at several levels, fusing them with low-level to high-level image features.",
    ], neg="MADE keeps the clothing and color words in the attribute descriptions so that the model can exploit clothing cues.",
        inv=("MADE is evaluated on PRCC, LTCC and the DeepChange benchmark.", "DeepChange"),
        gen="MADE outperforms every existing re-identification method on all benchmarks by a wide margin."),
    "FAIM": F("reid", "FAIM", [
        "FAIM uses clothes-relevant features to find same-clothes intermediaries and then completes the matching with the intermediaries' clothes-irrelevant features.",
        "FAIM's Intermediary-Based Feasibility Weighting module assesses the quality of intermediaries to reduce the negative effect of low-quality ones.",
    ], neg="FAIM discards clothes-relevant features entirely and relies only on clothes-irrelevant features for retrieval.",
        inv=("FAIM reports state-of-the-art Rank-1 accuracy on the PRCC and LTCC benchmarks.", "PRCC")),
    "Pose2ID": F("reid", "Pose2ID", [
        "Pose2ID reduces individual noise by aggregating features of the same identity, without any re-identification training.",
        "Pose2ID obtains extra same-identity samples by generating pedestrian images in diverse poses guided by identity features and by exploring each sample's neighbourhood.",
    ], num=[("Pose2ID reaches an mAP of 52.81 and a Rank-1 of 78.92 on Market1501 with an ImageNet pre-trained model.",
             "Pose2ID reaches an mAP of 62.81 and a Rank-1 of 88.92 on Market1501 with an ImageNet pre-trained model.")],
        neg="Pose2ID has to be trained on each target re-identification dataset before feature centralization helps."),
    # ---------------- face swapping, editing, anonymization, restoration ----------------
    "WSC-swap": F("face", "WSC-swap", [
        "WSC-swap removes the skip connections between encoder and generator that leak target identity in earlier face swap models.",
        "WSC-swap uses two target encoders, one for pixel-level non-facial region attributes and one for semantic non-identity attributes in the face region.",
    ], neg="WSC-swap relies on long skip connections between the encoder and the generator to preserve background details.",
        inv=("WSC-swap is evaluated on FaceForensics++, CelebA-HQ and VoxCeleb2.", "VoxCeleb"),
        gen="WSC-swap completely eliminates identity leakage in every face swapping scenario."),
    "VividFace": F("face", "VividFace", [
        "VividFace is a diffusion-based video face swapping framework trained on both static image data and temporal video sequences.",
        "VividFace builds the Attribute-Identity Disentanglement Triplet dataset, in which each triplet holds three face images, two sharing the same pose and two sharing the same identity.",
    ], neg="VividFace needs more inference steps than existing video face swapping methods."),
    "PTI": F("face", "Pivotal Tuning Inversion", [
        "Pivotal Tuning Inversion fine-tunes the StyleGAN generator around an initial inverted latent code that serves as a pivot.",
        "Pivotal Tuning Inversion adds a regularization term that keeps nearby identities intact so that the effect of tuning stays local.",
    ], neg="Pivotal Tuning Inversion keeps the generator frozen and only optimizes the latent code."),
    "DiffFAE": F("face", "DiffFAE", [
        "DiffFAE is a one-stage diffusion-based framework that edits the pose, expression and lighting of facial images while preserving identity and background.",
        "DiffFAE's Space-sensitive Physical Customization uses rendering textures derived from a 3D Morphable Model.",
    ], neg="DiffFAE is a multi-stage framework whose inference is slow."),
    "LAE": F("face", "The latent attribute editor (LAE)", [
        "The latent attribute editor (LAE) uses learnable style tokens and a pre-trained vision-language model to find text-guided attribute-specific editing directions in the latent space of a pre-trained 3D-aware GAN.",
        "The latent attribute editor (LAE) is trained with a directional contrastive loss and a style token loss to handle multiple attributes.",
    ], swap=False, neg="The latent attribute editor (LAE) needs a separate attribute-specific classifier and model weights for each attribute."),
    "CAMOUFLaGE": F("face", "CAMOUFLaGE", [
        "CAMOUFLaGE is presented as the first image anonymization approach based on latent diffusion models, keeping every element of the scene while making re-identification difficult.",
        "CAMOUFLaGE-Base combines pre-trained ControlNets with a new controlling mechanism that increases the distance between the real and the anonymized images.",
    ], num=[("CAMOUFLaGE-Light is based on the Adapter technique and cuts the inference time in half at the cost of fine-tuning a lightweight module.",
             "CAMOUFLaGE-Light is based on the Adapter technique and cuts the inference time by 90% at the cost of fine-tuning a lightweight module.")],
        neg="CAMOUFLaGE anonymizes only the face and discards the rest of the scene."),
    "DualPivot": F("face", "Dual-Pivot Tuning", [
        "Dual-Pivot Tuning first tunes the generative model around a fixed text pivot and then tunes the guiding network generically, using the personalized generative model as a fixed pivot.",
        "Dual-Pivot Tuning's personalized prior achieves higher fidelity to the person's identity and also outperforms state-of-the-art generic priors in general image quality.",
    ], neg="Dual-Pivot Tuning trades general image quality for identity fidelity compared with generic priors."),
    # ---------------- personalized text-to-image ----------------
    "W+Adapter": F("pers", "The W+ adapter", [
        "The W+ adapter aligns StyleGAN's extended latent space W+ with text-to-image diffusion models to improve identity preservation in personalized generation.",
        "The W+ adapter keeps the identity-irrelevant background unaffected during facial attribute modifications through new training objectives that balance prompt and identity conditions.",
    ], swap=False, neg="The W+ adapter embeds the target identity into the text embedding space by inversion, as most current methods do.",
        gen="The W+ adapter personalizes any subject category, such as pets and objects, not only human faces."),
    "DisenBooth": F("pers", "DisenBooth", [
        "DisenBooth fine-tunes a pretrained diffusion model with disentangled embeddings that separately preserve the subject identity and capture identity-irrelevant information.",
        "DisenBooth adds weak denoising and contrastive embedding auxiliary tuning objectives to achieve the disentanglement.",
    ], neg="DisenBooth denoises each image with a single entangled embedding, as previous works do."),
    "FaceChain": F("pers", "FaceChain", [
        "FaceChain combines customized image-generation models with face detection, face embedding extraction and facial attribute recognition models to generate personalized portraits.",
        "FaceChain needs only a handful of portrait images as input and is open-sourced under the Apache-2.0 license.",
    ], neg="FaceChain is presented as a finished system that will not be refined further.",
        inv=("FaceChain is evaluated quantitatively on the FFHQ and CelebA-HQ benchmarks.", "FFHQ")),
    "StableIdentity": F("pers", "StableIdentity", [
        "StableIdentity encodes the input face with a face encoder that has an identity prior and lands it in an editable space constructed from celebrity names.",
        "StableIdentity uses a masked two-phase diffusion loss to boost the pixel-level perception of the input face while keeping generation diverse.",
        "StableIdentity can inject an identity learned from a single image into video and 3D generation without fine-tuning.",
    ], neg="StableIdentity needs several images of each subject to learn an identity.",
        gen="StableIdentity is the first method to customize a face identity from a single image."),
    "StoryMaker": F("pers", "StoryMaker", [
        "StoryMaker preserves the clothing, hairstyle and body consistency of characters, not only their facial identity, across a series of images.",
        "StoryMaker constrains the cross-attention regions of different characters and the background with an MSE loss on segmentation masks.",
    ], neg="StoryMaker preserves only facial identity and ignores clothing and hairstyles.",
        inv=("StoryMaker is trained on the LAION-Face dataset.", "LAION")),
    "ID-Aligner": F("pers", "ID-Aligner", [
        "ID-Aligner uses feedback from face detection and recognition models as an identity consistency reward for fine-tuning.",
        "ID-Aligner can be applied to both LoRA-based and Adapter-based identity-preserving generation models.",
    ], neg="ID-Aligner works only with Adapter-based models and cannot be applied to LoRA models.",
        inv=("ID-Aligner is validated on SD1.5, SDXL and Stable Diffusion 2.1.", "2.1")),
    "PhotoVerse": F("pers", "PhotoVerse", [
        "PhotoVerse uses a dual-branch conditioning mechanism in the text and image domains to control personalized image generation.",
        "PhotoVerse needs no test-time tuning and relies on a single facial photo of the target identity.",
    ], neg="PhotoVerse requires several photos of the target identity and tuning at test time.",
        inv=("PhotoVerse reports an FID of 25.3 on the FFHQ benchmark.", "FID")),
    "DP-Adapter": F("pers", "DP-Adapter", [
        "DP-Adapter decouples the target human image into visually sensitive and text-sensitive regions that are handled by separate adapters.",
        "DP-Adapter combines an Identity-Enhancing Adapter, a Textual-Consistency Adapter and a Fine-Grained Feature-Level Blending module.",
    ], neg="DP-Adapter processes the visual and textual conditions of the whole image through a single pathway.",
        inv=("DP-Adapter also supports identity-preserving video generation.", "video")),
    "CustomContrast": F("pers", "CustomContrast", [
        "CustomContrast decouples a subject's intrinsic attributes from irrelevant ones such as view, pose and background through contrastive learning.",
        "CustomContrast combines a Multilevel Contrastive Learning paradigm with a Multimodal Feature Injection encoder.",
    ], neg="CustomContrast adopts a self-reconstructive perspective that captures all details of a single image."),
    "ConsistentID": F("pers", "ConsistentID", [
        "ConsistentID combines a multimodal facial prompt generator with an ID-preservation network optimized through a facial attention localization strategy.",
        "ConsistentID generates identity-preserving portraits from a single reference image while keeping inference fast.",
    ], num=[("ConsistentID introduces the FGID portrait dataset with over 500,000 facial images.",
             "ConsistentID introduces the FGID portrait dataset with over 50,000 facial images.")],
        neg="ConsistentID slows inference considerably because of its additional multimodal ID information.",
        gen="ConsistentID surpasses existing methods on every face dataset it could be tested on."),
    "Infinite-ID": F("pers", "Infinite-ID", [
        "Infinite-ID deactivates the diffusion model's original text cross-attention during identity-enhanced training and adds an image cross-attention module.",
        "Infinite-ID merges the image and text streams with a mixed attention module combined with an AdaIN-mean operation.",
    ], neg="Infinite-ID integrates the reference image into the text embedding space."),
    "EmojiDiff": F("pers", "EmojiDiff", [
        "EmojiDiff takes RGB expression images as templates to control facial expressions in identity-preserving portrait generation.",
        "EmojiDiff synthesizes cross-identity expression pairs with ID-irrelevant Data Iteration for decoupled training.",
    ], neg="EmojiDiff controls expressions with coarse signals such as facial landmarks.",
        inv=("EmojiDiff is trained on expression images from the AffectNet dataset.", "AffectNet")),
    "FreeCure": F("pers", "FreeCure", [
        "FreeCure is a training-free framework that uses the foundation model's own knowledge to improve the prompt consistency of facial personalization models.",
        "FreeCure enhances attributes such as hair and accessories with a noise-blending strategy coupled with an inversion-based process.",
    ], neg="FreeCure requires retraining the personalization model.",
        gen="FreeCure substantially improves the identity fidelity of personalization models."),
    "FACT": F("pers", "FaceChain-FACT", [
        "FaceChain-FACT uses a transformer-based face-export encoder to extract fine-grained identity features.",
        "FaceChain-FACT's Face Adapting Increment Regularization constrains the effect of the face adapters to the facial region.",
    ], neg="FaceChain-FACT needs additional fine-tuning for each identity at inference time."),
    "MagiCapture": F("pers", "MagiCapture", [
        "MagiCapture integrates subject and style concepts to generate high-resolution portraits from a few subject and style references.",
        "MagiCapture uses an Attention Refocusing loss together with auxiliary priors to learn in a weakly supervised setting.",
    ], neg="MagiCapture works only on human faces and cannot be applied to other objects."),
    "MasterWeaver": F("pers", "MasterWeaver", [
        "MasterWeaver extracts identity features with an encoder and steers image generation through additionally introduced cross attention.",
        "MasterWeaver trains with an editing direction loss that aligns its editing directions with those of the original text-to-image model.",
    ], neg="MasterWeaver needs test-time tuning for each new identity.",
        inv=("MasterWeaver builds its face-augmented dataset from FFHQ.", "FFHQ")),
    "SeFi-IDE": F("pers", "SeFi-IDE", [
        "SeFi-IDE proposes a face-wise attention loss that fits the face region instead of the whole target image.",
        "SeFi-IDE optimizes one identity representation as multiple per-stage tokens, each containing two disentangled features.",
    ], neg="SeFi-IDE fits the whole target image rather than the face region."),
    "InstantID": F("pers", "InstantID", [
        "InstantID's IdentityNet integrates facial and landmark images with textual prompts by imposing strong semantic and weak spatial conditions.",
        "InstantID works as a plug-and-play module with pre-trained text-to-image models such as SD1.5 and SDXL and needs only a single facial image.",
    ], neg="InstantID requires lengthy fine-tuning and multiple reference images for each identity.",
        inv=("InstantID is trained on the LAION-Face dataset.", "LAION")),
    "ImagineYourself": F("pers", "Imagine yourself", [
        "Imagine yourself is a tuning-free personalization model that uses a new synthetic paired data generation mechanism to encourage image diversity.",
        "Imagine yourself uses a fully parallel attention architecture with three text encoders and a fully trainable vision encoder.",
    ], neg="Imagine yourself requires individual tuning for each user.",
        inv=("Imagine yourself is built on SDXL.", "SDXL")),
    "Arc2Face": F("pers", "Arc2Face", [
        "Arc2Face generates photo-realistic face images conditioned solely on the ArcFace identity embedding of a person.",
        "Arc2Face was trained on an upsampled portion of WebFace42M because high-resolution datasets such as FFHQ lack enough identities.",
    ], neg="Arc2Face combines the identity embedding with text prompts to reach its face similarity.",
        inv=("Arc2Face is built on a pretrained SDXL model.", "SDXL"),
        gen="Arc2Face shows that face recognition models trained on its synthetic images outperform models trained on real face data."),
    # ---------------- video, animation, talking heads ----------------
    "VividPose": F("video", "VividPose", [
        "VividPose is an end-to-end human image animation pipeline built on Stable Video Diffusion.",
        "VividPose's geometry-aware pose controller uses dense rendering maps from SMPL-X together with sparse skeleton maps.",
    ], neg="VividPose adopts a multi-stage pipeline that learns appearance and motion separately.",
        inv=("VividPose is evaluated on the UBCFashion, TikTok and Everybody Dance Now benchmarks.", "Everybody")),
    "EchoVideo": F("video", "EchoVideo", [
        "EchoVideo's Identity Image-Text Fusion module integrates high-level semantic features from text to obtain clean facial identity representations.",
        "EchoVideo uses a two-stage training strategy that randomly uses shallow facial information in the second phase.",
    ], neg="EchoVideo relies mainly on low-level facial image information to preserve identity."),
    "VLOGGER": F("video", "VLOGGER", [
        "VLOGGER generates audio-driven human video from a single input image with a human-to-3D-motion diffusion model and a diffusion architecture with spatial and temporal controls.",
        "VLOGGER requires no training for each person and does not rely on face detection and cropping.",
    ], num=[("VLOGGER's MENTOR dataset contains 800,000 identities.", "VLOGGER's MENTOR dataset contains 80,000 identities.")],
        neg="VLOGGER generates only the face and lips rather than the complete image.",
        inv=("VLOGGER generates videos at 30 frames per second.", "frames per second")),
    "MyTalk": F("video", "MyTalk", [
        "MyTalk disentangles motion and appearance, generating lip motion with a speech-to-motion diffusion model and appearance with a motion-conditioned generation model.",
        "MyTalk represents motion with landmarks and uses a landmark-based identity loss to preserve personal identity.",
    ], neg="MyTalk handles lip motion and visual appearance within a single generative model.",
        inv=("MyTalk is trained on the VoxCeleb2 and LRS3 datasets.", "LRS3")),
    "PersonalVideo": F("video", "PersonalVideo", [
        "PersonalVideo applies direct supervision on videos synthesized by the text-to-video model to bridge the tuning-inference gap.",
        "PersonalVideo introduces a learnable Isolated Identity Adapter and uses simulated prompt augmentation to reduce overfitting.",
    ], neg="PersonalVideo needs extra tuning before it can be combined with ControlNet or style LoRA."),
    "ID-Animator": F("video", "ID-Animator", [
        "ID-Animator adds a face adapter to diffusion-based video generation backbones that encodes identity-relevant embeddings from learnable facial latent queries.",
        "ID-Animator uses an ID-oriented dataset construction pipeline and a random face reference training method.",
    ], neg="ID-Animator requires fine-tuning for each new identity.",
        inv=("ID-Animator is trained on the CelebV-HQ dataset.", "CelebV")),
    "MagicDance": F("video", "MagicDance", [
        "MagicDance transfers 2D human motion and facial expressions to generate dance videos of a target identity driven by novel pose sequences.",
        "MagicDance uses a two-stage training strategy that pretrains an appearance-control block and then fine-tunes an appearance-pose-joint-control block.",
    ], neg="MagicDance needs fine-tuning on each unseen identity.",
        inv=("MagicDance is evaluated on the TikTok and UBCFashion datasets.", "UBCFashion")),
    "DrawingSpinUp": F("video", "DrawingSpinUp", [
        "DrawingSpinUp removes view-dependent contour lines before reconstruction and renders them back after retargeting the character.",
        "DrawingSpinUp uses a skeleton-based thinning deformation algorithm to refine slim structures drawn with single-line contours.",
    ], neg="DrawingSpinUp animates character drawings with flat 2D motions only."),
    # ---------------- virtual try-on ----------------
    "TryOnTimeEfficient": F("tryon", "The time-efficient, identity-consistent try-on model", [
        "The time-efficient, identity-consistent try-on model combines a warping module that aligns the garment with the person and a try-on module that refines the attire and generates missing parts.",
        "The time-efficient, identity-consistent try-on model uses a mask-aware post-processing technique to keep the individual's identity intact.",
    ], swap=False, num=[("The time-efficient, identity-consistent try-on model is nearly 20 times faster at inference than the state of the art.",
                         "The time-efficient, identity-consistent try-on model is nearly 50 times faster at inference than the state of the art.")],
        inv=("The time-efficient, identity-consistent try-on model is evaluated on VITON-HD, Dresscode and DeepFashion.", "DeepFashion"),
        gen="The time-efficient, identity-consistent try-on model outperforms the state of the art on all quantitative metrics."),
    "SD-VITON": F("tryon", "SD-VITON", [
        "SD-VITON attributes squeezed sleeve textures to a gradient conflict between the total variation loss and the adversarial loss.",
        "SD-VITON splits the appearance flow prediction layers into TV objective-dominant layers and a task-coexistence layer.",
    ], neg="SD-VITON finds that the total variation and adversarial losses push the warped clothing mask in the same direction.",
        inv=("SD-VITON is evaluated on the VITON-HD and DressCode datasets.", "DressCode")),
    "TryOn-Adapter": F("tryon", "TryOn-Adapter", [
        "TryOn-Adapter decouples clothing identity into style, texture and structure factors handled by three lightweight modules.",
        "TryOn-Adapter freezes its pre-trained exemplar-based diffusion model except for the attention layers and adds a training-free T-RePaint strategy at inference.",
        "TryOn-Adapter uses about half the tunable parameters of recent full-tuning diffusion-based methods.",
    ], neg="TryOn-Adapter fine-tunes all parameters of its diffusion backbone.",
        inv=("TryOn-Adapter reaches state-of-the-art performance on VITON-HD and DressCode.", "VITON-HD")),
    "HR-VITON": F("tryon", "HR-VITON", [
        "HR-VITON unifies the warping and segmentation generation stages in a single try-on condition generator with a feature fusion block.",
        "HR-VITON uses discriminator rejection to filter out incorrect segmentation map predictions.",
    ], neg="HR-VITON runs the warping and segmentation generation stages separately, without exchanging information."),
    # ---------------- body pose and shape ----------------
    "DSR": F("hps", "DSR", [
        "DSR trains a body regressor with a differentiable semantic rendering loss that treats clothed and minimally-clothed image regions differently.",
        "DSR learns a semantic clothing prior for SMPL vertices from thousands of clothed human scans.",
    ], neg="DSR ignores clothing semantics and supervises the body regressor only with 2D keypoints.",
        inv=("DSR outperforms previous methods on 3DPW, Human3.6M and AGORA.", "AGORA"),
        gen="DSR outperforms all previous methods on every benchmark it is evaluated on."),
    "DaNet": F("hps", "DaNet", [
        "DaNet uses dense correspondence maps between 2D pixels and 3D vertices as intermediate representations for learning 3D human shape and pose.",
        "DaNet's Part-based Dropout drops dense information from the intermediate representations during training so the network attends to complementary body parts.",
    ], neg="DaNet predicts shape and pose with a single global stream and no local streams.",
        inv=("DaNet is validated on Human3.6M, UP3D, COCO, 3DPW and MPI-INF-3DHP.", "MPI-INF")),
    "AiOS": F("hps", "AiOS", [
        "AiOS recovers whole-body meshes of multiple people in one stage, without an additional human detection step.",
        "AiOS is built on DETR and uses a human token to locate each person and a joint-related token to probe human joints.",
    ], num=[("AiOS reports a 30% reduction in PVE on EHF over previous state-of-the-art methods.",
             "AiOS reports a 13% reduction in PVE on EHF over previous state-of-the-art methods."),
            ("AiOS reports a 9% reduction in NMVE on AGORA.", "AiOS reports a 19% reduction in NMVE on AGORA.")],
        neg="AiOS first detects each person with an off-the-shelf detector and then estimates the body parts separately."),
    "BEDLAM": F("hps", "BEDLAM", [
        "BEDLAM is a synthetic dataset of monocular RGB videos with ground-truth 3D bodies in SMPL-X format.",
        "BEDLAM simulates clothing on the moving bodies with commercial clothing physics simulation.",
        "With BEDLAM as training data, a basic method like HMR approaches the accuracy of CLIFF.",
    ], neg="BEDLAM shows that networks trained only on synthetic data still fall well short of state-of-the-art accuracy on real images.",
        inv=("BEDLAM contains more than 10,000 rendered video sequences.", "10,000"),
        gen="BEDLAM shows that synthetic data makes real training images unnecessary for every human-centric vision task."),
    "BEV": F("hps", "BEV", [
        "BEV adds an imaginary bird's-eye-view representation to reason explicitly about the depth of multiple people in a single image.",
        "BEV infers body shapes from infants to adults because a person's height, and therefore depth, depends on age.",
        "BEV is trained with the new Relative Human dataset, which includes age labels and relative depth relationships between people.",
    ], neg="BEV is a multi-stage method that is not end-to-end differentiable."),
    "OSX": F("hps", "OSX", [
        "OSX recovers whole-body meshes in one stage with a Component Aware Transformer made of a global body encoder and a local face and hand decoder.",
        "OSX introduces UBody, a large-scale upper-body dataset with 2D and 3D whole-body annotations of partially visible people.",
    ], neg="OSX runs separate networks for the face and hands and fuses their results at the end.",
        inv=("OSX reports state-of-the-art results on the EHF benchmark.", "EHF")),
    "DOPE": F("hps", "DOPE", [
        "DOPE distills body, hand and face experts into a single network for whole-body 2D-3D pose detection in the wild.",
        "DOPE is computationally less demanding than the ensemble of part experts and can run in real time.",
    ], neg="DOPE is trained on in-the-wild images that carry full whole-body 3D pose labels.",
        inv=("DOPE runs at 100 frames per second on a laptop GPU.", "frames per second"),
        gen="DOPE outperforms each of the individual part experts it distills."),
    "MANO": F("hps", "MANO", [
        "MANO provides a compact mapping from hand poses to pose blend shape corrections and a linear manifold of pose synergies.",
        "Attaching MANO to the SMPL body model yields SMPL+H, a fully articulated body and hand model.",
    ], num=[("MANO is learned from around 1000 high-resolution 3D scans of the hands of 31 subjects.",
             "MANO is learned from around 1000 high-resolution 3D scans of the hands of 131 subjects.")],
        neg="MANO is learned from low-resolution synthetic hand renderings."),
    "HMRSurvey": F("hps", "The survey on monocular 3D human mesh recovery", [
        "The survey on monocular 3D human mesh recovery divides methods into an optimization-based and a regression-based paradigm.",
        "The survey on monocular 3D human mesh recovery summarizes datasets, evaluation metrics and benchmark results.",
    ], swap=False, neg="The survey on monocular 3D human mesh recovery concludes that the task is essentially solved.",
        inv=("The survey on monocular 3D human mesh recovery reviews more than 300 papers.", "300")),
    # ---------------- clothed humans and avatars ----------------
    "NCHO": F("clothed", "NCHO", [
        "NCHO learns a compositional generative model of humans and objects such as backpacks, coats and scarves from real-world 3D scans.",
        "NCHO decomposes objects from humans without manual annotation by using two sets of scans of a single person, with and without objects.",
    ], neg="NCHO relies on manually annotated segmentations to separate objects from the human scans.",
        inv=("NCHO is trained on the THuman2.0 scan dataset.", "THuman")),
    "GALA": F("clothed", "GALA", [
        "GALA decomposes a single-layer clothed 3D human mesh into complete multi-layered 3D assets that can be recombined into new avatars.",
        "GALA synthesizes the occluded geometry of each layer with a pose-guided Score Distillation Sampling loss that uses a pretrained 2D diffusion model as prior.",
    ], neg="GALA leaves the occluded regions of each layer empty instead of synthesizing them.",
        inv=("GALA is evaluated on scans from the THuman2.0 and RenderPeople datasets.", "THuman")),
    "TeCH": F("clothed", "TeCH", [
        "TeCH reconstructs the 3D human by leveraging descriptive text prompts and a personalized fine-tuned Text-to-Image diffusion model.",
        "TeCH represents the clothed human with a hybrid DMTet-based representation made of an explicit body shape grid and an implicit distance field.",
        "TeCH generates its descriptive text prompts automatically with a garment parsing model and visual question answering.",
    ], neg="TeCH produces overly smooth back-side surfaces with blurry texture.",
        inv=("TeCH is evaluated on the CAPE and THuman2.0 datasets.", "CAPE")),
    "ECON": F("clothed", "ECON", [
        "ECON infers detailed front and back normal maps of a clothed person and recovers 2.5D front and back surfaces, called d-BiNI, from them.",
        "ECON registers the front and back surfaces with the help of an SMPL-X body mesh and then inpaints the missing geometry between them.",
    ], neg="ECON fails on loose clothing because it constrains the whole surface tightly to the parametric body.",
        inv=("ECON is evaluated on the CAPE, Renderpeople and THuman2.0 datasets.", "THuman"),
        gen="ECON is more accurate than every other single-image clothed human reconstruction method, including TeCH and PSHuman."),
    "PSHuman": F("clothed", "PSHuman", [
        "PSHuman uses a cross-scale diffusion model that jointly models the global full-body shape and local facial characteristics.",
        "PSHuman conditions its multiview generative model on SMPL-X and recovers textured meshes with SMPLX-initialized explicit human carving.",
    ], neg="PSHuman avoids parametric body models entirely.",
        inv=("PSHuman is evaluated on CAPE, THuman2.1 and 2K2K.", "2K2K")),
    "ELICIT": F("clothed", "ELICIT", [
        "ELICIT learns a human-specific neural radiance field for an animatable avatar from a single image.",
        "ELICIT combines a 3D body shape prior from SMPL with a visual clothing semantic prior from CLIP-based models.",
    ], neg="ELICIT requires dense multi-view video input to build an avatar.",
        inv=("ELICIT is evaluated on ZJU-MoCap, Human3.6M, DeepFashion and THuman2.0.", "THuman")),
    "GeneMAN": F("clothed", "GeneMAN", [
        "GeneMAN reconstructs 3D humans from a single image without relying on parametric human models such as SMPL.",
        "GeneMAN trains a human-specific text-to-image diffusion model and a view-conditioned diffusion model as its 2D and 3D human priors.",
    ], neg="GeneMAN relies on the SMPL body model to initialize its geometry.",
        inv=("GeneMAN is evaluated on the CAPE and THuman2.0 datasets.", "CAPE")),
    "MultiPly": F("clothed", "MultiPly", [
        "MultiPly represents the whole scene with a layered neural representation composed of individual human models and a background model.",
        "MultiPly combines self-supervised 3D segmentation with promptable 2D segmentation to obtain reliable instance masks even under close interaction.",
    ], neg="MultiPly needs a multi-view camera setup to reconstruct several people.",
        inv=("MultiPly is evaluated on the Hi4D dataset.", "Hi4D")),
    "VoxelSR": F("clothed", "The multi-view voxel super-resolution method", [
        "The multi-view voxel super-resolution method first estimates coarse 3D body models with an implicit representation learned from multi-scale features of multi-view images.",
        "The multi-view voxel super-resolution method refines low-resolution voxel grids with a multi-stage 3D convolutional network to recover detailed bodies.",
    ], swap=False, neg="The multi-view voxel super-resolution method reconstructs the body from a single image."),
    "ICON": F("clothed", "ICON", [
        "ICON uses local features instead of global feature encoders and infers clothed-human normals conditioned on SMPL(-X) normals.",
        "At inference time ICON alternates between refining the SMPL(-X) mesh with the inferred clothed normals and refining the normals.",
        "ICON uses SCANimate to turn multiple reconstructed frames of a subject into an animatable avatar.",
    ], neg="ICON relies on a global feature encoder, which makes it sensitive to global pose.",
        inv=("ICON is evaluated on the AGORA, CAPE and THuman2.0 datasets.", "THuman")),
    "FreeForm": F("clothed", "The free-form generation method for clothed humans", [
        "The free-form generation method for clothed humans segments the body into unclothed, deformed and generated regions that are handled with different strategies.",
        "The free-form generation method for clothed humans models loose clothing regions with a free-form, part-aware generator instead of linear blend skinning.",
    ], swap=False, neg="The free-form generation method for clothed humans models long dresses with linear blend skinning, like earlier methods."),
    "DELTA": F("clothed", "DELTA", [
        "DELTA takes a monocular RGB video as input and produces a human avatar with separate body and clothing or hair layers.",
        "DELTA represents the body or face with an explicit mesh-based parametric model and the clothing or hair with an implicit neural radiance field.",
    ], neg="DELTA needs 3D supervision from scans to learn its avatars.",
        inv=("DELTA is evaluated on the PeopleSnapshot dataset.", "PeopleSnapshot")),
    # ---------------- heads ----------------
    "Portrait3D": F("heads", "Portrait3D", [
        "Portrait3D generates a 3D head from a single in-the-wild portrait image while preserving the person's identity.",
        "Portrait3D uses ID-aware Score Distillation for geometry sculpting and 3D-GAN inversion for geometry initialization.",
    ], neg="Portrait3D generates 3D heads from text descriptions alone, without a reference image.",
        inv=("Portrait3D is evaluated on the FFHQ dataset.", "FFHQ")),
    "TECA": F("heads", "TECA", [
        "TECA generates 3D facial avatars from text, representing the head, face and upper body with meshes and the hair, clothing and accessories with NeRFs.",
        "TECA enables transferring hairstyles, scarves and other accessories between avatars.",
    ], neg="TECA uses a single monolithic representation for the head, face, hair and accessories."),
    "HeadSculpt": F("heads", "HeadSculpt", [
        "HeadSculpt equips the diffusion model with 3D awareness through landmark-based control and a learned textual embedding for the back view of heads.",
        "HeadSculpt optimizes a textured mesh with an identity-aware editing score distillation strategy.",
    ], neg="HeadSculpt does not support editing of the generated head avatars."),
    # ---------------- face recognition data and fairness ----------------
    "BiasBenchmark": F("fr", "The experimental face recognition bias benchmark", [
        "The experimental face recognition bias benchmark generates synthetic faces in which each attribute of interest is modified independently while all other attributes stay constant.",
        "In the experimental face recognition bias benchmark, human observers provide the ground truth on perceived identity similarity between synthetic image pairs.",
    ], swap=False, num=[("The experimental face recognition bias benchmark releases 48,000 synthetic face image pairs and 555,000 human annotations.",
                         "The experimental face recognition bias benchmark releases 84,000 synthetic face image pairs and 555,000 human annotations.")],
        neg="The experimental face recognition bias benchmark finds that accuracy is higher for Black and East Asian subgroups.",
        gen="The experimental face recognition bias benchmark shows that all face recognition systems are less accurate for Black and East Asian faces."),
    "IDiff-Face": F("fr", "IDiff-Face", [
        "IDiff-Face uses conditional latent diffusion models to generate synthetic identities with realistic identity variations for face recognition training.",
    ], num=[("A face recognition model trained on IDiff-Face data reaches 98.00% accuracy on LFW.",
             "A face recognition model trained on IDiff-Face data reaches 96.50% accuracy on LFW.")],
        neg="IDiff-Face finds that synthetic training data still falls far behind recent synthetic-based face recognition solutions.",
        gen="IDiff-Face shows that synthetic training data now surpasses authentic data for face recognition."),
    "SIG": F("fr", "SIG", [
        "SIG generates synthetic identities with controllable pose, facial features and demographic attributes to build ethical face recognition evaluation datasets.",
        "SIG's ControlFace10k is analysed together with the non-synthetic BUPT dataset using state-of-the-art face recognition algorithms.",
    ], num=[("SIG releases ControlFace10k, with 10,008 face images of 3,336 unique synthetic identities.",
             "SIG releases ControlFace10k, with 10,008 face images of 5,336 unique synthetic identities.")],
        neg="SIG's ControlFace10k dataset is intended for training face recognition models rather than evaluating them."),
    "StyleGAN-FR": F("fr", "The StyleGAN-based face recognition study", [
        "The StyleGAN-based face recognition study fine-tunes a pSp encoder for StyleGAN to improve state-of-the-art face recognition.",
        "The StyleGAN-based face recognition study finds that pretraining on an ethnicity-specific unlabeled dataset improves recognition of that ethnicity.",
    ], swap=False, neg="The StyleGAN-based face recognition study finds that combining all unlabeled datasets gives the smallest performance increase.",
        inv=("The StyleGAN-based face recognition study evaluates on RFW and IJB-C.", "IJB")),
    "Vec2Face": F("fr", "Vec2Face", [
        "Vec2Face generates face images from a sampled vector with a feature masked autoencoder and a decoder.",
        "A face recognition model trained on Vec2Face's synthetic data achieves higher accuracy than one trained on a same-scale real dataset on the CALFW test set.",
    ], num=[("Vec2Face synthesized as many as 300K identities with 15 million images in total.",
             "Vec2Face synthesized as many as 600K identities with 15 million images in total.")],
        gen="Face recognition models trained on Vec2Face data beat same-scale real-data models on all five test sets."),
    "CasualConversations": F("fr", "The Casual Conversations dataset", [
        "In the Casual Conversations dataset, subjects self-report their age and gender, while trained annotators label apparent skin tone with the Fitzpatrick scale.",
        "The Casual Conversations dataset is used to show that top DeepFake Detection Challenge models perform worse on subjects with darker skin tones.",
    ], swap=False, num=[("The Casual Conversations dataset contains 3,011 subjects and over 45,000 videos.",
                         "The Casual Conversations dataset contains 3,011 subjects and over 54,000 videos.")],
        neg="The Casual Conversations dataset shows that the DFDC winning models perform equally well across skin tones.",
        inv=("The Casual Conversations dataset includes speech transcripts for every video.", "transcript"),
        gen="The Casual Conversations dataset shows that all deepfake detectors are unfair to people with darker skin."),
    # ---------------- societal aspects of text-to-image ----------------
    "SocialBiasesT2I": F("society", "The text-to-image social bias study", [
        "The text-to-image social bias study examines how occupations, personality traits and everyday situations are depicted across perceived gender, age, race and geographical location.",
        "The text-to-image social bias study finds that more specific prompts can mitigate occupational biases but do not address discrepancies in image quality.",
        "The text-to-image social bias study finds that location-neutral prompts for everyday situations yield images closest to those for the United States and Germany.",
    ], swap=False, neg="The text-to-image social bias study finds that adding specification to prompts makes occupational biases worse.",
        inv=("The text-to-image social bias study analyses DALLE-v2, Stable Diffusion and Midjourney.", "Midjourney"),
        gen="The text-to-image social bias study shows that prompt specification removes all biases of text-to-image models."),
    "StableBias": F("society", "Stable Bias", [
        "Stable Bias compares collections of generated images across gender and ethnicity, using professions and gender-coded adjectives as target attributes.",
        "Stable Bias finds that DALL-E 2 shows the least diversity among the studied systems, followed by Stable Diffusion v2 and then v1.4.",
    ], swap=False, num=[("Stable Bias analyzes over 96,000 images generated by three text-to-image systems.",
                         "Stable Bias analyzes over 69,000 images generated by three text-to-image systems.")],
        neg="Stable Bias finds that Stable Diffusion v1.4 shows the least diversity among the studied systems.",
        gen="Stable Bias shows that every commercial text-to-image system over-represents whiteness and masculinity."),
    "Geom-Erasing": F("society", "Geom-Erasing", [
        "Geom-Erasing adds the existence and geometric information of an implicit concept to the text prompts with the help of a classifier or detector and uses it as a negative prompt during generation.",
        "Geom-Erasing introduces the Implicit Concept Dataset, with QR codes, watermarks and text as implicit concepts.",
    ], neg="Geom-Erasing depends on the diffusion model's own ability to recognize the unwanted concept.",
        inv=("Geom-Erasing is evaluated on I2P, ICD and the NSFW-56K benchmark.", "NSFW")),
    "WOUAF": F("society", "WOUAF", [
        "WOUAF modifies a generative model according to each user's digital fingerprint so that generated images can be traced back to that user.",
        "WOUAF evaluates robustness against image post-processing and secrecy against a malicious user trying to detect the fingerprint.",
    ], neg="WOUAF substantially degrades output quality in exchange for attribution accuracy.",
        gen="WOUAF works for any generative model, including text and audio generators."),
    # ---------------- other ----------------
    "SPeCtrum": F("other", "SPeCtrum", [
        "SPeCtrum builds LLM agent personas from three components: Social Identity, Personal Identity and Personal Life Context.",
        "In SPeCtrum's automated evaluation with drama characters, Personal Life Context alone modeled identities more effectively than Social Identity or Personal Identity alone.",
    ], neg="In SPeCtrum's human evaluations with real people, Personal Life Context alone gave a more comprehensive representation than the full combination.",
        gen="SPeCtrum shows that LLM agents can perfectly replicate any real individual."),
    "Brain-ID": F("other", "Brain-ID", [
        "Brain-ID learns anatomical brain representations that are robust to differences in MR contrast, resolution and artifacts.",
        "Brain-ID is trained entirely on synthetic data and adapts to downstream tasks through only one layer.",
    ], num=[("Brain-ID is evaluated on four downstream applications using six public datasets.",
             "Brain-ID is evaluated on five downstream applications using eight public datasets.")],
        neg="Brain-ID requires real annotated MRI scans for training.",
        gen="Brain-ID works for any medical imaging modality, including X-ray and ultrasound."),
    "NAISR": F("other", "NAISR", [
        "NAISR describes individual shapes by deforming a shape atlas according to the effects of disentangled covariates.",
        "NAISR is evaluated on the Starman simulated 2D shape dataset, the ADNI hippocampus dataset and a pediatric airway dataset.",
    ], neg="NAISR cannot make patient-specific predictions."),
}

# Sentences that correctly cite two papers: (short names in citation order, sentence without markers).
TWO_SUPPORTED: list[tuple[tuple[str, str], str]] = [
    (("ECON", "ICON"), "Both ECON and ICON rely on an SMPL-X body model estimated from the image"),
    (("ECON", "PSHuman"), "ECON and PSHuman both report evaluations on the CAPE dataset"),
    (("ICON", "ECON"), "ICON and ECON are both evaluated on the CAPE dataset"),
    (("MADE", "FAIM"), "MADE and FAIM both address person re-identification when people change clothes"),
    (("AiOS", "BEV"), "AiOS and BEV both report experiments on AGORA"),
    (("DSR", "DaNet"), "DSR and DaNet both report results on 3DPW and Human3.6M"),
    (("VividPose", "MagicDance"), "VividPose and MagicDance both report results on the TikTok dataset"),
    (("SocialBiasesT2I", "StableBias"), "The text-to-image social bias study and Stable Bias both analyse images generated by DALL-E 2 and Stable Diffusion"),
    (("InstantID", "ID-Aligner"), "InstantID and ID-Aligner are both used with SD1.5 and SDXL"),
    (("GALA", "TeCH"), "GALA and TeCH both optimise 3D humans with Score Distillation Sampling"),
    (("DELTA", "TECA"), "DELTA and TECA both combine meshes for the body or face with neural radiance fields for hair and clothing"),
    (("IDiff-Face", "Vec2Face"), "IDiff-Face and Vec2Face both synthesize face identities to train face recognition models"),
    (("PersonalVideo", "StableIdentity"), "PersonalVideo and StableIdentity can both be combined with ControlNet"),
    (("VividPose", "PSHuman"), "VividPose and PSHuman both condition their diffusion models on SMPL-X"),
]

# Two citations where only the first paper states the claim: (short names, sentence without markers).
TWO_PARTIAL: list[tuple[tuple[str, str], str]] = [
    (("ECON", "TeCH"), "ECON and TeCH are both evaluated on the CAPE dataset"),
    (("MADE", "Pose2ID"), "MADE and Pose2ID both address re-identification of people who change clothes"),
    (("AiOS", "OSX"), "AiOS and OSX both report results on AGORA"),
    (("VividPose", "VLOGGER"), "VividPose and VLOGGER are both evaluated on the TikTok benchmark"),
    (("InstantID", "PhotoVerse"), "InstantID and PhotoVerse are both demonstrated with SD1.5 and SDXL"),
    (("GALA", "NCHO"), "GALA and NCHO both use Score Distillation Sampling to complete occluded geometry"),
    (("IDiff-Face", "Arc2Face"), "IDiff-Face and Arc2Face both report 98.00% accuracy on LFW"),
    (("ICON", "GeneMAN"), "ICON and GeneMAN both build on the SMPL-X body model"),
    (("DELTA", "ELICIT"), "DELTA and ELICIT both learn avatars from monocular video"),
    (("BEDLAM", "BEV"), "BEDLAM and BEV both provide ground-truth bodies in SMPL-X format"),
    (("Geom-Erasing", "WOUAF"), "Geom-Erasing and WOUAF both remove watermarks from generated images"),
    (("DOPE", "OSX"), "DOPE and OSX both run in real time"),
]

# name swap partners fixed by hand where the group order would be uninformative; TeCH->ECON is issue 11's failure.
SWAP_PARTNER = {"TeCH": "ECON", "ECON": "ICON", "ICON": "ECON", "InstantID": "PhotoVerse", "PhotoVerse": "InstantID"}
