"""The Gradio app: a thin shell around one shared Engine.

The engine holds only read-mostly resources (embedder, store, indexes); every
piece of user state — the conversation, the rendered turns, the library
selection — lives in per-session `gr.State`, so two browsers never see each
other's questions. All markup comes from `ui.render`, which escapes every value.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import shutil
import signal
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import aclosing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

import gradio as gr
from gradio.components.chatbot import ExampleMessage
from gradio.events import api as gr_api  # `gr.api`, which gradio re-exports without listing it in `__all__`

from ingest.pipeline import delete_papers, ingest_into
from rag import user_settings
from rag.answer import Answer
from rag.engine import Conversation, Progress, check_question
from rag.errors import PaperchatError, SettingsError
from rag.filters import Filters, keep_papers
from rag.papers import Paper
from rag.settings import BACKENDS, Settings, check_backend
from ui import a11y, compare_view, exports, filter_row, progress, render
from ui.config import CONFIG, LABELS, TABS
from ui.history import LOCAL_USER, HistoryError, HistoryStore, browser_secret, conversation_of, title_for
from ui.uploads import discard_upload, store_upload
from ui.users import load_users, login_check

if TYPE_CHECKING:
    from ingest.pipeline import IngestReport
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
details.verification { font-size: .88em; margin-top: 6px; }
details.verification ul { list-style: none; padding-left: 0; margin: 4px 0; }
details.verification li { margin: 3px 0; }
.check-mark { display: inline-block; width: 1.2em; font-weight: 700; }
.check-verified .check-mark { color: #1a7f37; }
.check-repaired .check-mark { color: #9a6700; }
.check-removed { color: var(--body-text-color-subdued); text-decoration: line-through; }
.check-removed em { text-decoration: none; display: inline-block; }
.check-evidence { color: var(--body-text-color-subdued); }
.compare-table { border-collapse: collapse; width: 100%; font-size: .92em; }
.compare-table th, .compare-table td { border: 1px solid var(--border-color-primary); padding: 6px 8px;
  vertical-align: top; text-align: left; }
.compare-table td.not-stated { color: var(--body-text-color-subdued); font-style: italic; }
.compare-refs { list-style: none; padding-left: 0; }
.compare-refs li { margin: 6px 0; }
#library-table a, #paper-detail a, .source-links a { color: var(--link-text-color); text-decoration: underline; }
#paper-detail dl { display: grid; grid-template-columns: max-content auto; gap: 2px 10px; font-size: .92em; }
#paper-detail dt { font-weight: 600; }
.upload-summary { font-size: .95em; }
.upload-summary ul { margin: 2px 0 8px 1.2em; }
.upload-summary code { font-size: .9em; }
.notice-info { background: #eaf6ec; border: 1px solid #8cc79a; }
#history-panel { gap: 6px; }
#chat-notice { min-height: 0; padding: 0; }
#chat-notice:has(> div:empty), #chat-notice .prose:empty { display: none; }
.history-empty { font-size: .9em; color: var(--body-text-color-subdued); padding: 4px 2px; }
#library-table, #library-table * { font-family: var(--font); }
#history-list { max-height: 560px; overflow-y: auto; }
#history-list label { width: 100%; font-size: .9em; }
#library-count { font-size: .9em; color: var(--body-text-color-subdued); }
#settings-view dl { display: grid; grid-template-columns: max-content auto; gap: 2px 12px; font-size: .92em; }
#settings-view dt { font-weight: 600; }
.placeholder { color: var(--body-text-color-subdued); }
"""

# A citation scrolls to its card even when the card is inside a collapsed <details>
# (earlier turns) or a scrolled panel; default fragment navigation does neither.
HEAD = """
<script>
// A citation scrolls to its card even when the card is inside a collapsed <details> (earlier turns) or a
// scrolled panel; default fragment navigation does neither. Only the panel that holds the card scrolls:
// scrollIntoView would also scroll the window, and the header and tabs would leave the screen.
function paperchatScrollTo(card) {
  var panel = card.parentElement;
  while (panel && panel !== document.body) {
    var overflow = getComputedStyle(panel).overflowY;
    if ((overflow === "auto" || overflow === "scroll") && panel.scrollHeight > panel.clientHeight) break;
    panel = panel.parentElement;
  }
  if (!panel || panel === document.body) { card.scrollIntoView({block: "nearest"}); return; }
  // A card taller than the panel: show its highlighted evidence, not only its title.
  var mark = card.getBoundingClientRect().height > panel.clientHeight ? card.querySelector("mark") : null;
  var offset = mark ? mark.getBoundingClientRect().top - 80 : card.getBoundingClientRect().top - 8;
  panel.scrollTop += offset - panel.getBoundingClientRect().top;
  var box = panel.getBoundingClientRect();
  if (box.top < 0 || box.top > window.innerHeight) panel.scrollIntoView({block: "nearest"});
}
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element ? event.target.closest("a[href^='#']") : null;
  if (!link) return;
  if (link.classList.contains("ask-paper")) {  // "other retrieved": a question about that paper, in the box
    event.preventDefault();
    var box = document.querySelector("#question textarea");
    if (!box) return;
    box.value = link.getAttribute("data-question") || "";
    box.dispatchEvent(new Event("input", {bubbles: true}));
    box.focus();
    return;
  }
  var id = decodeURIComponent((link.getAttribute("href") || "").slice(1));
  if (!/^(t[0-9]+-)?src-[0-9]+$|^cmp-[0-9]+(-[0-9]+)?$/.test(id)) return;
  var target = document.getElementById(id);
  if (!target) return;
  event.preventDefault();
  var card = target.closest(".source-card") || target;
  for (var d = card.closest("details"); d; d = d.parentElement ? d.parentElement.closest("details") : null) {
    d.open = true;
  }
  paperchatScrollTo(card);
  card.classList.add("flash");
  setTimeout(function () { card.classList.remove("flash"); }, 1500);
}, true);
</script>
"""

