"""One number per quarter: a quarter issued again is a correction (更正) of its number, with a
reason. Bulletins issued before this rule (a quarter issued as 第1期 and again as 第2期) keep
their printed numbers; the later ones of a quarter are counted as its corrections, in order, so
that the new constraint holds."""

from django.conf import settings
from django.db import migrations, models


def count_earlier_reissues_as_corrections(apps, schema_editor):
    Bulletin = apps.get_model("bulletins", "Bulletin")
    seen: dict[int, int] = {}
    for bulletin in Bulletin.objects.order_by("period_id", "number", "pk"):
        correction = seen.get(bulletin.period_id, -1) + 1
        seen[bulletin.period_id] = correction
        if correction:
            Bulletin.objects.filter(pk=bulletin.pk).update(
                correction=correction, reason="本系统按季度编号之前重复印发的同一季度通报"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("bulletins", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="bulletin",
            options={
                "ordering": ["plan", "-number", "-correction"],
                "verbose_name": "调度通报",
                "verbose_name_plural": "调度通报",
            },
        ),
        migrations.RemoveConstraint(
            model_name="bulletin",
            name="bulletin_number_unique_in_plan",
        ),
        migrations.AddField(
            model_name="bulletin",
            name="correction",
            field=models.PositiveSmallIntegerField(
                default=0, help_text="0 为首次印发，1 为第一次更正，依此类推", verbose_name="更正次数"
            ),
        ),
        migrations.AddField(
            model_name="bulletin",
            name="reason",
            field=models.TextField(blank=True, verbose_name="更正原因"),
        ),
        migrations.RunPython(count_earlier_reissues_as_corrections, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="bulletin",
            constraint=models.UniqueConstraint(
                fields=("plan", "number", "correction"), name="bulletin_number_unique_in_plan"
            ),
        ),
        migrations.AddConstraint(
            model_name="bulletin",
            constraint=models.UniqueConstraint(
                fields=("period", "correction"), name="bulletin_one_number_per_quarter"
            ),
        ),
    ]
