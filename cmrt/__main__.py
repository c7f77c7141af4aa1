from cmrt.cli import run

raise SystemExit(run())