# "Copy answer": the last answer as Markdown with its references (the chatbot's own copy button copies HTML).
COPY_JS = """
async (text) => {
  if (!text) return "";
  try {
    await navigator.clipboard.writeText(text);
    return '<div class="notice notice-info" role="status">Copied the answer as Markdown, with its references.</div>';
  } catch (error) {
    return '<div class="notice notice-error" role="alert">The browser did not allow copying; use "Download answer" instead.</div>';
  }
}
"""
OPEN_STORAGE_KEY = "paperchat-open-conversation"
EXPORTS = "exports"  # under the home: each conversation's Markdown and bibliography exports, by conversation id


@dataclass
class ChatSession:
    """One browser session's dialogue: the engine's conversation plus each answered turn with its cited papers,
    and which saved conversation it is (None until its first answer is saved)."""

    conversation: Conversation = field(default_factory=Conversation)
    turns: list[tuple[Answer, dict[str, Paper]]] = field(default_factory=list)
    conversation_id: str | None = None
    title: str = ""
    pending_question: str = ""  # the question being answered; put back in the box if the answer is stopped
    # Stop pressed while answering: what was in the question box then (None: not pressed). The answer's own
    # stream ends itself on seeing it, so nothing it sends can arrive after the stopped view.
    stop_typed: str | None = None

    def messages(self, turns: list[tuple[Answer, dict[str, Paper]]] | None = None) -> list[Message]:
        shown = self.turns if turns is None else turns
        out: list[Message] = []
        last = len(shown)
        for index, (answer, _) in enumerate(shown, start=1):
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


def _owner(request: gr.Request | None) -> str:
    """The logged-in user (Gradio auth from PAPERCHAT_USERS), else the one local user."""
    name = getattr(request, "username", None) if request is not None else None
    return str(name) if name else LOCAL_USER


def _session(value: object) -> ChatSession:
    return value if isinstance(value, ChatSession) else ChatSession()


