"""Does the evidence answer the question at all? Decides refusals before any text is written.

Two failure shapes are measured on the dev set and caught here:
- the topic is absent: the best evidence sentence is a weak match by meaning
  *and* by words (`relevance + KEYWORD_WEIGHT * keyword < floor`);
- a measurement is asked of a paper whose abstract never reports it ("what FID
  does PhotoVerse report?"): the question names a quantity and the abstract has
  none of the words that would state it.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from rag.questions import COMPARATIVES
from rag.retrieval import RetrievedPaper
from rag.support import asks_for_link, earlier_work, link_only
from rag.text import keyword_tokens, split_sentences

KEYWORD_WEIGHT = 0.5

_METRICS = r"\b(kid|lpips|psnr|ssim|clip[- ]?score|mpjpe|pve|chamfer|auc|eer|map)\b"
# The figures several quantities are stated by: a percentage, and the words for a share or a ratio of two.
_PERCENT = r"\d+(\.\d+)?\s*%"
_HALF, _TWICE = r"\bhalf\b", r"\btwice\b"

# A quantity a question may ask for → patterns, any of which in the abstract means it could be reported.
_MEASURES: dict[str, tuple[str, ...]] = {
    r"\bfid\b": (r"\bfid\b",),
    r"\b(lpips|psnr|ssim|clip[- ]?score|mpjpe|pve|chamfer|auc|eer)\b": (_METRICS,),
    # "high-resolution" reports no resolution: only a number of pixels does.
    r"\b(?:what|which|at what)\s+(?:\w+\s+){0,2}resolution\b|\bresolution\s+(?:in pixels|does|do|is)\b": (r"\b\d{3,4}\s*[x\u00d7]\s*\d{3,4}\b", r"\b\d{3,4}p\b", r"\b[248]k\b", r"\b\d{3,4}\s*(?:px|pixels)\b"),
    # "What fraction of the participants …" asks for a share, which only a figure states
    r"\b(percentage|percent)\b|%|\b(?:what|which)\s+(?:\w+\s+)?(?:fraction|proportion|share)\b": (
        _PERCENT, r"\bpercent", _HALF, r"\bthird\b", r"\bquarter\b", r"\bmajority\b",
    ),
    # "At what frame rate …", "How many fps …"; not "fast enough for live, frame-rate use", which asks whether
    r"\b(?:what|which|at what)\s+(?:[\w-]+\s+){0,2}frame[- ]rates?\b|\bframe[- ]rates?\s+(?:does|do|is|of)\b"
    r"|\bfps\b|\bframes per second\b": (r"\bfps\b", r"frame[- ]rate", r"frames per second"),
    # "What re-identification rate does ArcFace reach …?", "What success rate …": a rate is a figure
    r"\b(?:what|which)\s+(?:[\w-]+\s+){0,2}(?<!frame )(?<!frame-)(?<!learning )rates?\b(?!\s+of\s+speech)": (
        _PERCENT, r"\bpercent", r"\brates?\b",
    ),
    # "How much faster is InstantID than PhotoVerse?": a ratio, not "efficiency" or "in seconds"
    rf"\bhow much {COMPARATIVES}\b|\bhow many times\b": (
        r"\b\d+(\.\d+)?\s*(?:[x\u00d7]|times|%|-fold)", _HALF, _TWICE, r"\border(?:s)? of magnitude",
    ),
    r"\b(accuracy|top-1|rank-1|precision|recall)\b": (r"\baccura", r"\btop-1\b", r"\brank-1\b", _PERCENT),
    r"\b(how fast|runtime|run[- ]time|latency|inference time|speed)\b": (
        r"real[- ]time", r"\bfps\b", r"\bspeed", r"\bfaster\b", r"\bms\b", r"\bseconds?\b", r"\bminutes?\b",
        r"\blatency\b", r"\bruntime\b", r"\btimes\b", r"inference time", _HALF, _TWICE,
        r"\b\d+(\.\d+)?\s*[x\u00d7]\b", r"\befficien",
    ),
    # A count of parameters or an amount of memory is a figure: "numerous model parameters" and "memory efficient" give none
    r"\b(how many (?:\w+\s+)?(parameters|params)|parameter count|model size|number of (?:\w+\s+)?(?:parameters|params))\b": (
        r"\b\d+(\.\d+)?\s*(?:[mbk]|million|billion)\b", _PERCENT, _HALF, r"\b(?:a )?(?:third|quarter)\b",
    ),
    r"\b(gpu[- ]hours|training (?:time|hours)|how long .* train)\b": (r"\bhours?\b", r"\bdays?\b", r"\bgpus?\b"),
    # A figure asked in a unit ("the absolute PVE in millimetres", "circumference in centimeters"): a relative one ("a 30%
    # reduction in PVE") is no answer
    r"\bin (?:millimet(?:re|er)s|mm)\b": (r"\bmm\b", r"millimet"),
    r"\bin (?:centimet(?:re|er)s|cm)\b": (r"\bcm\b", r"centimet"),
    # How a model was trained and on what it runs: details an abstract rarely gives ("What batch size did ECON
    # use?", "On which GPU does DOPE run in real time?"), asked the way the dev set asks for an unreported FID.
    r"\bbatch[- ]sizes?\b": (r"\bbatch[- ]sizes?\b",),
    r"\blearning[- ]rates?\b": (r"\blearning[- ]rates?\b",),
    r"\b(?:which|what)\s+optimi[sz]er\b": (r"\boptimi[sz]er\b", r"\badam\w*\b", r"\bsgd\b"),
    r"\b(?:which|what|how many)\s+(?:kinds? of\s+|\w+\s+)?(?:gpus?|tpus?|graphics cards?|hardware)\b": (
        r"\bgpus?\b", r"\btpus?\b", r"\bgraphics cards?\b", r"\bhardware\b", r"\bcpus?\b", r"\b(?:v100|a100|h100|rtx)\b",
    ),
    r"\bhow much (?:gpu )?memory\b|\bvram\b|\bmemory (?:footprint|usage|consumption|cost)\b": (
        r"\b\d+(\.\d+)?\s*(?:gb|mb|gib|mib|%|[x\u00d7]|times)", _HALF, _TWICE,
    ),
    # "How long does HeadSculpt take …?": a time, which "in seconds" (InstantID's title) or "real-time" states
    r"\bhow long\b": (
        r"\b(?:milli)?seconds?\b", r"\bminutes?\b", r"\bhours?\b", r"\bdays?\b", r"\bms\b", r"real[- ]time", r"\bfps\b",
    ),
}

# Accuracy and speed as qualities, not numbers: "How does MADE improve re-identification accuracy?" asks for the
# method ("masks the clothing information in the attribute description"), which an abstract that gives no figure
# still states. "What accuracy …", "How fast …" and "What is the runtime …" still ask for the figure.
_QUALITIES = frozenset(
    [r"\b(accuracy|top-1|rank-1|precision|recall)\b", r"\b(how fast|runtime|run[- ]time|latency|inference time|speed)\b"]
)
_ASKS_HOW_IT_CHANGES = re.compile(
    r"^\W*how\s+(?:does|do|did|can|could)\b.*\b(?:improv|increas|boost|rais|enhanc|reduc|lower|achiev|speed\w* up)\w*"
)

# Metric names that are also English words count only as written in capitals: "a kid's sketch" and "a depth
# map" ask for no metric, "KID" and "mAP" do.
_CASED_MEASURES: dict[str, tuple[str, ...]] = {r"\b(KID|mAP|MAP)\b": (_METRICS,)}

_COUNT_WORDS = r"\b(?:\d[\d,.]*\s*(?:k|m|b)?\b|dozens?|hundreds?|thousands?|millions?|billions?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|fifty)"
_COLLECTION_NOUNS = frozenset(["papers", "works", "methods", "approaches", "studies", "models", "articles", "publications", "of"])
# "How many people …" is answered by "31 subjects", "3,011 subjects": any word for the people counted.
_PEOPLE_NOUNS = frozenset(["people", "persons", "individuals", "subjects", "participants", "humans"])
_PEOPLE = r"(?:people|persons?|individuals?|subjects?|participants?|humans?)"
_HOW_MANY = re.compile(r"\bhow many((?:\s+[\w-]+){1,3})", re.IGNORECASE)
# Words that end the counted noun phrase: "how many identities | does …", "how many hours | of video …".
_AFTER_COUNTED = frozenset(
    ["does", "do", "did", "are", "is", "was", "were", "have", "has", "had", "can", "could", "will", "would", "should",
     "been", "be", "in", "of", "and", "or", "for", "per", "on", "at", "with", "by", "from", "to", "the", "a", "an", "it",
     "they", "there"]
)  # fmt: skip


def counted_nouns(question: str) -> list[str]:
    """What each "how many …" of the question counts: the plural noun of the words before its verb ("How many
    synthetic identities does …" → identities), else the last of them ("how many people were …" → people)."""
    nouns = []
    for words in _HOW_MANY.findall(question.lower()):
        phrase = []
        for word in words.split():
            if word in _AFTER_COUNTED:
                break
            phrase.append(word)
        plural = [w for w in phrase if w.endswith("s") and len(w) > 3 and w.isalpha()]
        if phrase:
            nouns.append(plural[0] if plural else phrase[-1])
    return nouns


def asked_measures(question: str) -> list[tuple[str, ...]]:
    """For each quantity the question asks for, patterns one of which a sentence reporting it would match.

    "How many identities…" asks for a count of identities: a sentence with the word and a number.
    """
    return asked_figures(question) + asked_counts(question)


def asked_figures(question: str) -> list[tuple[str, ...]]:
    """The metrics, speeds and sizes the question asks for ("What FID …", "How fast …"); any sentence may report them."""
    lowered = question.lower()
    measures = [
        evidence
        for pattern, evidence in _MEASURES.items()
        if re.search(pattern, lowered) and not (pattern in _QUALITIES and _ASKS_HOW_IT_CHANGES.search(lowered))
    ]
    return measures + [evidence for pattern, evidence in _CASED_MEASURES.items() if re.search(pattern, question)]


def asked_counts(question: str) -> list[tuple[str, ...]]:
    """For each "how many …" of the question, patterns one of which a sentence giving that count would match."""
    counts: list[tuple[str, ...]] = []
    for noun in counted_nouns(question):
        if noun in _COLLECTION_NOUNS or len(noun) < 3 or not noun.isalpha():
            continue  # "how many papers…" counts the collection, not something an abstract reports
        stem = noun[:-1] if noun.endswith("s") and len(noun) > 4 else noun
        stem = stem[:-2] if stem.endswith("ie") else stem  # identities → identit
        counted = _PEOPLE if noun in _PEOPLE_NOUNS else re.escape(stem)
        # the count before the noun, at most two words apart ("over 500,000 facial images", "3 popular TTI
        # systems"), or of what holds it ("around 1000 high-resolution 3D scans of hands"), or in brackets after it
        # ("identities (800,000)"): not "three implicit concepts" near "images"
        counts.append((
            rf"{_COUNT_WORDS}(?:\s+[\w-]+){{0,2}}?\s+{counted}",
            rf"{_COUNT_WORDS}(?:\s+[\w-]+){{1,3}}?\s+of\s+{counted}",
            rf"\b{counted}\w*\s*\(\s*{_COUNT_WORDS}",
        ))
    return counts


def gives_count(question: str, result: RetrievedPaper, patterns: tuple[str, ...]) -> bool:
    """Whether the paper's abstract gives the count asked for, of what the question asks about: in a paper the
    question names ("How many TTI systems did Stable Bias study?"), or in a sentence that shares a word of the
    question besides what is counted. Vec2Face's "300K identities" is no answer to "How many identities does
    WebFace42M have?"."""
    sentences = [s for s in split_sentences(result.paper.abstract) if reports_measure(s, patterns)]
    if result.named:
        return bool(sentences)
    asked = set(keyword_tokens(question)) - {"many"}
    return any((asked - _counted_terms(s, patterns)) & set(keyword_tokens(s)) for s in sentences)


def _counted_terms(sentence: str, patterns: tuple[str, ...]) -> set[str]:
    """The terms of the count itself in `sentence` ("300K identities"): sharing those says nothing of what is counted."""
    lowered = sentence.lower()
    # each match runs on to the end of its last word: the pattern stops at the noun's stem ("identit")
    found = [m.group(0) for p in patterns for m in re.finditer(rf"(?:{p})\w*", lowered)]
    return {t for text in found for t in keyword_tokens(text)}


# What a question may ask about in a medium, sensor or setting that decides whether a paper can answer it ("from thermal
# images", "for music", "in real time", "of a large language model") → how it is named, in the question and in an
# abstract that works in it. A paper on the topic without the condition reads as about it, to a judge as to a reader
# skimming; its abstract never naming the medium at all says it is not (benchmarks/README.md, stop 50).
_MEDIA: dict[str, tuple[str, str]] = {
    "video": (r"\bvideos?\b", r"\bvideos?\b|\bframes\b|\bfootage\b|\bclips?\b|\btemporal"),
    "music": (r"\bmusic\w*", r"\bmusic"),
    "audio": (r"\baudio\b", r"\baudio\b|\bspeech\b|\bvoices?\b|\bsound"),
    "speech": (r"\bspeech\b", r"\bspeech\b|\baudio\b|\bvoices?\b|\bspeak"),
    "a voice": (r"\bvoices?\b", r"\bvoices?\b|\baudio\b|\bspeech\b"),
    "a language model": (
        r"(?<!vision-)(?<!vision )\blanguage models?\b|\bllms?\b|\bchatbots?\b",
        r"\blanguage models?\b|\bllms?\b|\bchatbots?\b|\bgpt",
    ),
    "a GAN": (r"\bgans?\b|\badversarial networks?\b", r"\bgans?\b|\badversarial|\bstylegan"),
    "depth sensors": (r"\bdepth[- ](?:sensors?|cameras?|maps?|data|images?)\b|\brgb-?d\b|\bkinect\b", r"\bdepth\b|\brgb-?d\b"),
    "thermal or infrared images": (r"\bthermal\b|\binfrared\b", r"\bthermal\b|\binfrared\b"),
    "body-worn sensors": (
        r"\b(?:body-worn|wearable|inertial|motion) sensors?\b|\bimus?\b|\binertial\b", r"\bsensor|\bimus?\b|\binertial\b"
    ),
    "radar, WiFi or LiDAR": (r"\bradar\b|\bwi-?fi\b|\blidar\b", r"\bradar\b|\bwi-?fi\b|\blidar\b"),
    "event cameras": (r"\bevent[- ]cameras?\b", r"\bevent[- ](?:cameras?|based)\b"),
    "phones or mobile devices": (
        r"\bon (?:a |an |my |the |their )?(?:smart)?phones?\b|\bmobile (?:devices?|phones?)\b|\bon[- ]device\b",
        r"\bsmartphones?\b|\bmobile\b|\bphones?\b|\bon[- ]device\b",
    ),
    "ultrasound": (r"\bultrasound\b|\bsonograph\w*", r"\bultrasound\b|\bsonograph"),
    "PET": (r"\bpet (?:scans?|imag\w*)\b|\bpositron\b", r"\bpet\b|\bpositron\b"),
    "CT": (r"\bct\b|\bcomputed tomography\b", r"\bct\b|\bcomputed tomography\b"),
    "X-ray": (r"\bx-rays?\b|\bradiograph\w*", r"\bx-rays?\b|\bradiograph"),
    "MRI": (r"\bmri\b", r"\bmri\b|magnetic resonance"),
    "3D": (r"\b3d\b", r"\b3d\b|three-dimensional|\bmesh|\bsmpl|\bdepth\b|\bvolumetric"),
    "text": (
        r"\bfrom (?:a )?(?:text|written)(?![\w-])|\btext (?:prompts?|descriptions?)\b|\bwritten (?:descriptions?|instructions?|scripts?)\b",
        r"\btext|\bprompt|\blanguage\b|\bcaptions?\b|\bdescriptions?\b|\binstructions?\b",
    ),
    "animals": (r"\banimals?\b|\bdogs?\b|\bcats?\b|\bhorses?\b", r"\banimals?\b|\bdogs?\b|\bcats?\b|\bquadruped"),
    "real time": (
        r"\breal[- ]time\b|\blive[- ]stream\w*|\bdriven live\b",
        r"\breal[- ]time\b|\blive\b|\bfps\b|\binteractive\b|\bfast\b|\befficient",
    ),
    # "How does ICON reconstruct several people from one image?", "two different people's identities in the same clip"
    "several people": (
        r"(?<!how )\b(?:several|multiple|two|many)\s+(?:different\s+)?(?:(?!of\b|in\b|and\b|or\b)[a-z-]+\s+)?(?:people|persons|dancers|humans|characters|"
        r"individuals|subjects)\b|\bmulti-person\b|\bgroups? (?:photos?|of people)\b",
        r"\bmulti-?(?:person|people|human|subject|character|identity|id)s?\b|\b(?:multiple|several|many|two|interacting)\s+"
        r"(?:\w+\s+)?(?:people|persons|humans|characters|individuals|subjects|identities|dancers)\b|\bcrowd|\bgroups?\b"
        r"|\beach (?:person|individual|subject)\b|\binteract\w*\b|\beveryone\b",
    ),
    "sketches, drawings or paintings": (
        r"\bsketch(?:es|ed)?\b|\bdrawings?\b|\bpaintings?\b|\bpainted\b|\bcartoons?\b|\banime\b",
        r"\bsketch|\bdrawings?\b|\bpaint|\bcartoon|\banime\b|\bartist|\bstyliz|\billustration",
    ),
}
# What a question sets aside or offers as one of two: "instead of camera images", "rather than from poses",
# "images or videos" (either does).
_SET_ASIDE = re.compile(r"\b(?:instead of|rather than|without|not|other than|apart from|besides)\b[^,;?.]*", re.IGNORECASE)


def unmentioned_media(question: str, papers: Sequence[RetrievedPaper]) -> list[str]:
    """The media and settings the question asks about (`_MEDIA`) that no title or abstract of `papers` names: "Is there a
    method that removes unwanted concepts from text-to-video models?" → ["video"] when the papers are on images."""
    asked = _SET_ASIDE.sub(" ", question.lower())
    text = " ".join(f"{p.paper.title}. {p.paper.abstract}" for p in papers).lower()
    missing = []
    for label, (in_question, in_abstract) in _MEDIA.items():
        found = [m for m in re.finditer(in_question, asked) if not _one_of_two(asked, m, text)]
        if found and not re.search(in_abstract, text):
            missing.append(label)
    return missing


def lacks_media(reason: str | None) -> bool:
    """Whether `reason` (of `why_unanswerable`) is that the selected abstracts name none of a medium asked about."""
    return (reason or "").startswith(_LACKS_MEDIA)


_LACKS_MEDIA = "the abstracts do not mention "


def _one_of_two(question: str, match: re.Match[str], text: str) -> bool:
    """Whether the medium matched is one side of "X or Y" whose other side the papers' `text` names ("an image or
    video"). The papers' words are only tokenised when the medium stands next to "or", which few questions have."""
    before = re.search(r"([\w-]+)\s+(?:or|and/or)\s+$", question[: match.start()])
    after = re.match(r"\s+(?:or|and/or)\s+([\w-]+)", question[match.end() :])
    sides = [m.group(1) for m in (before, after) if m]
    if not sides:
        return False
    tokens = set(keyword_tokens(text))
    return any(set(keyword_tokens(side)) & tokens for side in sides)


def reports_measure(text: str, evidence_patterns: tuple[str, ...]) -> bool:
    lowered = text.lower()
    return any(re.search(pattern, lowered) for pattern in evidence_patterns)


# What a question that ranks papers ranks them by ("Which of them is the fastest?", "Which one is more accurate?"), and
# what an abstract must say to be ranked by it: a speed, an accuracy or error, a size. "Efficient" and "outperforms
# the state of the art" rank nothing.
_RANKED_BY: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        r"\b(?:fastest|quickest|slowest|faster|quicker|slower)\b|\b(?:least|less|lowest|shortest)\s+(?:inference\s+|run\s*|running\s+)?"
        r"(?:time|latency)\b",
        "speed",
        (
            r"real[- ]time", r"\bfps\b", r"\bfaster\b", r"\bspeed", r"\b(?:seconds|minutes)\b", r"\b\d+(\.\d+)?\s*(?:ms|s)\b", r"\b(?:a|one|\d+(\.\d+)?)\s+(?:second|minute)\b",
            r"\blatency\b", r"\bruntime\b", r"\b\d+(\.\d+)?\s*(?:[x\u00d7]|times)\b",
            # "cuts the inference time in half"; not "at inference time"
            r"\b(?:cut|cuts|reduc\w*|halv\w*|lower\w*|shorten\w*)\s+(?:the\s+)?(?:inference|running|run)\s*time",
        ),
    ),
    (
        r"\b(?:most|least|more|less) accurate(?:ly)?\b|\b(?:best|highest|lowest) (?:accuracy|error)\b|\bmost precise\b",
        "accuracy",
        (r"\baccura", r"\berrors?\b", _PERCENT, r"\btop-1\b", r"\brank-1\b", r"\b(?:mpjpe|pve|fid|lpips|psnr|ssim)\b"),
    ),
    (
        r"\b(?:smallest|smaller|lightest|lighter|most lightweight|fewest parameters|fewer parameters|least memory|less memory)\b",
        "model size or memory",
        (
            r"\bparameters\b", r"\bmemory\b", r"\blight-?weight\b",
            r"\b\d+(\.\d+)?\s*(?:[mb]|million|billion)\s+(?:parameters|params)\b", r"\b\d+(\.\d+)?\s*(?:gb|mb|gib|mib)\b",
        ),
    ),
)


