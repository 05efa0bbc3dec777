"""Alembic environment for the store, run from the installed package.

cspm_opa.store runs the migrations itself (``upgrade`` on first use), handing its own
connection in ``config.attributes["connection"]``. For a developer writing a revision::

    alembic -c cspm_opa/store/migrations/alembic.ini -x url=sqlite:///dev.db revision -m "..."
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from cspm_opa.store._models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise SystemExit("name the database: alembic -x url=sqlite:///store.db ...")
    engine = create_engine(url)
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()