def build_app(engine: Engine) -> gr.Blocks:
    """The Blocks app over one shared engine (queue configured); launch it with `launch_options()`."""
    home = engine.settings.home
    history = HistoryStore(home / "history.sqlite3")
    started_with = engine.settings  # saved settings are applied on top of these, so clearing one restores it
    engine.reconfigure(user_settings.effective(started_with))

    # --- chat: answering -----------------------------------------------------------------

    def idle() -> dict[Any, Any]:
        """Ask usable, Stop greyed out: nothing is running."""
        return {
            ask_button: gr.update(interactive=True),
            stop_button: gr.update(interactive=False, variant="secondary"),
        }

    def running() -> dict[Any, Any]:
        return {
            ask_button: gr.update(interactive=False),
            stop_button: gr.update(interactive=True, variant="stop"),
        }

    def cited_papers(answer: Answer) -> dict[str, Paper]:
        ids = list(dict.fromkeys(c.paper_id for c in answer.citations))
        return engine.store.get_papers(ids) if ids else {}

    def sources_panel(session: ChatSession) -> str:
        return render.history_sources_html(session.turns) or render.placeholder_html(LABELS["sources_empty"])

    def exports_of(session: ChatSession) -> dict[Any, Any]:
        """The download buttons' files and the copy button's Markdown, for what the chat now shows."""
        if not session.turns or session.conversation_id is None:
            return {
                answer_download: gr.update(value=None, interactive=False),
                conversation_download: gr.update(value=None, interactive=False),
                copy_source: "",
                copy_button: gr.update(interactive=False),
                **bibliography_downloads(None, None),
            }
        answer, papers = session.turns[-1]
        folder = home / EXPORTS / session.conversation_id
        single = exports.answer_markdown(answer, papers)
        whole = exports.conversation_markdown(session.turns, session.title)
        answer_path = exports.write_export(folder, "answer-" + exports.export_name(answer.question), single)
        whole_path = exports.write_export(folder, exports.export_name(session.title or "conversation"), whole)
        return {
            answer_download: gr.update(value=str(answer_path), interactive=True),
            conversation_download: gr.update(value=str(whole_path), interactive=True),
            copy_source: single,
            copy_button: gr.update(interactive=True),
            **bibliography_downloads(folder, session.turns[-1]),
        }

    def bibliography_downloads(folder: Path | None, turn: tuple[Answer, dict[str, Paper]] | None) -> dict[Any, Any]:
        """The last answer's cited papers as BibTeX and RIS files; greyed out when it cites none."""
        update: dict[Any, Any] = {}
        for fmt, button in (("bibtex", bibtex_download), ("ris", ris_download)):
            text = exports.cited_bibliography(turn[0], turn[1], fmt) if turn is not None else None
            if folder is None or turn is None or text is None:
                update[button] = gr.update(value=None, interactive=False)
                continue
            name = "cited-" + exports.export_name(turn[0].question, exports.BIBLIOGRAPHY_FORMATS[fmt])
            update[button] = gr.update(value=str(exports.write_export(folder, name, text)), interactive=True)
        return update

    def history_update(owner: str, query: str | None, current: str | None) -> Any:
        choices = [(c.label(), c.id) for c in history.conversations(owner, query or "")]
        return gr.update(choices=choices, value=current if any(v == current for _, v in choices) else None)

    def history_hint(owner: str, query: str | None) -> str:
        """Said where the list is empty: nothing saved yet, or nothing matches the search."""
        if history.conversations(owner, query or ""):
            return ""
        text = LABELS["history_no_match"] if (query or "").strip() else LABELS["history_empty"]
        return f'<p class="history-empty">{render.escape(text)}</p>'

    def shown(
        session: ChatSession, owner: str, query: str | None = None, opened: dict[str, Any] | None = None
    ) -> dict[Any, Any]:
        """Everything that follows from which conversation is open. `query` None (an answer just came in):
        the search is cleared, so the list shows the conversation that was just saved."""
        remembered = dict(opened) if isinstance(opened, dict) else {}
        remembered[owner] = session.conversation_id
        update = {
            chatbot: session.messages(),
            sources: sources_panel(session),
            session_state: session,
            history_list: history_update(owner, query, session.conversation_id),
            history_empty: history_hint(owner, query),
            rename_box: gr.update(value=session.title, interactive=session.conversation_id is not None),
            rename_button: gr.update(interactive=session.conversation_id is not None),
            delete_button: gr.update(interactive=session.conversation_id is not None),
            open_state: remembered,
            **exports_of(session),
        }
        if query is None:
            update[history_search] = ""
        return update

    def save_turn(session: ChatSession, owner: str, answer: Answer, replace_last: bool) -> None:
        """Record the answered turn; a conversation deleted meanwhile (another tab) is saved anew, whole."""
        if session.conversation_id is not None and history.add_turn(
            owner, session.conversation_id, answer, replace_last=replace_last
        ):
            return
        session.title = title_for(session.turns[0][0].question)
        session.conversation_id = history.create(owner, session.title)
        for saved, _ in session.turns:
            history.add_turn(owner, session.conversation_id, saved)

    async def answer_turn(
        question: str,
        session: ChatSession,
        backend: str | None,
        owner: str,
        replace_last: bool = False,
        limits: object = None,
    ) -> AsyncIterator[dict[Any, Any]]:
        """Stream one answer. Async on purpose: each engine step runs in a worker thread we await, so Stop (and
        a new chat, which cancels the event) acts within a tick, not after a whole retrieval or model call.
        `replace_last` answers again in place of the last turn (regenerate, edit and resend)."""
        try:
            backend_name = _backend(backend)
            cleaned = check_question(question)
            filters = filter_row.current(limits)
        except PaperchatError as error:
            yield {chatbot: session.messages(), notice: render.error_html(render.one_line(error)), **idle()}
            return
        kept = session.turns[:-1] if replace_last else session.turns
        earlier = session.messages(kept)
        asked: Message = {"role": "user", "content": render.question_markdown(cleaned)}
        session.pending_question = cleaned
        started = time.perf_counter()
        stage, text = "retrieving", ""

        def bubble() -> list[Message]:
            """The answer so far with the engine's current stage and the elapsed seconds under it."""
            line = progress.stage_html(stage, time.perf_counter() - started)
            shown_text = f"{render.link_citations(text)}\n\n{line}" if text else line
            return [*earlier, asked, {"role": "assistant", "content": shown_text}]

        yield {
            chatbot: bubble(),
            sources: render.placeholder_html(progress.STAGE_LABELS["retrieving"]),
            notice: "",
            session_state: session,
            question_box: "",
            **running(),
        }
        # The engine records the turn in the conversation it is given; it gets a copy, committed only
        # when the answer is complete, so a stopped answer never becomes history.
        base = session.conversation.turns[:-1] if replace_last else session.conversation.turns
        working = Conversation(turns=list(base))
        events = engine.events(cleaned, working, backend_name, filters)
        final: Answer | None = None
        session.stop_typed = None
        try:
            async with aclosing(progress.ticking(events)) as ticks:
                async for event in ticks:
                    if session.stop_typed is not None:
                        yield stopped_view(session)
                        return
                    if isinstance(event, Answer):
                        final = event
                        continue
                    update: dict[Any, Any] = {}
                    if isinstance(event, Progress):
                        stage = event.stage
                        if event.plan is not None:  # retrieval is done: its cards now, so the draft's [n] resolve
                            update[sources] = progress.early_sources_html(event.plan)
                    elif event is not None:
                        # The model's draft streams as it is written, marked as such until verification replaces it.
                        if not text and backend_name != "extractive":
                            update[notice] = render.notice_html("drafting", LABELS["drafting"])
                        text += event
                    update[chatbot] = bubble()
                    yield update
        except PaperchatError as error:
            session.pending_question = ""
            yield {
                chatbot: session.messages(),
                sources: sources_panel(session),
                notice: render.error_html(render.one_line(error)),
                question_box: question,
                **idle(),
            }
            return
        if final is None:  # the engine always ends with an Answer; keep the UI consistent if it did not
            yield idle()
            return
        papers = await asyncio.to_thread(cited_papers, final)
        session.conversation = working
        session.turns = [*kept, (final, papers)]
        session.pending_question = ""
        await asyncio.to_thread(save_turn, session, owner, final, replace_last)
        yield {**shown(session, owner), notice: render.answer_notices(final), **idle()}

    async def respond(
        question: str, session: ChatSession | None, backend: str | None, limits: object, request: gr.Request
    ) -> AsyncIterator[dict[Any, Any]]:
        async for update in answer_turn(question, _session(session), backend, _owner(request), limits=limits):
            yield update

    async def regenerate(
        session: ChatSession | None, backend: str | None, limits: object, request: gr.Request
    ) -> AsyncIterator[dict[Any, Any]]:
        """The chatbot's retry button: the last question answered again, replacing its answer once complete."""
        session = _session(session)
        if not session.turns:
            yield idle()
            return
        last_question = session.turns[-1][0].question
        async for update in answer_turn(last_question, session, backend, _owner(request), True, limits):
            yield update

    async def edit_and_resend(
        session: ChatSession | None, backend: str | None, limits: object, edit: gr.EditData, request: gr.Request
    ) -> AsyncIterator[dict[Any, Any]]:
        """The chatbot's edit button on a question: the last one is answered anew as edited; an earlier one
        cannot be (the answers after it rest on it), which the notice says."""
        session = _session(session)
        index = edit.index[0] if isinstance(edit.index, list | tuple) else edit.index
        if not session.turns or index != 2 * (len(session.turns) - 1):
            yield {
                chatbot: session.messages(),
                notice: render.notice_html("stopped", LABELS["edit_only_last"]),
                **idle(),
            }
            return
        edited = _plain_text(edit.value)
        async for update in answer_turn(edited, session, backend, _owner(request), True, limits):
            yield update

    def request_stop(session: ChatSession | None, typed: str | None) -> dict[Any, Any]:
        """Stop: the running answer ends itself at its next step or tick (within a second) with `stopped_view`.
        Not Gradio's `cancels`: this handler's view and a late update of the cancelled stream raced, and the late
        one could put the stopped answer back in the chat."""
        session = _session(session)
        if session.pending_question:
            session.stop_typed = typed or ""
        return {stop_button: gr.update(interactive=False)}

    def stopped_view(session: ChatSession) -> dict[Any, Any]:
        """After a stopped answer: the conversation as it was, and the question back in the box to edit or resend
        (unless something new was typed there meanwhile)."""
        pending, session.pending_question = session.pending_question, ""
        typed, session.stop_typed = session.stop_typed, None
        update: dict[Any, Any] = {
            chatbot: session.messages(),
            sources: sources_panel(session),
            notice: render.notice_html("stopped", LABELS["stopped"]),
            session_state: session,
            **idle(),
        }
        if pending and not (typed or "").strip():
            update[question_box] = pending
        return update

    # --- chat: saved conversations ------------------------------------------------------------

    def new_chat(
        session: ChatSession | None, query: str | None, opened: dict[str, Any] | None, request: gr.Request
    ) -> dict[Any, Any]:
        """A blank chat; the previous conversation stays in the history, so New chat loses nothing."""
        previous = _session(session)
        fresh = ChatSession()
        update = {**shown(fresh, _owner(request), query, opened), notice: "", **idle()}  # the box keeps what is typed
        if previous.conversation_id is not None:
            update[notice] = render.notice_html("info", LABELS["new_chat_saved"].format(title=previous.title))
        return update

    def open_conversation(
        conversation_id: str | None, query: str | None, opened: dict[str, Any] | None, request: gr.Request
    ) -> dict[Any, Any]:
        owner = _owner(request)
        answers = history.answers(owner, conversation_id) if conversation_id else None
        if answers is None:
            return {history_list: history_update(owner, query, None), notice: render.error_html(LABELS["not_found"])}
        summary = history.get(owner, str(conversation_id))
        session = ChatSession(
            conversation=conversation_of(answers),
            turns=[(answer, cited_papers(answer)) for answer in answers],
            conversation_id=conversation_id,
            title=summary.title if summary else "",
        )
        return {**shown(session, owner, query, opened), notice: "", **idle()}

    def restore(opened: dict[str, Any] | None, request: gr.Request) -> dict[Any, Any]:
        """On page load: the conversation this browser had open for this user, if it is still theirs."""
        owner = _owner(request)
        remembered = opened.get(owner) if isinstance(opened, dict) else None
        if isinstance(remembered, str) and history.get(owner, remembered) is not None:
            return open_conversation(remembered, "", opened, request)
        return {**shown(ChatSession(), owner, "", opened), **idle()}

    def rename(
        title: str | None, session: ChatSession | None, query: str | None, opened: dict[str, Any] | None,
        request: gr.Request,
    ) -> dict[Any, Any]:
        session, owner = _session(session), _owner(request)
        if session.conversation_id is None:
            return {notice: render.error_html(LABELS["nothing_open"])}
        try:
            if not history.rename(owner, session.conversation_id, title or ""):
                return {notice: render.error_html(LABELS["not_found"])}
        except HistoryError as error:
            return {notice: render.error_html(render.one_line(error))}
        session.title = title_for(title or "")
        return {**shown(session, owner, query, opened), notice: ""}

    def delete(
        session: ChatSession | None, query: str | None, opened: dict[str, Any] | None, request: gr.Request
    ) -> dict[Any, Any]:
        session, owner = _session(session), _owner(request)
        if session.conversation_id is None:
            return {notice: render.error_html(LABELS["nothing_open"])}
        history.delete(owner, session.conversation_id)
        shutil.rmtree(home / EXPORTS / session.conversation_id, ignore_errors=True)
        update = {**shown(ChatSession(), owner, query, opened), **idle()}
        update[notice] = render.notice_html("info", LABELS["deleted"].format(title=session.title))
        return update

    def search_history(query: str | None, session: ChatSession | None, request: gr.Request) -> tuple[Any, str]:
        owner = _owner(request)
        return history_update(owner, query, _session(session).conversation_id), history_hint(owner, query)

    # --- library, upload, compare ------------------------------------------------------------

    def library(query: str | None, limits: object = None) -> tuple[Any, list[tuple[str, str]], str]:
        papers = engine.papers()
        kept = keep_papers(papers, limits if isinstance(limits, Filters) else None)
        found = render.search_papers(kept, query or "")
        rows = [render.library_row(p) for p in found]
        count = _count_line(len(found), len(papers), query if kept is papers else query or "(filtered)")
        return gr.update(value=rows or None), [(p.paper_id, p.title) for p in found], count

    def refresh(query: str | None, limits: object = None) -> tuple[Any, ...]:
        papers = engine.papers()
        table, listed, count = library(query, limits)
        choices = [(p.title, p.paper_id) for p in papers]
        return _header(len(papers)), table, listed, gr.update(choices=choices), count

    def select_paper(listed: list[tuple[str, str]], evt: gr.SelectData) -> tuple[Any, ...]:
        paper_id = _selected_id(listed, evt)
        paper = engine.paper(paper_id) if paper_id else None
        if paper is None:
            return render.placeholder_html(LABELS["detail_empty"]), None, gr.update(interactive=False), gr.update(
                interactive=False
            )
        return (
            render.paper_detail_html(paper),
            paper.paper_id,
            gr.update(interactive=True),
            gr.update(interactive=True),
        )

    def open_first(query: str | None) -> tuple[Any, ...]:
        """Enter in the library search opens the first match: the table's rows cannot be selected by keyboard."""
        found = render.search_papers(engine.papers(), query or "")
        paper = found[0] if found and (query or "").strip() else None
        if paper is None:
            return gr.skip(), gr.skip(), gr.skip(), gr.skip()
        return render.paper_detail_html(paper), paper.paper_id, gr.update(interactive=True), gr.update(interactive=True)

    def ask_about(paper_id: str | None) -> tuple[Any, ...]:
        paper = engine.paper(paper_id) if paper_id else None
        if paper is None:
            return gr.skip(), gr.skip()
        return gr.Tabs(selected="chat"), render.ask_about_question(paper)

    def delete_paper(paper_id: str | None, query: str | None, limits: object = None) -> tuple[Any, ...]:
        """Remove the selected paper and its chunks; the keyword index follows the store's new generation."""
        paper = engine.paper(paper_id) if paper_id else None
        if paper is None:
            return (render.error_html(LABELS["paper_gone"]), *(gr.skip(),) * 7)
        try:
            delete_papers(engine, [paper.paper_id])
        except PaperchatError as error:
            return (render.error_html(render.one_line(error)), *(gr.skip(),) * 7)
        header_md, table_value, listed, choices, count = refresh(query, limits)
        message = render.notice_html("info", LABELS["paper_deleted"].format(title=paper.title))
        return (
            message,
            header_md,
            table_value,
            listed,
            choices,
            count,
            render.placeholder_html(LABELS["detail_empty"]),
            gr.update(interactive=False),
        )

    def upload(file_path: str | None, query: str | None, limits: object = None) -> tuple[Any, ...]:
        if not file_path:
            return (gr.skip(),) * 7
        uploads_dir = engine.settings.home / "uploads"
        source = Path(file_path)
        stored = store_upload(source, uploads_dir, source.name)
        shown_as = stored.name
        try:
            report = ingest_into(engine, [stored])
        except PaperchatError as error:
            discard_upload(stored, uploads_dir)  # not ingested: keep no copy
            message = render.one_line(str(error).replace(str(stored), shown_as))
            return render.error_html(message), None, gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()
        if not (report.added or report.updated):
            discard_upload(stored, uploads_dir)  # every record rejected or already stored: nothing refers to it
        result = upload_summary_html(report, str(stored), shown_as, engine.paper_count())
        header_md, table_value, listed, choices, count = refresh(query, limits)
        return result, None, header_md, table_value, listed, choices, count

    def compare(paper_ids: list[str] | None, topic: str | None) -> str:
        try:
            return render.compare_html(engine.compare(list(paper_ids or []), topic))
        except PaperchatError as error:
            return render.error_html(render.one_line(error))

    def rank_picker(evt: gr.KeyUpData) -> Any:
        """The picker's papers re-ordered for what is typed: "ECON" lists ECON before "reconstruction" papers."""
        return gr.update(choices=compare_view.ranked_choices(engine.papers(), str(evt.input_value or "")))

    def ask(question: str, backend: str | None = None, filters: dict[str, Any] | None = None) -> dict[str, Any]:
        """Answer one question (single turn, no history) and return the answer JSON of DESIGN.md; `filters`
        ({"year": "2024:", "author", "venue", "category"}) limits retrieval and is echoed in the answer."""
        if not isinstance(question, str) or not isinstance(backend, str | None):
            raise refused("/ask takes a question (text) and a backend (text or null)")
        try:
            limits = Filters.from_json(filters) or None
            return engine.ask(question, None, _backend(backend), limits).to_json()
        except PaperchatError as error:
            raise refused(error) from None

    # --- settings ------------------------------------------------------------------------------

    def settings_form() -> dict[Any, Any]:
        """The form as saved (so a reload shows the saved choice); the key field is always empty."""
        current = engine.settings
        return {
            backend: current.llm.backend,
            local_model: current.llm.local_model,
            base_url: _shown_url(current),
            remote_model: current.llm.model or "",
            api_key: "",
            forget_key: False,
            top_k: current.retrieval.top_k,
            key_state: _key_status_html(user_settings.key_status(home, started_with)),
            data_view: _data_html(current),
        }

    def save_settings(
        backend_value: str | None,
        local_value: str | None,
        url_value: str | None,
        model_value: str | None,
        key_value: str | None,
        forget: bool,
        top_k_value: float | None,
    ) -> dict[Any, Any]:
        wanted = user_settings.SavedSettings(
            backend=backend_value or None,
            local_model=local_value or None,
            base_url=_kept_url(engine.settings, url_value),
            model=model_value or None,
            top_k=int(top_k_value) if top_k_value is not None else None,
        )
        try:
            saved = user_settings.save(home, wanted)
            if key_value and key_value.strip():
                user_settings.save_key(home, key_value)
            elif forget:
                user_settings.forget_key(home)
        except SettingsError as error:
            return {settings_status: render.error_html(render.one_line(error)), api_key: ""}
        engine.reconfigure(user_settings.apply(started_with, saved, user_settings.read_key(home)))
        return {**settings_form(), settings_status: render.notice_html("info", LABELS["settings_saved"])}

    # --- layout ------------------------------------------------------------------------

    private: dict[str, Any] = {"api_visibility": "private"}
    examples: list[ExampleMessage] = [{"text": q, "display_text": q} for q in CONFIG.examples]
    demo = _Blocks(title=CONFIG.title, analytics_enabled=False)
    with demo:
        header = gr.Markdown(_header(None), elem_id="header")
        session_state = gr.State(None)  # a ChatSession, made on first use (gr.State(ChatSession) breaks get_config)
        chat_filters = gr.State(None)  # the chat's filter row as Filters, or its error (ui/filter_row.py)
        library_filters = gr.State(None)  # the library's
        # Which conversation each user of this browser had open, kept in the browser (encrypted) for a reload.
        open_state = gr.BrowserState({}, storage_key=OPEN_STORAGE_KEY, secret=browser_secret(home))
        listed_state = gr.State([])
        selected = gr.State(None)
        with gr.Tabs(elem_id="tabs") as tabs:
            with gr.Tab(_tab_label("chat"), id="chat", elem_id="tab-chat"), gr.Row(equal_height=False):
                with gr.Column(scale=1, min_width=200, elem_id="history-panel"):
                    clear_button = gr.Button(LABELS["clear"], elem_id="clear", size="sm")
                    history_search = gr.Textbox(
                        show_label=False,
                        placeholder=LABELS["history_search"],
                        elem_id="history-search",
                        max_lines=1,
                        container=False,
                    )
                    history_empty = gr.HTML(
                        f'<p class="history-empty">{render.escape(LABELS["history_empty"])}</p>', elem_id="history-empty"
                    )
                    history_list = gr.Radio(
                        choices=[], label=LABELS["history"], elem_id="history-list", container=False
                    )
                    with gr.Accordion(LABELS["manage"], open=False, elem_id="history-manage"):
                        rename_box = gr.Textbox(
                            label=LABELS["rename_label"], elem_id="rename-box", max_lines=1, interactive=False
                        )
                        with gr.Row():
                            rename_button = gr.Button(LABELS["rename"], elem_id="rename", size="sm", interactive=False)
                            delete_button = gr.Button(
                                LABELS["delete"], elem_id="delete-conversation", size="sm", interactive=False
                            )
                with gr.Column(scale=3):
                    chatbot = gr.Chatbot(
                        elem_id="chatbot",
                        label="Conversation",
                        height=CONFIG.chat_height,
                        buttons=[],  # its copy buttons copy the chat's HTML; "Copy answer" below copies Markdown
                        feedback_options=None,
                        latex_delimiters=[],
                        sanitize_html=True,
                        render_markdown=True,
                        group_consecutive_messages=False,
                        editable="user",
                        examples=examples,
                        placeholder=LABELS["chat_placeholder"],
                    )
                    notice = gr.HTML("", elem_id="chat-notice")
                    question_box = gr.Textbox(
                        label=LABELS["question"],
                        placeholder=LABELS["question_placeholder"],
                        elem_id="question",
                        max_lines=4,
                    )
                    with gr.Row():
                        ask_button = gr.Button(LABELS["ask"], variant="primary", elem_id="ask", scale=2)
                        stop_button = gr.Button(LABELS["stop"], elem_id="stop", scale=1, interactive=False)
                    chat_filter_boxes, chat_filter_notice = filter_row.build("chat")
                    with gr.Row(elem_id="export-row"):
                        copy_button = gr.Button(LABELS["copy"], elem_id="copy-markdown", size="sm", interactive=False)
                        answer_download = gr.DownloadButton(
                            LABELS["download_answer"], elem_id="download-answer", size="sm", interactive=False
                        )
                        conversation_download = gr.DownloadButton(
                            LABELS["download_conversation"],
                            elem_id="download-conversation",
                            size="sm",
                            interactive=False,
                        )
                        bibtex_download = gr.DownloadButton(
                            LABELS["download_bibtex"], elem_id="download-bibtex", size="sm",
                            interactive=False,
                        )
                        ris_download = gr.DownloadButton(
                            LABELS["download_ris"], elem_id="download-ris", size="sm",
                            interactive=False,
                        )
                    copy_source = gr.Textbox(visible=False, elem_id="copy-source")
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
                library_filter_boxes, library_filter_notice = filter_row.build("library")
                library_count = gr.Markdown("", elem_id="library-count")
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
                        with gr.Row():
                            ask_about_button = gr.Button(LABELS["ask_about"], elem_id="ask-about", interactive=False)
                            delete_paper_button = gr.Button(
                                LABELS["delete_paper"], elem_id="delete-paper", interactive=False
                            )
                        with gr.Row(visible=False, elem_id="confirm-delete-row") as confirm_row:
                            confirm_delete = gr.Button(LABELS["confirm_delete_paper"], variant="stop", elem_id="confirm-delete-paper")
                            cancel_delete = gr.Button(LABELS["cancel"], elem_id="cancel-delete-paper")
                        paper_notice = gr.HTML("", elem_id="paper-notice")
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
                compare_topic = gr.Textbox(
                    label=LABELS["compare_topic"], placeholder=LABELS["compare_topic_placeholder"],
                    elem_id="compare-topic", max_lines=1,
                )
                compare_table = gr.HTML(render.placeholder_html(LABELS["compare_empty"]), elem_id="compare-table")
            with gr.Tab(_tab_label("settings"), id="settings", elem_id="tab-settings"):
                gr.Markdown(LABELS["settings_intro"], elem_id="settings-intro")
                with gr.Row():
                    backend = gr.Dropdown(
                        choices=list(BACKENDS),
                        value=engine.settings.llm.backend,
                        label=LABELS["backend"],
                        info=LABELS["backend_info"],
                        elem_id="backend",
                    )
                    local_model = gr.Radio(
                        choices=list(user_settings.LOCAL_MODELS),
                        value=engine.settings.llm.local_model,
                        label=LABELS["local_model"],
                        info=LABELS["local_model_info"],
                        elem_id="local-model",
                    )
                with gr.Row():
                    base_url = gr.Textbox(
                        label=LABELS["base_url"], info=LABELS["base_url_info"], elem_id="base-url", max_lines=1
                    )
                    remote_model = gr.Textbox(
                        label=LABELS["remote_model"], info=LABELS["remote_model_info"], elem_id="remote-model",
                        max_lines=1,
                    )
                with gr.Row():
                    with gr.Column():
                        api_key = gr.Textbox(
                            label=LABELS["api_key"],
                            info=LABELS["api_key_info"],
                            type="password",
                            value="",
                            elem_id="api-key",
                            max_lines=1,
                        )
                        key_state = gr.HTML(
                            _key_status_html(user_settings.key_status(home, started_with)), elem_id="api-key-state"
                        )
                        forget_key = gr.Checkbox(label=LABELS["forget_key"], value=False, elem_id="forget-key")
                    top_k = gr.Slider(
                        minimum=user_settings.TOP_K_RANGE[0],
                        maximum=user_settings.TOP_K_RANGE[1],
                        step=1,
                        value=engine.settings.retrieval.top_k,
                        label=LABELS["top_k"],
                        info=LABELS["top_k_info"],
                        elem_id="top-k",
                    )
                with gr.Row():
                    save_button = gr.Button(
                        LABELS["save_settings"], variant="primary", elem_id="save-settings", scale=0, min_width=200
                    )
                settings_status = gr.HTML("", elem_id="settings-status")
                data_view = gr.HTML(_data_html(engine.settings), elem_id="settings-view")

        # --- events ----------------------------------------------------------------------

        chat_outputs = [
            chatbot, sources, notice, session_state, question_box, ask_button, stop_button, history_list,
            history_empty, rename_box, rename_button, delete_button, open_state, answer_download, conversation_download,
            copy_source, copy_button, history_search, bibtex_download, ris_download,
        ]
        # One event for Ask and Enter. Also callable by clients as `/chat` (one gradio_client.Client = one
        # session, so follow-ups use that session's history: the load benchmark drives conversations this way);
        # undocumented, `/ask` is the API.
        ask_event = gr.on(
            [ask_button.click, question_box.submit],
            respond,
            inputs=[question_box, session_state, backend, chat_filters],  # `/chat` clients pass (question, backend)
            outputs=chat_outputs,
            api_name="chat",
            api_visibility="undocumented",
            trigger_mode="once",
            show_progress_on=[chatbot],
        )
        redo_inputs = [session_state, backend, chat_filters]
        # The answer shows its own stage and time in the chat; Gradio's pending outline on every output (the
        # question box, the conversation search, the sources) read as if all of them were busy or in error.
        answer_io: dict[str, Any] = {"inputs": redo_inputs, "outputs": chat_outputs, "show_progress_on": [chatbot], **private}
        retry_event = chatbot.retry(regenerate, **answer_io)
        edit_event = chatbot.edit(edit_and_resend, **answer_io)
        answering = [ask_event, retry_event, edit_event]
        stop_button.click(request_stop, inputs=[session_state, question_box], outputs=[stop_button], **private)
        new_chat_io: dict[str, Any] = {
            "fn": new_chat,
            "inputs": [session_state, history_search, open_state],
            "outputs": chat_outputs,
            "cancels": answering,
            **private,
        }
        clear_button.click(**new_chat_io)
        chatbot.clear(**new_chat_io)  # the chatbot's own trash icon starts a new chat too
        chatbot.example_select(_example_question, outputs=[question_box], **private)
        history_list.input(
            open_conversation,
            inputs=[history_list, history_search, open_state],
            outputs=chat_outputs,
            cancels=answering,
            **private,
        )
        history_search.change(
            search_history, inputs=[history_search, session_state], outputs=[history_list, history_empty], **private
        )
        rename_io: dict[str, Any] = {"inputs": [rename_box, session_state, history_search, open_state], "outputs": chat_outputs}
        rename_button.click(rename, **rename_io, **private)
        rename_box.submit(rename, **rename_io, **private)
        delete_button.click(
            delete, inputs=[session_state, history_search, open_state], outputs=chat_outputs, **private
        )
        copy_button.click(None, inputs=[copy_source], outputs=[notice], js=COPY_JS, **private)
        demo.load(restore, inputs=[open_state], outputs=chat_outputs, **private)

        demo.load(
            refresh, inputs=[search, library_filters], outputs=[header, table, listed_state, pick, library_count], **private
        )
        search.change(
            library,
            inputs=[search, library_filters],
            outputs=[table, listed_state, library_count],
            trigger_mode="always_last",
            **private,
        )
        table.select(
            select_paper,
            inputs=[listed_state],
            outputs=[detail, selected, ask_about_button, delete_paper_button],
            **private,
        ).then(lambda: (gr.update(visible=False), ""), outputs=[confirm_row, paper_notice], **private)
        search.submit(
            open_first, inputs=[search], outputs=[detail, selected, ask_about_button, delete_paper_button], **private
        )
        ask_about_button.click(ask_about, inputs=[selected], outputs=[tabs, question_box], **private)
        delete_paper_button.click(
            lambda: (gr.update(visible=True), render.notice_html("stopped", LABELS["delete_paper_warning"])),
            outputs=[confirm_row, paper_notice],
            **private,
        )
        cancel_delete.click(lambda: (gr.update(visible=False), ""), outputs=[confirm_row, paper_notice], **private)
        confirm_delete.click(
            delete_paper,
            inputs=[selected, search, library_filters],
            outputs=[
                paper_notice, header, table, listed_state, pick, library_count, detail, delete_paper_button,
            ],
            **private,
        ).then(lambda: gr.update(visible=False), outputs=[confirm_row], **private)
        upload_file.upload(
            upload,
            inputs=[upload_file, search, library_filters],
            outputs=[upload_result, upload_file, header, table, listed_state, pick, library_count],
            **private,
        )
        compare_io: dict[str, Any] = {"inputs": [pick, compare_topic], "outputs": [compare_table], **private}
        compare_button.click(compare, **compare_io)
        compare_topic.submit(compare, **compare_io)
        pick.key_up(rank_picker, inputs=None, outputs=[pick], trigger_mode="always_last", **private)

        settings_outputs = [
            backend, local_model, base_url, remote_model, api_key, forget_key, top_k, key_state, data_view,
            settings_status,
        ]
        demo.load(settings_form, outputs=settings_outputs, **private)
        save_button.click(
            save_settings,
            inputs=[backend, local_model, base_url, remote_model, api_key, forget_key, top_k],
            outputs=settings_outputs,
            **private,
        )

        # The filter rows: each change re-reads the row into its state; the library's list follows its row.
        def set_chat_filters(*values: str | None) -> tuple[Any, str]:
            limits = filter_row.read(*values)
            return limits, filter_row.notice(engine, limits)

        def set_library_filters(query: str | None, *values: str | None) -> tuple[Any, ...]:
            limits = filter_row.read(*values)
            return (limits, filter_row.notice(engine, limits), *library(query, limits))

        for box in chat_filter_boxes:
            box.change(set_chat_filters, inputs=chat_filter_boxes, outputs=[chat_filters, chat_filter_notice], **private)
        for box in library_filter_boxes:
            box.change(
                set_library_filters,
                inputs=[search, *library_filter_boxes],
                outputs=[library_filters, library_filter_notice, table, listed_state, library_count],
                trigger_mode="always_last",
                **private,
            )

        gr_api(ask, api_name="ask")

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
        # `/ask` took (question, backend) before its optional filters: a client that sends those two still gets
        # an answer (Gradio reads the values from this same list after the check).
        if getattr(block_fn, "api_name", None) == "ask" and len(inputs) == len(block_fn.inputs) - 1:
            inputs.append(None)
        try:
            super().validate_inputs(block_fn, inputs)
        except ValueError:
            name = getattr(block_fn, "api_name", None) or getattr(block_fn, "name", "this endpoint")
            raise refused(f"/{name} expects {len(block_fn.inputs)} input values, got {len(inputs)}") from None