# A comparative ranks only a choice among the papers ("Which one is faster?", "Which of them is more accurate?"), not
# a list ("Which papers make training faster?")
_CHOICE = re.compile(r"^\s*which\s+(?:one|of\s+(?:them|these|those|the\s+two)|is|was|runs|performs|works)\b", re.IGNORECASE)
_SUPERLATIVE = re.compile(
    r"\b(?:fastest|quickest|slowest|smallest|lightest|highest|lowest|shortest|fewest|best|most|least)\b", re.IGNORECASE
)


def ranked_by(question: str, compared: bool = False) -> tuple[str, tuple[str, ...]] | None:
    """What a question that ranks papers ranks them by, and the patterns an abstract that states it matches:
    "Which of them is the fastest?" → ("speed", …); None for a question that ranks by nothing measured. A comparative
    ("faster") ranks a comparison (`compared`) or a choice ("Which one is faster?"), not a list."""
    lowered = question.lower()
    if not (compared or _CHOICE.match(question) or _SUPERLATIVE.search(question)):
        return None
    return next(((what, patterns) for asks, what, patterns in _RANKED_BY if re.search(asks, lowered)), None)


def why_unanswerable(
    question: str,
    selected: Sequence[RetrievedPaper],
    floor: float,
    carried: Collection[str] = (),
    *,
    by_name: bool = False,
) -> str | None:
    """A short reason when the selected papers cannot answer `question`, else None.

    A follow-up about a paper the conversation already cites ("how does it work?") has no topic words
    of its own to match, so the topic check is skipped for it; a quantity it asks for is still checked.
    """
    if not selected:
        return "nothing in the collection matches"
    top = selected[0]
    # A follow-up about the paper just cited, a question naming the paper ("What is MADE?"), or a list asked by a
    # name the selected abstracts say ("Which papers report results on AGORA?", `by_name`) is about those papers
    # by construction: its topic words need not match (AGORA's papers matched at 0.09 to 0.27 and were refused).
    about_known_paper = by_name or top.paper.paper_id in carried or top.named
    if not about_known_paper and top.relevance + KEYWORD_WEIGHT * top.keyword < floor:
        return "no abstract matches the question closely enough"
    for measure in asked_figures(question):
        if not any(reports_measure(f"{p.paper.title}. {p.paper.abstract}", measure) for p in selected):
            return "the abstracts do not report the quantity asked for"
    for count in asked_counts(question):
        if not any(gives_count(question, p, count) for p in selected):
            return "the abstracts do not report the quantity asked for"
    # "… from text-to-video models?" of papers on images, "… using depth-sensor data?" of papers on photos: the medium
    # the question asks about, which no selected abstract names (the paper ranked below that does is checked next,
    # `Plan.runners_up`)
    missing = unmentioned_media(question, selected)
    if missing:
        return _LACKS_MEDIA + " or ".join(missing)
    # Asked of the papers the question names or the conversation is about, the data they were tested on and where
    # their code is are things only their own abstracts can say. "Which benchmark is used to evaluate clothed human
    # reconstruction?" asks the collection: ranking, not this rule, finds the paper that says it (ECON: "CAPE").
    about = [p for p in selected if p.named or p.paper.paper_id in carried]
    if about and _ASKS_FOR_DATA.search(question) and not any(names_data(p) for p in about):
        return "the abstracts do not name the dataset or benchmark asked for"
    # "Has Vec2Face released its code?": 8 of the refusal set's 16 such questions name a paper whose abstract names
    # no code; the judge let one through (VLOGGER's "weights") and refused one whose abstract does (HR-VITON).
    if about and asks_for_link(question) and not any(_releases(s) for p in about for s in split_sentences(p.paper.abstract)):
        return "the abstract does not say where its code, weights or project page are"
    return None


