"""Alembic environment: runs against the engine the app hands over (never a URL in a file)."""

from alembic import context

from wellbeing_desktop.storage.models import Base

engine = context.config.attributes["engine"]

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()
