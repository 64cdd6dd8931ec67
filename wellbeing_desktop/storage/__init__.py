"""Storage: SQLAlchemy only. Models, the engine and its pragmas, migrations, repositories."""
