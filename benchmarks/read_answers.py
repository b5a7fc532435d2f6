"""Whole answers to conversations a researcher would have, printed sentence by sentence with their state, for a
person to read (no score: what is wrong in an answer that passes verification is what this looks for).

The conversations are new kinds of questions, none from the dev set or `eval/`: follow-ups that pick papers by their
place ("Compare the first two."), speak of them all ("What did they find?"), ask for limitations, and comparisons.
Earlier turns are asked with the same backend. Usage (needs the 1.5B for `--backend local`):
    python -m benchmarks.read_answers [--backend local] [--only 0,3]
"""

from __future__ import annotations

import argparse
import os
import time

from rag.engine import Conversation, Engine
from rag.settings import Settings

CONVERSATIONS: list[list[str]] = [
    ["Which papers use SMPL-X?", "Compare the first two."],
    ["Which papers study bias in text-to-image models?", "What did they find?"],
    ["What is Brain-ID?", "How was it evaluated?"],
    ["What are the limitations of ICON?"],
    ["Is there a paper on generating 3D heads from text?", "Does it use a diffusion model?"],
    ["What does WOUAF do?", "How robust is it to image edits?"],
    ["Which papers evaluate on CAPE?", "What do the last two have in common?"],
    ["Which papers do face swapping?", "Compare the first two."],
    ["What is MagicDance?", "What are its limitations?"],
    ["How do clothes-changing re-identification methods handle clothing?", "Which one uses text descriptions?"],
    ["How does ECON differ from ICON?"],
    ["Compare InstantID and PhotoVerse."],
    ["Compare MagicDance and VividPose."],
    ["How do HeadSculpt and Portrait3D differ?"],
    ["Compare Arc2Face and Vec2Face."],
    ["Compare FAIM and MADE."],
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--backend", default="local")
    parser.add_argument("--only", help="comma-separated indexes of CONVERSATIONS")
    args = parser.parse_args()
    chosen = [int(i) for i in args.only.split(",")] if args.only else range(len(CONVERSATIONS))
    engine = Engine.from_settings(Settings.from_env({**os.environ, "PAPERCHAT_BACKEND": args.backend}))
    print(f"load average at start: {os.getloadavg()[0]:.2f}")
    try:
        for index in chosen:
            conversation = Conversation()
            for question in CONVERSATIONS[index]:
                started = time.perf_counter()
                answer = engine.ask(question, conversation, backend=args.backend)
                print(f"\n[{index}] {question} ({time.perf_counter() - started:.1f} s; notice: {answer.notice})")
                print(f"  cited: {'; '.join(c.title.split(':')[0] for c in answer.citations) or '-'}")
                opening = answer.answer.strip().split("\n\n")[0]
                if not any(s.text.strip("\u201c\u201d")[:40] in opening for s in answer.sentences):  # a refusal, a line said first
                    print(f"  {opening[:300]}")
                for sentence in answer.sentences:
                    why = f"  ({sentence.reason})" if sentence.reason else ""
                    print(f"  [{sentence.status}] {sentence.text[:300]}{why}", flush=True)
    finally:
        engine.close()
    print(f"\nload average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
