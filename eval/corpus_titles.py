"""Short names for the 79 papers of rag/data/corpus/papers.txt, shared by the eval-set builders.

Keys are the names a researcher would use (mostly the method name); each maps to the
start of exactly one corpus title, so a typo or a renamed paper fails loudly in
`resolve` instead of silently producing a gold title that retrieval can never match.
Stdlib only, so the builders run without the project's venv.
"""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
CORPUS = REPO_ROOT / "rag" / "data" / "corpus" / "papers.txt"
FURNITURE_LINES = 9  # page header lines before the first title

SHORT = {
    "MADE": "Masked Attribute Description Embedding",
    "WSC-swap": "Reinforced Disentanglement for Face Swapping",
    "W+Adapter": "When StyleGAN Meets Stable Diffusion",
    "VividPose": "VividPose:",
    "TryOnTimeEfficient": "Time-Efficient and Identity-Consistent Virtual Try-On",
    "DSR": "Learning to Regress Bodies from Images using Differentiable Semantic Rendering",
    "DisenBooth": "DisenBooth:",
    "NCHO": "NCHO:",
    "FAIM": "Clothes-Changing Person Re-Identification with Feasibility-Aware",
    "GALA": "GALA:",
    "TeCH": "TeCH:",
    "FaceChain": "FaceChain: A Playground",
    "EchoVideo": "EchoVideo:",
    "ECON": "ECON:",
    "StableIdentity": "StableIdentity:",
    "BiasBenchmark": "Benchmarking Algorithmic Bias in Face Recognition",
    "StoryMaker": "StoryMaker:",
    "Portrait3D": "Portrait3D:",
    "DaNet": "Learning 3D Human Shape and Pose from Dense Body Parts",
    "ID-Aligner": "ID-Aligner:",
    "SPeCtrum": "SPeCtrum:",
    "Pose2ID": "From Poses to Identity",
    "Arc2Face": "Arc2Face:",
    "PhotoVerse": "PhotoVerse:",
    "DP-Adapter": "DP-Adapter:",
    "CustomContrast": "CustomContrast:",
    "IDiff-Face": "IDiff-Face:",
    "SIG": "SIG:",
    "DELTA": "Learning Disentangled Avatars with Hybrid 3D Representations",
    "PSHuman": "PSHuman:",
    "AiOS": "AiOS:",
    "StyleGAN-FR": "How to Boost Face Recognition with StyleGAN?",
    "ConsistentID": "ConsistentID:",
    "Infinite-ID": "Infinite-ID:",
    "EmojiDiff": "EmojiDiff:",
    "FreeCure": "Foundation Cures Personalization",
    "FACT": "FaceChain-FACT:",
    "VLOGGER": "VLOGGER:",
    "MagiCapture": "MagiCapture:",
    "BEDLAM": "BEDLAM:",
    "MyTalk": "Make Your Actor Talk",
    "PTI": "Pivotal Tuning for Latent-based Editing of Real Images",
    "CAMOUFLaGE": "Latent Diffusion Models for Attribute-Preserving Image Anonymization",
    "SD-VITON": "Towards Squeezing-Averse Virtual Try-On",
    "BEV": "Putting People in their Place",
    "ELICIT": "One-shot Implicit Animatable Avatars with Model-based Priors",
    "PersonalVideo": "PersonalVideo:",
    "MasterWeaver": "MasterWeaver:",
    "DiffFAE": "DiffFAE:",
    "SeFi-IDE": "SeFi-IDE:",
    "OSX": "One-Stage 3D Whole-Body Mesh Recovery",
    "Brain-ID": "Brain-ID:",
    "InstantID": "InstantID:",
    "SocialBiasesT2I": "Social Biases through the Text-to-Image Generation Lens",
    "StableBias": "Stable Bias:",
    "TECA": "Text-Guided Generation and Editing of Compositional 3D Avatars",
    "TryOn-Adapter": "TryOn-Adapter:",
    "DOPE": "DOPE:",
    "DualPivot": "Personalized Restoration via Dual-Pivot Tuning",
    "Vec2Face": "Vec2Face:",
    "CasualConversations": "Towards Measuring Fairness in AI: the Casual Conversations Dataset",
    "MANO": "Embodied Hands:",
    "GeneMAN": "GeneMAN:",
    "DrawingSpinUp": "DrawingSpinUp:",
    "ID-Animator": "ID-Animator:",
    "HMRSurvey": "Recovering 3D Human Mesh from Monocular Images: A Survey",
    "MagicDance": "MagicDance:",
    "HeadSculpt": "HeadSculpt:",
    "MultiPly": "MultiPly:",
    "VoxelSR": "Detailed 3D Human Body Reconstruction from Multi-view Images",
    "ICON": "ICON:",
    "VividFace": "VividFace:",
    "LAE": "Efficient 3D-Aware Facial Image Editing via Attribute-Specific Prompt Learning",
    "HR-VITON": "High-Resolution Virtual Try-On with Misalignment",
    "Geom-Erasing": "Implicit Concept Removal of Diffusion Models",
    "FreeForm": "Free-form Generation Enhances Challenging Clothed Human Modeling",
    "NAISR": "NAISR:",
    "ImagineYourself": "Imagine yourself:",
    "WOUAF": "WOUAF:",
}


def load_papers(path: Path = CORPUS) -> list[tuple[str, str]]:
    """(title, abstract) pairs: after the page furniture, each paper is title, blank, abstract, blank."""
    lines = path.read_text(encoding="utf-8").split("\n")[FURNITURE_LINES:]
    papers: list[tuple[str, str]] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        if i + 2 >= len(lines) or lines[i + 1].strip():
            raise ValueError(f"{path}: line {i + FURNITURE_LINES + 1}: expected title, blank line, abstract")
        papers.append((lines[i].strip(), lines[i + 2].strip()))
        i += 3
    return papers


def resolve(papers: list[tuple[str, str]]) -> dict[str, str]:
    """Short name -> exact corpus title; every short name must match exactly one title, every title one name."""
    titles = [t for t, _ in papers]
    out: dict[str, str] = {}
    for key, prefix in SHORT.items():
        hits = [t for t in titles if t.startswith(prefix)]
        if len(hits) != 1:
            raise ValueError(f"short name {key!r}: prefix {prefix!r} matches {len(hits)} titles")
        out[key] = hits[0]
    missing = set(titles) - set(out.values())
    if missing:
        raise ValueError(f"titles without a short name: {sorted(missing)}")
    return out


def check_titles(rows: list[dict], fields: tuple[str, ...], titles: set[str]) -> None:
    """Every referenced title must be a corpus title, character for character."""
    for row in rows:
        for name in fields:
            for title in row.get(name, []):
                if title not in titles:
                    raise ValueError(f"{row['id']}: {name}: not a corpus title: {title!r}")
