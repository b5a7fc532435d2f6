"""Filters through the served app (issue 14): the `/ask` API's `filters` argument and the OpenAI-compatible
API's `"paperchat": {"filters": ...}` body field, against a real `paperchat serve` over real arXiv abstracts
(tests/data/arxiv-filters.jsonl, with authors, years and categories) and Scopus's export of two papers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openai
import pytest

from benchmarks.load import Served, served_app

from .test_ui_api import check_contract

DATA = Path(__file__).parent / "data"
QUESTION = "Which papers jailbreak vision-language models?"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    sources = [DATA / "arxiv-filters.jsonl", DATA / "scopus.ris"]
    with served_app(tmp_path_factory.mktemp("filters-api-home"), "extractive", sources) as served:
        yield served


def test_ask_api_takes_filters_and_echoes_them(server: Served) -> None:
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    client = Client(server.url, verbose=False)
    plain = client.predict(QUESTION, "extractive", None, api_name="/ask")
    check_contract(plain)
    assert "filters" not in plain and any(r["year"] == 2025 for r in plain["retrieved"])
    limited = client.predict(QUESTION, "extractive", {"year": "2026", "category": "cs.AI"}, api_name="/ask")
    check_contract(limited)
    assert limited["filters"] == {
        "year_from": 2026, "year_to": 2026, "category": "cs.AI", "from_question": [], "summary": "filtered to 2026, cs.AI",
    }  # fmt: skip
    assert limited["retrieved"] and all(r["year"] == 2026 and "cs.AI" in r["categories"] for r in limited["retrieved"])
    nothing = client.predict(QUESTION, None, {"year": "2030:"}, api_name="/ask")
    assert nothing["refused"] and nothing["answer"] == "No paper in the collection matches year ≥ 2030 — widen the filter."
    with pytest.raises(AppError, match="--year takes 2025, 2024:, :2023 or 2023:2025"):
        client.predict(QUESTION, None, {"year": "soon"}, api_name="/ask")
    with pytest.raises(AppError, match="unknown filter 'venues'"):
        client.predict(QUESTION, None, {"venues": "CVPR"}, api_name="/ask")


def test_openai_api_takes_filters_in_the_paperchat_field(server: Served) -> None:
    client = openai.OpenAI(base_url=f"{server.url}v1", api_key="unused", max_retries=0, timeout=120)
    messages: Any = [{"role": "user", "content": QUESTION}]
    limits = {"paperchat": {"filters": {"author": "Hooi"}}}
    response = client.chat.completions.create(model="paperchat-extractive", messages=messages, extra_body=limits)
    extra = (response.model_extra or {})["paperchat"]
    assert extra["filters"]["author"] == "Hooi"
    assert extra["retrieved"] and all("Bryan Hooi" in r["authors"] for r in extra["retrieved"])
    assert "*(filtered to author Hooi)*" in (response.choices[0].message.content or "")
    streamed = list(
        client.chat.completions.create(model="paperchat-extractive", messages=messages, extra_body=limits, stream=True)
    )
    text = "".join(chunk.choices[0].delta.content or "" for chunk in streamed if chunk.choices)
    assert "*(filtered to author Hooi)*" in text
    with pytest.raises(openai.BadRequestError, match="--category takes an arXiv category"):
        client.chat.completions.create(
            model="paperchat-extractive", messages=messages, extra_body={"paperchat": {"filters": {"category": "a b"}}}
        )
    with pytest.raises(openai.BadRequestError, match='"paperchat" must be an object'):
        client.chat.completions.create(model="paperchat-extractive", messages=messages, extra_body={"paperchat": "x"})
