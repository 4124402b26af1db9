"""Alembic environment: the target is every table of lib.models, the database is the app's.

`python -m lib.cli init-db` (lib.migrate.upgrade) hands over its own connection, already in
a transaction that holds the migration lock. Run directly (`alembic -c migrations/alembic.ini
upgrade head`), this opens DATABASE_URL, or data/tracker.db, the same way.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlmodel import SQLModel

from lib.db import database_url, make_engine
from lib.migrate import migration_connection, run_in_context

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = SQLModel.metadata


def run_migrations_offline() -> None:
    """Emit the SQL for a database that is not reachable (`alembic upgrade head --sql`)."""
    url = config.get_main_option("sqlalchemy.url") or database_url()
    context.configure(
        url=url,
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Migrate on the connection handed over by lib.migrate, or on a new one."""
    connection = config.attributes.get("connection")
    if connection is not None:
        run_in_context(context, connection, target_metadata)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or database_url())
    try:
        with migration_connection(engine) as connection:
            run_in_context(context, connection, target_metadata)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
