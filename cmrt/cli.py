"""The ``cmrt`` command: the library wired to arguments and output, nothing more.

Exit codes: 0 all files read (and, for ``check``, none has an error-level problem); 1 some file has
error-level problems; 2 some file could not be read at all; 64 bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from cmrt import __version__, example_path, read
from cmrt.errors import CmrtError
from cmrt.records import CmrtReport, Severity

EXIT_OK, EXIT_PROBLEMS, EXIT_UNREADABLE, EXIT_USAGE = 0, 1, 2, 64


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
    check_cmd.add_argument("files", nargs="+")
    check_cmd.add_argument("--password")
    check_cmd.add_argument("--format", choices=("text", "json"), default="text")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code not in (0, None) else EXIT_OK
    if args.command == "read":
        return _read(args)
    return _check(args)


def _read(args: argparse.Namespace) -> int:
    path = Path(args.file) if args.file and not args.example else example_path()
    try:
        report = read(path, password=args.password)
    except (CmrtError, OSError) as exc:
        print(f"cmrt: {path}: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.format == "json":
        print(json.dumps(to_json(report), indent=2, ensure_ascii=False))
    else:
        print(render(report))
    return EXIT_PROBLEMS if not report.is_complete else EXIT_OK


def _check(args: argparse.Namespace) -> int:
    worst = EXIT_OK
    results: list[dict[str, Any]] = []
    for name in args.files:
        try:
            report = read(name, password=args.password)
        except (CmrtError, OSError) as exc:
            results.append({"file": name, "error": str(exc)})
            if args.format == "text":
                print(f"{name}: UNREADABLE: {exc}")
            worst = max(worst, EXIT_UNREADABLE)
            continue
        results.append({"file": name, "problems": [_plain(p) for p in report.problems]})
        if args.format == "text":
            errors = sum(p.severity is Severity.ERROR for p in report.problems)
            print(f"{name}: CMRT {report.version}, {errors} error(s), {len(report.problems) - errors} other")
            for p in report.problems:
                print(f"  {p.severity.value:7} {p.location or '-':22} {p.code}: {p.message}")
        if not report.is_complete:
            worst = max(worst, EXIT_PROBLEMS)
    if args.format == "json":
        print(json.dumps(results, indent=2, ensure_ascii=False))
    return worst


def render(report: CmrtReport) -> str:
    """A plain-text account of a report, for people."""
    d = report.declaration
    lines = [
        f"CMRT {report.version} ({report.version_date or 'date unknown'}), language {report.language}",
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
