"""The ``cmrt`` command: the library wired to arguments and output, nothing more.

Exit codes: 0 all files read (and, for ``read``/``check``, none has an error-level problem); 1 some file
has error-level problems; 2 some file could not be read at all (``classify`` skips it and reports the
rest); 64 bad usage or unusable reference data; 66 no workbook found among the given paths.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from cmrt import __version__, example_path, example_survey_path, read
from cmrt.batch import FileFailure, read_each
from cmrt.cahra import CahraList
from cmrt.classification import RECORD_FIELDS, list_label, workbook_paths
from cmrt.errors import CmrtError
from cmrt.identity.reference import SmelterReference
from cmrt.records import CmrtReport, Severity
from cmrt.survey import Survey, survey

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE, EXIT_USAGE, EXIT_NO_INPUT = 0, 1, 2, 64, 66


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cmrt", description="Read and check CMRT workbooks.")
    parser.add_argument("--version", action="version", version=f"cmrt {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    read_cmd = commands.add_parser("read", help="print what one CMRT says")
    read_cmd.add_argument("file", nargs="?", help="the workbook (default: the bundled example)")
    read_cmd.add_argument("--example", action="store_true", help="read the bundled example workbook")
    read_cmd.add_argument("--password", help="password of an encrypted workbook")
    read_cmd.add_argument("--format", choices=("text", "json"), default="text")
    check_cmd = commands.add_parser("check", help="list the problems a reviewer would raise")
    check_cmd.add_argument("files", nargs="+", metavar="FILES_OR_DIRS")
    check_cmd.add_argument("--password")
    check_cmd.add_argument("--jobs", type=int, default=None, help="worker processes (default: one per core)")
    check_cmd.add_argument("--format", choices=("text", "json"), default="text")
    classify_cmd = commands.add_parser(
        "classify",
        help="classify every facility a survey names: Compliant, Active or Indeterminable, with risk flags",
    )
    classify_cmd.add_argument("paths", nargs="*", metavar="FILES_OR_DIRS", help="supplier CMRTs or folders")
    classify_cmd.add_argument(
        "--reference", nargs="+", default=[], metavar="FILE", help="templates, RMI lists, revision history"
    )
    classify_cmd.add_argument("--example", action="store_true", help="run on the bundled example survey")
    classify_cmd.add_argument("--as-of", type=_date, help="date for audit expiry and removals (YYYY-MM-DD)")
    classify_cmd.add_argument("--cahra", metavar="FILE", help="a CAHRA list (cahraslist.net JSON, or CSV)")
    classify_cmd.add_argument("--format", choices=("table", "csv", "json"), default="table")
    classify_cmd.add_argument(
        "--jobs", type=int, default=None, help="worker processes (default: one per core)"
    )
    classify_cmd.add_argument("--password", help="password of encrypted workbooks")
    classify_cmd.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    try:
        if args.command == "read":
            return _read(args)
        if args.command == "check":
            return _check(args)
        return _classify(args, classify_cmd)
    except BrokenPipeError:  # `cmrt ... | head`: the reader went away, which is not an error
        sys.stderr.close()
        return EXIT_OK


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _read(args: argparse.Namespace) -> int:
    path = Path(args.file) if args.file and not args.example else example_path()
    try:
        report = read(path, password=args.password)
    except CmrtError as exc:
        print(f"cmrt: {exc}" if str(path) in str(exc) else f"cmrt: {path}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.format == "json":
        print(json.dumps(to_json(report), indent=2, ensure_ascii=False))
    else:
        print(render(report))
    return EXIT_PROBLEMS if not report.is_complete else EXIT_OK


def _check(args: argparse.Namespace) -> int:
    """Every file checked in worker processes: a file that kills its reader is one UNREADABLE line."""
    worst = EXIT_OK
    results: list[dict[str, Any]] = []
    missing = [p for p in args.files if not Path(p).exists()]
    files = [str(w) for p in args.files if Path(p).exists() for w in workbook_paths(p)] + missing
    outcomes = dict(read_each(files, password=args.password, jobs=args.jobs))
    for index, name in enumerate(files):
        outcome = outcomes[index]
        if isinstance(outcome, FileFailure):
            results.append({"file": name, "error": outcome.error, "kind": outcome.kind})
            if args.format == "text":
                print(f"{name}: UNREADABLE ({outcome.kind}): {outcome.error}")
            worst = max(worst, EXIT_UNREADABLE)
            continue
        report = outcome
        results.append({"file": name, "problems": [_plain(p) for p in report.problems]})
        if args.format == "text":
            errors = sum(p.severity is Severity.ERROR for p in report.problems)
            others = len(report.problems) - errors
            print(f"{name}: {report.template} {report.version}, {errors} error(s), {others} other")
            for p in report.problems:
                print(f"  {p.severity.value:7} {p.location or '-':22} {p.code}: {p.message}")
        if not report.is_complete:
            worst = max(worst, EXIT_PROBLEMS)
    if args.format == "json":
        print(json.dumps(results, indent=2, ensure_ascii=False))
    return worst


def _classify(args: argparse.Namespace, command: argparse.ArgumentParser) -> int:
    paths, references = list(args.paths), list(args.reference)
    if args.example:
        example = example_survey_path()
        paths = paths or [str(example / "suppliers")]
        references = references or [str(p) for p in sorted((example / "reference").iterdir())]
    if not paths or not references:
        command.print_usage(sys.stderr)
        print(
            "cmrt classify: give supplier files or folders and --reference FILE... (or --example)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    missing = [p for p in paths if not Path(p).exists()]
    workbooks = [w for p in paths if Path(p).exists() for w in workbook_paths(p)]
    if not workbooks and not missing:
        print(f"cmrt classify: no .xlsx/.xlsm/.xls workbook in {', '.join(paths)}", file=sys.stderr)
        return EXIT_NO_INPUT
    try:
        reference = SmelterReference.from_files(*references)
        cahra = CahraList.from_file(args.cahra) if args.cahra else None
    except CmrtError as exc:
        print(f"cmrt classify: reference data: {exc}", file=sys.stderr)
        return EXIT_USAGE
    bar = _ProgressBar() if sys.stderr.isatty() and not args.no_progress and len(workbooks) > 1 else None
    result = survey(
        [*workbooks, *missing],
        reference,
        as_of=args.as_of,
        cahra=cahra,
        jobs=args.jobs,
        progress=bar,
        password=args.password,
    )
    if bar is not None:
        bar.done()
    if args.format == "json":
        print(json.dumps(survey_json(result), indent=2, ensure_ascii=False))
    elif args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=RECORD_FIELDS, lineterminator="\n")
        writer.writeheader()
        for record in result.classification.to_records():
            writer.writerow({k: "; ".join(v) if isinstance(v, list) else v for k, v in record.items()})
    else:
        print(render_survey(result))
    for failure in result.failures:
        print(f"cmrt classify: skipped {failure.source}: {failure.error}", file=sys.stderr)
    return EXIT_UNREADABLE if result.failures else EXIT_OK


class _ProgressBar:
    """``[#####.....] 12/40 files`` on stderr, redrawn in place."""

    def __call__(self, done: int, total: int, source: str) -> None:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} files")
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\n")


