"""Moving the test database between migrations inside a test (``transaction=True``: schema
changes cannot run in a test's transaction), and the models as they were at a migration."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(*targets: tuple[str, str]) -> None:
    """Migrate to ``targets`` (app label, migration name), or to the latest migrations of every
    app when none are named. A test that goes back goes forward again in a ``finally``."""
    executor = MigrationExecutor(connection)
    executor.migrate(list(targets) or executor.loader.graph.leaf_nodes())


def model_at(target: tuple[str, str], app_label: str, model_name: str):
    """The historical model ``app_label.model_name`` as migration ``target`` left it."""
    state = MigrationExecutor(connection).loader.project_state(target)
    return state.apps.get_model(app_label, model_name)
