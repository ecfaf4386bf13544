"""Campaigns link to the platform's objectives instead of naming them in free text (step 1 of 3:
the text is kept aside while the links are added)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("aims", "0002_seed_platform"),
        ("campaigns", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(
            model_name="campaign", old_name="objectives", new_name="objectives_text"
        ),
        migrations.AddField(
            model_name="campaign",
            name="objectives",
            field=models.ManyToManyField(
                blank=True,
                help_text="The objectives of the platform this campaign works towards.",
                related_name="campaigns",
                to="aims.objective",
            ),
        ),
    ]