def render_survey(result: Survey) -> str:
    """The survey for people: headline, lists used, suppliers, the facility annex, the risk cases."""
    c = result.classification
    lists = ", ".join(list_label(s) for s in c.lists) or "none (every facility is Indeterminable)"
    lines = [result.headline, f"Status lists: {lists}"]
    if c.superseded_lists:
        lines.append(f"Superseded lists (not used): {', '.join(list_label(s) for s in c.superseded_lists)}")
    if c.as_of:
        lines.append(f"As of: {c.as_of}")
    lines += ["", "Suppliers:"]
    for r in result.responses:
        # The CMRT asks about Covered Countries; the EMRT, CRT and AMRT about CAHRAs (the DRC's included).
        sourcing, asked = (
            ("covered-country", r.covered_countries) if r.template == "CMRT" else ("CAHRA", r.cahra)
        )
        answered = ", ".join(f"{m} {a or '-'}" for m, a in asked.items()) or "-"
        lines.append(
            f"  {r.company or '-'} [{Path(r.source or '-').name}] {r.template} {r.version}, {r.language}; "
            f"scope {r.scope or '-'}; metals {', '.join(r.metals_in_scope) or 'none'}; "
            f"{r.smelter_rows} smelter rows, {r.placeholders} placeholders; {len(r.errors)} errors; "
            f"{sourcing} sourcing: {answered}"
        )
    for failure in result.failures:
        lines.append(f"  UNREADABLE {failure.source}: {failure.error}")
    lines += [
        "",
        "Facilities:",
        f"  {'Metal':<9} {'Smelter ID':<10} {'Status':<14} {'Country':<24} Name [flags]",
    ]
    for f in c.facilities:
        flags = f" [{', '.join(sorted(x.value for x in f.flags))}]" if f.flags else ""
        country = (f.country.name if f.country else "-")[:24]
        identity = f"{f.metal:<9} {f.smelter_id or '-':<10}"
        lines.append(f"  {identity} {f.status.value:<14} {country:<24} {f.name}{flags}")
    summary = result.summary()
    risky = [
        *summary.covered_country,
        *summary.mine_in_covered_country,
        *summary.cahra,
        *summary.non_conformant,
        *summary.needs_review,
    ]
    if risky:
        lines += ["", "Needs attention:"]
        for f in dict.fromkeys(risky):
            lines.append(f"  {f.metal} {f.smelter_id or '-'} {f.name}: {f.status_reason}")
            lines += [f"      {note}" for note in f.notes]
    return "\n".join(lines)


