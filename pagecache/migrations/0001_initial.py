from django.db import migrations, models


def first_generation(apps, schema_editor):
    apps.get_model("pagecache", "Generation").objects.using(schema_editor.connection.alias).create(
        pk=1, number=0
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Generation",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.BigIntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.CheckConstraint(condition=models.Q(("pk", 1)), name="generation_single_row")
                ],
            },
        ),
        migrations.RunPython(first_generation, migrations.RunPython.noop),
    ]
