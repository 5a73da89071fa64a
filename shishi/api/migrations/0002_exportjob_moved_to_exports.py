"""ExportJob is the exports app's now (exports 0001): the api app forgets it without touching its
table, and the model's content type (which its permissions point to) follows it."""

from django.db import migrations


def content_type_to_exports(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="exports", model="exportjob").exists():
        ContentType.objects.filter(app_label="api", model="exportjob").update(app_label="exports")


def content_type_to_api(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="api", model="exportjob").exists():
        ContentType.objects.filter(app_label="exports", model="exportjob").update(app_label="api")


class Migration(migrations.Migration):
    dependencies = [
        ("api", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("exports", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ExportJob")],
            database_operations=[],
        ),
        migrations.RunPython(content_type_to_exports, content_type_to_api),
    ]