# The reasons above that name what the selected papers' abstracts lack ("the abstracts do not report the quantity asked
# for"), as against the topic's ("no abstract matches the question closely enough"): a refusal says what is lacking.
_WHAT_IS_MISSING = re.compile(r"the abstracts? (?:do|does) not (.+)")


def what_abstracts_lack(reason: str | None) -> str | None:
    """What the selected papers' abstracts lack, for a reason of `why_unanswerable` that names it ("report the quantity
    asked for"); None for any other reason."""
    match = _WHAT_IS_MISSING.match(reason or "")
    return match.group(1) if match else None


# "Which dataset was InstantID evaluated on?", "On which benchmarks does AiOS report results?": the data a paper was
# trained or tested on, which 23 of the 79 bundled abstracts never speak of (`names_data`).
_DATA_NOUNS = r"datasets?|benchmarks?|data\s+sets?|databases?|test\s+sets?"
_ASKS_FOR_DATA = re.compile(rf"\b(?:which|what)\s+(?:[\w-]+\s+){{0,2}}?(?:{_DATA_NOUNS})\b", re.IGNORECASE)
_DATA_WORDS = re.compile(rf"\b(?:{_DATA_NOUNS}|corpus|corpora)\b", re.IGNORECASE)
# a name after "on" in a sentence about results ("We outperform … on 3DPW and Human3.6M", "a 9% reduction in NMVE on
# AGORA", "experiments on both FaceForensics++ and CelebA-HQ"): letters and digits with a capital or digit past the
# first character; not "based on DMTet", which says nothing of results
_ON_A_NAME = re.compile(
    r"\bon\s+(?:(?:the|both|several|multiple|various|two|three|four|five|public|standard|popular)\s+)*([A-Z][\w.-]*[A-Z0-9][\w.+-]*)"
)
# the data said in words: MANO "is learned from around 1000 high-resolution 3D scans", DELTA learns "directly from
# monocular videos", "extensive experiments with images of widely recognized individuals", "we analyze over 96,000
# images", GeneMAN's "collection of high-quality human data"
_TRAINED_ON = re.compile(
    r"\b(?:trained|learn\w*|collected|captured|evaluated|tested)\s+(?:\w+\s+){0,2}?(?:on|from|with)\b"
    r"|\b(?:evaluations?|experiments?)\s+(?:using|on|with)\b|\banaly[sz]\w*\s+(?:over\s+|about\s+|nearly\s+)?\d"
    r"|\b(?:data|scans)\b",
    re.IGNORECASE,
)
_RESULTS = re.compile(r"\b(?:experiment|evaluat|outperform|results?\b|state-of-the-art|tested|trained|accura|reduction)", re.IGNORECASE)


