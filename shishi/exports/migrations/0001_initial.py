"""ExportJob moves here from the api app. Its table stays where it is (api_exportjob, kept by
Meta.db_table), so nothing is copied: this migration only tells Django's state that the model is
now the exports app's; api's 0002 then forgets it there. A fresh database gets the table from
api's 0001, as before."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("api", "0001_initial"),
        ("plans", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ExportJob",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("kind", models.CharField(max_length=12)),
                        ("format", models.CharField(max_length=4)),
                        (
                            "state",
                            models.CharField(
                                choices=[
                                    ("queued", "排队中"),
                                    ("running", "生成中"),
                                    ("done", "已完成"),
                                    ("failed", "失败"),
                                ],
                                default="queued",
                                max_length=8,
                            ),
                        ),
                        ("done", models.PositiveIntegerField(default=0)),
                        ("total", models.PositiveIntegerField(default=0)),
                        ("file", models.FileField(blank=True, upload_to="exports/%Y/")),
                        ("filename", models.CharField(blank=True, default="", max_length=200)),
                        ("error", models.CharField(blank=True, default="", max_length=300)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "person",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="export_jobs",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "plan",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="plans.plan",
                            ),
                        ),
                    ],
                    options={"ordering": ["-created_at", "-id"], "db_table": "api_exportjob"},
                ),
            ],
            database_operations=[],
        ),
    ]