def _example_question(evt: gr.SelectData) -> str:
    value = evt.value if isinstance(evt.value, dict) else {}
    return str(value.get("text") or "")


def _plain_text(value: object) -> str:
    """An edited message's text: Gradio sends a string or a list of text parts; Markdown escapes are undone."""
    if isinstance(value, list):
        value = "".join(str(part.get("text", "")) if isinstance(part, dict) else str(part) for part in value)
    text = html.unescape(str(value or ""))
    return re.sub(r"\\([\\`*_{}\[\]()#+\-.!|~$>])", r"\1", text)


def _count_line(found: int, total: int, query: str | None) -> str:
    if query and query.strip():
        return f"{found} of {total} papers match"
    return f"{total} papers"


def upload_summary_html(report: IngestReport, stored: str, shown_as: str, total: int) -> str:
    """What an upload did, in words: the titles added or updated, each rejected row with its reason."""
    parts = ['<div class="upload-summary" id="upload-summary" role="status">']
    counts = [
        f"{report.added} added" if report.added else "",
        f"{report.updated} updated" if report.updated else "",
        f"{report.unchanged} already in the library" if report.unchanged else "",
        f"{len(report.rejected)} rejected" if report.rejected else "",
    ]
    said = ", ".join(c for c in counts if c) or "nothing new"
    parts.append(f"<p><strong>{render.escape(shown_as)}</strong>: {render.escape(said)}. "
                 f"The library now holds {total} papers.</p>")
    if report.added_titles:
        items = "".join(f"<li>{render.escape(t)}</li>" for t in report.added_titles)
        parts.append(f'<p class="upload-added-head">Added or updated:</p><ul class="upload-added">{items}</ul>')
    if report.rejected:
        items = "".join(
            f"<li><code>{render.escape(str(r.where).replace(stored, shown_as))}</code> "
            f"{render.escape(r.reason)}</li>"
            for r in report.rejected
        )
        parts.append(f'<p class="upload-rejected-head">Not added:</p><ul class="upload-rejected">{items}</ul>')
    parts.append("</div>")
    return "".join(parts)


