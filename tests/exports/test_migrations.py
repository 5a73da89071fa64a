"""ExportJob moved from the api app to the exports app: a database made before the move (migrated
back to then here) keeps its exports when it migrates."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("api", "0001_initial"), ("exports", None)]  # the api app kept ExportJob; no exports app yet


@pytest.mark.django_db(transaction=True)
def test_an_export_made_before_the_move_is_still_there_after_it():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    executor.loader.build_graph()
    old = executor.loader.project_state([("api", "0001_initial")]).apps
    person = old.get_model("directory", "Person").objects.create(username="cora")
    old_job = old.get_model("api", "ExportJob")
    old_job.objects.create(person=person, kind="plans", format="csv", filename="旧的导出.csv")

    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    new = executor.loader.project_state(latest).apps
    moved = new.get_model("exports", "ExportJob").objects.values_list("filename", "person__username")
    assert list(moved) == [("旧的导出.csv", "cora")]
    with pytest.raises(LookupError):
        new.get_model("api", "ExportJob")
