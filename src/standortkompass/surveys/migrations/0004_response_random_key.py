"""Responses get a random key (UUID) instead of a running number: neither the key nor the order of the keys
tells when a response was started, and so which invitation or mail wave it followed.

Existing responses keep their rows and answers and get a new random key; code assignments follow their
response. The steps work on SQLite and PostgreSQL: a new key column is filled, the assignments are pointed at
it, the old key column is dropped and the new one becomes the primary key named ``id``.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def give_random_keys(apps, schema_editor):
    Response = apps.get_model("surveys", "Response")
    CodeAssignment = apps.get_model("surveys", "CodeAssignment")
    for number in Response.objects.order_by("pk").values_list("pk", flat=True).iterator():
        Response.objects.filter(pk=number).update(key=uuid.uuid4())
    keys = dict(Response.objects.values_list("pk", "key"))
    for assignment, response in CodeAssignment.objects.values_list("pk", "response_id").iterator():
        CodeAssignment.objects.filter(pk=assignment).update(response_key=keys[response])


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0003_surveys_responses_mail"),
    ]

    operations = [
        # 1. The new key beside the old one, filled for every response and every code assignment.
        migrations.AddField(
            model_name="response",
            name="key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="codeassignment",
            name="response_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_random_keys, migrations.RunPython.noop, elidable=False),
        # 2. Nothing refers to the old key any more.
        migrations.RemoveConstraint(model_name="codeassignment", name="one_assignment_per_code_response"),
        migrations.AlterModelOptions(
            name="codeassignment",
            options={
                "ordering": ["code"],
                "verbose_name": "code assignment",
                "verbose_name_plural": "code assignments",
            },
        ),
        migrations.RemoveField(model_name="codeassignment", name="response"),
        # 3. The new key becomes the primary key, named id (first "not null" on its own, so that going back
        #    drops the primary key before it allows null again, as PostgreSQL needs).
        migrations.AlterField(
            model_name="response",
            name="key",
            field=models.UUIDField(editable=False),
        ),
        migrations.RemoveField(model_name="response", name="id"),
        migrations.AlterField(
            model_name="response",
            name="key",
            field=models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False),
        ),
        migrations.RenameField(model_name="response", old_name="key", new_name="id"),
        # 4. The code assignments refer to it again.
        migrations.AlterField(
            model_name="codeassignment",
            name="response_key",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="code_assignments",
                to="surveys.response",
                verbose_name="response",
            ),
        ),
        migrations.RenameField(model_name="codeassignment", old_name="response_key", new_name="response"),
        migrations.AlterModelOptions(
            name="codeassignment",
            options={
                "ordering": ["code", "response"],
                "verbose_name": "code assignment",
                "verbose_name_plural": "code assignments",
            },
        ),
        migrations.AddConstraint(
            model_name="codeassignment",
            constraint=models.UniqueConstraint(fields=("code", "response"), name="one_assignment_per_code_response"),
        ),
    ]