def _key_status_html(status: str) -> str:
    """Whether a key is set and where from; the key itself never reaches the page."""
    return f'<p class="key-status">API key: <strong>{render.escape(status)}</strong></p>'


def _shown_url(settings: Settings) -> str:
    """The endpoint as the form shows it: credentials in the URL (userinfo, `?api-key=`) masked."""
    return str(settings.public_view()["base_url"] or "")


def _kept_url(settings: Settings, submitted: str | None) -> str | None:
    """The URL to save: the form sends back the masked URL it showed when the user did not edit it, and that
    means "keep the real one", not "save the mask"."""
    if not submitted or not submitted.strip():
        return None
    if settings.llm.base_url and submitted.strip() == _shown_url(settings):
        return settings.llm.base_url
    return submitted.strip()


def _data_html(settings: Settings) -> str:
    """Where the data lives and what runs, read-only (everything but secrets: `public_view` leaves them out)."""
    view = settings.public_view()
    rows = [
        ("Data folder", view["home"]),
        ("Models folder", view["models_dir"]),
        ("Chroma", view["chroma"]),
        ("Collection", view["collection"]),
        ("Answers by", str(view["backend"])),
        ("Endpoint", str(view["base_url"] or "local llama.cpp server")),
        ("api_key", view["api_key"]),
    ]
    items = "".join(f"<dt>{render.escape(k)}</dt><dd>{render.escape(v)}</dd>" for k, v in rows)
    return f'<details class="settings-data"><summary>Where data lives</summary><dl>{items}</dl></details>'


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


def launch_options(home: Path) -> dict[str, Any]:
    """`launch()` keywords the app needs (Gradio 6 takes css/head there, not in `Blocks`).

    Gradio serves a file an event returns only from the temp folder, the working directory or `allowed_paths`:
    the Markdown and bibliography exports are written under the home (~/.local/share/paperchat by default), so
    that folder, and nothing else of the home, is allowed."""
    return {
        "allowed_paths": [str(home / EXPORTS)],
        "css": CSS + progress.CSS + a11y.CSS,
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

    users = load_users(engine.settings.users_file) if engine.settings.users_file else None

    demo = build_app(engine)
    engine.warm()
    auth: dict[str, Any] = {"auth": login_check(users), "auth_message": LABELS["login"]} if users else {}
    with _sigterm_as_interrupt():
        demo.launch(
            server_name=host, server_port=port, app_kwargs={"routes": api_routes(engine)}, **launch_options(engine.settings.home), **auth
        )


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
