"""Command line: `python -m lib.cli COMMAND` (init-db, build-sources, ...)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lib.db import DATA_DIR, database_url, make_engine

SEED_DIR = DATA_DIR / "seeds"


def cmd_init_db(args: argparse.Namespace) -> int:
    """Create or update the schema and load the curated data; uploaded actuals stay."""
    from lib.curated import load_curated

    engine = make_engine(args.database_url)
    counts = load_curated(engine, Path(args.data_dir))
    for file_name, count in counts.items():
        print(
            f"{file_name:<24} +{count.inserted} ~{count.updated} -{count.deleted}"
            if count.changed
            else f"{file_name:<24} unchanged"
        )
    return 0


def cmd_build_sources(args: argparse.Namespace) -> int:
    """Rebuild data/sources/ from the seed documents."""
    from lib.sources import build_sources

    for path in build_sources(Path(args.seed_dir), Path(args.data_dir) / "sources"):
        print(path)
    return 0


def cmd_check_data(args: argparse.Namespace) -> int:
    """Check every quote, value and id in data/; exit 1 and list the problems if any."""
    from lib.datacheck import check_data

    problems = check_data(Path(args.data_dir))
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problems" if problems else "data OK")
    return 1 if problems else 0


def cmd_extract_candidates(args: argparse.Namespace) -> int:
    """List numeric statements in the sources that no curated target quotes (for review)."""
    import pandas as pd

    from lib.extract import scan_sources, uncovered_candidates

    data_dir = Path(args.data_dir)
    candidates = scan_sources(data_dir / "sources")
    targets = pd.read_csv(data_dir / "targets.csv", dtype=str, keep_default_na=False)
    uncovered = uncovered_candidates(candidates, targets)
    print(uncovered.to_csv(index=False), end="")
    print(f"# {len(uncovered)} of {len(candidates)} candidates not covered", file=sys.stderr)
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="python -m lib.cli", description=__doc__)
    parser.add_argument("--database-url", default=None, help="default: DATABASE_URL or data/")
    parser.add_argument("--data-dir", default=str(DATA_DIR))
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("init-db", help=cmd_init_db.__doc__).set_defaults(run=cmd_init_db)
    commands.add_parser("check-data", help=cmd_check_data.__doc__).set_defaults(run=cmd_check_data)
    commands.add_parser("extract-candidates", help=cmd_extract_candidates.__doc__).set_defaults(
        run=cmd_extract_candidates
    )
    sources = commands.add_parser("build-sources", help=cmd_build_sources.__doc__)
    sources.add_argument("--seed-dir", default=str(SEED_DIR))
    sources.set_defaults(run=cmd_build_sources)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args = build_parser().parse_args(argv)
    args.database_url = args.database_url or database_url()
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
