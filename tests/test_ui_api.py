"""The app's named endpoint `/ask`, called the way other programs call it: through gradio_client."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tests.conftest_ui import AppServer

pytest_plugins = ["tests.conftest_ui"]

ANSWER_FIELDS = {
    "question": str,
    "answer": str,
    "refused": bool,
    "backend": str,
    "citations": list,
    "retrieved": list,
    "timings_ms": dict,
}


@pytest.fixture(scope="module")
def client(app_server: AppServer) -> Any:
    from gradio_client import Client

    return Client(app_server.url, verbose=False)


def check_contract(answer: dict[str, Any]) -> None:
    """The DESIGN.md answer JSON: field types, and every [n] in the answer backed by a citation."""
    for name, kind in ANSWER_FIELDS.items():
        assert isinstance(answer.get(name), kind), (name, answer.get(name))
    for citation in answer["citations"]:
        assert isinstance(citation["n"], int) and not isinstance(citation["n"], bool)
        assert isinstance(citation["paper_id"], str) and citation["paper_id"]
        assert isinstance(citation["title"], str) and citation["title"]
        assert citation["url"] is None or isinstance(citation["url"], str)
        assert isinstance(citation["evidence"], str)
    for ref in answer["retrieved"]:
        assert isinstance(ref["paper_id"], str) and isinstance(ref["title"], str)
        assert isinstance(ref["score"], float | int) and not isinstance(ref["score"], bool)
    assert [r["paper_id"] for r in answer["retrieved"]] == list(
        dict.fromkeys(r["paper_id"] for r in answer["retrieved"])
    )
    assert {"retrieve", "generate", "total"} <= set(answer["timings_ms"])
    assert all(isinstance(v, float | int) for v in answer["timings_ms"].values())
    cited_numbers = {c["n"] for c in answer["citations"]}
    markers = {int(n) for group in re.findall(r"\[(\d+(?:\s*,\s*\d+)*)\]", answer["answer"]) for n in group.split(",")}
    assert markers <= cited_numbers, (markers, cited_numbers)


def test_ask_returns_the_answer_contract(client: Any) -> None:
    answer = client.predict("How does ECON differ from ICON?", "extractive", api_name="/ask")
    check_contract(answer)
    assert answer["question"] == "How does ECON differ from ICON?"
    assert answer["backend"] == "extractive" and answer["refused"] is False
    titles = " ".join(c["title"] for c in answer["citations"])
    assert "ECON" in titles and "ICON" in titles
    assert re.search(r"\[\d+\]", answer["answer"])


def test_ask_is_stateless_and_backend_is_optional(client: Any) -> None:
    """Two calls are two single-turn conversations: a follow-up phrasing is not merged with the earlier question."""
    first = client.predict("Which papers use the SMPL-X body model?", None, api_name="/ask")
    check_contract(first)
    second = client.predict("What data does it use?", None, api_name="/ask")
    check_contract(second)
    assert second.get("query", "What data does it use?") == "What data does it use?"


def test_ask_reports_bad_input_as_one_line(client: Any) -> None:
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="empty question"):
        client.predict("   ", None, api_name="/ask")
    with pytest.raises(AppError, match="unknown backend"):
        client.predict("How does ECON differ from ICON?", "nonsense", api_name="/ask")


def test_only_ask_is_public(client: Any) -> None:
    endpoints = client.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert set(endpoints) == {"/ask"}
