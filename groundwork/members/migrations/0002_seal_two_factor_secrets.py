"""Seal the two-factor secrets stored before they were encrypted at rest (members/adapters.py)."""

from django.db import migrations

from groundwork.members.adapters import SEALED_PREFIX as PREFIX
from groundwork.members.adapters import seal, unseal

# The fields of Authenticator.data that allauth passes through its adapter's encrypt().
SECRET_FIELDS = ("secret", "seed")


def seal_all(apps, schema_editor):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.iterator():
        data = dict(authenticator.data)
        for field in SECRET_FIELDS:
            if isinstance(data.get(field), str) and not data[field].startswith(PREFIX):
                data[field] = seal(data[field])
        if isinstance(data.get("migrated_codes"), list):
            data["migrated_codes"] = [
                code if code.startswith(PREFIX) else seal(code) for code in data["migrated_codes"]
            ]
        if data != authenticator.data:
            Authenticator.objects.filter(pk=authenticator.pk).update(data=data)


def unseal_all(apps, schema_editor):
    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.iterator():
        data = dict(authenticator.data)
        for field in SECRET_FIELDS:
            if isinstance(data.get(field), str):
                data[field] = unseal(data[field])
        if isinstance(data.get("migrated_codes"), list):
            data["migrated_codes"] = [unseal(code) for code in data["migrated_codes"]]
        Authenticator.objects.filter(pk=authenticator.pk).update(data=data)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0001_initial"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(seal_all, unseal_all, elidable=True)]
