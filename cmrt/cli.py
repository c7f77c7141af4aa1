"""The ``cmrt`` command: the library wired to arguments and output, nothing more.

Every command takes workbooks and folders alike (a folder: every .xlsx/.xlsm/.xls under it), and every
path and option is checked before the first file is read. Exit codes, as :data:`EXIT_CODES` words them
for ``cmrt --help`` and the README: 0 all went well; 1 some file has error-level problems (``read``,
``check``); 2 some file could not be read (``classify`` goes on with the rest); 64 bad usage or unusable
reference or CAHRA data; 66 a given path does not exist, or a given folder holds no workbook.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gc
import os
import re
import sys
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cmrt.display import ProgressBar, plural, terminal_width, visible
from cmrt.errors import CmrtError, FileMissingError

if TYPE_CHECKING:  # each command imports what it uses: `cmrt read` needs no classifier, `--help` no reader
    from cmrt.batch import FileFailure
    from cmrt.cahra import CahraList
    from cmrt.records import CmrtReport
    from cmrt.survey import Survey

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE, EXIT_USAGE, EXIT_NO_INPUT, EXIT_CANT_CREATE = 0, 1, 2, 64, 66, 73

EXIT_CODES = """\
exit codes:
  0   all went well (read, check: no file has an error-level problem)
  1   some file has error-level problems (read, check)
  2   some file could not be read at all; it is named (classify goes on with
      the rest)
  64  bad usage: a wrong or misplaced argument, a bad option value, or
      unusable reference or CAHRA data
  66  a given path does not exist, or a given folder holds no workbook
  73  the --output file cannot be written"""

REFERENCE_HELP = """\
reference files:
  RMI reporting templates (.xlsx, .xls) or their smelter look-ups (.csv), RMI
  facility lists (conformant, active, cobalt, mica ...), the Smelter Reference
  List revision history: each is recognised by its content. Files only, not
  folders (a shell glob gives a folder's files: --reference refs/*).
  -r takes one file (-r a.csv -r b.csv); --reference takes every value up to
  the next option, so supplier files and folders go before it:
    cmrt classify responses/ --reference RMI_CMRT_6.5.xlsx conformant.csv
    cmrt classify -r RMI_CMRT_6.5.xlsx -r conformant.csv responses/"""


def survey(*args: Any, **kwargs: Any) -> Survey:
    """:func:`cmrt.survey`, imported when a command surveys: ``cmrt read`` and ``check`` never load the
    classifier."""
    from cmrt.survey import survey as run

    return run(*args, **kwargs)


def _json(data: Any, *, ensure_ascii: bool = False) -> str:
    """``data`` as the indented JSON the commands print (json imported only by those that print it)."""
    import json

    return json.dumps(data, indent=2, ensure_ascii=ensure_ascii)


class _Stop(Exception):
    """Stop before (or instead of) the work: ``_Stop(exit_code, line_for_stderr)``."""


def _say(*parts: object, file: Any = None) -> None:
    """print(), with the control characters a supplier file may hold (a terminal's escape sequences)
    shown as U+FFFD instead of acted on."""
    print(*(visible(str(p)) for p in parts), file=file)


def run() -> int:
    """The ``cmrt`` command (pip's script, ``python -m cmrt``): :func:`main`, then the heap frozen for the
    collector, as the process ends next (an exiting interpreter walks it all: ~5 ms of ``cmrt read``)."""
    code = main()
    gc.freeze()
    return code


def main(argv: Sequence[str] | None = None) -> int:
    parser, commands = _parser()
    try:
        args, extra = parser.parse_known_args(argv)
        if unknown := [e for e in extra if e.startswith("-")]:
            commands[args.command].error(f"unrecognized arguments: {' '.join(unknown)}")
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    args.paths += extra  # paths after options count too: `check a.xlsx --jobs 2 b.xlsx`
    try:
        handlers = {
            "read": _read,
            "check": _check,
            "classify": _classify,
            "compare": _compare,
            "rollup": _rollup,
        }
        return handlers[args.command](args, commands[args.command])
    except _Stop as stop:
        code, message = stop.args
        _say(message, file=sys.stderr)
        return code
    except BrokenPipeError:  # `cmrt ... | head`: the reader went away, which is not an error
        sys.stderr.close()
        return EXIT_OK


def _parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="cmrt",
        description="Read, check and classify RMI reporting templates (CMRT, EMRT, CRT, AMRT).\n"
        "Every command takes workbooks and folders alike (a folder: every .xlsx, .xlsm\n"
        "and .xls under it).",
        epilog=EXIT_CODES,
        formatter_class=raw,
    )
    parser.add_argument("--version", action=_Version, help="show program's version number and exit")
    sub = parser.add_subparsers(dest="command", required=True)
    paths_help = "workbooks (.xlsx, .xlsm, .xls), or folders: every workbook under them"
    commands: dict[str, argparse.ArgumentParser] = {}
    for name, summary, about, nargs, formats in [
        ("read", "print what each template says", "JSON: one object for one file, a list otherwise.", "*",
         ("text", "json")),
        ("check", "list the problems a reviewer would raise", "One block per file.", "+", ("text", "json")),
        ("classify", "classify every facility a survey names: Compliant, Active or Indeterminable, with risk "
         "flags", "", "*", ("table", "csv", "json")),
        ("rollup", "fill your own blank RMI template (CMRT 6.x, EMRT 2.x) from your suppliers' files",
         "One Smelter List row per facility, answers rolled up conservatively; give the declaration with "
         "--company and --declaration FILE.json.", "*", ("text",)),
        ("compare", "what changed since last year's survey", "OLD and NEW are saved survey JSON (classify "
         "--format json) or supplier folders (then give -r FILE for each reference file).", "+",
         ("text", "json")),
    ]:  # fmt: skip
        epilog = f"{REFERENCE_HELP}\n\n{EXIT_CODES}" if name == "classify" else EXIT_CODES
        description = textwrap.fill(f"{summary[0].upper()}{summary[1:]}. {about}".strip(), 79)
        command = commands[name] = sub.add_parser(
            name, help=summary, description=description, epilog=epilog, formatter_class=raw
        )
        which = {
            "read": f"{paths_help} (default: the bundled example)", "classify": f"supplier {paths_help}",
            "compare": "OLD then NEW: a survey's saved JSON, or a folder of supplier workbooks",
        }  # fmt: skip
        command.add_argument("paths", nargs=nargs, metavar="FILE_OR_DIR", help=which.get(name, paths_help))
        command.add_argument("--password", help="password of encrypted workbooks")
        command.add_argument(
            "--jobs", type=_jobs, metavar="N", help="worker processes (default: one per core)"
        )
        command.add_argument("--format", choices=formats, default=formats[0])
    commands["read"].add_argument("--example", action="store_true", help="read the bundled example workbook")
    classify = commands["classify"]
    rollup = commands["rollup"]
    rollup.add_argument("--template", metavar="FILE", required=True, help="your blank RMI template (.xlsx)")
    rollup.add_argument("--company", metavar="NAME", required=True, help="your company name (Declaration D8)")
    rollup.add_argument(
        "--declaration", metavar="FILE.json",
        help='more of your declaration: {"fields": {"contact_email": ...}, "answers": {"supplier_response '
        'Gold": "100%%"}, "company_answers": {"A": "Yes"}, "company_comments": {"B": "https://..."}, '
        '"products": [["P-1", "Widget"]]}',
    )  # fmt: skip
    rollup.add_argument("--output", metavar="FILE.xlsx", required=True, help="where to write your template")
    for command in (classify, commands["compare"], rollup):
        one = "one reference file; -r again for the next"
        command.add_argument("-r", action="append", dest="reference", metavar="FILE", help=one)
        command.add_argument(
            "--reference", action="extend", nargs="+", dest="reference", metavar="FILE",
            help="reference files: every value up to the next option (so after the supplier paths)",
        )  # fmt: skip
        command.add_argument(
            "--as-of", type=_date, metavar="YYYY-MM-DD", help="date for audit expiry, removals"
        )
    classify.add_argument("--example", action="store_true", help="the bundled example survey (made-up data)")
    classify.add_argument("--cahra", metavar="FILE", help="a CAHRA list (cahraslist.net JSON, or CSV)")
    classify.add_argument(
        "--wide", action="store_true",
        help="table: one line per facility and supplier, nothing cut (default: fit the terminal, 80 "
        "columns when output is no terminal)",
    )  # fmt: skip
    classify.add_argument(
        "--output", metavar="FILE",
        help="also write the survey to FILE, by its suffix: .xlsx (the annex workbook: summary, facilities, "
        "suppliers, follow-up), .html (the report, self-contained; charts with cmrt[report]), .csv (the "
        "facility table) or .json (everything, schema cmrt-survey/1)",
    )  # fmt: skip
    classify.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    return parser, commands


class _Version(argparse.Action):
    """``--version``, the installed version looked up only when asked for (argparse's own action wants
    it for every command; it costs an import of the package metadata)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        from cmrt import __version__

        print(f"cmrt {__version__}")
        parser.exit()


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (worker processes), not {value}")
    return value


def _date(text: str) -> dt.date:
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):  # compiled when --as-of is given
        raise argparse.ArgumentTypeError(f"not a date in the form YYYY-MM-DD: {text!r}")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"no such date: {text!r} (YYYY-MM-DD)") from None


def _no_such_path(path: str) -> _Stop:
    return _Stop(EXIT_NO_INPUT, f"cmrt: no such file or directory: {path}")


def _must_exist(paths: Iterable[str]) -> None:
    for path in paths:
        if not Path(path).exists():
            raise _no_such_path(path)


def _workbooks(paths: Sequence[str]) -> list[str]:
    """Every workbook the paths name, each once: a file as given, a folder's workbooks. A missing path or
    a folder without a workbook stops the command."""
    from cmrt.workbook.source import workbook_paths

    found: dict[str, str] = {}
    for path in paths:
        try:
            books = workbook_paths(path)
        except FileMissingError:
            raise _no_such_path(path) from None
        if not books:
            raise _Stop(EXIT_NO_INPUT, f"cmrt: no workbook (.xlsx, .xlsm, .xls) in folder: {path}")
        for book in books:
            found.setdefault(os.path.realpath(book), str(book))
    return list(found.values())


# read and check ---------------------------------------------------------------------------------------


def _each(files: list[str], args: argparse.Namespace) -> Iterator[tuple[str, CmrtReport | FileFailure]]:
    """These workbooks read in worker processes, in order: (name, report or failure)."""
    from cmrt.batch import read_each

    outcomes = dict(read_each(files, password=args.password, jobs=args.jobs))
    yield from ((name, outcomes[index]) for index, name in enumerate(files))


Shown = tuple[Any, bool, "tuple[str, str] | None"]
"""A file as ``cmrt read`` prints it (text or JSON data), whether complete, or (error, kind) if unread."""


def _shown(report: CmrtReport, form: str) -> Shown:
    from cmrt.rendering import render, to_json

    return (to_json(report) if form == "json" else render(report)), report.is_complete, None


def _read_and_show(path: str, password: str | None, form: str) -> Shown:
    """One file read and shown, in the child process: the parent needs neither records nor renderer."""
    from cmrt.reading import read_one

    return _shown(read_one(path, password), form)


def _read_shown(files: list[str], args: argparse.Namespace) -> Iterator[tuple[str, Shown]]:
    """Every file read and shown, in order. A single file is read in one forked child (no worker pool to
    start; a file that kills its reader still costs only itself), forked before the reader's imports."""
    from cmrt.forked import call_forked, can_fork

    if len(files) == 1 and can_fork():
        show = functools.partial(_read_and_show, password=args.password, form=args.format)
        value, error, _ = call_forked(show, files[0])
        if error is None:
            yield files[0], value
            return
        from cmrt.batch import failure  # only where the file could not be read

        failed = failure(files[0], error)
        yield files[0], (None, False, (failed.error, failed.kind))
        return
    from cmrt.batch import FileFailure

    for name, outcome in _each(files, args):
        if isinstance(outcome, FileFailure):
            yield name, (None, False, (outcome.error, outcome.kind))
        else:
            yield name, _shown(outcome, args.format)


def _read(args: argparse.Namespace, command: argparse.ArgumentParser) -> int:
    from cmrt import example_path

    given = ([str(example_path())] if args.example or not args.paths else []) + args.paths
    _must_exist(given)
    files = _workbooks(given)
    several = len(files) > 1 or any(Path(p).is_dir() for p in given)
    worst, blocks, data = EXIT_OK, [], []
    for name, (shown, complete, failure) in _read_shown(files, args):
        if failure is not None:
            error, kind = failure
            _say(f"cmrt: {'' if name in error else f'{name}: '}{error}", file=sys.stderr)
            data.append({"source": name, "error": error, "kind": kind})
            worst = max(worst, EXIT_UNREADABLE)
            continue
        if args.format == "json":
            data.append(shown)
        else:
            blocks.append(f"==> {name} <==\n{shown}" if several else shown)
        worst = max(worst, EXIT_OK if complete else EXIT_PROBLEMS)
    if args.format == "json" and data:
        _say(_json(data if several else data[0]))
    elif args.format == "text" and blocks:
        _say("\n\n".join(blocks))
    return worst


def _check(args: argparse.Namespace, command: argparse.ArgumentParser) -> int:
    """Every file checked in worker processes: a file that kills its reader is one UNREADABLE line."""
    from cmrt.batch import FileFailure
    from cmrt.records import Severity
    from cmrt.rendering import plain

    worst, results, lines = EXIT_OK, list[dict[str, Any]](), list[str]()
    _must_exist(args.paths)
    for name, report in _each(_workbooks(args.paths), args):
        if isinstance(report, FileFailure):
            results.append({"file": name, "error": report.error, "kind": report.kind})
            lines.append(f"{name}: UNREADABLE ({report.kind}): {report.error}")
            worst = max(worst, EXIT_UNREADABLE)
            continue
        results.append({"file": name, "problems": [plain(p) for p in report.problems]})
        errors = sum(p.severity is Severity.ERROR for p in report.problems)
        others = plural(len(report.problems) - errors, "other problem")
        lines.append(f"{name}: {report.template} {report.version}, {plural(errors, 'error')}, {others}")
        lines += [
            f"  {p.severity.value:7} {p.location or '-':22} {p.code}: {p.message}" for p in report.problems
        ]
        worst = max(worst, EXIT_OK if report.is_complete else EXIT_PROBLEMS)
    _say(_json(results) if args.format == "json" else "\n".join(lines))
    return worst


# classify ---------------------------------------------------------------------------------------------


def _usage(message: str, command: str = "classify") -> _Stop:
    return _Stop(EXIT_USAGE, f"cmrt {command}: {message}")


def _classify(args: argparse.Namespace, command: argparse.ArgumentParser) -> int:
    from cmrt import example_survey_path
    from cmrt.identity.reference import SmelterReference
    from cmrt.rendering import DEFAULT_WIDTH, facilities_csv, render_survey, survey_json

    paths, references = list(args.paths), list(args.reference or [])
    if args.example:
        example = example_survey_path()
        paths = paths or [str(example / "suppliers")]
        references = references or [str(p) for p in sorted((example / "reference").iterdir())]
    _must_exist([*paths, *references, *([args.cahra] if args.cahra else [])])
    _check_output(args.output)
    swallowed = [] if paths else [f"'{s}'" for s in _swallowed(references, args.password)]
    if swallowed:
        more = f" and {len(swallowed) - 3} more" if len(swallowed) > 3 else ""
        taken = (
            "was taken as a --reference file" if len(swallowed) == 1 else "were taken as --reference files"
        )
        raise _usage(
            f"{', '.join(swallowed[:3])}{more} {taken}; put supplier files before --reference or use -r for "
            "each reference file"
        )
    if not paths or not references:
        command.print_usage(sys.stderr)
        raise _usage("give supplier files or folders, and -r FILE for each reference file (or --example)")
    for folder in (r for r in references if Path(r).is_dir()):
        raise _usage(
            f"'{folder}' is a folder: -r/--reference takes reference files (a glob gives a folder's files); "
            "supplier folders go before --reference"
        )
    for listing in (p for p in paths if Path(p).is_file() and Path(p).suffix.lower() in (".csv", ".json")):
        raise _usage(
            f"'{listing}' was taken as a supplier file, but it is a list, not a workbook; reference files go "
            "after --reference, or each after -r"
        )
    workbooks = _workbooks(paths)
    try:
        reference = SmelterReference.from_files(*references)
    except FileMissingError as exc:
        raise _no_such_path(exc.filename or str(exc)) from None
    except CmrtError as exc:
        raise _usage(f"reference data: {exc}") from None
    cahra = _cahra(args.cahra) if args.cahra else None
    bar = ProgressBar() if sys.stderr.isatty() and not args.no_progress and len(workbooks) > 1 else None
    try:
        given = {"as_of": args.as_of, "cahra": cahra, "jobs": args.jobs, "password": args.password}
        result = survey(workbooks, reference, progress=bar, **given)
    except FileMissingError as exc:  # gone since it was checked
        raise _no_such_path(exc.filename or str(exc)) from None
    finally:
        if bar is not None:
            bar.done()
    for problem in result.classification.problems if args.format != "table" else ():
        _say(f"{problem.severity.value.capitalize()}: {problem.message}", file=sys.stderr)
    if args.format == "json":
        _say(_json(survey_json(result)))
    elif args.format == "csv":
        sys.stdout.write(facilities_csv(result))
    else:
        _say(render_survey(result, width=None if args.wide else terminal_width(DEFAULT_WIDTH, minimum=40)))
    if args.output:
        _write_output(result, Path(args.output))
    for failure in result.failures:
        _say(f"cmrt classify: skipped {failure.source}: {failure.error}", file=sys.stderr)
    return EXIT_UNREADABLE if result.failures else EXIT_OK


def _compare(args: argparse.Namespace, command: argparse.ArgumentParser) -> int:
    """Last year's survey against this year's: each a saved JSON or a folder surveyed with -r files."""
    from cmrt.deliverables import compare, survey_snapshot
    from cmrt.identity.reference import SmelterReference

    if len(args.paths) != 2:
        raise _usage(
            "give two surveys: OLD then NEW (a saved survey JSON, or a folder of workbooks)", "compare"
        )
    references = list(args.reference or [])
    _must_exist([*args.paths, *references])
    folders = [p for p in args.paths if not p.lower().endswith(".json")]
    if folders and not references:
        raise _usage(f"'{folders[0]}' is surveyed here: give -r FILE for each reference file", "compare")
    try:
        reference = SmelterReference.from_files(*references) if folders else None
    except FileMissingError as exc:
        raise _no_such_path(exc.filename or str(exc)) from None
    except CmrtError as exc:
        raise _usage(f"reference data: {exc}", "compare") from None
    snapshots = []
    for path in args.paths:
        try:
            if path in folders:
                given = {"as_of": args.as_of, "jobs": args.jobs, "password": args.password}
                snapshots.append(survey_snapshot(survey(_workbooks([path]), reference, **given)))
            else:
                snapshots.append(survey_snapshot(path))
        except (ValueError, CmrtError) as exc:
            raise _usage(str(exc) if path in str(exc) else f"{path}: {exc}", "compare") from None
    changes = compare(*snapshots)
    if args.format == "json":
        _say(_json({"headline": changes.headline, "changes": changes.to_records()}, ensure_ascii=True))
        return EXIT_OK
    _say(changes.headline)
    for record in changes.to_records():
        old, new = record["old_status"] or "-", record["new_status"] or "-"
        where = f"{record['metal']:<9} {record['smelter_id'] or '-':<10}"
        _say(f"  {record['kind']:<15} {where} {old} -> {new}: {record['name']}")
    for change in (*changes.suppliers_better, *changes.suppliers_worse):
        _say(f"  supplier {'better' if change.better else 'worse'}: {change.company} ({change.measure} "
              f"{change.old} -> {change.new})")  # fmt: skip
    return EXIT_OK


def _rollup(args: argparse.Namespace, command: argparse.ArgumentParser) -> int:
    """Your own template, filled from the suppliers' files: the library does it, this only wires it."""
    from cmrt.identity.reference import SmelterReference

    references = list(args.reference or [])
    _must_exist([*args.paths, *references, args.template, *([args.declaration] if args.declaration else [])])
    if not args.paths or not references:
        raise _usage("give supplier files or folders, and -r FILE for each reference file", "rollup")
    if not args.output.lower().endswith(".xlsx"):
        raise _usage(f"--output {args.output}: give a file ending in .xlsx", "rollup")
    _check_output(args.output)
    given: dict[str, Any] = {}
    if args.declaration:
        import json

        try:
            given = json.loads(Path(args.declaration).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise _usage(f"--declaration {args.declaration}: not a JSON object: {exc}", "rollup") from None
    objects = dict.fromkeys(("fields", "answers", "company_answers", "company_comments"), dict)
    kinds = {**objects, "products": list}
    found = given if isinstance(given, dict) else {}
    wrong = [k for k, kind in kinds.items() if not isinstance(found.get(k, kind()), kind)]
    if not isinstance(given, dict) or wrong:
        what = f"{', '.join(wrong)} of the wrong kind" if wrong else "not a JSON object"
        raise _usage(f"--declaration {args.declaration}: {what} (see --help)", "rollup")
    if any(not isinstance(p, list) or not 1 <= len(p) <= 2 for p in given.get("products", [])):
        raise _usage(f"--declaration {args.declaration}: products are [number, name] pairs", "rollup")
    fields = {"company_name": args.company, **dict(given.get("fields") or {})}
    answers = {tuple(k.rsplit(" ", 1)): v for k, v in dict(given.get("answers") or {}).items()}
    extra = {k: given[k] for k in ("company_answers", "company_comments") if given.get(k)}
    products = [(p[0], p[1] if len(p) > 1 else None) for p in given.get("products") or []]
    try:
        reference = SmelterReference.from_files(*references)
        result = survey(
            _workbooks(args.paths), reference, as_of=args.as_of, jobs=args.jobs, password=args.password
        )
        data = result.to_cmrt(args.template, fields, answers=answers, products=products, **extra)
    except (ValueError, CmrtError) as exc:
        raise _usage(str(exc), "rollup") from None
    try:
        Path(args.output).write_bytes(data)
    except OSError as exc:
        raise _Stop(EXIT_CANT_CREATE, f"cmrt: cannot write {args.output}: {exc.strerror or exc}") from None
    _say(result.headline)
    _say(f"cmrt rollup: wrote {args.output}", file=sys.stderr)
    return EXIT_UNREADABLE if result.failures else EXIT_OK


_OUTPUTS = (".xlsx", ".html", ".csv", ".json")


def _check_output(output: str | None) -> None:
    """``--output`` checked before any work: a known suffix, a folder that exists, not a folder itself."""
    if output is None:
        return
    path = Path(output)
    if path.suffix.lower() not in _OUTPUTS:
        raise _usage(f"--output {output}: give a file ending in {', '.join(_OUTPUTS)}")
    if path.is_dir():
        raise _usage(f"--output {output} is a folder; give a file name")
    if not path.parent.is_dir():
        raise _no_such_path(str(path.parent))


def _write_output(result: Survey, path: Path) -> None:
    from cmrt.rendering import facilities_csv, survey_json

    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        data = result.to_excel()
    elif suffix == ".html":
        data = result.to_html().encode("utf-8")
    elif suffix == ".csv":
        data = facilities_csv(result).encode("utf-8")
    else:
        data = _json(survey_json(result)).encode("utf-8")
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise _Stop(EXIT_CANT_CREATE, f"cmrt: cannot write {path}: {exc.strerror or exc}") from None
    _say(f"cmrt classify: wrote {path}", file=sys.stderr)


def _swallowed(references: Sequence[str], password: str | None) -> list[str]:
    """The ``--reference`` values that look like supplier input: folders, and filled-in templates (a
    company named or a smelter listed; RMI's blank templates are reference data)."""
    from cmrt.batch import WORKBOOK_SUFFIXES, read_each
    from cmrt.records import CmrtReport

    books = [r for r in references if Path(r).is_file() and Path(r).suffix.lower() in WORKBOOK_SUFFIXES]
    filled = {
        books[index]
        for index, outcome in read_each(books, password=password, jobs=None)
        if isinstance(outcome, CmrtReport) and (outcome.declaration.company_name or outcome.smelters)
    }
    return [r for r in references if Path(r).is_dir() or r in filled]


def _cahra(path: str) -> CahraList:
    from cmrt.cahra import CahraList

    if Path(path).is_dir():
        raise _Stop(EXIT_USAGE, f"cmrt: --cahra {path}: a folder, not a CAHRA list file")
    try:
        return CahraList.from_file(path)
    except FileMissingError:
        raise _no_such_path(path) from None
    except CmrtError as exc:
        raise _Stop(EXIT_USAGE, f"cmrt: --cahra {path}: not a usable CAHRA list: {exc}") from None


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