def survey_json(result: Survey) -> dict[str, Any]:
    """A survey as JSON-ready data: headline, counts, suppliers, facilities, failures, lists used."""
    c = result.classification
    summary = result.summary()
    return {
        "headline": result.headline,
        "response_counts": result.response_counts(),
        "by_status": {s.value: n for s, n in summary.by_status.items()},
        "by_metal": {m: {s.value: n for s, n in row.items()} for m, row in summary.by_metal.items()},
        "lists": [_plain(s) for s in c.lists],
        "superseded_lists": [_plain(s) for s in c.superseded_lists],
        "as_of": c.as_of.isoformat() if c.as_of else None,
        "suppliers": [
            {
                "source": r.source,
                "company": r.company,
                "template": r.template,
                "version": r.version,
                "language": r.language,
                "scope": r.scope,
                "metals_in_scope": list(r.metals_in_scope),
                "covered_countries": r.covered_countries,
                "cahra": r.cahra,
                "smelter_rows": r.smelter_rows,
                "placeholders": r.placeholders,
                "problems": [_plain(p) for p in r.problems],
            }
            for r in result.responses
        ],
        "facilities": c.to_records(),
        "failures": [_plain(f) for f in result.failures],
    }


def render(report: CmrtReport) -> str:
    """A plain-text account of a report, for people."""
    d = report.declaration
    lines = [
        f"{report.template} {report.version} ({report.version_date or 'date unknown'}), "
        f"language {report.language}",
        f"Company:   {d.company_name or '-'}",
        f"Scope:     {d.scope or '-'}",
        f"Contact:   {d.contact_name or '-'} <{d.contact_email or '-'}>",
        f"Authorizer: {d.authorizer_name or '-'} ({d.authorizer_title or '-'})",
        f"Effective: {d.effective_date or d.effective_date_text or '-'}",
        f"In scope:  {', '.join(report.metals_in_scope) or 'none'}",
        "",
        "Answers:",
    ]
    for a in report.answers:
        lines.append(f"  Q{a.number:<2} {a.metal:<9} {a.key:<26} {a.answer or '-'}")
    for a in report.company_answers:
        lines.append(f"  {a.number:<3} {'':9} {a.key:<26} {a.answer or '-'}")
    lines += ["", f"Smelters: {len(report.smelters)} rows"]
    for s in report.smelters:
        lines.append(
            f"  row {s.row:<5} {s.metal or '-':<9} {s.smelter_id or '-':<10} {s.name or '-'} "
            f"({s.country or '-'}) [{s.kind.value}]"
        )
    if report.mines:
        lines += ["", f"Mines: {len(report.mines)} rows"]
        lines += [
            f"  row {m.row:<5} {m.metal or '-':<9} {m.name or '-'} ({m.country or '-'})" for m in report.mines
        ]
    lines += ["", f"Products: {len(report.products)}", "", f"Problems: {len(report.problems)}"]
    lines += [f"  {p.severity.value:7} {p.location or '-':22} {p.message}" for p in report.problems]
    return "\n".join(lines)


def _plain(value: Any) -> Any:
    if attrs.has(type(value)):
        return {k: _plain(v) for k, v in attrs.asdict(value, recurse=False).items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (dict,)):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, frozenset):
        return sorted(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, (str, int, float)):
        return value.value
    return value


def to_json(report: CmrtReport) -> dict[str, Any]:
    """A report as JSON-ready data (dates as ISO text, enums as their values)."""
    return _plain(report)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
