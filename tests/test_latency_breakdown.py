"""The latency benchmark's instruments: the llama.cpp server-log parser, on a log captured from a real run of
`python -m benchmarks.latency_breakdown --model 0.5b --n 2 --judge on`, and its held-out questions."""

from __future__ import annotations

import json
from pathlib import Path

import openai
import pytest

from benchmarks.conversations import CONVERSATIONS, question_count
from benchmarks.llama_log import LogTail, RequestTiming, parse_requests
from rag.llm_server import LocalLLMServer
from rag.models import LLM_FAST, ModelMissingError, model_path
from rag.settings import Settings

DATA = Path(__file__).parent / "data"
LOG = DATA / "llama-server-verbose.log"
DEV_SET = Path(__file__).parents[1] / "rag" / "data" / "eval" / "dev_qa.jsonl"
MODELS_DIR = Settings.from_env().models_dir


def test_every_request_of_the_captured_log_is_parsed_in_order() -> None:
    text = LOG.read_text()
    requests = parse_requests(text)
    assert len(requests) == text.count('"POST /v1/chat/completions') == 11
    # The first request of a fresh server reuses nothing: no "prefix-match" line precedes its timings.
    assert requests[0] == RequestTiming(0, 399, 11512.16, 1, 61.61, 11582.84)
    # Then the prefix-match hit and llama.cpp's counters of the same request.
    assert requests[1].reused_tokens == 4 and requests[1].new_tokens == 438
    assert requests[1].prompt_ms == 12836.31
    assert requests[3] == RequestTiming(172, 111, 4085.59, 1, 147.03, 4251.86)
    # llama.cpp evaluated exactly the prompt tokens the prefix match left over, in every request.
    evaluated = [int(line.split("/")[1].split()[0]) for line in text.splitlines() if "prompt eval time" in line]
    assert [r.new_tokens for r in requests] == evaluated
    assert all(r.prompt_ms + r.gen_ms <= r.total_ms for r in requests)


def test_an_unfinished_request_at_the_end_is_left_out() -> None:
    text = LOG.read_text()
    cut = text.index("llama_perf_context_print:       total time =   21190.73")  # the second request's last line
    assert len(parse_requests(text[:cut])) == 1
    assert parse_requests("") == []


def test_log_tail_reads_only_what_was_logged_since_the_mark(tmp_path: Path) -> None:
    lines = LOG.read_text().splitlines(keepends=True)
    split = next(i for i, line in enumerate(lines) if "remaining 398 prompt tokens" in line) - 1  # its POST line
    log = tmp_path / "server.log"
    log.write_text("".join(lines[:split]))
    tail = LogTail(log)
    tail.mark()
    with log.open("a") as handle:
        handle.write("".join(lines[split:]))
    found = tail.requests_since_mark(expected=5, wait_s=0)
    assert [r.new_tokens for r in found] == [398, 240, 96, 399, 284, 362, 643]


def test_the_questions_are_enough_and_held_out() -> None:
    assert question_count() >= 20
    assert any(len(turns) > 1 for turns in CONVERSATIONS)  # follow-ups
    dev = {" ".join(turn.lower().split()) for line in DEV_SET.read_text().splitlines() for turn in json.loads(line)["turns"]}
    asked = [" ".join(turn.lower().split()) for turns in CONVERSATIONS for turn in turns]
    assert len(set(asked)) == len(asked)
    assert not dev & set(asked)


@pytest.mark.llm
def test_a_verbose_server_logs_what_its_replies_count(tmp_path: Path) -> None:
    """The parser against a live verbose server: the log's prompt tokens (reused + new) are the reply's
    `usage.prompt_tokens`, and a second prompt with the same system prompt reuses its prefix."""
    try:
        model_path(LLM_FAST, MODELS_DIR)
    except ModelMissingError as exc:
        pytest.skip(str(exc))
    env = {"PAPERCHAT_HOME": str(tmp_path), "PAPERCHAT_MODELS_DIR": str(MODELS_DIR), "PAPERCHAT_LOCAL_MODEL": "0.5b",
           "PAPERCHAT_LLM__LOCAL_VERBOSE": "true"}
    server = LocalLLMServer(Settings.from_env(env))
    try:
        url = server.ensure()
        tail = LogTail(server.log_path)
        tail.mark()
        client = openai.OpenAI(base_url=url, api_key="none", timeout=120)
        system = {"role": "system", "content": "You answer in one short sentence about research papers."}
        usages = []
        for question in ("What does ECON reconstruct?", "What does ICON reconstruct?"):
            reply = client.chat.completions.create(
                model=server.model_name, messages=[system, {"role": "user", "content": question}], max_tokens=6,
                temperature=0,
            )
            assert reply.usage is not None
            usages.append(reply.usage)
        client.close()
        first, second = tail.requests_since_mark(expected=2)
    finally:
        server.stop()
    assert (first.reused_tokens, first.new_tokens) == (0, usages[0].prompt_tokens)
    assert second.reused_tokens + second.new_tokens == usages[1].prompt_tokens
    assert second.reused_tokens > 10  # the chat template and the system prompt
    assert all(abs(r.gen_runs - u.completion_tokens) <= 1 for r, u in zip((first, second), usages, strict=True))


def test_claim_first_puts_the_question_back_after_the_claim() -> None:
    """`--claim-layout both` sends the "before" setup's claim checks in the layout they had: the claim, then the
    question about it; and a paper's shared prefix ending at "Claim:"."""
    from benchmarks.latency_breakdown import claim_first
    from rag.papers import Paper
    from rag.writers import claim_messages

    paper = Paper(paper_id="p", title="ECON", abstract="ECON infers a normal map. It fits SMPL-X.")
    for prompt in ("claim", "recheck"):
        check = claim_messages(prompt, paper, ["ECON infers a normal map.", "It fits SMPL-X."], "ECON fits SMPL-X.")
        head, question, claim = check[-1]["content"].split("\n\n")
        assert claim == "Claim: ECON fits SMPL-X." and "YES or NO" in question  # today: the claim comes last
        before = claim_first(check)
        assert before[0] == check[0]
        head_before, claim_before, question_before = before[-1]["content"].split("\n\n")
        assert (head_before, claim_before) == (head, claim) and "claim below" not in question_before
        assert question_before.endswith("Reply with one word: YES or NO.")
        prefix = claim_first(claim_messages(prompt, paper, ["ECON infers a normal map."], None))
        assert prefix[-1]["content"].endswith("ECON infers a normal map.\n\nClaim:")
    with pytest.raises(ValueError):
        claim_first([{"role": "user", "content": "a\n\nb\n\nc"}])
