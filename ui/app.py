"""The Gradio app: a thin shell around one shared Engine.

The engine holds only read-mostly resources (embedder, store, indexes); every
piece of user state — the conversation, the rendered turns, the library
selection — lives in per-session `gr.State`, so two browsers never see each
other's questions. All markup comes from `ui.render`, which escapes every value.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

import gradio as gr

from ingest.pipeline import ingest_into
from rag.answer import Answer
from rag.engine import Conversation, check_question
from rag.errors import PaperchatError
from rag.papers import Paper
from rag.settings import BACKENDS, check_backend
from ui import render
from ui.config import CONFIG, LABELS, TABS
from ui.uploads import discard_upload, store_upload

if TYPE_CHECKING:
    from rag.engine import Engine

Message = dict[str, str]

CSS = """
.source-card { border: 1px solid var(--border-color-primary); border-radius: 8px; padding: 8px 12px;
  margin-bottom: 10px; scroll-margin-top: 8px; transition: box-shadow .3s; }
.source-card header { font-weight: 600; }
.source-n { color: var(--color-accent); margin-right: 4px; }
.source-score { font-weight: normal; font-size: .85em; color: var(--body-text-color-subdued); margin-left: 6px; }
.source-links { font-size: .9em; margin: 4px 0; }
.source-byline { font-size: .85em; color: var(--body-text-color-subdued); margin: 2px 0; }
.source-abstract, .paper-abstract { font-size: .92em; line-height: 1.45; }
.source-card mark, .compare-refs mark { background: #fff1a8; color: #111; padding: 0 1px; }
.flash { box-shadow: 0 0 0 3px var(--color-accent); }
.other-retrieved, .earlier-sources { margin-top: 6px; font-size: .9em; }
.earlier-question { font-style: italic; margin: 8px 0 4px; }
#chatbot .message a.cite, #compare-table a.cite { color: var(--color-accent); text-decoration: none; font-weight: 600; }
#chatbot .message a.cite:hover, #compare-table a.cite:hover { text-decoration: underline; }
.notice { padding: 6px 10px; border-radius: 6px; margin: 4px 0; color: #222; }
.notice-refused, .notice-fallback, .notice-unsupported, .notice-stopped { background: #fff7e0; border: 1px solid #f0c060; }
.notice-error { background: #fdecec; border: 1px solid #ec9a9a; }
.notice-drafting { background: #eef4fb; border: 1px solid #a8c4e6; }
.compare-table { border-collapse: collapse; width: 100%; font-size: .92em; }
.compare-table th, .compare-table td { border: 1px solid var(--border-color-primary); padding: 6px 8px;
  vertical-align: top; text-align: left; }
.compare-table td.not-stated { color: var(--body-text-color-subdued); font-style: italic; }
.compare-refs { list-style: none; padding-left: 0; }
.compare-refs li { margin: 6px 0; }
#library-table a, #paper-detail a, .source-links a { color: var(--link-text-color); text-decoration: underline; }
#paper-detail dl { display: grid; grid-template-columns: max-content auto; gap: 2px 10px; font-size: .92em; }
#paper-detail dt { font-weight: 600; }
.upload-summary { white-space: pre-wrap; font-size: .9em; }
.placeholder { color: var(--body-text-color-subdued); }
details.verification { font-size: .88em; margin-top: 6px; }
details.verification ul { list-style: none; padding-left: 0; margin: 4px 0; }
details.verification li { margin: 3px 0; }
.check-mark { display: inline-block; width: 1.2em; font-weight: 700; }
.check-verified .check-mark { color: #1a7f37; }
.check-repaired .check-mark { color: #9a6700; }
.check-removed { color: var(--body-text-color-subdued); text-decoration: line-through; }
.check-removed em { text-decoration: none; display: inline-block; }
.check-evidence { color: var(--body-text-color-subdued); }
"""

# A citation scrolls to its card even when the card is inside a collapsed <details>
# (earlier turns) or a scrolled panel; default fragment navigation does neither.
HEAD = """
<script>
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element ? event.target.closest("a[href^='#']") : null;
  if (!link) return;
  var id = decodeURIComponent((link.getAttribute("href") || "").slice(1));
  if (!/^(t[0-9]+-)?src-[0-9]+$|^cmp-[0-9]+$/.test(id)) return;
  var target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  var card = target.closest(".source-card") || target;
  for (var d = card.closest("details"); d; d = d.parentElement ? d.parentElement.closest("details") : null) {
    d.open = true;
  }
  card.scrollIntoView({block: "start"});
  card.classList.add("flash");
  setTimeout(function () { card.classList.remove("flash"); }, 1500);
}, true);
</script>
"""


@dataclass
class ChatSession:
    """One browser session's dialogue: the engine's conversation plus each answered turn with its cited papers."""

    conversation: Conversation = field(default_factory=Conversation)
    turns: list[tuple[Answer, dict[str, Paper]]] = field(default_factory=list)

    def messages(self) -> list[Message]:
        out: list[Message] = []
        last = len(self.turns)
        for index, (answer, _) in enumerate(self.turns, start=1):
            prefix = "src" if index == last else render.turn_prefix(index)
            out.append({"role": "user", "content": render.question_markdown(answer.question)})
            out.append({"role": "assistant", "content": _answer_markdown(answer, prefix)})
        return out


def _answer_markdown(answer: Answer, prefix: str = "src") -> str:
    text = render.link_citations(answer.answer, {c.n for c in answer.citations}, prefix)
    if answer.notice:
        text += f"\n\n*{render.escape_markdown(answer.notice)}*"
    checks = render.verification_html(answer)
    return f"{text}\n\n{checks}" if checks else text


def _backend(name: str | None) -> str | None:
    return check_backend(name) if name else None


def build_app(engine: Engine) -> gr.Blocks:
    """The Blocks app over one shared engine (queue configured); launch it with `launch_options()`."""
    # --- handlers ----------------------------------------------------------------------

    async def respond(
        question: str, session: ChatSession | None, backend: str | None
    ) -> AsyncIterator[tuple[Any, ...]]:
        """Stream one answer. Async on purpose: each engine step runs in a worker thread we await, so Stop
        cancels at once (Gradio's cancel waits for a running *sync* generator step, i.e. a whole retrieval)."""
        session = session if isinstance(session, ChatSession) else ChatSession()
        try:
            backend_name = _backend(backend)
            cleaned = check_question(question)
        except PaperchatError as error:  # one line the user can act on, never a traceback
            yield session.messages(), gr.skip(), render.error_html(render.one_line(error)), session, gr.skip()
            return
        earlier = session.messages()
        asked: Message = {"role": "user", "content": render.question_markdown(cleaned)}
        pending = render.placeholder_html("Finding sources…")
        yield [*earlier, asked, {"role": "assistant", "content": "…"}], pending, "", session, ""
        # The engine records the turn in the conversation it is given; it gets a copy, committed only
        # when the answer is complete, so a stopped answer never becomes history.
        working = Conversation(turns=list(session.conversation.turns))
        events = engine.stream(cleaned, working, backend_name)
        text = ""
        final: Answer | None = None
        try:
            while (event := await asyncio.to_thread(next, events, None)) is not None:
                if isinstance(event, Answer):
                    final = event
                    continue
                # The model's draft streams as it is written, marked as such until verification replaces it.
                first = not text and backend_name != "extractive"
                drafting = render.notice_html("drafting", LABELS["drafting"]) if first else gr.skip()
                text += event
                streamed: Message = {"role": "assistant", "content": render.link_citations(text)}
                yield [*earlier, asked, streamed], gr.skip(), drafting, gr.skip(), gr.skip()
        except PaperchatError as error:
            restored = render.history_sources_html(session.turns) or render.placeholder_html(LABELS["sources_empty"])
            yield earlier, restored, render.error_html(render.one_line(error)), session, question
            return
        if final is None:  # the engine always ends with an Answer; keep the UI consistent if it did not
            return
        papers = await asyncio.to_thread(cited_papers, final)
        session.conversation = working
        session.turns.append((final, papers))
        yield session.messages(), render.history_sources_html(session.turns), render.answer_notices(final), session, ""

    def cited_papers(answer: Answer) -> dict[str, Paper]:
        ids = dict.fromkeys(c.paper_id for c in answer.citations)
        return {pid: paper for pid in ids if (paper := engine.paper(pid)) is not None}

    def stopped(session: ChatSession | None) -> tuple[Any, ...]:
        """After a cancelled answer: the conversation as it was before the question."""
        session = session if isinstance(session, ChatSession) else ChatSession()
        panel = render.history_sources_html(session.turns) or render.placeholder_html(LABELS["sources_empty"])
        return session.messages(), panel, render.notice_html("stopped", "Stopped: that answer was not kept.")

    def clear() -> tuple[Any, ...]:
        return [], render.placeholder_html(LABELS["sources_empty"]), "", ChatSession(), ""

    def library(query: str | None) -> tuple[Any, list[tuple[str, str]]]:
        papers = render.search_papers(engine.papers(), query or "")
        rows = [render.library_row(p) for p in papers]
        return gr.update(value=rows or None), [(p.paper_id, p.title) for p in papers]

    def refresh(query: str | None) -> tuple[Any, ...]:
        papers = engine.papers()
        table, shown = library(query)
        choices = [(p.title, p.paper_id) for p in papers]
        return _header(len(papers)), table, shown, gr.update(choices=choices)

    def select_paper(shown: list[tuple[str, str]], evt: gr.SelectData) -> tuple[Any, ...]:
        paper_id = _selected_id(shown, evt)
        paper = engine.paper(paper_id) if paper_id else None
        if paper is None:
            return render.placeholder_html(LABELS["detail_empty"]), None, gr.update(interactive=False)
        return render.paper_detail_html(paper), paper.paper_id, gr.update(interactive=True)

    def ask_about(paper_id: str | None) -> tuple[Any, ...]:
        paper = engine.paper(paper_id) if paper_id else None
        if paper is None:
            return gr.skip(), gr.skip()
        return gr.Tabs(selected="chat"), render.ask_about_question(paper)

    def upload(file_path: str | None, query: str | None) -> tuple[Any, ...]:
        if not file_path:
            return (gr.skip(),) * 6
        uploads_dir = engine.settings.home / "uploads"
        source = Path(file_path)
        stored = store_upload(source, uploads_dir, source.name)
        shown_as = stored.name
        try:
            report = ingest_into(engine, [stored])
        except PaperchatError as error:
            discard_upload(stored, uploads_dir)  # not ingested: keep no copy
            message = render.one_line(str(error).replace(str(stored), shown_as))
            return render.error_html(message), None, gr.skip(), gr.skip(), gr.skip(), gr.skip()
        if not (report.added or report.updated):
            discard_upload(stored, uploads_dir)  # every record rejected or already stored: nothing refers to it
        summary = report.summary().replace(str(stored), shown_as)
        count = engine.paper_count()
        result = (
            f'<pre class="upload-summary" id="upload-summary">{render.escape(summary)}\n'
            f"{count} papers stored in {render.escape(engine.settings.store.collection)}</pre>"
        )
        header, table, shown, choices = refresh(query)
        return result, None, header, table, shown, choices

    def compare(paper_ids: list[str] | None) -> str:
        try:
            return render.compare_html(engine.compare(list(paper_ids or [])))
        except PaperchatError as error:
            return render.error_html(render.one_line(error))

    def ask(question: str, backend: str | None = None) -> dict[str, Any]:
        """Answer one question (single turn, no history) and return the answer JSON of DESIGN.md."""
        if not isinstance(question, str) or not isinstance(backend, str | None):
            raise refused("/ask takes a question (text) and a backend (text or null)")
        try:
            return engine.ask(question, None, _backend(backend)).to_json()
        except PaperchatError as error:
            raise refused(error) from None

    # --- layout ------------------------------------------------------------------------

    private: dict[str, Any] = {"api_visibility": "private"}
    with _Blocks(title=CONFIG.title, analytics_enabled=False) as demo:
        header = gr.Markdown(_header(None), elem_id="header")
        session = gr.State(None)  # a ChatSession, made on first use (gr.State(ChatSession) breaks get_config)
        shown = gr.State([])
        selected = gr.State(None)
        with gr.Tabs(elem_id="tabs") as tabs:
            with gr.Tab(_tab_label("chat"), id="chat", elem_id="tab-chat"), gr.Row(equal_height=False):
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(
                        elem_id="chatbot",
                        label="Conversation",
                        height=CONFIG.chat_height,
                        buttons=["copy"],
                        feedback_options=None,
                        latex_delimiters=[],
                        sanitize_html=True,
                        render_markdown=True,
                        group_consecutive_messages=False,
                    )
                    notice = gr.HTML("", elem_id="chat-notice")
                    question = gr.Textbox(
                        label=LABELS["question"],
                        placeholder=LABELS["question_placeholder"],
                        elem_id="question",
                        max_lines=4,
                    )
                    with gr.Row():
                        ask_button = gr.Button(LABELS["ask"], variant="primary", elem_id="ask", scale=2)
                        stop_button = gr.Button(LABELS["stop"], variant="stop", elem_id="stop", scale=1)
                        clear_button = gr.Button(LABELS["clear"], elem_id="clear", scale=1)
                    gr.Examples(examples=[[q] for q in CONFIG.examples], inputs=[question], label=LABELS["examples"])
                with gr.Column(scale=2):
                    sources = gr.HTML(
                        render.placeholder_html(LABELS["sources_empty"]),
                        elem_id="sources",
                        max_height=CONFIG.sources_max_height,
                    )
            with gr.Tab(_tab_label("library"), id="library", elem_id="tab-library"):
                search = gr.Textbox(
                    label=LABELS["search"], placeholder=LABELS["search_placeholder"], elem_id="library-search"
                )
                with gr.Row(equal_height=False):
                    with gr.Column(scale=3):
                        table = gr.Dataframe(
                            headers=list(CONFIG.library_headers),
                            datatype=["str", "str", "str", "str", "html"],
                            type="array",
                            interactive=False,
                            wrap=True,
                            max_height=520,
                            column_widths=["45%", "18%", "7%", "12%", "18%"],
                            elem_id="library-table",
                        )
                    with gr.Column(scale=2):
                        detail = gr.HTML(render.placeholder_html(LABELS["detail_empty"]), elem_id="paper-detail")
                        ask_about_button = gr.Button(LABELS["ask_about"], elem_id="ask-about", interactive=False)
                upload_file = gr.File(label=LABELS["upload"], type="filepath", elem_id="upload")
                upload_result = gr.HTML("", elem_id="upload-result")
            with gr.Tab(_tab_label("compare"), id="compare", elem_id="tab-compare"):
                with gr.Row(equal_height=True):
                    pick = gr.Dropdown(
                        choices=[],
                        multiselect=True,
                        max_choices=3,
                        label=LABELS["compare_pick"],
                        elem_id="compare-pick",
                        scale=5,
                    )
                    compare_button = gr.Button(
                        LABELS["compare"], variant="primary", elem_id="compare-run", scale=0, min_width=140
                    )
                compare_table = gr.HTML(render.placeholder_html(LABELS["compare_empty"]), elem_id="compare-table")
            with gr.Tab(_tab_label("settings"), id="settings", elem_id="tab-settings"):
                backend = gr.Dropdown(
                    choices=list(BACKENDS),
                    value=engine.settings.llm.backend,
                    label=LABELS["backend"],
                    elem_id="backend",
                )
                gr.JSON(engine.settings.public_view(), label=LABELS["settings"], elem_id="settings-view")

        # --- events ----------------------------------------------------------------------

        chat_io: dict[str, Any] = {
            "fn": respond,
            "inputs": [question, session, backend],
            "outputs": [chatbot, sources, notice, session, question],
            **private,
        }
        # Also callable by clients as `/chat` (one gradio_client.Client = one session, so follow-ups use that
        # session's history: the load benchmark drives conversations this way); undocumented, `/ask` is the API.
        ask_event = ask_button.click(**{**chat_io, "api_name": "chat", "api_visibility": "undocumented"})
        submit_event = question.submit(**chat_io)
        stop_button.click(
            stopped, inputs=[session], outputs=[chatbot, sources, notice], cancels=[ask_event, submit_event], **private
        )
        reset_io: dict[str, Any] = {
            "fn": clear,
            "outputs": [chatbot, sources, notice, session, question],
            "cancels": [ask_event, submit_event],
            **private,
        }
        clear_button.click(**reset_io)
        chatbot.clear(**reset_io)  # the chatbot's own trash icon must forget the conversation too

        demo.load(refresh, inputs=[search], outputs=[header, table, shown, pick], **private)
        search.change(library, inputs=[search], outputs=[table, shown], trigger_mode="always_last", **private)
        table.select(select_paper, inputs=[shown], outputs=[detail, selected, ask_about_button], **private)
        ask_about_button.click(ask_about, inputs=[selected], outputs=[tabs, question], **private)
        upload_file.upload(
            upload,
            inputs=[upload_file, search],
            outputs=[upload_result, upload_file, header, table, shown, pick],
            **private,
        )
        compare_button.click(compare, inputs=[pick], outputs=[compare_table], **private)

        gr.api(ask, api_name="ask")

    demo.queue(default_concurrency_limit=CONFIG.concurrency_limit)
    return demo


_log = logging.getLogger("paperchat.app")


def refused(error: object) -> gr.Error:
    """A user's mistake: one line back to the client and one line in the server log. Gradio prints a
    traceback for every other exception; tracebacks are kept for bugs."""
    message = render.one_line(error)
    _log.warning("paperchat: request refused: %s", message[:300])
    return gr.Error(message, print_exception=False)


class _Blocks(gr.Blocks):
    """Blocks whose input-count check (an API client sending too few values) is a user's mistake, not a bug."""

    def validate_inputs(self, block_fn: Any, inputs: list[Any]) -> None:
        try:
            super().validate_inputs(block_fn, inputs)
        except ValueError:
            name = getattr(block_fn, "api_name", None) or getattr(block_fn, "name", "this endpoint")
            raise refused(f"/{name} expects {len(block_fn.inputs)} input values, got {len(inputs)}") from None


def _selected_id(shown: list[tuple[str, str]], evt: gr.SelectData) -> str | None:
    """The selected row's paper: by position when that row still has the clicked title, else by the title
    (the table can be sorted in the browser, which changes positions but not the row's values)."""
    row_value = evt.row_value if isinstance(evt.row_value, list) else None
    title = str(row_value[0]) if row_value else None
    index = evt.index[0] if isinstance(evt.index, list | tuple) else evt.index
    if isinstance(index, int) and 0 <= index < len(shown) and title in (None, shown[index][1]):
        return shown[index][0]
    return next((paper_id for paper_id, shown_title in shown if shown_title == title), None)


def _tab_label(tab_id: str) -> str:
    return next(t.label for t in TABS if t.id == tab_id)


def _header(count: int | None) -> str:
    papers = f" · **{count} papers**" if count is not None else ""
    return f"## {CONFIG.title}\n{CONFIG.tagline}{papers}"


def launch_options() -> dict[str, Any]:
    """`launch()` keywords the app needs (Gradio 6 takes css/head there, not in `Blocks`)."""
    return {
        "css": CSS,
        "head": HEAD,
        "max_file_size": CONFIG.max_file_size,
        "footer_links": ["api", "settings"],
        "run_history": False,
        "ssr_mode": False,
        "mcp_server": False,
        "show_error": False,
    }


def serve(engine: Engine, host: str = "127.0.0.1", port: int = 7860) -> None:
    """Run the app until interrupted; binds to localhost unless told otherwise.

    The OpenAI-compatible API (`/v1/...`, ui/openai_api.py) shares the port: its routes go into the
    FastAPI app Gradio builds, ahead of Gradio's own."""
    from ui.openai_api import api_routes

    demo = build_app(engine)
    engine.warm()
    with _sigterm_as_interrupt():
        demo.launch(server_name=host, server_port=port, app_kwargs={"routes": api_routes(engine)}, **launch_options())


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C: Gradio then closes its server and the process exits normally, so atexit
    hooks run (the engine's local llama.cpp server is stopped by one; a bare SIGTERM would orphan it)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
