"""Command line: `python -m lib.cli COMMAND` (init-db, build-sources, ...)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from lib.db import DATA_DIR, database_url, make_engine

SEED_DIR = DATA_DIR / "seeds"


def cmd_init_db(args: argparse.Namespace) -> int:
    """Create or upgrade the schema in place, then load the curated data; uploaded actuals stay."""
    from lib.curated import load_curated
    from lib.migrate import upgrade

    engine = make_engine(args.database_url)
    print(f"{'schema':<24} {upgrade(engine).summary}")
    counts = load_curated(engine, Path(args.data_dir))
    for file_name, count in counts.items():
        print(
            f"{file_name:<24} +{count.inserted} ~{count.updated} -{count.deleted}"
            if count.changed
            else f"{file_name:<24} unchanged"
        )
    return 0


def cmd_copy_db(args: argparse.Namespace) -> int:
    """Copy every table to another database (--to URL), row counts and sums checked."""
    from sqlalchemy.engine import make_url

    from lib.dbcopy import CopyError, copy_database

    try:
        copied = copy_database(args.database_url, args.to, replace=args.replace)
    except CopyError as error:
        print(f"copy-db: {error}", file=sys.stderr)
        return 1
    for table in copied:
        print(f"{table.table:<16} {table.rows:>9} rows, count and {table.checks} column sums match")
    target = make_url(args.to).render_as_string(hide_password=True)
    print(f"copied {sum(t.rows for t in copied)} rows in {len(copied)} tables to {target}")
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


def cmd_import_actuals(args: argparse.Namespace) -> int:
    """Check a CSV or XLSX of actuals and import it as one batch (nothing on any problem)."""
    from lib.actuals.importer import commit, prepare
    from lib.actuals.messages import describe
    from lib.actuals.problems import Limits, Refusal
    from lib.i18n import t

    lang, path = args.lang, Path(args.path)
    if not path.is_file():
        print(t("upload.cli.not_found", lang, path=path), file=sys.stderr)
        return 1
    engine = make_engine(args.database_url)
    if not _has_actuals_tables(engine, lang):
        return 1
    limits = Limits(max_bytes=args.max_bytes, max_rows=args.max_rows)
    prepared = prepare(engine, path.read_bytes(), path.name, limits)
    for warning in prepared.checked.warnings:
        print(describe(warning, lang), file=sys.stderr)
    if not prepared.ok:
        for problem in prepared.checked.errors:
            print(describe(problem, lang))
        print(t("upload.cli.rejected", lang, count=len(prepared.checked.errors)), file=sys.stderr)
        return 1
    if prepared.duplicate_of:
        print(t("upload.problem.already_imported", lang, **prepared.duplicate_of))
        return 0
    counts = prepared.counts
    if args.dry_run:
        print(t("upload.cli.checked", lang, **counts))
        return 0
    if not prepared.writable:
        print(t("upload.problem.nothing_to_change", lang))
        return 0
    try:
        done = commit(engine, prepared, who=args.who)
    except Refusal as refusal:
        print(describe(refusal.problem, lang), file=sys.stderr)
        return 75 if refusal.problem.code == "busy" else 1  # 75: try again, as main() says
    print(
        t(
            "upload.cli.committed",
            lang,
            batch=done.batch_id,
            inserted=done.inserted,
            updated=done.updated,
            unchanged=done.unchanged,
        )
    )
    return 0


def cmd_batches(args: argparse.Namespace) -> int:
    """List every upload batch, newest first."""
    from lib.actuals.importer import history
    from lib.i18n import t

    engine = make_engine(args.database_url)
    if not _has_actuals_tables(engine, args.lang):
        return 1
    batches = history(engine)
    if batches.empty:
        print(t("upload.cli.no_batches", args.lang))
        return 0
    for batch in batches.itertuples(index=False):
        print(
            f"#{batch.id:<5} {batch.created_at:%Y-%m-%d %H:%M}  {batch.status:<9} "
            f"+{batch.rows_inserted} ~{batch.rows_updated} ={batch.rows_unchanged}  "
            f"{batch.who or '-'}  {batch.file_name}  {batch.sha256[:12]}"
        )
    return 0


def cmd_undo_batch(args: argparse.Namespace) -> int:
    """Undo one batch: restore what was there before it (refused if later batches built on it)."""
    from lib.actuals.importer import undo
    from lib.actuals.messages import describe
    from lib.actuals.problems import Refusal
    from lib.i18n import t

    engine = make_engine(args.database_url)
    if not _has_actuals_tables(engine, args.lang):
        return 1
    try:
        done = undo(engine, args.batch_id)
    except Refusal as refusal:
        print(describe(refusal.problem, args.lang), file=sys.stderr)
        return 75 if refusal.problem.code == "busy" else 1
    counts = {"batch": done.batch_id, "removed": done.removed, "restored": done.restored}
    print(t("upload.undone", args.lang, **counts))
    return 0


def _has_actuals_tables(engine, lang: str) -> bool:
    """Whether init-db made the tables uploads need; if not, say so (no traceback)."""
    from sqlalchemy import inspect

    from lib.i18n import t

    tables = inspect(engine).get_table_names()
    if all(name in tables for name in ("indicator", "region", "uploadbatch", "actual")):
        return True
    print(t("common.no_data", lang), file=sys.stderr)
    return False


def _add_actuals_commands(commands) -> None:
    from lib.actuals.problems import MAX_BYTES, MAX_ROWS

    language = argparse.ArgumentParser(add_help=False)
    language.add_argument("--lang", choices=("en", "zh"), default="en", help="message language")
    imports = commands.add_parser(
        "import-actuals", parents=[language], help=cmd_import_actuals.__doc__
    )
    imports.add_argument("path", help="CSV (UTF-8, UTF-8 with BOM, GB18030) or XLSX file")
    imports.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    imports.add_argument("--who", default=None, help="recorded with the batch")
    imports.add_argument("--max-bytes", type=int, default=MAX_BYTES)
    imports.add_argument("--max-rows", type=int, default=MAX_ROWS)
    imports.set_defaults(run=cmd_import_actuals)
    listing = commands.add_parser("batches", parents=[language], help=cmd_batches.__doc__)
    listing.set_defaults(run=cmd_batches)
    undoing = commands.add_parser("undo-batch", parents=[language], help=cmd_undo_batch.__doc__)
    undoing.add_argument("batch_id", type=int, metavar="ID")
    undoing.set_defaults(run=cmd_undo_batch)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="python -m lib.cli", description=__doc__)
    parser.add_argument("--database-url", default=None, help="default: DATABASE_URL or data/")
    parser.add_argument("--data-dir", default=str(DATA_DIR))
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("init-db", help=cmd_init_db.__doc__).set_defaults(run=cmd_init_db)
    copy = commands.add_parser("copy-db", help=cmd_copy_db.__doc__)
    copy.add_argument("--to", required=True, metavar="URL", help="the target database")
    copy.add_argument("--replace", action="store_true", help="overwrite rows the target holds")
    copy.set_defaults(run=cmd_copy_db)
    commands.add_parser("check-data", help=cmd_check_data.__doc__).set_defaults(run=cmd_check_data)
    commands.add_parser("extract-candidates", help=cmd_extract_candidates.__doc__).set_defaults(
        run=cmd_extract_candidates
    )
    sources = commands.add_parser("build-sources", help=cmd_build_sources.__doc__)
    sources.add_argument("--seed-dir", default=str(SEED_DIR))
    sources.set_defaults(run=cmd_build_sources)
    _add_actuals_commands(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit code."""
    from sqlalchemy.exc import DBAPIError

    from lib.db import is_busy
    from lib.i18n import t

    args = build_parser().parse_args(argv)
    args.database_url = args.database_url or database_url()
    try:
        return args.run(args)
    except DBAPIError as error:
        if not is_busy(error):  # another upload, undo or upgrade held the database too long
            raise
        print(t("database.busy", getattr(args, "lang", "en")), file=sys.stderr)
        return 75  # EX_TEMPFAIL: nothing was written; try again


if __name__ == "__main__":
    sys.exit(main())