def names_data(result: RetrievedPaper) -> bool:
    """Whether the abstract speaks of a dataset or benchmark: by that word, by saying what it was trained or evaluated
    on, or by a name after "on" in a sentence about results that is not the paper's own ("… outperforms … on AGORA")."""
    abstract = result.paper.abstract
    if _DATA_WORDS.search(abstract) or _TRAINED_ON.search(abstract):
        return True
    own = {result.paper.name or "", result.paper.title.split(":")[0]}
    return any(
        m.group(1).rstrip(".") not in own
        for sentence in split_sentences(abstract)
        if _RESULTS.search(sentence)
        for m in _ON_A_NAME.finditer(sentence)
    )


def _releases(sentence: str) -> bool:
    """The sentence points to code, data or a page (`link_only`), or says the paper releases something open: "We also
    release an open-source evaluation dataset named ControlFace10k" answers "Is ControlFace10k open source?"."""
    return link_only(sentence) or _RELEASES_OPEN.search(sentence) is not None


_RELEASES_OPEN = re.compile(r"\bopen[- ]sourced?\b|\bwe\s+(?:also\s+)?release\b", re.IGNORECASE)


# What a sentence says when it names a limit of its own paper: "at the cost of fine-tuning a lightweight module",
# "fails on …", "future work". Any such sentence not about earlier work counts, the problem's own difficulty included
# ("… remains challenging due to …"): the answer then says nothing of it either way.
_LIMITING = re.compile(
    r"\b(?:limitations?|limited\s+to|fails?\s+(?:to|on|when|in|for)|failure\s+cases?|future\s+work|remains?\s+(?:challenging|"
    r"difficult|an\s+open)|at\s+the\s+cost\s+of|trade-?offs?|struggles?\s+(?:to|with))\b",
    re.IGNORECASE,
)


def says_no_limitation(sentences: Sequence[str]) -> bool:
    """Whether none of an abstract's sentences names a limit of the paper (`_LIMITING`, not about earlier work): most do
    not, and a question about the paper's limitations is then told so before what the abstract does say."""
    earlier = set(earlier_work(sentences))
    return not any(_LIMITING.search(s) and s not in earlier for s in sentences)
