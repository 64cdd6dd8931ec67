"""The settings tests use the same database, scenario and keyboard as the form tests."""

from tests.ui.forms.conftest import app_db, keyboard, scenario, template_database  # noqa: F401
